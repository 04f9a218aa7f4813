/*
 * A BITS job of the model: IBackgroundCopyJob .. IBackgroundCopyJob5, the
 * HTTP options 1-3 and IBitsTokenOptions on one object (one COM identity;
 * its IUnknown is the IBackgroundCopyJob5 pointer). This file holds the
 * object and the plain properties of IBackgroundCopyJob; the other
 * job_*.c files hold the rest (see job.h).
 *
 * The model's rules. Nothing goes on the network: what a real service
 * would learn from servers is decided here.
 *
 * States. A new job is SUSPENDED. Resume transfers at once, inside the
 * call; the job is then TRANSFERRED, or ERROR. Resume of a TRANSFERRED job
 * does nothing; of a job without files it is BG_E_EMPTY. Suspend makes a
 * job SUSPENDED (a TRANSFERRED one stays TRANSFERRED). Cancel makes it
 * CANCELLED; Complete makes it ACKNOWLEDGED, from TRANSFERRED only for
 * uploads, and for a download with files not transferred it answers
 * BG_S_PARTIAL_COMPLETE. Both take the job out of the manager and drop its
 * callbacks; from then on every change is BG_E_INVALID_STATE. Adding a file
 * to a TRANSFERRED job makes it SUSPENDED again.
 *
 * The transfer. Resume takes the files not yet transferred, in order:
 *   1. an https file, when a server certificate validation callback is
 *      set, is first shown to ValidateServerCertificate with the model's
 *      certificate: the 33 bytes "qmgrprxy model server certificate",
 *      encoding X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, and the 32 bytes
 *      "qmgrprxy model certificate store" as the store (no terminators).
 *      A failure stops there: ERROR, context
 *      BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK, the callback's HRESULT,
 *      the file, protocol "http". (Windows makes this a TRANSIENT_ERROR and
 *      retries; the model never retries, so it is an ERROR until Resume.)
 *   2. a file whose host is fail.example.test stops there: ERROR, context
 *      BG_ERROR_CONTEXT_REMOTE_FILE, BG_E_HTTP_ERROR_404, the file, protocol
 *      "http" ("file" for file:// and UNC names).
 *   3. otherwise server_file_transfer() completes the file; the callback
 *      hears FileTransferred, then FileRangesTransferred with the ranges
 *      requested from the file (IBackgroundCopyFile6::RequestFileRanges) or,
 *      if none were, those it was added with (AddFileWithRanges); a file
 *      with neither gets no FileRangesTransferred.
 * Then the state is set, the callback hears JobModification, then
 * JobTransferred, or JobError with the job's IBackgroundCopyError. The
 * error count counts the times the job went into ERROR; GetError answers
 * BG_E_ERROR_INFORMATION_UNAVAILABLE in any other state. An upload-reply
 * job receives its reply (job_reply.c) when it is transferred.
 *
 * Notifications go to the notify interface synchronously, from the call
 * that caused them, when the notify flags ask for them (default
 * BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR; BG_NOTIFY_DISABLE
 * silences all). JobModification (dwReserved 0) comes once after each
 * successful change: a property set, a file added, a state change. What
 * the callbacks return is ignored; the notify command line is kept, never
 * run.
 *
 * Times. CreationTime is the creation; ModificationTime moves on with every
 * change (by at least one 100-ns tick, so two changes never share it);
 * TransferCompletionTime is zero until the job is TRANSFERRED and then the
 * time of that change.
 *
 * Fixed data: the owner is S-1-5-21-3623811015-3361044348-30300820-1013,
 * at integrity level SECURITY_MANDATORY_MEDIUM_RID, not elevated.
 * TakeOwnership keeps that owner (the model has one user) and, as BITS
 * does when a job changes owner, drops the credentials, the custom headers
 * and the notify command line.
 *
 * Defaults: priority NORMAL, retry delay 600 s (a delay under 5 s is
 * raised to 5), no-progress timeout 1,209,600 s, proxy PRECONFIG without
 * lists, description "", maximum download time 7,776,000 s, cost flags
 * BITS_JOB_TRANSFER_POLICY_ALWAYS, notification interval 500 ms, HTTP
 * method "GET" for downloads and "BITS_POST" for uploads; everything else
 * 0, FALSE or none.
 */
