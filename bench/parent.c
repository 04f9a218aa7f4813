/*
 * The parent: bench.exe <builddir> [options]. For each round and setting it
 * runs one child per DLL variant, in the same order every round (A B A B),
 * after one warm-up round whose numbers are dropped. Each child prints one
 * median per method; the parent keeps one value per round and reports the
 * median over rounds.
 *
 * Options:
 *   --rounds R        measured rounds (default 5)
 *   --no-warmup       skip the warm-up round
 *   --budget-ms B     time per method in each child (default 200)
 *   --sweep-max N     largest N of the Next(N) sweep (default 10000, 0 = none)
 *   --files N         files in the enumerator (default: max(1024, sweep-max))
 *   --variants LIST   comma-separated (default ours,builtin):
 *                       ours            build/proxy/qmgrprxy.dll, registered in-process
 *                       builtin         Wine's builtin qmgrprxy.dll (see copy_builtin)
 *                       builtin-loader  the same, loaded by name (needs qmgrprxy=n,b)
 *                       ours-registry   ours through the prefix's registration
 *                       inline, gcc-os  the other builds of bench/meson.build
 *                       NAME=/path.dll  any other build
 *   --settings LIST   apartment,process (default both)
 *   --count           also count channel calls per method (chanhook.c)
 *   --anatomy         time the pieces of a call instead of the methods (anatomy.c)
 *   --smoke           tiny counts and the smoke test's checks (smoke.c)
 *   --out DIR         where the CSVs and the PNG go (default <builddir>/bench)
 */
#include <stdarg.h>
#include <stdlib.h>
#include <wchar.h>
#include "bench.h"

struct parent_opts
{
    WCHAR builddir[MAX_PATH], out_dir[MAX_PATH];
    unsigned int rounds;
    BOOL warmup, smoke, files_given;
    WCHAR variants[512], settings[64];
    struct child_opts child;
};

double series_median(const struct series *s)
{
    double copy[MAX_ROUNDS];
    memcpy(copy, s->value, s->count * sizeof(*copy));
    return median(copy, s->count);
}

void results_problem(struct results *r, const char *format, ...)
{
    size_t used = strlen(r->problems);
    va_list args;
    va_start(args, format);
    vsnprintf(r->problems + used, sizeof(r->problems) - used - 1, format, args);
    va_end(args);
    strncat(r->problems, "\n", sizeof(r->problems) - strlen(r->problems) - 1);
}

static void to_windows_path(const WCHAR *path, WCHAR *out)
{
    char utf8[MAX_PATH];
    if (path[0] != '/') { wcsncpy(out, path, MAX_PATH - 1); return; }
    WideCharToMultiByte(CP_UTF8, 0, path, -1, utf8, sizeof(utf8), NULL, NULL);
    unix_to_windows_path(utf8, out, MAX_PATH);
}

