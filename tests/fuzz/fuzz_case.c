/*
 * One case: the method's golden message is assembled with fresh OBJREFs of
 * the peers, mutated, made safe for combase, and fed
 *   - as a request to a stub from the DLL's factory, connected to a fresh
 *     model object (fuzz_targets.c), through the recording channel whose
 *     buffers end at a no-access page; or
 *   - as the reply that the channel answers a proxy from the DLL's factory
 *     with, while the wire case's `call` half calls the method with its
 *     fixed arguments.
 * Then everything is released and checked: faults (first chance), the
 * channel buffers, the heaps, CoTaskMem (largest request, refusals,
 * overruns, bad frees, blocks left), model objects and references left.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <rpcproxy.h>
#include "fuzz.h"
#include "server.h"
#include "com_helpers.h"
#include "wire/recording_server.h"
#include "wire/wire_objref.h"
#include "testutil.h"

static ULONGLONG run_seed;
static struct recording_server peers[CASE_PEERS];
static struct recording_channel channel;
static struct counted_unknown outer;

void case_setup(ULONGLONG seed)
{
    unsigned int i;
    run_seed = seed;
    for (i = 0; i < CASE_PEERS; i++) recording_server_init(&peers[i]);
    recording_channel_init(&channel);
    channel.memory = &guarded_memory;
    counted_unknown_init(&outer);
}

void hex_print(const char *prefix, const unsigned char *bytes, size_t len)
{
    size_t i;
    printf("%s (%lu):", prefix, (unsigned long)len);
    for (i = 0; i < len; i++) printf("%s%02x", i % 64 ? "" : " ", bytes[i]);
    printf("\n");
}

/* ---- the message of a case ------------------------------------------- */

struct prepared
{
    struct case_objrefs objrefs;
    struct mutation mu;
    size_t hresult_at;                  /* the reply's HRESULT in the seed, or -1 */
    unsigned int kept;                  /* OBJREFs made safe */
};

/* What a case runs instead of a mutation: the golden seed, or given bytes. */
struct given
{
    BOOL golden;
    const unsigned char *bytes;         /* NULL: none given */
    size_t len;
    ULONG method;
};

static BOOL prepare(ULONGLONG index, const struct fuzz_method *m, enum direction dir, const struct given *given,
                    struct prepared *p)
{
    const struct wire_block *block = dir == DIR_REQUEST ? &m->vm->request : &m->vm->reply;
    IUnknown *list[CASE_PEERS];
    struct objref_peers source = { list, CASE_PEERS };
    struct wire_bytes seed;
    struct wire_field *fields = NULL;
    unsigned int count = 0, i;
    char error[256];
    struct rng rng;

    memset(p, 0, sizeof(*p));
    for (i = 0; i < CASE_PEERS; i++) list[i] = &peers[i].IUnknown_iface;
    if (!wire_build_fields(block, plan.dialect, marshal_peer_objref, &source, &seed, &fields, &count, error,
                           sizeof(error)))
    {
        printf("# %s::%s: cannot assemble the seed: %s\n", m->fi->name, m->name, error);
        free(seed.data);
        free(fields);
        return FALSE;
    }
    objrefs_keep(&p->objrefs, &seed);
    p->hresult_at = (size_t)-1;
    for (i = 0; i < count; i++) if (fields[i].kind == FIELD_HRESULT) p->hresult_at = fields[i].offset;
    if (given && (given->golden || given->bytes))
    {
        const unsigned char *bytes = given->bytes ? given->bytes : seed.data;
        memset(&p->mu, 0, sizeof(p->mu));
        p->mu.len = given->bytes ? given->len : seed.len;
        p->mu.bytes = malloc(p->mu.len + 1);
        memcpy(p->mu.bytes, bytes, p->mu.len);
        p->mu.method = given->bytes && given->method != ~0u ? given->method : m->slot;
        strcpy(p->mu.what, given->bytes ? "given bytes" : "golden");
    }
    else
    {
        rng_init(&rng, run_seed, index);
        mutate(&rng, case_round(index), dir, m, seed.data, seed.len, fields, count, &p->mu);
        p->kept = objrefs_make_safe(p->mu.bytes, p->mu.len, &p->objrefs);
    }
    free(seed.data);
    free(fields);
    return TRUE;
}

static void unprepare(struct prepared *p)
{
    objrefs_release(&p->objrefs);
    objrefs_free(&p->objrefs);
    free(p->mu.bytes);
}

