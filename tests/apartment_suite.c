/*
 * Harness of the apartment suite (see apartment_suite.h): for each of
 * STA->MTA, MTA->STA and STA->STA (objects -> client), starts the model's
 * roots in one thread, hands them to a client thread through
 * CoMarshalInterThreadInterfaceInStream, runs every area, releases, and
 * checks that no object of the model is left and that both apartments
 * uninitialize. Then counts the methods exercised against the table.
 * argv[1]: the TSV, argv[2]: the built DLL (Unix paths).
 */
#include <stddef.h>
#include <string.h>
#include "apartment_suite.h"
#include "server.h"

const WCHAR *const fixture_remote[FIXTURE_FILE_COUNT] =
{
    L"https://dl.example.test/suite/one.bin",
    L"https://dl.example.test/suite/two.bin",
    L"http://dl.example.test/suite/three.bin",
    L"https://dl.example.test/suite/f\x00fcnf.bin",      /* non-ASCII */
    L"https://dl.example.test/suite/six/seven/eight/nine/ten/a-rather-long-name-for-a-file.bin",
    L"https://dl.example.test/suite/%20escaped%20.bin",
    L"file://share.example.test/suite/seven.bin",
    L"https://dl.example.test/suite/eight.bin",
};
const WCHAR *const fixture_local[FIXTURE_FILE_COUNT] =
{
    L"C:\\suite\\one.bin", L"C:\\suite\\two.bin", L"C:\\suite\\three.bin", L"C:\\suite\\f\x00fcnf.bin",
    L"C:\\suite\\long.bin", L"C:\\suite\\ escaped .bin", L"C:\\suite\\seven.bin", L"C:\\suite\\eight.bin",
};

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

static HRESULT make_fixture_files(IUnknown **out)
{
    IBackgroundCopyFile *files[FIXTURE_FILE_COUNT] = {0};
    HRESULT hr = S_OK;
    unsigned int i;

    for (i = 0; i < FIXTURE_FILE_COUNT && SUCCEEDED(hr); i++)
        hr = server_file_create(fixture_remote[i], fixture_local[i], &files[i]);
    if (SUCCEEDED(hr)) hr = server_enum_create(&IID_IEnumBackgroundCopyFiles, (IUnknown **)files, FIXTURE_FILE_COUNT, out);
    for (i = 0; i < FIXTURE_FILE_COUNT; i++) if (files[i]) IBackgroundCopyFile_Release(files[i]);
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
    hr = make_fixture_files(&files);
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
    unsigned int n, i, total = 0, covered = 0;
    WCHAR dll[MAX_PATH];

    tap_start();
    if (argc < 3) { printf("usage: apartment_suite <bits-interfaces.tsv> <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[2], dll, MAX_PATH);
    n = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(n == 35, "the table lists %u interfaces", n);

    for (i = 0; i < ARRAYSIZE(configs); i++) run_config(&configs[i], dll);

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
    printf("# methods exercised across apartments: %u/%u\n", covered, total);
    ok(total == 182 && covered == total, "methods exercised across apartments: %u/%u", covered, total);
    return tap_done();
}
