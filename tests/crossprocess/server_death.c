/*
 * The local server dies under its client. bits_model_host.exe serves a
 * manager and a job; the test kills the host between two calls, and once
 * more while the host is inside a call (Resume, which calls the client's
 * callback: the callback kills it). Every later call through the dead
 * proxies must fail, within 5 s, with one of the errors of a lost RPC/COM
 * connection, and no value; releasing them must not hang. After each death
 * a new CoCreateInstance starts a new host that serves fresh objects, to
 * this client and to a new client process.
 * usage: server_death            (the test)
 *        server_death fresh      (the new client process: exit code 0 if served)
 */
#include <string.h>
#include "tap.h"
#include "testutil.h"
#include "host.h"
#include "image_identity.h"

#define HOST_EXE L"bits_model_host.exe"
#define LIMIT_MS 5000

static BOOL is_disconnection(HRESULT hr)
{
    switch (hr)
    {
    case RPC_E_DISCONNECTED:
    case RPC_E_SERVER_DIED:
    case RPC_E_SERVER_DIED_DNE:
    case RPC_E_CONNECTION_TERMINATED:
    case CO_E_OBJNOTCONNECTED:
    case HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE):
    case HRESULT_FROM_WIN32(RPC_S_CALL_FAILED):
    case HRESULT_FROM_WIN32(RPC_S_CALL_FAILED_DNE):
        return TRUE;
    default:
        return FALSE;
    }
}

static DWORD the_host(void)
{
    DWORD pids[4];
    unsigned int count = process_ids_by_name(HOST_EXE, pids, ARRAYSIZE(pids));
    ok(count == 1, "one %ls runs (%u)", HOST_EXE, count);
    return count == 1 ? pids[0] : 0;
}

/* Terminates a process and waits for its end; how it went, in why. */
static BOOL kill_process(DWORD pid, char *why, size_t why_size)
{
    HANDLE process = OpenProcess(PROCESS_TERMINATE | SYNCHRONIZE, FALSE, pid);
    DWORD error, wait;
    BOOL terminated;

    if (!process)
    {
        snprintf(why, why_size, "OpenProcess: error %lu", GetLastError());
        return FALSE;
    }
    terminated = TerminateProcess(process, 0xdead);
    error = terminated ? 0 : GetLastError();
    wait = WaitForSingleObject(process, LIMIT_MS);
    snprintf(why, why_size, "TerminateProcess %d (error %lu), wait %lu", terminated, error, wait);
    CloseHandle(process);
    return terminated && wait == WAIT_OBJECT_0;
}

/* A call through a dead proxy: the right error, in time. */
static void check_dead_call(HRESULT hr, ULONGLONG started, const char *what)
{
    ULONGLONG took = GetTickCount64() - started;
    ok(is_disconnection(hr), "%s fails as a lost connection: hr %#lx", what, hr);
    ok(took < LIMIT_MS, "%s returns within %u ms (%llu)", what, LIMIT_MS, took);
}

/* A manager from a (new) host, with a job whose name comes back. */
static IBackgroundCopyManager *served_manager(const WCHAR *job_name, IBackgroundCopyJob **job, const char *what)
{
    IBackgroundCopyManager *manager = NULL;
    WCHAR *name = NULL;
    GUID id;
    HRESULT hr;

    *job = NULL;
    hr = CoCreateInstance(&CLSID_BitsModelManager, NULL, CLSCTX_LOCAL_SERVER, &IID_IBackgroundCopyManager,
                          (void **)&manager);
    ok(hr == S_OK && manager, "%s: CoCreateInstance of the model's manager: hr %#lx", what, hr);
    if (!manager) return NULL;
    hr = IBackgroundCopyManager_CreateJob(manager, job_name, BG_JOB_TYPE_DOWNLOAD, &id, job);
    ok(hr == S_OK && *job, "%s: CreateJob: hr %#lx", what, hr);
    if (*job)
    {
        hr = IBackgroundCopyJob_GetDisplayName(*job, &name);
        ok(hr == S_OK && name && !lstrcmpW(name, job_name), "%s: GetDisplayName \"%s\": hr %#lx", what, wstr(name), hr);
        CoTaskMemFree(name);
    }
    return manager;
}

