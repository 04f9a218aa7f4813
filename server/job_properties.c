/*
 * IBackgroundCopyJob3's ACL flags, IBackgroundCopyJob4 and the generic
 * properties of IBackgroundCopyJob5.
 *
 * Job5 properties, by id (each with its union arm), and the model's checks:
 *   COST_FLAGS (Dword): BITS_COST_STATE_* and BITS_COST_OPTION_IGNORE_CONGESTION
 *       bits only, else E_INVALIDARG.
 *   NOTIFICATION_CLSID (ClsID): any CLSID; GUID_NULL clears it.
 *   DYNAMIC_CONTENT (Enable), MAX_DOWNLOAD_SIZE (Uint64): download jobs only
 *       (BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY), before the first
 *       Resume (BG_E_READ_ONLY_PROPERTY_AFTER_RESUME).
 *   HIGH_PERFORMANCE (Enable): download jobs only, before the first file
 *       (BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE).
 *   ON_DEMAND_MODE (Enable): download jobs only.
 *   Dynamic content and on-demand mode are refused to a job with its own
 *       HTTP method (BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD).
 *   USE_STORED_CREDENTIALS (Target): BG_AUTH_TARGET_PROXY, or 0 for none;
 *       BG_AUTH_TARGET_SERVER is BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED.
 *   MINIMUM_NOTIFICATION_INTERVAL_MS (Dword): any value.
 *   Any other id, the unnamed 6 and 8 of the union included:
 *       BG_E_UNKNOWN_PROPERTY_ID.
 */
#include "job.h"

#define COST_FLAGS_VALID (0xff | BITS_COST_OPTION_IGNORE_CONGESTION)

HRESULT STDMETHODCALLTYPE job_SetFileACLFlags(IBackgroundCopyJob5 *iface, DWORD flags)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (flags & ~BG_COPY_FILE_ALL) return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    if (job->state == BG_JOB_STATE_TRANSFERRED) hr = BG_E_INVALID_STATE;
    else job->acl_flags = flags;
    return job_end_change(job, hr);
}

HRESULT STDMETHODCALLTYPE job_GetFileACLFlags(IBackgroundCopyJob5 *iface, DWORD *flags)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!flags) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *flags = job->acl_flags;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_SetPeerCachingFlags(IBackgroundCopyJob5 *iface, DWORD flags)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (flags & ~(BG_JOB_ENABLE_PEERCACHING_CLIENT | BG_JOB_ENABLE_PEERCACHING_SERVER | BG_JOB_DISABLE_BRANCH_CACHE))
        return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    job->peer_caching_flags = flags;
    return job_end_change(job, S_OK);
}

HRESULT STDMETHODCALLTYPE job_GetPeerCachingFlags(IBackgroundCopyJob5 *iface, DWORD *flags)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!flags) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *flags = job->peer_caching_flags;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_GetOwnerIntegrityLevel(IBackgroundCopyJob5 *iface, ULONG *level)
{
    if (!level) return E_POINTER;
    *level = SECURITY_MANDATORY_MEDIUM_RID;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_GetOwnerElevationState(IBackgroundCopyJob5 *iface, BOOL *elevated)
{
    if (!elevated) return E_POINTER;
    *elevated = FALSE;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_SetMaximumDownloadTime(IBackgroundCopyJob5 *iface, ULONG timeout)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    job->max_download_time = timeout;
    return job_end_change(job, S_OK);
}

HRESULT STDMETHODCALLTYPE job_GetMaximumDownloadTime(IBackgroundCopyJob5 *iface, ULONG *timeout)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!timeout) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *timeout = job->max_download_time;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

