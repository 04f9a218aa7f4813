/*
 * The load test (issue 12, item 3): client threads in the MTA call the
 * model's objects through qmgrprxy's proxies, a deterministic mix of
 * methods per thread, every result checked by value, while the serving
 * side counts the calls it served (server/host/call_log.h). Run in rounds;
 * after each, the serving process's live model objects and private bytes.
 * load_mix.c is the client mix, load_run.c the rounds, malformed.c the
 * connection that sends malformed requests at the same time, load_main.c
 * the configurations.
 */
#ifndef QMGRPRXY_LOAD_H
#define QMGRPRXY_LOAD_H

#include "tap.h"
#include "testutil.h"
#include "server.h"
#include "call_log.h"

#define LOAD_MAX_THREADS 8
#define LOAD_MAX_ROUNDS  16
#define LOAD_SENDER_ROW  8                    /* the malformed sender's row of the call log */
#define LOAD_PROBE_ROW   (CALL_LOG_ROWS - 1)  /* the harness's probes */

/* The client's names for its calls: the columns of the call log. */
enum load_label
{
    L_CREATE_JOB, L_CANCEL_JOB, L_GET_JOB, L_GET_ID, L_GET_STATE, L_GET_PROGRESS,
    L_SET_DISPLAY_NAME, L_GET_DISPLAY_NAME, L_SET_PRIORITY, L_GET_PRIORITY, L_ADD_FILE,
    L_ENUM_FILES, L_FILES_GET_COUNT, L_FILES_NEXT, L_FILES_SKIP, L_FILES_CLONE, L_FILES_RESET,
    L_FILE_GET_REMOTE_NAME, L_FILE_GET_LOCAL_NAME,
    L_SET_PROPERTY, L_GET_PROPERTY, L_SET_HEADERS, L_GET_HEADERS,
    L_CREATE_GROUP, L_CANCEL_GROUP, L_GET_GROUP, L_GROUP_GET_ID, L_GROUP_GET_STATUS,
    L_GROUP_SET_PROP, L_GROUP_GET_PROP,
    L_ENUM_PEERS, L_PEERS_GET_COUNT, L_PEERS_NEXT, L_PEER_GET_NAME,
    L_GET_RECORD, L_RECORD_GET_URL, L_GET_CONTENT_AGE,
    L_PROBE,
    L_COUNT
};
const char *load_label_name(unsigned int label);    /* "IBackgroundCopyJob::SetDisplayName" */

/* Proxies, in the MTA, of the model's roots; shared by every client thread. */
struct load_roots
{
    IBackgroundCopyManager *manager;
    IBackgroundCopyQMgr *qmgr;
    IBitsPeerCacheAdministration *peercache;
    IClassFactory *factory;   /* process: the manager's class object, for the probe after the roots go */
};

/* One client thread's part of a run; survives the rounds. */
struct load_thread
{
    unsigned int index;
    const struct load_roots *roots;
    unsigned int round;
    DWORD calls_per_round;
    ULONG rng;
    struct call_log_client log;
    DWORD failures[L_COUNT];
    DWORD unsent[L_COUNT];          /* a call that did not go out as exactly one tagged call */
    char first_failure[256];
    /* the thread's objects, for one round */
    IBackgroundCopyJob *job;
    IBackgroundCopyJob5 *job5;
    IBackgroundCopyJobHttpOptions *http;
    GUID job_id;
    unsigned int job_serial, files, serial;
    BG_JOB_PRIORITY priority;
    WCHAR name[64], headers[64];
    IBackgroundCopyGroup *group;
    GUID group_id;
};

/* load_mix.c: one round of a thread's mix; the thread must be attached to
 * its call log row and in the MTA. */
void load_mix_round(struct load_thread *t);

/* What a run measured, round by round. */
struct load_round
{
    DWORD calls;                 /* tagged calls of the client threads */
    DWORD ms;
    BOOL probed;                 /* the serving process reported after the round */
    LONG live_after;             /* its live model objects then */
    LONG64 cotask_bytes, cotask_blocks;   /* its outstanding task allocations then */
    DWORD threads, client_threads;   /* its threads then, and this process's */
    ULONG64 server_private, client_private;
};

struct load_run
{
    const char *config;
    unsigned int threads, rounds;
    DWORD calls_per_thread;
    BOOL separate_server;        /* the serving process is not this one */
    struct load_thread thread[LOAD_MAX_THREADS];
    struct load_round round[LOAD_MAX_ROUNDS];
    struct call_log_report baseline, last;
    struct call_log_client probe;
    LONG live_roots;             /* the serving process's live objects before round 1 */
    /* Optional: starts more work for a round; the round waits for the handle;
     * round_stuck says what that work is doing when a round takes too long. */
    HANDLE (*round_start)(struct load_run *run, unsigned int round);
    void (*round_stuck)(struct load_run *run, char *note, size_t size);
    void *context;
};

/* load_run.c */
BOOL load_probe(struct load_run *run, const struct load_roots *roots, DWORD flags, struct call_log_report *out);
/* The rounds, then every check of them (ok() lines) and the figures. */
void load_run_rounds(struct load_run *run, const struct load_roots *roots);

/* A test's printf-style failure note, kept once per thread. */
void load_fail(struct load_thread *t, unsigned int label, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
