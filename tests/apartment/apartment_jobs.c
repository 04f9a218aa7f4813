/*
 * Apartment suite area "jobs": the manager, its jobs (IBackgroundCopyJob ..
 * Job5, the HTTP options 1-3, IBitsTokenOptions), their errors, the jobs'
 * enumerator, and the client's callbacks, all across the apartment
 * boundary (ctx->manager is a proxy). This file: the shared helpers, the
 * manager, IEnumBackgroundCopyJobs and the COM identity of a job; the
 * other apartment_jobs_*.c files hold the rest.
 */
#include <string.h>
#include "apartment_jobs.h"
#include "server.h"

IBackgroundCopyJob *jobs_new_job(const struct suite_ctx *ctx, const WCHAR *name, BG_JOB_TYPE type, GUID *id)
{
    IBackgroundCopyJob *job = NULL;
    GUID job_id = GUID_NULL, got = GUID_NULL;
    HRESULT hr;

    hr = IBackgroundCopyManager_CreateJob(ctx->manager, name, type, &job_id, &job);
    ok(hr == S_OK && job, "%s: CreateJob \"%s\": hr %#lx", ctx->config, wstr(name), hr);
    if (!job) return NULL;
    check_proxy(ctx, job, "a new job");
    hr = IBackgroundCopyJob_GetId(job, &got);
    ok(hr == S_OK && IsEqualGUID(&got, &job_id) && !IsEqualGUID(&job_id, &GUID_NULL),
       "%s: the job's GetId %s is CreateJob's id %s", ctx->config, guid_str(&got), guid_str(&job_id));
    if (id) *id = job_id;
    return job;
}

void jobs_drop_job(const struct suite_ctx *ctx, IBackgroundCopyJob *job)
{
    BG_JOB_STATE state = BG_JOB_STATE_QUEUED;
    ULONG ref;

    if (!job) return;
    if (SUCCEEDED(IBackgroundCopyJob_GetState(job, &state)) &&
        state != BG_JOB_STATE_CANCELLED && state != BG_JOB_STATE_ACKNOWLEDGED)
        IBackgroundCopyJob_Cancel(job);
    ref = IBackgroundCopyJob_Release(job);
    ok(ref == 0, "%s: a job proxy released to zero (%lu left)", ctx->config, ref);
}

void *jobs_query(const struct suite_ctx *ctx, void *iface, REFIID iid, const char *what)
{
    void *out = query(ctx, iface, iid, what);
    if (out) check_proxy(ctx, out, what);
    return out;
}

BOOL jobs_take_string(WCHAR *value, const WCHAR *expected)
{
    BOOL equal = value && expected && !lstrcmpW(value, expected);
    CoTaskMemFree(value);
    return equal;
}

BOOL jobs_file_is(IBackgroundCopyFile *file, const WCHAR *remote)
{
    WCHAR *name = NULL;
    if (!file || FAILED(IBackgroundCopyFile_GetRemoteName(file, &name))) return FALSE;
    return jobs_take_string(name, remote);
}

ULONGLONG jobs_ft_ticks(const FILETIME *ft)
{
    return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

WCHAR *jobs_repeat_char(WCHAR c, unsigned int n)
{
    WCHAR *s = CoTaskMemAlloc((n + 1) * sizeof(WCHAR));
    unsigned int i;
    for (i = 0; i < n; i++) s[i] = c;
    s[n] = 0;
    return s;
}

/* The system's text for a Win32 error, as the model documents it: no line break at the end. */
static WCHAR *system_text(DWORD code)
{
    WCHAR *text = NULL, *copy;
    DWORD len = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_ALLOCATE_BUFFER,
                               NULL, code, 0, (WCHAR *)&text, 0, NULL);
    if (!len) return NULL;
    while (len && (text[len - 1] == '\r' || text[len - 1] == '\n' || text[len - 1] == ' ')) text[--len] = 0;
    copy = CoTaskMemAlloc((len + 1) * sizeof(WCHAR));
    memcpy(copy, text, (len + 1) * sizeof(WCHAR));
    LocalFree(text);
    return copy;
}

