/*
 * load.exe [--config apartment|process|all] [--phase plain|malformed|both] [--calls N] [--threads N]
 *          [--rounds N] [--passes N] [--skip I,J,...]
 *
 * The load test (see load.h). Each configuration runs twice: the client
 * threads alone, then the same while the malformed sender (malformed.c)
 * sends its requests to the same objects' stubs on a connection of its own.
 *   apartment: the model's roots live in one STA of this process; the
 *              client threads are in the MTA, so every call crosses an
 *              apartment and the STA serves them one at a time.
 *   process:   the roots come from bits_model_host.exe, the COM local
 *              server (run under tests/crossprocess/local_server.sh); the
 *              host serves them from its MTA, on RPC threads.
 * The client threads share the MTA (and the roots' proxies) rather than
 * each having an STA: that makes eight threads call through the same
 * proxies at once, and, across processes, puts eight calls in flight in
 * the host at once; an STA per thread would only serialize each thread's
 * own calls, which the MTA does anyway.
 * --calls is per thread over all rounds (default 2000); --passes is how
 * many times per round the sender goes through its list (default 2);
 * --skip leaves out malformed requests by index (to bisect a crash).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "load.h"
#include "host.h"
#include "malformed.h"

struct options
{
    const char *config, *phase;
    unsigned int threads, rounds, passes;
    DWORD calls;
    ULONG64 skip;           /* malformed requests not to send */
};

/* apartment: the roots in an STA thread, handed to the MTA through streams. */
struct sta
{
    HANDLE ready, done, thread;
    IStream *streams[3];
    HRESULT hr;
    LONG live_after;
};

static HRESULT hand_over(HRESULT hr, IUnknown *object, REFIID iid, IStream **stream)
{
    if (SUCCEEDED(hr)) hr = CoMarshalInterThreadInterfaceInStream(iid, object, stream);
    if (object) IUnknown_Release(object);
    return hr;
}

static DWORD WINAPI sta_main(void *arg)
{
    struct sta *sta = arg;
    IBackgroundCopyManager *manager = NULL;
    IBackgroundCopyQMgr *qmgr = NULL;
    IBitsPeerCacheAdministration *peercache = NULL;
    HRESULT hr;
    MSG msg;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    hr = server_manager_create(&manager);
    hr = hand_over(hr, (IUnknown *)manager, &IID_IBackgroundCopyManager, &sta->streams[0]);
    if (SUCCEEDED(hr)) hr = server_qmgr_create(&qmgr);
    hr = hand_over(hr, (IUnknown *)qmgr, &IID_IBackgroundCopyQMgr, &sta->streams[1]);
    if (SUCCEEDED(hr)) hr = server_peercache_create(&peercache);
    hr = hand_over(hr, (IUnknown *)peercache, &IID_IBitsPeerCacheAdministration, &sta->streams[2]);
    sta->hr = hr;
    PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);
    SetEvent(sta->ready);
    while (MsgWaitForMultipleObjects(1, &sta->done, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0)
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);
    CoUninitialize();
    sta->live_after = server_live_objects();
    return 0;
}

static BOOL open_apartment(struct sta *sta, struct load_roots *roots, const char *config)
{
    HRESULT hr;

    sta->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    sta->done = CreateEventW(NULL, TRUE, FALSE, NULL);
    sta->thread = CreateThread(NULL, 0, sta_main, sta, 0, NULL);
    WaitForSingleObject(sta->ready, INFINITE);
    hr = sta->hr;
    if (SUCCEEDED(hr)) hr = CoGetInterfaceAndReleaseStream(sta->streams[0], &IID_IBackgroundCopyManager, (void **)&roots->manager);
    if (SUCCEEDED(hr)) hr = CoGetInterfaceAndReleaseStream(sta->streams[1], &IID_IBackgroundCopyQMgr, (void **)&roots->qmgr);
    if (SUCCEEDED(hr))
        hr = CoGetInterfaceAndReleaseStream(sta->streams[2], &IID_IBitsPeerCacheAdministration, (void **)&roots->peercache);
    ok(hr == S_OK, "%s: the roots live in an STA, their proxies in the MTA: hr %#lx", config, hr);
    return hr == S_OK;
}

static void release_roots(struct load_roots *roots)
{
    if (roots->manager) IBackgroundCopyManager_Release(roots->manager);
    if (roots->qmgr) IBackgroundCopyQMgr_Release(roots->qmgr);
    if (roots->peercache) IBitsPeerCacheAdministration_Release(roots->peercache);
    roots->manager = NULL;
    roots->qmgr = NULL;
    roots->peercache = NULL;
}

static void close_apartment(struct sta *sta, struct load_roots *roots, const char *config)
{
    release_roots(roots);
    SetEvent(sta->done);
    WaitForSingleObject(sta->thread, INFINITE);
    ok(sta->live_after == 0, "%s: live objects after the roots go: %ld", config, sta->live_after);
    CloseHandle(sta->thread);
    CloseHandle(sta->ready);
    CloseHandle(sta->done);
}

/* process: the manager from its class object, which the harness keeps for
 * its last probe; the QMgr and the peer cache from the same host. */
