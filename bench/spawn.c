/* Starts a child (this program run as --child) and collects its output. */
#include <stdlib.h>
#include "bench.h"

/* Runs one child to its end; returns its whole standard output. */
char *run_child(const struct child_opts *opts)
{
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    STARTUPINFOW si = {0};
    PROCESS_INFORMATION pi;
    static WCHAR cmdline[4 * MAX_PATH], exe[MAX_PATH];
    WCHAR args[3 * MAX_PATH];
    HANDLE read_end, write_end;
    size_t used = 0, size = 65536;
    char *output = malloc(size);
    DWORD got;
    BOOL started;

    if (!CreatePipe(&read_end, &write_end, &inherit, 0)) return NULL;
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = write_end;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    child_opts_format(opts, args, ARRAYSIZE(args));
    swprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" --child %ls", exe, args);
    started = CreateProcessW(exe, cmdline, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    CloseHandle(write_end);
    if (!started) { CloseHandle(read_end); free(output); return NULL; }
    while (ReadFile(read_end, output + used, (DWORD)(size - used - 1), &got, NULL) && got)
        if ((used += got) + 1 == size) output = realloc(output, size *= 2);
    output[used] = 0;
    CloseHandle(read_end);
    WaitForSingleObject(pi.hProcess, INFINITE);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return output;
}
