/* Fixed calls of the bits3_0.idl interfaces (peer caching, IBackgroundCopyJob4,
 * IBackgroundCopyFile3, IBackgroundCopyCallback2); vectors/<interface>.wire
 * has the bytes they must produce. */
#include "wire_cases.h"

static const GUID record_id = {0x659cdeaf, 0x0000, 0x11d9, {0xa9, 0xcd, 0, 0, 0, 0, 0, 0xaa}};
static const GUID missing_record_id = {0x659cdeaf, 0x0000, 0x11d9, {0xa9, 0xcd, 0, 0, 0, 0, 0, 0xbb}};
#define ORIGIN L"http://origin.example.test/pkg/42"

/* ---- IBitsPeerCacheRecord ---- */

#define RECORD(p) ((IBitsPeerCacheRecord *)(p))

static HRESULT call_Record_GetId(IUnknown *p, struct case_ctx *c)
{
    GUID id = {0};
    HRESULT hr = IBitsPeerCacheRecord_GetId(RECORD(p), &id);
    expect_guid(c, "*pVal", &id, &record_id);
    return hr;
}
static void serve_Record_GetId(const UINT_PTR *args, struct case_ctx *c) { *ARG(GUID *, 0) = record_id; }

WSTR_OUT(IBitsPeerCacheRecord, GetOriginUrl, ORIGIN)

static HRESULT call_Record_GetFileSize(IUnknown *p, struct case_ctx *c)
{
    UINT64 size = 0;
    HRESULT hr = IBitsPeerCacheRecord_GetFileSize(RECORD(p), &size);
    expect_u64(c, "*pVal", size, 0x180000000ull);
    return hr;
}
static void serve_Record_GetFileSize(const UINT_PTR *args, struct case_ctx *c) { *ARG(UINT64 *, 0) = 0x180000000ull; }

static HRESULT call_Record_GetFileModificationTime(IUnknown *p, struct case_ctx *c)
{
    FILETIME t = {0};
    HRESULT hr = IBitsPeerCacheRecord_GetFileModificationTime(RECORD(p), &t);
    expect(c, t.dwLowDateTime == 0x89abcdef && t.dwHighDateTime == 0x01d9f000, "*pVal differs");
    return hr;
}
static void serve_Record_GetFileModificationTime(const UINT_PTR *args, struct case_ctx *c)
{
    FILETIME *t = ARG(FILETIME *, 0);
    t->dwLowDateTime = 0x89abcdef;
    t->dwHighDateTime = 0x01d9f000;
}

static HRESULT call_Record_GetLastAccessTime(IUnknown *p, struct case_ctx *c)
{
    FILETIME t = {0};
    HRESULT hr = IBitsPeerCacheRecord_GetLastAccessTime(RECORD(p), &t);
    expect(c, t.dwLowDateTime == 0x01234567 && t.dwHighDateTime == 0x01da0000, "*pVal differs");
    return hr;
}
static void serve_Record_GetLastAccessTime(const UINT_PTR *args, struct case_ctx *c)
{
    FILETIME *t = ARG(FILETIME *, 0);
    t->dwLowDateTime = 0x01234567;
    t->dwHighDateTime = 0x01da0000;
}

NO_ARGS(IBitsPeerCacheRecord, IsFileValidated)

static HRESULT call_Record_GetFileRanges(IUnknown *p, struct case_ctx *c)
{
    BG_FILE_RANGE **ranges = out_storage(c, sizeof(*ranges));
    DWORD count = 0;
    HRESULT hr = IBitsPeerCacheRecord_GetFileRanges(RECORD(p), &count, ranges);
    expect_u32(c, "*pRangeCount", count, 1);
    expect_range(c, "(*ppRanges)[0]", *ranges, 0x40, 0x80);
    CoTaskMemFree(*ranges);
    return hr;
}
static void serve_Record_GetFileRanges(const UINT_PTR *args, struct case_ctx *c)
{
    BG_FILE_RANGE *ranges = CoTaskMemAlloc(sizeof(*ranges));
    ranges->InitialOffset = 0x40;
    ranges->Length = 0x80;
    *ARG(DWORD *, 0) = 1;
    *ARG(BG_FILE_RANGE **, 1) = ranges;
}