void jobs_test_manager(const struct suite_ctx *ctx)
{
    static const GUID unknown_id = {0x5ce34c0d, 0x1234, 0x4c1f, {0x89, 0x7c, 0xda, 0xa1, 0xb7, 0x8c, 0xee, 0x7c}};
    const WCHAR *name = L"jobs: manager \x00e9t\x00e9 \x4e2d";
    IBackgroundCopyJob *job, *got = NULL, *bad = NULL;
    IBitsPeerCacheAdministration *local_pc = NULL;
    IUnknown *pc = NULL;
    WCHAR *text = NULL, *long_name, *expected;
    GUID id, got_id = GUID_NULL, bad_id;
    HRESULT hr, local_hr;

    /* CreateJob */
    if (!(job = jobs_new_job(ctx, name, BG_JOB_TYPE_DOWNLOAD, &id))) return;
    hr = IBackgroundCopyJob_GetDisplayName(job, &text);
    ok(hr == S_OK && jobs_take_string(text, name), "%s: CreateJob kept the display name: hr %#lx", ctx->config, hr);
    long_name = jobs_repeat_char('n', 257);
    memset(&bad_id, 0xcc, sizeof(bad_id));
    hr = IBackgroundCopyManager_CreateJob(ctx->manager, long_name, BG_JOB_TYPE_DOWNLOAD, &bad_id, &bad);
    ok(hr == E_INVALIDARG && !bad, "%s: CreateJob with a 257-character name: hr %#lx", ctx->config, hr);
    CoTaskMemFree(long_name);
    hr = IBackgroundCopyManager_CreateJob(ctx->manager, L"bad type", 7, &bad_id, &bad);
    ok(hr == E_INVALIDARG && !bad, "%s: CreateJob of type 7: hr %#lx", ctx->config, hr);
    if (bad) IBackgroundCopyJob_Release(bad);
    exercised("IBackgroundCopyManager", "CreateJob");

    /* GetJob: the same job, and BG_E_NOT_FOUND for an unknown id */
    hr = IBackgroundCopyManager_GetJob(ctx->manager, &id, &got);
    ok(hr == S_OK && got, "%s: GetJob of a new job: hr %#lx", ctx->config, hr);
    if (got)
    {
        check_proxy(ctx, got, "GetJob's job");
        ok(same_object(got, job), "%s: GetJob returns the job CreateJob made", ctx->config);
        hr = IBackgroundCopyJob_GetId(got, &got_id);
        ok(hr == S_OK && IsEqualGUID(&got_id, &id), "%s: GetJob's job has id %s", ctx->config, guid_str(&got_id));
        IBackgroundCopyJob_Release(got);
        got = NULL;
    }
    hr = IBackgroundCopyManager_GetJob(ctx->manager, &unknown_id, &got);
    ok(hr == (HRESULT)BG_E_NOT_FOUND && !got, "%s: GetJob of an unknown id: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyManager", "GetJob");

    /* GetErrorDescription */
    hr = IBackgroundCopyManager_GetErrorDescription(ctx->manager, BG_E_NOT_FOUND, LANG_EN_US, &text);
    ok(hr == S_OK && jobs_take_string(text, MODEL_TEXT_NOT_FOUND), "%s: GetErrorDescription(BG_E_NOT_FOUND): hr %#lx",
       ctx->config, hr);
    hr = IBackgroundCopyManager_GetErrorDescription(ctx->manager, BG_E_HTTP_ERROR_404, 0, &text);
    ok(hr == S_OK && jobs_take_string(text, MODEL_TEXT_HTTP_404), "%s: GetErrorDescription(404), neutral language: hr %#lx",
       ctx->config, hr);
    expected = system_text(ERROR_FILE_NOT_FOUND);
    text = NULL;
    hr = IBackgroundCopyManager_GetErrorDescription(ctx->manager, HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), LANG_EN_US, &text);
    ok(hr == S_OK && expected && text && !lstrcmpW(text, expected),
       "%s: GetErrorDescription of a Win32 error is the system's text \"%s\" (got \"%s\", hr %#lx)",
       ctx->config, wstr(expected), wstr(text), hr);
    CoTaskMemFree(text);
    CoTaskMemFree(expected);
    text = (WCHAR *)0xdeadbeef;
    hr = IBackgroundCopyManager_GetErrorDescription(ctx->manager, (HRESULT)0x80201234, LANG_EN_US, &text);
    ok(hr == HRESULT_FROM_WIN32(ERROR_MR_MID_NOT_FOUND) && !text,
       "%s: GetErrorDescription of an unknown BITS code: hr %#lx", ctx->config, hr);
    text = (WCHAR *)0xdeadbeef;
    hr = IBackgroundCopyManager_GetErrorDescription(ctx->manager, BG_E_NOT_FOUND, MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH), &text);
    ok(hr == HRESULT_FROM_WIN32(ERROR_RESOURCE_LANG_NOT_FOUND) && !text,
       "%s: GetErrorDescription in French: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyManager", "GetErrorDescription");

    /* The peer cache administration comes from the manager, or its error does. */
    local_hr = server_peercache_create(&local_pc);
    if (local_pc) IBitsPeerCacheAdministration_Release(local_pc);
    hr = IBackgroundCopyManager_QueryInterface(ctx->manager, &IID_IBitsPeerCacheAdministration, (void **)&pc);
    if (SUCCEEDED(local_hr))
    {
        ok(hr == S_OK && pc, "%s: the manager serves IBitsPeerCacheAdministration: hr %#lx", ctx->config, hr);
        if (pc) check_proxy(ctx, pc, "the manager's peer cache administration");
    }
    else ok(FAILED(hr) && !pc, "%s: the manager passes the peer cache's error on (%#lx): hr %#lx",
            ctx->config, local_hr, hr);
    if (pc) IUnknown_Release(pc);

    jobs_drop_job(ctx, job);
}

