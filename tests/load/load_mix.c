/*
 * A client thread's mix (see load.h). Each thread owns its job (download,
 * up to LOAD_MAX_FILES files, then replaced by a new one) and its legacy
 * group, so that it can predict every value it reads: what it set last,
 * what it added, where its cursors are. The manager, the QMgr and the peer
 * cache are shared by all threads; the peer cache is only read, and its
 * values are the model's fixed data (server/peercache_data.h). The
 * operations are drawn from a xorshift generator seeded with the thread's
 * index: the same run makes the same calls. Every call goes through
 * CALL(), which tags it for the call log; every result is compared by
 * value, and a wrong one is counted against its method.
 */
#include <stdarg.h>
#include <wchar.h>
#include "load.h"
#include "peercache_data.h"

#define LOAD_MAX_FILES 12

static const struct { const char *name; const IID *iid; } labels[L_COUNT] =
{
    [L_CREATE_JOB] = { "IBackgroundCopyManager::CreateJob", &IID_IBackgroundCopyManager },
    [L_CANCEL_JOB] = { "IBackgroundCopyJob::Cancel", &IID_IBackgroundCopyJob },
    [L_GET_JOB] = { "IBackgroundCopyManager::GetJob", &IID_IBackgroundCopyManager },
    [L_GET_ID] = { "IBackgroundCopyJob::GetId", &IID_IBackgroundCopyJob },
    [L_GET_STATE] = { "IBackgroundCopyJob::GetState", &IID_IBackgroundCopyJob },
    [L_GET_PROGRESS] = { "IBackgroundCopyJob::GetProgress", &IID_IBackgroundCopyJob },
    [L_SET_DISPLAY_NAME] = { "IBackgroundCopyJob::SetDisplayName", &IID_IBackgroundCopyJob },
    [L_GET_DISPLAY_NAME] = { "IBackgroundCopyJob::GetDisplayName", &IID_IBackgroundCopyJob },
    [L_SET_PRIORITY] = { "IBackgroundCopyJob::SetPriority", &IID_IBackgroundCopyJob },
    [L_GET_PRIORITY] = { "IBackgroundCopyJob::GetPriority", &IID_IBackgroundCopyJob },
    [L_ADD_FILE] = { "IBackgroundCopyJob::AddFile", &IID_IBackgroundCopyJob },
    [L_ENUM_FILES] = { "IBackgroundCopyJob::EnumFiles", &IID_IBackgroundCopyJob },
    [L_FILES_GET_COUNT] = { "IEnumBackgroundCopyFiles::GetCount", &IID_IEnumBackgroundCopyFiles },
    [L_FILES_NEXT] = { "IEnumBackgroundCopyFiles::Next", &IID_IEnumBackgroundCopyFiles },
    [L_FILES_SKIP] = { "IEnumBackgroundCopyFiles::Skip", &IID_IEnumBackgroundCopyFiles },
    [L_FILES_CLONE] = { "IEnumBackgroundCopyFiles::Clone", &IID_IEnumBackgroundCopyFiles },
    [L_FILES_RESET] = { "IEnumBackgroundCopyFiles::Reset", &IID_IEnumBackgroundCopyFiles },
    [L_FILE_GET_REMOTE_NAME] = { "IBackgroundCopyFile::GetRemoteName", &IID_IBackgroundCopyFile },
    [L_FILE_GET_LOCAL_NAME] = { "IBackgroundCopyFile::GetLocalName", &IID_IBackgroundCopyFile },
    [L_SET_PROPERTY] = { "IBackgroundCopyJob5::SetProperty", &IID_IBackgroundCopyJob5 },
    [L_GET_PROPERTY] = { "IBackgroundCopyJob5::GetProperty", &IID_IBackgroundCopyJob5 },
    [L_SET_HEADERS] = { "IBackgroundCopyJobHttpOptions::SetCustomHeaders", &IID_IBackgroundCopyJobHttpOptions },
    [L_GET_HEADERS] = { "IBackgroundCopyJobHttpOptions::GetCustomHeaders", &IID_IBackgroundCopyJobHttpOptions },
    [L_CREATE_GROUP] = { "IBackgroundCopyQMgr::CreateGroup", &IID_IBackgroundCopyQMgr },
    [L_CANCEL_GROUP] = { "IBackgroundCopyGroup::CancelGroup", &IID_IBackgroundCopyGroup },
    [L_GET_GROUP] = { "IBackgroundCopyQMgr::GetGroup", &IID_IBackgroundCopyQMgr },
    [L_GROUP_GET_ID] = { "IBackgroundCopyGroup::get_GroupID", &IID_IBackgroundCopyGroup },
    [L_GROUP_GET_STATUS] = { "IBackgroundCopyGroup::GetStatus", &IID_IBackgroundCopyGroup },
    [L_GROUP_SET_PROP] = { "IBackgroundCopyGroup::SetProp", &IID_IBackgroundCopyGroup },
    [L_GROUP_GET_PROP] = { "IBackgroundCopyGroup::GetProp", &IID_IBackgroundCopyGroup },
    [L_ENUM_PEERS] = { "IBitsPeerCacheAdministration::EnumPeers", &IID_IBitsPeerCacheAdministration },
    [L_PEERS_GET_COUNT] = { "IEnumBitsPeers::GetCount", &IID_IEnumBitsPeers },
    [L_PEERS_NEXT] = { "IEnumBitsPeers::Next", &IID_IEnumBitsPeers },
    [L_PEER_GET_NAME] = { "IBitsPeer::GetPeerName", &IID_IBitsPeer },
    [L_GET_RECORD] = { "IBitsPeerCacheAdministration::GetRecord", &IID_IBitsPeerCacheAdministration },
    [L_RECORD_GET_URL] = { "IBitsPeerCacheRecord::GetOriginUrl", &IID_IBitsPeerCacheRecord },
    [L_GET_CONTENT_AGE] = { "IBitsPeerCacheAdministration::GetMaximumContentAge", &IID_IBitsPeerCacheAdministration },
    [L_PROBE] = { "probe (the harness's report call)", NULL },
};

