/*
 * Bad arguments on the calling side. For every method:
 *   - each parameter the IDL makes [ref] or [out] is passed as NULL: the
 *     proxy must return an error HRESULT without sending anything (the
 *     recording channel counts what is sent: a call not sent reaches no
 *     server). An error that comes from a fault the NDR engine caught is
 *     accepted, and said so;
 * and, for the methods where they apply:
 *   - an enum value that does not fit the 16 bits NDR sends: refused, not sent;
 *   - a count larger than the array it sizes (the array ends at a guard
 *     page): an error, not sent, the process lives;
 *   - Next(celt > 1, pceltFetched = NULL): NDR allows it (the pointer is
 *     unique), so it must reach the server, whose E_INVALIDARG comes back;
 *   - Next(celt = 0xffffffff): refused before it reaches the server.
 * The last two run through a loopback: proxy, channel, stub, counting server.
 * argv[1]: the interface table (TSV).
 */
/* Read the -Oif tables: the stubless proxy header must have pStublessProxyInfo. */
#define USE_STUBLESS_PROXY
#include <stdio.h>
#include <string.h>
#include <rpcproxy.h>
#include "tap.h"
#include "testutil.h"
#include "com_helpers.h"
#include "recording_channel.h"
#include "recording_server.h"
#include "method_signatures.h"

#define PAGE 0x1000
#define MAX_PARAMS 10

static unsigned char *scratch;          /* one zeroed page per parameter */
static unsigned int cases_run, cases_failed, cases_faulted, cases_sent_by_runtime;

static const char *hresult_name(HRESULT hr)
{
    static char buf[32];
    switch (hr)
    {
    case S_OK: return "S_OK";
    case E_INVALIDARG: return "E_INVALIDARG";
    case E_OUTOFMEMORY: return "E_OUTOFMEMORY";
    case E_POINTER: return "E_POINTER";
    case HRESULT_FROM_WIN32(RPC_X_NULL_REF_POINTER): return "RPC_X_NULL_REF_POINTER";
    case HRESULT_FROM_WIN32(RPC_X_ENUM_VALUE_OUT_OF_RANGE): return "RPC_X_ENUM_VALUE_OUT_OF_RANGE";
    case HRESULT_FROM_WIN32(RPC_S_INVALID_BOUND): return "RPC_S_INVALID_BOUND";
    case HRESULT_FROM_WIN32(RPC_S_INVALID_TAG): return "RPC_S_INVALID_TAG";
    case HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA): return "RPC_X_BAD_STUB_DATA";
    case (HRESULT)STATUS_ACCESS_VIOLATION: return "STATUS_ACCESS_VIOLATION";
    }
    snprintf(buf, sizeof(buf), "%#lx", hr);
    return buf;
}

/* Any method of a proxy, called through its vtable slot with argument
 * words (x86_64: the words past the method's parameters are ignored). */
typedef HRESULT (STDMETHODCALLTYPE *slot_fn)(IUnknown *, UINT_PTR, UINT_PTR, UINT_PTR, UINT_PTR, UINT_PTR,
                                             UINT_PTR, UINT_PTR, UINT_PTR, UINT_PTR, UINT_PTR);
