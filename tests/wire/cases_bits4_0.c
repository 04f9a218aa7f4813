/* Fixed calls of IBitsTokenOptions and IBackgroundCopyFile4 (bits4_0.idl);
 * vectors/<interface>.wire has the bytes they must produce. */
#include "wire_cases.h"

#define TOKEN(p) ((IBitsTokenOptions *)(p))

ULONG_IN(IBitsTokenOptions, SetHelperTokenFlags, BG_TOKEN_LOCAL_FILE | BG_TOKEN_NETWORK)
ULONG_OUT(IBitsTokenOptions, GetHelperTokenFlags, BG_TOKEN_LOCAL_FILE)
NO_ARGS(IBitsTokenOptions, SetHelperToken)
NO_ARGS(IBitsTokenOptions, ClearHelperToken)

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
    CASE(IBitsTokenOptions, SetHelperTokenFlags, 3, S_OK),
    CASE(IBitsTokenOptions, GetHelperTokenFlags, 4, S_OK),
    CASE_NOARGS(IBitsTokenOptions, SetHelperToken, 5, S_OK),
    CASE_NOARGS(IBitsTokenOptions, ClearHelperToken, 6, S_OK),
    { "IBitsTokenOptions", "GetHelperTokenSid", 7, S_OK, call_GetHelperTokenSid, serve_GetHelperTokenSid },
    { "IBackgroundCopyFile4", "GetPeerDownloadStats", 12, S_OK, call_GetPeerDownloadStats, serve_GetPeerDownloadStats },
};

const struct wire_case_list wire_cases_bits4_0 = { cases, ARRAYSIZE(cases) };
