/*
 * Registration-free use: this program's manifest (regfree_client.exe.manifest
 * beside it, written by regfree.sh) depends on the qmgrprxy assembly
 * (qmgrprxy.manifest and qmgrprxy.dll beside it), in a prefix where nothing
 * of the DLL is registered. The model's objects live in an STA, the client
 * in the MTA; the proxies and stubs must come from the assembly's DLL, for
 * interfaces Wine's builtin qmgrprxy registers (IEnumBackgroundCopyFiles,
 * IBackgroundCopyFile) and for those nothing registers (IBackgroundCopyFile6,
 * IBitsPeerCacheAdministration): the activation context answers before the
 * registry (combase CoGetPSClsid).
 * argv[1]: the assembly's qmgrprxy.dll (Unix path).
 */
#include "tap.h"
#include "testutil.h"
#include "image_identity.h"
#include "server.h"

static const WCHAR remote_name[] = L"https://downloads.example.test/regfree/one.cab";
static const WCHAR local_name[] = L"C:\\regfree\\one.cab";

struct sta_context
{
    HANDLE ready;
    IStream *files_stream, *cache_stream;
    LONG live_after;
};

static DWORD WINAPI sta_thread(void *arg)
{
    struct sta_context *ctx = arg;
    IBackgroundCopyFile *file;
    IBitsPeerCacheAdministration *cache;
    IUnknown *enumerator;
    MSG msg;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    server_file_create(remote_name, local_name, &file);
    server_enum_create(&IID_IEnumBackgroundCopyFiles, (IUnknown **)&file, 1, &enumerator);
    IBackgroundCopyFile_Release(file);
    CoMarshalInterThreadInterfaceInStream(&IID_IEnumBackgroundCopyFiles, enumerator, &ctx->files_stream);
    IUnknown_Release(enumerator);
    server_peercache_create(&cache);
    CoMarshalInterThreadInterfaceInStream(&IID_IBitsPeerCacheAdministration, (IUnknown *)cache, &ctx->cache_stream);
    IBitsPeerCacheAdministration_Release(cache);
    PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);   /* make the queue before saying ready */
    SetEvent(ctx->ready);
    while (GetMessageW(&msg, NULL, 0, 0)) DispatchMessageW(&msg);
    CoUninitialize();
    ctx->live_after = server_live_objects();
    return 0;
}

/* The image behind a proxy's vtable is the assembly's file, not Wine's builtin. */
static void check_served_by(const void *iface, const WCHAR *dll, const char *what)
{
    HMODULE module = vtable_module(iface);
    char why[256] = "no module";
    BOOL same = module && image_matches_file(GetCurrentProcess(), module, dll, why, sizeof(why));

    ok(same && !image_is_wine_builtin(GetCurrentProcess(), module), "%s: the proxy's image is %s (%s)",
       what, wstr(dll), why);
}

static BOOL registered(const IID *iid)
{
    WCHAR key[64];
    HKEY hkey;

    lstrcpyW(key, L"Interface\\");
    StringFromGUID2(iid, key + lstrlenW(key), 40);
    if (RegOpenKeyExW(HKEY_CLASSES_ROOT, key, 0, KEY_READ, &hkey)) return FALSE;
    RegCloseKey(hkey);
    return TRUE;
}

