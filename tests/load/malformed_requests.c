/*
 * The malformed sender's fixed list (see malformed.h): request bodies as
 * the channel carries them after ORPCTHIS, NDR20 little-endian, laid out as
 * tests/wire/README.md describes. Most are malformed NDR (short buffers,
 * counts that disagree with their arrays or with the buffer, strings
 * without terminators or at an offset, union arms that disagree with their
 * selector, method numbers past a vtable); some are well-formed with
 * values out of range (enum16s, flags), some legal but extreme (huge
 * counts). Where a malformed request could reach the object, its other
 * arguments are ones the object refuses (a job type 7), so that nothing
 * is created even then. The fuzzer's generator can replace this table.
 */
#include "malformed.h"

#define U8(x)  (BYTE)(x)
#define U16(x) (BYTE)(x), (BYTE)((x) >> 8)
#define U32(x) (BYTE)(x), (BYTE)((x) >> 8), (BYTE)((x) >> 16), (BYTE)((x) >> 24)
#define U64(x) U32((x) & 0xffffffff), U32((ULONG64)(x) >> 32)
#define W(c)   (BYTE)(c), 0                              /* one UTF-16 unit */
#define USER   U32(0x72657355)                           /* 'User': a user-marshaled VARIANT */
#define BODY(...) .body = (const BYTE[]){ __VA_ARGS__ }, .size = sizeof((const BYTE[]){ __VA_ARGS__ })
#define REPLY(...) .reply = (const BYTE[]){ __VA_ARGS__ }, .reply_size = sizeof((const BYTE[]){ __VA_ARGS__ })
/* BG_FILE_INFO { L"http://a.b/c", L"C:\c" } after its two referents. */
#define FILE_INFO_STRINGS U32(13), U32(0), U32(13), W('h'), W('t'), W('t'), W('p'), W(':'), W('/'), W('/'), W('a'), \
    W('.'), W('b'), W('/'), W('c'), W(0), U16(0), U32(5), U32(0), U32(5), W('C'), W(':'), W('\\'), W('c'), W(0)
/* wireVARIANT header after the property id: 'User', clSize, rpcReserved, vt, three reserved, discriminant. */
#define VARIANT_HEAD(cl, vt) USER, U32(cl), U32(0), U16(vt), U16(0), U16(0), U16(0), U32(vt)

static const IID *const target_iids[T_COUNT] =
{
    [T_MANAGER] = &IID_IBackgroundCopyManager, [T_QMGR] = &IID_IBackgroundCopyQMgr,
    [T_PEERCACHE] = &IID_IBitsPeerCacheAdministration, [T_JOB] = &IID_IBackgroundCopyJob,
    [T_JOB5] = &IID_IBackgroundCopyJob5, [T_HTTP] = &IID_IBackgroundCopyJobHttpOptions,
    [T_FILES] = &IID_IEnumBackgroundCopyFiles, [T_GROUP] = &IID_IBackgroundCopyGroup,
    [T_GROUPS] = &IID_IEnumBackgroundCopyGroups,
};

static const char *const target_names[T_COUNT] =
{
    [T_MANAGER] = "the manager", [T_QMGR] = "the QMgr", [T_PEERCACHE] = "the peer cache",
    [T_JOB] = "its job", [T_JOB5] = "its job (Job5)", [T_HTTP] = "its job (HTTP options)",
    [T_FILES] = "its job's file enumerator", [T_GROUP] = "its group", [T_GROUPS] = "its group enumerator",
};

const IID *malformed_target_iid(enum malformed_target target) { return target_iids[target]; }
const char *malformed_target_name(enum malformed_target target) { return target_names[target]; }

