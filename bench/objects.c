/*
 * The objects' side: the model's files, an enumerator over them and a job
 * (server/server.h), marshaled into byte blobs that the client unmarshals
 * in its own apartment or process. One blob per measured interface.
 */
#include <stdlib.h>
#include "bench.h"
#include "server.h"

struct objects
{
    IUnknown *object[IFACE_COUNT];
    IBackgroundCopyManager *manager;
};

/* The files, an IEnumBackgroundCopyFiles over them, its first file, and an
 * IEnumUnknown over the same files for the channel floor. */
static HRESULT make_files(ULONG count, IUnknown **enumerator, IUnknown **first, IUnknown **channel)
{
    IBackgroundCopyFile **files = calloc(count, sizeof(*files));
    HRESULT hr = files ? S_OK : E_OUTOFMEMORY;
    WCHAR remote[96], local[64];
    ULONG i;

    for (i = 0; i < count && SUCCEEDED(hr); i++)
    {
        swprintf(remote, ARRAYSIZE(remote), L"https://bench.example.test/files/%lu.bin", i);
        swprintf(local, ARRAYSIZE(local), L"C:\\bench\\%lu.bin", i);
        hr = server_file_create(remote, local, &files[i]);
    }
    if (SUCCEEDED(hr)) hr = server_enum_create(&IID_IEnumBackgroundCopyFiles, (IUnknown **)files, count, enumerator);
    if (SUCCEEDED(hr)) hr = server_enum_create(&IID_IEnumUnknown, (IUnknown **)files, count, channel);
    if (SUCCEEDED(hr)) IUnknown_QueryInterface((IUnknown *)files[0], &IID_IUnknown, (void **)first);
    for (i = 0; files && i < count; i++) if (files[i]) IBackgroundCopyFile_Release(files[i]);
    free(files);
    return hr;
}

HRESULT objects_create(ULONG file_count, struct objects **out)
{
    struct objects *objects = calloc(1, sizeof(*objects));
    GUID id;
    HRESULT hr;

    if (!(*out = objects)) return E_OUTOFMEMORY;
    hr = make_files(file_count, &objects->object[IFACE_ENUM_FILES], &objects->object[IFACE_FILE],
                    &objects->object[IFACE_CHANNEL]);
    if (FAILED(hr)) return hr;
    /* The job rows need the manager; until server/manager.c lands they are n/a. */
    if (SUCCEEDED(server_manager_create(&objects->manager)) &&
        SUCCEEDED(IBackgroundCopyManager_CreateJob(objects->manager, L"bench", BG_JOB_TYPE_DOWNLOAD, &id,
                                                   (IBackgroundCopyJob **)&objects->object[IFACE_JOB])))
        IUnknown_QueryInterface(objects->object[IFACE_JOB], &IID_IBackgroundCopyJob5,
                                (void **)&objects->object[IFACE_JOB5]);
    return S_OK;
}

void objects_marshal(struct objects *objects, DWORD mshctx, const BOOL covers[IFACE_COUNT], struct handoff *handoff)
{
    unsigned int i;

    memset(handoff, 0, sizeof(*handoff));
    for (i = 0; i < IFACE_COUNT; i++)
    {
        IStream *stream = NULL;
        HGLOBAL global;
        HRESULT hr;

        if (!objects->object[i]) { handoff->hr[i] = E_NOTIMPL; continue; }          /* model lacks it */
        if (!covers[i]) { handoff->hr[i] = E_NOINTERFACE; continue; }              /* DLL lacks it */
        hr = CreateStreamOnHGlobal(NULL, TRUE, &stream);
        if (SUCCEEDED(hr))
            hr = CoMarshalInterface(stream, bench_iids[i], objects->object[i], mshctx, NULL, MSHLFLAGS_NORMAL);
        if (SUCCEEDED(hr)) hr = GetHGlobalFromStream(stream, &global);
        if (SUCCEEDED(hr))
        {
            ULARGE_INTEGER size;
            LARGE_INTEGER zero = {{0}};
            IStream_Seek(stream, zero, STREAM_SEEK_CUR, &size);
            handoff->size[i] = size.LowPart;
            handoff->blob[i] = malloc(size.LowPart);
            memcpy(handoff->blob[i], GlobalLock(global), size.LowPart);
            GlobalUnlock(global);
        }
        handoff->hr[i] = hr;
        if (stream) IStream_Release(stream);
    }
}

void objects_release(struct objects *objects)
{
    unsigned int i;
    if (!objects) return;
    for (i = 0; i < IFACE_COUNT; i++) if (objects->object[i]) IUnknown_Release(objects->object[i]);
    if (objects->manager) IBackgroundCopyManager_Release(objects->manager);
    free(objects);
}

IUnknown *objects_object(struct objects *objects, enum bench_iface which)
{
    return objects->object[which];
}

HRESULT handoff_unmarshal(const struct handoff *handoff, enum bench_iface which, void **out)
{
    HGLOBAL global;
    IStream *stream;
    HRESULT hr;

    *out = NULL;
    if (FAILED(handoff->hr[which])) return handoff->hr[which];
    if (!(global = GlobalAlloc(GMEM_MOVEABLE, handoff->size[which]))) return E_OUTOFMEMORY;
    memcpy(GlobalLock(global), handoff->blob[which], handoff->size[which]);
    GlobalUnlock(global);
    if (FAILED(hr = CreateStreamOnHGlobal(global, TRUE, &stream))) return hr;
    hr = CoUnmarshalInterface(stream, bench_iids[which], out);
    IStream_Release(stream);
    return hr;
}

void handoff_free(struct handoff *handoff)
{
    unsigned int i;
    for (i = 0; i < IFACE_COUNT; i++) free(handoff->blob[i]);
    memset(handoff, 0, sizeof(*handoff));
}

/* "objref <i> <hr> <hex>" */
BOOL handoff_write(FILE *f, const struct handoff *handoff)
{
    unsigned int i, k;
    for (i = 0; i < IFACE_COUNT; i++)
    {
        fprintf(f, "objref %u %08lx ", i, (unsigned long)handoff->hr[i]);
        for (k = 0; k < handoff->size[i]; k++) fprintf(f, "%02x", handoff->blob[i][k]);
        fprintf(f, "%s\n", handoff->size[i] ? "" : "-");
    }
    return fflush(f) == 0;
}

BOOL handoff_read_line(const char *line, struct handoff *handoff)
{
    unsigned long hr;
    unsigned int i, k;
    int used = 0;
    size_t len;

    if (sscanf(line, "objref %u %lx %n", &i, &hr, &used) != 2 || i >= IFACE_COUNT) return FALSE;
    line += used;
    handoff->hr[i] = (HRESULT)hr;
    len = strspn(line, "0123456789abcdef") / 2;
    if (!len) return TRUE;
    handoff->blob[i] = malloc(len);
    for (k = 0; k < len; k++)
    {
        unsigned int byte;
        sscanf(line + 2 * k, "%2x", &byte);
        handoff->blob[i][k] = (BYTE)byte;
    }
    handoff->size[i] = (DWORD)len;
    return TRUE;
}
