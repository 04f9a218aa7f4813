/*
 * One child run: one DLL variant, one setting. Client in the MTA; the
 * objects in an STA thread or host process. Prints, on stdout:
 *   module <interface> <path of the module that holds the proxy's vtable>
 *   unavailable <interface> <hr>     (not made by the model, not covered by the DLL, or failed)
 *   result <method> <n> <median us per call> <calls timed> <median us of the floor calls in between>
 *          <median us of the channel calls in between> <median of call/channel over the samples>
 *          (the last two 0 where there is no channel: loopback, direct)
 *   channel <path of the module that holds the channel proxy's vtable>
 *   na <method> <n> <reason>
 *   sweep <N> <median us per Next(N) call>
 *   calls <method> <interface>::<method> <channel calls per call>   (--count 1)
 *   anatomy <label> <median us>   (--anatomy 1, instead of result and sweep lines)
 * and "done" last.
 */
#include <stdlib.h>
#include "bench.h"

/* The N of the Next(N) sweep, up to --sweep-max. */
const ULONG sweep_sizes[SWEEP_SIZE_COUNT] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000 };

#define WARMUP_CALLS 1
#define MIN_CALLS 3
#define MAX_CALLS 5000
#define COUNTED_CALLS 4

static const char *na_reason(HRESULT hr)
{
    if (hr == E_NOINTERFACE) return "not-covered-by-this-dll";
    if (hr == E_NOTIMPL) return "model-has-no-job-yet";
    return "unavailable";
}

/* Calls shorter than this are timed in batches (QueryPerformanceCounter
 * ticks are 0.1 us under Wine); a batch's time is divided by its size. */
#define MIN_SAMPLE_US 20.0

/* One sample of the method: the mean of batch calls. A single call keeps
 * its preparation out of the timing; a batch includes it (Next's check of
 * the cursor, almost always nothing). */
static double time_method(const struct method *m, struct proxies *p, unsigned int batch, HRESULT *hr)
{
    unsigned int k;
    double t0;

    if (batch == 1 && m->prepare) m->prepare(p, m->n);
    t0 = now_us();
    for (k = 0; k < batch && SUCCEEDED(*hr); k++)
    {
        if (batch > 1 && m->prepare) m->prepare(p, m->n);
        *hr = m->call(p, m->n);
    }
    return (now_us() - t0) / batch;
}

/* The two reference calls timed next to every method's sample. */
static void reset_floor(struct proxies *p) { IEnumBackgroundCopyFiles_Reset(p->floor); }
static void reset_channel(struct proxies *p) { IEnumUnknown_Reset(p->channel); }

static double time_reference(void (*call)(struct proxies *), struct proxies *p, unsigned int batch)
{
    double t0 = now_us();
    unsigned int k;
    for (k = 0; k < batch; k++) call(p);
    return (now_us() - t0) / batch;
}

struct measurement
{
    double median_us, floor_us, channel_us, relative;   /* the last two 0 without a channel */
    unsigned int calls;
};

/* Times one method: a warm-up, then samples until the budget is spent, each
 * next to one sample of the floor (Reset of another enumerator) and one of
 * the channel (IEnumUnknown::Reset through COM's own proxy) timed alike, in
 * rotating order, so that all three see the same moments of a busy machine. */
static HRESULT measure(const struct child_opts *opts, const struct method *m, struct proxies *p, struct measurement *out)
{
    double *samples = malloc(MAX_CALLS * sizeof(*samples)), *floor = malloc(MAX_CALLS * sizeof(*floor));
    double *channel = malloc(MAX_CALLS * sizeof(*channel)), *relative = malloc(MAX_CALLS * sizeof(*relative));
    double start, single;
    unsigned int count = 0, batch = 1, i, step;
    HRESULT hr = S_OK;

    for (i = 0; i < WARMUP_CALLS && SUCCEEDED(hr); i++) time_method(m, p, 1, &hr);
    single = time_method(m, p, 1, &hr);
    if (single < MIN_SAMPLE_US) batch = min(1000, (unsigned int)(MIN_SAMPLE_US / max(single, 0.05)) + 1);
    start = now_us();
    while (SUCCEEDED(hr) && count < MAX_CALLS && (count < MIN_CALLS || now_us() - start < opts->budget_ms * 1000))
    {
        /* method, floor, channel; then floor, channel, method; ...: none is always first */
        channel[count] = 0;
        for (step = 0; step < 3; step++)
            switch ((step + count) % 3)
            {
            case 0: samples[count] = time_method(m, p, batch, &hr); break;
            case 1: floor[count] = time_reference(reset_floor, p, batch); break;
            case 2: if (p->channel) channel[count] = time_reference(reset_channel, p, batch); break;
            }
        relative[count] = channel[count] > 0 ? samples[count] / channel[count] : 0;
        count++;
    }
    out->median_us = median(samples, count);
    out->floor_us = median(floor, count);
    out->channel_us = median(channel, count);
    out->relative = median(relative, count);
    out->calls = count * batch;
    free(samples);
    free(floor);
    free(channel);
    free(relative);
    return hr;
}