/* Under the lock: the checks of a download-only property. */
static HRESULT download_only(const struct job *job, BOOL until_resume, BOOL until_first_file)
{
    if (job->type != BG_JOB_TYPE_DOWNLOAD) return BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY;
    if (until_resume && job->resumed) return BG_E_READ_ONLY_PROPERTY_AFTER_RESUME;
    if (until_first_file && job->file_count) return BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_SetProperty(IBackgroundCopyJob5 *iface, BITS_JOB_PROPERTY_ID id, BITS_JOB_PROPERTY_VALUE value)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    switch (id)
    {
    case BITS_JOB_PROPERTY_ID_COST_FLAGS:
        if (value.Dword & ~COST_FLAGS_VALID) return E_INVALIDARG;
        break;
    case BITS_JOB_PROPERTY_USE_STORED_CREDENTIALS:
        if (value.Target == BG_AUTH_TARGET_SERVER) return BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED;
        if (value.Target && value.Target != BG_AUTH_TARGET_PROXY) return E_INVALIDARG;
        break;
    case BITS_JOB_PROPERTY_NOTIFICATION_CLSID:
    case BITS_JOB_PROPERTY_DYNAMIC_CONTENT:
    case BITS_JOB_PROPERTY_HIGH_PERFORMANCE:
    case BITS_JOB_PROPERTY_MAX_DOWNLOAD_SIZE:
    case BITS_JOB_PROPERTY_MINIMUM_NOTIFICATION_INTERVAL_MS:
    case BITS_JOB_PROPERTY_ON_DEMAND_MODE:
        break;
    default:
        return BG_E_UNKNOWN_PROPERTY_ID;
    }

    if (FAILED(hr = job_begin_change(job))) return hr;
    switch (id)
    {
    case BITS_JOB_PROPERTY_ID_COST_FLAGS:
        job->cost_flags = value.Dword;
        break;
    case BITS_JOB_PROPERTY_NOTIFICATION_CLSID:
        job->notification_clsid = value.ClsID;
        break;
    case BITS_JOB_PROPERTY_DYNAMIC_CONTENT:
        if (SUCCEEDED(hr = download_only(job, TRUE, FALSE)))
        {
            if (value.Enable && job->http_method) hr = BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD;
            else job->dynamic_content = value.Enable;
        }
        break;
    case BITS_JOB_PROPERTY_HIGH_PERFORMANCE:
        if (SUCCEEDED(hr = download_only(job, FALSE, TRUE))) job->high_performance = value.Enable;
        break;
    case BITS_JOB_PROPERTY_MAX_DOWNLOAD_SIZE:
        if (SUCCEEDED(hr = download_only(job, TRUE, FALSE))) job->max_download_size = value.Uint64;
        break;
    case BITS_JOB_PROPERTY_USE_STORED_CREDENTIALS:
        job->stored_credentials = value.Target;
        break;
    case BITS_JOB_PROPERTY_MINIMUM_NOTIFICATION_INTERVAL_MS:
        job->min_notification_interval = value.Dword;
        break;
    case BITS_JOB_PROPERTY_ON_DEMAND_MODE:
        if (SUCCEEDED(hr = download_only(job, FALSE, FALSE)))
        {
            if (value.Enable && job->http_method) hr = BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD;
            else job->on_demand = value.Enable;
        }
        break;
    default:
        break;
    }
    return job_end_change(job, hr);
}

HRESULT STDMETHODCALLTYPE job_GetProperty(IBackgroundCopyJob5 *iface, BITS_JOB_PROPERTY_ID id, BITS_JOB_PROPERTY_VALUE *value)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr = S_OK;

    if (!value) return E_POINTER;
    memset(value, 0, sizeof(*value));
    EnterCriticalSection(&job->cs);
    switch (id)
    {
    case BITS_JOB_PROPERTY_ID_COST_FLAGS:                 value->Dword = job->cost_flags; break;
    case BITS_JOB_PROPERTY_NOTIFICATION_CLSID:            value->ClsID = job->notification_clsid; break;
    case BITS_JOB_PROPERTY_DYNAMIC_CONTENT:               value->Enable = job->dynamic_content; break;
    case BITS_JOB_PROPERTY_HIGH_PERFORMANCE:              value->Enable = job->high_performance; break;
    case BITS_JOB_PROPERTY_MAX_DOWNLOAD_SIZE:             value->Uint64 = job->max_download_size; break;
    case BITS_JOB_PROPERTY_USE_STORED_CREDENTIALS:        value->Target = job->stored_credentials; break;
    case BITS_JOB_PROPERTY_MINIMUM_NOTIFICATION_INTERVAL_MS: value->Dword = job->min_notification_interval; break;
    case BITS_JOB_PROPERTY_ON_DEMAND_MODE:                value->Enable = job->on_demand; break;
    default: hr = BG_E_UNKNOWN_PROPERTY_ID; break;
    }
    LeaveCriticalSection(&job->cs);
    return hr;
}