const char *load_label_name(unsigned int label)
{
    return label < L_COUNT ? labels[label].name : "?";
}

/* One tagged call: arms the call log, evaluates expr into hr, and counts a
 * call that did not go out as exactly one tagged call. */
#define CALL(t, label, expr) \
    do { call_log_arm((label), labels[label].iid, 0); hr = (expr); sent_one((t), (label)); } while (0)

static void sent_one(struct load_thread *t, unsigned int label)
{
    if (!call_log_sent()) t->unsent[label]++;
}

void load_fail(struct load_thread *t, unsigned int label, const char *fmt, ...)
{
    va_list args;
    char *p;

    if (label < L_COUNT) t->failures[label]++;
    if (t->first_failure[0]) return;
    va_start(args, fmt);
    vsnprintf(t->first_failure, sizeof(t->first_failure), fmt, args);
    va_end(args);
    /* It goes into a TAP line: no control characters (a header ends in \r\n). */
    for (p = t->first_failure; *p; p++) if ((unsigned char)*p < 0x20) *p = '.';
}

#define CHECK(t, label, cond, ...) do { if (!(cond)) load_fail((t), (label), __VA_ARGS__); } while (0)

static ULONG next_random(struct load_thread *t)
{
    t->rng ^= t->rng << 13;
    t->rng ^= t->rng >> 17;
    t->rng ^= t->rng << 5;
    return t->rng;
}

static void remote_name(const struct load_thread *t, unsigned int file, WCHAR *out, size_t size)
{
    swprintf(out, size, L"https://load.example.test/t%u/j%u/f%u.bin", t->index, t->job_serial, file);
}

static void local_name(const struct load_thread *t, unsigned int file, WCHAR *out, size_t size)
{
    swprintf(out, size, L"C:\\load\\t%u\\j%u\\f%u.bin", t->index, t->job_serial, file);
}

static BOOL same_string(const WCHAR *got, const WCHAR *expected)
{
    return got && !wcscmp(got, expected);
}

/* The job: made with its name, its two other interfaces asked for (through
 * IRemUnknown, which the call log does not tag). */
