/*
 * A BITS client as a MinGW-w64 developer writes one: it includes only
 * <bits.h> (which, as in the SDK, pulls in bits1_5.h ... bits10_3.h) and is
 * built by sdk_install.sh against the files `meson install` put into a
 * DESTDIR, with `$(pkg-config --cflags --libs qmgrprxy)` and nothing of the
 * build tree but the TAP printer. It calls BITS 4.0-10.3 interfaces of the
 * model's manager in another process (server/host/bits_model_host.exe), so
 * every call crosses the process boundary through qmgrprxy.dll, and checks
 * the values against the model's documented rules (server/job.c, file.c,
 * job_http.c, job_token.c).
 *
 * usage: sdk_client <CLSID of the model's manager, "{...}">
 */
#define COBJMACROS   /* the C call macros, IBackgroundCopyJob_Resume(job) */
#include <windows.h>
#include <sddl.h>
#include <bits.h>
#include "tap.h"

static char *narrow(const WCHAR *text)
{
    static char buffer[4][512];
    static int next;
    char *out = buffer[next++ % 4];

    if (!text) return "(null)";
    WideCharToMultiByte(CP_UTF8, 0, text, -1, out, 512, NULL, NULL);
    return out;
}

/* The client's IBackgroundCopyServerCertificateValidationCallback: records
 * what the service side showed it, reads the job and file back through
 * the proxies it was given, and accepts the certificate. */
struct validator
{
    IBackgroundCopyServerCertificateValidationCallback iface;
    LONG ref;
    LONG calls;
    BYTE cert[64], store[64];
    DWORD cert_length, store_length, encoding;
    WCHAR *job_name, *file_name;
};

static struct validator *impl(IBackgroundCopyServerCertificateValidationCallback *iface)
{
    return CONTAINING_RECORD(iface, struct validator, iface);
}

static HRESULT STDMETHODCALLTYPE validator_QueryInterface(IBackgroundCopyServerCertificateValidationCallback *iface,
                                                          REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyServerCertificateValidationCallback))
    {
        *out = iface;
        IUnknown_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE validator_AddRef(IBackgroundCopyServerCertificateValidationCallback *iface)
{
    return InterlockedIncrement(&impl(iface)->ref);
}

static ULONG STDMETHODCALLTYPE validator_Release(IBackgroundCopyServerCertificateValidationCallback *iface)
{
    return InterlockedDecrement(&impl(iface)->ref);
}

static HRESULT STDMETHODCALLTYPE validator_Validate(IBackgroundCopyServerCertificateValidationCallback *iface,
        IBackgroundCopyJob *job, IBackgroundCopyFile *file, DWORD cert_length, const BYTE cert[],
        DWORD encoding, DWORD store_length, const BYTE store[])
{
    struct validator *v = impl(iface);

    v->calls++;
    v->encoding = encoding;
    v->cert_length = cert_length;
    v->store_length = store_length;
    if (cert_length <= sizeof(v->cert)) memcpy(v->cert, cert, cert_length);
    if (store_length <= sizeof(v->store)) memcpy(v->store, store, store_length);
    if (job) IBackgroundCopyJob_GetDisplayName(job, &v->job_name);
    if (file) IBackgroundCopyFile_GetRemoteName(file, &v->file_name);
    return S_OK;
}

static IBackgroundCopyServerCertificateValidationCallbackVtbl validator_vtbl =
{
    validator_QueryInterface, validator_AddRef, validator_Release, validator_Validate,
};

static void token_options(IBackgroundCopyJob *job)
{
    IBitsTokenOptions *token = NULL;
    WCHAR *sid = NULL, *own = NULL;
    BYTE buffer[256];
    DWORD flags = 0, size;
    HANDLE process_token;
    HRESULT hr;

    hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBitsTokenOptions, (void **)&token);
    ok(hr == S_OK && token, "BITS 4.0: IBitsTokenOptions of the job: hr %#lx", hr);
    if (!token) return;
    hr = IBitsTokenOptions_SetHelperTokenFlags(token, BG_TOKEN_NETWORK);
    ok(hr == S_OK, "SetHelperTokenFlags(BG_TOKEN_NETWORK): hr %#lx", hr);
    hr = IBitsTokenOptions_GetHelperTokenFlags(token, &flags);
    ok(hr == S_OK && flags == BG_TOKEN_NETWORK, "GetHelperTokenFlags: hr %#lx flags %#lx", hr, flags);

    /* The model keeps the caller's user SID; the host runs as this user. */
    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &process_token);
    if (GetTokenInformation(process_token, TokenUser, buffer, sizeof(buffer), &size))
        ConvertSidToStringSidW(((TOKEN_USER *)buffer)->User.Sid, &own);
    CloseHandle(process_token);
    hr = IBitsTokenOptions_SetHelperToken(token);
    ok(hr == S_OK, "SetHelperToken: hr %#lx", hr);
    hr = IBitsTokenOptions_GetHelperTokenSid(token, &sid);
    ok(hr == S_OK && sid && own && !lstrcmpW(sid, own), "GetHelperTokenSid: hr %#lx \"%s\" (this user: \"%s\")",
       hr, narrow(sid), narrow(own));
    CoTaskMemFree(sid);
    sid = (WCHAR *)1;
    hr = IBitsTokenOptions_ClearHelperToken(token);
    ok(hr == S_OK, "ClearHelperToken: hr %#lx", hr);
    hr = IBitsTokenOptions_GetHelperTokenSid(token, &sid);
    ok(hr == S_OK && sid == NULL, "GetHelperTokenSid after ClearHelperToken: hr %#lx, NULL: %d", hr, sid == NULL);
    LocalFree(own);
    IBitsTokenOptions_Release(token);
}

