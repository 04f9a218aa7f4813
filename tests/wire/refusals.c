/*
 * Hostile bytes, by hand: requests a stub must refuse before its server
 * object sees anything, and replies a proxy must refuse before it writes
 * into its caller's memory, each with the exact HRESULT. Every refused
 * message has a twin that differs in the field under test only and must
 * go through: so a refusal can only come from that field. Byte layouts are
 * the NDR rules of README.md (Wine's dialect where the runtime's shows:
 * user-marshal pointees aligned to 8; the messages here carry no
 * interface pointer but NULL ones, whose bytes both dialects share).
 * argv[1]: the interface table (TSV).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "testutil.h"
#include "com_helpers.h"
#include "recording_channel.h"
#include "recording_server.h"

#define BAD_STUB_DATA HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA)
#define INVALID_BOUND HRESULT_FROM_WIN32(RPC_S_INVALID_BOUND)
#define ENUM_RANGE HRESULT_FROM_WIN32(RPC_X_ENUM_VALUE_OUT_OF_RANGE)
#define INVALID_TAG HRESULT_FROM_WIN32(RPC_S_INVALID_TAG)
#define PROCNUM HRESULT_FROM_WIN32(RPC_S_PROCNUM_OUT_OF_RANGE)
#define SERVER_UNAVAILABLE HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE)
#define OBJ_NOT_CONNECTED CO_E_OBJNOTCONNECTED

static struct table_row rows[64];
static unsigned int row_count;

/* The vtable slot of a method, from the interface table. */
static BOOL find_method(const char *iface, const char *method, const struct table_row **row, unsigned int *slot)
{
    unsigned int i, own = 0, index = 0;
    const char *p;

    for (i = 0; i < row_count && strcmp(rows[i].name, iface); i++) ;
    if (i == row_count) return FALSE;
    *row = &rows[i];
    for (p = rows[i].methods; *p; own++)
    {
        size_t len = strcspn(p, ",");
        if (!strncmp(p, method, strlen(method)) && (p[strlen(method)] == ',' || p[strlen(method)] == '['
                                                  || !p[strlen(method)]))
            index = own + 1;
        p += len;
        if (*p == ',') p++;
    }
    if (!index) return FALSE;
    *slot = rows[i].slots - own + index - 1;
    return TRUE;
}

static ULONGLONG own_oxid;

/* The OXID of this apartment, which the marshaling makes reachable. */
static ULONGLONG apartment_oxid(void)
{
    struct counted_unknown object;
    ULONGLONG oxid = 0;
    IStream *stream;
    HGLOBAL memory;

    counted_unknown_init(&object);
    if (FAILED(CreateStreamOnHGlobal(NULL, TRUE, &stream))) return 0;
    if (SUCCEEDED(CoMarshalInterface(stream, &IID_IUnknown, &object.IUnknown_iface, MSHCTX_LOCAL, NULL,
                                     MSHLFLAGS_NORMAL)))
    {
        LARGE_INTEGER zero = { { 0 } };
        const unsigned char *objref;
        GetHGlobalFromStream(stream, &memory);
        objref = GlobalLock(memory);
        memcpy(&oxid, objref + 32, sizeof(oxid));       /* MEOW, flags, IID, STDOBJREF flags and refs */
        GlobalUnlock(memory);
        IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
        CoReleaseMarshalData(stream);
    }
    IStream_Release(stream);
    return oxid;
}

static size_t parse_hex(const char *hex, unsigned char *out, size_t max)
{
    size_t n = 0;
    while (*hex && n < max)
    {
        unsigned int byte;
        if (*hex == ' ') { hex++; continue; }
        if (!strncmp(hex, "OXID", 4) && n + 8 <= max)
        {
            memcpy(out + n, &own_oxid, 8);
            n += 8;
            hex += 4;
            continue;
        }
        if (sscanf(hex, "%2x", &byte) != 1) break;
        out[n++] = byte;
        hex += 2;
    }
    return n;
}

/* ---- requests ---- */

