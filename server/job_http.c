/*
 * IBackgroundCopyJobHttpOptions, 2 and 3 of a job (one vtable: each
 * version only adds methods to the one before).
 *
 * The model has no certificate store: a certificate set by its hash is
 * returned with that hash and an empty subject name; one set by subject
 * name is returned with that name and a hash of 20 zero bytes. Without a
 * certificate GetClientCertificate answers RPC_X_BAD_STUB_DATA, as
 * documented. GetCustomHeaders answers S_FALSE and NULL without headers,
 * E_ACCESSDENIED and NULL once MakeCustomHeadersWriteOnly was called.
 * A job with an HTTP method of its own (not its type's default) becomes
 * FOREGROUND; the method can change only before the first Resume.
 */
#include <wchar.h>
#include "job.h"

#define CERT_HASH_SIZE 20
#define MAX_STORE_NAME 256
#define SECURITY_FLAGS_VALID (BG_SSL_ENABLE_CRL_CHECK | BG_SSL_IGNORE_CERT_CN_INVALID | BG_SSL_IGNORE_CERT_DATE_INVALID | \
                              BG_SSL_IGNORE_UNKNOWN_CA | BG_SSL_IGNORE_CERT_WRONG_USAGE | \
                              BG_HTTP_REDIRECT_POLICY_MASK | BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP)

const WCHAR *job_http_method(const struct job *job)
{
    if (job->http_method) return job->http_method;
    return job->type == BG_JOB_TYPE_DOWNLOAD ? L"GET" : L"BITS_POST";
}

void job_clear_custom_headers(struct job *job)
{
    CoTaskMemFree(job->custom_headers);
    job->custom_headers = NULL;
}

static HRESULT STDMETHODCALLTYPE http_QueryInterface(IBackgroundCopyJobHttpOptions3 *iface, REFIID riid, void **ppv)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    return IBackgroundCopyJob5_QueryInterface(&job->IBackgroundCopyJob5_iface, riid, ppv);
}

static ULONG STDMETHODCALLTYPE http_AddRef(IBackgroundCopyJobHttpOptions3 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    return IBackgroundCopyJob5_AddRef(&job->IBackgroundCopyJob5_iface);
}

static ULONG STDMETHODCALLTYPE http_Release(IBackgroundCopyJobHttpOptions3 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    return IBackgroundCopyJob5_Release(&job->IBackgroundCopyJob5_iface);
}

static BOOL store_name_valid(const WCHAR *name)
{
    return name && *name && job_bounded_length(name, MAX_STORE_NAME) > 0;
}