#include "job.h"

#define JOB_OWNER_SID L"S-1-5-21-3623811015-3361044348-30300820-1013"

static const IBackgroundCopyJob5Vtbl job_vtbl;

BOOL job_is_final(const struct job *job)
{
    return job->state == BG_JOB_STATE_CANCELLED || job->state == BG_JOB_STATE_ACKNOWLEDGED;
}

void job_touch(struct job *job)
{
    ULARGE_INTEGER now, last;
    FILETIME ft;

    GetSystemTimeAsFileTime(&ft);
    now.LowPart = ft.dwLowDateTime;
    now.HighPart = ft.dwHighDateTime;
    last.LowPart = job->times.ModificationTime.dwLowDateTime;
    last.HighPart = job->times.ModificationTime.dwHighDateTime;
    if (now.QuadPart <= last.QuadPart) now.QuadPart = last.QuadPart + 1;
    job->times.ModificationTime.dwLowDateTime = now.LowPart;
    job->times.ModificationTime.dwHighDateTime = now.HighPart;
}

HRESULT job_begin_change(struct job *job)
{
    EnterCriticalSection(&job->cs);
    if (!job_is_final(job)) return S_OK;
    LeaveCriticalSection(&job->cs);
    return BG_E_INVALID_STATE;
}

HRESULT job_end_change(struct job *job, HRESULT hr)
{
    IUnknown *listener = NULL;

    if (SUCCEEDED(hr))
    {
        job_touch(job);
        listener = job_listener(job, BG_NOTIFY_JOB_MODIFICATION);
    }
    LeaveCriticalSection(&job->cs);
    if (listener)
    {
        job_send_modification(job, listener);
        IUnknown_Release(listener);
    }
    return hr;
}

HRESULT job_replace_string(WCHAR **field, const WCHAR *value)
{
    WCHAR *copy = NULL;
    HRESULT hr;

    if (value && FAILED(hr = server_strdup(value, &copy))) return hr;
    CoTaskMemFree(*field);
    *field = copy;
    return S_OK;
}

int job_bounded_length(const WCHAR *value, int max)
{
    int len = 0;
    while (value[len]) if (++len > max) return -1;
    return len;
}

/* Copies a string field out under the lock. */
static HRESULT job_get_string(struct job *job, WCHAR *const *field, WCHAR **out)
{
    HRESULT hr;

    if (!out) return E_POINTER;
    EnterCriticalSection(&job->cs);
    hr = server_strdup(*field, out);
    LeaveCriticalSection(&job->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE job_QueryInterface(IBackgroundCopyJob5 *iface, REFIID riid, void **ppv)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyJob) ||
        IsEqualIID(riid, &IID_IBackgroundCopyJob2) || IsEqualIID(riid, &IID_IBackgroundCopyJob3) ||
        IsEqualIID(riid, &IID_IBackgroundCopyJob4) || IsEqualIID(riid, &IID_IBackgroundCopyJob5))
        *ppv = &job->IBackgroundCopyJob5_iface;
    else if (IsEqualIID(riid, &IID_IBackgroundCopyJobHttpOptions) ||
             IsEqualIID(riid, &IID_IBackgroundCopyJobHttpOptions2) ||
             IsEqualIID(riid, &IID_IBackgroundCopyJobHttpOptions3))
        *ppv = &job->IBackgroundCopyJobHttpOptions3_iface;
    else if (IsEqualIID(riid, &IID_IBitsTokenOptions))
        *ppv = &job->IBitsTokenOptions_iface;
    else
    {
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    IUnknown_AddRef((IUnknown *)*ppv);
    return S_OK;
}

static ULONG STDMETHODCALLTYPE job_AddRef(IBackgroundCopyJob5 *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyJob5(iface)->ref);
}