struct request_case
{
    const char *iface, *method;
    const char *good;                   /* reaches the server object */
    const char *bad;                    /* refused with hr */
    HRESULT hr;
    const char *why;
};

/* A standard OBJREF (68 bytes: MEOW, flags, IID, STDOBJREF, an empty
 * resolver address), with the flags and IID given. */
/* OXID in the bytes stands for the OXID of the test's own apartment, which
 * has an endpoint (under Wine the checker wants the exporter reachable). */
#define OBJREF(flags, iid) "44000000 4d454f57 " flags " " iid \
    " 00000000 05000000 OXID 0000000000000000 00000000000000000000000000000000 00000000"
/* A standard OBJREF for IUnknown with the STDOBJREF's flags, cPublicRefs
 * and OXID given, and its resolver address (ulCntData: 68 + extra bytes). */
#define STD_OBJREF(size, sorf, refs, oxid, address) size " 4d454f57 01000000 " IID_UNKNOWN " " sorf " " refs \
    " " oxid " 0000000000000000 00000000000000000000000000000000 " address
#define IID_UNKNOWN "00000000 0000 0000 c000000000000046"
#define IID_JOB "378d6637 7e50 6041 931626306d150b12"

static const struct request_case request_cases[] =
{
    /* Next: celt sizes the [out] array the stub allocates before the call */
    { "IEnumBackgroundCopyFiles", "Next", "01000000 00000200 00000000", "01000020 00000200 00000000", INVALID_BOUND,
      "celt 0x20000001: 8 * celt wraps in 32 bits (the [out] array would be 8 bytes)" },
    { "IEnumBackgroundCopyFiles", "Next", "01000000 00000200 00000000", "ffffff1f 00000200 00000000", INVALID_BOUND,
      "celt 0x1fffffff: a 4 GiB [out] array from a 12-byte request" },
    { "IEnumBackgroundCopyFiles", "Next", "01000000 00000200 00000000", "01008000 00000200 00000000", INVALID_BOUND,
      "celt 8,388,609: one pointer over the 64 MiB bound" },
    { "IEnumBackgroundCopyFiles", "Next", "01000000 00000200 00000000", "03000000 00000200", BAD_STUB_DATA,
      "pceltFetched's referent without its value" },
    { "IEnumBackgroundCopyJobs", "Next", "01000000 00000200 00000000", "01000020 00000200 00000000", INVALID_BOUND,
      "celt 0x20000001" },
    { "IEnumBitsPeerCacheRecords", "Next", "01000000 00000200 00000000", "01000020 00000200 00000000", INVALID_BOUND,
      "celt 0x20000001" },
    { "IEnumBitsPeers", "Next", "01000000 00000200 00000000", "01000020 00000200 00000000", INVALID_BOUND,
      "celt 0x20000001" },
    { "IEnumBackgroundCopyJobs1", "Next", "01000000", "01004000", INVALID_BOUND,
      "celt 0x400001: 16 * celt over the 64 MiB bound" },
    { "IEnumBackgroundCopyGroups", "Next", "01000000", "01000010", INVALID_BOUND,
      "celt 0x10000001: 16 * celt wraps in 32 bits" },

    /* enum16 parameters */
    { "IBackgroundCopyJob", "SetPriority", "0200", "", BAD_STUB_DATA, "an empty request" },
    { "IBackgroundCopyJob", "SetPriority", "0200", "0080", ENUM_RANGE, "0x8000 is no enum16" },
    { "IBackgroundCopyJob", "SetPriority", "0200", "02", BAD_STUB_DATA, "one byte of two" },

    /* size_is against the count parameter */
    { "IBackgroundCopyJob", "AddFileSet",
      "01000000 01000000 00000200 04000200 02000000 00000000 02000000 61000000 02000000 00000000 02000000 62000000",
      "02000000 01000000 00000200 04000200 02000000 00000000 02000000 61000000 02000000 00000000 02000000 62000000",
      INVALID_BOUND, "cFileCount 2, one BG_FILE_INFO on the wire" },
    { "IBackgroundCopyJob", "AddFileSet",
      "01000000 01000000 00000200 04000200 02000000 00000000 02000000 61000000 02000000 00000000 02000000 62000000",
      "ffffffff 01000000 00000200 04000200 02000000 00000000 02000000 61000000 02000000 00000000 02000000 62000000",
      INVALID_BOUND, "cFileCount 0xffffffff" },
    { "IBackgroundCopyJob1", "AddFiles",
      "01000000 01000000 00000200 55736572 55736572 07000000 "
      "02000000 04000000 02000000 61006200 01000000 02000000 01000000 6300",
      "ffffffff 01000000 00000200 55736572 55736572 07000000 "
      "02000000 04000000 02000000 61006200 01000000 02000000 01000000 6300",
      INVALID_BOUND, "cFileCount 0xffffffff, one FILESETINFO" },
    { "IBackgroundCopyJob3", "AddFileWithRanges",
      "02000000 00000000 02000000 61000000 02000000 00000000 02000000 62000000 "
      "01000000 01000000 0000000000000000 1000000000000000",
      "02000000 00000000 02000000 61000000 02000000 00000000 02000000 62000000 "
      "02000000 01000000 0000000000000000 1000000000000000",
      INVALID_BOUND, "RangeCount 2, one range on the wire" },
    { "IBackgroundCopyFile6", "RequestFileRanges",
      "01000000 01000000 0000000000000000 1000000000000000",
      "02000000 01000000 0000000000000000 1000000000000000", INVALID_BOUND, "rangeCount 2, one range" },
    { "IBackgroundCopyCallback3", "FileRangesTransferred",
      "00000000 00000000 01000000 01000000 0000000000000000 1000000000000000",
      "00000000 00000000 05000000 01000000 0000000000000000 1000000000000000", INVALID_BOUND,
      "rangeCount 5, one range" },
    { "IBackgroundCopyServerCertificateValidationCallback", "ValidateServerCertificate",
      "00000000 00000000 02000000 02000000 01020000 01000000 01000000 01000000 03",
      "00000000 00000000 03000000 02000000 01020000 01000000 01000000 01000000 03", INVALID_BOUND,
      "certLength 3, two bytes of certData" },
    { "IBackgroundCopyServerCertificateValidationCallback", "ValidateServerCertificate",
      "00000000 00000000 02000000 02000000 01020000 01000000 01000000 01000000 03",
      "00000000 00000000 02000000 02000000 01020000 01000000 09000000 01000000 03", INVALID_BOUND,
      "certStoreLength 9, one byte of certStoreData" },

    /* unions: the arm is the discriminant's, the discriminant the parameter's */
    { "IBackgroundCopyJob5", "SetProperty", "0500 0500 00000000 0000004000000000", "0500 0300 01000000",
      BAD_STUB_DATA, "PropertyId 5 with the arm of 3" },
    { "IBackgroundCopyJob5", "SetProperty", "0500 0500 00000000 0000004000000000", "0e00 0e00 00000000",
      INVALID_TAG, "PropertyId 14: no arm" },
    { "IBackgroundCopyJob5", "SetProperty", "0500 0500 00000000 0000004000000000", "0500 0500 00000000 00000040",
      BAD_STUB_DATA, "the UINT64 arm cut short" },

    /* strings */
    { "IBackgroundCopyJob", "SetDisplayName", "03000000 00000000 03000000 61006200 0000",
      "03000000 00000000 03000000 61006200 6300", INVALID_BOUND, "no terminating NUL" },
    { "IBackgroundCopyJob", "SetDisplayName", "03000000 00000000 03000000 61006200 0000",
      "04000000 00000000 03000000 61006200 0000", INVALID_BOUND, "max count 4, actual count 3" },
    { "IBackgroundCopyJob", "SetDisplayName", "03000000 00000000 03000000 61006200 0000",
      "03000000 01000000 02000000 6200 0000", INVALID_BOUND, "offset 1" },
    { "IBackgroundCopyJob", "SetDisplayName", "03000000 00000000 03000000 61006200 0000",
      "ffffff7f 00000000 ffffff7f 0000", INVALID_BOUND, "a string of 4 GiB in a 14-byte request" },
    { "IBackgroundCopyJob", "SetDisplayName", "03000000 00000000 03000000 61006200 0000",
      "00100000 00000000 00100000 0000", BAD_STUB_DATA, "a string of 4,096 characters, 1 on the wire" },

    /* interface pointers: what combase would read */
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000", "44000000 4d454f57 01000000", BAD_STUB_DATA,
      "ulCntData 68, 8 bytes follow" },
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000", OBJREF("01000000", IID_JOB), BAD_STUB_DATA,
      "an OBJREF of IBackgroundCopyJob for an IUnknown parameter" },
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000", OBJREF("04000000", IID_UNKNOWN), BAD_STUB_DATA,
      "a custom OBJREF from another process (combase would create its class)" },
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000", OBJREF("02000000", IID_UNKNOWN), BAD_STUB_DATA,
      "a handler OBJREF" },
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000", STD_OBJREF("44000000", "20000000", "05000000", "OXID", "00000000"),
      BAD_STUB_DATA, "STDOBJREF flags 0x20 (Wine's private no-lifetime-management bit)" },
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000", STD_OBJREF("44000000", "00000000", "00000000", "OXID", "00000000"),
      BAD_STUB_DATA, "no public reference handed over (combase would ask the exporter for one)" },
    /* Wine's rule: its combase writes no resolver bindings and cannot use any */
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000",
      STD_OBJREF("48000000", "00000000", "05000000", "OXID", "0200 0000 0000 0000"), BAD_STUB_DATA,
      "a resolver address with two entries" },
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000",
      STD_OBJREF("44000000", "00000000", "05000000", "efcdab8967452301", "00000000"), SERVER_UNAVAILABLE,
      "an exporter nobody listens for (Wine's combase would make a proxy that leaks on its first call)" },
    { "IBackgroundCopyJob", "SetNotifyInterface", "00000000", OBJREF("01000000", IID_UNKNOWN), OBJ_NOT_CONNECTED,
      "an object of this apartment that is gone (Wine's engine would leak what it unmarshalled)" },

    /* VARIANT and the BSTR and SAFEARRAY inside one (oleaut32 reads them
     * with no end of buffer) */
    { "IBackgroundCopyGroup", "SetProp",
      "0b000000 55736572 05000000 00000000 0800 0000 0000 0000 08000000 00000200 01000000 02000000 01000000 6100",
      "0b000000 55736572 05000000 00000000 0800 0000 0000 0000 08000000 00000200 01000000 02000000 02000000 6100",
      BAD_STUB_DATA, "a BSTR whose two lengths differ" },
    { "IBackgroundCopyGroup", "SetProp",
      "0b000000 55736572 05000000 00000000 0800 0000 0000 0000 08000000 00000200 01000000 02000000 01000000 6100",
      "0b000000 55736572 ffffffff 00000000 0800 0000 0000 0000 08000000 00000200 01000000 02000000 01000000 6100",
      BAD_STUB_DATA, "a VARIANT whose clSize (0xffffffff) is not its size (5)" },
    { "IBackgroundCopyGroup", "SetProp",
      "0b000000 55736572 05000000 00000000 0800 0000 0000 0000 08000000 00000200 01000000 02000000 01000000 6100",
      "0b000000 55736572 05000000 00000000 0800 0000 0000 0000 08000000 00000200 40000000 80000000 40000000 6100",
      BAD_STUB_DATA, "a BSTR of 64 characters, 1 on the wire" },
    { "IBackgroundCopyGroup", "SetProp",
      "0b000000 55736572 05000000 00000000 0800 0000 0000 0000 08000000 00000200 01000000 02000000 01000000 6100",
      "0b000000 55736572 08000000 00000000 0d00 0000 0000 0000 0d000000 00000200", BAD_STUB_DATA,
      "VT_UNKNOWN in a property" },
    { "IBackgroundCopyGroup", "SetProp",
      "0500 0000 55736572 09000000 00000000 1120 0000 0000 0000 00200000 00000200 "
      "00000200 01000000 0100 8000 01000000 00001100 10000000 04000000 00000200 04000000 00000000 04000000 01020304",
      "0500 0000 55736572 09000000 00000000 1120 0000 0000 0000 00200000 00000200 "
      "00000200 01000000 0100 8000 01000000 00001100 10000000 04000000 00000200 04000000 00000000 03000000 01020304",
      BAD_STUB_DATA, "a byte SAFEARRAY whose conformance (3) disagrees with its bound (4)" },
    { "IBackgroundCopyGroup", "SetProp",
      "0500 0000 55736572 09000000 00000000 1120 0000 0000 0000 00200000 00000200 "
      "00000200 01000000 0100 8000 01000000 00001100 10000000 04000000 00000200 04000000 00000000 04000000 01020304",
      "0500 0000 55736572 09000000 00000000 1120 0000 0000 0000 00200000 00000200 "
      "00000200 01000000 0100 8000 01000000 00001100 10000000 ffffff0f 00000200 ffffff0f 00000000 ffffff0f 01020304",
      INVALID_BOUND, "a byte SAFEARRAY of 256 MiB in a 76-byte request" },
};

