/*
 * Apartment suite area "legacy": the BITS 1.0 QMgr API through the proxies
 * (see apartment_legacy.h for the split). This file: the shared helpers,
 * IBackgroundCopyQMgr (CreateGroup with chosen GUIDs, GetGroup, EnumGroups)
 * and IEnumBackgroundCopyGroups with every case of the enumerator contract,
 * each GUID compared exactly.
 */
#include <string.h>
#include "apartment_legacy.h"

#define SENTINEL_GROUP ((IBackgroundCopyGroup *)(ULONG_PTR)0xdeadbeef)

GUID legacy_guid(BYTE area, BYTE n)
{
    GUID guid = { 0x6c3a5e00 | area, 0x1e9a, 0x4c01, { 0x9b, 0x2e, 0x51, 0x7a, 0x00, 0x00, area, n } };
    return guid;
}

BOOL bstr_is(BSTR value, const WCHAR *expected)
{
    UINT len = lstrlenW(expected);
    return value && SysStringLen(value) == len && !memcmp(value, expected, len * sizeof(WCHAR));
}

IBackgroundCopyGroup *legacy_create_group(const struct suite_ctx *ctx, const GUID *id)
{
    IBackgroundCopyGroup *group = NULL;
    GUID got = GUID_NULL;
    HRESULT hr;

    hr = IBackgroundCopyQMgr_CreateGroup(ctx->qmgr, *id, &group);
    ok(hr == S_OK && group, "%s: CreateGroup %s: hr %#lx", ctx->config, guid_str(id), hr);
    if (!group) return NULL;
    check_proxy(ctx, group, "a group from CreateGroup");
    hr = IBackgroundCopyGroup_get_GroupID(group, &got);
    ok(hr == S_OK && IsEqualGUID(&got, id), "%s: get_GroupID is the GUID chosen: %s (hr %#lx)",
       ctx->config, guid_str(&got), hr);
    return group;
}

IBackgroundCopyJob1 *legacy_create_job(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, const GUID *id,
                                       const DWORD *sizes, unsigned int count)
{
    IBackgroundCopyJob1 *job = NULL;
    FILESETINFO infos[8], *set[8];
    unsigned int i;
    GUID got = GUID_NULL;
    WCHAR name[64];
    HRESULT hr;

    hr = IBackgroundCopyGroup_CreateJob(group, *id, &job);
    ok(hr == S_OK && job, "%s: CreateJob %s: hr %#lx", ctx->config, guid_str(id), hr);
    if (!job) return NULL;
    check_proxy(ctx, job, "a job from CreateJob");
    hr = IBackgroundCopyJob1_get_JobID(job, &got);
    ok(hr == S_OK && IsEqualGUID(&got, id), "%s: get_JobID is the GUID chosen: %s", ctx->config, guid_str(&got));
    if (!count) return job;
    for (i = 0; i < count && i < ARRAYSIZE(infos); i++)
    {
        swprintf(name, ARRAYSIZE(name), L"https://dl.example.test/legacy/%u.bin", i);
        infos[i].bstrRemoteFile = SysAllocString(name);
        swprintf(name, ARRAYSIZE(name), L"C:\\legacy\\%u.bin", i);
        infos[i].bstrLocalFile = SysAllocString(name);
        infos[i].dwSizeHint = sizes[i];
        set[i] = &infos[i];
    }
    hr = IBackgroundCopyJob1_AddFiles(job, i, set);
    ok(hr == S_OK, "%s: AddFiles of %u files: hr %#lx", ctx->config, i, hr);
    while (i--)
    {
        SysFreeString(infos[i].bstrRemoteFile);
        SysFreeString(infos[i].bstrLocalFile);
    }
    return job;
}

void legacy_int_variant(VARIANT *v, VARTYPE vt, LONG value)
{
    VariantInit(v);
    V_VT(v) = vt;
    switch (vt)
    {
    case VT_I2:   V_I2(v) = value; break;
    case VT_UI2:  V_UI2(v) = value; break;
    case VT_UI4:  V_UI4(v) = value; break;
    case VT_INT:  V_INT(v) = value; break;
    case VT_UINT: V_UINT(v) = value; break;
    default:      V_I4(v) = value; break;
    }
}

HRESULT legacy_set_int_prop(IBackgroundCopyGroup *group, GROUPPROP id, VARTYPE vt, LONG value)
{
    VARIANT v;
    legacy_int_variant(&v, vt, value);
    return IBackgroundCopyGroup_SetProp(group, id, &v);
}

void legacy_check_group_status(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, DWORD expected,
                               const char *what)
{
    DWORD status = 0xdeadbeef, index = 0xdeadbeef;
    HRESULT hr = IBackgroundCopyGroup_GetStatus(group, &status, &index);
    ok(hr == S_OK && status == expected && index == 0, "%s: %s: GetStatus %#lx (expected %#lx), job index %lu, hr %#lx",
       ctx->config, what, status, expected, index, hr);
}