void print_case_bytes(ULONGLONG seed, ULONGLONG index)
{
    const struct fuzz_method *m = case_method(index);
    struct prepared p;
    ULONGLONG saved = run_seed;
    run_seed = seed;
    if (prepare(index, m, case_direction(index), NULL, &p))
    {
        printf("#   %s %s::%s, iMethod %lu: %s\n", case_direction(index) == DIR_REQUEST ? "request" : "reply",
               m->fi->name, m->name, p.mu.method, p.mu.what);
        hex_print("#   bytes", p.mu.bytes, p.mu.len);
        unprepare(&p);
    }
    run_seed = saved;
}

/* ---- the two directions ---------------------------------------------- */

struct result
{
    HRESULT hr;
    BOOL replied;
    BOOL recovered;                     /* a fault in the proxy's caller, jumped out of */
    BOOL buffer_overrun;
    char buffer_detail[160];
};

static BOOL run_request(const struct fuzz_method *m, const struct mutation *mu, struct result *r)
{
    IRpcStubBuffer *stub = NULL;
    struct target t;
    HRESULT hr;

    if (FAILED(hr = target_create(m->fi->name, &t)))
    {
        printf("# %s: cannot make the model object (%#lx)\n", m->fi->name, hr);
        target_release(&t);
        return FALSE;
    }
    if (FAILED(hr = IPSFactoryBuffer_CreateStub(m->fi->factory, &m->fi->iid, t.object, &stub)))
    {
        printf("# %s: CreateStub failed (%#lx)\n", m->fi->name, hr);
        target_release(&t);
        return FALSE;
    }
    recording_channel_reset(&channel);
    r->hr = recording_stub_invoke(stub, &channel, mu->method, mu->bytes, (ULONG)mu->len);
    r->replied = r->hr == S_OK;
    if (channel.stub_reply)
    {
        ULONG len = channel.stub_reply_len < channel.stub_reply_asked ? channel.stub_reply_len
                                                                      : channel.stub_reply_asked;
        if (channel.stub_reply_overrun)
        {
            r->buffer_overrun = TRUE;
            snprintf(r->buffer_detail, sizeof(r->buffer_detail),
                     "the stub's reply is %lu bytes, or wrote past them, in a buffer it sized at %lu",
                     channel.stub_reply_len, channel.stub_reply_asked);
        }
        /* the model objects the reply marshaled: nobody will unmarshal them */
        objrefs_release_found(channel.stub_reply, len);
    }
    recording_channel_reset(&channel);
    IRpcStubBuffer_Disconnect(stub);
    IRpcStubBuffer_Release(stub);
    target_release(&t);
    return TRUE;
}

/* What a reply case needs after the jump out of a fault in the call half:
 * static, since a proxy that overran the caller's stack may have reached
 * this function's frame too. */
static struct
{
    jmp_buf recover;
    IRpcProxyBuffer *proxy_buffer;
    IUnknown *proxy;
    volatile HRESULT hr;
    struct case_ctx ctx;
} call;

static BOOL run_reply(const struct fuzz_method *m, const struct mutation *mu, size_t hresult_at, struct result *r)
{
    IRpcProxyBuffer *proxy_buffer = NULL;
    IUnknown *proxy = NULL;
    unsigned int i;

    if (FAILED(r->hr = IPSFactoryBuffer_CreateProxy(m->fi->factory, &outer.IUnknown_iface, &m->fi->iid,
                                                    &proxy_buffer, (void **)&proxy))
        || FAILED(r->hr = IRpcProxyBuffer_Connect(proxy_buffer, &channel.base.IRpcChannelBuffer_iface)))
    {
        printf("# %s: cannot make a proxy (%#lx)\n", m->fi->name, r->hr);
        if (proxy) IUnknown_Release(proxy);
        if (proxy_buffer) IRpcProxyBuffer_Release(proxy_buffer);
        return FALSE;
    }
    recording_channel_reset(&channel);
    channel.reply = mu->bytes;
    channel.reply_len = (ULONG)mu->len;
    memset(&call.ctx, 0, sizeof(call.ctx));
    for (i = 0; i < CASE_PEERS; i++) call.ctx.peer[i] = &peers[i].IUnknown_iface;
    call.proxy = proxy;
    call.proxy_buffer = proxy_buffer;
    call.hr = E_FAIL;
    if (!setjmp(call.recover))
    {
        monitor_recover_point(&call.recover);
        call.hr = m->wc->call(call.proxy, &call.ctx);
        monitor_recover_point(NULL);
    }
    else r->recovered = TRUE;
    proxy = call.proxy;
    proxy_buffer = call.proxy_buffer;
    r->hr = call.hr;
    /* the peers the request marshaled: no server unmarshals them here */
    if (channel.request) objrefs_release_found(channel.request, channel.request_len);
    if (channel.request_overrun)
    {
        r->buffer_overrun = TRUE;
        snprintf(r->buffer_detail, sizeof(r->buffer_detail), "the proxy's request is %lu bytes in a buffer it sized at %lu",
                 channel.request_len, channel.request_asked);
    }
    recording_channel_reset(&channel);
    IUnknown_Release(proxy);
    IRpcProxyBuffer_Disconnect(proxy_buffer);
    IRpcProxyBuffer_Release(proxy_buffer);
    /* accepted: the proxy returned the HRESULT the reply carries */
    if (!r->recovered && hresult_at != (size_t)-1 && hresult_at + 4 <= mu->len)
    {
        HRESULT carried;
        memcpy(&carried, mu->bytes + hresult_at, 4);
        r->replied = r->hr == carried;
    }
    return TRUE;
}

