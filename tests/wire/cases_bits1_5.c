/* Fixed calls of IBackgroundCopyJob2 (bits1_5.idl); vectors/IBackgroundCopyJob2.wire
 * has the bytes they must produce. */
#include "wire_cases.h"

#define JOB2(p) ((IBackgroundCopyJob2 *)(p))

static HRESULT call_SetNotifyCmdLine(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJob2_SetNotifyCmdLine(JOB2(p), L"C:\\Tools\\notify.exe", L"notify.exe --job 7");
}
static void serve_SetNotifyCmdLine(const UINT_PTR *args, struct case_ctx *c)
{
    expect_wstr(c, "Program", ARG(LPCWSTR, 0), L"C:\\Tools\\notify.exe");
    expect_wstr(c, "Parameters", ARG(LPCWSTR, 1), L"notify.exe --job 7");
}

static HRESULT call_GetNotifyCmdLine(IUnknown *p, struct case_ctx *c)
{
    LPWSTR *program = out_storage(c, sizeof(*program));
    LPWSTR *parameters = out_storage(c, sizeof(*parameters));
    HRESULT hr = IBackgroundCopyJob2_GetNotifyCmdLine(JOB2(p), program, parameters);
    expect_wstr(c, "*pProgram", *program, L"C:\\Tools\\notify.exe");
    expect_wstr(c, "*pParameters", *parameters, L"notify.exe /q");
    CoTaskMemFree(*program);
    CoTaskMemFree(*parameters);
    return hr;
}
static void serve_GetNotifyCmdLine(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(LPWSTR *, 0) = co_wstr(L"C:\\Tools\\notify.exe");
    *ARG(LPWSTR *, 1) = co_wstr(L"notify.exe /q");
}

static HRESULT call_GetReplyProgress(IUnknown *p, struct case_ctx *c)
{
    BG_JOB_REPLY_PROGRESS progress = { 1, 2 };
    HRESULT hr = IBackgroundCopyJob2_GetReplyProgress(JOB2(p), &progress);
    expect_u64(c, "BytesTotal", progress.BytesTotal, 0x4000);
    expect_u64(c, "BytesTransferred", progress.BytesTransferred, 0x1000);
    return hr;
}
static void serve_GetReplyProgress(const UINT_PTR *args, struct case_ctx *c)
{
    BG_JOB_REPLY_PROGRESS *progress = ARG(BG_JOB_REPLY_PROGRESS *, 0);
    expect(c, progress && progress->BytesTotal == 1 && progress->BytesTransferred == 2,
           "*pProgress on the way in is not {1, 2}");
    if (!progress) return;
    progress->BytesTotal = 0x4000;
    progress->BytesTransferred = 0x1000;
}

static const BYTE reply_bytes[5] = { 'H', 'e', 'l', 'l', 'o' };
static HRESULT call_GetReplyData(IUnknown *p, struct case_ctx *c)
{
    UINT64 length = 0x20;
    byte **buffer = out_storage(c, sizeof(*buffer));
    HRESULT hr = IBackgroundCopyJob2_GetReplyData(JOB2(p), buffer, &length);
    expect_u64(c, "*pLength", length, 5);
    expect_bytes(c, "*ppBuffer", *buffer, reply_bytes, 5);
    CoTaskMemFree(*buffer);
    return hr;
}
static void serve_GetReplyData(const UINT_PTR *args, struct case_ctx *c)
{
    UINT64 *length = ARG(UINT64 *, 1);
    byte *buffer = CoTaskMemAlloc(5);
    expect(c, length && *length == 0x20, "*pLength on the way in is not 0x20");
    memcpy(buffer, reply_bytes, 5);
    *ARG(byte **, 0) = buffer;
    if (length) *length = 5;
}

WSTR_IN(IBackgroundCopyJob2, SetReplyFileName, L"C:\\replies\\r.bin")
WSTR_OUT(IBackgroundCopyJob2, GetReplyFileName, L"C:\\replies\\r.bin")

#define USER L"EXAMPLE\\svc-bits"
#define PASSWORD L"p@ss w\u00f6rd"
static HRESULT call_SetCredentials(IUnknown *p, struct case_ctx *c)
{
    BG_AUTH_CREDENTIALS credentials;
    memset(&credentials, 0, sizeof(credentials));
    credentials.Target = BG_AUTH_TARGET_SERVER;
    credentials.Scheme = BG_AUTH_SCHEME_NTLM;
    credentials.Credentials.Basic.UserName = (LPWSTR)USER;
    credentials.Credentials.Basic.Password = (LPWSTR)PASSWORD;
    return IBackgroundCopyJob2_SetCredentials(JOB2(p), &credentials);
}
static void serve_SetCredentials(const UINT_PTR *args, struct case_ctx *c)
{
    const BG_AUTH_CREDENTIALS *credentials = ARG(const BG_AUTH_CREDENTIALS *, 0);
    expect(c, credentials != NULL, "credentials is NULL");
    if (!credentials) return;
    expect_u32(c, "Target", credentials->Target, BG_AUTH_TARGET_SERVER);
    expect_u32(c, "Scheme", credentials->Scheme, BG_AUTH_SCHEME_NTLM);
    expect_wstr(c, "UserName", credentials->Credentials.Basic.UserName, USER);
    expect_wstr(c, "Password", credentials->Credentials.Basic.Password, PASSWORD);
}

static HRESULT call_RemoveCredentials(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJob2_RemoveCredentials(JOB2(p), BG_AUTH_TARGET_PROXY, BG_AUTH_SCHEME_NEGOTIATE);
}
static void serve_RemoveCredentials(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "Target", ARG(BG_AUTH_TARGET, 0), BG_AUTH_TARGET_PROXY);
    expect_u32(c, "Scheme", ARG(BG_AUTH_SCHEME, 1), BG_AUTH_SCHEME_NEGOTIATE);
}

static const struct wire_case cases[] =
{
    { "IBackgroundCopyJob2", "SetNotifyCmdLine", 35, S_OK, call_SetNotifyCmdLine, serve_SetNotifyCmdLine },
    { "IBackgroundCopyJob2", "GetNotifyCmdLine", 36, S_OK, call_GetNotifyCmdLine, serve_GetNotifyCmdLine },
    { "IBackgroundCopyJob2", "GetReplyProgress", 37, S_OK, call_GetReplyProgress, serve_GetReplyProgress },
    { "IBackgroundCopyJob2", "GetReplyData", 38, S_OK, call_GetReplyData, serve_GetReplyData },
    CASE(IBackgroundCopyJob2, SetReplyFileName, 39, S_OK),
    CASE(IBackgroundCopyJob2, GetReplyFileName, 40, S_OK),
    { "IBackgroundCopyJob2", "SetCredentials", 41, S_OK, call_SetCredentials, serve_SetCredentials },
    { "IBackgroundCopyJob2", "RemoveCredentials", 42, S_OK, call_RemoveCredentials, serve_RemoveCredentials },
};

const struct wire_case_list wire_cases_bits1_5 = { cases, ARRAYSIZE(cases) };
