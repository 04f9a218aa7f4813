/* Fixed calls of the legacy qmgr.idl interfaces; vectors/<interface>.wire
 * has the bytes they must produce. */
#include "wire_cases.h"

static const GUID job1_id = {0x59f5553c, 0x0000, 0x4629, {0xbb, 0x18, 0, 0, 0, 0, 0, 0x01}};
static const GUID job1_new_id = {0x59f5553c, 0x0000, 0x4629, {0xbb, 0x18, 0, 0, 0, 0, 0, 0x03}};
static const GUID group_id = {0x1ded80a7, 0x0000, 0x424f, {0x8a, 0x04, 0, 0, 0, 0, 0, 0x02}};
static const GUID group_a = {0x1ded80a7, 0x0000, 0x424f, {0x8a, 0x04, 0, 0, 0, 0, 0, 0x0a}};
static const GUID group_b = {0x1ded80a7, 0x0000, 0x424f, {0x8a, 0x04, 0, 0, 0, 0, 0, 0x0b}};
static const GUID listed_1 = {0x00000001, 0x0000, 0x0000, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID listed_2 = {0x00000002, 0x0000, 0x0000, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};

/* [in] GUID by value then [out] interface pointer: the GUID arrives by address (x86_64). */
static void check_guid_then_out_peer0(const UINT_PTR *args, struct case_ctx *c, const GUID *want)
{
    expect_guid(c, "the GUID", ARG(const GUID *, 0), want);
    *ARG(void **, 1) = out_peer(c, 0);
}

/* ---- IBackgroundCopyJob1 ---- */

#define JOB1(p) ((IBackgroundCopyJob1 *)(p))

NO_ARGS(IBackgroundCopyJob1, CancelJob)

static HRESULT call_Job1_GetProgress(IUnknown *p, struct case_ctx *c)
{
    DWORD progress = 0;
    HRESULT hr = IBackgroundCopyJob1_GetProgress(JOB1(p), QM_PROGRESS_PERCENT_DONE, &progress);
    expect_u32(c, "*pdwProgress", progress, 42);
    return hr;
}
static void serve_Job1_GetProgress(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "dwFlags", ARG(DWORD, 0), QM_PROGRESS_PERCENT_DONE);
    *ARG(DWORD *, 1) = 42;
}

static HRESULT call_Job1_GetStatus(IUnknown *p, struct case_ctx *c)
{
    DWORD status = 0, win32 = 0, transport = 0, retries = 0;
    HRESULT hr = IBackgroundCopyJob1_GetStatus(JOB1(p), &status, &win32, &transport, &retries);
    expect_u32(c, "*pdwStatus", status, 0x14);
    expect_u32(c, "*pdwWin32Result", win32, ERROR_FILE_NOT_FOUND);
    expect_u32(c, "*pdwTransportResult", transport, 0x80190194);
    expect_u32(c, "*pdwNumOfRetries", retries, 3);
    return hr;
}
static void serve_Job1_GetStatus(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(DWORD *, 0) = 0x14;
    *ARG(DWORD *, 1) = ERROR_FILE_NOT_FOUND;
    *ARG(DWORD *, 2) = 0x80190194;
    *ARG(DWORD *, 3) = 3;
}

#define FILE_A_REMOTE L"http://example.test/legacy/a.cab"
#define FILE_A_LOCAL L"C:\\legacy\\a.cab"
#define FILE_B_REMOTE L"http://example.test/legacy/b.cab"
#define FILE_B_LOCAL L"C:\\legacy\\b.cab"