/* The job of a Next, by id. */
static BOOL job_has_id(IBackgroundCopyJob *job, const GUID *id)
{
    GUID got;
    return job && SUCCEEDED(IBackgroundCopyJob_GetId(job, &got)) && IsEqualGUID(&got, id);
}

static ULONG enum_count(const struct suite_ctx *ctx, DWORD flags)
{
    IEnumBackgroundCopyJobs *e = NULL;
    ULONG count = ~0u;
    HRESULT hr = IBackgroundCopyManager_EnumJobs(ctx->manager, flags, &e);

    ok(hr == S_OK && e, "%s: EnumJobs(%#lx): hr %#lx", ctx->config, flags, hr);
    if (!e) return ~0u;
    check_proxy(ctx, e, "EnumJobs' enumerator");
    IEnumBackgroundCopyJobs_GetCount(e, &count);
    IEnumBackgroundCopyJobs_Release(e);
    return count;
}

void jobs_test_enum(const struct suite_ctx *ctx)
{
    IBackgroundCopyJob *jobs[3], *got[8] = {0};
    IEnumBackgroundCopyJobs *e = NULL, *clone = NULL, *bad = NULL;
    ULONG base, count = 0, fetched, i, ref;
    GUID ids[3];
    HRESULT hr;

    base = enum_count(ctx, 0);
    jobs[0] = jobs_new_job(ctx, L"jobs: enum A", BG_JOB_TYPE_DOWNLOAD, &ids[0]);
    jobs[1] = jobs_new_job(ctx, L"jobs: enum B", BG_JOB_TYPE_UPLOAD, &ids[1]);
    jobs[2] = jobs_new_job(ctx, L"jobs: enum C", BG_JOB_TYPE_UPLOAD_REPLY, &ids[2]);
    /* The earlier parts left no job behind (and got[] has room for 8). */
    ok(base == 0, "%s: no job is left from before (%lu)", ctx->config, base);
    if (!jobs[0] || !jobs[1] || !jobs[2] || base > 5) goto done;

    hr = IBackgroundCopyManager_EnumJobs(ctx->manager, 0, &e);
    ok(hr == S_OK && e, "%s: EnumJobs: hr %#lx", ctx->config, hr);
    if (!e) goto done;
    check_proxy(ctx, e, "EnumJobs' enumerator");
    hr = IEnumBackgroundCopyJobs_GetCount(e, &count);
    ok(hr == S_OK && count == base + 3, "%s: GetCount %lu after 3 new jobs (before: %lu)", ctx->config, count, base);
    exercised("IEnumBackgroundCopyJobs", "GetCount");
    hr = IBackgroundCopyManager_EnumJobs(ctx->manager, 2, &bad);
    ok(hr == E_INVALIDARG && !bad, "%s: EnumJobs with an unknown flag: hr %#lx", ctx->config, hr);
    ok(enum_count(ctx, BG_JOB_ENUM_ALL_USERS) == base + 3, "%s: EnumJobs(BG_JOB_ENUM_ALL_USERS) has the same jobs",
       ctx->config);
    exercised("IBackgroundCopyManager", "EnumJobs");

    /* Jobs come in creation order: skip the ones from before. */
    hr = IEnumBackgroundCopyJobs_Skip(e, base);
    ok(hr == S_OK, "%s: Skip(%lu): hr %#lx", ctx->config, base, hr);
    fetched = 0xdead;
    hr = IEnumBackgroundCopyJobs_Next(e, 1, &got[0], &fetched);
    ok(hr == S_OK && fetched == 1 && job_has_id(got[0], &ids[0]), "%s: Next(1) is job A: hr %#lx fetched %lu",
       ctx->config, hr, fetched);
    if (got[0])
    {
        check_proxy(ctx, got[0], "an enumerated job");
        ok(same_object(got[0], jobs[0]), "%s: the enumerated job is CreateJob's", ctx->config);
        IBackgroundCopyJob_Release(got[0]);
        got[0] = NULL;
    }

    /* Clone copies the cursor only. */
    hr = IEnumBackgroundCopyJobs_Clone(e, &clone);
    ok(hr == S_OK && clone && (void *)clone != (void *)e, "%s: Clone: hr %#lx", ctx->config, hr);
    if (!clone) goto done;
    check_proxy(ctx, clone, "the clone");
    fetched = 0;
    hr = IEnumBackgroundCopyJobs_Next(clone, 1, &got[0], &fetched);
    ok(hr == S_OK && fetched == 1 && job_has_id(got[0], &ids[1]), "%s: the clone's Next is job B: hr %#lx", ctx->config, hr);
    hr = IEnumBackgroundCopyJobs_Next(e, 1, &got[1], NULL);
    ok(hr == S_OK && job_has_id(got[1], &ids[1]), "%s: the original's Next, unmoved by the clone, is job B: hr %#lx",
       ctx->config, hr);
    for (i = 0; i < 2; i++) if (got[i]) IBackgroundCopyJob_Release(got[i]);
    memset(got, 0, sizeof(got));
    exercised("IEnumBackgroundCopyJobs", "Clone");

    /* Fewer than asked: S_FALSE with the count. */
    fetched = 0xdead;
    hr = IEnumBackgroundCopyJobs_Next(e, 5, got, &fetched);
    ok(hr == S_FALSE && fetched == 1 && job_has_id(got[0], &ids[2]) && !got[1],
       "%s: Next(5) one before the end: hr %#lx fetched %lu", ctx->config, hr, fetched);
    if (got[0]) IBackgroundCopyJob_Release(got[0]);
    got[0] = NULL;
    hr = IEnumBackgroundCopyJobs_Next(clone, 2, got, NULL);
    ok(hr == E_INVALIDARG, "%s: Next(2) without pceltFetched: hr %#lx", ctx->config, hr);
    for (i = 0; i < 2; i++) if (got[i]) IBackgroundCopyJob_Release(got[i]);
    memset(got, 0, sizeof(got));

    /* Skip past the end. */
    hr = IEnumBackgroundCopyJobs_Skip(clone, 10);
    ok(hr == S_FALSE, "%s: Skip(10) past the end: hr %#lx", ctx->config, hr);
    fetched = 0xdead;
    hr = IEnumBackgroundCopyJobs_Next(clone, 1, &got[0], &fetched);
    ok(hr == S_FALSE && fetched == 0 && !got[0], "%s: Next at the end after Skip: hr %#lx fetched %lu",
       ctx->config, hr, fetched);
    exercised("IEnumBackgroundCopyJobs", "Skip");

    /* Reset, then all of them at once, in order. */
    hr = IEnumBackgroundCopyJobs_Reset(clone);
    ok(hr == S_OK, "%s: Reset: hr %#lx", ctx->config, hr);
    fetched = 0;
    hr = IEnumBackgroundCopyJobs_Next(clone, base + 3, got, &fetched);
    ok(hr == S_OK && fetched == base + 3, "%s: Next(%lu) after Reset: hr %#lx fetched %lu", ctx->config, base + 3, hr, fetched);
    for (i = 0; i < 3 && fetched == base + 3; i++)
    {
        ok(job_has_id(got[base + i], &ids[i]), "%s: Next(N) element %lu is job %c", ctx->config, base + i, (char)('A' + i));
        check_proxy(ctx, got[base + i], "a job of Next(N)");
    }
    for (i = 0; i < fetched && i < ARRAYSIZE(got); i++) if (got[i]) IBackgroundCopyJob_Release(got[i]);
    exercised("IEnumBackgroundCopyJobs", "Reset");
    exercised("IEnumBackgroundCopyJobs", "Next");

    /* The enumerator is a snapshot: a cancelled job stays in it, not in a new one. */
    IBackgroundCopyJob_Cancel(jobs[1]);
    hr = IEnumBackgroundCopyJobs_GetCount(e, &count);
    ok(hr == S_OK && count == base + 3, "%s: an old enumerator still counts %lu (%lu)", ctx->config, base + 3, count);
    ok(enum_count(ctx, 0) == base + 2, "%s: a new enumerator leaves the cancelled job out", ctx->config);

done:
    if (clone)
    {
        ref = IEnumBackgroundCopyJobs_Release(clone);
        ok(ref == 0, "%s: the clone released to zero (%lu)", ctx->config, ref);
    }
    if (e)
    {
        ref = IEnumBackgroundCopyJobs_Release(e);
        ok(ref == 0, "%s: the enumerator released to zero (%lu)", ctx->config, ref);
    }
    for (i = 0; i < 3; i++) jobs_drop_job(ctx, jobs[i]);
}

