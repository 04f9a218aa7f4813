/*
 * What watches a case:
 *   - a vectored exception handler records every first-chance fault
 *     (access violation, stack overflow, heap corruption, illegal or
 *     privileged instruction, divide or overflow, guard page, in-page
 *     error, misalignment...), also the ones Wine's CStdStubBuffer_Invoke
 *     or the NDR engine catch and turn into an error; RPC exceptions
 *     (RPC_X_BAD_STUB_DATA and the like) are clean errors, not faults;
 *   - a watchdog thread ends the process (exit 70) when a case runs longer
 *     than the hang limit, after printing the case;
 *   - the unhandled-exception filter prints the case and ends the process
 *     (exit 71), unless the fault happened in a proxy's caller after the
 *     proxy returned (a bad [out] value), where the run jumps back to the
 *     case (monitor_recover_point);
 *   - the heap check, the memory counters and the fault locations.
 */
#include <stdio.h>
#include <stdarg.h>
#include "fuzz.h"
#include <psapi.h>

static struct
{
    volatile LONG active;
    volatile ULONGLONG start;           /* GetTickCount64 at the case's start */
    ULONGLONG index;
    const struct fuzz_method *method;
    enum direction dir;
    const struct mutation *mutation;
    struct case_watch *watch;
    DWORD main_thread;
    DWORD hang_ms;
    jmp_buf *recover;                   /* set while a proxy's caller runs */
} now;

/* ---- printing without the C runtime's locks (the main thread may hold them) */

static void raw_print(const char *fmt, ...)
{
    char buf[1024];
    va_list args;
    DWORD written;
    int n;
    va_start(args, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    if (n < 0) return;
    if (n >= (int)sizeof(buf)) n = sizeof(buf) - 1;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buf, n, &written, NULL);
}

static void raw_hex(const unsigned char *bytes, size_t len)
{
    char line[200];
    size_t i, n = 0;
    raw_print("#   bytes (%lu):", (unsigned long)len);
    for (i = 0; i < len; i++)
    {
        n += snprintf(line + n, sizeof(line) - n, "%02x", bytes[i]);
        if (n > 120 || i + 1 == len)
        {
            raw_print(" %s", line);
            n = 0;
        }
    }
    raw_print("\n");
}

/* The case that is ending the process, as state_defect prints it. */
static void print_dying_case(const char *kind, const char *detail)
{
    const struct fuzz_method *m = now.method;
    if (!now.active || !m) return;
    raw_print("# defect: %s %s::%s (case %llu): %s: %s; mutation: %s\n",
              now.dir == DIR_REQUEST ? "request" : "reply", m->fi->name, m->name, now.index, kind, detail,
              now.mutation->what);
    raw_hex(now.mutation->bytes, now.mutation->len);
}

/* ---- faults --------------------------------------------------------------- */

BOOL is_fault_code(DWORD code)
{
    switch (code)
    {
    case EXCEPTION_ACCESS_VIOLATION: case EXCEPTION_STACK_OVERFLOW: case 0xc0000374 /* heap corruption */:
    case EXCEPTION_ILLEGAL_INSTRUCTION: case EXCEPTION_PRIV_INSTRUCTION: case EXCEPTION_INT_DIVIDE_BY_ZERO:
    case EXCEPTION_INT_OVERFLOW: case EXCEPTION_FLT_DIVIDE_BY_ZERO: case EXCEPTION_FLT_INVALID_OPERATION:
    case EXCEPTION_FLT_OVERFLOW: case EXCEPTION_FLT_UNDERFLOW: case EXCEPTION_FLT_STACK_CHECK:
    case EXCEPTION_FLT_DENORMAL_OPERAND: case EXCEPTION_FLT_INEXACT_RESULT: case EXCEPTION_GUARD_PAGE:
    case EXCEPTION_IN_PAGE_ERROR: case EXCEPTION_DATATYPE_MISALIGNMENT: case EXCEPTION_ARRAY_BOUNDS_EXCEEDED:
    case EXCEPTION_NONCONTINUABLE_EXCEPTION: case EXCEPTION_INVALID_DISPOSITION: case EXCEPTION_BREAKPOINT:
    case 0xc0000409 /* stack buffer overrun (fail fast) */: case 0xc0000017 /* STATUS_NO_MEMORY */:
        return TRUE;
    }
    return FALSE;
}

