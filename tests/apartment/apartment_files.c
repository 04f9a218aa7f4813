/*
 * Apartment suite area "files": IBackgroundCopyFile .. IBackgroundCopyFile6
 * across the boundary. This file works on the shared fixture files
 * (ctx->files): every read of every version on each of them, against the
 * fixture's names and what the model documents for a file not transferred
 * yet; SetRemoteName and SetProperty, each changed back afterwards; the
 * File6 refusals for a file:// file. What changes a file for good (ranges,
 * transfers, validation) runs on files of the area's own, in
 * apartment_files_ranges.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "apartment_files.h"

UINT64 expected_file_size(const WCHAR *remote_name)
{
    return (UINT64)wcslen(remote_name) * 1024;
}

void expected_temporary_name(const WCHAR *local_name, WCHAR *out, unsigned int size)
{
    const WCHAR *slash = wcsrchr(local_name, '\\'), *p;
    int folder = slash ? slash - local_name + 1 : 0;
    UINT32 hash = 2166136261u;   /* FNV-1a, 32 bits */

    for (p = local_name; *p; p++)
    {
        hash ^= *p;
        hash *= 16777619u;
    }
    hash = (hash >> 16) ^ (hash & 0xffff);
    _snwprintf(out, size, L"%.*sBIT%04X.tmp", folder, local_name, hash);
    out[size - 1] = 0;
}

void expected_response_headers(UINT64 size, WCHAR *out, unsigned int size_chars)
{
    _snwprintf(out, size_chars, L"HTTP/1.1 200 OK\r\nContent-Length: %I64u\r\n", size);
    out[size_chars - 1] = 0;
}

void check_ranges(const struct suite_ctx *ctx, const char *what, HRESULT hr, HRESULT expected_hr,
                  DWORD count, const BG_FILE_RANGE *ranges, DWORD expected_count, const BG_FILE_RANGE *expected)
{
    DWORD i;

    ok(hr == expected_hr, "%s: %s: hr %#lx, expected %#lx", ctx->config, what, hr, expected_hr);
    ok(count == expected_count, "%s: %s: %lu ranges, expected %lu", ctx->config, what, count, expected_count);
    if (!expected_count)
    {
        ok(!ranges, "%s: %s: no array when there is no range", ctx->config, what);
        return;
    }
    ok(ranges != NULL, "%s: %s: an array of ranges", ctx->config, what);
    if (!ranges || count != expected_count) return;
    for (i = 0; i < count; i++)
        ok(ranges[i].InitialOffset == expected[i].InitialOffset && ranges[i].Length == expected[i].Length,
           "%s: %s: range %lu is %I64u+%I64u, expected %I64u+%I64u", ctx->config, what, i,
           ranges[i].InitialOffset, ranges[i].Length, expected[i].InitialOffset, expected[i].Length);
}

void check_progress(const struct suite_ctx *ctx, IBackgroundCopyFile *file, const char *what,
                    UINT64 total, UINT64 transferred, BOOL completed)
{
    BG_FILE_PROGRESS progress;
    HRESULT hr;

    memset(&progress, 0xcc, sizeof(progress));
    hr = IBackgroundCopyFile_GetProgress(file, &progress);
    ok(hr == S_OK && progress.BytesTotal == total && progress.BytesTransferred == transferred &&
       progress.Completed == completed,
       "%s: %s: GetProgress hr %#lx: %I64u of %I64u, Completed %d (expected %I64u of %I64u, %d)",
       ctx->config, what, hr, progress.BytesTransferred, progress.BytesTotal, progress.Completed,
       transferred, total, completed);
}

static BOOL is_http(const WCHAR *url)
{
    return !_wcsnicmp(url, L"http://", 7) || !_wcsnicmp(url, L"https://", 8);
}

/* "<what>: <method>", for the messages of one call. */
static const char *label(char *buffer, size_t size, const char *what, const char *method)
{
    snprintf(buffer, size, "%s: %s", what, method);
    return buffer;
}

/* A string [out] must come back S_OK and equal, never S_OK and NULL. */
static void check_string(const struct suite_ctx *ctx, const char *what, HRESULT hr, WCHAR *got, const WCHAR *expected)
{
    ok(hr == S_OK && got && !wcscmp(got, expected), "%s: %s: hr %#lx, \"%s\" (expected \"%s\")",
       ctx->config, what, hr, wstr(got), wstr(expected));
    CoTaskMemFree(got);
}

