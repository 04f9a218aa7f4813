/*
 * Apartment suite area "files", on files of its own (apartment_files_own.c):
 * ranges given at creation (AddFileWithRanges' constructor and its
 * refusals), ranges requested on demand (IBackgroundCopyFile6), a transfer
 * as a job's Resume makes it, and what it changes in every version of the
 * interface, then validation.
 */
#include <string.h>
#include "apartment_files.h"

enum { OWN_RANGED, OWN_ON_DEMAND, OWN_WHOLE, OWN_ZERO_FIRST, OWN_FIRST_REFUSED };

static const struct own_file_spec own_specs[] =
{
    /* Given out of order, which BITS allows as long as none overlap. */
    { L"https://ranges.example.test/own/ranged.bin", L"C:\\own\\ranged.bin", TRUE, 3,
      {{1000, 200}, {0, 100}, {5000, BG_LENGTH_TO_EOF}} },
    { L"https://ranges.example.test/own/on-demand.bin", L"C:\\own\\on-demand.bin", FALSE, 0, {{0}} },
    { L"http://ranges.example.test/own/whole.bin", L"C:\\own\\whole.bin", FALSE, 0, {{0}} },
    /* The documented "100:0 then 100:5" case: accepted. */
    { L"https://ranges.example.test/own/zero-first.bin", L"C:\\own\\zero-first.bin", TRUE, 2, {{100, 0}, {100, 5}} },
    /* Refused: no ranges; overlap; an offset of BG_LENGTH_TO_EOF; "100:5
     * then 100:0"; a range after one that runs to the end. */
    { L"https://ranges.example.test/own/none.bin", L"C:\\own\\none.bin", TRUE, 0, {{0}} },
    { L"https://ranges.example.test/own/overlap.bin", L"C:\\own\\overlap.bin", TRUE, 2, {{0, 100}, {50, 10}} },
    { L"https://ranges.example.test/own/eof.bin", L"C:\\own\\eof.bin", TRUE, 1, {{BG_LENGTH_TO_EOF, 5}} },
    { L"https://ranges.example.test/own/zero-last.bin", L"C:\\own\\zero-last.bin", TRUE, 2, {{100, 5}, {100, 0}} },
    { L"https://ranges.example.test/own/after-eof.bin", L"C:\\own\\after-eof.bin", TRUE, 2,
      {{0, BG_LENGTH_TO_EOF}, {200, 1}} },
};

static const HRESULT own_results[] =
{
    S_OK, S_OK, S_OK, S_OK,
    E_INVALIDARG, BG_E_OVERLAPPING_RANGES, BG_E_INVALID_RANGE, BG_E_OVERLAPPING_RANGES, BG_E_OVERLAPPING_RANGES,
};

/* Every version of one file's interface, each a proxy. */
struct versions
{
    IBackgroundCopyFile *v1;
    IBackgroundCopyFile2 *v2;
    IBackgroundCopyFile3 *v3;
    IBackgroundCopyFile4 *v4;
    IBackgroundCopyFile5 *v5;
    IBackgroundCopyFile6 *v6;
};

static BOOL get_versions(const struct suite_ctx *ctx, IBackgroundCopyFile *file, struct versions *v)
{
    memset(v, 0, sizeof(*v));
    if (!(v->v1 = file)) return FALSE;
    check_proxy(ctx, file, "an own file");
    if ((v->v2 = query(ctx, file, &IID_IBackgroundCopyFile2, "IBackgroundCopyFile2"))) check_proxy(ctx, v->v2, "File2");
    if ((v->v3 = query(ctx, file, &IID_IBackgroundCopyFile3, "IBackgroundCopyFile3"))) check_proxy(ctx, v->v3, "File3");
    if ((v->v4 = query(ctx, file, &IID_IBackgroundCopyFile4, "IBackgroundCopyFile4"))) check_proxy(ctx, v->v4, "File4");
    if ((v->v5 = query(ctx, file, &IID_IBackgroundCopyFile5, "IBackgroundCopyFile5"))) check_proxy(ctx, v->v5, "File5");
    if ((v->v6 = query(ctx, file, &IID_IBackgroundCopyFile6, "IBackgroundCopyFile6"))) check_proxy(ctx, v->v6, "File6");
    return v->v2 && v->v3 && v->v4 && v->v5 && v->v6;
}