/* The job object's identity rules, checked on the object itself (in this
 * apartment: through a proxy, COM answers IUnknown for the object). */
void jobs_test_identity(const struct suite_ctx *ctx)
{
    static const IID *const iids[] =
    {
        &IID_IBackgroundCopyJob, &IID_IBackgroundCopyJob2, &IID_IBackgroundCopyJob3, &IID_IBackgroundCopyJob4,
        &IID_IBackgroundCopyJob5, &IID_IBackgroundCopyJobHttpOptions, &IID_IBackgroundCopyJobHttpOptions2,
        &IID_IBackgroundCopyJobHttpOptions3, &IID_IBitsTokenOptions,
    };
    IBackgroundCopyManager *manager = NULL;
    IBackgroundCopyJob *job = NULL, *proxy;
    IUnknown *unk = NULL, *p, *q, *r;
    unsigned int i, j, bad = 0;
    LONG live_before = server_live_objects();
    GUID id;
    HRESULT hr;

    hr = server_manager_create(&manager);
    ok(hr == S_OK && manager, "%s: a local manager: hr %#lx", ctx->config, hr);
    if (!manager) return;
    hr = IBackgroundCopyManager_CreateJob(manager, L"jobs: identity", BG_JOB_TYPE_DOWNLOAD, &id, &job);
    ok(hr == S_OK && job, "%s: a local job: hr %#lx", ctx->config, hr);
    if (job)
    {
        IBackgroundCopyJob_QueryInterface(job, &IID_IUnknown, (void **)&unk);
        for (i = 0; i < ARRAYSIZE(iids); i++)
        {
            if (FAILED(IBackgroundCopyJob_QueryInterface(job, iids[i], (void **)&p))) { bad++; continue; }
            /* Each interface leads back to the same IUnknown, and to every other interface. */
            if (FAILED(IUnknown_QueryInterface(p, &IID_IUnknown, (void **)&q)) || q != unk) bad++;
            else IUnknown_Release(q);
            for (j = 0; j < ARRAYSIZE(iids); j++)
            {
                if (FAILED(IUnknown_QueryInterface(p, iids[j], (void **)&q))) { bad++; continue; }
                if (FAILED(IUnknown_QueryInterface(q, iids[i], (void **)&r)) || r != p) bad++;
                else IUnknown_Release(r);
                IUnknown_Release(q);
            }
            IUnknown_Release(p);
        }
        ok(unk == (IUnknown *)job, "%s: a job's IUnknown is its IBackgroundCopyJob pointer", ctx->config);
        ok(!bad, "%s: QueryInterface among a job's interfaces is reflexive, symmetric and transitive (%u failures)",
           ctx->config, bad);
        p = (IUnknown *)0xdeadbeef;
        hr = IBackgroundCopyJob_QueryInterface(job, &IID_IBackgroundCopyFile, (void **)&p);
        ok(hr == E_NOINTERFACE && !p, "%s: a job is not a file: hr %#lx", ctx->config, hr);
        if (unk) IUnknown_Release(unk);
        IBackgroundCopyJob_Release(job);
    }
    ok(IBackgroundCopyManager_Release(manager) == 0, "%s: the local manager released to zero", ctx->config);
    ok(server_live_objects() == live_before, "%s: the local manager and job left nothing behind (%ld, was %ld)",
       ctx->config, server_live_objects(), live_before);

    /* Through proxies: the job's interfaces are one identity. */
    if (!(proxy = jobs_new_job(ctx, L"jobs: identity across", BG_JOB_TYPE_DOWNLOAD, NULL))) return;
    for (i = 0; i < ARRAYSIZE(iids); i++)
    {
        p = query(ctx, proxy, iids[i], "an interface of a job");
        if (!p) continue;
        check_proxy(ctx, p, "a job interface");
        ok(same_object(p, proxy), "%s: interface %u of the job proxy has the job's identity", ctx->config, i);
        IUnknown_Release(p);
    }
    p = (IUnknown *)0xdeadbeef;
    hr = IBackgroundCopyJob_QueryInterface(proxy, &IID_IBackgroundCopyError, (void **)&p);
    ok(hr == E_NOINTERFACE && !p, "%s: a job proxy is not an error: hr %#lx", ctx->config, hr);
    jobs_drop_job(ctx, proxy);
}

void suite_jobs(const struct suite_ctx *ctx)
{
    if (!ctx->manager)
    {
        ok(0, "%s: area jobs needs the manager", ctx->config);
        return;
    }
    jobs_test_manager(ctx);
    jobs_test_enum(ctx);
    jobs_test_identity(ctx);
    jobs_test_properties(ctx);
    jobs_test_files(ctx);
    jobs_test_job2(ctx);
    jobs_test_job3_4_5(ctx);
    jobs_test_http_options(ctx);
    jobs_test_token_options(ctx);
    jobs_test_transfer(ctx);
    jobs_test_errors(ctx);
    jobs_test_certificate_failure(ctx);
    jobs_test_modification(ctx);
    jobs_test_states(ctx);
    jobs_test_upload_reply(ctx);
}
