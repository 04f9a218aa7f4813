/*
 * The marshaling benchmark (issue 6). One program, three roles:
 *   parent  bench.exe <builddir> [options]: runs children alternately for
 *           each DLL variant, collects their numbers, prints the table and
 *           writes bench.csv, bench-rounds.csv and bench-next.png;
 *   child   bench.exe --child ...: one variant, one setting; measures every
 *           method once and prints result lines on stdout (child.c);
 *   host    bench.exe --host ...: the objects' process of the cross-process
 *           setting (host.c).
 */
#ifndef QMGRPRXY_BENCH_H
#define QMGRPRXY_BENCH_H

#include <windows.h>
#include <stdio.h>
#include "qmgrprxy.h"
#include "loopback_channel.h"
#include "sta_host.h"

enum setting { SETTING_APARTMENT, SETTING_PROCESS, SETTING_LOOPBACK, SETTING_DIRECT, SETTING_COUNT };
extern const char *const setting_names[SETTING_COUNT];     /* "apartment", "process", "loopback", "direct" */
extern const char *const setting_titles[SETTING_COUNT];

/* What a child is asked to do; the parent passes it on the command line. */
struct child_opts
{
    char variant[32];        /* name, for the output only */
    WCHAR dll[MAX_PATH];     /* DLL to load and register in-process; "" = use the prefix's registry */
    enum setting setting;
    double budget_ms;        /* time spent per method after its warm-up */
    ULONG file_count;        /* files in the benchmark enumerator */
    ULONG sweep_max;         /* largest N of the Next(N) sweep; 0 = no sweep */
    BOOL count_calls;        /* also count channel calls per method (chanhook.c) */
    BOOL anatomy;            /* measure the pieces of a call instead (anatomy.c) */
};

/* Command line <-> options (options.c). */
BOOL child_opts_parse(int argc, WCHAR **argv, int first, struct child_opts *opts);
void child_opts_format(const struct child_opts *opts, WCHAR *out, size_t size);

/* variant.c: makes the proxies come from one DLL. In-process registration
 * (a private CLSID, CoRegisterPSClsid for the IIDs the DLL covers, its
 * factory registered in the calling apartment) lets two builds of the same
 * CLSID be compared in one prefix; "" leaves the prefix's registry in charge. */
/* IFACE_CHANNEL is not a BITS interface: an IEnumUnknown whose proxy is
 * COM's own (neither DLL serves it), called next to every sample as the
 * channel's floor, the same code whichever DLL the child tests. */
enum bench_iface { IFACE_ENUM_FILES, IFACE_FILE, IFACE_JOB, IFACE_JOB5, IFACE_CHANNEL, IFACE_COUNT };
extern const IID *const bench_iids[IFACE_COUNT];
extern const char *const bench_iface_names[IFACE_COUNT];
struct variant_state
{
    HMODULE module;                  /* NULL when the registry decides */
    IUnknown *factory;
    BOOL covers[IFACE_COUNT];
};
HRESULT variant_load(const WCHAR *dll, struct variant_state *state);  /* once per process */
HRESULT variant_register_in_apartment(const struct variant_state *state, DWORD *cookie);
void variant_revoke(DWORD cookie);
void variant_unload(struct variant_state *state);
void module_path_of(const void *address, WCHAR *out, DWORD size);
extern IUnknown stand_in_outer;   /* an outer object for proxies made outside COM's proxy manager */

/* objects.c: the model's objects on the objects' side, and their marshaled
 * form. blob[i] is NULL where the object could not be made (hr[i] says why). */
struct handoff
{
    HRESULT hr[IFACE_COUNT];
    BYTE *blob[IFACE_COUNT];
    DWORD size[IFACE_COUNT];
};
struct objects;
HRESULT objects_create(ULONG file_count, struct objects **out);
void objects_marshal(struct objects *objects, DWORD mshctx, const BOOL covers[IFACE_COUNT], struct handoff *handoff);
void objects_release(struct objects *objects);
IUnknown *objects_object(struct objects *objects, enum bench_iface which);   /* NULL if the model lacks it */
HRESULT handoff_unmarshal(const struct handoff *handoff, enum bench_iface which, void **out);
void handoff_free(struct handoff *handoff);
BOOL handoff_write(FILE *f, const struct handoff *handoff);       /* text, one line per object */
BOOL handoff_read_line(const char *line, struct handoff *handoff);

