/*
 * The files of a job: AddFileSet, AddFile, AddFileWithRanges, EnumFiles and
 * ReplaceRemotePrefix, and what the job reads from a remote name.
 *
 * Names are checked as BITS documents (E_INVALIDARG otherwise): a remote
 * name is an http://, https:// or file:// URL with a host, or a UNC path
 * \\server\share..., of at most 2,200 characters; an upload job takes only
 * http:// and https://. A local name is a full path ("X:\..." or a UNC
 * path) shorter than MAX_PATH. An upload job holds one file
 * (BG_E_TOO_MANY_FILES for a second). AddFileSet adds all its files or none.
 */
#include <wchar.h>
#include <wctype.h>
#include "job.h"

static const WCHAR *url_after_scheme(const WCHAR *url)
{
    static const WCHAR *const schemes[] = { L"http://", L"https://", L"file://" };
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(schemes); i++)
    {
        size_t len = wcslen(schemes[i]);
        if (!_wcsnicmp(url, schemes[i], len)) return url + len;
    }
    return NULL;
}

static BOOL url_is_unc(const WCHAR *url)
{
    return url[0] == '\\' && url[1] == '\\';
}

BOOL job_url_is_https(const WCHAR *url)
{
    return !_wcsnicmp(url, L"https://", 8);
}

const WCHAR *job_url_protocol(const WCHAR *url)
{
    return (!_wcsnicmp(url, L"http://", 7) || job_url_is_https(url)) ? L"http" : L"file";
}

void job_url_host(const WCHAR *url, WCHAR *host, int size)
{
    const WCHAR *start, *end, *at;
    int len;

    host[0] = 0;
    if (url_is_unc(url)) start = url + 2;
    else if (!(start = url_after_scheme(url))) return;
    end = start + wcscspn(start, L"/\\?#");
    /* user:password@host */
    for (at = end; at > start && at[-1] != '@'; at--);
    if (at > start) start = at;
    if (*start == '[') end = start + wcscspn(start, L"]") + (start[wcscspn(start, L"]")] ? 1 : 0);
    else
    {
        const WCHAR *colon = start + wcscspn(start, L":");
        if (colon < end) end = colon;
    }
    len = min((int)(end - start), size - 1);
    memcpy(host, start, len * sizeof(WCHAR));
    host[len] = 0;
}

static BOOL remote_name_valid(const struct job *job, const WCHAR *remote)
{
    WCHAR host[256];

    if (!remote || job_bounded_length(remote, JOB_MAX_REMOTE_NAME) <= 0) return FALSE;
    if (job->type != BG_JOB_TYPE_DOWNLOAD && _wcsnicmp(remote, L"http://", 7) && !job_url_is_https(remote))
        return FALSE;
    if (!url_is_unc(remote) && !url_after_scheme(remote)) return FALSE;
    job_url_host(remote, host, ARRAYSIZE(host));
    return host[0] != 0;
}

static BOOL local_name_valid(const WCHAR *local)
{
    if (!local || job_bounded_length(local, MAX_PATH - 1) <= 0) return FALSE;
    if (url_is_unc(local)) return local[2] != 0;
    return iswalpha(local[0]) && local[1] == ':' && local[2] == '\\';
}

/* Room for `more` files; under the lock. */
static HRESULT job_reserve_files(struct job *job, ULONG more)
{
    struct job_file *files;
    ULONG capacity;

    if (job->file_count + more <= job->file_capacity) return S_OK;
    capacity = max(job->file_capacity * 2, job->file_count + more);
    capacity = max(capacity, 4);
    if (job->files) files = HeapReAlloc(GetProcessHeap(), 0, job->files, capacity * sizeof(*files));
    else files = HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*files));
    if (!files) return E_OUTOFMEMORY;
    job->files = files;
    job->file_capacity = capacity;
    return S_OK;
}

/* Checks, creates and appends files, all or none; under the lock. ranges
 * apply to a single file (AddFileWithRanges). */
static HRESULT job_add_files(struct job *job, ULONG count, const BG_FILE_INFO *set,
                             DWORD range_count, const BG_FILE_RANGE *ranges)
{
    HRESULT hr = S_OK;
    ULONG i, made;

    if (job->type != BG_JOB_TYPE_DOWNLOAD && job->file_count + count > 1) return BG_E_TOO_MANY_FILES;
    for (i = 0; i < count; i++)
        if (!remote_name_valid(job, set[i].RemoteName) || !local_name_valid(set[i].LocalName)) return E_INVALIDARG;
    if (FAILED(hr = job_reserve_files(job, count))) return hr;
    for (made = 0; made < count; made++)
    {
        struct job_file *slot = &job->files[job->file_count + made];
        if (ranges)
            hr = server_file_create_with_ranges(set[made].RemoteName, set[made].LocalName, range_count, ranges, &slot->file);
        else
            hr = server_file_create(set[made].RemoteName, set[made].LocalName, &slot->file);
        if (FAILED(hr)) break;
        slot->transferred = FALSE;
    }
    if (FAILED(hr))
    {
        while (made--) IBackgroundCopyFile_Release(job->files[job->file_count + made].file);
        return hr;
    }
    job->file_count += count;
    if (job->state == BG_JOB_STATE_TRANSFERRED)
    {
        job->state = BG_JOB_STATE_SUSPENDED;
        memset(&job->times.TransferCompletionTime, 0, sizeof(job->times.TransferCompletionTime));
    }
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_AddFileSet(IBackgroundCopyJob5 *iface, ULONG count, BG_FILE_INFO *set)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (!count || !set) return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    return job_end_change(job, job_add_files(job, count, set, 0, NULL));
}

