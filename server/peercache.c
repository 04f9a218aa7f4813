/*
 * IBitsPeerCacheAdministration: the model's peer cache. A new object holds
 * the fixed records and peers of peercache_data.h and the documented
 * defaults; its setters keep what they are given within the documented
 * limits (E_INVALIDARG outside them). No group policy exists here, so no
 * setter returns BG_S_OVERRIDDEN_BY_POLICY. Records and peers go away with
 * the Delete and Clear methods; DiscoverPeers finds the fixed peers again.
 * Enumerations are snapshots: new record and peer objects in an enumerator
 * of server_enum_create.
 */
#include "peercache_private.h"

struct peercache
{
    IBitsPeerCacheAdministration IBitsPeerCacheAdministration_iface;
    LONG ref;
    CRITICAL_SECTION cs;
    DWORD max_cache_size;     /* percent of the disk */
    ULONG max_content_age;    /* seconds */
    DWORD flags;
    BOOL has_record[PEERCACHE_RECORD_COUNT];
    BOOL has_peer[PEERCACHE_PEER_COUNT];
};

static struct peercache *impl_from_IBitsPeerCacheAdministration(IBitsPeerCacheAdministration *iface)
{
    return CONTAINING_RECORD(iface, struct peercache, IBitsPeerCacheAdministration_iface);
}

static HRESULT STDMETHODCALLTYPE peercache_QueryInterface(IBitsPeerCacheAdministration *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBitsPeerCacheAdministration))
    {
        *ppv = iface;
        IBitsPeerCacheAdministration_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE peercache_AddRef(IBitsPeerCacheAdministration *iface)
{
    return InterlockedIncrement(&impl_from_IBitsPeerCacheAdministration(iface)->ref);
}

static ULONG STDMETHODCALLTYPE peercache_Release(IBitsPeerCacheAdministration *iface)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    ULONG ref = InterlockedDecrement(&cache->ref);
    if (!ref)
    {
        DeleteCriticalSection(&cache->cs);
        HeapFree(GetProcessHeap(), 0, cache);
        server_object_destroyed();
    }
    return ref;
}

/* Reads one DWORD-sized setting under the lock. */
static HRESULT peercache_get(struct peercache *cache, const DWORD *field, DWORD *out)
{
    if (!out) return E_POINTER;
    EnterCriticalSection(&cache->cs);
    *out = *field;
    LeaveCriticalSection(&cache->cs);
    return S_OK;
}

static void peercache_set(struct peercache *cache, DWORD *field, DWORD value)
{
    EnterCriticalSection(&cache->cs);
    *field = value;
    LeaveCriticalSection(&cache->cs);
}

static HRESULT STDMETHODCALLTYPE peercache_GetMaximumCacheSize(IBitsPeerCacheAdministration *iface, DWORD *percent)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    return peercache_get(cache, &cache->max_cache_size, percent);
}

static HRESULT STDMETHODCALLTYPE peercache_SetMaximumCacheSize(IBitsPeerCacheAdministration *iface, DWORD percent)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    if (percent > PEERCACHE_MAX_CACHE_SIZE_LIMIT) return E_INVALIDARG;
    peercache_set(cache, &cache->max_cache_size, percent);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE peercache_GetMaximumContentAge(IBitsPeerCacheAdministration *iface, ULONG *seconds)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    return peercache_get(cache, &cache->max_content_age, seconds);
}

static HRESULT STDMETHODCALLTYPE peercache_SetMaximumContentAge(IBitsPeerCacheAdministration *iface, ULONG seconds)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    if (seconds < PEERCACHE_MIN_CONTENT_AGE || seconds > PEERCACHE_MAX_CONTENT_AGE) return E_INVALIDARG;
    peercache_set(cache, &cache->max_content_age, seconds);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE peercache_GetConfigurationFlags(IBitsPeerCacheAdministration *iface, DWORD *flags)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    return peercache_get(cache, &cache->flags, flags);
}

static HRESULT STDMETHODCALLTYPE peercache_SetConfigurationFlags(IBitsPeerCacheAdministration *iface, DWORD flags)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    if (flags & ~PEERCACHE_VALID_FLAGS) return E_INVALIDARG;
    peercache_set(cache, &cache->flags, flags);
    return S_OK;
}

/* An enumerator over new objects for the entries still present. */
static HRESULT peercache_enum(struct peercache *cache, REFIID iid, BOOL records, IUnknown **out)
{
    IUnknown *items[max(PEERCACHE_RECORD_COUNT, PEERCACHE_PEER_COUNT)];
    ULONG i, count = 0, total = records ? PEERCACHE_RECORD_COUNT : PEERCACHE_PEER_COUNT;
    HRESULT hr = S_OK;

    if (!out) return E_POINTER;
    *out = NULL;
    EnterCriticalSection(&cache->cs);
    for (i = 0; i < total && SUCCEEDED(hr); i++)
    {
        if (records && cache->has_record[i])
            hr = peercache_record_create(&peercache_records[i], (IBitsPeerCacheRecord **)&items[count++]);
        else if (!records && cache->has_peer[i])
            hr = peercache_peer_create(&peercache_peers[i], (IBitsPeer **)&items[count++]);
    }
    LeaveCriticalSection(&cache->cs);
    if (FAILED(hr)) count--;   /* the failed slot holds NULL */
    if (SUCCEEDED(hr)) hr = server_enum_create(iid, items, count, out);
    for (i = 0; i < count; i++) IUnknown_Release(items[i]);
    return hr;
}

