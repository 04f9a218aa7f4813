/* What the DLL's own code shares: widl's proxy-file list (dlldata.c) and
 * one walker over it, the factory, and the module handle. */
#ifndef QMGRPRXY_PROXY_TABLES_H
#define QMGRPRXY_PROXY_TABLES_H

#include <windows.h>
#include <rpcproxy.h>

extern const ProxyFileInfo *aProxyFileList[];   /* dlldata.c */
extern CStdPSFactoryBuffer gPFactory;           /* dlldata.c */
extern HMODULE qmgrprxy_module;

/* Calls visit() for every interface of every proxy file, in table order,
 * until one returns nonzero; returns that value (0 when all were visited). */
typedef LONG (*interface_visitor)(const ProxyFileInfo *file, unsigned int index, void *context);
LONG for_each_interface(interface_visitor visit, void *context);

#endif