/* transport.c: where the objects live and how the client gets them. */
/* The objects' STA thread (server/sta_host.h), in the client's process or
 * the host's: loads the variant there if load_dll is set (the host), else
 * uses state; registers its factory in that apartment, makes the objects
 * and marshals them into handoff for mshctx. */
struct objects_apartment
{
    const WCHAR *load_dll;
    const struct variant_state *state;
    ULONG file_count;
    DWORD mshctx;
    struct handoff *handoff;
    /* the thread's own */
    struct variant_state loaded;
    struct objects *objects;
    DWORD cookie;
    struct sta_host *sta;
};
HRESULT objects_apartment_start(struct objects_apartment *a);
void objects_apartment_stop(struct objects_apartment *a);
struct objects_side;
HRESULT objects_side_start(const struct child_opts *opts, const struct variant_state *state,
                           struct handoff *handoff, struct objects_side **side);
void objects_side_stop(struct objects_side *side);

/* loopback.c: the loopback setting, proxy and stub of the DLL joined in
 * one thread by a channel that calls the stub (no RPC). */
struct loopback_set;
HRESULT loopback_proxies(const struct variant_state *state, ULONG file_count, BOOL direct, void *proxy[IFACE_COUNT],
                         HRESULT iface_hr[IFACE_COUNT], void **floor, struct loopback_set **out);
void loopback_set_free(struct loopback_set *set);

/* timing.c */
double now_us(void);
double median(double *values, unsigned int count);   /* sorts values */

/* methods.c: the measured calls, client side. */
struct proxies
{
    IEnumBackgroundCopyFiles *files;
    IBackgroundCopyFile *file;
    IBackgroundCopyJob *job;
    IBackgroundCopyJob5 *job5;
    IEnumBackgroundCopyFiles *floor;   /* a clone, for Reset calls that leave files' cursor alone */
    IEnumUnknown *channel;          /* IFACE_CHANNEL's proxy; NULL in loopback and direct */
    BOOL keep_file;                 /* loopback and direct: file is not a COM proxy, keep it (methods.c) */
    ULONG file_count, pos;          /* enumerator size and where its cursor is */
    ULONG added;                    /* files added to the job so far */
    IBackgroundCopyFile **items;    /* room for file_count elements of Next */
    BG_FILE_INFO *fileset;          /* AddFileSet's argument, AddFileSet's largest N */
    WCHAR (*names)[2][80];          /* its strings */
};
#define ADDFILESET_MAX 64
struct method
{
    const char *name;
    enum bench_iface iface;
    ULONG n;                        /* the N of Next(N) / AddFileSet(N), else 0 */
    /* One call, including the release of whatever it returned. */
    HRESULT (*call)(struct proxies *p, ULONG n);
    /* Work to leave outside the timing before a call (e.g. Reset before Next past the end). */
    void (*prepare)(struct proxies *p, ULONG n);
};
extern const struct method bench_methods[];
extern const unsigned int bench_method_count;
HRESULT call_next(struct proxies *p, ULONG n);
void prepare_next(struct proxies *p, ULONG n);
void drop_file(struct proxies *p);               /* releases p->file */
void ensure_file(struct proxies *p, ULONG n);    /* makes p->file a proxy of file 0 again */

/* The N of the Next(N) sweep (child.c). */
#define SWEEP_SIZE_COUNT 13
extern const ULONG sweep_sizes[SWEEP_SIZE_COUNT];

/* What the parent collects: per variant, setting and method, one median
 * per round (parent.c), then reports (report.c, plot.c, smoke.c). */
