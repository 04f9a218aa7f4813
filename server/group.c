/*
 * A group of the legacy QMgr, IBackgroundCopyGroup. What the model does
 * where Microsoft's documentation leaves a choice:
 *
 * Jobs. A group holds at most one job (documented); CreateJob on a group
 * that has one is E_NOTIMPL, on a running, complete or cancelled group
 * QM_E_INVALID_STATE ("the job is already running"). GetJob of another GUID
 * is QM_E_ITEM_NOT_FOUND. EnumJobs hands out the job's GUID (or none).
 *
 * States and GetStatus (pdwJobIndex is always 0, as documented):
 *   new or suspended   QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE
 *   running            QM_STATUS_GROUP_INCOMPLETE   (resumed with no file to transfer)
 *   complete           QM_STATUS_GROUP_COMPLETE | QM_STATUS_GROUP_SUSPENDED
 *                      (a group that finished is suspended again, as documented)
 * plus QM_STATUS_GROUP_FOREGROUND once SwitchToForeground was called (on the
 * group or on its job). SuspendGroup turns running into suspended and leaves
 * the other states alone. CancelGroup takes the group out of the queue
 * (GetGroup then fails) and drops its job; after it every method but
 * get_GroupID is QM_E_INVALID_STATE.
 *
 * Progress: GetProgress(QM_PROGRESS_PERCENT_DONE) is 0 before the transfer
 * and 100 after; QM_PROGRESS_SIZE_DONE is 0, then the sum of the files'
 * sizes (FILESETINFO.dwSizeHint, which the model takes as each file's size),
 * which is also get_Size; QM_PROGRESS_TIME_DONE is E_NOTIMPL (documented),
 * any other flag E_INVALIDARG.
 *
 * The pretend transfer (group_transfer.c). ResumeGroup of a suspended group
 * whose job has files transfers them at once, in order, before it returns:
 * the job and the group are complete when the first notification is made.
 * If SetNotificationPointer gave an IBackgroundCopyCallback1 and
 * GROUPPROP_NOTIFYFLAGS does not hold QM_NOTIFY_DISABLE_NOTIFY, then, with
 * T the sum of the file sizes and done(i) the sum of sizes 0..i:
 *   for each file i, in order:
 *     with QM_NOTIFY_USE_PROGRESSEX:
 *       OnProgressEx(QM_PROGRESS_SIZE_DONE, group, job, i, done(i), 8, bytes)
 *       where bytes is done(i) then T, as two little-endian DWORDs;
 *     without it:
 *       OnProgress(QM_PROGRESS_PERCENT_DONE, group, job, i, done(i) * 100 / T)
 *       (integer division; 100 when T is 0);
 *     with QM_NOTIFY_FILE_DONE:
 *       OnStatus(group, job, i, QM_STATUS_FILE_COMPLETE, 0, 0, 0);
 *   then with QM_NOTIFY_JOB_DONE:
 *       OnStatus(group, job, -1, QM_STATUS_JOB_COMPLETE, 0, 0, 0);
 *   then with QM_NOTIFY_GROUP_DONE:
 *       OnStatus(group, NULL, -1, QM_STATUS_GROUP_COMPLETE, 0, 0, 0).
 * Retries, Win32 and transport results are 0: nothing fails. What the
 * callbacks return is not looked at (a real service would call again until
 * S_OK). GROUPPROP_NOTIFYCLSID is kept but never activated.
 *
 * SetNotificationPointer accepts IID_IBackgroundCopyCallback1 only
 * (E_NOINTERFACE otherwise); the group keeps the pointer queried for that
 * IID, and a NULL pointer removes it.
 *
 * QueryNewJobInterface: BITS 1.5 serves each legacy group with a BITS job.
 * The model makes that job on the first request, through its own manager
 * (server_manager_create, CreateJob of a download job whose display name is
 * the group's, or the group's GUID while it has none), and hands it out
 * queried for the IID asked: IBackgroundCopyJob to IBackgroundCopyJob5.
 * Any other IID is E_NOINTERFACE. The same job answers every later request;
 * it is cancelled with the group.
 */
#include "qmgr_model.h"

