/* The class factory of one class of the host. */
#include "host.h"

static LONG locks, instances;

struct factory
{
    IClassFactory IClassFactory_iface;
    LONG ref;
    const struct host_class *cls;
};

static struct factory *impl_from_IClassFactory(IClassFactory *iface)
{
    return CONTAINING_RECORD(iface, struct factory, IClassFactory_iface);
}

static HRESULT WINAPI factory_QueryInterface(IClassFactory *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IClassFactory))
    {
        *out = iface;
        IClassFactory_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI factory_AddRef(IClassFactory *iface)
{
    return InterlockedIncrement(&impl_from_IClassFactory(iface)->ref);
}

static ULONG WINAPI factory_Release(IClassFactory *iface)
{
    struct factory *factory = impl_from_IClassFactory(iface);
    ULONG ref = InterlockedDecrement(&factory->ref);
    if (!ref) HeapFree(GetProcessHeap(), 0, factory);
    return ref;
}

static HRESULT WINAPI factory_CreateInstance(IClassFactory *iface, IUnknown *outer, REFIID riid, void **out)
{
    struct factory *factory = impl_from_IClassFactory(iface);
    IUnknown *object = NULL;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (outer) return CLASS_E_NOAGGREGATION;
    if (FAILED(hr = factory->cls->create(&object))) return hr;
    hr = IUnknown_QueryInterface(object, riid, out);
    IUnknown_Release(object);
    if (SUCCEEDED(hr)) InterlockedIncrement(&instances);
    return hr;
}

static HRESULT WINAPI factory_LockServer(IClassFactory *iface, BOOL lock)
{
    if (lock) InterlockedIncrement(&locks);
    else InterlockedDecrement(&locks);
    return S_OK;
}

static const IClassFactoryVtbl factory_vtbl =
{
    factory_QueryInterface, factory_AddRef, factory_Release, factory_CreateInstance, factory_LockServer,
};

HRESULT host_factory_create(const struct host_class *cls, IClassFactory **out)
{
    struct factory *factory = HeapAlloc(GetProcessHeap(), 0, sizeof(*factory));

    *out = NULL;
    if (!factory) return E_OUTOFMEMORY;
    factory->IClassFactory_iface.lpVtbl = &factory_vtbl;
    factory->ref = 1;
    factory->cls = cls;
    *out = &factory->IClassFactory_iface;
    return S_OK;
}

LONG host_factory_locks(void) { return InterlockedCompareExchange(&locks, 0, 0); }
LONG host_factory_instances(void) { return InterlockedCompareExchange(&instances, 0, 0); }