static void create_job(struct load_thread *t)
{
    HRESULT hr;

    t->job_serial++;
    swprintf(t->name, ARRAYSIZE(t->name), L"load t%u job %u", t->index, t->job_serial);
    memset(&t->job_id, 0, sizeof(t->job_id));
    CALL(t, L_CREATE_JOB, IBackgroundCopyManager_CreateJob(t->roots->manager, t->name, BG_JOB_TYPE_DOWNLOAD,
                                                            &t->job_id, &t->job));
    CHECK(t, L_CREATE_JOB, hr == S_OK && t->job && !IsEqualGUID(&t->job_id, &GUID_NULL),
          "CreateJob: hr %#lx, job %p", hr, t->job);
    if (!t->job) return;
    IBackgroundCopyJob_QueryInterface(t->job, &IID_IBackgroundCopyJob5, (void **)&t->job5);
    IBackgroundCopyJob_QueryInterface(t->job, &IID_IBackgroundCopyJobHttpOptions, (void **)&t->http);
    CHECK(t, L_CREATE_JOB, t->job5 && t->http, "the job's Job5 %p and HTTP options %p", t->job5, t->http);
    t->files = 0;
    t->priority = BG_JOB_PRIORITY_NORMAL;
    t->headers[0] = 0;
}

static void drop_job(struct load_thread *t)
{
    HRESULT hr;

    if (t->job)
    {
        CALL(t, L_CANCEL_JOB, IBackgroundCopyJob_Cancel(t->job));
        CHECK(t, L_CANCEL_JOB, hr == S_OK, "Cancel: hr %#lx", hr);
        IBackgroundCopyJob_Release(t->job);
    }
    if (t->job5) IBackgroundCopyJob5_Release(t->job5);
    if (t->http) IBackgroundCopyJobHttpOptions_Release(t->http);
    t->job = NULL;
    t->job5 = NULL;
    t->http = NULL;
}

static void begin_round(struct load_thread *t)
{
    HRESULT hr;

    create_job(t);
    t->group_id.Data1 = 0x10ad0000 + t->index;
    t->group_id.Data2 = t->round;
    t->group_id.Data3 = 0x4c44;
    memcpy(t->group_id.Data4, "loadgrp", 8);
    t->group = NULL;
    CALL(t, L_CREATE_GROUP, IBackgroundCopyQMgr_CreateGroup(t->roots->qmgr, t->group_id, &t->group));
    CHECK(t, L_CREATE_GROUP, hr == S_OK && t->group, "CreateGroup: hr %#lx", hr);
}

static void end_round(struct load_thread *t)
{
    HRESULT hr;

    drop_job(t);
    if (!t->group) return;
    CALL(t, L_CANCEL_GROUP, IBackgroundCopyGroup_CancelGroup(t->group));
    CHECK(t, L_CANCEL_GROUP, hr == S_OK, "CancelGroup: hr %#lx", hr);
    IBackgroundCopyGroup_Release(t->group);
    t->group = NULL;
}

static void op_display_name(struct load_thread *t)
{
    WCHAR *got = NULL;
    HRESULT hr;

    swprintf(t->name, ARRAYSIZE(t->name), L"t%u #%u \x00e9\x4e2d", t->index, ++t->serial);
    CALL(t, L_SET_DISPLAY_NAME, IBackgroundCopyJob_SetDisplayName(t->job, t->name));
    CHECK(t, L_SET_DISPLAY_NAME, hr == S_OK, "SetDisplayName: hr %#lx", hr);
    CALL(t, L_GET_DISPLAY_NAME, IBackgroundCopyJob_GetDisplayName(t->job, &got));
    CHECK(t, L_GET_DISPLAY_NAME, hr == S_OK && same_string(got, t->name), "GetDisplayName: hr %#lx, \"%s\" for \"%s\"",
          hr, wstr(got), wstr(t->name));
    CoTaskMemFree(got);
}

static void op_priority(struct load_thread *t)
{
    BG_JOB_PRIORITY set = BG_JOB_PRIORITY_FOREGROUND + next_random(t) % 4, got = 99;
    HRESULT hr;

    CALL(t, L_SET_PRIORITY, IBackgroundCopyJob_SetPriority(t->job, set));
    CHECK(t, L_SET_PRIORITY, hr == S_OK, "SetPriority(%u): hr %#lx", set, hr);
    if (hr == S_OK) t->priority = set;
    CALL(t, L_GET_PRIORITY, IBackgroundCopyJob_GetPriority(t->job, &got));
    CHECK(t, L_GET_PRIORITY, hr == S_OK && got == t->priority, "GetPriority: hr %#lx, %u for %u", hr, got, t->priority);
}