static IBackgroundCopyFile6 *first_file(IBackgroundCopyJob *job)
{
    IEnumBackgroundCopyFiles *files = NULL;
    IBackgroundCopyFile *file = NULL;
    IBackgroundCopyFile6 *file6 = NULL;
    ULONG fetched = 0;
    HRESULT hr;

    IBackgroundCopyJob_EnumFiles(job, &files);
    if (!files) return NULL;
    hr = IEnumBackgroundCopyFiles_Next(files, 1, &file, &fetched);
    ok(hr == S_OK && fetched == 1 && file, "EnumFiles, Next(1): hr %#lx fetched %lu", hr, fetched);
    IEnumBackgroundCopyFiles_Release(files);
    if (!file) return NULL;
    hr = IBackgroundCopyFile_QueryInterface(file, &IID_IBackgroundCopyFile6, (void **)&file6);
    ok(hr == S_OK && file6, "BITS 10.1: IBackgroundCopyFile6 of the file: hr %#lx", hr);
    IBackgroundCopyFile_Release(file);
    return file6;
}

static void http_options(IBackgroundCopyJob *job, struct validator *validator)
{
    IBackgroundCopyJobHttpOptions3 *http = NULL;
    WCHAR *headers = (WCHAR *)1;
    HRESULT hr;

    hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyJobHttpOptions3, (void **)&http);
    ok(hr == S_OK && http, "BITS 10.3: IBackgroundCopyJobHttpOptions3 of the job: hr %#lx", hr);
    if (!http) return;
    hr = IBackgroundCopyJobHttpOptions3_SetServerCertificateValidationInterface(http, (IUnknown *)&validator->iface);
    ok(hr == S_OK, "SetServerCertificateValidationInterface: hr %#lx", hr);
    hr = IBackgroundCopyJobHttpOptions3_SetCustomHeaders(http, L"X-Client: sdk_client\r\n");
    ok(hr == S_OK, "SetCustomHeaders: hr %#lx", hr);
    hr = IBackgroundCopyJobHttpOptions3_MakeCustomHeadersWriteOnly(http);
    ok(hr == S_OK, "MakeCustomHeadersWriteOnly: hr %#lx", hr);
    hr = IBackgroundCopyJobHttpOptions3_GetCustomHeaders(http, &headers);
    ok(hr == E_ACCESSDENIED && headers == NULL, "GetCustomHeaders once write-only: hr %#lx, NULL: %d",
       hr, headers == NULL);
    IBackgroundCopyJobHttpOptions3_Release(http);
}

