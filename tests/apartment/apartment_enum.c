/*
 * Apartment suite area "enum": the signature case. IEnumBackgroundCopyFiles
 * across the boundary (ctx->files, over the fixture files): Clone returns a
 * proxy whose next element is the original's next element, and the two then
 * move independently (Next, Skip, Reset); a clone of a clone; a clone at the
 * end; a clone released before its original; Next(N) hands back N working
 * file proxies in order; and the enumerator contract's edge cases.
 */
#include <string.h>
#include "apartment_suite.h"

/* ok() that Next(1) yields the fixture file `index` (FIXTURE_FILE_COUNT: the end). */
static void expect_next(const struct suite_ctx *ctx, IEnumBackgroundCopyFiles *e, unsigned int index, const char *what)
{
    IBackgroundCopyFile *file = NULL;
    ULONG fetched = 0xdeadbeef;
    WCHAR *name = NULL;
    HRESULT hr = IEnumBackgroundCopyFiles_Next(e, 1, &file, &fetched);

    if (index >= FIXTURE_FILE_COUNT)
    {
        ok(hr == S_FALSE && fetched == 0 && !file, "%s: %s: Next at the end: hr %#lx fetched %lu", ctx->config, what, hr, fetched);
        if (file) IBackgroundCopyFile_Release(file);
        return;
    }
    ok(hr == S_OK && fetched == 1 && file, "%s: %s: Next(1) hr %#lx fetched %lu", ctx->config, what, hr, fetched);
    if (!file) return;
    hr = IBackgroundCopyFile_GetRemoteName(file, &name);
    ok(hr == S_OK && name && !lstrcmpW(name, fixture_remote[index]),
       "%s: %s: next is file %u \"%s\" (got \"%s\", hr %#lx)", ctx->config, what, index,
       wstr(fixture_remote[index]), wstr(name), hr);
    CoTaskMemFree(name);
    IBackgroundCopyFile_Release(file);
}

static IEnumBackgroundCopyFiles *clone_of(const struct suite_ctx *ctx, IEnumBackgroundCopyFiles *e, const char *what)
{
    IEnumBackgroundCopyFiles *clone = NULL;
    HRESULT hr = IEnumBackgroundCopyFiles_Clone(e, &clone);
    ok(hr == S_OK && clone, "%s: Clone %s: hr %#lx", ctx->config, what, hr);
    if (clone)
    {
        check_proxy(ctx, clone, what);
        ok((void *)clone != (void *)e, "%s: %s is a new object, not the original", ctx->config, what);
    }
    return clone;
}

static void test_clone(const struct suite_ctx *ctx)
{
    IEnumBackgroundCopyFiles *e = ctx->files, *clone, *clone2, *end_clone;
    ULONG count = 0;
    HRESULT hr;

    IEnumBackgroundCopyFiles_Reset(e);
    expect_next(ctx, e, 0, "original");
    expect_next(ctx, e, 1, "original");

    /* Taken at position 2: the clone's next is the original's next. */
    if (!(clone = clone_of(ctx, e, "a clone at position 2"))) return;
    expect_next(ctx, clone, 2, "clone");
    expect_next(ctx, e, 2, "original, unmoved by the clone's Next");

    /* Skip on one leaves the other where it was. */
    hr = IEnumBackgroundCopyFiles_Skip(clone, 2);
    ok(hr == S_OK, "%s: Skip(2) on the clone: hr %#lx", ctx->config, hr);
    expect_next(ctx, e, 3, "original after the clone skipped");
    expect_next(ctx, clone, 5, "clone after Skip(2)");

    /* A clone of the clone starts where the clone is. */
    if ((clone2 = clone_of(ctx, clone, "a clone of the clone")))
    {
        expect_next(ctx, clone2, 6, "clone of the clone");
        expect_next(ctx, clone, 6, "clone, unmoved by its own clone");
        hr = IEnumBackgroundCopyFiles_GetCount(clone2, &count);
        ok(hr == S_OK && count == FIXTURE_FILE_COUNT, "%s: GetCount of the clone of the clone: %lu", ctx->config, count);
        ok(IEnumBackgroundCopyFiles_Release(clone2) == 0, "%s: clone of the clone released to zero", ctx->config);
    }

    /* Reset of one leaves the other where it was. */
    hr = IEnumBackgroundCopyFiles_Reset(e);
    ok(hr == S_OK, "%s: Reset the original: hr %#lx", ctx->config, hr);
    expect_next(ctx, clone, 7, "clone after the original's Reset");
    expect_next(ctx, e, 0, "original after Reset");

    /* A clone at the end is at the end, and resets independently. */
    if ((end_clone = clone_of(ctx, clone, "a clone taken at the end")))
    {
        expect_next(ctx, end_clone, FIXTURE_FILE_COUNT, "clone taken at the end");
        IEnumBackgroundCopyFiles_Reset(end_clone);
        expect_next(ctx, end_clone, 0, "end clone after its Reset");
        expect_next(ctx, clone, FIXTURE_FILE_COUNT, "its original, still at the end");
        IEnumBackgroundCopyFiles_Release(end_clone);
    }

    /* A clone released before its original: the original keeps working. */
    ok(IEnumBackgroundCopyFiles_Release(clone) == 0, "%s: clone released before its original", ctx->config);
    expect_next(ctx, e, 1, "original after its clone was released");
    exercised("IEnumBackgroundCopyFiles", "Clone");
    exercised("IEnumBackgroundCopyFiles", "Skip");
    exercised("IEnumBackgroundCopyFiles", "Reset");
    exercised("IEnumBackgroundCopyFiles", "GetCount");
}

