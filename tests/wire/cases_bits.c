/* Fixed calls of the bits.idl interfaces; vectors/<interface>.wire has the
 * bytes they must produce. */
#include "wire_cases.h"

static const GUID job_id = {0x0f1e2d3c, 0x4b5a, 0x6978, {0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf0}};
static const GUID created_job_id = {0x6b29fc40, 0xca47, 0x1067, {0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda}};

/* ---- IBackgroundCopyFile ---- */

#define FILE(p) ((IBackgroundCopyFile *)(p))

WSTR_OUT(IBackgroundCopyFile, GetRemoteName, L"http://example.test/files/a.bin")
WSTR_OUT(IBackgroundCopyFile, GetLocalName, L"C:\\T\u00e9l\u00e9chargements\\a.bin")

static HRESULT call_File_GetProgress(IUnknown *p, struct case_ctx *c)
{
    BG_FILE_PROGRESS progress = {0};
    HRESULT hr = IBackgroundCopyFile_GetProgress(FILE(p), &progress);
    expect_u64(c, "BytesTotal", progress.BytesTotal, 0x123456789aull);
    expect_u64(c, "BytesTransferred", progress.BytesTransferred, 0x100000);
    expect_u32(c, "Completed", progress.Completed, TRUE);
    return hr;
}
static void serve_File_GetProgress(const UINT_PTR *args, struct case_ctx *c)
{
    BG_FILE_PROGRESS *progress = ARG(BG_FILE_PROGRESS *, 0);
    progress->BytesTotal = 0x123456789aull;
    progress->BytesTransferred = 0x100000;
    progress->Completed = TRUE;
}

/* ---- IEnumBackgroundCopyFiles ---- */

static HRESULT call_EnumFiles_Next(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyFile *files[3] = {0};
    ULONG fetched = 0;
    HRESULT hr = IEnumBackgroundCopyFiles_Next((IEnumBackgroundCopyFiles *)p, 3, files, &fetched);
    expect_u32(c, "*pceltFetched", fetched, 2);
    expect_out_peer(c, "rgelt[0]", (IUnknown *)files[0], 0);
    expect_out_peer(c, "rgelt[1]", (IUnknown *)files[1], 1);
    return hr;
}
static void serve_EnumFiles_Next(const UINT_PTR *args, struct case_ctx *c)
{
    IBackgroundCopyFile **files = ARG(IBackgroundCopyFile **, 1);
    ULONG *fetched = ARG(ULONG *, 2);
    expect_u32(c, "celt", ARG(ULONG, 0), 3);
    expect(c, files != NULL, "rgelt is NULL");
    expect(c, fetched && *fetched == 0, "pceltFetched is not a pointer to 0");
    if (!files || !fetched) return;
    files[0] = out_peer(c, 0);
    files[1] = out_peer(c, 1);
    *fetched = 2;
}

ULONG_IN(IEnumBackgroundCopyFiles, Skip, 5)
NO_ARGS(IEnumBackgroundCopyFiles, Reset)
PEER_OUT(IEnumBackgroundCopyFiles, Clone)
ULONG_OUT(IEnumBackgroundCopyFiles, GetCount, 8)

/* ---- IBackgroundCopyError ---- */

#define ERR(p) ((IBackgroundCopyError *)(p))

static HRESULT call_Error_GetError(IUnknown *p, struct case_ctx *c)
{
    BG_ERROR_CONTEXT context = 0;
    HRESULT code = 0, hr = IBackgroundCopyError_GetError(ERR(p), &context, &code);
    expect_u32(c, "*pContext", context, BG_ERROR_CONTEXT_REMOTE_FILE);
    expect_u32(c, "*pCode", code, 0x80190194);
    return hr;
}
static void serve_Error_GetError(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(BG_ERROR_CONTEXT *, 0) = BG_ERROR_CONTEXT_REMOTE_FILE;
    *ARG(HRESULT *, 1) = 0x80190194;
}

PEER_OUT(IBackgroundCopyError, GetFile)

static HRESULT call_Error_GetErrorDescription(IUnknown *p, struct case_ctx *c)
{
    LPWSTR *s = out_storage(c, sizeof(*s));
    HRESULT hr = IBackgroundCopyError_GetErrorDescription(ERR(p), 0x0409, s);
    expect_wstr(c, "*pErrorDescription", *s, L"The server returned HTTP 404.");
    CoTaskMemFree(*s);
    return hr;
}
static void serve_Error_GetErrorDescription(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "LanguageId", ARG(DWORD, 0), 0x0409);
    *ARG(LPWSTR *, 1) = co_wstr(L"The server returned HTTP 404.");
}

