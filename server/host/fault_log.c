/* The first-chance fault counter (see fault_log.h). */
#include <string.h>
#include "fault_log.h"

static LONG started, faults;
static struct fault_record first[FAULT_LOG_KEPT];

/* RpcRaiseException(STATUS_ACCESS_VIOLATION), by which Wine's RPC server
 * passes a stub's fault on, is no second fault: a real one says which
 * address it touched. */
static BOOL is_fault(const EXCEPTION_RECORD *rec)
{
    switch (rec->ExceptionCode)
    {
    case EXCEPTION_ACCESS_VIOLATION:
    case EXCEPTION_IN_PAGE_ERROR:
        return rec->NumberParameters >= 2;
    case EXCEPTION_ILLEGAL_INSTRUCTION:
    case EXCEPTION_PRIV_INSTRUCTION:
    case EXCEPTION_STACK_OVERFLOW:
    case EXCEPTION_INT_DIVIDE_BY_ZERO:
    case EXCEPTION_INT_OVERFLOW:
    case EXCEPTION_DATATYPE_MISALIGNMENT:
    case EXCEPTION_ARRAY_BOUNDS_EXCEEDED:
    case STATUS_HEAP_CORRUPTION:
        return TRUE;
    default:
        return FALSE;
    }
}

static void describe(const EXCEPTION_RECORD *rec, struct fault_record *out)
{
    HMODULE module = NULL;
    char path[MAX_PATH];
    const char *name;

    out->code = rec->ExceptionCode;
    out->thread_id = GetCurrentThreadId();
    out->offset = (ULONG_PTR)rec->ExceptionAddress;
    out->data = rec->NumberParameters >= 2 ? rec->ExceptionInformation[1] : 0;
    out->module[0] = 0;
    if ((ULONG_PTR)rec->ExceptionAddress < 0x10000) return;   /* a call through NULL: no module */
    if (!GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            rec->ExceptionAddress, &module) || !module)
        return;
    if (!GetModuleFileNameA(module, path, sizeof(path))) return;
    name = strrchr(path, '\\') ? strrchr(path, '\\') + 1 : path;
    lstrcpynA(out->module, name, sizeof(out->module));
    out->offset -= (ULONG_PTR)module;
}

static LONG CALLBACK fault_handler(EXCEPTION_POINTERS *info)
{
    LONG n;

    if (!is_fault(info->ExceptionRecord)) return EXCEPTION_CONTINUE_SEARCH;
    n = InterlockedIncrement(&faults);
    if (n <= FAULT_LOG_KEPT) describe(info->ExceptionRecord, &first[n - 1]);
    return EXCEPTION_CONTINUE_SEARCH;
}

void fault_log_start(void)
{
    if (!InterlockedExchange(&started, 1)) AddVectoredExceptionHandler(1, fault_handler);
}

LONG fault_log_count(void)
{
    return InterlockedCompareExchange(&faults, 0, 0);
}

unsigned int fault_log_first(struct fault_record *out)
{
    unsigned int n = min((unsigned int)fault_log_count(), FAULT_LOG_KEPT);
    memcpy(out, first, n * sizeof(*out));
    return n;
}
