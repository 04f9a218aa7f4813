/*
 * A file of a job: IBackgroundCopyFile .. IBackgroundCopyFile6 on one object
 * (one vtable: each version only adds methods to the one before).
 *
 * The model transfers nothing, so it decides what the network would have:
 *   - the size of a file is 1024 bytes per character of its remote name
 *     (file_model_size), which gives every file a size of its own that a
 *     test can work out from the name alone;
 *   - a transfer (server_file_transfer) completes the file at once, from the
 *     origin server, never from a peer;
 *   - an http:// or https:// file supports ranges (IBackgroundCopyFile6
 *     requires an HTTP server); its response headers after a transfer are
 *     "HTTP/1.1 200 OK\r\nContent-Length: <size>\r\n";
 *   - the temporary file is "BITxxxx.tmp" in the folder of the local name,
 *     xxxx being the FNV-1a hash of the local name's UTF-16 code units,
 *     folded to 16 bits (high ^ low), in upper-case hexadecimal.
 */
#include <stdio.h>
#include <wchar.h>
#include <wctype.h>
#include "file_private.h"

/* The longest remote name BITS accepts (IBackgroundCopyFile2::SetRemoteName). */
#define MAX_REMOTE_NAME 2200

struct file
{
    IBackgroundCopyFile6 IBackgroundCopyFile6_iface;
    LONG ref;
    CRITICAL_SECTION cs;
    WCHAR *remote_name;
    WCHAR *local_name;
    WCHAR *response_headers;      /* never NULL: "" until known */
    BG_FILE_PROGRESS progress;
    BOOL validated;
    UINT64 download_position;
    struct range_list added;      /* given to AddFileWithRanges, as given */
    struct range_list requested;  /* given to RequestFileRanges, in order */
    struct range_list filled;     /* transferred: sorted, merged */
};

static const IBackgroundCopyFile6Vtbl file_vtbl;

static struct file *impl_from_IBackgroundCopyFile6(IBackgroundCopyFile6 *iface)
{
    return CONTAINING_RECORD(iface, struct file, IBackgroundCopyFile6_iface);
}

/* The model's own object behind an IBackgroundCopyFile, or NULL for any
 * other implementation (a proxy, say). */
static struct file *unsafe_impl_from_IBackgroundCopyFile(IBackgroundCopyFile *iface)
{
    if (!iface || iface->lpVtbl != (const IBackgroundCopyFileVtbl *)&file_vtbl) return NULL;
    return impl_from_IBackgroundCopyFile6((IBackgroundCopyFile6 *)iface);
}

static UINT64 file_model_size(const struct file *file)
{
    return (UINT64)lstrlenW(file->remote_name) * 1024;
}

static BOOL file_supports_ranges(const struct file *file)
{
    return !_wcsnicmp(file->remote_name, L"http://", 7) || !_wcsnicmp(file->remote_name, L"https://", 8);
}

/* "scheme://..." or a UNC path "\\server\share\...". */
static BOOL is_valid_remote_name(const WCHAR *name)
{
    const WCHAR *p = name;
    SIZE_T len;

    if (!name || !(len = wcslen(name)) || len > MAX_REMOTE_NAME) return FALSE;
    if (name[0] == '\\' && name[1] == '\\') return name[2] != 0;
    while (iswalpha(*p) || iswdigit(*p) || *p == '+' || *p == '-' || *p == '.') p++;
    return p != name && iswalpha(name[0]) && p[0] == ':' && p[1] == '/' && p[2] == '/' && p[3];
}

static HRESULT STDMETHODCALLTYPE file_QueryInterface(IBackgroundCopyFile6 *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyFile) ||
        IsEqualIID(riid, &IID_IBackgroundCopyFile2) || IsEqualIID(riid, &IID_IBackgroundCopyFile3) ||
        IsEqualIID(riid, &IID_IBackgroundCopyFile4) || IsEqualIID(riid, &IID_IBackgroundCopyFile5) ||
        IsEqualIID(riid, &IID_IBackgroundCopyFile6))
    {
        *ppv = iface;
        IBackgroundCopyFile6_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE file_AddRef(IBackgroundCopyFile6 *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyFile6(iface)->ref);
}

static void file_free(struct file *file)
{
    CoTaskMemFree(file->remote_name);
    CoTaskMemFree(file->local_name);
    CoTaskMemFree(file->response_headers);
    ranges_clear(&file->added);
    ranges_clear(&file->requested);
    ranges_clear(&file->filled);
    DeleteCriticalSection(&file->cs);
    HeapFree(GetProcessHeap(), 0, file);
}

