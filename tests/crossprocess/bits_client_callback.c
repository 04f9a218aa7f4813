/* The client's IBackgroundCopyCallback: Wine's service calls it when a
 * job is transferred, and it calls the service back from inside the call. */
#include "bits_client.h"

static struct callback *impl_from_callback(IBackgroundCopyCallback *iface)
{
    return CONTAINING_RECORD(iface, struct callback, IBackgroundCopyCallback_iface);
}

static HRESULT WINAPI callback_QueryInterface(IBackgroundCopyCallback *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyCallback))
    {
        *out = iface;
        IBackgroundCopyCallback_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI callback_AddRef(IBackgroundCopyCallback *iface)
{
    return InterlockedIncrement(&impl_from_callback(iface)->ref);
}

static ULONG WINAPI callback_Release(IBackgroundCopyCallback *iface)
{
    return InterlockedDecrement(&impl_from_callback(iface)->ref);
}

/* Runs on an RPC thread while the service waits: calls back into it. */
static HRESULT WINAPI callback_JobTransferred(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job)
{
    struct callback *cb = impl_from_callback(iface);
    if (!cb->job && job)
    {
        IBackgroundCopyJob_AddRef(job);
        IBackgroundCopyJob_GetDisplayName(job, &cb->name_inside);
        cb->state_hr = IBackgroundCopyJob_GetState(job, &cb->state_inside);
        cb->job = job;
    }
    SetEvent(cb->transferred);
    return S_OK;
}

static HRESULT WINAPI callback_JobError(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job, IBackgroundCopyError *error)
{
    return S_OK;
}

static HRESULT WINAPI callback_JobModification(IBackgroundCopyCallback *iface, IBackgroundCopyJob *job, DWORD reserved)
{
    return S_OK;
}

static const IBackgroundCopyCallbackVtbl callback_vtbl =
{
    callback_QueryInterface, callback_AddRef, callback_Release,
    callback_JobTransferred, callback_JobError, callback_JobModification,
};

void callback_init(struct callback *cb)
{
    memset(cb, 0, sizeof(*cb));
    cb->IBackgroundCopyCallback_iface.lpVtbl = &callback_vtbl;
    cb->ref = 1;
    cb->transferred = CreateEventW(NULL, TRUE, FALSE, NULL);
}

void callback_reset(struct callback *cb)
{
    if (cb->job) IBackgroundCopyJob_Release(cb->job);
    CoTaskMemFree(cb->name_inside);
    cb->job = NULL;
    cb->name_inside = NULL;
    ResetEvent(cb->transferred);
}