/* ---- the checks -------------------------------------------------------- */

/* The address space may grow by this much in a case before it counts as an
 * allocation outside CoTaskMem (Wine reserves heap and stack space in
 * steps of up to 128 MiB). */
#define VIRTUAL_LIMIT (512u << 20)

struct baseline
{
    LONG live_objects;
    LONG outstanding;
    LONG peer_refs[CASE_PEERS];
    LONG outer_refs;
    LONG sinks;
    SIZE_T peak_virtual;
};

struct report
{
    ULONGLONG index;
    const struct fuzz_method *m;
    enum direction dir;
    const struct prepared *p;
    BOOL verbose;
    const struct given *given;          /* not a mutation of the run */
    enum outcome first;                 /* the first defect, or the clean outcome */
    unsigned int defects;
};

static void defect(struct report *rep, enum outcome kind, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void defect(struct report *rep, enum outcome kind, const char *where, const char *fmt, ...)
{
    struct defect d;
    va_list args;
    d.kind = kind;
    snprintf(d.where, sizeof(d.where), "%s%s", where, method_tag(rep->m, rep->dir, &rep->p->mu));
    va_start(args, fmt);
    vsnprintf(d.detail, sizeof(d.detail), fmt, args);
    va_end(args);
    if (!rep->defects++) rep->first = kind;
    if (state_defect(rep->index, rep->m, rep->dir, &d, rep->p->mu.len) || rep->verbose)
    {
        if (rep->dir == DIR_REQUEST) printf("#   mutation: %s; iMethod %lu\n", rep->p->mu.what, rep->p->mu.method);
        else printf("#   mutation: %s\n", rep->p->mu.what);
        hex_print("#   bytes", rep->p->mu.bytes, rep->p->mu.len);
        if (rep->given)
        {
            size_t k;
            printf("#   replay: sh tools/dev fuzz --%s %s::%s %s%s", rep->given->golden ? "golden" : "bytes",
                   rep->m->fi->name, rep->m->name, rep->dir == DIR_REQUEST ? "request" : "reply",
                   rep->given->golden ? "" : " ");
            for (k = 0; !rep->given->golden && k < rep->p->mu.len; k++) printf("%02x", rep->p->mu.bytes[k]);
            if (rep->given->bytes && rep->given->method != ~0u) printf(" --imethod %lu", rep->given->method);
            printf("\n");
        }
        else printf("#   replay: sh tools/dev fuzz --seed %llu --case %llu\n", run_seed, rep->index);
    }
}

/* Where a fault is charged: the innermost frame outside the C runtime
 * and ntdll (a memcpy is the caller's doing). */
static const void *charged_frame(const struct fault *f)
{
    static const char *const helpers[] = { "ucrtbase.dll", "msvcrt.dll", "ntdll.dll", "kernelbase.dll" };
    const void *pc = f->address;
    unsigned int i = 0, k;
    char where[160];
    for (;;)
    {
        BOOL helper = FALSE;
        monitor_locate(pc, where, sizeof(where));
        for (k = 0; k < ARRAYSIZE(helpers); k++)
            if (!_strnicmp(where, helpers[k], strlen(helpers[k]))) helper = TRUE;
        if (!helper || i == FAULT_FRAMES || !f->frames[i]) return pc;
        pc = f->frames[i++];
    }
}

static void check_faults(struct report *rep, const struct case_watch *w)
{
    LONG i, n = w->faults < CASE_FAULTS ? w->faults : CASE_FAULTS;
    char where[160], seen[CASE_FAULTS][160], chain[400];
    for (i = 0; i < n; i++)
    {
        const struct fault *f = &w->fault[i];
        unsigned int k;
        LONG j;
        BOOL again = FALSE;
        int len;

        monitor_locate(charged_frame(f), where, sizeof(where));
        for (j = 0; j < i; j++) if (!strcmp(seen[j], where)) again = TRUE;
        strcpy(seen[i], where);
        if (again) continue;
        monitor_locate(f->address, chain, sizeof(chain));
        len = strlen(chain);
        for (k = 0; k < FAULT_FRAMES && f->frames[k] && len < (int)sizeof(chain) - 80; k++)
        {
            chain[len++] = ' ';
            chain[len++] = '<';
            chain[len++] = ' ';
            monitor_locate(f->frames[k], chain + len, sizeof(chain) - len);
            len += strlen(chain + len);
        }
        if (f->code == EXCEPTION_ACCESS_VIOLATION)
            defect(rep, KIND_FAULT, where, "%08lx (access violation) %s %p; stack %s", f->code,
                   f->info[0] == 0 ? "reading" : f->info[0] == 1 ? "writing" : "executing", (void *)f->info[1], chain);
        else defect(rep, KIND_FAULT, where, "%08lx (%s); stack %s", f->code, fault_name(f->code), chain);
    }
    if (w->faults > CASE_FAULTS) printf("#   (%ld first-chance faults in the case)\n", w->faults);
}

static void check_after(struct report *rep, const struct baseline *before, const struct result *r,
                        const struct case_watch *w)
{
    struct spy_case sc;
    char which[160];
    LONG live, outstanding;
    SIZE_T peak;
    unsigned int i;

    check_faults(rep, w);
    if (r->buffer_overrun) defect(rep, KIND_BUFFER, "channel", "%s", r->buffer_detail);
    if (!monitor_heaps_valid(which, sizeof(which))) defect(rep, KIND_HEAP, "HeapValidate", "%s", which);
    spy_case_end(&sc);
    state_note_allocation(rep->index, sc.largest);
    if (sc.refused)
        defect(rep, KIND_HUGE_ALLOC, "CoTaskMemAlloc", "%u requests refused, the largest %llu bytes (limit %u)",
               sc.refused, (ULONGLONG)sc.refused_size, SPY_LIMIT);
    if (sc.overruns)
        defect(rep, KIND_OVERRUN, "CoTaskMem", "%u blocks written past their end (one at %p)", sc.overruns,
               sc.overrun_block);
    if (sc.bad_frees)
        defect(rep, KIND_BAD_FREE, "CoTaskMemFree", "%u frees of pointers CoTaskMem never gave out (one %p)",
               sc.bad_frees, sc.bad_free);
    if ((peak = monitor_peak_virtual()) > before->peak_virtual + VIRTUAL_LIMIT)
        defect(rep, KIND_VIRTUAL, "address space", "the peak grew by %llu bytes outside CoTaskMem",
               (ULONGLONG)(peak - before->peak_virtual));

    /* (sent as another method, the bytes are that method's: no OBJREF of theirs is read) */
    if (r->replied && rep->p->mu.method == rep->m->slot)
    {
        IID iid;
        int i = objrefs_retyped(rep->p->mu.bytes, rep->p->mu.len, &rep->p->objrefs, &iid);
        if (i >= 0)
            defect(rep, KIND_TYPE, "NdrInterfacePointerUnmarshall",
                   "interface pointer %d: an OBJREF for {%s} was handed over as {%s} and the call went through", i,
                   guid_str(&iid), guid_str((const GUID *)(rep->p->objrefs.data[i] + 8)));
    }
    if ((live = server_live_objects()) != before->live_objects)
        defect(rep, KIND_LEAK_OBJECT, "model objects", "%ld model objects alive after the case, %ld before", live,
               before->live_objects);
    if (callback_sink_live() != before->sinks)
        defect(rep, KIND_LEAK_OBJECT, "callback sink", "%ld callback objects alive after the case, %ld before",
               callback_sink_live(), before->sinks);
    for (i = 0; i < CASE_PEERS; i++)
        if (peers[i].ref != before->peer_refs[i])
            defect(rep, KIND_LEAK_OBJECT, "peer references", "peer %u has %ld references after the case, %ld before", i,
                   peers[i].ref, before->peer_refs[i]);
    if (outer.ref != before->outer_refs)
        defect(rep, KIND_LEAK_OBJECT, "proxy outer references",
               "the proxy's outer object has %ld references after the case, %ld before", outer.ref, before->outer_refs);
    if ((outstanding = spy_outstanding()) != before->outstanding)
    {
        char blocks[240];
        spy_describe_new(blocks, sizeof(blocks));
        defect(rep, KIND_LEAK_MEMORY, spy_new_blocks_from_ndr() ? "NdrAllocate blocks" : "CoTaskMem blocks",
               "%ld CoTaskMem blocks outstanding after the case, %ld before: %s", outstanding, before->outstanding,
               blocks);
    }
}

/* Runs one case; golden: the unmutated seed. */
static BOOL quiet;                      /* the warm-up: no checks, no counts */

static enum outcome run_one(ULONGLONG index, const struct fuzz_method *m, enum direction dir, const struct given *given,
                            BOOL verbose)
{
    BOOL golden = given != NULL;
    struct report rep = { index, m, dir, NULL, verbose, given, OUT_REJECTED, 0 };
    struct baseline before;
    struct case_watch watch;
    struct prepared p;
    struct result r;
    unsigned int i;
    BOOL ran;

    memset(&r, 0, sizeof(r));
    before.live_objects = server_live_objects();
    before.outstanding = spy_outstanding();
    for (i = 0; i < CASE_PEERS; i++) before.peer_refs[i] = peers[i].ref;
    before.outer_refs = outer.ref;
    before.sinks = callback_sink_live();
    before.peak_virtual = monitor_peak_virtual();
    if (!golden) state_case_begin(index, 0);      /* from here on, a death is this case's */
    if (!prepare(index, m, dir, given, &p)) return KIND_DEATH;
    rep.p = &p;
    if (!golden) state_case_begin(index, p.mu.len);
    if (p.kept) state_note_objrefs_kept(p.kept);
    if (verbose)
    {
        printf("# case %llu: %s %s::%s, iMethod %lu: %s\n", index, dir == DIR_REQUEST ? "request" : "reply",
               m->fi->name, m->name, p.mu.method, p.mu.what);
        hex_print("#   bytes", p.mu.bytes, p.mu.len);
    }
    spy_case_begin();
    monitor_case_begin(index, m, dir, &p.mu, &watch);
    ran = dir == DIR_REQUEST ? run_request(m, &p.mu, &r) : run_reply(m, &p.mu, p.hresult_at, &r);
    objrefs_release(&p.objrefs);        /* the seed's OBJREFs: what nobody consumed */
    monitor_case_end();
    if (ran && !quiet) check_after(&rep, &before, &r, &watch);
    objrefs_free(&p.objrefs);
    free(p.mu.bytes);
    if (!ran) return KIND_DEATH;
    if (verbose)
        printf("# case %llu: %s returned %#lx (%s)%s\n", index, dir == DIR_REQUEST ? "Invoke" : "the call", r.hr,
               r.replied ? "replied" : "rejected", rep.defects ? ", with defects" : "");
    return rep.defects ? rep.first : r.replied ? OUT_REPLIED : OUT_REJECTED;
}

enum outcome run_case(ULONGLONG index, BOOL verbose)
{
    return run_one(index, case_method(index), case_direction(index), NULL, verbose);
}

enum outcome run_given(const struct fuzz_method *m, enum direction dir, BOOL golden, const unsigned char *bytes,
                       size_t len, ULONG method, BOOL verbose)
{
    struct given given = { golden, bytes, len, method };
    ULONGLONG index = 2 * (ULONGLONG)(m - plan.methods) + dir;
    return run_one(index, m, dir, &given, verbose);
}

void warm_up(void)
{
    /* every golden message once, without looking: COM, rpcrt4 and the model
     * make their caches on first use (the apartment's remoting, registered
     * interfaces...), which is no leak */
    struct given golden = { TRUE, NULL, 0, 0 };
    unsigned int i, d;
    quiet = TRUE;
    for (i = 0; i < plan.method_count; i++)
        for (d = 0; d < 2; d++) run_one(2 * (ULONGLONG)i + d, &plan.methods[i], d, &golden, FALSE);
    quiet = FALSE;
}

void run_golden(unsigned int *rejected, unsigned int *defective)
{
    struct given golden = { TRUE, NULL, 0, 0 };
    unsigned int i, d;
    warm_up();
    *rejected = *defective = 0;
    for (i = 0; i < plan.method_count; i++)
        for (d = 0; d < 2; d++)
        {
            ULONGLONG index = 2 * (ULONGLONG)i + d;
            enum outcome o = run_one(index, &plan.methods[i], d, &golden, FALSE);
            if (o == OUT_REPLIED) continue;
            if (o == OUT_REJECTED) (*rejected)++;
            else (*defective)++;
            printf("# golden %s %s::%s: %s\n", d == DIR_REQUEST ? "request" : "reply", plan.methods[i].fi->name,
                   plan.methods[i].name, outcome_name(o));
        }
}
