/*
 * A client of Wine's BITS service (qmgr.dll in svchost.exe, a peer nobody
 * here wrote), across processes. One run is one pairing of marshalers: the
 * client's proxies and stubs come from one qmgrprxy.dll ("ours", the built
 * file, or "builtin", Wine's), the service's from one. The run proves which
 * DLL each process mapped, then creates and reads back jobs and files and
 * checks every value against what it set or what Wine's qmgr is written to
 * answer (dlls/qmgr, Wine 8); an error HRESULT must reach the client as the
 * service returned it. Every value received is also written to a transcript,
 * so that the harness can compare the pairings with each other.
 *
 * usage: bits_service_client <built qmgrprxy.dll> <client: ours|builtin>
 *            <service: ours|builtin> <transcript> [<http base URL>]
 * (Unix paths; the URL is the harness's HTTP fixture, see http_fixture.py.)
 */
#include <stdarg.h>
#include <string.h>
#include <bitsmsg.h>
#include "tap.h"
#include "testutil.h"
#include "image_identity.h"
#include "http_payload.h"

static char config[64];          /* "service=ours client=builtin", in every message */
static enum { PURE_OURS, PURE_BUILTIN, MIXED } pairing;
static FILE *transcript;
static FILETIME run_start;

/* One line of the transcript: what the client received, never a pointer or
 * a GUID (those differ from run to run). */
static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
    va_list args;
    if (!transcript) return;
    va_start(args, fmt);
    vfprintf(transcript, fmt, args);
    va_end(args);
    fputc('\n', transcript);
}

static void check_hr(HRESULT hr, HRESULT expected, const char *what)
{
    ok(hr == expected, "%s: %s: hr %#lx (expected %#lx)", config, what, hr, expected);
    note("%s: %#lx", what, hr);
}

/* Where Wine's builtin cannot agree with Windows' marshaling. Wine's IDL
 * (like the SDK's) declares some string outputs [out, ref] LPWSTR *. MIDL
 * applies a parameter's [ref] to the rightmost declarator only, so the string
 * pointer is unique and may come back NULL; widl also makes the string
 * pointer [ref], so Wine's stub cannot send the NULL Wine's qmgr leaves with
 * E_NOTIMPL (RPC_X_NULL_REF_POINTER) and the two formats differ on the wire.
 * Our DLL must pass E_NOTIMPL as the service said; Wine's pair raises; a
 * mixed pair must fail cleanly, with no value. These lines are marked "~" in
 * the transcript and the harness leaves them out of its comparison. */
static void check_ref_string_out(HRESULT hr, const char *what)
{
    switch (pairing)
    {
    case PURE_OURS:
        ok(hr == E_NOTIMPL, "%s: %s: hr %#lx (Wine's E_NOTIMPL)", config, what, hr);
        break;
    case PURE_BUILTIN:
        ok(hr == HRESULT_FROM_WIN32(RPC_X_NULL_REF_POINTER), "%s: %s: hr %#lx (widl's [ref] string)", config, what, hr);
        break;
    case MIXED:
        ok(hr == E_NOTIMPL || (FAILED(hr) && HRESULT_FACILITY(hr) == FACILITY_WIN32),
           "%s: %s: hr %#lx (E_NOTIMPL or an RPC error)", config, what, hr);
        break;
    }
    note("~ %s: %#lx", what, hr);
}

/* A string for one line of TAP or transcript: CR and LF spelled out. */
static const char *shown(const WCHAR *text)
{
    static WCHAR buf[4][512];
    static int next;
    WCHAR *b = buf[next++ & 3];
    unsigned int i = 0;

    if (!text) return "(null)";
    for (; *text && i < ARRAYSIZE(buf[0]) - 3; text++)
    {
        if (*text == '\r' || *text == '\n')
        {
            b[i++] = '\\';
            b[i++] = *text == '\r' ? 'r' : 'n';
        }
        else b[i++] = *text;
    }
    b[i] = 0;
    return wstr(b);
}

/* Takes ownership of got. */
static void check_string(HRESULT hr, WCHAR *got, const WCHAR *expected, const char *what)
{
    ok(hr == S_OK && got && !lstrcmpW(got, expected), "%s: %s: hr %#lx \"%s\" (expected \"%s\")",
       config, what, hr, shown(got), shown(expected));
    note("%s: %#lx \"%s\"", what, hr, shown(got));
    CoTaskMemFree(got);
}

static void check_ulong(HRESULT hr, ULONG got, ULONG expected, const char *what)
{
    ok(hr == S_OK && got == expected, "%s: %s: hr %#lx value %lu (expected %lu)", config, what, hr, got, expected);
    note("%s: %#lx %lu", what, hr, got);
}

static BOOL same_object(void *a, void *b)
{
    IUnknown *ua = NULL, *ub = NULL;
    BOOL same;
    if (!a || !b) return FALSE;
    IUnknown_QueryInterface((IUnknown *)a, &IID_IUnknown, (void **)&ua);
    IUnknown_QueryInterface((IUnknown *)b, &IID_IUnknown, (void **)&ub);
    same = ua && ua == ub;
    if (ua) IUnknown_Release(ua);
    if (ub) IUnknown_Release(ub);
    return same;
}

/* ---- Which DLL each side runs ---- */

struct side
{
    const char *kind;            /* "ours" or "builtin" */
    WCHAR file[MAX_PATH];        /* the file its image must match */
};

static void check_image(HANDLE process, void *base, const struct side *side, const char *who)
{
    char why[256];
    BOOL builtin = image_is_wine_builtin(process, base);

    ok(image_matches_file(process, base, side->file, why, sizeof(why)),
       "%s: the %s's qmgrprxy image is %s (%s)", config, who, wstr(side->file), why);
    ok(builtin == !strcmp(side->kind, "builtin"), "%s: the %s's qmgrprxy %s Wine's builtin mark",
       config, who, builtin ? "carries" : "lacks");
}

static void check_sides(IBackgroundCopyManager *manager, const struct side *client, const struct side *service)
{
    WCHAR path[MAX_PATH];
    HMODULE module = vtable_module(manager);
    void *base;
    DWORD pid;
    HANDLE process;
    unsigned int count;

    GetModuleFileNameW(module, path, MAX_PATH);
    ok(module != NULL && !lstrcmpiW(wcsrchr(path, '\\') ? wcsrchr(path, '\\') + 1 : path, L"qmgrprxy.dll"),
       "%s: the manager's proxy comes from a module named qmgrprxy.dll (%s)", config, wstr(path));
    count = find_process_module(GetCurrentProcessId(), L"qmgrprxy.dll", &base, path, MAX_PATH);
    ok(count == 1 && base == (void *)module, "%s: the client has one qmgrprxy.dll, the proxy's (%u)", config, count);
    if (module) check_image(GetCurrentProcess(), module, client, "client");

    pid = service_process_id(L"BITS");
    ok(pid != 0, "%s: the BITS service runs (pid %lu)", config, pid);
    if (!pid) return;
    ok(pid != GetCurrentProcessId(), "%s: the service is another process", config);
    ok(find_process_module(pid, L"qmgr.dll", &base, path, MAX_PATH) == 1,
       "%s: the service process has loaded qmgr.dll (%s)", config, wstr(path));
    count = find_process_module(pid, L"qmgrprxy.dll", &base, path, MAX_PATH);
    ok(count == 1, "%s: the service process has loaded one qmgrprxy.dll (%u, %s)", config, count, wstr(path));
    if (count != 1) return;
    process = OpenProcess(PROCESS_VM_READ | PROCESS_QUERY_INFORMATION, FALSE, pid);
    ok(process != NULL, "%s: opened the service process: error %lu", config, GetLastError());
    if (!process) return;
    check_image(process, base, service, "service");
    CloseHandle(process);
}

