#include "com_helpers.h"

static HRESULT STDMETHODCALLTYPE counted_QueryInterface(IUnknown *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown))
    {
        *ppv = iface;
        IUnknown_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE counted_AddRef(IUnknown *iface)
{
    return InterlockedIncrement(&CONTAINING_RECORD(iface, struct counted_unknown, IUnknown_iface)->ref);
}

static ULONG STDMETHODCALLTYPE counted_Release(IUnknown *iface)
{
    return InterlockedDecrement(&CONTAINING_RECORD(iface, struct counted_unknown, IUnknown_iface)->ref);
}

static const IUnknownVtbl counted_vtbl = { counted_QueryInterface, counted_AddRef, counted_Release };

void counted_unknown_init(struct counted_unknown *obj)
{
    obj->IUnknown_iface.lpVtbl = &counted_vtbl;
    obj->ref = 1;
}

static HRESULT STDMETHODCALLTYPE any_QueryInterface(struct any_object *obj, REFIID riid, void **ppv)
{
    *ppv = obj;
    InterlockedIncrement(&obj->ref);
    return S_OK;
}

static ULONG STDMETHODCALLTYPE any_AddRef(struct any_object *obj)
{
    return InterlockedIncrement(&obj->ref);
}

static ULONG STDMETHODCALLTYPE any_Release(struct any_object *obj)
{
    return InterlockedDecrement(&obj->ref);
}

static HRESULT STDMETHODCALLTYPE any_method(void)
{
    return E_NOTIMPL;
}

#define ANY_SLOTS 64
static const void *any_vtbl[ANY_SLOTS];

void any_object_init(struct any_object *obj)
{
    int i;
    any_vtbl[0] = any_QueryInterface;
    any_vtbl[1] = any_AddRef;
    any_vtbl[2] = any_Release;
    for (i = 3; i < ANY_SLOTS; i++) any_vtbl[i] = any_method;
    obj->vtbl = any_vtbl;
    obj->ref = 1;
}

HRESULT get_ps_factory(REFIID iid, IPSFactoryBuffer **factory, CLSID *clsid)
{
    HRESULT hr = CoGetPSClsid(iid, clsid);
    if (FAILED(hr)) return hr;
    return CoGetClassObject(clsid, CLSCTX_INPROC_SERVER, NULL, &IID_IPSFactoryBuffer, (void **)factory);
}
