/*
 * IBackgroundCopyError, and the texts of error codes.
 *
 * Texts. BITS's own codes (bitsmsg.h: 0x0020xxxx, 0x8020xxxx and the HTTP
 * statuses 0x8019xxxx) have the fixed English texts of the table below;
 * any other code has the system's message (FormatMessage; a FACILITY_WIN32
 * HRESULT by its Win32 code). No text ends with a line break. The language
 * may be neutral or English, any sublanguage; any other is
 * HRESULT_FROM_WIN32(ERROR_RESOURCE_LANG_NOT_FOUND). A code without a text
 * is HRESULT_FROM_WIN32(ERROR_MR_MID_NOT_FOUND), as from FormatMessage.
 * A context is described by the text of its own code: BG_S_ERROR_CONTEXT_NONE
 * or BG_E_ERROR_CONTEXT_<context>.
 */
#include "job.h"

static const struct
{
    HRESULT code;
    const WCHAR *text;
}
bits_texts[] =
{
    { BG_S_PARTIAL_COMPLETE, L"Some of the files of the job were transferred before it was completed; the others were deleted." },
    { BG_S_ERROR_CONTEXT_NONE, L"An error has not occurred." },
    { BG_S_UNABLE_TO_DELETE_FILES, L"Not all the temporary files of the job could be deleted." },
    { BG_E_NOT_FOUND, L"The requested job was not found." },
    { BG_E_INVALID_STATE, L"The requested action is not allowed in the current job state." },
    { BG_E_EMPTY, L"The job must contain one or more files before it can be resumed." },
    { BG_E_FILE_NOT_AVAILABLE, L"No file is available because the error is not about a file." },
    { BG_E_PROTOCOL_NOT_AVAILABLE, L"No protocol is available because the error is not about a transfer protocol." },
    { BG_E_ERROR_CONTEXT_UNKNOWN, L"The cause of the error is not known." },
    { BG_E_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER, L"The error occurred in the BITS queue manager." },
    { BG_E_ERROR_CONTEXT_LOCAL_FILE, L"The error occurred while the local file was being processed." },
    { BG_E_ERROR_CONTEXT_REMOTE_FILE, L"The error occurred while the remote file was being processed." },
    { BG_E_ERROR_CONTEXT_GENERAL_TRANSPORT, L"The error occurred in the transport layer: the client could not connect to the server." },
    { BG_E_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION, L"The error occurred while the notification callback was being processed." },
    { BG_E_DESTINATION_LOCKED, L"The destination volume of the local file is locked." },
    { BG_E_VOLUME_CHANGED, L"The destination volume of the local file has changed." },
    { BG_E_ERROR_INFORMATION_UNAVAILABLE, L"Error information is available only while the job is in the error state." },
    { BG_E_NETWORK_DISCONNECTED, L"The network adapter is inactive or disconnected." },
    { BG_E_MISSING_FILE_SIZE, L"The server did not return the file size." },
    { BG_E_INSUFFICIENT_HTTP_SUPPORT, L"The server does not support HTTP 1.1." },
    { BG_E_INSUFFICIENT_RANGE_SUPPORT, L"The server does not support the Content-Range header." },
    { BG_E_REMOTE_NOT_SUPPORTED, L"Remote use of BITS is not supported." },
    { BG_E_NEW_OWNER_DIFF_MAPPING, L"The drive mapping of the new owner differs from the one of the previous owner." },
    { BG_E_NEW_OWNER_NO_FILE_ACCESS, L"The new owner cannot access the local files of the job." },
    { BG_E_PROXY_LIST_TOO_LARGE, L"The proxy server list is too long." },
    { BG_E_PROXY_BYPASS_LIST_TOO_LARGE, L"The proxy bypass list is too long." },
    { BG_E_INVALID_SERVER_RESPONSE, L"The server returned an invalid response." },
    { BG_E_TOO_MANY_FILES, L"An upload job can contain only one file." },
    { BG_E_LOCAL_FILE_CHANGED, L"The local file changed during the transfer." },
    { BG_E_ERROR_CONTEXT_REMOTE_APPLICATION, L"The error was reported by the server application." },
    { BG_E_SESSION_NOT_FOUND, L"The upload session was not found on the server." },
    { BG_E_TOO_LARGE, L"The reply data is larger than the in-memory buffer allows." },
    { BG_E_STRING_TOO_LONG, L"The string is too long." },
    { BG_E_CLIENT_SERVER_PROTOCOL_MISMATCH, L"The client and the server do not speak the same upload protocol." },
    { BG_E_SERVER_EXECUTE_ENABLE, L"Scripting or execute permissions are enabled on the upload directory of the server." },
    { BG_E_NO_PROGRESS, L"The job made no progress within its no-progress timeout." },
    { BG_E_USERNAME_TOO_LARGE, L"The user name is too long." },
    { BG_E_PASSWORD_TOO_LARGE, L"The password is too long." },
    { BG_E_INVALID_AUTH_TARGET, L"The authentication target is not valid." },
    { BG_E_INVALID_AUTH_SCHEME, L"The authentication scheme is not valid." },
    { BG_E_FILE_NOT_FOUND, L"The file was not found on the server." },
    { BG_E_INVALID_RANGE, L"One of the file ranges is not valid." },
    { BG_E_OVERLAPPING_RANGES, L"The file ranges overlap." },
    { BG_E_CONNECT_FAILURE, L"The connection to the server failed." },
    { BG_E_CONNECTION_CLOSED, L"The connection to the server was closed." },
    { BG_E_BLOCKED_BY_POLICY, L"The transfer is blocked by a group policy." },
    { BG_E_INVALID_PROXY_INFO, L"The proxy settings are not valid." },
    { BG_E_INVALID_CREDENTIALS, L"The credentials are not valid." },
    { BG_E_TOO_MANY_FILES_IN_JOB, L"The job already contains as many files as allowed." },
    { BG_E_UNKNOWN_PROPERTY_ID, L"The property identifier is not known." },
    { BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY, L"The property is supported for download jobs only." },
    { BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE, L"The property cannot be changed once the job has files." },
    { BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, L"The property cannot be changed once the job was resumed." },
    { BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED, L"Stored credentials cannot be used for this authentication target." },
    { BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD, L"The operation is not supported for a job with a custom HTTP method." },
    { BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED, L"The server certificate validation callback is required but was not set." },
    { BG_E_READ_ONLY_WHEN_JOB_ACTIVE, L"The property cannot be changed while the job is active." },
    { BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK, L"The error occurred in the server certificate validation callback." },
    { BG_E_HTTP_ERROR_400, L"HTTP status 400: the server could not understand the request." },
    { BG_E_HTTP_ERROR_401, L"HTTP status 401: the request requires user authentication." },
    { BG_E_HTTP_ERROR_403, L"HTTP status 403: the server refused the request." },
    { BG_E_HTTP_ERROR_404, L"HTTP status 404: the requested URL does not exist on the server." },
    { BG_E_HTTP_ERROR_407, L"HTTP status 407: the proxy requires authentication." },
    { BG_E_HTTP_ERROR_416, L"HTTP status 416: the requested range cannot be satisfied." },
    { BG_E_HTTP_ERROR_500, L"HTTP status 500: the server encountered an internal error." },
    { BG_E_HTTP_ERROR_503, L"HTTP status 503: the service is temporarily unavailable." },
};