static void release_versions(struct versions *v)
{
    if (v->v2) IBackgroundCopyFile2_Release(v->v2);
    if (v->v3) IBackgroundCopyFile3_Release(v->v3);
    if (v->v4) IBackgroundCopyFile4_Release(v->v4);
    if (v->v5) IBackgroundCopyFile5_Release(v->v5);
    if (v->v6) IBackgroundCopyFile6_Release(v->v6);
}

static void expect_file_ranges(const struct suite_ctx *ctx, IBackgroundCopyFile2 *file2, const char *what,
                               HRESULT expected_hr, DWORD expected_count, const BG_FILE_RANGE *expected)
{
    BG_FILE_RANGE *ranges = NULL;
    DWORD count = 0xdead;
    HRESULT hr = IBackgroundCopyFile2_GetFileRanges(file2, &count, &ranges);
    check_ranges(ctx, what, hr, expected_hr, count, ranges, expected_count, expected);
    CoTaskMemFree(ranges);
}

static void expect_filled(const struct suite_ctx *ctx, IBackgroundCopyFile6 *file6, const char *what,
                          DWORD expected_count, const BG_FILE_RANGE *expected)
{
    BG_FILE_RANGE *ranges = NULL;
    DWORD count = 0xdead;
    HRESULT hr = IBackgroundCopyFile6_GetFilledFileRanges(file6, &count, &ranges);
    check_ranges(ctx, what, hr, S_OK, count, ranges, expected_count, expected);
    CoTaskMemFree(ranges);
}

/* Transfers file index in its own apartment; ok() that the ranges the
 * model reports as requested (for FileRangesTransferred) are the expected. */
static void transfer(const struct suite_ctx *ctx, struct own_files *own, unsigned int index, const char *what,
                     DWORD expected_count, const BG_FILE_RANGE *expected)
{
    BG_FILE_RANGE *ranges = NULL;
    DWORD count = 0xdead;
    HRESULT hr = own_files_transfer(own, index, &count, &ranges);
    check_ranges(ctx, what, hr, S_OK, count, ranges, expected_count, expected);
    CoTaskMemFree(ranges);
}

static void expect_peer_stats(const struct suite_ctx *ctx, IBackgroundCopyFile4 *file4, const char *what, UINT64 origin)
{
    UINT64 from_origin = 12345, from_peers = 12345;
    HRESULT hr = IBackgroundCopyFile4_GetPeerDownloadStats(file4, &from_origin, &from_peers);
    ok(hr == S_OK && from_origin == origin && from_peers == 0,
       "%s: %s: GetPeerDownloadStats hr %#lx: %I64u from the origin, %I64u from peers (expected %I64u, 0)",
       ctx->config, what, hr, from_origin, from_peers, origin);
}

static void expect_validation(const struct suite_ctx *ctx, IBackgroundCopyFile3 *file3, const char *what, BOOL expected)
{
    BOOL state = 7;
    HRESULT hr = IBackgroundCopyFile3_GetValidationState(file3, &state);
    ok(hr == S_OK && state == expected, "%s: %s: GetValidationState hr %#lx: %d", ctx->config, what, hr, state);
}

/* Added with ranges: GetFileRanges returns them as given, before and after
 * the transfer, which fills them, sorted, within the file. */
