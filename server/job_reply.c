/*
 * IBackgroundCopyJob2: the notify command line, the reply of upload-reply
 * jobs and explicit credentials.
 *
 * The model's reply: when an upload-reply job is transferred, the server
 * application answers with the 33 bytes "qmgrprxy model reply to an upload"
 * (no terminator). Until then the reply progress is BG_SIZE_UNKNOWN / 0 and
 * GetReplyData is BG_E_INVALID_STATE. Without a reply file name of its own,
 * the job's is its upload file's local name followed by ".reply" (NULL
 * while the job has no file). The reply methods of other job types are
 * E_NOTIMPL, as documented.
 *
 * Credentials are kept per target and scheme, and can be seen only the way
 * BITS shows them: RemoveCredentials answers S_OK for a pair that was set
 * and S_FALSE for one that was not.
 */
#include <wctype.h>
#include "job.h"

const char job_model_reply[] = "qmgrprxy model reply to an upload";

HRESULT STDMETHODCALLTYPE job_SetNotifyCmdLine(IBackgroundCopyJob5 *iface, LPCWSTR program, LPCWSTR parameters)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (!program && parameters) return E_INVALIDARG;
    if (program && job_bounded_length(program, MAX_PATH) < 0) return BG_E_STRING_TOO_LONG;
    if (parameters && job_bounded_length(parameters, JOB_MAX_NOTIFY_PARAMS) < 0) return BG_E_STRING_TOO_LONG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    if (SUCCEEDED(hr = job_replace_string(&job->notify_program, program)))
        hr = job_replace_string(&job->notify_parameters, parameters);
    return job_end_change(job, hr);
}

HRESULT STDMETHODCALLTYPE job_GetNotifyCmdLine(IBackgroundCopyJob5 *iface, LPWSTR *program, LPWSTR *parameters)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (!program || !parameters) return E_POINTER;
    *program = *parameters = NULL;
    EnterCriticalSection(&job->cs);
    if (SUCCEEDED(hr = server_strdup(job->notify_program, program)) &&
        FAILED(hr = server_strdup(job->notify_parameters, parameters)))
    {
        CoTaskMemFree(*program);
        *program = NULL;
    }
    LeaveCriticalSection(&job->cs);
    return hr;
}

HRESULT STDMETHODCALLTYPE job_GetReplyProgress(IBackgroundCopyJob5 *iface, BG_JOB_REPLY_PROGRESS *progress)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!progress) return E_INVALIDARG;
    if (job->type != BG_JOB_TYPE_UPLOAD_REPLY) return E_NOTIMPL;
    EnterCriticalSection(&job->cs);
    if (job->reply_received) progress->BytesTotal = progress->BytesTransferred = strlen(job_model_reply);
    else
    {
        progress->BytesTotal = BG_SIZE_UNKNOWN;
        progress->BytesTransferred = 0;
    }
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_GetReplyData(IBackgroundCopyJob5 *iface, byte **buffer, UINT64 *length)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    SIZE_T size = strlen(job_model_reply);
    HRESULT hr = S_OK;

    if (!buffer || !length) return E_INVALIDARG;
    *buffer = NULL;
    *length = 0;
    if (job->type != BG_JOB_TYPE_UPLOAD_REPLY) return E_NOTIMPL;
    EnterCriticalSection(&job->cs);
    if (!job->reply_received) hr = BG_E_INVALID_STATE;
    else if (!(*buffer = CoTaskMemAlloc(size))) hr = E_OUTOFMEMORY;
    else
    {
        memcpy(*buffer, job_model_reply, size);
        *length = size;
    }
    LeaveCriticalSection(&job->cs);
    return hr;
}

/* NULL or "" lets the model name the file. */
HRESULT STDMETHODCALLTYPE job_SetReplyFileName(IBackgroundCopyJob5 *iface, LPCWSTR name)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (job->type != BG_JOB_TYPE_UPLOAD_REPLY) return E_NOTIMPL;
    if (name && !*name) name = NULL;
    if (name && (job_bounded_length(name, MAX_PATH - 1) < 0 ||
                 !((iswalpha(name[0]) && name[1] == ':' && name[2] == '\\') || (name[0] == '\\' && name[1] == '\\'))))
        return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    if (job->reply_received) hr = BG_E_INVALID_STATE;
    else hr = job_replace_string(&job->reply_file_name, name);
    return job_end_change(job, hr);
}

