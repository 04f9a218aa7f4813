/*
 * Jobs area: the pretend transfer and the callbacks, in the real direction.
 * The client's IBackgroundCopyCallback3 and certificate validation objects
 * (apartment_jobs_callbacks.c) are handed to jobs of the other apartment;
 * Resume makes the job call them back through the DLL's proxies, and each
 * call is checked for its job (identity and GetId), file (GetRemoteName),
 * error (IBackgroundCopyError's values) and ranges. Then errors, states,
 * ownership and upload-reply jobs. The rules are the model's (server/job.c).
 */
#include <string.h>
#include "apartment_jobs.h"

#define ALL_EVENTS (BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR | BG_NOTIFY_JOB_MODIFICATION | \
                    BG_NOTIFY_FILE_TRANSFERRED | BG_NOTIFY_FILE_RANGES_TRANSFERRED)

/* Ten milliseconds, in FILETIME ticks: the slack for clocks read in two places. */
#define SLACK 100000

static BOOL job_id_is(IBackgroundCopyJob *job, const GUID *id)
{
    GUID got;
    return job && SUCCEEDED(IBackgroundCopyJob_GetId(job, &got)) && IsEqualGUID(&got, id);
}

/* ok() that event `index` is a `kind` about `job` (and the file `remote`). */
static BOOL expect_event(const struct suite_ctx *ctx, const struct event_log *log, LONG index, enum event_kind kind,
                         IBackgroundCopyJob *job, const GUID *id, const WCHAR *remote, const char *what)
{
    const struct event *event;
    BOOL good;

    if (index >= log->count)
    {
        ok(0, "%s: %s: no event %ld (%s expected; %ld events)", ctx->config, what, index, jobs_event_name(kind), log->count);
        return FALSE;
    }
    event = &log->events[index];
    good = event->kind == kind && same_object(event->job, job) && job_id_is(event->job, id);
    ok(good, "%s: %s: event %ld is %s about the job (got %s)", ctx->config, what, index, jobs_event_name(kind),
       jobs_event_name(event->kind));
    if (event->job) check_proxy(ctx, event->job, "a callback's job");
    if (remote)
    {
        BOOL file_good = jobs_file_is(event->file, remote);
        ok(file_good, "%s: %s: event %ld is about %s", ctx->config, what, index, wstr(remote));
        if (event->file) check_proxy(ctx, event->file, "a callback's file");
        good = good && file_good;
    }
    return good;
}

static BOOL expect_certificate(const struct suite_ctx *ctx, const struct event *event, const char *what)
{
    BOOL good = event->cert_length == strlen(MODEL_CERTIFICATE) &&
                !memcmp(event->cert, MODEL_CERTIFICATE, strlen(MODEL_CERTIFICATE)) &&
                event->cert_encoding == (X509_ASN_ENCODING | PKCS_7_ASN_ENCODING) &&
                event->store_length == strlen(MODEL_CERTIFICATE_STORE) &&
                !memcmp(event->store, MODEL_CERTIFICATE_STORE, strlen(MODEL_CERTIFICATE_STORE));
    ok(good, "%s: %s: the model's certificate (%lu bytes, encoding %#lx) and store (%lu bytes)", ctx->config, what,
       event->cert_length, event->cert_encoding, event->store_length);
    return good;
}

static ULONG job_files(const struct suite_ctx *ctx, IBackgroundCopyJob *job, IBackgroundCopyFile **files, ULONG max)
{
    IEnumBackgroundCopyFiles *e = NULL;
    ULONG fetched = 0, i;

    if (FAILED(IBackgroundCopyJob_EnumFiles(job, &e)) || !e) return 0;
    IEnumBackgroundCopyFiles_Next(e, max, files, &fetched);
    for (i = 0; i < fetched; i++) check_proxy(ctx, files[i], "a file of a job");
    IEnumBackgroundCopyFiles_Release(e);
    return fetched;
}

static BG_JOB_STATE job_state(IBackgroundCopyJob *job)
{
    BG_JOB_STATE state = 99;
    IBackgroundCopyJob_GetState(job, &state);
    return state;
}

/* The progress of a transferred job is the sum of its files'. */
static void check_transferred_progress(const struct suite_ctx *ctx, IBackgroundCopyJob *job, ULONG count)
{
    IBackgroundCopyFile *files[8] = {0};
    BG_JOB_PROGRESS progress;
    UINT64 total = 0;
    ULONG i, n, completed = 0;
    HRESULT hr;

    n = job_files(ctx, job, files, ARRAYSIZE(files));
    for (i = 0; i < n; i++)
    {
        BG_FILE_PROGRESS file = {0};
        IBackgroundCopyFile_GetProgress(files[i], &file);
        if (file.Completed && file.BytesTotal == file.BytesTransferred && file.BytesTotal != BG_SIZE_UNKNOWN)
        {
            completed++;
            total += file.BytesTotal;
        }
        IBackgroundCopyFile_Release(files[i]);
    }
    ok(n == count && completed == count && total > 0, "%s: all %lu files completed (%lu of %lu)", ctx->config, count,
       completed, n);
    hr = IBackgroundCopyJob_GetProgress(job, &progress);
    ok(hr == S_OK && progress.FilesTotal == count && progress.FilesTransferred == count &&
       progress.BytesTotal == total && progress.BytesTransferred == total,
       "%s: the job's progress is its files' sum: files %lu/%lu, bytes %I64u/%I64u (expected %I64u)", ctx->config,
       progress.FilesTransferred, progress.FilesTotal, progress.BytesTransferred, progress.BytesTotal, total);
}

/* A job's ranges as requested from a file (IBackgroundCopyFile6) come back
 * in FileRangesTransferred. */
