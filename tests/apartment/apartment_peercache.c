/*
 * Apartment suite area "peercache": IBitsPeerCacheAdministration
 * (ctx->peercache), its records and peers and their enumerators, across the
 * boundary. The expectations are the model's fixed data (peercache_data.h)
 * and the documented defaults and limits: settings read back as set;
 * records and peers compared field by field; GetRecord, DeleteRecord,
 * DeleteUrl and the Clear methods seen through new enumerations; the
 * enumerator contract on both enumerators.
 */
#include <string.h>
#include <wchar.h>
#include "apartment_suite.h"
#include "peercache_data.h"

/* IEnumBitsPeerCacheRecords and IEnumBitsPeers have the same shape, their
 * element type aside (as server/enum.c relies on too): the contract's
 * checks run on either through this view of their vtable. */
typedef struct generic_enum generic_enum;
struct generic_enum_vtbl
{
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(generic_enum *, REFIID, void **);
    ULONG   (STDMETHODCALLTYPE *AddRef)(generic_enum *);
    ULONG   (STDMETHODCALLTYPE *Release)(generic_enum *);
    HRESULT (STDMETHODCALLTYPE *Next)(generic_enum *, ULONG, IUnknown **, ULONG *);
    HRESULT (STDMETHODCALLTYPE *Skip)(generic_enum *, ULONG);
    HRESULT (STDMETHODCALLTYPE *Reset)(generic_enum *);
    HRESULT (STDMETHODCALLTYPE *Clone)(generic_enum *, generic_enum **);
    HRESULT (STDMETHODCALLTYPE *GetCount)(generic_enum *, ULONG *);
};
struct generic_enum { const struct generic_enum_vtbl *lpVtbl; };

/* What an enumerator should yield: the data indices, in order, and the
 * check of one element against its data. */
struct enum_expect
{
    const char *iface;                   /* "IEnumBitsPeers", ... */
    ULONG count;
    const unsigned int *indices;
    void (*check)(const struct suite_ctx *ctx, IUnknown *element, unsigned int index, const char *what);
};