static HRESULT call_Job1_AddFiles(IUnknown *p, struct case_ctx *c)
{
    FILESETINFO a = { SysAllocString(FILE_A_REMOTE), SysAllocString(FILE_A_LOCAL), 4096 };
    FILESETINFO b = { SysAllocString(FILE_B_REMOTE), SysAllocString(FILE_B_LOCAL), 0 };
    FILESETINFO *set[2] = { &a, &b };
    HRESULT hr = IBackgroundCopyJob1_AddFiles(JOB1(p), 2, set);
    SysFreeString(a.bstrRemoteFile);
    SysFreeString(a.bstrLocalFile);
    SysFreeString(b.bstrRemoteFile);
    SysFreeString(b.bstrLocalFile);
    return hr;
}
static void serve_Job1_AddFiles(const UINT_PTR *args, struct case_ctx *c)
{
    FILESETINFO **set = ARG(FILESETINFO **, 1);
    expect_u32(c, "cFileCount", ARG(ULONG, 0), 2);
    expect(c, set && set[0] && set[1], "ppFileSet or its elements are NULL");
    if (!set || !set[0] || !set[1]) return;
    expect_bstr(c, "ppFileSet[0]->bstrRemoteFile", set[0]->bstrRemoteFile, FILE_A_REMOTE);
    expect_bstr(c, "ppFileSet[0]->bstrLocalFile", set[0]->bstrLocalFile, FILE_A_LOCAL);
    expect_u32(c, "ppFileSet[0]->dwSizeHint", set[0]->dwSizeHint, 4096);
    expect_bstr(c, "ppFileSet[1]->bstrRemoteFile", set[1]->bstrRemoteFile, FILE_B_REMOTE);
    expect_bstr(c, "ppFileSet[1]->bstrLocalFile", set[1]->bstrLocalFile, FILE_B_LOCAL);
    expect_u32(c, "ppFileSet[1]->dwSizeHint", set[1]->dwSizeHint, 0);
}

static HRESULT call_Job1_GetFile(IUnknown *p, struct case_ctx *c)
{
    FILESETINFO info = {0};
    HRESULT hr = IBackgroundCopyJob1_GetFile(JOB1(p), 1, &info);
    expect_bstr(c, "bstrRemoteFile", info.bstrRemoteFile, FILE_B_REMOTE);
    expect_bstr(c, "bstrLocalFile", info.bstrLocalFile, FILE_B_LOCAL);
    expect_u32(c, "dwSizeHint", info.dwSizeHint, 8192);
    SysFreeString(info.bstrRemoteFile);
    SysFreeString(info.bstrLocalFile);
    return hr;
}
static void serve_Job1_GetFile(const UINT_PTR *args, struct case_ctx *c)
{
    FILESETINFO *info = ARG(FILESETINFO *, 1);
    expect_u32(c, "cFileIndex", ARG(ULONG, 0), 1);
    info->bstrRemoteFile = SysAllocString(FILE_B_REMOTE);
    info->bstrLocalFile = SysAllocString(FILE_B_LOCAL);
    info->dwSizeHint = 8192;
}

ULONG_OUT(IBackgroundCopyJob1, GetFileCount, 2)
NO_ARGS(IBackgroundCopyJob1, SwitchToForeground)

static HRESULT call_Job1_get_JobID(IUnknown *p, struct case_ctx *c)
{
    GUID id = {0};
    HRESULT hr = IBackgroundCopyJob1_get_JobID(JOB1(p), &id);
    expect_guid(c, "*pguidJobID", &id, &job1_id);
    return hr;
}
static void serve_Job1_get_JobID(const UINT_PTR *args, struct case_ctx *c) { *ARG(GUID *, 0) = job1_id; }

/* ---- IEnumBackgroundCopyJobs1 and IEnumBackgroundCopyGroups (GUID enumerators) ---- */

static HRESULT call_EnumJobs1_Next(IUnknown *p, struct case_ctx *c)
{
    GUID ids[4] = {{0}};
    ULONG fetched = 0;
    HRESULT hr = IEnumBackgroundCopyJobs1_Next((IEnumBackgroundCopyJobs1 *)p, 4, ids, &fetched);
    expect_u32(c, "*pceltFetched", fetched, 2);
    expect_guid(c, "rgelt[0]", &ids[0], &listed_1);
    expect_guid(c, "rgelt[1]", &ids[1], &listed_2);
    return hr;
}
static void serve_EnumJobs1_Next(const UINT_PTR *args, struct case_ctx *c)
{
    GUID *ids = ARG(GUID *, 1);
    expect_u32(c, "celt", ARG(ULONG, 0), 4);
    expect(c, ids && ARG(ULONG *, 2), "rgelt or pceltFetched is NULL");
    if (!ids || !ARG(ULONG *, 2)) return;
    ids[0] = listed_1;
    ids[1] = listed_2;
    *ARG(ULONG *, 2) = 2;
}

ULONG_IN(IEnumBackgroundCopyJobs1, Skip, 3)
NO_ARGS(IEnumBackgroundCopyJobs1, Reset)
PEER_OUT(IEnumBackgroundCopyJobs1, Clone)
ULONG_OUT(IEnumBackgroundCopyJobs1, GetCount, 2)

