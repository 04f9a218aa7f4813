/*
 * The rounds of a run (see load.h): every client thread runs its mix for a
 * round, then the harness asks the serving process for its report (a
 * tagged call whose reply carries the call log's table, the live model
 * objects, private bytes, task allocations and faults), and measures this
 * process. After the last round: each check as an ok() line, and the
 * figures as # lines.
 */
#include <limits.h>
#include <stdio.h>
#include "load.h"

/* Private bytes may move by this much from the first steady round (round
 * 2) to any later one: Wine's heap keeps freed pages for reuse, so a round
 * can sit a few pages above another without anything leaking. And by
 * THREAD_BYTES for each thread the process has more than then: under
 * Wine 8 every RPC connection a server accepts has a thread of its own,
 * which costs it about 1 MiB (measured here), and it accepts more as the
 * clients' calls overlap more (its thread count, printed, levels off); a
 * client's thread pool grows the same way. */
#define PRIVATE_BYTES_SLACK (1024 * 1024)
#define THREAD_BYTES (1024 * 1024 + 256 * 1024)

/* A tagged call on a root whose reply carries the report: the manager's
 * GetJob of GUID_NULL (BG_E_NOT_FOUND, nothing made) while the roots live,
 * then the class factory's CreateInstance of an interface the manager does
 * not have (the manager it made is gone again before the reply). */
BOOL load_probe(struct load_run *run, const struct load_roots *roots, DWORD flags, struct call_log_report *out)
{
    IUnknown *object = NULL;
    HRESULT hr;

    memset(out, 0, sizeof(*out));
    run->probe.row = LOAD_PROBE_ROW;
    run->probe.report = out;
    call_log_attach(&run->probe);
    if (roots->manager)
    {
        call_log_arm(L_PROBE, &IID_IBackgroundCopyManager, flags | CALL_LOG_REPORT);
        hr = IBackgroundCopyManager_GetJob(roots->manager, &GUID_NULL, (IBackgroundCopyJob **)&object);
    }
    else if (roots->factory)
    {
        call_log_arm(L_PROBE, &IID_IClassFactory, flags | CALL_LOG_REPORT);
        hr = IClassFactory_CreateInstance(roots->factory, NULL, &IID_IBackgroundCopyQMgr, (void **)&object);
    }
    else hr = E_UNEXPECTED;
    call_log_sent();
    call_log_attach(NULL);
    if (object) IUnknown_Release(object);
    if (flags & CALL_LOG_RESET) memset(&run->probe, 0, sizeof(run->probe));
    return out->pid != 0 && FAILED(hr);
}

/* Half a minute, and 2 ms a call on top: four times what the slowest configuration needs here. */
static DWORD round_timeout(const struct load_run *run)
{
    return 30000 + run->threads * (run->calls_per_thread / run->rounds) * 2;
}

static DWORD WINAPI client_main(void *arg)
{
    struct load_thread *t = arg;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    call_log_attach(&t->log);
    load_mix_round(t);
    call_log_attach(NULL);
    CoUninitialize();
    return 0;
}

static ULONG64 thread_calls(const struct load_run *run)
{
    ULONG64 calls = 0;
    unsigned int i;
    for (i = 0; i < run->threads; i++) calls += run->thread[i].log.seq;
    return calls;
}

static void run_round(struct load_run *run, const struct load_roots *roots, unsigned int r)
{
    HANDLE threads[LOAD_MAX_THREADS + 1];
    struct load_round *round = &run->round[r];
    ULONG64 before = thread_calls(run);
    unsigned int i, n = 0;
    DWORD start = GetTickCount();
    HANDLE extra = run->round_start ? run->round_start(run, r) : NULL;

    for (i = 0; i < run->threads; i++)
    {
        run->thread[i].round = r;
        threads[n] = CreateThread(NULL, 0, client_main, &run->thread[i], 0, NULL);
        if (threads[n]) n++;
    }
    if (extra) threads[n++] = extra;
    if (WaitForMultipleObjects(n, threads, TRUE, round_timeout(run)) == WAIT_TIMEOUT)
    {
        char note[256] = "";
        if (run->round_stuck) run->round_stuck(run, note, sizeof(note));
        printf("Bail out! %s: round %u did not finish in %lu s%s%s\n", run->config, r + 1, round_timeout(run) / 1000,
               note[0] ? "; " : "", note);
        fflush(stdout);
        ExitProcess(1);
    }
    for (i = 0; i < n; i++) if (threads[i] != extra) CloseHandle(threads[i]);
    round->ms = GetTickCount() - start;
    round->calls = thread_calls(run) - before;
    round->probed = load_probe(run, roots, 0, &run->last);
    round->live_after = run->last.live_objects;
    round->cotask_bytes = run->last.cotask.bytes;
    round->cotask_blocks = run->last.cotask.blocks;
    round->threads = run->last.threads;
    round->server_private = run->last.private_bytes;
    round->client_private = call_log_private_bytes(NULL);
    round->client_threads = call_log_thread_count();
}