static void job_free(struct job *job)
{
    ULONG i;

    for (i = 0; i < job->file_count; i++) IBackgroundCopyFile_Release(job->files[i].file);
    HeapFree(GetProcessHeap(), 0, job->files);
    if (job->error) IBackgroundCopyError_Release(job->error);
    job_drop_callbacks(job);
    job_clear_credentials(job);
    job_clear_custom_headers(job);
    CoTaskMemFree(job->display_name);
    CoTaskMemFree(job->description);
    CoTaskMemFree(job->proxy_list);
    CoTaskMemFree(job->proxy_bypass_list);
    CoTaskMemFree(job->notify_program);
    CoTaskMemFree(job->notify_parameters);
    CoTaskMemFree(job->reply_file_name);
    CoTaskMemFree(job->certificate_store);
    CoTaskMemFree(job->certificate_subject);
    CoTaskMemFree(job->http_method);
    CoTaskMemFree(job->helper_token_sid);
    if (job->registry) job_registry_release(job->registry);
    DeleteCriticalSection(&job->cs);
    HeapFree(GetProcessHeap(), 0, job);
    server_object_destroyed();
}

static ULONG STDMETHODCALLTYPE job_Release(IBackgroundCopyJob5 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    ULONG ref = InterlockedDecrement(&job->ref);
    if (!ref) job_free(job);
    return ref;
}

static HRESULT STDMETHODCALLTYPE job_GetId(IBackgroundCopyJob5 *iface, GUID *id)
{
    if (!id) return E_POINTER;
    *id = impl_from_IBackgroundCopyJob5(iface)->id;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE job_GetType(IBackgroundCopyJob5 *iface, BG_JOB_TYPE *type)
{
    if (!type) return E_POINTER;
    *type = impl_from_IBackgroundCopyJob5(iface)->type;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE job_GetOwner(IBackgroundCopyJob5 *iface, LPWSTR *owner)
{
    if (!owner) return E_POINTER;
    return server_strdup(JOB_OWNER_SID, owner);
}

static HRESULT STDMETHODCALLTYPE job_SetDisplayName(IBackgroundCopyJob5 *iface, LPCWSTR name)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (!name) return E_INVALIDARG;
    if (job_bounded_length(name, JOB_MAX_DISPLAY_NAME) < 0) return BG_E_STRING_TOO_LONG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    return job_end_change(job, job_replace_string(&job->display_name, name));
}

static HRESULT STDMETHODCALLTYPE job_GetDisplayName(IBackgroundCopyJob5 *iface, LPWSTR *name)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    return job_get_string(job, &job->display_name, name);
}

static HRESULT STDMETHODCALLTYPE job_SetDescription(IBackgroundCopyJob5 *iface, LPCWSTR description)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (!description) return E_INVALIDARG;
    if (job_bounded_length(description, JOB_MAX_DESCRIPTION) < 0) return BG_E_STRING_TOO_LONG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    return job_end_change(job, job_replace_string(&job->description, description));
}

static HRESULT STDMETHODCALLTYPE job_GetDescription(IBackgroundCopyJob5 *iface, LPWSTR *description)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    return job_get_string(job, &job->description, description);
}

/* A job with its own HTTP method is FOREGROUND and stays so. */
static HRESULT STDMETHODCALLTYPE job_SetPriority(IBackgroundCopyJob5 *iface, BG_JOB_PRIORITY priority)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (priority < BG_JOB_PRIORITY_FOREGROUND || priority > BG_JOB_PRIORITY_LOW) return E_NOTIMPL;
    if (FAILED(hr = job_begin_change(job))) return hr;
    if (job->http_method && priority != BG_JOB_PRIORITY_FOREGROUND) hr = BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD;
    else job->priority = priority;
    return job_end_change(job, hr);
}

static HRESULT STDMETHODCALLTYPE job_GetPriority(IBackgroundCopyJob5 *iface, BG_JOB_PRIORITY *priority)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    if (!priority) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *priority = job->priority;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

