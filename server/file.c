/*
 * A file of a job: remote and local names and progress.
 * (IBackgroundCopyFile; the later versions extend this object.)
 */
#include "server.h"

struct file
{
    IBackgroundCopyFile IBackgroundCopyFile_iface;
    LONG ref;
    WCHAR *remote_name;
    WCHAR *local_name;
    BG_FILE_PROGRESS progress;
};

static struct file *impl_from_IBackgroundCopyFile(IBackgroundCopyFile *iface)
{
    return CONTAINING_RECORD(iface, struct file, IBackgroundCopyFile_iface);
}

static HRESULT STDMETHODCALLTYPE file_QueryInterface(IBackgroundCopyFile *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyFile))
    {
        *ppv = iface;
        IBackgroundCopyFile_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE file_AddRef(IBackgroundCopyFile *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyFile(iface)->ref);
}

static ULONG STDMETHODCALLTYPE file_Release(IBackgroundCopyFile *iface)
{
    struct file *file = impl_from_IBackgroundCopyFile(iface);
    ULONG ref = InterlockedDecrement(&file->ref);
    if (!ref)
    {
        CoTaskMemFree(file->remote_name);
        CoTaskMemFree(file->local_name);
        HeapFree(GetProcessHeap(), 0, file);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE file_GetRemoteName(IBackgroundCopyFile *iface, LPWSTR *name)
{
    return server_strdup(impl_from_IBackgroundCopyFile(iface)->remote_name, name);
}

static HRESULT STDMETHODCALLTYPE file_GetLocalName(IBackgroundCopyFile *iface, LPWSTR *name)
{
    return server_strdup(impl_from_IBackgroundCopyFile(iface)->local_name, name);
}

static HRESULT STDMETHODCALLTYPE file_GetProgress(IBackgroundCopyFile *iface, BG_FILE_PROGRESS *progress)
{
    if (!progress) return E_POINTER;
    *progress = impl_from_IBackgroundCopyFile(iface)->progress;
    return S_OK;
}

static const IBackgroundCopyFileVtbl file_vtbl =
{
    file_QueryInterface, file_AddRef, file_Release,
    file_GetRemoteName, file_GetLocalName, file_GetProgress,
};

HRESULT server_file_create(const WCHAR *remote_name, const WCHAR *local_name, IBackgroundCopyFile **out)
{
    struct file *file;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!remote_name || !local_name) return E_INVALIDARG;
    if (!(file = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*file)))) return E_OUTOFMEMORY;
    file->IBackgroundCopyFile_iface.lpVtbl = &file_vtbl;
    file->ref = 1;
    file->progress.BytesTotal = BG_SIZE_UNKNOWN;
    if (FAILED(hr = server_strdup(remote_name, &file->remote_name)) ||
        FAILED(hr = server_strdup(local_name, &file->local_name)))
    {
        CoTaskMemFree(file->remote_name);
        HeapFree(GetProcessHeap(), 0, file);
        return hr;
    }
    server_object_created();
    *out = &file->IBackgroundCopyFile_iface;
    return S_OK;
}