/* ok() that Next(celt) yields exactly `count` GUIDs, equal to expected[].
 * Past them the caller's array is as NDR leaves it: the proxy zeroes an
 * [out] array (all celt GUIDs) before the call, and only the fetched ones
 * come back; what lies beyond celt is not touched. */
static void expect_next(const struct suite_ctx *ctx, IEnumBackgroundCopyGroups *e, ULONG celt,
                        const GUID *expected, ULONG count, const char *what)
{
    static const GUID sentinel = { 0x5e471e1, 0x5e47, 0x1e15, { 0x5e, 0x47, 0x1e, 0x15, 0x5e, 0x47, 0x1e, 0x15 } };
    GUID got[8];
    ULONG fetched = 0xdeadbeef, i, good = 0, rest = 0;
    HRESULT hr;

    for (i = 0; i < ARRAYSIZE(got); i++) got[i] = sentinel;
    hr = IEnumBackgroundCopyGroups_Next(e, celt, got, &fetched);
    ok(hr == (count == celt ? S_OK : S_FALSE) && fetched == count, "%s: %s: Next(%lu): hr %#lx fetched %lu, expected %lu",
       ctx->config, what, celt, hr, fetched, count);
    for (i = 0; i < count && i < ARRAYSIZE(got); i++)
    {
        if (IsEqualGUID(&got[i], &expected[i])) good++;
        else printf("# %s: [%lu] is %s, expected %s\n", what, i, guid_str(&got[i]), guid_str(&expected[i]));
    }
    for (i = count; i < ARRAYSIZE(got); i++)
    {
        if (IsEqualGUID(&got[i], i < celt ? &GUID_NULL : &sentinel)) rest++;
        else printf("# %s: [%lu] past the fetched ones is %s\n", what, i, guid_str(&got[i]));
    }
    ok(good == count && rest == ARRAYSIZE(got) - count, "%s: %s: %lu of %lu GUIDs as expected; past them %lu of %lu slots "
       "zeroed up to celt and untouched beyond", ctx->config, what, good, count, rest, (ULONG)ARRAYSIZE(got) - count);
}

static IEnumBackgroundCopyGroups *enum_groups(const struct suite_ctx *ctx, ULONG expected_count, const char *what)
{
    IEnumBackgroundCopyGroups *e = NULL;
    ULONG count = 0xdeadbeef;
    HRESULT hr;

    hr = IBackgroundCopyQMgr_EnumGroups(ctx->qmgr, 0, &e);
    ok(hr == S_OK && e, "%s: EnumGroups %s: hr %#lx", ctx->config, what, hr);
    if (!e) return NULL;
    check_proxy(ctx, e, "the groups' enumerator");
    hr = IEnumBackgroundCopyGroups_GetCount(e, &count);
    ok(hr == S_OK && count == expected_count, "%s: GetCount %s: %lu, expected %lu (hr %#lx)",
       ctx->config, what, count, expected_count, hr);
    return e;
}

static void test_qmgr(const struct suite_ctx *ctx, IBackgroundCopyGroup **groups, const GUID *ids)
{
    IBackgroundCopyGroup *got = SENTINEL_GROUP;
    IEnumBackgroundCopyGroups *e;
    GUID unknown = legacy_guid(1, 0x99), id = GUID_NULL;
    HRESULT hr;

    /* A GUID already in the queue is refused (documented: E_INVALIDARG). */
    hr = IBackgroundCopyQMgr_CreateGroup(ctx->qmgr, ids[1], &got);
    ok(hr == E_INVALIDARG && !got, "%s: CreateGroup with a GUID in use: hr %#lx, group %p", ctx->config, hr, got);
    if (got && got != SENTINEL_GROUP) IBackgroundCopyGroup_Release(got);
    exercised("IBackgroundCopyQMgr", "CreateGroup");

    got = SENTINEL_GROUP;
    hr = IBackgroundCopyQMgr_GetGroup(ctx->qmgr, ids[2], &got);
    ok(hr == S_OK && got && got != SENTINEL_GROUP, "%s: GetGroup %s: hr %#lx", ctx->config, guid_str(&ids[2]), hr);
    if (got && got != SENTINEL_GROUP)
    {
        check_proxy(ctx, got, "a group from GetGroup");
        hr = IBackgroundCopyGroup_get_GroupID(got, &id);
        ok(hr == S_OK && IsEqualGUID(&id, &ids[2]), "%s: GetGroup's group has the GUID asked: %s", ctx->config, guid_str(&id));
        ok(same_object(got, groups[2]), "%s: GetGroup returns the group CreateGroup made", ctx->config);
        IBackgroundCopyGroup_Release(got);
    }
    got = SENTINEL_GROUP;
    hr = IBackgroundCopyQMgr_GetGroup(ctx->qmgr, unknown, &got);
    ok(hr == E_QM_ITEM_NOT_FOUND && !got, "%s: GetGroup of an unknown GUID: hr %#lx (documented QM_E_ITEM_NOT_FOUND), group %p",
       ctx->config, hr, got);
    if (got && got != SENTINEL_GROUP) IBackgroundCopyGroup_Release(got);
    exercised("IBackgroundCopyQMgr", "GetGroup");

    e = (IEnumBackgroundCopyGroups *)SENTINEL_GROUP;
    hr = IBackgroundCopyQMgr_EnumGroups(ctx->qmgr, 1, &e);
    ok(hr == E_NOTIMPL && !e, "%s: EnumGroups with dwFlags 1: hr %#lx (documented E_NOTIMPL)", ctx->config, hr);
    if (e && e != (IEnumBackgroundCopyGroups *)SENTINEL_GROUP) IEnumBackgroundCopyGroups_Release(e);
    if ((e = enum_groups(ctx, 4, "of the 4 groups")))
    {
        expect_next(ctx, e, 4, ids, 4, "all 4 in creation order");
        IEnumBackgroundCopyGroups_Release(e);
    }
    exercised("IBackgroundCopyQMgr", "EnumGroups");
}