int main(int argc, char **argv)
{
    static const WCHAR remote[] = L"https://downloads.example.test/sdk/payload.bin";
    static const char model_cert[] = "qmgrprxy model server certificate";
    static const char model_store[] = "qmgrprxy model certificate store";
    const BG_FILE_RANGE wanted[2] = { { 1024, 2048 }, { 8192, 512 } };
    struct validator validator = { { &validator_vtbl }, 1 };
    IBackgroundCopyManager *manager = NULL;
    IBackgroundCopyJob *job = NULL;
    IBackgroundCopyFile6 *file = NULL;
    BG_FILE_RANGE *filled = NULL;
    BG_JOB_STATE state = 0;
    WCHAR clsid_text[64];
    DWORD count = 0;
    unsigned int i;
    CLSID clsid;
    GUID id;
    HRESULT hr;

    tap_start();
    if (argc < 2) { printf("usage: sdk_client <CLSID of the model's manager>\n"); return 2; }
    MultiByteToWideChar(CP_UTF8, 0, argv[1], -1, clsid_text, ARRAYSIZE(clsid_text));
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    ok(CLSIDFromString(clsid_text, &clsid) == S_OK, "the model's CLSID %s", argv[1]);
    hr = CoCreateInstance(&clsid, NULL, CLSCTX_LOCAL_SERVER, &IID_IBackgroundCopyManager, (void **)&manager);
    ok(hr == S_OK && manager, "CoCreateInstance(CLSCTX_LOCAL_SERVER) IBackgroundCopyManager: hr %#lx", hr);
    if (!manager) return tap_done();

    hr = IBackgroundCopyManager_CreateJob(manager, L"sdk client job", BG_JOB_TYPE_DOWNLOAD, &id, &job);
    ok(hr == S_OK && job, "CreateJob: hr %#lx", hr);
    if (!job) return tap_done();
    token_options(job);

    hr = IBackgroundCopyJob_AddFile(job, remote, L"C:\\sdk\\payload.bin");
    ok(hr == S_OK, "AddFile: hr %#lx", hr);
    if ((file = first_file(job)))
    {
        /* The model's file is 1024 bytes per character of its remote name. */
        UINT64 size = (UINT64)lstrlenW(remote) * 1024;
        hr = IBackgroundCopyFile6_UpdateDownloadPosition(file, size);
        ok(hr == BG_E_INVALID_RANGE, "UpdateDownloadPosition(size %I64u): hr %#lx", size, hr);
        hr = IBackgroundCopyFile6_UpdateDownloadPosition(file, 4096);
        ok(hr == S_OK, "UpdateDownloadPosition(4096): hr %#lx", hr);
        hr = IBackgroundCopyFile6_RequestFileRanges(file, 2, wanted);
        ok(hr == S_OK, "RequestFileRanges(2 ranges): hr %#lx", hr);
    }
    http_options(job, &validator);

    /* The model transfers inside Resume, first showing the https file's
     * certificate to the validation callback: a call from the host back
     * into this process. */
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK, "Resume: hr %#lx", hr);
    ok(validator.calls == 1, "ValidateServerCertificate called back once: %ld", validator.calls);
    ok(validator.cert_length == sizeof(model_cert) - 1 && !memcmp(validator.cert, model_cert, sizeof(model_cert) - 1),
       "the certificate: %lu bytes \"%.*s\"", validator.cert_length, (int)min(validator.cert_length, 64),
       (const char *)validator.cert);
    ok(validator.store_length == sizeof(model_store) - 1 && !memcmp(validator.store, model_store, sizeof(model_store) - 1),
       "the store: %lu bytes \"%.*s\"", validator.store_length, (int)min(validator.store_length, 64),
       (const char *)validator.store);
    ok(validator.encoding == (X509_ASN_ENCODING | PKCS_7_ASN_ENCODING), "the encoding: %#lx", validator.encoding);
    ok(validator.job_name && !lstrcmpW(validator.job_name, L"sdk client job"),
       "the callback read its job's name through the proxy: \"%s\"", narrow(validator.job_name));
    ok(validator.file_name && !lstrcmpW(validator.file_name, remote),
       "the callback read its file's name through the proxy: \"%s\"", narrow(validator.file_name));
    hr = IBackgroundCopyJob_GetState(job, &state);
    ok(hr == S_OK && state == BG_JOB_STATE_TRANSFERRED, "GetState after Resume: hr %#lx state %d", hr, state);

    if (file)
    {
        hr = IBackgroundCopyFile6_GetFilledFileRanges(file, &count, &filled);
        ok(hr == S_OK && count == 2 && filled && filled[0].InitialOffset == 1024 && filled[0].Length == 2048 &&
           filled[1].InitialOffset == 8192 && filled[1].Length == 512,
           "GetFilledFileRanges: hr %#lx, %lu ranges, first %I64u+%I64u", hr, count,
           filled ? filled[0].InitialOffset : 0, filled ? filled[0].Length : 0);
        CoTaskMemFree(filled);
        IBackgroundCopyFile6_Release(file);
    }
    hr = IBackgroundCopyJob_Complete(job);
    ok(hr == S_OK, "Complete: hr %#lx", hr);
    IBackgroundCopyJob_Release(job);
    IBackgroundCopyManager_Release(manager);
    CoTaskMemFree(validator.job_name);
    CoTaskMemFree(validator.file_name);
    /* The host's last RemRelease of the callback may still be on its way. */
    for (i = 0; i < 40 && validator.ref != 1; i++) Sleep(50);
    ok(validator.ref == 1, "the host released every reference to the callback (%ld left)", validator.ref - 1);
    CoUninitialize();
    return tap_done();
}
