/*
 * Where the objects live: an STA thread of this process (cross-apartment)
 * or an STA of a host process, this program run as --host (cross-process).
 * Either way the client gets the same handoff of marshaled objects.
 */
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include "bench.h"

struct objects_side
{
    /* cross-apartment */
    HANDLE thread, ready, quit;
    const struct child_opts *opts;
    const struct variant_state *state;
    struct handoff *handoff;
    HRESULT hr;
    /* cross-process */
    PROCESS_INFORMATION host;
    HANDLE host_stdin;
};

void serve_until(HANDLE quit)
{
    MSG msg;
    while (MsgWaitForMultipleObjects(1, &quit, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0)
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);
}

static DWORD WINAPI objects_thread(void *arg)
{
    struct objects_side *side = arg;
    struct objects *objects = NULL;
    DWORD cookie = 0;
    MSG msg;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    side->hr = variant_register_in_apartment(side->state, &cookie);
    if (SUCCEEDED(side->hr)) side->hr = objects_create(side->opts->file_count, &objects);
    if (SUCCEEDED(side->hr)) objects_marshal(objects, MSHCTX_INPROC, side->state->covers, side->handoff);
    PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);   /* the queue exists before anyone calls */
    SetEvent(side->ready);
    if (SUCCEEDED(side->hr)) serve_until(side->quit);
    objects_release(objects);
    variant_revoke(cookie);
    CoUninitialize();
    return 0;
}

static HRESULT start_thread(struct objects_side *side)
{
    side->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    side->quit = CreateEventW(NULL, TRUE, FALSE, NULL);
    side->thread = CreateThread(NULL, 0, objects_thread, side, 0, NULL);
    WaitForSingleObject(side->ready, INFINITE);
    return side->hr;
}

static HRESULT start_host(struct objects_side *side)
{
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    HANDLE out_read, out_write, in_read;
    STARTUPINFOW si = {0};
    static WCHAR cmdline[4 * MAX_PATH], exe[MAX_PATH];
    WCHAR args[3 * MAX_PATH];
    char line[8192];
    FILE *from_host;
    BOOL ready = FALSE;

    if (!CreatePipe(&out_read, &out_write, &inherit, 0) || !CreatePipe(&in_read, &side->host_stdin, &inherit, 0))
        return HRESULT_FROM_WIN32(GetLastError());
    SetHandleInformation(out_read, HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(side->host_stdin, HANDLE_FLAG_INHERIT, 0);
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_read;
    si.hStdOutput = out_write;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    child_opts_format(side->opts, args, ARRAYSIZE(args));
    swprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" --host %ls", exe, args);
    if (!CreateProcessW(exe, cmdline, NULL, NULL, TRUE, 0, NULL, NULL, &si, &side->host))
        return HRESULT_FROM_WIN32(GetLastError());
    CloseHandle(out_write);
    CloseHandle(in_read);
    /* The host prints its objrefs, then "ready <hr>". */
    from_host = _fdopen(_open_osfhandle((intptr_t)out_read, 0), "r");
    while (from_host && fgets(line, sizeof(line), from_host))
    {
        unsigned long hr;
        if (handoff_read_line(line, side->handoff)) continue;
        if (sscanf(line, "ready %lx", &hr) == 1) { side->hr = (HRESULT)hr; ready = TRUE; break; }
    }
    if (from_host) fclose(from_host);
    return ready ? side->hr : E_FAIL;
}

HRESULT objects_side_start(const struct child_opts *opts, const struct variant_state *state,
                           struct handoff *handoff, struct objects_side **out)
{
    struct objects_side *side = calloc(1, sizeof(*side));
    side->opts = opts;
    side->state = state;
    side->handoff = handoff;
    *out = side;
    return opts->setting == SETTING_PROCESS ? start_host(side) : start_thread(side);
}

void objects_side_stop(struct objects_side *side)
{
    if (side->thread)
    {
        SetEvent(side->quit);
        WaitForSingleObject(side->thread, INFINITE);
        CloseHandle(side->thread);
    }
    if (side->host.hProcess)
    {
        CloseHandle(side->host_stdin);             /* end of input: the host quits */
        WaitForSingleObject(side->host.hProcess, 30000);
        CloseHandle(side->host.hProcess);
        CloseHandle(side->host.hThread);
    }
    free(side);
}
