/*
 * Apartment suite area "legacy": IBackgroundCopyJob1 and
 * IEnumBackgroundCopyJobs1. FILESETINFO arrays go in through AddFiles and
 * come back one by one through GetFile, BSTRs (non-ASCII included) and
 * sizes exact; refused files change nothing; status and progress follow
 * the transfer; CancelJob takes the job out of its group.
 */
#include <string.h>
#include "apartment_legacy.h"

static const struct
{
    const WCHAR *remote, *local;
    DWORD size;
}
files[] =
{
    { L"https://dl.example.test/legacy/jobs/one.cab", L"C:\\legacy\\jobs\\one.cab", 123456 },
    { L"http://dl.example.test/legacy/jobs/d\x00e9j\x00e0-vu.cab", L"C:\\legacy\\jobs\\d\x00e9j\x00e0 vu \x4e2d.cab", 0 },
    { L"HTTPS://dl.example.test/legacy/jobs/three/four/five/six/a-long-name-for-a-legacy-file.cab",
      L"\\\\share.example.test\\legacy\\three.cab", 0x7fffffff },
};

static HRESULT add_files(IBackgroundCopyJob1 *job, const WCHAR *const *remote, const WCHAR *const *local,
                         const DWORD *sizes, ULONG count)
{
    FILESETINFO infos[4], *set[4];
    HRESULT hr;
    ULONG i;

    for (i = 0; i < count; i++)
    {
        infos[i].bstrRemoteFile = SysAllocString(remote[i]);
        infos[i].bstrLocalFile = SysAllocString(local[i]);
        infos[i].dwSizeHint = sizes[i];
        set[i] = &infos[i];
    }
    hr = IBackgroundCopyJob1_AddFiles(job, count, set);
    for (i = 0; i < count; i++)
    {
        SysFreeString(infos[i].bstrRemoteFile);
        SysFreeString(infos[i].bstrLocalFile);
    }
    return hr;
}

static void expect_file_count(const struct suite_ctx *ctx, IBackgroundCopyJob1 *job, DWORD expected, const char *what)
{
    DWORD count = 0xdeadbeef;
    HRESULT hr = IBackgroundCopyJob1_GetFileCount(job, &count);
    ok(hr == S_OK && count == expected, "%s: %s: GetFileCount %lu, expected %lu (hr %#lx)", ctx->config, what, count, expected, hr);
}

static void expect_job_status(const struct suite_ctx *ctx, IBackgroundCopyJob1 *job, DWORD expected, const char *what)
{
    DWORD status = 0xdeadbeef, win32 = 0xdeadbeef, transport = 0xdeadbeef, retries = 0xdeadbeef;
    HRESULT hr = IBackgroundCopyJob1_GetStatus(job, &status, &win32, &transport, &retries);
    ok(hr == S_OK && status == expected && !win32 && !transport && !retries,
       "%s: %s: job GetStatus %#lx (expected %#lx), win32 %lu, transport %lu, retries %lu, hr %#lx",
       ctx->config, what, status, expected, win32, transport, retries, hr);
}

static void expect_job_progress(const struct suite_ctx *ctx, IBackgroundCopyJob1 *job, DWORD percent, DWORD size,
                                const char *what)
{
    DWORD value = 0xdeadbeef;
    HRESULT hr;

    hr = IBackgroundCopyJob1_GetProgress(job, QM_PROGRESS_PERCENT_DONE, &value);
    ok(hr == S_OK && value == percent, "%s: %s: job GetProgress(PERCENT_DONE) %lu, expected %lu (hr %#lx)",
       ctx->config, what, value, percent, hr);
    value = 0xdeadbeef;
    hr = IBackgroundCopyJob1_GetProgress(job, QM_PROGRESS_SIZE_DONE, &value);
    ok(hr == S_OK && value == size, "%s: %s: job GetProgress(SIZE_DONE) %lu, expected %lu (hr %#lx)",
       ctx->config, what, value, size, hr);
    value = 0xdeadbeef;
    hr = IBackgroundCopyJob1_GetProgress(job, QM_PROGRESS_TIME_DONE, &value);
    ok(hr == E_NOTIMPL && value == 0, "%s: %s: job GetProgress(TIME_DONE) is not supported: hr %#lx", ctx->config, what, hr);
}