/* ---- The client's callback ---- */

struct callback
{
    IBackgroundCopyCallback IBackgroundCopyCallback_iface;
    LONG ref;
    HANDLE transferred;
    IBackgroundCopyJob *job;     /* what JobTransferred was given */
    WCHAR *name_inside;          /* the job's name, read back during the callback */
    BG_JOB_STATE state_inside;
    HRESULT state_hr;
};

static struct callback *impl_from_callback(IBackgroundCopyCallback *iface)
{
    return CONTAINING_RECORD(iface, struct callback, IBackgroundCopyCallback_iface);
}

static HRESULT WINAPI callback_QueryInterface(IBackgroundCopyCallback *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyCallback))
    {
        *out = iface;
        IBackgroundCopyCallback_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI callback_AddRef(IBackgroundCopyCallback *iface)
{
    return InterlockedIncrement(&impl_from_callback(iface)->ref);
}

static ULONG WINAPI callback_Release(IBackgroundCopyCallback *iface)
{
    return InterlockedDecrement(&impl_from_callback(iface)->ref);
}

/* Runs on an RPC thread while the service waits: calls back into it. */
static HRESULT WINAPI callback_JobTransferred(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job)
{
    struct callback *cb = impl_from_callback(iface);
    if (!cb->job && job)
    {
        IBackgroundCopyJob_AddRef(job);
        IBackgroundCopyJob_GetDisplayName(job, &cb->name_inside);
        cb->state_hr = IBackgroundCopyJob_GetState(job, &cb->state_inside);
        cb->job = job;
    }
    SetEvent(cb->transferred);
    return S_OK;
}

static HRESULT WINAPI callback_JobError(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job, IBackgroundCopyError *error)
{
    return S_OK;
}

static HRESULT WINAPI callback_JobModification(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job, DWORD reserved)
{
    return S_OK;
}

static const IBackgroundCopyCallbackVtbl callback_vtbl =
{
    callback_QueryInterface, callback_AddRef, callback_Release,
    callback_JobTransferred, callback_JobError, callback_JobModification,
};

static void callback_init(struct callback *cb)
{
    memset(cb, 0, sizeof(*cb));
    cb->IBackgroundCopyCallback_iface.lpVtbl = &callback_vtbl;
    cb->ref = 1;
    cb->transferred = CreateEventW(NULL, TRUE, FALSE, NULL);
}

static void callback_reset(struct callback *cb)
{
    if (cb->job) IBackgroundCopyJob_Release(cb->job);
    CoTaskMemFree(cb->name_inside);
    cb->job = NULL;
    cb->name_inside = NULL;
    ResetEvent(cb->transferred);
}

/* ---- Jobs ---- */

static const WCHAR job_name[] = L"qmgrprxy cross-process: r\x00e9sum\x00e9 \x65e5\x672c";   /* non-ASCII survives */
static const WCHAR job_description[] = L"Made by tests/crossprocess/bits_service_client.c";
static const WCHAR *const remote_names[3] =
{
    L"http://downloads.example.test/xproc/one.cab",
    L"https://downloads.example.test/xproc/t\x00e9l\x00e9charg\x00e9.cab",
    L"http://downloads.example.test/xproc/three%20four.cab",
};
static const WCHAR *const local_names[3] =
{
    L"C:\\qmgrprxy-xproc-absent\\one.cab", L"C:\\qmgrprxy-xproc-absent\\t\x00e9l\x00e9charg\x00e9.cab",
    L"C:\\qmgrprxy-xproc-absent\\three four.cab",
};

static BOOL filetime_in_run(const FILETIME *t)
{
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    return CompareFileTime(t, &run_start) >= 0 && CompareFileTime(t, &now) <= 0;
}

/* GetTimes, GetOwner and GetErrorCount are E_NOTIMPL in Wine 8's qmgr; a
 * qmgr that answers must give a creation time inside this run, stable from
 * call to call, a non-empty owner and no error on a new job. */
static void check_times_owner_errors(IBackgroundCopyJob *job)
{
    BG_JOB_TIMES times, again;
    WCHAR *owner = NULL;
    ULONG errors = 0xdead;
    HRESULT hr;

    hr = IBackgroundCopyJob_GetTimes(job, &times);
    if (hr == S_OK)
    {
        ok(filetime_in_run(&times.CreationTime), "%s: job creation time within the run", config);
        ok(CompareFileTime(&times.ModificationTime, &times.CreationTime) >= 0, "%s: modified after creation", config);
        hr = IBackgroundCopyJob_GetTimes(job, &again);
        ok(hr == S_OK && !CompareFileTime(&times.CreationTime, &again.CreationTime), "%s: creation time stable", config);
        note("GetTimes: S_OK");
    }
    else check_hr(hr, E_NOTIMPL, "GetTimes");

    hr = IBackgroundCopyJob_GetOwner(job, &owner);
    if (hr == S_OK)
    {
        ok(owner && owner[0], "%s: job owner \"%s\"", config, wstr(owner));
        note("GetOwner: S_OK \"%s\"", wstr(owner));
        CoTaskMemFree(owner);
    }
    else check_hr(hr, E_NOTIMPL, "GetOwner");

    hr = IBackgroundCopyJob_GetErrorCount(job, &errors);
    if (hr == S_OK) check_ulong(hr, errors, 0, "GetErrorCount of a new job");
    else check_hr(hr, E_NOTIMPL, "GetErrorCount");
}

static void check_state(IBackgroundCopyJob *job, BG_JOB_STATE expected, const char *what)
{
    BG_JOB_STATE state = 0xdead;
    HRESULT hr = IBackgroundCopyJob_GetState(job, &state);
    check_ulong(hr, state, expected, what);
}

static void check_job_progress(IBackgroundCopyJob *job, UINT64 bytes_total, UINT64 bytes_done, ULONG files_total,
                               ULONG files_done, const char *what)
{
    BG_JOB_PROGRESS p;
    HRESULT hr;

    memset(&p, 0xcc, sizeof(p));
    hr = IBackgroundCopyJob_GetProgress(job, &p);
    ok(hr == S_OK && p.BytesTotal == bytes_total && p.BytesTransferred == bytes_done && p.FilesTotal == files_total &&
       p.FilesTransferred == files_done, "%s: %s: hr %#lx bytes %#I64x/%#I64x files %lu/%lu", config, what, hr,
       p.BytesTransferred, p.BytesTotal, p.FilesTransferred, p.FilesTotal);
    note("%s: %#lx %#I64x %#I64x %lu %lu", what, hr, p.BytesTotal, p.BytesTransferred, p.FilesTotal, p.FilesTransferred);
}

static void check_file_progress(IBackgroundCopyFile *file, UINT64 total, UINT64 done, BOOL completed, const char *what)
{
    BG_FILE_PROGRESS p;
    HRESULT hr;

    memset(&p, 0xcc, sizeof(p));
    hr = IBackgroundCopyFile_GetProgress(file, &p);
    ok(hr == S_OK && p.BytesTotal == total && p.BytesTransferred == done && p.Completed == completed,
       "%s: %s: hr %#lx bytes %#I64x/%#I64x completed %d", config, what, hr, p.BytesTransferred, p.BytesTotal, p.Completed);
    note("%s: %#lx %#I64x %#I64x %d", what, hr, p.BytesTotal, p.BytesTransferred, p.Completed);
}

static int name_index(const WCHAR *name)
{
    int i;
    for (i = 0; i < 3; i++) if (name && !lstrcmpW(name, remote_names[i])) return i;
    return -1;
}

/* The job's three files, in whatever order the service keeps them (Wine's
 * qmgr returns the newest first): each remote name once, with its local name. */
static void check_files(IBackgroundCopyJob *job)
{
    IEnumBackgroundCopyFiles *files = NULL, *clone = (void *)0xdeadbeef;
    IBackgroundCopyFile *file[4] = {0}, *next = NULL;
    IBackgroundCopyFile2 *file2 = NULL;
    BOOL seen[3] = {0};
    ULONG count = 0, fetched = 0, i;
    HRESULT hr;

    hr = IBackgroundCopyJob_EnumFiles(job, &files);
    ok(hr == S_OK && files, "%s: EnumFiles: hr %#lx", config, hr);
    if (!files) return;
    hr = IEnumBackgroundCopyFiles_GetCount(files, &count);
    check_ulong(hr, count, 3, "IEnumBackgroundCopyFiles::GetCount");
    hr = IEnumBackgroundCopyFiles_Next(files, 4, file, &fetched);
    ok(hr == S_FALSE && fetched == 3, "%s: Next(4) of 3 files: hr %#lx fetched %lu", config, hr, fetched);
    note("IEnumBackgroundCopyFiles::Next(4): %#lx %lu", hr, fetched);
    for (i = 0; i < fetched && i < 3; i++)
    {
        WCHAR *remote = NULL, *local = NULL;
        int k;

        hr = IBackgroundCopyFile_GetRemoteName(file[i], &remote);
        k = name_index(remote);
        ok(hr == S_OK && k >= 0 && !seen[k], "%s: file %lu is one of the three added: hr %#lx \"%s\"",
           config, i, hr, wstr(remote));
        CoTaskMemFree(remote);
        if (k < 0) continue;
        seen[k] = TRUE;
        hr = IBackgroundCopyFile_GetLocalName(file[i], &local);
        check_string(hr, local, local_names[k], "file's local name");
        check_file_progress(file[i], BG_SIZE_UNKNOWN, 0, FALSE, "file progress before transfer");
    }
    note("IEnumBackgroundCopyFiles: all three: %d", seen[0] && seen[1] && seen[2]);

    /* IBackgroundCopyFile2 on a file: both methods are E_NOTIMPL in Wine 8. */
    hr = file[0] ? IBackgroundCopyFile_QueryInterface(file[0], &IID_IBackgroundCopyFile2, (void **)&file2) : E_POINTER;
    ok(hr == S_OK && file2, "%s: file QueryInterface(IBackgroundCopyFile2): hr %#lx", config, hr);
    if (file2)
    {
        DWORD ranges_count = 0;
        BG_FILE_RANGE *ranges = NULL;
        check_hr(IBackgroundCopyFile2_GetFileRanges(file2, &ranges_count, &ranges), E_NOTIMPL, "GetFileRanges");
        check_hr(IBackgroundCopyFile2_SetRemoteName(file2, L"http://downloads.example.test/elsewhere"), E_NOTIMPL,
                 "SetRemoteName");
        IBackgroundCopyFile2_Release(file2);
    }
    for (i = 0; i < 4; i++) if (file[i]) IBackgroundCopyFile_Release(file[i]);

    /* Reset, Skip and Next walk the same list again. */
    check_hr(IEnumBackgroundCopyFiles_Reset(files), S_OK, "IEnumBackgroundCopyFiles::Reset");
    check_hr(IEnumBackgroundCopyFiles_Skip(files, 2), S_OK, "IEnumBackgroundCopyFiles::Skip(2)");
    fetched = 0xdead;
    hr = IEnumBackgroundCopyFiles_Next(files, 1, &next, &fetched);
    ok(hr == S_OK && fetched == 1 && next, "%s: Next(1) after Skip(2): hr %#lx fetched %lu", config, hr, fetched);
    if (next)
    {
        WCHAR *remote = NULL;
        hr = IBackgroundCopyFile_GetRemoteName(next, &remote);
        ok(hr == S_OK && name_index(remote) >= 0, "%s: third file \"%s\"", config, wstr(remote));
        CoTaskMemFree(remote);
        IBackgroundCopyFile_Release(next);
        next = NULL;
    }
    fetched = 0xdead;
    hr = IEnumBackgroundCopyFiles_Next(files, 1, &next, &fetched);
    ok(hr == S_FALSE && fetched == 0 && !next, "%s: Next at the end: hr %#lx fetched %lu", config, hr, fetched);
    note("IEnumBackgroundCopyFiles::Next at the end: %#lx %lu", hr, fetched);
    check_hr(IEnumBackgroundCopyFiles_Reset(files), S_OK, "IEnumBackgroundCopyFiles::Reset");
    check_hr(IEnumBackgroundCopyFiles_Skip(files, 4), S_FALSE, "IEnumBackgroundCopyFiles::Skip(4) of 3");

    /* Wine's qmgr has no Clone: E_NOTIMPL and no enumerator. */
    hr = IEnumBackgroundCopyFiles_Clone(files, &clone);
    ok(hr == E_NOTIMPL && !clone, "%s: IEnumBackgroundCopyFiles::Clone: hr %#lx %p", config, hr, clone);
    note("IEnumBackgroundCopyFiles::Clone: %#lx", hr);
    ok(IEnumBackgroundCopyFiles_Release(files) == 0, "%s: file enumerator released to zero", config);
}

/* The service's list holds at least our two jobs; find both by id. */
static void check_job_list(IBackgroundCopyManager *manager, ULONG count_before, const GUID *ids, unsigned int n_ids)
{
    IEnumBackgroundCopyJobs *jobs = NULL, *clone = (void *)0xdeadbeef;
    IBackgroundCopyJob *job[16] = {0};
    ULONG count = 0, fetched = 0, i;
    unsigned int found = 0, k;
    HRESULT hr;

    hr = IBackgroundCopyManager_EnumJobs(manager, 0, &jobs);
    ok(hr == S_OK && jobs, "%s: EnumJobs: hr %#lx", config, hr);
    if (!jobs) return;
    hr = IEnumBackgroundCopyJobs_GetCount(jobs, &count);
    ok(hr == S_OK && count == count_before + n_ids, "%s: jobs listed: %lu, %lu before ours", config, count, count_before);
    note("IEnumBackgroundCopyJobs::GetCount: %#lx (before +%lu)", hr, count - count_before);
    if (count < ARRAYSIZE(job))
    {
        hr = IEnumBackgroundCopyJobs_Next(jobs, count + 1, job, &fetched);
        ok(hr == S_FALSE && fetched == count, "%s: Next(%lu): hr %#lx fetched %lu", config, count + 1, hr, fetched);
        note("IEnumBackgroundCopyJobs::Next(count + 1): %#lx (fetched = count: %d)", hr, fetched == count);
        for (i = 0; i < fetched; i++)
        {
            GUID id;
            if (IBackgroundCopyJob_GetId(job[i], &id) == S_OK)
                for (k = 0; k < n_ids; k++) if (IsEqualGUID(&id, &ids[k])) found++;
            IBackgroundCopyJob_Release(job[i]);
        }
        ok(found == n_ids, "%s: our %u jobs are in the list, by id (%u)", config, n_ids, found);
        note("IEnumBackgroundCopyJobs: ours found: %u", found);
    }
    check_hr(IEnumBackgroundCopyJobs_Reset(jobs), S_OK, "IEnumBackgroundCopyJobs::Reset");
    check_hr(IEnumBackgroundCopyJobs_Skip(jobs, count), S_OK, "IEnumBackgroundCopyJobs::Skip(count)");
    check_hr(IEnumBackgroundCopyJobs_Skip(jobs, 1), S_FALSE, "IEnumBackgroundCopyJobs::Skip past the end");
    hr = IEnumBackgroundCopyJobs_Clone(jobs, &clone);
    ok(hr == E_NOTIMPL && !clone, "%s: IEnumBackgroundCopyJobs::Clone: hr %#lx %p", config, hr, clone);
    note("IEnumBackgroundCopyJobs::Clone: %#lx", hr);
    ok(IEnumBackgroundCopyJobs_Release(jobs) == 0, "%s: job enumerator released to zero", config);
}

static ULONG job_count(IBackgroundCopyManager *manager)
{
    IEnumBackgroundCopyJobs *jobs = NULL;
    ULONG count = 0;
    if (SUCCEEDED(IBackgroundCopyManager_EnumJobs(manager, 0, &jobs)) && jobs)
    {
        IEnumBackgroundCopyJobs_GetCount(jobs, &count);
        IEnumBackgroundCopyJobs_Release(jobs);
    }
    return count;
}

/* IBackgroundCopyJobHttpOptions: headers and flags round-trip; the
 * certificate methods are stubs in Wine 8. */
static void check_http_options(IBackgroundCopyJob *job)
{
    static const WCHAR headers[] = L"X-Qmgrprxy-Test: cross-process\r\nX-Second: deux \x00e9";
    const ULONG flags = BG_SSL_IGNORE_CERT_CN_INVALID | BG_HTTP_REDIRECT_POLICY_DISALLOW;
    IBackgroundCopyJobHttpOptions *options = NULL;
    BG_CERT_STORE_LOCATION location;
    WCHAR *text = (void *)0xdeadbeef, *store = NULL, *subject = NULL;
    BYTE *hash = NULL;
    ULONG got = 0;
    HRESULT hr;

    hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyJobHttpOptions, (void **)&options);
    ok(hr == S_OK && options, "%s: QueryInterface(IBackgroundCopyJobHttpOptions): hr %#lx", config, hr);
    if (!options) return;
    hr = IBackgroundCopyJobHttpOptions_GetCustomHeaders(options, &text);
    ok(hr == S_FALSE && !text, "%s: GetCustomHeaders before any: hr %#lx %p", config, hr, text);
    note("GetCustomHeaders before any: %#lx %d", hr, !text);
    check_hr(IBackgroundCopyJobHttpOptions_SetCustomHeaders(options, headers), S_OK, "SetCustomHeaders");
    text = NULL;
    hr = IBackgroundCopyJobHttpOptions_GetCustomHeaders(options, &text);
    check_string(hr, text, headers, "GetCustomHeaders");
    check_hr(IBackgroundCopyJobHttpOptions_SetSecurityFlags(options, flags), S_OK, "SetSecurityFlags");
    hr = IBackgroundCopyJobHttpOptions_GetSecurityFlags(options, &got);
    check_ulong(hr, got, flags, "GetSecurityFlags");
    check_hr(IBackgroundCopyJobHttpOptions_SetClientCertificateByName(options, BG_CERT_STORE_LOCATION_CURRENT_USER,
             L"MY", L"CN=qmgrprxy"), E_NOTIMPL, "SetClientCertificateByName");
    check_hr(IBackgroundCopyJobHttpOptions_RemoveClientCertificate(options), E_NOTIMPL, "RemoveClientCertificate");
    check_ref_string_out(IBackgroundCopyJobHttpOptions_GetClientCertificate(options, &location, &store, &hash, &subject),
                         "GetClientCertificate");
    IBackgroundCopyJobHttpOptions_Release(options);
}