static void test_enum_contract(const struct suite_ctx *ctx, const GUID *ids)
{
    IEnumBackgroundCopyGroups *e, *clone = NULL, *end_clone = NULL;
    GUID got[2] = { GUID_NULL, GUID_NULL };
    ULONG count = 0;
    HRESULT hr;

    if (!(e = enum_groups(ctx, 4, "for the contract"))) return;
    expect_next(ctx, e, 1, &ids[0], 1, "first");

    /* Clone copies the cursor, then the two move apart. */
    hr = IEnumBackgroundCopyGroups_Clone(e, &clone);
    ok(hr == S_OK && clone, "%s: Clone at position 1: hr %#lx", ctx->config, hr);
    if (clone)
    {
        check_proxy(ctx, clone, "the clone of the groups' enumerator");
        ok(!same_object(clone, e), "%s: the clone is an object of its own", ctx->config);
        expect_next(ctx, clone, 1, &ids[1], 1, "clone's first");
        expect_next(ctx, e, 1, &ids[1], 1, "original, unmoved by the clone");
        hr = IEnumBackgroundCopyGroups_Skip(clone, 1);
        ok(hr == S_OK, "%s: Skip(1) on the clone: hr %#lx", ctx->config, hr);
        expect_next(ctx, clone, 1, &ids[3], 1, "clone after Skip(1)");
        hr = IEnumBackgroundCopyGroups_GetCount(clone, &count);
        ok(hr == S_OK && count == 4, "%s: GetCount of the clone: %lu", ctx->config, count);
        /* A clone taken at the end is at the end, and resets on its own. */
        hr = IEnumBackgroundCopyGroups_Clone(clone, &end_clone);
        ok(hr == S_OK && end_clone, "%s: Clone at the end: hr %#lx", ctx->config, hr);
        if (end_clone)
        {
            expect_next(ctx, end_clone, 1, NULL, 0, "clone taken at the end");
            hr = IEnumBackgroundCopyGroups_Reset(end_clone);
            ok(hr == S_OK, "%s: Reset of the end clone: hr %#lx", ctx->config, hr);
            expect_next(ctx, end_clone, 2, ids, 2, "end clone after Reset");
            ok(IEnumBackgroundCopyGroups_Release(end_clone) == 0, "%s: end clone released to zero", ctx->config);
        }
        expect_next(ctx, clone, 1, NULL, 0, "clone, still at the end");
        ok(IEnumBackgroundCopyGroups_Release(clone) == 0, "%s: clone released to zero before its original", ctx->config);
    }

    /* Fewer than asked: S_FALSE with the count. */
    expect_next(ctx, e, 3, &ids[2], 2, "3 asked with 2 left");
    expect_next(ctx, e, 1, NULL, 0, "at the end");

    /* Skip past the end: S_FALSE, and the cursor stays at the end. */
    IEnumBackgroundCopyGroups_Reset(e);
    hr = IEnumBackgroundCopyGroups_Skip(e, 3);
    ok(hr == S_OK, "%s: Skip(3) of 4: hr %#lx", ctx->config, hr);
    hr = IEnumBackgroundCopyGroups_Skip(e, 2);
    ok(hr == S_FALSE, "%s: Skip(2) with 1 left: hr %#lx", ctx->config, hr);
    expect_next(ctx, e, 1, NULL, 0, "after Skip past the end");
    hr = IEnumBackgroundCopyGroups_Reset(e);
    ok(hr == S_OK, "%s: Reset: hr %#lx", ctx->config, hr);
    expect_next(ctx, e, 4, ids, 4, "all 4 after Reset");

    /* celt > 1 with a NULL pceltFetched: the model answers E_INVALIDARG, but
     * the SDK's IDL makes pceltFetched [ref], so the proxy refuses the call
     * before it leaves and nothing is written; the cursor does not move. */
    IEnumBackgroundCopyGroups_Reset(e);
    hr = IEnumBackgroundCopyGroups_Next(e, 2, got, NULL);
    ok(hr == E_NULL_REF_POINTER && IsEqualGUID(&got[0], &GUID_NULL) && IsEqualGUID(&got[1], &GUID_NULL),
       "%s: Next(2, NULL pceltFetched): hr %#lx, %s", ctx->config, hr, guid_str(&got[0]));
    expect_next(ctx, e, 1, &ids[0], 1, "after the refused Next");
    ok(IEnumBackgroundCopyGroups_Release(e) == 0, "%s: groups' enumerator released to zero", ctx->config);
    exercised("IEnumBackgroundCopyGroups", "Next");
    exercised("IEnumBackgroundCopyGroups", "Skip");
    exercised("IEnumBackgroundCopyGroups", "Reset");
    exercised("IEnumBackgroundCopyGroups", "Clone");
    exercised("IEnumBackgroundCopyGroups", "GetCount");
}