static void test_files(const struct suite_ctx *ctx, IBackgroundCopyJob1 *job)
{
    const WCHAR *remote[ARRAYSIZE(files)], *local[ARRAYSIZE(files)];
    DWORD sizes[ARRAYSIZE(files)];
    FILESETINFO info;
    unsigned int i;
    HRESULT hr;

    expect_file_count(ctx, job, 0, "a new job");
    for (i = 0; i < ARRAYSIZE(files); i++)
    {
        remote[i] = files[i].remote;
        local[i] = files[i].local;
        sizes[i] = files[i].size;
    }
    hr = add_files(job, remote, local, sizes, ARRAYSIZE(files));
    ok(hr == S_OK, "%s: AddFiles of %u files: hr %#lx", ctx->config, (unsigned int)ARRAYSIZE(files), hr);
    exercised("IBackgroundCopyJob1", "AddFiles");
    expect_file_count(ctx, job, ARRAYSIZE(files), "after AddFiles");
    exercised("IBackgroundCopyJob1", "GetFileCount");

    for (i = 0; i < ARRAYSIZE(files); i++)
    {
        memset(&info, 0, sizeof(info));
        hr = IBackgroundCopyJob1_GetFile(job, i, &info);
        ok(hr == S_OK && bstr_is(info.bstrRemoteFile, files[i].remote) && bstr_is(info.bstrLocalFile, files[i].local)
           && info.dwSizeHint == files[i].size, "%s: GetFile(%u): \"%s\" \"%s\" %lu (hr %#lx)", ctx->config, i,
           wstr(info.bstrRemoteFile), wstr(info.bstrLocalFile), info.dwSizeHint, hr);
        SysFreeString(info.bstrRemoteFile);
        SysFreeString(info.bstrLocalFile);
    }
    memset(&info, 0, sizeof(info));
    hr = IBackgroundCopyJob1_GetFile(job, ARRAYSIZE(files), &info);
    ok(hr == E_QM_ITEM_NOT_FOUND && !info.bstrRemoteFile && !info.bstrLocalFile,
       "%s: GetFile past the last file: hr %#lx (documented QM_E_ITEM_NOT_FOUND)", ctx->config, hr);
    SysFreeString(info.bstrRemoteFile);
    SysFreeString(info.bstrLocalFile);
    exercised("IBackgroundCopyJob1", "GetFile");

    /* A set with one bad file is refused whole. */
    remote[0] = L"https://dl.example.test/legacy/jobs/fine.cab";
    remote[1] = L"ftp://dl.example.test/legacy/jobs/ftp.cab";
    hr = add_files(job, remote, local, sizes, 2);
    ok(hr == E_INVALIDARG, "%s: AddFiles with an ftp:// file: hr %#lx", ctx->config, hr);
    remote[1] = remote[0];
    local[1] = L"relative\\path.cab";
    hr = add_files(job, remote, local, sizes, 2);
    ok(hr == E_INVALIDARG, "%s: AddFiles with a relative local name: hr %#lx", ctx->config, hr);
    expect_file_count(ctx, job, ARRAYSIZE(files), "after the refused AddFiles");
}