/* Replaces the certificate; under no lock. hash or subject is NULL. */
static HRESULT set_certificate(struct job *job, BG_CERT_STORE_LOCATION location, const WCHAR *store,
                               const BYTE *hash, const WCHAR *subject)
{
    WCHAR *store_copy = NULL, *subject_copy = NULL;
    HRESULT hr;

    if (location < BG_CERT_STORE_LOCATION_CURRENT_USER || location > BG_CERT_STORE_LOCATION_LOCAL_MACHINE_ENTERPRISE)
        return E_INVALIDARG;
    if (!store_name_valid(store)) return E_INVALIDARG;
    if (FAILED(hr = server_strdup(store, &store_copy)) || FAILED(hr = server_strdup(subject ? subject : L"", &subject_copy)))
    {
        CoTaskMemFree(store_copy);
        return hr;
    }
    if (FAILED(hr = job_begin_change(job)))
    {
        CoTaskMemFree(store_copy);
        CoTaskMemFree(subject_copy);
        return hr;
    }
    CoTaskMemFree(job->certificate_store);
    CoTaskMemFree(job->certificate_subject);
    job->has_client_certificate = TRUE;
    job->certificate_location = location;
    job->certificate_store = store_copy;
    job->certificate_subject = subject_copy;
    if (hash) memcpy(job->certificate_hash, hash, CERT_HASH_SIZE);
    else memset(job->certificate_hash, 0, CERT_HASH_SIZE);
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE http_SetClientCertificateByID(IBackgroundCopyJobHttpOptions3 *iface,
        BG_CERT_STORE_LOCATION location, LPCWSTR store, byte *hash)
{
    if (!hash) return E_INVALIDARG;
    return set_certificate(impl_from_IBackgroundCopyJobHttpOptions3(iface), location, store, hash, NULL);
}

static HRESULT STDMETHODCALLTYPE http_SetClientCertificateByName(IBackgroundCopyJobHttpOptions3 *iface,
        BG_CERT_STORE_LOCATION location, LPCWSTR store, LPCWSTR subject)
{
    if (!subject || !*subject) return E_INVALIDARG;
    return set_certificate(impl_from_IBackgroundCopyJobHttpOptions3(iface), location, store, NULL, subject);
}

static HRESULT STDMETHODCALLTYPE http_RemoveClientCertificate(IBackgroundCopyJobHttpOptions3 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    if (!job->has_client_certificate)
    {
        LeaveCriticalSection(&job->cs);   /* nothing changed */
        return S_FALSE;
    }
    job->has_client_certificate = FALSE;
    CoTaskMemFree(job->certificate_store);
    CoTaskMemFree(job->certificate_subject);
    job->certificate_store = job->certificate_subject = NULL;
    memset(job->certificate_hash, 0, CERT_HASH_SIZE);
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE http_GetClientCertificate(IBackgroundCopyJobHttpOptions3 *iface,
        BG_CERT_STORE_LOCATION *location, LPWSTR *store, byte **hash, LPWSTR *subject)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    HRESULT hr = S_OK;

    if (!location || !store || !hash || !subject) return E_POINTER;
    *location = 0;
    *store = *subject = NULL;
    *hash = NULL;
    EnterCriticalSection(&job->cs);
    if (!job->has_client_certificate) hr = HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA);
    else if (!(*hash = CoTaskMemAlloc(CERT_HASH_SIZE))) hr = E_OUTOFMEMORY;
    else
    {
        memcpy(*hash, job->certificate_hash, CERT_HASH_SIZE);
        *location = job->certificate_location;
        if (SUCCEEDED(hr = server_strdup(job->certificate_store, store)))
            hr = server_strdup(job->certificate_subject, subject);
    }
    LeaveCriticalSection(&job->cs);
    if (FAILED(hr))
    {
        CoTaskMemFree(*hash);
        CoTaskMemFree(*store);
        *hash = NULL;
        *store = NULL;
    }
    return hr;
}

/* NULL removes the headers. */
static HRESULT STDMETHODCALLTYPE http_SetCustomHeaders(IBackgroundCopyJobHttpOptions3 *iface, LPCWSTR headers)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    HRESULT hr;

    if (headers && job_bounded_length(headers, JOB_MAX_CUSTOM_HEADERS) < 0) return BG_E_STRING_TOO_LONG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    return job_end_change(job, job_replace_string(&job->custom_headers, headers));
}

static HRESULT STDMETHODCALLTYPE http_GetCustomHeaders(IBackgroundCopyJobHttpOptions3 *iface, LPWSTR *headers)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    HRESULT hr;

    if (!headers) return E_POINTER;
    *headers = NULL;
    EnterCriticalSection(&job->cs);
    if (job->headers_write_only) hr = E_ACCESSDENIED;
    else if (!job->custom_headers) hr = S_FALSE;
    else hr = server_strdup(job->custom_headers, headers);
    LeaveCriticalSection(&job->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE http_SetSecurityFlags(IBackgroundCopyJobHttpOptions3 *iface, ULONG flags)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    HRESULT hr;

    /* The redirect policy is one value of its field, not a set of bits. */
    if ((flags & ~SECURITY_FLAGS_VALID) || (flags & BG_HTTP_REDIRECT_POLICY_MASK) > BG_HTTP_REDIRECT_POLICY_DISALLOW)
        return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    job->security_flags = flags;
    return job_end_change(job, S_OK);
}

