/*
 * What the parent keeps of a child's output (the lines child.c prints), and
 * the two helpers of struct results.
 */
#include <stdarg.h>
#include <stdlib.h>
#include "bench.h"

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
void parse_child(struct results *r, unsigned int v, enum setting s, char *output, BOOL keep)
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
        double us, floor_us, channel_us, relative;
        unsigned int i;
        int k, fields;

        if ((next = strchr(line, '\n'))) *next++ = 0;
        line[strcspn(line, "\r")] = 0;
        if (!strcmp(line, "done")) done = TRUE;
        else if ((fields = sscanf(line, "result %63s %lu %lf %*u %lf %lf %lf", name, &n, &us, &floor_us,
                                  &channel_us, &relative)) >= 4)
        {
            if ((k = method_index(name, n)) < 0 || !keep) continue;
            append(&r->method[v][s][k], us);
            append(&r->paired_floor[v][s][k], floor_us);
            append(&r->overhead[v][s][k], us - floor_us);
            if (fields == 6 && channel_us > 0 && relative > 0)
            {
                append(&r->channel[v][s][k], channel_us);
                append(&r->relative[v][s][k], relative);
            }
        }
        else if (sscanf(line, "channel %511[^\n]", rest) == 1)
        {
            /* COM's own proxy, in every variant: never the DLL under test */
            MultiByteToWideChar(CP_UTF8, 0, rest, -1, r->channel_module[s], MAX_PATH);
            if (!_wcsicmp(r->channel_module[s], def->expect_module))
                results_problem(r, "%s, %s: the channel proxy came from the DLL under test", def->name, setting_names[s]);
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
        else if (!strncmp(line, "calls ", 6))
        {
            size_t len = strlen(line);
            if (!keep) continue;
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