#define BG_NOTIFY_ALL (BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR | BG_NOTIFY_DISABLE | \
                       BG_NOTIFY_JOB_MODIFICATION | BG_NOTIFY_FILE_TRANSFERRED | BG_NOTIFY_FILE_RANGES_TRANSFERRED)

static HRESULT STDMETHODCALLTYPE job_SetNotifyFlags(IBackgroundCopyJob5 *iface, ULONG flags)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (flags & ~BG_NOTIFY_ALL) return E_NOTIMPL;
    if (FAILED(hr = job_begin_change(job))) return hr;
    job->notify_flags = flags;
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE job_GetNotifyFlags(IBackgroundCopyJob5 *iface, ULONG *flags)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    if (!flags) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *flags = job->notify_flags;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

/* Any object is accepted: the callback interfaces are asked for when an
 * event comes. The previous interface is released outside the lock, since
 * releasing a proxy calls into its apartment. */
static HRESULT STDMETHODCALLTYPE job_SetNotifyInterface(IBackgroundCopyJob5 *iface, IUnknown *notify)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    IUnknown *old;
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    old = job->notify;
    if ((job->notify = notify)) IUnknown_AddRef(notify);
    hr = job_end_change(job, S_OK);
    if (old) IUnknown_Release(old);
    return hr;
}

static HRESULT STDMETHODCALLTYPE job_GetNotifyInterface(IBackgroundCopyJob5 *iface, IUnknown **notify)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    if (!notify) return E_POINTER;
    EnterCriticalSection(&job->cs);
    if ((*notify = job->notify)) IUnknown_AddRef(*notify);
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE job_SetMinimumRetryDelay(IBackgroundCopyJob5 *iface, ULONG seconds)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    job->retry_delay = max(seconds, 5);
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE job_GetMinimumRetryDelay(IBackgroundCopyJob5 *iface, ULONG *seconds)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    if (!seconds) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *seconds = job->retry_delay;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE job_SetNoProgressTimeout(IBackgroundCopyJob5 *iface, ULONG seconds)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    job->no_progress_timeout = seconds;
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE job_GetNoProgressTimeout(IBackgroundCopyJob5 *iface, ULONG *seconds)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    if (!seconds) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *seconds = job->no_progress_timeout;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

/* Lists go with OVERRIDE only, and OVERRIDE needs a proxy list. */
static HRESULT STDMETHODCALLTYPE job_SetProxySettings(IBackgroundCopyJob5 *iface, BG_JOB_PROXY_USAGE usage,
                                                      const WCHAR *list, const WCHAR *bypass)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    WCHAR *list_copy = NULL, *bypass_copy = NULL;
    HRESULT hr;

    if (usage < BG_JOB_PROXY_USAGE_PRECONFIG || usage > BG_JOB_PROXY_USAGE_AUTODETECT) return E_NOTIMPL;
    if (usage == BG_JOB_PROXY_USAGE_OVERRIDE ? !list : (list || bypass)) return E_INVALIDARG;
    if (list && job_bounded_length(list, JOB_MAX_PROXY_LIST) < 0) return BG_E_PROXY_LIST_TOO_LARGE;
    if (bypass && job_bounded_length(bypass, JOB_MAX_PROXY_LIST) < 0) return BG_E_PROXY_BYPASS_LIST_TOO_LARGE;
    if (FAILED(hr = server_strdup(list, &list_copy)) || FAILED(hr = server_strdup(bypass, &bypass_copy)))
    {
        CoTaskMemFree(list_copy);
        return hr;
    }
    if (FAILED(hr = job_begin_change(job)))
    {
        CoTaskMemFree(list_copy);
        CoTaskMemFree(bypass_copy);
        return hr;
    }
    CoTaskMemFree(job->proxy_list);
    CoTaskMemFree(job->proxy_bypass_list);
    job->proxy_usage = usage;
    job->proxy_list = list_copy;
    job->proxy_bypass_list = bypass_copy;
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE job_GetProxySettings(IBackgroundCopyJob5 *iface, BG_JOB_PROXY_USAGE *usage,
                                                      LPWSTR *list, LPWSTR *bypass)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (!usage || !list || !bypass) return E_POINTER;
    *list = *bypass = NULL;
    EnterCriticalSection(&job->cs);
    *usage = job->proxy_usage;
    if (SUCCEEDED(hr = server_strdup(job->proxy_list, list)) &&
        FAILED(hr = server_strdup(job->proxy_bypass_list, bypass)))
    {
        CoTaskMemFree(*list);
        *list = NULL;
    }
    LeaveCriticalSection(&job->cs);
    return hr;
}

