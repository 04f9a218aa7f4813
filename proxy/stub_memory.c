/*
 * The allocator of the proxy file's stub descriptor: the linker points the
 * NdrOleAllocate and NdrOleFree that widl's tables name here (--wrap,
 * proxy/meson.build); they are CoTaskMemAlloc and CoTaskMemFree, as rpcrt4's.
 *
 * Windows' NdrStubCall2 frees the blocks its engine allocated for a call
 * (the stub message's memory list); Wine 8's never does, so every [in]
 * union passed by value and every [in] user-marshalled pointee (a VARIANT)
 * leaked 40 or 48 bytes per call, and whatever a refused or failed call had
 * unmarshalled leaked with it. So while a stub's Invoke runs on this thread
 * (guard.c) its blocks are listed, and those still there when it returns
 * are freed. Under Windows' engine the list is empty by then.
 */
#include <string.h>
#include <objbase.h>
#include "stub_memory.h"

static DWORD current_call = TLS_OUT_OF_INDEXES;

BOOL stub_memory_attach(void)
{
    return (current_call = TlsAlloc()) != TLS_OUT_OF_INDEXES;
}

void stub_memory_detach(void)
{
    if (current_call != TLS_OUT_OF_INDEXES) TlsFree(current_call);
}

static struct stub_call *get_current(void)
{
    DWORD error = GetLastError();   /* TlsGetValue clears it */
    struct stub_call *call = TlsGetValue(current_call);
    SetLastError(error);
    return call;
}

void stub_call_begin(struct stub_call *call)
{
    memset(call, 0, sizeof(*call));
    call->blocks = call->first_blocks;
    call->capacity = ARRAYSIZE(call->first_blocks);
    call->outer = get_current();
    TlsSetValue(current_call, call);
}

void stub_call_end(struct stub_call *call)
{
    unsigned int i;
    for (i = 0; i < call->count; i++) CoTaskMemFree(call->blocks[i]);
    if (call->blocks != call->first_blocks) HeapFree(GetProcessHeap(), 0, call->blocks);
    TlsSetValue(current_call, call->outer);
}

void stub_memory_outgoing_begin(void)
{
    struct stub_call *call = get_current();
    if (call) call->outgoing++;
}

void stub_memory_outgoing_end(void)
{
    struct stub_call *call = get_current();
    if (call && call->outgoing) call->outgoing--;
}

static BOOL remember(struct stub_call *call, void *block)
{
    if (call->count == call->capacity)
    {
        unsigned int capacity = call->capacity * 2;
        void **blocks = HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*blocks));
        if (!blocks) return FALSE;
        memcpy(blocks, call->blocks, call->count * sizeof(*blocks));
        if (call->blocks != call->first_blocks) HeapFree(GetProcessHeap(), 0, call->blocks);
        call->blocks = blocks;
        call->capacity = capacity;
    }
    call->blocks[call->count++] = block;
    return TRUE;
}

static BOOL forget(struct stub_call *call, void *block)
{
    unsigned int i = call->count;
    while (i--)   /* the newest first: blocks are mostly freed in reverse */
        if (call->blocks[i] == block)
        {
            call->blocks[i] = call->blocks[--call->count];
            return TRUE;
        }
    return FALSE;
}

void * __RPC_API __wrap_NdrOleAllocate(size_t size);
void __RPC_API __wrap_NdrOleFree(void *block);

void * __RPC_API __wrap_NdrOleAllocate(size_t size)
{
    struct stub_call *call = get_current();
    void *block = CoTaskMemAlloc(size);

    /* not listed, not handed out: the engine raises RPC_X_NO_MEMORY */
    if (block && call && !call->outgoing && !remember(call, block))
    {
        CoTaskMemFree(block);
        return NULL;
    }
    return block;
}

void __RPC_API __wrap_NdrOleFree(void *block)
{
    struct stub_call *call;
    for (call = get_current(); call; call = call->outer)
        if (forget(call, block)) break;
    CoTaskMemFree(block);
}
