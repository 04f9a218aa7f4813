/*
 * Force-included before widl's proxy output and the DLL's own sources:
 * fills the gaps between what widl emits and what the MinGW-w64 headers
 * declare.
 */
#ifndef QMGRPRXY_NDR_COMPAT_H
#define QMGRPRXY_NDR_COMPAT_H

/* widl defines this itself, but only after this header has pulled in
 * rpcproxy.h: without it MinGW-w64 drops pStublessProxyInfo from the
 * proxy vtable header and every -Oif table is misread. */
#define USE_STUBLESS_PROXY
#include <rpcproxy.h>
#include <unknwn.h>

/* MinGW-w64 declares these three only for C++; the proxy vtables name them. */
#ifndef __cplusplus
HRESULT STDMETHODCALLTYPE IUnknown_QueryInterface_Proxy(IUnknown *This, REFIID riid, void **ppvObject);
ULONG STDMETHODCALLTYPE IUnknown_AddRef_Proxy(IUnknown *This);
ULONG STDMETHODCALLTYPE IUnknown_Release_Proxy(IUnknown *This);
#endif

#endif