static void count_channel_calls(const struct method *m, struct proxies *p, const char *label)
{
    unsigned int calls = COUNTED_CALLS, i;
    /* Next starts after file 0, whose proxy the client holds (a held object
     * needs no RemRelease), and runs without a Reset among the counted calls. */
    if (m->prepare == prepare_next)
    {
        IEnumBackgroundCopyFiles_Reset(p->files);
        IEnumBackgroundCopyFiles_Skip(p->files, 1);
        p->pos = 1;
        if (calls > (p->file_count - 1) / m->n) calls = (p->file_count - 1) / m->n;
        if (!calls) return;
    }
    chanhook_reset();
    for (i = 0; i < calls; i++)
    {
        if (m->prepare && m->prepare != prepare_next) m->prepare(p, m->n);
        m->call(p, m->n);
    }
    chanhook_print(stdout, label, calls);
}

/* Before anything is timed: every method once (Next up to 64), then the
 * floor for a while, so that the first method measured does not pay for
 * the process's first calls. */
static void warm_up(const struct child_opts *opts, struct proxies *p, const HRESULT iface_hr[IFACE_COUNT])
{
    double start;
    unsigned int i;

    for (i = 0; i < bench_method_count; i++)
    {
        const struct method *m = &bench_methods[i];
        if (FAILED(iface_hr[m->iface]) || m->n > 64 || m->n >= p->file_count) continue;
        if (m->prepare) m->prepare(p, m->n);
        m->call(p, m->n);
    }
    start = now_us();
    for (i = 0; i < 20 || now_us() - start < opts->budget_ms * 100; i++) bench_methods[0].call(p, 0);
}

static void run_methods(const struct child_opts *opts, struct proxies *p, const HRESULT iface_hr[IFACE_COUNT])
{
    unsigned int i;

    warm_up(opts, p, iface_hr);

    for (i = 0; i < bench_method_count; i++)
    {
        const struct method *m = &bench_methods[i];
        char label[64];
        struct measurement x;
        HRESULT hr;

        snprintf(label, sizeof(label), m->n ? "%s(%lu)" : "%s", m->name, m->n);
        if (FAILED(iface_hr[m->iface])) { printf("na %s %lu %s\n", m->name, m->n, na_reason(iface_hr[m->iface])); continue; }
        if (m->prepare == prepare_next && m->n >= p->file_count) { printf("na %s %lu too-few-files\n", m->name, m->n); continue; }
        hr = measure(opts, m, p, &x);
        if (FAILED(hr) || hr == S_FALSE) { printf("na %s %lu failed-%08lx\n", m->name, m->n, (unsigned long)hr); continue; }
        printf("result %s %lu %.3f %u %.3f %.3f %.5f\n", m->name, m->n, x.median_us, x.calls, x.floor_us,
               x.channel_us, x.relative);
        if (opts->count_calls) count_channel_calls(m, p, label);
        fflush(stdout);
    }
}

/* Next(N) for growing N; the parent divides by N for the per-element cost. */
static void run_sweep(const struct child_opts *opts, struct proxies *p)
{
    unsigned int i;
    for (i = 0; i < ARRAYSIZE(sweep_sizes) && sweep_sizes[i] <= opts->sweep_max && sweep_sizes[i] < p->file_count; i++)
    {
        ULONG n = sweep_sizes[i];
        double samples[5], start = now_us(), t0;
        unsigned int count = 0;
        HRESULT hr = S_OK;

        while (SUCCEEDED(hr) && count < ARRAYSIZE(samples) && (!count || now_us() - start < opts->budget_ms * 1000))
        {
            p->pos = 0;
            prepare_next(p, n);          /* from file 1, as the methods */
            t0 = now_us();
            hr = call_next(p, n);
            samples[count++] = now_us() - t0;
        }
        if (hr != S_OK) { printf("na sweep %lu failed-%08lx\n", n, (unsigned long)hr); break; }
        printf("sweep %lu %.3f\n", n, median(samples, count));
        fflush(stdout);
    }
}

