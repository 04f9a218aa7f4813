/*
 * The loopback setting: a DLL's proxy and stub joined by a channel that
 * calls the stub directly, in the client's thread (server/loopback_channel.h). No RPC, no wineserver,
 * no second thread: what is left of a call is the DLL's own work (the
 * proxy's marshaling, the stub's unmarshaling and dispatch, and back) and
 * the object's method, so that builds of the DLL can be compared without
 * the noise and the cost of Wine's transport. Interface pointers are still
 * marshaled by COM (MSHCTX_INPROC, into this apartment).
 */
#include <stdlib.h>
#include "bench.h"

/* One proxy and stub of the variant's factory, joined by the in-thread
 * channel (server/loopback_channel.h); the proxy's outer object counts nothing. */
static HRESULT loopback_connect(IPSFactoryBuffer *factory, REFIID iid, IUnknown *object, void **iface,
                                struct loopback_pair **out)
{
    if (!(*out = calloc(1, sizeof(**out)))) return E_OUTOFMEMORY;
    return loopback_pair_connect(*out, factory, iid, object, &stand_in_outer, iface);
}

static void loopback_free(struct loopback_pair *pair)
{
    if (!pair) return;
    loopback_pair_disconnect(pair);
    free(pair);
}

struct loopback_set
{
    struct objects *objects;
    IEnumBackgroundCopyFiles *floor_object;
    struct loopback_pair *lb[IFACE_COUNT + 1];
    IStream *pin[IFACE_COUNT];      /* table-strong marshals, see loopback_proxies */
};

/* The model's objects in this apartment, each behind a loopback proxy of the
 * variant's factory (or, direct, the objects themselves); *floor is one
 * more, on a clone of the enumerator. */
HRESULT loopback_proxies(const struct variant_state *state, ULONG file_count, BOOL direct, void *proxy[IFACE_COUNT],
                         HRESULT iface_hr[IFACE_COUNT], void **floor, struct loopback_set **out)
{
    struct loopback_set *set = calloc(1, sizeof(*set));
    IPSFactoryBuffer *factory = NULL;
    CLSID clsid;
    unsigned int i;
    HRESULT hr;

    *out = set;
    if (FAILED(hr = objects_create(file_count, &set->objects))) return hr;
    if (direct)
    {
        /* References of the caller's own, as proxies would be. */
        for (i = 0; i < IFACE_COUNT; i++)
        {
            /* no channel here: loopback and direct have no RPC to pair with */
            proxy[i] = i == IFACE_CHANNEL ? NULL : objects_object(set->objects, i);
            iface_hr[i] = proxy[i] ? S_OK : E_NOTIMPL;
            if (proxy[i]) IUnknown_AddRef((IUnknown *)proxy[i]);
        }
        return IEnumBackgroundCopyFiles_Clone((IEnumBackgroundCopyFiles *)proxy[IFACE_ENUM_FILES],
                                              (IEnumBackgroundCopyFiles **)floor);
    }
    /* The variant's factory; for the registry variant, the one the registry names. */
    if (state->factory) hr = IUnknown_QueryInterface(state->factory, &IID_IPSFactoryBuffer, (void **)&factory);
    else if (SUCCEEDED(hr = CoGetPSClsid(&IID_IEnumBackgroundCopyFiles, &clsid)))
        hr = CoGetClassObject(&clsid, CLSCTX_INPROC_SERVER, NULL, &IID_IPSFactoryBuffer, (void **)&factory);
    if (FAILED(hr)) return hr;
    for (i = 0; i < IFACE_COUNT; i++)
    {
        IUnknown *object = objects_object(set->objects, i);
        if (!object || i == IFACE_CHANNEL) iface_hr[i] = E_NOTIMPL;
        else if (!state->covers[i]) iface_hr[i] = E_NOINTERFACE;
        else iface_hr[i] = loopback_connect(factory, bench_iids[i], object, &proxy[i], &set->lb[i]);
        if (FAILED(iface_hr[i])) proxy[i] = NULL;
    }
    /* Wine registers an interface with its RPC runtime while a stub of that
     * IID exists, and unregisters it when the last one goes: an object
     * marshaled alone pays both (see --diagnose). A stub kept for each IID
     * leaves the loopback rows with the DLL's work and COM's marshaling. */
    for (i = 0; i < IFACE_COUNT; i++)
        if (proxy[i] && SUCCEEDED(CreateStreamOnHGlobal(NULL, TRUE, &set->pin[i])))
            CoMarshalInterface(set->pin[i], bench_iids[i], objects_object(set->objects, i),
                               MSHCTX_INPROC, NULL, MSHLFLAGS_TABLESTRONG);
    hr = IEnumBackgroundCopyFiles_Clone((IEnumBackgroundCopyFiles *)objects_object(set->objects, IFACE_ENUM_FILES),
                                        &set->floor_object);
    if (SUCCEEDED(hr))
        hr = loopback_connect(factory, &IID_IEnumBackgroundCopyFiles, (IUnknown *)set->floor_object, floor,
                              &set->lb[IFACE_COUNT]);
    IPSFactoryBuffer_Release(factory);
    return hr;
}

void loopback_set_free(struct loopback_set *set)
{
    unsigned int i;
    if (!set) return;
    for (i = 0; i <= IFACE_COUNT; i++) loopback_free(set->lb[i]);
    for (i = 0; i < IFACE_COUNT; i++)
    {
        LARGE_INTEGER zero = {{0}};
        if (!set->pin[i]) continue;
        IStream_Seek(set->pin[i], zero, STREAM_SEEK_SET, NULL);
        CoReleaseMarshalData(set->pin[i]);
        IStream_Release(set->pin[i]);
    }
    if (set->floor_object) IEnumBackgroundCopyFiles_Release(set->floor_object);
    objects_release(set->objects);
    free(set);
}
