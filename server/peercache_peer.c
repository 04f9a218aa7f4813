/*
 * IBitsPeer: one peer of the model's peer cache, read-only, over an entry
 * of the fixed data (peercache_data.h).
 */
#include "peercache_private.h"

struct peer
{
    IBitsPeer IBitsPeer_iface;
    LONG ref;
    const struct peercache_peer_data *data;
};

static struct peer *impl_from_IBitsPeer(IBitsPeer *iface)
{
    return CONTAINING_RECORD(iface, struct peer, IBitsPeer_iface);
}

static HRESULT STDMETHODCALLTYPE peer_QueryInterface(IBitsPeer *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBitsPeer))
    {
        *ppv = iface;
        IBitsPeer_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE peer_AddRef(IBitsPeer *iface)
{
    return InterlockedIncrement(&impl_from_IBitsPeer(iface)->ref);
}

static ULONG STDMETHODCALLTYPE peer_Release(IBitsPeer *iface)
{
    struct peer *peer = impl_from_IBitsPeer(iface);
    ULONG ref = InterlockedDecrement(&peer->ref);
    if (!ref)
    {
        HeapFree(GetProcessHeap(), 0, peer);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE peer_GetPeerName(IBitsPeer *iface, LPWSTR *name)
{
    return server_strdup(impl_from_IBitsPeer(iface)->data->name, name);
}

static HRESULT STDMETHODCALLTYPE peer_IsAuthenticated(IBitsPeer *iface, BOOL *authenticated)
{
    if (!authenticated) return E_POINTER;
    *authenticated = impl_from_IBitsPeer(iface)->data->authenticated;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE peer_IsAvailable(IBitsPeer *iface, BOOL *available)
{
    if (!available) return E_POINTER;
    *available = impl_from_IBitsPeer(iface)->data->available;
    return S_OK;
}

static const IBitsPeerVtbl peer_vtbl =
{
    peer_QueryInterface, peer_AddRef, peer_Release,
    peer_GetPeerName, peer_IsAuthenticated, peer_IsAvailable,
};

HRESULT peercache_peer_create(const struct peercache_peer_data *data, IBitsPeer **out)
{
    struct peer *peer;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(peer = HeapAlloc(GetProcessHeap(), 0, sizeof(*peer)))) return E_OUTOFMEMORY;
    peer->IBitsPeer_iface.lpVtbl = &peer_vtbl;
    peer->ref = 1;
    peer->data = data;
    server_object_created();
    *out = &peer->IBitsPeer_iface;
    return S_OK;
}
