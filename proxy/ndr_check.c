/*
 * ndr_check.h's entry points: the procedure's header and parameters (as
 * NdrStubCall2 and NdrClientCall2 read them), a walk of each parameter the
 * message carries, then the correlations, checked against the values the
 * engine's stack will hold; on the stub side also the memory the engine
 * will allocate for [out] arrays before the server object runs.
 */
#include <stddef.h>
#include <string.h>
#include "ndr_walk.h"

#define STACK_MAX 512   /* these procedures' stacks are under 100 bytes */
#define Oi_OBJECT_PROC 0x04
#define Oi_HAS_RPCFLAGS 0x08

/* A parameter of an -Oif procedure (6 bytes). */
typedef struct
{
    PARAM_ATTRIBUTES attr;
    unsigned short stack_offset;
    union { unsigned char type_format_char; unsigned short type_offset; } u;
} NDR_PARAM_OIF;

struct proc_layout
{
    unsigned int stack_size;
    unsigned int param_count;
    const NDR_PARAM_OIF *params;
    unsigned int corr_size;
};

static BOOL parse_proc(PFORMAT_STRING f, struct proc_layout *proc)
{
    unsigned int pos;

    /* handle type, Oi flags, [rpc flags], procedure number, stack size */
    if (f[0] != FC_AUTO_HANDLE || !(f[1] & Oi_OBJECT_PROC)) return FALSE;   /* what widl writes for [object] */
    pos = (f[1] & Oi_HAS_RPCFLAGS) ? 10 : 6;
    proc->stack_size = f[pos - 2] | f[pos - 1] << 8;
    /* client and server buffer sizes, Oi2 flags, parameter count, extensions */
    proc->param_count = f[pos + 5];
    proc->corr_size = 4;
    if (f[pos + 4] & 0x40)   /* HasExtensions */
    {
        const NDR_PROC_HEADER_EXTS *ext = (const NDR_PROC_HEADER_EXTS *)(f + pos + 6);
        if (ext->Flags2.HasNewCorrDesc) proc->corr_size = (ext->Flags2.Unused & 0x2) ? 16 : 6;
        pos += 6 + ext->Size;
    }
    else pos += 6;
    proc->params = (const NDR_PARAM_OIF *)(f + pos);
    return proc->stack_size <= STACK_MAX;
}

/* Wine's rpcrt4 has its own wire dialect (ndr_walk_com.c). */
static BOOL runtime_is_wine(void)
{
    static int wine = -1;
    if (wine < 0) wine = GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != NULL;
    return wine;
}

static void walker_init(struct walker *w, const struct ndr_proc *proc, const struct proc_layout *layout,
                        const void *buffer, ULONG length, BOOL in_process, unsigned char *stack)
{
    memset(w, 0, offsetof(struct walker, arena));
    w->pos = buffer;
    w->end = (const unsigned char *)buffer + length;
    w->desc = proc->desc;
    w->corr_size = layout->corr_size;
    w->wine = runtime_is_wine();
    w->in_process = in_process;
    w->stack = stack;
    w->stack_size = layout->stack_size;
    w->arena_used = 0;
    w->pending_count = 0;
    w->in_out_count = 0;
}

static unsigned char *slot_of(struct walker *w, const NDR_PARAM_OIF *p)
{
    if (p->stack_offset + sizeof(void *) > w->stack_size) walk_fail(w, RPC_X_BAD_STUB_DATA);
    return w->stack + p->stack_offset;
}

/* Memory for a pointee the correlations may read: base types and simple
 * structures (a REFIID); pointers to pointers keep the inner pointer. */
static unsigned int kept_size(PFORMAT_STRING pointee)
{
    switch (pointee[0])
    {
    case FC_STRUCT: return pointee[2] | pointee[3] << 8;
    default: return 16;
    }
}

/* A top-level pointer parameter (or a pointer to a pointer), as
 * NdrPointerUnmarshall reads it, its pointee kept for the correlations. */