static HRESULT call_EnumGroups_Next(IUnknown *p, struct case_ctx *c)
{
    GUID ids[2] = {{0}};
    ULONG fetched = 0;
    HRESULT hr = IEnumBackgroundCopyGroups_Next((IEnumBackgroundCopyGroups *)p, 2, ids, &fetched);
    expect_u32(c, "*pceltFetched", fetched, 2);
    expect_guid(c, "rgelt[0]", &ids[0], &group_a);
    expect_guid(c, "rgelt[1]", &ids[1], &group_b);
    return hr;
}
static void serve_EnumGroups_Next(const UINT_PTR *args, struct case_ctx *c)
{
    GUID *ids = ARG(GUID *, 1);
    expect_u32(c, "celt", ARG(ULONG, 0), 2);
    expect(c, ids && ARG(ULONG *, 2), "rgelt or pceltFetched is NULL");
    if (!ids || !ARG(ULONG *, 2)) return;
    ids[0] = group_a;
    ids[1] = group_b;
    *ARG(ULONG *, 2) = 2;
}

ULONG_IN(IEnumBackgroundCopyGroups, Skip, 1)
NO_ARGS(IEnumBackgroundCopyGroups, Reset)
PEER_OUT(IEnumBackgroundCopyGroups, Clone)
ULONG_OUT(IEnumBackgroundCopyGroups, GetCount, 3)

/* ---- IBackgroundCopyGroup ---- */

#define GROUP(p) ((IBackgroundCopyGroup *)(p))

static HRESULT call_Group_GetProp(IUnknown *p, struct case_ctx *c)
{
    VARIANT v;
    HRESULT hr;
    VariantInit(&v);
    hr = IBackgroundCopyGroup_GetProp(GROUP(p), GROUPPROP_PRIORITY, &v);
    expect(c, V_VT(&v) == VT_I4 && V_I4(&v) == 0x12345678, "*pvarVal is vt %u value %#lx, expected VT_I4 0x12345678",
           V_VT(&v), V_I4(&v));
    VariantClear(&v);
    return hr;
}
static void serve_Group_GetProp(const UINT_PTR *args, struct case_ctx *c)
{
    VARIANT *v = ARG(VARIANT *, 1);
    expect_u32(c, "propID", ARG(GROUPPROP, 0), GROUPPROP_PRIORITY);
    V_VT(v) = VT_I4;
    V_I4(v) = 0x12345678;
}

static HRESULT call_Group_SetProp(IUnknown *p, struct case_ctx *c)
{
    VARIANT v;
    HRESULT hr;
    VariantInit(&v);        /* the reserved words go on the wire too */
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = SysAllocString(L"Legacy group");
    hr = IBackgroundCopyGroup_SetProp(GROUP(p), GROUPPROP_DISPLAYNAME, &v);
    VariantClear(&v);
    return hr;
}
static void serve_Group_SetProp(const UINT_PTR *args, struct case_ctx *c)
{
    const VARIANT *v = ARG(const VARIANT *, 1);
    expect_u32(c, "propID", ARG(GROUPPROP, 0), GROUPPROP_DISPLAYNAME);
    expect(c, v && V_VT(v) == VT_BSTR, "pvarVal is not a VT_BSTR");
    if (v && V_VT(v) == VT_BSTR) expect_bstr(c, "V_BSTR(pvarVal)", V_BSTR(v), L"Legacy group");
}

static HRESULT call_Group_GetProgress(IUnknown *p, struct case_ctx *c)
{
    DWORD progress = 0;
    HRESULT hr = IBackgroundCopyGroup_GetProgress(GROUP(p), QM_PROGRESS_SIZE_DONE, &progress);
    expect_u32(c, "*pdwProgress", progress, 1048576);
    return hr;
}
static void serve_Group_GetProgress(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "dwFlags", ARG(DWORD, 0), QM_PROGRESS_SIZE_DONE);
    *ARG(DWORD *, 1) = 1048576;
}

static HRESULT call_Group_GetStatus(IUnknown *p, struct case_ctx *c)
{
    DWORD status = 0, index = 0;
    HRESULT hr = IBackgroundCopyGroup_GetStatus(GROUP(p), &status, &index);
    expect_u32(c, "*pdwStatus", status, 0x280);
    expect_u32(c, "*pdwJobIndex", index, 1);
    return hr;
}
static void serve_Group_GetStatus(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(DWORD *, 0) = 0x280;
    *ARG(DWORD *, 1) = 1;
}

