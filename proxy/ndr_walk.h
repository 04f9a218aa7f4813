/*
 * The buffer walker behind ndr_check.h: one cursor over a message, moved
 * exactly as rpcrt4's unmarshalling routines move theirs (alignment of
 * absolute addresses, the pointer-buffer mark of complex types, what a
 * flat pass skips), and failing where they would read past the end or
 * trust what they should not. Shared by ndr_walk.c (the NDR types),
 * ndr_walk_com.c (interface pointers and oleaut32's user types) and
 * ndr_check.c (parameters and correlations).
 */
#ifndef QMGRPRXY_NDR_WALK_H
#define QMGRPRXY_NDR_WALK_H

#include <windows.h>
#include <rpcproxy.h>
#include <ndrtypes.h>
#include "ndr_check.h"

/* A correlation (size_is, length_is, switch_is, iid_is) to check once every
 * parameter is known: the descriptor and what the wire said. */
enum corr_kind { CORR_CONFORMANCE, CORR_VARIANCE, CORR_SWITCH, CORR_IID };
struct pending_corr
{
    enum corr_kind kind;
    PFORMAT_STRING desc;        /* the correlation descriptor */
    ULONG value;                /* max count, actual count, discriminant */
    ULONG offset;               /* variance: the offset on the wire */
    GUID iid;                   /* iid_is: the OBJREF's IID */
};

#define WALK_MAX_PENDING 32
#define WALK_MAX_DEPTH 24
#define WALK_ARENA_BYTES 1024

struct walker
{
    const unsigned char *pos, *end;     /* the cursor and the end of the buffer */
    const unsigned char *mark;          /* PointerBufferMark, or NULL */
    const unsigned char *buffer_mark;   /* BufferMark: start of the flat data of an array or struct */
    const MIDL_STUB_DESC *desc;
    unsigned int corr_size;             /* bytes of a correlation descriptor (4 + CorrDespIncrement) */
    BOOL flat;                          /* IgnoreEmbeddedPointers: a pass that skips pointees */
    BOOL wine;                          /* the runtime is Wine's (ndr_walk_com.c: the dialect) */
    BOOL in_process;                    /* custom OBJREFs allowed */
    BOOL request;                       /* a stub's request (not a proxy's reply) */
    ULONG max_count, offset, actual;    /* the last conformance and variance read */
    unsigned char *image, *image_end;   /* memory image of the structure being walked, if any */
    unsigned int depth;

    /* The parameters as the engine's stack will hold them (top-level
     * correlations read it), and memory their values point into. */
    unsigned char *stack;
    unsigned int stack_size;
    unsigned char arena[WALK_ARENA_BYTES];
    unsigned int arena_used;

    struct pending_corr pending[WALK_MAX_PENDING];
    unsigned int pending_count;

    /* [in, out] values of base type: where each is in the request, and kept */
    struct { unsigned char *wire; unsigned int size; unsigned char *kept; } in_out[4];
    unsigned int in_out_count;

    HRESULT error;
    void *jump[5];                      /* __builtin_setjmp buffer: a failure ends the walk */
};

/* Ends the walk with HRESULT_FROM_WIN32(code). */
void walk_fail(struct walker *w, DWORD code) __attribute__((noreturn));
/* The arm of union u (FC_NON_ENCAPSULATED_UNION) for a discriminant; refuses
 * one without an arm and no default (RPC_S_INVALID_TAG). */
PFORMAT_STRING walk_union_arm(struct walker *w, PFORMAT_STRING u, ULONG discriminant);

void walk_align(struct walker *w, unsigned int alignment);
void walk_need(struct walker *w, ULONGLONG bytes);
ULONG walk_u32(struct walker *w);          /* aligned to 4 */
void *walk_arena(struct walker *w, unsigned int bytes);   /* zeroed scratch, or fails */

/* Walks the object that format describes, as NdrUnmarshaller[*format]
 * would. mem, when not NULL, receives the object's memory image where the
 * walker builds one (base types, simple structures; pointers stored as
 * NULL or a pointer into the arena): what correlations read. */
void walk_type(struct walker *w, PFORMAT_STRING format, unsigned char *mem);

/* A base type, as NdrBaseTypeUnmarshall reads it; returns its value
 * (enum16 values above 0x7fff are refused, as Windows' engine does). */
ULONGLONG walk_base(struct walker *w, unsigned char fc);
unsigned int base_memory_size(unsigned char fc);

/* Records a correlation to check once the parameters are known, or checks
 * it now where its source already is (a constant; a field of the structure
 * being walked, mem being the correlated object's place in its image). */
void walk_correlate(struct walker *w, enum corr_kind kind, PFORMAT_STRING desc, ULONG value, ULONG offset,
                    const unsigned char *mem, const GUID *iid);
BOOL corr_present(PFORMAT_STRING desc);   /* not the 0xffffffff "no descriptor" */

/* ndr_walk_com.c */
void walk_interface_pointer(struct walker *w, PFORMAT_STRING format);
void walk_user_marshal(struct walker *w, PFORMAT_STRING format);

#endif
