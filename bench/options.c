/* The child's and host's command line, written by the parent. */
#include <stdlib.h>
#include <wchar.h>
#include "bench.h"

const char *const setting_names[SETTING_COUNT] = { "apartment", "process", "loopback", "direct" };
const char *const setting_titles[SETTING_COUNT] =
{
    "cross-apartment: objects in an STA, client in the MTA of the same process",
    "cross-process: objects in an STA of a host process, client in the MTA",
    "loopback: the DLL's proxy and stub in one thread, joined without RPC (the DLL's own cost)",
    "direct: the same calls on the objects themselves, no proxy (the model's own cost)",
};

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
        else if (!wcscmp(key, L"--setting"))
            opts->setting = !wcscmp(value, L"process") ? SETTING_PROCESS :
                            !wcscmp(value, L"loopback") ? SETTING_LOOPBACK :
                            !wcscmp(value, L"direct") ? SETTING_DIRECT : SETTING_APARTMENT;
        else if (!wcscmp(key, L"--budget-ms")) opts->budget_ms = _wtof(value);
        else if (!wcscmp(key, L"--files")) opts->file_count = wcstoul(value, NULL, 10);
        else if (!wcscmp(key, L"--sweep-max")) opts->sweep_max = wcstoul(value, NULL, 10);
        else if (!wcscmp(key, L"--count")) opts->count_calls = !wcscmp(value, L"1");
        else if (!wcscmp(key, L"--anatomy")) opts->anatomy = !wcscmp(value, L"1");
        else return FALSE;
    }
    return i == argc && opts->variant[0] && opts->file_count;
}

void child_opts_format(const struct child_opts *opts, WCHAR *out, size_t size)
{
    swprintf(out, size, L"--variant %hs --dll \"%ls\" --setting %hs --budget-ms %.3f --files %lu --sweep-max %lu"
             L" --count %d --anatomy %d", opts->variant, opts->dll[0] ? opts->dll : L"-", setting_names[opts->setting],
             opts->budget_ms, opts->file_count, opts->sweep_max, opts->count_calls ? 1 : 0, opts->anatomy ? 1 : 0);
}

void unix_to_windows_path(const char *unix_path, WCHAR *out, size_t size)
{
    WCHAR *p;
    out[0] = 'Z';
    out[1] = ':';
    MultiByteToWideChar(CP_UTF8, 0, unix_path, -1, out + 2, (int)size - 2);
    for (p = out; *p; p++) if (*p == '/') *p = '\\';
}