static HRESULT call_Group_GetJob(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyJob1 *job = NULL;
    HRESULT hr = IBackgroundCopyGroup_GetJob(GROUP(p), job1_id, &job);
    expect_out_peer(c, "*ppJob", (IUnknown *)job, 0);
    return hr;
}
static void serve_Group_GetJob(const UINT_PTR *args, struct case_ctx *c)
{
    check_guid_then_out_peer0(args, c, &job1_id);
}

NO_ARGS(IBackgroundCopyGroup, SuspendGroup)
NO_ARGS(IBackgroundCopyGroup, ResumeGroup)
NO_ARGS(IBackgroundCopyGroup, CancelGroup)
NO_ARGS(IBackgroundCopyGroup, SwitchToForeground)
ULONG_OUT(IBackgroundCopyGroup, get_Size, 65536)

static HRESULT call_Group_get_GroupID(IUnknown *p, struct case_ctx *c)
{
    GUID id = {0};
    HRESULT hr = IBackgroundCopyGroup_get_GroupID(GROUP(p), &id);
    expect_guid(c, "*pguidGroupID", &id, &group_id);
    return hr;
}
static void serve_Group_get_GroupID(const UINT_PTR *args, struct case_ctx *c) { *ARG(GUID *, 0) = group_id; }

static HRESULT call_Group_CreateJob(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyJob1 *job = NULL;
    HRESULT hr = IBackgroundCopyGroup_CreateJob(GROUP(p), job1_new_id, &job);
    expect_out_peer(c, "*ppJob", (IUnknown *)job, 0);
    return hr;
}
static void serve_Group_CreateJob(const UINT_PTR *args, struct case_ctx *c)
{
    check_guid_then_out_peer0(args, c, &job1_new_id);
}

static HRESULT call_Group_EnumJobs(IUnknown *p, struct case_ctx *c)
{
    IEnumBackgroundCopyJobs1 *jobs = NULL;
    HRESULT hr = IBackgroundCopyGroup_EnumJobs(GROUP(p), 0, &jobs);
    expect_out_peer(c, "*ppEnumJobs", (IUnknown *)jobs, 0);
    return hr;
}
static void serve_dword0_then_out_peer0(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "dwFlags", ARG(DWORD, 0), 0);
    *ARG(void **, 1) = out_peer(c, 0);
}

static HRESULT call_Group_QueryNewJobInterface(IUnknown *p, struct case_ctx *c)
{
    IUnknown *unk = NULL;
    HRESULT hr = IBackgroundCopyGroup_QueryNewJobInterface(GROUP(p), &IID_IBackgroundCopyJob, &unk);
    expect_out_peer(c, "*pUnk", unk, 0);
    return hr;
}
static void serve_Group_QueryNewJobInterface(const UINT_PTR *args, struct case_ctx *c)
{
    expect_guid(c, "iid", ARG(const IID *, 0), &IID_IBackgroundCopyJob);
    *ARG(void **, 1) = out_peer(c, 0);
}

static HRESULT call_Group_SetNotificationPointer(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyGroup_SetNotificationPointer(GROUP(p), &IID_IBackgroundCopyCallback1, c->peer[0]);
}
static void serve_Group_SetNotificationPointer(const UINT_PTR *args, struct case_ctx *c)
{
    expect_guid(c, "iid", ARG(const IID *, 0), &IID_IBackgroundCopyCallback1);
    expect_ptr(c, "pUnk", ARG(void *, 1), c->peer[0]);
}

/* ---- IBackgroundCopyCallback1 ---- */

#define CB1(p) ((IBackgroundCopyCallback1 *)(p))

static HRESULT call_Callback1_OnStatus(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyCallback1_OnStatus(CB1(p), (IBackgroundCopyGroup *)c->peer[0],
                                             (IBackgroundCopyJob1 *)c->peer[1], 1, 0x10, 2, 2, 0x80190194);
}
static void serve_Callback1_OnStatus(const UINT_PTR *args, struct case_ctx *c)
{
    expect_ptr(c, "pGroup", ARG(void *, 0), c->peer[0]);
    expect_ptr(c, "pJob", ARG(void *, 1), c->peer[1]);
    expect_u32(c, "dwFileIndex", ARG(DWORD, 2), 1);
    expect_u32(c, "dwStatus", ARG(DWORD, 3), 0x10);
    expect_u32(c, "dwNumOfRetries", ARG(DWORD, 4), 2);
    expect_u32(c, "dwWin32Result", ARG(DWORD, 5), 2);
    expect_u32(c, "dwTransportResult", ARG(DWORD, 6), 0x80190194);
}

