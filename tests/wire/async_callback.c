/*
 * AsyncIBackgroundCopyCallback, the async_uuid twin of IBackgroundCopyCallback.
 * COM reaches it through ICallFactory::CreateCall on a proxy of the
 * synchronous interface: Begin_JobTransferred ... Finish_JobModification.
 * The callback object lives in an STA, the caller in the MTA.
 *
 * Under Wine (8.0) the call factory is refused before any BITS code runs.
 * The proxy manager (dlls/combase/marshal.c, proxy_manager_query_local_interface)
 * answers only IUnknown, IMultiQI, IMarshal, IClientSecurity and the
 * interfaces it already has proxies for; it sends any other IID to the
 * object's apartment as IRemUnknown::RemQueryInterface
 * (ClientIdentity_QueryMultipleInterfaces). There marshal_object first looks
 * up a PSFactoryBuffer for the IID (get_facbuf_for_iid -> CoGetPSClsid);
 * ICallFactory is a local interface with none, so the answer is
 * E_NOINTERFACE and the object itself is never asked. rpcrt4's interface
 * proxies have no ICallFactory either, and rpcrt4 exports
 * NdrDcomAsyncClientCall / NdrDcomAsyncStubCall only as stubs. This test
 * proves that chain (or, on a runtime that has the factory, runs the three
 * Begin/Finish pairs), and that the async interface's presence breaks
 * nothing: its proxy and stub can be made and released, and the
 * synchronous callback keeps working across the apartment boundary.
 */
#include <stdio.h>
#include <string.h>
#include <rpcproxy.h>
#include "tap.h"
#include "testutil.h"
#include "com_helpers.h"
#include "recording_channel.h"
#include "recording_server.h"

static struct recording_server callback;        /* lives in the STA */
static IStream *marshaled;
static HANDLE ready, done;

static HRESULT callback_handler(struct recording_server *server, unsigned int slot, const UINT_PTR *args)
{
    return S_OK;
}

static DWORD WINAPI sta_thread(void *arg)
{
    MSG msg;
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    recording_server_init(&callback);
    callback.handler = callback_handler;
    CoMarshalInterThreadInterfaceInStream(&IID_IBackgroundCopyCallback, &callback.IUnknown_iface, &marshaled);
    SetEvent(ready);
    while (MsgWaitForMultipleObjects(1, &done, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0)
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);
    CoUninitialize();
    return 0;
}

/* The three synchronous callbacks, checked at the server. */
static void sync_calls(IBackgroundCopyCallback *cb, IUnknown *job, IUnknown *error, const char *when)
{
    HRESULT hr;

    callback.calls = 0;
    hr = IBackgroundCopyCallback_JobTransferred(cb, (IBackgroundCopyJob *)job);
    ok(hr == S_OK && callback.calls == 1 && callback.last_slot == 3 && callback.args[0],
       "%s: JobTransferred reaches the STA object (%#lx, slot %u)", when, hr, callback.last_slot);
    hr = IBackgroundCopyCallback_JobError(cb, (IBackgroundCopyJob *)job, (IBackgroundCopyError *)error);
    ok(hr == S_OK && callback.calls == 2 && callback.last_slot == 4 && callback.args[0] && callback.args[1],
       "%s: JobError reaches the STA object (%#lx, slot %u)", when, hr, callback.last_slot);
    hr = IBackgroundCopyCallback_JobModification(cb, (IBackgroundCopyJob *)job, 0x1234);
    ok(hr == S_OK && callback.calls == 3 && callback.last_slot == 5 && (DWORD)callback.args[1] == 0x1234,
       "%s: JobModification reaches the STA object with dwReserved 0x1234 (%#lx)", when, hr);
}

