/* The malformed sender (see malformed.h). */
#include <stdio.h>
#include <stdlib.h>
#include "malformed.h"
#include "raw_channel.h"

#define SOLO_TIMEOUT_MS 20000

enum command { CMD_NONE, CMD_ONE, CMD_ROUND, CMD_QUIT };

struct result
{
    HRESULT hr;              /* SendReceive's */
    ULONG reply_size;
    BYTE reply[4096];
    HRESULT method_hr;       /* the reply's last four bytes, when there is a reply */
    DWORD ms;
};

struct malformed_sender
{
    /* made by the harness, in its MTA, through the roots */
    IUnknown *objects[T_COUNT];   /* [T_MANAGER..T_PEERCACHE] are the roots, not held here */
    IStream *streams[T_COUNT];
    HRESULT connect_hr;
    /* the sender's STA */
    HANDLE thread, go, done;
    enum command command;
    unsigned int index, passes, round;
    ULONG64 skip;
    struct call_log_client log;
    struct result solo[CALL_LOG_LABELS];
    const char *config;
    DWORD sent_in_rounds, deviations, in_flight, in_flight_since;
    char first_deviation[256];
};

static void send_one(struct malformed_sender *s, IRpcChannelBuffer *const *channels, unsigned int i, struct result *out)
{
    const struct malformed_request *req = &malformed_requests[i];
    DWORD start = GetTickCount();

    s->in_flight = i;
    s->in_flight_since = start;
    memset(out, 0, sizeof(*out));
    call_log_arm(i, malformed_target_iid(req->target), 0);
    out->hr = raw_channel_call(channels[req->target], malformed_target_iid(req->target), req->method, req->body,
                               req->size, out->reply, sizeof(out->reply), &out->reply_size);
    call_log_sent();
    if (SUCCEEDED(out->hr) && out->reply_size >= 4 && out->reply_size <= sizeof(out->reply))
        memcpy(&out->method_hr, out->reply + out->reply_size - 4, 4);
    out->ms = GetTickCount() - start;
}

/* The same refusal, or an answer that failed or succeeded the same way and
 * with the same error: AddRef's count, say, may differ under load. */
static BOOL same_answer(const struct result *a, const struct result *b)
{
    if (a->hr != b->hr) return FALSE;
    if (FAILED(a->hr)) return TRUE;
    if (FAILED(a->method_hr) != FAILED(b->method_hr)) return FALSE;
    return SUCCEEDED(a->method_hr) || a->method_hr == b->method_hr;
}

/* A pass of the list during a round; ONCE requests in the first pass only. */
static void send_passes(struct malformed_sender *s, IRpcChannelBuffer *const *channels)
{
    unsigned int p, i;

    for (p = 0; p < s->passes; p++)
        for (i = 0; i < malformed_request_count; i++)
        {
            const struct result *solo = &s->solo[i];
            struct result got;

            if (((s->skip >> i) & 1) || (malformed_requests[i].flags & MALFORMED_LAST)) continue;
            if (p && (malformed_requests[i].flags & MALFORMED_ONCE)) continue;
            /* Named before it goes, once, so that a crash is attributed. */
            if (!s->round && !p) printf("# %s round 1: malformed %u\n", s->config, i);
            send_one(s, channels, i, &got);
            s->sent_in_rounds++;
            if (same_answer(&got, solo)) continue;
            if (!s->deviations++)
                snprintf(s->first_deviation, sizeof(s->first_deviation), "%s: hr %#lx, method %#lx (alone: %#lx, %#lx)",
                         malformed_requests[i].name, got.hr, got.method_hr, solo->hr, solo->method_hr);
        }
}