static void check_job2_3_4(IBackgroundCopyJob *job)
{
    IBackgroundCopyJob2 *job2 = NULL;
    IBackgroundCopyJob3 *job3 = NULL;
    IBackgroundCopyJob4 *job4 = NULL;
    BG_AUTH_CREDENTIALS creds;
    BG_JOB_REPLY_PROGRESS reply;
    WCHAR *program = NULL, *parameters = NULL;
    ULONG value;
    BOOL elevated;
    HRESULT hr;

    hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyJob2, (void **)&job2);
    ok(hr == S_OK && job2, "%s: QueryInterface(IBackgroundCopyJob2): hr %#lx", config, hr);
    if (job2)
    {
        memset(&creds, 0, sizeof(creds));
        creds.Target = BG_AUTH_TARGET_SERVER;
        creds.Scheme = BG_AUTH_SCHEME_BASIC;
        creds.Credentials.Basic.UserName = (WCHAR *)L"qmgrprxy";
        creds.Credentials.Basic.Password = (WCHAR *)L"p\x00e4ssword";
        check_hr(IBackgroundCopyJob2_SetCredentials(job2, &creds), S_OK, "SetCredentials");
        creds.Target = 7;
        check_hr(IBackgroundCopyJob2_SetCredentials(job2, &creds), BG_E_INVALID_AUTH_TARGET, "SetCredentials, bad target");
        check_hr(IBackgroundCopyJob2_RemoveCredentials(job2, BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_BASIC), S_OK,
                 "RemoveCredentials");
        check_hr(IBackgroundCopyJob2_RemoveCredentials(job2, BG_AUTH_TARGET_SERVER, 99), BG_E_INVALID_AUTH_SCHEME,
                 "RemoveCredentials, bad scheme");
        check_hr(IBackgroundCopyJob2_GetReplyProgress(job2, &reply), E_NOTIMPL, "GetReplyProgress");
        check_hr(IBackgroundCopyJob2_SetNotifyCmdLine(job2, L"C:\\windows\\notepad.exe", L"notepad a.txt"), E_NOTIMPL,
                 "SetNotifyCmdLine");
        check_hr(IBackgroundCopyJob2_GetNotifyCmdLine(job2, &program, &parameters), E_NOTIMPL, "GetNotifyCmdLine");
        check_hr(IBackgroundCopyJob2_SetReplyFileName(job2, L"C:\\reply.bin"), E_NOTIMPL, "SetReplyFileName");
        IBackgroundCopyJob2_Release(job2);
    }
    hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyJob3, (void **)&job3);
    ok(hr == S_OK && job3, "%s: QueryInterface(IBackgroundCopyJob3): hr %#lx", config, hr);
    if (job3)
    {
        check_hr(IBackgroundCopyJob3_ReplaceRemotePrefix(job3, L"http://downloads.example.test",
                 L"http://mirror.example.test"), S_OK, "ReplaceRemotePrefix");
        check_hr(IBackgroundCopyJob3_SetFileACLFlags(job3, BG_COPY_FILE_OWNER | BG_COPY_FILE_GROUP), S_OK, "SetFileACLFlags");
        IBackgroundCopyJob3_Release(job3);
    }
    hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyJob4, (void **)&job4);
    ok(hr == S_OK && job4, "%s: QueryInterface(IBackgroundCopyJob4): hr %#lx", config, hr);
    if (job4)
    {
        check_hr(IBackgroundCopyJob4_SetPeerCachingFlags(job4, BG_JOB_ENABLE_PEERCACHING_CLIENT), S_OK,
                 "SetPeerCachingFlags");
        check_hr(IBackgroundCopyJob4_GetPeerCachingFlags(job4, &value), E_NOTIMPL, "GetPeerCachingFlags");
        check_hr(IBackgroundCopyJob4_GetOwnerIntegrityLevel(job4, &value), E_NOTIMPL, "GetOwnerIntegrityLevel");
        check_hr(IBackgroundCopyJob4_GetOwnerElevationState(job4, &elevated), E_NOTIMPL, "GetOwnerElevationState");
        check_hr(IBackgroundCopyJob4_SetMaximumDownloadTime(job4, 3600), S_OK, "SetMaximumDownloadTime");
        check_hr(IBackgroundCopyJob4_GetMaximumDownloadTime(job4, &value), E_NOTIMPL, "GetMaximumDownloadTime");
        IBackgroundCopyJob4_Release(job4);
    }
}

