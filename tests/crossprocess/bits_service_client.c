/*
 * A client of Wine's BITS service (qmgr.dll in svchost.exe, a peer nobody
 * here wrote), across processes. One run is one pairing of marshalers: the
 * client's proxies and stubs come from one qmgrprxy.dll ("ours", the built
 * file, or "builtin", Wine's), the service's from one. The run proves which
 * DLL each process mapped, then creates and reads back jobs and files and
 * checks every value against what it set or what Wine's qmgr is written to
 * answer (dlls/qmgr, Wine 8); an error HRESULT must reach the client as the
 * service returned it. Every value received is also written to a transcript,
 * so that the harness can compare the pairings with each other.
 *
 * usage: bits_service_client <built qmgrprxy.dll> <client: ours|builtin>
 *            <service: ours|builtin> <transcript> [<http base URL>]
 * (Unix paths; the URL is the harness's HTTP fixture, see http_fixture.py.)
 */
#include <string.h>
#include "bits_client.h"
#include "image_identity.h"

/* Which DLL each side runs. */
struct side
{
    const char *kind;            /* "ours" or "builtin" */
    WCHAR file[MAX_PATH];        /* the file its image must match */
};

static void check_image(HANDLE process, void *base, const struct side *side, const char *who)
{
    char why[256];
    BOOL builtin = image_is_wine_builtin(process, base);

    ok(image_matches_file(process, base, side->file, why, sizeof(why)),
       "%s: the %s's qmgrprxy image is %s (%s)", config, who, wstr(side->file), why);
    ok(builtin == !strcmp(side->kind, "builtin"), "%s: the %s's qmgrprxy %s Wine's builtin mark",
       config, who, builtin ? "carries" : "lacks");
}

static void check_sides(IBackgroundCopyManager *manager, const struct side *client, const struct side *service)
{
    WCHAR path[MAX_PATH];
    HMODULE module = vtable_module(manager);
    void *base;
    DWORD pid;
    HANDLE process;
    unsigned int count;

    GetModuleFileNameW(module, path, MAX_PATH);
    ok(module != NULL && !lstrcmpiW(wcsrchr(path, '\\') ? wcsrchr(path, '\\') + 1 : path, L"qmgrprxy.dll"),
       "%s: the manager's proxy comes from a module named qmgrprxy.dll (%s)", config, wstr(path));
    count = find_process_module(GetCurrentProcessId(), L"qmgrprxy.dll", &base, path, MAX_PATH);
    ok(count == 1 && base == (void *)module, "%s: the client has one qmgrprxy.dll, the proxy's (%u)", config, count);
    if (module) check_image(GetCurrentProcess(), module, client, "client");

    pid = service_process_id(L"BITS");
    ok(pid != 0, "%s: the BITS service runs (pid %lu)", config, pid);
    if (!pid) return;
    ok(pid != GetCurrentProcessId(), "%s: the service is another process", config);
    ok(find_process_module(pid, L"qmgr.dll", &base, path, MAX_PATH) == 1,
       "%s: the service process has loaded qmgr.dll (%s)", config, wstr(path));
    count = find_process_module(pid, L"qmgrprxy.dll", &base, path, MAX_PATH);
    ok(count == 1, "%s: the service process has loaded one qmgrprxy.dll (%u, %s)", config, count, wstr(path));
    if (count != 1) return;
    process = OpenProcess(PROCESS_VM_READ | PROCESS_QUERY_INFORMATION, FALSE, pid);
    ok(process != NULL, "%s: opened the service process: error %lu", config, GetLastError());
    if (!process) return;
    check_image(process, base, service, "service");
    CloseHandle(process);
}

static void resolve_side(struct side *side, const char *kind, const char *built_dll)
{
    side->kind = kind;
    if (!strcmp(kind, "ours")) unix_to_windows_path(built_dll, side->file, MAX_PATH);
    else
    {
        GetSystemDirectoryW(side->file, MAX_PATH);
        lstrcatW(side->file, L"\\qmgrprxy.dll");
    }
}

int main(int argc, char **argv)
{
    IBackgroundCopyManager *manager = NULL;
    struct side client, service;
    struct callback cb;
    WCHAR path[MAX_PATH];
    unsigned int i;
    HRESULT hr;

    tap_start();
    if (argc < 5) { printf("usage: bits_service_client <qmgrprxy.dll> <client: ours|builtin> <service: ours|builtin> <transcript> [<http base>]\n"); return 2; }
    GetSystemTimeAsFileTime(&run_start);
    snprintf(config, sizeof(config), "service=%s client=%s", argv[3], argv[2]);
    if (strcmp(argv[2], argv[3])) pairing = MIXED;
    else pairing = strcmp(argv[2], "ours") ? PURE_BUILTIN : PURE_OURS;
    resolve_side(&client, argv[2], argv[1]);
    resolve_side(&service, argv[3], argv[1]);
    unix_to_windows_path(argv[4], path, MAX_PATH);
    transcript = _wfopen(path, L"w");
    ok(transcript != NULL, "%s: transcript %s opened", config, wstr(path));
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    callback_init(&cb);

    hr = CoCreateInstance(&CLSID_BackgroundCopyManager, NULL, CLSCTX_LOCAL_SERVER, &IID_IBackgroundCopyManager,
                          (void **)&manager);
    ok(hr == S_OK && manager, "%s: CoCreateInstance(BackgroundCopyManager, CLSCTX_LOCAL_SERVER): hr %#lx", config, hr);
    if (manager)
    {
        check_sides(manager, &client, &service);
        jobs_and_files(manager, &cb);
        transfers(manager, &cb, argc > 5 ? argv[5] : NULL);
        IBackgroundCopyManager_Release(manager);
    }
    /* The service's proxies of the callback go as their jobs let go of it;
     * the last RemRelease may still be on its way. */
    for (i = 0; i < 40 && cb.ref != 1; i++) Sleep(50);
    ok(cb.ref == 1, "%s: the service released every reference to the callback (%ld left)", config, cb.ref - 1);
    CoUninitialize();
    if (transcript) fclose(transcript);
    return tap_done();
}
