/*
 * The DLL's proxy files (idl/meson.build, idl/bits_callback.idl): widl's
 * inline code for every interface but IBackgroundCopyCallback, and -Oif
 * tables for that one and its async twin. widl names each table after its
 * output file.
 */
#include "proxy_files.h"

extern const ExtendedProxyFileInfo qmgrprxy_ProxyFileInfo, qmgrprxy_async_ProxyFileInfo;

const ProxyFileInfo *qmgrprxy_proxy_files[] =
{
    (const ProxyFileInfo *)&qmgrprxy_ProxyFileInfo,
    (const ProxyFileInfo *)&qmgrprxy_async_ProxyFileInfo,
    NULL
};
