/*
 * The terminal table and the two CSVs: bench.csv (medians, ratios, overhead
 * over the floor) and bench-rounds.csv (every round's value). A method's
 * overhead over the floor is, per round, its median minus the median of the
 * floor calls made in alternation with it; the table shows the median of those.
 */
#include "bench.h"

#define FLOOR_METHOD 0   /* bench_methods[0] is Reset */

static void label_of(unsigned int m, char *out, size_t size)
{
    const struct method *method = &bench_methods[m];
    if (method->n) snprintf(out, size, "%s(%lu)", method->name, method->n);
    else snprintf(out, size, "%s%s", method->name, m == FLOOR_METHOD ? " (floor)" : "");
}

static void cell(FILE *f, double value, BOOL present)
{
    if (!present) fprintf(f, " %11s", "n/a");
    else if (value < 1 && value > -1) fprintf(f, " %11.3f", value);
    else if (value < 100) fprintf(f, " %11.2f", value);
    else fprintf(f, " %11.1f", value);
}

/* The ratio of variant v to the reference, paired with the channel floor:
 * the ratio of their medians of call/channel, i.e. both costs counted in
 * calls of the same channel made at the same moments. 0 where either side
 * has no channel samples (loopback, direct). */
static double paired_ratio(const struct results *r, enum setting s, unsigned int m, unsigned int v)
{
    const struct series *x = &r->relative[v][s][m], *ref = &r->relative[r->reference][s][m];
    return x->count && ref->count ? series_median(x) / series_median(ref) : 0;
}

static BOOL has_channel(const struct results *r, enum setting s)
{
    unsigned int m;
    for (m = 0; m < bench_method_count; m++) if (r->relative[r->reference][s][m].count) return TRUE;
    return FALSE;
}

static void header(FILE *f, const struct results *r, const char *first, BOOL overhead, BOOL paired)
{
    unsigned int v;
    char name[40];
    fprintf(f, "%-18s", first);
    for (v = 0; v < r->variant_count; v++) fprintf(f, " %11s", r->variant[v].name);
    for (v = 0; v < r->variant_count; v++)
    {
        if (v == r->reference) continue;
        snprintf(name, sizeof(name), "%s/%s", r->variant[v].name, r->variant[r->reference].name);
        fprintf(f, " %11s", name);
    }
    for (v = 0; paired && v < r->variant_count; v++)
    {
        if (v == r->reference) continue;
        snprintf(name, sizeof(name), "raw %s", r->variant[v].name);
        fprintf(f, " %11s", name);
    }
    if (overhead)
        for (v = 0; v < r->variant_count; v++)
        {
            snprintf(name, sizeof(name), "%s-floor", r->variant[v].name);
            fprintf(f, " %11s", name);
        }
    fprintf(f, "\n");
}

static void print_anatomy(const struct results *r, enum setting s, FILE *f)
{
    unsigned int k, v;
    fprintf(f, "\n%s\nanatomy, median of %u rounds, microseconds\n\n", setting_titles[s], r->rounds);
    fprintf(f, "%-56s", "piece");
    for (v = 0; v < r->variant_count; v++) fprintf(f, " %11s", r->variant[v].name);
    fprintf(f, "\n");
    for (k = 0; k < r->anatomy_count; k++)
    {
        fprintf(f, "%-56s", r->anatomy_label[k]);
        for (v = 0; v < r->variant_count; v++)
            cell(f, series_median(&r->anatomy[v][s][k]), r->anatomy[v][s][k].count > 0);
        fprintf(f, "\n");
    }
}