static HRESULT call_Error_GetErrorContextDescription(IUnknown *p, struct case_ctx *c)
{
    LPWSTR *s = out_storage(c, sizeof(*s));
    HRESULT hr = IBackgroundCopyError_GetErrorContextDescription(ERR(p), 0x040c, s);
    expect_wstr(c, "*pContextDescription", *s, L"Le fichier distant a \u00e9chou\u00e9.");
    CoTaskMemFree(*s);
    return hr;
}
static void serve_Error_GetErrorContextDescription(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "LanguageId", ARG(DWORD, 0), 0x040c);
    *ARG(LPWSTR *, 1) = co_wstr(L"Le fichier distant a \u00e9chou\u00e9.");
}

WSTR_OUT(IBackgroundCopyError, GetProtocol, L"http")

/* ---- IBackgroundCopyJob ---- */

#define JOB(p) ((IBackgroundCopyJob *)(p))

static HRESULT call_Job_AddFileSet(IUnknown *p, struct case_ctx *c)
{
    BG_FILE_INFO files[2] =
    {
        { (WCHAR *)L"http://example.test/1.cab", (WCHAR *)L"C:\\d\\1.cab" },
        { (WCHAR *)L"http://example.test/2.cab", (WCHAR *)L"C:\\d\\2.cab" },
    };
    return IBackgroundCopyJob_AddFileSet(JOB(p), 2, files);
}
static void serve_Job_AddFileSet(const UINT_PTR *args, struct case_ctx *c)
{
    const BG_FILE_INFO *files = ARG(const BG_FILE_INFO *, 1);
    expect_u32(c, "cFileCount", ARG(ULONG, 0), 2);
    expect(c, files != NULL, "pFileSet is NULL");
    if (!files) return;
    expect_wstr(c, "pFileSet[0].RemoteName", files[0].RemoteName, L"http://example.test/1.cab");
    expect_wstr(c, "pFileSet[0].LocalName", files[0].LocalName, L"C:\\d\\1.cab");
    expect_wstr(c, "pFileSet[1].RemoteName", files[1].RemoteName, L"http://example.test/2.cab");
    expect_wstr(c, "pFileSet[1].LocalName", files[1].LocalName, L"C:\\d\\2.cab");
}

static HRESULT call_Job_AddFile(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJob_AddFile(JOB(p), L"https://example.test/\u00fc.txt", L"C:\\d\\u.txt");
}
static void serve_Job_AddFile(const UINT_PTR *args, struct case_ctx *c)
{
    expect_wstr(c, "RemoteUrl", ARG(LPCWSTR, 0), L"https://example.test/\u00fc.txt");
    expect_wstr(c, "LocalName", ARG(LPCWSTR, 1), L"C:\\d\\u.txt");
}

PEER_OUT(IBackgroundCopyJob, EnumFiles)
NO_ARGS(IBackgroundCopyJob, Suspend)
NO_ARGS(IBackgroundCopyJob, Resume)
NO_ARGS(IBackgroundCopyJob, Cancel)
NO_ARGS(IBackgroundCopyJob, Complete)
NO_ARGS(IBackgroundCopyJob, TakeOwnership)

static HRESULT call_Job_GetId(IUnknown *p, struct case_ctx *c)
{
    GUID id = {0};
    HRESULT hr = IBackgroundCopyJob_GetId(JOB(p), &id);
    expect_guid(c, "*pVal", &id, &job_id);
    return hr;
}
static void serve_Job_GetId(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(GUID *, 0) = job_id;
}

ULONG_OUT(IBackgroundCopyJob, GetType, BG_JOB_TYPE_UPLOAD_REPLY)

