/* Fixed calls of IBackgroundCopyJob5 and IBackgroundCopyFile5 (bits5_0.idl):
 * the non-encapsulated property unions. vectors/<interface>.wire has the
 * bytes they must produce. */
#include "wire_cases.h"

/* CLSID_BackgroundCopyManager, as a property value */
static const GUID notify_clsid = {0x4991d34b, 0x80a1, 0x4291, {0x83, 0xb6, 0x33, 0x28, 0x36, 0x6b, 0x90, 0x97}};
#define HEADERS_IN L"Content-Type: application/octet-stream"
#define HEADERS_OUT L"ETag: 5d8c72a5edda8d6a"

static HRESULT call_Job5_SetProperty(IUnknown *p, struct case_ctx *c)
{
    BITS_JOB_PROPERTY_VALUE value;
    memset(&value, 0, sizeof(value));
    value.Uint64 = 0x40000000;
    return IBackgroundCopyJob5_SetProperty((IBackgroundCopyJob5 *)p, BITS_JOB_PROPERTY_MAX_DOWNLOAD_SIZE, value);
}
static void serve_Job5_SetProperty(const UINT_PTR *args, struct case_ctx *c)
{
    /* a 16-byte union passed by value arrives by address (x86_64) */
    const BITS_JOB_PROPERTY_VALUE *value = ARG(const BITS_JOB_PROPERTY_VALUE *, 1);
    expect_u32(c, "PropertyId", ARG(BITS_JOB_PROPERTY_ID, 0), BITS_JOB_PROPERTY_MAX_DOWNLOAD_SIZE);
    expect(c, value && value->Uint64 == 0x40000000, "PropertyValue.Uint64 is not 0x40000000");
}

static HRESULT call_Job5_GetProperty(IUnknown *p, struct case_ctx *c)
{
    BITS_JOB_PROPERTY_VALUE value;
    HRESULT hr;
    memset(&value, 0, sizeof(value));
    hr = IBackgroundCopyJob5_GetProperty((IBackgroundCopyJob5 *)p, BITS_JOB_PROPERTY_NOTIFICATION_CLSID, &value);
    expect_guid(c, "PropertyValue->ClsID", &value.ClsID, &notify_clsid);
    return hr;
}
static void serve_Job5_GetProperty(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "PropertyId", ARG(BITS_JOB_PROPERTY_ID, 0), BITS_JOB_PROPERTY_NOTIFICATION_CLSID);
    ARG(BITS_JOB_PROPERTY_VALUE *, 1)->ClsID = notify_clsid;
}

static HRESULT call_File5_SetProperty(IUnknown *p, struct case_ctx *c)
{
    BITS_FILE_PROPERTY_VALUE value;
    value.String = (LPWSTR)HEADERS_IN;
    return IBackgroundCopyFile5_SetProperty((IBackgroundCopyFile5 *)p, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS,
                                            value);
}
static void serve_File5_SetProperty(const UINT_PTR *args, struct case_ctx *c)
{
    /* an 8-byte union passed by value arrives in the argument word itself */
    expect_u32(c, "PropertyId", ARG(BITS_FILE_PROPERTY_ID, 0), BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS);
    expect_wstr(c, "PropertyValue.String", ARG(LPCWSTR, 1), HEADERS_IN);
}

static HRESULT call_File5_GetProperty(IUnknown *p, struct case_ctx *c)
{
    BITS_FILE_PROPERTY_VALUE value = { NULL };
    HRESULT hr = IBackgroundCopyFile5_GetProperty((IBackgroundCopyFile5 *)p, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS,
                                                  &value);
    expect_wstr(c, "PropertyValue->String", value.String, HEADERS_OUT);
    CoTaskMemFree(value.String);
    return hr;
}
static void serve_File5_GetProperty(const UINT_PTR *args, struct case_ctx *c)
{
    expect_u32(c, "PropertyId", ARG(BITS_FILE_PROPERTY_ID, 0), BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS);
    ARG(BITS_FILE_PROPERTY_VALUE *, 1)->String = co_wstr(HEADERS_OUT);
}

static const struct wire_case cases[] =
{
    { "IBackgroundCopyJob5", "SetProperty", 53, S_OK, call_Job5_SetProperty, serve_Job5_SetProperty },
    { "IBackgroundCopyJob5", "GetProperty", 54, S_OK, call_Job5_GetProperty, serve_Job5_GetProperty },
    { "IBackgroundCopyFile5", "SetProperty", 13, S_OK, call_File5_SetProperty, serve_File5_SetProperty },
    { "IBackgroundCopyFile5", "GetProperty", 14, S_OK, call_File5_GetProperty, serve_File5_GetProperty },
};

const struct wire_case_list wire_cases_bits5_0 = { cases, ARRAYSIZE(cases) };
