/*
 * First-chance hardware faults in this process: a vectored exception
 * handler counts every access violation, illegal instruction, stack
 * overflow, divide error, misalignment and heap corruption as it is
 * raised, before any handler (an NDR stub's included) can swallow it, and
 * keeps the first few with the module and offset they happened at. It
 * never handles anything itself. The load test's serving processes report
 * these (call_log.h): "no fault" there means no first-chance fault.
 */
#ifndef QMGRPRXY_FAULT_LOG_H
#define QMGRPRXY_FAULT_LOG_H

#include <windows.h>

#define FAULT_LOG_KEPT 16

struct fault_record
{
    DWORD code;            /* EXCEPTION_ACCESS_VIOLATION, ... */
    DWORD thread_id;
    ULONG64 offset;        /* of the faulting instruction in module, or its address if none */
    ULONG64 data;          /* for an access violation: the address read or written */
    char module[32];       /* file name of the module, "" if none */
};

void fault_log_start(void);          /* once per process; later calls do nothing */
LONG fault_log_count(void);
/* Copies up to FAULT_LOG_KEPT of the first faults; returns how many. */
unsigned int fault_log_first(struct fault_record *out);

#endif
