/* The raw-channel proxy/stub class (see raw_channel.h). */
#include <string.h>
#include "raw_channel.h"

/* {3f0c6a2e-7d41-4b8e-a5c2-1e9b0d7f4a61}: this test's, registered in one apartment only. */
static const CLSID CLSID_RawChannelPS = {0x3f0c6a2e, 0x7d41, 0x4b8e, {0xa5, 0xc2, 0x1e, 0x9b, 0x0d, 0x7f, 0x4a, 0x61}};

struct raw_proxy
{
    IRpcProxyBuffer IRpcProxyBuffer_iface;   /* held by COM's proxy manager */
    IUnknown IUnknown_iface;                 /* the interface pointer the client gets; delegates */
    LONG ref;
    IUnknown *outer;
    IRpcChannelBuffer *channel;
};

static struct raw_proxy *impl_from_IRpcProxyBuffer(IRpcProxyBuffer *iface)
{
    return CONTAINING_RECORD(iface, struct raw_proxy, IRpcProxyBuffer_iface);
}

static struct raw_proxy *impl_from_IUnknown(IUnknown *iface)
{
    return CONTAINING_RECORD(iface, struct raw_proxy, IUnknown_iface);
}

static HRESULT WINAPI buffer_QueryInterface(IRpcProxyBuffer *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IRpcProxyBuffer))
    {
        *out = iface;
        IRpcProxyBuffer_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI buffer_AddRef(IRpcProxyBuffer *iface)
{
    return InterlockedIncrement(&impl_from_IRpcProxyBuffer(iface)->ref);
}

static ULONG WINAPI buffer_Release(IRpcProxyBuffer *iface)
{
    struct raw_proxy *proxy = impl_from_IRpcProxyBuffer(iface);
    ULONG ref = InterlockedDecrement(&proxy->ref);

    if (!ref)
    {
        if (proxy->channel) IRpcChannelBuffer_Release(proxy->channel);
        HeapFree(GetProcessHeap(), 0, proxy);
    }
    return ref;
}

static HRESULT WINAPI buffer_Connect(IRpcProxyBuffer *iface, IRpcChannelBuffer *channel)
{
    struct raw_proxy *proxy = impl_from_IRpcProxyBuffer(iface);

    if (proxy->channel) IRpcChannelBuffer_Release(proxy->channel);
    if ((proxy->channel = channel)) IRpcChannelBuffer_AddRef(channel);
    return S_OK;
}

static void WINAPI buffer_Disconnect(IRpcProxyBuffer *iface)
{
    struct raw_proxy *proxy = impl_from_IRpcProxyBuffer(iface);

    if (proxy->channel) IRpcChannelBuffer_Release(proxy->channel);
    proxy->channel = NULL;
}

static const IRpcProxyBufferVtbl buffer_vtbl =
{
    buffer_QueryInterface, buffer_AddRef, buffer_Release, buffer_Connect, buffer_Disconnect,
};

static HRESULT WINAPI iface_QueryInterface(IUnknown *iface, REFIID riid, void **out)
{
    return IUnknown_QueryInterface(impl_from_IUnknown(iface)->outer, riid, out);
}

static ULONG WINAPI iface_AddRef(IUnknown *iface)
{
    return IUnknown_AddRef(impl_from_IUnknown(iface)->outer);
}

static ULONG WINAPI iface_Release(IUnknown *iface)
{
    return IUnknown_Release(impl_from_IUnknown(iface)->outer);
}

static const IUnknownVtbl iface_vtbl = { iface_QueryInterface, iface_AddRef, iface_Release };

static HRESULT WINAPI factory_QueryInterface(IPSFactoryBuffer *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IPSFactoryBuffer))
    {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI factory_AddRef(IPSFactoryBuffer *iface) { return 2; }
static ULONG WINAPI factory_Release(IPSFactoryBuffer *iface) { return 1; }

/* As rpcrt4's proxies do, the interface pointer handed out holds a reference on the outer object. */
static HRESULT WINAPI factory_CreateProxy(IPSFactoryBuffer *iface, IUnknown *outer, REFIID riid,
                                          IRpcProxyBuffer **buffer, void **out)
{
    struct raw_proxy *proxy;

    *buffer = NULL;
    *out = NULL;
    if (!outer) return E_INVALIDARG;
    if (!(proxy = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*proxy)))) return E_OUTOFMEMORY;
    proxy->IRpcProxyBuffer_iface.lpVtbl = &buffer_vtbl;
    proxy->IUnknown_iface.lpVtbl = &iface_vtbl;
    proxy->ref = 1;
    proxy->outer = outer;
    *buffer = &proxy->IRpcProxyBuffer_iface;
    *out = &proxy->IUnknown_iface;
    IUnknown_AddRef(outer);
    return S_OK;
}