/* ---- IEnumBitsPeerCacheRecords ---- */

#define ERECORDS(p) ((IEnumBitsPeerCacheRecords *)(p))

static HRESULT call_EnumRecords_Next(IUnknown *p, struct case_ctx *c)
{
    IBitsPeerCacheRecord *records[2] = {0};
    ULONG fetched = 0;
    HRESULT hr = IEnumBitsPeerCacheRecords_Next(ERECORDS(p), 2, records, &fetched);
    expect_u32(c, "*pceltFetched", fetched, 2);
    expect_out_peer(c, "rgelt[0]", (IUnknown *)records[0], 0);
    expect_out_peer(c, "rgelt[1]", (IUnknown *)records[1], 1);
    return hr;
}
static void serve_EnumRecords_Next(const UINT_PTR *args, struct case_ctx *c)
{
    IBitsPeerCacheRecord **records = ARG(IBitsPeerCacheRecord **, 1);
    ULONG *fetched = ARG(ULONG *, 2);
    expect_u32(c, "celt", ARG(ULONG, 0), 2);
    expect(c, records && fetched && *fetched == 0, "rgelt or pceltFetched is wrong");
    if (!records || !fetched) return;
    records[0] = out_peer(c, 0);
    records[1] = out_peer(c, 1);
    *fetched = 2;
}

ULONG_IN(IEnumBitsPeerCacheRecords, Skip, 10)
NO_ARGS(IEnumBitsPeerCacheRecords, Reset)
ULONG_OUT(IEnumBitsPeerCacheRecords, GetCount, 6)
PEER_OUT(IEnumBitsPeerCacheRecords, Clone)

/* ---- IBitsPeer ---- */

WSTR_OUT(IBitsPeer, GetPeerName, L"peer-07.example.test")
ULONG_OUT(IBitsPeer, IsAuthenticated, 1)
ULONG_OUT(IBitsPeer, IsAvailable, 0)

/* ---- IEnumBitsPeers ---- */

#define EPEERS(p) ((IEnumBitsPeers *)(p))

static HRESULT call_EnumPeers_Next(IUnknown *p, struct case_ctx *c)
{
    IBitsPeer *peers[3] = {0};
    ULONG fetched = 7;
    HRESULT hr = IEnumBitsPeers_Next(EPEERS(p), 3, peers, &fetched);
    expect_u32(c, "*pceltFetched", fetched, 1);
    expect_out_peer(c, "rgelt[0]", (IUnknown *)peers[0], 0);
    return hr;
}
static void serve_EnumPeers_Next(const UINT_PTR *args, struct case_ctx *c)
{
    IBitsPeer **peers = ARG(IBitsPeer **, 1);
    ULONG *fetched = ARG(ULONG *, 2);
    expect_u32(c, "celt", ARG(ULONG, 0), 3);
    /* 7 for an array of 3: were the object to leave it so, the stub would
     * send 7 elements of 3 (Wine's engine reads past the array), so the
     * stub's check hands the object 0, which it sets anyway (proxy/ndr_check.c,
     * check_out_lengths) */
    expect(c, peers && fetched && *fetched == 0, "rgelt or pceltFetched is wrong");
    if (!peers || !fetched) return;
    peers[0] = out_peer(c, 0);
    *fetched = 1;
}

ULONG_IN(IEnumBitsPeers, Skip, 4)
NO_ARGS(IEnumBitsPeers, Reset)
ULONG_OUT(IEnumBitsPeers, GetCount, 1)
PEER_OUT(IEnumBitsPeers, Clone)

/* ---- IBitsPeerCacheAdministration ---- */

#define ADMIN(p) ((IBitsPeerCacheAdministration *)(p))

ULONG_OUT(IBitsPeerCacheAdministration, GetMaximumCacheSize, 10)
ULONG_IN(IBitsPeerCacheAdministration, SetMaximumCacheSize, 20)
ULONG_OUT(IBitsPeerCacheAdministration, GetMaximumContentAge, 7776000)
ULONG_IN(IBitsPeerCacheAdministration, SetMaximumContentAge, 864000)
ULONG_OUT(IBitsPeerCacheAdministration, GetConfigurationFlags, 3)
ULONG_IN(IBitsPeerCacheAdministration, SetConfigurationFlags, 1)
NO_ARGS(IBitsPeerCacheAdministration, ClearRecords)
NO_ARGS(IBitsPeerCacheAdministration, ClearPeers)
NO_ARGS(IBitsPeerCacheAdministration, DiscoverPeers)
PEER_OUT(IBitsPeerCacheAdministration, EnumRecords)