/* The callback that kills the host while the host is calling it. */
struct killer
{
    IBackgroundCopyCallback IBackgroundCopyCallback_iface;
    LONG ref;
    DWORD host;
    BOOL called, killed;
    char why[96];
    ULONGLONG kill_started;
    HANDLE done;          /* set when the callback has finished its kill */
};

static struct killer *impl_from_callback(IBackgroundCopyCallback *iface)
{
    return CONTAINING_RECORD(iface, struct killer, IBackgroundCopyCallback_iface);
}

static HRESULT WINAPI killer_QueryInterface(IBackgroundCopyCallback *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyCallback))
    {
        *out = iface;
        IBackgroundCopyCallback_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI killer_AddRef(IBackgroundCopyCallback *iface)
{
    return InterlockedIncrement(&impl_from_callback(iface)->ref);
}

static ULONG WINAPI killer_Release(IBackgroundCopyCallback *iface)
{
    return InterlockedDecrement(&impl_from_callback(iface)->ref);
}

static HRESULT WINAPI killer_JobTransferred(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job)
{
    struct killer *killer = impl_from_callback(iface);
    if (!killer->called)
    {
        killer->called = TRUE;
        killer->kill_started = GetTickCount64();
        killer->killed = kill_process(killer->host, killer->why, sizeof(killer->why));
        SetEvent(killer->done);
    }
    return S_OK;
}

static HRESULT WINAPI killer_JobError(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job, IBackgroundCopyError *error)
{
    return S_OK;
}

static HRESULT WINAPI killer_JobModification(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job, DWORD reserved)
{
    return S_OK;
}

static const IBackgroundCopyCallbackVtbl killer_vtbl =
{
    killer_QueryInterface, killer_AddRef, killer_Release,
    killer_JobTransferred, killer_JobError, killer_JobModification,
};

static void check_dead_proxies(IBackgroundCopyManager *manager, IBackgroundCopyJob *job, const char *when)
{
    IEnumBackgroundCopyJobs *jobs = (void *)0xdeadbeef;
    WCHAR *name = (void *)0xdeadbeef;
    char label[128];
    ULONGLONG started;
    HRESULT hr;

    snprintf(label, sizeof(label), "%s: GetDisplayName", when);
    started = GetTickCount64();
    hr = IBackgroundCopyJob_GetDisplayName(job, &name);
    check_dead_call(hr, started, label);
    ok(!name || name == (void *)0xdeadbeef, "%s: no name came back (%p)", when, name);
    snprintf(label, sizeof(label), "%s: GetDisplayName again", when);
    started = GetTickCount64();
    check_dead_call(IBackgroundCopyJob_GetDisplayName(job, &name), started, label);
    snprintf(label, sizeof(label), "%s: AddFile", when);
    started = GetTickCount64();
    check_dead_call(IBackgroundCopyJob_AddFile(job, L"https://dl.example.test/after.bin", L"C:\\after.bin"), started, label);
    snprintf(label, sizeof(label), "%s: the manager's EnumJobs", when);
    started = GetTickCount64();
    hr = IBackgroundCopyManager_EnumJobs(manager, 0, &jobs);
    check_dead_call(hr, started, label);
    started = GetTickCount64();
    IBackgroundCopyJob_Release(job);
    IBackgroundCopyManager_Release(manager);
    ok(GetTickCount64() - started < LIMIT_MS, "%s: releasing the dead proxies returns at once (%llu ms)", when,
       GetTickCount64() - started);
}

/* A new client process asks for a manager: exit code 0 when served. */
static int fresh_client(void)
{
    IBackgroundCopyManager *manager;
    IBackgroundCopyJob *job;
    int status;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    manager = served_manager(L"fresh client's job", &job, "fresh client");
    status = manager && job ? 0 : 1;
    if (job) IBackgroundCopyJob_Release(job);
    if (manager) IBackgroundCopyManager_Release(manager);
    CoUninitialize();
    tap_done();
    return status;
}

static void check_fresh_client_process(void)
{
    WCHAR exe[MAX_PATH], command[MAX_PATH + 16];
    STARTUPINFOW si = { .cb = sizeof(si) };
    PROCESS_INFORMATION pi;
    DWORD status = 0xdead;

    GetModuleFileNameW(NULL, exe, MAX_PATH);
    swprintf(command, ARRAYSIZE(command), L"\"%ls\" fresh", exe);
    si.dwFlags = STARTF_USESTDHANDLES;   /* its TAP lines stay out of ours */
    if (!CreateProcessW(exe, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "started a new client process: error %lu", GetLastError());
        return;
    }
    if (WaitForSingleObject(pi.hProcess, 30000) != WAIT_OBJECT_0) TerminateProcess(pi.hProcess, 0xdead);
    GetExitCodeProcess(pi.hProcess, &status);
    ok(status == 0, "a new client process is served by the restarted host (exit code %#lx)", status);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
    struct killer killer = { .IBackgroundCopyCallback_iface = { &killer_vtbl }, .ref = 1 };
    IBackgroundCopyManager *manager;
    IBackgroundCopyJob *job = NULL;
    DWORD host, second, third = 0;
    char why[96];
    ULONGLONG returned;
    HANDLE process;
    HRESULT hr;

    tap_start();
    if (argc > 1 && !strcmp(argv[1], "fresh")) return fresh_client();
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    /* 1. Killed between two calls. */
    manager = served_manager(L"job of the first host", &job, "first host");
    host = the_host();
    if (!manager || !job || !host) return tap_done();
    ok(kill_process(host, why, sizeof(why)), "killed the host (pid %lu) between two calls (%s)", host, why);
    check_dead_proxies(manager, job, "killed between calls");

    /* 2. A new host serves; killed while it is inside Resume. */
    manager = served_manager(L"job of the second host", &job, "second host");
    second = the_host();
    ok(second && second != host, "a new host process serves (pid %lu, the dead one was %lu)", second, host);
    if (!manager || !job || !second) return tap_done();
    killer.host = second;
    ok(IBackgroundCopyJob_AddFile(job, L"https://dl.example.test/death.bin", L"C:\\death.bin") == S_OK, "AddFile");
    ok(IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&killer.IBackgroundCopyCallback_iface) == S_OK,
       "SetNotifyInterface(the killer)");
    killer.done = CreateEventW(NULL, TRUE, FALSE, NULL);
    hr = IBackgroundCopyJob_Resume(job);
    returned = GetTickCount64();
    /* Resume may come back before the callback's thread is done with the kill. */
    ok(WaitForSingleObject(killer.done, LIMIT_MS) == WAIT_OBJECT_0 && killer.killed,
       "the callback killed the host while it was inside Resume (called %d; %s)", killer.called, killer.why);
    ok(is_disconnection(hr), "Resume, whose server died inside it, fails as a lost connection: hr %#lx", hr);
    ok(killer.called && returned >= killer.kill_started && returned - killer.kill_started < LIMIT_MS,
       "Resume returns after the death, within %u ms (%lld)", LIMIT_MS, (LONGLONG)(returned - killer.kill_started));
    CloseHandle(killer.done);
    check_dead_proxies(manager, job, "killed inside Resume");

    /* 3. And again a new host, for this client and for a new one. */
    manager = served_manager(L"job of the third host", &job, "third host");
    third = the_host();
    ok(third && third != second && third != host, "a third host process serves (pid %lu)", third);
    check_fresh_client_process();
    if (job) ok(IBackgroundCopyJob_Release(job) == 0, "third host's job released");
    if (manager) IBackgroundCopyManager_Release(manager);
    /* With nothing left, the host goes by itself. */
    process = third ? OpenProcess(SYNCHRONIZE, FALSE, third) : NULL;
    ok(!process || WaitForSingleObject(process, 10000) == WAIT_OBJECT_0, "the third host exits once released");
    if (process) CloseHandle(process);
    CoUninitialize();
    return tap_done();
}