static HRESULT call_Job_GetProgress(IUnknown *p, struct case_ctx *c)
{
    BG_JOB_PROGRESS progress = {0};
    HRESULT hr = IBackgroundCopyJob_GetProgress(JOB(p), &progress);
    expect_u64(c, "BytesTotal", progress.BytesTotal, 0x200000000ull);
    expect_u64(c, "BytesTransferred", progress.BytesTransferred, 0xdeadbeef);
    expect_u32(c, "FilesTotal", progress.FilesTotal, 7);
    expect_u32(c, "FilesTransferred", progress.FilesTransferred, 3);
    return hr;
}
static void serve_Job_GetProgress(const UINT_PTR *args, struct case_ctx *c)
{
    BG_JOB_PROGRESS *progress = ARG(BG_JOB_PROGRESS *, 0);
    progress->BytesTotal = 0x200000000ull;
    progress->BytesTransferred = 0xdeadbeef;
    progress->FilesTotal = 7;
    progress->FilesTransferred = 3;
}

static const BG_JOB_TIMES fixed_times =
{
    { 0x11111111, 0x01d00000 }, { 0x22222222, 0x01d00001 }, { 0x33333333, 0x01d00002 },
};
static HRESULT call_Job_GetTimes(IUnknown *p, struct case_ctx *c)
{
    BG_JOB_TIMES times;
    HRESULT hr;
    memset(&times, 0, sizeof(times));
    hr = IBackgroundCopyJob_GetTimes(JOB(p), &times);
    expect(c, !memcmp(&times, &fixed_times, sizeof(times)), "*pVal differs from the fixed times");
    return hr;
}
static void serve_Job_GetTimes(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(BG_JOB_TIMES *, 0) = fixed_times;
}

ULONG_OUT(IBackgroundCopyJob, GetState, BG_JOB_STATE_TRANSFERRED)
PEER_OUT(IBackgroundCopyJob, GetError)

#define OWNER L"S-1-5-21-1004336348-1177238915-682003330-1001"
WSTR_OUT(IBackgroundCopyJob, GetOwner, OWNER)
WSTR_IN(IBackgroundCopyJob, SetDisplayName, L"Nightly sync")
WSTR_OUT(IBackgroundCopyJob, GetDisplayName, L"Nightly sync")
WSTR_IN(IBackgroundCopyJob, SetDescription, L"Pulls the catalogue \u2193")
WSTR_OUT(IBackgroundCopyJob, GetDescription, L"")
ULONG_IN(IBackgroundCopyJob, SetPriority, BG_JOB_PRIORITY_LOW)
ULONG_OUT(IBackgroundCopyJob, GetPriority, BG_JOB_PRIORITY_HIGH)
ULONG_IN(IBackgroundCopyJob, SetNotifyFlags, 0x0b)
ULONG_OUT(IBackgroundCopyJob, GetNotifyFlags, 0x03)

static HRESULT call_Job_SetNotifyInterface(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJob_SetNotifyInterface(JOB(p), c->peer[0]);
}
static HRESULT call_Job_GetNotifyInterface(IUnknown *p, struct case_ctx *c)
{
    IUnknown *unk = (IUnknown *)0xdeadbeef;
    HRESULT hr = IBackgroundCopyJob_GetNotifyInterface(JOB(p), &unk);
    expect_ptr(c, "*pVal", unk, NULL);
    return hr;
}
static void serve_Job_GetNotifyInterface(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(IUnknown **, 0) = NULL;
}

ULONG_IN(IBackgroundCopyJob, SetMinimumRetryDelay, 600)
ULONG_OUT(IBackgroundCopyJob, GetMinimumRetryDelay, 900)
ULONG_IN(IBackgroundCopyJob, SetNoProgressTimeout, 1209600)
ULONG_OUT(IBackgroundCopyJob, GetNoProgressTimeout, 86400)
ULONG_OUT(IBackgroundCopyJob, GetErrorCount, 4)

static HRESULT call_Job_SetProxySettings(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJob_SetProxySettings(JOB(p), BG_JOB_PROXY_USAGE_OVERRIDE, L"proxy.example.test:8080", NULL);
}
static void serve_Job_SetProxySettings(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "ProxyUsage", ARG(BG_JOB_PROXY_USAGE, 0), BG_JOB_PROXY_USAGE_OVERRIDE);
    expect_wstr(c, "ProxyList", ARG(LPCWSTR, 1), L"proxy.example.test:8080");
    expect_ptr(c, "ProxyBypassList", ARG(LPCWSTR, 2), NULL);
}

