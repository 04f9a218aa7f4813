/*
 * Entry points of qmgrprxy.dll. widl's dlldata.c has rpcrt4's standard ones
 * (the factory, qmgrprxy_DllGetClassObject, DllCanUnloadNow,
 * GetProxyDllInfo); this file adds what the async pair needs on top of
 * them, and hands out the factory whose proxies and stubs check every
 * message first (guard.c).
 */
#include "proxy_tables.h"
#include "stub_memory.h"

extern IPSFactoryBuffer guarded_factory;   /* guard.c */

HMODULE qmgrprxy_module;

HRESULT WINAPI qmgrprxy_DllGetClassObject(REFCLSID rclsid, REFIID riid, void **ppv);

/*
 * rpcrt4 completes a stub vtable in place the first time the factory is
 * used, writing its own methods into the NULL slots: the async stub of
 * IBackgroundCopyCallback is all NULLs (CStdAsyncStubBuffer_METHODS). widl
 * emits stub vtables as const data, so that write would fault (0x3e6) and
 * take every stub of the DLL with it: open exactly those tables for writing.
 */
static LONG open_incomplete_stub_vtable(const ProxyFileInfo *file, unsigned int index, void *context)
{
    const CInterfaceStubVtbl *stub = file->pStubVtblList[index];
    void *const *slots = (void *const *)&stub->Vtbl;
    unsigned int k;
    DWORD old;

    for (k = 0; k < sizeof(IRpcStubBufferVtbl) / sizeof(void *); k++)
        if (!slots[k])
            return !VirtualProtect((void *)&stub->Vtbl, sizeof(IRpcStubBufferVtbl), PAGE_READWRITE, &old);
    return 0;
}

/*
 * Release is the one stub method a proxy DLL supplies itself (it must know
 * the DLL's factory). Windows' rpcrt4 fills the async stub's Release with
 * its own; Wine's copies its synchronous template, whose Release is NULL, so
 * the stub of AsyncIBackgroundCopyCallback would crash on release. Once the
 * runtime has completed the tables, give a still-empty Release ours.
 */
static LONG complete_stub_release(const ProxyFileInfo *file, unsigned int index, void *context)
{
    IRpcStubBufferVtbl *vtbl = (IRpcStubBufferVtbl *)&file->pStubVtblList[index]->Vtbl;
    if (!vtbl->Release) vtbl->Release = CStdStubBuffer_Release;
    return 0;
}

static BOOL CALLBACK complete_stub_vtables(INIT_ONCE *once, void *param, void **context)
{
    for_each_interface(complete_stub_release, NULL);
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
    {
        qmgrprxy_module = instance;
        DisableThreadLibraryCalls(instance);
        if (!stub_memory_attach() || for_each_interface(open_incomplete_stub_vtable, NULL)) return FALSE;
    }
    else if (reason == DLL_PROCESS_DETACH && !reserved) stub_memory_detach();
    return TRUE;
}

HRESULT WINAPI DllGetClassObject(REFCLSID rclsid, REFIID riid, void **ppv)
{
    static INIT_ONCE completed = INIT_ONCE_STATIC_INIT;
    IPSFactoryBuffer *standard;
    HRESULT hr;

    /* rpcrt4 checks the CLSID and completes the tables on first use */
    *ppv = NULL;
    if (FAILED(hr = qmgrprxy_DllGetClassObject(rclsid, &IID_IPSFactoryBuffer, (void **)&standard))) return hr;
    InitOnceExecuteOnce(&completed, complete_stub_vtables, NULL, NULL);
    hr = IPSFactoryBuffer_QueryInterface(&guarded_factory, riid, ppv);
    IPSFactoryBuffer_Release(standard);
    return hr;
}