static HRESULT call_Admin_GetRecord(IUnknown *p, struct case_ctx *c)
{
    IBitsPeerCacheRecord *record = NULL;
    HRESULT hr = IBitsPeerCacheAdministration_GetRecord(ADMIN(p), &record_id, &record);
    expect_out_peer(c, "*ppRecord", (IUnknown *)record, 0);
    return hr;
}
static void serve_Admin_GetRecord(const UINT_PTR *args, struct case_ctx *c)
{
    expect_guid(c, "id", ARG(const GUID *, 0), &record_id);
    *ARG(void **, 1) = out_peer(c, 0);
}

static HRESULT call_Admin_DeleteRecord(IUnknown *p, struct case_ctx *c)
{
    return IBitsPeerCacheAdministration_DeleteRecord(ADMIN(p), &missing_record_id);
}
static void serve_Admin_DeleteRecord(const UINT_PTR *args, struct case_ctx *c)
{
    expect_guid(c, "id", ARG(const GUID *, 0), &missing_record_id);
}

WSTR_IN(IBitsPeerCacheAdministration, DeleteUrl, ORIGIN)
PEER_OUT(IBitsPeerCacheAdministration, EnumPeers)

/* ---- IBackgroundCopyJob4 ---- */

ULONG_IN(IBackgroundCopyJob4, SetPeerCachingFlags, 3)
ULONG_OUT(IBackgroundCopyJob4, GetPeerCachingFlags, 1)
ULONG_OUT(IBackgroundCopyJob4, GetOwnerIntegrityLevel, 0x2000)
ULONG_OUT(IBackgroundCopyJob4, GetOwnerElevationState, 1)
ULONG_IN(IBackgroundCopyJob4, SetMaximumDownloadTime, 3600)
ULONG_OUT(IBackgroundCopyJob4, GetMaximumDownloadTime, 7200)

/* ---- IBackgroundCopyFile3 ---- */

WSTR_OUT(IBackgroundCopyFile3, GetTemporaryName, L"C:\\d\\BIT1A2B.tmp")
ULONG_IN(IBackgroundCopyFile3, SetValidationState, TRUE)
ULONG_OUT(IBackgroundCopyFile3, GetValidationState, FALSE)
ULONG_OUT(IBackgroundCopyFile3, IsDownloadedFromPeer, TRUE)

/* ---- IBackgroundCopyCallback2 ---- */

static HRESULT call_Callback2_FileTransferred(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyCallback2_FileTransferred((IBackgroundCopyCallback2 *)p, (IBackgroundCopyJob *)c->peer[0],
                                                    (IBackgroundCopyFile *)c->peer[1]);
}
static void serve_Callback2_FileTransferred(const UINT_PTR *args, struct case_ctx *c)
{
    expect_ptr(c, "pJob", ARG(void *, 0), c->peer[0]);
    expect_ptr(c, "pFile", ARG(void *, 1), c->peer[1]);
}