static HRESULT call_Job_GetProxySettings(IUnknown *p, struct case_ctx *c)
{
    static const WCHAR untouched[] = L"not touched";
    BG_JOB_PROXY_USAGE usage = 0;
    LPWSTR *list = out_storage(c, sizeof(*list));
    LPWSTR *bypass = out_storage(c, sizeof(*bypass));
    *bypass = (LPWSTR)untouched;
    HRESULT hr = IBackgroundCopyJob_GetProxySettings(JOB(p), &usage, list, bypass);
    expect_u32(c, "*pProxyUsage", usage, BG_JOB_PROXY_USAGE_OVERRIDE);
    expect_wstr(c, "*pProxyList", *list, L"proxy.example.test:8080");
    expect_ptr(c, "*pProxyBypassList", *bypass, NULL);
    CoTaskMemFree(*list);
    if (*bypass != untouched) CoTaskMemFree(*bypass);   /* the caller's, whatever a reply put there */
    return hr;
}
static void serve_Job_GetProxySettings(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(BG_JOB_PROXY_USAGE *, 0) = BG_JOB_PROXY_USAGE_OVERRIDE;
    *ARG(LPWSTR *, 1) = co_wstr(L"proxy.example.test:8080");
    *ARG(LPWSTR *, 2) = NULL;
}

/* ---- IEnumBackgroundCopyJobs ---- */

#define EJOBS(p) ((IEnumBackgroundCopyJobs *)(p))

static HRESULT call_EnumJobs_Next(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyJob *job = NULL;
    HRESULT hr = IEnumBackgroundCopyJobs_Next(EJOBS(p), 1, &job, NULL);
    expect_out_peer(c, "rgelt[0]", (IUnknown *)job, 0);
    return hr;
}
static void serve_EnumJobs_Next(const UINT_PTR *args, struct case_ctx *c)
{
    IBackgroundCopyJob **jobs = ARG(IBackgroundCopyJob **, 1);
    expect_u32(c, "celt", ARG(ULONG, 0), 1);
    expect_ptr(c, "pceltFetched", ARG(ULONG *, 2), NULL);
    expect(c, jobs != NULL, "rgelt is NULL");
    if (jobs) jobs[0] = out_peer(c, 0);
}

ULONG_IN(IEnumBackgroundCopyJobs, Skip, 2)
NO_ARGS(IEnumBackgroundCopyJobs, Reset)
PEER_OUT(IEnumBackgroundCopyJobs, Clone)
ULONG_OUT(IEnumBackgroundCopyJobs, GetCount, 5)

/* ---- IBackgroundCopyCallback ---- */

#define CB(p) ((IBackgroundCopyCallback *)(p))

static HRESULT call_Callback_JobTransferred(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyCallback_JobTransferred(CB(p), (IBackgroundCopyJob *)c->peer[0]);
}

static HRESULT call_Callback_JobError(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyCallback_JobError(CB(p), (IBackgroundCopyJob *)c->peer[0], (IBackgroundCopyError *)c->peer[1]);
}
static void serve_Callback_JobError(const UINT_PTR *args, struct case_ctx *c)
{
    expect_ptr(c, "pJob", ARG(void *, 0), c->peer[0]);
    expect_ptr(c, "pError", ARG(void *, 1), c->peer[1]);
}

static HRESULT call_Callback_JobModification(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyCallback_JobModification(CB(p), (IBackgroundCopyJob *)c->peer[0], 0);
}
static void serve_Callback_JobModification(const UINT_PTR *args, struct case_ctx *c)
{
    expect_ptr(c, "pJob", ARG(void *, 0), c->peer[0]);
    expect_u32(c, "dwReserved", ARG(DWORD, 1), 0);
}

/* ---- IBackgroundCopyManager ---- */

#define MGR(p) ((IBackgroundCopyManager *)(p))

static HRESULT call_Manager_CreateJob(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyJob *job = NULL;
    GUID id = {0};
    HRESULT hr = IBackgroundCopyManager_CreateJob(MGR(p), L"Report upload", BG_JOB_TYPE_UPLOAD, &id, &job);
    expect_guid(c, "*pJobId", &id, &created_job_id);
    expect_out_peer(c, "*ppJob", (IUnknown *)job, 0);
    return hr;
}
static void serve_Manager_CreateJob(const UINT_PTR *args, struct case_ctx *c)
{
    expect_wstr(c, "DisplayName", ARG(LPCWSTR, 0), L"Report upload");
    expect_u32(c, "Type", ARG(BG_JOB_TYPE, 1), BG_JOB_TYPE_UPLOAD);
    *ARG(GUID *, 2) = created_job_id;
    *ARG(void **, 3) = out_peer(c, 0);
}

