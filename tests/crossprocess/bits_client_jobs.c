/* Jobs, files and settings of Wine's BITS service, read back across the
 * process boundary: bits_service_client's first sequence. */
#include <string.h>
#include "bits_client.h"

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

void jobs_and_files(IBackgroundCopyManager *manager, struct callback *cb)
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