/* On a runtime with a call factory: the asynchronous calls, end to end. */
static void async_calls(ICallFactory *factory, IUnknown *job, IUnknown *error)
{
    AsyncIBackgroundCopyCallback *async = NULL;
    HRESULT hr;

    hr = ICallFactory_CreateCall(factory, &IID_AsyncIBackgroundCopyCallback, NULL,
                                 &IID_AsyncIBackgroundCopyCallback, (IUnknown **)&async);
    if (!ok(hr == S_OK && async, "ICallFactory::CreateCall(IID_AsyncIBackgroundCopyCallback): %#lx", hr)) return;
    callback.calls = 0;
    hr = AsyncIBackgroundCopyCallback_Begin_JobTransferred(async, (IBackgroundCopyJob *)job);
    ok(hr == S_OK, "Begin_JobTransferred: %#lx", hr);
    hr = AsyncIBackgroundCopyCallback_Finish_JobTransferred(async);
    ok(hr == S_OK && callback.calls == 1 && callback.last_slot == 3, "Finish_JobTransferred: %#lx, slot %u", hr,
       callback.last_slot);
    AsyncIBackgroundCopyCallback_Release(async);

    hr = ICallFactory_CreateCall(factory, &IID_AsyncIBackgroundCopyCallback, NULL,
                                 &IID_AsyncIBackgroundCopyCallback, (IUnknown **)&async);
    if (hr != S_OK) return;
    hr = AsyncIBackgroundCopyCallback_Begin_JobError(async, (IBackgroundCopyJob *)job, (IBackgroundCopyError *)error);
    ok(hr == S_OK, "Begin_JobError: %#lx", hr);
    hr = AsyncIBackgroundCopyCallback_Finish_JobError(async);
    ok(hr == S_OK && callback.calls == 2 && callback.last_slot == 4, "Finish_JobError: %#lx", hr);
    AsyncIBackgroundCopyCallback_Release(async);

    hr = ICallFactory_CreateCall(factory, &IID_AsyncIBackgroundCopyCallback, NULL,
                                 &IID_AsyncIBackgroundCopyCallback, (IUnknown **)&async);
    if (hr != S_OK) return;
    hr = AsyncIBackgroundCopyCallback_Begin_JobModification(async, (IBackgroundCopyJob *)job, 0x1234);
    ok(hr == S_OK, "Begin_JobModification: %#lx", hr);
    hr = AsyncIBackgroundCopyCallback_Finish_JobModification(async);
    ok(hr == S_OK && callback.calls == 3 && (DWORD)callback.args[1] == 0x1234, "Finish_JobModification: %#lx", hr);
    AsyncIBackgroundCopyCallback_Release(async);
}

/* The DLL's own part, without ole32: a proxy of the synchronous interface
 * and what it answers for ICallFactory; the async interface's proxy and
 * stub from the same factory, made and released. */
static void factory_checks(void)
{
    struct recording_channel channel;
    struct counted_unknown outer;
    struct any_object object;
    IRpcProxyBuffer *buffer = NULL;
    IRpcStubBuffer *stub = NULL;
    IPSFactoryBuffer *factory;
    ICallFactory *call_factory = NULL;
    IUnknown *proxy = NULL;
    CLSID clsid;
    HRESULT hr;

    recording_channel_init(&channel);
    counted_unknown_init(&outer);
    hr = recording_proxy_create(&IID_IBackgroundCopyCallback, &outer.IUnknown_iface, &channel, &buffer, &proxy);
    ok(hr == S_OK, "proxy of IBackgroundCopyCallback from the DLL's factory: %#lx", hr);
    if (buffer)
    {
        hr = IRpcProxyBuffer_QueryInterface(buffer, &IID_ICallFactory, (void **)&call_factory);
        ok(hr == E_NOINTERFACE || (hr == S_OK && call_factory),
           "rpcrt4's proxy buffer for IBackgroundCopyCallback: QueryInterface(IID_ICallFactory) = %#lx%s", hr,
           hr == E_NOINTERFACE ? " (no call factory in this runtime's interface proxies)" : "");
        if (call_factory) ICallFactory_Release(call_factory);
        IUnknown_Release(proxy);
        IRpcProxyBuffer_Release(buffer);
    }
    ok(outer.ref == 1, "the proxy's outer object released to 1 (%ld)", outer.ref);

    if (FAILED(hr = get_ps_factory(&IID_AsyncIBackgroundCopyCallback, &factory, &clsid)))
    {
        ok(0, "no PSFactoryBuffer for AsyncIBackgroundCopyCallback: %#lx", hr);
        return;
    }
    counted_unknown_init(&outer);
    hr = IPSFactoryBuffer_CreateProxy(factory, &outer.IUnknown_iface, &IID_AsyncIBackgroundCopyCallback, &buffer,
                                      (void **)&proxy);
    ok(hr == S_OK, "CreateProxy(IID_AsyncIBackgroundCopyCallback): %#lx", hr);
    if (SUCCEEDED(hr))
    {
        IUnknown_Release(proxy);
        IRpcProxyBuffer_Release(buffer);
    }
    ok(outer.ref == 1, "the async proxy's outer object released to 1 (%ld)", outer.ref);

    /* a stub connects to an object that answers its IID (as in completeness.c) */
    any_object_init(&object);
    hr = IPSFactoryBuffer_CreateStub(factory, &IID_AsyncIBackgroundCopyCallback, (IUnknown *)&object, &stub);
    ok(hr == S_OK && stub, "CreateStub(IID_AsyncIBackgroundCopyCallback): %#lx", hr);
    if (stub)
    {
        IRpcStubBuffer_Disconnect(stub);
        IRpcStubBuffer_Release(stub);   /* the Release DllMain supplies */
    }
    ok(object.ref == 1, "the async stub's object released to 1 (%ld)", object.ref);
    IPSFactoryBuffer_Release(factory);
}