static HRESULT reached(struct recording_server *server, unsigned int slot, const UINT_PTR *args)
{
    return S_FALSE;
}

static void check_request_case(const struct request_case *c, IPSFactoryBuffer *factory)
{
    unsigned char good[512], bad[512];
    size_t good_len = parse_hex(c->good, good, sizeof(good)), bad_len = parse_hex(c->bad, bad, sizeof(bad));
    struct recording_channel channel;
    struct recording_server server;
    const struct table_row *row;
    IRpcStubBuffer *stub;
    unsigned int slot;
    HRESULT hr;

    if (!find_method(c->iface, c->method, &row, &slot))
    {
        ok(0, "%s::%s: not in the table", c->iface, c->method);
        return;
    }
    recording_server_init(&server);
    server.handler = reached;
    recording_channel_init(&channel);
    hr = IPSFactoryBuffer_CreateStub(factory, &row->iid, &server.IUnknown_iface, &stub);
    if (FAILED(hr))
    {
        ok(0, "%s: CreateStub %#lx", c->iface, hr);
        return;
    }

    hr = recording_stub_invoke(stub, &channel, slot, good, good_len);
    ok(hr == S_OK && server.calls == 1 && server.last_slot == slot,
       "%s::%s, %u good bytes: served (Invoke %#lx, server calls %u)", c->iface, c->method, (unsigned int)good_len, hr, server.calls);
    recording_channel_reset(&channel);

    server.calls = 0;
    hr = recording_stub_invoke(stub, &channel, slot, bad, bad_len);
    /* refused: nothing reached the server, and no reply but an empty buffer */
    ok(hr == c->hr && server.calls == 0 && channel.gets <= 1 && !channel.stub_reply_asked,
       "%s::%s refuses %s: %#lx (want %#lx), server calls %u, reply bytes asked %lu", c->iface, c->method, c->why,
       hr, c->hr, server.calls, channel.stub_reply_asked);

    IRpcStubBuffer_Disconnect(stub);
    IRpcStubBuffer_Release(stub);
    recording_channel_reset(&channel);
    ok(server.ref == 1, "%s::%s: server object back to one reference (%ld)", c->iface, c->method, server.ref);
}