static ULONG STDMETHODCALLTYPE file_Release(IBackgroundCopyFile6 *iface)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    ULONG ref = InterlockedDecrement(&file->ref);
    if (!ref)
    {
        file_free(file);
        server_object_destroyed();
    }
    return ref;
}

/* A copy of a string field, made under the lock. */
static HRESULT file_copy_string(struct file *file, WCHAR *const *field, WCHAR **out)
{
    HRESULT hr;
    if (!out) return E_POINTER;
    EnterCriticalSection(&file->cs);
    hr = server_strdup(*field, out);
    LeaveCriticalSection(&file->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE file_GetRemoteName(IBackgroundCopyFile6 *iface, LPWSTR *name)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    return file_copy_string(file, &file->remote_name, name);
}

static HRESULT STDMETHODCALLTYPE file_GetLocalName(IBackgroundCopyFile6 *iface, LPWSTR *name)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    return file_copy_string(file, &file->local_name, name);
}

static HRESULT STDMETHODCALLTYPE file_GetProgress(IBackgroundCopyFile6 *iface, BG_FILE_PROGRESS *progress)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    if (!progress) return E_POINTER;
    EnterCriticalSection(&file->cs);
    *progress = file->progress;
    LeaveCriticalSection(&file->cs);
    return S_OK;
}

/* RangeCount is [in, out, unique]: its value on the way in is not used, and
 * NULL is refused. S_FALSE, 0 and NULL when the file was added without
 * ranges, as documented. */
static HRESULT STDMETHODCALLTYPE file_GetFileRanges(IBackgroundCopyFile6 *iface, DWORD *count, BG_FILE_RANGE **ranges)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    HRESULT hr;

    if (ranges) *ranges = NULL;
    if (!count || !ranges)
    {
        if (count) *count = 0;
        return E_INVALIDARG;
    }
    EnterCriticalSection(&file->cs);
    hr = ranges_copy_out(&file->added, count, ranges);
    LeaveCriticalSection(&file->cs);
    if (hr == S_OK && !*count) hr = S_FALSE;
    return hr;
}

static HRESULT STDMETHODCALLTYPE file_SetRemoteName(IBackgroundCopyFile6 *iface, LPCWSTR name)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    WCHAR *copy, *old;
    HRESULT hr;

    if (!is_valid_remote_name(name)) return E_INVALIDARG;
    if (FAILED(hr = server_strdup(name, &copy))) return hr;
    EnterCriticalSection(&file->cs);
    old = file->remote_name;
    file->remote_name = copy;
    LeaveCriticalSection(&file->cs);
    CoTaskMemFree(old);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE file_GetTemporaryName(IBackgroundCopyFile6 *iface, LPWSTR *name)
{
    static const WCHAR hex[] = L"0123456789ABCDEF";
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    const WCHAR *local, *slash, *p;
    SIZE_T folder_len;
    UINT32 hash = 2166136261u;
    WCHAR *out;
    int i;

    if (!name) return E_POINTER;
    *name = NULL;
    EnterCriticalSection(&file->cs);
    local = file->local_name;
    for (p = local; *p; p++)
    {
        hash ^= *p;
        hash *= 16777619u;
    }
    hash = (hash >> 16) ^ (hash & 0xffff);
    slash = wcsrchr(local, '\\');
    folder_len = slash ? slash - local + 1 : 0;
    /* folder, "BIT", 4 digits, ".tmp", terminator */
    if ((out = CoTaskMemAlloc((folder_len + 3 + 4 + 4 + 1) * sizeof(WCHAR))))
    {
        memcpy(out, local, folder_len * sizeof(WCHAR));
        memcpy(out + folder_len, L"BIT", 3 * sizeof(WCHAR));
        for (i = 0; i < 4; i++) out[folder_len + 3 + i] = hex[(hash >> (12 - 4 * i)) & 0xf];
        memcpy(out + folder_len + 7, L".tmp", 5 * sizeof(WCHAR));
    }
    LeaveCriticalSection(&file->cs);
    if (!out) return E_OUTOFMEMORY;
    *name = out;
    return S_OK;
}

/* Only a transferred file can be validated (E_PENDING before). Declaring
 * it not valid behaves as for a file that came from the origin server: its
 * progress goes back to zero and nothing of it counts as transferred. */