/* Settings of IBackgroundCopyJob that Wine's qmgr keeps, ignores or lacks. */
static void check_job_settings(IBackgroundCopyJob *job, struct callback *cb)
{
    IBackgroundCopyError *error = (void *)0xdeadbeef;
    IUnknown *notify = (void *)0xdeadbeef;
    BG_JOB_PROXY_USAGE usage;
    BG_JOB_PRIORITY priority;
    WCHAR *list = NULL, *bypass = NULL;
    ULONG value = 0;
    HRESULT hr;

    hr = IBackgroundCopyJob_GetNotifyFlags(job, &value);
    check_ulong(hr, value, BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR, "GetNotifyFlags of a new job");
    check_hr(IBackgroundCopyJob_SetNotifyFlags(job, BG_NOTIFY_JOB_TRANSFERRED), S_OK, "SetNotifyFlags");
    hr = IBackgroundCopyJob_GetNotifyFlags(job, &value);
    check_ulong(hr, value, BG_NOTIFY_JOB_TRANSFERRED, "GetNotifyFlags");
    check_hr(IBackgroundCopyJob_SetNotifyFlags(job, 0x100), E_NOTIMPL, "SetNotifyFlags, unknown flag");

    hr = IBackgroundCopyJob_GetNotifyInterface(job, &notify);
    ok(hr == S_OK && !notify, "%s: GetNotifyInterface before any: hr %#lx %p", config, hr, notify);
    note("GetNotifyInterface before any: %#lx %d", hr, !notify);
    check_hr(IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&cb->IBackgroundCopyCallback_iface), S_OK,
             "SetNotifyInterface");
    /* The service holds a proxy of our callback; handed back, it is ours again. */
    notify = NULL;
    hr = IBackgroundCopyJob_GetNotifyInterface(job, &notify);
    ok(hr == S_OK && notify == (IUnknown *)&cb->IBackgroundCopyCallback_iface,
       "%s: GetNotifyInterface returns the client's own callback: hr %#lx %p", config, hr, notify);
    note("GetNotifyInterface: %#lx own object %d", hr, notify == (IUnknown *)&cb->IBackgroundCopyCallback_iface);
    if (notify) IUnknown_Release(notify);
    check_hr(IBackgroundCopyJob_SetNotifyInterface(job, NULL), S_OK, "SetNotifyInterface(NULL)");

    check_hr(IBackgroundCopyJob_SetPriority(job, BG_JOB_PRIORITY_LOW), S_OK, "SetPriority");
    check_hr(IBackgroundCopyJob_GetPriority(job, &priority), E_NOTIMPL, "GetPriority");
    /* Wine 8 accepts the delays and keeps answering its defaults, 30 and 900. */
    check_hr(IBackgroundCopyJob_SetMinimumRetryDelay(job, 77), S_OK, "SetMinimumRetryDelay");
    hr = IBackgroundCopyJob_GetMinimumRetryDelay(job, &value);
    ok(hr == S_OK && (value == 77 || value == 30), "%s: GetMinimumRetryDelay: hr %#lx %lu", config, hr, value);
    note("GetMinimumRetryDelay: %#lx %lu", hr, value);
    check_hr(IBackgroundCopyJob_SetNoProgressTimeout(job, 777), S_OK, "SetNoProgressTimeout");
    hr = IBackgroundCopyJob_GetNoProgressTimeout(job, &value);
    ok(hr == S_OK && (value == 777 || value == 900), "%s: GetNoProgressTimeout: hr %#lx %lu", config, hr, value);
    note("GetNoProgressTimeout: %#lx %lu", hr, value);

    hr = IBackgroundCopyJob_GetError(job, &error);
    ok(hr == (HRESULT)BG_E_ERROR_INFORMATION_UNAVAILABLE && !error, "%s: GetError of a new job: hr %#lx %p", config, hr, error);
    note("GetError of a new job: %#lx", hr);
    check_hr(IBackgroundCopyJob_SetProxySettings(job, BG_JOB_PROXY_USAGE_OVERRIDE, L"proxy.example.test:8080",
             L"<local>"), E_NOTIMPL, "SetProxySettings");
    check_hr(IBackgroundCopyJob_GetProxySettings(job, &usage, &list, &bypass), E_NOTIMPL, "GetProxySettings");
    check_hr(IBackgroundCopyJob_TakeOwnership(job), E_NOTIMPL, "TakeOwnership");
    check_hr(IBackgroundCopyJob_Suspend(job), E_NOTIMPL, "Suspend");
    check_hr(IBackgroundCopyJob_SetDisplayName(job, L"renamed"), E_NOTIMPL, "SetDisplayName");
    hr = IBackgroundCopyJob_GetDisplayName(job, &list);
    check_string(hr, list, job_name, "GetDisplayName after the refused rename");
}