/* A method number the interface does not have never reaches the engine. */
static void check_method_numbers(IPSFactoryBuffer *factory)
{
    static const unsigned int methods[] = { 0, 1, 2, 8, 0xffff, 0xffffffff };
    struct recording_channel channel;
    struct recording_server server;
    const struct table_row *row;
    IRpcStubBuffer *stub;
    unsigned int i, slot;

    find_method("IEnumBackgroundCopyFiles", "GetCount", &row, &slot);
    recording_server_init(&server);
    recording_channel_init(&channel);
    if (FAILED(IPSFactoryBuffer_CreateStub(factory, &row->iid, &server.IUnknown_iface, &stub))) return;
    for (i = 0; i < ARRAYSIZE(methods); i++)
    {
        HRESULT hr = recording_stub_invoke(stub, &channel, methods[i], (const unsigned char *)"", 0);
        ok(hr == PROCNUM && !server.calls, "IEnumBackgroundCopyFiles method %u (of 8): %#lx", methods[i], hr);
    }
    IRpcStubBuffer_Release(stub);
    recording_channel_reset(&channel);
}

/* ---- replies ---- */

#define CANARY 0xcc

struct reply_case
{
    const char *iface, *method;
    HRESULT (*call)(IUnknown *proxy, unsigned char *canaried);
    const char *good;                   /* the proxy returns its HRESULT (S_FALSE) */
    const char *bad;
    HRESULT hr;
    const char *why;
};