static void op_add_file(struct load_thread *t)
{
    WCHAR remote[96], local[64];
    HRESULT hr;

    if (t->files == LOAD_MAX_FILES)
    {
        drop_job(t);
        create_job(t);
        if (!t->job) return;
    }
    remote_name(t, t->files, remote, ARRAYSIZE(remote));
    local_name(t, t->files, local, ARRAYSIZE(local));
    CALL(t, L_ADD_FILE, IBackgroundCopyJob_AddFile(t->job, remote, local));
    CHECK(t, L_ADD_FILE, hr == S_OK, "AddFile(%s): hr %#lx", wstr(remote), hr);
    if (hr == S_OK) t->files++;
}

/* The file at the cursor: its remote (or local) name must be file pos's. */
static void check_file(struct load_thread *t, IBackgroundCopyFile *file, unsigned int pos, BOOL remote)
{
    WCHAR expected[96], *got = NULL;
    HRESULT hr;

    if (remote)
    {
        remote_name(t, pos, expected, ARRAYSIZE(expected));
        CALL(t, L_FILE_GET_REMOTE_NAME, IBackgroundCopyFile_GetRemoteName(file, &got));
    }
    else
    {
        local_name(t, pos, expected, ARRAYSIZE(expected));
        CALL(t, L_FILE_GET_LOCAL_NAME, IBackgroundCopyFile_GetLocalName(file, &got));
    }
    CHECK(t, remote ? L_FILE_GET_REMOTE_NAME : L_FILE_GET_LOCAL_NAME, hr == S_OK && same_string(got, expected),
          "file %u: hr %#lx, \"%s\" for \"%s\"", pos, hr, wstr(got), wstr(expected));
    CoTaskMemFree(got);
}

/* Next(1) at cursor pos of an enumerator over the job's files. */
static void next_one(struct load_thread *t, IEnumBackgroundCopyFiles *e, unsigned int pos, BOOL remote)
{
    IBackgroundCopyFile *file = NULL;
    ULONG fetched = 99;
    HRESULT hr;

    CALL(t, L_FILES_NEXT, IEnumBackgroundCopyFiles_Next(e, 1, &file, &fetched));
    if (pos < t->files)
    {
        CHECK(t, L_FILES_NEXT, hr == S_OK && fetched == 1 && file, "Next(1) at %u of %u: hr %#lx, %lu", pos, t->files,
              hr, fetched);
        if (file) check_file(t, file, pos, remote);
    }
    else CHECK(t, L_FILES_NEXT, hr == S_FALSE && fetched == 0 && !file, "Next(1) at the end (%u): hr %#lx, %lu", pos,
               hr, fetched);
    if (file) IBackgroundCopyFile_Release(file);
}

/* EnumFiles, then exact cursor checks through Next(k), Clone, Skip, Reset. */
static void op_enum(struct load_thread *t)
{
    IEnumBackgroundCopyFiles *e = NULL, *clone = NULL;
    IBackgroundCopyFile *got[3] = {0};
    ULONG count = 99, k = 1 + next_random(t) % 3, skip = next_random(t) % 3, fetched = 99, i;
    unsigned int pos;
    HRESULT hr;

    CALL(t, L_ENUM_FILES, IBackgroundCopyJob_EnumFiles(t->job, &e));
    CHECK(t, L_ENUM_FILES, hr == S_OK && e, "EnumFiles: hr %#lx", hr);
    if (!e) return;
    CALL(t, L_FILES_GET_COUNT, IEnumBackgroundCopyFiles_GetCount(e, &count));
    CHECK(t, L_FILES_GET_COUNT, hr == S_OK && count == t->files, "GetCount: hr %#lx, %lu for %u", hr, count, t->files);

    CALL(t, L_FILES_NEXT, IEnumBackgroundCopyFiles_Next(e, k, got, &fetched));
    pos = min(k, t->files);
    CHECK(t, L_FILES_NEXT, hr == (pos == k ? S_OK : S_FALSE) && fetched == pos, "Next(%lu) of %u: hr %#lx, %lu", k,
          t->files, hr, fetched);
    for (i = 0; i < 3; i++)
    {
        if (i < pos && got[i]) check_file(t, got[i], i, TRUE);
        else CHECK(t, L_FILES_NEXT, i >= pos || got[i], "Next(%lu): element %lu missing", k, i);
        if (got[i]) IBackgroundCopyFile_Release(got[i]);
    }

    CALL(t, L_FILES_CLONE, IEnumBackgroundCopyFiles_Clone(e, &clone));
    CHECK(t, L_FILES_CLONE, hr == S_OK && clone, "Clone: hr %#lx", hr);
    if (clone) next_one(t, clone, pos, FALSE);

    CALL(t, L_FILES_SKIP, IEnumBackgroundCopyFiles_Skip(e, skip));
    CHECK(t, L_FILES_SKIP, hr == (pos + skip <= t->files ? S_OK : S_FALSE), "Skip(%lu) at %u of %u: hr %#lx", skip, pos,
          t->files, hr);
    pos = min(pos + skip, t->files);
    next_one(t, e, pos, TRUE);

    CALL(t, L_FILES_RESET, IEnumBackgroundCopyFiles_Reset(e));
    CHECK(t, L_FILES_RESET, hr == S_OK, "Reset: hr %#lx", hr);
    next_one(t, e, 0, FALSE);

    if (clone) IEnumBackgroundCopyFiles_Release(clone);
    IEnumBackgroundCopyFiles_Release(e);
}