static HRESULT STDMETHODCALLTYPE file_SetValidationState(IBackgroundCopyFile6 *iface, BOOL state)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    HRESULT hr = S_OK;

    EnterCriticalSection(&file->cs);
    if (!file->progress.Completed)
        hr = E_PENDING;
    else
    {
        file->validated = !!state;
        if (!file->validated)
        {
            file->progress.BytesTransferred = 0;
            file->progress.Completed = FALSE;
            ranges_clear(&file->filled);
        }
    }
    LeaveCriticalSection(&file->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE file_GetValidationState(IBackgroundCopyFile6 *iface, BOOL *state)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    if (!state) return E_POINTER;
    EnterCriticalSection(&file->cs);
    *state = file->validated;
    LeaveCriticalSection(&file->cs);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE file_IsDownloadedFromPeer(IBackgroundCopyFile6 *iface, BOOL *from_peer)
{
    if (!from_peer) return E_POINTER;
    *from_peer = FALSE;   /* the model downloads from the origin server only */
    return S_OK;
}

/* Every transferred byte came from the origin server, none from peers. */
static HRESULT STDMETHODCALLTYPE file_GetPeerDownloadStats(IBackgroundCopyFile6 *iface, PUINT64 from_origin, PUINT64 from_peers)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    if (!from_origin || !from_peers) return E_POINTER;
    EnterCriticalSection(&file->cs);
    *from_origin = file->progress.BytesTransferred;
    LeaveCriticalSection(&file->cs);
    *from_peers = 0;
    return S_OK;
}

/* BITS documents one file property; any other id is refused. Across
 * apartments the NDR engine refuses an unknown id before the call gets
 * here, since the union has no default arm. */
static HRESULT STDMETHODCALLTYPE file_SetProperty(IBackgroundCopyFile6 *iface, BITS_FILE_PROPERTY_ID id, BITS_FILE_PROPERTY_VALUE value)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    WCHAR *copy, *old;
    HRESULT hr;

    if (id != BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS) return E_INVALIDARG;
    if (!value.String) return E_INVALIDARG;
    if (FAILED(hr = server_strdup(value.String, &copy))) return hr;
    EnterCriticalSection(&file->cs);
    old = file->response_headers;
    file->response_headers = copy;
    LeaveCriticalSection(&file->cs);
    CoTaskMemFree(old);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE file_GetProperty(IBackgroundCopyFile6 *iface, BITS_FILE_PROPERTY_ID id, BITS_FILE_PROPERTY_VALUE *value)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);

    if (!value) return E_POINTER;
    memset(value, 0, sizeof(*value));
    if (id != BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS) return E_INVALIDARG;
    return file_copy_string(file, &file->response_headers, &value->String);
}

static HRESULT STDMETHODCALLTYPE file_UpdateDownloadPosition(IBackgroundCopyFile6 *iface, UINT64 offset)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    HRESULT hr = S_OK;

    EnterCriticalSection(&file->cs);
    if (!file_supports_ranges(file)) hr = BG_E_RANDOM_ACCESS_NOT_SUPPORTED;
    else if (offset >= file_model_size(file)) hr = BG_E_INVALID_RANGE;
    else file->download_position = offset;
    LeaveCriticalSection(&file->cs);
    return hr;
}