static void print_bytes_per_round(const struct load_run *run, const char *what, BOOL server)
{
    char line[512];
    int len = 0;
    unsigned int r;

    for (r = 0; r < run->rounds; r++)
        len += snprintf(line + len, sizeof(line) - len, " %.2f",
                        (server ? run->round[r].server_private : run->round[r].client_private) / 1048576.0);
    printf("# %s: private bytes per round, %s (MiB):%s\n", run->config, what, line);
}

/* Rounds 3.. against round 2, the first after the warm-up. */
static void check_flat(const struct load_run *run, const char *what, BOOL server)
{
    LONG64 steady, worst = LLONG_MIN, allowed = PRIVATE_BYTES_SLACK;
    unsigned int r, at = 0;

    if (run->rounds < 3) return;
    steady = server ? run->round[1].server_private : run->round[1].client_private;
    for (r = 2; r < run->rounds; r++)
    {
        LONG64 now = server ? run->round[r].server_private : run->round[r].client_private;
        LONG64 threads = server ? (LONG64)run->round[r].threads - run->round[1].threads
                                : (LONG64)run->round[r].client_threads - run->round[1].client_threads;
        LONG64 over = now - steady - max(threads, 0) * THREAD_BYTES;
        if (over > worst) { worst = over; at = r; }
    }
    ok(steady && worst <= allowed, "%s: private bytes of the %s flat from round 2, new threads aside: at most %+lld KiB "
       "(round %u; %lld KiB allowed)", run->config, what, worst / 1024, at + 1, allowed / 1024);
}

static void check_calls(const struct load_run *run)
{
    const struct call_log_report *report = &run->last;
    ULONG64 calls = 0, lost = 0, duplicated = 0, failures = 0, unsent = 0, acks = 0, bad_acks = 0, wrong_iid = 0;
    DWORD by_label[L_COUNT] = {0};
    const char *first = "";
    unsigned int i, l;

    for (i = 0; i < run->threads; i++)
    {
        const struct load_thread *t = &run->thread[i];
        for (l = 0; l < CALL_LOG_LABELS; l++)
        {
            DWORD sent = t->log.sent[l], served = report->served[i][l];
            if (sent > served) lost += sent - served;
            if (served > sent) duplicated += served - sent;
        }
        lost += report->gaps[i];
        duplicated += report->duplicates[i];
        for (l = 0; l < L_COUNT; l++)
        {
            by_label[l] += t->failures[l];
            failures += t->failures[l];
            unsent += t->unsent[l];
        }
        calls += t->log.seq;
        acks += t->log.acks;
        bad_acks += t->log.bad_acks;
        wrong_iid += t->log.wrong_iid;
        if (!first[0] && t->first_failure[0]) first = t->first_failure;
    }
    for (l = 0; l < L_COUNT; l++)
        if (by_label[l]) printf("# %s: %lu failures of %s\n", run->config, by_label[l], load_label_name(l));
    ok(calls >= (ULONG64)run->threads * run->calls_per_thread, "%s: %llu calls made (%u threads x %lu)", run->config,
       (unsigned long long)calls, run->threads, run->calls_per_thread);
    ok(!failures, "%s: every result checked by value: %llu failures%s%s", run->config, (unsigned long long)failures,
       first[0] ? ", first: " : "", first);
    ok(!unsent, "%s: every call went out as one tagged call (%llu did not)", run->config, (unsigned long long)unsent);
    ok(!lost, "%s: no call lost: the serving process served each thread's calls, method by method (%llu missing)",
       run->config, (unsigned long long)lost);
    ok(!duplicated, "%s: no call duplicated (%llu extra)", run->config, (unsigned long long)duplicated);
    ok(acks == calls && !bad_acks && !wrong_iid, "%s: every reply acknowledged its own call: %llu of %llu, %llu wrong, "
       "%llu on another interface", run->config, (unsigned long long)acks, (unsigned long long)calls,
       (unsigned long long)bad_acks, (unsigned long long)wrong_iid);
}