static struct group *impl_from_IBackgroundCopyGroup(IBackgroundCopyGroup *iface)
{
    return CONTAINING_RECORD(iface, struct group, IBackgroundCopyGroup_iface);
}

void group_detach_from_qmgr(struct group *group)
{
    group->qmgr = NULL;
}

/* Under the lock. */
static DWORD group_status(const struct group *group)
{
    DWORD status = 0;

    switch (group->state)
    {
    case GROUP_SUSPENDED: status = QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE; break;
    case GROUP_RUNNING:   status = QM_STATUS_GROUP_INCOMPLETE; break;
    case GROUP_COMPLETE:  status = QM_STATUS_GROUP_COMPLETE | QM_STATUS_GROUP_SUSPENDED; break;
    case GROUP_CANCELLED: break;
    }
    if (group->foreground) status |= QM_STATUS_GROUP_FOREGROUND;
    return status;
}

/* A group's BITS job leaves with the group; what Cancel answers does not matter here. */
static void release_bits_job(IBackgroundCopyJob *job)
{
    if (!job) return;
    IBackgroundCopyJob_Cancel(job);
    IBackgroundCopyJob_Release(job);
}

static HRESULT STDMETHODCALLTYPE group_QueryInterface(IBackgroundCopyGroup *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyGroup))
    {
        *ppv = iface;
        IBackgroundCopyGroup_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE group_AddRef(IBackgroundCopyGroup *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyGroup(iface)->ref);
}

