/*
 * One DLL variant serves the proxies and stubs of this process.
 *
 * The prefix's registry names one file for the BITS PSFactoryBuffer CLSID,
 * and Wine's loader picks that file even under qmgrprxy=b when the registry
 * gives a full path. So each child loads its DLL itself (ours by path,
 * Wine's builtin by name under qmgrprxy=b), asks it for its factory and
 * registers that under a private CLSID: CoRegisterPSClsid is per process,
 * CoRegisterClassObject per apartment, so every apartment that makes
 * proxies or stubs registers it. A private CLSID (rather than the BITS one)
 * makes a missed apartment fail instead of silently loading the registry's
 * DLL; the module check of child.c proves which DLL served.
 */
#include "bench.h"

/* {b3a1f00d-6b1e-4c57-9a0e-51a7c0de0006}: the bench's own, registered nowhere. */
static const CLSID CLSID_BenchPSFactory =
    {0xb3a1f00d, 0x6b1e, 0x4c57, {0x9a, 0x0e, 0x51, 0xa7, 0xc0, 0xde, 0x00, 0x06}};

const IID *const bench_iids[IFACE_COUNT] =
{
    &IID_IEnumBackgroundCopyFiles, &IID_IBackgroundCopyFile, &IID_IBackgroundCopyJob, &IID_IBackgroundCopyJob5,
    &IID_IEnumUnknown,
};
const char *const bench_iface_names[IFACE_COUNT] =
{
    "IEnumBackgroundCopyFiles", "IBackgroundCopyFile", "IBackgroundCopyJob", "IBackgroundCopyJob5",
    "IEnumUnknown",
};

/* A stand-in outer object for proxies that are made only to be measured or
 * to ask the factory which IIDs it knows; it counts nothing. */
static HRESULT STDMETHODCALLTYPE outer_QueryInterface(IUnknown *iface, REFIID riid, void **ppv)
{
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE outer_AddRef(IUnknown *iface) { return 2; }
static ULONG STDMETHODCALLTYPE outer_Release(IUnknown *iface) { return 1; }
static const IUnknownVtbl outer_vtbl = { outer_QueryInterface, outer_AddRef, outer_Release };
IUnknown stand_in_outer = { &outer_vtbl };

/* S_OK: covered; E_NOINTERFACE: not; anything else: the factory failed. */
static HRESULT factory_covers(IPSFactoryBuffer *factory, REFIID iid)
{
    IRpcProxyBuffer *proxy = NULL;
    void *iface = NULL;
    HRESULT hr = IPSFactoryBuffer_CreateProxy(factory, &stand_in_outer, iid, &proxy, &iface);
    /* The interface pointer holds a reference on the outer object only. */
    if (proxy) IRpcProxyBuffer_Release(proxy);
    return hr;
}

HRESULT variant_load(const WCHAR *dll, struct variant_state *state)
{
    HRESULT (WINAPI *get_class_object)(REFCLSID, REFIID, void **);
    IPSFactoryBuffer *factory;
    unsigned int i;
    HRESULT hr;

    memset(state, 0, sizeof(*state));
    if (!dll[0])
    {
        for (i = 0; i < IFACE_COUNT; i++) state->covers[i] = TRUE;   /* the registry decides */
        return S_OK;
    }
    if (!(state->module = LoadLibraryW(dll))) return HRESULT_FROM_WIN32(GetLastError());
    get_class_object = (void *)GetProcAddress(state->module, "DllGetClassObject");
    if (!get_class_object) return E_NOINTERFACE;
    hr = get_class_object(&CLSID_QmgrPrxyPSFactoryBuffer, &IID_IPSFactoryBuffer, (void **)&factory);
    if (FAILED(hr)) return hr;
    state->factory = (IUnknown *)factory;
    state->covers[IFACE_CHANNEL] = TRUE;      /* COM's own proxy, whatever the variant */
    for (i = 0; i < IFACE_COUNT; i++)
    {
        if (i == IFACE_CHANNEL) continue;
        hr = factory_covers(factory, bench_iids[i]);
        if (FAILED(hr) && hr != E_NOINTERFACE) return hr;
        state->covers[i] = SUCCEEDED(hr);
        if (state->covers[i] && FAILED(hr = CoRegisterPSClsid(bench_iids[i], &CLSID_BenchPSFactory))) return hr;
    }
    return S_OK;
}

HRESULT variant_register_in_apartment(const struct variant_state *state, DWORD *cookie)
{
    *cookie = 0;
    if (!state->factory) return S_OK;
    return CoRegisterClassObject(&CLSID_BenchPSFactory, state->factory, CLSCTX_INPROC_SERVER,
                                 REGCLS_MULTIPLEUSE, cookie);
}

void variant_revoke(DWORD cookie)
{
    if (cookie) CoRevokeClassObject(cookie);
}

void variant_unload(struct variant_state *state)
{
    if (state->factory) IUnknown_Release(state->factory);
    /* The module stays: proxies of other apartments may still be torn down. */
    state->factory = NULL;
}

void module_path_of(const void *address, WCHAR *out, DWORD size)
{
    HMODULE module;
    out[0] = 0;
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           address, &module))
        GetModuleFileNameW(module, out, size);
}