static void walk_top_pointer(struct walker *w, PFORMAT_STRING f, unsigned char *slot, const unsigned char *request_slot,
                             BOOL in_out)
{
    PFORMAT_STRING desc = (f[1] & FC_SIMPLE_POINTER) ? f + 2 : f + 2 + (short)(f[2] | f[3] << 8);
    unsigned char *kept;

    if (f[0] != FC_RP)
    {
        ULONG referent;
        if (f[0] != FC_UP && f[0] != FC_OP) walk_fail(w, RPC_X_BAD_STUB_DATA);
        referent = walk_u32(w);
        if (!referent)
        {
            memset(slot, 0, sizeof(void *));
            return;
        }
        /* An [in, out] pointer the caller passed as NULL stays NULL: the
         * proxy would allocate memory nobody frees. */
        if (request_slot && !*(void *const *)request_slot) walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    kept = walk_arena(w, kept_size(desc));
    memcpy(slot, &kept, sizeof(kept));
    if (desc[0] == FC_RP || desc[0] == FC_UP || desc[0] == FC_OP) walk_top_pointer(w, desc, kept, NULL, FALSE);
    else walk_type(w, desc, desc[0] == FC_STRUCT || base_memory_size(desc[0]) ? kept : NULL);
    if (in_out && base_memory_size(desc[0]) && w->in_out_count < ARRAYSIZE(w->in_out))
    {
        unsigned int size = desc[0] == FC_ENUM16 ? 2 : base_memory_size(desc[0]);
        w->in_out[w->in_out_count].wire = (unsigned char *)w->pos - size;
        w->in_out[w->in_out_count].size = size;
        w->in_out[w->in_out_count++].kept = kept;
    }
}

/* One parameter, as call_unmarshaller reads it. request_stack: on the
 * reply side, the stack the request left (NULL on the stub side). */
static void walk_param(struct walker *w, const NDR_PARAM_OIF *p, const unsigned char *request_stack)
{
    unsigned char *slot = slot_of(w, p), *kept;
    PFORMAT_STRING f;

    if (p->attr.IsBasetype)
    {
        if (!p->attr.IsSimpleRef)
        {
            /* the value in its stack slot (a hyper takes 8 bytes on i686 too) */
            ULONGLONG v = walk_base(w, p->u.type_format_char);
            unsigned int size = base_memory_size(p->u.type_format_char) > sizeof(void *) ? 8 : sizeof(void *);
            if (p->stack_offset + size > w->stack_size) walk_fail(w, RPC_X_BAD_STUB_DATA);
            memcpy(slot, &v, size);
            return;
        }
        kept = walk_arena(w, 8);
        memcpy(slot, &kept, sizeof(kept));
        walk_type(w, &p->u.type_format_char, kept);
        return;
    }
    f = w->desc->pFormatTypes + p->u.type_offset;
    if (p->attr.IsByValue) walk_type(w, f, NULL);
    else if (p->attr.IsSimpleRef)
    {
        kept = walk_arena(w, kept_size(f));
        memcpy(slot, &kept, sizeof(kept));
        walk_type(w, f, f[0] == FC_STRUCT || base_memory_size(f[0]) ? kept : NULL);
    }
    else if (f[0] == FC_RP || f[0] == FC_UP || f[0] == FC_OP)
        walk_top_pointer(w, f, slot, request_stack && p->attr.IsIn ? request_stack + p->stack_offset : NULL,
                         p->attr.IsIn && p->attr.IsOut);
    else
    {
        kept = walk_arena(w, 16);
        memcpy(slot, &kept, sizeof(kept));
        walk_type(w, f, NULL);
    }
}

/* ---- correlations (ComputeConformanceOrVariance over the stack the
 * engine will use) ---- */

void walk_correlate(struct walker *w, enum corr_kind kind, PFORMAT_STRING desc, ULONG value, ULONG offset,
                    const unsigned char *mem, const GUID *iid)
{
    struct pending_corr *c;

    if (w->flat || !corr_present(desc)) return;
    if ((desc[0] & 0xf0) == FC_NORMAL_CONFORMANCE)
    {
        /* a field of the structure being walked: its image is here now */
        short ofs = (short)(desc[2] | desc[3] << 8);
        ULONG field = 0;
        unsigned int size = (desc[0] & 0x0f) == FC_SHORT || (desc[0] & 0x0f) == FC_USHORT ? 2 : 4;
        if (kind != CORR_SWITCH || !mem || !w->image || mem + ofs < w->image || mem + ofs + size > w->image_end
            || desc[1])
            walk_fail(w, RPC_X_BAD_STUB_DATA);
        memcpy(&field, mem + ofs, size);
        if ((desc[0] & 0x0f) == FC_SHORT) field = (ULONG)(LONG)(SHORT)field;
        if (field != value) walk_fail(w, RPC_X_BAD_STUB_DATA);
        return;
    }
    if (w->pending_count == WALK_MAX_PENDING) walk_fail(w, RPC_X_BAD_STUB_DATA);
    c = &w->pending[w->pending_count++];
    c->kind = kind;
    c->desc = desc;
    c->value = value;
    c->offset = offset;
    if (iid) c->iid = *iid;
}

/* The value a top-level or constant descriptor names; fails where the
 * engine would read through a NULL pointer. */
static ULONG_PTR correlation_value(struct walker *w, PFORMAT_STRING desc, ULONG_PTR *offset)
{
    short ofs = (short)(desc[2] | desc[3] << 8);
    const unsigned char *p;
    ULONG_PTR data = 0;

    *offset = 0;
    switch (desc[0] & 0xf0)
    {
    case FC_CONSTANT_CONFORMANCE:
        return (unsigned short)ofs | (ULONG)desc[1] << 16;
    case FC_TOP_LEVEL_CONFORMANCE:
        break;
    default:
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    if (desc[1] == FC_CALLBACK)
    {
        /* widl's expression routine, on the stack the engine will pass it
         * (the IDL keeps every such expression safe with NULL pointers) */
        MIDL_STUB_MESSAGE msg;
        memset(&msg, 0, sizeof(msg));
        msg.StackTop = w->stack;
        msg.StubDesc = w->desc;
        w->desc->apfnExprEval[(unsigned short)ofs](&msg);
        *offset = msg.Offset;
        return msg.MaxCount;
    }
    if (ofs < 0 || ofs + sizeof(void *) > w->stack_size) walk_fail(w, RPC_X_BAD_STUB_DATA);
    p = w->stack + ofs;
    if (desc[1] == FC_DEREFERENCE)
    {
        memcpy(&p, p, sizeof(p));
        if (!p) walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    switch (desc[0] & 0x0f)
    {
    case FC_LONG: case FC_ULONG: data = *(const DWORD *)p; break;
    case FC_SHORT: data = *(const SHORT *)p; break;
    case FC_USHORT: data = *(const USHORT *)p; break;
    case FC_CHAR: case FC_SMALL: data = *(const CHAR *)p; break;
    case FC_BYTE: case FC_USMALL: data = *(const UCHAR *)p; break;
    case FC_HYPER: memcpy(&data, p, sizeof(data)); break;
    default: walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    switch (desc[1])
    {
    case 0: case FC_DEREFERENCE: return data;
    case FC_ADD_1: return data + 1;
    case FC_SUB_1: return data - 1;
    case FC_MULT_2: return data * 2;
    case FC_DIV_2: return data / 2;
    default: walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
}

static void check_pending(struct walker *w)
{
    unsigned int i;

    for (i = 0; i < w->pending_count; i++)
    {
        const struct pending_corr *c = &w->pending[i];
        ULONG_PTR offset, value = correlation_value(w, c->desc, &offset);

        switch (c->kind)
        {
        case CORR_CONFORMANCE:
            if (c->value != value) walk_fail(w, RPC_S_INVALID_BOUND);
            break;
        case CORR_VARIANCE:
            if (c->value != value || c->offset != offset) walk_fail(w, RPC_S_INVALID_BOUND);
            break;
        case CORR_SWITCH:
            if (c->value != (ULONG)value) walk_fail(w, RPC_X_BAD_STUB_DATA);
            break;
        case CORR_IID:
            if (!value || memcmp((const void *)value, &c->iid, sizeof(GUID))) walk_fail(w, RPC_X_BAD_STUB_DATA);
            break;
        }
    }
}

/* ---- [out] memory the stub allocates before calling the server
 * (calc_arg_size, in 32 bits there: a huge count wraps) ---- */

static ULONGLONG out_size(struct walker *w, PFORMAT_STRING f)
{
    ULONG_PTR offset;

    switch (f[0])
    {
    case FC_RP:
        if (f[1] & FC_SIMPLE_POINTER) return 0;
        return out_size(w, f + 2 + (short)(f[2] | f[3] << 8));
    case FC_CARRAY:
    case FC_CVARRAY:
        return (ULONGLONG)(f[2] | f[3] << 8) * (ULONG)correlation_value(w, f + 4, &offset);
    case FC_BOGUS_ARRAY:
    {
        ULONG count = corr_present(f + 4) ? (ULONG)correlation_value(w, f + 4, &offset) : (ULONG)(f[2] | f[3] << 8);
        /* the element size is that of pointers in these tables' arrays */
        return (ULONGLONG)count * sizeof(void *);
    }
    case FC_C_WSTRING:
    case FC_C_CSTRING:
        if (f[1] != FC_STRING_SIZED) return 0;
        return (ULONGLONG)(f[0] == FC_C_WSTRING ? 2 : 1) * (ULONG)correlation_value(w, f + 2, &offset);
    default:
        return 0;
    }
}

static void check_out_allocations(struct walker *w, const struct proc_layout *layout)
{
    unsigned int i;

    for (i = 0; i < layout->param_count; i++)
    {
        const NDR_PARAM_OIF *p = &layout->params[i];
        if (!p->attr.IsOut || p->attr.IsIn || p->attr.IsBasetype || p->attr.IsByValue || p->attr.ServerAllocSize)
            continue;
        if (out_size(w, w->desc->pFormatTypes + p->u.type_offset) > NDR_CHECK_MAX_ARRAY_BYTES)
            walk_fail(w, RPC_S_INVALID_BOUND);
    }
}

/* The type of an [out]-only parameter that is not a base type, past its
 * top-level reference pointer; NULL for any other parameter. */
static PFORMAT_STRING out_only_type(const struct walker *w, const NDR_PARAM_OIF *p)
{
    PFORMAT_STRING f = w->desc->pFormatTypes + p->u.type_offset;

    if (!p->attr.IsOut || p->attr.IsIn || p->attr.IsBasetype) return NULL;
    if (f[0] == FC_RP && !(f[1] & FC_SIMPLE_POINTER)) f += 2 + (short)(f[2] | f[3] << 8);
    return f;
}

/*
 * An [out] union switched by an [in] parameter (IBackgroundCopyJob5::
 * GetProperty): a discriminant without an arm makes the engine raise while
 * it sizes the reply, after the object ran, and Wine's NdrStubCall2, which
 * has no handler of its own, then leaks the call's argument stack and its
 * [out] blocks. Refused before, with the engine's own status.
 */
static void check_out_unions(struct walker *w, const struct proc_layout *layout)
{
    unsigned int i;

    for (i = 0; i < layout->param_count; i++)
    {
        PFORMAT_STRING f = out_only_type(w, &layout->params[i]);
        ULONG_PTR offset;

        if (f && f[0] == FC_NON_ENCAPSULATED_UNION)
            walk_union_arm(w, f, (ULONG)correlation_value(w, f + 2, &offset));
    }
}

/*
 * The length the stub will marshal an [out] array with is its length_is
 * over the values the server object leaves; an object that leaves an
 * [in, out] count as the caller sent it (an enumerator's *pceltFetched,
 * which callers commonly pass uninitialized) would make the engine read
 * past the array. Such counts reach the object as 0 (they carry nothing
 * in: the object sets them), or, where that does not help, the request is
 * refused. The one place the checker writes into a request.
 */
static BOOL out_lengths_fit(struct walker *w, const struct proc_layout *layout)
{
    unsigned int i;

    for (i = 0; i < layout->param_count; i++)
    {
        PFORMAT_STRING f = out_only_type(w, &layout->params[i]);
        ULONG_PTR offset, actual, max;

        if (!f || (f[0] != FC_CVARRAY && f[0] != FC_BOGUS_ARRAY) || !corr_present(f + 4 + w->corr_size)) continue;
        max = corr_present(f + 4) ? correlation_value(w, f + 4, &offset) : (ULONG_PTR)(f[2] | f[3] << 8);
        actual = correlation_value(w, f + 4 + w->corr_size, &offset);
        if ((ULONG)actual > (ULONG)max || (ULONGLONG)(ULONG)actual + (ULONG)offset > (ULONG)max) return FALSE;
    }
    return TRUE;
}

static void check_out_lengths(struct walker *w, const struct proc_layout *layout)
{
    unsigned int i;

    if (out_lengths_fit(w, layout)) return;
    for (i = 0; i < w->in_out_count; i++)
    {
        memset(w->in_out[i].wire, 0, w->in_out[i].size);
        memset(w->in_out[i].kept, 0, base_memory_size(FC_HYPER));
    }
    if (!w->in_out_count || !out_lengths_fit(w, layout)) walk_fail(w, RPC_S_INVALID_BOUND);
}

/* ---- entry points ---- */

/* Walks the [in] parameters of a request into w (and its stack). */
static void walk_request(struct walker *w, const struct proc_layout *layout)
{
    unsigned int i;
    for (i = 0; i < layout->param_count; i++)
    {
        const NDR_PARAM_OIF *p = &layout->params[i];
        if (p->attr.IsIn) walk_param(w, p, NULL);
        else if (!p->attr.IsReturn && !(p->attr.IsBasetype && !p->attr.IsSimpleRef) && !p->attr.IsByValue)
        {
            /* an [out] pointer: the stub gives the object zeroed memory */
            unsigned char *kept = walk_arena(w, 16);
            memcpy(slot_of(w, p), &kept, sizeof(kept));
        }
    }
    check_pending(w);
}

HRESULT ndr_check_request(const struct ndr_proc *proc, const void *buffer, ULONG length, BOOL in_process)
{
    unsigned char stack[STACK_MAX];
    struct proc_layout layout;
    struct walker w;

    if (!parse_proc(proc->format, &layout)) return HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA);
    memset(stack, 0, sizeof(stack));
    walker_init(&w, proc, &layout, buffer, length, in_process, stack);
    w.request = TRUE;
    if (__builtin_setjmp(w.jump)) return w.error;
    walk_request(&w, &layout);
    check_out_allocations(&w, &layout);
    check_out_lengths(&w, &layout);
    check_out_unions(&w, &layout);
    return S_OK;
}

/* Only an [out] parameter besides the return value can name an [in] one. */
static BOOL layout_reply_reads_request(const struct proc_layout *layout)
{
    unsigned int i;
    for (i = 0; i < layout->param_count; i++)
        if (layout->params[i].attr.IsOut && !layout->params[i].attr.IsReturn) return TRUE;
    return FALSE;
}

BOOL ndr_reply_reads_request(const struct ndr_proc *proc)
{
    struct proc_layout layout;
    return !parse_proc(proc->format, &layout) || layout_reply_reads_request(&layout);
}

HRESULT ndr_check_reply(const struct ndr_proc *proc, const void *request, ULONG request_length,
                        const void *reply, ULONG reply_length, BOOL in_process)
{
    unsigned char request_stack[STACK_MAX], stack[STACK_MAX];
    struct proc_layout layout;
    struct walker w;
    unsigned int i;

    if (!parse_proc(proc->format, &layout)) return HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA);
    memset(stack, 0, sizeof(stack));
    walker_init(&w, proc, &layout, request, request_length, TRUE, stack);
    if (__builtin_setjmp(w.jump)) return w.error;

    /* The request this proxy sent: the [in] values the reply's
     * correlations name. */
    if (layout_reply_reads_request(&layout)) walk_request(&w, &layout);
    memcpy(request_stack, stack, sizeof(stack));

    /* Then the reply, on the same stack: [out] values replace [in] ones. */
    w.pos = reply;
    w.end = (const unsigned char *)reply + reply_length;
    w.mark = NULL;
    w.in_process = in_process;
    w.pending_count = 0;
    for (i = 0; i < layout.param_count; i++)
        if (layout.params[i].attr.IsOut || layout.params[i].attr.IsReturn)
            walk_param(&w, &layout.params[i], request_stack);
    check_pending(&w);
    return S_OK;
}
