/*
 * The apartment suite's areas (tests/apartment_*.c) across processes: the
 * model's roots come from bits_model_host.exe, a COM local server, instead
 * of another thread. This file replaces apartment_suite.c's harness and
 * links the same area files unchanged: it fills a suite_ctx with proxies of
 * the host's objects, once with the client in the MTA and once in an STA,
 * proves which qmgrprxy.dll each process runs, and counts the methods the
 * areas exercised against ../shared/bits-interfaces.tsv. When the client
 * lets go of everything, the host has no model object left and exits.
 * argv[1]: the TSV, argv[2]: the built DLL (Unix paths).
 */
#include <stddef.h>
#include <string.h>
#include "apartment_suite.h"
#include "host.h"
#include "image_identity.h"

#define HOST_EXE L"bits_model_host.exe"

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

/* A path names no image for sure (see image_identity.h): compare the
 * mapped qmgrprxy.dll of the client and of the host with the built file. */
static void check_images(const struct suite_ctx *ctx, DWORD host_pid)
{
    DWORD pids[] = { GetCurrentProcessId(), host_pid };
    const char *who[] = { "client", "host" };
    WCHAR path[MAX_PATH];
    char why[256];
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(pids); i++)
    {
        HANDLE process;
        void *base;
        unsigned int count = find_process_module(pids[i], L"qmgrprxy.dll", &base, path, MAX_PATH);

        ok(count == 1, "%s: the %s has one qmgrprxy.dll loaded (%u)", ctx->config, who[i], count);
        if (count != 1) continue;
        process = OpenProcess(PROCESS_VM_READ | PROCESS_QUERY_INFORMATION, FALSE, pids[i]);
        ok(process && image_matches_file(process, base, ctx->dll, why, sizeof(why)),
           "%s: the %s's qmgrprxy image is the built file (%s)", ctx->config, who[i], why);
        if (process) CloseHandle(process);
    }
}

struct config
{
    const char *name;
    DWORD client;     /* COINIT_* of the client thread */
    const WCHAR *dll;
    DWORD host_pid;   /* out: the host that served the run */
};

static DWORD WINAPI client_thread(void *arg)
{
    struct config *config = arg;
    struct suite_ctx ctx = { .config = config->name, .dll = config->dll };
    static const struct { const char *name; size_t offset; const CLSID *clsid; const IID *iid; } roots[] =
    {
        { "the manager", offsetof(struct suite_ctx, manager), &CLSID_BitsModelManager, &IID_IBackgroundCopyManager },
        { "the QMgr", offsetof(struct suite_ctx, qmgr), &CLSID_BitsModelQMgr, &IID_IBackgroundCopyQMgr },
        { "the peer cache administration", offsetof(struct suite_ctx, peercache), &CLSID_BitsModelPeerCache,
          &IID_IBitsPeerCacheAdministration },
        { "the fixture files' enumerator", offsetof(struct suite_ctx, files), &CLSID_BitsModelFixtureFiles,
          &IID_IEnumBackgroundCopyFiles },
    };
    DWORD pids[4];
    unsigned int i, hosts;

    CoInitializeEx(NULL, config->client);
    for (i = 0; i < ARRAYSIZE(roots); i++)
    {
        IUnknown **slot = (IUnknown **)((char *)&ctx + roots[i].offset);
        HRESULT hr = CoCreateInstance(roots[i].clsid, NULL, CLSCTX_LOCAL_SERVER, roots[i].iid, (void **)slot);
        ok(hr == S_OK && *slot, "%s: %s from the local server: hr %#lx", ctx.config, roots[i].name, hr);
        if (*slot) check_proxy(&ctx, *slot, roots[i].name);
    }
    hosts = process_ids_by_name(HOST_EXE, pids, ARRAYSIZE(pids));
    ok(hosts == 1, "%s: one %ls serves the roots (%u)", ctx.config, HOST_EXE, hosts);
    if (hosts == 1)
    {
        config->host_pid = pids[0];
        ok(pids[0] != GetCurrentProcessId(), "%s: the host is another process", ctx.config);
        check_images(&ctx, pids[0]);
    }
    /* Each area checks that the roots it needs are there. */
    suite_jobs(&ctx);
    suite_files(&ctx);
    suite_enum(&ctx);
    suite_peercache(&ctx);
    suite_legacy(&ctx);
    for (i = 0; i < ARRAYSIZE(roots); i++)
    {
        IUnknown *root = *(IUnknown **)((char *)&ctx + roots[i].offset);
        if (root) ok(IUnknown_Release(root) == 0, "%s: %s released to zero", ctx.config, roots[i].name);
    }
    CoUninitialize();
    return 0;
}

static void run_config(struct config *config)
{
    HANDLE thread, host = NULL;
    DWORD waited;

    printf("# %s: objects in %ls, client in the %s\n", config->name, HOST_EXE,
           config->client == COINIT_APARTMENTTHREADED ? "STA" : "MTA");
    thread = CreateThread(NULL, 0, client_thread, config, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    if (!config->host_pid) return;
    /* The host exits a second after its last model object goes. */
    host = OpenProcess(SYNCHRONIZE, FALSE, config->host_pid);
    waited = host ? WaitForSingleObject(host, 10000) : WAIT_FAILED;
    ok(!host || waited == WAIT_OBJECT_0, "%s: the host exited: no model object was left alive in it (wait %lu)",
       config->name, waited);
    if (host) CloseHandle(host);
}

int main(int argc, char **argv)
{
    static struct config configs[] =
    {
        { .name = "process, client MTA", .client = COINIT_MULTITHREADED },
        { .name = "process, client STA", .client = COINIT_APARTMENTTHREADED },
    };
    static struct table_row rows[64];
    unsigned int n, i, total = 0, covered = 0;
    WCHAR dll[MAX_PATH];

    tap_start();
    if (argc < 3) { printf("usage: xproc_suite <bits-interfaces.tsv> <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[2], dll, MAX_PATH);
    n = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(n == 35, "the table lists %u interfaces", n);

    for (i = 0; i < ARRAYSIZE(configs); i++)
    {
        configs[i].dll = dll;
        run_config(&configs[i]);
    }

    /* Every synchronous method of the table, as apartment_suite.c counts. */
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
            if ((bracket = strchr(m, '['))) *bracket = 0;
            snprintf(key, sizeof(key), "%s::%s", rows[i].name, m);
            total++;
            for (k = 0; k < seen_count; k++) if (!strcmp(seen[k], key)) found = TRUE;
            if (found) covered++;
            else printf("# not exercised: %s\n", key);
        }
    }
    printf("# methods exercised across processes: %u/%u\n", covered, total);
    ok(total == 182 && covered == total, "methods exercised across processes: %u/%u", covered, total);
    return tap_done();
}
