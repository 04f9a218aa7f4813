/* What the DLL's entry points share: widl's proxy file table, the
 * PSFactoryBuffer CLSID, and the module handle. */
#ifndef QMGRPRXY_PROXY_FILES_H
#define QMGRPRXY_PROXY_FILES_H

#include <windows.h>
#include <rpcproxy.h>

extern const ProxyFileInfo *qmgrprxy_proxy_files[];
extern const CLSID CLSID_QmgrPrxyPSFactoryBuffer;
extern HMODULE qmgrprxy_module;

/* seh.c: the per-thread state of the inline stubs' exception handling
 * (x86_64; nothing to do on i686). */
BOOL qmgrprxy_seh_attach(void);
void qmgrprxy_seh_detach(void);

#endif