static BOOL language_supported(DWORD language)
{
    WORD primary = PRIMARYLANGID(LANGIDFROMLCID(language));
    return primary == LANG_NEUTRAL || primary == LANG_ENGLISH;
}

static HRESULT system_text(HRESULT code, WCHAR **out)
{
    DWORD id = HRESULT_FACILITY(code) == FACILITY_WIN32 ? HRESULT_CODE(code) : (DWORD)code;
    WCHAR *text = NULL;
    DWORD len;
    HRESULT hr;

    len = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_ALLOCATE_BUFFER,
                         NULL, id, 0, (WCHAR *)&text, 0, NULL);
    if (!len) return HRESULT_FROM_WIN32(ERROR_MR_MID_NOT_FOUND);
    while (len && (text[len - 1] == '\r' || text[len - 1] == '\n' || text[len - 1] == ' ')) text[--len] = 0;
    hr = server_strdup(text, out);
    LocalFree(text);
    return hr;
}

HRESULT job_error_description(HRESULT code, DWORD language, WCHAR **out)
{
    unsigned int i;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!language_supported(language)) return HRESULT_FROM_WIN32(ERROR_RESOURCE_LANG_NOT_FOUND);
    for (i = 0; i < ARRAYSIZE(bits_texts); i++)
        if (bits_texts[i].code == code) return server_strdup(bits_texts[i].text, out);
    if (HRESULT_FACILITY(code) == FACILITY_BACKGROUNDCOPY || (code & 0x7fff0000) == 0x00190000)
        return HRESULT_FROM_WIN32(ERROR_MR_MID_NOT_FOUND);
    return system_text(code, out);
}