static HRESULT STDMETHODCALLTYPE http_GetSecurityFlags(IBackgroundCopyJobHttpOptions3 *iface, ULONG *flags)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);

    if (!flags) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *flags = job->security_flags;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE http_SetHttpMethod(IBackgroundCopyJobHttpOptions3 *iface, LPCWSTR method)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    HRESULT hr;

    if (!method || !*method) return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    if (job->resumed) hr = BG_E_READ_ONLY_PROPERTY_AFTER_RESUME;
    else if (!wcscmp(method, job->type == BG_JOB_TYPE_DOWNLOAD ? L"GET" : L"BITS_POST"))
        hr = job_replace_string(&job->http_method, NULL);   /* the default: nothing else changes */
    else if (job->dynamic_content || job->on_demand) hr = BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD;
    else if (SUCCEEDED(hr = job_replace_string(&job->http_method, method)))
        job->priority = BG_JOB_PRIORITY_FOREGROUND;
    return job_end_change(job, hr);
}

static HRESULT STDMETHODCALLTYPE http_GetHttpMethod(IBackgroundCopyJobHttpOptions3 *iface, LPWSTR *method)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    HRESULT hr;

    if (!method) return E_POINTER;
    EnterCriticalSection(&job->cs);
    hr = server_strdup(job_http_method(job), method);
    LeaveCriticalSection(&job->cs);
    return hr;
}

/* The object is asked for the callback interface here (a call into the
 * client's apartment, so before the lock is taken). */
static HRESULT STDMETHODCALLTYPE http_SetServerCertificateValidationInterface(IBackgroundCopyJobHttpOptions3 *iface,
        IUnknown *object)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);
    IBackgroundCopyServerCertificateValidationCallback *callback = NULL, *old = NULL;
    HRESULT hr;

    if (object && FAILED(hr = IUnknown_QueryInterface(object, &IID_IBackgroundCopyServerCertificateValidationCallback,
                                                       (void **)&callback)))
        return E_NOINTERFACE;
    if (SUCCEEDED(hr = job_begin_change(job)))
    {
        if (job->state == BG_JOB_STATE_QUEUED || job->state == BG_JOB_STATE_CONNECTING ||
            job->state == BG_JOB_STATE_TRANSFERRING)
            hr = BG_E_READ_ONLY_WHEN_JOB_ACTIVE;
        else
        {
            old = job->certificate_validation;
            job->certificate_validation = callback;
            callback = NULL;
        }
        hr = job_end_change(job, hr);
    }
    if (callback) IBackgroundCopyServerCertificateValidationCallback_Release(callback);
    if (old) IBackgroundCopyServerCertificateValidationCallback_Release(old);
    return hr;
}

/* Always S_OK, as documented, whatever the state; once is enough. */
static HRESULT STDMETHODCALLTYPE http_MakeCustomHeadersWriteOnly(IBackgroundCopyJobHttpOptions3 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJobHttpOptions3(iface);

    EnterCriticalSection(&job->cs);
    if (job->headers_write_only)
    {
        LeaveCriticalSection(&job->cs);
        return S_OK;
    }
    job->headers_write_only = TRUE;
    return job_end_change(job, S_OK);
}

const IBackgroundCopyJobHttpOptions3Vtbl job_http_options_vtbl =
{
    http_QueryInterface, http_AddRef, http_Release,
    /* IBackgroundCopyJobHttpOptions */
    http_SetClientCertificateByID, http_SetClientCertificateByName, http_RemoveClientCertificate,
    http_GetClientCertificate, http_SetCustomHeaders, http_GetCustomHeaders,
    http_SetSecurityFlags, http_GetSecurityFlags,
    /* IBackgroundCopyJobHttpOptions2 */
    http_SetHttpMethod, http_GetHttpMethod,
    /* IBackgroundCopyJobHttpOptions3 */
    http_SetServerCertificateValidationInterface, http_MakeCustomHeadersWriteOnly,
};
