/*
 * Force-included before widl's proxy output (and the DLL's own sources):
 * fills the gaps between what widl emits and what the MinGW-w64 headers
 * declare. The inline (-Os) file is compiled with QMGRPRXY_INLINE_STUBS.
 */
#ifndef QMGRPRXY_NDR_COMPAT_H
#define QMGRPRXY_NDR_COMPAT_H

#ifdef QMGRPRXY_INLINE_STUBS
/* MinGW-w64 makes REFIID/REFGUID "const GUID *const" unless this is set;
 * inline stubs keep such [in] arguments in a frame and assign them. Inline
 * proxy vtables start with the IID alone: no USE_STUBLESS_PROXY. */
#define __WIDL_proxy
#else
/* widl defines this itself, but only after this header has pulled in
 * rpcproxy.h: without it MinGW-w64 drops pStublessProxyInfo from the
 * proxy vtable header and every -Oif table is misread. */
#define USE_STUBLESS_PROXY
#endif
#include <rpcproxy.h>
#include <unknwn.h>

/* MinGW-w64 declares these three only for C++; the proxy vtables name them. */
#ifndef __cplusplus
HRESULT STDMETHODCALLTYPE IUnknown_QueryInterface_Proxy(IUnknown *This, REFIID riid, void **ppvObject);
ULONG STDMETHODCALLTYPE IUnknown_AddRef_Proxy(IUnknown *This);
ULONG STDMETHODCALLTYPE IUnknown_Release_Proxy(IUnknown *This);
#endif

#endif