static void op_progress(struct load_thread *t)
{
    BG_JOB_PROGRESS progress;
    BG_JOB_STATE state = 99;
    GUID id = GUID_NULL;
    HRESULT hr;

    memset(&progress, 0xcc, sizeof(progress));
    CALL(t, L_GET_PROGRESS, IBackgroundCopyJob_GetProgress(t->job, &progress));
    CHECK(t, L_GET_PROGRESS, hr == S_OK && progress.FilesTotal == t->files && !progress.FilesTransferred &&
          !progress.BytesTransferred && progress.BytesTotal == (t->files ? BG_SIZE_UNKNOWN : 0),
          "GetProgress: hr %#lx, files %lu/%lu, bytes %I64u/%I64u with %u files", hr, progress.FilesTransferred,
          progress.FilesTotal, progress.BytesTransferred, progress.BytesTotal, t->files);
    CALL(t, L_GET_STATE, IBackgroundCopyJob_GetState(t->job, &state));
    CHECK(t, L_GET_STATE, hr == S_OK && state == BG_JOB_STATE_SUSPENDED, "GetState: hr %#lx, %u", hr, state);
    CALL(t, L_GET_ID, IBackgroundCopyJob_GetId(t->job, &id));
    CHECK(t, L_GET_ID, hr == S_OK && IsEqualGUID(&id, &t->job_id), "GetId: hr %#lx, %s for %s", hr, guid_str(&id),
          guid_str(&t->job_id));
}

/* Job5 properties: a DWORD, the cost flags or a CLSID, set then read. */
static void op_property(struct load_thread *t)
{
    BITS_JOB_PROPERTY_VALUE set, got;
    BITS_JOB_PROPERTY_ID id;
    ULONG v = next_random(t);
    HRESULT hr;
    BOOL same;

    memset(&set, 0, sizeof(set));
    switch (v % 3)
    {
    case 0: id = BITS_JOB_PROPERTY_MINIMUM_NOTIFICATION_INTERVAL_MS; set.Dword = v; break;
    case 1: id = BITS_JOB_PROPERTY_ID_COST_FLAGS; set.Dword = v & 0xff; break;
    default:
        id = BITS_JOB_PROPERTY_NOTIFICATION_CLSID;
        set.ClsID.Data1 = v;
        set.ClsID.Data2 = t->index;
        set.ClsID.Data3 = t->serial;
        memcpy(set.ClsID.Data4, "loadprop", 8);
        break;
    }
    CALL(t, L_SET_PROPERTY, IBackgroundCopyJob5_SetProperty(t->job5, id, set));
    CHECK(t, L_SET_PROPERTY, hr == S_OK, "SetProperty(%u): hr %#lx", id, hr);
    memset(&got, 0xcc, sizeof(got));
    CALL(t, L_GET_PROPERTY, IBackgroundCopyJob5_GetProperty(t->job5, id, &got));
    same = id == BITS_JOB_PROPERTY_NOTIFICATION_CLSID ? IsEqualGUID(&got.ClsID, &set.ClsID) : got.Dword == set.Dword;
    CHECK(t, L_GET_PROPERTY, hr == S_OK && same, "GetProperty(%u): hr %#lx, %#lx for %#lx", id, hr, got.Dword, set.Dword);
}