/* The caller's memory: 64 bytes for the [out] data, then canaries. */
static HRESULT call_groups_next2(IUnknown *p, unsigned char *mem)
{
    ULONG *fetched = (ULONG *)(mem + 32);
    return IEnumBackgroundCopyGroups_Next((IEnumBackgroundCopyGroups *)p, 2, (GUID *)mem, fetched);
}

static HRESULT call_files_next1(IUnknown *p, unsigned char *mem)
{
    return IEnumBackgroundCopyFiles_Next((IEnumBackgroundCopyFiles *)p, 1, (IBackgroundCopyFile **)mem,
                                         (ULONG *)(mem + 8));
}

static HRESULT call_get_reply_data(IUnknown *p, unsigned char *mem)
{
    *(UINT64 *)(mem + 8) = 16;
    return IBackgroundCopyJob2_GetReplyData((IBackgroundCopyJob2 *)p, (byte **)mem, (UINT64 *)(mem + 8));
}

static HRESULT call_file2_ranges(IUnknown *p, unsigned char *mem)
{
    *(DWORD *)mem = 0;
    return IBackgroundCopyFile2_GetFileRanges((IBackgroundCopyFile2 *)p, (DWORD *)mem, (BG_FILE_RANGE **)(mem + 8));
}

static HRESULT call_file6_filled(IUnknown *p, unsigned char *mem)
{
    return IBackgroundCopyFile6_GetFilledFileRanges((IBackgroundCopyFile6 *)p, (DWORD *)mem,
                                                    (BG_FILE_RANGE **)(mem + 8));
}