int child_main(const struct child_opts *opts)
{
    struct proxies p = { .file_count = opts->file_count };
    struct variant_state state;
    struct objects_side *side = NULL;
    struct loopback_set *loopback = NULL;
    struct handoff handoff = {0};
    HRESULT hr, iface_hr[IFACE_COUNT];
    void *proxy[IFACE_COUNT] = {0};
    DWORD cookie = 0;
    unsigned int i;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    hr = variant_load(opts->dll, &state);
    if (SUCCEEDED(hr)) hr = variant_register_in_apartment(&state, &cookie);
    if (SUCCEEDED(hr) && opts->count_calls) hr = chanhook_install();
    if (SUCCEEDED(hr) && (opts->setting == SETTING_LOOPBACK || opts->setting == SETTING_DIRECT))
        hr = loopback_proxies(&state, opts->file_count, opts->setting == SETTING_DIRECT, proxy, iface_hr,
                              (void **)&p.floor, &loopback);
    else if (SUCCEEDED(hr))
    {
        hr = objects_side_start(opts, &state, &handoff, &side);
        for (i = 0; SUCCEEDED(hr) && i < IFACE_COUNT; i++) iface_hr[i] = handoff_unmarshal(&handoff, i, &proxy[i]);
    }
    if (FAILED(hr))
    {
        printf("error setting up %s for %s: %08lx\n", setting_names[opts->setting], opts->variant, (unsigned long)hr);
        return 1;
    }
    for (i = 0; i < IFACE_COUNT; i++)
    {
        WCHAR module[MAX_PATH];
        if (FAILED(iface_hr[i]))
        {
            if (i != IFACE_CHANNEL || (opts->setting != SETTING_LOOPBACK && opts->setting != SETTING_DIRECT))
                printf("unavailable %s %08lx\n", bench_iface_names[i], (unsigned long)iface_hr[i]);
            continue;
        }
        if (opts->setting == SETTING_DIRECT) continue;       /* no proxies there */
        module_path_of(*(void **)proxy[i], module, MAX_PATH);
        if (i == IFACE_CHANNEL) printf("channel %ls\n", module);
        else printf("module %s %ls\n", bench_iface_names[i], module);
    }
    p.files = proxy[IFACE_ENUM_FILES];
    p.file = proxy[IFACE_FILE];
    p.keep_file = loopback != NULL;
    p.job = proxy[IFACE_JOB];
    p.job5 = proxy[IFACE_JOB5];
    p.channel = proxy[IFACE_CHANNEL];
    if (p.files && !p.floor && FAILED(hr = IEnumBackgroundCopyFiles_Clone(p.files, &p.floor)))
    {
        printf("error cloning the enumerator for the floor: %08lx\n", (unsigned long)hr);
        p.files = NULL;
    }
    p.items = calloc(opts->file_count, sizeof(*p.items));
    p.fileset = calloc(ADDFILESET_MAX, sizeof(*p.fileset));
    p.names = calloc(ADDFILESET_MAX, sizeof(*p.names));
    fflush(stdout);

    if (p.files && opts->anatomy) { if (!loopback) run_anatomy(opts, &p); }
    else if (p.files)
    {
        run_methods(opts, &p, iface_hr);
        if (opts->sweep_max) run_sweep(opts, &p);
    }

    /* Loopback proxies' references are not counted; the rest are real. */
    if (p.floor) IEnumBackgroundCopyFiles_Release(p.floor);
    for (i = 0; i < IFACE_COUNT; i++) if (proxy[i] && i != IFACE_FILE) IUnknown_Release((IUnknown *)proxy[i]);
    if (p.file) IBackgroundCopyFile_Release(p.file);     /* proxy[IFACE_FILE], or the one ensure_file made */
    loopback_set_free(loopback);
    if (side) objects_side_stop(side);
    handoff_free(&handoff);
    variant_revoke(cookie);
    variant_unload(&state);
    CoUninitialize();
    printf("done\n");
    return 0;
}