const char *fault_name(DWORD code)
{
    switch (code)
    {
    case EXCEPTION_ACCESS_VIOLATION: return "access violation";
    case EXCEPTION_STACK_OVERFLOW: return "stack overflow";
    case 0xc0000374: return "heap corruption";
    case EXCEPTION_ILLEGAL_INSTRUCTION: return "illegal instruction";
    case EXCEPTION_PRIV_INSTRUCTION: return "privileged instruction";
    case EXCEPTION_INT_DIVIDE_BY_ZERO: return "integer divide by zero";
    case EXCEPTION_INT_OVERFLOW: return "integer overflow";
    case EXCEPTION_GUARD_PAGE: return "guard page";
    case EXCEPTION_IN_PAGE_ERROR: return "in-page error";
    case EXCEPTION_DATATYPE_MISALIGNMENT: return "misalignment";
    case EXCEPTION_ARRAY_BOUNDS_EXCEEDED: return "array bounds exceeded";
    case EXCEPTION_BREAKPOINT: return "breakpoint";
    case 0xc0000409: return "stack buffer overrun";
    case 0xc0000017: return "out of memory exception";
    }
    return "exception";
}

/* The return addresses above the faulting frame, by the unwind data. */
static void unwind_callers(const CONTEXT *context, void **frames)
{
    CONTEXT ctx = *context;
    unsigned int i;
    memset(frames, 0, FAULT_FRAMES * sizeof(*frames));
    for (i = 0; i < FAULT_FRAMES; i++)
    {
        DWORD64 base, establisher;
        void *handler_data;
        RUNTIME_FUNCTION *fn = RtlLookupFunctionEntry(ctx.Rip, &base, NULL);
        if (fn) RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, ctx.Rip, fn, &ctx, &handler_data, &establisher, NULL);
        else
        {
            /* a leaf function: the return address is on top of the stack */
            MEMORY_BASIC_INFORMATION info;
            if (!VirtualQuery((void *)ctx.Rsp, &info, sizeof(info)) || info.State != MEM_COMMIT) break;
            ctx.Rip = *(DWORD64 *)ctx.Rsp;
            ctx.Rsp += 8;
        }
        if (!ctx.Rip) break;
        frames[i] = (void *)ctx.Rip;
    }
}