static ULONG STDMETHODCALLTYPE group_Release(IBackgroundCopyGroup *iface)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    ULONG ref = InterlockedDecrement(&group->ref);

    if (!ref)
    {
        qmgr_lock();
        if (group->job) job1_detach(group->job);
        qmgr_unlock();
        if (group->job) IBackgroundCopyJob1_Release(&group->job->IBackgroundCopyJob1_iface);
        if (group->callback) IBackgroundCopyCallback1_Release(group->callback);
        release_bits_job(group->bits_job);
        group_props_clear(&group->props);
        HeapFree(GetProcessHeap(), 0, group);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE group_GetProp(IBackgroundCopyGroup *iface, GROUPPROP id, VARIANT *value)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr;

    if (!value) return E_POINTER;
    VariantInit(value);
    qmgr_lock();
    hr = group->state == GROUP_CANCELLED ? (HRESULT)QM_E_INVALID_STATE : group_props_get(&group->props, id, value);
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_SetProp(IBackgroundCopyGroup *iface, GROUPPROP id, VARIANT *value)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr;

    if (!value) return E_POINTER;
    qmgr_lock();
    hr = group->state == GROUP_CANCELLED ? (HRESULT)QM_E_INVALID_STATE : group_props_set(&group->props, id, value);
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_GetProgress(IBackgroundCopyGroup *iface, DWORD flags, DWORD *progress)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr = S_OK;
    BOOL complete;
    DWORD total;

    if (!progress) return E_POINTER;
    *progress = 0;
    qmgr_lock();
    complete = group->state == GROUP_COMPLETE;
    total = group->job ? job1_total_size(group->job) : 0;
    if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
    else if (flags == QM_PROGRESS_PERCENT_DONE) *progress = complete ? 100 : 0;
    else if (flags == QM_PROGRESS_SIZE_DONE) *progress = complete ? total : 0;
    else if (flags == QM_PROGRESS_TIME_DONE) hr = E_NOTIMPL;
    else hr = E_INVALIDARG;
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_GetStatus(IBackgroundCopyGroup *iface, DWORD *status, DWORD *job_index)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr = S_OK;

    if (!status || !job_index) return E_POINTER;
    *status = *job_index = 0;
    qmgr_lock();
    if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
    else *status = group_status(group);
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_GetJob(IBackgroundCopyGroup *iface, GUID id, IBackgroundCopyJob1 **out)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr = QM_E_ITEM_NOT_FOUND;

    if (!out) return E_POINTER;
    *out = NULL;
    qmgr_lock();
    if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
    else if (group->job && IsEqualGUID(&group->job->id, &id))
    {
        *out = &group->job->IBackgroundCopyJob1_iface;
        IBackgroundCopyJob1_AddRef(*out);
        hr = S_OK;
    }
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_SuspendGroup(IBackgroundCopyGroup *iface)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr = S_OK;

    qmgr_lock();
    if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
    else if (group->state == GROUP_RUNNING) group->state = GROUP_SUSPENDED;
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_ResumeGroup(IBackgroundCopyGroup *iface)
{
    return group_transfer(impl_from_IBackgroundCopyGroup(iface));
}

static HRESULT STDMETHODCALLTYPE group_CancelGroup(IBackgroundCopyGroup *iface)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    IBackgroundCopyCallback1 *callback;
    struct group *queued = NULL;
    IBackgroundCopyJob *bits_job;
    struct job1 *job;

    qmgr_lock();
    if (group->state == GROUP_CANCELLED)
    {
        qmgr_unlock();
        return QM_E_INVALID_STATE;
    }
    group->state = GROUP_CANCELLED;
    if ((job = group->job))
    {
        job1_detach(job);
        job->cancelled = TRUE;
    }
    group->job = NULL;
    if (group->qmgr) queued = qmgr_remove_group(group->qmgr, group);
    callback = group->callback;
    group->callback = NULL;
    bits_job = group->bits_job;
    group->bits_job = NULL;
    qmgr_unlock();

    if (job) IBackgroundCopyJob1_Release(&job->IBackgroundCopyJob1_iface);
    if (callback) IBackgroundCopyCallback1_Release(callback);
    release_bits_job(bits_job);
    /* The queue's reference; the caller's keeps the group alive. */
    if (queued) IBackgroundCopyGroup_Release(&queued->IBackgroundCopyGroup_iface);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE group_get_Size(IBackgroundCopyGroup *iface, DWORD *size)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr = S_OK;

    if (!size) return E_POINTER;
    *size = 0;
    qmgr_lock();
    if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
    else if (group->job) *size = job1_total_size(group->job);
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_get_GroupID(IBackgroundCopyGroup *iface, GUID *id)
{
    if (!id) return E_POINTER;
    *id = impl_from_IBackgroundCopyGroup(iface)->id;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE group_CreateJob(IBackgroundCopyGroup *iface, GUID id, IBackgroundCopyJob1 **out)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    struct job1 *job;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    qmgr_lock();
    if (group->state != GROUP_SUSPENDED) hr = QM_E_INVALID_STATE;
    else if (group->job) hr = E_NOTIMPL;    /* documented: one job per group */
    else if (SUCCEEDED(hr = job1_create(&id, group, &job)))
    {
        group->job = job;                    /* the group's reference */
        *out = &job->IBackgroundCopyJob1_iface;
        IBackgroundCopyJob1_AddRef(*out);
    }
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_EnumJobs(IBackgroundCopyGroup *iface, DWORD flags, IEnumBackgroundCopyJobs1 **out)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    ULONG count = 0;
    GUID id;

    if (!out) return E_POINTER;
    *out = NULL;
    if (flags) return E_NOTIMPL;    /* documented: dwFlags must be 0 */
    qmgr_lock();
    if (group->state == GROUP_CANCELLED)
    {
        qmgr_unlock();
        return QM_E_INVALID_STATE;
    }
    if (group->job)
    {
        id = group->job->id;
        count = 1;
    }
    qmgr_unlock();
    return server_guid_enum_create(&IID_IEnumBackgroundCopyJobs1, &id, count, (IUnknown **)out);
}

static HRESULT STDMETHODCALLTYPE group_SwitchToForeground(IBackgroundCopyGroup *iface)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    HRESULT hr = S_OK;

    qmgr_lock();
    if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
    else group->foreground = TRUE;
    qmgr_unlock();
    return hr;
}

static BOOL is_bits_job_iid(REFIID iid)
{
    return IsEqualIID(iid, &IID_IBackgroundCopyJob) || IsEqualIID(iid, &IID_IBackgroundCopyJob2)
        || IsEqualIID(iid, &IID_IBackgroundCopyJob3) || IsEqualIID(iid, &IID_IBackgroundCopyJob4)
        || IsEqualIID(iid, &IID_IBackgroundCopyJob5);
}