static HRESULT context_code(BG_ERROR_CONTEXT context)
{
    switch (context)
    {
    case BG_ERROR_CONTEXT_NONE:                        return BG_S_ERROR_CONTEXT_NONE;
    case BG_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER:       return BG_E_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER;
    case BG_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION:  return BG_E_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION;
    case BG_ERROR_CONTEXT_LOCAL_FILE:                  return BG_E_ERROR_CONTEXT_LOCAL_FILE;
    case BG_ERROR_CONTEXT_REMOTE_FILE:                 return BG_E_ERROR_CONTEXT_REMOTE_FILE;
    case BG_ERROR_CONTEXT_GENERAL_TRANSPORT:           return BG_E_ERROR_CONTEXT_GENERAL_TRANSPORT;
    case BG_ERROR_CONTEXT_REMOTE_APPLICATION:          return BG_E_ERROR_CONTEXT_REMOTE_APPLICATION;
    case BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK: return BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK;
    default:                                           return BG_E_ERROR_CONTEXT_UNKNOWN;
    }
}

struct error
{
    IBackgroundCopyError IBackgroundCopyError_iface;
    LONG ref;
    BG_ERROR_CONTEXT context;
    HRESULT code;
    IBackgroundCopyFile *file;    /* NULL: not about a file */
    WCHAR *protocol;              /* NULL: not about a protocol */
};

static struct error *impl_from_IBackgroundCopyError(IBackgroundCopyError *iface)
{
    return CONTAINING_RECORD(iface, struct error, IBackgroundCopyError_iface);
}

static HRESULT STDMETHODCALLTYPE error_QueryInterface(IBackgroundCopyError *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyError))
    {
        *ppv = iface;
        IBackgroundCopyError_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE error_AddRef(IBackgroundCopyError *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyError(iface)->ref);
}

static ULONG STDMETHODCALLTYPE error_Release(IBackgroundCopyError *iface)
{
    struct error *error = impl_from_IBackgroundCopyError(iface);
    ULONG ref = InterlockedDecrement(&error->ref);

    if (!ref)
    {
        if (error->file) IBackgroundCopyFile_Release(error->file);
        CoTaskMemFree(error->protocol);
        HeapFree(GetProcessHeap(), 0, error);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE error_GetError(IBackgroundCopyError *iface, BG_ERROR_CONTEXT *context, HRESULT *code)
{
    struct error *error = impl_from_IBackgroundCopyError(iface);

    if (!context || !code) return E_POINTER;
    *context = error->context;
    *code = error->code;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE error_GetFile(IBackgroundCopyError *iface, IBackgroundCopyFile **file)
{
    struct error *error = impl_from_IBackgroundCopyError(iface);

    if (!file) return E_POINTER;
    if (!(*file = error->file)) return BG_E_FILE_NOT_AVAILABLE;
    IBackgroundCopyFile_AddRef(*file);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE error_GetErrorDescription(IBackgroundCopyError *iface, DWORD language, LPWSTR *text)
{
    return job_error_description(impl_from_IBackgroundCopyError(iface)->code, language, text);
}

static HRESULT STDMETHODCALLTYPE error_GetErrorContextDescription(IBackgroundCopyError *iface, DWORD language, LPWSTR *text)
{
    return job_error_description(context_code(impl_from_IBackgroundCopyError(iface)->context), language, text);
}

static HRESULT STDMETHODCALLTYPE error_GetProtocol(IBackgroundCopyError *iface, LPWSTR *protocol)
{
    struct error *error = impl_from_IBackgroundCopyError(iface);

    if (!protocol) return E_POINTER;
    *protocol = NULL;
    if (!error->protocol) return BG_E_PROTOCOL_NOT_AVAILABLE;
    return server_strdup(error->protocol, protocol);
}

static const IBackgroundCopyErrorVtbl error_vtbl =
{
    error_QueryInterface, error_AddRef, error_Release,
    error_GetError, error_GetFile, error_GetErrorDescription, error_GetErrorContextDescription, error_GetProtocol,
};

HRESULT job_error_create(BG_ERROR_CONTEXT context, HRESULT code, IBackgroundCopyFile *file, const WCHAR *protocol,
                     IBackgroundCopyError **out)
{
    struct error *error;
    HRESULT hr;

    *out = NULL;
    if (!(error = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*error)))) return E_OUTOFMEMORY;
    if (FAILED(hr = server_strdup(protocol, &error->protocol)))
    {
        HeapFree(GetProcessHeap(), 0, error);
        return hr;
    }
    error->IBackgroundCopyError_iface.lpVtbl = &error_vtbl;
    error->ref = 1;
    error->context = context;
    error->code = code;
    if ((error->file = file)) IBackgroundCopyFile_AddRef(file);
    server_object_created();
    *out = &error->IBackgroundCopyError_iface;
    return S_OK;
}