static DWORD WINAPI sender_main(void *arg)
{
    struct malformed_sender *s = arg;
    IUnknown *proxies[T_COUNT] = {0};
    IRpcChannelBuffer *channels[T_COUNT] = {0};
    const IID *iids[T_COUNT];
    CLSID saved[T_COUNT];
    DWORD cookie = 0, index;
    unsigned int t;
    HRESULT hr;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    for (t = 0; t < T_COUNT; t++) iids[t] = malformed_target_iid(t);
    hr = raw_channel_register(iids, T_COUNT, saved, &cookie);
    for (t = 0; t < T_COUNT; t++)
    {
        if (SUCCEEDED(hr)) hr = CoGetInterfaceAndReleaseStream(s->streams[t], iids[t], (void **)&proxies[t]);
        else if (s->streams[t]) IStream_Release(s->streams[t]);
        s->streams[t] = NULL;
        if (SUCCEEDED(hr) && !(channels[t] = raw_channel_of(proxies[t]))) hr = E_NOINTERFACE;
    }
    /* Before anyone else makes a proxy of these IIDs. */
    if (cookie)
    {
        HRESULT restored = raw_channel_restore(iids, T_COUNT, saved);
        if (SUCCEEDED(hr)) hr = restored;
    }
    s->connect_hr = hr;
    call_log_attach(&s->log);
    SetEvent(s->done);

    while (SUCCEEDED(hr))
    {
        CoWaitForMultipleHandles(0, INFINITE, 1, &s->go, &index);
        if (s->command == CMD_QUIT) break;
        if (s->command == CMD_ONE) send_one(s, channels, s->index, &s->solo[s->index]);
        else if (s->command == CMD_ROUND) send_passes(s, channels);
        SetEvent(s->done);
    }
    call_log_attach(NULL);
    for (t = 0; t < T_COUNT; t++) if (proxies[t]) IUnknown_Release(proxies[t]);
    if (cookie) raw_channel_unregister(cookie);
    CoUninitialize();
    return 0;
}

/* The sender's own objects, made through the real proxies; the roots are lent. */
static HRESULT make_objects(struct malformed_sender *s, const struct load_roots *roots)
{
    static const GUID group_id = {0x10adbad0, 0x6d61, 0x6c66, {'m', 'a', 'l', 'f', 'o', 'r', 'm', 'd'}};
    static const WCHAR *const remote[MALFORMED_FILES] =
    {
        L"https://bad.example.test/1", L"https://bad.example.test/2", L"https://bad.example.test/3",
        L"https://bad.example.test/4", L"https://bad.example.test/5", L"https://bad.example.test/6",
        L"https://bad.example.test/7", L"https://bad.example.test/8",
    };
    IBackgroundCopyJob *job = NULL;
    GUID id;
    unsigned int i;
    HRESULT hr;

    s->objects[T_MANAGER] = (IUnknown *)roots->manager;
    s->objects[T_QMGR] = (IUnknown *)roots->qmgr;
    s->objects[T_PEERCACHE] = (IUnknown *)roots->peercache;
    hr = IBackgroundCopyManager_CreateJob(roots->manager, L"malformed target", BG_JOB_TYPE_DOWNLOAD, &id, &job);
    for (i = 0; SUCCEEDED(hr) && i < ARRAYSIZE(remote); i++) hr = IBackgroundCopyJob_AddFile(job, remote[i], L"C:\\bad");
    if (SUCCEEDED(hr)) hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyJob5, (void **)&s->objects[T_JOB5]);
    if (SUCCEEDED(hr))
        hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyJobHttpOptions, (void **)&s->objects[T_HTTP]);
    if (SUCCEEDED(hr)) hr = IBackgroundCopyJob_EnumFiles(job, (IEnumBackgroundCopyFiles **)&s->objects[T_FILES]);
    s->objects[T_JOB] = (IUnknown *)job;
    if (SUCCEEDED(hr)) hr = IBackgroundCopyQMgr_CreateGroup(roots->qmgr, group_id, (IBackgroundCopyGroup **)&s->objects[T_GROUP]);
    if (SUCCEEDED(hr)) hr = IBackgroundCopyQMgr_EnumGroups(roots->qmgr, 0, (IEnumBackgroundCopyGroups **)&s->objects[T_GROUPS]);
    for (i = 0; SUCCEEDED(hr) && i < T_COUNT; i++)
        hr = CoMarshalInterThreadInterfaceInStream(malformed_target_iid(i), s->objects[i], &s->streams[i]);
    return hr;
}

static void release_objects(struct malformed_sender *s)
{
    unsigned int i;

    if (s->objects[T_JOB]) IBackgroundCopyJob_Cancel((IBackgroundCopyJob *)s->objects[T_JOB]);
    if (s->objects[T_GROUP]) IBackgroundCopyGroup_CancelGroup((IBackgroundCopyGroup *)s->objects[T_GROUP]);
    for (i = T_JOB; i < T_COUNT; i++) if (s->objects[i]) IUnknown_Release(s->objects[i]);
    for (i = 0; i < T_COUNT; i++) if (s->streams[i]) CoReleaseMarshalData(s->streams[i]), IStream_Release(s->streams[i]);
}

static void hex(const BYTE *bytes, ULONG size, char *out, size_t out_size)
{
    size_t len = 0;
    ULONG i;

    out[0] = 0;
    for (i = 0; i < size && len + 12 < out_size; i++)
        len += snprintf(out + len, out_size - len, "%s%02x", i && !(i % 4) ? " " : "", bytes[i]);
    if (i < size) snprintf(out + len, out_size - len, " ...");
    if (!size) snprintf(out, out_size, "(empty)");
}

