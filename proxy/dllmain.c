/*
 * Entry points of qmgrprxy.dll: the PSFactoryBuffer that creates every BITS
 * proxy and stub from widl's proxy files (proxy_files.c), with rpcrt4's
 * NDR engine.
 */
#include "proxy_files.h"

/* The CLSID Windows registers as ProxyStubClsid32 for the BITS interfaces. */
const CLSID CLSID_QmgrPrxyPSFactoryBuffer =
    {0x5ce34c0d, 0x0dc9, 0x4c1f, {0x89, 0x7c, 0xda, 0xa1, 0xb7, 0x8c, 0xee, 0x7c}};

HMODULE qmgrprxy_module;
static CStdPSFactoryBuffer ps_factory;

/* The stub vtables name these; a proxy DLL defines them against its factory. */
ULONG WINAPI CStdStubBuffer_Release(IRpcStubBuffer *This)
{
    return NdrCStdStubBuffer_Release(This, (IPSFactoryBuffer *)&ps_factory);
}

ULONG WINAPI CStdStubBuffer2_Release(IRpcStubBuffer *This)
{
    return NdrCStdStubBuffer2_Release(This, (IPSFactoryBuffer *)&ps_factory);
}

/*
 * rpcrt4 completes stub vtables in place the first time the factory is used:
 * it writes its own methods into NULL slots (the async stub of
 * IBackgroundCopyCallback, delegating stubs of derived interfaces). widl
 * emits those vtables as const data, so the write would fault (0x3e6) and
 * take every stub of the DLL with it. Open exactly those tables for writing.
 */
static void open_incomplete_stub_vtables(void)
{
    const ProxyFileInfo **file;
    for (file = qmgrprxy_proxy_files; *file; file++)
    {
        unsigned int i, k;
        for (i = 0; i < (*file)->TableSize; i++)
        {
            const CInterfaceStubVtbl *stub = (*file)->pStubVtblList[i];
            void *const *slots = (void *const *)&stub->Vtbl;
            for (k = 0; k < sizeof(IRpcStubBufferVtbl) / sizeof(void *); k++)
            {
                DWORD old;
                if (slots[k]) continue;
                VirtualProtect((void *)&stub->Vtbl, sizeof(IRpcStubBufferVtbl), PAGE_READWRITE, &old);
                break;
            }
        }
    }
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
    {
        qmgrprxy_module = instance;
        DisableThreadLibraryCalls(instance);
        if (!qmgrprxy_seh_attach()) return FALSE;
        open_incomplete_stub_vtables();
    }
    else if (reason == DLL_PROCESS_DETACH && !reserved) qmgrprxy_seh_detach();
    return TRUE;
}

/*
 * Release is the one stub method a proxy DLL supplies itself (it must know
 * the DLL's factory). Windows' rpcrt4 fills the async stub's Release with
 * its own; Wine's copies its synchronous template, whose Release is NULL,
 * so the stub of AsyncIBackgroundCopyCallback would crash on release. Once
 * the runtime has completed the tables, give any still-empty Release ours.
 */
static BOOL CALLBACK complete_stub_release(INIT_ONCE *once, void *param, void **context)
{
    const ProxyFileInfo **file;
    for (file = qmgrprxy_proxy_files; *file; file++)
    {
        unsigned int i;
        for (i = 0; i < (*file)->TableSize; i++)
        {
            IRpcStubBufferVtbl *vtbl = (IRpcStubBufferVtbl *)&(*file)->pStubVtblList[i]->Vtbl;
            if (!vtbl->Release) vtbl->Release = CStdStubBuffer_Release;
        }
    }
    return TRUE;
}

HRESULT WINAPI DllGetClassObject(REFCLSID rclsid, REFIID riid, void **ppv)
{
    static INIT_ONCE completed = INIT_ONCE_STATIC_INIT;
    HRESULT hr = NdrDllGetClassObject(rclsid, riid, ppv, qmgrprxy_proxy_files,
                                      &CLSID_QmgrPrxyPSFactoryBuffer, &ps_factory);
    if (SUCCEEDED(hr)) InitOnceExecuteOnce(&completed, complete_stub_release, NULL, NULL);
    return hr;
}

HRESULT WINAPI DllCanUnloadNow(void)
{
    return NdrDllCanUnloadNow(&ps_factory);
}

void RPC_ENTRY GetProxyDllInfo(const ProxyFileInfo ***info, const CLSID **clsid)
{
    *info = qmgrprxy_proxy_files;
    *clsid = &CLSID_QmgrPrxyPSFactoryBuffer;
}