const struct malformed_request malformed_requests[] =
{
    { "IEnumBackgroundCopyFiles::GetCount, well-formed (control)", T_FILES, 7, BODY(), EXPECT_REPLY, 0,
      REPLY(U32(MALFORMED_FILES), U32(0)) },

    /* IBackgroundCopyManager, shared with the client threads */
    { "IBackgroundCopyManager::CreateJob, empty request", T_MANAGER, 3, BODY(), EXPECT_STUB },
    { "CreateJob, a name of 10 units with 2 sent", T_MANAGER, 3, BODY(U32(10), U32(0), U32(10), W('a'), W('b')),
      EXPECT_STUB },
    { "CreateJob, actual count 256 above the maximum count 2", T_MANAGER, 3,
      BODY(U32(2), U32(0), U32(256), W('a'), W(0), U16(7), U16(0)), EXPECT_STUB },
    { "CreateJob, a name without its terminator, type 7", T_MANAGER, 3,
      BODY(U32(2), U32(0), U32(2), W('a'), W('b'), U16(7)), EXPECT_STUB },
    { "CreateJob, a name at offset 1, type 7", T_MANAGER, 3, BODY(U32(3), U32(1), U32(2), W('a'), W(0), U16(7)),
      EXPECT_STUB },
    { "CreateJob, maximum count 0x7fffffff for a 2-unit name, type 7", T_MANAGER, 3,
      BODY(U32(0x7fffffff), U32(0), U32(2), W('a'), W(0), U16(7)), EXPECT_ERROR, MALFORMED_ONCE },
    { "CreateJob, job type 7 (no such type)", T_MANAGER, 3, BODY(U32(2), U32(0), U32(2), W('x'), W(0), U16(7)),
      EXPECT_OBJECT },
    { "GetJob, the GUID cut to 8 bytes", T_MANAGER, 4, BODY(U32(0x10ad0bad), U16(1), U16(2)), EXPECT_STUB },
    { "EnumJobs, flags 0xffff0000", T_MANAGER, 5, BODY(U32(0xffff0000)), EXPECT_OBJECT },
    { "GetErrorDescription, 4 of its 8 bytes", T_MANAGER, 6, BODY(U32(0x80200001)), EXPECT_STUB },
    { "method 7 of IBackgroundCopyManager, one past its last", T_MANAGER, 7, BODY(), EXPECT_STUB },
    /* IUnknown's slots, AddRef then Release: if both reach the object, its count is what it was. */
    { "method 1 of IBackgroundCopyManager (AddRef) sent to its stub", T_MANAGER, 1, BODY(), EXPECT_STUB },
    { "method 2 of IBackgroundCopyManager (Release) sent to its stub", T_MANAGER, 2, BODY(), EXPECT_STUB },
    { "method 0x7fff of IBackgroundCopyManager", T_MANAGER, 0x7fff, BODY(), EXPECT_STUB },

    /* IBackgroundCopyQMgr, shared */
    { "IBackgroundCopyQMgr::CreateGroup, the GUID cut to 8 bytes", T_QMGR, 3, BODY(U32(0x10ad0bad), U16(1), U16(2)),
      EXPECT_STUB },
    { "GetGroup, empty request", T_QMGR, 4, BODY(), EXPECT_STUB },
    { "EnumGroups, flags 1", T_QMGR, 5, BODY(U32(1)), EXPECT_OBJECT },

    /* IBitsPeerCacheAdministration, shared (read by the client threads) */
    { "IBitsPeerCacheAdministration::GetRecord, the GUID cut to 12 bytes", T_PEERCACHE, 10,
      BODY(U32(0x5c3e0a01), U16(0x7b21), U16(0x4c8e), U32(0x6a12409d)), EXPECT_STUB },
    { "DeleteUrl, 4096 units announced, 2 sent", T_PEERCACHE, 13, BODY(U32(4096), U32(0), U32(4096), W('h'), W('t')),
      EXPECT_STUB },
    { "DeleteUrl, no terminator", T_PEERCACHE, 13, BODY(U32(3), U32(0), U32(3), W('a'), W('b'), W('c')), EXPECT_STUB },
    { "SetMaximumCacheSize, empty request", T_PEERCACHE, 4, BODY(), EXPECT_STUB },
    { "SetMaximumCacheSize, 1000 percent", T_PEERCACHE, 4, BODY(U32(1000)), EXPECT_OBJECT },

    /* IBackgroundCopyJob: the sender's own job, the client threads' stub code */
    { "IBackgroundCopyJob::AddFileSet, count 3 with an array of 1", T_JOB, 3,
      BODY(U32(3), U32(1), U32(0x20000), U32(0x20004), FILE_INFO_STRINGS), EXPECT_STUB },
    { "AddFileSet, count 0x7fffffff with an array of 1", T_JOB, 3,
      BODY(U32(0x7fffffff), U32(1), U32(0x20000), U32(0x20004), FILE_INFO_STRINGS), EXPECT_STUB },
    { "AddFileSet, 0x10000000 elements announced, none sent", T_JOB, 3, BODY(U32(0x10000000), U32(0x10000000)),
      EXPECT_STUB },
    { "AddFileSet, two referents without their strings", T_JOB, 3, BODY(U32(1), U32(1), U32(0x20000), U32(0x20004)),
      EXPECT_STUB },
    { "SetDisplayName, 10 units announced, 2 sent", T_JOB, 17, BODY(U32(10), U32(0), U32(10), W('a'), W('b')),
      EXPECT_STUB },
    { "SetDisplayName, 0x20000000 units announced", T_JOB, 17,
      BODY(U32(0x20000000), U32(0), U32(0x20000000), W('a'), W('b')), EXPECT_STUB },
    { "SetPriority, enum16 99", T_JOB, 21, BODY(U16(99)), EXPECT_OBJECT },
    { "SetPriority, 1 byte", T_JOB, 21, BODY(U8(1)), EXPECT_STUB },
    { "SetProxySettings, usage 99 and two referents without their strings", T_JOB, 32,
      BODY(U16(99), U16(0), U32(0x20000), U32(0x20004)), EXPECT_STUB },
    { "method 35 of IBackgroundCopyJob, one past its last", T_JOB, 35, BODY(), EXPECT_STUB },
    { "method 1 of IBackgroundCopyJob (AddRef) sent to its stub", T_JOB, 1, BODY(), EXPECT_STUB },
    { "method 2 of IBackgroundCopyJob (Release) sent to its stub", T_JOB, 2, BODY(), EXPECT_STUB },

    /* IBackgroundCopyJob5 */
    { "IBackgroundCopyJob5::SetProperty, union discriminant 99", T_JOB5, 53, BODY(U16(1), U16(99), U32(0)),
      EXPECT_STUB },
    { "SetProperty, COST_FLAGS (1) with the UINT64 arm's discriminant (5)", T_JOB5, 53,
      BODY(U16(1), U16(5), U32(0), U64(0x12345678)), EXPECT_STUB },
    { "SetProperty, PropertyId 99 with discriminant 99", T_JOB5, 53, BODY(U16(99), U16(99), U32(0)), EXPECT_STUB },
    { "SetProperty, 3 bytes", T_JOB5, 53, BODY(U16(1), U8(1)), EXPECT_STUB },
    { "GetProperty, PropertyId 99", T_JOB5, 54, BODY(U16(99)), EXPECT_ERROR },

    /* IBackgroundCopyJobHttpOptions */
    { "IBackgroundCopyJobHttpOptions::SetCustomHeaders, a referent without its string", T_HTTP, 7, BODY(U32(0x20000)),
      EXPECT_STUB },
    { "SetCustomHeaders, 0x20000000 units announced", T_HTTP, 7,
      BODY(U32(0x20000), U32(0x20000000), U32(0), U32(0x20000000), W('a'), W('b')), EXPECT_STUB },
    { "SetClientCertificateByID, the hash cut to 4 of its 20 bytes", T_HTTP, 3,
      BODY(U16(0), U16(0), U32(3), U32(0), U32(3), W('M'), W('Y'), W(0), U16(0), U32(20), U32(0xdeadbeef)), EXPECT_STUB },
    { "SetSecurityFlags, empty request", T_HTTP, 9, BODY(), EXPECT_STUB },

    /* IEnumBackgroundCopyFiles: the sender's enumerator over its job's MALFORMED_FILES files */
    { "IEnumBackgroundCopyFiles::Next, celt 0x1fffffff", T_FILES, 3, BODY(U32(0x1fffffff), U32(0x20000), U32(0)),
      EXPECT_ANY, MALFORMED_ONCE },
    { "IEnumBackgroundCopyFiles::Next, celt 0x7fffffff", T_FILES, 3, BODY(U32(0x7fffffff), U32(0x20000), U32(0)),
      EXPECT_ANY, MALFORMED_ONCE },
    { "IEnumBackgroundCopyFiles::Next, 2 bytes", T_FILES, 3, BODY(U16(1)), EXPECT_STUB },
    { "IEnumBackgroundCopyFiles::Next, celt 2 with the count's referent but not the count", T_FILES, 3,
      BODY(U32(2), U32(0x20000)), EXPECT_STUB },
    { "IEnumBackgroundCopyFiles::Skip, empty request", T_FILES, 4, BODY(), EXPECT_STUB },

    /* IBackgroundCopyGroup: the sender's own group; SetProp's wire call is InternalSetProp, slot 4 */
    { "IBackgroundCopyGroup::SetProp, a VARIANT cut after its header", T_GROUP, 4,
      BODY(U16(11), U16(0), USER, U32(5), U32(0), U16(8), U16(0), U16(0), U16(0)), EXPECT_STUB },
    { "SetProp, a VT_BSTR of 0x7ffffffe bytes with 2 units sent", T_GROUP, 4,
      BODY(U16(11), U16(0), VARIANT_HEAD(5, 8), U32(0x20000), U32(2), U32(0x7ffffffe), U32(2), W('a'), W('b')),
      EXPECT_STUB },
    { "SetProp, a VT_BSTR whose conformance 0x10000 disagrees with its 2 units", T_GROUP, 4,
      BODY(U16(11), U16(0), VARIANT_HEAD(5, 8), U32(0x20000), U32(0x10000), U32(4), U32(2), W('a'), W('b')),
      EXPECT_STUB },
    { "SetProp, vt 0x7fff", T_GROUP, 4, BODY(U16(11), U16(0), VARIANT_HEAD(4, 0x7fff), U32(0)), EXPECT_STUB },
    { "SetProp, a VT_UNKNOWN whose interface data is junk", T_GROUP, 4,
      BODY(U16(11), U16(0), VARIANT_HEAD(6, 13), U32(0x20000), U32(16), U32(16), 'M', 'E', 'O', 'W', U32(0x99), U32(0),
           U32(0)), EXPECT_STUB },
    { "SetProp, a VT_ARRAY|VT_I4 cut inside its SAFEARRAY", T_GROUP, 4,
      BODY(U16(11), U16(0), VARIANT_HEAD(6, 0x2003), U32(0x20000), U32(1), U16(1), U16(0), U32(4)), EXPECT_STUB },
    { "SetProp, a VT_I4 with clSize 0xffffffff", T_GROUP, 4, BODY(U16(6), U16(0), VARIANT_HEAD(0xffffffff, 3), U32(1)),
      EXPECT_STUB },
    /* an enum16 over 0x7fff: Windows' engine refuses it (Wine's would pass it on) */
    { "GetProp, GROUPPROP 0xffff", T_GROUP, 3, BODY(U16(0xffff)), EXPECT_STUB },
    { "SetProp, GROUPPROP 99 with a VT_I4", T_GROUP, 4, BODY(U16(99), U16(0), VARIANT_HEAD(3, 3), U32(1)), EXPECT_OBJECT },

    /* IEnumBackgroundCopyGroups: the sender's enumerator (16-byte GUID elements) */
    { "IEnumBackgroundCopyGroups::Next, celt 0x1fffffff", T_GROUPS, 3, BODY(U32(0x1fffffff)), EXPECT_ANY,
      MALFORMED_ONCE },
    { "IEnumBackgroundCopyGroups::Next, celt 0x0fffffff", T_GROUPS, 3, BODY(U32(0x0fffffff)), EXPECT_ANY,
      MALFORMED_ONCE },
    { "IEnumBackgroundCopyGroups::Skip, 3 bytes", T_GROUPS, 4, BODY(U16(1), U8(0)), EXPECT_STUB },

    { "IBackgroundCopyJob::GetState, well-formed (control)", T_JOB, 14, BODY(), EXPECT_REPLY, 0,
      REPLY(U16(BG_JOB_STATE_SUSPENDED), U16(0), U32(0)) },

    /* After the rounds, as it may break the serving process: celt x 8 bytes is 0x100000008, past 32 bits. A
     * stub must refuse a count whose array does not fit (RPC_S_INVALID_BOUND); one that wraps allocates 8
     * bytes and the object writes the enumerator's MALFORMED_FILES pointers into them. Reset first, so that
     * there are all of them. */
    { "IEnumBackgroundCopyFiles::Reset, well-formed (control)", T_FILES, 5, BODY(), EXPECT_REPLY, MALFORMED_LAST,
      REPLY(U32(0)) },
    { "IEnumBackgroundCopyFiles::Next, celt 0x20000001 (celt x 8 does not fit 32 bits)", T_FILES, 3,
      BODY(U32(0x20000001), U32(0x20000), U32(0)), EXPECT_ERROR, MALFORMED_LAST },
};
const unsigned int malformed_request_count = ARRAYSIZE(malformed_requests);
