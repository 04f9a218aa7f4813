/* The command line of a run and of its host (run.py writes the first). */
#include <stdlib.h>
#include <wchar.h>
#include "bench.h"

const char *const setting_names[SETTING_COUNT] = { "apartment", "process", "loopback", "direct" };

/* --variant NAME --dll PATH|- [--expect-module PATH] [--setting S] [--budget-ms B]
 * [--files N] [--sweep-max N] [--diagnose 0|1]; first is the index of the first key. */
BOOL child_opts_parse(int argc, WCHAR **argv, int first, struct child_opts *opts)
{
    int i;

    memset(opts, 0, sizeof(*opts));
    opts->budget_ms = 200;
    opts->file_count = 1024;
    for (i = first; i + 1 < argc; i += 2)
    {
        const WCHAR *key = argv[i], *value = argv[i + 1];
        if (!wcscmp(key, L"--variant"))
            WideCharToMultiByte(CP_UTF8, 0, value, -1, opts->variant, sizeof(opts->variant), NULL, NULL);
        else if (!wcscmp(key, L"--dll"))
            wcsncpy(opts->dll, wcscmp(value, L"-") ? value : L"", MAX_PATH - 1);
        else if (!wcscmp(key, L"--expect-module"))
            wcsncpy(opts->expect_module, wcscmp(value, L"-") ? value : L"", MAX_PATH - 1);
        else if (!wcscmp(key, L"--setting"))
        {
            unsigned int s;
            char name[16];
            WideCharToMultiByte(CP_UTF8, 0, value, -1, name, sizeof(name), NULL, NULL);
            for (s = 0; s < SETTING_COUNT && strcmp(name, setting_names[s]); s++) {}
            if (s == SETTING_COUNT) return FALSE;
            opts->setting = s;
        }
        else if (!wcscmp(key, L"--budget-ms")) opts->budget_ms = _wtof(value);
        else if (!wcscmp(key, L"--files")) opts->file_count = wcstoul(value, NULL, 10);
        else if (!wcscmp(key, L"--sweep-max")) opts->sweep_max = wcstoul(value, NULL, 10);
        else if (!wcscmp(key, L"--diagnose")) opts->diagnose = !wcscmp(value, L"1");
        else return FALSE;
    }
    return i == argc && opts->variant[0] && opts->file_count && opts->budget_ms > 0;
}

void child_opts_format(const struct child_opts *opts, WCHAR *out, size_t size)
{
    swprintf(out, size, L"--variant %hs --dll \"%ls\" --expect-module \"%ls\" --setting %hs --budget-ms %.3f"
             L" --files %lu --sweep-max %lu --diagnose %d", opts->variant, opts->dll[0] ? opts->dll : L"-",
             opts->expect_module[0] ? opts->expect_module : L"-", setting_names[opts->setting], opts->budget_ms,
             opts->file_count, opts->sweep_max, opts->diagnose ? 1 : 0);
}