HRESULT STDMETHODCALLTYPE job_AddFile(IBackgroundCopyJob5 *iface, LPCWSTR remote, LPCWSTR local)
{
    BG_FILE_INFO info = { (WCHAR *)remote, (WCHAR *)local };
    return job_AddFileSet(iface, 1, &info);
}

HRESULT STDMETHODCALLTYPE job_AddFileWithRanges(IBackgroundCopyJob5 *iface, LPCWSTR remote, LPCWSTR local,
                                                DWORD count, BG_FILE_RANGE *ranges)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    BG_FILE_INFO info = { (WCHAR *)remote, (WCHAR *)local };
    HRESULT hr;

    if (job->type != BG_JOB_TYPE_DOWNLOAD) return E_NOTIMPL;
    if (!count || !ranges) return E_INVALIDARG;
    if (FAILED(hr = job_begin_change(job))) return hr;
    return job_end_change(job, job_add_files(job, 1, &info, count, ranges));
}

HRESULT STDMETHODCALLTYPE job_EnumFiles(IBackgroundCopyJob5 *iface, IEnumBackgroundCopyFiles **out)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    IUnknown **items;
    HRESULT hr;
    ULONG i;

    if (!out) return E_POINTER;
    *out = NULL;
    EnterCriticalSection(&job->cs);
    if ((items = HeapAlloc(GetProcessHeap(), 0, max(job->file_count, 1) * sizeof(*items))))
    {
        for (i = 0; i < job->file_count; i++) items[i] = (IUnknown *)job->files[i].file;
        hr = server_enum_create(&IID_IEnumBackgroundCopyFiles, items, job->file_count, (IUnknown **)out);
        HeapFree(GetProcessHeap(), 0, items);
    }
    else hr = E_OUTOFMEMORY;
    LeaveCriticalSection(&job->cs);
    return hr;
}

/* Every new name is made and checked before any file changes. */
HRESULT STDMETHODCALLTYPE job_ReplaceRemotePrefix(IBackgroundCopyJob5 *iface, LPCWSTR old_prefix, LPCWSTR new_prefix)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    WCHAR **names = NULL;
    size_t old_len, new_len;
    ULONG i, matches = 0;
    HRESULT hr;

    if (job->type != BG_JOB_TYPE_DOWNLOAD) return E_NOTIMPL;
    if (!old_prefix || !new_prefix || !*old_prefix || !*new_prefix) return E_INVALIDARG;
    old_len = wcslen(old_prefix);
    new_len = wcslen(new_prefix);
    if (FAILED(hr = job_begin_change(job))) return hr;
    if (job->file_count && !(names = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, job->file_count * sizeof(*names))))
        hr = E_OUTOFMEMORY;
    for (i = 0; SUCCEEDED(hr) && i < job->file_count; i++)
    {
        WCHAR *name;
        if (FAILED(hr = IBackgroundCopyFile_GetRemoteName(job->files[i].file, &name))) break;
        if (!wcsncmp(name, old_prefix, old_len))
        {
            size_t rest = wcslen(name + old_len);
            if (!(names[i] = CoTaskMemAlloc((new_len + rest + 1) * sizeof(WCHAR)))) hr = E_OUTOFMEMORY;
            else
            {
                memcpy(names[i], new_prefix, new_len * sizeof(WCHAR));
                memcpy(names[i] + new_len, name + old_len, (rest + 1) * sizeof(WCHAR));
                if (!remote_name_valid(job, names[i])) hr = E_INVALIDARG;
                matches++;
            }
        }
        CoTaskMemFree(name);
    }
    for (i = 0; SUCCEEDED(hr) && i < job->file_count; i++)
    {
        IBackgroundCopyFile2 *file2;
        if (!names[i]) continue;
        if (SUCCEEDED(hr = IBackgroundCopyFile_QueryInterface(job->files[i].file, &IID_IBackgroundCopyFile2, (void **)&file2)))
        {
            hr = IBackgroundCopyFile2_SetRemoteName(file2, names[i]);
            IBackgroundCopyFile2_Release(file2);
        }
    }
    for (i = 0; names && i < job->file_count; i++) CoTaskMemFree(names[i]);
    HeapFree(GetProcessHeap(), 0, names);
    if (SUCCEEDED(hr) && !matches)
    {
        LeaveCriticalSection(&job->cs);   /* nothing changed */
        return S_FALSE;
    }
    return job_end_change(job, hr);
}
