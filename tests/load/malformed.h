/*
 * The malformed sender: a connection of its own (an STA of this process
 * with raw channels, raw_channel.h) to the same stubs the client threads
 * call: the manager's, the QMgr's and the peer cache's, and those of a
 * job, a file enumerator, a group and a group enumerator it has the
 * harness make for it through the same roots. It sends a fixed list of
 * malformed requests (malformed_requests.c): first each alone, with the
 * serving process's report before and after (an ok() line each: a clean
 * error, no fault, no live object more, no task allocation left, no huge
 * allocation); then, during every round, the whole list again and again
 * while the client threads run, each result compared with its solo one;
 * last, alone, the requests that may break the serving process.
 */
#ifndef QMGRPRXY_MALFORMED_H
#define QMGRPRXY_MALFORMED_H

#include "load.h"

/* The objects the requests go to. */
enum malformed_target
{
    T_MANAGER, T_QMGR, T_PEERCACHE, T_JOB, T_JOB5, T_HTTP, T_FILES, T_GROUP, T_GROUPS,
    T_COUNT
};

/* What a clean answer to a request is. Whatever the kind, the serving
 * process must also show no fault, no new live object, no task allocation
 * left over, a sound heap and no single allocation above
 * MALFORMED_ALLOC_LIMIT. */
enum malformed_expect
{
    EXPECT_REPLY,    /* a well-formed control: exactly the reply bytes given */
    EXPECT_STUB,     /* malformed NDR: the stub refuses it (an RPC error, no reply) */
    EXPECT_OBJECT,   /* well-formed NDR, bad values: a reply whose HRESULT is an error */
    EXPECT_ERROR,    /* either of the two */
    EXPECT_ANY,      /* legal but extreme: any answer */
};

#define MALFORMED_ONCE 0x1        /* sent once per round, not every pass (a huge count) */
#define MALFORMED_LAST 0x2        /* sent alone after the rounds only: it may break the serving process */
#define MALFORMED_FILES 8         /* files of the sender's job, so of its file enumerator */
#define MALFORMED_ALLOC_LIMIT (1024 * 1024)

struct malformed_request
{
    const char *name;
    enum malformed_target target;
    ULONG method;
    const BYTE *body;
    ULONG size;
    enum malformed_expect expect;
    DWORD flags;
    const BYTE *reply;            /* EXPECT_REPLY */
    ULONG reply_size;
};

extern const struct malformed_request malformed_requests[];
extern const unsigned int malformed_request_count;
const IID *malformed_target_iid(enum malformed_target target);
const char *malformed_target_name(enum malformed_target target);

struct malformed_sender;

/* Has the harness make the sender's objects, starts the sender, runs the
 * solo pass (ok() lines) and hooks itself into the run's rounds (passes
 * per round). skip: requests not to send, bit i for request i. NULL when it cannot connect or the serving side stopped
 * answering during the solo pass (then the rounds are not run). */
struct malformed_sender *malformed_start(struct load_run *run, const struct load_roots *roots, unsigned int passes,
                                         ULONG64 skip);
/* After the rounds: the sender's calls against the serving process's
 * count, its results against the solo pass; then the MALFORMED_LAST
 * requests alone; stops the sender and releases all. */
void malformed_finish(struct malformed_sender *sender, struct load_run *run, const struct load_roots *roots);

#endif