static BOOL open_process(struct load_roots *roots, const char *config)
{
    HRESULT hr;

    hr = CoGetClassObject(&CLSID_BitsModelManager, CLSCTX_LOCAL_SERVER, NULL, &IID_IClassFactory, (void **)&roots->factory);
    if (SUCCEEDED(hr)) hr = IClassFactory_CreateInstance(roots->factory, NULL, &IID_IBackgroundCopyManager, (void **)&roots->manager);
    if (SUCCEEDED(hr))
        hr = CoCreateInstance(&CLSID_BitsModelQMgr, NULL, CLSCTX_LOCAL_SERVER, &IID_IBackgroundCopyQMgr, (void **)&roots->qmgr);
    if (SUCCEEDED(hr))
        hr = CoCreateInstance(&CLSID_BitsModelPeerCache, NULL, CLSCTX_LOCAL_SERVER, &IID_IBitsPeerCacheAdministration,
                              (void **)&roots->peercache);
    ok(hr == S_OK, "%s: the roots from bits_model_host.exe, their proxies in the MTA: hr %#lx", config, hr);
    return hr == S_OK;
}

static void close_process(struct load_run *run, struct load_roots *roots)
{
    struct call_log_report *report = &run->last;
    HANDLE host = NULL;
    DWORD waited;
    BOOL probed;

    release_roots(roots);
    probed = roots->factory && load_probe(run, roots, 0, report);
    ok(probed && report->live_objects == 0 && !report->faults,
       "%s: after the roots go, the host reports %ld live objects, %ld faults", run->config,
       probed ? report->live_objects : -1, probed ? report->faults : -1);
    if (probed) host = OpenProcess(SYNCHRONIZE, FALSE, report->pid);
    if (roots->factory) IClassFactory_Release(roots->factory);
    roots->factory = NULL;
    /* The host exits a second after its last model object goes. */
    waited = host ? WaitForSingleObject(host, 15000) : WAIT_FAILED;
    ok(waited == WAIT_OBJECT_0, "%s: the host exited by itself (wait %lu)", run->config, waited);
    if (host) CloseHandle(host);
}

static void run_config(const struct options *opt, BOOL process, BOOL malformed)
{
    struct load_run *run = calloc(1, sizeof(*run));
    struct load_roots roots = {0};
    struct malformed_sender *sender = NULL;
    struct sta sta = {0};
    char name[64];
    BOOL opened;

    snprintf(name, sizeof(name), "%s%s", process ? "process" : "apartment", malformed ? " + malformed" : "");
    printf("# %s: model in %s, %u client threads in the MTA%s\n", name,
           process ? "bits_model_host.exe" : "an STA of this process", opt->threads,
           malformed ? ", malformed requests from an STA of their own" : "");
    run->config = name;
    run->threads = opt->threads;
    run->rounds = opt->rounds;
    run->calls_per_thread = opt->calls;
    run->separate_server = process;
    opened = process ? open_process(&roots, name) : open_apartment(&sta, &roots, name);
    if (opened && malformed) sender = malformed_start(run, &roots, opt->passes, opt->skip);
    if (opened && (!malformed || sender)) load_run_rounds(run, &roots);
    if (sender) malformed_finish(sender, run, &roots);
    if (process) close_process(run, &roots);
    else close_apartment(&sta, &roots, name);
    free(run);
}

static DWORD arg_number(int argc, char **argv, int *i)
{
    return *i + 1 < argc ? strtoul(argv[++*i], NULL, 0) : 0;
}

int main(int argc, char **argv)
{
    struct options opt = { "all", "both", LOAD_MAX_THREADS, 5, 2, 2000, 0 };
    BOOL apartment, process, plain, malformed;
    HRESULT hr;
    int i;

    tap_start();
    for (i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--config") && i + 1 < argc) opt.config = argv[++i];
        else if (!strcmp(argv[i], "--phase") && i + 1 < argc) opt.phase = argv[++i];
        else if (!strcmp(argv[i], "--calls")) opt.calls = arg_number(argc, argv, &i);
        else if (!strcmp(argv[i], "--threads")) opt.threads = arg_number(argc, argv, &i);
        else if (!strcmp(argv[i], "--rounds")) opt.rounds = arg_number(argc, argv, &i);
        else if (!strcmp(argv[i], "--passes")) opt.passes = arg_number(argc, argv, &i);
        else if (!strcmp(argv[i], "--skip") && i + 1 < argc)
        {
            char *list = argv[++i], *end;
            for (;;)
            {
                unsigned long n = strtoul(list, &end, 0);
                if (end == list || n >= 64) break;
                opt.skip |= 1ull << n;
                if (*end != ',') break;
                list = end + 1;
            }
        }
        else
        {
            printf("Bail out! unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    apartment = !strcmp(opt.config, "apartment") || !strcmp(opt.config, "all");
    process = !strcmp(opt.config, "process") || !strcmp(opt.config, "all");
    plain = !strcmp(opt.phase, "plain") || !strcmp(opt.phase, "both");
    malformed = !strcmp(opt.phase, "malformed") || !strcmp(opt.phase, "both");
    if (!opt.threads || opt.threads > LOAD_MAX_THREADS || !opt.rounds || opt.rounds > LOAD_MAX_ROUNDS ||
        opt.calls < opt.rounds || (!apartment && !process) || (!plain && !malformed))
    {
        printf("Bail out! usage: load [--config apartment|process|all] [--phase plain|malformed|both] [--calls N] "
               "[--threads 1-%u] [--rounds 1-%u] [--passes N] [--skip I,J,...]\n", LOAD_MAX_THREADS, LOAD_MAX_ROUNDS);
        return 2;
    }

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    hr = call_log_register();
    ok(hr == S_OK, "the call log's channel hook is registered: hr %#lx", hr);
    for (i = 0; i < 2; i++)
    {
        BOOL in_process = i == 1;
        if (!(in_process ? process : apartment)) continue;
        if (plain) run_config(&opt, in_process, FALSE);
        if (malformed) run_config(&opt, in_process, TRUE);
    }
    CoUninitialize();
    return tap_done();
}
