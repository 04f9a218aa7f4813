/* Fixed calls of IBitsTokenOptions and IBackgroundCopyFile4 (bits4_0.idl);
 * vectors/<interface>.wire has the bytes they must produce. */
#include "wire_cases.h"

#define TOKEN(p) ((IBitsTokenOptions *)(p))

static void serve_nothing(const UINT_PTR *args, struct case_ctx *c)
{
}

static HRESULT call_SetHelperTokenFlags(IUnknown *p, struct case_ctx *c)
{
    return IBitsTokenOptions_SetHelperTokenFlags(TOKEN(p), BG_TOKEN_LOCAL_FILE | BG_TOKEN_NETWORK);
}
static void serve_SetHelperTokenFlags(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "UsageFlags", ARG(DWORD, 0), BG_TOKEN_LOCAL_FILE | BG_TOKEN_NETWORK);
}

static HRESULT call_GetHelperTokenFlags(IUnknown *p, struct case_ctx *c)
{
    DWORD flags = 0;
    HRESULT hr = IBitsTokenOptions_GetHelperTokenFlags(TOKEN(p), &flags);
    expect_u32(c, "*pFlags", flags, BG_TOKEN_LOCAL_FILE);
    return hr;
}
static void serve_GetHelperTokenFlags(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(DWORD *, 0) = BG_TOKEN_LOCAL_FILE;
}

static HRESULT call_SetHelperToken(IUnknown *p, struct case_ctx *c)
{
    return IBitsTokenOptions_SetHelperToken(TOKEN(p));
}
static HRESULT call_ClearHelperToken(IUnknown *p, struct case_ctx *c)
{
    return IBitsTokenOptions_ClearHelperToken(TOKEN(p));
}

static HRESULT call_GetHelperTokenSid(IUnknown *p, struct case_ctx *c)
{
    LPWSTR *sid = out_storage(c, sizeof(*sid));
    *sid = (LPWSTR)L"not touched";
    HRESULT hr = IBitsTokenOptions_GetHelperTokenSid(TOKEN(p), sid);
    expect_ptr(c, "*pSid", *sid, NULL);
    return hr;
}
static void serve_GetHelperTokenSid(const UINT_PTR *args, struct case_ctx *c) { *ARG(LPWSTR *, 0) = NULL; }

static HRESULT call_GetPeerDownloadStats(IUnknown *p, struct case_ctx *c)
{
    UINT64 origin = 0, peers = 0;
    HRESULT hr = IBackgroundCopyFile4_GetPeerDownloadStats((IBackgroundCopyFile4 *)p, &origin, &peers);
    expect_u64(c, "*pFromOrigin", origin, 0x123400);
    expect_u64(c, "*pFromPeers", peers, 0x100005678ull);
    return hr;
}
static void serve_GetPeerDownloadStats(const UINT_PTR *args, struct case_ctx *c)
{
    *ARG(UINT64 *, 0) = 0x123400;
    *ARG(UINT64 *, 1) = 0x100005678ull;
}

static const struct wire_case cases[] =
{
    { "IBitsTokenOptions", "SetHelperTokenFlags", 3, S_OK, call_SetHelperTokenFlags, serve_SetHelperTokenFlags },
    { "IBitsTokenOptions", "GetHelperTokenFlags", 4, S_OK, call_GetHelperTokenFlags, serve_GetHelperTokenFlags },
    { "IBitsTokenOptions", "SetHelperToken", 5, S_OK, call_SetHelperToken, serve_nothing },
    { "IBitsTokenOptions", "ClearHelperToken", 6, S_OK, call_ClearHelperToken, serve_nothing },
    { "IBitsTokenOptions", "GetHelperTokenSid", 7, S_OK, call_GetHelperTokenSid, serve_GetHelperTokenSid },
    { "IBackgroundCopyFile4", "GetPeerDownloadStats", 12, S_OK, call_GetPeerDownloadStats, serve_GetPeerDownloadStats },
};

const struct wire_case_list wire_cases_bits4_0 = { cases, ARRAYSIZE(cases) };