/* All or nothing: one bad range and none of them is kept. */
static HRESULT STDMETHODCALLTYPE file_RequestFileRanges(IBackgroundCopyFile6 *iface, DWORD count, const BG_FILE_RANGE *ranges)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    HRESULT hr;

    if (!count || !ranges) return E_INVALIDARG;
    EnterCriticalSection(&file->cs);
    if (!file_supports_ranges(file)) hr = BG_E_RANDOM_ACCESS_NOT_SUPPORTED;
    else if (SUCCEEDED(hr = ranges_check_requested(ranges, count, file_model_size(file))))
        hr = ranges_append(&file->requested, ranges, count);
    LeaveCriticalSection(&file->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE file_GetFilledFileRanges(IBackgroundCopyFile6 *iface, DWORD *count, BG_FILE_RANGE **ranges)
{
    struct file *file = impl_from_IBackgroundCopyFile6(iface);
    HRESULT hr;

    if (!count || !ranges) return E_POINTER;
    *count = 0;
    *ranges = NULL;
    EnterCriticalSection(&file->cs);
    if (!file_supports_ranges(file)) hr = BG_E_RANDOM_ACCESS_NOT_SUPPORTED;
    else hr = ranges_copy_out(&file->filled, count, ranges);
    LeaveCriticalSection(&file->cs);
    return hr;
}

static const IBackgroundCopyFile6Vtbl file_vtbl =
{
    file_QueryInterface, file_AddRef, file_Release,
    /* IBackgroundCopyFile */
    file_GetRemoteName, file_GetLocalName, file_GetProgress,
    /* IBackgroundCopyFile2 */
    file_GetFileRanges, file_SetRemoteName,
    /* IBackgroundCopyFile3 */
    file_GetTemporaryName, file_SetValidationState, file_GetValidationState, file_IsDownloadedFromPeer,
    /* IBackgroundCopyFile4 */
    file_GetPeerDownloadStats,
    /* IBackgroundCopyFile5 */
    file_SetProperty, file_GetProperty,
    /* IBackgroundCopyFile6 */
    file_UpdateDownloadPosition, file_RequestFileRanges, file_GetFilledFileRanges,
};

static HRESULT file_new(const WCHAR *remote_name, const WCHAR *local_name, const BG_FILE_RANGE *ranges,
                        DWORD range_count, IBackgroundCopyFile **out)
{
    struct file *file;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!remote_name || !*remote_name || !local_name || !*local_name) return E_INVALIDARG;
    if (!(file = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*file)))) return E_OUTOFMEMORY;
    file->IBackgroundCopyFile6_iface.lpVtbl = &file_vtbl;
    file->ref = 1;
    InitializeCriticalSection(&file->cs);
    file->progress.BytesTotal = BG_SIZE_UNKNOWN;
    if (FAILED(hr = server_strdup(remote_name, &file->remote_name)) ||
        FAILED(hr = server_strdup(local_name, &file->local_name)) ||
        FAILED(hr = server_strdup(L"", &file->response_headers)) ||
        FAILED(hr = ranges_append(&file->added, ranges, range_count)))
    {
        file_free(file);
        return hr;
    }
    server_object_created();
    *out = (IBackgroundCopyFile *)&file->IBackgroundCopyFile6_iface;
    return S_OK;
}

HRESULT server_file_create(const WCHAR *remote_name, const WCHAR *local_name, IBackgroundCopyFile **out)
{
    return file_new(remote_name, local_name, NULL, 0, out);
}

HRESULT server_file_create_with_ranges(const WCHAR *remote_name, const WCHAR *local_name, DWORD range_count,
                                       const BG_FILE_RANGE *ranges, IBackgroundCopyFile **out)
{
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (FAILED(hr = ranges_check_added(ranges, range_count))) return hr;
    return file_new(remote_name, local_name, ranges, range_count, out);
}

void server_file_transfer(IBackgroundCopyFile *iface)
{
    struct file *file = unsafe_impl_from_IBackgroundCopyFile(iface);
    UINT64 size;

    if (!file) return;
    EnterCriticalSection(&file->cs);
    size = file_model_size(file);
    if (SUCCEEDED(ranges_fill(&file->filled, &file->added, &file->requested, size)))
    {
        file->progress.BytesTotal = size;
        file->progress.BytesTransferred = size;
        file->progress.Completed = TRUE;
        if (file_supports_ranges(file))
        {
            WCHAR headers[64], *copy;
            _snwprintf(headers, ARRAYSIZE(headers), L"HTTP/1.1 200 OK\r\nContent-Length: %I64u\r\n", size);
            headers[ARRAYSIZE(headers) - 1] = 0;
            if (SUCCEEDED(server_strdup(headers, &copy)))
            {
                CoTaskMemFree(file->response_headers);
                file->response_headers = copy;
            }
        }
    }
    LeaveCriticalSection(&file->cs);
}

HRESULT server_file_requested_ranges(IBackgroundCopyFile *iface, DWORD *count, BG_FILE_RANGE **ranges)
{
    struct file *file = unsafe_impl_from_IBackgroundCopyFile(iface);
    HRESULT hr;

    if (!count || !ranges) return E_POINTER;
    *count = 0;
    *ranges = NULL;
    if (!file) return E_INVALIDARG;
    EnterCriticalSection(&file->cs);
    hr = ranges_copy_out(&file->requested, count, ranges);
    LeaveCriticalSection(&file->cs);
    return hr;
}