static HRESULT call_client_certificate(IUnknown *p, unsigned char *mem)
{
    return IBackgroundCopyJobHttpOptions_GetClientCertificate((IBackgroundCopyJobHttpOptions *)p,
        (BG_CERT_STORE_LOCATION *)mem, (LPWSTR *)(mem + 8), (byte **)(mem + 16), (LPWSTR *)(mem + 24));
}

static HRESULT call_get_count(IUnknown *p, unsigned char *mem)
{
    return IEnumBackgroundCopyFiles_GetCount((IEnumBackgroundCopyFiles *)p, (ULONG *)mem);
}

static HRESULT call_query_new_job(IUnknown *p, unsigned char *mem)
{
    return IBackgroundCopyGroup_QueryNewJobInterface((IBackgroundCopyGroup *)p, &IID_IBackgroundCopyJob,
                                                     (IUnknown **)mem);
}

static HRESULT call_clone(IUnknown *p, unsigned char *mem)
{
    return IEnumBackgroundCopyFiles_Clone((IEnumBackgroundCopyFiles *)p, (IEnumBackgroundCopyFiles **)mem);
}

#define GUIDS2 "11111111 1111 1111 1111111111111111 22222222 2222 2222 2222222222222222"
#define GUIDS8 GUIDS2 " " GUIDS2 " " GUIDS2 " " GUIDS2