/* One figure per round, as a # line. */
static void print_rounds(const struct load_run *run, const char *what, LONG64 (*figure)(const struct load_round *))
{
    char line[512];
    int len = 0;
    unsigned int r;

    for (r = 0; r < run->rounds && len < (int)sizeof(line) - 24; r++)
        len += snprintf(line + len, sizeof(line) - len, " %lld", figure(&run->round[r]));
    printf("# %s: %s after each round:%s\n", run->config, what, line);
}

static LONG64 live_of(const struct load_round *r) { return r->live_after; }
static LONG64 cotask_bytes_of(const struct load_round *r) { return r->cotask_bytes; }
static LONG64 cotask_blocks_of(const struct load_round *r) { return r->cotask_blocks; }
static LONG64 threads_of(const struct load_round *r) { return r->threads; }

void load_run_rounds(struct load_run *run, const struct load_roots *roots)
{
    ULONG64 calls = 0, ms = 0;
    unsigned int i, r, live_ok = 0, cotask_ok = 0, probed;

    for (i = 0; i < run->threads; i++)
    {
        struct load_thread *t = &run->thread[i];
        memset(t, 0, sizeof(*t));
        t->index = i;
        t->roots = roots;
        t->calls_per_round = run->calls_per_thread / run->rounds;
        t->log.row = i;
    }
    probed = load_probe(run, roots, CALL_LOG_RESET, &run->baseline);
    ok(probed, "%s: the serving process reports (pid %lu): %ld live objects before round 1", run->config,
       run->baseline.pid, run->baseline.live_objects);
    run->live_roots = run->baseline.live_objects;

    for (probed = r = 0; r < run->rounds; r++)
    {
        const struct load_round *round = &run->round[r];
        run_round(run, roots, r);
        calls += round->calls;
        ms += round->ms;
        probed += round->probed;
        live_ok += round->live_after == run->live_roots;
        /* Round 1 warms up: the first calls of each kind leave what stays. */
        cotask_ok += round->cotask_bytes == run->round[0].cotask_bytes && round->cotask_blocks == run->round[0].cotask_blocks;
    }

    printf("# %s: %u threads x %lu calls in %u rounds: %llu calls in %.1f s, %.0f calls/s\n", run->config, run->threads,
           run->calls_per_thread, run->rounds, (unsigned long long)calls, ms / 1000.0, ms ? calls * 1000.0 / ms : 0.0);
    ok(probed == run->rounds, "%s: the serving process reported after each round (%u of %u)", run->config, probed,
       run->rounds);
    check_calls(run);
    print_rounds(run, "live objects of the serving process", live_of);
    ok(live_ok == run->rounds, "%s: after every round the live objects are those before round 1 (%ld): %u of %u rounds",
       run->config, run->live_roots, live_ok, run->rounds);
    print_rounds(run, "task allocations outstanding in the serving process, bytes", cotask_bytes_of);
    print_rounds(run, "task allocations outstanding in the serving process, blocks", cotask_blocks_of);
    ok(cotask_ok == run->rounds, "%s: after every round the serving process's task allocations are those after round 1 "
       "(%lld bytes in %lld blocks): %u of %u rounds", run->config, run->round[0].cotask_bytes,
       run->round[0].cotask_blocks, cotask_ok, run->rounds);
    print_rounds(run, "threads of the serving process", threads_of);
    ok(!run->last.faults, "%s: no first-chance fault in the serving process (%ld)", run->config, run->last.faults);
    ok(run->last.heap_valid, "%s: the serving process's heap is sound after the rounds", run->config);
    print_bytes_per_round(run, "serving process", TRUE);
    check_flat(run, "serving process", TRUE);
    if (run->separate_server)
    {
        print_bytes_per_round(run, "client process", FALSE);
        check_flat(run, "client process", FALSE);
        ok(!fault_log_count(), "%s: no first-chance fault in the client process (%ld)", run->config, fault_log_count());
    }
}
