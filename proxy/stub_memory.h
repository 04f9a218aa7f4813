/*
 * The memory the NDR engine allocates for a stub's call (stub_memory.c):
 * tracked while the call runs, what the engine left behind freed at its end.
 */
#ifndef QMGRPRXY_STUB_MEMORY_H
#define QMGRPRXY_STUB_MEMORY_H

#include <windows.h>

struct stub_call
{
    struct stub_call *outer;            /* a call this one is nested in, on this thread */
    void **blocks;                      /* what the engine allocated and has not freed */
    unsigned int count, capacity;
    unsigned int outgoing;              /* calls this thread makes meanwhile through the DLL's proxies */
    void *first_blocks[16];
};

BOOL stub_memory_attach(void);
void stub_memory_detach(void);

/* Around a stub's Invoke (guard.c). */
void stub_call_begin(struct stub_call *call);
void stub_call_end(struct stub_call *call);

/* Around a call a proxy of this DLL makes from inside one (between its
 * channel's GetBuffer and FreeBuffer): what the engine allocates then is
 * that call's [out] data, its caller's to keep. */
void stub_memory_outgoing_begin(void);
void stub_memory_outgoing_end(void);

#endif
