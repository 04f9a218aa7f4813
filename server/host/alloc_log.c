/* The task-allocator spy (see alloc_log.h). It never changes a block: the
 * sizes live in a table of its own, keyed by address (Wine's own code
 * frees some CoTaskMemAlloc'ed blocks with HeapFree, so a header in the
 * block would corrupt the heap). */
#include "alloc_log.h"

struct entry
{
    void *block;             /* NULL: free; TOMBSTONE: was used */
    SIZE_T size;
};
#define TOMBSTONE ((void *)1)

static SRWLOCK lock = SRWLOCK_INIT;
static struct entry *table;
static SIZE_T capacity, used;          /* used counts tombstones too */
static LONG64 blocks, bytes;
static ULONG64 largest;
static DWORD size_slot = TLS_OUT_OF_INDEXES;   /* the request, from Pre* to Post* */

static SIZE_T slot_of(void *block, SIZE_T cap)
{
    return ((ULONG_PTR)block >> 4) * 0x9e3779b97f4a7c15ull % cap;
}

/* Under the lock: rehashed without tombstones, twice as large if a quarter is in use. */
static BOOL grow(void)
{
    SIZE_T new_cap = !capacity ? 4096 : (SIZE_T)blocks * 4 > capacity ? capacity * 2 : capacity, i;
    struct entry *new_table = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, new_cap * sizeof(*new_table));

    if (!new_table) return FALSE;
    for (i = 0; i < capacity; i++)
    {
        SIZE_T s;
        if (!table[i].block || table[i].block == TOMBSTONE) continue;
        for (s = slot_of(table[i].block, new_cap); new_table[s].block; s = (s + 1) % new_cap);
        new_table[s] = table[i];
    }
    HeapFree(GetProcessHeap(), 0, table);
    table = new_table;
    capacity = new_cap;
    used = blocks;
    return TRUE;
}

static void insert(void *block, SIZE_T size)
{
    SIZE_T s;

    AcquireSRWLockExclusive(&lock);
    if ((used + 1) * 2 > capacity && !grow())
    {
        ReleaseSRWLockExclusive(&lock);
        return;
    }
    for (s = slot_of(block, capacity); table[s].block && table[s].block != TOMBSTONE; s = (s + 1) % capacity);
    if (!table[s].block) used++;
    table[s].block = block;
    table[s].size = size;
    blocks++;
    bytes += size;
    ReleaseSRWLockExclusive(&lock);
}

static void remove_block(void *block)
{
    SIZE_T s;

    if (!block) return;
    AcquireSRWLockExclusive(&lock);
    for (s = capacity ? slot_of(block, capacity) : 0; capacity && table[s].block; s = (s + 1) % capacity)
    {
        if (table[s].block != block) continue;
        table[s].block = TOMBSTONE;
        blocks--;
        bytes -= table[s].size;
        break;
    }
    ReleaseSRWLockExclusive(&lock);
}

static void note_request(SIZE_T size)
{
    ULONG64 seen = InterlockedCompareExchange64((LONG64 *)&largest, 0, 0);
    while (size > seen)
    {
        ULONG64 was = InterlockedCompareExchange64((LONG64 *)&largest, size, seen);
        if (was == seen) break;
        seen = was;
    }
    TlsSetValue(size_slot, (void *)size);
}

static HRESULT WINAPI spy_QueryInterface(IMallocSpy *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMallocSpy))
    {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI spy_AddRef(IMallocSpy *iface) { return 2; }
static ULONG WINAPI spy_Release(IMallocSpy *iface) { return 1; }

static SIZE_T WINAPI spy_PreAlloc(IMallocSpy *iface, SIZE_T size)
{
    note_request(size);
    return size > ALLOC_LOG_REFUSED_ABOVE ? 0 : size;
}

static void *WINAPI spy_PostAlloc(IMallocSpy *iface, void *actual)
{
    if (actual) insert(actual, (SIZE_T)TlsGetValue(size_slot));
    return actual;
}

static void *WINAPI spy_PreFree(IMallocSpy *iface, void *request, BOOL spyed)
{
    remove_block(request);
    return request;
}

static void WINAPI spy_PostFree(IMallocSpy *iface, BOOL spyed) {}

static SIZE_T WINAPI spy_PreRealloc(IMallocSpy *iface, void *request, SIZE_T size, void **new_request, BOOL spyed)
{
    note_request(size);
    *new_request = request;
    if (size > ALLOC_LOG_REFUSED_ABOVE) return 0;
    remove_block(request);
    return size;
}

static void *WINAPI spy_PostRealloc(IMallocSpy *iface, void *actual, BOOL spyed)
{
    if (actual) insert(actual, (SIZE_T)TlsGetValue(size_slot));
    return actual;
}

static void *WINAPI spy_PreGetSize(IMallocSpy *iface, void *request, BOOL spyed) { return request; }
static SIZE_T WINAPI spy_PostGetSize(IMallocSpy *iface, SIZE_T actual, BOOL spyed) { return actual; }
static void *WINAPI spy_PreDidAlloc(IMallocSpy *iface, void *request, BOOL spyed) { return request; }
static int WINAPI spy_PostDidAlloc(IMallocSpy *iface, void *request, BOOL spyed, int actual) { return actual; }
static void WINAPI spy_PreHeapMinimize(IMallocSpy *iface) {}
static void WINAPI spy_PostHeapMinimize(IMallocSpy *iface) {}

static const IMallocSpyVtbl spy_vtbl =
{
    spy_QueryInterface, spy_AddRef, spy_Release,
    spy_PreAlloc, spy_PostAlloc, spy_PreFree, spy_PostFree, spy_PreRealloc, spy_PostRealloc,
    spy_PreGetSize, spy_PostGetSize, spy_PreDidAlloc, spy_PostDidAlloc, spy_PreHeapMinimize, spy_PostHeapMinimize,
};
static IMallocSpy spy = { &spy_vtbl };

HRESULT alloc_log_start(void)
{
    static LONG started;

    if (InterlockedExchange(&started, 1)) return S_FALSE;
    if ((size_slot = TlsAlloc()) == TLS_OUT_OF_INDEXES) return E_OUTOFMEMORY;
    return CoRegisterMallocSpy(&spy);
}

void alloc_log_read(struct alloc_counts *out, BOOL restart_largest)
{
    AcquireSRWLockShared(&lock);
    out->blocks = blocks;
    out->bytes = bytes;
    ReleaseSRWLockShared(&lock);
    out->largest = restart_largest ? (ULONG64)InterlockedExchange64((LONG64 *)&largest, 0)
                                   : (ULONG64)InterlockedCompareExchange64((LONG64 *)&largest, 0, 0);
}
