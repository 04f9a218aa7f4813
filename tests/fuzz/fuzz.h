/*
 * The hostile-input fuzzer (issue 12): mutated requests into the DLL's
 * stubs, mutated replies into its proxies, each case watched for faults
 * (first chance), hangs, heap damage, huge allocations and leaks. The
 * pieces, one job each:
 *   fuzz_main.c     arguments, the plan of methods, the loop, the report
 *   fuzz_case.c     one case: seed, mutation, the call, the checks
 *   fuzz_mutate.c   the random source and the mutations of a seed
 *   fuzz_objref.c   keeps mutated OBJREFs out of combase's abort
 *   fuzz_monitor.c  exception handler, watchdog, heap and memory checks
 *   fuzz_spy.c      the IMallocSpy: counts, bounds and guards CoTaskMem
 *   fuzz_memory.c   buffers that end at a no-access page
 *   fuzz_state.c    counters and defects, in a file that survives a death
 *   fuzz_targets.c  the model objects a stub serves
 *   callback_sink.c the client's callback object for the callback stubs
 */
#ifndef QMGRPRXY_FUZZ_H
#define QMGRPRXY_FUZZ_H

#include <setjmp.h>
#include <windows.h>
#include <objbase.h>
#include "wire/wire_vector.h"
#include "wire/wire_cases.h"
#include "wire/recording_channel.h"

/* Exit codes: 0 no defect, 1 defects, 2 cannot run; the driver resumes
 * after any other (a death inside a case). */
#define EXIT_HANG 70                    /* the watchdog ended a case */
#define EXIT_DIED 71                    /* an exception nobody handled */

/* ---- the plan: every method of the 34 synchronous interfaces ---------- */

#define FUZZ_MAX_IFACES 40

enum direction { DIR_REQUEST, DIR_REPLY };   /* into a stub / into a proxy */

struct fuzz_iface
{
    char name[64];
    IID iid;
    unsigned int slots;                 /* vtable slots, IUnknown included */
    IPSFactoryBuffer *factory;          /* the DLL's, through the registry */
    struct wire_file file;
};

struct fuzz_method
{
    unsigned int iface;                 /* index in plan.ifaces */
    const struct fuzz_iface *fi;
    char name[64];
    unsigned int slot;
    const struct wire_method *vm;       /* the golden vector */
    const struct wire_case *wc;         /* the fixed call */
};

struct fuzz_plan
{
    struct fuzz_iface ifaces[FUZZ_MAX_IFACES];
    unsigned int iface_count;
    struct fuzz_method methods[256];
    unsigned int method_count;
    enum ndr_dialect dialect;
};

extern struct fuzz_plan plan;

/* Case index i: even indices are requests, odd ones replies; the method
 * goes round the plan, so every method gets its share in both directions. */
static inline enum direction case_direction(ULONGLONG index) { return (enum direction)(index & 1); }
static inline const struct fuzz_method *case_method(ULONGLONG index)
{
    return &plan.methods[(index >> 1) % plan.method_count];
}
static inline ULONGLONG case_round(ULONGLONG index) { return (index >> 1) / plan.method_count; }

/* ---- mutation (fuzz_mutate.c) ------------------------------------------ */

struct rng { ULONGLONG state; };
void rng_init(struct rng *rng, ULONGLONG seed, ULONGLONG index);
ULONGLONG rng_next(struct rng *rng);
ULONG rng_below(struct rng *rng, ULONG n);         /* 0 .. n-1 */

struct mutation
{
    unsigned char *bytes;               /* malloc'ed; may be longer than the seed */
    size_t len;
    ULONG method;                       /* iMethod (requests) */
    char what[256];                     /* what was done, for the report */
};

/* Mutates a seed message (with its fields) for case index of round round. */
void mutate(struct rng *rng, ULONGLONG round, enum direction dir, const struct fuzz_method *m,
            const unsigned char *seed, size_t seed_len, const struct wire_field *fields,
            unsigned int field_count, struct mutation *out);

/* "" for a request sent with its method's iMethod, else which other one
 * (appended to a defect's place: one class of defect, whatever follows). */
const char *method_tag(const struct fuzz_method *m, enum direction dir, const struct mutation *mu);

/* ---- OBJREFs (fuzz_objref.c) -------------------------------------------- */