int main(int argc, char **argv)
{
    struct sta_context ctx = {0};
    IEnumBackgroundCopyFiles *files = NULL;
    IBackgroundCopyFile *file = NULL;
    IBackgroundCopyFile6 *file6 = NULL;
    IBitsPeerCacheAdministration *cache = NULL;
    ACTCTX_SECTION_KEYED_DATA section = {0};
    BG_FILE_PROGRESS progress = {0};
    WCHAR dll[MAX_PATH], *name = NULL;
    DWORD max_size = 0;
    ULONG fetched = 0;
    CLSID ps = {0};
    HANDLE thread;
    BOOL found;
    HRESULT hr;

    tap_start();
    if (argc < 2) { printf("usage: regfree_client <qmgrprxy.dll of the assembly>\n"); return 2; }
    unix_to_windows_path(argv[1], dll, MAX_PATH);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    /* What CoGetPSClsid asks first: the interface's redirection in the context. */
    section.cbSize = sizeof(section);
    found = FindActCtxSectionGuid(0, NULL, ACTIVATION_CONTEXT_SECTION_COM_INTERFACE_REDIRECTION,
                                  &IID_IBackgroundCopyFile6, &section);
    ok(found && section.ulLength, "the activation context redirects IBackgroundCopyFile6 (%lu bytes)", section.ulLength);
    ok(!registered(&IID_IBackgroundCopyFile6) && !registered(&IID_IBitsPeerCacheAdministration),
       "IBackgroundCopyFile6 and IBitsPeerCacheAdministration are not in the registry");
    hr = CoGetPSClsid(&IID_IBackgroundCopyFile6, &ps);
    ok(hr == S_OK, "CoGetPSClsid(IBackgroundCopyFile6) from the context: hr %#lx, %s", hr, guid_str(&ps));

    ctx.ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, sta_thread, &ctx, 0, NULL);
    WaitForSingleObject(ctx.ready, INFINITE);

    hr = CoGetInterfaceAndReleaseStream(ctx.files_stream, &IID_IEnumBackgroundCopyFiles, (void **)&files);
    ok(hr == S_OK && files, "unmarshaled the STA's file enumerator: hr %#lx", hr);
    if (files)
    {
        check_served_by(files, dll, "IEnumBackgroundCopyFiles");
        hr = IEnumBackgroundCopyFiles_Next(files, 1, &file, &fetched);
        ok(hr == S_OK && fetched == 1 && file, "Next(1): hr %#lx fetched %lu", hr, fetched);
    }
    if (file)
    {
        check_served_by(file, dll, "IBackgroundCopyFile");
        hr = IBackgroundCopyFile_QueryInterface(file, &IID_IBackgroundCopyFile6, (void **)&file6);
        ok(hr == S_OK && file6, "QueryInterface(IBackgroundCopyFile6) across the apartments: hr %#lx", hr);
        IBackgroundCopyFile_Release(file);
    }
    if (file6)
    {
        check_served_by(file6, dll, "IBackgroundCopyFile6");
        hr = IBackgroundCopyFile6_GetRemoteName(file6, &name);
        ok(hr == S_OK && name && !lstrcmpW(name, remote_name), "GetRemoteName: hr %#lx \"%s\"", hr, wstr(name));
        CoTaskMemFree(name);
        hr = IBackgroundCopyFile6_UpdateDownloadPosition(file6, 4096);
        ok(hr == S_OK, "UpdateDownloadPosition(4096): hr %#lx", hr);
        hr = IBackgroundCopyFile6_GetProgress(file6, &progress);
        ok(hr == S_OK && progress.BytesTotal == BG_SIZE_UNKNOWN && progress.BytesTransferred == 0 && !progress.Completed,
           "GetProgress of a file not transferred: hr %#lx total %I64d done %I64u", hr, progress.BytesTotal,
           progress.BytesTransferred);
        ok(IBackgroundCopyFile6_Release(file6) == 0, "file proxy released to zero");
    }
    if (files) ok(IEnumBackgroundCopyFiles_Release(files) == 0, "enumerator proxy released to zero");

    hr = CoGetInterfaceAndReleaseStream(ctx.cache_stream, &IID_IBitsPeerCacheAdministration, (void **)&cache);
    ok(hr == S_OK && cache, "unmarshaled the STA's peer cache administration: hr %#lx", hr);
    if (cache)
    {
        check_served_by(cache, dll, "IBitsPeerCacheAdministration");
        hr = IBitsPeerCacheAdministration_SetMaximumCacheSize(cache, 17);
        ok(hr == S_OK, "SetMaximumCacheSize(17): hr %#lx", hr);
        hr = IBitsPeerCacheAdministration_GetMaximumCacheSize(cache, &max_size);
        ok(hr == S_OK && max_size == 17, "GetMaximumCacheSize: hr %#lx %lu", hr, max_size);
        ok(IBitsPeerCacheAdministration_Release(cache) == 0, "peer cache proxy released to zero");
    }

    PostThreadMessageW(GetThreadId(thread), WM_QUIT, 0, 0);
    WaitForSingleObject(thread, INFINITE);
    ok(ctx.live_after == 0, "live objects in the STA after release: %ld", ctx.live_after);
    CoUninitialize();
    return tap_done();
}
