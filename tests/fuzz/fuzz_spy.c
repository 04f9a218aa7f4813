/*
 * The IMallocSpy (CoRegisterMallocSpy): every CoTaskMem allocation, which
 * is what NdrOleAllocate and NdrOleFree use, passes through it. It
 *   - keeps the set of blocks outstanding (a leak is a count that does not
 *     come back after a case),
 *   - records the largest request and refuses any over SPY_LIMIT, and any
 *     that would take a case's total past four times that, so that a
 *     wrapped or hostile size is a recorded defect and a clean failure of
 *     the allocation instead of gigabytes committed and cleared,
 *   - validates each block when it is freed (the process heap runs with
 *     tail and free checking, fuzz_main.c: a write past a block's end
 *     shows there),
 *   - refuses to free what CoTaskMem never handed out (a bad free), which
 *     would otherwise damage the heap.
 * Wine's IMalloc::Alloc allocates the size it was asked for, not the one
 * PreAlloc returns (combase malloc.c), so the spy cannot add guard bytes
 * of its own. combase calls the spy inside its own lock; the set has its
 * own for the questions the fuzzer asks between cases.
 */
#include <stdio.h>
#include "fuzz.h"

struct slot { void *block; SIZE_T size; ULONG generation; };

static struct
{
    IMallocSpy IMallocSpy_iface;
    CRITICAL_SECTION cs;
    struct slot *slots;                 /* open addressing, a power of two */
    SIZE_T capacity, used;
    LONG outstanding;
    SIZE_T pending;                     /* size of the allocation in flight */
    void *realloc_old;                  /* the block a realloc in flight replaces */
    SIZE_T realloc_old_size;
    BOOL armed;                         /* bad frees count from the first case on */
    ULONG generation;                   /* counts the cases: which case made a block */
    struct spy_case now;                /* the running case */
} spy;

#define TOMBSTONE ((void *)1)

static SIZE_T hash(const void *p, SIZE_T mask)
{
    ULONGLONG v = (ULONG_PTR)p;
    v = (v ^ (v >> 29)) * 0xbf58476d1ce4e5b9ull;
    return (SIZE_T)(v ^ (v >> 32)) & mask;
}

static struct slot *find_slot(const void *p)
{
    SIZE_T mask = spy.capacity - 1, i = hash(p, mask);
    if ((ULONG_PTR)p <= (ULONG_PTR)TOMBSTONE) return NULL;   /* never a block (and 1 marks a free slot) */
    for (;; i = (i + 1) & mask)
    {
        if (spy.slots[i].block == p) return &spy.slots[i];
        if (!spy.slots[i].block) return NULL;
    }
}

static void insert(void *p, SIZE_T size, ULONG generation);

static void grow(void)
{
    struct slot *old = spy.slots;
    SIZE_T n = spy.capacity, i;
    /* Doubled only when live blocks fill a quarter of it: otherwise the
     * slots are mostly tombstones, and rehashing at the same size clears
     * them (the set stays as large as the blocks alive, not as all blocks
     * ever seen). */
    spy.capacity = !n ? 4096 : (SIZE_T)spy.outstanding * 4 > n ? n * 2 : n;
    spy.slots = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, spy.capacity * sizeof(*spy.slots));
    spy.used = spy.outstanding = 0;
    for (i = 0; i < n; i++)
        if (old[i].block && old[i].block != TOMBSTONE) insert(old[i].block, old[i].size, old[i].generation);
    HeapFree(GetProcessHeap(), 0, old);
}

static void insert(void *p, SIZE_T size, ULONG generation)
{
    SIZE_T mask, i;
    EnterCriticalSection(&spy.cs);
    if ((spy.used + 1) * 2 > spy.capacity) grow();
    mask = spy.capacity - 1;
    for (i = hash(p, mask); spy.slots[i].block && spy.slots[i].block != TOMBSTONE; i = (i + 1) & mask) ;
    if (!spy.slots[i].block) spy.used++;
    spy.slots[i].block = p;
    spy.slots[i].size = size;
    spy.slots[i].generation = generation;
    spy.outstanding++;
    LeaveCriticalSection(&spy.cs);
}

/* Takes p out of the set; FALSE if it was not in it. */
static BOOL remove_block(void *p, SIZE_T *size)
{
    struct slot *s;
    EnterCriticalSection(&spy.cs);
    if ((s = p ? find_slot(p) : NULL))
    {
        if (size) *size = s->size;
        s->block = TOMBSTONE;
        spy.outstanding--;
    }
    LeaveCriticalSection(&spy.cs);
    return s != NULL;
}

static void check_block(void *p)
{
    if (HeapValidate(GetProcessHeap(), 0, p)) return;
    spy.now.overruns++;
    spy.now.overrun_block = p;
}

static void bad_free(void *p)
{
    spy.now.bad_frees++;
    spy.now.bad_free = p;
}

/* The size to let through, or 0 to refuse. */
static SIZE_T admit(SIZE_T cb)
{
    if (cb > spy.now.largest) spy.now.largest = cb;
    if (cb > SPY_LIMIT || spy.now.total + cb > 4 * (SIZE_T)SPY_LIMIT)
    {
        spy.now.refused++;
        if (cb > spy.now.refused_size) spy.now.refused_size = cb;
        return 0;
    }
    spy.now.total += cb;
    spy.pending = cb;
    return cb ? cb : 1;
}

static HRESULT STDMETHODCALLTYPE spy_QueryInterface(IMallocSpy *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMallocSpy))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE spy_AddRef(IMallocSpy *iface) { return 2; }
static ULONG STDMETHODCALLTYPE spy_Release(IMallocSpy *iface) { return 1; }