static void print_setting(const struct results *r, enum setting s, FILE *f)
{
    unsigned int m, v, k;
    char label[40];

    BOOL paired = has_channel(r, s);

    fprintf(f, "\n%s\n", setting_titles[s]);
    fprintf(f, "median of %u rounds, microseconds per call (a call includes releasing what it returns)\n", r->rounds);
    if (paired)
        fprintf(f, "ratios paired with the channel floor (median of call/channel per child, see bench/README.md);\n"
                   "raw: the ratio of the medians\n");
    fprintf(f, "\n");
    header(f, r, "method", TRUE, paired);
    for (m = 0; m < bench_method_count; m++)
    {
        const struct series *ref = &r->method[r->reference][s][m];
        label_of(m, label, sizeof(label));
        fprintf(f, "%-18s", label);
        for (v = 0; v < r->variant_count; v++)
            cell(f, series_median(&r->method[v][s][m]), r->method[v][s][m].count > 0);
        for (v = 0; paired && v < r->variant_count; v++)
        {
            double ratio = paired_ratio(r, s, m, v);
            if (v != r->reference) cell(f, ratio, ratio > 0);
        }
        for (v = 0; v < r->variant_count; v++)
        {
            const struct series *x = &r->method[v][s][m];
            if (v == r->reference) continue;
            cell(f, x->count && ref->count ? series_median(x) / series_median(ref) : 0, x->count && ref->count);
        }
        for (v = 0; v < r->variant_count; v++)
        {
            const struct series *x = &r->overhead[v][s][m];
            if (m == FLOOR_METHOD) fprintf(f, " %11s", "");
            else cell(f, series_median(x), x->count > 0);
        }
        fprintf(f, "\n");
    }
    if (paired)
    {
        fprintf(f, "  channel floor: IEnumUnknown::Reset through %ls, median per variant:",
                r->channel_module[s][0] ? r->channel_module[s] : L"COM's own proxy");
        for (v = 0; v < r->variant_count; v++)
        {
            double all[MAX_METHODS * MAX_ROUNDS];
            unsigned int count = 0, i;
            for (m = 0; m < bench_method_count; m++)
                for (i = 0; i < r->channel[v][s][m].count; i++) all[count++] = r->channel[v][s][m].value[i];
            if (count) fprintf(f, " %s %.1f us", r->variant[v].name, median(all, count));
        }
        fprintf(f, "\n");
    }
    for (m = 0; m < bench_method_count; m++)
        for (v = 0; v < r->variant_count; v++)
            if (!r->method[v][s][m].count && r->method[v][s][m].note[0])
            {
                label_of(m, label, sizeof(label));
                fprintf(f, "  n/a: %s through %s: %s\n", label, r->variant[v].name, r->method[v][s][m].note);
            }

    for (k = 0; k < SWEEP_SIZE_COUNT; k++)
        for (v = 0; v < r->variant_count; v++) if (r->sweep[v][s][k].count) goto sweep;
    return;
sweep:
    fprintf(f, "\nNext(N): microseconds per element (one call, then releasing its N proxies, divided by N)\n\n");
    header(f, r, "N", FALSE, FALSE);
    for (k = 0; k < SWEEP_SIZE_COUNT; k++)
    {
        const struct series *ref = &r->sweep[r->reference][s][k];
        BOOL any = FALSE;
        for (v = 0; v < r->variant_count; v++) any |= r->sweep[v][s][k].count > 0;
        if (!any) continue;
        fprintf(f, "%-18lu", sweep_sizes[k]);
        for (v = 0; v < r->variant_count; v++)
            cell(f, series_median(&r->sweep[v][s][k]) / sweep_sizes[k], r->sweep[v][s][k].count > 0);
        for (v = 0; v < r->variant_count; v++)
        {
            const struct series *x = &r->sweep[v][s][k];
            if (v == r->reference) continue;
            cell(f, x->count && ref->count ? series_median(x) / series_median(ref) : 0, x->count && ref->count);
        }
        fprintf(f, "\n");
    }
}

static void print_modules(const struct results *r, FILE *f)
{
    unsigned int v, i;
    enum setting s;
    fprintf(f, "proxies served by (module of the proxy's vtable, checked for every interface):\n");
    for (v = 0; v < r->variant_count; v++)
        for (s = 0; s < SETTING_COUNT; s++)
            for (i = 0; i < IFACE_COUNT; i++)
                if (r->module[v][s][i][0])
                {
                    fprintf(f, "  %-14s %ls\n", r->variant[v].name, r->module[v][s][i]);
                    i = IFACE_COUNT;
                    s = SETTING_COUNT;
                }
}

static void print_calls(const struct results *r, FILE *f)
{
    unsigned int v;
    enum setting s;
    for (v = 0; v < r->variant_count; v++)
        for (s = 0; s < SETTING_COUNT; s++)
        {
            if (!r->calls[v][s]) continue;
            fprintf(f, "\nchannel calls per call, %s, %s (method, interface::method, count):\n", setting_names[s], r->variant[v].name);
            fprintf(f, "%s", r->calls[v][s]);
        }
}

/* Which CPUs the Wine processes of this run may use, as Linux says (tools/dev
 * bench pins them, the prefix's wineserver included, see bench/README.md).
 * Wine maps the Unix root to Z:, so this is the status of this very process. */
static void print_cpus(FILE *f)
{
    FILE *status = fopen("Z:\\proc\\self\\status", "r");
    char line[256];
    if (!status) return;
    while (fgets(line, sizeof(line), status))
        if (!strncmp(line, "Cpus_allowed_list:", 18))
            fprintf(f, "CPUs allowed (Linux affinity of the Wine processes):%s", line + 18);
    fclose(status);
}

