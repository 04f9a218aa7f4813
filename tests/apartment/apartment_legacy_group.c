/*
 * Apartment suite area "legacy": IBackgroundCopyGroup apart from its
 * properties. A group's life: new and suspended, resumed with nothing to
 * transfer (running), suspended again, switched to the foreground, given
 * its one job and files, transferred, then cancelled. At each step the
 * status, progress and size are the values server/group.c documents, and
 * the job the group hands out is the one it made. QueryNewJobInterface
 * returns the group's BITS job, named after the group.
 */
#include "apartment_legacy.h"

#define SENTINEL_JOB ((IBackgroundCopyJob1 *)(ULONG_PTR)0xdeadbeef)

static void expect_progress(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, DWORD percent, DWORD size,
                            const char *what)
{
    DWORD value = 0xdeadbeef;
    HRESULT hr;

    hr = IBackgroundCopyGroup_GetProgress(group, QM_PROGRESS_PERCENT_DONE, &value);
    ok(hr == S_OK && value == percent, "%s: %s: GetProgress(PERCENT_DONE) %lu, expected %lu (hr %#lx)",
       ctx->config, what, value, percent, hr);
    value = 0xdeadbeef;
    hr = IBackgroundCopyGroup_GetProgress(group, QM_PROGRESS_SIZE_DONE, &value);
    ok(hr == S_OK && value == size, "%s: %s: GetProgress(SIZE_DONE) %lu, expected %lu (hr %#lx)",
       ctx->config, what, value, size, hr);
    value = 0xdeadbeef;
    hr = IBackgroundCopyGroup_GetProgress(group, QM_PROGRESS_TIME_DONE, &value);
    ok(hr == E_NOTIMPL && value == 0, "%s: %s: GetProgress(TIME_DONE) is not supported: hr %#lx, %lu",
       ctx->config, what, hr, value);
    value = 0xdeadbeef;
    hr = IBackgroundCopyGroup_GetProgress(group, 7, &value);
    ok(hr == E_INVALIDARG && value == 0, "%s: %s: GetProgress(7): hr %#lx, %lu", ctx->config, what, hr, value);
}

static void expect_size(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, DWORD expected, const char *what)
{
    DWORD size = 0xdeadbeef;
    HRESULT hr = IBackgroundCopyGroup_get_Size(group, &size);
    ok(hr == S_OK && size == expected, "%s: %s: get_Size %lu, expected %lu (hr %#lx)", ctx->config, what, size, expected, hr);
}

/* The jobs EnumJobs lists: `count` (0 or 1) GUIDs, equal to *expected. */
static void expect_jobs(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, const GUID *expected, ULONG count,
                        const char *what)
{
    IEnumBackgroundCopyJobs1 *e = NULL;
    GUID got[2] = { GUID_NULL, GUID_NULL };
    ULONG n = 0xdeadbeef, fetched = 0xdeadbeef;
    HRESULT hr;

    hr = IBackgroundCopyGroup_EnumJobs(group, 0, &e);
    ok(hr == S_OK && e, "%s: %s: EnumJobs: hr %#lx", ctx->config, what, hr);
    if (!e) return;
    check_proxy(ctx, e, "the jobs' enumerator");
    hr = IEnumBackgroundCopyJobs1_GetCount(e, &n);
    ok(hr == S_OK && n == count, "%s: %s: the jobs' GetCount: %lu (hr %#lx)", ctx->config, what, n, hr);
    hr = IEnumBackgroundCopyJobs1_Next(e, 2, got, &fetched);
    ok(hr == S_FALSE && fetched == count && (!count || IsEqualGUID(&got[0], expected))
       && IsEqualGUID(&got[count], &GUID_NULL), "%s: %s: EnumJobs lists %lu job(s): %s (hr %#lx)",
       ctx->config, what, fetched, guid_str(&got[0]), hr);
    IEnumBackgroundCopyJobs1_Release(e);
}