#define MAX_VARIANTS 6
#define MAX_ROUNDS 64
#define MAX_METHODS 16
struct series
{
    double value[MAX_ROUNDS];
    unsigned int count;
    char note[48];                  /* why there is no value, if there is none */
};
double series_median(const struct series *s);   /* 0 when empty */
struct variant_def
{
    char name[32];
    WCHAR dll[MAX_PATH];            /* "" = the prefix's registry */
    WCHAR expect_module[MAX_PATH];  /* where its proxies' vtables must be */
};
struct results
{
    unsigned int variant_count, reference;    /* ratios are variant / variant[reference] */
    struct variant_def variant[MAX_VARIANTS];
    BOOL setting_on[SETTING_COUNT];
    unsigned int rounds;
    struct series method[MAX_VARIANTS][SETTING_COUNT][MAX_METHODS];
    /* The floor measured in alternation with each method (one floor call,
     * one call of the method, ...), and the method's median minus it. */
    struct series paired_floor[MAX_VARIANTS][SETTING_COUNT][MAX_METHODS];
    struct series overhead[MAX_VARIANTS][SETTING_COUNT][MAX_METHODS];
    /* The channel floor (IFACE_CHANNEL) measured in the same alternation,
     * and the median of method/channel over a child's samples: the cost in
     * units of the channel's own call, which cancels what the machine does
     * to both (the paired ratio of report.c). Empty where there is no channel. */
    struct series channel[MAX_VARIANTS][SETTING_COUNT][MAX_METHODS];
    struct series relative[MAX_VARIANTS][SETTING_COUNT][MAX_METHODS];
    WCHAR channel_module[SETTING_COUNT][MAX_PATH];
    struct series sweep[MAX_VARIANTS][SETTING_COUNT][SWEEP_SIZE_COUNT];
    WCHAR module[MAX_VARIANTS][SETTING_COUNT][IFACE_COUNT][MAX_PATH];
    char *calls[MAX_VARIANTS][SETTING_COUNT];  /* channel-call lines of the last round */
    /* --anatomy: labels in the order the children print them, and values */
    char anatomy_label[32][64];
    unsigned int anatomy_count;
    struct series anatomy[MAX_VARIANTS][SETTING_COUNT][32];
    char problems[4096];                       /* one line per problem seen */
};
void results_problem(struct results *r, const char *format, ...);

/* parent side: variant_defs.c, spawn.c, collect.c */
void to_windows_path(const WCHAR *path, WCHAR *out);      /* a Unix path becomes Z:\..., others stay */
BOOL add_variant(struct results *r, const WCHAR *spec, const WCHAR *builddir, const WCHAR *out_dir);
char *run_child(const struct child_opts *opts);            /* its whole stdout, or NULL */
/* Files one child's output under (variant, setting); keep = not the warm-up. */
void parse_child(struct results *r, unsigned int v, enum setting s, char *output, BOOL keep);

/* report.c: the terminal table and the CSVs. */
void report_print(const struct results *r, FILE *f);
BOOL report_write_csv(const struct results *r, const WCHAR *path, const WCHAR *rounds_path);
/* plot.c: the per-element Next(N) plot. */
BOOL plot_next(const struct results *r, const WCHAR *path);
/* smoke.c: the checks of the smoke test; returns the number of failures. */
unsigned int smoke_check(const struct results *r, FILE *f);

/* child.c, host.c, parent.c */
int child_main(const struct child_opts *opts);
int host_main(const struct child_opts *opts);
int parent_main(int argc, WCHAR **argv);
int disconnect_check(const WCHAR *dll);     /* disconnect.c */
void run_anatomy(const struct child_opts *opts, struct proxies *p);   /* anatomy.c */
void traced_loops(struct proxies *p);                                  /* traced_loops.c */

/* chanhook.c: counts the calls that go through COM's channel, per interface
 * and method, on the client side of this process. */
HRESULT chanhook_install(void);
void chanhook_reset(void);
/* Prints "calls <method> <iface>::<n> <per-call>" for every counted entry. */
void chanhook_print(FILE *f, const char *method, unsigned int calls);

/* Paths: "/a/b" -> "Z:\a\b", the way Wine maps the Unix root. */
void unix_to_windows_path(const char *unix_path, WCHAR *out, size_t size);

#endif