static void test_requested_ranges(const struct suite_ctx *ctx)
{
    static const BG_FILE_RANGE ranges[] = { {4096, 100}, {10, 20} };
    const WCHAR *remote = L"https://dl.example.test/jobs/ranges/requested.bin";
    struct event_log log = {0};
    struct notify_sink sink;
    IBackgroundCopyFile6 *file6 = NULL;
    IBackgroundCopyFile *file = NULL;
    IBackgroundCopyJob *job;
    const struct event *event;
    GUID id;
    HRESULT hr;

    jobs_notify_sink_init(&sink, &log);
    if (!(job = jobs_new_job(ctx, L"jobs: requested ranges", BG_JOB_TYPE_DOWNLOAD, &id))) return;
    IBackgroundCopyJob_AddFile(job, remote, L"C:\\jobs\\ranges\\requested.bin");
    if (job_files(ctx, job, &file, 1) == 1 &&
        SUCCEEDED(IBackgroundCopyFile_QueryInterface(file, &IID_IBackgroundCopyFile6, (void **)&file6)))
    {
        check_proxy(ctx, file6, "a job's file as IBackgroundCopyFile6");
        hr = IBackgroundCopyFile6_RequestFileRanges(file6, ARRAYSIZE(ranges), ranges);
        ok(hr == S_OK, "%s: RequestFileRanges on a job's file: hr %#lx", ctx->config, hr);
        IBackgroundCopyFile6_Release(file6);
    }
    else ok(0, "%s: a job's file has IBackgroundCopyFile6", ctx->config);
    if (file) IBackgroundCopyFile_Release(file);
    IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    IBackgroundCopyJob_SetNotifyFlags(job, BG_NOTIFY_FILE_RANGES_TRANSFERRED | BG_NOTIFY_JOB_TRANSFERRED);
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK && log.count == 2, "%s: requested ranges: Resume: hr %#lx, %ld events", ctx->config, hr, log.count);
    if (expect_event(ctx, &log, 0, EV_RANGES, job, &id, remote, "requested ranges"))
    {
        event = &log.events[0];
        ok(event->range_count == ARRAYSIZE(ranges) && !memcmp(event->ranges, ranges, sizeof(ranges)),
           "%s: FileRangesTransferred brings the requested ranges (%lu)", ctx->config, event->range_count);
    }
    expect_event(ctx, &log, 1, EV_TRANSFERRED, job, &id, NULL, "requested ranges");
    jobs_event_log_clear(&log);
    jobs_drop_job(ctx, job);
    ok(sink.ref == 1, "%s: the job let go of the callback object (ref %ld)", ctx->config, sink.ref);
}