static void check_record(const struct suite_ctx *ctx, IUnknown *element, unsigned int index, const char *what)
{
    const struct peercache_record_data *data = &peercache_records[index];
    IBitsPeerCacheRecord *record = (IBitsPeerCacheRecord *)element;
    BG_FILE_RANGE *ranges = NULL;
    FILETIME time;
    UINT64 size = 0;
    WCHAR *url = NULL;
    DWORD count = 0, i;
    GUID id;
    HRESULT hr;

    check_proxy(ctx, record, what);
    memset(&id, 0xcc, sizeof(id));
    hr = IBitsPeerCacheRecord_GetId(record, &id);
    ok(hr == S_OK && IsEqualGUID(&id, &data->id), "%s: %s: GetId hr %#lx %s (expected %s)", ctx->config, what, hr,
       guid_str(&id), guid_str(&data->id));
    exercised("IBitsPeerCacheRecord", "GetId");

    hr = IBitsPeerCacheRecord_GetOriginUrl(record, &url);
    ok(hr == S_OK && url && !wcscmp(url, data->origin_url), "%s: %s: GetOriginUrl hr %#lx \"%s\" (expected \"%s\")",
       ctx->config, what, hr, wstr(url), wstr(data->origin_url));
    CoTaskMemFree(url);
    exercised("IBitsPeerCacheRecord", "GetOriginUrl");

    hr = IBitsPeerCacheRecord_GetFileSize(record, &size);
    ok(hr == S_OK && size == data->file_size, "%s: %s: GetFileSize hr %#lx %I64u (expected %I64u)",
       ctx->config, what, hr, size, data->file_size);
    exercised("IBitsPeerCacheRecord", "GetFileSize");

    memset(&time, 0xcc, sizeof(time));
    hr = IBitsPeerCacheRecord_GetFileModificationTime(record, &time);
    ok(hr == S_OK && time.dwLowDateTime == data->modified.dwLowDateTime &&
       time.dwHighDateTime == data->modified.dwHighDateTime,
       "%s: %s: GetFileModificationTime hr %#lx %08lx:%08lx (expected %08lx:%08lx)", ctx->config, what, hr,
       time.dwHighDateTime, time.dwLowDateTime, data->modified.dwHighDateTime, data->modified.dwLowDateTime);
    exercised("IBitsPeerCacheRecord", "GetFileModificationTime");

    memset(&time, 0xcc, sizeof(time));
    hr = IBitsPeerCacheRecord_GetLastAccessTime(record, &time);
    ok(hr == S_OK && time.dwLowDateTime == data->last_access.dwLowDateTime &&
       time.dwHighDateTime == data->last_access.dwHighDateTime,
       "%s: %s: GetLastAccessTime hr %#lx %08lx:%08lx (expected %08lx:%08lx)", ctx->config, what, hr,
       time.dwHighDateTime, time.dwLowDateTime, data->last_access.dwHighDateTime, data->last_access.dwLowDateTime);
    exercised("IBitsPeerCacheRecord", "GetLastAccessTime");

    hr = IBitsPeerCacheRecord_IsFileValidated(record);
    ok(hr == (data->validated ? S_OK : S_FALSE), "%s: %s: IsFileValidated hr %#lx (validated: %d)",
       ctx->config, what, hr, data->validated);
    exercised("IBitsPeerCacheRecord", "IsFileValidated");

    hr = IBitsPeerCacheRecord_GetFileRanges(record, &count, &ranges);
    ok(hr == S_OK && count == data->range_count && ranges, "%s: %s: GetFileRanges hr %#lx, %lu ranges (expected %lu)",
       ctx->config, what, hr, count, data->range_count);
    for (i = 0; ranges && i < count && i < data->range_count; i++)
        ok(ranges[i].InitialOffset == data->ranges[i].InitialOffset && ranges[i].Length == data->ranges[i].Length,
           "%s: %s: range %lu is %I64u+%I64u (expected %I64u+%I64u)", ctx->config, what, i, ranges[i].InitialOffset,
           ranges[i].Length, data->ranges[i].InitialOffset, data->ranges[i].Length);
    CoTaskMemFree(ranges);
    exercised("IBitsPeerCacheRecord", "GetFileRanges");
}

static void check_peer(const struct suite_ctx *ctx, IUnknown *element, unsigned int index, const char *what)
{
    const struct peercache_peer_data *data = &peercache_peers[index];
    IBitsPeer *peer = (IBitsPeer *)element;
    WCHAR *name = NULL;
    BOOL value;
    HRESULT hr;

    check_proxy(ctx, peer, what);
    hr = IBitsPeer_GetPeerName(peer, &name);
    ok(hr == S_OK && name && !wcscmp(name, data->name), "%s: %s: GetPeerName hr %#lx \"%s\" (expected \"%s\")",
       ctx->config, what, hr, wstr(name), wstr(data->name));
    CoTaskMemFree(name);
    exercised("IBitsPeer", "GetPeerName");

    value = 7;
    hr = IBitsPeer_IsAuthenticated(peer, &value);
    ok(hr == S_OK && value == data->authenticated, "%s: %s: IsAuthenticated hr %#lx %d (expected %d)",
       ctx->config, what, hr, value, data->authenticated);
    exercised("IBitsPeer", "IsAuthenticated");

    value = 7;
    hr = IBitsPeer_IsAvailable(peer, &value);
    ok(hr == S_OK && value == data->available, "%s: %s: IsAvailable hr %#lx %d (expected %d)",
       ctx->config, what, hr, value, data->available);
    exercised("IBitsPeer", "IsAvailable");
}

