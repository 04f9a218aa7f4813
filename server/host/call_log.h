/*
 * The call log: which calls a process served, counted from the calls
 * themselves. A COM channel hook (IChannelHook, one GUID, registered in
 * every process of a load test: the clients', the in-process STA's and
 * bits_model_host.exe) lets a client thread put a tag on each call it makes
 * through a proxy: its row (thread), its label (the client's name for the
 * method) and a sequence number, 1, 2, 3, ... per row. The serving process
 * records every tag it receives: per row and label how many, and per row
 * the duplicates (a sequence number not above the last one seen) and the
 * gaps (numbers skipped). Its reply to a tagged call carries an ack (the
 * sequence number and how many calls of that row it has served, which must
 * be equal); a call tagged CALL_LOG_REPORT gets the whole table back, with
 * the serving process's live model objects (server_live_objects()), its
 * private bytes, its task allocator's counts (alloc_log.h), whether its
 * heap is still sound and its first-chance faults (fault_log.h). Untagged calls
 * carry nothing: the bytes on the wire are those of a process without the
 * hook.
 */
#ifndef QMGRPRXY_CALL_LOG_H
#define QMGRPRXY_CALL_LOG_H

#include <windows.h>
#include "alloc_log.h"
#include "fault_log.h"

#define CALL_LOG_ROWS   16
#define CALL_LOG_LABELS 64

#define CALL_LOG_REPORT 0x1   /* the reply carries a struct call_log_report */
#define CALL_LOG_RESET  0x2   /* after that reply the serving side starts from zero */

/* The request's extension. */
struct call_log_tag
{
    DWORD magic;
    WORD row, label;
    DWORD seq;
    DWORD flags;
};

/* The reply's extension (the start of a report). */
struct call_log_ack
{
    DWORD magic;
    DWORD seq;       /* the request's */
    DWORD served;    /* calls of the row served so far, this one included */
    DWORD flags;     /* the request's */
};

struct call_log_report
{
    struct call_log_ack ack;
    DWORD pid;                        /* of the serving process */
    LONG live_objects;
    ULONG64 private_bytes;            /* call_log_private_bytes() */
    ULONG64 peak_working_set;
    struct alloc_counts cotask;       /* largest: since the previous report */
    DWORD threads;                    /* of the serving process */
    DWORD reserved;
    LONG faults;
    BOOL heap_valid;                  /* HeapValidate of the process heap */
    struct fault_record first_faults[FAULT_LOG_KEPT];
    DWORD served[CALL_LOG_ROWS][CALL_LOG_LABELS];
    DWORD duplicates[CALL_LOG_ROWS];
    DWORD gaps[CALL_LOG_ROWS];
};

/* Registers the hook (both halves), starts the fault log and the task
 * allocator's spy; once per process, after CoInitializeEx. */
HRESULT call_log_register(void);

/* The client half, per thread. A thread attaches its row's state (which
 * outlives the thread: a row can be served by several threads in turn), then
 * arms each call it wants tagged just before making it. The first call of
 * any interface but IRemUnknown through a proxy after call_log_arm carries
 * the tag. */
struct call_log_client
{
    unsigned int row;
    DWORD seq;                          /* of the last tagged call */
    DWORD sent[CALL_LOG_LABELS];        /* tagged calls, per label */
    DWORD acks;                         /* acks that matched */
    DWORD bad_acks;                     /* an ack whose numbers were not the call's */
    DWORD wrong_iid;                    /* a tag that went on another interface's call */
    /* the call in flight */
    BOOL armed;
    WORD label;
    DWORD flags;
    const IID *iid;
    DWORD sent_since_arm;
    BOOL acked;
    struct call_log_report *report;     /* receives a CALL_LOG_REPORT reply */
};

void call_log_attach(struct call_log_client *client);   /* NULL detaches */

/* This process's private bytes (commit charge) and peak working set, and its threads. */
ULONG64 call_log_private_bytes(ULONG64 *peak_working_set);
DWORD call_log_thread_count(void);
void call_log_arm(unsigned int label, const IID *iid, DWORD flags);
/* Ends the call armed last: TRUE if exactly one tagged call went out. */
BOOL call_log_sent(void);

#endif
