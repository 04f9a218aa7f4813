/*
 * Files of the files area's own (see apartment_files.h): made in a helper
 * STA, which serves their calls through its message loop and transfers one
 * on request, so that every call the checks make still crosses apartments
 * through qmgrprxy whatever the client's apartment is.
 */
#include <stdlib.h>
#include "apartment_files.h"
#include "server.h"

#define WM_OWN_TRANSFER (WM_APP + 1)

struct own_files
{
    const struct own_file_spec *specs;
    unsigned int count;
    HANDLE thread, ready, done, transferred;
    DWORD thread_id;
    IBackgroundCopyFile *objects[OWN_FILES_MAX];   /* the helper's references */
    IStream *streams[OWN_FILES_MAX];
    HRESULT results[OWN_FILES_MAX];
    /* The answer to the last transfer request. */
    HRESULT requested_hr;
    DWORD requested_count;
    BG_FILE_RANGE *requested;
};

static void own_transfer(struct own_files *own, unsigned int index)
{
    own->requested_hr = E_INVALIDARG;
    own->requested_count = 0;
    own->requested = NULL;
    if (index < own->count && own->objects[index])
    {
        server_file_transfer(own->objects[index]);
        own->requested_hr = server_file_requested_ranges(own->objects[index], &own->requested_count, &own->requested);
    }
    SetEvent(own->transferred);
}

static DWORD WINAPI own_thread(void *arg)
{
    struct own_files *own = arg;
    unsigned int i;
    MSG msg;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);   /* the queue for WM_OWN_TRANSFER */
    for (i = 0; i < own->count; i++)
    {
        const struct own_file_spec *spec = &own->specs[i];
        HRESULT hr;

        if (spec->with_ranges)
            hr = server_file_create_with_ranges(spec->remote, spec->local, spec->range_count, spec->ranges, &own->objects[i]);
        else
            hr = server_file_create(spec->remote, spec->local, &own->objects[i]);
        if (SUCCEEDED(hr))
            hr = CoMarshalInterThreadInterfaceInStream(&IID_IBackgroundCopyFile, (IUnknown *)own->objects[i], &own->streams[i]);
        own->results[i] = hr;
    }
    SetEvent(own->ready);
    while (MsgWaitForMultipleObjects(1, &own->done, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0)
    {
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE))
        {
            if (!msg.hwnd && msg.message == WM_OWN_TRANSFER) own_transfer(own, msg.wParam);
            else DispatchMessageW(&msg);
        }
    }
    for (i = 0; i < own->count; i++)
    {
        if (own->streams[i])   /* never unmarshaled */
        {
            CoReleaseMarshalData(own->streams[i]);
            IStream_Release(own->streams[i]);
        }
        if (own->objects[i]) IBackgroundCopyFile_Release(own->objects[i]);
    }
    CoUninitialize();
    return 0;
}

struct own_files *own_files_start(const struct own_file_spec *specs, unsigned int count,
                                  IBackgroundCopyFile **files, HRESULT *results)
{
    struct own_files *own;
    unsigned int i;

    if (count > OWN_FILES_MAX || !(own = calloc(1, sizeof(*own)))) return NULL;
    own->specs = specs;
    own->count = count;
    own->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    own->done = CreateEventW(NULL, TRUE, FALSE, NULL);
    own->transferred = CreateEventW(NULL, FALSE, FALSE, NULL);
    own->thread = CreateThread(NULL, 0, own_thread, own, 0, &own->thread_id);
    WaitForSingleObject(own->ready, INFINITE);
    for (i = 0; i < count; i++)
    {
        files[i] = NULL;
        results[i] = own->results[i];
        if (FAILED(own->results[i])) continue;
        results[i] = CoGetInterfaceAndReleaseStream(own->streams[i], &IID_IBackgroundCopyFile, (void **)&files[i]);
        own->streams[i] = NULL;
    }
    return own;
}

HRESULT own_files_transfer(struct own_files *own, unsigned int index, DWORD *count, BG_FILE_RANGE **ranges)
{
    PostThreadMessageW(own->thread_id, WM_OWN_TRANSFER, index, 0);
    WaitForSingleObject(own->transferred, INFINITE);
    *count = own->requested_count;
    *ranges = own->requested;
    return own->requested_hr;
}

void own_files_stop(struct own_files *own)
{
    if (!own) return;
    SetEvent(own->done);
    WaitForSingleObject(own->thread, INFINITE);
    CloseHandle(own->thread);
    CloseHandle(own->ready);
    CloseHandle(own->done);
    CloseHandle(own->transferred);
    free(own);
}