/* Next(1) yields element `position` of the expectation (count: the end). */
static void expect_next(const struct suite_ctx *ctx, generic_enum *e, const struct enum_expect *expect,
                        ULONG position, const char *what)
{
    IUnknown *element = NULL;
    ULONG fetched = 0xdead;
    HRESULT hr = e->lpVtbl->Next(e, 1, &element, &fetched);
    char label[96];

    if (position >= expect->count)
    {
        ok(hr == S_FALSE && fetched == 0 && !element, "%s: %s: %s: Next at the end: hr %#lx, %lu fetched",
           ctx->config, expect->iface, what, hr, fetched);
        if (element) IUnknown_Release(element);
        return;
    }
    ok(hr == S_OK && fetched == 1 && element, "%s: %s: %s: Next(1): hr %#lx, %lu fetched", ctx->config,
       expect->iface, what, hr, fetched);
    if (!element) return;
    snprintf(label, sizeof(label), "%s %s, element %lu", expect->iface, what, position);
    expect->check(ctx, element, expect->indices[position], label);
    IUnknown_Release(element);
}

static void expect_count(const struct suite_ctx *ctx, generic_enum *e, const struct enum_expect *expect, const char *what)
{
    ULONG count = 0xdead;
    HRESULT hr = e->lpVtbl->GetCount(e, &count);
    ok(hr == S_OK && count == expect->count, "%s: %s: %s: GetCount hr %#lx, %lu (expected %lu)", ctx->config,
       expect->iface, what, hr, count, expect->count);
}

/* The enumerator contract, on an enumerator of at least 3 elements. */
static void test_enumerator(const struct suite_ctx *ctx, generic_enum *e, const struct enum_expect *expect)
{
    IUnknown *elements[8];
    generic_enum *clone = NULL;
    ULONG fetched, i, n = expect->count;
    HRESULT hr;

    check_proxy(ctx, e, expect->iface);
    expect_count(ctx, e, expect, "new");
    exercised(expect->iface, "GetCount");

    hr = e->lpVtbl->Reset(e);
    ok(hr == S_OK, "%s: %s: Reset: hr %#lx", ctx->config, expect->iface, hr);
    expect_next(ctx, e, expect, 0, "from the start");
    /* celt > 1 needs pceltFetched; the cursor does not move. */
    memset(elements, 0, sizeof(elements));
    hr = e->lpVtbl->Next(e, 2, elements, NULL);
    ok(hr == E_INVALIDARG && !elements[0] && !elements[1], "%s: %s: Next(2, NULL pceltFetched): hr %#lx",
       ctx->config, expect->iface, hr);
    for (i = 0; i < 2; i++) if (elements[i]) IUnknown_Release(elements[i]);
    expect_next(ctx, e, expect, 1, "after a refused Next");

    /* Fewer than asked: S_FALSE with the count, each a working proxy. */
    memset(elements, 0, sizeof(elements));
    fetched = 0xdead;
    hr = e->lpVtbl->Next(e, n, elements, &fetched);
    ok(hr == S_FALSE && fetched == n - 2, "%s: %s: Next(%lu) with %lu left: hr %#lx, %lu fetched", ctx->config,
       expect->iface, n, n - 2, hr, fetched);
    for (i = 0; i < fetched && i < n - 2; i++)
    {
        char what[64];
        snprintf(what, sizeof(what), "%s Next(%lu), element %lu", expect->iface, n, i + 2);
        if (elements[i]) expect->check(ctx, elements[i], expect->indices[i + 2], what);
        else ok(0, "%s: %s: element %lu is NULL", ctx->config, expect->iface, i + 2);
    }
    for (i = 0; i < n; i++) if (elements[i]) IUnknown_Release(elements[i]);
    expect_next(ctx, e, expect, n, "at the end");

    /* N asked, N there: S_OK and N working proxies. */
    e->lpVtbl->Reset(e);
    memset(elements, 0, sizeof(elements));
    fetched = 0xdead;
    hr = e->lpVtbl->Next(e, n, elements, &fetched);
    ok(hr == S_OK && fetched == n, "%s: %s: Next(%lu) from the start: hr %#lx, %lu fetched", ctx->config,
       expect->iface, n, hr, fetched);
    for (i = 0; i < fetched && i < n; i++)
    {
        char what[64];
        snprintf(what, sizeof(what), "%s Next(%lu), element %lu", expect->iface, n, i);
        if (elements[i]) expect->check(ctx, elements[i], expect->indices[i], what);
        else ok(0, "%s: %s: element %lu is NULL", ctx->config, expect->iface, i);
    }
    for (i = 0; i < n; i++) if (elements[i]) IUnknown_Release(elements[i]);
    exercised(expect->iface, "Next");

    /* Skip, Reset, and a clone that copies the cursor and nothing else. */
    e->lpVtbl->Reset(e);
    hr = e->lpVtbl->Skip(e, 1);
    ok(hr == S_OK, "%s: %s: Skip(1): hr %#lx", ctx->config, expect->iface, hr);
    hr = e->lpVtbl->Clone(e, &clone);
    ok(hr == S_OK && clone && clone != e, "%s: %s: Clone: hr %#lx", ctx->config, expect->iface, hr);
    if (clone)
    {
        check_proxy(ctx, clone, "the clone");
        expect_count(ctx, clone, expect, "the clone");
        expect_next(ctx, clone, expect, 1, "the clone, at the original's position");
        expect_next(ctx, e, expect, 1, "the original, unmoved by the clone");
        expect_next(ctx, clone, expect, 2, "the clone, moving alone");
        hr = e->lpVtbl->Skip(e, n);
        ok(hr == S_FALSE, "%s: %s: Skip past the end: hr %#lx", ctx->config, expect->iface, hr);
        expect_next(ctx, e, expect, n, "the original, skipped to the end");
        expect_next(ctx, clone, expect, 3, "the clone, after the original's Skip");
        ok(clone->lpVtbl->Release(clone) == 0, "%s: %s: the clone released", ctx->config, expect->iface);
        exercised(expect->iface, "Clone");
    }
    exercised(expect->iface, "Skip");
    hr = e->lpVtbl->Reset(e);
    ok(hr == S_OK, "%s: %s: Reset at the end: hr %#lx", ctx->config, expect->iface, hr);
    expect_next(ctx, e, expect, 0, "after Reset");
    exercised(expect->iface, "Reset");
}

