/*
 * --diagnose: where the time of a call that returns an interface pointer
 * goes. Writes an "anatomy" row (label, median us) for:
 *   - the round trips, each timed apart from the release of what it returned:
 *     Next(1) of an object the client holds no proxy for, with and without
 *     another file's proxy alive, Next(1) of one it holds (file 0, whose
 *     proxy p->file keeps), Clone;
 *   - the pieces COM runs for a new object, timed in this apartment without
 *     any round trip: the PS CLSID and class object lookups (through the
 *     registry, or the in-process registration of variant.c), the stub
 *     manager (CoMarshalInterface of a fresh object and
 *     CoReleaseMarshalData), and the DLL's own share, its factory's
 *     CreateProxy and CreateStub;
 *   - the release of a new object's proxy again, with IRemUnknown's proxy
 *     factory registered in this process (CoRegisterPSClsid and ole32's
 *     factory registered in this apartment), to see the registry's share.
 */
#include <stdlib.h>
#include "bench.h"
#include "server.h"

#define ANATOMY_CALLS 2000

static const IID IID_IRemUnknown_ = {0x00000131, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const CLSID CLSID_PSFactoryBuffer_ = {0x00000320, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};

struct timer
{
    double *samples, start;
    unsigned int count;
    double budget_us;
};

static void timer_init(struct timer *t, double budget_ms)
{
    t->samples = malloc(ANATOMY_CALLS * sizeof(*t->samples));
    t->count = 0;
    t->start = now_us();
    t->budget_us = budget_ms * 1000;
}

static BOOL timer_more(const struct timer *t)
{
    return t->count < ANATOMY_CALLS && (t->count < 5 || now_us() - t->start < t->budget_us);
}

static void report(const char *label, struct timer *t)
{
    csv_value("anatomy", label, 0, median(t->samples, t->count), NULL);
    free(t->samples);
}

/* Next(1) at a given position; the call and the release are two samples. */
static void next_one(struct proxies *p, ULONG pos, struct timer *call, struct timer *release)
{
    IBackgroundCopyFile *file = NULL;
    ULONG fetched = 0;
    double t0;

    IEnumBackgroundCopyFiles_Reset(p->files);
    if (pos) IEnumBackgroundCopyFiles_Skip(p->files, pos);
    t0 = now_us();
    IEnumBackgroundCopyFiles_Next(p->files, 1, &file, &fetched);
    call->samples[call->count++] = now_us() - t0;
    t0 = now_us();
    if (file) IBackgroundCopyFile_Release(file);
    release->samples[release->count++] = now_us() - t0;
}

static void round_trips(const struct child_opts *opts, struct proxies *p)
{
    struct timer call, release;
    ULONG pos = 1;
    double t0;

    timer_init(&call, opts->budget_ms);
    while (timer_more(&call))
    {
        t0 = now_us();
        IEnumBackgroundCopyFiles_Reset(p->floor);
        call.samples[call.count++] = now_us() - t0;
    }
    report("floor:Reset", &call);

    timer_init(&call, opts->budget_ms);
    timer_init(&release, opts->budget_ms);
    while (timer_more(&call))
    {
        next_one(p, pos, &call, &release);
        if (++pos == p->file_count) pos = 1;      /* file 0 is the held one */
    }
    report("Next(1),new-object:call", &call);
    report("Next(1),new-object:release-proxy", &release);

    /* File 1 every time: an object whose proxy was released just before. */
    timer_init(&call, opts->budget_ms);
    timer_init(&release, opts->budget_ms);
    while (timer_more(&call)) next_one(p, 1, &call, &release);
    report("Next(1),the-same-object-again:call", &call);
    report("Next(1),the-same-object-again:release-proxy", &release);

    /* The same with no other IBackgroundCopyFile proxy alive: the server
     * (re)registers the interface with the RPC runtime for every file. */
    drop_file(p);
    timer_init(&call, opts->budget_ms);
    timer_init(&release, opts->budget_ms);
    while (timer_more(&call))
    {
        next_one(p, pos, &call, &release);
        if (++pos == p->file_count) pos = 1;
    }
    report("Next(1),new-object,no-other-file-proxy:call", &call);
    report("Next(1),new-object,no-other-file-proxy:release-proxy", &release);
    ensure_file(p, 0);

    timer_init(&call, opts->budget_ms);
    timer_init(&release, opts->budget_ms);
    while (timer_more(&call)) next_one(p, 0, &call, &release);
    report("Next(1),object-with-proxy:call", &call);
    report("Next(1),object-with-proxy:release-proxy", &release);

    timer_init(&call, opts->budget_ms);
    timer_init(&release, opts->budget_ms);
    while (timer_more(&call))
    {
        IEnumBackgroundCopyFiles *clone = NULL;
        t0 = now_us();
        IEnumBackgroundCopyFiles_Clone(p->files, &clone);
        call.samples[call.count++] = now_us() - t0;
        t0 = now_us();
        if (clone) IEnumBackgroundCopyFiles_Release(clone);
        release.samples[release.count++] = now_us() - t0;
    }
    report("Clone:call", &call);
    report("Clone:release-proxy", &release);
}

static void lookups(const struct child_opts *opts)
{
    struct timer t;
    CLSID clsid;
    double t0;

    timer_init(&t, opts->budget_ms);
    while (timer_more(&t))
    {
        t0 = now_us();
        CoGetPSClsid(&IID_IRemUnknown_, &clsid);
        t.samples[t.count++] = now_us() - t0;
    }
    report("CoGetPSClsid(IRemUnknown),registry", &t);

    timer_init(&t, opts->budget_ms);
    while (timer_more(&t))
    {
        t0 = now_us();
        CoGetPSClsid(&IID_IEnumBackgroundCopyFiles, &clsid);
        t.samples[t.count++] = now_us() - t0;
    }
    report(opts->dll[0] ? "CoGetPSClsid(IEnumBackgroundCopyFiles),in-process"
                        : "CoGetPSClsid(IEnumBackgroundCopyFiles),registry", &t);

    timer_init(&t, opts->budget_ms);
    while (timer_more(&t))
    {
        IUnknown *factory = NULL;
        t0 = now_us();
        CoGetClassObject(&CLSID_PSFactoryBuffer_, CLSCTX_INPROC_SERVER, NULL, &IID_IPSFactoryBuffer, (void **)&factory);
        if (factory) IUnknown_Release(factory);
        t.samples[t.count++] = now_us() - t0;
    }
    report("CoGetClassObject(ole32-PSFactoryBuffer),registry", &t);

    CoGetPSClsid(&IID_IEnumBackgroundCopyFiles, &clsid);
    timer_init(&t, opts->budget_ms);
    while (timer_more(&t))
    {
        IUnknown *factory = NULL;
        t0 = now_us();
        CoGetClassObject(&clsid, CLSCTX_INPROC_SERVER, NULL, &IID_IPSFactoryBuffer, (void **)&factory);
        if (factory) IUnknown_Release(factory);
        t.samples[t.count++] = now_us() - t0;
    }
    report(opts->dll[0] ? "CoGetClassObject(bench-PSFactory),in-process"
                        : "CoGetClassObject(BITS-PSFactory),registry", &t);
}

/* The stub side of a new object, and the DLL's own construction costs. */
static void construction(const struct child_opts *opts)
{
    IPSFactoryBuffer *factory = NULL;
    IStream *stream = NULL;
    LARGE_INTEGER zero = {{0}};
    struct timer marshal, unmarshal_release, t;
    CLSID clsid;
    double t0;

    CreateStreamOnHGlobal(NULL, TRUE, &stream);
    timer_init(&marshal, opts->budget_ms);
    timer_init(&unmarshal_release, opts->budget_ms);
    while (timer_more(&marshal))
    {
        IBackgroundCopyFile *file = NULL;
        server_file_create(L"https://bench.example.test/anatomy.bin", L"C:\\bench\\anatomy.bin", &file);
        IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
        t0 = now_us();
        CoMarshalInterface(stream, &IID_IBackgroundCopyFile, (IUnknown *)file, MSHCTX_INPROC, NULL, MSHLFLAGS_NORMAL);
        marshal.samples[marshal.count++] = now_us() - t0;
        IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
        t0 = now_us();
        CoReleaseMarshalData(stream);
        unmarshal_release.samples[unmarshal_release.count++] = now_us() - t0;
        IBackgroundCopyFile_Release(file);
    }
    IStream_Release(stream);
    report("CoMarshalInterface(new-object):stub-manager+stub", &marshal);
    report("CoReleaseMarshalData(new-object):stub-manager-teardown", &unmarshal_release);

    CoGetPSClsid(&IID_IBackgroundCopyFile, &clsid);
    if (FAILED(CoGetClassObject(&clsid, CLSCTX_INPROC_SERVER, NULL, &IID_IPSFactoryBuffer, (void **)&factory))) return;
    timer_init(&t, opts->budget_ms);
    while (timer_more(&t))
    {
        IRpcProxyBuffer *proxy = NULL;
        void *iface = NULL;
        t0 = now_us();
        IPSFactoryBuffer_CreateProxy(factory, &stand_in_outer, &IID_IBackgroundCopyFile, &proxy, &iface);
        if (proxy) IRpcProxyBuffer_Release(proxy);
        t.samples[t.count++] = now_us() - t0;
    }
    report("dll:CreateProxy+Release(IBackgroundCopyFile)", &t);

    timer_init(&t, opts->budget_ms);
    while (timer_more(&t))
    {
        IBackgroundCopyFile *file = NULL;
        IRpcStubBuffer *stub = NULL;
        server_file_create(L"https://bench.example.test/anatomy.bin", L"C:\\bench\\anatomy.bin", &file);
        t0 = now_us();
        IPSFactoryBuffer_CreateStub(factory, &IID_IBackgroundCopyFile, (IUnknown *)file, &stub);
        if (stub) IRpcStubBuffer_Release(stub);
        t.samples[t.count++] = now_us() - t0;
        IBackgroundCopyFile_Release(file);
    }
    report("dll:CreateStub+Release(IBackgroundCopyFile)", &t);
    IPSFactoryBuffer_Release(factory);
}

/* Release of new objects' proxies with no registry look-up for IRemUnknown. */
static void release_without_registry(const struct child_opts *opts, struct proxies *p)
{
    struct timer call, release;
    IUnknown *factory = NULL;
    DWORD cookie = 0;
    ULONG pos = 1;

    if (FAILED(CoGetClassObject(&CLSID_PSFactoryBuffer_, CLSCTX_INPROC_SERVER, NULL, &IID_IUnknown, (void **)&factory)))
        return;
    CoRegisterPSClsid(&IID_IRemUnknown_, &CLSID_PSFactoryBuffer_);
    CoRegisterClassObject(&CLSID_PSFactoryBuffer_, factory, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE, &cookie);
    timer_init(&call, opts->budget_ms);
    timer_init(&release, opts->budget_ms);
    while (timer_more(&call))
    {
        next_one(p, pos, &call, &release);
        if (++pos == p->file_count) pos = 1;
    }
    report("Next(1),new-object:call,IRemUnknown-PS-in-process", &call);
    report("Next(1),new-object:release-proxy,IRemUnknown-PS-in-process", &release);
    if (cookie) CoRevokeClassObject(cookie);
    IUnknown_Release(factory);
}

void run_anatomy(const struct child_opts *opts, struct proxies *p)
{
    round_trips(opts, p);
    lookups(opts);
    construction(opts);
    release_without_registry(opts, p);   /* last: the registration stays for the process */
}
