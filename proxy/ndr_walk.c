/*
 * The NDR types of the checker (ndr_walk.h): each routine moves the cursor
 * as the rpcrt4 routine of the same type does, in the unmarshalling pass
 * and, with w->flat, in the memory-sizing pass that complex types make
 * first to find where their pointees start (the pointer-buffer mark). On
 * top of what the engine checks it refuses counts over the allocation
 * bound, counts that disagree with their correlation (recorded, checked
 * by ndr_check.c), enum16 values over 0x7fff, unterminated strings, and
 * any format character these tables do not use.
 */
#include <string.h>
#include "ndr_walk.h"

void walk_fail(struct walker *w, DWORD code)
{
    w->error = HRESULT_FROM_WIN32(code);
    __builtin_longjmp(w->jump, 1);
}

static unsigned short fmt_u16(PFORMAT_STRING p) { return p[0] | p[1] << 8; }
static short fmt_s16(PFORMAT_STRING p) { return (short)fmt_u16(p); }
static ULONG fmt_u32(PFORMAT_STRING p) { return fmt_u16(p) | (ULONG)fmt_u16(p + 2) << 16; }

/* As the engine does: the address itself is aligned (RPC buffers start
 * 8-aligned). Past the end nothing more can be read. */
void walk_align(struct walker *w, unsigned int alignment)
{
    ULONG_PTR p = ((ULONG_PTR)w->pos + alignment - 1) & ~(ULONG_PTR)(alignment - 1);
    if (p > (ULONG_PTR)w->end) walk_fail(w, RPC_X_BAD_STUB_DATA);
    w->pos = (const unsigned char *)p;
}

void walk_need(struct walker *w, ULONGLONG bytes)
{
    if (bytes > (ULONG_PTR)(w->end - w->pos)) walk_fail(w, RPC_X_BAD_STUB_DATA);
}

static ULONG read_u32_at(const unsigned char *p)
{
    ULONG v;
    memcpy(&v, p, 4);
    return v;
}

ULONG walk_u32(struct walker *w)
{
    ULONG v;
    walk_align(w, 4);
    walk_need(w, 4);
    v = read_u32_at(w->pos);
    w->pos += 4;
    return v;
}

void *walk_arena(struct walker *w, unsigned int bytes)
{
    void *p;
    bytes = (bytes + 7) & ~7u;
    if (bytes > WALK_ARENA_BYTES - w->arena_used) walk_fail(w, RPC_X_BAD_STUB_DATA);
    p = w->arena + w->arena_used;
    w->arena_used += bytes;
    memset(p, 0, bytes);
    return p;
}

/* What a present pointer points to when nothing of its pointee is kept. */
static const ULONGLONG present_pointee[2];

static unsigned int base_wire_size(unsigned char fc)
{
    switch (fc)
    {
    case FC_BYTE: case FC_CHAR: case FC_SMALL: case FC_USMALL: return 1;
    case FC_WCHAR: case FC_SHORT: case FC_USHORT: case FC_ENUM16: return 2;
    case FC_LONG: case FC_ULONG: case FC_ENUM32: case FC_FLOAT: case FC_ERROR_STATUS_T:
    case FC_INT3264: case FC_UINT3264: return 4;
    case FC_HYPER: case FC_DOUBLE: return 8;
    default: return 0;
    }
}

unsigned int base_memory_size(unsigned char fc)
{
    switch (fc)
    {
    case FC_ENUM16: return sizeof(UINT);
    case FC_INT3264: case FC_UINT3264: return sizeof(INT_PTR);
    default: return base_wire_size(fc);
    }
}

static ULONGLONG read_base(struct walker *w, unsigned char fc)
{
    unsigned int size = base_wire_size(fc);
    ULONGLONG v = 0;

    if (!size) walk_fail(w, RPC_X_BAD_STUB_DATA);
    walk_need(w, size);
    memcpy(&v, w->pos, size);
    w->pos += size;
    if (fc == FC_ENUM16 && v > 0x7fff) walk_fail(w, RPC_X_ENUM_VALUE_OUT_OF_RANGE);
    if (fc == FC_INT3264) v = (ULONGLONG)(LONGLONG)(LONG)v;
    return v;
}

ULONGLONG walk_base(struct walker *w, unsigned char fc)
{
    if (fc == FC_IGNORE) return 0;
    if (!base_wire_size(fc)) walk_fail(w, RPC_X_BAD_STUB_DATA);
    walk_align(w, base_wire_size(fc));
    return read_base(w, fc);
}