/* A new enumeration of the records holds exactly the expected ones. */
static void expect_records(const struct suite_ctx *ctx, const unsigned int *indices, ULONG count, const char *what)
{
    const struct enum_expect expect = { "IEnumBitsPeerCacheRecords", count, indices, check_record };
    IEnumBitsPeerCacheRecords *records = NULL;
    ULONG i;
    HRESULT hr = IBitsPeerCacheAdministration_EnumRecords(ctx->peercache, &records);

    ok(hr == S_OK && records, "%s: EnumRecords (%s): hr %#lx", ctx->config, what, hr);
    if (!records) return;
    check_proxy(ctx, records, "the records' enumerator");
    expect_count(ctx, (generic_enum *)records, &expect, what);
    for (i = 0; i <= count; i++) expect_next(ctx, (generic_enum *)records, &expect, i, what);
    ok(IEnumBitsPeerCacheRecords_Release(records) == 0, "%s: the records' enumerator (%s) released", ctx->config, what);
}

static void expect_peers(const struct suite_ctx *ctx, ULONG count, const char *what)
{
    static const unsigned int all[] = { 0, 1, 2, 3 };
    const struct enum_expect expect = { "IEnumBitsPeers", count, all, check_peer };
    IEnumBitsPeers *peers = NULL;
    ULONG i;
    HRESULT hr = IBitsPeerCacheAdministration_EnumPeers(ctx->peercache, &peers);

    ok(hr == S_OK && peers, "%s: EnumPeers (%s): hr %#lx", ctx->config, what, hr);
    if (!peers) return;
    check_proxy(ctx, peers, "the peers' enumerator");
    expect_count(ctx, (generic_enum *)peers, &expect, what);
    for (i = 0; i <= count; i++) expect_next(ctx, (generic_enum *)peers, &expect, i, what);
    ok(IEnumBitsPeers_Release(peers) == 0, "%s: the peers' enumerator (%s) released", ctx->config, what);
}

/* Each setting: the documented default, values kept as set, the
 * documented limits refused without a change. */
