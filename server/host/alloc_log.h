/*
 * What this process does with COM's task allocator (CoTaskMemAlloc, the
 * allocator of NDR stubs and of every [out] string): an IMallocSpy
 * (CoRegisterMallocSpy) counts the blocks and bytes outstanding and the
 * largest single request since it was last asked. A stub that leaks shows
 * as outstanding bytes that do not come back; one that sizes an allocation
 * from a hostile count shows as a huge request, whether or not the
 * allocation succeeded. Blocks allocated before the spy are not counted.
 * A request above ALLOC_LOG_REFUSED_ABOVE is counted and then refused (the
 * allocation fails): a hostile count would otherwise have the machine
 * zero 4 GiB for one call.
 */
#ifndef QMGRPRXY_ALLOC_LOG_H
#define QMGRPRXY_ALLOC_LOG_H

#include <windows.h>

#define ALLOC_LOG_REFUSED_ABOVE (256u * 1024 * 1024)

struct alloc_counts
{
    LONG64 blocks;        /* outstanding */
    LONG64 bytes;         /* outstanding, as requested */
    ULONG64 largest;      /* the largest request since the last alloc_log_read(..., TRUE) */
};

HRESULT alloc_log_start(void);      /* once per process */
void alloc_log_read(struct alloc_counts *out, BOOL restart_largest);

#endif