/* IBackgroundCopyFile and File2: names, progress, no ranges. */
static void check_fixture_v1_v2(const struct suite_ctx *ctx, IBackgroundCopyFile *file, IBackgroundCopyFile2 *file2,
                                unsigned int i, const char *what)
{
    BG_FILE_RANGE *ranges = (BG_FILE_RANGE *)0xdeadbeef;
    DWORD count = 123;
    WCHAR *name = NULL;
    char buf[96];
    HRESULT hr;

    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    check_string(ctx, label(buf, sizeof(buf), what, "GetRemoteName"), hr, name, fixture_remote[i]);
    exercised("IBackgroundCopyFile", "GetRemoteName");
    name = NULL;
    hr = IBackgroundCopyFile_GetLocalName(file, &name);
    check_string(ctx, label(buf, sizeof(buf), what, "GetLocalName"), hr, name, fixture_local[i]);
    exercised("IBackgroundCopyFile", "GetLocalName");
    /* Not transferred: size unknown, nothing transferred. */
    check_progress(ctx, file, what, BG_SIZE_UNKNOWN, 0, FALSE);
    exercised("IBackgroundCopyFile", "GetProgress");

    /* Added without ranges: S_FALSE, 0 and NULL, whatever came in. */
    hr = IBackgroundCopyFile2_GetFileRanges(file2, &count, &ranges);
    check_ranges(ctx, label(buf, sizeof(buf), what, "GetFileRanges"), hr, S_FALSE, count, ranges, 0, NULL);
    CoTaskMemFree(ranges);
    /* RangeCount is [in, out, unique]: NULL crosses, and is refused. */
    ranges = (BG_FILE_RANGE *)0xdeadbeef;
    hr = IBackgroundCopyFile2_GetFileRanges(file2, NULL, &ranges);
    ok(hr == E_INVALIDARG && !ranges, "%s: %s: GetFileRanges(NULL count): hr %#lx, ranges %p",
       ctx->config, what, hr, ranges);
    exercised("IBackgroundCopyFile2", "GetFileRanges");
}

/* File3, File4, File5: temporary name, validation, peers, properties. */
static void check_fixture_v3_v5(const struct suite_ctx *ctx, IBackgroundCopyFile3 *file3, IBackgroundCopyFile4 *file4,
                                IBackgroundCopyFile5 *file5, unsigned int i, const char *what)
{
    BITS_FILE_PROPERTY_VALUE value;
    UINT64 from_origin = 12345, from_peers = 12345;
    WCHAR expected[MAX_PATH], *name = NULL;
    BOOL state = 7;
    char buf[96];
    HRESULT hr;

    expected_temporary_name(fixture_local[i], expected, ARRAYSIZE(expected));
    hr = IBackgroundCopyFile3_GetTemporaryName(file3, &name);
    check_string(ctx, label(buf, sizeof(buf), what, "GetTemporaryName"), hr, name, expected);
    exercised("IBackgroundCopyFile3", "GetTemporaryName");

    hr = IBackgroundCopyFile3_GetValidationState(file3, &state);
    ok(hr == S_OK && state == FALSE, "%s: %s: GetValidationState hr %#lx state %d", ctx->config, what, hr, state);
    exercised("IBackgroundCopyFile3", "GetValidationState");
    /* Only a transferred file can be validated. */
    hr = IBackgroundCopyFile3_SetValidationState(file3, TRUE);
    state = 7;
    IBackgroundCopyFile3_GetValidationState(file3, &state);
    ok(hr == E_PENDING && state == FALSE, "%s: %s: SetValidationState before the transfer: hr %#lx, then %d",
       ctx->config, what, hr, state);
    exercised("IBackgroundCopyFile3", "SetValidationState");

    state = 7;
    hr = IBackgroundCopyFile3_IsDownloadedFromPeer(file3, &state);
    ok(hr == S_OK && state == FALSE, "%s: %s: IsDownloadedFromPeer hr %#lx %d", ctx->config, what, hr, state);
    exercised("IBackgroundCopyFile3", "IsDownloadedFromPeer");

    hr = IBackgroundCopyFile4_GetPeerDownloadStats(file4, &from_origin, &from_peers);
    ok(hr == S_OK && from_origin == 0 && from_peers == 0, "%s: %s: GetPeerDownloadStats hr %#lx: %I64u, %I64u",
       ctx->config, what, hr, from_origin, from_peers);
    exercised("IBackgroundCopyFile4", "GetPeerDownloadStats");

    /* No response yet: an empty string, not NULL. */
    value.String = NULL;
    hr = IBackgroundCopyFile5_GetProperty(file5, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS, &value);
    check_string(ctx, label(buf, sizeof(buf), what, "GetProperty(HTTP_RESPONSE_HEADERS)"), hr, value.String, L"");
    exercised("IBackgroundCopyFile5", "GetProperty");
}