/* Makes the group's BITS job through the model's manager; outside the lock,
 * since that is another area's object. */
static HRESULT make_bits_job(const WCHAR *display_name, IBackgroundCopyJob **out)
{
    IBackgroundCopyManager *manager;
    GUID id;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = server_manager_create(&manager))) return hr;
    hr = IBackgroundCopyManager_CreateJob(manager, display_name, BG_JOB_TYPE_DOWNLOAD, &id, out);
    IBackgroundCopyManager_Release(manager);
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_QueryNewJobInterface(IBackgroundCopyGroup *iface, REFIID iid, IUnknown **out)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    IBackgroundCopyJob *job = NULL, *made = NULL;
    WCHAR name[257];
    HRESULT hr = S_OK;

    if (!out || !iid) return E_POINTER;
    *out = NULL;
    if (!is_bits_job_iid(iid)) return E_NOINTERFACE;

    qmgr_lock();
    if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
    else if ((job = group->bits_job)) IBackgroundCopyJob_AddRef(job);
    else if (*group_props_display_name(&group->props))
        lstrcpynW(name, group_props_display_name(&group->props), ARRAYSIZE(name));
    else StringFromGUID2(&group->id, name, ARRAYSIZE(name));
    qmgr_unlock();
    if (FAILED(hr)) return hr;

    if (!job)
    {
        if (FAILED(hr = make_bits_job(name, &made))) return hr;
        /* Another thread of the MTA may have made one meanwhile: one wins. */
        qmgr_lock();
        if (group->state == GROUP_CANCELLED) hr = QM_E_INVALID_STATE;
        else if (!group->bits_job)
        {
            group->bits_job = made;    /* the group's reference */
            made = NULL;
        }
        if (SUCCEEDED(hr))
        {
            job = group->bits_job;
            IBackgroundCopyJob_AddRef(job);
        }
        qmgr_unlock();
        release_bits_job(made);
        if (FAILED(hr)) return hr;
    }
    hr = IBackgroundCopyJob_QueryInterface(job, iid, (void **)out);
    IBackgroundCopyJob_Release(job);
    return hr;
}

static HRESULT STDMETHODCALLTYPE group_SetNotificationPointer(IBackgroundCopyGroup *iface, REFIID iid, IUnknown *unk)
{
    struct group *group = impl_from_IBackgroundCopyGroup(iface);
    IBackgroundCopyCallback1 *callback = NULL, *old;
    HRESULT hr;

    if (!iid) return E_POINTER;
    if (!IsEqualIID(iid, &IID_IBackgroundCopyCallback1)) return E_NOINTERFACE;
    /* The query may leave the apartment: not under the lock. */
    if (unk && FAILED(hr = IUnknown_QueryInterface(unk, &IID_IBackgroundCopyCallback1, (void **)&callback)))
        return hr;
    qmgr_lock();
    if (group->state == GROUP_CANCELLED)
    {
        old = callback;
        hr = QM_E_INVALID_STATE;
    }
    else
    {
        old = group->callback;
        group->callback = callback;
        hr = S_OK;
    }
    qmgr_unlock();
    if (old) IBackgroundCopyCallback1_Release(old);
    return hr;
}

static const IBackgroundCopyGroupVtbl group_vtbl =
{
    group_QueryInterface, group_AddRef, group_Release,
    group_GetProp, group_SetProp, group_GetProgress, group_GetStatus, group_GetJob,
    group_SuspendGroup, group_ResumeGroup, group_CancelGroup, group_get_Size, group_get_GroupID,
    group_CreateJob, group_EnumJobs, group_SwitchToForeground,
    group_QueryNewJobInterface, group_SetNotificationPointer,
};

HRESULT group_create(const GUID *id, struct qmgr *qmgr, struct group **out)
{
    struct group *group;

    if (!(group = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*group)))) return E_OUTOFMEMORY;
    group->IBackgroundCopyGroup_iface.lpVtbl = &group_vtbl;
    group->ref = 1;
    group->id = *id;
    group->qmgr = qmgr;
    group->state = GROUP_SUSPENDED;
    group_props_init(&group->props);
    server_object_created();
    *out = group;
    return S_OK;
}