static void test_ranged(const struct suite_ctx *ctx, struct own_files *own, const struct versions *v)
{
    const struct own_file_spec *spec = &own_specs[OWN_RANGED];
    UINT64 size = expected_file_size(spec->remote);
    const BG_FILE_RANGE filled[] = { {0, 100}, {1000, 200}, {5000, size - 5000} };
    WCHAR headers[128];
    BITS_FILE_PROPERTY_VALUE value = { NULL };
    BOOL from_peer = 7;
    HRESULT hr;

    expect_file_ranges(ctx, v->v2, "the ranges given", S_OK, spec->range_count, spec->ranges);
    expect_filled(ctx, v->v6, "nothing filled before the transfer", 0, NULL);

    transfer(ctx, own, OWN_RANGED, "nothing requested on demand", 0, NULL);
    check_progress(ctx, v->v1, "the ranged file, transferred", size, size, TRUE);
    expect_filled(ctx, v->v6, "the ranges given, filled", ARRAYSIZE(filled), filled);
    expect_file_ranges(ctx, v->v2, "the ranges given, after the transfer", S_OK, spec->range_count, spec->ranges);
    expect_peer_stats(ctx, v->v4, "the ranged file", size);
    hr = IBackgroundCopyFile3_IsDownloadedFromPeer(v->v3, &from_peer);
    ok(hr == S_OK && from_peer == FALSE, "%s: IsDownloadedFromPeer after the transfer: hr %#lx %d", ctx->config, hr, from_peer);

    expected_response_headers(size, headers, ARRAYSIZE(headers));
    hr = IBackgroundCopyFile5_GetProperty(v->v5, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS, &value);
    ok(hr == S_OK && value.String && !wcscmp(value.String, headers),
       "%s: the response headers after the transfer: hr %#lx \"%s\"", ctx->config, hr, wstr(value.String));
    CoTaskMemFree(value.String);

    /* Valid once transferred. */
    expect_validation(ctx, v->v3, "the ranged file, transferred", FALSE);
    hr = IBackgroundCopyFile3_SetValidationState(v->v3, TRUE);
    ok(hr == S_OK, "%s: SetValidationState(TRUE) after the transfer: hr %#lx", ctx->config, hr);
    expect_validation(ctx, v->v3, "the ranged file, validated", TRUE);
    check_progress(ctx, v->v1, "the ranged file, validated", size, size, TRUE);
    exercised("IBackgroundCopyFile3", "SetValidationState");
}

/* IBackgroundCopyFile6: a download position and ranges on demand, checked
 * against the file's size; the transfer fills their union. */
