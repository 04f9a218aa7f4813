/* Fixed calls of the bits10_1/10_2/10_3.idl interfaces; vectors/<interface>.wire
 * has the bytes they must produce. */
#include "wire_cases.h"

/* ---- IBackgroundCopyCallback3 ---- */

static HRESULT call_FileRangesTransferred(IUnknown *p, struct case_ctx *c)
{
    const BG_FILE_RANGE ranges[2] = { { 0, 0x10000 }, { 0x20000, 0x8000 } };
    return IBackgroundCopyCallback3_FileRangesTransferred((IBackgroundCopyCallback3 *)p,
            (IBackgroundCopyJob *)c->peer[0], (IBackgroundCopyFile *)c->peer[1], 2, ranges);
}
static void serve_FileRangesTransferred(const UINT_PTR *args, struct case_ctx *c)
{
    const BG_FILE_RANGE *ranges = ARG(const BG_FILE_RANGE *, 3);
    expect_ptr(c, "job", ARG(void *, 0), c->peer[0]);
    expect_ptr(c, "file", ARG(void *, 1), c->peer[1]);
    expect_u32(c, "rangeCount", ARG(DWORD, 2), 2);
    expect_range(c, "ranges[0]", ranges, 0, 0x10000);
    expect_range(c, "ranges[1]", ranges ? &ranges[1] : NULL, 0x20000, 0x8000);
}

/* ---- IBackgroundCopyFile6 ---- */

#define FILE6(p) ((IBackgroundCopyFile6 *)(p))

static HRESULT call_UpdateDownloadPosition(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyFile6_UpdateDownloadPosition(FILE6(p), 0x123456789abcdef0ull);
}
static void serve_UpdateDownloadPosition(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u64(c, "offset", ARG(UINT64, 0), 0x123456789abcdef0ull);
}

static HRESULT call_RequestFileRanges(IUnknown *p, struct case_ctx *c)
{
    const BG_FILE_RANGE range = { 0x7000, 0x0fff };
    return IBackgroundCopyFile6_RequestFileRanges(FILE6(p), 1, &range);
}
static void serve_RequestFileRanges(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "rangeCount", ARG(DWORD, 0), 1);
    expect_range(c, "ranges[0]", ARG(const BG_FILE_RANGE *, 1), 0x7000, 0x0fff);
}

static HRESULT call_GetFilledFileRanges(IUnknown *p, struct case_ctx *c)
{
    BG_FILE_RANGE **ranges = out_storage(c, sizeof(*ranges));
    DWORD count = 0;
    HRESULT hr = IBackgroundCopyFile6_GetFilledFileRanges(FILE6(p), &count, ranges);
    expect_u32(c, "*rangeCount", count, 2);
    expect_range(c, "(*ranges)[0]", *ranges, 0, 0x7000);
    expect_range(c, "(*ranges)[1]", *ranges ? &(*ranges)[1] : NULL, 0x7fff, 1);
    CoTaskMemFree(*ranges);
    return hr;
}
static void serve_GetFilledFileRanges(const UINT_PTR *args, struct case_ctx *c)
{
    BG_FILE_RANGE *ranges = CoTaskMemAlloc(2 * sizeof(*ranges));
    ranges[0].InitialOffset = 0;
    ranges[0].Length = 0x7000;
    ranges[1].InitialOffset = 0x7fff;
    ranges[1].Length = 1;
    *ARG(DWORD *, 0) = 2;
    *ARG(BG_FILE_RANGE **, 1) = ranges;
}

/* ---- IBackgroundCopyJobHttpOptions2 ---- */

WSTR_IN(IBackgroundCopyJobHttpOptions2, SetHttpMethod, L"PUT")
WSTR_OUT(IBackgroundCopyJobHttpOptions2, GetHttpMethod, L"PATCH")

/* ---- IBackgroundCopyServerCertificateValidationCallback ---- */

static const BYTE cert[6] = { 0x30, 0x82, 0x01, 0x0a, 0x02, 0x01 };
static const BYTE store[3] = { 'S', 'T', 'O' };

static HRESULT call_ValidateServerCertificate(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyServerCertificateValidationCallback_ValidateServerCertificate(
            (IBackgroundCopyServerCertificateValidationCallback *)p, (IBackgroundCopyJob *)c->peer[0],
            (IBackgroundCopyFile *)c->peer[1], 6, cert, X509_ASN_ENCODING, 3, store);
}
static void serve_ValidateServerCertificate(const UINT_PTR *args, struct case_ctx *c)
{
    expect_ptr(c, "job", ARG(void *, 0), c->peer[0]);
    expect_ptr(c, "file", ARG(void *, 1), c->peer[1]);
    expect_u32(c, "certLength", ARG(DWORD, 2), 6);
    expect_bytes(c, "certData", ARG(const BYTE *, 3), cert, 6);
    expect_u32(c, "certEncodingType", ARG(DWORD, 4), X509_ASN_ENCODING);
    expect_u32(c, "certStoreLength", ARG(DWORD, 5), 3);
    expect_bytes(c, "certStoreData", ARG(const BYTE *, 6), store, 3);
}

/* ---- IBackgroundCopyJobHttpOptions3 ---- */

static HRESULT call_SetServerCertificateValidationInterface(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJobHttpOptions3_SetServerCertificateValidationInterface(
            (IBackgroundCopyJobHttpOptions3 *)p, c->peer[0]);
}
static void serve_SetServerCertificateValidationInterface(const UINT_PTR *args, struct case_ctx *c)
{
    expect_ptr(c, "certValidationCallback", ARG(void *, 0), c->peer[0]);
}

NO_ARGS(IBackgroundCopyJobHttpOptions3, MakeCustomHeadersWriteOnly)

static const struct wire_case cases[] =
{
    { "IBackgroundCopyCallback3", "FileRangesTransferred", 7, S_OK, call_FileRangesTransferred,
      serve_FileRangesTransferred },
    { "IBackgroundCopyFile6", "UpdateDownloadPosition", 15, S_OK, call_UpdateDownloadPosition,
      serve_UpdateDownloadPosition },
    { "IBackgroundCopyFile6", "RequestFileRanges", 16, S_OK, call_RequestFileRanges, serve_RequestFileRanges },
    { "IBackgroundCopyFile6", "GetFilledFileRanges", 17, S_OK, call_GetFilledFileRanges, serve_GetFilledFileRanges },
    CASE(IBackgroundCopyJobHttpOptions2, SetHttpMethod, 11, S_OK),
    CASE(IBackgroundCopyJobHttpOptions2, GetHttpMethod, 12, S_OK),
    { "IBackgroundCopyServerCertificateValidationCallback", "ValidateServerCertificate", 3, E_ACCESSDENIED,
      call_ValidateServerCertificate, serve_ValidateServerCertificate },
    { "IBackgroundCopyJobHttpOptions3", "SetServerCertificateValidationInterface", 13, S_OK,
      call_SetServerCertificateValidationInterface, serve_SetServerCertificateValidationInterface },
    CASE_NOARGS(IBackgroundCopyJobHttpOptions3, MakeCustomHeadersWriteOnly, 14, S_OK),
};

const struct wire_case_list wire_cases_bits10 = { cases, ARRAYSIZE(cases) };
