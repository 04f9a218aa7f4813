/*
 * The OBJREFs of a case. Every interface pointer of a seed is a real
 * marshaled pointer of an object of this process (a peer), so that the
 * stub's or proxy's unmarshal finds it; each carries 5 references that a
 * refused message never consumes, so the fuzzer releases the seed's own
 * copy after every case (CoReleaseMarshalData on the unmutated bytes: it
 * releases what is left and is a clean no-op once the stub manager is gone).
 *
 * What mutated OBJREF fields do to combase (Wine 8, marshal.c and
 * stubmanager.c), and what is kept out:
 *   - this apartment's OXID and the OID of a live stub manager: combase
 *     hands out the object itself and then looks the IPID up with
 *     assert(ifstub): an IPID it does not know ends the process. That one
 *     state is rewritten here (the IPID restored to the one that belongs
 *     to the OID, or the OID moved to one never given out) and counted;
 *     tests/fuzz/README.md has the reproducer. Whether an OID is live is
 *     asked without side effects: CoReleaseMarshalData of that OID with
 *     no references and an IPID of zeros.
 *   - this apartment's OXID and an OID with no stub manager: the DLL's
 *     checker refuses it (CO_E_OBJNOTCONNECTED). Left as is, unless it
 *     names another interface pointer's object (keep_apart).
 *   - another OXID: without an endpoint the checker refuses it; when
 *     another process of the prefix has that apartment, the call would go
 *     to that process and could block on it: such an OXID is put back.
 */
#include <stdio.h>
#include <stdlib.h>
#include "fuzz.h"
#include "wire/wire_objref.h"

#define OBJREF_SIGNATURE 0x574f454du    /* 'MEOW' */
#define OBJREF_LEN 68                   /* OBJREF_STANDARD with an empty resolver address */
#define AT_OXID 32
#define AT_OID 40
#define AT_IPID 48
#define DEAD_OID 0xfffffffffffff000ull  /* Wine counts OIDs up from 1: never given out */

static ULONGLONG our_oxid;
BOOL objrefs_unguarded;

static ULONG get_u32(const unsigned char *p) { ULONG v; memcpy(&v, p, 4); return v; }
static ULONGLONG get_u64(const unsigned char *p) { ULONGLONG v; memcpy(&v, p, 8); return v; }

void objrefs_keep(struct case_objrefs *o, const struct wire_bytes *seed)
{
    unsigned int i;
    memset(o, 0, sizeof(*o));
    for (i = 0; i < seed->objrefs && i < CASE_OBJREFS; i++)
    {
        o->len[i] = seed->objref_len[i];
        o->offset[i] = seed->objref_offset[i];
        o->data[i] = malloc(o->len[i]);
        memcpy(o->data[i], seed->data + seed->objref_offset[i], o->len[i]);
        if (o->len[i] >= OBJREF_LEN) our_oxid = get_u64(o->data[i] + AT_OXID);
        o->count++;
    }
}

void objrefs_release(struct case_objrefs *o)
{
    unsigned int i;
    for (i = 0; i < o->count; i++) release_objref(o->data[i], o->len[i]);
}

void objrefs_free(struct case_objrefs *o)
{
    unsigned int i;
    for (i = 0; i < o->count; i++) free(o->data[i]);
    o->count = 0;
}

/* Is there a stub manager for oid in this apartment? */
static BOOL oid_alive(ULONGLONG oid)
{
    unsigned char probe[OBJREF_LEN] = {0};
    ULONG signature = OBJREF_SIGNATURE, flags = 1;   /* OBJREF_STANDARD */
    memcpy(probe, &signature, 4);
    memcpy(probe + 4, &flags, 4);
    memcpy(probe + 8, &IID_IUnknown, 16);
    memcpy(probe + AT_OXID, &our_oxid, 8);
    memcpy(probe + AT_OID, &oid, 8);
    /* cPublicRefs 0 and an IPID of zeros: nothing to release, whatever exists */
    return release_objref(probe, sizeof(probe)) == S_OK;
}

/* Does another process of this prefix serve that apartment? */
static BOOL endpoint_exists(ULONGLONG oxid)
{
    WCHAR name[64];
    /* combase's endpoint \pipe\OLE_<oxid> under rpcrt4's ncalrpc prefix */
    swprintf(name, ARRAYSIZE(name), L"\\\\.\\pipe\\lrpc\\\\pipe\\OLE_%016I64x", oxid);
    return WaitNamedPipeW(name, 1) || GetLastError() != ERROR_FILE_NOT_FOUND;
}

/* The seed OBJREF that owns oid, or -1. */
static int seed_with_oid(const struct case_objrefs *o, ULONGLONG oid)
{
    unsigned int i;
    for (i = 0; i < o->count; i++)
        if (o->len[i] >= OBJREF_LEN && get_u64(o->data[i] + AT_OID) == oid) return i;
    return -1;
}

/* Would combase abort on the OBJREF at p? Its OXID is this apartment's, its
 * OID has a stub manager, and its IPID is not one the fuzzer knows for it. */
static BOOL aborts(const unsigned char *p, const struct case_objrefs *o)
{
    ULONGLONG oid = get_u64(p + AT_OID);
    int owner;
    if (get_u64(p + AT_OXID) != our_oxid) return FALSE;
    if ((owner = seed_with_oid(o, oid)) >= 0) return memcmp(p + AT_IPID, o->data[owner] + AT_IPID, 16) != 0;
    return oid_alive(oid);
}

/* Writes n bytes at offset at of the OBJREF, as far as the message goes
 * (the view, which combase reads, holds them all). */