void report_print(const struct results *r, FILE *f)
{
    WCHAR cpu[128] = L"?";
    DWORD size = sizeof(cpu);
    const char *(CDECL *wine_get_version)(void) = (void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version");
    SYSTEM_INFO info;
    enum setting s;

    GetSystemInfo(&info);
    RegGetValueW(HKEY_LOCAL_MACHINE, L"HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0", L"ProcessorNameString",
                 RRF_RT_REG_SZ, NULL, cpu, &size);
    fprintf(f, "qmgrprxy marshaling benchmark: %ls, %lu processors, Wine %s\n", cpu, info.dwNumberOfProcessors,
            wine_get_version ? wine_get_version() : "(not Wine)");
    print_cpus(f);
    print_modules(r, f);
    for (s = 0; s < SETTING_COUNT; s++)
        if (r->setting_on[s]) r->anatomy_count ? print_anatomy(r, s, f) : print_setting(r, s, f);
    print_calls(r, f);
}

static void csv_row(FILE *f, const struct results *r, enum setting s, const char *method, ULONG n, unsigned int v,
                    const struct series *x, const struct series *ref, const struct series *floor,
                    const struct series *overhead, ULONG per_element, int m)
{
    double value = series_median(x), paired = m >= 0 ? paired_ratio(r, s, m, v) : 0;
    fprintf(f, "%s,%s,%lu,%s,%u,", setting_names[s], method, n, r->variant[v].name, x->count);
    if (!x->count) { fprintf(f, ",,,%s,,,,,,%s\n", r->variant[r->reference].name, x->note); return; }
    fprintf(f, "%.3f,", value);
    if (per_element) fprintf(f, "%.3f", value / per_element);
    fprintf(f, ",");
    if (ref->count) fprintf(f, "%.4f", value / series_median(ref));
    fprintf(f, ",%s,", r->variant[r->reference].name);
    if (floor && floor->count) fprintf(f, "%.3f", series_median(floor));
    fprintf(f, ",");
    if (overhead && overhead->count) fprintf(f, "%.3f", series_median(overhead));
    fprintf(f, ",");
    if (m >= 0 && r->channel[v][s][m].count)
        fprintf(f, "%.3f,%.5f", series_median(&r->channel[v][s][m]), series_median(&r->relative[v][s][m]));
    else fprintf(f, ",");
    fprintf(f, ",");
    if (paired > 0) fprintf(f, "%.4f", paired);
    fprintf(f, ",\n");
}

BOOL report_write_csv(const struct results *r, const WCHAR *path, const WCHAR *rounds_path)
{
    FILE *f = _wfopen(path, L"w"), *g = _wfopen(rounds_path, L"w");
    unsigned int m, v, k, i;
    enum setting s;

    if (!f || !g) { if (f) fclose(f); if (g) fclose(g); return FALSE; }
    fprintf(f, "setting,method,n,variant,rounds,median_us_per_call,us_per_element,ratio_vs_reference,reference,paired_floor_us,overhead_over_floor_us,"
               "channel_floor_us,call_per_channel_call,ratio_paired_with_channel,note\n");
    fprintf(g, "setting,method,n,variant,round,us_per_call,paired_floor_us,channel_floor_us,call_per_channel_call\n");
    for (s = 0; s < SETTING_COUNT; s++)
    {
        if (!r->setting_on[s]) continue;
        for (m = 0; m < bench_method_count; m++)
            for (v = 0; v < r->variant_count; v++)
            {
                const struct method *method = &bench_methods[m];
                const struct series *x = &r->method[v][s][m];
                csv_row(f, r, s, method->name, method->n, v, x, &r->method[r->reference][s][m],
                        &r->paired_floor[v][s][m], m ? &r->overhead[v][s][m] : NULL,
                        method->prepare == prepare_next ? method->n : 0, m);
                for (i = 0; i < x->count; i++)
                {
                    fprintf(g, "%s,%s,%lu,%s,%u,%.3f,%.3f,", setting_names[s], method->name, method->n,
                            r->variant[v].name, i + 1, x->value[i], r->paired_floor[v][s][m].value[i]);
                    /* every round has a channel sample or none does (the setting decides) */
                    if (i < r->channel[v][s][m].count)
                        fprintf(g, "%.3f,%.5f\n", r->channel[v][s][m].value[i], r->relative[v][s][m].value[i]);
                    else fprintf(g, ",\n");
                }
            }
        for (k = 0; k < SWEEP_SIZE_COUNT; k++)
            for (v = 0; v < r->variant_count; v++)
            {
                const struct series *x = &r->sweep[v][s][k];
                if (!x->count) continue;
                csv_row(f, r, s, "Next-sweep", sweep_sizes[k], v, x, &r->sweep[r->reference][s][k], NULL, NULL, sweep_sizes[k], -1);
                for (i = 0; i < x->count; i++)
                    fprintf(g, "%s,Next-sweep,%lu,%s,%u,%.3f,,,\n", setting_names[s], sweep_sizes[k],
                            r->variant[v].name, i + 1, x->value[i]);
            }
    }
    return !fclose(f) & !fclose(g);
}
