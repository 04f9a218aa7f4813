/* The one walker over widl's proxy-file tables (proxy_tables.h). */
#include "proxy_tables.h"

LONG for_each_interface(interface_visitor visit, void *context)
{
    const ProxyFileInfo **file;
    unsigned int i;
    LONG result;

    for (file = aProxyFileList; *file; file++)
        for (i = 0; i < (*file)->TableSize; i++)
            if ((result = visit(*file, i, context))) return result;
    return 0;
}