static void jobs_and_files(IBackgroundCopyManager *manager, struct callback *cb)
{
    static const GUID unknown_job = {0x0badc0de, 0x1234, 0x5678, {0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78}};
    BG_FILE_INFO set[2] = { { (WCHAR *)remote_names[1], (WCHAR *)local_names[1] },
                            { (WCHAR *)remote_names[2], (WCHAR *)local_names[2] } };
    IBackgroundCopyJob *job = NULL, *upload = NULL, *again = NULL;
    GUID ids[2], id;
    BG_JOB_TYPE type = 0xdead;
    ULONG before = job_count(manager);
    WCHAR *text = NULL;
    HRESULT hr;

    memset(ids, 0, sizeof(ids));
    hr = IBackgroundCopyManager_CreateJob(manager, job_name, BG_JOB_TYPE_DOWNLOAD, &ids[0], &job);
    ok(hr == S_OK && job && !IsEqualGUID(&ids[0], &GUID_NULL), "%s: CreateJob: hr %#lx {%s}", config, hr, guid_str(&ids[0]));
    note("CreateJob: %#lx", hr);
    if (!job) return;
    hr = IBackgroundCopyManager_CreateJob(manager, L"upload", BG_JOB_TYPE_UPLOAD, &ids[1], &upload);
    ok(hr == S_OK && upload && !IsEqualGUID(&ids[0], &ids[1]), "%s: second CreateJob: hr %#lx", config, hr);
    note("CreateJob (upload): %#lx", hr);

    hr = IBackgroundCopyJob_GetId(job, &id);
    ok(hr == S_OK && IsEqualGUID(&id, &ids[0]), "%s: GetId {%s} is CreateJob's {%s}", config, guid_str(&id),
       guid_str(&ids[0]));
    note("GetId: %#lx same %d", hr, IsEqualGUID(&id, &ids[0]));
    hr = IBackgroundCopyJob_GetType(job, &type);
    check_ulong(hr, type, BG_JOB_TYPE_DOWNLOAD, "GetType");
    if (upload)
    {
        hr = IBackgroundCopyJob_GetType(upload, &type);
        check_ulong(hr, type, BG_JOB_TYPE_UPLOAD, "GetType (upload)");
    }
    hr = IBackgroundCopyJob_GetDisplayName(job, &text);
    check_string(hr, text, job_name, "GetDisplayName");
    check_hr(IBackgroundCopyJob_SetDescription(job, job_description), S_OK, "SetDescription");
    text = NULL;
    hr = IBackgroundCopyJob_GetDescription(job, &text);
    check_string(hr, text, job_description, "GetDescription");
    check_state(job, BG_JOB_STATE_SUSPENDED, "GetState of a new job");
    check_job_progress(job, 0, 0, 0, 0, "GetProgress of a new job");
    check_times_owner_errors(job);

    hr = IBackgroundCopyManager_GetJob(manager, &ids[0], &again);
    ok(hr == S_OK && same_object(again, job), "%s: GetJob(id) is the same job: hr %#lx", config, hr);
    note("GetJob: %#lx same %d", hr, same_object(again, job));
    if (again) IBackgroundCopyJob_Release(again);
    again = (void *)0xdeadbeef;
    hr = IBackgroundCopyManager_GetJob(manager, &unknown_job, &again);
    ok(hr == (HRESULT)BG_E_NOT_FOUND && !again, "%s: GetJob(unknown id): hr %#lx %p", config, hr, again);
    note("GetJob(unknown): %#lx", hr);
    text = (void *)0xdeadbeef;
    hr = IBackgroundCopyManager_GetErrorDescription(manager, BG_E_NOT_FOUND, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), &text);
    ok(hr == E_NOTIMPL && !text, "%s: GetErrorDescription: hr %#lx %p", config, hr, text);
    note("GetErrorDescription: %#lx", hr);
    check_job_list(manager, before, ids, upload ? 2 : 1);

    check_hr(IBackgroundCopyJob_AddFile(job, remote_names[0], local_names[0]), S_OK, "AddFile");
    check_hr(IBackgroundCopyJob_AddFileSet(job, ARRAYSIZE(set), set), S_OK, "AddFileSet");
    check_job_progress(job, BG_SIZE_UNKNOWN, 0, 3, 0, "GetProgress with three files");
    check_files(job);
    check_http_options(job);
    check_job2_3_4(job);
    check_job_settings(job, cb);

    if (upload)
    {
        /* No files: Complete acknowledges at once, and then nothing resumes. */
        check_hr(IBackgroundCopyJob_Complete(upload), S_OK, "Complete (no files)");
        check_state(upload, BG_JOB_STATE_ACKNOWLEDGED, "GetState after Complete");
        check_hr(IBackgroundCopyJob_Resume(upload), BG_E_INVALID_STATE, "Resume after Complete");
        IBackgroundCopyJob_Release(upload);
    }
    /* The local names do not exist: the service cannot delete them, a
     * success code the client must see as it is. */
    check_hr(IBackgroundCopyJob_Cancel(job), BG_S_UNABLE_TO_DELETE_FILES, "Cancel");
    check_state(job, BG_JOB_STATE_CANCELLED, "GetState after Cancel");
    check_hr(IBackgroundCopyJob_Cancel(job), BG_E_INVALID_STATE, "Cancel again");
    check_hr(IBackgroundCopyJob_SetDescription(job, L"too late"), BG_E_INVALID_STATE, "SetDescription after Cancel");
    ok(IBackgroundCopyJob_Release(job) == 0, "%s: job proxy released to zero", config);
}