static HRESULT call_slot(IUnknown *proxy, unsigned int slot, const UINT_PTR *a)
{
    slot_fn fn = (slot_fn)(*(void ***)proxy)[slot];
    return fn(proxy, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
}

static unsigned int parse_params(const char *params, char kinds[MAX_PARAMS], char names[MAX_PARAMS][48])
{
    unsigned int n = 0;
    const char *p = params;
    while (*p && n < MAX_PARAMS)
    {
        int used = 0;
        if (sscanf(p, " %c:%47s%n", &kinds[n], names[n], &used) != 2) break;
        n++;
        p += used;
    }
    return n;
}

/* Valid words for every parameter: values 1 (a count of one element), a
 * zeroed page for anything passed by address, NULL for interface pointers
 * and 8-byte unions (NULL unique string). */
static void valid_arguments(const char *kinds, unsigned int n, UINT_PTR *a)
{
    unsigned int i;
    memset(scratch, 0, MAX_PARAMS * PAGE);
    memset(a, 0, MAX_PARAMS * sizeof(*a));
    for (i = 0; i < n; i++)
    {
        switch (kinds[i])
        {
        case 'v': a[i] = 1; break;
        case 'p': case 'y': a[i] = 0; break;
        default: a[i] = (UINT_PTR)(scratch + i * PAGE); break;
        }
    }
}

static BOOL is_ndr_ref(char kind)
{
    return kind && strchr("sgrao", kind) != NULL;
}

struct proxy_under_test
{
    struct recording_channel channel;
    struct counted_unknown outer;
    IRpcProxyBuffer *buffer;
    IUnknown *proxy;
};

static BOOL proxy_open(struct proxy_under_test *t, REFIID iid)
{
    recording_channel_init(&t->channel);
    counted_unknown_init(&t->outer);
    return SUCCEEDED(recording_proxy_create(iid, &t->outer.IUnknown_iface, &t->channel, &t->buffer, &t->proxy));
}

static void proxy_close(struct proxy_under_test *t)
{
    IUnknown_Release(t->proxy);
    IRpcProxyBuffer_Disconnect(t->buffer);
    IRpcProxyBuffer_Release(t->buffer);
    recording_channel_reset(&t->channel);
}

/* How the proxy came to its error: an access violation means it went
 * through the bad argument and the NDR engine caught the fault. */
static const char *how(HRESULT hr)
{
    if (hr != (HRESULT)STATUS_ACCESS_VIOLATION) return "";
    cases_faulted++;
    return " (a fault inside the proxy, caught by the NDR engine)";
}

/* A refused call: an error HRESULT, and nothing sent, so no server can
 * have run it. */
static void check_refused(struct proxy_under_test *t, const char *what, HRESULT hr)
{
    BOOL pass = FAILED(hr) && t->channel.sends == 0;
    cases_run++;
    if (!pass) cases_failed++;
    ok(pass, "%s: %s%s, %s", what, hresult_name(hr), how(hr),
       t->channel.sends ? "SENT: a server would have run it" : "not sent");
}

/*
 * Whether the interpreter this runs on checks a NULL for parameter `index`
 * of the method in `slot` before sending. Wine's rpcrt4 (ndr_stubless.c,
 * client_do_args) does so only for simple-reference parameters; for an
 * [out] pointer to a pointer, an enum16 or an array it sends the call and
 * fails only on the reply (Windows' engine refuses it when it clears the
 * [out] parameters). The answer comes from the DLL's own -Oif tables, so
 * a parameter the tables mark as a simple reference must still be refused.
 */
static BOOL interpreter_checks_null(REFIID iid, unsigned int slot, unsigned int index)
{
    const ProxyFileInfo **files;
    const CLSID *clsid;
    HMODULE dll = GetModuleHandleW(L"qmgrprxy.dll");
    void (RPC_ENTRY *info)(const ProxyFileInfo ***, const CLSID **);
    unsigned int i;

    if (!dll || !(info = (void *)GetProcAddress(dll, "GetProxyDllInfo"))) return TRUE;
    info(&files, &clsid);
    for (; *files; files++)
        for (i = 0; i < (*files)->TableSize; i++)
        {
            const CInterfaceProxyVtbl *vtbl = (const CInterfaceProxyVtbl *)(*files)->pProxyVtblList[i];
            const MIDL_STUBLESS_PROXY_INFO *proxy = vtbl->header.pStublessProxyInfo;
            const unsigned char *proc;
            unsigned int pos;
            if (!IsEqualIID(vtbl->header.piid, iid)) continue;
            proc = proxy->ProcFormatString + proxy->FormatStringOffset[slot];
            /* handle, Oi flags, rpc flags (4), proc number, stack size; then client
             * and server buffer sizes, Oi2 flags, parameter count; then extensions. */
            pos = 2 + ((proc[1] & 0x08) ? 4 : 0) + 4 + 4;
            if (index >= proc[pos + 1]) return TRUE;
            pos += 2 + ((proc[pos] & 0x40) ? proc[pos + 2] : 0);
            return (*(const unsigned short *)(proc + pos + 6 * index) & 0x0100) != 0;   /* IsSimpleRef */
        }
    return TRUE;
}

/* ---- NULL for every [ref] and [out] parameter ---- */

static unsigned int null_cases(const struct table_row *row, const struct method_signature *sig)
{
    struct proxy_under_test t;
    char kinds[MAX_PARAMS] = {0}, names[MAX_PARAMS][48], what[256];
    unsigned int n = parse_params(sig->params, kinds, names), i, count = 0;
    UINT_PTR a[MAX_PARAMS];

    for (i = 0; i < n; i++)
    {
        HRESULT hr;
        if (!is_ndr_ref(kinds[i])) continue;
        if (!proxy_open(&t, &row->iid)) { ok(0, "%s: no proxy", row->name); return count; }
        valid_arguments(kinds, n, a);
        a[i] = 0;
        hr = call_slot(t.proxy, sig->slot, a);
        snprintf(what, sizeof(what), "%s::%s(%s = NULL)", sig->iface, sig->method, names[i]);
        if (kinds[i] == 'o' && t.channel.sends && !interpreter_checks_null(&row->iid, sig->slot, i))
        {
            /* The known limitation of Wine's interpreter, above: listed, not hidden. */
            cases_run++;
            cases_sent_by_runtime++;
            tap_check_todo(FAILED(hr) && !t.channel.sends, "Wine's rpcrt4 sends a NULL [out] pointer that is not a simple reference",
                           __FILE__, __LINE__, "%s: %s%s, SENT: a server would have run it", what, hresult_name(hr), how(hr));
        }
        else check_refused(&t, what, hr);
        proxy_close(&t);
        count++;
    }
    return count;
}

/* ---- an enum value NDR cannot send in 16 bits ---- */

static void enum_case(REFIID iid, const char *what, unsigned int slot, const UINT_PTR *words)
{
    struct proxy_under_test t;
    UINT_PTR a[MAX_PARAMS];
    HRESULT hr;

    if (!proxy_open(&t, iid)) { ok(0, "%s: no proxy", what); return; }
    memcpy(a, words, sizeof(a));
    hr = call_slot(t.proxy, slot, a);
    check_refused(&t, what, hr);
    proxy_close(&t);
}

static void enum_cases(void)
{
    UINT_PTR a[MAX_PARAMS] = {0};

    a[0] = 0x8000;                      /* BG_JOB_PRIORITY */
    enum_case(&IID_IBackgroundCopyJob, "IBackgroundCopyJob::SetPriority(Val = 0x8000)", 21, a);
    a[0] = 0x10001;                     /* BG_AUTH_TARGET */
    a[1] = BG_AUTH_SCHEME_BASIC;
    enum_case(&IID_IBackgroundCopyJob2, "IBackgroundCopyJob2::RemoveCredentials(Target = 0x10001)", 42, a);
    memset(a, 0, sizeof(a));
    a[0] = 0xffff;                      /* BITS_JOB_PROPERTY_ID, also the union's discriminant */
    a[1] = (UINT_PTR)scratch;
    enum_case(&IID_IBackgroundCopyJob5, "IBackgroundCopyJob5::SetProperty(PropertyId = 0xffff)", 53, a);
}

/* ---- a count larger than the array ---- */

/* The last `size` bytes of a page followed by an inaccessible one. */
static void *before_guard(size_t size)
{
    static unsigned char *pages;
    DWORD old;
    if (!pages)
    {
        pages = VirtualAlloc(NULL, 2 * PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
        VirtualProtect(pages + PAGE, PAGE, PAGE_NOACCESS, &old);
    }
    memset(pages, 0, PAGE);
    return pages + PAGE - size;
}

struct overrun
{
    const IID *iid;
    const char *what;
    unsigned int slot;
    unsigned int array_arg;             /* which word is the array */
    size_t real_size;                   /* what the caller really has */
    UINT_PTR words[MAX_PARAMS];         /* the array word is filled in */
};

static void overrun_cases(void)
{
    static const WCHAR empty[] = L"";
    const struct overrun cases[] =
    {
        { &IID_IBackgroundCopyJob, "IBackgroundCopyJob::AddFileSet(cFileCount = 1000, 1 element)", 3, 1,
          sizeof(BG_FILE_INFO), { 1000 } },
        { &IID_IBackgroundCopyJob1, "IBackgroundCopyJob1::AddFiles(cFileCount = 1000, 1 element)", 6, 1,
          sizeof(FILESETINFO *), { 1000 } },
        { &IID_IBackgroundCopyJob3, "IBackgroundCopyJob3::AddFileWithRanges(RangeCount = 1000, 1 range)", 44, 3,
          sizeof(BG_FILE_RANGE), { (UINT_PTR)empty, (UINT_PTR)empty, 1000 } },
        { &IID_IBackgroundCopyFile6, "IBackgroundCopyFile6::RequestFileRanges(rangeCount = 1000, 1 range)", 16, 1,
          sizeof(BG_FILE_RANGE), { 1000 } },
        { &IID_IBackgroundCopyCallback3, "IBackgroundCopyCallback3::FileRangesTransferred(rangeCount = 1000, 1 range)",
          7, 3, sizeof(BG_FILE_RANGE), { 0, 0, 1000 } },
        { &IID_IBackgroundCopyCallback1, "IBackgroundCopyCallback1::OnProgressEx(dwByteArraySize = 100000, 16 bytes)",
          5, 6, 16, { 1, 0, 0, 0, 0, 100000 } },
        { &IID_IBackgroundCopyJobHttpOptions, "IBackgroundCopyJobHttpOptions::SetClientCertificateByID(10 of 20 bytes)",
          3, 2, 10, { 0, (UINT_PTR)empty } },
        { &IID_IBackgroundCopyServerCertificateValidationCallback,
          "IBackgroundCopyServerCertificateValidationCallback::ValidateServerCertificate(certLength = 100000, 16 bytes)",
          3, 3, 16, { 0, 0, 100000, 0, 1, 1, (UINT_PTR)empty } },
    };
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        struct proxy_under_test t;
        UINT_PTR a[MAX_PARAMS];
        HRESULT hr;

        if (!proxy_open(&t, cases[i].iid)) { ok(0, "%s: no proxy", cases[i].what); continue; }
        memcpy(a, cases[i].words, sizeof(a));
        a[cases[i].array_arg] = (UINT_PTR)before_guard(cases[i].real_size);
        hr = call_slot(t.proxy, cases[i].slot, a);
        check_refused(&t, cases[i].what, hr);
        proxy_close(&t);
    }
}

/* ---- Next through a loopback: proxy, channel, stub, counting server ---- */

/* The server side of Next as the COM enumerator contract has it. */
static HRESULT judging_next(struct recording_server *server, unsigned int slot, const UINT_PTR *args)
{
    ULONG celt = (ULONG)args[0], *fetched = (ULONG *)args[2];
    if (slot != 3) return E_NOTIMPL;
    if (celt > 1 && !fetched) return E_INVALIDARG;
    if (fetched) *fetched = 0;
    return S_FALSE;
}

struct loopback
{
    struct proxy_under_test t;
    struct recording_channel server_side;
    struct recording_server server;
    IRpcStubBuffer *stub;
};

static BOOL loopback_open(struct loopback *l, REFIID iid)
{
    IPSFactoryBuffer *factory;
    CLSID clsid;
    HRESULT hr;

    recording_server_init(&l->server);
    l->server.handler = judging_next;
    recording_channel_init(&l->server_side);
    l->stub = NULL;
    if (FAILED(get_ps_factory(iid, &factory, &clsid))) return FALSE;
    hr = IPSFactoryBuffer_CreateStub(factory, iid, &l->server.IUnknown_iface, &l->stub);
    IPSFactoryBuffer_Release(factory);
    if (FAILED(hr) || !proxy_open(&l->t, iid)) return FALSE;
    l->t.channel.loopback = l->stub;
    l->t.channel.loopback_channel = &l->server_side;
    return TRUE;
}

static void loopback_close(struct loopback *l)
{
    proxy_close(&l->t);
    IRpcStubBuffer_Disconnect(l->stub);
    IRpcStubBuffer_Release(l->stub);
    recording_channel_reset(&l->server_side);
}

static const struct { const IID *iid; const char *name; BOOL unique_fetched; } enumerators[] =
{
    { &IID_IEnumBackgroundCopyFiles, "IEnumBackgroundCopyFiles", TRUE },
    { &IID_IEnumBackgroundCopyJobs, "IEnumBackgroundCopyJobs", TRUE },
    { &IID_IEnumBitsPeerCacheRecords, "IEnumBitsPeerCacheRecords", TRUE },
    { &IID_IEnumBitsPeers, "IEnumBitsPeers", TRUE },
    { &IID_IEnumBackgroundCopyJobs1, "IEnumBackgroundCopyJobs1", FALSE },
    { &IID_IEnumBackgroundCopyGroups, "IEnumBackgroundCopyGroups", FALSE },
};

static void next_cases(void)
{
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(enumerators); i++)
    {
        struct loopback l;
        UINT_PTR a[MAX_PARAMS] = {0};
        void **elements;
        ULONG fetched = 0;
        HRESULT hr;
        BOOL pass;

        /* celt > 1, pceltFetched NULL: legal NDR, refused by the server */
        if (enumerators[i].unique_fetched)
        {
            if (!loopback_open(&l, enumerators[i].iid)) { ok(0, "%s: no loopback", enumerators[i].name); continue; }
            elements = (void **)(scratch + PAGE);
            memset(elements, 0, 4 * sizeof(void *));
            a[0] = 2;
            a[1] = (UINT_PTR)elements;
            a[2] = 0;
            hr = call_slot(l.t.proxy, 3, a);
            pass = hr == E_INVALIDARG && l.server.calls == 1 && !elements[0] && !elements[1];
            cases_run++;
            if (!pass) cases_failed++;
            ok(pass, "%s::Next(celt = 2, pceltFetched = NULL): %s, the server judged it (%u calls), rgelt untouched",
               enumerators[i].name, hresult_name(hr), l.server.calls);
            loopback_close(&l);
        }

        /* a huge celt: refused before the server. The caller's buffer has
         * room for one element and ends at a guard page, so a proxy that
         * prepares celt elements of it faults there and nowhere else. */
        if (!loopback_open(&l, enumerators[i].iid)) { ok(0, "%s: no loopback", enumerators[i].name); continue; }
        a[0] = 0xffffffff;
        a[1] = (UINT_PTR)before_guard(enumerators[i].unique_fetched ? sizeof(void *) : sizeof(GUID));
        a[2] = (UINT_PTR)&fetched;
        hr = call_slot(l.t.proxy, 3, a);
        pass = FAILED(hr) && l.server.calls == 0;
        cases_run++;
        if (!pass) cases_failed++;
        ok(pass, "%s::Next(celt = 0xffffffff): %s%s, %s, %s", enumerators[i].name, hresult_name(hr), how(hr),
           l.t.channel.sends ? "sent" : "not sent", l.server.calls ? "REACHED the server" : "the server not called");
        loopback_close(&l);
    }
}