static void test_on_demand(const struct suite_ctx *ctx, struct own_files *own, const struct versions *v)
{
    const struct own_file_spec *spec = &own_specs[OWN_ON_DEMAND];
    UINT64 size = expected_file_size(spec->remote);
    const BG_FILE_RANGE first[] = { {4096, 1024}, {0, 512} };
    const BG_FILE_RANGE second[] = { {256, 512}, {size - 100, BG_LENGTH_TO_EOF} };
    const BG_FILE_RANGE requested[] = { {4096, 1024}, {0, 512}, {256, 512}, {size - 100, BG_LENGTH_TO_EOF} };
    const BG_FILE_RANGE filled[] = { {0, 768}, {4096, 1024}, {size - 100, 100} };
    const struct { BG_FILE_RANGE ranges[2]; DWORD count; HRESULT hr; const char *what; } refused[] =
    {
        { {{0, 10}}, 0, E_INVALIDARG, "no range" },
        { {{size, 1}}, 1, BG_E_INVALID_RANGE, "a range at the end" },
        { {{0, 0}}, 1, BG_E_INVALID_RANGE, "an empty range" },
        { {{size - 10, 11}}, 1, BG_E_INVALID_RANGE, "a range one byte too long" },
        { {{BG_LENGTH_TO_EOF, 1}}, 1, BG_E_INVALID_RANGE, "an offset of BG_LENGTH_TO_EOF" },
        { {{10, MAXUINT64 - 5}}, 1, BG_E_INVALID_RANGE, "a length that wraps around" },
        { {{0, 10}, {size, 1}}, 2, BG_E_INVALID_RANGE, "a good range with a bad one" },
    };
    unsigned int i;
    HRESULT hr;

    hr = IBackgroundCopyFile6_UpdateDownloadPosition(v->v6, size);
    ok(hr == (HRESULT)BG_E_INVALID_RANGE, "%s: UpdateDownloadPosition(the size): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyFile6_UpdateDownloadPosition(v->v6, size - 1);
    ok(hr == S_OK, "%s: UpdateDownloadPosition(the last byte): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyFile6_UpdateDownloadPosition(v->v6, 0);
    ok(hr == S_OK, "%s: UpdateDownloadPosition(0): hr %#lx", ctx->config, hr);
    exercised("IBackgroundCopyFile6", "UpdateDownloadPosition");

    for (i = 0; i < ARRAYSIZE(refused); i++)
    {
        hr = IBackgroundCopyFile6_RequestFileRanges(v->v6, refused[i].count, refused[i].ranges);
        ok(hr == refused[i].hr, "%s: RequestFileRanges(%s): hr %#lx, expected %#lx", ctx->config, refused[i].what,
           hr, refused[i].hr);
    }
    hr = IBackgroundCopyFile6_RequestFileRanges(v->v6, ARRAYSIZE(first), first);
    ok(hr == S_OK, "%s: RequestFileRanges(first): hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyFile6_RequestFileRanges(v->v6, ARRAYSIZE(second), second);
    ok(hr == S_OK, "%s: RequestFileRanges(second, overlapping the first): hr %#lx", ctx->config, hr);
    expect_filled(ctx, v->v6, "requested, not transferred", 0, NULL);

    /* What was requested, as given and in order, none of the refused. */
    transfer(ctx, own, OWN_ON_DEMAND, "the ranges requested", ARRAYSIZE(requested), requested);
    exercised("IBackgroundCopyFile6", "RequestFileRanges");
    check_progress(ctx, v->v1, "the file on demand, transferred", size, size, TRUE);
    expect_filled(ctx, v->v6, "the requested ranges, filled and merged", ARRAYSIZE(filled), filled);
    exercised("IBackgroundCopyFile6", "GetFilledFileRanges");
    expect_file_ranges(ctx, v->v2, "no ranges given at creation", S_FALSE, 0, NULL);
}

/* Nothing requested: the whole file. Then declared not valid: back to
 * nothing transferred, as for a file from the origin server. */
static void test_whole(const struct suite_ctx *ctx, struct own_files *own, const struct versions *v)
{
    const struct own_file_spec *spec = &own_specs[OWN_WHOLE];
    UINT64 size = expected_file_size(spec->remote);
    const BG_FILE_RANGE whole[] = { {0, size} };
    HRESULT hr;

    transfer(ctx, own, OWN_WHOLE, "nothing requested", 0, NULL);
    check_progress(ctx, v->v1, "the whole file, transferred", size, size, TRUE);
    expect_filled(ctx, v->v6, "the whole file, filled", ARRAYSIZE(whole), whole);
    expect_peer_stats(ctx, v->v4, "the whole file", size);

    hr = IBackgroundCopyFile3_SetValidationState(v->v3, FALSE);
    ok(hr == S_OK, "%s: SetValidationState(FALSE) after the transfer: hr %#lx", ctx->config, hr);
    expect_validation(ctx, v->v3, "the whole file, not valid", FALSE);
    check_progress(ctx, v->v1, "the whole file, not valid", size, 0, FALSE);
    expect_filled(ctx, v->v6, "the whole file, not valid", 0, NULL);
    expect_peer_stats(ctx, v->v4, "the whole file, not valid", 0);
    hr = IBackgroundCopyFile3_SetValidationState(v->v3, TRUE);
    ok(hr == E_PENDING, "%s: SetValidationState(TRUE) once not valid: hr %#lx", ctx->config, hr);
    expect_validation(ctx, v->v3, "the whole file, still not valid", FALSE);
}

void files_ranges_checks(const struct suite_ctx *ctx)
{
    IBackgroundCopyFile *files[ARRAYSIZE(own_specs)];
    HRESULT results[ARRAYSIZE(own_specs)];
    struct versions v[OWN_FIRST_REFUSED];
    struct own_files *own;
    unsigned int i;
    BOOL have_all = TRUE;

    if (!(own = own_files_start(own_specs, ARRAYSIZE(own_specs), files, results)))
    {
        ok(0, "%s: the helper thread of the own files started", ctx->config);
        return;
    }
    for (i = 0; i < ARRAYSIZE(own_specs); i++)
        ok(results[i] == own_results[i] && !files[i] == (i >= OWN_FIRST_REFUSED),
           "%s: own file %u (%s): hr %#lx, expected %#lx", ctx->config, i, wstr(own_specs[i].local),
           results[i], own_results[i]);
    for (i = 0; i < OWN_FIRST_REFUSED; i++) have_all &= get_versions(ctx, files[i], &v[i]);

    if (have_all)
    {
        const struct own_file_spec *zero = &own_specs[OWN_ZERO_FIRST];
        expect_file_ranges(ctx, v[OWN_ZERO_FIRST].v2, "\"100:0 then 100:5\"", S_OK, zero->range_count, zero->ranges);
        test_ranged(ctx, own, &v[OWN_RANGED]);
        test_on_demand(ctx, own, &v[OWN_ON_DEMAND]);
        test_whole(ctx, own, &v[OWN_WHOLE]);
    }

    for (i = 0; i < OWN_FIRST_REFUSED; i++) release_versions(&v[i]);
    for (i = 0; i < ARRAYSIZE(own_specs); i++)
        if (files[i]) ok(IBackgroundCopyFile_Release(files[i]) == 0, "%s: own file %u released", ctx->config, i);
    own_files_stop(own);
}