static BOOL files_equal(const WCHAR *a, const WCHAR *b)
{
    FILE *fa = _wfopen(a, L"rb"), *fb = _wfopen(b, L"rb");
    BOOL same = fa && fb;
    int ca, cb;
    while (same)
    {
        ca = fgetc(fa);
        cb = fgetc(fb);
        same = ca == cb;
        if (ca == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* Wine gives every process the WINEDLLOVERRIDES of the Unix environment it
 * was started from (a Windows parent cannot change it for its children), so
 * an override cannot pick the DLL per child. Instead each child loads its
 * DLL by path; Wine's builtin is used as a copy under another name, which
 * no qmgrprxy override applies to. Wine 8 installs its PE builtins into
 * system32, so that file is the builtin itself; the copy is compared with it
 * and with the one in Wine's own DLL directory. */
static BOOL copy_builtin(const WCHAR *out_dir, WCHAR *copy, struct results *r)
{
    WCHAR system_file[MAX_PATH], dll_dir[MAX_PATH], wine_file[MAX_PATH];
    BOOL same;

    GetSystemDirectoryW(system_file, MAX_PATH);
    wcscat(system_file, L"\\qmgrprxy.dll");
    CreateDirectoryW(out_dir, NULL);
    swprintf(copy, MAX_PATH, L"%ls\\wine-builtin-qmgrprxy.dll", out_dir);
    if (!CopyFileW(system_file, copy, FALSE))
    {
        results_problem(r, "could not copy Wine's builtin %ls", system_file);
        return FALSE;
    }
    same = files_equal(copy, system_file);
    if (GetEnvironmentVariableW(L"WINEDLLDIR0", dll_dir, MAX_PATH))   /* \??\Z:\usr\lib\...\wine */
    {
        swprintf(wine_file, MAX_PATH, L"%ls\\%ls\\qmgrprxy.dll", dll_dir + (wcsncmp(dll_dir, L"\\??\\", 4) ? 0 : 4),
                 sizeof(void *) == 8 ? L"x86_64-windows" : L"i386-windows");
        same &= files_equal(copy, wine_file);
        printf("builtin: %ls, a copy of %ls, byte-identical to %ls: %s\n", copy, system_file, wine_file, same ? "yes" : "NO");
    }
    else printf("builtin: %ls, a copy of %ls: %s\n", copy, system_file, same ? "identical" : "DIFFERENT");
    if (!same) results_problem(r, "the builtin copy differs from Wine's builtin");
    return same;
}

static BOOL add_variant(struct results *r, const WCHAR *spec, const WCHAR *builddir, const WCHAR *out_dir)
{
    struct variant_def *v = &r->variant[r->variant_count];
    const WCHAR *equals = wcschr(spec, '=');

    if (r->variant_count == MAX_VARIANTS) return FALSE;
    memset(v, 0, sizeof(*v));
    if (equals)                                   /* NAME=path: any other build of the DLL */
    {
        WideCharToMultiByte(CP_UTF8, 0, spec, (int)(equals - spec), v->name, sizeof(v->name) - 1, NULL, NULL);
        to_windows_path(equals + 1, v->dll);
    }
    else
    {
        WideCharToMultiByte(CP_UTF8, 0, spec, -1, v->name, sizeof(v->name), NULL, NULL);
        if (!wcscmp(spec, L"ours") || !wcscmp(spec, L"ours-registry"))
            swprintf(v->dll, MAX_PATH, L"%ls\\proxy\\qmgrprxy.dll", builddir);
        else if (!wcscmp(spec, L"inline"))
            swprintf(v->dll, MAX_PATH, L"%ls\\bench\\qmgrprxy-inline.dll", builddir);
        else if (!wcscmp(spec, L"gcc-os"))
            swprintf(v->dll, MAX_PATH, L"%ls\\bench\\qmgrprxy-gcc-os.dll", builddir);
        else if (!wcscmp(spec, L"builtin"))
        {
            if (!copy_builtin(out_dir, v->dll, r)) return TRUE;   /* reported; its children fail */
        }
        else if (!wcscmp(spec, L"builtin-loader"))
        {
            /* Wine's builtin by name, as its loader loads it: needs
             * WINEDLLOVERRIDES to allow builtin qmgrprxy (qmgrprxy=n,b). */
            wcscpy(v->dll, L"qmgrprxy.dll");
            GetSystemDirectoryW(v->expect_module, MAX_PATH);
            wcscat(v->expect_module, L"\\qmgrprxy.dll");
        }
        else return FALSE;
    }
    if (!v->expect_module[0]) wcscpy(v->expect_module, v->dll);
    if (!wcscmp(spec, L"ours-registry")) v->dll[0] = 0;    /* proxies through the prefix's registration */
    r->variant_count++;
    return TRUE;
}

static BOOL parse_options(int argc, WCHAR **argv, struct parent_opts *o)
{
    int i;

    memset(o, 0, sizeof(*o));
    o->rounds = 5;
    o->warmup = TRUE;
    o->child.budget_ms = 200;
    o->child.sweep_max = 10000;
    wcscpy(o->variants, L"ours,builtin");
    wcscpy(o->settings, L"apartment,process");
    if (argc < 2) return FALSE;
    to_windows_path(argv[1], o->builddir);
    for (i = 2; i < argc; i++)
    {
        const WCHAR *key = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!wcscmp(key, L"--no-warmup")) { o->warmup = FALSE; continue; }
        if (!wcscmp(key, L"--count")) { o->child.count_calls = TRUE; continue; }
        if (!wcscmp(key, L"--anatomy")) { o->child.anatomy = TRUE; continue; }
        if (!wcscmp(key, L"--smoke"))
        {
            o->smoke = TRUE;
            o->rounds = 1;
            o->warmup = FALSE;
            o->child.budget_ms = 30;
            o->child.sweep_max = 20;
            o->child.file_count = 64;
            o->files_given = TRUE;
            continue;
        }
        if (!value) return FALSE;
        i++;
        if (!wcscmp(key, L"--rounds")) o->rounds = wcstoul(value, NULL, 10);
        else if (!wcscmp(key, L"--budget-ms")) o->child.budget_ms = _wtof(value);
        else if (!wcscmp(key, L"--sweep-max")) o->child.sweep_max = wcstoul(value, NULL, 10);
        else if (!wcscmp(key, L"--files")) { o->child.file_count = wcstoul(value, NULL, 10); o->files_given = TRUE; }
        else if (!wcscmp(key, L"--variants")) wcsncpy(o->variants, value, ARRAYSIZE(o->variants) - 1);
        else if (!wcscmp(key, L"--settings")) wcsncpy(o->settings, value, ARRAYSIZE(o->settings) - 1);
        else if (!wcscmp(key, L"--out")) to_windows_path(value, o->out_dir);
        else return FALSE;
    }
    if (!o->files_given) o->child.file_count = max(1024, o->child.sweep_max);
    if (!o->out_dir[0]) swprintf(o->out_dir, MAX_PATH, L"%ls\\bench", o->builddir);
    return o->rounds >= 1 && o->rounds < MAX_ROUNDS;
}

/* Runs one child to its end; returns its whole standard output. */
static char *run_child(const struct child_opts *opts)
{
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    STARTUPINFOW si = {0};
    PROCESS_INFORMATION pi;
    static WCHAR cmdline[4 * MAX_PATH], exe[MAX_PATH];
    WCHAR args[3 * MAX_PATH];
    HANDLE read_end, write_end;
    size_t used = 0, size = 65536;
    char *output = malloc(size);
    DWORD got;
    BOOL started;

    if (!CreatePipe(&read_end, &write_end, &inherit, 0)) return NULL;
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = write_end;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    child_opts_format(opts, args, ARRAYSIZE(args));
    swprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" --child %ls", exe, args);
    started = CreateProcessW(exe, cmdline, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    CloseHandle(write_end);
    if (!started) { CloseHandle(read_end); free(output); return NULL; }
    while (ReadFile(read_end, output + used, (DWORD)(size - used - 1), &got, NULL) && got)
        if ((used += got) + 1 == size) output = realloc(output, size *= 2);
    output[used] = 0;
    CloseHandle(read_end);
    WaitForSingleObject(pi.hProcess, INFINITE);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return output;
}

static int method_index(const char *name, ULONG n)
{
    unsigned int i;
    for (i = 0; i < bench_method_count; i++)
        if (!strcmp(bench_methods[i].name, name) && bench_methods[i].n == n) return i;
    return -1;
}

static int sweep_index(ULONG n)
{
    unsigned int i;
    for (i = 0; i < SWEEP_SIZE_COUNT; i++) if (sweep_sizes[i] == n) return i;
    return -1;
}

static void append(struct series *s, double value)
{
    if (s->count < MAX_ROUNDS) s->value[s->count++] = value;
}

/* Files one child's output under (variant, setting); keep = not the warm-up. */
static void parse_child(struct results *r, unsigned int v, enum setting s, char *output, BOOL keep)
{
    const struct variant_def *def = &r->variant[v];
    size_t calls_size = 0;
    BOOL done = FALSE;
    char *line, *next;

    if (keep) { free(r->calls[v][s]); r->calls[v][s] = NULL; }
    for (line = output; line && *line; line = next)
    {
        char name[64], rest[512];
        unsigned long n;
        double us, floor_us;
        unsigned int i;
        int k;

        if ((next = strchr(line, '\n'))) *next++ = 0;
        line[strcspn(line, "\r")] = 0;
        if (!strcmp(line, "done")) done = TRUE;
        else if (sscanf(line, "result %63s %lu %lf %*u %lf", name, &n, &us, &floor_us) == 4)
        {
            if ((k = method_index(name, n)) < 0 || !keep) continue;
            append(&r->method[v][s][k], us);
            append(&r->paired_floor[v][s][k], floor_us);
            append(&r->overhead[v][s][k], us - floor_us);
        }
        else if (sscanf(line, "na %63s %lu %511s", name, &n, rest) == 3)
        {
            if ((k = method_index(name, n)) >= 0) snprintf(r->method[v][s][k].note, sizeof(r->method[v][s][k].note), "%s", rest);
            else results_problem(r, "%s, %s: %s", def->name, setting_names[s], line);
        }
        else if (sscanf(line, "sweep %lu %lf", &n, &us) == 2)
        {
            if ((k = sweep_index(n)) >= 0 && keep) append(&r->sweep[v][s][k], us);
        }
        else if (sscanf(line, "module %63s %511[^\n]", name, rest) == 2)
        {
            for (i = 0; i < IFACE_COUNT; i++)
            {
                if (strcmp(name, bench_iface_names[i])) continue;
                MultiByteToWideChar(CP_UTF8, 0, rest, -1, r->module[v][s][i], MAX_PATH);
                if (_wcsicmp(r->module[v][s][i], def->expect_module))
                    results_problem(r, "%s, %s: %s proxy from %ls, expected %ls", def->name, setting_names[s],
                                    name, r->module[v][s][i], def->expect_module);
            }
        }
        else if (sscanf(line, "anatomy %63s %lf", name, &us) == 2)
        {
            for (i = 0; i < r->anatomy_count && strcmp(r->anatomy_label[i], name); i++) {}
            if (i == r->anatomy_count && i < ARRAYSIZE(r->anatomy_label)) strcpy(r->anatomy_label[r->anatomy_count++], name);
            if (i < ARRAYSIZE(r->anatomy_label) && keep) append(&r->anatomy[v][s][i], us);
        }
        else if (sscanf(line, "unavailable %63s %lx", name, &n) == 2)
        {
            /* E_NOINTERFACE (not covered) and E_NOTIMPL (no model yet) become n/a notes. */
            if (n != (unsigned long)E_NOINTERFACE && n != (unsigned long)E_NOTIMPL)
                results_problem(r, "%s, %s: %s: hr %08lx", def->name, setting_names[s], name, n);
        }
        else if (!strncmp(line, "calls ", 6) && keep)
        {
            size_t len = strlen(line);
            r->calls[v][s] = realloc(r->calls[v][s], calls_size + len + 2);
            memcpy(r->calls[v][s] + calls_size, line, len);
            calls_size += len;
            r->calls[v][s][calls_size++] = '\n';
            r->calls[v][s][calls_size] = 0;
        }
        else if (*line) results_problem(r, "%s, %s: %s", def->name, setting_names[s], line);
    }
    if (!done) results_problem(r, "%s, %s: the child did not finish", def->name, setting_names[s]);
}

static void split_list(const WCHAR *list, void (*each)(const WCHAR *item, void *ctx), void *ctx)
{
    WCHAR item[256];
    while (*list)
    {
        size_t len = wcscspn(list, L",");
        if (len && len < ARRAYSIZE(item))
        {
            memcpy(item, list, len * sizeof(WCHAR));
            item[len] = 0;
            each(item, ctx);
        }
        list += len;
        if (*list) list++;
    }
}

struct list_ctx { struct results *r; const struct parent_opts *o; BOOL ok; };

static void each_variant(const WCHAR *item, void *arg)
{
    struct list_ctx *ctx = arg;
    if (!add_variant(ctx->r, item, ctx->o->builddir, ctx->o->out_dir)) { fprintf(stderr, "bench: unknown variant %ls\n", item); ctx->ok = FALSE; }
}

static void each_setting(const WCHAR *item, void *arg)
{
    struct list_ctx *ctx = arg;
    if (!wcscmp(item, L"apartment")) ctx->r->setting_on[SETTING_APARTMENT] = TRUE;
    else if (!wcscmp(item, L"process")) ctx->r->setting_on[SETTING_PROCESS] = TRUE;
    else { fprintf(stderr, "bench: unknown setting %ls\n", item); ctx->ok = FALSE; }
}

int parent_main(int argc, WCHAR **argv)
{
    static struct results results;
    struct results *r = &results;
    struct parent_opts o;
    struct list_ctx ctx = { r, &o, TRUE };
    WCHAR csv[MAX_PATH], rounds_csv[MAX_PATH], png[MAX_PATH];
    unsigned int round, v, failures = 0;
    enum setting s;

    if (!parse_options(argc, argv, &o))
    {
        fprintf(stderr, "usage: bench <builddir> [--rounds R] [--no-warmup] [--budget-ms B] [--sweep-max N] [--files N]\n"
                        "             [--variants ours,builtin,...] [--settings apartment,process] [--count] [--smoke] [--out DIR]\n");
        return 2;
    }
    split_list(o.variants, each_variant, &ctx);
    split_list(o.settings, each_setting, &ctx);
    if (!ctx.ok || !r->variant_count) return 2;
    for (v = 0; v < r->variant_count; v++) if (!strcmp(r->variant[v].name, "builtin")) r->reference = v;
    r->rounds = o.rounds;

    for (round = o.warmup ? 0 : 1; round <= o.rounds; round++)
        for (s = 0; s < SETTING_COUNT; s++)
        {
            if (!r->setting_on[s]) continue;
            for (v = 0; v < r->variant_count; v++)
            {
                struct child_opts opts = o.child;
                double start = now_us();
                char *output;

                snprintf(opts.variant, sizeof(opts.variant), "%s", r->variant[v].name);
                wcscpy(opts.dll, r->variant[v].dll);
                opts.setting = s;
                if (!(output = run_child(&opts)))
                {
                    results_problem(r, "%s, %s: could not start the child", r->variant[v].name, setting_names[s]);
                    continue;
                }
                parse_child(r, v, s, output, round > 0);
                free(output);
                fprintf(stderr, "bench: %s %u/%u, %s, %s: %.1f s\n", round ? "round" : "warm-up", round, o.rounds,
                        setting_names[s], r->variant[v].name, (now_us() - start) / 1e6);
            }
        }

    report_print(r, stdout);
    CreateDirectoryW(o.out_dir, NULL);
    swprintf(csv, MAX_PATH, L"%ls\\bench.csv", o.out_dir);
    swprintf(rounds_csv, MAX_PATH, L"%ls\\bench-rounds.csv", o.out_dir);
    swprintf(png, MAX_PATH, L"%ls\\bench-next.png", o.out_dir);
    if (!report_write_csv(r, csv, rounds_csv)) results_problem(r, "could not write %ls", csv);
    else printf("\nwrote %ls and %ls\n", csv, rounds_csv);
    if (!plot_next(r, png)) results_problem(r, "could not write %ls", png);
    else printf("wrote %ls\n", png);
    if (r->problems[0]) printf("\nproblems:\n%s", r->problems);
    if (o.smoke) failures = smoke_check(r, stdout);
    return failures || r->problems[0] ? 1 : 0;
}