static const struct wire_case cases[] =
{
    { "IBitsPeerCacheRecord", "GetId", 3, S_OK, call_Record_GetId, serve_Record_GetId },
    CASE(IBitsPeerCacheRecord, GetOriginUrl, 4, S_OK),
    { "IBitsPeerCacheRecord", "GetFileSize", 5, S_OK, call_Record_GetFileSize, serve_Record_GetFileSize },
    { "IBitsPeerCacheRecord", "GetFileModificationTime", 6, S_OK, call_Record_GetFileModificationTime,
      serve_Record_GetFileModificationTime },
    { "IBitsPeerCacheRecord", "GetLastAccessTime", 7, S_OK,
      call_Record_GetLastAccessTime, serve_Record_GetLastAccessTime },
    CASE_NOARGS(IBitsPeerCacheRecord, IsFileValidated, 8, S_FALSE),
    { "IBitsPeerCacheRecord", "GetFileRanges", 9, S_OK, call_Record_GetFileRanges, serve_Record_GetFileRanges },

    { "IEnumBitsPeerCacheRecords", "Next", 3, S_OK, call_EnumRecords_Next, serve_EnumRecords_Next },
    CASE(IEnumBitsPeerCacheRecords, Skip, 4, S_FALSE),
    CASE_NOARGS(IEnumBitsPeerCacheRecords, Reset, 5, S_OK),
    CASE_PEER_OUT(IEnumBitsPeerCacheRecords, Clone, 6, S_OK),
    CASE(IEnumBitsPeerCacheRecords, GetCount, 7, S_OK),

    CASE(IBitsPeer, GetPeerName, 3, S_OK),
    CASE(IBitsPeer, IsAuthenticated, 4, S_OK),
    CASE(IBitsPeer, IsAvailable, 5, S_OK),

    { "IEnumBitsPeers", "Next", 3, S_FALSE, call_EnumPeers_Next, serve_EnumPeers_Next },
    CASE(IEnumBitsPeers, Skip, 4, S_OK),
    CASE_NOARGS(IEnumBitsPeers, Reset, 5, S_OK),
    CASE_PEER_OUT(IEnumBitsPeers, Clone, 6, S_OK),
    CASE(IEnumBitsPeers, GetCount, 7, S_OK),

    CASE(IBitsPeerCacheAdministration, GetMaximumCacheSize, 3, S_OK),
    CASE(IBitsPeerCacheAdministration, SetMaximumCacheSize, 4, S_OK),
    CASE(IBitsPeerCacheAdministration, GetMaximumContentAge, 5, S_OK),
    CASE(IBitsPeerCacheAdministration, SetMaximumContentAge, 6, S_OK),
    CASE(IBitsPeerCacheAdministration, GetConfigurationFlags, 7, S_OK),
    CASE(IBitsPeerCacheAdministration, SetConfigurationFlags, 8, S_OK),
    CASE_PEER_OUT(IBitsPeerCacheAdministration, EnumRecords, 9, S_OK),
    { "IBitsPeerCacheAdministration", "GetRecord", 10, S_OK, call_Admin_GetRecord, serve_Admin_GetRecord },
    CASE_NOARGS(IBitsPeerCacheAdministration, ClearRecords, 11, S_OK),
    { "IBitsPeerCacheAdministration", "DeleteRecord", 12, 0x80070002,
      call_Admin_DeleteRecord, serve_Admin_DeleteRecord },
    CASE(IBitsPeerCacheAdministration, DeleteUrl, 13, S_OK),
    CASE_PEER_OUT(IBitsPeerCacheAdministration, EnumPeers, 14, S_OK),
    CASE_NOARGS(IBitsPeerCacheAdministration, ClearPeers, 15, S_OK),
    CASE_NOARGS(IBitsPeerCacheAdministration, DiscoverPeers, 16, S_OK),

    CASE(IBackgroundCopyJob4, SetPeerCachingFlags, 47, S_OK),
    CASE(IBackgroundCopyJob4, GetPeerCachingFlags, 48, S_OK),
    CASE(IBackgroundCopyJob4, GetOwnerIntegrityLevel, 49, S_OK),
    CASE(IBackgroundCopyJob4, GetOwnerElevationState, 50, S_OK),
    CASE(IBackgroundCopyJob4, SetMaximumDownloadTime, 51, S_OK),
    CASE(IBackgroundCopyJob4, GetMaximumDownloadTime, 52, S_OK),

    CASE(IBackgroundCopyFile3, GetTemporaryName, 8, S_OK),
    CASE(IBackgroundCopyFile3, SetValidationState, 9, S_OK),
    CASE(IBackgroundCopyFile3, GetValidationState, 10, S_OK),
    CASE(IBackgroundCopyFile3, IsDownloadedFromPeer, 11, S_OK),

    { "IBackgroundCopyCallback2", "FileTransferred", 6, S_OK, call_Callback2_FileTransferred,
      serve_Callback2_FileTransferred },
};

const struct wire_case_list wire_cases_bits3_0 = { cases, ARRAYSIZE(cases) };