/* ---- Transfers ---- */

static BOOL wait_for_state(IBackgroundCopyJob *job, BG_JOB_STATE wanted, DWORD timeout_ms)
{
    DWORD start = GetTickCount();
    BG_JOB_STATE state;
    do
    {
        if (SUCCEEDED(IBackgroundCopyJob_GetState(job, &state)) && state == wanted) return TRUE;
        Sleep(50);
    } while (GetTickCount() - start < timeout_ms);
    return FALSE;
}

static BOOL file_has_payload(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    BYTE data[HTTP_PAYLOAD_SIZE + 1];
    DWORD got = 0, i;

    if (file == INVALID_HANDLE_VALUE) return FALSE;
    ReadFile(file, data, sizeof(data), &got, NULL);
    CloseHandle(file);
    if (got != HTTP_PAYLOAD_SIZE) return FALSE;
    for (i = 0; i < got; i++) if (data[i] != http_payload_byte(i)) return FALSE;
    return TRUE;
}

static BOOL write_payload(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    BYTE data[HTTP_PAYLOAD_SIZE];
    DWORD written = 0, i;

    if (file == INVALID_HANDLE_VALUE) return FALSE;
    for (i = 0; i < sizeof(data); i++) data[i] = http_payload_byte(i);
    WriteFile(file, data, sizeof(data), &written, NULL);
    CloseHandle(file);
    return written == sizeof(data);
}

