/*
 * The parent: bench.exe <builddir> [options]. For each round and setting it
 * runs one child per DLL variant, the order reversed every other round (A B B A),
 * after one warm-up round whose numbers are dropped. Each child prints one
 * median per method; the parent keeps one value per round and reports the
 * median over rounds.
 *
 * Options:
 *   --rounds R        measured rounds (default 9)
 *   --no-warmup       skip the warm-up round
 *   --budget-ms B     time per method in each child (default 200)
 *   --sweep-max N     largest N of the Next(N) sweep (default 10000, 0 = none)
 *   --files N         files in the enumerator (default: max(1024, sweep-max) + 1)
 *   --variants LIST   comma-separated (default ours,builtin):
 *                       ours            build/proxy/qmgrprxy.dll, registered in-process
 *                       builtin         Wine's builtin qmgrprxy.dll (see copy_builtin)
 *                       builtin-loader  the same, loaded by name (needs qmgrprxy=n,b)
 *                       ours-registry   ours through the prefix's registration
 *                       oif             every interface as widl's -Oif tables, bench/meson.build (on request)
 *                       NAME=/path.dll  any other build (e.g. another build directory's DLL)
 *   --settings LIST   apartment, process, loopback, direct (default all four)
 *   --count           also count channel calls per method (chanhook.c)
 *   --anatomy         time the pieces of a call instead of the methods (anatomy.c)
 *   --smoke           tiny counts and the smoke test's checks (smoke.c)
 *   --out DIR         where the CSVs and the PNG go (default <builddir>/bench)
 */
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

static BOOL parse_options(int argc, WCHAR **argv, struct parent_opts *o)
{
    int i;

    memset(o, 0, sizeof(*o));
    o->rounds = 9;
    o->warmup = TRUE;
    o->child.budget_ms = 200;
    o->child.sweep_max = 10000;
    wcscpy(o->variants, L"ours,builtin");
    wcscpy(o->settings, L"apartment,process,loopback,direct");
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
            o->child.file_count = 128;
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
    if (!o->files_given) o->child.file_count = max(1024, o->child.sweep_max) + 1;   /* file 0 is held */
    if (!o->out_dir[0]) swprintf(o->out_dir, MAX_PATH, L"%ls\\bench", o->builddir);
    return o->rounds >= 1 && o->rounds < MAX_ROUNDS;
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
    else if (!wcscmp(item, L"loopback")) ctx->r->setting_on[SETTING_LOOPBACK] = TRUE;
    else if (!wcscmp(item, L"direct")) ctx->r->setting_on[SETTING_DIRECT] = TRUE;
    else { fprintf(stderr, "bench: unknown setting %ls\n", item); ctx->ok = FALSE; }
}

int parent_main(int argc, WCHAR **argv)
{
    static struct results results;
    struct results *r = &results;
    struct parent_opts o;
    struct list_ctx ctx = { r, &o, TRUE };
    WCHAR csv[MAX_PATH], rounds_csv[MAX_PATH], png[MAX_PATH];
    unsigned int round, v, k, failures = 0;
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
            for (k = 0; k < r->variant_count; k++)
            {
                /* A B, then B A: neither variant always runs first (A B B A A B ...) */
                unsigned int v = round % 2 ? k : r->variant_count - 1 - k;
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
