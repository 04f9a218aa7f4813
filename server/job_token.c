/*
 * IBitsTokenOptions of a job. The helper token of SetHelperToken is the
 * caller's: the model keeps the user SID of the calling thread's token (of
 * the process token when the thread has none), and GetHelperTokenSid
 * returns it as a string, or NULL once ClearHelperToken dropped it. The
 * usage flags are BG_TOKEN_LOCAL_FILE and BG_TOKEN_NETWORK (others:
 * E_INVALIDARG) and stay when the token is cleared.
 */
#include "job.h"
#include <sddl.h>

static HRESULT STDMETHODCALLTYPE token_QueryInterface(IBitsTokenOptions *iface, REFIID riid, void **ppv)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);
    return IBackgroundCopyJob5_QueryInterface(&job->IBackgroundCopyJob5_iface, riid, ppv);
}

static ULONG STDMETHODCALLTYPE token_AddRef(IBitsTokenOptions *iface)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);
    return IBackgroundCopyJob5_AddRef(&job->IBackgroundCopyJob5_iface);
}

static ULONG STDMETHODCALLTYPE token_Release(IBitsTokenOptions *iface)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);
    return IBackgroundCopyJob5_Release(&job->IBackgroundCopyJob5_iface);
}

static HRESULT STDMETHODCALLTYPE token_SetHelperTokenFlags(IBitsTokenOptions *iface, DWORD flags)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);
    HRESULT hr;

    if (flags & ~(BG_TOKEN_LOCAL_FILE | BG_TOKEN_NETWORK)) return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    job->helper_token_flags = flags;
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE token_GetHelperTokenFlags(IBitsTokenOptions *iface, DWORD *flags)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);

    if (!flags) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *flags = job->helper_token_flags;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

/* The user SID of the caller's token as a string. */
static HRESULT caller_sid(WCHAR **out)
{
    BYTE buffer[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    TOKEN_USER *user = (TOKEN_USER *)buffer;
    HANDLE token;
    WCHAR *text;
    DWORD size;
    HRESULT hr;

    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token) &&
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return HRESULT_FROM_WIN32(GetLastError());
    if (!GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &size))
        hr = HRESULT_FROM_WIN32(GetLastError());
    else if (!ConvertSidToStringSidW(user->User.Sid, &text)) hr = HRESULT_FROM_WIN32(GetLastError());
    else
    {
        hr = server_strdup(text, out);
        LocalFree(text);
    }
    CloseHandle(token);
    return hr;
}

static HRESULT STDMETHODCALLTYPE token_SetHelperToken(IBitsTokenOptions *iface)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);
    WCHAR *sid;
    HRESULT hr;

    if (FAILED(hr = caller_sid(&sid))) return hr;
    if (FAILED(hr = job_begin_change(job)))
    {
        CoTaskMemFree(sid);
        return hr;
    }
    CoTaskMemFree(job->helper_token_sid);
    job->helper_token_sid = sid;
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE token_ClearHelperToken(IBitsTokenOptions *iface)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    return job_end_change(job, job_replace_string(&job->helper_token_sid, NULL));
}

static HRESULT STDMETHODCALLTYPE token_GetHelperTokenSid(IBitsTokenOptions *iface, LPWSTR *sid)
{
    struct job *job = impl_from_IBitsTokenOptions(iface);
    HRESULT hr;

    if (!sid) return E_POINTER;
    EnterCriticalSection(&job->cs);
    hr = server_strdup(job->helper_token_sid, sid);
    LeaveCriticalSection(&job->cs);
    return hr;
}

const IBitsTokenOptionsVtbl job_token_options_vtbl =
{
    token_QueryInterface, token_AddRef, token_Release,
    token_SetHelperTokenFlags, token_GetHelperTokenFlags, token_SetHelperToken, token_ClearHelperToken,
    token_GetHelperTokenSid,
};