static HRESULT WINAPI factory_CreateStub(IPSFactoryBuffer *iface, REFIID riid, IUnknown *server, IRpcStubBuffer **stub)
{
    *stub = NULL;
    return E_NOTIMPL;   /* this apartment only calls out */
}

static const IPSFactoryBufferVtbl factory_vtbl =
{
    factory_QueryInterface, factory_AddRef, factory_Release, factory_CreateProxy, factory_CreateStub,
};
static IPSFactoryBuffer factory = { &factory_vtbl };

HRESULT raw_channel_register(const IID *const *iids, unsigned int count, CLSID *saved, DWORD *cookie)
{
    unsigned int i;
    HRESULT hr = S_OK;

    for (i = 0; SUCCEEDED(hr) && i < count; i++) hr = CoGetPSClsid(iids[i], &saved[i]);
    if (SUCCEEDED(hr))
        hr = CoRegisterClassObject(&CLSID_RawChannelPS, (IUnknown *)&factory, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE,
                                   cookie);
    for (i = 0; SUCCEEDED(hr) && i < count; i++) hr = CoRegisterPSClsid(iids[i], &CLSID_RawChannelPS);
    return hr;
}

HRESULT raw_channel_restore(const IID *const *iids, unsigned int count, const CLSID *saved)
{
    unsigned int i;
    HRESULT hr = S_OK;

    for (i = 0; SUCCEEDED(hr) && i < count; i++) hr = CoRegisterPSClsid(iids[i], &saved[i]);
    return hr;
}

void raw_channel_unregister(DWORD cookie)
{
    CoRevokeClassObject(cookie);
}

IRpcChannelBuffer *raw_channel_of(IUnknown *proxy)
{
    if (!proxy || proxy->lpVtbl != &iface_vtbl) return NULL;
    return impl_from_IUnknown(proxy)->channel;
}

/* A reply that hands out interface pointers holds a reference on each for
 * whoever unmarshals it: each OBJREF ("MEOW", after its byte count in
 * Wine's layout) is unmarshaled and released here (Wine's
 * CoReleaseMarshalData refuses an object of another apartment,
 * RPC_E_INVALID_OBJREF). */
static void release_interfaces(const BYTE *reply, ULONG size)
{
    ULONG i, count;

    for (i = 4; i + 4 <= size; i++)
    {
        IStream *stream;
        if (memcmp(reply + i, "MEOW", 4)) continue;
        memcpy(&count, reply + i - 4, sizeof(count));
        if (count < 24 || count > size - i) continue;
        if (FAILED(CreateStreamOnHGlobal(NULL, TRUE, &stream))) continue;
        if (SUCCEEDED(IStream_Write(stream, reply + i, count, NULL)))
        {
            LARGE_INTEGER zero = {{0}};
            IUnknown *object = NULL;
            IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
            if (SUCCEEDED(CoUnmarshalInterface(stream, &IID_IUnknown, (void **)&object))) IUnknown_Release(object);
        }
        IStream_Release(stream);
        i += count - 1;
    }
}

HRESULT raw_channel_call(IRpcChannelBuffer *channel, const IID *iid, ULONG method, const BYTE *body, ULONG size,
                         BYTE *reply, ULONG reply_max, ULONG *reply_size)
{
    RPCOLEMESSAGE msg;
    ULONG status = 0;
    HRESULT hr;

    *reply_size = 0;
    memset(&msg, 0, sizeof(msg));
    msg.dataRepresentation = NDR_LOCAL_DATA_REPRESENTATION;
    msg.iMethod = method;
    msg.cbBuffer = size;
    if (FAILED(hr = IRpcChannelBuffer_GetBuffer(channel, &msg, iid))) return hr;
    if (size) memcpy(msg.Buffer, body, size);
    hr = IRpcChannelBuffer_SendReceive(channel, &msg, &status);
    if (SUCCEEDED(hr) && msg.Buffer)
    {
        *reply_size = msg.cbBuffer;
        memcpy(reply, msg.Buffer, min(msg.cbBuffer, reply_max));
        release_interfaces(msg.Buffer, msg.cbBuffer);
    }
    IRpcChannelBuffer_FreeBuffer(channel, &msg);
    return hr;
}
