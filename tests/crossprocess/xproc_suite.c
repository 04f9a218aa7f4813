/*
 * The apartment suite's areas (tests/apartment/apartment_*.c) across processes: the
 * model's roots come from bits_model_host.exe, a COM local server, instead
 * of another thread. This file replaces apartment_suite.c's harness and
 * links the same area files unchanged: it fills a suite_ctx with proxies of
 * the host's objects, once with the client in the MTA and once in an STA,
 * proves which qmgrprxy.dll each process runs, and counts the methods the
 * areas exercised against tests/data/bits-interfaces.tsv; then sends
 * interface pointers back to the host (xproc_roundtrip.c). When the client
 * lets go of everything, the host has no model object left and exits.
 * argv[1]: the TSV, argv[2]: the built DLL (Unix paths).
 */
#include <stddef.h>
#include <string.h>
#include "apartment_suite.h"
#include "host.h"
#include "image_identity.h"
#include "xproc_roundtrip.h"

#define HOST_EXE L"bits_model_host.exe"

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
    xproc_roundtrip(&ctx);
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
    unsigned int n, i;
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

    check_exercised(rows, n, "processes");
    return tap_done();
}
