/*
 * Force-included before widl's inline (-Os) proxy output. Unlike
 * proxy/ndr_compat.h it must not define USE_STUBLESS_PROXY: inline proxy
 * vtables start with the IID alone, without pStublessProxyInfo.
 */
#ifndef QMGRPRXY_BENCH_INLINE_COMPAT_H
#define QMGRPRXY_BENCH_INLINE_COMPAT_H

/* MinGW-w64 makes REFIID/REFGUID "const GUID *const" unless this is set;
 * inline stubs keep such [in] arguments in a frame and assign them. */
#define __WIDL_proxy
#include <rpcproxy.h>
#include <unknwn.h>

/* MinGW-w64 declares these three only for C++; the proxy vtables name them. */
HRESULT STDMETHODCALLTYPE IUnknown_QueryInterface_Proxy(IUnknown *This, REFIID riid, void **ppvObject);
ULONG STDMETHODCALLTYPE IUnknown_AddRef_Proxy(IUnknown *This);
ULONG STDMETHODCALLTYPE IUnknown_Release_Proxy(IUnknown *This);

#endif