/* CancelGroup takes a group out of the queue; enumerators taken before keep
 * their snapshot. */
static void test_cancel_group(const struct suite_ctx *ctx, IBackgroundCopyGroup **groups, const GUID *ids)
{
    IEnumBackgroundCopyGroups *before, *after;
    IBackgroundCopyGroup *got = SENTINEL_GROUP;
    DWORD status = 0xdeadbeef, index = 0xdeadbeef;
    GUID id = GUID_NULL;
    HRESULT hr;

    before = enum_groups(ctx, 4, "before CancelGroup");
    hr = IBackgroundCopyGroup_CancelGroup(groups[3]);
    ok(hr == S_OK, "%s: CancelGroup: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyQMgr_GetGroup(ctx->qmgr, ids[3], &got);
    ok(hr == E_QM_ITEM_NOT_FOUND && !got, "%s: GetGroup of a cancelled group: hr %#lx", ctx->config, hr);
    if (got && got != SENTINEL_GROUP) IBackgroundCopyGroup_Release(got);
    if ((after = enum_groups(ctx, 3, "after CancelGroup")))
    {
        expect_next(ctx, after, 4, ids, 3, "the 3 groups left");
        IEnumBackgroundCopyGroups_Release(after);
    }
    if (before)
    {
        expect_next(ctx, before, 4, ids, 4, "a snapshot taken before CancelGroup");
        IEnumBackgroundCopyGroups_Release(before);
    }
    hr = IBackgroundCopyGroup_CancelGroup(groups[3]);
    ok(hr == E_QM_INVALID_STATE, "%s: CancelGroup again: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyGroup_GetStatus(groups[3], &status, &index);
    ok(hr == E_QM_INVALID_STATE, "%s: GetStatus of a cancelled group: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyGroup_get_GroupID(groups[3], &id);
    ok(hr == S_OK && IsEqualGUID(&id, &ids[3]), "%s: a cancelled group keeps its GUID: %s", ctx->config, guid_str(&id));
    exercised("IBackgroundCopyGroup", "CancelGroup");
    exercised("IBackgroundCopyGroup", "get_GroupID");
}

static void test_groups(const struct suite_ctx *ctx)
{
    IBackgroundCopyGroup *groups[4] = {0};
    GUID ids[4];
    unsigned int i, made = 0;

    for (i = 0; i < ARRAYSIZE(ids); i++)
    {
        ids[i] = legacy_guid(1, i);
        if ((groups[i] = legacy_create_group(ctx, &ids[i]))) made++;
    }
    if (made == ARRAYSIZE(groups))
    {
        test_qmgr(ctx, groups, ids);
        test_enum_contract(ctx, ids);
        test_cancel_group(ctx, groups, ids);
    }
    for (i = 0; i < ARRAYSIZE(groups); i++) if (groups[i]) IBackgroundCopyGroup_Release(groups[i]);
}

void suite_legacy(const struct suite_ctx *ctx)
{
    if (!ok(ctx->qmgr != NULL, "%s: the QMgr is there", ctx->config)) return;
    test_groups(ctx);
    legacy_test_props(ctx);
    legacy_test_group(ctx);
    legacy_test_jobs(ctx);
    legacy_test_callbacks(ctx);
}