static BOOL answer_is_clean(const struct malformed_request *req, const struct result *r)
{
    BOOL refused = FAILED(r->hr), answered = SUCCEEDED(r->hr) && r->reply_size >= 4;

    switch (req->expect)
    {
    case EXPECT_REPLY: return r->hr == S_OK && r->reply_size == req->reply_size && !memcmp(r->reply, req->reply, req->reply_size);
    case EXPECT_STUB: return refused;
    case EXPECT_OBJECT: return answered && FAILED(r->method_hr);
    case EXPECT_ERROR: return refused || (answered && FAILED(r->method_hr));
    case EXPECT_ANY: return TRUE;
    }
    return FALSE;
}

static const char *expect_text(enum malformed_expect expect)
{
    static const char *const text[] = { "the control's reply", "the stub's refusal", "the object's error",
                                        "an error", "any answer" };
    return text[expect];
}

/* One request alone, between two reports of the serving process. */
static BOOL solo_one(struct malformed_sender *s, struct load_run *run, const struct load_roots *roots, unsigned int i,
                     struct call_log_report *before, struct call_log_report *after)
{
    const struct malformed_request *req = &malformed_requests[i];
    const struct result *r = &s->solo[i];
    char bytes[200], outcome[160], fault[160] = "";
    LONG faults, live;
    LONG64 blocks, bytes_left;
    BOOL probed, clean;

    hex(req->body, req->size, bytes, sizeof(bytes));
    printf("# malformed %u to %s, method %lu: %s: %s\n", i, malformed_target_name(req->target), req->method, req->name,
           bytes);
    s->command = CMD_ONE;
    s->index = i;
    SetEvent(s->go);
    if (WaitForSingleObject(s->done, SOLO_TIMEOUT_MS))
    {
        printf("Bail out! malformed %u (%s) got no answer in %u s\n", i, req->name, SOLO_TIMEOUT_MS / 1000);
        fflush(stdout);
        ExitProcess(1);
    }
    probed = load_probe(run, roots, 0, after);
    if (!probed)
    {
        ok(0, "malformed %u: %s: the serving process answers no more after it (hr %#lx)", i, req->name, r->hr);
        return FALSE;
    }
    faults = after->faults - before->faults;
    live = after->live_objects - before->live_objects;
    blocks = after->cotask.blocks - before->cotask.blocks;
    bytes_left = after->cotask.bytes - before->cotask.bytes;
    if (FAILED(r->hr)) snprintf(outcome, sizeof(outcome), "refused, hr %#lx", r->hr);
    else snprintf(outcome, sizeof(outcome), "answered %#lx in a %lu-byte reply", r->method_hr, r->reply_size);
    if (faults > 0 && before->faults < FAULT_LOG_KEPT)
    {
        const struct fault_record *f = &after->first_faults[before->faults];
        snprintf(fault, sizeof(fault), ", first: %#lx at %s+%#llx (address %#llx)", f->code, f->module[0] ? f->module : "?",
                 (unsigned long long)f->offset, (unsigned long long)f->data);
    }
    clean = answer_is_clean(req, r) && !faults && !live && !blocks && !bytes_left && after->heap_valid &&
            after->cotask.largest <= MALFORMED_ALLOC_LIMIT;
    printf("# malformed %u: %s in %lu ms; serving process: %ld faults%s, %+ld live objects, %+lld task blocks "
           "(%+lld bytes) left, largest allocation %llu bytes%s\n", i, outcome, r->ms, faults, fault, live, blocks,
           bytes_left, (unsigned long long)after->cotask.largest, after->heap_valid ? "" : ", HEAP CORRUPT");
    ok(clean, "%s: %s: %s (expected %s), %ld faults, %+ld live objects, %+lld bytes left, largest allocation %llu, "
       "heap %s", run->config, req->name, outcome, expect_text(req->expect), faults, live, bytes_left,
       (unsigned long long)after->cotask.largest, after->heap_valid ? "sound" : "corrupt");
    return TRUE;
}

static void round_stuck(struct load_run *run, char *note, size_t size)
{
    struct malformed_sender *s = run->context;

    snprintf(note, size, "the malformed sender has waited %lu s for the answer to request %lu (%s)",
             (GetTickCount() - s->in_flight_since) / 1000, s->in_flight, malformed_requests[s->in_flight].name);
}

/* Each request alone, those flagged MALFORMED_LAST (last) or the others;
 * FALSE once the serving process answers no more. */