static HRESULT call_Manager_GetJob(IUnknown *p, struct case_ctx *c)
{
    IBackgroundCopyJob *job = NULL;
    HRESULT hr = IBackgroundCopyManager_GetJob(MGR(p), &job_id, &job);
    expect_out_peer(c, "*ppJob", (IUnknown *)job, 0);
    return hr;
}
static void serve_Manager_GetJob(const UINT_PTR *args, struct case_ctx *c)
{
    expect_guid(c, "jobID", ARG(const GUID *, 0), &job_id);
    *ARG(void **, 1) = out_peer(c, 0);
}

static HRESULT call_Manager_EnumJobs(IUnknown *p, struct case_ctx *c)
{
    IEnumBackgroundCopyJobs *jobs = NULL;
    HRESULT hr = IBackgroundCopyManager_EnumJobs(MGR(p), BG_JOB_ENUM_ALL_USERS, &jobs);
    expect_out_peer(c, "*ppEnum", (IUnknown *)jobs, 0);
    return hr;
}
static void serve_Manager_EnumJobs(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "dwFlags", ARG(DWORD, 0), BG_JOB_ENUM_ALL_USERS);
    *ARG(void **, 1) = out_peer(c, 0);
}

#define GERMAN L"Der Auftrag enth\u00e4lt keine Dateien."
static HRESULT call_Manager_GetErrorDescription(IUnknown *p, struct case_ctx *c)
{
    LPWSTR *s = out_storage(c, sizeof(*s));
    HRESULT hr = IBackgroundCopyManager_GetErrorDescription(MGR(p), 0x80200010, 0x0407, s);
    expect_wstr(c, "*pErrorDescription", *s, GERMAN);
    CoTaskMemFree(*s);
    return hr;
}
static void serve_Manager_GetErrorDescription(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "hResult", ARG(HRESULT, 0), 0x80200010);
    expect_u32(c, "LanguageId", ARG(DWORD, 1), 0x0407);
    *ARG(LPWSTR *, 2) = co_wstr(GERMAN);
}

