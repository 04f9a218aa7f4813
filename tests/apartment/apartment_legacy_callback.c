/*
 * Apartment suite area "legacy": IBackgroundCopyCallback1 in its real
 * direction. The client implements it as a COM object of its own
 * apartment and hands it over with SetNotificationPointer; ResumeGroup then
 * makes the objects' side call it back across the boundary, through this
 * DLL's proxy there and stub here. Each call is logged with the pointers it
 * brought (group and job proxies, kept) and checked after ResumeGroup
 * returns against the sequence server/group.c documents, computed here
 * from the file sizes and notify flags the test chose.
 */
#include <string.h>
#include "apartment_legacy.h"

enum event_kind { EVENT_STATUS, EVENT_PROGRESS, EVENT_PROGRESSEX };
static const char *const kind_names[] = { "OnStatus", "OnProgress", "OnProgressEx" };

struct event
{
    enum event_kind kind;
    BOOL has_job;                   /* expected events: whether a job comes with it */
    IBackgroundCopyGroup *group;    /* received events: the pointers, AddRef'ed */
    IBackgroundCopyJob1 *job;
    DWORD type;                     /* progress type */
    DWORD index;                    /* file index */
    DWORD value;                    /* status, or progress value */
    DWORD retries, win32, transport;
    DWORD byte_count;
    BYTE bytes[16];
};

struct callback
{
    IBackgroundCopyCallback1 IBackgroundCopyCallback1_iface;
    LONG ref;
    CRITICAL_SECTION cs;            /* an MTA client is called on RPC threads */
    struct event events[16];
    unsigned int count, dropped;
};

static struct callback *impl_from_IBackgroundCopyCallback1(IBackgroundCopyCallback1 *iface)
{
    return CONTAINING_RECORD(iface, struct callback, IBackgroundCopyCallback1_iface);
}

static void record(struct callback *cb, const struct event *event, IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job)
{
    EnterCriticalSection(&cb->cs);
    if (cb->count < ARRAYSIZE(cb->events))
    {
        struct event *e = &cb->events[cb->count++];
        *e = *event;
        if ((e->group = group)) IBackgroundCopyGroup_AddRef(group);
        if ((e->job = job)) IBackgroundCopyJob1_AddRef(job);
    }
    else cb->dropped++;
    LeaveCriticalSection(&cb->cs);
}

static void clear_events(struct callback *cb)
{
    unsigned int i;

    EnterCriticalSection(&cb->cs);
    for (i = 0; i < cb->count; i++)
    {
        if (cb->events[i].group) IBackgroundCopyGroup_Release(cb->events[i].group);
        if (cb->events[i].job) IBackgroundCopyJob1_Release(cb->events[i].job);
    }
    cb->count = cb->dropped = 0;
    LeaveCriticalSection(&cb->cs);
}

static HRESULT STDMETHODCALLTYPE callback_QueryInterface(IBackgroundCopyCallback1 *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyCallback1))
    {
        *ppv = iface;
        IBackgroundCopyCallback1_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE callback_AddRef(IBackgroundCopyCallback1 *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyCallback1(iface)->ref);
}

static ULONG STDMETHODCALLTYPE callback_Release(IBackgroundCopyCallback1 *iface)
{
    return InterlockedDecrement(&impl_from_IBackgroundCopyCallback1(iface)->ref);
}

