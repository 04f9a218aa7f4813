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
#include "sta_host.h"

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

/* On the host thread (server/sta_host.h): the files and an enumerator over
 * them, offered in slot 0; the enumerator itself is kept for the check that
 * the caller holds a proxy. */
static HRESULT make_enumerator(struct sta_host *host, void *context)
{
    IUnknown **raw_enum = context;
    IBackgroundCopyFile *files[3] = {0};
    HRESULT hr = S_OK;
    int i;

    for (i = 0; i < 3 && SUCCEEDED(hr); i++) hr = server_file_create(remote_names[i], local_names[i], &files[i]);
    if (SUCCEEDED(hr)) hr = server_enum_create(&IID_IEnumBackgroundCopyFiles, (IUnknown **)files, 3, raw_enum);
    for (i = 0; i < 3; i++) if (files[i]) IBackgroundCopyFile_Release(files[i]);
    hr = sta_host_offer(host, 0, hr, &IID_IEnumBackgroundCopyFiles, *raw_enum);
    if (*raw_enum) IUnknown_Release(*raw_enum);
    return hr;
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
    IUnknown *raw_enum = NULL;
    struct sta_host_desc desc = { COINIT_APARTMENTTHREADED, make_enumerator, NULL, &raw_enum };
    struct sta_host *host = NULL;
    IEnumBackgroundCopyFiles *files = NULL, *clone = NULL;
    IBackgroundCopyFile *file = NULL;
    WCHAR dll[MAX_PATH], *name = NULL;
    ULONG fetched = 0, count = 0;
    HRESULT hr;

    tap_start();
    if (argc < 2) { printf("usage: apartment_call <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[1], dll, MAX_PATH);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    hr = sta_host_start(&desc, &host);
    ok(hr == S_OK && host, "the STA made and marshaled the enumerator: hr %#lx", hr);
    if (!host) return tap_done();
    hr = sta_host_take(host, 0, &IID_IEnumBackgroundCopyFiles, (void **)&files);
    ok(hr == S_OK && files, "unmarshaled the STA's enumerator in the MTA: hr %#lx", hr);
    if (!files) return tap_done();
    ok((void *)files != (void *)raw_enum, "the MTA holds a proxy, not the STA's object");
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

    sta_host_stop(host);
    ok(server_live_objects() == 0, "live objects in the STA after release: %ld", server_live_objects());
    CoUninitialize();
    return tap_done();
}