static void test_next_many(const struct suite_ctx *ctx)
{
    IEnumBackgroundCopyFiles *e = ctx->files;
    IBackgroundCopyFile *files[FIXTURE_FILE_COUNT + 2] = {0};
    ULONG fetched = 0, i, good = 0;
    HRESULT hr;

    IEnumBackgroundCopyFiles_Reset(e);
    IEnumBackgroundCopyFiles_Skip(e, 1);

    /* Next(N): N working, distinct proxies in order. */
    hr = IEnumBackgroundCopyFiles_Next(e, 5, files, &fetched);
    ok(hr == S_OK && fetched == 5, "%s: Next(5): hr %#lx fetched %lu", ctx->config, hr, fetched);
    for (i = 0; i < fetched && i < 5; i++)
    {
        WCHAR *remote = NULL, *local = NULL;
        check_proxy(ctx, files[i], "a file from Next(5)");
        IBackgroundCopyFile_GetRemoteName(files[i], &remote);
        IBackgroundCopyFile_GetLocalName(files[i], &local);
        if (remote && local && !lstrcmpW(remote, fixture_remote[1 + i]) && !lstrcmpW(local, fixture_local[1 + i])) good++;
        else printf("# Next(5)[%lu]: \"%s\" \"%s\"\n", i, wstr(remote), wstr(local));
        CoTaskMemFree(remote);
        CoTaskMemFree(local);
    }
    ok(good == 5, "%s: Next(5) returned files 1..5 with exact names (%lu of 5)", ctx->config, good);
    ok(fetched < 2 || files[0] != files[1], "%s: Next(5) elements are distinct proxies", ctx->config);
    for (i = 0; i < fetched && i < 5; i++) IBackgroundCopyFile_Release(files[i]);

    /* Fewer than asked: S_FALSE with the count, then the end. */
    memset(files, 0, sizeof(files));
    fetched = 0;
    hr = IEnumBackgroundCopyFiles_Next(e, 5, files, &fetched);
    ok(hr == S_FALSE && fetched == 2, "%s: Next(5) with 2 left: hr %#lx fetched %lu", ctx->config, hr, fetched);
    for (i = 0; i < fetched && i < 2; i++)
    {
        WCHAR *remote = NULL;
        IBackgroundCopyFile_GetRemoteName(files[i], &remote);
        ok(remote && !lstrcmpW(remote, fixture_remote[6 + i]), "%s: short Next[%lu] is \"%s\"", ctx->config, i, wstr(remote));
        CoTaskMemFree(remote);
        IBackgroundCopyFile_Release(files[i]);
    }
    ok(!files[2], "%s: nothing written past the fetched count", ctx->config);

    /* celt > 1 with a NULL pceltFetched is refused. */
    IEnumBackgroundCopyFiles_Reset(e);
    memset(files, 0, sizeof(files));
    hr = IEnumBackgroundCopyFiles_Next(e, 2, files, NULL);
    ok(hr == E_INVALIDARG && !files[0], "%s: Next(2, NULL fetched): hr %#lx", ctx->config, hr);
    expect_next(ctx, e, 0, "original after the refused Next");

    /* celt 1 with a NULL pceltFetched is allowed. */
    hr = IEnumBackgroundCopyFiles_Next(e, 1, files, NULL);
    ok(hr == S_OK && files[0], "%s: Next(1, NULL fetched): hr %#lx", ctx->config, hr);
    if (files[0])
    {
        WCHAR *remote = NULL;
        IBackgroundCopyFile_GetRemoteName(files[0], &remote);
        ok(remote && !lstrcmpW(remote, fixture_remote[1]), "%s: it is file 1 \"%s\"", ctx->config, wstr(remote));
        CoTaskMemFree(remote);
        IBackgroundCopyFile_Release(files[0]);
    }

    /* Skip past the end: S_FALSE, and the cursor is at the end. */
    hr = IEnumBackgroundCopyFiles_Skip(e, 100);
    ok(hr == S_FALSE, "%s: Skip past the end: hr %#lx", ctx->config, hr);
    expect_next(ctx, e, FIXTURE_FILE_COUNT, "after Skip past the end");
    IEnumBackgroundCopyFiles_Reset(e);
    exercised("IEnumBackgroundCopyFiles", "Next");
}

void suite_enum(const struct suite_ctx *ctx)
{
    if (!ok(ctx->files != NULL, "%s: the fixture files' enumerator is there", ctx->config)) return;
    test_clone(ctx);
    test_next_many(ctx);
}