static HRESULT call_Callback1_OnProgress(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyCallback1_OnProgress(CB1(p), QM_PROGRESS_PERCENT_DONE, NULL,
                                               (IBackgroundCopyJob1 *)c->peer[0], 0, 50);
}
static void serve_Callback1_OnProgress(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "ProgressType", ARG(DWORD, 0), QM_PROGRESS_PERCENT_DONE);
    expect_ptr(c, "pGroup", ARG(void *, 1), NULL);
    expect_ptr(c, "pJob", ARG(void *, 2), c->peer[0]);
    expect_u32(c, "dwFileIndex", ARG(DWORD, 3), 0);
    expect_u32(c, "dwProgressValue", ARG(DWORD, 4), 50);
}

static const BYTE progress_bytes[5] = { 0x01, 0x02, 0xfe, 0xff, 0x7f };
static HRESULT call_Callback1_OnProgressEx(IUnknown *p, struct case_ctx *c)
{
    BYTE bytes[5];
    memcpy(bytes, progress_bytes, sizeof(bytes));
    return IBackgroundCopyCallback1_OnProgressEx(CB1(p), QM_PROGRESS_SIZE_DONE, (IBackgroundCopyGroup *)c->peer[0],
                                                 (IBackgroundCopyJob1 *)c->peer[1], 1, 75, 5, bytes);
}
static void serve_Callback1_OnProgressEx(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "ProgressType", ARG(DWORD, 0), QM_PROGRESS_SIZE_DONE);
    expect_ptr(c, "pGroup", ARG(void *, 1), c->peer[0]);
    expect_ptr(c, "pJob", ARG(void *, 2), c->peer[1]);
    expect_u32(c, "dwFileIndex", ARG(DWORD, 3), 1);
    expect_u32(c, "dwProgressValue", ARG(DWORD, 4), 75);
    expect_u32(c, "dwByteArraySize", ARG(DWORD, 5), 5);
    expect_bytes(c, "pByte", ARG(const BYTE *, 6), progress_bytes, 5);
}

/* ---- IBackgroundCopyQMgr ---- */

static HRESULT call_QMgr_CreateGroup(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyGroup *group = NULL;
    HRESULT hr = IBackgroundCopyQMgr_CreateGroup((IBackgroundCopyQMgr *)p, group_id, &group);
    expect_out_peer(c, "*ppGroup", (IUnknown *)group, 0);
    return hr;
}
static void serve_QMgr_CreateGroup(const UINT_PTR *args, struct case_ctx *c)
{
    check_guid_then_out_peer0(args, c, &group_id);
}

static HRESULT call_QMgr_GetGroup(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyGroup *group = NULL;
    HRESULT hr = IBackgroundCopyQMgr_GetGroup((IBackgroundCopyQMgr *)p, group_a, &group);
    expect_out_peer(c, "*ppGroup", (IUnknown *)group, 0);
    return hr;
}
static void serve_QMgr_GetGroup(const UINT_PTR *args, struct case_ctx *c)
{
    check_guid_then_out_peer0(args, c, &group_a);
}

static HRESULT call_QMgr_EnumGroups(IUnknown *p, struct case_ctx *c)
{
    IEnumBackgroundCopyGroups *groups = NULL;
    HRESULT hr = IBackgroundCopyQMgr_EnumGroups((IBackgroundCopyQMgr *)p, 0, &groups);
    expect_out_peer(c, "*ppEnumGroups", (IUnknown *)groups, 0);
    return hr;
}