static void put(unsigned char *msg, size_t len, unsigned char *view, size_t base, size_t at, const void *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
    {
        view[base + at + i] = ((const unsigned char *)v)[i];
        if (base + at + i < len) msg[base + at + i] = ((const unsigned char *)v)[i];
    }
}

/* Makes the OBJREF at base safe by changing bytes of the message only:
 * the IPID put back, else the OID made one nobody has, else the OXID made
 * another apartment's. */
static BOOL make_safe_at(unsigned char *msg, size_t len, unsigned char *view, size_t base,
                         const struct case_objrefs *o)
{
    unsigned char *p = view + base;
    ULONGLONG oxid = get_u64(p + AT_OXID);
    int owner;

    if (oxid != our_oxid)
    {
        /* another apartment: harmless unless another process serves it */
        if (!oxid || !endpoint_exists(oxid) || base + AT_OXID + 8 > len) return FALSE;
        put(msg, len, view, base, AT_OXID, &our_oxid, 8);
        if (!aborts(p, o)) return TRUE;
    }
    else if (!aborts(p, o)) return FALSE;
    owner = seed_with_oid(o, get_u64(p + AT_OID));
    if (owner >= 0 && base + AT_IPID + 16 <= len)
    {
        put(msg, len, view, base, AT_IPID, o->data[owner] + AT_IPID, 16);
        return TRUE;
    }
    if (base + AT_OID < len)
    {
        ULONGLONG dead = DEAD_OID;
        put(msg, len, view, base, AT_OID, &dead, 8);
        if (!aborts(p, o)) return TRUE;
    }
    if (base + AT_OXID < len)
    {
        unsigned char other = p[AT_OXID] ^ 0x5a;
        put(msg, len, view, base, AT_OXID, &other, 1);
        if (get_u64(p + AT_OXID) != our_oxid && !endpoint_exists(get_u64(p + AT_OXID))) return TRUE;
    }
    /* nothing in the message to change: it must not be sent */
    return FALSE;
}

/* An interface pointer of a message naming another pointer's object of
 * this apartment: the first of the two unmarshalled consumes the references
 * its OBJREF claims, which may be all that combase holds for the object,
 * and the second then finds it gone (CO_E_OBJNOTCONNECTED) after the first
 * was unmarshalled, which Wine's NdrStubCall2 never releases. The checker
 * refuses an OBJREF of this process whose object is gone, but when it looks
 * both are there: a state of combase the bytes do not show. Its OID and
 * IPID are put back to its own seed's. */
static BOOL keep_apart(unsigned char *msg, size_t len, unsigned char *view, size_t base, unsigned int index,
                       const struct case_objrefs *o)
{
    const unsigned char *p = view + base;
    int owner;

    if (index >= o->count || o->len[index] < OBJREF_LEN || get_u64(p + AT_OXID) != our_oxid) return FALSE;
    owner = seed_with_oid(o, get_u64(p + AT_OID));
    if (owner < 0 || owner == (int)index) return FALSE;
    put(msg, len, view, base, AT_OID, o->data[index] + AT_OID, 8);
    put(msg, len, view, base, AT_IPID, o->data[index] + AT_IPID, 16);
    return TRUE;
}

unsigned int objrefs_make_safe(unsigned char *bytes, size_t len, const struct case_objrefs *o)
{
    /* What combase reads: the message and the zeros that pad its buffer
     * to a multiple of 8, up to the no-access page (RpcStream reads as far
     * as ulCntData says, past the end of the message). */
    size_t span = (len + 7) & ~(size_t)7, at;
    unsigned char *view;
    unsigned int changed = 0, index = 0;

    if (!o->count || objrefs_unguarded) return 0;
    view = calloc(1, span + 1);
    memcpy(view, bytes, len);
    for (at = 0; at + AT_IPID + 16 <= span; at++)
    {
        if (get_u32(view + at) != OBJREF_SIGNATURE || !(get_u32(view + at + 4) & 1)) continue;
        if (keep_apart(bytes, len, view, at, index++, o)) changed++;
        if (make_safe_at(bytes, len, view, at, o)) changed++;
    }
    free(view);
    return changed;
}

int objrefs_retyped(const unsigned char *bytes, size_t len, const struct case_objrefs *o, IID *iid)
{
    unsigned int i;
    for (i = 0; i < o->count; i++)
    {
        const unsigned char *p = bytes + o->offset[i];
        if (o->offset[i] + AT_IPID + 16 > len || o->len[i] < OBJREF_LEN) continue;
        /* read only as far as its ulCntData (Wine's layout) says: 0 is a NULL pointer */
        if (o->offset[i] < 4 || get_u32(p - 4) < OBJREF_LEN) continue;
        if (get_u32(p) != OBJREF_SIGNATURE || !(get_u32(p + 4) & 1)) continue;
        if (!memcmp(p + 8, o->data[i] + 8, 16)) continue;
        /* the same object, named for another interface */
        if (memcmp(p + AT_OXID, o->data[i] + AT_OXID, 8 + 8 + 16)) continue;
        memcpy(iid, p + 8, sizeof(*iid));
        return i;
    }
    return -1;
}

void objrefs_release_found(const unsigned char *bytes, size_t len)
{
    size_t at;
    for (at = 0; at + OBJREF_LEN <= len; at += 4)
    {
        if (get_u32(bytes + at) != OBJREF_SIGNATURE || !(get_u32(bytes + at + 4) & 1)) continue;
        release_objref(bytes + at, (ULONG)(len - at));
    }
}
