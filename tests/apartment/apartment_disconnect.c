/*
 * Calls through this DLL's proxies after the objects' apartment is gone:
 * the model's enumerator and one of its files live in an STA thread, the
 * client in the MTA; the STA uninitializes (its stubs disconnect, the
 * model's objects go) while the client still holds the proxies. Every call
 * must then come back with the runtime's disconnection error, the [out]
 * parameters cleared, and the process alive: the RPC failure is raised
 * inside the proxy, and the NDR engine must catch it.
 *
 * The error is the runtime's. Wine 8 registers an interface with its RPC
 * runtime while a stub of that IID lives in the process and unregisters it
 * with the last one (combase rpc.c, rpc_register_interface and
 * rpc_unregister_interface), so the call is refused by rpcrt4 before COM
 * looks for the object: HRESULT_FROM_WIN32(RPC_S_UNKNOWN_IF), 0x800706b5.
 * Windows answers a call to an object whose apartment is gone with
 * RPC_E_DISCONNECTED (not run here: only Wine can be).
 * argv[1]: the built DLL (Unix path).
 */
#include "tap.h"
#include "testutil.h"
#include "server.h"
#include "sta_host.h"

static const WCHAR remote_name[] = L"https://downloads.example.test/pkg/disconnect.cab";
static const WCHAR local_name[] = L"C:\\staging\\disconnect.cab";

/* On the objects' thread: an enumerator over two files (slot 0) and the
 * first file on its own (slot 1). */
static HRESULT make_objects(struct sta_host *host, void *context)
{
    IBackgroundCopyFile *files[2] = {0};
    IUnknown *enumerator = NULL;
    HRESULT hr = server_file_create(remote_name, local_name, &files[0]);

    if (SUCCEEDED(hr)) hr = server_file_create(L"https://downloads.example.test/pkg/other.cab",
                                               L"C:\\staging\\other.cab", &files[1]);
    if (SUCCEEDED(hr)) hr = server_enum_create(&IID_IEnumBackgroundCopyFiles, (IUnknown **)files, 2, &enumerator);
    sta_host_offer(host, 0, hr, &IID_IEnumBackgroundCopyFiles, enumerator);
    sta_host_offer(host, 1, hr, &IID_IBackgroundCopyFile, (IUnknown *)files[0]);
    if (enumerator) IUnknown_Release(enumerator);
    if (files[0]) IBackgroundCopyFile_Release(files[0]);
    if (files[1]) IBackgroundCopyFile_Release(files[1]);
    return hr;
}

static BOOL on_wine(void)
{
    return GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != NULL;
}

static void check_served_by(const void *iface, const WCHAR *dll, const char *what)
{
    WCHAR module[MAX_PATH];
    module_path_of(*(void *const *)iface, module, MAX_PATH);
    ok(!lstrcmpiW(module, dll), "%s is a proxy of %s", what, wstr(module));
}

int main(int argc, char **argv)
{
    struct sta_host_desc desc = { COINIT_APARTMENTTHREADED, make_objects, NULL, NULL };
    const HRESULT gone = on_wine() ? HRESULT_FROM_WIN32(RPC_S_UNKNOWN_IF) : RPC_E_DISCONNECTED;
    struct sta_host *host = NULL;
    IEnumBackgroundCopyFiles *files = NULL, *clone;
    IBackgroundCopyFile *file = NULL, *element;
    BG_FILE_PROGRESS progress;
    WCHAR dll[MAX_PATH], *name = NULL;
    ULONG count = 0, fetched;
    HRESULT hr;

    tap_start();
    if (argc < 2) { printf("usage: apartment_disconnect <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[1], dll, MAX_PATH);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    printf("# runtime: %s, the error of a call whose objects' apartment is gone: %#lx\n",
           on_wine() ? "Wine" : "Windows", gone);

    hr = sta_host_start(&desc, &host);
    ok(hr == S_OK && host, "the STA made and marshaled the objects: hr %#lx", hr);
    if (!host) return tap_done();
    hr = sta_host_take(host, 0, &IID_IEnumBackgroundCopyFiles, (void **)&files);
    ok(hr == S_OK && files, "unmarshaled the enumerator: hr %#lx", hr);
    hr = sta_host_take(host, 1, &IID_IBackgroundCopyFile, (void **)&file);
    ok(hr == S_OK && file, "unmarshaled the file: hr %#lx", hr);
    if (!files || !file) return tap_done();
    check_served_by(files, dll, "the enumerator");
    check_served_by(file, dll, "the file");

    /* Connected: the calls work. */
    hr = IEnumBackgroundCopyFiles_GetCount(files, &count);
    ok(hr == S_OK && count == 2, "connected: GetCount hr %#lx, count %lu", hr, count);
    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    ok(hr == S_OK && name && !lstrcmpW(name, remote_name), "connected: GetRemoteName hr %#lx \"%s\"", hr, wstr(name));
    CoTaskMemFree(name);

    /* The objects' apartment ends under the client. */
    sta_host_stop(host);
    ok(server_live_objects() == 0, "the STA's end released every model object (%ld live)", server_live_objects());

    hr = IEnumBackgroundCopyFiles_Reset(files);
    ok(hr == gone, "after the STA's end: IEnumBackgroundCopyFiles::Reset hr %#lx", hr);
    hr = IEnumBackgroundCopyFiles_Skip(files, 1);
    ok(hr == gone, "after the STA's end: IEnumBackgroundCopyFiles::Skip hr %#lx", hr);
    count = 0xdead;
    hr = IEnumBackgroundCopyFiles_GetCount(files, &count);
    ok(hr == gone && count == 0, "after the STA's end: IEnumBackgroundCopyFiles::GetCount hr %#lx, count %lu (cleared)",
       hr, count);
    clone = (IEnumBackgroundCopyFiles *)(UINT_PTR)0xdeadbeef;
    hr = IEnumBackgroundCopyFiles_Clone(files, &clone);
    ok(hr == gone && !clone, "after the STA's end: IEnumBackgroundCopyFiles::Clone hr %#lx, *ppenum %p", hr, clone);
    element = (IBackgroundCopyFile *)(UINT_PTR)0xdeadbeef;
    fetched = 0xdead;
    hr = IEnumBackgroundCopyFiles_Next(files, 1, &element, &fetched);
    /* pceltFetched is [in, out, unique]: no reply came, so it is as the caller left it */
    ok(hr == gone && !element && fetched == 0xdead,
       "after the STA's end: IEnumBackgroundCopyFiles::Next(1) hr %#lx, rgelt[0] %p, *pceltFetched %#lx (untouched)",
       hr, element, fetched);
    name = (WCHAR *)(UINT_PTR)0xdeadbeef;
    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    ok(hr == gone && !name, "after the STA's end: IBackgroundCopyFile::GetRemoteName hr %#lx, *pVal %p", hr, name);
    memset(&progress, 0xcc, sizeof(progress));
    hr = IBackgroundCopyFile_GetProgress(file, &progress);
    ok(hr == gone && !progress.BytesTotal && !progress.BytesTransferred && !progress.Completed,
       "after the STA's end: IBackgroundCopyFile::GetProgress hr %#lx, progress %llu/%llu %d (cleared)", hr,
       (unsigned long long)progress.BytesTransferred, (unsigned long long)progress.BytesTotal, progress.Completed);

    ok(IEnumBackgroundCopyFiles_Release(files) == 0, "the enumerator's dead proxy released to zero");
    ok(IBackgroundCopyFile_Release(file) == 0, "the file's dead proxy released to zero");
    CoUninitialize();
    return tap_done();
}