int main(void)
{
    struct recording_server job, error;
    IBackgroundCopyCallback *cb = NULL;
    ICallFactory *factory = NULL;
    HANDLE thread;
    CLSID clsid;
    HRESULT hr, qi_hr;

    tap_start();
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    recording_server_init(&job);
    recording_server_init(&error);
    ready = CreateEventW(NULL, FALSE, FALSE, NULL);
    done = CreateEventW(NULL, FALSE, FALSE, NULL);
    thread = CreateThread(NULL, 0, sta_thread, NULL, 0, NULL);
    WaitForSingleObject(ready, INFINITE);

    hr = CoGetInterfaceAndReleaseStream(marshaled, &IID_IBackgroundCopyCallback, (void **)&cb);
    ok(hr == S_OK && cb, "IBackgroundCopyCallback unmarshaled in the MTA: %#lx", hr);
    if (cb)
    {
        sync_calls(cb, &job.IUnknown_iface, &error.IUnknown_iface, "before");

        callback.refused = 0;
        hr = qi_hr = IBackgroundCopyCallback_QueryInterface(cb, &IID_ICallFactory, (void **)&factory);
        if (hr == S_OK && factory)
        {
            ok(1, "QueryInterface(IID_ICallFactory) on the proxy: S_OK");
            async_calls(factory, &job.IUnknown_iface, &error.IUnknown_iface);
            ICallFactory_Release(factory);
        }
        else
        {
            /* The refusal this runtime makes, exactly: see the comment at the top. */
            ok(hr == E_NOINTERFACE && !factory,
               "QueryInterface(IID_ICallFactory) on the proxy of IBackgroundCopyCallback: %#lx "
               "(E_NOINTERFACE: the proxy manager has no call factory)", hr);
            /* ...not by the object, which was never asked... */
            ok(callback.refused == 0, "the STA object was not asked for IID_ICallFactory (%u refusals there)",
               callback.refused);
            /* ...but where the remote QueryInterface looks for a proxy/stub */
            hr = CoGetPSClsid(&IID_ICallFactory, &clsid);
            ok(FAILED(hr), "CoGetPSClsid(IID_ICallFactory) = %#lx: no proxy/stub for it, so "
               "RemQueryInterface's marshal_object answers E_NOINTERFACE", hr);
            printf("# AsyncIBackgroundCopyCallback: refused by this runtime at "
                   "IBackgroundCopyCallback::QueryInterface(IID_ICallFactory) = %#lx\n", qi_hr);
        }

        sync_calls(cb, &job.IUnknown_iface, &error.IUnknown_iface, "after");
        IBackgroundCopyCallback_Release(cb);
    }

    factory_checks();

    SetEvent(done);
    WaitForSingleObject(thread, INFINITE);
    ok(callback.ref == 1, "the STA callback object released to 1 (%ld)", callback.ref);
    ok(job.ref == 1 && error.ref == 1, "the job and error objects released to 1 (%ld, %ld)", job.ref, error.ref);
    CoUninitialize();
    return tap_done();
}