/* The OBJREFs the seed carried: what must be released after the case, and
 * the OID -> IPID pairs the fuzzer knows to be alive. */
#define CASE_OBJREFS 8
struct case_objrefs
{
    unsigned int count;
    unsigned char *data[CASE_OBJREFS];
    ULONG len[CASE_OBJREFS];
    size_t offset[CASE_OBJREFS];        /* where each stands in the seed */
};

void objrefs_keep(struct case_objrefs *o, const struct wire_bytes *seed);
void objrefs_release(struct case_objrefs *o);   /* CoReleaseMarshalData on each */
void objrefs_free(struct case_objrefs *o);
/* Rewrites what in bytes would make combase abort (this apartment's OXID, a
 * live OID, an IPID it does not know) or call another process (a foreign
 * OXID with a live endpoint); returns how many OBJREFs it changed. */
unsigned int objrefs_make_safe(unsigned char *bytes, size_t len, const struct case_objrefs *o);
extern BOOL objrefs_unguarded;          /* --no-objref-guard: make_safe does nothing */
/* The seed OBJREF that stands where it stood, for the same object, but
 * names another IID (returned in iid); -1 if none. */
int objrefs_retyped(const unsigned char *bytes, size_t len, const struct case_objrefs *o, IID *iid);
/* Releases every OBJREF found in a buffer (a stub's reply). */
void objrefs_release_found(const unsigned char *bytes, size_t len);

/* ---- the monitor (fuzz_monitor.c) --------------------------------------- */

#define CASE_FAULTS 8
#define FAULT_FRAMES 6
struct fault
{
    DWORD code;
    void *address;
    ULONG_PTR info[2];                  /* access violation: read/write/execute, address */
    void *frames[FAULT_FRAMES];         /* the callers, innermost first (unwound from the context) */
};

struct case_watch
{
    LONG faults;                        /* first-chance faults during the case */
    struct fault fault[CASE_FAULTS];
};

/* TRUE if the process heap runs with tail, free and parameter checking;
 * otherwise sets that up for this program and runs it again: FALSE, and
 * *code is the exit code to end with. */
BOOL monitor_heap_checking(DWORD *code);
void monitor_start(DWORD hang_ms);
/* Tells the watchdog and the handlers which case runs (NULL: none). The
 * bytes stay readable until the next call. */
void monitor_case_begin(ULONGLONG index, const struct fuzz_method *m, enum direction dir,
                        const struct mutation *mu, struct case_watch *watch);
void monitor_case_end(void);
/* While set, an unhandled fault on the main thread jumps to target
 * (setjmp returns 1) instead of ending the process. */
void monitor_recover_point(jmp_buf *target);
BOOL monitor_heaps_valid(char *which, size_t size);
SIZE_T monitor_private_bytes(void);
SIZE_T monitor_heap_busy_bytes(void);
SIZE_T monitor_peak_virtual(void);
/* "rpcrt4.dll+0x1234 (NdrXxx+0x56)" for an address. */
void monitor_locate(const void *address, char *out, size_t size);
const char *fault_name(DWORD code);
BOOL is_fault_code(DWORD code);

/* ---- CoTaskMem (fuzz_spy.c) ---------------------------------------------- */

#define SPY_LIMIT (64u << 20)           /* one allocation over this is a defect */

struct spy_case
{
    SIZE_T largest;                     /* largest single request */
    SIZE_T total;                       /* bytes asked for */
    unsigned int refused;               /* requests over SPY_LIMIT, refused */
    SIZE_T refused_size;                /* the largest of them */
    unsigned int overruns;              /* blocks that failed HeapValidate when freed */
    void *overrun_block;
    unsigned int bad_frees;             /* frees of pointers CoTaskMem never handed out */
    void *bad_free;
};

HRESULT spy_register(void);
void spy_case_begin(void);
void spy_case_end(struct spy_case *out);
LONG spy_outstanding(void);             /* CoTaskMem blocks not freed */
/* The blocks the running case made and did not free: sizes and first bytes. */
void spy_describe_new(char *out, size_t size);
/* TRUE if all of those were made by NdrAllocate (the NDR engine's own). */
BOOL spy_new_blocks_from_ndr(void);

/* ---- buffers (fuzz_memory.c) ------------------------------------------- */

/* Channel buffers that start 8-aligned and end as close to a no-access
 * page as that allows (exactly at it when the length is a multiple of 8). */