static const struct wire_case cases[] =
{
    CASE_NOARGS(IBackgroundCopyJob1, CancelJob, 3, S_OK),
    { "IBackgroundCopyJob1", "GetProgress", 4, S_OK, call_Job1_GetProgress, serve_Job1_GetProgress },
    { "IBackgroundCopyJob1", "GetStatus", 5, S_OK, call_Job1_GetStatus, serve_Job1_GetStatus },
    { "IBackgroundCopyJob1", "AddFiles", 6, S_OK, call_Job1_AddFiles, serve_Job1_AddFiles },
    { "IBackgroundCopyJob1", "GetFile", 7, S_OK, call_Job1_GetFile, serve_Job1_GetFile },
    CASE(IBackgroundCopyJob1, GetFileCount, 8, S_OK),
    CASE_NOARGS(IBackgroundCopyJob1, SwitchToForeground, 9, S_OK),
    { "IBackgroundCopyJob1", "get_JobID", 10, S_OK, call_Job1_get_JobID, serve_Job1_get_JobID },

    { "IEnumBackgroundCopyJobs1", "Next", 3, S_FALSE, call_EnumJobs1_Next, serve_EnumJobs1_Next },
    CASE(IEnumBackgroundCopyJobs1, Skip, 4, S_OK),
    CASE_NOARGS(IEnumBackgroundCopyJobs1, Reset, 5, S_OK),
    CASE_PEER_OUT(IEnumBackgroundCopyJobs1, Clone, 6, S_OK),
    CASE(IEnumBackgroundCopyJobs1, GetCount, 7, S_OK),

    { "IBackgroundCopyGroup", "GetProp", 3, S_OK, call_Group_GetProp, serve_Group_GetProp },
    { "IBackgroundCopyGroup", "SetProp", 4, S_OK, call_Group_SetProp, serve_Group_SetProp },
    { "IBackgroundCopyGroup", "GetProgress", 5, S_OK, call_Group_GetProgress, serve_Group_GetProgress },
    { "IBackgroundCopyGroup", "GetStatus", 6, S_OK, call_Group_GetStatus, serve_Group_GetStatus },
    { "IBackgroundCopyGroup", "GetJob", 7, S_OK, call_Group_GetJob, serve_Group_GetJob },
    CASE_NOARGS(IBackgroundCopyGroup, SuspendGroup, 8, S_OK),
    CASE_NOARGS(IBackgroundCopyGroup, ResumeGroup, 9, S_OK),
    CASE_NOARGS(IBackgroundCopyGroup, CancelGroup, 10, 0x81001001),
    CASE(IBackgroundCopyGroup, get_Size, 11, S_OK),
    { "IBackgroundCopyGroup", "get_GroupID", 12, S_OK, call_Group_get_GroupID, serve_Group_get_GroupID },
    { "IBackgroundCopyGroup", "CreateJob", 13, S_OK, call_Group_CreateJob, serve_Group_CreateJob },
    { "IBackgroundCopyGroup", "EnumJobs", 14, S_OK, call_Group_EnumJobs, serve_dword0_then_out_peer0 },
    CASE_NOARGS(IBackgroundCopyGroup, SwitchToForeground, 15, S_OK),
    { "IBackgroundCopyGroup", "QueryNewJobInterface", 16, S_OK, call_Group_QueryNewJobInterface,
      serve_Group_QueryNewJobInterface },
    { "IBackgroundCopyGroup", "SetNotificationPointer", 17, S_OK, call_Group_SetNotificationPointer,
      serve_Group_SetNotificationPointer },

    { "IEnumBackgroundCopyGroups", "Next", 3, S_OK, call_EnumGroups_Next, serve_EnumGroups_Next },
    CASE(IEnumBackgroundCopyGroups, Skip, 4, S_OK),
    CASE_NOARGS(IEnumBackgroundCopyGroups, Reset, 5, S_OK),
    CASE_PEER_OUT(IEnumBackgroundCopyGroups, Clone, 6, S_OK),
    CASE(IEnumBackgroundCopyGroups, GetCount, 7, S_OK),

    { "IBackgroundCopyCallback1", "OnStatus", 3, S_OK, call_Callback1_OnStatus, serve_Callback1_OnStatus },
    { "IBackgroundCopyCallback1", "OnProgress", 4, S_OK, call_Callback1_OnProgress, serve_Callback1_OnProgress },
    { "IBackgroundCopyCallback1", "OnProgressEx", 5, S_OK, call_Callback1_OnProgressEx, serve_Callback1_OnProgressEx },

    { "IBackgroundCopyQMgr", "CreateGroup", 3, S_OK, call_QMgr_CreateGroup, serve_QMgr_CreateGroup },
    { "IBackgroundCopyQMgr", "GetGroup", 4, S_OK, call_QMgr_GetGroup, serve_QMgr_GetGroup },
    { "IBackgroundCopyQMgr", "EnumGroups", 5, S_OK, call_QMgr_EnumGroups, serve_dword0_then_out_peer0 },
};

const struct wire_case_list wire_cases_qmgr = { cases, ARRAYSIZE(cases) };
