/*
 * The checks of the smoke test (meson test bench_smoke): the program ran,
 * both DLLs really served their children, and the numbers are sane: every
 * method is compared with the floor calls made in alternation with it
 * (except in the direct setting, where calls take nanoseconds).
 * Across apartments and processes every sample also has a channel floor
 * (COM's own IEnumUnknown proxy) next to it, for the paired ratios.
 * Calls that move only bytes cost about the floor (AddFileSet's 64 names
 * add tens of microseconds), and a smoke run on a busy machine is noisy and
 * bimodal: for them the floor may be up to twice the call; Clone and Next,
 * which return interface pointers, must cost more than the floor.
 */
#include "bench.h"

static BOOL light(const struct method *m)
{
    return strcmp(m->name, "Clone") && strcmp(m->name, "Next");
}

unsigned int smoke_check(const struct results *r, FILE *f)
{
    unsigned int failures = 0, v, m, k, i, checked = 0;
    enum setting s;

#define CHECK(cond, ...) do { checked++; if (!(cond)) { failures++; fprintf(f, "smoke: FAIL: " __VA_ARGS__); fprintf(f, "\n"); } } while (0)
    CHECK(!r->problems[0], "problems were reported");
    for (s = 0; s < SETTING_COUNT; s++)
    {
        /* direct: no proxies, and calls of nanoseconds: no floor to speak of */
        BOOL proxied = s != SETTING_DIRECT;
        if (!r->setting_on[s]) continue;
        for (v = 0; v < r->variant_count; v++)
        {
            const char *name = r->variant[v].name, *where = setting_names[s];
            double reset = series_median(&r->method[v][s][0]);
            BOOL seen = FALSE;

            for (i = 0; i < IFACE_COUNT; i++) seen |= r->module[v][s][i][0] != 0;
            CHECK(seen || !proxied, "%s, %s: no proxy module reported", name, where);
            for (k = 0; proxied && k < r->variant_count; k++)
                if (k != v && _wcsicmp(r->variant[k].expect_module, r->variant[v].expect_module))
                    CHECK(_wcsicmp(r->module[v][s][IFACE_ENUM_FILES], r->module[k][s][IFACE_ENUM_FILES]),
                          "%s and %s, %s: the same module served both", name, r->variant[k].name, where);
            CHECK(r->method[v][s][0].count && reset > 0, "%s, %s: floor %.3f us", name, where, reset);
            if (s == SETTING_APARTMENT || s == SETTING_PROCESS)
                CHECK(r->channel_module[s][0], "%s, %s: no channel proxy module reported", name, where);
            for (m = 1; m < bench_method_count; m++)
            {
                const struct method *method = &bench_methods[m];
                const struct series *x = &r->method[v][s][m];
                double value = series_median(x), floor = series_median(&r->paired_floor[v][s][m]);
                if (!x->count) continue;       /* n/a: the note says why */
                CHECK(floor > 0, "%s, %s: floor next to %s %.3f us", name, where, method->name, floor);
                CHECK(value > 0, "%s, %s: %s(%lu) %.3f us", name, where, method->name, method->n, value);
                if (s == SETTING_APARTMENT || s == SETTING_PROCESS)
                    CHECK(r->relative[v][s][m].count == x->count && series_median(&r->relative[v][s][m]) > 0,
                          "%s, %s: %s(%lu) has no channel floor next to it", name, where, method->name, method->n);
                if (!proxied) continue;
                if (light(method))
                    CHECK(floor < 2 * value, "%s, %s: floor %.2f us not below %s %.2f us (with margin)",
                          name, where, floor, method->name, value);
                else
                    CHECK(floor < value, "%s, %s: floor %.2f us not below %s(%lu) %.2f us",
                          name, where, floor, method->name, method->n, value);
            }
            for (k = 0; k < SWEEP_SIZE_COUNT; k++)
                if (r->sweep[v][s][k].count)
                    CHECK(series_median(&r->sweep[v][s][k]) > 0, "%s, %s: Next(%lu) sweep", name, where, sweep_sizes[k]);
        }
    }
#undef CHECK
    fprintf(f, "smoke: %u checks, %u failed\n", checked, failures);
    return failures;
}