static const struct reply_case reply_cases[] =
{
    { "IEnumBackgroundCopyGroups", "Next", call_groups_next2,
      "02000000 00000000 02000000 " GUIDS2 " 02000000 01000000",
      "08000000 00000000 08000000 " GUIDS8 " 08000000 01000000", INVALID_BOUND,
      "an array of 8 GUIDs for the caller's 2" },
    { "IEnumBackgroundCopyGroups", "Next", call_groups_next2,
      "02000000 00000000 02000000 " GUIDS2 " 02000000 01000000",
      "02000000 ffffffff 01000000 " "11111111 1111 1111 1111111111111111" " 01000000 01000000", INVALID_BOUND,
      "offset 0xffffffff: offset + count wraps in 32 bits" },
    { "IEnumBackgroundCopyGroups", "Next", call_groups_next2,
      "02000000 00000000 02000000 " GUIDS2 " 02000000 01000000",
      "02000000 00000000 02000000 " GUIDS2 " 01000000 01000000", INVALID_BOUND,
      "2 GUIDs, *pceltFetched 1" },
    { "IEnumBackgroundCopyFiles", "Next", call_files_next1,
      "01000000 00000000 00000000 00000200 00000000 01000000",
      "01000000 00000000 01000000 44000000 4d454f57 00000200 01000000 01000000", BAD_STUB_DATA,
      "an interface pointer of 68 bytes, 4 on the wire" },
    { "IEnumBackgroundCopyFiles", "Next", call_files_next1,
      "01000000 00000000 00000000 00000200 00000000 01000000",
      "01000000 00000000 00000000 00000200 01000000 01000000", INVALID_BOUND,
      "no element, *pceltFetched 1" },
    { "IBackgroundCopyJob2", "GetReplyData", call_get_reply_data,
      "00000200 04000000 61626364 00000200 04000000 00000000 01000000",
      "00000200 04000000 61626364 00000000 01000000", INVALID_BOUND,
      "4 bytes of reply and no length (a NULL pLength counts 0)" },
    { "IBackgroundCopyJob2", "GetReplyData", call_get_reply_data,
      "00000200 04000000 61626364 00000200 04000000 00000000 01000000",
      "00000200 04000000 61626364 00000200 00000001 00000000 01000000", INVALID_BOUND,
      "4 bytes of reply, length 2^24" },
    { "IBackgroundCopyFile2", "GetFileRanges", call_file2_ranges,
      "00000200 01000000 00000200 01000000 0000000000000000 1000000000000000 01000000",
      "00000200 01000000 00000200 02000000 0000000000000000 1000000000000000 "
      "2000000000000000 1000000000000000 01000000", INVALID_BOUND,
      "RangeCount 1, an array of 2" },
    { "IBackgroundCopyFile6", "GetFilledFileRanges", call_file6_filled,
      "01000000 00000200 01000000 00000000 0000000000000000 1000000000000000 01000000",
      "01000000 00000200 00001000 00000000 0000000000000000 1000000000000000 01000000", BAD_STUB_DATA,
      "an array of 2^20 ranges, 1 on the wire" },
    { "IBackgroundCopyJobHttpOptions", "GetClientCertificate", call_client_certificate,
      "0100 0000 00000000 00000200 14000000 0102030405060708090a0b0c0d0e0f1011121314 00000000 01000000",
      "0100 0000 00000000 00000200 15000000 0102030405060708090a0b0c0d0e0f101112131415 000000 00000000 01000000",
      INVALID_BOUND, "a certificate hash of 21 bytes (always 20)" },
    { "IEnumBackgroundCopyFiles", "GetCount", call_get_count, "08000000 01000000", "08000000 0100",
      BAD_STUB_DATA, "the HRESULT cut short" },
    { "IBackgroundCopyGroup", "QueryNewJobInterface", call_query_new_job, "00000000 01000000",
      OBJREF("01000000", IID_UNKNOWN) " 01000000", BAD_STUB_DATA,
      "an IUnknown OBJREF where iid_is names IBackgroundCopyJob" },
    { "IEnumBackgroundCopyFiles", "Clone", call_clone, "00000000 01000000",
      OBJREF("01000000", IID_JOB) " 01000000", BAD_STUB_DATA, "an IBackgroundCopyJob OBJREF from Clone" },
};

