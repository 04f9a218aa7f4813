/* Fixed calls of IBackgroundCopyJobHttpOptions (bits2_5.idl);
 * vectors/IBackgroundCopyJobHttpOptions.wire has the bytes they must produce. */
#include "wire_cases.h"

#define HTTP(p) ((IBackgroundCopyJobHttpOptions *)(p))

static const BYTE cert_hash[20] =
{
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99,
    0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x23, 0x45, 0x67,
};
#define SUBJECT L"CN=client.example.test"

static HRESULT call_SetClientCertificateByID(IUnknown *p, struct case_ctx *c)
{
    BYTE hash[20];
    memcpy(hash, cert_hash, sizeof(hash));
    return IBackgroundCopyJobHttpOptions_SetClientCertificateByID(HTTP(p), BG_CERT_STORE_LOCATION_LOCAL_MACHINE,
                                                                  L"MY", hash);
}
static void serve_SetClientCertificateByID(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "StoreLocation", ARG(BG_CERT_STORE_LOCATION, 0), BG_CERT_STORE_LOCATION_LOCAL_MACHINE);
    expect_wstr(c, "StoreName", ARG(LPCWSTR, 1), L"MY");
    expect_bytes(c, "pCertHashBlob", ARG(const BYTE *, 2), cert_hash, 20);
}

static HRESULT call_SetClientCertificateByName(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJobHttpOptions_SetClientCertificateByName(HTTP(p), BG_CERT_STORE_LOCATION_CURRENT_USER,
                                                                    L"MY", SUBJECT);
}
static void serve_SetClientCertificateByName(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "StoreLocation", ARG(BG_CERT_STORE_LOCATION, 0), BG_CERT_STORE_LOCATION_CURRENT_USER);
    expect_wstr(c, "StoreName", ARG(LPCWSTR, 1), L"MY");
    expect_wstr(c, "SubjectName", ARG(LPCWSTR, 2), SUBJECT);
}

NO_ARGS(IBackgroundCopyJobHttpOptions, RemoveClientCertificate)

static HRESULT call_GetClientCertificate(IUnknown *p, struct case_ctx *c)
{
    BG_CERT_STORE_LOCATION location = 0;
    LPWSTR *store = out_storage(c, sizeof(*store));
    LPWSTR *subject = out_storage(c, sizeof(*subject));
    byte **hash = out_storage(c, sizeof(*hash));
    HRESULT hr = IBackgroundCopyJobHttpOptions_GetClientCertificate(HTTP(p), &location, store, hash, subject);
    expect_u32(c, "*pStoreLocation", location, BG_CERT_STORE_LOCATION_LOCAL_MACHINE);
    expect_wstr(c, "*pStoreName", *store, L"MY");
    expect_bytes(c, "*ppCertHashBlob", *hash, cert_hash, 20);
    expect_wstr(c, "*pSubjectName", *subject, SUBJECT);
    CoTaskMemFree(*store);
    CoTaskMemFree(*hash);
    CoTaskMemFree(*subject);
    return hr;
}
static void serve_GetClientCertificate(const UINT_PTR *args, struct case_ctx *c)
{
    byte *hash = CoTaskMemAlloc(20);
    memcpy(hash, cert_hash, 20);
    *ARG(BG_CERT_STORE_LOCATION *, 0) = BG_CERT_STORE_LOCATION_LOCAL_MACHINE;
    *ARG(LPWSTR *, 1) = co_wstr(L"MY");
    *ARG(byte **, 2) = hash;
    *ARG(LPWSTR *, 3) = co_wstr(SUBJECT);
}

WSTR_IN(IBackgroundCopyJobHttpOptions, SetCustomHeaders, L"X-Trace: 1")
WSTR_OUT(IBackgroundCopyJobHttpOptions, GetCustomHeaders, L"X-Trace: 1")
ULONG_IN(IBackgroundCopyJobHttpOptions, SetSecurityFlags, 0x0101)
ULONG_OUT(IBackgroundCopyJobHttpOptions, GetSecurityFlags, 0x0800)

static const struct wire_case cases[] =
{
    { "IBackgroundCopyJobHttpOptions", "SetClientCertificateByID", 3, S_OK, call_SetClientCertificateByID,
      serve_SetClientCertificateByID },
    { "IBackgroundCopyJobHttpOptions", "SetClientCertificateByName", 4, S_OK, call_SetClientCertificateByName,
      serve_SetClientCertificateByName },
    CASE_NOARGS(IBackgroundCopyJobHttpOptions, RemoveClientCertificate, 5, S_OK),
    { "IBackgroundCopyJobHttpOptions", "GetClientCertificate", 6, S_OK, call_GetClientCertificate,
      serve_GetClientCertificate },
    CASE(IBackgroundCopyJobHttpOptions, SetCustomHeaders, 7, S_OK),
    CASE(IBackgroundCopyJobHttpOptions, GetCustomHeaders, 8, S_OK),
    CASE(IBackgroundCopyJobHttpOptions, SetSecurityFlags, 9, S_OK),
    CASE(IBackgroundCopyJobHttpOptions, GetSecurityFlags, 10, S_OK),
};

const struct wire_case_list wire_cases_bits2_5 = { cases, ARRAYSIZE(cases) };