static void check_fixture_v6(const struct suite_ctx *ctx, IBackgroundCopyFile6 *file6, unsigned int i, const char *what)
{
    BG_FILE_RANGE *ranges = (BG_FILE_RANGE *)0xdeadbeef;
    DWORD count = 123;
    char buf[96];
    HRESULT hr;

    hr = IBackgroundCopyFile6_GetFilledFileRanges(file6, &count, &ranges);
    /* Nothing filled before a transfer; ranges need an HTTP server. */
    check_ranges(ctx, label(buf, sizeof(buf), what, "GetFilledFileRanges"), hr,
                 is_http(fixture_remote[i]) ? S_OK : BG_E_RANDOM_ACCESS_NOT_SUPPORTED,
                 count, ranges, 0, NULL);
    CoTaskMemFree(ranges);
    exercised("IBackgroundCopyFile6", "GetFilledFileRanges");
}

/* The File6 methods refuse a file that is not on an HTTP server, and
 * nothing of the request is kept. */
static void check_no_random_access(const struct suite_ctx *ctx, IBackgroundCopyFile6 *file6, const char *what)
{
    static const BG_FILE_RANGE range = { 0, 1 };
    BG_FILE_RANGE *ranges = NULL;
    DWORD count = 0;
    char buf[96];
    HRESULT hr;

    hr = IBackgroundCopyFile6_UpdateDownloadPosition(file6, 0);
    ok(hr == BG_E_RANDOM_ACCESS_NOT_SUPPORTED, "%s: %s: UpdateDownloadPosition hr %#lx", ctx->config, what, hr);
    exercised("IBackgroundCopyFile6", "UpdateDownloadPosition");
    hr = IBackgroundCopyFile6_RequestFileRanges(file6, 1, &range);
    ok(hr == BG_E_RANDOM_ACCESS_NOT_SUPPORTED, "%s: %s: RequestFileRanges hr %#lx", ctx->config, what, hr);
    exercised("IBackgroundCopyFile6", "RequestFileRanges");
    hr = IBackgroundCopyFile6_GetFilledFileRanges(file6, &count, &ranges);
    check_ranges(ctx, label(buf, sizeof(buf), what, "GetFilledFileRanges"), hr, BG_E_RANDOM_ACCESS_NOT_SUPPORTED,
                 count, ranges, 0, NULL);
    CoTaskMemFree(ranges);
}

