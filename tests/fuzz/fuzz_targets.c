/*
 * The objects a stub serves: fresh model objects (server/) for every case,
 * so that a case sees the same state whether it runs in a long run or
 * alone, and so that every object must be gone when the case is over. The
 * callback interfaces are the client's: callback_sink.c.
 *
 * Like the service it stands for, the model keeps a job until it is
 * cancelled or completed, and a legacy group's BITS job until the group is
 * cancelled, whoever still holds them; so every case keeps the manager or
 * queue manager it started from, and target_release cancels what is left
 * under it before letting go.
 */
#include "fuzz.h"
#include "server.h"

static const GUID group_ids[2] =
{
    {0x5f2d7c1e, 0x0a11, 0x4b7e, {0x9d, 0x2c, 0x46, 0x0b, 0x3e, 0x71, 0x8a, 0x01}},
    {0x5f2d7c1e, 0x0a11, 0x4b7e, {0x9d, 0x2c, 0x46, 0x0b, 0x3e, 0x71, 0x8a, 0x02}},
};
static const GUID job1_ids[2] =
{
    {0x6a3e8d2f, 0x1b22, 0x4c8f, {0xae, 0x3d, 0x57, 0x1c, 0x4f, 0x82, 0x9b, 0x01}},
    {0x6a3e8d2f, 0x1b22, 0x4c8f, {0xae, 0x3d, 0x57, 0x1c, 0x4f, 0x82, 0x9b, 0x02}},
};

static BOOL is(const char *iface, const char *name) { return !strcmp(iface, name); }

static BOOL is_job(const char *iface)
{
    static const char *const names[] =
    {
        "IBackgroundCopyJob", "IBackgroundCopyJob3", "IBackgroundCopyJob4", "IBackgroundCopyJob5",
        "IBackgroundCopyJobHttpOptions", "IBackgroundCopyJobHttpOptions2", "IBackgroundCopyJobHttpOptions3",
        "IBitsTokenOptions",
    };
    unsigned int i;
    for (i = 0; i < ARRAYSIZE(names); i++) if (is(iface, names[i])) return TRUE;
    return FALSE;
}

static BOOL is_file(const char *iface)
{
    return !strncmp(iface, "IBackgroundCopyFile", 19);
}

static BOOL is_callback(const char *iface)
{
    return !strncmp(iface, "IBackgroundCopyCallback", 23) ||
           is(iface, "IBackgroundCopyServerCertificateValidationCallback");
}

/* A job of the manager with one file; Job2's is an upload-reply job, so
 * that its reply methods reach the model's code. */
static HRESULT new_job(struct target *t, const char *iface)
{
    BG_JOB_TYPE type = is(iface, "IBackgroundCopyJob2") ? BG_JOB_TYPE_UPLOAD_REPLY : BG_JOB_TYPE_DOWNLOAD;
    IBackgroundCopyJob *job;
    GUID id;
    HRESULT hr;

    if (FAILED(hr = server_manager_create(&t->manager))) return hr;
    if (FAILED(hr = IBackgroundCopyManager_CreateJob(t->manager, L"fuzz", type, &id, &job))) return hr;
    t->object = (IUnknown *)job;
    return IBackgroundCopyJob_AddFile(job, L"https://dl.example.test/fuzz/a.bin", L"C:\\fuzz\\a.bin");
}

/* A job in the error state (its file's host fails) and its error. */
static HRESULT new_error(struct target *t)
{
    IBackgroundCopyJob *job;
    HRESULT hr = new_job(t, "IBackgroundCopyJob");

    if (FAILED(hr)) return hr;
    job = (IBackgroundCopyJob *)t->object;
    t->object = NULL;
    hr = IBackgroundCopyJob_AddFile(job, L"http://fail.example.test/x.bin", L"C:\\fuzz\\x.bin");
    if (SUCCEEDED(hr)) IBackgroundCopyJob_Resume(job);
    if (SUCCEEDED(hr)) hr = IBackgroundCopyJob_GetError(job, (IBackgroundCopyError **)&t->object);
    IBackgroundCopyJob_Release(job);
    return hr;
}