static void test_new_group(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    IEnumBackgroundCopyJobs1 *e = (IEnumBackgroundCopyJobs1 *)SENTINEL_JOB;
    IBackgroundCopyJob1 *job = SENTINEL_JOB;
    GUID id = legacy_guid(3, 1);
    HRESULT hr;

    legacy_check_group_status(ctx, group, QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE, "a new group");
    expect_progress(ctx, group, 0, 0, "a new group");
    expect_size(ctx, group, 0, "a new group");
    expect_jobs(ctx, group, NULL, 0, "a new group");
    hr = IBackgroundCopyGroup_EnumJobs(group, 1, &e);
    ok(hr == E_NOTIMPL && !e, "%s: EnumJobs with dwFlags 1: hr %#lx (documented E_NOTIMPL)", ctx->config, hr);
    if (e && e != (IEnumBackgroundCopyJobs1 *)SENTINEL_JOB) IEnumBackgroundCopyJobs1_Release(e);
    hr = IBackgroundCopyGroup_GetJob(group, id, &job);
    ok(hr == E_QM_ITEM_NOT_FOUND && !job, "%s: GetJob in a group without jobs: hr %#lx", ctx->config, hr);
    if (job && job != SENTINEL_JOB) IBackgroundCopyJob1_Release(job);

    /* Resumed with nothing to transfer, the group runs: no job can join it. */
    hr = IBackgroundCopyGroup_ResumeGroup(group);
    ok(hr == S_OK, "%s: ResumeGroup of an empty group: hr %#lx", ctx->config, hr);
    legacy_check_group_status(ctx, group, QM_STATUS_GROUP_INCOMPLETE, "a running group");
    job = SENTINEL_JOB;
    hr = IBackgroundCopyGroup_CreateJob(group, id, &job);
    ok(hr == E_QM_INVALID_STATE && !job, "%s: CreateJob in a running group: hr %#lx (QM_E_INVALID_STATE)", ctx->config, hr);
    if (job && job != SENTINEL_JOB) IBackgroundCopyJob1_Release(job);

    hr = IBackgroundCopyGroup_SuspendGroup(group);
    ok(hr == S_OK, "%s: SuspendGroup: hr %#lx", ctx->config, hr);
    legacy_check_group_status(ctx, group, QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE, "a suspended group");
    hr = IBackgroundCopyGroup_SuspendGroup(group);
    ok(hr == S_OK, "%s: SuspendGroup of a suspended group: hr %#lx", ctx->config, hr);
    legacy_check_group_status(ctx, group, QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE, "suspended twice");

    hr = IBackgroundCopyGroup_SwitchToForeground(group);
    ok(hr == S_OK, "%s: SwitchToForeground: hr %#lx", ctx->config, hr);
    legacy_check_group_status(ctx, group, QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE | QM_STATUS_GROUP_FOREGROUND,
                              "in the foreground");
    exercised("IBackgroundCopyGroup", "SuspendGroup");
    exercised("IBackgroundCopyGroup", "SwitchToForeground");
}

