/* What the DLL's entry points share: widl's proxy file table, the
 * PSFactoryBuffer CLSID, and the module handle. */
#ifndef QMGRPRXY_PROXY_FILES_H
#define QMGRPRXY_PROXY_FILES_H

#include <windows.h>
#include <rpcproxy.h>

extern const ProxyFileInfo *qmgrprxy_proxy_files[];
extern const CLSID CLSID_QmgrPrxyPSFactoryBuffer;
extern HMODULE qmgrprxy_module;

#endif
