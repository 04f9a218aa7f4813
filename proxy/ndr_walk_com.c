/*
 * The COM types of the checker: interface pointers (an OBJREF that combase
 * will unmarshal) and oleaut32's user-marshalled BSTR and VARIANT, whose
 * wire forms oleaut32 reads with no end of buffer to check against.
 *
 * Two layouts are the runtime's (tests/wire/README.md, "Runtime
 * dialects"): Wine's rpcrt4 sends an interface pointer as ulCntData and the
 * OBJREF (MS-DCOM: referent, conformance, ulCntData, OBJREF), and aligns a
 * user-marshalled pointee to 8. The checker follows the runtime it runs on.
 */
#include <string.h>
#include <oleauto.h>
#include "ndr_walk.h"

#define OBJREF_SIGNATURE 0x574f454d   /* "MEOW" */
#define OBJREF_STANDARD 0x1
#define OBJREF_CUSTOM 0x4
#define OBJREF_HEADER 24              /* signature, flags, IID */
#define STDOBJREF_SIZE 40             /* flags, cPublicRefs, OXID, OID, IPID */
#define SORF_NOPING 0x1000            /* the one STDOBJREF flag a marshalled parameter carries */
#define USER_MARSHAL_PREFIX 0x72657355   /* "User" */

static ULONG u32_at(const unsigned char *p)
{
    ULONG v;
    memcpy(&v, p, 4);
    return v;
}

static unsigned short u16_at(const unsigned char *p)
{
    return p[0] | p[1] << 8;
}

/*
 * Wine's combase reaches the apartment that exported an OBJREF, in this
 * process or another, through the apartment's endpoint pipe (combase
 * get_rpc_endpoint under rpcrt4's ncalrpc prefix), which every apartment
 * opens when it first marshals an object. For an OXID without one it still
 * makes a proxy, whose first call fails in ClientRpcChannelBuffer_GetBuffer
 * and leaks the call's state there (about 280 bytes a message, Wine 8.0).
 */
static BOOL wine_endpoint_exists(ULONGLONG oxid)
{
    static const WCHAR digits[] = L"0123456789abcdef";
    WCHAR name[] = L"\\\\.\\pipe\\lrpc\\\\pipe\\OLE_0000000000000000";
    WCHAR *hex = name + ARRAYSIZE(name) - 17;
    int i;

    for (i = 15; i >= 0; i--, oxid >>= 4) hex[i] = digits[oxid & 0xf];
    /* a busy pipe exists too: only "no such pipe" says nobody is there */
    return WaitNamedPipeW(name, 1) || GetLastError() != ERROR_FILE_NOT_FOUND;
}

/*
 * WaitNamedPipeW takes about 15 us under Wine 8 (wineserver round trips),
 * as much as the rest of a call's marshaling, once per interface pointer.
 * So an exporter found listening is believed for EXPORTER_TRUST_MS: a call
 * returning interface pointers asks once per apartment and period. An
 * exporter that ends within the period is the race every check of this
 * kind has (it could end right after the check too); one never found
 * listening is asked every time.
 */
#define EXPORTER_TRUST_MS 250
#define EXPORTERS_KEPT 8

static SRWLOCK exporters_lock = SRWLOCK_INIT;
static struct { ULONGLONG oxid, seen; } exporters[EXPORTERS_KEPT];

static BOOL wine_exporter_listening(ULONGLONG oxid)
{
    ULONGLONG now = GetTickCount64();
    unsigned int i, oldest = 0;
    BOOL known = FALSE;

    AcquireSRWLockShared(&exporters_lock);
    for (i = 0; i < EXPORTERS_KEPT && !known; i++)
        known = exporters[i].seen && exporters[i].oxid == oxid && now - exporters[i].seen < EXPORTER_TRUST_MS;
    ReleaseSRWLockShared(&exporters_lock);
    if (known) return TRUE;
    if (!wine_endpoint_exists(oxid)) return FALSE;

    AcquireSRWLockExclusive(&exporters_lock);
    for (i = 0; i < EXPORTERS_KEPT; i++)
    {
        if (exporters[i].oxid == oxid) { oldest = i; break; }
        if (exporters[i].seen < exporters[oldest].seen) oldest = i;
    }
    exporters[oldest].oxid = oxid;
    exporters[oldest].seen = now ? now : 1;
    ReleaseSRWLockExclusive(&exporters_lock);
    return TRUE;
}