static void test_job_and_transfer(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    static const DWORD sizes[] = { 1500, 2500 };
    const DWORD all = QM_STATUS_GROUP_COMPLETE | QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_FOREGROUND;
    IBackgroundCopyJob1 *job, *got = SENTINEL_JOB;
    GUID id = legacy_guid(3, 1), other = legacy_guid(3, 2);
    HRESULT hr;

    if (!(job = legacy_create_job(ctx, group, &id, sizes, ARRAYSIZE(sizes)))) return;
    hr = IBackgroundCopyGroup_CreateJob(group, other, &got);
    ok(hr == E_NOTIMPL && !got, "%s: a second CreateJob: hr %#lx (documented E_NOTIMPL: one job per group)", ctx->config, hr);
    if (got && got != SENTINEL_JOB) IBackgroundCopyJob1_Release(got);
    exercised("IBackgroundCopyGroup", "CreateJob");

    got = NULL;
    hr = IBackgroundCopyGroup_GetJob(group, id, &got);
    ok(hr == S_OK && got, "%s: GetJob of the group's job: hr %#lx", ctx->config, hr);
    if (got)
    {
        check_proxy(ctx, got, "a job from GetJob");
        ok(same_object(got, job), "%s: GetJob returns the job CreateJob made", ctx->config);
        IBackgroundCopyJob1_Release(got);
    }
    got = SENTINEL_JOB;
    hr = IBackgroundCopyGroup_GetJob(group, other, &got);
    ok(hr == E_QM_ITEM_NOT_FOUND && !got, "%s: GetJob of another GUID: hr %#lx (documented QM_E_ITEM_NOT_FOUND)", ctx->config, hr);
    if (got && got != SENTINEL_JOB) IBackgroundCopyJob1_Release(got);
    exercised("IBackgroundCopyGroup", "GetJob");
    expect_jobs(ctx, group, &id, 1, "a group with its job");
    exercised("IBackgroundCopyGroup", "EnumJobs");
    expect_size(ctx, group, sizes[0] + sizes[1], "two files");
    expect_progress(ctx, group, 0, 0, "before the transfer");

    hr = IBackgroundCopyGroup_ResumeGroup(group);
    ok(hr == S_OK, "%s: ResumeGroup: hr %#lx", ctx->config, hr);
    legacy_check_group_status(ctx, group, all, "transferred");
    expect_progress(ctx, group, 100, sizes[0] + sizes[1], "transferred");
    hr = IBackgroundCopyGroup_ResumeGroup(group);
    ok(hr == S_OK, "%s: ResumeGroup of a complete group: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyGroup_SuspendGroup(group);
    ok(hr == S_OK, "%s: SuspendGroup of a complete group: hr %#lx", ctx->config, hr);
    legacy_check_group_status(ctx, group, all, "complete, resumed and suspended again");
    got = SENTINEL_JOB;
    hr = IBackgroundCopyGroup_CreateJob(group, other, &got);
    ok(hr == E_QM_INVALID_STATE && !got, "%s: CreateJob in a complete group: hr %#lx", ctx->config, hr);
    if (got && got != SENTINEL_JOB) IBackgroundCopyJob1_Release(got);
    exercised("IBackgroundCopyGroup", "ResumeGroup");
    exercised("IBackgroundCopyGroup", "GetStatus");
    exercised("IBackgroundCopyGroup", "GetProgress");
    exercised("IBackgroundCopyGroup", "get_Size");
    IBackgroundCopyJob1_Release(job);
}

static void test_new_job_interface(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    static const WCHAR name[] = L"A legacy group served by a BITS job";
    IUnknown *unk = (IUnknown *)SENTINEL_JOB, *again = NULL;
    IBackgroundCopyJob2 *job2;
    WCHAR *display = NULL;
    VARIANT value;
    HRESULT hr;

    VariantInit(&value);
    V_VT(&value) = VT_BSTR;
    V_BSTR(&value) = SysAllocString(name);
    hr = IBackgroundCopyGroup_SetProp(group, GROUPPROP_DISPLAYNAME, &value);
    ok(hr == S_OK, "%s: SetProp(DISPLAYNAME) for the BITS job: hr %#lx", ctx->config, hr);
    VariantClear(&value);

    hr = IBackgroundCopyGroup_QueryNewJobInterface(group, &IID_IBackgroundCopyGroup, &unk);
    ok(hr == E_NOINTERFACE && !unk, "%s: QueryNewJobInterface(IBackgroundCopyGroup): hr %#lx", ctx->config, hr);
    if (unk && unk != (IUnknown *)SENTINEL_JOB) IUnknown_Release(unk);

    unk = NULL;
    hr = IBackgroundCopyGroup_QueryNewJobInterface(group, &IID_IBackgroundCopyJob2, &unk);
    ok(hr == S_OK && unk, "%s: QueryNewJobInterface(IBackgroundCopyJob2): hr %#lx (needs the manager area's jobs)",
       ctx->config, hr);
    if (!unk) return;
    check_proxy(ctx, unk, "the group's BITS job");
    /* iid_is: what came back is an IBackgroundCopyJob2 proxy, callable as one. */
    job2 = (IBackgroundCopyJob2 *)unk;
    hr = IBackgroundCopyJob2_GetDisplayName(job2, &display);
    ok(hr == S_OK && display && !lstrcmpW(display, name), "%s: the BITS job is named after the group: \"%s\" (hr %#lx)",
       ctx->config, wstr(display), hr);
    CoTaskMemFree(display);
    hr = IBackgroundCopyGroup_QueryNewJobInterface(group, &IID_IBackgroundCopyJob, &again);
    ok(hr == S_OK && same_object(again, unk), "%s: QueryNewJobInterface again returns the same job: hr %#lx", ctx->config, hr);
    if (again) IUnknown_Release(again);
    IUnknown_Release(unk);
    exercised("IBackgroundCopyGroup", "QueryNewJobInterface");
}

static void test_cancelled(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    IBackgroundCopyJob1 *job = NULL;
    DWORD status = 0xdeadbeef, a, b, c;
    GUID id = legacy_guid(3, 1);
    VARIANT value;
    HRESULT hr;

    hr = IBackgroundCopyGroup_GetJob(group, id, &job);
    ok(hr == S_OK && job, "%s: GetJob before CancelGroup: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyGroup_CancelGroup(group);
    ok(hr == S_OK, "%s: CancelGroup of a complete group: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyGroup_ResumeGroup(group);
    ok(hr == E_QM_INVALID_STATE, "%s: ResumeGroup of a cancelled group: hr %#lx", ctx->config, hr);
    legacy_set_int_prop(group, GROUPPROP_PRIORITY, VT_I4, 1);
    VariantInit(&value);
    hr = IBackgroundCopyGroup_GetProp(group, GROUPPROP_PRIORITY, &value);
    ok(hr == E_QM_INVALID_STATE && V_VT(&value) == VT_EMPTY, "%s: GetProp of a cancelled group: hr %#lx vt %u",
       ctx->config, hr, V_VT(&value));
    if (job)
    {
        hr = IBackgroundCopyJob1_GetStatus(job, &status, &a, &b, &c);
        ok(hr == E_QM_INVALID_STATE, "%s: the job of a cancelled group is cancelled: hr %#lx", ctx->config, hr);
        IBackgroundCopyJob1_Release(job);
    }
}

void legacy_test_group(const struct suite_ctx *ctx)
{
    GUID id = legacy_guid(3, 0);
    IBackgroundCopyGroup *group;

    if (!(group = legacy_create_group(ctx, &id))) return;
    test_new_group(ctx, group);
    test_job_and_transfer(ctx, group);
    test_new_job_interface(ctx, group);
    test_cancelled(ctx, group);
    IBackgroundCopyGroup_Release(group);
}