static unsigned int canary_damage(const unsigned char *mem)
{
    unsigned int i, n = 0;
    for (i = 64; i < 256; i++) if (mem[i] != CANARY) n++;
    return n;
}

static void free_outs(const struct reply_case *c, unsigned char *mem)
{
    /* what a served call hands back that is the caller's to free */
    if (c->call == call_get_reply_data || c->call == call_file2_ranges || c->call == call_file6_filled)
        CoTaskMemFree(*(void **)(mem + (c->call == call_get_reply_data ? 0 : 8)));
    if (c->call == call_client_certificate) CoTaskMemFree(*(void **)(mem + 16));
}

static void check_reply_case(const struct reply_case *c)
{
    unsigned char good[512], bad[512], mem[256];
    size_t good_len = parse_hex(c->good, good, sizeof(good)), bad_len = parse_hex(c->bad, bad, sizeof(bad));
    struct recording_channel channel;
    struct counted_unknown outer;
    IRpcProxyBuffer *buffer;
    const struct table_row *row;
    unsigned int slot;
    IUnknown *proxy;
    HRESULT hr;

    if (!find_method(c->iface, c->method, &row, &slot))
    {
        ok(0, "%s::%s: not in the table", c->iface, c->method);
        return;
    }
    recording_channel_init(&channel);
    counted_unknown_init(&outer);
    if (FAILED(hr = recording_proxy_create(&row->iid, &outer.IUnknown_iface, &channel, &buffer, &proxy)))
    {
        ok(0, "%s: proxy %#lx", c->iface, hr);
        return;
    }

    memset(mem, 0, 64);
    memset(mem + 64, CANARY, sizeof(mem) - 64);
    channel.reply = good;
    channel.reply_len = good_len;
    hr = c->call(proxy, mem);
    ok(hr == S_FALSE && channel.sends == 1 && !canary_damage(mem), "%s::%s, %u good bytes: %#lx, canaries hit %u",
       c->iface, c->method, (unsigned int)good_len, hr, canary_damage(mem));
    free_outs(c, mem);
    recording_channel_reset(&channel);

    memset(mem, 0, 64);
    memset(mem + 64, CANARY, sizeof(mem) - 64);
    channel.reply = bad;
    channel.reply_len = bad_len;
    hr = c->call(proxy, mem);
    ok(hr == c->hr && !canary_damage(mem), "%s::%s refuses %s: %#lx (want %#lx), canaries hit %u", c->iface,
       c->method, c->why, hr, c->hr, canary_damage(mem));
    recording_channel_reset(&channel);

    IUnknown_Release(proxy);
    IRpcProxyBuffer_Release(buffer);
    ok(outer.ref == 1, "%s::%s: outer object back to one reference (%ld)", c->iface, c->method, outer.ref);
}

int main(int argc, char **argv)
{
    IPSFactoryBuffer *factory;
    unsigned int i;
    CLSID clsid;

    tap_start();
    if (argc < 2) { printf("usage: refusals <bits-interfaces.tsv>\n"); return 2; }
    row_count = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(row_count == 35, "the table lists %u interfaces", row_count);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    own_oxid = apartment_oxid();
    ok(own_oxid != 0, "this apartment's OXID %016I64x", own_oxid);

    if (SUCCEEDED(get_ps_factory(&IID_IBackgroundCopyJob, &factory, &clsid)))
    {
        for (i = 0; i < ARRAYSIZE(request_cases); i++) check_request_case(&request_cases[i], factory);
        check_method_numbers(factory);
        IPSFactoryBuffer_Release(factory);
    }
    else ok(0, "no PSFactoryBuffer");
    for (i = 0; i < ARRAYSIZE(reply_cases); i++) check_reply_case(&reply_cases[i]);

    printf("# refused by hand-written bytes: %u requests, %u replies (each with its accepted twin)\n",
           (unsigned int)ARRAYSIZE(request_cases), (unsigned int)ARRAYSIZE(reply_cases));
    CoUninitialize();
    return tap_done();
}
