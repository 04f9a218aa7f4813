/*
 * A job of the legacy QMgr, IBackgroundCopyJob1: a list of remote/local
 * file pairs in one group. What the model does where Microsoft's
 * documentation leaves a choice:
 *   AddFiles takes the files only while the group is suspended (before
 *   ResumeGroup), else QM_E_INVALID_STATE. A remote name must be an http://
 *   or https:// URL (the one protocol, QM_PROTOCOL_HTTP) and a local name a
 *   full path ("X:\..." or "\\server\..."), else E_INVALIDARG and none of
 *   the files is added. dwSizeHint is kept as the file's size.
 *   GetFile past the last file is QM_E_ITEM_NOT_FOUND (documented).
 *   GetStatus: QM_STATUS_JOB_INCOMPLETE, then QM_STATUS_JOB_COMPLETE once
 *   transferred; the Win32 result, transport result and retries are 0.
 *   QM_STATUS_JOB_FOREGROUND is documented as not supported, so
 *   SwitchToForeground switches the job's group (its only job).
 *   GetProgress: as the group's (see group.c).
 *   CancelJob takes the job out of its group (a new one can then be
 *   created); after it every method but get_JobID is QM_E_INVALID_STATE.
 */
#include <string.h>
#include "qmgr_model.h"

static struct job1 *impl_from_IBackgroundCopyJob1(IBackgroundCopyJob1 *iface)
{
    return CONTAINING_RECORD(iface, struct job1, IBackgroundCopyJob1_iface);
}

void job1_detach(struct job1 *job)
{
    job->group = NULL;
}

DWORD job1_total_size(const struct job1 *job)
{
    DWORD total = 0;
    ULONG i;
    for (i = 0; i < job->file_count; i++) total += job->files[i].size;
    return total;
}

static HRESULT STDMETHODCALLTYPE job1_QueryInterface(IBackgroundCopyJob1 *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyJob1))
    {
        *ppv = iface;
        IBackgroundCopyJob1_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE job1_AddRef(IBackgroundCopyJob1 *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyJob1(iface)->ref);
}

static ULONG STDMETHODCALLTYPE job1_Release(IBackgroundCopyJob1 *iface)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    ULONG ref = InterlockedDecrement(&job->ref), i;

    if (!ref)
    {
        for (i = 0; i < job->file_count; i++)
        {
            SysFreeString(job->files[i].remote);
            SysFreeString(job->files[i].local);
        }
        HeapFree(GetProcessHeap(), 0, job->files);
        HeapFree(GetProcessHeap(), 0, job);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE job1_CancelJob(IBackgroundCopyJob1 *iface)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    BOOL owned = FALSE;

    qmgr_lock();
    if (job->cancelled)
    {
        qmgr_unlock();
        return QM_E_INVALID_STATE;
    }
    job->cancelled = TRUE;
    if (job->group && job->group->job == job)
    {
        job->group->job = NULL;
        owned = TRUE;
    }
    job->group = NULL;
    qmgr_unlock();
    /* The group's reference; the caller's keeps the job alive. */
    if (owned) IBackgroundCopyJob1_Release(iface);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE job1_GetProgress(IBackgroundCopyJob1 *iface, DWORD flags, DWORD *progress)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    HRESULT hr = S_OK;

    if (!progress) return E_POINTER;
    *progress = 0;
    qmgr_lock();
    if (job->cancelled) hr = QM_E_INVALID_STATE;
    else if (flags == QM_PROGRESS_PERCENT_DONE) *progress = job->complete ? 100 : 0;
    else if (flags == QM_PROGRESS_SIZE_DONE) *progress = job->complete ? job1_total_size(job) : 0;
    else if (flags == QM_PROGRESS_TIME_DONE) hr = E_NOTIMPL;
    else hr = E_INVALIDARG;
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE job1_GetStatus(IBackgroundCopyJob1 *iface, DWORD *status, DWORD *win32_result,
                                                DWORD *transport_result, DWORD *retries)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    HRESULT hr = S_OK;

    if (!status || !win32_result || !transport_result || !retries) return E_POINTER;
    *status = *win32_result = *transport_result = *retries = 0;
    qmgr_lock();
    if (job->cancelled) hr = QM_E_INVALID_STATE;
    else *status = job->complete ? QM_STATUS_JOB_COMPLETE : QM_STATUS_JOB_INCOMPLETE;
    qmgr_unlock();
    return hr;
}

static BOOL starts_with(const WCHAR *s, const WCHAR *prefix)
{
    int n = lstrlenW(prefix);
    return lstrlenW(s) > n && CompareStringOrdinal(s, n, prefix, n, TRUE) == CSTR_EQUAL;
}

static BOOL valid_file(const FILESETINFO *info)
{
    const WCHAR *local;

    if (!info || !info->bstrRemoteFile || !info->bstrLocalFile) return FALSE;
    if (!starts_with(info->bstrRemoteFile, L"http://") && !starts_with(info->bstrRemoteFile, L"https://")) return FALSE;
    local = info->bstrLocalFile;
    if (local[0] == '\\' && local[1] == '\\' && local[2]) return TRUE;
    return ((local[0] >= 'A' && local[0] <= 'Z') || (local[0] >= 'a' && local[0] <= 'z'))
           && local[1] == ':' && local[2] == '\\';
}

