/*
 * What widl's inline (-Os) proxy/stub code takes from Wine's
 * wine/exception.h, written against the MinGW-w64 headers; only for the
 * bench's experimental qmgrprxy-inline.dll (bench/meson.build).
 *
 * widl's RpcTryExcept/RpcTryFinally keep an EXCEPTION_REGISTRATION_RECORD
 * in the proxy's frame, push it on the TEB's exception list and jump back
 * with a longjmp when its handler catches. On x86_64 only Wine's exception
 * dispatcher calls handlers on that list (Wine builds its own PE modules
 * this way); Windows x64 dispatches through unwind tables only and never
 * looks at it, so there an RPC error raised under an inline proxy (e.g. the
 * server went away) would not be caught and would end the client process.
 */
#ifndef QMGRPRXY_BENCH_WINE_EXCEPTION_H
#define QMGRPRXY_BENCH_WINE_EXCEPTION_H

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
 * routine of its winecrt0) guarantees. The longjmp does not unwind: Wine's
 * does not either, RtlUnwind has already run the inner handlers. */
typedef struct { void *reg[5]; } __wine_jmp_buf;
#define __wine_setjmpex(buf, frame) __builtin_setjmp((buf)->reg)

static inline void __attribute__((noreturn)) __wine_longjmp(__wine_jmp_buf *buf, int retval)
{
    (void)retval;             /* the builtin always makes setjmp return 1 */
    __builtin_longjmp(buf->reg, 1);
}

/* The TEB's self pointer; NtCurrentTeb() is the same read, but GCC 12 takes
 * MinGW-w64's segment-relative access for an out-of-bounds array access. */
static inline NT_TIB *__wine_tib(void)
{
    NT_TIB *tib;
#ifdef __x86_64__
    __asm__("movq %%gs:0x30,%0" : "=r" (tib));
#else
    __asm__("movl %%fs:0x18,%0" : "=r" (tib));
#endif
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

/* As winecrt0's: unwind to the frame, then continue at target. */
static inline void __attribute__((noreturn)) __wine_rtl_unwind(EXCEPTION_REGISTRATION_RECORD *frame,
                                                               EXCEPTION_RECORD *record, void (*target)(void))
{
    RtlUnwind(frame, (void *)target, record, 0);
    for (;;) target();
}

#endif