static HRESULT new_job_enum(struct target *t)
{
    IBackgroundCopyJob *job;
    GUID id;
    HRESULT hr;
    unsigned int i;

    if (FAILED(hr = server_manager_create(&t->manager))) return hr;
    for (i = 0; i < 2 && SUCCEEDED(hr); i++)
    {
        hr = IBackgroundCopyManager_CreateJob(t->manager, L"fuzz", BG_JOB_TYPE_DOWNLOAD, &id, &job);
        if (SUCCEEDED(hr)) IBackgroundCopyJob_Release(job);
    }
    if (SUCCEEDED(hr)) hr = IBackgroundCopyManager_EnumJobs(t->manager, 0, (IEnumBackgroundCopyJobs **)&t->object);
    return hr;
}

/* Legacy: two groups of the queue manager with a job each; the first
 * group, its job, its job enumerator, or the group enumerator. */
static HRESULT new_legacy(struct target *t, const char *iface)
{
    IUnknown **out = &t->object;
    IBackgroundCopyQMgr *qmgr;
    IBackgroundCopyGroup *groups[2] = {0};
    IBackgroundCopyJob1 *jobs[2] = {0};
    HRESULT hr;
    unsigned int i;

    if (FAILED(hr = server_qmgr_create(&t->qmgr))) return hr;
    qmgr = t->qmgr;
    if (is(iface, "IBackgroundCopyQMgr"))
    {
        IBackgroundCopyQMgr_AddRef(qmgr);
        *out = (IUnknown *)qmgr;
        return S_OK;
    }
    /* a group holds at most one job */
    for (i = 0; i < 2 && SUCCEEDED(hr); i++) hr = IBackgroundCopyQMgr_CreateGroup(qmgr, group_ids[i], &groups[i]);
    for (i = 0; i < 2 && SUCCEEDED(hr); i++) hr = IBackgroundCopyGroup_CreateJob(groups[i], job1_ids[i], &jobs[i]);
    if (FAILED(hr)) ;
    else if (is(iface, "IBackgroundCopyGroup")) IBackgroundCopyGroup_QueryInterface(groups[0], &IID_IUnknown, (void **)out);
    else if (is(iface, "IBackgroundCopyJob1")) IBackgroundCopyJob1_QueryInterface(jobs[0], &IID_IUnknown, (void **)out);
    else if (is(iface, "IEnumBackgroundCopyGroups"))
        hr = IBackgroundCopyQMgr_EnumGroups(qmgr, 0, (IEnumBackgroundCopyGroups **)out);
    else hr = IBackgroundCopyGroup_EnumJobs(groups[0], 0, (IEnumBackgroundCopyJobs1 **)out);
    for (i = 0; i < 2; i++)
    {
        if (jobs[i]) IBackgroundCopyJob1_Release(jobs[i]);
        if (groups[i]) IBackgroundCopyGroup_Release(groups[i]);
    }
    return hr;
}

/* Peer caching: the administration, its enumerators, their first element. */
static HRESULT new_peercache(const char *iface, IUnknown **out)
{
    IBitsPeerCacheAdministration *admin;
    IEnumBitsPeerCacheRecords *records = NULL;
    IEnumBitsPeers *peers = NULL;
    HRESULT hr;

    if (FAILED(hr = server_peercache_create(&admin))) return hr;
    if (is(iface, "IBitsPeerCacheAdministration"))
    {
        *out = (IUnknown *)admin;
        return S_OK;
    }
    if (is(iface, "IEnumBitsPeerCacheRecords") || is(iface, "IBitsPeerCacheRecord"))
        hr = IBitsPeerCacheAdministration_EnumRecords(admin, &records);
    else hr = IBitsPeerCacheAdministration_EnumPeers(admin, &peers);
    if (SUCCEEDED(hr))
    {
        if (is(iface, "IEnumBitsPeerCacheRecords")) IEnumBitsPeerCacheRecords_QueryInterface(records, &IID_IUnknown, (void **)out);
        else if (is(iface, "IEnumBitsPeers")) IEnumBitsPeers_QueryInterface(peers, &IID_IUnknown, (void **)out);
        else if (records) hr = IEnumBitsPeerCacheRecords_Next(records, 1, (IBitsPeerCacheRecord **)out, NULL);
        else hr = IEnumBitsPeers_Next(peers, 1, (IBitsPeer **)out, NULL);
    }
    if (records) IEnumBitsPeerCacheRecords_Release(records);
    if (peers) IEnumBitsPeers_Release(peers);
    IBitsPeerCacheAdministration_Release(admin);
    return hr == S_OK && *out ? S_OK : FAILED(hr) ? hr : E_FAIL;
}