static const struct wire_case cases[] =
{
    CASE(IBackgroundCopyFile, GetRemoteName, 3, S_OK),
    CASE(IBackgroundCopyFile, GetLocalName, 4, S_OK),
    { "IBackgroundCopyFile", "GetProgress", 5, S_OK, call_File_GetProgress, serve_File_GetProgress },

    { "IEnumBackgroundCopyFiles", "Next", 3, S_FALSE, call_EnumFiles_Next, serve_EnumFiles_Next },
    CASE(IEnumBackgroundCopyFiles, Skip, 4, S_OK),
    CASE_NOARGS(IEnumBackgroundCopyFiles, Reset, 5, S_OK),
    CASE_PEER_OUT(IEnumBackgroundCopyFiles, Clone, 6, S_OK),
    CASE(IEnumBackgroundCopyFiles, GetCount, 7, S_OK),

    { "IBackgroundCopyError", "GetError", 3, S_OK, call_Error_GetError, serve_Error_GetError },
    CASE_PEER_OUT(IBackgroundCopyError, GetFile, 4, S_OK),
    { "IBackgroundCopyError", "GetErrorDescription", 5, S_OK,
      call_Error_GetErrorDescription, serve_Error_GetErrorDescription },
    { "IBackgroundCopyError", "GetErrorContextDescription", 6, S_OK, call_Error_GetErrorContextDescription,
      serve_Error_GetErrorContextDescription },
    CASE(IBackgroundCopyError, GetProtocol, 7, S_OK),

    { "IBackgroundCopyJob", "AddFileSet", 3, S_OK, call_Job_AddFileSet, serve_Job_AddFileSet },
    { "IBackgroundCopyJob", "AddFile", 4, S_OK, call_Job_AddFile, serve_Job_AddFile },
    CASE_PEER_OUT(IBackgroundCopyJob, EnumFiles, 5, S_OK),
    CASE_NOARGS(IBackgroundCopyJob, Suspend, 6, S_OK),
    CASE_NOARGS(IBackgroundCopyJob, Resume, 7, 0x80200003),
    CASE_NOARGS(IBackgroundCopyJob, Cancel, 8, S_OK),
    CASE_NOARGS(IBackgroundCopyJob, Complete, 9, 0x00200017),
    { "IBackgroundCopyJob", "GetId", 10, S_OK, call_Job_GetId, serve_Job_GetId },
    CASE(IBackgroundCopyJob, GetType, 11, S_OK),
    { "IBackgroundCopyJob", "GetProgress", 12, S_OK, call_Job_GetProgress, serve_Job_GetProgress },
    { "IBackgroundCopyJob", "GetTimes", 13, S_OK, call_Job_GetTimes, serve_Job_GetTimes },
    CASE(IBackgroundCopyJob, GetState, 14, S_OK),
    CASE_PEER_OUT(IBackgroundCopyJob, GetError, 15, S_OK),
    CASE(IBackgroundCopyJob, GetOwner, 16, S_OK),
    CASE(IBackgroundCopyJob, SetDisplayName, 17, S_OK),
    CASE(IBackgroundCopyJob, GetDisplayName, 18, S_OK),
    CASE(IBackgroundCopyJob, SetDescription, 19, S_OK),
    CASE(IBackgroundCopyJob, GetDescription, 20, S_OK),
    CASE(IBackgroundCopyJob, SetPriority, 21, S_OK),
    CASE(IBackgroundCopyJob, GetPriority, 22, S_OK),
    CASE(IBackgroundCopyJob, SetNotifyFlags, 23, S_OK),
    CASE(IBackgroundCopyJob, GetNotifyFlags, 24, S_OK),
    { "IBackgroundCopyJob", "SetNotifyInterface", 25, S_OK, call_Job_SetNotifyInterface, serve_in_peer0 },
    { "IBackgroundCopyJob", "GetNotifyInterface", 26, S_OK, call_Job_GetNotifyInterface, serve_Job_GetNotifyInterface },
    CASE(IBackgroundCopyJob, SetMinimumRetryDelay, 27, S_OK),
    CASE(IBackgroundCopyJob, GetMinimumRetryDelay, 28, S_OK),
    CASE(IBackgroundCopyJob, SetNoProgressTimeout, 29, S_OK),
    CASE(IBackgroundCopyJob, GetNoProgressTimeout, 30, S_OK),
    CASE(IBackgroundCopyJob, GetErrorCount, 31, S_OK),
    { "IBackgroundCopyJob", "SetProxySettings", 32, S_OK, call_Job_SetProxySettings, serve_Job_SetProxySettings },
    { "IBackgroundCopyJob", "GetProxySettings", 33, S_OK, call_Job_GetProxySettings, serve_Job_GetProxySettings },
    CASE_NOARGS(IBackgroundCopyJob, TakeOwnership, 34, S_OK),

    { "IEnumBackgroundCopyJobs", "Next", 3, S_OK, call_EnumJobs_Next, serve_EnumJobs_Next },
    CASE(IEnumBackgroundCopyJobs, Skip, 4, S_FALSE),
    CASE_NOARGS(IEnumBackgroundCopyJobs, Reset, 5, S_OK),
    CASE_PEER_OUT(IEnumBackgroundCopyJobs, Clone, 6, S_OK),
    CASE(IEnumBackgroundCopyJobs, GetCount, 7, S_OK),

    { "IBackgroundCopyCallback", "JobTransferred", 3, S_OK, call_Callback_JobTransferred, serve_in_peer0 },
    { "IBackgroundCopyCallback", "JobError", 4, S_OK, call_Callback_JobError, serve_Callback_JobError },
    { "IBackgroundCopyCallback", "JobModification", 5, E_NOTIMPL, call_Callback_JobModification,
      serve_Callback_JobModification },

    { "IBackgroundCopyManager", "CreateJob", 3, S_OK, call_Manager_CreateJob, serve_Manager_CreateJob },
    { "IBackgroundCopyManager", "GetJob", 4, S_OK, call_Manager_GetJob, serve_Manager_GetJob },
    { "IBackgroundCopyManager", "EnumJobs", 5, S_OK, call_Manager_EnumJobs, serve_Manager_EnumJobs },
    { "IBackgroundCopyManager", "GetErrorDescription", 6, S_OK, call_Manager_GetErrorDescription,
      serve_Manager_GetErrorDescription },
};

const struct wire_case_list wire_cases_bits = { cases, ARRAYSIZE(cases) };