/* SetRemoteName, then the fixture's name back. */
static void test_set_remote_name(const struct suite_ctx *ctx, IBackgroundCopyFile *file, IBackgroundCopyFile2 *file2,
                                 unsigned int i)
{
    static const WCHAR renamed[] = L"https://mirror.example.test/suite/zw\x00f6lf-\x4e8c.bin";
    static const WCHAR *const refused[] = { L"", L"no scheme at all", L"://no-scheme.example.test/x" };
    WCHAR *longest, *name = NULL;
    unsigned int k;
    HRESULT hr;

    hr = IBackgroundCopyFile2_SetRemoteName(file2, renamed);
    ok(hr == S_OK, "%s: SetRemoteName: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    check_string(ctx, "the renamed file", hr, name, renamed);

    for (k = 0; k < ARRAYSIZE(refused); k++)
    {
        hr = IBackgroundCopyFile2_SetRemoteName(file2, refused[k]);
        ok(hr == E_INVALIDARG, "%s: SetRemoteName(\"%s\"): hr %#lx", ctx->config, wstr(refused[k]), hr);
    }
    /* 2,200 characters at most. */
    longest = malloc(2202 * sizeof(WCHAR));
    wcscpy(longest, L"https://long.example.test/");
    for (k = wcslen(longest); k < 2201; k++) longest[k] = 'a' + k % 26;
    longest[2201] = 0;
    hr = IBackgroundCopyFile2_SetRemoteName(file2, longest);
    ok(hr == E_INVALIDARG, "%s: SetRemoteName(2,201 characters): hr %#lx", ctx->config, hr);
    name = NULL;
    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    check_string(ctx, "after the refused names", hr, name, renamed);

    longest[2200] = 0;
    hr = IBackgroundCopyFile2_SetRemoteName(file2, longest);
    name = NULL;
    IBackgroundCopyFile_GetRemoteName(file, &name);
    ok(hr == S_OK && name && !wcscmp(name, longest), "%s: SetRemoteName(2,200 characters): hr %#lx, %u read back",
       ctx->config, hr, name ? (unsigned int)wcslen(name) : 0);
    CoTaskMemFree(name);
    free(longest);

    hr = IBackgroundCopyFile2_SetRemoteName(file2, fixture_remote[i]);
    ok(hr == S_OK, "%s: SetRemoteName back: hr %#lx", ctx->config, hr);
    name = NULL;
    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    check_string(ctx, "the fixture's name back", hr, name, fixture_remote[i]);
    exercised("IBackgroundCopyFile2", "SetRemoteName");
}

static void expect_headers(const struct suite_ctx *ctx, IBackgroundCopyFile5 *file5, const WCHAR *expected,
                           const char *through, const char *what)
{
    BITS_FILE_PROPERTY_VALUE value = { NULL };
    HRESULT hr = IBackgroundCopyFile5_GetProperty(file5, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS, &value);
    char buf[96];
    check_string(ctx, label(buf, sizeof(buf), through, what), hr, value.String, expected);
}

/* SetProperty, then the empty headers back; through a File5 pointer or
 * through a File6 one (whose stub has its own dispatch table). */
static void test_properties(const struct suite_ctx *ctx, IBackgroundCopyFile5 *file5, const char *through)
{
    static const WCHAR headers[] = L"HTTP/1.1 200 OK\r\nX-Cache: HIT from edge-caf\x00e9\r\nAge: 42\r\n";
    BITS_FILE_PROPERTY_VALUE value;
    HRESULT hr;

    value.String = (WCHAR *)headers;
    hr = IBackgroundCopyFile5_SetProperty(file5, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS, value);
    ok(hr == S_OK, "%s: %s: SetProperty(HTTP_RESPONSE_HEADERS): hr %#lx", ctx->config, through, hr);
    expect_headers(ctx, file5, headers, through, "the headers set");

    value.String = NULL;
    hr = IBackgroundCopyFile5_SetProperty(file5, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS, value);
    ok(hr == E_INVALIDARG, "%s: %s: SetProperty(NULL string): hr %#lx", ctx->config, through, hr);
    expect_headers(ctx, file5, headers, through, "the headers after a NULL string");

    /* An id BITS does not define never reaches the object: the union has
     * no arm for it, and the NDR engine refuses to marshal it. */
    value.String = (WCHAR *)L"unknown";
    hr = IBackgroundCopyFile5_SetProperty(file5, (BITS_FILE_PROPERTY_ID)2, value);
    ok(hr == HRESULT_FROM_WIN32(RPC_S_INVALID_TAG), "%s: %s: SetProperty(id 2): hr %#lx", ctx->config, through, hr);
    expect_headers(ctx, file5, headers, through, "the headers after an unknown id");

    value.String = (WCHAR *)L"";
    hr = IBackgroundCopyFile5_SetProperty(file5, BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS, value);
    ok(hr == S_OK, "%s: %s: SetProperty back to \"\": hr %#lx", ctx->config, through, hr);
    expect_headers(ctx, file5, L"", through, "the headers back");
    exercised("IBackgroundCopyFile5", "SetProperty");
}

/* One fixture file through each version of the interface. */
static void test_fixture_file(const struct suite_ctx *ctx, IBackgroundCopyFile *file, unsigned int i)
{
    IBackgroundCopyFile2 *file2;
    IBackgroundCopyFile3 *file3;
    IBackgroundCopyFile4 *file4;
    IBackgroundCopyFile5 *file5;
    IBackgroundCopyFile6 *file6;
    IUnknown *unk1 = NULL, *unk6 = NULL;
    char what[64];

    snprintf(what, sizeof(what), "fixture file %u", i);
    check_proxy(ctx, file, what);
    file2 = query(ctx, file, &IID_IBackgroundCopyFile2, "IBackgroundCopyFile2");
    file3 = query(ctx, file, &IID_IBackgroundCopyFile3, "IBackgroundCopyFile3");
    file4 = query(ctx, file, &IID_IBackgroundCopyFile4, "IBackgroundCopyFile4");
    file5 = query(ctx, file, &IID_IBackgroundCopyFile5, "IBackgroundCopyFile5");
    file6 = query(ctx, file, &IID_IBackgroundCopyFile6, "IBackgroundCopyFile6");
    if (!file2 || !file3 || !file4 || !file5 || !file6) goto done;
    check_proxy(ctx, file2, "IBackgroundCopyFile2");
    check_proxy(ctx, file3, "IBackgroundCopyFile3");
    check_proxy(ctx, file4, "IBackgroundCopyFile4");
    check_proxy(ctx, file5, "IBackgroundCopyFile5");
    check_proxy(ctx, file6, "IBackgroundCopyFile6");

    /* One COM identity for all six. */
    IBackgroundCopyFile_QueryInterface(file, &IID_IUnknown, (void **)&unk1);
    IBackgroundCopyFile6_QueryInterface(file6, &IID_IUnknown, (void **)&unk6);
    ok(unk1 && unk1 == unk6, "%s: %s: one identity (%p, %p)", ctx->config, what, unk1, unk6);
    if (unk1) IUnknown_Release(unk1);
    if (unk6) IUnknown_Release(unk6);

    check_fixture_v1_v2(ctx, file, file2, i, what);
    check_fixture_v3_v5(ctx, file3, file4, file5, i, what);
    check_fixture_v6(ctx, file6, i, what);
    if (i == 1) test_set_remote_name(ctx, file, file2, i);
    if (i == 2)
    {
        test_properties(ctx, file5, "IBackgroundCopyFile5");
        test_properties(ctx, (IBackgroundCopyFile5 *)file6, "IBackgroundCopyFile6");
    }
    if (!is_http(fixture_remote[i])) check_no_random_access(ctx, file6, what);

done:
    if (file2) IBackgroundCopyFile2_Release(file2);
    if (file3) IBackgroundCopyFile3_Release(file3);
    if (file4) IBackgroundCopyFile4_Release(file4);
    if (file5) IBackgroundCopyFile5_Release(file5);
    if (file6) IBackgroundCopyFile6_Release(file6);
}

static void test_fixture_files(const struct suite_ctx *ctx)
{
    WCHAR temp[FIXTURE_FILE_COUNT][MAX_PATH];
    unsigned int i, j, same = 0;
    HRESULT hr;

    /* The enumerator is shared with other areas: from the start. */
    hr = IEnumBackgroundCopyFiles_Reset(ctx->files);
    ok(hr == S_OK, "%s: Reset the fixture's enumerator: hr %#lx", ctx->config, hr);
    for (i = 0; i < FIXTURE_FILE_COUNT; i++)
    {
        IBackgroundCopyFile *file = NULL;
        ULONG fetched = 0;

        hr = IEnumBackgroundCopyFiles_Next(ctx->files, 1, &file, &fetched);
        ok(hr == S_OK && fetched == 1 && file, "%s: fixture file %u: hr %#lx fetched %lu", ctx->config, i, hr, fetched);
        if (!file) continue;
        test_fixture_file(ctx, file, i);
        IBackgroundCopyFile_Release(file);
    }
    IEnumBackgroundCopyFiles_Reset(ctx->files);

    /* The temporary name is derived from the local name: one per file. */
    for (i = 0; i < FIXTURE_FILE_COUNT; i++) expected_temporary_name(fixture_local[i], temp[i], MAX_PATH);
    for (i = 0; i < FIXTURE_FILE_COUNT; i++)
        for (j = i + 1; j < FIXTURE_FILE_COUNT; j++)
            if (!wcscmp(temp[i], temp[j])) same++;
    ok(!same, "%s: the %u fixture files have distinct temporary names (%u pairs alike)", ctx->config,
       FIXTURE_FILE_COUNT, same);
}

void suite_files(const struct suite_ctx *ctx)
{
    if (!ctx->files)
    {
        ok(0, "%s: files: no fixture enumerator", ctx->config);
        return;
    }
    test_fixture_files(ctx);
    files_ranges_checks(ctx);
}