static IBackgroundCopyFile *only_file(IBackgroundCopyJob *job)
{
    IEnumBackgroundCopyFiles *files = NULL;
    IBackgroundCopyFile *file = NULL;
    if (SUCCEEDED(IBackgroundCopyJob_EnumFiles(job, &files)) && files)
    {
        IEnumBackgroundCopyFiles_Next(files, 1, &file, NULL);
        IEnumBackgroundCopyFiles_Release(files);
    }
    return file;
}

/* A job whose one file transfers: the service calls the client's callback
 * with the job, the callback calls the service back, and Complete puts the
 * bytes at the local name. from_http: over HTTP from the fixture (progress
 * counts the bytes), else a local copy (Wine's CopyFileEx path). */
static void transfer(IBackgroundCopyManager *manager, struct callback *cb, const WCHAR *remote, const WCHAR *local,
                     BOOL from_http)
{
    static const WCHAR name[] = L"transfer \x2192 local";
    const char *how = from_http ? "HTTP transfer" : "local transfer";
    IBackgroundCopyJob *job = NULL;
    IBackgroundCopyFile *file;
    BOOL fired;
    GUID id;
    HRESULT hr;

    DeleteFileW(local);
    callback_reset(cb);
    hr = IBackgroundCopyManager_CreateJob(manager, name, BG_JOB_TYPE_DOWNLOAD, &id, &job);
    ok(hr == S_OK && job, "%s: %s: CreateJob: hr %#lx", config, how, hr);
    if (!job) return;
    check_hr(IBackgroundCopyJob_AddFile(job, remote, local), S_OK, "AddFile (transfer)");
    check_hr(IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&cb->IBackgroundCopyCallback_iface), S_OK,
             "SetNotifyInterface (transfer)");
    check_hr(IBackgroundCopyJob_Resume(job), S_OK, "Resume");
    fired = WaitForSingleObject(cb->transferred, 10000) == WAIT_OBJECT_0;
    ok(fired, "%s: %s: JobTransferred called back within 10 s", config, how);
    note("JobTransferred: %d", fired);
    if (fired)
    {
        ok(same_object(cb->job, job), "%s: %s: the callback's job is our job", config, how);
        ok(cb->name_inside && !lstrcmpW(cb->name_inside, name), "%s: %s: name read inside the callback \"%s\"",
           config, how, wstr(cb->name_inside));
        ok(cb->state_hr == S_OK && cb->state_inside == BG_JOB_STATE_TRANSFERRED,
           "%s: %s: state inside the callback: hr %#lx %u", config, how, cb->state_hr, cb->state_inside);
        note("inside JobTransferred: same job %d \"%s\" %#lx %u", same_object(cb->job, job), wstr(cb->name_inside),
             cb->state_hr, cb->state_inside);
    }
    check_state(job, BG_JOB_STATE_TRANSFERRED, "GetState after the transfer");
    /* Wine keeps the job's BytesTotal unknown and counts the bytes it
     * reads over HTTP; its local copy counts what CopyFileEx reports, if
     * anything. */
    if (from_http) check_job_progress(job, BG_SIZE_UNKNOWN, HTTP_PAYLOAD_SIZE, 1, 1, "GetProgress after the transfer");
    else
    {
        BG_JOB_PROGRESS p;
        hr = IBackgroundCopyJob_GetProgress(job, &p);
        ok(hr == S_OK && p.FilesTotal == 1 && p.FilesTransferred == 1 &&
           (p.BytesTransferred == 0 || p.BytesTransferred == HTTP_PAYLOAD_SIZE),
           "%s: %s: GetProgress: hr %#lx files %lu/%lu bytes %#I64x", config, how, hr, p.FilesTransferred,
           p.FilesTotal, p.BytesTransferred);
        note("GetProgress after the local copy: %#lx %lu %lu", hr, p.FilesTotal, p.FilesTransferred);
    }
    if ((file = only_file(job)))
    {
        WCHAR *text = NULL;
        BG_FILE_PROGRESS p;
        hr = IBackgroundCopyFile_GetRemoteName(file, &text);
        check_string(hr, text, remote, "transferred file's remote name");
        if (from_http) check_file_progress(file, HTTP_PAYLOAD_SIZE, HTTP_PAYLOAD_SIZE, TRUE, "file progress after HTTP");
        else
        {
            hr = IBackgroundCopyFile_GetProgress(file, &p);
            ok(hr == S_OK && p.Completed, "%s: local file completed: hr %#lx %d", config, hr, p.Completed);
            note("file completed after the local copy: %#lx %d", hr, p.Completed);
        }
        IBackgroundCopyFile_Release(file);
    }
    /* Let go of the callback now: a finished job refuses SetNotifyInterface. */
    check_hr(IBackgroundCopyJob_SetNotifyInterface(job, NULL), S_OK, "SetNotifyInterface(NULL) after the transfer");
    check_hr(IBackgroundCopyJob_Complete(job), S_OK, "Complete");
    ok(file_has_payload(local), "%s: %s: the local file holds the %u payload bytes", config, how, HTTP_PAYLOAD_SIZE);
    check_state(job, BG_JOB_STATE_ACKNOWLEDGED, "GetState after Complete");
    IBackgroundCopyJob_Release(job);
    callback_reset(cb);
    DeleteFileW(local);
}

/* A job whose file cannot be had: the job goes to ERROR. Over HTTP (a 404)
 * the service describes the error with an IBackgroundCopyError that names
 * the file; after a local failure Wine 8 keeps no error object. */