/* Every case of the enumerator contract on a list of one job. */
static void test_job_enum(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, const GUID *id)
{
    IEnumBackgroundCopyJobs1 *e = NULL, *clone = NULL;
    GUID got[3];
    ULONG fetched, count = 0;
    HRESULT hr;

    hr = IBackgroundCopyGroup_EnumJobs(group, 0, &e);
    ok(hr == S_OK && e, "%s: EnumJobs: hr %#lx", ctx->config, hr);
    if (!e) return;
    check_proxy(ctx, e, "the jobs' enumerator");
    hr = IEnumBackgroundCopyJobs1_GetCount(e, &count);
    ok(hr == S_OK && count == 1, "%s: the jobs' GetCount: %lu (hr %#lx)", ctx->config, count, hr);

    /* Fewer than asked: S_FALSE with the count, nothing written past it. */
    got[0] = got[1] = got[2] = GUID_NULL;
    fetched = 0xdeadbeef;
    hr = IEnumBackgroundCopyJobs1_Next(e, 3, got, &fetched);
    ok(hr == S_FALSE && fetched == 1 && IsEqualGUID(&got[0], id) && IsEqualGUID(&got[1], &GUID_NULL),
       "%s: jobs' Next(3) with 1 there: hr %#lx fetched %lu, %s", ctx->config, hr, fetched, guid_str(&got[0]));
    fetched = 0xdeadbeef;
    hr = IEnumBackgroundCopyJobs1_Next(e, 1, got, &fetched);
    ok(hr == S_FALSE && fetched == 0, "%s: jobs' Next at the end: hr %#lx fetched %lu", ctx->config, hr, fetched);

    /* A clone at the end is at the end; after its Reset it moves alone. */
    hr = IEnumBackgroundCopyJobs1_Clone(e, &clone);
    ok(hr == S_OK && clone, "%s: jobs' Clone at the end: hr %#lx", ctx->config, hr);
    if (clone)
    {
        check_proxy(ctx, clone, "the clone of the jobs' enumerator");
        fetched = 0xdeadbeef;
        hr = IEnumBackgroundCopyJobs1_Next(clone, 1, got, &fetched);
        ok(hr == S_FALSE && fetched == 0, "%s: the clone is at the end: hr %#lx fetched %lu", ctx->config, hr, fetched);
        hr = IEnumBackgroundCopyJobs1_Reset(clone);
        ok(hr == S_OK, "%s: Reset of the jobs' clone: hr %#lx", ctx->config, hr);
        got[0] = GUID_NULL;
        hr = IEnumBackgroundCopyJobs1_Next(clone, 1, got, &fetched);
        ok(hr == S_OK && fetched == 1 && IsEqualGUID(&got[0], id), "%s: the clone after Reset: hr %#lx %s",
           ctx->config, hr, guid_str(&got[0]));
        hr = IEnumBackgroundCopyJobs1_GetCount(clone, &count);
        ok(hr == S_OK && count == 1, "%s: the clone's GetCount: %lu", ctx->config, count);
        ok(IEnumBackgroundCopyJobs1_Release(clone) == 0, "%s: jobs' clone released to zero", ctx->config);
    }
    hr = IEnumBackgroundCopyJobs1_Next(e, 1, got, &fetched);
    ok(hr == S_FALSE && fetched == 0, "%s: the original, unmoved by its clone: hr %#lx fetched %lu", ctx->config, hr, fetched);

    /* Skip past the end, then Skip within. */
    hr = IEnumBackgroundCopyJobs1_Reset(e);
    ok(hr == S_OK, "%s: jobs' Reset: hr %#lx", ctx->config, hr);
    hr = IEnumBackgroundCopyJobs1_Skip(e, 2);
    ok(hr == S_FALSE, "%s: jobs' Skip(2) past the end: hr %#lx", ctx->config, hr);
    hr = IEnumBackgroundCopyJobs1_Next(e, 1, got, &fetched);
    ok(hr == S_FALSE && fetched == 0, "%s: jobs' Next after Skip past the end: hr %#lx fetched %lu", ctx->config, hr, fetched);
    IEnumBackgroundCopyJobs1_Reset(e);
    hr = IEnumBackgroundCopyJobs1_Skip(e, 1);
    ok(hr == S_OK, "%s: jobs' Skip(1) of 1: hr %#lx", ctx->config, hr);
    IEnumBackgroundCopyJobs1_Reset(e);

    /* celt > 1 with a NULL pceltFetched: refused by the proxy, pceltFetched
     * being [ref] in the SDK's IDL (see apartment_legacy.c). */
    got[0] = got[1] = GUID_NULL;
    hr = IEnumBackgroundCopyJobs1_Next(e, 2, got, NULL);
    ok(hr == E_NULL_REF_POINTER && IsEqualGUID(&got[0], &GUID_NULL), "%s: jobs' Next(2, NULL pceltFetched): hr %#lx",
       ctx->config, hr);
    hr = IEnumBackgroundCopyJobs1_Next(e, 1, got, &fetched);
    ok(hr == S_OK && fetched == 1 && IsEqualGUID(&got[0], id), "%s: jobs' Next after the refused one: hr %#lx %s",
       ctx->config, hr, guid_str(&got[0]));
    ok(IEnumBackgroundCopyJobs1_Release(e) == 0, "%s: jobs' enumerator released to zero", ctx->config);
    exercised("IEnumBackgroundCopyJobs1", "Next");
    exercised("IEnumBackgroundCopyJobs1", "Skip");
    exercised("IEnumBackgroundCopyJobs1", "Reset");
    exercised("IEnumBackgroundCopyJobs1", "Clone");
    exercised("IEnumBackgroundCopyJobs1", "GetCount");
}