HRESULT STDMETHODCALLTYPE job_GetReplyFileName(IBackgroundCopyJob5 *iface, LPWSTR *name)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    WCHAR *local;
    HRESULT hr;

    if (!name) return E_POINTER;
    *name = NULL;
    if (job->type != BG_JOB_TYPE_UPLOAD_REPLY) return E_NOTIMPL;
    EnterCriticalSection(&job->cs);
    if (job->reply_file_name) hr = server_strdup(job->reply_file_name, name);
    else if (!job->file_count) hr = S_OK;
    else if (SUCCEEDED(hr = IBackgroundCopyFile_GetLocalName(job->files[0].file, &local)))
    {
        SIZE_T len = lstrlenW(local);
        if ((*name = CoTaskMemAlloc((len + 7) * sizeof(WCHAR))))
        {
            memcpy(*name, local, len * sizeof(WCHAR));
            memcpy(*name + len, L".reply", 7 * sizeof(WCHAR));
        }
        else hr = E_OUTOFMEMORY;
        CoTaskMemFree(local);
    }
    LeaveCriticalSection(&job->cs);
    return hr;
}

static void credential_clear(struct job_credential *credential)
{
    CoTaskMemFree(credential->user_name);
    CoTaskMemFree(credential->password);
    memset(credential, 0, sizeof(*credential));
}

void job_clear_credentials(struct job *job)
{
    unsigned int target, scheme;

    for (target = 0; target < 2; target++)
        for (scheme = 0; scheme < 5; scheme++) credential_clear(&job->credentials[target][scheme]);
}

static HRESULT check_target_scheme(BG_AUTH_TARGET target, BG_AUTH_SCHEME scheme)
{
    if (target != BG_AUTH_TARGET_SERVER && target != BG_AUTH_TARGET_PROXY) return BG_E_INVALID_AUTH_TARGET;
    if (scheme < BG_AUTH_SCHEME_BASIC || scheme > BG_AUTH_SCHEME_PASSPORT) return BG_E_INVALID_AUTH_SCHEME;
    return S_OK;
}

/* NULL user name and password are the implicit credentials of the
 * challenge-response schemes; Basic and Digest need both. */
HRESULT STDMETHODCALLTYPE job_SetCredentials(IBackgroundCopyJob5 *iface, BG_AUTH_CREDENTIALS *credentials)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    struct job_credential copy = {0}, *slot;
    const WCHAR *user, *password;
    HRESULT hr;

    if (!credentials) return E_INVALIDARG;
    if (FAILED(hr = check_target_scheme(credentials->Target, credentials->Scheme))) return hr;
    user = credentials->Credentials.Basic.UserName;
    password = credentials->Credentials.Basic.Password;
    if ((credentials->Scheme == BG_AUTH_SCHEME_BASIC || credentials->Scheme == BG_AUTH_SCHEME_DIGEST) &&
        (!user || !password))
        return E_INVALIDARG;
    if (user && job_bounded_length(user, JOB_MAX_USER_NAME) < 0) return BG_E_USERNAME_TOO_LARGE;
    if (password && job_bounded_length(password, JOB_MAX_PASSWORD) < 0) return BG_E_PASSWORD_TOO_LARGE;
    copy.set = TRUE;
    if (FAILED(hr = server_strdup(user, &copy.user_name)) || FAILED(hr = server_strdup(password, &copy.password)))
    {
        credential_clear(&copy);
        return hr;
    }
    if (FAILED(hr = job_begin_change(job)))
    {
        credential_clear(&copy);
        return hr;
    }
    slot = &job->credentials[credentials->Target - 1][credentials->Scheme - 1];
    credential_clear(slot);
    *slot = copy;
    return job_end_change(job, S_OK);
}

HRESULT STDMETHODCALLTYPE job_RemoveCredentials(IBackgroundCopyJob5 *iface, BG_AUTH_TARGET target, BG_AUTH_SCHEME scheme)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    struct job_credential *slot;
    HRESULT hr;

    if (FAILED(hr = check_target_scheme(target, scheme))) return hr;
    if (FAILED(hr = job_begin_change(job))) return hr;
    slot = &job->credentials[target - 1][scheme - 1];
    if (!slot->set)
    {
        LeaveCriticalSection(&job->cs);   /* nothing changed */
        return S_FALSE;
    }
    credential_clear(slot);
    return job_end_change(job, S_OK);
}
