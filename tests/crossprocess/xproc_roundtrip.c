/*
 * Interface pointers that travel back: a file the host's enumerator handed
 * out, given back to the host as a job's notify interface, comes back to
 * the client as the same object (one proxy per object per apartment) and
 * still answers; the client's own callback, given to the host and asked
 * back, is the client's object itself, not a proxy of a proxy. Run by
 * xproc_suite.c after the areas, on the same roots.
 */
#include "apartment_suite.h"
#include "xproc_roundtrip.h"
#include "com_helpers.h"


void xproc_roundtrip(const struct suite_ctx *ctx)
{
    struct counted_unknown token;   /* a client-side object the host can hold */
    IBackgroundCopyFile *file = NULL;
    IBackgroundCopyJob *job = NULL;
    IUnknown *back = NULL;
    WCHAR *name = NULL;
    ULONG fetched = 0;
    GUID id;
    HRESULT hr;

    if (!ctx->manager || !ctx->files) return;
    counted_unknown_init(&token);
    hr = IEnumBackgroundCopyFiles_Reset(ctx->files);
    if (SUCCEEDED(hr)) hr = IEnumBackgroundCopyFiles_Next(ctx->files, 1, &file, &fetched);
    ok(hr == S_OK && file, "%s: round trip: the host's first fixture file: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyManager_CreateJob(ctx->manager, L"round trip", BG_JOB_TYPE_DOWNLOAD, &id, &job);
    ok(hr == S_OK && job, "%s: round trip: CreateJob: hr %#lx", ctx->config, hr);
    if (!file || !job) goto done;

    hr = IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)file);
    ok(hr == S_OK, "%s: round trip: the file handed back to the host: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetNotifyInterface(job, &back);
    ok(hr == S_OK && same_object(back, file), "%s: round trip: it comes back as the same object: hr %#lx", ctx->config, hr);
    if (back)
    {
        IBackgroundCopyFile *again = NULL;
        hr = IUnknown_QueryInterface(back, &IID_IBackgroundCopyFile, (void **)&again);
        if (again) hr = IBackgroundCopyFile_GetRemoteName(again, &name);
        ok(hr == S_OK && name && !lstrcmpW(name, fixture_remote[0]), "%s: round trip: and still answers \"%s\": hr %#lx",
           ctx->config, wstr(name), hr);
        CoTaskMemFree(name);
        if (again) IBackgroundCopyFile_Release(again);
        IUnknown_Release(back);
        back = NULL;
    }

    hr = IBackgroundCopyJob_SetNotifyInterface(job, &token.IUnknown_iface);
    ok(hr == S_OK, "%s: round trip: a client object given to the host: hr %#lx", ctx->config, hr);
    hr = IBackgroundCopyJob_GetNotifyInterface(job, &back);
    ok(hr == S_OK && back == &token.IUnknown_iface, "%s: round trip: asked back, it is the client's own object (%p)",
       ctx->config, back);
    if (back) IUnknown_Release(back);
    hr = IBackgroundCopyJob_Cancel(job);
    ok(hr == S_OK, "%s: round trip: Cancel drops the notify interface: hr %#lx", ctx->config, hr);
    ok(token.ref == 1, "%s: round trip: the host let go of the client's object (%ld left)", ctx->config, token.ref - 1);
done:
    if (job) IBackgroundCopyJob_Release(job);
    if (file) IBackgroundCopyFile_Release(file);
}
