/*
 * The client's side of the callback interfaces, which the model does not
 * implement: IBackgroundCopyCallback (1.0, and 2, 3 on the same vtable),
 * the legacy IBackgroundCopyCallback1 and
 * IBackgroundCopyServerCertificateValidationCallback on one object. It
 * does what a client does with what it is given: reads every array to the
 * length its count says and looks at every interface pointer, so that a
 * stub that hands over fewer elements than the count shows up as a fault.
 */
#include "fuzz.h"

struct sink
{
    IBackgroundCopyCallback3 IBackgroundCopyCallback3_iface;
    IBackgroundCopyCallback1 IBackgroundCopyCallback1_iface;
    IBackgroundCopyServerCertificateValidationCallback IBackgroundCopyServerCertificateValidationCallback_iface;
    LONG ref;
};

static LONG live;
static volatile ULONG sum;              /* what reading the arguments adds up to */

static struct sink *from_cb3(IBackgroundCopyCallback3 *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IBackgroundCopyCallback3_iface);
}
static struct sink *from_cb1(IBackgroundCopyCallback1 *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IBackgroundCopyCallback1_iface);
}
static struct sink *from_cert(IBackgroundCopyServerCertificateValidationCallback *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IBackgroundCopyServerCertificateValidationCallback_iface);
}

static void look_at(void *object)
{
    IUnknown *unk;
    if (object && SUCCEEDED(IUnknown_QueryInterface((IUnknown *)object, &IID_IUnknown, (void **)&unk)))
        IUnknown_Release(unk);
}

static void read_bytes(const void *data, SIZE_T len)
{
    const unsigned char *p = data;
    SIZE_T i;
    for (i = 0; i < len; i++) sum += p[i];
}

static HRESULT sink_query(struct sink *sink, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyCallback)
        || IsEqualIID(riid, &IID_IBackgroundCopyCallback2) || IsEqualIID(riid, &IID_IBackgroundCopyCallback3))
        *ppv = &sink->IBackgroundCopyCallback3_iface;
    else if (IsEqualIID(riid, &IID_IBackgroundCopyCallback1))
        *ppv = &sink->IBackgroundCopyCallback1_iface;
    else if (IsEqualIID(riid, &IID_IBackgroundCopyServerCertificateValidationCallback))
        *ppv = &sink->IBackgroundCopyServerCertificateValidationCallback_iface;
    else
    {
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    InterlockedIncrement(&sink->ref);
    return S_OK;
}

static ULONG sink_release(struct sink *sink)
{
    LONG ref = InterlockedDecrement(&sink->ref);
    if (!ref)
    {
        HeapFree(GetProcessHeap(), 0, sink);
        InterlockedDecrement(&live);
    }
    return ref;
}

/* Each interface's IUnknown methods: the object's. */
#define SINK_IUNKNOWN(prefix, type, from) \
    static HRESULT STDMETHODCALLTYPE prefix##_QueryInterface(type *iface, REFIID riid, void **ppv) \
    { \
        return sink_query(from(iface), riid, ppv); \
    } \
    static ULONG STDMETHODCALLTYPE prefix##_AddRef(type *iface) \
    { \
        return InterlockedIncrement(&from(iface)->ref); \
    } \
    static ULONG STDMETHODCALLTYPE prefix##_Release(type *iface) \
    { \
        return sink_release(from(iface)); \
    }

/* ---- IBackgroundCopyCallback .. 3 ---------------------------------------- */

SINK_IUNKNOWN(cb3, IBackgroundCopyCallback3, from_cb3)

static HRESULT STDMETHODCALLTYPE cb3_JobTransferred(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job)
{
    look_at(job);
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb3_JobError(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
                                             IBackgroundCopyError *error)
{
    look_at(job);
    look_at(error);
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb3_JobModification(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
                                                    DWORD reserved)
{
    look_at(job);
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb3_FileTransferred(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
                                                    IBackgroundCopyFile *file)
{
    look_at(job);
    look_at(file);
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb3_FileRangesTransferred(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
                                                          IBackgroundCopyFile *file, DWORD count,
                                                          const BG_FILE_RANGE ranges[])
{
    look_at(job);
    look_at(file);
    if (ranges) read_bytes(ranges, (SIZE_T)count * sizeof(*ranges));
    return S_OK;
}

static const IBackgroundCopyCallback3Vtbl cb3_vtbl =
{
    cb3_QueryInterface, cb3_AddRef, cb3_Release, cb3_JobTransferred, cb3_JobError, cb3_JobModification,
    cb3_FileTransferred, cb3_FileRangesTransferred,
};

/* ---- IBackgroundCopyCallback1 (legacy) --------------------------------- */

SINK_IUNKNOWN(cb1, IBackgroundCopyCallback1, from_cb1)

static HRESULT STDMETHODCALLTYPE cb1_OnStatus(IBackgroundCopyCallback1 *iface, IBackgroundCopyGroup *group,
                                             IBackgroundCopyJob1 *job, DWORD index, DWORD status, DWORD retries,
                                             DWORD win32, DWORD transport)
{
    look_at(group);
    look_at(job);
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb1_OnProgress(IBackgroundCopyCallback1 *iface, DWORD type,
                                               IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job, DWORD index,
                                               DWORD value)
{
    look_at(group);
    look_at(job);
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb1_OnProgressEx(IBackgroundCopyCallback1 *iface, DWORD type,
                                                 IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job, DWORD index,
                                                 DWORD value, DWORD size, BYTE *bytes)
{
    look_at(group);
    look_at(job);
    if (bytes) read_bytes(bytes, size);
    return S_OK;
}

static const IBackgroundCopyCallback1Vtbl cb1_vtbl =
{
    cb1_QueryInterface, cb1_AddRef, cb1_Release, cb1_OnStatus, cb1_OnProgress, cb1_OnProgressEx,
};

/* ---- IBackgroundCopyServerCertificateValidationCallback ---------------- */

SINK_IUNKNOWN(cert, IBackgroundCopyServerCertificateValidationCallback, from_cert)

static HRESULT STDMETHODCALLTYPE cert_Validate(IBackgroundCopyServerCertificateValidationCallback *iface,
                                              IBackgroundCopyJob *job, IBackgroundCopyFile *file, DWORD cert_len,
                                              const BYTE cert[], DWORD encoding, DWORD store_len,
                                              const BYTE store[])
{
    look_at(job);
    look_at(file);
    if (cert) read_bytes(cert, cert_len);
    if (store) read_bytes(store, store_len);
    return E_ACCESSDENIED;
}

static const IBackgroundCopyServerCertificateValidationCallbackVtbl cert_vtbl =
{
    cert_QueryInterface, cert_AddRef, cert_Release, cert_Validate,
};

HRESULT callback_sink_create(IUnknown **out)
{
    struct sink *sink = HeapAlloc(GetProcessHeap(), 0, sizeof(*sink));
    if (!sink) return E_OUTOFMEMORY;
    sink->IBackgroundCopyCallback3_iface.lpVtbl = &cb3_vtbl;
    sink->IBackgroundCopyCallback1_iface.lpVtbl = &cb1_vtbl;
    sink->IBackgroundCopyServerCertificateValidationCallback_iface.lpVtbl = &cert_vtbl;
    sink->ref = 1;
    InterlockedIncrement(&live);
    *out = (IUnknown *)&sink->IBackgroundCopyCallback3_iface;
    return S_OK;
}

LONG callback_sink_live(void)
{
    return live;
}