static void op_headers(struct load_thread *t)
{
    WCHAR *got = NULL;
    HRESULT hr;

    swprintf(t->headers, ARRAYSIZE(t->headers), L"X-Load: t%u-%u\r\n", t->index, ++t->serial);
    CALL(t, L_SET_HEADERS, IBackgroundCopyJobHttpOptions_SetCustomHeaders(t->http, t->headers));
    CHECK(t, L_SET_HEADERS, hr == S_OK, "SetCustomHeaders: hr %#lx", hr);
    CALL(t, L_GET_HEADERS, IBackgroundCopyJobHttpOptions_GetCustomHeaders(t->http, &got));
    CHECK(t, L_GET_HEADERS, hr == S_OK && same_string(got, t->headers), "GetCustomHeaders: hr %#lx, \"%s\"", hr, wstr(got));
    CoTaskMemFree(got);
}

static void op_get_job(struct load_thread *t)
{
    IBackgroundCopyJob *job = NULL;
    HRESULT hr;

    CALL(t, L_GET_JOB, IBackgroundCopyManager_GetJob(t->roots->manager, &t->job_id, &job));
    CHECK(t, L_GET_JOB, hr == S_OK && same_object(job, t->job), "GetJob(%s): hr %#lx", guid_str(&t->job_id), hr);
    if (job) IBackgroundCopyJob_Release(job);
}

/* A BSTR display name or integer notify flags, set then read with its type. */
static void op_group_prop(struct load_thread *t)
{
    WCHAR name[48];
    VARIANT set, got;
    GROUPPROP id;
    HRESULT hr;
    BOOL same;

    VariantInit(&set);
    VariantInit(&got);
    if (next_random(t) % 2)
    {
        id = GROUPPROP_DISPLAYNAME;
        swprintf(name, ARRAYSIZE(name), L"group t%u #%u", t->index, ++t->serial);
        V_VT(&set) = VT_BSTR;
        V_BSTR(&set) = SysAllocString(name);
    }
    else
    {
        id = GROUPPROP_NOTIFYFLAGS;
        V_VT(&set) = VT_I4;
        V_I4(&set) = next_random(t) & (QM_NOTIFY_FILE_DONE | QM_NOTIFY_JOB_DONE | QM_NOTIFY_GROUP_DONE |
                                       QM_NOTIFY_DISABLE_NOTIFY);
    }
    CALL(t, L_GROUP_SET_PROP, IBackgroundCopyGroup_SetProp(t->group, id, &set));
    CHECK(t, L_GROUP_SET_PROP, hr == S_OK, "SetProp(%u): hr %#lx", id, hr);
    CALL(t, L_GROUP_GET_PROP, IBackgroundCopyGroup_GetProp(t->group, id, &got));
    if (id == GROUPPROP_DISPLAYNAME) same = V_VT(&got) == VT_BSTR && same_string(V_BSTR(&got), V_BSTR(&set));
    else same = V_VT(&got) == VT_I4 && V_I4(&got) == V_I4(&set);
    CHECK(t, L_GROUP_GET_PROP, hr == S_OK && same, "GetProp(%u): hr %#lx, vt %u", id, hr, V_VT(&got));
    VariantClear(&set);
    VariantClear(&got);
}

static void op_group_status(struct load_thread *t)
{
    IBackgroundCopyGroup *again = NULL;
    DWORD status = 0, index = 99;
    GUID id = GUID_NULL;
    HRESULT hr;

    CALL(t, L_GROUP_GET_ID, IBackgroundCopyGroup_get_GroupID(t->group, &id));
    CHECK(t, L_GROUP_GET_ID, hr == S_OK && IsEqualGUID(&id, &t->group_id), "get_GroupID: hr %#lx, %s", hr, guid_str(&id));
    CALL(t, L_GROUP_GET_STATUS, IBackgroundCopyGroup_GetStatus(t->group, &status, &index));
    CHECK(t, L_GROUP_GET_STATUS, hr == S_OK && status == (QM_STATUS_GROUP_SUSPENDED | QM_STATUS_GROUP_INCOMPLETE) &&
          index == 0, "GetStatus: hr %#lx, %#lx, %lu", hr, status, index);
    CALL(t, L_GET_GROUP, IBackgroundCopyQMgr_GetGroup(t->roots->qmgr, t->group_id, &again));
    CHECK(t, L_GET_GROUP, hr == S_OK && same_object(again, t->group), "GetGroup: hr %#lx", hr);
    if (again) IBackgroundCopyGroup_Release(again);
}

