/*
 * What the two harnesses of the area files share (apartment_suite.c, the
 * objects in another thread; crossprocess/xproc_suite.c, in another
 * process): the record of exercised methods and its count against the
 * table, and the checks every area uses.
 */
#include <string.h>
#include "apartment_suite.h"

#define MAX_METHODS 256
static char seen[MAX_METHODS][96];
static unsigned int seen_count;

void exercised(const char *iface, const char *method)
{
    char key[96];
    unsigned int i;
    snprintf(key, sizeof(key), "%s::%s", iface, method);
    for (i = 0; i < seen_count; i++) if (!strcmp(seen[i], key)) return;
    if (seen_count < MAX_METHODS) strcpy(seen[seen_count++], key);
}

void check_exercised(const struct table_row *rows, unsigned int n, const char *across)
{
    unsigned int i, total = 0, covered = 0;

    /* Every synchronous method of the table (the async twin's Begin_/Finish_
     * pairs are not methods of their own). */
    for (i = 0; i < n; i++)
    {
        char methods[1024], *m, *next;
        if (!strncmp(rows[i].name, "Async", 5)) continue;
        snprintf(methods, sizeof(methods), "%s", rows[i].methods);
        for (m = methods; m && *m; m = next)
        {
            char key[96], *bracket;
            unsigned int k;
            BOOL found = FALSE;
            if ((next = strchr(m, ','))) *next++ = 0;
            if ((bracket = strchr(m, '['))) *bracket = 0;   /* "SetProp[local; ...]" */
            snprintf(key, sizeof(key), "%s::%s", rows[i].name, m);
            total++;
            for (k = 0; k < seen_count; k++) if (!strcmp(seen[k], key)) found = TRUE;
            if (found) covered++;
            else printf("# not exercised: %s\n", key);
        }
    }
    printf("# methods exercised across %s: %u/%u\n", across, covered, total);
    ok(total == 182 && covered == total, "methods exercised across %s: %u/%u", across, covered, total);
}

void check_proxy(const struct suite_ctx *ctx, const void *iface, const char *what)
{
    WCHAR module[MAX_PATH];
    if (!iface) { ok(0, "%s: %s is NULL", ctx->config, what); return; }
    module_path_of(*(void *const *)iface, module, MAX_PATH);
    ok(!lstrcmpiW(module, ctx->dll), "%s: %s is a proxy of %s", ctx->config, what, wstr(module));
}

void *query(const struct suite_ctx *ctx, void *iface, REFIID iid, const char *what)
{
    void *out = NULL;
    HRESULT hr = IUnknown_QueryInterface((IUnknown *)iface, iid, &out);
    ok(hr == S_OK && out, "%s: QueryInterface for %s: hr %#lx", ctx->config, what, hr);
    return out;
}
