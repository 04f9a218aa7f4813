/*
 * The client's callback objects of the jobs area: an IBackgroundCopyCallback3
 * (so also 1 and 2) and an IBackgroundCopyServerCertificateValidationCallback,
 * COM objects of the client's apartment that the model's jobs call through
 * the DLL's proxies. They only record: the checks come after the call that
 * caused them returns.
 */
#include <string.h>
#include "apartment_jobs.h"

static struct event *event_add(struct event_log *log, enum event_kind kind, IBackgroundCopyJob *job,
                               IBackgroundCopyFile *file)
{
    LONG index = InterlockedIncrement(&log->count) - 1;
    struct event *event;

    if (index >= (LONG)ARRAYSIZE(log->events))
    {
        InterlockedDecrement(&log->count);
        return NULL;
    }
    event = &log->events[index];
    memset(event, 0, sizeof(*event));
    event->kind = kind;
    if ((event->job = job)) IBackgroundCopyJob_AddRef(job);
    if ((event->file = file)) IBackgroundCopyFile_AddRef(file);
    return event;
}

void jobs_event_log_clear(struct event_log *log)
{
    LONG i;

    for (i = 0; i < log->count; i++)
    {
        struct event *event = &log->events[i];
        if (event->job) IBackgroundCopyJob_Release(event->job);
        if (event->file) IBackgroundCopyFile_Release(event->file);
        if (event->error) IBackgroundCopyError_Release(event->error);
    }
    memset(log, 0, sizeof(*log));
}

const char *jobs_event_name(enum event_kind kind)
{
    static const char *const names[] =
    {
        "JobTransferred", "JobError", "JobModification", "FileTransferred", "FileRangesTransferred",
        "ValidateServerCertificate",
    };
    return kind < ARRAYSIZE(names) ? names[kind] : "?";
}

static struct notify_sink *impl_from_IBackgroundCopyCallback3(IBackgroundCopyCallback3 *iface)
{
    return CONTAINING_RECORD(iface, struct notify_sink, IBackgroundCopyCallback3_iface);
}

static HRESULT STDMETHODCALLTYPE sink_QueryInterface(IBackgroundCopyCallback3 *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyCallback) ||
        IsEqualIID(riid, &IID_IBackgroundCopyCallback2) || IsEqualIID(riid, &IID_IBackgroundCopyCallback3))
    {
        *ppv = iface;
        IBackgroundCopyCallback3_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE sink_AddRef(IBackgroundCopyCallback3 *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyCallback3(iface)->ref);
}

static ULONG STDMETHODCALLTYPE sink_Release(IBackgroundCopyCallback3 *iface)
{
    return InterlockedDecrement(&impl_from_IBackgroundCopyCallback3(iface)->ref);
}

static HRESULT STDMETHODCALLTYPE sink_JobTransferred(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job)
{
    event_add(impl_from_IBackgroundCopyCallback3(iface)->log, EV_TRANSFERRED, job, NULL);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE sink_JobError(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
                                               IBackgroundCopyError *error)
{
    struct event *event = event_add(impl_from_IBackgroundCopyCallback3(iface)->log, EV_ERROR, job, NULL);
    if (event && (event->error = error)) IBackgroundCopyError_AddRef(error);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE sink_JobModification(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
                                                      DWORD reserved)
{
    struct event *event = event_add(impl_from_IBackgroundCopyCallback3(iface)->log, EV_MODIFICATION, job, NULL);
    if (event) event->reserved = reserved;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE sink_FileTransferred(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
                                                      IBackgroundCopyFile *file)
{
    event_add(impl_from_IBackgroundCopyCallback3(iface)->log, EV_FILE, job, file);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE sink_FileRangesTransferred(IBackgroundCopyCallback3 *iface, IBackgroundCopyJob *job,
        IBackgroundCopyFile *file, DWORD count, const BG_FILE_RANGE ranges[])
{
    struct event *event = event_add(impl_from_IBackgroundCopyCallback3(iface)->log, EV_RANGES, job, file);
    if (!event) return S_OK;
    event->range_count = count;
    memcpy(event->ranges, ranges, min(count, ARRAYSIZE(event->ranges)) * sizeof(*ranges));
    return S_OK;
}

static const IBackgroundCopyCallback3Vtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release,
    sink_JobTransferred, sink_JobError, sink_JobModification, sink_FileTransferred, sink_FileRangesTransferred,
};

void jobs_notify_sink_init(struct notify_sink *sink, struct event_log *log)
{
    sink->IBackgroundCopyCallback3_iface.lpVtbl = &sink_vtbl;
    sink->ref = 1;
    sink->log = log;
}

static struct cert_checker *impl_from_IBackgroundCopyServerCertificateValidationCallback(
        IBackgroundCopyServerCertificateValidationCallback *iface)
{
    return CONTAINING_RECORD(iface, struct cert_checker, IBackgroundCopyServerCertificateValidationCallback_iface);
}

static HRESULT STDMETHODCALLTYPE checker_QueryInterface(IBackgroundCopyServerCertificateValidationCallback *iface,
                                                        REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyServerCertificateValidationCallback))
    {
        *ppv = iface;
        IBackgroundCopyServerCertificateValidationCallback_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE checker_AddRef(IBackgroundCopyServerCertificateValidationCallback *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyServerCertificateValidationCallback(iface)->ref);
}

static ULONG STDMETHODCALLTYPE checker_Release(IBackgroundCopyServerCertificateValidationCallback *iface)
{
    return InterlockedDecrement(&impl_from_IBackgroundCopyServerCertificateValidationCallback(iface)->ref);
}

static HRESULT STDMETHODCALLTYPE checker_ValidateServerCertificate(IBackgroundCopyServerCertificateValidationCallback *iface,
        IBackgroundCopyJob *job, IBackgroundCopyFile *file, DWORD cert_length, const BYTE cert[],
        DWORD encoding, DWORD store_length, const BYTE store[])
{
    struct cert_checker *checker = impl_from_IBackgroundCopyServerCertificateValidationCallback(iface);
    struct event *event = event_add(checker->log, EV_VALIDATE, job, file);

    if (event)
    {
        event->cert_length = cert_length;
        event->cert_encoding = encoding;
        event->store_length = store_length;
        memcpy(event->cert, cert, min(cert_length, sizeof(event->cert)));
        memcpy(event->store, store, min(store_length, sizeof(event->store)));
    }
    return checker->answer;
}

static const IBackgroundCopyServerCertificateValidationCallbackVtbl checker_vtbl =
{
    checker_QueryInterface, checker_AddRef, checker_Release, checker_ValidateServerCertificate,
};

void jobs_cert_checker_init(struct cert_checker *checker, struct event_log *log)
{
    checker->IBackgroundCopyServerCertificateValidationCallback_iface.lpVtbl = &checker_vtbl;
    checker->ref = 1;
    checker->log = log;
    checker->answer = S_OK;
}
