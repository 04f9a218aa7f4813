/*
 * The signature case, shown: the BITS objects (the in-memory model) live in
 * an STA thread; a client in the MTA creates a job through qmgrprxy's
 * proxies, adds files, enumerates them, clones the enumerator half-way, and
 * the two enumerations continue side by side.
 */
#include <stdio.h>
#include "server.h"
#include "sta_host.h"

static const WCHAR *remote_names[] =
{
    L"https://updates.example.test/pkg/base.cab",
    L"https://updates.example.test/pkg/fonts.cab",
    L"https://updates.example.test/pkg/locale-de.cab",
    L"https://updates.example.test/pkg/locale-fr.cab",
    L"https://updates.example.test/pkg/drivers.cab",
    L"https://updates.example.test/pkg/manifest.xml",
};
#define FILE_COUNT (sizeof(remote_names) / sizeof(remote_names[0]))

/* The objects' apartment (server/sta_host.h): makes the manager and offers
 * it to the client; the host serves its calls until the end. */
static HRESULT make_manager(struct sta_host *host, void *context)
{
    IBackgroundCopyManager *manager = NULL;
    HRESULT hr = server_manager_create(&manager);
    hr = sta_host_offer(host, 0, hr, &IID_IBackgroundCopyManager, (IUnknown *)manager);
    if (manager) IBackgroundCopyManager_Release(manager);
    return hr;
}

/* Through the proxies: a job with the demo's files, and its file enumerator. */
static HRESULT make_job(IBackgroundCopyManager *manager, IBackgroundCopyJob **job, IEnumBackgroundCopyFiles **files)
{
    BG_FILE_INFO infos[FILE_COUNT];
    WCHAR locals[FILE_COUNT][64];
    GUID id;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < FILE_COUNT; i++)
    {
        swprintf(locals[i], 64, L"C:\\staging\\file%u", i + 1);
        infos[i].RemoteName = (WCHAR *)remote_names[i];
        infos[i].LocalName = locals[i];
    }
    if (FAILED(hr = IBackgroundCopyManager_CreateJob(manager, L"qmgrprxy demo", BG_JOB_TYPE_DOWNLOAD, &id, job)))
        return hr;
    if (FAILED(hr = IBackgroundCopyJob_AddFileSet(*job, FILE_COUNT, infos)))
        return hr;
    return IBackgroundCopyJob_EnumFiles(*job, files);
}

/* The next file's remote name, or "(end)". */
static void next_name(IEnumBackgroundCopyFiles *e, char *out, size_t size)
{
    IBackgroundCopyFile *file = NULL;
    WCHAR *name = NULL;
    ULONG fetched = 0;

    snprintf(out, size, "(end)");
    if (IEnumBackgroundCopyFiles_Next(e, 1, &file, &fetched) != S_OK || !file) return;
    if (SUCCEEDED(IBackgroundCopyFile_GetRemoteName(file, &name)) && name)
        WideCharToMultiByte(CP_UTF8, 0, name, -1, out, (int)size, NULL, NULL);
    else
        snprintf(out, size, "(no name)");
    CoTaskMemFree(name);
    IBackgroundCopyFile_Release(file);
}

static void describe_module(const void *iface)
{
    WCHAR path[MAX_PATH] = L"";
    HMODULE module;
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           *(void *const *)iface, &module))
        GetModuleFileNameW(module, path, MAX_PATH);
    printf("proxies served by: %ls\n", path);
}

int main(int argc, char **argv)
{
    struct sta_host_desc desc = { COINIT_APARTMENTTHREADED, make_manager, NULL, NULL };
    struct sta_host *host = NULL;
    IBackgroundCopyManager *manager = NULL;
    IBackgroundCopyJob *job = NULL;
    IEnumBackgroundCopyFiles *original = NULL, *clone = NULL;
    char a[256], b[256];
    ULONG count = 0, i, half;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (FAILED(sta_host_start(&desc, &host)) ||
        FAILED(sta_host_take(host, 0, &IID_IBackgroundCopyManager, (void **)&manager)))
    {
        printf("could not unmarshal the manager: is qmgrprxy.dll registered?\n");
        return 1;
    }
    if (FAILED(make_job(manager, &job, &original)))
    {
        printf("could not make the job through the proxies\n");
        return 1;
    }

    printf("IEnumBackgroundCopyFiles::Clone across an apartment boundary\n");
    printf("objects in an STA thread, client in the MTA\n");
    describe_module(original);
    IEnumBackgroundCopyFiles_GetCount(original, &count);
    half = count / 2;
    printf("\nthe job \"qmgrprxy demo\" has %lu files; the client reads %lu of them:\n", count, half);
    for (i = 0; i < half; i++)
    {
        next_name(original, a, sizeof(a));
        printf("  %lu  %s\n", i + 1, a);
    }

    if (FAILED(IEnumBackgroundCopyFiles_Clone(original, &clone)))
    {
        printf("Clone failed\n");
        return 1;
    }
    printf("\nClone() here; both enumerators continue from file %lu:\n", half + 1);
    printf("  #  %-48s %s\n", "original", "clone");
    for (i = half; i < count; i++)
    {
        next_name(original, a, sizeof(a));
        next_name(clone, b, sizeof(b));
        printf("  %lu  %-48s %s\n", i + 1, a, b);
    }

    IEnumBackgroundCopyFiles_Reset(clone);
    next_name(clone, b, sizeof(b));
    next_name(original, a, sizeof(a));
    printf("\nafter clone.Reset(): clone -> %s, original -> %s\n", b, a);

    IEnumBackgroundCopyFiles_Release(clone);
    IEnumBackgroundCopyFiles_Release(original);
    IBackgroundCopyJob_Cancel(job);
    IBackgroundCopyJob_Release(job);
    IBackgroundCopyManager_Release(manager);
    sta_host_stop(host);
    CoUninitialize();
    return 0;
}
