/*
 * One run: one DLL variant, one setting. Client in the MTA; the objects in
 * an STA thread or host process, or behind a loopback, or the objects
 * themselves (direct). Writes CSV rows on stdout (csv.c, README "The CSV"):
 *   cpus         the Linux CPUs this process may use
 *   module       per interface, the module that holds the proxy's vtable
 *                (checked against --expect-module: a "problem" row if not)
 *   channel      the module of the channel proxy (COM's own, never the DLL)
 *   unavailable  an interface the model lacks or the DLL does not cover
 *   result       per method: the median us per call, the calls timed, and
 *                the medians of the floor and channel calls timed next to it
 *                and of call/channel over the samples (the last two empty
 *                where there is no channel: loopback, direct)
 *   na           a method not measured, and why
 *   sweep        per N: the median us of one Next(N) call
 *   calls, anatomy   with --diagnose 1 (chanhook.c, anatomy.c)
 *   problem      anything that makes the run's numbers wrong
 * and "done" last.
 */
#include <stdarg.h>
#include <stdlib.h>
#include "bench.h"

/* The N of the Next(N) sweep, up to --sweep-max. */
const ULONG sweep_sizes[SWEEP_SIZE_COUNT] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000 };

#define WARMUP_CALLS 1
#define MIN_CALLS 3
#define MAX_CALLS 5000
#define COUNTED_CALLS 4

static unsigned int problems;

static void problem(const char *format, ...)
{
    char text[512];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof(text), format, args);
    va_end(args);
    csv_note("problem", NULL, 0, text);
    problems++;
}

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
    chanhook_report(label, calls);
}

/* --diagnose, after everything is timed (the hook costs every call that
 * follows): the channel calls of each method, counted. */
static void count_methods(struct proxies *p, const HRESULT iface_hr[IFACE_COUNT])
{
    unsigned int i;
    HRESULT hr = chanhook_install();

    if (FAILED(hr)) { problem("CoRegisterChannelHook: %08lx", (unsigned long)hr); return; }
    for (i = 0; i < bench_method_count; i++)
    {
        const struct method *m = &bench_methods[i];
        char label[64];
        if (FAILED(iface_hr[m->iface]) || (m->prepare == prepare_next && m->n >= p->file_count)) continue;
        snprintf(label, sizeof(label), m->n ? "%s(%lu)" : "%s", m->name, m->n);
        count_channel_calls(m, p, label);
    }
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
        struct measurement x;
        char why[32];
        HRESULT hr;

        if (FAILED(iface_hr[m->iface])) { csv_note("na", m->name, m->n, na_reason(iface_hr[m->iface])); continue; }
        if (m->prepare == prepare_next && m->n >= p->file_count) { csv_note("na", m->name, m->n, "too-few-files"); continue; }
        hr = measure(opts, m, p, &x);
        if (FAILED(hr) || hr == S_FALSE)
        {
            snprintf(why, sizeof(why), "failed-%08lx", (unsigned long)hr);
            csv_note("na", m->name, m->n, why);
            continue;
        }
        csv_result(m->name, m->n, x.median_us, x.calls, x.floor_us, x.channel_us, x.relative);
    }
}

/* Next(N) for growing N; run.py divides by N for the per-element cost. */
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
        if (hr != S_OK)
        {
            char why[32];
            snprintf(why, sizeof(why), "failed-%08lx", (unsigned long)hr);
            csv_note("na", "Next-sweep", n, why);
            break;
        }
        csv_value("sweep", "Next", n, median(samples, count), NULL);
    }
}

/* The Linux CPUs of this process, as /proc has them (run.py pins every Wine
 * process of a run; Wine maps the Unix root to Z:). */
static void report_cpus(void)
{
    FILE *status = fopen("Z:\\proc\\self\\status", "r");
    char line[256];
    if (!status) return;
    while (fgets(line, sizeof(line), status))
        if (!strncmp(line, "Cpus_allowed_list:", 18))
        {
            line[strcspn(line, "\r\n")] = 0;
            csv_note("cpus", NULL, 0, line + 18 + strspn(line + 18, " \t"));
        }
    fclose(status);
}

/* Which module served each proxy: the DLL asked for, and for the channel
 * floor COM's own proxy, never the DLL under test. */
static void report_modules(const struct child_opts *opts, void *const proxy[IFACE_COUNT],
                           const HRESULT iface_hr[IFACE_COUNT])
{
    unsigned int i;

    for (i = 0; i < IFACE_COUNT; i++)
    {
        WCHAR module[MAX_PATH];
        char hr[16];
        if (FAILED(iface_hr[i]))
        {
            snprintf(hr, sizeof(hr), "%08lx", (unsigned long)iface_hr[i]);
            /* no channel in the loopback and direct settings: nothing to say */
            if (i != IFACE_CHANNEL || (opts->setting != SETTING_LOOPBACK && opts->setting != SETTING_DIRECT))
                csv_note("unavailable", bench_iface_names[i], 0, hr);
            continue;
        }
        if (opts->setting == SETTING_DIRECT) continue;       /* no proxies there */
        module_path_of(*(void *const *)proxy[i], module, MAX_PATH);
        csv_note_w(i == IFACE_CHANNEL ? "channel" : "module", bench_iface_names[i], module);
        if (!opts->expect_module[0]) continue;
        if (i == IFACE_CHANNEL && !_wcsicmp(module, opts->expect_module))
            problem("the channel proxy came from the DLL under test, %ls", module);
        else if (i != IFACE_CHANNEL && _wcsicmp(module, opts->expect_module))
            problem("%s proxy from %ls, expected %ls", bench_iface_names[i], module, opts->expect_module);
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

    csv_header();
    report_cpus();
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    hr = variant_load(opts->dll, &state);
    if (SUCCEEDED(hr)) hr = variant_register_in_apartment(&state, &cookie);
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
        problem("setting up %s for %s: %08lx", setting_names[opts->setting], opts->variant, (unsigned long)hr);
        return 1;
    }
    report_modules(opts, proxy, iface_hr);
    p.files = proxy[IFACE_ENUM_FILES];
    p.file = proxy[IFACE_FILE];
    p.keep_file = loopback != NULL;
    p.job = proxy[IFACE_JOB];
    p.job5 = proxy[IFACE_JOB5];
    p.channel = proxy[IFACE_CHANNEL];
    if (p.files && !p.floor && FAILED(hr = IEnumBackgroundCopyFiles_Clone(p.files, &p.floor)))
    {
        problem("cloning the enumerator for the floor: %08lx", (unsigned long)hr);
        p.files = NULL;
    }
    p.items = calloc(opts->file_count, sizeof(*p.items));
    p.fileset = calloc(ADDFILESET_MAX, sizeof(*p.fileset));
    p.names = calloc(ADDFILESET_MAX, sizeof(*p.names));

    if (p.files)
    {
        run_methods(opts, &p, iface_hr);
        if (opts->sweep_max) run_sweep(opts, &p);
        /* the diagnostics cross a channel: not in loopback and direct */
        if (opts->diagnose && !loopback)
        {
            run_anatomy(opts, &p);
            count_methods(&p, iface_hr);     /* last: the hook stays for the process */
        }
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
    csv_note("done", NULL, 0, NULL);
    return problems ? 1 : 0;
}
