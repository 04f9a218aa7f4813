/*
 * What widl's inline (-Os) proxy and stub code takes from Wine's
 * wine/exception.h, written for MinGW-w64 and for Windows' own exception
 * dispatch (widl includes "wine/exception.h" unless USE_COMPILER_EXCEPTIONS).
 *
 * widl's RpcTryExcept/RpcTryFinally keep one frame per function (an
 * EXCEPTION_REGISTRATION_RECORD, then filter, finally, a jump buffer) and
 * "push" it; its handler runs the finally block on unwind, and on a filter
 * that accepts it unwinds to the frame and longjmps back into the function.
 *
 * i686: the push is onto the TEB's exception list, which is how Windows
 *   dispatches on x86 (the same as Wine's header).
 * x86_64: Windows never reads that list; it walks the stack by the unwind
 *   tables (.pdata/.xdata) and calls the language handler of each function.
 *   So the push also names a handler for the function it is in
 *   (.seh_handler, emitted into that function by the inline asm), and keeps
 *   the frame on a per-thread list of this DLL's (not the TEB's: Wine's x64
 *   dispatcher reads that one too, and would call the handler twice). The
 *   handler (seh.c) finds the function's frame on that list and calls
 *   widl's handler with it; widl's unwind becomes RtlUnwindEx to the
 *   function's establisher frame.
 */
#ifndef QMGRPRXY_SEH_WINE_EXCEPTION_H
#define QMGRPRXY_SEH_WINE_EXCEPTION_H

#include <windows.h>
#include <excpt.h>

#ifndef EH_UNWINDING
#define EH_UNWINDING    EXCEPTION_UNWINDING
#define EH_EXIT_UNWIND  EXCEPTION_EXIT_UNWIND
#define EH_NESTED_CALL  EXCEPTION_NESTED_CALL
#endif

/* GCC's own non-local goto: it saves the frame, stack pointer and resume
 * address, and makes the function that sets it keep every callee-saved
 * register in memory, which is what Wine's __wine_setjmpex (an assembler
 * routine of its winecrt0) guarantees. The longjmp does not unwind: the
 * unwind has run before it (RtlUnwind / RtlUnwindEx). */
typedef struct { void *reg[5]; } __wine_jmp_buf;
#define __wine_setjmpex(buf, frame) __builtin_setjmp((buf)->reg)

static inline void __attribute__((noreturn)) __wine_longjmp(__wine_jmp_buf *buf, int retval)
{
    (void)retval;             /* the builtin always makes setjmp return 1 */
    __builtin_longjmp(buf->reg, 1);
}

#ifdef __x86_64__

/* widl's frame record, here: the two fields it uses, and where the push
 * happened (the handler checks that the frame belongs to its function). */
struct qmgrprxy_seh_frame
{
    struct qmgrprxy_seh_frame *Next;
    DWORD (__cdecl *Handler)(EXCEPTION_RECORD *, struct qmgrprxy_seh_frame *, CONTEXT *,
                             struct qmgrprxy_seh_frame **);
    const void *pc;             /* in the function that pushed it */
    void *establisher;          /* that function's frame, set by the handler */
};
#define EXCEPTION_REGISTRATION_RECORD struct qmgrprxy_seh_frame

/* seh.c */
extern DWORD qmgrprxy_seh_tls;
EXCEPTION_DISPOSITION qmgrprxy_seh_handler(EXCEPTION_RECORD *, void *, CONTEXT *, void *);
void __attribute__((noreturn)) qmgrprxy_seh_unwind(struct qmgrprxy_seh_frame *, EXCEPTION_RECORD *, void (*)(void));
struct qmgrprxy_seh_frame *qmgrprxy_seh_top_slow(void);
void qmgrprxy_seh_set_top_slow(struct qmgrprxy_seh_frame *);

/* The innermost frame of this thread: a TLS slot, read from the TEB
 * directly (TlsGetValue would also clear the thread's last error on every
 * call); slots past the TEB's 64 go through the slow path. */
static inline struct qmgrprxy_seh_frame *qmgrprxy_seh_top(void)
{
    DWORD i = qmgrprxy_seh_tls;
    return i < 64 ? (struct qmgrprxy_seh_frame *)__readgsqword(0x1480 + i * 8) : qmgrprxy_seh_top_slow();
}

static inline void qmgrprxy_seh_set_top(struct qmgrprxy_seh_frame *frame)
{
    DWORD i = qmgrprxy_seh_tls;
    if (i < 64) __writegsqword(0x1480 + i * 8, (ULONG_PTR)frame);
    else qmgrprxy_seh_set_top_slow(frame);
}

static inline __attribute__((always_inline)) struct qmgrprxy_seh_frame *__wine_push_frame(struct qmgrprxy_seh_frame *frame)
{
    /* the function this is inlined into (a proxy or stub) gets the handler */
    __asm__ __volatile__(".seh_handler qmgrprxy_seh_handler, @except, @unwind");
    __asm__ __volatile__("leaq 0(%%rip), %0" : "=r" (frame->pc));
    frame->Next = qmgrprxy_seh_top();
    qmgrprxy_seh_set_top(frame);
    return frame->Next;
}

static inline struct qmgrprxy_seh_frame *__wine_pop_frame(struct qmgrprxy_seh_frame *frame)
{
    qmgrprxy_seh_set_top(frame->Next);
    return frame->Next;
}

static inline struct qmgrprxy_seh_frame *__wine_get_frame(void)
{
    return qmgrprxy_seh_top();
}

#define __wine_rtl_unwind(frame, record, target) qmgrprxy_seh_unwind(frame, record, target)

#else /* i686: the TEB's list is the exception list */

/* The TEB's self pointer; NtCurrentTeb() is the same read, but GCC 12 takes
 * MinGW-w64's segment-relative access for an out-of-bounds array access. */
static inline NT_TIB *__wine_tib(void)
{
    NT_TIB *tib;
    __asm__("movl %%fs:0x18,%0" : "=r" (tib));
    return tib;
}

static inline EXCEPTION_REGISTRATION_RECORD *__wine_push_frame(EXCEPTION_REGISTRATION_RECORD *frame)
{
    NT_TIB *teb = __wine_tib();
    frame->Next = teb->ExceptionList;
    teb->ExceptionList = frame;
    return frame->Next;
}

static inline EXCEPTION_REGISTRATION_RECORD *__wine_pop_frame(EXCEPTION_REGISTRATION_RECORD *frame)
{
    NT_TIB *teb = __wine_tib();
    teb->ExceptionList = frame->Next;
    return frame->Next;
}

static inline EXCEPTION_REGISTRATION_RECORD *__wine_get_frame(void)
{
    return __wine_tib()->ExceptionList;
}

/* As winecrt0's: unwind the handlers above the frame (x86 RtlUnwind
 * returns), then continue at target, which longjmps into the function. */
static inline void __attribute__((noreturn)) __wine_rtl_unwind(EXCEPTION_REGISTRATION_RECORD *frame,
                                                               EXCEPTION_RECORD *record, void (*target)(void))
{
    RtlUnwind(frame, (void *)target, record, 0);
    for (;;) target();
}

#endif
#endif