static void failed_transfer(IBackgroundCopyManager *manager, const WCHAR *remote, const WCHAR *local, BOOL from_http)
{
    const char *how = from_http ? "HTTP 404" : "missing local source";
    IBackgroundCopyJob *job = NULL;
    IBackgroundCopyError *error = NULL;
    GUID id;
    BOOL reached;
    HRESULT hr;

    hr = IBackgroundCopyManager_CreateJob(manager, L"failing", BG_JOB_TYPE_DOWNLOAD, &id, &job);
    ok(hr == S_OK && job, "%s: %s: CreateJob: hr %#lx", config, how, hr);
    if (!job) return;
    check_hr(IBackgroundCopyJob_AddFile(job, remote, local), S_OK, "AddFile (failing)");
    check_hr(IBackgroundCopyJob_Resume(job), S_OK, "Resume (failing)");
    reached = wait_for_state(job, BG_JOB_STATE_ERROR, 10000);
    ok(reached, "%s: %s: the job reaches BG_JOB_STATE_ERROR within 10 s", config, how);
    note("%s: ERROR reached %d", how, reached);
    hr = IBackgroundCopyJob_GetError(job, &error);
    if (!from_http)
    {
        ok(hr == (HRESULT)BG_E_ERROR_INFORMATION_UNAVAILABLE && !error, "%s: %s: GetError: hr %#lx", config, how, hr);
        note("%s: GetError: %#lx", how, hr);
    }
    else
    {
        ok(hr == S_OK && error, "%s: %s: GetError: hr %#lx", config, how, hr);
        note("%s: GetError: %#lx", how, hr);
    }
    if (error)
    {
        BG_ERROR_CONTEXT context = 0xdead;
        HRESULT code = 0xdead;
        IBackgroundCopyFile *file = NULL;
        WCHAR *text = NULL;

        hr = IBackgroundCopyError_GetError(error, &context, &code);
        ok(hr == S_OK && context == BG_ERROR_CONTEXT_REMOTE_FILE && code == (HRESULT)BG_E_HTTP_ERROR_404,
           "%s: IBackgroundCopyError::GetError: hr %#lx context %u code %#lx", config, hr, context, code);
        note("IBackgroundCopyError::GetError: %#lx %u %#lx", hr, context, code);
        hr = IBackgroundCopyError_GetFile(error, &file);
        ok(hr == S_OK && file, "%s: IBackgroundCopyError::GetFile: hr %#lx", config, hr);
        if (file)
        {
            hr = IBackgroundCopyFile_GetRemoteName(file, &text);
            check_string(hr, text, remote, "the error's file, remote name");
            IBackgroundCopyFile_Release(file);
        }
        text = NULL;
        check_ref_string_out(IBackgroundCopyError_GetErrorDescription(error, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US),
                             &text), "IBackgroundCopyError::GetErrorDescription");
        check_ref_string_out(IBackgroundCopyError_GetErrorContextDescription(error,
                             MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), &text),
                             "IBackgroundCopyError::GetErrorContextDescription");
        check_ref_string_out(IBackgroundCopyError_GetProtocol(error, &text), "IBackgroundCopyError::GetProtocol");
        ok(IBackgroundCopyError_Release(error) == 0, "%s: error proxy released to zero", config);
    }
    hr = IBackgroundCopyJob_Cancel(job);
    ok(hr == S_OK || hr == BG_S_UNABLE_TO_DELETE_FILES, "%s: %s: Cancel: hr %#lx", config, how, hr);
    check_state(job, BG_JOB_STATE_CANCELLED, "GetState after Cancel (failing)");
    IBackgroundCopyJob_Release(job);
}

static void transfers(IBackgroundCopyManager *manager, struct callback *cb, const char *http_base)
{
    WCHAR dir[MAX_PATH], source[MAX_PATH], target[MAX_PATH], missing[MAX_PATH], url[512];

    GetTempPathW(MAX_PATH, dir);
    swprintf(source, MAX_PATH, L"%lsqmgrprxy-xproc-source.bin", dir);
    swprintf(target, MAX_PATH, L"%lsqmgrprxy-xproc-target.bin", dir);
    swprintf(missing, MAX_PATH, L"%lsqmgrprxy-xproc-no-such-source.bin", dir);
    ok(write_payload(source), "%s: wrote the local source %s", config, wstr(source));
    DeleteFileW(missing);
    transfer(manager, cb, source, target, FALSE);
    failed_transfer(manager, missing, target, FALSE);
    DeleteFileW(source);
    if (!http_base) return;
    swprintf(url, ARRAYSIZE(url), L"%hs/%hs", http_base, HTTP_PAYLOAD_PATH);
    transfer(manager, cb, url, target, TRUE);
    swprintf(url, ARRAYSIZE(url), L"%hs/absent.bin", http_base);
    failed_transfer(manager, url, target, TRUE);
}

static void resolve_side(struct side *side, const char *kind, const char *built_dll)
{
    side->kind = kind;
    if (!strcmp(kind, "ours")) unix_to_windows_path(built_dll, side->file, MAX_PATH);
    else
    {
        GetSystemDirectoryW(side->file, MAX_PATH);
        lstrcatW(side->file, L"\\qmgrprxy.dll");
    }
}

int main(int argc, char **argv)
{
    IBackgroundCopyManager *manager = NULL;
    struct side client, service;
    struct callback cb;
    WCHAR path[MAX_PATH];
    unsigned int i;
    HRESULT hr;

    tap_start();
    if (argc < 5) { printf("usage: bits_service_client <qmgrprxy.dll> <client: ours|builtin> <service: ours|builtin> <transcript> [<http base>]\n"); return 2; }
    GetSystemTimeAsFileTime(&run_start);
    snprintf(config, sizeof(config), "service=%s client=%s", argv[3], argv[2]);
    if (strcmp(argv[2], argv[3])) pairing = MIXED;
    else pairing = strcmp(argv[2], "ours") ? PURE_BUILTIN : PURE_OURS;
    resolve_side(&client, argv[2], argv[1]);
    resolve_side(&service, argv[3], argv[1]);
    unix_to_windows_path(argv[4], path, MAX_PATH);
    transcript = _wfopen(path, L"w");
    ok(transcript != NULL, "%s: transcript %s opened", config, wstr(path));
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    callback_init(&cb);

    hr = CoCreateInstance(&CLSID_BackgroundCopyManager, NULL, CLSCTX_LOCAL_SERVER, &IID_IBackgroundCopyManager,
                          (void **)&manager);
    ok(hr == S_OK && manager, "%s: CoCreateInstance(BackgroundCopyManager, CLSCTX_LOCAL_SERVER): hr %#lx", config, hr);
    if (manager)
    {
        check_sides(manager, &client, &service);
        jobs_and_files(manager, &cb);
        transfers(manager, &cb, argc > 5 ? argv[5] : NULL);
        IBackgroundCopyManager_Release(manager);
    }
    /* The service's proxies of the callback go as their jobs let go of it;
     * the last RemRelease may still be on its way. */
    for (i = 0; i < 40 && cb.ref != 1; i++) Sleep(50);
    ok(cb.ref == 1, "%s: the service released every reference to the callback (%ld left)", config, cb.ref - 1);
    CoUninitialize();
    if (transcript) fclose(transcript);
    return tap_done();
}