extern const struct channel_memory guarded_memory;

/* ---- model objects (fuzz_targets.c, callback_sink.c) ------------------- */

/* A fresh object of the model (or the client's callback sink) for iface,
 * and the root it hangs from. */
struct target
{
    IUnknown *object;
    IBackgroundCopyManager *manager;
    IBackgroundCopyQMgr *qmgr;
};
HRESULT target_create(const char *iface, struct target *t);
/* Releases the object and cancels what is left under its root. */
void target_release(struct target *t);
HRESULT callback_sink_create(IUnknown **out);
LONG callback_sink_live(void);

/* ---- outcomes and the state (fuzz_state.c) ------------------------------ */

enum outcome
{
    OUT_REPLIED,                        /* stub: made a reply; proxy: returned the reply's HRESULT */
    OUT_REJECTED,                       /* a clean error, nothing else */
    /* defects */
    KIND_FAULT,                         /* first-chance fault */
    KIND_HANG,
    KIND_DEATH,                         /* the process ended inside the case */
    KIND_HUGE_ALLOC,                    /* one CoTaskMem request over SPY_LIMIT */
    KIND_VIRTUAL,                       /* address space grew past SPY_LIMIT (not CoTaskMem) */
    KIND_HEAP,                          /* a process heap failed validation */
    KIND_OVERRUN,                       /* a CoTaskMem block written past its end (HeapValidate at its free) */
    KIND_BAD_FREE,                      /* CoTaskMemFree of a pointer it never gave out */
    KIND_BUFFER,                        /* a channel buffer written past its size */
    KIND_LEAK_OBJECT,                   /* model objects or peers left alive / referenced */
    KIND_LEAK_MEMORY,                   /* CoTaskMem blocks left */
    KIND_TYPE,                          /* an interface pointer of another IID handed over as the declared one */
    OUTCOME_COUNT
};
#define FIRST_DEFECT KIND_FAULT

const char *outcome_name(enum outcome o);

struct defect
{
    enum outcome kind;
    char where[160];                    /* location (module+offset) or detail */
    char detail[256];
};

/* Opens (or creates) the state; unix_path may be NULL (no file). Returns
 * the case to start from: after a death, the case that died is counted
 * and the run goes on after it. */
BOOL state_open(const char *unix_path, ULONGLONG seed, ULONGLONG requests, ULONGLONG replies,
                ULONGLONG *start, DWORD last_exit);
void state_case_begin(ULONGLONG index, size_t len);
void state_case_end(ULONGLONG index, enum outcome outcome);
/* Records a defect of the running case; prints it when it is one of the
 * first of its kind; returns TRUE if printed. */
BOOL state_defect(ULONGLONG index, const struct fuzz_method *m, enum direction dir, const struct defect *d,
                  size_t len);
void state_death(LONG kind, const char *where);   /* from the dying process */
void state_note_allocation(ULONGLONG index, SIZE_T size);
void state_note_memory(SIZE_T private_bytes, SIZE_T heap_bytes, ULONGLONG index);
void state_note_objrefs_kept(unsigned int n);
/* The report: per interface and direction, totals, distinct defects; TAP
 * lines when tap is set. Returns the number of defects. */
void state_note_golden(unsigned int defective);
ULONGLONG state_report(BOOL tap, BOOL show_bytes);

/* Replays: builds, mutates and prints one case without running it. */
void print_case_bytes(ULONGLONG seed, ULONGLONG index);

/* ---- running cases (fuzz_case.c) ---------------------------------------- */

void case_setup(ULONGLONG seed);
enum outcome run_case(ULONGLONG index, BOOL verbose);
/* One message into m in direction dir, said everything about: the golden
 * seed, or the given bytes (with iMethod method, ~0u for the method's own). */
enum outcome run_given(const struct fuzz_method *m, enum direction dir, BOOL golden, const unsigned char *bytes,
                       size_t len, ULONG method, BOOL verbose);
/* The golden seed of every method, both directions, which must be replied
 * and leave nothing behind: how many were rejected (the fuzzer cannot
 * measure anything then) and how many had defects. */
void run_golden(unsigned int *rejected, unsigned int *defective);
/* Every golden message once, unchecked: what a replay runs first, as a run does. */
void warm_up(void);
void hex_print(const char *prefix, const unsigned char *bytes, size_t len);

#endif