static void test_transfer(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job)
{
    const WCHAR *remote = L"https://dl.example.test/legacy/jobs/late.cab", *local = L"C:\\legacy\\late.cab";
    DWORD total = 0, size = 1;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < ARRAYSIZE(files); i++) total += files[i].size;
    expect_job_status(ctx, job, QM_STATUS_JOB_INCOMPLETE, "before the transfer");
    expect_job_progress(ctx, job, 0, 0, "before the transfer");

    /* The job's SwitchToForeground moves its group. */
    legacy_check_group_status(ctx, group, QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE, "before the job's SwitchToForeground");
    hr = IBackgroundCopyJob1_SwitchToForeground(job);
    ok(hr == S_OK, "%s: the job's SwitchToForeground: hr %#lx", ctx->config, hr);
    legacy_check_group_status(ctx, group, QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE | QM_STATUS_GROUP_FOREGROUND,
                              "after the job's SwitchToForeground");
    exercised("IBackgroundCopyJob1", "SwitchToForeground");

    hr = IBackgroundCopyGroup_ResumeGroup(group);
    ok(hr == S_OK, "%s: ResumeGroup of the job's group: hr %#lx", ctx->config, hr);
    expect_job_status(ctx, job, QM_STATUS_JOB_COMPLETE, "transferred");
    expect_job_progress(ctx, job, 100, total, "transferred");
    exercised("IBackgroundCopyJob1", "GetStatus");
    exercised("IBackgroundCopyJob1", "GetProgress");

    hr = add_files(job, &remote, &local, &size, 1);
    ok(hr == E_QM_INVALID_STATE, "%s: AddFiles to a transferred job: hr %#lx", ctx->config, hr);
    expect_file_count(ctx, job, ARRAYSIZE(files), "after the late AddFiles");
}

static void test_cancel(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job,
                        const GUID *id)
{
    IBackgroundCopyJob1 *got = NULL;
    DWORD count = 0xdeadbeef;
    GUID job_id = GUID_NULL;
    HRESULT hr;

    hr = IBackgroundCopyJob1_CancelJob(job);
    ok(hr == S_OK, "%s: CancelJob: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyGroup_GetJob(group, *id, &got);
    ok(hr == E_QM_ITEM_NOT_FOUND && !got, "%s: GetJob of a cancelled job: hr %#lx", ctx->config, hr);
    if (got) IBackgroundCopyJob1_Release(got);
    hr = IBackgroundCopyJob1_GetFileCount(job, &count);
    ok(hr == E_QM_INVALID_STATE, "%s: GetFileCount of a cancelled job: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob1_CancelJob(job);
    ok(hr == E_QM_INVALID_STATE, "%s: CancelJob again: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob1_get_JobID(job, &job_id);
    ok(hr == S_OK && IsEqualGUID(&job_id, id), "%s: a cancelled job keeps its GUID: %s", ctx->config, guid_str(&job_id));
    exercised("IBackgroundCopyJob1", "CancelJob");
    exercised("IBackgroundCopyJob1", "get_JobID");
}

/* Once its job is cancelled, a suspended group takes a new one. */
static void test_replace_job(const struct suite_ctx *ctx)
{
    GUID group_id = legacy_guid(4, 2), first_id = legacy_guid(4, 3), second_id = legacy_guid(4, 4);
    IBackgroundCopyJob1 *first, *second;
    IBackgroundCopyGroup *group;
    HRESULT hr;

    if (!(group = legacy_create_group(ctx, &group_id))) return;
    if ((first = legacy_create_job(ctx, group, &first_id, NULL, 0)))
    {
        hr = IBackgroundCopyJob1_CancelJob(first);
        ok(hr == S_OK, "%s: CancelJob of a new job: hr %#lx", ctx->config, hr);
        if ((second = legacy_create_job(ctx, group, &second_id, NULL, 0)))
        {
            IEnumBackgroundCopyJobs1 *e = NULL;
            GUID got = GUID_NULL;
            ULONG fetched = 0;

            hr = IBackgroundCopyGroup_EnumJobs(group, 0, &e);
            if (e)
            {
                hr = IEnumBackgroundCopyJobs1_Next(e, 1, &got, &fetched);
                IEnumBackgroundCopyJobs1_Release(e);
            }
            ok(hr == S_OK && IsEqualGUID(&got, &second_id), "%s: the new job replaced the cancelled one: %s",
               ctx->config, guid_str(&got));
            IBackgroundCopyJob1_Release(second);
        }
        IBackgroundCopyJob1_Release(first);
    }
    IBackgroundCopyGroup_Release(group);
}

void legacy_test_jobs(const struct suite_ctx *ctx)
{
    GUID group_id = legacy_guid(4, 0), job_id = legacy_guid(4, 1);
    IBackgroundCopyGroup *group;
    IBackgroundCopyJob1 *job;

    if (!(group = legacy_create_group(ctx, &group_id))) return;
    if ((job = legacy_create_job(ctx, group, &job_id, NULL, 0)))
    {
        test_files(ctx, job);
        test_job_enum(ctx, group, &job_id);
        test_transfer(ctx, group, job);
        test_cancel(ctx, group, job, &job_id);
        IBackgroundCopyJob1_Release(job);
    }
    IBackgroundCopyGroup_Release(group);
    test_replace_job(ctx);
}