static HRESULT STDMETHODCALLTYPE peercache_EnumRecords(IBitsPeerCacheAdministration *iface, IEnumBitsPeerCacheRecords **records)
{
    return peercache_enum(impl_from_IBitsPeerCacheAdministration(iface), &IID_IEnumBitsPeerCacheRecords, TRUE,
                          (IUnknown **)records);
}

/* The index of a present record, or -1. */
static int peercache_find_record(struct peercache *cache, REFGUID id)
{
    unsigned int i;
    for (i = 0; i < PEERCACHE_RECORD_COUNT; i++)
        if (cache->has_record[i] && IsEqualGUID(id, &peercache_records[i].id)) return i;
    return -1;
}

static HRESULT STDMETHODCALLTYPE peercache_GetRecord(IBitsPeerCacheAdministration *iface, REFGUID id, IBitsPeerCacheRecord **record)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    int index;

    if (!record) return E_POINTER;
    *record = NULL;
    if (!id) return E_INVALIDARG;
    EnterCriticalSection(&cache->cs);
    index = peercache_find_record(cache, id);
    LeaveCriticalSection(&cache->cs);
    if (index < 0) return BG_E_NOT_FOUND;
    return peercache_record_create(&peercache_records[index], record);
}

static HRESULT STDMETHODCALLTYPE peercache_ClearRecords(IBitsPeerCacheAdministration *iface)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    EnterCriticalSection(&cache->cs);
    memset(cache->has_record, 0, sizeof(cache->has_record));
    LeaveCriticalSection(&cache->cs);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE peercache_DeleteRecord(IBitsPeerCacheAdministration *iface, REFGUID id)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    int index;

    if (!id) return E_INVALIDARG;
    EnterCriticalSection(&cache->cs);
    if ((index = peercache_find_record(cache, id)) >= 0) cache->has_record[index] = FALSE;
    LeaveCriticalSection(&cache->cs);
    return index >= 0 ? S_OK : BG_E_NOT_FOUND;
}

/* Every record of the URL, compared exactly; S_FALSE when there is none,
 * as documented. */
static HRESULT STDMETHODCALLTYPE peercache_DeleteUrl(IBitsPeerCacheAdministration *iface, LPCWSTR url)
{
    struct peercache *cache = impl_from_IBitsPeerCacheAdministration(iface);
    unsigned int i, deleted = 0;

    if (!url || !*url) return E_INVALIDARG;
    EnterCriticalSection(&cache->cs);
    for (i = 0; i < PEERCACHE_RECORD_COUNT; i++)
    {
        if (cache->has_record[i] && !lstrcmpW(url, peercache_records[i].origin_url))
        {
            cache->has_record[i] = FALSE;
            deleted++;
        }
    }
    LeaveCriticalSection(&cache->cs);
    return deleted ? S_OK : S_FALSE;
}

static HRESULT STDMETHODCALLTYPE peercache_EnumPeers(IBitsPeerCacheAdministration *iface, IEnumBitsPeers **peers)
{
    return peercache_enum(impl_from_IBitsPeerCacheAdministration(iface), &IID_IEnumBitsPeers, FALSE,
                          (IUnknown **)peers);
}

static void peercache_set_peers(struct peercache *cache, BOOL present)
{
    unsigned int i;
    EnterCriticalSection(&cache->cs);
    for (i = 0; i < PEERCACHE_PEER_COUNT; i++) cache->has_peer[i] = present;
    LeaveCriticalSection(&cache->cs);
}

static HRESULT STDMETHODCALLTYPE peercache_ClearPeers(IBitsPeerCacheAdministration *iface)
{
    peercache_set_peers(impl_from_IBitsPeerCacheAdministration(iface), FALSE);
    return S_OK;
}

/* The model's network always holds the same peers. */
static HRESULT STDMETHODCALLTYPE peercache_DiscoverPeers(IBitsPeerCacheAdministration *iface)
{
    peercache_set_peers(impl_from_IBitsPeerCacheAdministration(iface), TRUE);
    return S_OK;
}

static const IBitsPeerCacheAdministrationVtbl peercache_vtbl =
{
    peercache_QueryInterface, peercache_AddRef, peercache_Release,
    peercache_GetMaximumCacheSize, peercache_SetMaximumCacheSize,
    peercache_GetMaximumContentAge, peercache_SetMaximumContentAge,
    peercache_GetConfigurationFlags, peercache_SetConfigurationFlags,
    peercache_EnumRecords, peercache_GetRecord, peercache_ClearRecords, peercache_DeleteRecord, peercache_DeleteUrl,
    peercache_EnumPeers, peercache_ClearPeers, peercache_DiscoverPeers,
};

HRESULT server_peercache_create(IBitsPeerCacheAdministration **out)
{
    struct peercache *cache;
    unsigned int i;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(cache = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*cache)))) return E_OUTOFMEMORY;
    cache->IBitsPeerCacheAdministration_iface.lpVtbl = &peercache_vtbl;
    cache->ref = 1;
    InitializeCriticalSection(&cache->cs);
    cache->max_cache_size = PEERCACHE_DEFAULT_MAX_CACHE_SIZE;
    cache->max_content_age = PEERCACHE_DEFAULT_MAX_CONTENT_AGE;
    cache->flags = PEERCACHE_DEFAULT_FLAGS;
    for (i = 0; i < PEERCACHE_RECORD_COUNT; i++) cache->has_record[i] = TRUE;
    for (i = 0; i < PEERCACHE_PEER_COUNT; i++) cache->has_peer[i] = TRUE;
    server_object_created();
    *out = &cache->IBitsPeerCacheAdministration_iface;
    return S_OK;
}
