/*
 * The measured calls, made on proxies in the client's apartment. Each call
 * includes the release of what it returned (interface pointers, strings):
 * a client pays for both. Reset has no arguments and returns only an
 * HRESULT: one round trip and nothing else, the floor. The interface
 * pointers Next and Clone return are of objects the client holds no proxy
 * for, as when a client enumerates a job's files, releasing each.
 */
#include "bench.h"

static HRESULT call_reset(struct proxies *p, ULONG n)
{
    p->pos = 0;
    return IEnumBackgroundCopyFiles_Reset(p->files);
}

static HRESULT call_get_count(struct proxies *p, ULONG n)
{
    ULONG count = 0;
    HRESULT hr = IEnumBackgroundCopyFiles_GetCount(p->files, &count);
    return SUCCEEDED(hr) && count != p->file_count ? E_UNEXPECTED : hr;
}

static HRESULT call_clone(struct proxies *p, ULONG n)
{
    IEnumBackgroundCopyFiles *clone = NULL;
    HRESULT hr = IEnumBackgroundCopyFiles_Clone(p->files, &clone);
    if (clone) IEnumBackgroundCopyFiles_Release(clone);
    return hr;
}

/* The client's proxy of file 0, for GetRemoteName and GetProgress. Next
 * runs without it: while any IBackgroundCopyFile stub lives, Wine keeps that
 * interface registered with its RPC runtime, and a client that enumerates
 * files one by one, releasing each, makes the server register and
 * unregister it for every file (see --diagnose). */
void drop_file(struct proxies *p)
{
    if (!p->file || p->keep_file) return;
    IBackgroundCopyFile_Release(p->file);
    p->file = NULL;
}

void ensure_file(struct proxies *p, ULONG n)
{
    ULONG fetched = 0;
    if (p->file) return;
    IEnumBackgroundCopyFiles_Reset(p->files);
    IEnumBackgroundCopyFiles_Next(p->files, 1, &p->file, &fetched);
    p->pos = 1;
}

/* Next walks the files from file 1, objects the client holds no proxy for
 * (file 0 is the one ensure_file takes). */
void prepare_next(struct proxies *p, ULONG n)
{
    drop_file(p);
    if (p->pos && p->pos + n <= p->file_count) return;
    IEnumBackgroundCopyFiles_Reset(p->files);
    IEnumBackgroundCopyFiles_Skip(p->files, 1);
    p->pos = 1;
}

HRESULT call_next(struct proxies *p, ULONG n)
{
    ULONG fetched = 0, i;
    HRESULT hr = IEnumBackgroundCopyFiles_Next(p->files, n, p->items, &fetched);
    for (i = 0; i < fetched; i++) IBackgroundCopyFile_Release(p->items[i]);
    p->pos += fetched;
    return hr == S_OK && fetched != n ? E_UNEXPECTED : hr;
}

static HRESULT call_get_remote_name(struct proxies *p, ULONG n)
{
    WCHAR *name = NULL;
    HRESULT hr = IBackgroundCopyFile_GetRemoteName(p->file, &name);
    if (SUCCEEDED(hr) && !name) hr = E_UNEXPECTED;
    CoTaskMemFree(name);
    return hr;
}

static HRESULT call_get_progress(struct proxies *p, ULONG n)
{
    BG_FILE_PROGRESS progress;
    return IBackgroundCopyFile_GetProgress(p->file, &progress);
}

/* Fresh names for every call, so that the job never sees a file twice. */
static void prepare_add_file_set(struct proxies *p, ULONG n)
{
    ULONG i;
    for (i = 0; i < n; i++, p->added++)
    {
        swprintf(p->names[i][0], 80, L"https://bench.example.test/set/%lu.bin", p->added);
        swprintf(p->names[i][1], 80, L"C:\\bench\\set\\%lu.bin", p->added);
        p->fileset[i].RemoteName = p->names[i][0];
        p->fileset[i].LocalName = p->names[i][1];
    }
}

static HRESULT call_add_file_set(struct proxies *p, ULONG n)
{
    return IBackgroundCopyJob_AddFileSet(p->job, n, p->fileset);
}

static HRESULT call_get_times(struct proxies *p, ULONG n)
{
    BG_JOB_TIMES times;
    return IBackgroundCopyJob_GetTimes(p->job, &times);
}

static HRESULT call_get_property(struct proxies *p, ULONG n)
{
    BITS_JOB_PROPERTY_VALUE value;
    return IBackgroundCopyJob5_GetProperty(p->job5, BITS_JOB_PROPERTY_ID_COST_FLAGS, &value);
}

const struct method bench_methods[] =
{
    { "Reset",         IFACE_ENUM_FILES, 0,    call_reset, NULL },
    { "GetCount",      IFACE_ENUM_FILES, 0,    call_get_count, NULL },
    { "Clone",         IFACE_ENUM_FILES, 0,    call_clone, NULL },
    { "Next",          IFACE_ENUM_FILES, 1,    call_next, prepare_next },
    { "Next",          IFACE_ENUM_FILES, 64,   call_next, prepare_next },
    { "Next",          IFACE_ENUM_FILES, 1024, call_next, prepare_next },
    { "GetRemoteName", IFACE_FILE,       0,    call_get_remote_name, ensure_file },
    { "GetProgress",   IFACE_FILE,       0,    call_get_progress, ensure_file },
    { "AddFileSet",    IFACE_JOB,        ADDFILESET_MAX, call_add_file_set, prepare_add_file_set },
    { "GetTimes",      IFACE_JOB,        0,    call_get_times, NULL },
    { "GetProperty",   IFACE_JOB5,       0,    call_get_property, NULL },
};
const unsigned int bench_method_count = ARRAYSIZE(bench_methods);
