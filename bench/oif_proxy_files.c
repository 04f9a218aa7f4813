/* The proxy file list of the bench's all-interpreted variant (meson.build):
 * one -Oif file for every interface, async pair included. */
#include "proxy_files.h"

extern const ExtendedProxyFileInfo qmgrprxy_ProxyFileInfo;

const ProxyFileInfo *qmgrprxy_proxy_files[] =
{
    (const ProxyFileInfo *)&qmgrprxy_ProxyFileInfo,
    NULL
};