static LONG CALLBACK vectored_handler(EXCEPTION_POINTERS *ep)
{
    const EXCEPTION_RECORD *rec = ep->ExceptionRecord;
    struct case_watch *w = now.watch;
    LONG n;

    if (!now.active || !w || !is_fault_code(rec->ExceptionCode)) return EXCEPTION_CONTINUE_SEARCH;
    n = InterlockedIncrement(&w->faults) - 1;
    if (n < CASE_FAULTS)
    {
        w->fault[n].code = rec->ExceptionCode;
        w->fault[n].address = rec->ExceptionAddress;
        w->fault[n].info[0] = rec->NumberParameters > 0 ? rec->ExceptionInformation[0] : 0;
        w->fault[n].info[1] = rec->NumberParameters > 1 ? rec->ExceptionInformation[1] : 0;
        if (rec->ExceptionCode != EXCEPTION_STACK_OVERFLOW) unwind_callers(ep->ContextRecord, w->fault[n].frames);
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI unhandled_filter(EXCEPTION_POINTERS *ep)
{
    const EXCEPTION_RECORD *rec = ep->ExceptionRecord;
    char where[160], detail[256];

    if (now.recover && GetCurrentThreadId() == now.main_thread)
    {
        jmp_buf *target = now.recover;
        now.recover = NULL;
        longjmp(*target, 1);            /* msvcrt unwinds through the dispatcher */
    }
    monitor_locate(rec->ExceptionAddress, where, sizeof(where));
    snprintf(detail, sizeof(detail), "unhandled %08lx (%s) at %s, thread %lu", rec->ExceptionCode,
             fault_name(rec->ExceptionCode), where, GetCurrentThreadId());
    print_dying_case("death", detail);
    if (!now.active) raw_print("# the process dies outside a case: %s\n", detail);
    if (now.active && now.method && now.mutation)
    {
        size_t n = strlen(where);
        snprintf(where + n, sizeof(where) - n, "%s", method_tag(now.method, now.dir, now.mutation));
    }
    state_death(KIND_DEATH, where);
    TerminateProcess(GetCurrentProcess(), EXIT_DIED);
    return EXCEPTION_CONTINUE_SEARCH;
}

void monitor_recover_point(jmp_buf *target)
{
    now.recover = target;
}

/* ---- stack canaries ----------------------------------------------------- */

/* The call halves are built with -fstack-protector-all against these: a
 * frame whose canary was overwritten (a proxy wrote an [out] array past the
 * caller's) raises a fail-fast fault where the frame returns, which the
 * handler records and the recovery point leaves. */
void *__stack_chk_guard = (void *)0x2f8e3c1d5a6b4970ull;
void __stack_chk_fail(void) __attribute__((noreturn));

void __stack_chk_fail(void)
{
    struct case_watch *w = now.watch;
    LONG n;

    /* not an exception: the frames above are the smashed ones, and an
     * unwind through them would follow their garbage */
    if (now.active && w && (n = InterlockedIncrement(&w->faults) - 1) < CASE_FAULTS)
    {
        memset(&w->fault[n], 0, sizeof(w->fault[n]));
        w->fault[n].code = 0xc0000409;  /* STATUS_STACK_BUFFER_OVERRUN */
        w->fault[n].address = __builtin_return_address(0);
    }
    if (now.recover && GetCurrentThreadId() == now.main_thread)
    {
        jmp_buf *target = now.recover;
        now.recover = NULL;
        ((_JUMP_BUFFER *)target)->Frame = 0;   /* msvcrt's longjmp: no unwind */
        longjmp(*target, 1);
    }
    print_dying_case("death", "a stack canary was overwritten");
    state_death(KIND_DEATH, "__stack_chk_fail");
    TerminateProcess(GetCurrentProcess(), EXIT_DIED);
    __builtin_unreachable();
}

/* ---- the watchdog ----------------------------------------------------- */

static DWORD WINAPI watchdog(void *arg)
{
    char detail[64], where[96];
    for (;;)
    {
        Sleep(50);
        if (!now.active || GetTickCount64() - now.start <= now.hang_ms) continue;
        snprintf(detail, sizeof(detail), "over %lu ms", now.hang_ms);
        print_dying_case("hang", detail);
        snprintf(where, sizeof(where), "watchdog%s", method_tag(now.method, now.dir, now.mutation));
        state_death(KIND_HANG, where);
        TerminateProcess(GetCurrentProcess(), EXIT_HANG);
    }
    return 0;
}

void monitor_start(DWORD hang_ms)
{
    now.hang_ms = hang_ms;
    now.main_thread = GetCurrentThreadId();
    AddVectoredExceptionHandler(1, vectored_handler);
    SetUnhandledExceptionFilter(unhandled_filter);
    CloseHandle(CreateThread(NULL, 0, watchdog, NULL, 0, NULL));
}

void monitor_case_begin(ULONGLONG index, const struct fuzz_method *m, enum direction dir,
                        const struct mutation *mu, struct case_watch *watch)
{
    memset(watch, 0, sizeof(*watch));
    now.index = index;
    now.method = m;
    now.dir = dir;
    now.mutation = mu;
    now.watch = watch;
    now.start = GetTickCount64();
    InterlockedExchange(&now.active, 1);
}

void monitor_case_end(void)
{
    InterlockedExchange(&now.active, 0);
    now.recover = NULL;
}

/* ---- heaps and memory --------------------------------------------------- */

/* FLG_HEAP_ENABLE_TAIL_CHECK | FLG_HEAP_ENABLE_FREE_CHECK |
 * FLG_HEAP_VALIDATE_PARAMETERS: bytes after each block and freed blocks are
 * filled with a pattern that HeapValidate checks, and a bad pointer given to
 * the heap is refused instead of followed. Wine reads them at process start
 * from the image's Image File Execution Options (ntdll unix/env.c). */
#define HEAP_CHECK_FLAGS 0x70

BOOL monitor_heap_checking(DWORD *code)
{
    ULONG (WINAPI *global_flags)(void) = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlGetNtGlobalFlags");
    WCHAR exe[MAX_PATH], key[MAX_PATH + 100];
    const WCHAR *name;
    DWORD flags = HEAP_CHECK_FLAGS;
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    HKEY hkey;

    if (!global_flags || (global_flags() & HEAP_CHECK_FLAGS) == HEAP_CHECK_FLAGS) return TRUE;
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    name = wcsrchr(exe, '\\') ? wcsrchr(exe, '\\') + 1 : exe;
    swprintf(key, ARRAYSIZE(key), L"Software\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\%ls",
             name);
    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, key, 0, NULL, 0, KEY_SET_VALUE, NULL, &hkey, NULL)
        || RegSetValueExW(hkey, L"GlobalFlag", 0, REG_DWORD, (const BYTE *)&flags, sizeof(flags)))
    {
        printf("# cannot set GlobalFlag for %ls\n", name);
        *code = 2;
        return FALSE;
    }
    RegCloseKey(hkey);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    if (!CreateProcessW(exe, GetCommandLineW(), NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
    {
        printf("# cannot start %ls again (%lu)\n", exe, GetLastError());
        *code = 2;
        return FALSE;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return FALSE;
}

BOOL monitor_heaps_valid(char *which, size_t size)
{
    HANDLE heaps[64];
    DWORD n = GetProcessHeaps(ARRAYSIZE(heaps), heaps), i;
    for (i = 0; i < n && i < ARRAYSIZE(heaps); i++)
    {
        if (HeapValidate(heaps[i], 0, NULL)) continue;
        snprintf(which, size, "heap %lu of %lu (%p%s) fails HeapValidate", i, n, heaps[i],
                 heaps[i] == GetProcessHeap() ? ", the process heap" : "");
        return FALSE;
    }
    return TRUE;
}

/* Wine 8 leaves PrivateUsage at 0 and reports the process's resident
 * anonymous memory (and swap) as PagefileUsage: the same quantity here. */
SIZE_T monitor_private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX counters;
    memset(&counters, 0, sizeof(counters));
    counters.cb = sizeof(counters);
    if (!GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&counters, sizeof(counters)))
        return 0;
    return counters.PrivateUsage > counters.PagefileUsage ? counters.PrivateUsage : counters.PagefileUsage;
}

/* The bytes of busy blocks in every heap of the process: a leak of heap
 * blocks, told apart from the heaps' own growth and from other memory.
 * Wine's heap keeps the last 1,024 freed blocks busy for a while (its
 * pending frees), filled with 0xfeeefeee under free checking: not counted. */
SIZE_T monitor_heap_busy_bytes(void)
{
    HANDLE heaps[64];
    DWORD n = GetProcessHeaps(ARRAYSIZE(heaps), heaps), i;
    SIZE_T busy = 0;

    for (i = 0; i < n && i < ARRAYSIZE(heaps); i++)
    {
        PROCESS_HEAP_ENTRY entry = { 0 };
        if (!HeapLock(heaps[i])) continue;
        while (HeapWalk(heaps[i], &entry))
        {
            const unsigned char *data = entry.lpData;
            if (!(entry.wFlags & PROCESS_HEAP_ENTRY_BUSY)) continue;
            if (entry.cbData >= 2 && data[0] == 0xee && data[1] == 0xfe) continue;
            busy += entry.cbData;
        }
        HeapUnlock(heaps[i]);
    }
    return busy;
}

/* NtQueryInformationProcess(ProcessVmCounters): the peak of the address space. */
SIZE_T monitor_peak_virtual(void)
{
    struct { SIZE_T PeakVirtualSize, VirtualSize; ULONG PageFaultCount; SIZE_T rest[8]; } vm;
    static LONG (WINAPI *query)(HANDLE, int, void *, ULONG, ULONG *);
    if (!query) query = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQueryInformationProcess");
    if (!query || query(GetCurrentProcess(), 3 /* ProcessVmCounters */, &vm, sizeof(vm), NULL)) return 0;
    return vm.PeakVirtualSize;
}

/* ---- where an address is ------------------------------------------------- */

/* "rpcrt4.dll+0x2f3a1": the module and the offset from its base, which
 * tests/fuzz/symbolize.py turns into a function and a source line. */
void monitor_locate(const void *address, char *out, size_t size)
{
    HMODULE module;
    WCHAR path[MAX_PATH];
    const WCHAR *name;

    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            address, &module))
    {
        snprintf(out, size, "%p (no module)", address);
        return;
    }
    {
        const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)module;
        const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)((const char *)module + dos->e_lfanew);
        if ((ULONG_PTR)address - (ULONG_PTR)module >= nt->OptionalHeader.SizeOfImage)
        {
            snprintf(out, size, "%p (no module)", address);
            return;
        }
    }
    GetModuleFileNameW(module, path, MAX_PATH);
    name = wcsrchr(path, '\\') ? wcsrchr(path, '\\') + 1 : path;
    snprintf(out, size, "%ls+0x%lx", name, (unsigned long)((const unsigned char *)address - (const unsigned char *)module));
}