static SIZE_T STDMETHODCALLTYPE spy_PreAlloc(IMallocSpy *iface, SIZE_T cb)
{
    return admit(cb);
}

static void *STDMETHODCALLTYPE spy_PostAlloc(IMallocSpy *iface, void *actual)
{
    if (actual) insert(actual, spy.pending, spy.generation);
    return actual;
}

static void *STDMETHODCALLTYPE spy_PreFree(IMallocSpy *iface, void *request, BOOL spyed)
{
    if (remove_block(request, NULL))
    {
        check_block(request);
        return request;
    }
    if (!spy.armed) return request;     /* from before the spy: pass it on */
    bad_free(request);
    return NULL;                        /* HeapFree(NULL) does nothing */
}

static void STDMETHODCALLTYPE spy_PostFree(IMallocSpy *iface, BOOL spyed) {}

static SIZE_T STDMETHODCALLTYPE spy_PreRealloc(IMallocSpy *iface, void *request, SIZE_T cb, void **new_request,
                                               BOOL spyed)
{
    SIZE_T size;
    spy.realloc_old = NULL;
    *new_request = request;
    if (request && !find_slot(request) && spy.armed)
    {
        bad_free(request);
        return 0;
    }
    if (!(size = admit(cb))) return 0;
    if (request && remove_block(request, &spy.realloc_old_size))
    {
        check_block(request);
        spy.realloc_old = request;
    }
    return size;
}

static void *STDMETHODCALLTYPE spy_PostRealloc(IMallocSpy *iface, void *actual, BOOL spyed)
{
    if (actual) insert(actual, spy.pending, spy.generation);
    else if (spy.realloc_old && spy.pending) insert(spy.realloc_old, spy.realloc_old_size, spy.generation);
    return actual;
}

static void *STDMETHODCALLTYPE spy_PreGetSize(IMallocSpy *iface, void *request, BOOL spyed) { return request; }
static SIZE_T STDMETHODCALLTYPE spy_PostGetSize(IMallocSpy *iface, SIZE_T actual, BOOL spyed) { return actual; }
static void *STDMETHODCALLTYPE spy_PreDidAlloc(IMallocSpy *iface, void *request, BOOL spyed) { return request; }
static int STDMETHODCALLTYPE spy_PostDidAlloc(IMallocSpy *iface, void *request, BOOL spyed, int actual)
{
    return actual;
}
static void STDMETHODCALLTYPE spy_PreHeapMinimize(IMallocSpy *iface) {}
static void STDMETHODCALLTYPE spy_PostHeapMinimize(IMallocSpy *iface) {}

static const IMallocSpyVtbl spy_vtbl =
{
    spy_QueryInterface, spy_AddRef, spy_Release,
    spy_PreAlloc, spy_PostAlloc, spy_PreFree, spy_PostFree, spy_PreRealloc, spy_PostRealloc,
    spy_PreGetSize, spy_PostGetSize, spy_PreDidAlloc, spy_PostDidAlloc, spy_PreHeapMinimize,
    spy_PostHeapMinimize,
};

HRESULT spy_register(void)
{
    InitializeCriticalSection(&spy.cs);
    grow();
    spy.IMallocSpy_iface.lpVtbl = &spy_vtbl;
    return CoRegisterMallocSpy(&spy.IMallocSpy_iface);
}

void spy_case_begin(void)
{
    memset(&spy.now, 0, sizeof(spy.now));
    spy.armed = TRUE;
    spy.generation++;
}

/* Was the block made by NdrAllocate? It ends in its NDR_MEMORY_LIST,
 * whose magic is 'MEML' (rpcrt4 ndr_marshall.c). */
static BOOL from_ndr(const struct slot *s)
{
    const unsigned char *p = s->block;
    SIZE_T k;
    for (k = 0; k + 24 <= s->size; k += 8)
        if (k + 24 == s->size && !memcmp(p + k, "LMEM", 4)) return TRUE;
    return FALSE;
}

BOOL spy_new_blocks_from_ndr(void)
{
    SIZE_T i;
    BOOL all = TRUE, any = FALSE;
    EnterCriticalSection(&spy.cs);
    for (i = 0; i < spy.capacity; i++)
    {
        const struct slot *s = &spy.slots[i];
        if (!s->block || s->block == TOMBSTONE || s->generation != spy.generation) continue;
        any = TRUE;
        if (!from_ndr(s)) all = FALSE;
    }
    LeaveCriticalSection(&spy.cs);
    return any && all;
}

void spy_describe_new(char *out, size_t size)
{
    SIZE_T i;
    int n = 0, shown = 0;
    out[0] = 0;
    EnterCriticalSection(&spy.cs);
    for (i = 0; i < spy.capacity && shown < 4; i++)
    {
        const struct slot *s = &spy.slots[i];
        const unsigned char *p = s->block;
        if (!p || s->block == TOMBSTONE || s->generation != spy.generation) continue;
        SIZE_T k;
        n += snprintf(out + n, size - n, "%s%lu bytes at %p:", shown++ ? "; " : "", (unsigned long)s->size, p);
        for (k = 0; k < s->size && k < 24 && n < (int)size - 8; k++) n += snprintf(out + n, size - n, "%02x", p[k]);
    }
    LeaveCriticalSection(&spy.cs);
}

void spy_case_end(struct spy_case *out)
{
    *out = spy.now;
}

LONG spy_outstanding(void)
{
    return spy.outstanding;
}
