/*
 * Harness of the apartment suite (see apartment_suite.h): for each of
 * STA->MTA, MTA->STA and STA->STA (objects -> client), makes the model's
 * roots in a thread of the objects' apartment (server/sta_host.h), hands
 * them to a client thread, runs every area, releases, and checks that no
 * object of the model is left and that both apartments uninitialize. Then
 * counts the methods exercised against the table (apartment_common.c).
 * argv[1]: the TSV, argv[2]: the built DLL (Unix paths).
 */
#include <stddef.h>
#include "apartment_suite.h"
#include "sta_host.h"

struct config
{
    const char *name;
    DWORD objects, client;    /* COINIT_* of each side */
};

/* The roots, in the host's slots (server/sta_host.h) and in the suite's context. */
static const struct { const char *name; size_t offset; const IID *iid; } roots[] =
{
    { "the manager", offsetof(struct suite_ctx, manager), &IID_IBackgroundCopyManager },
    { "the QMgr", offsetof(struct suite_ctx, qmgr), &IID_IBackgroundCopyQMgr },
    { "the peer cache administration", offsetof(struct suite_ctx, peercache), &IID_IBitsPeerCacheAdministration },
    { "the fixture files' enumerator", offsetof(struct suite_ctx, files), &IID_IEnumBackgroundCopyFiles },
};

/* On the objects' thread: each root on its own, so that an area whose root
 * is missing fails alone. The host's slot keeps the only reference. */
static HRESULT make_roots(struct sta_host *host, void *context)
{
    APTTYPE *apartment = context;
    APTTYPEQUALIFIER qualifier;
    IUnknown *root[ARRAYSIZE(roots)] = {0};
    HRESULT made[ARRAYSIZE(roots)];
    unsigned int i;

    if (FAILED(CoGetApartmentType(apartment, &qualifier))) *apartment = APTTYPE_CURRENT;

    made[0] = server_manager_create((IBackgroundCopyManager **)&root[0]);
    made[1] = server_qmgr_create((IBackgroundCopyQMgr **)&root[1]);
    made[2] = server_peercache_create((IBitsPeerCacheAdministration **)&root[2]);
    made[3] = server_fixture_files_create(&root[3]);
    for (i = 0; i < ARRAYSIZE(roots); i++)
    {
        sta_host_offer(host, i, made[i], roots[i].iid, root[i]);
        if (root[i]) IUnknown_Release(root[i]);
    }
    return S_OK;
}

struct client_args
{
    const struct config *config;
    struct sta_host *host;
    const WCHAR *dll;
};

static DWORD WINAPI client_thread(void *arg)
{
    struct client_args *args = arg;
    struct suite_ctx ctx = { .config = args->config->name, .dll = args->dll };
    unsigned int i;

    CoInitializeEx(NULL, args->config->client);
    for (i = 0; i < ARRAYSIZE(roots); i++)
    {
        IUnknown **slot = (IUnknown **)((char *)&ctx + roots[i].offset);
        HRESULT hr = sta_host_offered(args->host, i);
        ok(hr == S_OK, "%s: the objects' side made %s: hr %#lx", ctx.config, roots[i].name, hr);
        if (FAILED(hr)) continue;
        hr = sta_host_take(args->host, i, roots[i].iid, (void **)slot);
        ok(hr == S_OK && *slot, "%s: unmarshaled %s: hr %#lx", ctx.config, roots[i].name, hr);
        if (*slot) check_proxy(&ctx, *slot, roots[i].name);
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

static void run_config(const struct config *config, const WCHAR *dll)
{
    APTTYPE apartment = APTTYPE_CURRENT;
    struct sta_host_desc desc = { config->objects, make_roots, NULL, &apartment };
    struct client_args args = { config, NULL, dll };
    HANDLE client;

    printf("# %s: objects in the %s, client in the %s\n", config->name,
           config->objects == COINIT_APARTMENTTHREADED ? "STA" : "MTA",
           config->client == COINIT_APARTMENTTHREADED ? "STA" : "MTA");
    sta_host_start(&desc, &args.host);
    ok(args.host != NULL, "%s: the objects' thread started", config->name);
    if (!args.host) return;
    /* The process's first STA is its main STA. */
    ok(config->objects == COINIT_MULTITHREADED ? apartment == APTTYPE_MTA
                                               : apartment == APTTYPE_STA || apartment == APTTYPE_MAINSTA,
       "%s: the objects' thread is in the %s (apartment type %d)", config->name,
       config->objects == COINIT_MULTITHREADED ? "MTA" : "STA", apartment);
    client = CreateThread(NULL, 0, client_thread, &args, 0, NULL);
    WaitForSingleObject(client, INFINITE);
    CloseHandle(client);
    sta_host_stop(args.host);
    ok(server_live_objects() == 0, "%s: live objects after every release: %ld", config->name, server_live_objects());
}

int main(int argc, char **argv)
{
    static const struct config configs[] =
    {
        { "STA->MTA", COINIT_APARTMENTTHREADED, COINIT_MULTITHREADED },
        { "MTA->STA", COINIT_MULTITHREADED, COINIT_APARTMENTTHREADED },
        { "STA->STA", COINIT_APARTMENTTHREADED, COINIT_APARTMENTTHREADED },
    };
    static struct table_row rows[64];
    unsigned int n, i;
    WCHAR dll[MAX_PATH];

    tap_start();
    if (argc < 3) { printf("usage: apartment_suite <bits-interfaces.tsv> <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[2], dll, MAX_PATH);
    n = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(n == 35, "the table lists %u interfaces", n);

    for (i = 0; i < ARRAYSIZE(configs); i++) run_config(&configs[i], dll);

    check_exercised(rows, n, "apartments");
    return tap_done();
}