void jobs_test_transfer(const struct suite_ctx *ctx)
{
    static const WCHAR *const remote[] =
    {
        L"https://dl.example.test/jobs/transfer/a.bin", L"http://dl.example.test/jobs/transfer/b.bin",
        L"https://dl.example.test/jobs/transfer/c.bin",
    };
    static const WCHAR *const local[] =
    {
        L"C:\\jobs\\transfer\\a.bin", L"C:\\jobs\\transfer\\b.bin", L"C:\\jobs\\transfer\\c.bin",
    };
    static const BG_FILE_RANGE ranges[] = { {0, 100}, {200, 50} };
    struct event_log log = {0};
    struct notify_sink sink;
    struct cert_checker checker;
    IBackgroundCopyJobHttpOptions3 *http3 = NULL;
    IBackgroundCopyJob3 *job3 = NULL;
    IBackgroundCopyJob5 *job5 = NULL;
    IBackgroundCopyError *error = (IBackgroundCopyError *)1;
    IBackgroundCopyJob *job, *got = (IBackgroundCopyJob *)1;
    BITS_JOB_PROPERTY_VALUE value;
    BG_JOB_TIMES t0, t1;
    FILETIME before, after;
    ULONG count = 99;
    BOOL good;
    GUID id;
    HRESULT hr;

    jobs_notify_sink_init(&sink, &log);
    jobs_cert_checker_init(&checker, &log);
    if (!(job = jobs_new_job(ctx, L"jobs: transfer", BG_JOB_TYPE_DOWNLOAD, &id))) return;
    if (!(job3 = jobs_query(ctx, job, &IID_IBackgroundCopyJob3, "IBackgroundCopyJob3")) ||
        !(http3 = jobs_query(ctx, job, &IID_IBackgroundCopyJobHttpOptions3, "IBackgroundCopyJobHttpOptions3")) ||
        !(job5 = jobs_query(ctx, job, &IID_IBackgroundCopyJob5, "IBackgroundCopyJob5")))
        goto done;
    hr = IBackgroundCopyJob_AddFile(job, remote[0], local[0]);
    ok(hr == S_OK, "%s: transfer: AddFile a: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_AddFile(job, remote[1], local[1]);
    ok(hr == S_OK, "%s: transfer: AddFile b: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob3_AddFileWithRanges(job3, remote[2], local[2], ARRAYSIZE(ranges), (BG_FILE_RANGE *)ranges);
    ok(hr == S_OK, "%s: transfer: AddFileWithRanges c: hr %#lx", ctx->config, hr);

    /* The validation interface must be one: the notify object is not. */
    hr = IBackgroundCopyJobHttpOptions3_SetServerCertificateValidationInterface(http3,
            (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    ok(hr == E_NOINTERFACE, "%s: a validation interface that is not one: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJobHttpOptions3_SetServerCertificateValidationInterface(http3,
            (IUnknown *)&checker.IBackgroundCopyServerCertificateValidationCallback_iface);
    ok(hr == S_OK, "%s: SetServerCertificateValidationInterface: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    ok(hr == S_OK, "%s: transfer: SetNotifyInterface: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetNotifyFlags(job, ALL_EVENTS);
    ok(hr == S_OK, "%s: transfer: SetNotifyFlags: hr %#lx", ctx->config, hr);
    ok(job_state(job) == BG_JOB_STATE_SUSPENDED, "%s: a new job is SUSPENDED", ctx->config);
    IBackgroundCopyJob_GetTimes(job, &t0);
    jobs_event_log_clear(&log);

    GetSystemTimeAsFileTime(&before);
    hr = IBackgroundCopyJob_Resume(job);
    GetSystemTimeAsFileTime(&after);
    ok(hr == S_OK, "%s: Resume: hr %#lx", ctx->config, hr);
    ok(job_state(job) == BG_JOB_STATE_TRANSFERRED, "%s: the job is TRANSFERRED after Resume (%d)", ctx->config,
       job_state(job));
    exercised("IBackgroundCopyJob", "GetState");

    /* The callbacks, in the model's order. */
    ok(log.count == 8, "%s: Resume made 8 callbacks (%ld)", ctx->config, log.count);
    good = expect_event(ctx, &log, 0, EV_VALIDATE, job, &id, remote[0], "transfer") &&
           expect_certificate(ctx, &log.events[0], "ValidateServerCertificate for a");
    good = expect_event(ctx, &log, 3, EV_VALIDATE, job, &id, remote[2], "transfer") &&
           expect_certificate(ctx, &log.events[3], "ValidateServerCertificate for c") && good;
    if (good)
    {
        exercised("IBackgroundCopyServerCertificateValidationCallback", "ValidateServerCertificate");
        exercised("IBackgroundCopyJobHttpOptions3", "SetServerCertificateValidationInterface");
    }
    good = expect_event(ctx, &log, 1, EV_FILE, job, &id, remote[0], "transfer");
    good = expect_event(ctx, &log, 2, EV_FILE, job, &id, remote[1], "transfer (no validation for http)") && good;
    good = expect_event(ctx, &log, 4, EV_FILE, job, &id, remote[2], "transfer") && good;
    if (good) exercised("IBackgroundCopyCallback2", "FileTransferred");
    if (expect_event(ctx, &log, 5, EV_RANGES, job, &id, remote[2], "transfer"))
    {
        const struct event *event = &log.events[5];
        good = event->range_count == ARRAYSIZE(ranges) && !memcmp(event->ranges, ranges, sizeof(ranges));
        ok(good, "%s: FileRangesTransferred brings the ranges c was added with (%lu)", ctx->config, event->range_count);
        if (good) exercised("IBackgroundCopyCallback3", "FileRangesTransferred");
    }
    if (expect_event(ctx, &log, 6, EV_MODIFICATION, job, &id, NULL, "transfer"))
        ok(log.events[6].reserved == 0, "%s: JobModification's reserved is 0", ctx->config);
    if (expect_event(ctx, &log, 7, EV_TRANSFERRED, job, &id, NULL, "transfer"))
        exercised("IBackgroundCopyCallback", "JobTransferred");
    exercised("IBackgroundCopyJob", "Resume");

    /* Times, progress, no error. */
    hr = IBackgroundCopyJob_GetTimes(job, &t1);
    ok(hr == S_OK && jobs_ft_ticks(&t1.CreationTime) == jobs_ft_ticks(&t0.CreationTime), "%s: the creation time stays", ctx->config);
    ok(jobs_ft_ticks(&t1.TransferCompletionTime) + SLACK >= jobs_ft_ticks(&before) &&
       jobs_ft_ticks(&t1.TransferCompletionTime) <= jobs_ft_ticks(&after) + SLACK,
       "%s: the transfer completion time is the time of Resume", ctx->config);
    ok(jobs_ft_ticks(&t1.ModificationTime) >= jobs_ft_ticks(&t1.TransferCompletionTime) &&
       jobs_ft_ticks(&t1.ModificationTime) > jobs_ft_ticks(&t0.ModificationTime), "%s: the transfer moved the modification time",
       ctx->config);
    check_transferred_progress(ctx, job, 3);
    exercised("IBackgroundCopyJob", "GetProgress");
    hr = IBackgroundCopyJob_GetErrorCount(job, &count);
    ok(hr == S_OK && count == 0, "%s: no errors (%lu)", ctx->config, count);
    hr = IBackgroundCopyJob_GetError(job, &error);
    ok(hr == (HRESULT)BG_E_ERROR_INFORMATION_UNAVAILABLE && !error, "%s: GetError of a transferred job: hr %#lx", ctx->config, hr);

    /* Read-only once resumed; nothing more to transfer. */
    hr = IBackgroundCopyJobHttpOptions3_SetHttpMethod(http3, L"PUT");
    ok(hr == T_BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, "%s: SetHttpMethod after Resume: hr %#lx", ctx->config, hr);
    memset(&value, 0, sizeof(value));
    value.Enable = TRUE;
    hr = IBackgroundCopyJob5_SetProperty(job5, BITS_JOB_PROPERTY_DYNAMIC_CONTENT, value);
    ok(hr == T_BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, "%s: DYNAMIC_CONTENT after Resume: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob3_SetFileACLFlags(job3, BG_COPY_FILE_DACL);
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: SetFileACLFlags of a transferred job: hr %#lx", ctx->config, hr);
    jobs_event_log_clear(&log);
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK && log.count == 0 && job_state(job) == BG_JOB_STATE_TRANSFERRED,
       "%s: Resume of a transferred job does nothing: hr %#lx, %ld events", ctx->config, hr, log.count);

    /* Complete: ACKNOWLEDGED, out of the manager. */
    hr = IBackgroundCopyJob_Complete(job);
    ok(hr == S_OK, "%s: Complete: hr %#lx", ctx->config, hr);
    ok(job_state(job) == BG_JOB_STATE_ACKNOWLEDGED, "%s: the job is ACKNOWLEDGED", ctx->config);
    hr = IBackgroundCopyManager_GetJob(ctx->manager, &id, &got);
    ok(hr == (HRESULT)BG_E_NOT_FOUND && !got, "%s: a completed job leaves the manager: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_Complete(job);
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: Complete again: hr %#lx", ctx->config, hr);
    ok(sink.ref == 1 && checker.ref == 1, "%s: a completed job lets go of the callbacks (refs %ld, %ld)", ctx->config,
       sink.ref, checker.ref);
    exercised("IBackgroundCopyJob", "Complete");

done:
    if (job3) IBackgroundCopyJob3_Release(job3);
    if (http3) IBackgroundCopyJobHttpOptions3_Release(http3);
    if (job5) IBackgroundCopyJob5_Release(job5);
    jobs_event_log_clear(&log);
    jobs_drop_job(ctx, job);
    test_requested_ranges(ctx);
}

/* ok() on an IBackgroundCopyError's values; TRUE if all were as expected. */
static BOOL check_error(const struct suite_ctx *ctx, IBackgroundCopyError *error, BG_ERROR_CONTEXT context, HRESULT code,
                        const WCHAR *remote, const WCHAR *context_text, const char *what)
{
    BG_ERROR_CONTEXT got_context = 99;
    IBackgroundCopyFile *file = NULL;
    HRESULT got_code = 0, hr;
    WCHAR *text = NULL;
    BOOL good, all = TRUE;

    check_proxy(ctx, error, "an IBackgroundCopyError");
    hr = IBackgroundCopyError_GetError(error, &got_context, &got_code);
    all &= good = hr == S_OK && got_context == context && got_code == code;
    ok(good, "%s: %s: GetError: context %d, code %#lx (hr %#lx)", ctx->config, what, got_context, got_code, hr);
    hr = IBackgroundCopyError_GetFile(error, &file);
    all &= good = hr == S_OK && jobs_file_is(file, remote);
    ok(good, "%s: %s: GetFile is %s (hr %#lx)", ctx->config, what, wstr(remote), hr);
    if (file)
    {
        check_proxy(ctx, file, "an error's file");
        IBackgroundCopyFile_Release(file);
    }
    hr = IBackgroundCopyError_GetProtocol(error, &text);
    all &= good = hr == S_OK && jobs_take_string(text, L"http");
    ok(good, "%s: %s: GetProtocol is http (hr %#lx)", ctx->config, what, hr);
    text = NULL;
    hr = IBackgroundCopyError_GetErrorContextDescription(error, LANG_EN_US, &text);
    all &= good = hr == S_OK && jobs_take_string(text, context_text);
    ok(good, "%s: %s: GetErrorContextDescription is \"%s\" (hr %#lx)", ctx->config, what, wstr(context_text), hr);
    return all;
}

void jobs_test_errors(const struct suite_ctx *ctx)
{
    static const WCHAR *const remote[] =
    {
        L"https://dl.example.test/jobs/errors/ok.bin", L"https://fail.example.test/jobs/errors/missing.bin",
        L"https://dl.example.test/jobs/errors/after.bin",
    };
    static const WCHAR *const fixed = L"https://dl.example.test/jobs/errors/missing.bin";
    struct event_log log = {0};
    struct notify_sink sink;
    IBackgroundCopyError *error = NULL;
    IBackgroundCopyFile *files[4] = {0};
    IBackgroundCopyJob3 *job3 = NULL;
    IBackgroundCopyJob *job, *got = (IBackgroundCopyJob *)1;
    BG_FILE_INFO set[3];
    BG_JOB_PROGRESS progress;
    WCHAR *text = NULL;
    ULONG count = 0, i, n;
    BOOL good;
    GUID id;
    HRESULT hr;

    jobs_notify_sink_init(&sink, &log);
    if (!(job = jobs_new_job(ctx, L"jobs: errors", BG_JOB_TYPE_DOWNLOAD, &id))) return;
    for (i = 0; i < 3; i++)
    {
        static const WCHAR *const local[] = { L"C:\\jobs\\ok.bin", L"C:\\jobs\\missing.bin", L"C:\\jobs\\after.bin" };
        set[i].RemoteName = (WCHAR *)remote[i];
        set[i].LocalName = (WCHAR *)local[i];
    }
    IBackgroundCopyJob_AddFileSet(job, 3, set);
    IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    IBackgroundCopyJob_SetNotifyFlags(job, BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR | BG_NOTIFY_FILE_TRANSFERRED);
    jobs_event_log_clear(&log);

    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK, "%s: errors: Resume: hr %#lx", ctx->config, hr);
    ok(job_state(job) == BG_JOB_STATE_ERROR, "%s: a file on fail.example.test puts the job in ERROR (%d)", ctx->config,
       job_state(job));
    ok(log.count == 2, "%s: errors: 2 callbacks (%ld)", ctx->config, log.count);
    expect_event(ctx, &log, 0, EV_FILE, job, &id, remote[0], "errors: the file before");
    if (expect_event(ctx, &log, 1, EV_ERROR, job, &id, NULL, "errors") && log.events[1].error)
    {
        IBackgroundCopyError *cb_error = log.events[1].error;

        good = check_error(ctx, cb_error, BG_ERROR_CONTEXT_REMOTE_FILE, BG_E_HTTP_ERROR_404, remote[1],
                           MODEL_TEXT_CONTEXT_REMOTE_FILE, "JobError's error");
        hr = IBackgroundCopyError_GetErrorDescription(cb_error, LANG_EN_US, &text);
        ok(hr == S_OK && jobs_take_string(text, MODEL_TEXT_HTTP_404), "%s: the error's description: hr %#lx", ctx->config, hr);
        text = (WCHAR *)1;
        hr = IBackgroundCopyError_GetErrorDescription(cb_error, MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN), &text);
        ok(hr == HRESULT_FROM_WIN32(ERROR_RESOURCE_LANG_NOT_FOUND) && !text,
           "%s: the error's description in German: hr %#lx", ctx->config, hr);
        if (good)
        {
            exercised("IBackgroundCopyCallback", "JobError");
            exercised("IBackgroundCopyError", "GetError");
            exercised("IBackgroundCopyError", "GetFile");
            exercised("IBackgroundCopyError", "GetProtocol");
            exercised("IBackgroundCopyError", "GetErrorContextDescription");
            exercised("IBackgroundCopyError", "GetErrorDescription");
        }
    }
    else ok(0, "%s: JobError came with an error", ctx->config);

    /* The job's own view of the error. */
    hr = IBackgroundCopyJob_GetError(job, &error);
    ok(hr == S_OK && error, "%s: GetError of a job in ERROR: hr %#lx", ctx->config, hr);
    if (error)
    {
        good = check_error(ctx, error, BG_ERROR_CONTEXT_REMOTE_FILE, BG_E_HTTP_ERROR_404, remote[1],
                           MODEL_TEXT_CONTEXT_REMOTE_FILE, "GetError's error");
        ok(log.count < 2 || same_object(error, log.events[1].error), "%s: GetError and JobError give the same error",
           ctx->config);
        IBackgroundCopyError_Release(error);
        error = NULL;
        if (good) exercised("IBackgroundCopyJob", "GetError");
    }
    hr = IBackgroundCopyJob_GetErrorCount(job, &count);
    ok(hr == S_OK && count == 1, "%s: GetErrorCount is 1 (%lu)", ctx->config, count);
    exercised("IBackgroundCopyJob", "GetErrorCount");
    hr = IBackgroundCopyJob_GetProgress(job, &progress);
    ok(hr == S_OK && progress.FilesTotal == 3 && progress.FilesTransferred == 1,
       "%s: one of three files transferred before the error (%lu/%lu)", ctx->config, progress.FilesTransferred,
       progress.FilesTotal);

    /* Suspend leaves the error behind. */
    hr = IBackgroundCopyJob_Suspend(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_SUSPENDED, "%s: Suspend of a job in ERROR: hr %#lx", ctx->config, hr);
    error = (IBackgroundCopyError *)1;
    hr = IBackgroundCopyJob_GetError(job, &error);
    ok(hr == (HRESULT)BG_E_ERROR_INFORMATION_UNAVAILABLE && !error, "%s: no error once suspended: hr %#lx", ctx->config, hr);

    /* ReplaceRemotePrefix moves the failing file to a working server. */
    if ((job3 = jobs_query(ctx, job, &IID_IBackgroundCopyJob3, "IBackgroundCopyJob3")))
    {
        hr = IBackgroundCopyJob3_ReplaceRemotePrefix(job3, L"https://fail.example.test/", L"https://dl.example.test/");
        ok(hr == S_OK, "%s: ReplaceRemotePrefix: hr %#lx", ctx->config, hr);
        n = job_files(ctx, job, files, ARRAYSIZE(files));
        ok(n == 3 && jobs_file_is(files[0], remote[0]) && jobs_file_is(files[1], fixed) && jobs_file_is(files[2], remote[2]),
           "%s: only the matching remote name changed", ctx->config);
        for (i = 0; i < n; i++) IBackgroundCopyFile_Release(files[i]);
        hr = IBackgroundCopyJob3_ReplaceRemotePrefix(job3, L"https://nowhere.example.test/", L"https://dl.example.test/");
        ok(hr == S_FALSE, "%s: ReplaceRemotePrefix without a match: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_ReplaceRemotePrefix(job3, L"https://DL.example.test/", L"https://x.example.test/");
        ok(hr == S_FALSE, "%s: ReplaceRemotePrefix is case-sensitive: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_ReplaceRemotePrefix(job3, L"https://dl.example.test/", L"");
        ok(hr == E_INVALIDARG, "%s: ReplaceRemotePrefix to \"\": hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_ReplaceRemotePrefix(job3, L"https://", L"gopher://");
        ok(hr == E_INVALIDARG, "%s: ReplaceRemotePrefix to an unsupported protocol: hr %#lx", ctx->config, hr);
        n = job_files(ctx, job, files, ARRAYSIZE(files));
        ok(n == 3 && jobs_file_is(files[0], remote[0]) && jobs_file_is(files[1], fixed) && jobs_file_is(files[2], remote[2]),
           "%s: a refused ReplaceRemotePrefix changes no file", ctx->config);
        for (i = 0; i < n; i++) IBackgroundCopyFile_Release(files[i]);
        exercised("IBackgroundCopyJob3", "ReplaceRemotePrefix");
        IBackgroundCopyJob3_Release(job3);
    }

    /* Resume goes on with the files not yet transferred. */
    jobs_event_log_clear(&log);
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_TRANSFERRED, "%s: Resume after the fix: hr %#lx state %d",
       ctx->config, hr, job_state(job));
    ok(log.count == 3, "%s: the second Resume made 3 callbacks (%ld)", ctx->config, log.count);
    expect_event(ctx, &log, 0, EV_FILE, job, &id, fixed, "errors: second Resume");
    expect_event(ctx, &log, 1, EV_FILE, job, &id, remote[2], "errors: second Resume");
    expect_event(ctx, &log, 2, EV_TRANSFERRED, job, &id, NULL, "errors: second Resume");
    check_transferred_progress(ctx, job, 3);
    hr = IBackgroundCopyJob_GetErrorCount(job, &count);
    ok(hr == S_OK && count == 1, "%s: the error count stays 1 (%lu)", ctx->config, count);
    jobs_event_log_clear(&log);

    /* Cancel: CANCELLED, out of the manager, and no change any more. */
    hr = IBackgroundCopyJob_Cancel(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_CANCELLED, "%s: Cancel: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyManager_GetJob(ctx->manager, &id, &got);
    ok(hr == (HRESULT)BG_E_NOT_FOUND && !got, "%s: a cancelled job leaves the manager: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_Cancel(job);
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: Cancel again: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetDescription(job, L"too late");
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: SetDescription of a cancelled job: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: Resume of a cancelled job: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_AddFile(job, L"https://dl.example.test/late.bin", L"C:\\jobs\\late.bin");
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: AddFile to a cancelled job: hr %#lx", ctx->config, hr);
    ok(log.count == 0 && sink.ref == 1, "%s: a cancelled job notifies no more and let go of the callback (%ld, ref %ld)",
       ctx->config, log.count, sink.ref);
    exercised("IBackgroundCopyJob", "Cancel");
    jobs_event_log_clear(&log);
    jobs_drop_job(ctx, job);
}

void jobs_test_certificate_failure(const struct suite_ctx *ctx)
{
    const WCHAR *remote = L"https://secure.example.test/jobs/cert/x.bin";
    struct event_log log = {0};
    struct notify_sink sink;
    struct cert_checker checker;
    IBackgroundCopyJobHttpOptions3 *http3;
    IBackgroundCopyJob *job;
    GUID id;
    HRESULT hr;

    jobs_notify_sink_init(&sink, &log);
    jobs_cert_checker_init(&checker, &log);
    checker.answer = CERT_E_UNTRUSTEDROOT;
    if (!(job = jobs_new_job(ctx, L"jobs: certificate refused", BG_JOB_TYPE_DOWNLOAD, &id))) return;
    if (!(http3 = jobs_query(ctx, job, &IID_IBackgroundCopyJobHttpOptions3, "IBackgroundCopyJobHttpOptions3"))) goto done;
    IBackgroundCopyJob_AddFile(job, remote, L"C:\\jobs\\cert\\x.bin");
    IBackgroundCopyJobHttpOptions3_SetServerCertificateValidationInterface(http3,
            (IUnknown *)&checker.IBackgroundCopyServerCertificateValidationCallback_iface);
    IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    IBackgroundCopyJob_SetNotifyFlags(job, BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR | BG_NOTIFY_FILE_TRANSFERRED);
    jobs_event_log_clear(&log);

    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_ERROR, "%s: a refused certificate: ERROR (hr %#lx, state %d)",
       ctx->config, hr, job_state(job));
    ok(log.count == 2, "%s: certificate refused: 2 callbacks (%ld)", ctx->config, log.count);
    if (expect_event(ctx, &log, 0, EV_VALIDATE, job, &id, remote, "certificate refused"))
        expect_certificate(ctx, &log.events[0], "certificate refused");
    if (expect_event(ctx, &log, 1, EV_ERROR, job, &id, NULL, "certificate refused") && log.events[1].error)
        check_error(ctx, log.events[1].error, BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK, CERT_E_UNTRUSTEDROOT, remote,
                    MODEL_TEXT_CONTEXT_CERTIFICATE, "the refused certificate's error");

    /* Without the callback the file goes through. */
    hr = IBackgroundCopyJobHttpOptions3_SetServerCertificateValidationInterface(http3, NULL);
    ok(hr == S_OK, "%s: SetServerCertificateValidationInterface(NULL): hr %#lx", ctx->config, hr);
    ok(checker.ref == 1, "%s: the job let go of the validation callback (ref %ld)", ctx->config, checker.ref);
    jobs_event_log_clear(&log);
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_TRANSFERRED, "%s: without validation: TRANSFERRED (hr %#lx)",
       ctx->config, hr);
    ok(log.count == 2, "%s: without validation: 2 callbacks (%ld)", ctx->config, log.count);
    expect_event(ctx, &log, 0, EV_FILE, job, &id, remote, "without validation");
    expect_event(ctx, &log, 1, EV_TRANSFERRED, job, &id, NULL, "without validation");
    IBackgroundCopyJobHttpOptions3_Release(http3);
done:
    jobs_event_log_clear(&log);
    jobs_drop_job(ctx, job);
    ok(sink.ref == 1, "%s: the notify object is let go (ref %ld)", ctx->config, sink.ref);
}

void jobs_test_modification(const struct suite_ctx *ctx)
{
    struct event_log log = {0};
    struct notify_sink sink;
    IBackgroundCopyJob *job;
    BOOL good;
    GUID id;
    HRESULT hr;

    jobs_notify_sink_init(&sink, &log);
    if (!(job = jobs_new_job(ctx, L"jobs: modification", BG_JOB_TYPE_DOWNLOAD, &id))) return;
    IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    hr = IBackgroundCopyJob_SetNotifyFlags(job, BG_NOTIFY_JOB_MODIFICATION);
    ok(hr == S_OK && log.count == 1, "%s: setting the flags is itself a change (%ld events)", ctx->config, log.count);
    jobs_event_log_clear(&log);

    hr = IBackgroundCopyJob_SetDescription(job, L"changed");
    ok(hr == S_OK && log.count == 1, "%s: SetDescription: one JobModification (%ld)", ctx->config, log.count);
    good = expect_event(ctx, &log, 0, EV_MODIFICATION, job, &id, NULL, "modification") && log.events[0].reserved == 0;
    jobs_event_log_clear(&log);
    hr = IBackgroundCopyJob_AddFile(job, L"https://dl.example.test/jobs/mod.bin", L"C:\\jobs\\mod.bin");
    ok(hr == S_OK && log.count == 1, "%s: AddFile: one JobModification (%ld)", ctx->config, log.count);
    good = expect_event(ctx, &log, 0, EV_MODIFICATION, job, &id, NULL, "modification by AddFile") && good;
    jobs_event_log_clear(&log);
    hr = IBackgroundCopyJob_SetPriority(job, 9);
    ok(hr == E_NOTIMPL && log.count == 0, "%s: a refused change notifies nothing (%ld)", ctx->config, log.count);
    hr = IBackgroundCopyJob_SetNotifyFlags(job, BG_NOTIFY_JOB_MODIFICATION | BG_NOTIFY_DISABLE);
    jobs_event_log_clear(&log);
    hr = IBackgroundCopyJob_SetDescription(job, L"silent");
    ok(hr == S_OK && log.count == 0, "%s: BG_NOTIFY_DISABLE silences JobModification (%ld)", ctx->config, log.count);
    if (good) exercised("IBackgroundCopyCallback", "JobModification");
    jobs_event_log_clear(&log);
    jobs_drop_job(ctx, job);
    ok(sink.ref == 1, "%s: the notify object is let go (ref %ld)", ctx->config, sink.ref);
}

void jobs_test_states(const struct suite_ctx *ctx)
{
    struct event_log log = {0};
    struct notify_sink sink;
    IBackgroundCopyJobHttpOptions *http = NULL;
    IBackgroundCopyJob2 *job2 = NULL;
    IBackgroundCopyJob *job, *got = (IBackgroundCopyJob *)1;
    BG_AUTH_CREDENTIALS c;
    WCHAR *text = (WCHAR *)1, *text2 = (WCHAR *)1;
    GUID id;
    HRESULT hr;

    jobs_notify_sink_init(&sink, &log);
    if (!(job = jobs_new_job(ctx, L"jobs: states", BG_JOB_TYPE_DOWNLOAD, &id))) return;
    ok(job_state(job) == BG_JOB_STATE_SUSPENDED, "%s: a new job is SUSPENDED", ctx->config);
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == (HRESULT)BG_E_EMPTY && job_state(job) == BG_JOB_STATE_SUSPENDED, "%s: Resume without files: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_Suspend(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_SUSPENDED, "%s: Suspend of a suspended job: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJob", "Suspend");

    /* TakeOwnership: the owner stays (one user), the owner's secrets go. */
    if ((job2 = jobs_query(ctx, job, &IID_IBackgroundCopyJob2, "IBackgroundCopyJob2")) &&
        (http = jobs_query(ctx, job, &IID_IBackgroundCopyJobHttpOptions, "IBackgroundCopyJobHttpOptions")))
    {
        c.Target = BG_AUTH_TARGET_SERVER;
        c.Scheme = BG_AUTH_SCHEME_BASIC;
        c.Credentials.Basic.UserName = (WCHAR *)L"owner";
        c.Credentials.Basic.Password = (WCHAR *)L"secret";
        IBackgroundCopyJob2_SetCredentials(job2, &c);
        IBackgroundCopyJob2_SetNotifyCmdLine(job2, L"C:\\notify.exe", NULL);
        IBackgroundCopyJobHttpOptions_SetCustomHeaders(http, L"X-Owner: me\r\n");
        IBackgroundCopyJob_SetDescription(job, L"kept");
        hr = IBackgroundCopyJob_TakeOwnership(job);
        ok(hr == S_OK, "%s: TakeOwnership: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob_GetOwner(job, &text);
        ok(hr == S_OK && jobs_take_string(text, MODEL_OWNER_SID), "%s: the owner stays the model's user", ctx->config);
        hr = IBackgroundCopyJob2_RemoveCredentials(job2, BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_BASIC);
        ok(hr == S_FALSE, "%s: TakeOwnership dropped the credentials: hr %#lx", ctx->config, hr);
        text = (WCHAR *)1;
        hr = IBackgroundCopyJobHttpOptions_GetCustomHeaders(http, &text);
        ok(hr == S_FALSE && !text, "%s: TakeOwnership dropped the custom headers: hr %#lx", ctx->config, hr);
        text = (WCHAR *)1;
        hr = IBackgroundCopyJob2_GetNotifyCmdLine(job2, &text, &text2);
        ok(hr == S_OK && !text && !text2, "%s: TakeOwnership dropped the command line: hr %#lx", ctx->config, hr);
        text = NULL;
        hr = IBackgroundCopyJob_GetDescription(job, &text);
        ok(hr == S_OK && jobs_take_string(text, L"kept"), "%s: TakeOwnership keeps the rest", ctx->config);
        exercised("IBackgroundCopyJob", "TakeOwnership");
        IBackgroundCopyJobHttpOptions_Release(http);
    }
    if (job2) IBackgroundCopyJob2_Release(job2);

    /* Complete of a download with files not transferred: BG_S_PARTIAL_COMPLETE. */
    IBackgroundCopyJob_AddFile(job, L"https://dl.example.test/jobs/states/never.bin", L"C:\\jobs\\never.bin");
    IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    IBackgroundCopyJob_SetNotifyFlags(job, ALL_EVENTS);
    jobs_event_log_clear(&log);
    hr = IBackgroundCopyJob_Complete(job);
    ok(hr == (HRESULT)BG_S_PARTIAL_COMPLETE && job_state(job) == BG_JOB_STATE_ACKNOWLEDGED,
       "%s: Complete of an untransferred download: hr %#lx state %d", ctx->config, hr, job_state(job));
    ok(log.count == 0 && sink.ref == 1, "%s: Complete notifies nothing and lets the callback go (%ld, ref %ld)",
       ctx->config, log.count, sink.ref);
    hr = IBackgroundCopyManager_GetJob(ctx->manager, &id, &got);
    ok(hr == (HRESULT)BG_E_NOT_FOUND && !got, "%s: the acknowledged job left the manager: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_Suspend(job);
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: Suspend of an acknowledged job: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_Cancel(job);
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: Cancel of an acknowledged job: hr %#lx", ctx->config, hr);
    jobs_event_log_clear(&log);
    jobs_drop_job(ctx, job);
}

void jobs_test_upload_reply(const struct suite_ctx *ctx)
{
    const WCHAR *remote = L"https://up.example.test/jobs/upload/u.bin";
    IBackgroundCopyJobHttpOptions2 *http2;
    IBackgroundCopyJob2 *job2 = NULL;
    IBackgroundCopyJob3 *job3;
    IBackgroundCopyJob *job;
    BG_JOB_REPLY_PROGRESS reply;
    BG_FILE_RANGE range = {0, 10};
    BG_JOB_TYPE type = 99;
    WCHAR *name = (WCHAR *)1;
    UINT64 length = 0;
    byte *data = NULL;
    HRESULT hr;

    if (!(job = jobs_new_job(ctx, L"jobs: upload-reply", BG_JOB_TYPE_UPLOAD_REPLY, NULL))) return;
    if (!(job2 = jobs_query(ctx, job, &IID_IBackgroundCopyJob2, "IBackgroundCopyJob2"))) goto done;
    hr = IBackgroundCopyJob_GetType(job, &type);
    ok(hr == S_OK && type == BG_JOB_TYPE_UPLOAD_REPLY, "%s: GetType of an upload-reply job: %d", ctx->config, type);

    hr = IBackgroundCopyJob2_GetReplyFileName(job2, &name);
    ok(hr == S_OK && !name, "%s: no reply file name before a file: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_AddFile(job, L"file://share.example.test/jobs/u.bin", L"C:\\jobs\\u.bin");
    ok(hr == E_INVALIDARG, "%s: an upload over file://: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_AddFile(job, remote, L"C:\\jobs\\upload\\u.bin");
    ok(hr == S_OK, "%s: AddFile to an upload: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_AddFile(job, L"https://up.example.test/jobs/upload/v.bin", L"C:\\jobs\\upload\\v.bin");
    ok(hr == (HRESULT)BG_E_TOO_MANY_FILES, "%s: a second file for an upload: hr %#lx", ctx->config, hr);
    if ((job3 = jobs_query(ctx, job, &IID_IBackgroundCopyJob3, "IBackgroundCopyJob3")))
    {
        hr = IBackgroundCopyJob3_AddFileWithRanges(job3, remote, L"C:\\jobs\\upload\\r.bin", 1, &range);
        ok(hr == E_NOTIMPL, "%s: AddFileWithRanges of an upload: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_ReplaceRemotePrefix(job3, L"https://up.", L"https://up2.");
        ok(hr == E_NOTIMPL, "%s: ReplaceRemotePrefix of an upload: hr %#lx", ctx->config, hr);
        IBackgroundCopyJob3_Release(job3);
    }
    if ((http2 = jobs_query(ctx, job, &IID_IBackgroundCopyJobHttpOptions2, "IBackgroundCopyJobHttpOptions2")))
    {
        WCHAR *method = NULL;
        hr = IBackgroundCopyJobHttpOptions2_GetHttpMethod(http2, &method);
        ok(hr == S_OK && jobs_take_string(method, L"BITS_POST"), "%s: an upload's HTTP method is BITS_POST: hr %#lx",
           ctx->config, hr);
        IBackgroundCopyJobHttpOptions2_Release(http2);
    }

    /* Before the transfer */
    name = NULL;
    hr = IBackgroundCopyJob2_GetReplyFileName(job2, &name);
    ok(hr == S_OK && jobs_take_string(name, L"C:\\jobs\\upload\\u.bin.reply"), "%s: the model's reply file name: hr %#lx",
       ctx->config, hr);
    hr = IBackgroundCopyJob2_SetReplyFileName(job2, L"C:\\jobs\\upload\\r\x00e9ponse.txt");
    ok(hr == S_OK, "%s: SetReplyFileName: hr %#lx", ctx->config, hr);
    name = NULL;
    hr = IBackgroundCopyJob2_GetReplyFileName(job2, &name);
    ok(hr == S_OK && jobs_take_string(name, L"C:\\jobs\\upload\\r\x00e9ponse.txt"), "%s: GetReplyFileName: hr %#lx",
       ctx->config, hr);
    hr = IBackgroundCopyJob2_SetReplyFileName(job2, L"relative.txt");
    ok(hr == E_INVALIDARG, "%s: a relative reply file name: hr %#lx", ctx->config, hr);
    reply.BytesTotal = reply.BytesTransferred = 7;
    hr = IBackgroundCopyJob2_GetReplyProgress(job2, &reply);
    ok(hr == S_OK && reply.BytesTotal == BG_SIZE_UNKNOWN && reply.BytesTransferred == 0,
       "%s: no reply yet: hr %#lx %#I64x/%I64u", ctx->config, hr, reply.BytesTotal, reply.BytesTransferred);
    length = 5;
    hr = IBackgroundCopyJob2_GetReplyData(job2, &data, &length);
    ok(hr == (HRESULT)BG_E_INVALID_STATE && !data, "%s: GetReplyData before the transfer: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_Complete(job);
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: Complete of an upload not transferred: hr %#lx", ctx->config, hr);

    /* The transfer brings the model's reply. */
    hr = IBackgroundCopyJob_Resume(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_TRANSFERRED, "%s: Resume of an upload-reply: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_GetReplyProgress(job2, &reply);
    ok(hr == S_OK && reply.BytesTotal == strlen(MODEL_REPLY) && reply.BytesTransferred == strlen(MODEL_REPLY),
       "%s: GetReplyProgress %I64u/%I64u", ctx->config, reply.BytesTransferred, reply.BytesTotal);
    length = 0;
    hr = IBackgroundCopyJob2_GetReplyData(job2, &data, &length);
    ok(hr == S_OK && data && length == strlen(MODEL_REPLY) && !memcmp(data, MODEL_REPLY, strlen(MODEL_REPLY)),
       "%s: GetReplyData is the model's reply: hr %#lx, %I64u bytes", ctx->config, hr, length);
    CoTaskMemFree(data);
    hr = IBackgroundCopyJob2_SetReplyFileName(job2, L"C:\\jobs\\upload\\late.txt");
    ok(hr == (HRESULT)BG_E_INVALID_STATE, "%s: SetReplyFileName once the reply came: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJob2", "GetReplyProgress");
    exercised("IBackgroundCopyJob2", "GetReplyData");
    exercised("IBackgroundCopyJob2", "SetReplyFileName");
    exercised("IBackgroundCopyJob2", "GetReplyFileName");

    hr = IBackgroundCopyJob_Complete(job);
    ok(hr == S_OK && job_state(job) == BG_JOB_STATE_ACKNOWLEDGED, "%s: Complete of a transferred upload: hr %#lx",
       ctx->config, hr);
    data = NULL;
    hr = IBackgroundCopyJob2_GetReplyData(job2, &data, &length);
    ok(hr == S_OK && data && length == strlen(MODEL_REPLY), "%s: the reply is still there after Complete: hr %#lx",
       ctx->config, hr);
    CoTaskMemFree(data);
done:
    if (job2) IBackgroundCopyJob2_Release(job2);
    jobs_drop_job(ctx, job);
}
