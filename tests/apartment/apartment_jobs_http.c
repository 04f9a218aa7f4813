/*
 * Jobs area: IBackgroundCopyJobHttpOptions, 2 and 3 (but the server
 * certificate validation callback: apartment_jobs_transfer.c) and
 * IBitsTokenOptions of a job, through proxies.
 */
#include <string.h>
#include "apartment_jobs.h"
#include <sddl.h>

static void test_client_certificate(const struct suite_ctx *ctx, IBackgroundCopyJobHttpOptions *http)
{
    BYTE hash[20], zeros[20] = {0}, *got_hash = (BYTE *)1;
    BG_CERT_STORE_LOCATION location = 99;
    WCHAR *store = (WCHAR *)1, *subject = (WCHAR *)1;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < sizeof(hash); i++) hash[i] = 0xa0 + i;
    hr = IBackgroundCopyJobHttpOptions_GetClientCertificate(http, &location, &store, &got_hash, &subject);
    ok(hr == HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA) && !store && !got_hash && !subject,
       "%s: GetClientCertificate without one: hr %#lx", ctx->config, hr);

    hr = IBackgroundCopyJobHttpOptions_SetClientCertificateByID(http, BG_CERT_STORE_LOCATION_LOCAL_MACHINE, L"MY", hash);
    ok(hr == S_OK, "%s: SetClientCertificateByID: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_GetClientCertificate(http, &location, &store, &got_hash, &subject);
    ok(hr == S_OK && location == BG_CERT_STORE_LOCATION_LOCAL_MACHINE, "%s: GetClientCertificate: hr %#lx location %d",
       ctx->config, hr, location);
    ok(jobs_take_string(store, L"MY"), "%s: the certificate's store is MY", ctx->config);
    ok(got_hash && !memcmp(got_hash, hash, sizeof(hash)), "%s: the certificate's hash is the one set", ctx->config);
    ok(jobs_take_string(subject, L""), "%s: a certificate set by hash has an empty subject in the model", ctx->config);
    CoTaskMemFree(got_hash);
    exercised("IBackgroundCopyJobHttpOptions", "SetClientCertificateByID");

    hr = IBackgroundCopyJobHttpOptions_SetClientCertificateByName(http, BG_CERT_STORE_LOCATION_CURRENT_USER, L"ROOT",
                                                                  L"CN=client.example.test, O=\x00c9xample");
    ok(hr == S_OK, "%s: SetClientCertificateByName: hr %#lx", ctx->config, hr);
    got_hash = NULL;
    hr = IBackgroundCopyJobHttpOptions_GetClientCertificate(http, &location, &store, &got_hash, &subject);
    ok(hr == S_OK && location == BG_CERT_STORE_LOCATION_CURRENT_USER, "%s: GetClientCertificate: hr %#lx location %d",
       ctx->config, hr, location);
    ok(jobs_take_string(store, L"ROOT"), "%s: the certificate's store is ROOT", ctx->config);
    ok(got_hash && !memcmp(got_hash, zeros, sizeof(zeros)), "%s: a certificate set by name has a zero hash in the model",
       ctx->config);
    ok(jobs_take_string(subject, L"CN=client.example.test, O=\x00c9xample"), "%s: the subject name is the one set", ctx->config);
    CoTaskMemFree(got_hash);
    hr = IBackgroundCopyJobHttpOptions_SetClientCertificateByName(http, 8, L"ROOT", L"CN=x");
    ok(hr == E_INVALIDARG, "%s: store location 8: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_SetClientCertificateByID(http, BG_CERT_STORE_LOCATION_CURRENT_USER, L"", hash);
    ok(hr == E_INVALIDARG, "%s: an empty store name: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJobHttpOptions", "SetClientCertificateByName");
    exercised("IBackgroundCopyJobHttpOptions", "GetClientCertificate");

    hr = IBackgroundCopyJobHttpOptions_RemoveClientCertificate(http);
    ok(hr == S_OK, "%s: RemoveClientCertificate: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_RemoveClientCertificate(http);
    ok(hr == S_FALSE, "%s: RemoveClientCertificate again: hr %#lx", ctx->config, hr);
    store = subject = (WCHAR *)1;
    got_hash = (BYTE *)1;
    hr = IBackgroundCopyJobHttpOptions_GetClientCertificate(http, &location, &store, &got_hash, &subject);
    ok(hr == HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA) && !store && !got_hash && !subject,
       "%s: the certificate is gone: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJobHttpOptions", "RemoveClientCertificate");
}

static void test_headers_and_flags(const struct suite_ctx *ctx, IBackgroundCopyJobHttpOptions *http)
{
    const WCHAR *headers = L"X-One: 1\r\nX-Caf\x00e9: cr\x00e8me\r\n";
    WCHAR *got = (WCHAR *)1, *s;
    ULONG flags = 99;
    HRESULT hr;

    hr = IBackgroundCopyJobHttpOptions_GetCustomHeaders(http, &got);
    ok(hr == S_FALSE && !got, "%s: a new job has no custom headers: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_SetCustomHeaders(http, headers);
    ok(hr == S_OK, "%s: SetCustomHeaders: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_GetCustomHeaders(http, &got);
    ok(hr == S_OK && jobs_take_string(got, headers), "%s: GetCustomHeaders returns them: hr %#lx", ctx->config, hr);
    s = jobs_repeat_char('h', 16384);
    hr = IBackgroundCopyJobHttpOptions_SetCustomHeaders(http, s);
    ok(hr == (HRESULT)BG_E_STRING_TOO_LONG, "%s: 16,384 characters of headers: hr %#lx", ctx->config, hr);
    s[16383] = 0;
    hr = IBackgroundCopyJobHttpOptions_SetCustomHeaders(http, s);
    ok(hr == S_OK, "%s: 16,383 characters of headers: hr %#lx", ctx->config, hr);
    got = NULL;
    hr = IBackgroundCopyJobHttpOptions_GetCustomHeaders(http, &got);
    ok(hr == S_OK && jobs_take_string(got, s), "%s: the long headers come back whole: hr %#lx", ctx->config, hr);
    CoTaskMemFree(s);
    hr = IBackgroundCopyJobHttpOptions_SetCustomHeaders(http, NULL);
    ok(hr == S_OK, "%s: SetCustomHeaders(NULL): hr %#lx", ctx->config, hr);
    got = (WCHAR *)1;
    hr = IBackgroundCopyJobHttpOptions_GetCustomHeaders(http, &got);
    ok(hr == S_FALSE && !got, "%s: NULL removed the headers: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJobHttpOptions", "SetCustomHeaders");
    exercised("IBackgroundCopyJobHttpOptions", "GetCustomHeaders");

    hr = IBackgroundCopyJobHttpOptions_GetSecurityFlags(http, &flags);
    ok(hr == S_OK && flags == 0, "%s: a new job's security flags are 0 (%#lx)", ctx->config, flags);
    hr = IBackgroundCopyJobHttpOptions_SetSecurityFlags(http, BG_SSL_ENABLE_CRL_CHECK | BG_SSL_IGNORE_UNKNOWN_CA |
        BG_HTTP_REDIRECT_POLICY_ALLOW_REPORT | BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP);
    ok(hr == S_OK, "%s: SetSecurityFlags: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_GetSecurityFlags(http, &flags);
    ok(hr == S_OK && flags == (BG_SSL_ENABLE_CRL_CHECK | BG_SSL_IGNORE_UNKNOWN_CA | BG_HTTP_REDIRECT_POLICY_ALLOW_REPORT |
       BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP), "%s: GetSecurityFlags %#lx", ctx->config, flags);
    hr = IBackgroundCopyJobHttpOptions_SetSecurityFlags(http, 0x0300);
    ok(hr == E_INVALIDARG, "%s: redirect policy 0x300: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_SetSecurityFlags(http, 0x1000);
    ok(hr == E_INVALIDARG, "%s: security flag 0x1000: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions_GetSecurityFlags(http, &flags);
    ok(hr == S_OK && flags == (BG_SSL_ENABLE_CRL_CHECK | BG_SSL_IGNORE_UNKNOWN_CA | BG_HTTP_REDIRECT_POLICY_ALLOW_REPORT |
       BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP), "%s: refused flags change nothing (%#lx)", ctx->config, flags);
    exercised("IBackgroundCopyJobHttpOptions", "SetSecurityFlags");
    exercised("IBackgroundCopyJobHttpOptions", "GetSecurityFlags");
}

static void test_http_method(const struct suite_ctx *ctx, IBackgroundCopyJob *job, IBackgroundCopyJobHttpOptions2 *http2)
{
    BITS_JOB_PROPERTY_VALUE value;
    IBackgroundCopyJob5 *job5;
    BG_JOB_PRIORITY priority = 99;
    WCHAR *method = NULL;
    HRESULT hr;

    hr = IBackgroundCopyJobHttpOptions2_GetHttpMethod(http2, &method);
    ok(hr == S_OK && jobs_take_string(method, L"GET"), "%s: a download's HTTP method is GET: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions2_SetHttpMethod(http2, L"PUT");
    ok(hr == S_OK, "%s: SetHttpMethod(PUT): hr %#lx", ctx->config, hr);
    method = NULL;
    hr = IBackgroundCopyJobHttpOptions2_GetHttpMethod(http2, &method);
    ok(hr == S_OK && jobs_take_string(method, L"PUT"), "%s: GetHttpMethod is PUT: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetPriority(job, &priority);
    ok(hr == S_OK && priority == BG_JOB_PRIORITY_FOREGROUND, "%s: a custom method makes the job FOREGROUND (%d)",
       ctx->config, priority);
    hr = IBackgroundCopyJob_SetPriority(job, BG_JOB_PRIORITY_LOW);
    ok(hr == T_BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD, "%s: and keeps it FOREGROUND: hr %#lx", ctx->config, hr);
    if ((job5 = jobs_query(ctx, job, &IID_IBackgroundCopyJob5, "IBackgroundCopyJob5")))
    {
        memset(&value, 0, sizeof(value));
        value.Enable = TRUE;
        hr = IBackgroundCopyJob5_SetProperty(job5, BITS_JOB_PROPERTY_DYNAMIC_CONTENT, value);
        ok(hr == T_BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD, "%s: no dynamic content with a custom method: hr %#lx",
           ctx->config, hr);
        IBackgroundCopyJob5_Release(job5);
    }
    hr = IBackgroundCopyJobHttpOptions2_SetHttpMethod(http2, L"");
    ok(hr == E_INVALIDARG, "%s: SetHttpMethod(\"\"): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions2_SetHttpMethod(http2, L"GET");
    ok(hr == S_OK, "%s: SetHttpMethod back to GET: hr %#lx", ctx->config, hr);
    method = NULL;
    hr = IBackgroundCopyJobHttpOptions2_GetHttpMethod(http2, &method);
    ok(hr == S_OK && jobs_take_string(method, L"GET"), "%s: GetHttpMethod is GET again: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetPriority(job, BG_JOB_PRIORITY_LOW);
    ok(hr == S_OK, "%s: with the default method the priority is free again: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJobHttpOptions2", "SetHttpMethod");
    exercised("IBackgroundCopyJobHttpOptions2", "GetHttpMethod");
}

static void test_write_only_headers(const struct suite_ctx *ctx, IBackgroundCopyJobHttpOptions3 *http3)
{
    WCHAR *got = (WCHAR *)1;
    HRESULT hr;

    hr = IBackgroundCopyJobHttpOptions3_SetCustomHeaders(http3, L"Authorization: Bearer 123\r\n");
    ok(hr == S_OK, "%s: SetCustomHeaders with a secret: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions3_MakeCustomHeadersWriteOnly(http3);
    ok(hr == S_OK, "%s: MakeCustomHeadersWriteOnly: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions3_GetCustomHeaders(http3, &got);
    ok(hr == E_ACCESSDENIED && !got, "%s: write-only headers cannot be read: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions3_SetCustomHeaders(http3, L"X-Other: 2\r\n");
    ok(hr == S_OK, "%s: write-only headers can still be written: hr %#lx", ctx->config, hr);
    got = (WCHAR *)1;
    hr = IBackgroundCopyJobHttpOptions3_GetCustomHeaders(http3, &got);
    ok(hr == E_ACCESSDENIED && !got, "%s: and stay unreadable: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions3_MakeCustomHeadersWriteOnly(http3);
    ok(hr == S_OK, "%s: MakeCustomHeadersWriteOnly again: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJobHttpOptions3", "MakeCustomHeadersWriteOnly");
}

void jobs_test_http_options(const struct suite_ctx *ctx)
{
    IBackgroundCopyJobHttpOptions *http;
    IBackgroundCopyJobHttpOptions2 *http2;
    IBackgroundCopyJobHttpOptions3 *http3;
    IBackgroundCopyJob *job;

    if (!(job = jobs_new_job(ctx, L"jobs: http options", BG_JOB_TYPE_DOWNLOAD, NULL))) return;
    if ((http = jobs_query(ctx, job, &IID_IBackgroundCopyJobHttpOptions, "IBackgroundCopyJobHttpOptions")))
    {
        ok(same_object(http, job), "%s: the HTTP options are the job's", ctx->config);
        test_client_certificate(ctx, http);
        test_headers_and_flags(ctx, http);
        if ((http2 = jobs_query(ctx, http, &IID_IBackgroundCopyJobHttpOptions2, "IBackgroundCopyJobHttpOptions2")))
        {
            test_http_method(ctx, job, http2);
            IBackgroundCopyJobHttpOptions2_Release(http2);
        }
        if ((http3 = jobs_query(ctx, http, &IID_IBackgroundCopyJobHttpOptions3, "IBackgroundCopyJobHttpOptions3")))
        {
            test_write_only_headers(ctx, http3);
            IBackgroundCopyJobHttpOptions3_Release(http3);
        }
        IBackgroundCopyJobHttpOptions_Release(http);
    }
    jobs_drop_job(ctx, job);
}

/* The user SID of this process, worked out here. */
static WCHAR *process_user_sid(void)
{
    BYTE buffer[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    WCHAR *text = NULL, *copy = NULL;
    HANDLE token;
    DWORD size;

    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return NULL;
    if (GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &size) &&
        ConvertSidToStringSidW(((TOKEN_USER *)buffer)->User.Sid, &text))
    {
        copy = CoTaskMemAlloc((lstrlenW(text) + 1) * sizeof(WCHAR));
        lstrcpyW(copy, text);
        LocalFree(text);
    }
    CloseHandle(token);
    return copy;
}

void jobs_test_token_options(const struct suite_ctx *ctx)
{
    IBitsTokenOptions *token;
    IBackgroundCopyJob *job;
    WCHAR *sid = (WCHAR *)1, *expected;
    DWORD flags = 99;
    HRESULT hr;

    if (!(job = jobs_new_job(ctx, L"jobs: token options", BG_JOB_TYPE_DOWNLOAD, NULL))) return;
    if (!(token = jobs_query(ctx, job, &IID_IBitsTokenOptions, "IBitsTokenOptions"))) goto done;
    ok(same_object(token, job), "%s: the token options are the job's", ctx->config);

    hr = IBitsTokenOptions_GetHelperTokenFlags(token, &flags);
    ok(hr == S_OK && flags == 0, "%s: a new job's helper token flags are 0 (%#lx)", ctx->config, flags);
    hr = IBitsTokenOptions_SetHelperTokenFlags(token, BG_TOKEN_LOCAL_FILE | BG_TOKEN_NETWORK);
    ok(hr == S_OK, "%s: SetHelperTokenFlags: hr %#lx", ctx->config, hr);
    hr = IBitsTokenOptions_GetHelperTokenFlags(token, &flags);
    ok(hr == S_OK && flags == (BG_TOKEN_LOCAL_FILE | BG_TOKEN_NETWORK), "%s: GetHelperTokenFlags %#lx", ctx->config, flags);
    hr = IBitsTokenOptions_SetHelperTokenFlags(token, 4);
    ok(hr == E_INVALIDARG, "%s: SetHelperTokenFlags(4): hr %#lx", ctx->config, hr);
    exercised("IBitsTokenOptions", "SetHelperTokenFlags");
    exercised("IBitsTokenOptions", "GetHelperTokenFlags");

    hr = IBitsTokenOptions_GetHelperTokenSid(token, &sid);
    ok(hr == S_OK && !sid, "%s: no helper token SID before SetHelperToken: hr %#lx", ctx->config, hr);
    hr = IBitsTokenOptions_SetHelperToken(token);
    ok(hr == S_OK, "%s: SetHelperToken: hr %#lx", ctx->config, hr);
    expected = process_user_sid();
    sid = NULL;
    hr = IBitsTokenOptions_GetHelperTokenSid(token, &sid);
    ok(hr == S_OK && expected && sid && !lstrcmpW(sid, expected), "%s: the helper token is the caller's, %s (got %s): hr %#lx",
       ctx->config, wstr(expected), wstr(sid), hr);
    CoTaskMemFree(sid);
    CoTaskMemFree(expected);
    hr = IBitsTokenOptions_ClearHelperToken(token);
    ok(hr == S_OK, "%s: ClearHelperToken: hr %#lx", ctx->config, hr);
    sid = (WCHAR *)1;
    hr = IBitsTokenOptions_GetHelperTokenSid(token, &sid);
    ok(hr == S_OK && !sid, "%s: no helper token SID after ClearHelperToken: hr %#lx", ctx->config, hr);
    hr = IBitsTokenOptions_GetHelperTokenFlags(token, &flags);
    ok(hr == S_OK && flags == (BG_TOKEN_LOCAL_FILE | BG_TOKEN_NETWORK), "%s: the flags outlive the token (%#lx)",
       ctx->config, flags);
    exercised("IBitsTokenOptions", "SetHelperToken");
    exercised("IBitsTokenOptions", "GetHelperTokenSid");
    exercised("IBitsTokenOptions", "ClearHelperToken");
    IBitsTokenOptions_Release(token);
done:
    jobs_drop_job(ctx, job);
}
