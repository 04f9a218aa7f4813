/*
 * IBitsPeerCacheRecord: one record of the model's peer cache, read-only,
 * over an entry of the fixed data (peercache_data.h).
 */
#include "peercache_private.h"

struct record
{
    IBitsPeerCacheRecord IBitsPeerCacheRecord_iface;
    LONG ref;
    const struct peercache_record_data *data;
};

static struct record *impl_from_IBitsPeerCacheRecord(IBitsPeerCacheRecord *iface)
{
    return CONTAINING_RECORD(iface, struct record, IBitsPeerCacheRecord_iface);
}

static HRESULT STDMETHODCALLTYPE record_QueryInterface(IBitsPeerCacheRecord *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBitsPeerCacheRecord))
    {
        *ppv = iface;
        IBitsPeerCacheRecord_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE record_AddRef(IBitsPeerCacheRecord *iface)
{
    return InterlockedIncrement(&impl_from_IBitsPeerCacheRecord(iface)->ref);
}

static ULONG STDMETHODCALLTYPE record_Release(IBitsPeerCacheRecord *iface)
{
    struct record *record = impl_from_IBitsPeerCacheRecord(iface);
    ULONG ref = InterlockedDecrement(&record->ref);
    if (!ref)
    {
        HeapFree(GetProcessHeap(), 0, record);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE record_GetId(IBitsPeerCacheRecord *iface, GUID *id)
{
    if (!id) return E_POINTER;
    *id = impl_from_IBitsPeerCacheRecord(iface)->data->id;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE record_GetOriginUrl(IBitsPeerCacheRecord *iface, LPWSTR *url)
{
    return server_strdup(impl_from_IBitsPeerCacheRecord(iface)->data->origin_url, url);
}

static HRESULT STDMETHODCALLTYPE record_GetFileSize(IBitsPeerCacheRecord *iface, UINT64 *size)
{
    if (!size) return E_POINTER;
    *size = impl_from_IBitsPeerCacheRecord(iface)->data->file_size;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE record_GetFileModificationTime(IBitsPeerCacheRecord *iface, FILETIME *time)
{
    if (!time) return E_POINTER;
    *time = impl_from_IBitsPeerCacheRecord(iface)->data->modified;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE record_GetLastAccessTime(IBitsPeerCacheRecord *iface, FILETIME *time)
{
    if (!time) return E_POINTER;
    *time = impl_from_IBitsPeerCacheRecord(iface)->data->last_access;
    return S_OK;
}

/* S_OK when validated, S_FALSE when not, as documented. */
static HRESULT STDMETHODCALLTYPE record_IsFileValidated(IBitsPeerCacheRecord *iface)
{
    return impl_from_IBitsPeerCacheRecord(iface)->data->validated ? S_OK : S_FALSE;
}

static HRESULT STDMETHODCALLTYPE record_GetFileRanges(IBitsPeerCacheRecord *iface, DWORD *count, BG_FILE_RANGE **ranges)
{
    const struct peercache_record_data *data = impl_from_IBitsPeerCacheRecord(iface)->data;

    if (!count || !ranges) return E_POINTER;
    *count = 0;
    if (!(*ranges = CoTaskMemAlloc(data->range_count * sizeof(**ranges)))) return E_OUTOFMEMORY;
    memcpy(*ranges, data->ranges, data->range_count * sizeof(**ranges));
    *count = data->range_count;
    return S_OK;
}

static const IBitsPeerCacheRecordVtbl record_vtbl =
{
    record_QueryInterface, record_AddRef, record_Release,
    record_GetId, record_GetOriginUrl, record_GetFileSize, record_GetFileModificationTime,
    record_GetLastAccessTime, record_IsFileValidated, record_GetFileRanges,
};

HRESULT peercache_record_create(const struct peercache_record_data *data, IBitsPeerCacheRecord **out)
{
    struct record *record;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(record = HeapAlloc(GetProcessHeap(), 0, sizeof(*record)))) return E_OUTOFMEMORY;
    record->IBitsPeerCacheRecord_iface.lpVtbl = &record_vtbl;
    record->ref = 1;
    record->data = data;
    server_object_created();
    *out = &record->IBitsPeerCacheRecord_iface;
    return S_OK;
}