/*
 * Is the object of an OBJREF of this process (Wine's OXIDs carry the
 * process id in their upper half) still there? When it is gone combase
 * refuses the OBJREF (CO_E_OBJNOTCONNECTED) in the middle of the stub's
 * unmarshalling, and Wine's NdrStubCall2 then leaks its argument stack and
 * every interface pointer it unmarshalled before. Asked without side
 * effects, as CoReleaseMarshalData of the same OID with no references and
 * an IPID of zeros: combase finds the stub manager or refuses, and with no
 * interface of that IPID releases nothing.
 */
static BOOL wine_object_alive(const unsigned char *o)
{
    static const LARGE_INTEGER start;
    unsigned char probe[OBJREF_HEADER + STDOBJREF_SIZE + 4] = {0};     /* an empty resolver address */
    IStream *stream;
    HRESULT hr;

    memcpy(probe, o, OBJREF_HEADER);                                     /* MEOW, standard, the IID */
    memcpy(probe + OBJREF_HEADER + 8, o + OBJREF_HEADER + 8, 16);        /* OXID, OID */
    if (FAILED(CreateStreamOnHGlobal(NULL, TRUE, &stream))) return FALSE;
    hr = IStream_Write(stream, probe, sizeof(probe), NULL);
    if (SUCCEEDED(hr)) hr = IStream_Seek(stream, start, STREAM_SEEK_SET, NULL);
    if (SUCCEEDED(hr)) hr = CoReleaseMarshalData(stream);
    IStream_Release(stream);
    return hr == S_OK;
}

/*
 * An OBJREF combase may read: the standard form (what both runtimes send
 * between processes), or, from this process only, a custom one (the
 * free-threaded marshaler's). Never the class of a custom or handler
 * OBJREF from outside: combase would create it.
 */
