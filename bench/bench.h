/*
 * bench.exe, the measuring half of the marshaling benchmark (bench/README.md;
 * bench/run.py drives it). Two roles:
 *   bench.exe --variant NAME --dll PATH ...: one DLL variant, one setting;
 *           measures every method and writes CSV rows on stdout (child.c);
 *   bench.exe --host ...: the objects' process of the cross-process
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

/* What one run is asked to do (the command line, options.c). */
struct child_opts
{
    char variant[32];        /* name, for messages only */
    WCHAR dll[MAX_PATH];     /* DLL to load and register in-process; "" = use the prefix's registry */
    WCHAR expect_module[MAX_PATH];   /* where every proxy's vtable must be; "" = not checked */
    enum setting setting;
    double budget_ms;        /* time spent per method after its warm-up */
    ULONG file_count;        /* files in the benchmark enumerator */
    ULONG sweep_max;         /* largest N of the Next(N) sweep; 0 = no sweep */
    BOOL diagnose;           /* afterwards: channel calls per method (chanhook.c), the pieces of a call (anatomy.c) */
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

/* transport.c: where the objects live and how the client gets them.
 * The objects' STA thread (server/sta_host.h), in the client's process or
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

/* csv.c: the rows a run writes on stdout (README: "The CSV"), under the
 * header record,method,n,us,calls,floor_us,channel_us,call_per_channel,detail.
 * A row fills the columns its kind has and leaves the others empty. */
void csv_header(void);
/* "result": a method's medians; channel_us and call_per_channel empty when 0 (no channel). */
void csv_result(const char *method, ULONG n, double us, unsigned int calls, double floor_us, double channel_us,
                double call_per_channel);
/* A number: "sweep" (us per Next(n) call), "anatomy" (us), "calls" (calls per call, detail: the channel call). */
void csv_value(const char *record, const char *method, ULONG n, double value, const char *detail);
/* A fact: "module", "channel", "na", "unavailable", "cpus", "problem", "done". */
void csv_note(const char *record, const char *method, ULONG n, const char *detail);
void csv_note_w(const char *record, const char *method, const WCHAR *detail);

/* child.c, host.c */
int child_main(const struct child_opts *opts);
int host_main(const struct child_opts *opts);

/* --diagnose (README: "Diagnostics"). anatomy.c: the pieces of a call that
 * returns an interface pointer, timed one by one ("anatomy" rows). */
void run_anatomy(const struct child_opts *opts, struct proxies *p);

/* chanhook.c: counts the calls that go through COM's channel, per interface
 * and method, on the client side of this process. */
HRESULT chanhook_install(void);
void chanhook_reset(void);
/* A "calls" row for every counted entry: <method>, <iface>::<method>, calls per call. */
void chanhook_report(const char *method, unsigned int calls);

#endif