static BOOL solo_pass(struct malformed_sender *s, struct load_run *run, const struct load_roots *roots, BOOL last)
{
    struct call_log_report *reports = calloc(2, sizeof(*reports));
    unsigned int i, sent = 0;
    BOOL alive = load_probe(run, roots, 0, &reports[0]);

    if (!alive) ok(0, "%s: the serving process reports before the malformed requests", run->config);
    for (i = 0; alive && i < malformed_request_count; i++)
    {
        if (!(malformed_requests[i].flags & MALFORMED_LAST) != !last) continue;
        if ((s->skip >> i) & 1) printf("# malformed %u skipped: %s\n", i, malformed_requests[i].name);
        else if ((alive = solo_one(s, run, roots, i, &reports[sent % 2], &reports[(sent + 1) % 2]))) sent++;
    }
    free(reports);
    return alive;
}

static HANDLE round_start(struct load_run *run, unsigned int round)
{
    struct malformed_sender *s = run->context;

    s->command = CMD_ROUND;
    s->round = round;
    SetEvent(s->go);
    return s->done;
}

struct malformed_sender *malformed_start(struct load_run *run, const struct load_roots *roots, unsigned int passes,
                                         ULONG64 skip)
{
    struct malformed_sender *s = calloc(1, sizeof(*s));
    HRESULT hr;
    BOOL alive = TRUE;

    if (malformed_request_count > CALL_LOG_LABELS)
    {
        ok(0, "%s: %u malformed requests, the call log has %u labels", run->config, malformed_request_count, CALL_LOG_LABELS);
        return NULL;
    }
    hr = make_objects(s, roots);
    ok(hr == S_OK, "%s: the sender's job, files, group and enumerators: hr %#lx", run->config, hr);
    s->passes = passes;
    s->skip = skip;
    s->config = run->config;
    s->log.row = LOAD_SENDER_ROW;
    s->go = CreateEventW(NULL, FALSE, FALSE, NULL);
    s->done = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (hr == S_OK)
    {
        s->thread = CreateThread(NULL, 0, sender_main, s, 0, NULL);
        WaitForSingleObject(s->done, INFINITE);
        hr = s->connect_hr;
        ok(hr == S_OK, "%s: the sender's STA holds a raw channel to each of the %u stubs: hr %#lx", run->config, T_COUNT, hr);
    }
    if (hr == S_OK) alive = solo_pass(s, run, roots, FALSE);
    if (hr != S_OK || !alive)
    {
        malformed_finish(s, NULL, NULL);
        return NULL;
    }
    /* The rounds start the call log from zero. */
    memset(&s->log, 0, sizeof(s->log));
    s->log.row = LOAD_SENDER_ROW;
    run->round_start = round_start;
    run->round_stuck = round_stuck;
    run->context = s;
    return s;
}

void malformed_finish(struct malformed_sender *s, struct load_run *run, const struct load_roots *roots)
{
    if (run)
    {
        const struct call_log_report *report = &run->last;
        ULONG64 lost = report->gaps[LOAD_SENDER_ROW], duplicated = report->duplicates[LOAD_SENDER_ROW];
        unsigned int l;

        for (l = 0; l < CALL_LOG_LABELS; l++)
        {
            DWORD sent = s->log.sent[l], served = report->served[LOAD_SENDER_ROW][l];
            if (sent > served) lost += sent - served;
            if (served > sent) duplicated += served - sent;
        }
        printf("# %s: the sender sent %lu malformed requests during the rounds (%u passes of %u per round)\n",
               run->config, s->sent_in_rounds, s->passes, malformed_request_count);
        ok(s->sent_in_rounds && s->log.seq == s->sent_in_rounds && !lost && !duplicated,
           "%s: the serving process received each malformed request once: %lu sent, %llu lost, %llu duplicated",
           run->config, s->sent_in_rounds, (unsigned long long)lost, (unsigned long long)duplicated);
        ok(!s->deviations, "%s: under load every malformed request got its answer from alone (%lu differed%s%s)",
           run->config, s->deviations, s->deviations ? "; first: " : "", s->first_deviation);
        run->round_start = NULL;
        run->round_stuck = NULL;
        run->context = NULL;
        solo_pass(s, run, roots, TRUE);
    }
    if (s->thread)
    {
        s->command = CMD_QUIT;
        SetEvent(s->go);
        WaitForSingleObject(s->thread, INFINITE);
        CloseHandle(s->thread);
    }
    release_objects(s);
    CloseHandle(s->go);
    CloseHandle(s->done);
    free(s);
}