static const IBackgroundCopyJob5Vtbl job_vtbl =
{
    job_QueryInterface, job_AddRef, job_Release,
    /* IBackgroundCopyJob */
    job_AddFileSet, job_AddFile, job_EnumFiles, job_Suspend, job_Resume, job_Cancel, job_Complete,
    job_GetId, job_GetType, job_GetProgress, job_GetTimes, job_GetState, job_GetError, job_GetOwner,
    job_SetDisplayName, job_GetDisplayName, job_SetDescription, job_GetDescription,
    job_SetPriority, job_GetPriority, job_SetNotifyFlags, job_GetNotifyFlags,
    job_SetNotifyInterface, job_GetNotifyInterface, job_SetMinimumRetryDelay, job_GetMinimumRetryDelay,
    job_SetNoProgressTimeout, job_GetNoProgressTimeout, job_GetErrorCount,
    job_SetProxySettings, job_GetProxySettings, job_TakeOwnership,
    /* IBackgroundCopyJob2 */
    job_SetNotifyCmdLine, job_GetNotifyCmdLine, job_GetReplyProgress, job_GetReplyData,
    job_SetReplyFileName, job_GetReplyFileName, job_SetCredentials, job_RemoveCredentials,
    /* IBackgroundCopyJob3 */
    job_ReplaceRemotePrefix, job_AddFileWithRanges, job_SetFileACLFlags, job_GetFileACLFlags,
    /* IBackgroundCopyJob4 */
    job_SetPeerCachingFlags, job_GetPeerCachingFlags, job_GetOwnerIntegrityLevel, job_GetOwnerElevationState,
    job_SetMaximumDownloadTime, job_GetMaximumDownloadTime,
    /* IBackgroundCopyJob5 */
    job_SetProperty, job_GetProperty,
};

HRESULT job_create(struct job_registry *registry, const WCHAR *display_name, BG_JOB_TYPE type, struct job **out)
{
    struct job *job;
    HRESULT hr;

    *out = NULL;
    if (!(job = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*job)))) return E_OUTOFMEMORY;
    job->IBackgroundCopyJob5_iface.lpVtbl = &job_vtbl;
    job->IBackgroundCopyJobHttpOptions3_iface.lpVtbl = &job_http_options_vtbl;
    job->IBitsTokenOptions_iface.lpVtbl = &job_token_options_vtbl;
    job->ref = 1;
    InitializeCriticalSection(&job->cs);
    job->type = type;
    job->state = BG_JOB_STATE_SUSPENDED;
    GetSystemTimeAsFileTime(&job->times.CreationTime);
    job->times.ModificationTime = job->times.CreationTime;
    job->priority = BG_JOB_PRIORITY_NORMAL;
    job->notify_flags = BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR;
    job->retry_delay = 600;
    job->no_progress_timeout = 1209600;
    job->proxy_usage = BG_JOB_PROXY_USAGE_PRECONFIG;
    job->max_download_time = 7776000;
    job->cost_flags = BITS_JOB_TRANSFER_POLICY_ALWAYS;
    job->min_notification_interval = 500;
    if (FAILED(hr = CoCreateGuid(&job->id)) ||
        FAILED(hr = server_strdup(display_name, &job->display_name)) ||
        FAILED(hr = server_strdup(L"", &job->description)))
    {
        CoTaskMemFree(job->display_name);
        DeleteCriticalSection(&job->cs);
        HeapFree(GetProcessHeap(), 0, job);
        return hr;
    }
    job->registry = registry;
    job_registry_addref(registry);
    server_object_created();
    *out = job;
    return S_OK;
}