static void store_base(unsigned char *mem, unsigned char fc, ULONGLONG v)
{
    if (mem) memcpy(mem, &v, base_memory_size(fc));
}

BOOL corr_present(PFORMAT_STRING desc)
{
    return fmt_u32(desc) != 0xffffffff;
}

static void bound_allocation(struct walker *w, ULONGLONG bytes)
{
    if (bytes > NDR_CHECK_MAX_ARRAY_BYTES) walk_fail(w, RPC_S_INVALID_BOUND);
}

/* ---- pointers ---- */

/* PointerUnmarshall: the pointer whose descriptor is format, its referent
 * (unless [ref]) at ref, its pointee read from the cursor. */
static void walk_pointee(struct walker *w, PFORMAT_STRING format, const unsigned char *ref, unsigned char *mem)
{
    PFORMAT_STRING desc = (format[1] & FC_SIMPLE_POINTER) ? format + 2 : format + 2 + fmt_s16(format + 2);

    switch (format[0])
    {
    case FC_RP:
        break;
    case FC_UP:
    case FC_OP:
        if (ref + 4 > w->end) walk_fail(w, RPC_X_BAD_STUB_DATA);
        if (!read_u32_at(ref))
        {
            if (mem) memset(mem, 0, sizeof(void *));
            return;
        }
        break;
    default:   /* full pointers: not in these tables */
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    if (mem)
    {
        const void *marker = present_pointee;
        memcpy(mem, &marker, sizeof(marker));
    }
    walk_type(w, desc, NULL);
}

/* NdrPointerUnmarshall: a pointer reached as a type (a pointer's pointee). */
static void walk_pointer_type(struct walker *w, PFORMAT_STRING format, unsigned char *mem)
{
    const unsigned char *ref = w->pos;
    if (format[0] != FC_RP)
    {
        walk_align(w, 4);
        ref = w->pos;
        walk_need(w, 4);
        w->pos += 4;
    }
    walk_pointee(w, format, ref, mem);
}

/* EmbeddedPointerUnmarshall: the FC_PP layout of an array or structure
 * whose flat data starts at flat; pointees follow the cursor, or the mark
 * inside a complex type. The memory-sizing pass skips them. */
static void walk_embedded_pointers(struct walker *w, PFORMAT_STRING layout, const unsigned char *flat)
{
    const unsigned char *saved = NULL;

    if (w->flat || layout[0] != FC_PP) return;
    if (w->mark)
    {
        saved = w->pos;
        w->pos = w->mark;
        w->mark = NULL;
    }
    layout += 2;
    while (layout[0] != FC_END)
    {
        ULONG rep, stride, count, i, u;
        switch (layout[0])
        {
        case FC_NO_REPEAT:
            rep = 1; stride = 0; count = 1; layout += 2;
            break;
        case FC_FIXED_REPEAT:
            rep = fmt_u16(layout + 2); stride = fmt_u16(layout + 4); count = fmt_u16(layout + 8); layout += 10;
            break;
        case FC_VARIABLE_REPEAT:
            rep = layout[1] == FC_VARIABLE_OFFSET ? w->actual : w->max_count;
            stride = fmt_u16(layout + 2); count = fmt_u16(layout + 6); layout += 8;
            break;
        default:
            walk_fail(w, RPC_X_BAD_STUB_DATA);
        }
        for (i = 0; i < rep; i++)
            for (u = 0; u < count; u++)
            {
                PFORMAT_STRING info = layout + 8 * u;
                ULONGLONG at = (ULONGLONG)i * stride + fmt_s16(info + 2);
                if (at > (ULONG_PTR)(w->end - flat)) walk_fail(w, RPC_X_BAD_STUB_DATA);
                walk_pointee(w, info + 4, flat + at, NULL);
            }
        layout += 8 * count;
    }
    if (saved)
    {
        w->mark = w->pos;
        w->pos = saved;
    }
}

/* ---- arrays and strings ---- */

/* Member codes that move only the memory offset (alignment, padding):
 * advances *at and returns TRUE for those. */
static BOOL memory_only_member(unsigned char fc, ULONG *at)
{
    switch (fc)
    {
    case FC_ALIGNM2: *at = (*at + 1) & ~1u; return TRUE;
    case FC_ALIGNM4: *at = (*at + 3) & ~3u; return TRUE;
    case FC_ALIGNM8: *at = (*at + 7) & ~7u; return TRUE;
    case FC_STRUCTPAD1: case FC_STRUCTPAD2: case FC_STRUCTPAD3: case FC_STRUCTPAD4:
    case FC_STRUCTPAD5: case FC_STRUCTPAD6: case FC_STRUCTPAD7:
        *at += fc - FC_STRUCTPAD1 + 1;
        return TRUE;
    case FC_PAD:
        return TRUE;
    default:
        return FALSE;
    }
}

/* The memory size of one element of a complex array (ComplexStructSize). */
static ULONG complex_member_size(struct walker *w, PFORMAT_STRING m);

static ULONG embedded_memory_size(struct walker *w, PFORMAT_STRING desc)
{
    switch (desc[0])
    {
    case FC_STRUCT: case FC_PSTRUCT: case FC_CSTRUCT: case FC_BOGUS_STRUCT: case FC_SMFARRAY:
        return fmt_u16(desc + 2);
    case FC_USER_MARSHAL:
        return fmt_u16(desc + 4);
    case FC_NON_ENCAPSULATED_UNION:
    {
        PFORMAT_STRING arms = desc + 2 + w->corr_size;
        return fmt_u16(arms + fmt_s16(arms));
    }
    case FC_IP:
        return sizeof(void *);
    default:
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
}

static ULONG complex_member_size(struct walker *w, PFORMAT_STRING m)
{
    ULONG size = 0;
    while (*m != FC_END)
    {
        switch (*m)
        {
        case FC_RP: case FC_UP: case FC_OP: case FC_FP:
            size += sizeof(void *);
            m += 4;
            break;
        case FC_POINTER:
            size += sizeof(void *);
            break;
        case FC_EMBEDDED_COMPLEX:
            size += m[1] + embedded_memory_size(w, m + 2 + fmt_s16(m + 2));
            m += 4;
            continue;
        default:
            if (memory_only_member(*m, &size)) break;
            if (!base_memory_size(*m)) walk_fail(w, RPC_X_BAD_STUB_DATA);
            size += base_memory_size(*m);
        }
        m++;
    }
    return size;
}

/* array_read_conformance: the count an array's memory is sized by. */
static void array_conformance(struct walker *w, PFORMAT_STRING a)
{
    switch (a[0])
    {
    case FC_CARRAY:
    case FC_CVARRAY:
        w->max_count = walk_u32(w);
        walk_correlate(w, CORR_CONFORMANCE, a + 4, w->max_count, 0, NULL, NULL);
        break;
    case FC_C_WSTRING:
    case FC_C_CSTRING:
        w->max_count = walk_u32(w);
        if (a[1] == FC_STRING_SIZED) walk_correlate(w, CORR_CONFORMANCE, a + 2, w->max_count, 0, NULL, NULL);
        break;
    case FC_BOGUS_ARRAY:
        if (corr_present(a + 4))
        {
            w->max_count = walk_u32(w);
            walk_correlate(w, CORR_CONFORMANCE, a + 4, w->max_count, 0, NULL, NULL);
        }
        else w->max_count = fmt_u16(a + 2);
        break;
    default:
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
}

/* ReadVariance: offset and actual count, both within the maximum count. */
static void read_variance(struct walker *w, PFORMAT_STRING desc)
{
    if (desc && !corr_present(desc))
    {
        w->offset = 0;
        w->actual = w->max_count;
        return;
    }
    w->offset = walk_u32(w);
    w->actual = walk_u32(w);
    if (w->actual > w->max_count || (ULONGLONG)w->actual + w->offset > w->max_count)
        walk_fail(w, RPC_S_INVALID_BOUND);
    if (desc) walk_correlate(w, CORR_VARIANCE, desc, w->actual, w->offset, NULL, NULL);
}

static ULONG checked_product(struct walker *w, ULONG a, ULONG b)
{
    ULONGLONG p = (ULONGLONG)a * b;
    if (p > 0xffffffff) walk_fail(w, RPC_S_INVALID_BOUND);
    return (ULONG)p;
}

static void walk_complex_members(struct walker *w, PFORMAT_STRING m, unsigned char *image, ULONG image_size,
                                 PFORMAT_STRING pointers);

/* array_read_variance_and_unmarshall, after the conformance. */
static void array_body(struct walker *w, PFORMAT_STRING a)
{
    const unsigned char *flat;
    ULONG esize, i;

    switch (a[0])
    {
    case FC_CARRAY:
        esize = fmt_u16(a + 2);
        walk_align(w, a[1] + 1);
        flat = w->pos;
        walk_need(w, checked_product(w, esize, w->max_count));
        w->pos += esize * w->max_count;
        w->buffer_mark = flat;
        walk_embedded_pointers(w, a + 4 + w->corr_size, flat);
        break;
    case FC_CVARRAY:
        esize = fmt_u16(a + 2);
        read_variance(w, a + 4 + w->corr_size);
        bound_allocation(w, (ULONGLONG)esize * w->max_count);
        walk_align(w, a[1] + 1);
        flat = w->pos;
        walk_need(w, checked_product(w, esize, w->actual));
        w->pos += esize * w->actual;
        w->buffer_mark = flat;
        walk_embedded_pointers(w, a + 4 + 2 * w->corr_size, flat);
        break;
    case FC_C_WSTRING:
    case FC_C_CSTRING:
    {
        ULONG bytes;
        esize = a[0] == FC_C_WSTRING ? 2 : 1;
        read_variance(w, NULL);
        if ((a[1] != FC_STRING_SIZED && w->max_count != w->actual) || w->offset)
            walk_fail(w, RPC_S_INVALID_BOUND);
        checked_product(w, esize, w->max_count);
        bound_allocation(w, (ULONGLONG)esize * w->max_count);
        bytes = checked_product(w, esize, w->actual);
        walk_need(w, bytes);
        /* validate_string_data: a string ends in its terminating NUL */
        if (bytes < esize) walk_fail(w, RPC_S_INVALID_BOUND);
        for (i = bytes - esize; i < bytes; i++)
            if (w->pos[i]) walk_fail(w, RPC_S_INVALID_BOUND);
        w->pos += bytes;
        break;
    }
    case FC_BOGUS_ARRAY:
    {
        PFORMAT_STRING elem = a + 4 + 2 * w->corr_size;
        ULONG count;
        read_variance(w, a + 4 + w->corr_size);
        bound_allocation(w, (ULONGLONG)complex_member_size(w, elem) * w->max_count);
        walk_align(w, a[1] + 1);
        count = w->actual;
        for (i = 0; i < count; i++) walk_complex_members(w, elem, NULL, 0, NULL);
        break;
    }
    default:
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
}

static void walk_array(struct walker *w, PFORMAT_STRING a)
{
    array_conformance(w, a);
    array_body(w, a);
}

/* NdrComplexArrayUnmarshall: a memory-sizing pass finds where the
 * pointees start (unless an enclosing type already knows), then the real
 * pass. */
static void walk_complex_array(struct walker *w, PFORMAT_STRING a)
{
    const unsigned char *start = w->pos;
    BOOL set_mark = FALSE;

    /* Inside a memory-sizing pass the two passes move alike: one is enough. */
    if (w->flat)
    {
        walk_array(w, a);
        return;
    }
    w->flat = TRUE;
    walk_array(w, a);
    w->flat = FALSE;
    if (!w->mark)
    {
        w->mark = w->pos;
        set_mark = TRUE;
    }
    w->pos = start;
    walk_array(w, a);
    if (set_mark)
    {
        w->pos = w->mark;
        w->mark = NULL;
    }
}

static void walk_fixed_array(struct walker *w, PFORMAT_STRING a)
{
    const unsigned char *flat;
    ULONG size = fmt_u16(a + 2);

    walk_align(w, a[1] + 1);
    flat = w->pos;
    walk_need(w, size);
    w->pos += size;
    w->buffer_mark = flat;
    walk_embedded_pointers(w, a + 4, flat);
}

/* ---- structures ---- */

static void walk_simple_struct(struct walker *w, PFORMAT_STRING s, unsigned char *mem)
{
    const unsigned char *flat;
    ULONG size = fmt_u16(s + 2);

    walk_align(w, s[1] + 1);
    flat = w->pos;
    walk_need(w, size);
    if (mem) memcpy(mem, flat, size);
    w->pos += size;
    w->buffer_mark = flat;
    if (s[0] == FC_PSTRUCT) walk_embedded_pointers(w, s + 4, flat);
}

/* A pointer member of a complex structure or array, or a union's pointer
 * arm: its referent in place, its pointee at the mark (ComplexUnmarshall,
 * union_arm_unmarshall) or right after the referent, or skipped in the
 * memory-sizing pass. A [ref] member has no referent; a union arm has one
 * whatever its pointer type. */
static void walk_member_pointer(struct walker *w, PFORMAT_STRING p, BOOL union_arm)
{
    BOOL referent = union_arm || p[0] != FC_RP, mark_set = FALSE;
    const unsigned char *ref, *saved;

    if (referent) walk_align(w, 4);
    ref = saved = w->pos;
    if (referent) walk_need(w, 4);
    if (w->mark)
    {
        w->pos = w->mark;
        w->mark = NULL;
        mark_set = TRUE;
    }
    else if (referent) w->pos += 4;

    if (!w->flat) walk_pointee(w, p, ref, NULL);
    if (mark_set)
    {
        w->mark = w->pos;
        w->pos = saved;
        if (referent) w->pos += 4;
    }
}

/* ComplexUnmarshall / ComplexStructMemorySize over a member list. Wine
 * reads base-type members without aligning the buffer to them; Windows'
 * engine aligns each (the dialect, ndr_walk_com.c). image, when not NULL,
 * receives the members' memory layout (for correlations on fields). */
static void walk_complex_members(struct walker *w, PFORMAT_STRING m, unsigned char *image, ULONG image_size,
                                 PFORMAT_STRING pointers)
{
    unsigned char *saved_image = w->image, *saved_image_end = w->image_end;
    ULONG at = 0;

    if (image)
    {
        w->image = image;
        w->image_end = image + image_size;
    }
    while (*m != FC_END)
    {
        switch (*m)
        {
        case FC_RP: case FC_UP: case FC_OP: case FC_FP:
            walk_member_pointer(w, m, FALSE);
            at += sizeof(void *);
            m += 4;
            break;
        case FC_POINTER:
            if (!pointers) walk_fail(w, RPC_X_BAD_STUB_DATA);
            walk_member_pointer(w, pointers, FALSE);
            pointers += 4;
            at += sizeof(void *);
            break;
        case FC_EMBEDDED_COMPLEX:
        {
            PFORMAT_STRING desc = m + 2 + fmt_s16(m + 2);
            ULONG size;
            at += m[1];
            size = embedded_memory_size(w, desc);
            walk_type(w, desc, image && at + size <= image_size ? image + at : NULL);
            at += size;
            m += 4;
            continue;
        }
        default:
        {
            ULONGLONG v;
            if (memory_only_member(*m, &at)) break;
            if (!base_memory_size(*m)) walk_fail(w, RPC_X_BAD_STUB_DATA);
            if (!w->wine) walk_align(w, base_wire_size(*m));
            v = read_base(w, *m);
            if (image && at + base_memory_size(*m) <= image_size) store_base(image + at, *m, v);
            at += base_memory_size(*m);
        }
        }
        m++;
    }
    w->image = saved_image;
    w->image_end = saved_image_end;
}

/* The body of a complex structure: the conformance of its conformant
 * array first, the members, then the array. */
static void complex_struct_body(struct walker *w, PFORMAT_STRING s, unsigned char *image, ULONG image_size)
{
    PFORMAT_STRING array = fmt_s16(s + 4) ? s + 4 + fmt_s16(s + 4) : NULL;
    PFORMAT_STRING pointers = fmt_u16(s + 6) ? s + 6 + fmt_u16(s + 6) : NULL;
    ULONG max_count = 0, actual = 0, offset = 0;

    walk_align(w, s[1] + 1);
    if (array)
    {
        array_conformance(w, array);
        max_count = w->max_count; actual = w->actual; offset = w->offset;
    }
    walk_complex_members(w, s + 8, image, image_size, pointers);
    if (array)
    {
        w->max_count = max_count; w->actual = actual; w->offset = offset;
        array_body(w, array);
    }
}

/* NdrComplexStructUnmarshall. Its image lives here while its members are
 * walked: the only correlations into a structure are a member union's
 * switch_is on a sibling field. */
static void walk_complex_struct(struct walker *w, PFORMAT_STRING s, unsigned char *mem)
{
    unsigned char image[256];
    ULONG size = fmt_u16(s + 2);
    BOOL set_mark = FALSE;

    /* Inside a memory-sizing pass (an enclosing array's) no pointee is
     * walked, so no mark is needed: the body alone moves the cursor as
     * ComplexStructMemorySize does. */
    if (!w->mark && !w->flat)
    {
        const unsigned char *start = w->pos;
        w->flat = TRUE;
        complex_struct_body(w, s, NULL, 0);
        w->flat = FALSE;
        w->mark = w->pos;
        w->pos = start;
        set_mark = TRUE;
    }
    /* a constant size: stores, not rep stos (one structure per array element) */
    if (size <= 64) memset(image, 0, 64);
    else memset(image, 0, sizeof(image));
    complex_struct_body(w, s, size <= sizeof(image) ? image : NULL, size);
    if (mem && size <= sizeof(image)) memcpy(mem, image, size);
    if (set_mark)
    {
        w->pos = w->mark;
        w->mark = NULL;
    }
}

/* ---- unions ---- */

static ULONG read_discriminant(struct walker *w, unsigned char fc)
{
    switch (fc)
    {
    case FC_BYTE: case FC_CHAR: case FC_SMALL: case FC_USMALL:
        return (ULONG)read_base(w, fc);
    case FC_WCHAR: case FC_SHORT: case FC_USHORT: case FC_ENUM16:
    case FC_LONG: case FC_ULONG:
        return (ULONG)walk_base(w, fc);
    default:
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
}

/* The arm table after the switch's correlation, as the engine searches it. */
PFORMAT_STRING walk_union_arm(struct walker *w, PFORMAT_STRING u, ULONG discriminant)
{
    PFORMAT_STRING arms = u + 2 + w->corr_size, type;
    unsigned int count, i;

    arms += fmt_s16(arms);
    count = fmt_u16(arms + 2) & 0x0fff;
    for (i = 0; i < count; i++)
        if (fmt_u32(arms + 4 + 6 * i) == discriminant) return arms + 4 + 6 * i + 4;
    type = arms + 4 + 6 * count;       /* the default arm */
    if (fmt_u16(type) == 0xffff) walk_fail(w, RPC_S_INVALID_TAG);
    return type;
}

/* NdrNonEncapsulatedUnionUnmarshall (and its memory-sizing twin, which
 * moves the cursor the same way). */
static void walk_union(struct walker *w, PFORMAT_STRING u, unsigned char *mem)
{
    ULONG discriminant = read_discriminant(w, u[1]);
    PFORMAT_STRING type;

    walk_correlate(w, CORR_SWITCH, u + 2, discriminant, 0, mem, NULL);
    type = walk_union_arm(w, u, discriminant);
    if (fmt_u16(type) == 0) return;
    if ((fmt_u16(type) & 0xff00) == 0x8000)
    {
        store_base(mem, type[0], walk_base(w, type[0]));
        return;
    }
    type += fmt_s16(type);
    switch (type[0])
    {
    case FC_RP: case FC_UP: case FC_OP: case FC_FP:
        walk_member_pointer(w, type, TRUE);
        break;
    default:
        walk_type(w, type, mem);
    }
}

/* ---- dispatch ---- */

void walk_type(struct walker *w, PFORMAT_STRING format, unsigned char *mem)
{
    if (++w->depth > WALK_MAX_DEPTH) walk_fail(w, RPC_X_BAD_STUB_DATA);
    switch (format[0])
    {
    case FC_RP: case FC_UP: case FC_OP: case FC_FP:
        walk_pointer_type(w, format, mem);
        break;
    case FC_STRUCT: case FC_PSTRUCT:
        walk_simple_struct(w, format, mem);
        break;
    case FC_BOGUS_STRUCT:
        walk_complex_struct(w, format, mem);
        break;
    case FC_CARRAY: case FC_CVARRAY: case FC_C_WSTRING: case FC_C_CSTRING:
        walk_array(w, format);
        break;
    case FC_SMFARRAY:
        walk_fixed_array(w, format);
        break;
    case FC_BOGUS_ARRAY:
        walk_complex_array(w, format);
        break;
    case FC_NON_ENCAPSULATED_UNION:
        walk_union(w, format, mem);
        break;
    case FC_IP:
        walk_interface_pointer(w, format);
        break;
    case FC_USER_MARSHAL:
        walk_user_marshal(w, format);
        break;
    default:
        store_base(mem, format[0], walk_base(w, format[0]));
    }
    w->depth--;
}
