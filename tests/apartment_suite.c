/*
 * Harness of the apartment suite (see apartment_suite.h): for each of
 * STA->MTA, MTA->STA and STA->STA (objects -> client), starts the model's
 * roots in one thread, hands them to a client thread through
 * CoMarshalInterThreadInterfaceInStream, runs every area, releases, and
 * checks that no object of the model is left and that both apartments
 * uninitialize. Then counts the methods exercised against the table
 * (apartment_common.c).
 * argv[1]: the TSV, argv[2]: the built DLL (Unix paths).
 */
#include <stddef.h>
#include "apartment_suite.h"

struct config
{
    const char *name;
    DWORD objects, client;    /* COINIT_* of each side */
};

struct shared
{
    const struct config *config;
    HANDLE ready, done;
    IStream *streams[4];      /* manager, qmgr, peercache, files, as in client_thread's roots[] */
    HRESULT create_hr[4];
    LONG live_after;
    HRESULT uninit_seen;
};

/* Creates one root and marshals it for the client thread; the stream holds
 * the only reference the objects' side keeps. */
static HRESULT hand_over(HRESULT hr, IUnknown *object, REFIID iid, IStream **stream)
{
    if (SUCCEEDED(hr)) hr = CoMarshalInterThreadInterfaceInStream(iid, object, stream);
    if (object) IUnknown_Release(object);
    return hr;
}

static DWORD WINAPI objects_thread(void *arg)
{
    struct shared *sh = arg;
    IBackgroundCopyManager *manager = NULL;
    IBackgroundCopyQMgr *qmgr = NULL;
    IBitsPeerCacheAdministration *peercache = NULL;
    IUnknown *files = NULL;
    HRESULT hr;
    MSG msg;

    CoInitializeEx(NULL, sh->config->objects);
    /* Each root on its own: an area whose root is missing fails alone. */
    hr = server_manager_create(&manager);
    sh->create_hr[0] = hand_over(hr, (IUnknown *)manager, &IID_IBackgroundCopyManager, &sh->streams[0]);
    hr = server_qmgr_create(&qmgr);
    sh->create_hr[1] = hand_over(hr, (IUnknown *)qmgr, &IID_IBackgroundCopyQMgr, &sh->streams[1]);
    hr = server_peercache_create(&peercache);
    sh->create_hr[2] = hand_over(hr, (IUnknown *)peercache, &IID_IBitsPeerCacheAdministration, &sh->streams[2]);
    hr = server_fixture_files_create(&files);
    sh->create_hr[3] = hand_over(hr, files, &IID_IEnumBackgroundCopyFiles, &sh->streams[3]);
    PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);
    SetEvent(sh->ready);
    /* An STA serves calls through its message loop; an MTA just waits. */
    if (sh->config->objects == COINIT_APARTMENTTHREADED)
        while (MsgWaitForMultipleObjects(1, &sh->done, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0)
            while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);
    else
        WaitForSingleObject(sh->done, INFINITE);
    CoUninitialize();
    sh->live_after = server_live_objects();
    return 0;
}

struct client_args
{
    struct shared *sh;
    const WCHAR *dll;
};

static DWORD WINAPI client_thread(void *arg)
{
    struct client_args *args = arg;
    struct shared *sh = args->sh;
    struct suite_ctx ctx = { .config = sh->config->name, .dll = args->dll };
    static const struct { const char *name; size_t offset; const IID *iid; } roots[] =
    {
        { "the manager", offsetof(struct suite_ctx, manager), &IID_IBackgroundCopyManager },
        { "the QMgr", offsetof(struct suite_ctx, qmgr), &IID_IBackgroundCopyQMgr },
        { "the peer cache administration", offsetof(struct suite_ctx, peercache), &IID_IBitsPeerCacheAdministration },
        { "the fixture files' enumerator", offsetof(struct suite_ctx, files), &IID_IEnumBackgroundCopyFiles },
    };
    unsigned int i;

    CoInitializeEx(NULL, sh->config->client);
    for (i = 0; i < ARRAYSIZE(roots); i++)
    {
        IUnknown **slot = (IUnknown **)((char *)&ctx + roots[i].offset);
        HRESULT hr = sh->create_hr[i];
        ok(hr == S_OK, "%s: the objects' side made %s: hr %#lx", ctx.config, roots[i].name, hr);
        if (FAILED(hr)) continue;
        hr = CoGetInterfaceAndReleaseStream(sh->streams[i], roots[i].iid, (void **)slot);
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
    struct shared sh = { .config = config };
    struct client_args args = { &sh, dll };
    HANDLE objects, client;

    printf("# %s: objects in the %s, client in the %s\n", config->name,
           config->objects == COINIT_APARTMENTTHREADED ? "STA" : "MTA",
           config->client == COINIT_APARTMENTTHREADED ? "STA" : "MTA");
    sh.ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    sh.done = CreateEventW(NULL, TRUE, FALSE, NULL);
    objects = CreateThread(NULL, 0, objects_thread, &sh, 0, NULL);
    WaitForSingleObject(sh.ready, INFINITE);
    client = CreateThread(NULL, 0, client_thread, &args, 0, NULL);
    WaitForSingleObject(client, INFINITE);
    CloseHandle(client);
    SetEvent(sh.done);
    WaitForSingleObject(objects, INFINITE);
    CloseHandle(objects);
    ok(sh.live_after == 0, "%s: live objects after every release: %ld", config->name, sh.live_after);
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