int main(int argc, char **argv)
{
    static struct table_row rows[64];
    unsigned int n, i, methods = 0, with_ref = 0, null_total = 0;

    tap_start();
    if (argc < 2) { printf("usage: bad_arguments <bits-interfaces.tsv>\n"); return 2; }
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    scratch = VirtualAlloc(NULL, MAX_PARAMS * PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

    n = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(n == 35, "the table lists %u interfaces", n);
    for (i = 0; i < n; i++)
    {
        char list[1024], *entry, *save;
        unsigned int count = 0, index = 0;

        if (!strcmp(rows[i].name, "AsyncIBackgroundCopyCallback")) continue;
        snprintf(list, sizeof(list), "%s", rows[i].methods);
        for (entry = strtok_r(list, ",", &save); entry; entry = strtok_r(NULL, ",", &save)) count++;
        snprintf(list, sizeof(list), "%s", rows[i].methods);
        for (entry = strtok_r(list, ",", &save); entry; entry = strtok_r(NULL, ",", &save), index++)
        {
            const struct method_signature *sig;
            char method[64];
            unsigned int cases;

            snprintf(method, sizeof(method), "%.*s", (int)strcspn(entry, "["), entry);
            methods++;
            sig = method_signature_find(rows[i].name, method);
            if (!ok(sig && sig->slot == rows[i].slots - count + index, "%s::%s: parameter kinds known (slot %u)",
                    rows[i].name, method, rows[i].slots - count + index))
                continue;
            cases = null_cases(&rows[i], sig);
            if (cases) with_ref++;
            else printf("# %s::%s: no [ref] or [out] parameter\n", rows[i].name, method);
            null_total += cases;
        }
    }
    ok(methods == 182 && method_signature_count == 182, "%u methods in the table, %u parameter lists", methods,
       method_signature_count);
    printf("# NULL for a [ref]/[out] parameter: %u cases in %u methods (the other %u have none)\n", null_total,
           with_ref, methods - with_ref);

    enum_cases();
    overrun_cases();
    next_cases();

    printf("# bad-argument cases: %u, failed: %u; refused through a caught fault: %u; "
           "sent by Wine's interpreter (TODO, see interpreter_checks_null): %u\n",
           cases_run, cases_failed, cases_faulted, cases_sent_by_runtime);
    CoUninitialize();
    return tap_done();
}