static HRESULT STDMETHODCALLTYPE callback_OnStatus(IBackgroundCopyCallback1 *iface, IBackgroundCopyGroup *group,
                                                   IBackgroundCopyJob1 *job, DWORD index, DWORD status,
                                                   DWORD retries, DWORD win32, DWORD transport)
{
    struct event e = { .kind = EVENT_STATUS, .index = index, .value = status, .retries = retries,
                       .win32 = win32, .transport = transport };
    record(impl_from_IBackgroundCopyCallback1(iface), &e, group, job);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE callback_OnProgress(IBackgroundCopyCallback1 *iface, DWORD type,
                                                     IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job,
                                                     DWORD index, DWORD value)
{
    struct event e = { .kind = EVENT_PROGRESS, .type = type, .index = index, .value = value };
    record(impl_from_IBackgroundCopyCallback1(iface), &e, group, job);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE callback_OnProgressEx(IBackgroundCopyCallback1 *iface, DWORD type,
                                                       IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job,
                                                       DWORD index, DWORD value, DWORD byte_count, BYTE *bytes)
{
    struct event e = { .kind = EVENT_PROGRESSEX, .type = type, .index = index, .value = value, .byte_count = byte_count };
    if (bytes) memcpy(e.bytes, bytes, min(byte_count, sizeof(e.bytes)));
    record(impl_from_IBackgroundCopyCallback1(iface), &e, group, job);
    return S_OK;
}

static const IBackgroundCopyCallback1Vtbl callback_vtbl =
{
    callback_QueryInterface, callback_AddRef, callback_Release,
    callback_OnStatus, callback_OnProgress, callback_OnProgressEx,
};

/* ---- the expected sequence, from the sizes and flags (see server/group.c) ---- */

static void put_le32(BYTE *p, DWORD value)
{
    p[0] = value & 0xff;
    p[1] = (value >> 8) & 0xff;
    p[2] = (value >> 16) & 0xff;
    p[3] = value >> 24;
}

static unsigned int expected_events(DWORD flags, const DWORD *sizes, unsigned int count, struct event *out)
{
    DWORD total = 0, done = 0;
    unsigned int i, n = 0;

    if (flags & QM_NOTIFY_DISABLE_NOTIFY) return 0;
    for (i = 0; i < count; i++) total += sizes[i];
    for (i = 0; i < count; i++)
    {
        struct event *e = &out[n++];
        done += sizes[i];
        memset(e, 0, sizeof(*e));
        e->has_job = TRUE;
        e->index = i;
        if (flags & QM_NOTIFY_USE_PROGRESSEX)
        {
            e->kind = EVENT_PROGRESSEX;
            e->type = QM_PROGRESS_SIZE_DONE;
            e->value = done;
            e->byte_count = 8;
            put_le32(e->bytes, done);
            put_le32(e->bytes + 4, total);
        }
        else
        {
            e->kind = EVENT_PROGRESS;
            e->type = QM_PROGRESS_PERCENT_DONE;
            e->value = (DWORD)((ULONGLONG)done * 100 / total);
        }
        if (flags & QM_NOTIFY_FILE_DONE)
        {
            e = &out[n++];
            memset(e, 0, sizeof(*e));
            e->kind = EVENT_STATUS;
            e->has_job = TRUE;
            e->index = i;
            e->value = QM_STATUS_FILE_COMPLETE;
        }
    }
    if (flags & QM_NOTIFY_JOB_DONE)
    {
        struct event *e = &out[n++];
        memset(e, 0, sizeof(*e));
        e->kind = EVENT_STATUS;
        e->has_job = TRUE;
        e->index = ~0u;
        e->value = QM_STATUS_JOB_COMPLETE;
    }
    if (flags & QM_NOTIFY_GROUP_DONE)
    {
        struct event *e = &out[n++];
        memset(e, 0, sizeof(*e));
        e->kind = EVENT_STATUS;
        e->index = ~0u;
        e->value = QM_STATUS_GROUP_COMPLETE;
    }
    return n;
}

static BOOL event_matches(const struct event *got, const struct event *expected, IBackgroundCopyGroup *group,
                          IBackgroundCopyJob1 *job)
{
    return got->kind == expected->kind && got->type == expected->type && got->index == expected->index
        && got->value == expected->value && got->retries == expected->retries && got->win32 == expected->win32
        && got->transport == expected->transport && got->byte_count == expected->byte_count
        && !memcmp(got->bytes, expected->bytes, sizeof(got->bytes))
        && same_object(got->group, group)
        && (expected->has_job ? same_object(got->job, job) : !got->job);
}

/* Marks each callback method that arrived and matched. */
static void check_events(const struct suite_ctx *ctx, struct callback *cb, IBackgroundCopyGroup *group,
                         IBackgroundCopyJob1 *job, const GUID *group_id, DWORD flags, const DWORD *sizes,
                         unsigned int count, const char *what)
{
    struct event expected[16];
    BOOL matched[3] = { FALSE, FALSE, FALSE };
    unsigned int n = expected_events(flags, sizes, count, expected), i, good = 0;
    GUID id = GUID_NULL;

    ok(cb->count == n && !cb->dropped, "%s: %s: %u callbacks arrived, expected %u", ctx->config, what, cb->count, n);
    for (i = 0; i < cb->count && i < n; i++)
    {
        const struct event *e = &cb->events[i];
        if (event_matches(e, &expected[i], group, job))
        {
            good++;
            matched[e->kind] = TRUE;
        }
        else printf("# %s: call %u: %s type %lu file %ld value %#lx (retries %lu win32 %lu transport %lu, %lu bytes), "
                    "group %p job %p; expected %s type %lu file %ld value %#lx%s\n", what, i, kind_names[e->kind],
                    e->type, (LONG)e->index, e->value, e->retries, e->win32, e->transport, e->byte_count, e->group,
                    e->job, kind_names[expected[i].kind], expected[i].type, (LONG)expected[i].index, expected[i].value,
                    expected[i].has_job ? " with the job" : " without a job");
        if (e->group) check_proxy(ctx, e->group, "the group a callback brought");
        if (e->job) check_proxy(ctx, e->job, "the job a callback brought");
    }
    ok(good == n, "%s: %s: %u of %u callbacks with the right group, job and values", ctx->config, what, good, n);
    /* The group that came with a callback is a working proxy of the group. */
    if (cb->count && cb->events[0].group)
    {
        HRESULT hr = IBackgroundCopyGroup_get_GroupID(cb->events[0].group, &id);
        ok(hr == S_OK && IsEqualGUID(&id, group_id), "%s: %s: the callback's group answers its GUID: %s",
           ctx->config, what, guid_str(&id));
    }
    if (good == n)
    {
        if (matched[EVENT_STATUS]) exercised("IBackgroundCopyCallback1", "OnStatus");
        if (matched[EVENT_PROGRESS]) exercised("IBackgroundCopyCallback1", "OnProgress");
        if (matched[EVENT_PROGRESSEX]) exercised("IBackgroundCopyCallback1", "OnProgressEx");
    }
}

/* One group with the callback set and `flags`: ResumeGroup, then the calls. */
static BOOL run_transfer(const struct suite_ctx *ctx, struct callback *cb, BYTE n, DWORD flags, VARTYPE flags_vt,
                         const DWORD *sizes, unsigned int count, BOOL clear_first, const char *what)
{
    GUID group_id = legacy_guid(5, n), job_id = legacy_guid(5, n + 1);
    IBackgroundCopyGroup *group;
    IBackgroundCopyJob1 *job;
    BOOL ran = FALSE;
    HRESULT hr;

    if (!(group = legacy_create_group(ctx, &group_id))) return FALSE;
    hr = legacy_set_int_prop(group, GROUPPROP_NOTIFYFLAGS, flags_vt, flags);
    ok(hr == S_OK, "%s: %s: SetProp(NOTIFYFLAGS %#lx): hr %#lx", ctx->config, what, flags, hr);
    hr = IBackgroundCopyGroup_SetNotificationPointer(group, &IID_IBackgroundCopyCallback1,
                                                     (IUnknown *)&cb->IBackgroundCopyCallback1_iface);
    ok(hr == S_OK, "%s: %s: SetNotificationPointer: hr %#lx", ctx->config, what, hr);
    if (clear_first)
    {
        hr = IBackgroundCopyGroup_SetNotificationPointer(group, &IID_IBackgroundCopyCallback1, NULL);
        ok(hr == S_OK, "%s: %s: SetNotificationPointer(NULL): hr %#lx", ctx->config, what, hr);
    }
    if ((job = legacy_create_job(ctx, group, &job_id, sizes, count)))
    {
        clear_events(cb);
        hr = IBackgroundCopyGroup_ResumeGroup(group);
        ok(hr == S_OK, "%s: %s: ResumeGroup: hr %#lx", ctx->config, what, hr);
        legacy_check_group_status(ctx, group, QM_STATUS_GROUP_COMPLETE | QM_STATUS_GROUP_SUSPENDED, what);
        check_events(ctx, cb, group, job, &group_id, clear_first ? QM_NOTIFY_DISABLE_NOTIFY : flags, sizes, count, what);
        clear_events(cb);
        IBackgroundCopyJob1_Release(job);
        ran = TRUE;
    }
    /* Not left to the group's end, which may come after this apartment's. */
    hr = IBackgroundCopyGroup_SetNotificationPointer(group, &IID_IBackgroundCopyCallback1, NULL);
    ok(hr == S_OK, "%s: %s: SetNotificationPointer(NULL) at the end: hr %#lx", ctx->config, what, hr);
    IBackgroundCopyGroup_Release(group);
    return ran;
}

void legacy_test_callbacks(const struct suite_ctx *ctx)
{
    static const DWORD three[] = { 1000, 3000, 4000 }, two[] = { 0x12345, 0x100 }, one[] = { 10 };
    struct callback cb = { .IBackgroundCopyCallback1_iface.lpVtbl = &callback_vtbl, .ref = 1 };
    GUID id = legacy_guid(5, 0x80);
    IBackgroundCopyGroup *group;
    BOOL all = TRUE;
    HRESULT hr;

    InitializeCriticalSection(&cb.cs);

    /* Only IBackgroundCopyCallback1 is a notification interface. */
    if ((group = legacy_create_group(ctx, &id)))
    {
        hr = IBackgroundCopyGroup_SetNotificationPointer(group, &IID_IBackgroundCopyGroup,
                                                         (IUnknown *)&cb.IBackgroundCopyCallback1_iface);
        ok(hr == E_NOINTERFACE, "%s: SetNotificationPointer under another IID: hr %#lx", ctx->config, hr);
        IBackgroundCopyGroup_Release(group);
    }

    all &= run_transfer(ctx, &cb, 0, QM_NOTIFY_FILE_DONE | QM_NOTIFY_JOB_DONE | QM_NOTIFY_GROUP_DONE, VT_UI4,
                        three, ARRAYSIZE(three), FALSE, "file, job and group notifications");
    all &= run_transfer(ctx, &cb, 2, QM_NOTIFY_GROUP_DONE | QM_NOTIFY_USE_PROGRESSEX, VT_I4,
                        two, ARRAYSIZE(two), FALSE, "OnProgressEx and the group's end");
    all &= run_transfer(ctx, &cb, 4, QM_NOTIFY_DISABLE_NOTIFY | QM_NOTIFY_FILE_DONE | QM_NOTIFY_JOB_DONE | QM_NOTIFY_GROUP_DONE,
                        VT_I2, one, ARRAYSIZE(one), FALSE, "notifications disabled");
    all &= run_transfer(ctx, &cb, 6, QM_NOTIFY_FILE_DONE | QM_NOTIFY_JOB_DONE | QM_NOTIFY_GROUP_DONE, VT_UINT,
                        one, ARRAYSIZE(one), TRUE, "the pointer removed");
    if (all) exercised("IBackgroundCopyGroup", "SetNotificationPointer");

    /* Every reference the objects' side took is given back. */
    ok(cb.ref == 1, "%s: the callback object's references are back to 1: %ld", ctx->config, cb.ref);
    DeleteCriticalSection(&cb.cs);
}
