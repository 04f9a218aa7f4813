#include <stdio.h>
#include "piped_child.h"

BOOL piped_child_start(const WCHAR *args, PROCESS_INFORMATION *pi, HANDLE *from_child, HANDLE *to_child)
{
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    STARTUPINFOW si = { .cb = sizeof(si) };
    HANDLE child_out = NULL, child_in = NULL;
    WCHAR exe[MAX_PATH], *command;
    size_t length;
    BOOL started = FALSE;
    DWORD error;

    *from_child = *to_child = NULL;
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    length = wcslen(exe) + wcslen(args) + 4;
    if (!(command = HeapAlloc(GetProcessHeap(), 0, length * sizeof(WCHAR))))
    {
        SetLastError(ERROR_OUTOFMEMORY);
        return FALSE;
    }
    swprintf(command, length, L"\"%ls\" %ls", exe, args);
    /* the parent's ends are not inherited, so that the child sees the end of its input */
    if (CreatePipe(from_child, &child_out, &inherit, 0) && CreatePipe(&child_in, to_child, &inherit, 0)
        && SetHandleInformation(*from_child, HANDLE_FLAG_INHERIT, 0)
        && SetHandleInformation(*to_child, HANDLE_FLAG_INHERIT, 0))
    {
        si.dwFlags = STARTF_USESTDHANDLES;
        si.hStdInput = child_in;
        si.hStdOutput = child_out;
        si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
        started = CreateProcessW(exe, command, NULL, NULL, TRUE, 0, NULL, NULL, &si, pi);
    }
    error = GetLastError();
    if (child_out) CloseHandle(child_out);
    if (child_in) CloseHandle(child_in);
    if (!started)
    {
        if (*from_child) CloseHandle(*from_child);
        if (*to_child) CloseHandle(*to_child);
        *from_child = *to_child = NULL;
    }
    HeapFree(GetProcessHeap(), 0, command);
    SetLastError(error);
    return started;
}

void piped_child_wait_for_parent(void)
{
    char buffer[64];
    DWORD got;
    while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), buffer, sizeof(buffer), &got, NULL) && got) {}
}