static void test_settings(const struct suite_ctx *ctx)
{
    IBitsPeerCacheAdministration *admin = ctx->peercache;
    DWORD value;
    HRESULT hr;

    value = 0xdead;
    hr = IBitsPeerCacheAdministration_GetMaximumCacheSize(admin, &value);
    ok(hr == S_OK && value == 1, "%s: default maximum cache size (1%% of the disk): hr %#lx %lu%%",
       ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetMaximumCacheSize(admin, 25);
    IBitsPeerCacheAdministration_GetMaximumCacheSize(admin, &value);
    ok(hr == S_OK && value == 25, "%s: SetMaximumCacheSize(25): hr %#lx, then %lu", ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetMaximumCacheSize(admin, 81);
    IBitsPeerCacheAdministration_GetMaximumCacheSize(admin, &value);
    ok(hr == E_INVALIDARG && value == 25, "%s: SetMaximumCacheSize(81): hr %#lx, then %lu", ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetMaximumCacheSize(admin, 80);
    IBitsPeerCacheAdministration_GetMaximumCacheSize(admin, &value);
    ok(hr == S_OK && value == 80, "%s: SetMaximumCacheSize(80): hr %#lx, then %lu", ctx->config, hr, value);
    exercised("IBitsPeerCacheAdministration", "GetMaximumCacheSize");
    exercised("IBitsPeerCacheAdministration", "SetMaximumCacheSize");

    value = 0xdead;
    hr = IBitsPeerCacheAdministration_GetMaximumContentAge(admin, &value);
    ok(hr == S_OK && value == 7776000, "%s: default maximum content age (90 days): hr %#lx %lu s", ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetMaximumContentAge(admin, 86400);
    IBitsPeerCacheAdministration_GetMaximumContentAge(admin, &value);
    ok(hr == S_OK && value == 86400, "%s: SetMaximumContentAge(1 day): hr %#lx, then %lu", ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetMaximumContentAge(admin, 86399);
    IBitsPeerCacheAdministration_GetMaximumContentAge(admin, &value);
    ok(hr == E_INVALIDARG && value == 86400, "%s: SetMaximumContentAge(1 day - 1 s): hr %#lx, then %lu",
       ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetMaximumContentAge(admin, 10368001);
    IBitsPeerCacheAdministration_GetMaximumContentAge(admin, &value);
    ok(hr == E_INVALIDARG && value == 86400, "%s: SetMaximumContentAge(120 days + 1 s): hr %#lx, then %lu",
       ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetMaximumContentAge(admin, 10368000);
    IBitsPeerCacheAdministration_GetMaximumContentAge(admin, &value);
    ok(hr == S_OK && value == 10368000, "%s: SetMaximumContentAge(120 days): hr %#lx, then %lu", ctx->config, hr, value);
    exercised("IBitsPeerCacheAdministration", "GetMaximumContentAge");
    exercised("IBitsPeerCacheAdministration", "SetMaximumContentAge");

    value = 0xdead;
    hr = IBitsPeerCacheAdministration_GetConfigurationFlags(admin, &value);
    ok(hr == S_OK && value == 0, "%s: default configuration flags: hr %#lx %#lx", ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetConfigurationFlags(admin, BG_ENABLE_PEERCACHING_CLIENT | BG_ENABLE_PEERCACHING_SERVER);
    IBitsPeerCacheAdministration_GetConfigurationFlags(admin, &value);
    ok(hr == S_OK && value == 3, "%s: SetConfigurationFlags(client | server): hr %#lx, then %#lx", ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetConfigurationFlags(admin, 0x8);
    IBitsPeerCacheAdministration_GetConfigurationFlags(admin, &value);
    ok(hr == E_INVALIDARG && value == 3, "%s: SetConfigurationFlags(0x8): hr %#lx, then %#lx", ctx->config, hr, value);
    hr = IBitsPeerCacheAdministration_SetConfigurationFlags(admin, BG_DISABLE_BRANCH_CACHE);
    IBitsPeerCacheAdministration_GetConfigurationFlags(admin, &value);
    ok(hr == S_OK && value == 4, "%s: SetConfigurationFlags(BG_DISABLE_BRANCH_CACHE): hr %#lx, then %#lx",
       ctx->config, hr, value);
    exercised("IBitsPeerCacheAdministration", "GetConfigurationFlags");
    exercised("IBitsPeerCacheAdministration", "SetConfigurationFlags");
}

static void test_records(const struct suite_ctx *ctx)
{
    static const unsigned int all[] = { 0, 1, 2, 3 }, without_1[] = { 0, 2, 3 }, only_3[] = { 3 };
    static const GUID unknown = {0x5c3e0aff, 0x7b21, 0x4c8e, {0x9d, 0x40, 0x12, 0x6a, 0x33, 0xe1, 0x0f, 0xff}};
    const struct enum_expect expect = { "IEnumBitsPeerCacheRecords", ARRAYSIZE(all), all, check_record };
    IBitsPeerCacheAdministration *admin = ctx->peercache;
    IEnumBitsPeerCacheRecords *records = NULL;
    IBitsPeerCacheRecord *record = NULL, *missing = (IBitsPeerCacheRecord *)0xdeadbeef;
    GUID id;
    HRESULT hr;

    ok(PEERCACHE_RECORD_COUNT == ARRAYSIZE(all), "%s: the fixed data has %u records", ctx->config,
       (unsigned int)PEERCACHE_RECORD_COUNT);
    hr = IBitsPeerCacheAdministration_EnumRecords(admin, &records);
    ok(hr == S_OK && records, "%s: EnumRecords: hr %#lx", ctx->config, hr);
    if (records)
    {
        test_enumerator(ctx, (generic_enum *)records, &expect);
        exercised("IBitsPeerCacheAdministration", "EnumRecords");
    }

    hr = IBitsPeerCacheAdministration_GetRecord(admin, &peercache_records[1].id, &record);
    ok(hr == S_OK && record, "%s: GetRecord(record 1): hr %#lx", ctx->config, hr);
    if (record) check_record(ctx, (IUnknown *)record, 1, "GetRecord(record 1)");
    hr = IBitsPeerCacheAdministration_GetRecord(admin, &unknown, &missing);
    ok(hr == (HRESULT)BG_E_NOT_FOUND && !missing, "%s: GetRecord(an unknown id): hr %#lx, %p", ctx->config, hr, missing);
    exercised("IBitsPeerCacheAdministration", "GetRecord");

    hr = IBitsPeerCacheAdministration_DeleteRecord(admin, &peercache_records[1].id);
    ok(hr == S_OK, "%s: DeleteRecord(record 1): hr %#lx", ctx->config, hr);
    missing = (IBitsPeerCacheRecord *)0xdeadbeef;
    hr = IBitsPeerCacheAdministration_GetRecord(admin, &peercache_records[1].id, &missing);
    ok(hr == (HRESULT)BG_E_NOT_FOUND && !missing, "%s: GetRecord(a deleted record): hr %#lx", ctx->config, hr);
    hr = IBitsPeerCacheAdministration_DeleteRecord(admin, &peercache_records[1].id);
    ok(hr == (HRESULT)BG_E_NOT_FOUND, "%s: DeleteRecord(record 1) again: hr %#lx", ctx->config, hr);
    hr = IBitsPeerCacheAdministration_DeleteRecord(admin, &unknown);
    ok(hr == (HRESULT)BG_E_NOT_FOUND, "%s: DeleteRecord(an unknown id): hr %#lx", ctx->config, hr);
    expect_records(ctx, without_1, ARRAYSIZE(without_1), "without record 1");
    /* An enumeration is a snapshot, and a record outlives its deletion. */
    if (records) expect_count(ctx, (generic_enum *)records, &expect, "the enumeration made before DeleteRecord");
    if (record)
    {
        memset(&id, 0, sizeof(id));
        hr = IBitsPeerCacheRecord_GetId(record, &id);
        ok(hr == S_OK && IsEqualGUID(&id, &peercache_records[1].id), "%s: a deleted record still answers: hr %#lx %s",
           ctx->config, hr, guid_str(&id));
        ok(IBitsPeerCacheRecord_Release(record) == 0, "%s: the record of GetRecord released", ctx->config);
    }
    exercised("IBitsPeerCacheAdministration", "DeleteRecord");

    /* Records 0 and 2 share their URL. */
    hr = IBitsPeerCacheAdministration_DeleteUrl(admin, peercache_records[0].origin_url);
    ok(hr == S_OK, "%s: DeleteUrl(\"%s\"): hr %#lx", ctx->config, wstr(peercache_records[0].origin_url), hr);
    expect_records(ctx, only_3, ARRAYSIZE(only_3), "after DeleteUrl");
    hr = IBitsPeerCacheAdministration_DeleteUrl(admin, peercache_records[0].origin_url);
    ok(hr == S_FALSE, "%s: DeleteUrl of a URL no longer cached: hr %#lx", ctx->config, hr);
    hr = IBitsPeerCacheAdministration_DeleteUrl(admin, L"http://nowhere.example.test/none.bin");
    ok(hr == S_FALSE, "%s: DeleteUrl of a URL never cached: hr %#lx", ctx->config, hr);
    expect_records(ctx, only_3, ARRAYSIZE(only_3), "after DeleteUrl of unknown URLs");
    exercised("IBitsPeerCacheAdministration", "DeleteUrl");

    hr = IBitsPeerCacheAdministration_ClearRecords(admin);
    ok(hr == S_OK, "%s: ClearRecords: hr %#lx", ctx->config, hr);
    expect_records(ctx, NULL, 0, "after ClearRecords");
    exercised("IBitsPeerCacheAdministration", "ClearRecords");

    if (records)
    {
        expect_count(ctx, (generic_enum *)records, &expect, "the first enumeration, after ClearRecords");
        ok(IEnumBitsPeerCacheRecords_Release(records) == 0, "%s: the first records' enumerator released", ctx->config);
    }
}

static void test_peers(const struct suite_ctx *ctx)
{
    static const unsigned int all[] = { 0, 1, 2, 3 };
    const struct enum_expect expect = { "IEnumBitsPeers", ARRAYSIZE(all), all, check_peer };
    IBitsPeerCacheAdministration *admin = ctx->peercache;
    IEnumBitsPeers *peers = NULL;
    HRESULT hr;

    ok(PEERCACHE_PEER_COUNT == ARRAYSIZE(all), "%s: the fixed data has %u peers", ctx->config,
       (unsigned int)PEERCACHE_PEER_COUNT);
    hr = IBitsPeerCacheAdministration_EnumPeers(admin, &peers);
    ok(hr == S_OK && peers, "%s: EnumPeers: hr %#lx", ctx->config, hr);
    if (peers)
    {
        test_enumerator(ctx, (generic_enum *)peers, &expect);
        exercised("IBitsPeerCacheAdministration", "EnumPeers");
    }

    hr = IBitsPeerCacheAdministration_ClearPeers(admin);
    ok(hr == S_OK, "%s: ClearPeers: hr %#lx", ctx->config, hr);
    expect_peers(ctx, 0, "after ClearPeers");
    if (peers) expect_count(ctx, (generic_enum *)peers, &expect, "the enumeration made before ClearPeers");
    exercised("IBitsPeerCacheAdministration", "ClearPeers");

    hr = IBitsPeerCacheAdministration_DiscoverPeers(admin);
    ok(hr == S_OK, "%s: DiscoverPeers: hr %#lx", ctx->config, hr);
    expect_peers(ctx, ARRAYSIZE(all), "after DiscoverPeers");
    hr = IBitsPeerCacheAdministration_DiscoverPeers(admin);
    ok(hr == S_OK, "%s: DiscoverPeers again: hr %#lx", ctx->config, hr);
    expect_peers(ctx, ARRAYSIZE(all), "after DiscoverPeers twice");
    exercised("IBitsPeerCacheAdministration", "DiscoverPeers");

    if (peers) ok(IEnumBitsPeers_Release(peers) == 0, "%s: the first peers' enumerator released", ctx->config);
}

void suite_peercache(const struct suite_ctx *ctx)
{
    if (!ctx->peercache)
    {
        ok(0, "%s: peercache: no administration object", ctx->config);
        return;
    }
    test_settings(ctx);
    test_records(ctx);
    test_peers(ctx);
}