static void op_peers(struct load_thread *t)
{
    IEnumBitsPeers *e = NULL;
    IBitsPeer *peer = NULL;
    ULONG count = 99, fetched = 99;
    WCHAR *name = NULL;
    HRESULT hr;

    CALL(t, L_ENUM_PEERS, IBitsPeerCacheAdministration_EnumPeers(t->roots->peercache, &e));
    CHECK(t, L_ENUM_PEERS, hr == S_OK && e, "EnumPeers: hr %#lx", hr);
    if (!e) return;
    CALL(t, L_PEERS_GET_COUNT, IEnumBitsPeers_GetCount(e, &count));
    CHECK(t, L_PEERS_GET_COUNT, hr == S_OK && count == PEERCACHE_PEER_COUNT, "peers GetCount: hr %#lx, %lu", hr, count);
    CALL(t, L_PEERS_NEXT, IEnumBitsPeers_Next(e, 1, &peer, &fetched));
    CHECK(t, L_PEERS_NEXT, hr == S_OK && fetched == 1 && peer, "peers Next(1): hr %#lx, %lu", hr, fetched);
    if (peer)
    {
        CALL(t, L_PEER_GET_NAME, IBitsPeer_GetPeerName(peer, &name));
        CHECK(t, L_PEER_GET_NAME, hr == S_OK && same_string(name, peercache_peers[0].name), "GetPeerName: hr %#lx, \"%s\"",
              hr, wstr(name));
        CoTaskMemFree(name);
        IBitsPeer_Release(peer);
    }
    IEnumBitsPeers_Release(e);
}

static void op_record(struct load_thread *t)
{
    unsigned int k = next_random(t) % PEERCACHE_RECORD_COUNT;
    IBitsPeerCacheRecord *record = NULL;
    WCHAR *url = NULL;
    ULONG age = 0;
    HRESULT hr;

    CALL(t, L_GET_RECORD, IBitsPeerCacheAdministration_GetRecord(t->roots->peercache, &peercache_records[k].id, &record));
    CHECK(t, L_GET_RECORD, hr == S_OK && record, "GetRecord(%u): hr %#lx", k, hr);
    if (record)
    {
        CALL(t, L_RECORD_GET_URL, IBitsPeerCacheRecord_GetOriginUrl(record, &url));
        CHECK(t, L_RECORD_GET_URL, hr == S_OK && same_string(url, peercache_records[k].origin_url),
              "GetOriginUrl(%u): hr %#lx, \"%s\"", k, hr, wstr(url));
        CoTaskMemFree(url);
        IBitsPeerCacheRecord_Release(record);
    }
    CALL(t, L_GET_CONTENT_AGE, IBitsPeerCacheAdministration_GetMaximumContentAge(t->roots->peercache, &age));
    CHECK(t, L_GET_CONTENT_AGE, hr == S_OK && age == PEERCACHE_DEFAULT_MAX_CONTENT_AGE, "GetMaximumContentAge: hr %#lx, %lu",
          hr, age);
}

/* The mix, by weight. */
static const struct { void (*run)(struct load_thread *t); unsigned int weight; } ops[] =
{
    { op_display_name, 3 }, { op_priority, 2 }, { op_add_file, 3 }, { op_enum, 2 }, { op_progress, 2 },
    { op_property, 2 }, { op_headers, 2 }, { op_get_job, 1 }, { op_group_prop, 2 }, { op_group_status, 1 },
    { op_peers, 1 }, { op_record, 1 },
};

void load_mix_round(struct load_thread *t)
{
    unsigned int total = 0, i;

    for (i = 0; i < ARRAYSIZE(ops); i++) total += ops[i].weight;
    if (!t->rng) t->rng = 0x9e3779b9u * (t->index + 1);
    begin_round(t);
    while (t->job && t->group && t->log.seq < (t->round + 1) * t->calls_per_round)
    {
        unsigned int pick = next_random(t) % total;
        for (i = 0; pick >= ops[i].weight; i++) pick -= ops[i].weight;
        ops[i].run(t);
    }
    end_round(t);
}