static HRESULT STDMETHODCALLTYPE job1_AddFiles(IBackgroundCopyJob1 *iface, ULONG count, FILESETINFO **set)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    struct job1_file *files;
    HRESULT hr = S_OK;
    ULONG i, n = 0;

    if (count && !set) return E_POINTER;
    for (i = 0; i < count; i++) if (!valid_file(set[i])) return E_INVALIDARG;
    if (!count) return S_OK;
    /* Copied before taking the lock, so that a failure changes nothing. */
    if (!(files = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, count * sizeof(*files)))) return E_OUTOFMEMORY;
    for (n = 0; n < count; n++)
    {
        files[n].remote = SysAllocString(set[n]->bstrRemoteFile);
        files[n].local = SysAllocString(set[n]->bstrLocalFile);
        files[n].size = set[n]->dwSizeHint;
        if (!files[n].remote || !files[n].local) hr = E_OUTOFMEMORY;
    }

    qmgr_lock();
    if (SUCCEEDED(hr) && (job->cancelled || !job->group || job->group->state != GROUP_SUSPENDED))
        hr = QM_E_INVALID_STATE;
    if (SUCCEEDED(hr) && job->file_count + count > job->file_capacity)
    {
        ULONG capacity = max(job->file_capacity * 2, job->file_count + count);
        struct job1_file *grown = job->files
            ? HeapReAlloc(GetProcessHeap(), 0, job->files, capacity * sizeof(*grown))
            : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*grown));
        if (grown)
        {
            job->files = grown;
            job->file_capacity = capacity;
        }
        else hr = E_OUTOFMEMORY;
    }
    if (SUCCEEDED(hr))
    {
        memcpy(&job->files[job->file_count], files, count * sizeof(*files));
        job->file_count += count;
    }
    qmgr_unlock();

    if (FAILED(hr))
    {
        for (i = 0; i < count; i++)
        {
            SysFreeString(files[i].remote);
            SysFreeString(files[i].local);
        }
    }
    HeapFree(GetProcessHeap(), 0, files);
    return hr;
}

static HRESULT STDMETHODCALLTYPE job1_GetFile(IBackgroundCopyJob1 *iface, ULONG index, FILESETINFO *info)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    HRESULT hr = S_OK;

    if (!info) return E_POINTER;
    memset(info, 0, sizeof(*info));
    qmgr_lock();
    if (job->cancelled) hr = QM_E_INVALID_STATE;
    else if (index >= job->file_count) hr = QM_E_ITEM_NOT_FOUND;
    else
    {
        info->bstrRemoteFile = SysAllocString(job->files[index].remote);
        info->bstrLocalFile = SysAllocString(job->files[index].local);
        info->dwSizeHint = job->files[index].size;
    }
    qmgr_unlock();
    if (SUCCEEDED(hr) && (!info->bstrRemoteFile || !info->bstrLocalFile))
    {
        SysFreeString(info->bstrRemoteFile);
        SysFreeString(info->bstrLocalFile);
        memset(info, 0, sizeof(*info));
        hr = E_OUTOFMEMORY;
    }
    return hr;
}

static HRESULT STDMETHODCALLTYPE job1_GetFileCount(IBackgroundCopyJob1 *iface, DWORD *count)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    HRESULT hr = S_OK;

    if (!count) return E_POINTER;
    *count = 0;
    qmgr_lock();
    if (job->cancelled) hr = QM_E_INVALID_STATE;
    else *count = job->file_count;
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE job1_SwitchToForeground(IBackgroundCopyJob1 *iface)
{
    struct job1 *job = impl_from_IBackgroundCopyJob1(iface);
    HRESULT hr = S_OK;

    qmgr_lock();
    if (job->cancelled || !job->group) hr = QM_E_INVALID_STATE;
    else job->group->foreground = TRUE;
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE job1_get_JobID(IBackgroundCopyJob1 *iface, GUID *id)
{
    if (!id) return E_POINTER;
    *id = impl_from_IBackgroundCopyJob1(iface)->id;
    return S_OK;
}

static const IBackgroundCopyJob1Vtbl job1_vtbl =
{
    job1_QueryInterface, job1_AddRef, job1_Release,
    job1_CancelJob, job1_GetProgress, job1_GetStatus, job1_AddFiles, job1_GetFile, job1_GetFileCount,
    job1_SwitchToForeground, job1_get_JobID,
};

HRESULT job1_create(const GUID *id, struct group *group, struct job1 **out)
{
    struct job1 *job;

    if (!(job = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*job)))) return E_OUTOFMEMORY;
    job->IBackgroundCopyJob1_iface.lpVtbl = &job1_vtbl;
    job->ref = 1;
    job->id = *id;
    job->group = group;
    server_object_created();
    *out = job;
    return S_OK;
}
