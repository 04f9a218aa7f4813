/*
 * Jobs area: the properties of IBackgroundCopyJob .. IBackgroundCopyJob5
 * and a job's files, each set through a proxy and read back, with the
 * model's documented defaults and BITS's documented errors.
 */
#include <string.h>
#include "apartment_jobs.h"

static void test_names(const struct suite_ctx *ctx, IBackgroundCopyJob *job)
{
    const WCHAR *display = L"jobs: r\x00e9name \x00fcber \x4e2d\x6587";
    WCHAR *text = NULL, *s;
    HRESULT hr;

    hr = IBackgroundCopyJob_SetDisplayName(job, display);
    ok(hr == S_OK, "%s: SetDisplayName: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetDisplayName(job, &text);
    ok(hr == S_OK && jobs_take_string(text, display), "%s: GetDisplayName returns the non-ASCII name: hr %#lx", ctx->config, hr);
    s = jobs_repeat_char('d', 256);
    hr = IBackgroundCopyJob_SetDisplayName(job, s);
    ok(hr == S_OK, "%s: SetDisplayName of 256 characters: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetDisplayName(job, &text);
    ok(hr == S_OK && jobs_take_string(text, s), "%s: GetDisplayName of 256 characters", ctx->config);
    CoTaskMemFree(s);
    s = jobs_repeat_char('d', 257);
    hr = IBackgroundCopyJob_SetDisplayName(job, s);
    ok(hr == (HRESULT)BG_E_STRING_TOO_LONG, "%s: SetDisplayName of 257 characters: hr %#lx", ctx->config, hr);
    CoTaskMemFree(s);
    exercised("IBackgroundCopyJob", "SetDisplayName");
    exercised("IBackgroundCopyJob", "GetDisplayName");

    hr = IBackgroundCopyJob_GetDescription(job, &text);
    ok(hr == S_OK && jobs_take_string(text, L""), "%s: a new job's description is \"\": hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetDescription(job, L"Fetches the \x00e9t\x00e9 files.\r\nSecond line.");
    ok(hr == S_OK, "%s: SetDescription: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetDescription(job, &text);
    ok(hr == S_OK && jobs_take_string(text, L"Fetches the \x00e9t\x00e9 files.\r\nSecond line."),
       "%s: GetDescription returns it: hr %#lx", ctx->config, hr);
    s = jobs_repeat_char('x', 1025);
    hr = IBackgroundCopyJob_SetDescription(job, s);
    ok(hr == (HRESULT)BG_E_STRING_TOO_LONG, "%s: SetDescription of 1025 characters: hr %#lx", ctx->config, hr);
    CoTaskMemFree(s);
    exercised("IBackgroundCopyJob", "SetDescription");
    exercised("IBackgroundCopyJob", "GetDescription");

    hr = IBackgroundCopyJob_GetOwner(job, &text);
    ok(hr == S_OK && jobs_take_string(text, MODEL_OWNER_SID), "%s: GetOwner is the model's owner: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJob", "GetOwner");
}

static void test_numbers(const struct suite_ctx *ctx, IBackgroundCopyJob *job)
{
    BG_JOB_PRIORITY priority = 99;
    BG_JOB_TYPE type = 99;
    ULONG value = 0, count = 99;
    HRESULT hr;

    hr = IBackgroundCopyJob_GetType(job, &type);
    ok(hr == S_OK && type == BG_JOB_TYPE_DOWNLOAD, "%s: GetType %d", ctx->config, type);
    exercised("IBackgroundCopyJob", "GetType");

    hr = IBackgroundCopyJob_GetPriority(job, &priority);
    ok(hr == S_OK && priority == BG_JOB_PRIORITY_NORMAL, "%s: a new job's priority is NORMAL (%d)", ctx->config, priority);
    hr = IBackgroundCopyJob_SetPriority(job, BG_JOB_PRIORITY_HIGH);
    ok(hr == S_OK, "%s: SetPriority(HIGH): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetPriority(job, &priority);
    ok(hr == S_OK && priority == BG_JOB_PRIORITY_HIGH, "%s: GetPriority %d", ctx->config, priority);
    hr = IBackgroundCopyJob_SetPriority(job, 7);
    ok(hr == E_NOTIMPL, "%s: SetPriority(7): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetPriority(job, &priority);
    ok(hr == S_OK && priority == BG_JOB_PRIORITY_HIGH, "%s: a refused priority changes nothing (%d)", ctx->config, priority);
    exercised("IBackgroundCopyJob", "SetPriority");
    exercised("IBackgroundCopyJob", "GetPriority");

    hr = IBackgroundCopyJob_GetNotifyFlags(job, &value);
    ok(hr == S_OK && value == (BG_NOTIFY_JOB_TRANSFERRED | BG_NOTIFY_JOB_ERROR),
       "%s: a new job's notify flags are %#lx", ctx->config, value);
    hr = IBackgroundCopyJob_SetNotifyFlags(job, BG_NOTIFY_JOB_ERROR | BG_NOTIFY_FILE_TRANSFERRED | BG_NOTIFY_FILE_RANGES_TRANSFERRED);
    ok(hr == S_OK, "%s: SetNotifyFlags: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetNotifyFlags(job, &value);
    ok(hr == S_OK && value == (BG_NOTIFY_JOB_ERROR | BG_NOTIFY_FILE_TRANSFERRED | BG_NOTIFY_FILE_RANGES_TRANSFERRED),
       "%s: GetNotifyFlags %#lx", ctx->config, value);
    hr = IBackgroundCopyJob_SetNotifyFlags(job, 0x40);
    ok(hr == E_NOTIMPL, "%s: SetNotifyFlags(0x40): hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJob", "SetNotifyFlags");
    exercised("IBackgroundCopyJob", "GetNotifyFlags");

    hr = IBackgroundCopyJob_GetMinimumRetryDelay(job, &value);
    ok(hr == S_OK && value == 600, "%s: a new job's retry delay is 600 (%lu)", ctx->config, value);
    hr = IBackgroundCopyJob_SetMinimumRetryDelay(job, 120);
    ok(hr == S_OK, "%s: SetMinimumRetryDelay(120): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetMinimumRetryDelay(job, &value);
    ok(hr == S_OK && value == 120, "%s: GetMinimumRetryDelay %lu", ctx->config, value);
    hr = IBackgroundCopyJob_SetMinimumRetryDelay(job, 2);
    ok(hr == S_OK, "%s: SetMinimumRetryDelay(2): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetMinimumRetryDelay(job, &value);
    ok(hr == S_OK && value == 5, "%s: a retry delay under 5 s becomes 5 (%lu)", ctx->config, value);
    exercised("IBackgroundCopyJob", "SetMinimumRetryDelay");
    exercised("IBackgroundCopyJob", "GetMinimumRetryDelay");

    hr = IBackgroundCopyJob_GetNoProgressTimeout(job, &value);
    ok(hr == S_OK && value == 1209600, "%s: a new job's no-progress timeout is 14 days (%lu)", ctx->config, value);
    hr = IBackgroundCopyJob_SetNoProgressTimeout(job, 3600);
    ok(hr == S_OK, "%s: SetNoProgressTimeout(3600): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetNoProgressTimeout(job, &value);
    ok(hr == S_OK && value == 3600, "%s: GetNoProgressTimeout %lu", ctx->config, value);
    exercised("IBackgroundCopyJob", "SetNoProgressTimeout");
    exercised("IBackgroundCopyJob", "GetNoProgressTimeout");

    hr = IBackgroundCopyJob_GetErrorCount(job, &count);
    ok(hr == S_OK && count == 0, "%s: a new job has no errors (%lu)", ctx->config, count);
}

static void test_proxy_settings(const struct suite_ctx *ctx, IBackgroundCopyJob *job)
{
    const WCHAR *list = L"http=http://proxy.example.test:8080 https=https://secure-proxy.example.test";
    const WCHAR *bypass = L"<local> *.example.test";
    BG_JOB_PROXY_USAGE usage = 99;
    WCHAR *got_list = (WCHAR *)1, *got_bypass = (WCHAR *)1, *s;
    HRESULT hr;

    hr = IBackgroundCopyJob_GetProxySettings(job, &usage, &got_list, &got_bypass);
    ok(hr == S_OK && usage == BG_JOB_PROXY_USAGE_PRECONFIG && !got_list && !got_bypass,
       "%s: a new job uses the preconfigured proxy, without lists: hr %#lx usage %d", ctx->config, hr, usage);
    hr = IBackgroundCopyJob_SetProxySettings(job, BG_JOB_PROXY_USAGE_OVERRIDE, list, bypass);
    ok(hr == S_OK, "%s: SetProxySettings(OVERRIDE): hr %#lx", ctx->config, hr);
    got_list = got_bypass = NULL;
    hr = IBackgroundCopyJob_GetProxySettings(job, &usage, &got_list, &got_bypass);
    ok(hr == S_OK && usage == BG_JOB_PROXY_USAGE_OVERRIDE, "%s: GetProxySettings: hr %#lx usage %d", ctx->config, hr, usage);
    ok(jobs_take_string(got_list, list), "%s: the proxy list is kept", ctx->config);
    ok(jobs_take_string(got_bypass, bypass), "%s: the bypass list is kept", ctx->config);

    hr = IBackgroundCopyJob_SetProxySettings(job, BG_JOB_PROXY_USAGE_NO_PROXY, list, NULL);
    ok(hr == E_INVALIDARG, "%s: a list without OVERRIDE: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetProxySettings(job, BG_JOB_PROXY_USAGE_OVERRIDE, NULL, bypass);
    ok(hr == E_INVALIDARG, "%s: OVERRIDE without a list: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetProxySettings(job, 9, NULL, NULL);
    ok(hr == E_NOTIMPL, "%s: proxy usage 9: hr %#lx", ctx->config, hr);
    s = jobs_repeat_char('p', 4001);
    hr = IBackgroundCopyJob_SetProxySettings(job, BG_JOB_PROXY_USAGE_OVERRIDE, s, NULL);
    ok(hr == (HRESULT)BG_E_PROXY_LIST_TOO_LARGE, "%s: a proxy list of 4001 characters: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetProxySettings(job, BG_JOB_PROXY_USAGE_OVERRIDE, list, s);
    ok(hr == (HRESULT)BG_E_PROXY_BYPASS_LIST_TOO_LARGE, "%s: a bypass list of 4001 characters: hr %#lx", ctx->config, hr);
    CoTaskMemFree(s);

    hr = IBackgroundCopyJob_SetProxySettings(job, BG_JOB_PROXY_USAGE_AUTODETECT, NULL, NULL);
    ok(hr == S_OK, "%s: SetProxySettings(AUTODETECT): hr %#lx", ctx->config, hr);
    got_list = got_bypass = (WCHAR *)1;
    hr = IBackgroundCopyJob_GetProxySettings(job, &usage, &got_list, &got_bypass);
    ok(hr == S_OK && usage == BG_JOB_PROXY_USAGE_AUTODETECT && !got_list && !got_bypass,
       "%s: AUTODETECT drops the lists: hr %#lx usage %d", ctx->config, hr, usage);
    exercised("IBackgroundCopyJob", "SetProxySettings");
    exercised("IBackgroundCopyJob", "GetProxySettings");
}

static void test_notify_interface(const struct suite_ctx *ctx, IBackgroundCopyJob *job)
{
    struct event_log log = {0};
    struct notify_sink sink;
    IUnknown *got = (IUnknown *)1;
    HRESULT hr;

    jobs_notify_sink_init(&sink, &log);
    hr = IBackgroundCopyJob_GetNotifyInterface(job, &got);
    ok(hr == S_OK && !got, "%s: a new job has no notify interface: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&sink.IBackgroundCopyCallback3_iface);
    ok(hr == S_OK, "%s: SetNotifyInterface: hr %#lx", ctx->config, hr);
    /* The object came from this apartment: COM hands back the object itself. */
    hr = IBackgroundCopyJob_GetNotifyInterface(job, &got);
    ok(hr == S_OK && same_object(got, &sink.IBackgroundCopyCallback3_iface),
       "%s: GetNotifyInterface returns the client's callback object: hr %#lx", ctx->config, hr);
    if (got && got != (IUnknown *)1) IUnknown_Release(got);
    hr = IBackgroundCopyJob_SetNotifyInterface(job, NULL);
    ok(hr == S_OK, "%s: SetNotifyInterface(NULL): hr %#lx", ctx->config, hr);
    got = (IUnknown *)1;
    hr = IBackgroundCopyJob_GetNotifyInterface(job, &got);
    ok(hr == S_OK && !got, "%s: the notify interface is gone: hr %#lx", ctx->config, hr);
    ok(sink.ref == 1, "%s: the job let go of the callback object (ref %ld)", ctx->config, sink.ref);
    ok(log.count == 0, "%s: no notification without the flags asking (%ld)", ctx->config, log.count);
    jobs_event_log_clear(&log);
    exercised("IBackgroundCopyJob", "SetNotifyInterface");
    exercised("IBackgroundCopyJob", "GetNotifyInterface");
}

static void test_times(const struct suite_ctx *ctx, IBackgroundCopyJob *job, const FILETIME *before)
{
    BG_JOB_TIMES t0, t1;
    FILETIME now;
    HRESULT hr;

    hr = IBackgroundCopyJob_GetTimes(job, &t0);
    GetSystemTimeAsFileTime(&now);
    ok(hr == S_OK && jobs_ft_ticks(&t0.CreationTime) + 100000 >= jobs_ft_ticks(before) &&
       jobs_ft_ticks(&t0.CreationTime) <= jobs_ft_ticks(&now), "%s: the creation time is the job's creation", ctx->config);
    ok(jobs_ft_ticks(&t0.ModificationTime) > jobs_ft_ticks(&t0.CreationTime), "%s: the changes moved the modification time on",
       ctx->config);
    ok(jobs_ft_ticks(&t0.TransferCompletionTime) == 0, "%s: no transfer completion time before a transfer", ctx->config);
    IBackgroundCopyJob_SetDescription(job, L"one more change");
    hr = IBackgroundCopyJob_GetTimes(job, &t1);
    ok(hr == S_OK && jobs_ft_ticks(&t1.ModificationTime) > jobs_ft_ticks(&t0.ModificationTime) &&
       jobs_ft_ticks(&t1.CreationTime) == jobs_ft_ticks(&t0.CreationTime),
       "%s: SetDescription moves the modification time, not the creation time", ctx->config);
    IBackgroundCopyJob_SetPriority(job, 7);
    hr = IBackgroundCopyJob_GetTimes(job, &t0);
    ok(hr == S_OK && jobs_ft_ticks(&t1.ModificationTime) == jobs_ft_ticks(&t0.ModificationTime),
       "%s: a refused change leaves the modification time", ctx->config);
    exercised("IBackgroundCopyJob", "GetTimes");
}

void jobs_test_properties(const struct suite_ctx *ctx)
{
    IBackgroundCopyJob *job;
    FILETIME before;

    GetSystemTimeAsFileTime(&before);
    if (!(job = jobs_new_job(ctx, L"jobs: properties", BG_JOB_TYPE_DOWNLOAD, NULL))) return;
    test_names(ctx, job);
    test_numbers(ctx, job);
    test_proxy_settings(ctx, job);
    test_notify_interface(ctx, job);
    test_times(ctx, job, &before);
    exercised("IBackgroundCopyJob", "GetId");
    jobs_drop_job(ctx, job);
}

/* The files of a job, in order, through EnumFiles. */
static void expect_files(const struct suite_ctx *ctx, IBackgroundCopyJob *job, const WCHAR *const *remote,
                         const WCHAR *const *local, ULONG count, const char *what)
{
    IEnumBackgroundCopyFiles *e = NULL;
    IBackgroundCopyFile *files[8] = {0};
    ULONG n = 0, fetched = 0, i;
    WCHAR *name;
    HRESULT hr;

    hr = IBackgroundCopyJob_EnumFiles(job, &e);
    ok(hr == S_OK && e, "%s: %s: EnumFiles: hr %#lx", ctx->config, what, hr);
    if (!e) return;
    check_proxy(ctx, e, "EnumFiles' enumerator");
    hr = IEnumBackgroundCopyFiles_GetCount(e, &n);
    ok(hr == S_OK && n == count, "%s: %s: %lu files (expected %lu)", ctx->config, what, n, count);
    hr = IEnumBackgroundCopyFiles_Next(e, ARRAYSIZE(files), files, &fetched);
    ok(fetched == count, "%s: %s: Next(8) fetched %lu: hr %#lx", ctx->config, what, fetched, hr);
    for (i = 0; i < fetched && i < count; i++)
    {
        check_proxy(ctx, files[i], "a file of a job");
        ok(jobs_file_is(files[i], remote[i]), "%s: %s: file %lu is %s", ctx->config, what, i, wstr(remote[i]));
        name = NULL;
        IBackgroundCopyFile_GetLocalName(files[i], &name);
        ok(jobs_take_string(name, local[i]), "%s: %s: file %lu goes to %s", ctx->config, what, i, wstr(local[i]));
    }
    for (i = 0; i < fetched && i < ARRAYSIZE(files); i++) IBackgroundCopyFile_Release(files[i]);
    ok(IEnumBackgroundCopyFiles_Release(e) == 0, "%s: %s: EnumFiles' enumerator released to zero", ctx->config, what);
}

void jobs_test_files(const struct suite_ctx *ctx)
{
    static const WCHAR *const remote[] =
    {
        L"https://dl.example.test/jobs/files/one.bin", L"http://dl.example.test/jobs/files/tw\x00f6.bin",
        L"\\\\share.example.test\\jobs\\three.bin", L"https://dl.example.test/jobs/files/four.bin",
    };
    static const WCHAR *const local[] =
    {
        L"C:\\jobs\\one.bin", L"C:\\jobs\\tw\x00f6.bin", L"C:\\jobs\\three.bin", L"\\\\client.example.test\\in\\four.bin",
    };
    BG_FILE_INFO set[3], bad_set[2];
    BG_JOB_PROGRESS progress;
    IBackgroundCopyJob *job;
    HRESULT hr;
    ULONG i;

    if (!(job = jobs_new_job(ctx, L"jobs: files", BG_JOB_TYPE_DOWNLOAD, NULL))) return;
    expect_files(ctx, job, remote, local, 0, "a new job");
    hr = IBackgroundCopyJob_GetProgress(job, &progress);
    ok(hr == S_OK && progress.FilesTotal == 0 && progress.FilesTransferred == 0 && progress.BytesTotal == 0 &&
       progress.BytesTransferred == 0, "%s: a job without files has no progress", ctx->config);

    hr = IBackgroundCopyJob_AddFile(job, remote[0], local[0]);
    ok(hr == S_OK, "%s: AddFile: hr %#lx", ctx->config, hr);
    expect_files(ctx, job, remote, local, 1, "after AddFile");
    hr = IBackgroundCopyJob_AddFile(job, L"ftp://dl.example.test/jobs/files/x.bin", L"C:\\jobs\\x.bin");
    ok(hr == E_INVALIDARG, "%s: AddFile of an ftp:// name: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_AddFile(job, L"https://dl.example.test/jobs/files/x.bin", L"relative\\x.bin");
    ok(hr == E_INVALIDARG, "%s: AddFile to a relative local name: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJob", "AddFile");

    for (i = 0; i < 3; i++)
    {
        set[i].RemoteName = (WCHAR *)remote[i + 1];
        set[i].LocalName = (WCHAR *)local[i + 1];
    }
    hr = IBackgroundCopyJob_AddFileSet(job, 3, set);
    ok(hr == S_OK, "%s: AddFileSet of 3: hr %#lx", ctx->config, hr);
    /* All or nothing: one bad name and no file is added. */
    bad_set[0].RemoteName = (WCHAR *)L"https://dl.example.test/jobs/files/five.bin";
    bad_set[0].LocalName = (WCHAR *)L"C:\\jobs\\five.bin";
    bad_set[1].RemoteName = (WCHAR *)L"https://dl.example.test/jobs/files/six.bin";
    bad_set[1].LocalName = (WCHAR *)L"six.bin";
    hr = IBackgroundCopyJob_AddFileSet(job, 2, bad_set);
    ok(hr == E_INVALIDARG, "%s: AddFileSet with a relative local name: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_AddFileSet(job, 0, set);
    ok(hr == E_INVALIDARG, "%s: AddFileSet of none: hr %#lx", ctx->config, hr);
    expect_files(ctx, job, remote, local, 4, "after AddFileSet");
    exercised("IBackgroundCopyJob", "AddFileSet");
    exercised("IBackgroundCopyJob", "EnumFiles");

    hr = IBackgroundCopyJob_GetProgress(job, &progress);
    ok(hr == S_OK && progress.FilesTotal == 4 && progress.FilesTransferred == 0 &&
       progress.BytesTotal == BG_SIZE_UNKNOWN && progress.BytesTransferred == 0,
       "%s: before a transfer: 4 files, size unknown (%lu, %lu, %#I64x, %I64u)", ctx->config,
       progress.FilesTotal, progress.FilesTransferred, progress.BytesTotal, progress.BytesTransferred);
    jobs_drop_job(ctx, job);
}

static BG_AUTH_CREDENTIALS credentials(BG_AUTH_TARGET target, BG_AUTH_SCHEME scheme, const WCHAR *user, const WCHAR *password)
{
    BG_AUTH_CREDENTIALS c;
    c.Target = target;
    c.Scheme = scheme;
    c.Credentials.Basic.UserName = (WCHAR *)user;
    c.Credentials.Basic.Password = (WCHAR *)password;
    return c;
}

void jobs_test_job2(const struct suite_ctx *ctx)
{
    const WCHAR *program = L"C:\\Program Files\\Notify\\notify.exe";
    const WCHAR *parameters = L"\"C:\\Program Files\\Notify\\notify.exe\" /job \x00e9t\x00e9";
    IBackgroundCopyJob2 *job2;
    IBackgroundCopyJob *job;
    BG_AUTH_CREDENTIALS c;
    WCHAR *got_program = NULL, *got_parameters = NULL, *s;
    BG_JOB_REPLY_PROGRESS reply;
    UINT64 length = 5;
    byte *data = (byte *)1;
    HRESULT hr;

    if (!(job = jobs_new_job(ctx, L"jobs: job2", BG_JOB_TYPE_DOWNLOAD, NULL))) return;
    if (!(job2 = jobs_query(ctx, job, &IID_IBackgroundCopyJob2, "IBackgroundCopyJob2"))) goto done;

    /* Notify command line */
    hr = IBackgroundCopyJob2_GetNotifyCmdLine(job2, &got_program, &got_parameters);
    ok(hr == S_OK && !got_program && !got_parameters, "%s: a new job has no command line: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_SetNotifyCmdLine(job2, program, parameters);
    ok(hr == S_OK, "%s: SetNotifyCmdLine: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_GetNotifyCmdLine(job2, &got_program, &got_parameters);
    ok(hr == S_OK && jobs_take_string(got_program, program) && jobs_take_string(got_parameters, parameters),
       "%s: GetNotifyCmdLine returns both: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_SetNotifyCmdLine(job2, NULL, parameters);
    ok(hr == E_INVALIDARG, "%s: parameters without a program: hr %#lx", ctx->config, hr);
    s = jobs_repeat_char('a', MAX_PATH + 1);
    hr = IBackgroundCopyJob2_SetNotifyCmdLine(job2, s, NULL);
    ok(hr == (HRESULT)BG_E_STRING_TOO_LONG, "%s: a program longer than MAX_PATH: hr %#lx", ctx->config, hr);
    CoTaskMemFree(s);
    hr = IBackgroundCopyJob2_SetNotifyCmdLine(job2, program, NULL);
    ok(hr == S_OK, "%s: SetNotifyCmdLine without parameters: hr %#lx", ctx->config, hr);
    got_program = got_parameters = (WCHAR *)1;
    hr = IBackgroundCopyJob2_GetNotifyCmdLine(job2, &got_program, &got_parameters);
    ok(hr == S_OK && jobs_take_string(got_program, program) && !got_parameters,
       "%s: the program alone: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_SetNotifyCmdLine(job2, NULL, NULL);
    got_program = got_parameters = (WCHAR *)1;
    hr = IBackgroundCopyJob2_GetNotifyCmdLine(job2, &got_program, &got_parameters);
    ok(hr == S_OK && !got_program && !got_parameters, "%s: NULL, NULL removes the command line: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJob2", "SetNotifyCmdLine");
    exercised("IBackgroundCopyJob2", "GetNotifyCmdLine");

    /* Credentials: seen through RemoveCredentials only. */
    c = credentials(BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_BASIC, L"j\x00fcrgen", L"s3cr\x00e9t");
    hr = IBackgroundCopyJob2_SetCredentials(job2, &c);
    ok(hr == S_OK, "%s: SetCredentials(server, Basic): hr %#lx", ctx->config, hr);
    c = credentials(BG_AUTH_TARGET_PROXY, BG_AUTH_SCHEME_NTLM, NULL, NULL);
    hr = IBackgroundCopyJob2_SetCredentials(job2, &c);
    ok(hr == S_OK, "%s: SetCredentials(proxy, implicit NTLM): hr %#lx", ctx->config, hr);
    c = credentials(BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_DIGEST, L"user", NULL);
    hr = IBackgroundCopyJob2_SetCredentials(job2, &c);
    ok(hr == E_INVALIDARG, "%s: Digest without a password: hr %#lx", ctx->config, hr);
    c = credentials(3, BG_AUTH_SCHEME_BASIC, L"user", L"pw");
    hr = IBackgroundCopyJob2_SetCredentials(job2, &c);
    ok(hr == (HRESULT)BG_E_INVALID_AUTH_TARGET, "%s: target 3: hr %#lx", ctx->config, hr);
    c = credentials(BG_AUTH_TARGET_SERVER, 9, NULL, NULL);
    hr = IBackgroundCopyJob2_SetCredentials(job2, &c);
    ok(hr == (HRESULT)BG_E_INVALID_AUTH_SCHEME, "%s: scheme 9: hr %#lx", ctx->config, hr);
    s = jobs_repeat_char('u', 301);
    c = credentials(BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_BASIC, s, L"pw");
    hr = IBackgroundCopyJob2_SetCredentials(job2, &c);
    ok(hr == (HRESULT)BG_E_USERNAME_TOO_LARGE, "%s: a user name of 301 characters: hr %#lx", ctx->config, hr);
    CoTaskMemFree(s);
    exercised("IBackgroundCopyJob2", "SetCredentials");

    hr = IBackgroundCopyJob2_RemoveCredentials(job2, BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_BASIC);
    ok(hr == S_OK, "%s: RemoveCredentials of the server's Basic: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_RemoveCredentials(job2, BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_BASIC);
    ok(hr == S_FALSE, "%s: the server's Basic are gone: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_RemoveCredentials(job2, BG_AUTH_TARGET_SERVER, BG_AUTH_SCHEME_DIGEST);
    ok(hr == S_FALSE, "%s: the refused Digest were never set: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_RemoveCredentials(job2, BG_AUTH_TARGET_PROXY, BG_AUTH_SCHEME_NTLM);
    ok(hr == S_OK, "%s: RemoveCredentials of the proxy's NTLM: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_RemoveCredentials(job2, 0, BG_AUTH_SCHEME_NTLM);
    ok(hr == (HRESULT)BG_E_INVALID_AUTH_TARGET, "%s: RemoveCredentials of target 0: hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyJob2", "RemoveCredentials");

    /* The reply methods are for upload-reply jobs (the others: jobs_test_upload_reply). */
    reply.BytesTotal = reply.BytesTransferred = 7;
    hr = IBackgroundCopyJob2_GetReplyProgress(job2, &reply);
    ok(hr == E_NOTIMPL, "%s: GetReplyProgress of a download: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_GetReplyData(job2, &data, &length);
    ok(hr == E_NOTIMPL && !data && length == 0, "%s: GetReplyData of a download: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob2_SetReplyFileName(job2, L"C:\\jobs\\reply.txt");
    ok(hr == E_NOTIMPL, "%s: SetReplyFileName of a download: hr %#lx", ctx->config, hr);
    s = (WCHAR *)1;
    hr = IBackgroundCopyJob2_GetReplyFileName(job2, &s);
    ok(hr == E_NOTIMPL && !s, "%s: GetReplyFileName of a download: hr %#lx", ctx->config, hr);

    IBackgroundCopyJob2_Release(job2);
done:
    jobs_drop_job(ctx, job);
}

static void test_job5_property(const struct suite_ctx *ctx, IBackgroundCopyJob5 *job5, BITS_JOB_PROPERTY_ID id,
                               const BITS_JOB_PROPERTY_VALUE *initial, const BITS_JOB_PROPERTY_VALUE *set, size_t size,
                               const char *name)
{
    BITS_JOB_PROPERTY_VALUE value;
    HRESULT hr;

    memset(&value, 0xcc, sizeof(value));
    hr = IBackgroundCopyJob5_GetProperty(job5, id, &value);
    ok(hr == S_OK && !memcmp(&value, initial, size), "%s: %s starts at the model's default: hr %#lx", ctx->config, name, hr);
    hr = IBackgroundCopyJob5_SetProperty(job5, id, *set);
    ok(hr == S_OK, "%s: SetProperty(%s): hr %#lx", ctx->config, name, hr);
    memset(&value, 0xcc, sizeof(value));
    hr = IBackgroundCopyJob5_GetProperty(job5, id, &value);
    ok(hr == S_OK && !memcmp(&value, set, size), "%s: GetProperty(%s) returns what was set: hr %#lx", ctx->config, name, hr);
}

void jobs_test_job3_4_5(const struct suite_ctx *ctx)
{
    static const GUID clsid = {0x1ecca34c, 0xe88a, 0x44e3, {0x8d, 0x6a, 0x89, 0x21, 0xbd, 0xe9, 0xe4, 0x52}};
    static const BG_FILE_RANGE ranges[] = { {100, 100}, {900, 100}, {400, 100} };
    static const BG_FILE_RANGE bad_ranges[] = { {BG_LENGTH_TO_EOF, 10} };
    static const BG_FILE_RANGE overlapping[] = { {100, 50}, {120, 10} };
    IBackgroundCopyJob *job, *upload;
    IBackgroundCopyJob3 *job3;
    IBackgroundCopyJob4 *job4;
    IBackgroundCopyJob5 *job5 = NULL, *upload5;
    BITS_JOB_PROPERTY_VALUE initial, set, value;
    DWORD flags = 99;
    ULONG level = 0, timeout = 0;
    BOOL elevated = 99;
    HRESULT hr;

    if (!(job = jobs_new_job(ctx, L"jobs: job3-5", BG_JOB_TYPE_DOWNLOAD, NULL))) return;

    /* IBackgroundCopyJob3 */
    if ((job3 = jobs_query(ctx, job, &IID_IBackgroundCopyJob3, "IBackgroundCopyJob3")))
    {
        hr = IBackgroundCopyJob3_GetFileACLFlags(job3, &flags);
        ok(hr == S_OK && flags == 0, "%s: a new job copies no ACL (%#lx)", ctx->config, flags);
        hr = IBackgroundCopyJob3_SetFileACLFlags(job3, BG_COPY_FILE_OWNER | BG_COPY_FILE_DACL);
        ok(hr == S_OK, "%s: SetFileACLFlags: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_GetFileACLFlags(job3, &flags);
        ok(hr == S_OK && flags == (BG_COPY_FILE_OWNER | BG_COPY_FILE_DACL), "%s: GetFileACLFlags %#lx", ctx->config, flags);
        hr = IBackgroundCopyJob3_SetFileACLFlags(job3, 0x10);
        ok(hr == E_INVALIDARG, "%s: SetFileACLFlags(0x10): hr %#lx", ctx->config, hr);
        exercised("IBackgroundCopyJob3", "SetFileACLFlags");
        exercised("IBackgroundCopyJob3", "GetFileACLFlags");

        hr = IBackgroundCopyJob3_AddFileWithRanges(job3, L"https://dl.example.test/jobs/ranges.bin", L"C:\\jobs\\ranges.bin",
                                                   0, (BG_FILE_RANGE *)ranges);
        ok(hr == E_INVALIDARG, "%s: AddFileWithRanges without ranges: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_AddFileWithRanges(job3, L"https://dl.example.test/jobs/ranges.bin", L"C:\\jobs\\ranges.bin",
                                                   1, (BG_FILE_RANGE *)bad_ranges);
        ok(hr == (HRESULT)BG_E_INVALID_RANGE, "%s: a range starting at BG_LENGTH_TO_EOF: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_AddFileWithRanges(job3, L"https://dl.example.test/jobs/ranges.bin", L"C:\\jobs\\ranges.bin",
                                                   2, (BG_FILE_RANGE *)overlapping);
        ok(hr == (HRESULT)BG_E_OVERLAPPING_RANGES, "%s: overlapping ranges: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob3_AddFileWithRanges(job3, L"https://dl.example.test/jobs/ranges.bin", L"C:\\jobs\\ranges.bin",
                                                   3, (BG_FILE_RANGE *)ranges);
        ok(hr == S_OK, "%s: AddFileWithRanges: hr %#lx", ctx->config, hr);
        {
            static const WCHAR *const remote[] = { L"https://dl.example.test/jobs/ranges.bin" };
            static const WCHAR *const local[] = { L"C:\\jobs\\ranges.bin" };
            IEnumBackgroundCopyFiles *e = NULL;
            IBackgroundCopyFile *file = NULL;
            IBackgroundCopyFile2 *file2;
            BG_FILE_RANGE *got = NULL;
            DWORD count = 0;

            expect_files(ctx, job, remote, local, 1, "after AddFileWithRanges");
            IBackgroundCopyJob_EnumFiles(job, &e);
            if (e && IEnumBackgroundCopyFiles_Next(e, 1, &file, NULL) == S_OK &&
                SUCCEEDED(IBackgroundCopyFile_QueryInterface(file, &IID_IBackgroundCopyFile2, (void **)&file2)))
            {
                hr = IBackgroundCopyFile2_GetFileRanges(file2, &count, &got);
                ok(hr == S_OK && count == 3 && got && !memcmp(got, ranges, sizeof(ranges)),
                   "%s: the file keeps the ranges it was added with: hr %#lx count %lu", ctx->config, hr, count);
                CoTaskMemFree(got);
                IBackgroundCopyFile2_Release(file2);
            }
            else ok(0, "%s: the added file's IBackgroundCopyFile2", ctx->config);
            if (file) IBackgroundCopyFile_Release(file);
            if (e) IEnumBackgroundCopyFiles_Release(e);
        }
        exercised("IBackgroundCopyJob3", "AddFileWithRanges");
        IBackgroundCopyJob3_Release(job3);
    }

    /* IBackgroundCopyJob4 */
    if ((job4 = jobs_query(ctx, job, &IID_IBackgroundCopyJob4, "IBackgroundCopyJob4")))
    {
        flags = 99;
        hr = IBackgroundCopyJob4_GetPeerCachingFlags(job4, &flags);
        ok(hr == S_OK && flags == 0, "%s: a new job's peer caching flags are 0 (%#lx)", ctx->config, flags);
        hr = IBackgroundCopyJob4_SetPeerCachingFlags(job4, BG_JOB_ENABLE_PEERCACHING_CLIENT | BG_JOB_DISABLE_BRANCH_CACHE);
        ok(hr == S_OK, "%s: SetPeerCachingFlags: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob4_GetPeerCachingFlags(job4, &flags);
        ok(hr == S_OK && flags == (BG_JOB_ENABLE_PEERCACHING_CLIENT | BG_JOB_DISABLE_BRANCH_CACHE),
           "%s: GetPeerCachingFlags %#lx", ctx->config, flags);
        hr = IBackgroundCopyJob4_SetPeerCachingFlags(job4, 8);
        ok(hr == E_INVALIDARG, "%s: SetPeerCachingFlags(8): hr %#lx", ctx->config, hr);
        exercised("IBackgroundCopyJob4", "SetPeerCachingFlags");
        exercised("IBackgroundCopyJob4", "GetPeerCachingFlags");

        hr = IBackgroundCopyJob4_GetOwnerIntegrityLevel(job4, &level);
        ok(hr == S_OK && level == SECURITY_MANDATORY_MEDIUM_RID, "%s: the owner's integrity level is medium (%#lx)",
           ctx->config, level);
        hr = IBackgroundCopyJob4_GetOwnerElevationState(job4, &elevated);
        ok(hr == S_OK && elevated == FALSE, "%s: the owner is not elevated (%d)", ctx->config, elevated);
        exercised("IBackgroundCopyJob4", "GetOwnerIntegrityLevel");
        exercised("IBackgroundCopyJob4", "GetOwnerElevationState");

        hr = IBackgroundCopyJob4_GetMaximumDownloadTime(job4, &timeout);
        ok(hr == S_OK && timeout == 7776000, "%s: a new job may download for 90 days (%lu)", ctx->config, timeout);
        hr = IBackgroundCopyJob4_SetMaximumDownloadTime(job4, 3600);
        ok(hr == S_OK, "%s: SetMaximumDownloadTime: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob4_GetMaximumDownloadTime(job4, &timeout);
        ok(hr == S_OK && timeout == 3600, "%s: GetMaximumDownloadTime %lu", ctx->config, timeout);
        exercised("IBackgroundCopyJob4", "SetMaximumDownloadTime");
        exercised("IBackgroundCopyJob4", "GetMaximumDownloadTime");
        IBackgroundCopyJob4_Release(job4);
    }

    /* IBackgroundCopyJob5: each property with its union arm. */
    if ((job5 = jobs_query(ctx, job, &IID_IBackgroundCopyJob5, "IBackgroundCopyJob5")))
    {
        memset(&initial, 0, sizeof(initial));
        memset(&set, 0, sizeof(set));
        initial.Dword = BITS_JOB_TRANSFER_POLICY_ALWAYS;
        set.Dword = BITS_COST_STATE_UNRESTRICTED | BITS_COST_STATE_BELOW_CAP;
        test_job5_property(ctx, job5, BITS_JOB_PROPERTY_ID_COST_FLAGS, &initial, &set, sizeof(DWORD), "COST_FLAGS");
        initial.ClsID = GUID_NULL;
        set.ClsID = clsid;
        test_job5_property(ctx, job5, BITS_JOB_PROPERTY_NOTIFICATION_CLSID, &initial, &set, sizeof(GUID), "NOTIFICATION_CLSID");
        memset(&initial, 0, sizeof(initial));
        set.Enable = TRUE;
        test_job5_property(ctx, job5, BITS_JOB_PROPERTY_DYNAMIC_CONTENT, &initial, &set, sizeof(BOOL), "DYNAMIC_CONTENT");
        test_job5_property(ctx, job5, BITS_JOB_PROPERTY_ON_DEMAND_MODE, &initial, &set, sizeof(BOOL), "ON_DEMAND_MODE");
        set.Uint64 = ((UINT64)5 << 32) | 0x12345;
        test_job5_property(ctx, job5, BITS_JOB_PROPERTY_MAX_DOWNLOAD_SIZE, &initial, &set, sizeof(UINT64), "MAX_DOWNLOAD_SIZE");
        memset(&set, 0, sizeof(set));
        set.Target = BG_AUTH_TARGET_PROXY;
        test_job5_property(ctx, job5, BITS_JOB_PROPERTY_USE_STORED_CREDENTIALS, &initial, &set, sizeof(BG_AUTH_TARGET),
                           "USE_STORED_CREDENTIALS");
        initial.Dword = 500;
        set.Dword = 2500;
        test_job5_property(ctx, job5, BITS_JOB_PROPERTY_MINIMUM_NOTIFICATION_INTERVAL_MS, &initial, &set, sizeof(DWORD),
                           "MINIMUM_NOTIFICATION_INTERVAL_MS");

        /* Refusals, each leaving the value as it was. */
        set.Dword = BITS_COST_STATE_RESERVED;
        hr = IBackgroundCopyJob5_SetProperty(job5, BITS_JOB_PROPERTY_ID_COST_FLAGS, set);
        ok(hr == E_INVALIDARG, "%s: the reserved cost state: hr %#lx", ctx->config, hr);
        hr = IBackgroundCopyJob5_GetProperty(job5, BITS_JOB_PROPERTY_ID_COST_FLAGS, &value);
        ok(hr == S_OK && value.Dword == (BITS_COST_STATE_UNRESTRICTED | BITS_COST_STATE_BELOW_CAP),
           "%s: the cost flags stay %#lx", ctx->config, value.Dword);
        set.Target = BG_AUTH_TARGET_SERVER;
        hr = IBackgroundCopyJob5_SetProperty(job5, BITS_JOB_PROPERTY_USE_STORED_CREDENTIALS, set);
        ok(hr == T_BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED, "%s: stored credentials for the server: hr %#lx", ctx->config, hr);
        set.Enable = TRUE;
        hr = IBackgroundCopyJob5_SetProperty(job5, BITS_JOB_PROPERTY_HIGH_PERFORMANCE, set);
        ok(hr == T_BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE, "%s: HIGH_PERFORMANCE once the job has a file: hr %#lx",
           ctx->config, hr);
        set.Dword = 1;
        hr = IBackgroundCopyJob5_SetProperty(job5, 6, set);
        ok(hr == T_BG_E_UNKNOWN_PROPERTY_ID, "%s: SetProperty of the unnamed id 6: hr %#lx", ctx->config, hr);
        memset(&value, 0xcc, sizeof(value));
        hr = IBackgroundCopyJob5_GetProperty(job5, 8, &value);
        ok(hr == T_BG_E_UNKNOWN_PROPERTY_ID && value.Dword == 0, "%s: GetProperty of the unnamed id 8: hr %#lx",
           ctx->config, hr);
    }

    /* HIGH_PERFORMANCE before any file; download-only properties of an upload. */
    if ((upload = jobs_new_job(ctx, L"jobs: job5 upload", BG_JOB_TYPE_UPLOAD, NULL)))
    {
        if ((upload5 = jobs_query(ctx, upload, &IID_IBackgroundCopyJob5, "IBackgroundCopyJob5 of an upload")))
        {
            set.Enable = TRUE;
            hr = IBackgroundCopyJob5_SetProperty(upload5, BITS_JOB_PROPERTY_DYNAMIC_CONTENT, set);
            ok(hr == T_BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY, "%s: DYNAMIC_CONTENT of an upload: hr %#lx",
               ctx->config, hr);
            IBackgroundCopyJob5_Release(upload5);
        }
        jobs_drop_job(ctx, upload);
    }
    if (job5)
    {
        IBackgroundCopyJob *fresh = jobs_new_job(ctx, L"jobs: job5 fresh", BG_JOB_TYPE_DOWNLOAD, NULL);
        IBackgroundCopyJob5 *fresh5 = fresh ? jobs_query(ctx, fresh, &IID_IBackgroundCopyJob5, "IBackgroundCopyJob5") : NULL;
        if (fresh5)
        {
            memset(&initial, 0, sizeof(initial));
            memset(&set, 0, sizeof(set));
            set.Enable = TRUE;
            test_job5_property(ctx, fresh5, BITS_JOB_PROPERTY_HIGH_PERFORMANCE, &initial, &set, sizeof(BOOL),
                               "HIGH_PERFORMANCE");
            IBackgroundCopyJob5_Release(fresh5);
        }
        jobs_drop_job(ctx, fresh);
        exercised("IBackgroundCopyJob5", "SetProperty");
        exercised("IBackgroundCopyJob5", "GetProperty");
        IBackgroundCopyJob5_Release(job5);
    }
    jobs_drop_job(ctx, job);
}
