/*
 * Files of the files area's own (see apartment_files.h): made in a helper
 * STA (server/sta_host.h), which serves their calls through its message
 * loop and transfers one on request, so that every call the checks make
 * still crosses apartments through qmgrprxy whatever the client's
 * apartment is.
 */
#include <stdlib.h>
#include "apartment_files.h"
#include "server.h"
#include "sta_host.h"

struct own_files
{
    const struct own_file_spec *specs;
    unsigned int count;
    struct sta_host *host;
    IBackgroundCopyFile *objects[OWN_FILES_MAX];   /* the helper's references */
    /* The last transfer request and its answer. */
    unsigned int index;
    HRESULT requested_hr;
    DWORD requested_count;
    BG_FILE_RANGE *requested;
};

/* On the helper's thread. */
static HRESULT make_files(struct sta_host *host, void *context)
{
    struct own_files *own = context;
    unsigned int i;

    for (i = 0; i < own->count; i++)
    {
        const struct own_file_spec *spec = &own->specs[i];
        HRESULT hr;

        if (spec->with_ranges)
            hr = server_file_create_with_ranges(spec->remote, spec->local, spec->range_count, spec->ranges, &own->objects[i]);
        else
            hr = server_file_create(spec->remote, spec->local, &own->objects[i]);
        sta_host_offer(host, i, hr, &IID_IBackgroundCopyFile, (IUnknown *)own->objects[i]);
    }
    return S_OK;
}

static void release_files(void *context)
{
    struct own_files *own = context;
    unsigned int i;
    for (i = 0; i < own->count; i++) if (own->objects[i]) IBackgroundCopyFile_Release(own->objects[i]);
}

static void transfer_file(void *context)
{
    struct own_files *own = context;
    own->requested_hr = E_INVALIDARG;
    own->requested_count = 0;
    own->requested = NULL;
    if (own->index < own->count && own->objects[own->index])
    {
        server_file_transfer(own->objects[own->index]);
        own->requested_hr = server_file_requested_ranges(own->objects[own->index], &own->requested_count,
                                                         &own->requested);
    }
}

struct own_files *own_files_start(const struct own_file_spec *specs, unsigned int count,
                                  IBackgroundCopyFile **files, HRESULT *results)
{
    struct sta_host_desc desc = { COINIT_APARTMENTTHREADED, make_files, release_files, NULL };
    struct own_files *own;
    unsigned int i;

    if (count > OWN_FILES_MAX || !(own = calloc(1, sizeof(*own)))) return NULL;
    own->specs = specs;
    own->count = count;
    desc.context = own;
    sta_host_start(&desc, &own->host);
    if (!own->host)
    {
        free(own);
        return NULL;
    }
    for (i = 0; i < count; i++)
    {
        files[i] = NULL;
        results[i] = sta_host_offered(own->host, i);
        if (SUCCEEDED(results[i])) results[i] = sta_host_take(own->host, i, &IID_IBackgroundCopyFile, (void **)&files[i]);
    }
    return own;
}

HRESULT own_files_transfer(struct own_files *own, unsigned int index, DWORD *count, BG_FILE_RANGE **ranges)
{
    own->index = index;
    sta_host_run(own->host, transfer_file, own);
    *count = own->requested_count;
    *ranges = own->requested;
    return own->requested_hr;
}

void own_files_stop(struct own_files *own)
{
    if (!own) return;
    sta_host_stop(own->host);
    free(own);
}