HRESULT target_create(const char *iface, struct target *t)
{
    memset(t, 0, sizeof(*t));
    if (is(iface, "IBackgroundCopyManager"))
    {
        HRESULT hr = server_manager_create(&t->manager);
        if (SUCCEEDED(hr)) IBackgroundCopyManager_QueryInterface(t->manager, &IID_IUnknown, (void **)&t->object);
        return hr;
    }
    if (is_job(iface) || is(iface, "IBackgroundCopyJob2")) return new_job(t, iface);
    if (is(iface, "IBackgroundCopyError")) return new_error(t);
    if (is(iface, "IEnumBackgroundCopyJobs")) return new_job_enum(t);
    if (is(iface, "IEnumBackgroundCopyFiles")) return server_fixture_files_create(&t->object);
    if (is_file(iface))
        return server_file_create(L"https://dl.example.test/fuzz/a.bin", L"C:\\fuzz\\a.bin",
                                  (IBackgroundCopyFile **)&t->object);
    if (is_callback(iface)) return callback_sink_create(&t->object);
    if (is(iface, "IBackgroundCopyQMgr") || is(iface, "IBackgroundCopyGroup") || is(iface, "IBackgroundCopyJob1")
        || is(iface, "IEnumBackgroundCopyGroups") || is(iface, "IEnumBackgroundCopyJobs1"))
        return new_legacy(t, iface);
    if (strstr(iface, "Peer")) return new_peercache(iface, &t->object);
    return E_NOINTERFACE;
}

/* Cancels every job of the manager. */
static void cancel_jobs(IBackgroundCopyManager *manager)
{
    IEnumBackgroundCopyJobs *jobs;
    IBackgroundCopyJob *job;
    if (FAILED(IBackgroundCopyManager_EnumJobs(manager, 0, &jobs))) return;
    while (IEnumBackgroundCopyJobs_Next(jobs, 1, &job, NULL) == S_OK)
    {
        IBackgroundCopyJob_Cancel(job);
        IBackgroundCopyJob_Release(job);
    }
    IEnumBackgroundCopyJobs_Release(jobs);
}

/* Cancels every group of the queue manager (and with it the BITS job a
 * group may have made). */
static void cancel_groups(IBackgroundCopyQMgr *qmgr)
{
    IEnumBackgroundCopyGroups *groups;
    IBackgroundCopyGroup *group;
    GUID id;
    if (FAILED(IBackgroundCopyQMgr_EnumGroups(qmgr, 0, &groups))) return;
    while (IEnumBackgroundCopyGroups_Next(groups, 1, &id, NULL) == S_OK)
    {
        if (FAILED(IBackgroundCopyQMgr_GetGroup(qmgr, id, &group))) continue;
        IBackgroundCopyGroup_CancelGroup(group);
        IBackgroundCopyGroup_Release(group);
    }
    IEnumBackgroundCopyGroups_Release(groups);
}

void target_release(struct target *t)
{
    if (t->object) IUnknown_Release(t->object);
    if (t->manager)
    {
        cancel_jobs(t->manager);
        IBackgroundCopyManager_Release(t->manager);
    }
    if (t->qmgr)
    {
        cancel_groups(t->qmgr);
        IBackgroundCopyQMgr_Release(t->qmgr);
    }
    memset(t, 0, sizeof(*t));
}
