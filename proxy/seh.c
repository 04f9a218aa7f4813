/*
 * x86_64 exception handling for widl's inline stubs (see
 * seh/wine/exception.h): the language handler that Windows' unwinder calls
 * for every proxy or stub function with an active RpcTryExcept or
 * RpcTryFinally, and the unwind into such a function. i686 uses the TEB's
 * list and needs none of this.
 */
#include "proxy_files.h"

#ifdef __x86_64__
#include "seh/wine/exception.h"

DWORD qmgrprxy_seh_tls = TLS_OUT_OF_INDEXES;

BOOL qmgrprxy_seh_attach(void)
{
    return (qmgrprxy_seh_tls = TlsAlloc()) != TLS_OUT_OF_INDEXES;
}

void qmgrprxy_seh_detach(void)
{
    if (qmgrprxy_seh_tls != TLS_OUT_OF_INDEXES) TlsFree(qmgrprxy_seh_tls);
}

struct qmgrprxy_seh_frame *qmgrprxy_seh_top_slow(void)
{
    DWORD error = GetLastError();
    struct qmgrprxy_seh_frame *frame = TlsGetValue(qmgrprxy_seh_tls);
    SetLastError(error);
    return frame;
}

void qmgrprxy_seh_set_top_slow(struct qmgrprxy_seh_frame *frame)
{
    TlsSetValue(qmgrprxy_seh_tls, frame);
}

/* The frame of the function whose handler this is: frames of functions it
 * called lie below its establisher frame (its stack pointer after the
 * prologue); the first frame at or above it is its own if the push was in
 * it, else the function has no active frame (and the next is a caller's). */
static struct qmgrprxy_seh_frame *frame_of(void *establisher, DISPATCHER_CONTEXT *dispatch)
{
    ULONG_PTR begin = dispatch->ImageBase + dispatch->FunctionEntry->BeginAddress;
    ULONG_PTR end = dispatch->ImageBase + dispatch->FunctionEntry->EndAddress;
    struct qmgrprxy_seh_frame *frame;

    for (frame = qmgrprxy_seh_top(); frame; frame = frame->Next)
    {
        if ((ULONG_PTR)frame < (ULONG_PTR)establisher) continue;
        return (ULONG_PTR)frame->pc >= begin && (ULONG_PTR)frame->pc < end ? frame : NULL;
    }
    return NULL;
}

EXCEPTION_DISPOSITION qmgrprxy_seh_handler(EXCEPTION_RECORD *record, void *establisher, CONTEXT *context, void *dispatch)
{
    struct qmgrprxy_seh_frame *frame = frame_of(establisher, dispatch);

    if (!frame) return ExceptionContinueSearch;
    if (record->ExceptionFlags & EXCEPTION_TARGET_UNWIND)
    {
        /* Unwound to this function: widl's unwind target runs its finally
         * block and jumps back into it. The frames below are gone. */
        qmgrprxy_seh_set_top(frame);
        return ExceptionContinueSearch;
    }
    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND))
    {
        /* Unwound through this function: its finally block, then it is gone. */
        qmgrprxy_seh_set_top(frame);
        frame->Handler(record, frame, context, NULL);
        qmgrprxy_seh_set_top(frame->Next);
        return ExceptionContinueSearch;
    }
    /* Dispatch: widl's handler asks the filter; if it accepts, it unwinds
     * (qmgrprxy_seh_unwind) and does not return. */
    frame->establisher = establisher;
    return frame->Handler(record, frame, context, NULL);
}

/* Where RtlUnwindEx resumes: on the function's own stack pointer, with the
 * unwind target in rax. Calling it keeps the stack aligned as at any call;
 * the target longjmps into the function and never returns. */
void qmgrprxy_seh_continue(void);
__asm__(".text\n"
        "\t.globl qmgrprxy_seh_continue\n"
        "qmgrprxy_seh_continue:\n"
        "\tcall *%rax\n"
        "\tud2\n");

void qmgrprxy_seh_unwind(struct qmgrprxy_seh_frame *frame, EXCEPTION_RECORD *record, void (*target)(void))
{
    CONTEXT context;
    RtlUnwindEx(frame->establisher, (void *)qmgrprxy_seh_continue, record, (void *)target, &context, NULL);
    __builtin_trap();   /* RtlUnwindEx does not return */
}

#else

BOOL qmgrprxy_seh_attach(void) { return TRUE; }
void qmgrprxy_seh_detach(void) {}

#endif