static void check_objref(struct walker *w, const unsigned char *o, ULONG size, PFORMAT_STRING format)
{
    ULONG flags;
    GUID iid;

    if (size < OBJREF_HEADER || u32_at(o) != OBJREF_SIGNATURE) walk_fail(w, RPC_X_BAD_STUB_DATA);
    flags = u32_at(o + 4);
    memcpy(&iid, o + 8, sizeof(iid));
    if (flags == OBJREF_STANDARD)
    {
        /* STDOBJREF, then the resolver's DUALSTRINGARRAY */
        ULONG entries;
        if (size < OBJREF_HEADER + STDOBJREF_SIZE + 4) walk_fail(w, RPC_X_BAD_STUB_DATA);
        /* A marshalled parameter carries 0 or SORF_NOPING (MS-DCOM 3.2.4.3).
         * MS-DCOM has receivers ignore other bits, but Wine's combase acts on
         * its private ones: 0x20 (no lifetime management, for its IRemUnknown)
         * from the wire makes RemQueryInterface fault for a foreign exporter. */
        if (u32_at(o + OBJREF_HEADER) & ~SORF_NOPING) walk_fail(w, RPC_X_BAD_STUB_DATA);
        /* Normal marshaling hands over at least one public reference
         * (MS-DCOM 3.2.4.3); for none combase must call the exporter, and
         * when that fails, Wine's engine never releases the interface
         * pointers it unmarshalled before this one. */
        if (!u32_at(o + OBJREF_HEADER + 4)) walk_fail(w, RPC_X_BAD_STUB_DATA);
        entries = u16_at(o + OBJREF_HEADER + STDOBJREF_SIZE);
        if (OBJREF_HEADER + STDOBJREF_SIZE + 4 + 2 * entries > size
            || u16_at(o + OBJREF_HEADER + STDOBJREF_SIZE + 2) > entries)
            walk_fail(w, RPC_X_BAD_STUB_DATA);
        /* Wine's combase writes no resolver bindings and refuses any it is
         * given (E_NOTIMPL, one apartment reference lost, and the same
         * leak of the earlier pointers): refuse them first. */
        if (w->wine && entries) walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    else if (flags != OBJREF_CUSTOM || !w->in_process)
        walk_fail(w, RPC_X_BAD_STUB_DATA);

    /* The interface the OBJREF says must be the one the parameter is. */
    if (format[1] == FC_CONSTANT_IID)
    {
        if (memcmp(&iid, format + 2, sizeof(iid))) walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    else walk_correlate(w, CORR_IID, format + 2, 0, 0, NULL, &iid);

    /* Last, what the bytes cannot say: is the object there? */
    if (flags == OBJREF_STANDARD && w->wine)
    {
        ULONGLONG oxid;
        memcpy(&oxid, o + OBJREF_HEADER + 8, sizeof(oxid));
        if (!wine_exporter_listening(oxid)) walk_fail(w, RPC_S_SERVER_UNAVAILABLE);
        if (w->request && oxid >> 32 == GetCurrentProcessId() && !wine_object_alive(o))
            walk_fail(w, (DWORD)CO_E_OBJNOTCONNECTED);
    }
}

void walk_interface_pointer(struct walker *w, PFORMAT_STRING format)
{
    ULONG size;

    if (!w->wine)
    {
        ULONG max;
        walk_align(w, 4);
        if (!walk_u32(w)) return;                  /* NULL */
        max = walk_u32(w);
        size = walk_u32(w);
        if (max != size) walk_fail(w, RPC_X_BAD_STUB_DATA);
    }
    else
    {
        /* NdrInterfacePointerUnmarshall: the size, unaligned, then the data */
        walk_need(w, 4);
        size = u32_at(w->pos);
        w->pos += 4;
    }
    walk_need(w, size);
    if (size) check_objref(w, w->pos, size, format);
    w->pos += size;
}

/* ---- BSTR: BSTR_UserUnmarshal ---- */

/* { len, byte_len, len2 } then len UTF-16 units; NULL is byte_len ~0. */
static void walk_bstr(struct walker *w)
{
    ULONG len, byte_len;

    walk_align(w, 4);
    walk_need(w, 12);
    len = u32_at(w->pos);
    byte_len = u32_at(w->pos + 4);
    if (u32_at(w->pos + 8) != len) walk_fail(w, RPC_X_BAD_STUB_DATA);
    if (byte_len == 0xffffffff ? len != 0 : len != byte_len / 2 + (byte_len & 1))
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    w->pos += 12;
    walk_need(w, 2 * (ULONGLONG)len);
    w->pos += 2 * len;
}

/* ---- SAFEARRAY: LPSAFEARRAY_UserUnmarshal, for the one kind a BITS
 * property carries: a one-dimensional array of bytes ---- */

#define SF_I1 VT_I1
#define FADF_AUTOSETFLAGS (FADF_HAVEIID | FADF_RECORD | FADF_HAVEVARTYPE | FADF_BSTR | FADF_UNKNOWN | \
                           FADF_DISPATCH | FADF_VARIANT)

static void walk_byte_safearray(struct walker *w)
{
    const unsigned char *p;
    ULONG cells, data;

    walk_align(w, 4);
    walk_need(w, 4);
    if (!u32_at(w->pos))
    {
        w->pos += 4;                /* a NULL array */
        return;
    }
    /* pointer, cDims, { cDims, fFeatures, cbElements, cLocks (vt above) },
     * union type, cell count, data pointer, one bound, conformance */
    walk_need(w, 4 + 4 + 12 + 12 + 8 + 4);
    p = w->pos;
    if (u32_at(p + 4) != 1 || u16_at(p + 8) != 1
        || (u16_at(p + 10) & ~FADF_AUTOSETFLAGS)             /* features Wine takes from the wire */
        || u32_at(p + 12) != 1                               /* cbElements */
        || (HIWORD(u32_at(p + 16)) != VT_UI1 && HIWORD(u32_at(p + 16)) != 0)
        || u32_at(p + 20) != SF_I1)
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    cells = u32_at(p + 24);
    data = u32_at(p + 28);
    if (u32_at(p + 32) != cells || u32_at(p + 40) != cells)  /* the bound's cElements, the conformance */
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    if (cells > NDR_CHECK_MAX_ARRAY_BYTES) walk_fail(w, RPC_S_INVALID_BOUND);
    w->pos += 44;
    if (data)
    {
        walk_need(w, cells);
        w->pos += cells;
    }
}

/* ---- VARIANT: VARIANT_UserUnmarshal ---- */

/* The wire size and alignment of an arm (get_type_size and
 * get_type_alignment), for the types a VARIANT may carry here. Others
 * (by reference, interfaces, records, nested variants, other arrays) are
 * refused. */
static BOOL variant_arm(VARTYPE vt, unsigned int *size, unsigned int *alignment)
{
    switch (vt)
    {
    case VT_EMPTY: case VT_NULL: *size = 0; break;
    case VT_I1: case VT_UI1: *size = 1; break;
    case VT_I2: case VT_UI2: case VT_BOOL: *size = 2; break;
    case VT_I4: case VT_UI4: case VT_INT: case VT_UINT: case VT_R4: case VT_ERROR: case VT_HRESULT:
    case VT_BSTR: case VT_ARRAY | VT_UI1: *size = 4; break;
    case VT_I8: case VT_UI8: case VT_R8: case VT_DATE: case VT_CY: *size = 8; break;
    case VT_DECIMAL: *size = sizeof(DECIMAL); break;
    default: return FALSE;
    }
    *alignment = !*size ? 1 : *size <= 4 ? *size : 8;
    return TRUE;
}

static void walk_variant(struct walker *w)
{
    const unsigned char *start;
    unsigned int size, alignment;
    ULONG expected_switch;
    VARTYPE vt;

    /* clSize, rpcReserved, vt, three reserved words, the union's switch */
    walk_align(w, 8);
    walk_need(w, 20);
    start = w->pos;
    vt = u16_at(start + 8);
    expected_switch = vt & VT_ARRAY ? vt & ~VT_TYPEMASK : vt;
    if (!variant_arm(vt, &size, &alignment) || u32_at(start + 16) != expected_switch)
        walk_fail(w, RPC_X_BAD_STUB_DATA);
    w->pos += 20;
    walk_align(w, alignment);
    walk_need(w, size);
    w->pos += size;
    if (vt == VT_BSTR) walk_bstr(w);
    else if (vt == (VT_ARRAY | VT_UI1)) walk_byte_safearray(w);
    /* clSize: the whole, data included, in 8-byte units */
    if (u32_at(start) != (ULONG)((w->pos - start + 7) >> 3)) walk_fail(w, RPC_X_BAD_STUB_DATA);
}

/* ---- NdrUserMarshalUnmarshall / NdrUserMarshalMemorySize ---- */

void walk_user_marshal(struct walker *w, PFORMAT_STRING format)
{
    const USER_MARSHAL_ROUTINE_QUADRUPLE *routines = &w->desc->aUserMarshalQuadruple[u16_at(format + 2)];
    void (*walk_data)(struct walker *);
    const unsigned char *saved = NULL;
    unsigned char flags = format[1];

    if (routines->pfnUnmarshall == (USER_MARSHAL_UNMARSHALLING_ROUTINE)BSTR_UserUnmarshal)
        walk_data = walk_bstr;
    else if (routines->pfnUnmarshall == (USER_MARSHAL_UNMARSHALLING_ROUTINE)VARIANT_UserUnmarshal)
        walk_data = walk_variant;
    else
        walk_fail(w, RPC_X_BAD_STUB_DATA);

    if (!(flags & USER_MARSHAL_POINTER))
    {
        walk_align(w, (flags & 0xf) + 1);
        if (!w->flat) walk_data(w);
        else
        {
            /* the memory-sizing pass skips the fixed wire size only */
            walk_need(w, u16_at(format + 6));
            w->pos += u16_at(format + 6);
        }
        return;
    }

    /* The pointer prefix in place, the data after it or at the mark. */
    walk_align(w, 4);
    walk_need(w, 4);
    if (u32_at(w->pos) != USER_MARSHAL_PREFIX) walk_fail(w, RPC_X_BAD_STUB_DATA);
    w->pos += 4;
    if (w->flat) return;
    if (w->mark)
    {
        saved = w->pos;
        w->pos = w->mark;
        w->mark = NULL;
    }
    walk_align(w, w->wine ? 8 : (flags & 0xf) + 1);
    walk_data(w);
    if (saved)
    {
        w->mark = w->pos;
        w->pos = saved;
    }
}
