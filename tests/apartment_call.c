/*
 * One real cross-apartment call through this DLL: the objects live in an
 * STA thread, the client in the MTA. IBackgroundCopyFile::GetRemoteName
 * returns the exact string, and IEnumBackgroundCopyFiles::Clone returns an
 * enumerator (a proxy, not the object) whose next element is the original's.
 * argv[1]: the built DLL (Unix path).
 */
#include "tap.h"
#include "testutil.h"
#include "server.h"

static const WCHAR *remote_names[] =
{
    L"https://downloads.example.test/pkg/alpha.cab",
    L"https://downloads.example.test/pkg/b\x00e9ta.cab",     /* non-ASCII survives */
    L"https://downloads.example.test/pkg/gamma.cab",
};
static const WCHAR *local_names[] =
{
    L"C:\\staging\\alpha.cab", L"C:\\staging\\beta.cab", L"C:\\staging\\gamma.cab",
};

struct sta_context
{
    HANDLE ready;
    IStream *stream;
    IUnknown *raw_enum;
    LONG live_after;
};

static DWORD WINAPI sta_thread(void *arg)
{
    struct sta_context *ctx = arg;
    IBackgroundCopyFile *files[3];
    IUnknown *enumerator;
    MSG msg;
    int i;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    for (i = 0; i < 3; i++) server_file_create(remote_names[i], local_names[i], &files[i]);
    server_enum_create(&IID_IEnumBackgroundCopyFiles, (IUnknown **)files, 3, &enumerator);
    for (i = 0; i < 3; i++) IBackgroundCopyFile_Release(files[i]);
    ctx->raw_enum = enumerator;
    CoMarshalInterThreadInterfaceInStream(&IID_IEnumBackgroundCopyFiles, enumerator, &ctx->stream);
    IUnknown_Release(enumerator);
    PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);   /* make the queue before saying ready */
    SetEvent(ctx->ready);
    while (GetMessageW(&msg, NULL, 0, 0)) DispatchMessageW(&msg);
    CoUninitialize();
    ctx->live_after = server_live_objects();
    return 0;
}

static void check_served_by(const void *iface, const WCHAR *dll, const char *what)
{
    WCHAR module[MAX_PATH];
    module_path_of(*(void *const *)iface, module, MAX_PATH);
    ok(!lstrcmpiW(module, dll), "%s is a proxy of %s", what, wstr(module));
}

static void check_next_name(IEnumBackgroundCopyFiles *e, const WCHAR *expected, const char *what)
{
    IBackgroundCopyFile *file = NULL;
    ULONG fetched = 0xdead;
    WCHAR *name = NULL;
    HRESULT hr = IEnumBackgroundCopyFiles_Next(e, 1, &file, &fetched);

    ok(hr == S_OK && fetched == 1 && file, "%s: Next(1) hr %#lx fetched %lu", what, hr, fetched);
    if (!file) return;
    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    ok(hr == S_OK && name && !lstrcmpW(name, expected), "%s: next element is \"%s\" (hr %#lx, expected \"%s\")",
       what, wstr(name), hr, wstr(expected));
    CoTaskMemFree(name);
    IBackgroundCopyFile_Release(file);
}

int main(int argc, char **argv)
{
    struct sta_context ctx = {0};
    IEnumBackgroundCopyFiles *files = NULL, *clone = NULL;
    IBackgroundCopyFile *file = NULL;
    WCHAR dll[MAX_PATH], *name = NULL;
    HANDLE thread;
    ULONG fetched = 0, count = 0;
    HRESULT hr;

    tap_start();
    if (argc < 2) { printf("usage: apartment_call <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[1], dll, MAX_PATH);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    ctx.ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, sta_thread, &ctx, 0, NULL);
    WaitForSingleObject(ctx.ready, INFINITE);
    hr = CoGetInterfaceAndReleaseStream(ctx.stream, &IID_IEnumBackgroundCopyFiles, (void **)&files);
    ok(hr == S_OK && files, "unmarshaled the STA's enumerator in the MTA: hr %#lx", hr);
    if (!files) return tap_done();
    ok((void *)files != (void *)ctx.raw_enum, "the MTA holds a proxy, not the STA's object");
    check_served_by(files, dll, "the enumerator");

    hr = IEnumBackgroundCopyFiles_GetCount(files, &count);
    ok(hr == S_OK && count == 3, "GetCount: hr %#lx count %lu", hr, count);

    hr = IEnumBackgroundCopyFiles_Next(files, 1, &file, &fetched);
    ok(hr == S_OK && fetched == 1 && file, "Next(1): hr %#lx fetched %lu", hr, fetched);
    if (file)
    {
        check_served_by(file, dll, "the file");
        hr = IBackgroundCopyFile_GetRemoteName(file, &name);
        ok(hr == S_OK && name && !lstrcmpW(name, remote_names[0]),
           "GetRemoteName: hr %#lx \"%s\"", hr, wstr(name));
        CoTaskMemFree(name);
        name = NULL;
        hr = IBackgroundCopyFile_GetLocalName(file, &name);
        ok(hr == S_OK && name && !lstrcmpW(name, local_names[0]), "GetLocalName: hr %#lx \"%s\"", hr, wstr(name));
        CoTaskMemFree(name);
        IBackgroundCopyFile_Release(file);
    }

    hr = IEnumBackgroundCopyFiles_Clone(files, &clone);
    ok(hr == S_OK && clone, "Clone after one element: hr %#lx", hr);
    if (clone)
    {
        check_served_by(clone, dll, "the clone");
        check_next_name(clone, remote_names[1], "clone");
        check_next_name(files, remote_names[1], "original");
        check_next_name(files, remote_names[2], "original, moved on alone");
        hr = IEnumBackgroundCopyFiles_Reset(clone);
        ok(hr == S_OK, "Reset the clone: hr %#lx", hr);
        check_next_name(clone, remote_names[0], "clone after Reset");
        ok(IEnumBackgroundCopyFiles_Release(clone) == 0, "clone released to zero");
    }
    ok(IEnumBackgroundCopyFiles_Release(files) == 0, "enumerator proxy released to zero");

    PostThreadMessageW(GetThreadId(thread), WM_QUIT, 0, 0);
    WaitForSingleObject(thread, INFINITE);
    ok(ctx.live_after == 0, "live objects in the STA after release: %ld", ctx.live_after);
    CoUninitialize();
    return tap_done();
}
