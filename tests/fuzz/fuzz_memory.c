/*
 * Channel buffers against a no-access page. RPC buffers start 8-aligned
 * and NDR aligns absolute addresses, so a buffer starts at a multiple of 8
 * and ends at most 7 bytes before the page that follows it, which is
 * reserved and never committed: the first byte read or written past the
 * end (past the padding, for a length that is not a multiple of 8) is an
 * access violation. Each buffer has its own reservation and is released
 * when freed, so a pointer kept into a freed buffer faults too.
 */
#include "fuzz.h"

static SIZE_T page_size(void)
{
    static SIZE_T size;
    if (!size)
    {
        SYSTEM_INFO info;
        GetSystemInfo(&info);
        size = info.dwPageSize;
    }
    return size;
}

static void *guarded_alloc(ULONG len)
{
    SIZE_T page = page_size(), span = ((SIZE_T)len + 7) & ~(SIZE_T)7;
    SIZE_T committed = span ? (span + page - 1) / page * page : page;
    unsigned char *base = VirtualAlloc(NULL, committed + page, MEM_RESERVE, PAGE_NOACCESS);

    if (!base) return NULL;
    if (!VirtualAlloc(base, committed, MEM_COMMIT, PAGE_READWRITE))
    {
        VirtualFree(base, 0, MEM_RELEASE);
        return NULL;
    }
    return base + committed - span;
}

static void guarded_free(void *buffer)
{
    MEMORY_BASIC_INFORMATION info;
    if (VirtualQuery(buffer, &info, sizeof(info))) VirtualFree(info.AllocationBase, 0, MEM_RELEASE);
}

const struct channel_memory guarded_memory = { guarded_alloc, guarded_free };
