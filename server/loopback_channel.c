/* The in-thread channel of loopback_channel.h. */
#include <string.h>
#include <rpcproxy.h>
#include "loopback_channel.h"

#define GUARD_BYTE 0xa5

void *loopback_buffer(ULONG size)
{
    unsigned char *buffer = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size + LOOPBACK_GUARD);
    if (buffer) memset(buffer + size, GUARD_BYTE, LOOPBACK_GUARD);
    return buffer;
}

/* The final length within what was asked for, and the guard untouched. */
BOOL loopback_overrun(const void *buffer, ULONG asked, ULONG used)
{
    const unsigned char *bytes = buffer;
    unsigned int i;
    if (used > asked) return TRUE;
    for (i = 0; i < LOOPBACK_GUARD; i++)
        if (bytes[asked + i] != GUARD_BYTE) return TRUE;
    return FALSE;
}

void loopback_buffer_free(void *buffer)
{
    HeapFree(GetProcessHeap(), 0, buffer);
}

static struct loopback_channel *impl_from(IRpcChannelBuffer *iface)
{
    return CONTAINING_RECORD(iface, struct loopback_channel, IRpcChannelBuffer_iface);
}

static HRESULT STDMETHODCALLTYPE channel_QueryInterface(IRpcChannelBuffer *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IRpcChannelBuffer))
    {
        *ppv = iface;
        IRpcChannelBuffer_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE channel_AddRef(IRpcChannelBuffer *iface)
{
    return InterlockedIncrement(&impl_from(iface)->ref);
}

static ULONG STDMETHODCALLTYPE channel_Release(IRpcChannelBuffer *iface)
{
    return InterlockedDecrement(&impl_from(iface)->ref);
}

/* For the request (proxy side) and, inside Invoke, for the reply (stub
 * side, while the request buffer is still being read). */
static HRESULT STDMETHODCALLTYPE channel_GetBuffer(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg, REFIID riid)
{
    struct loopback_channel *channel = impl_from(iface);
    void *buffer = loopback_buffer(msg->cbBuffer);

    if (!buffer) return E_OUTOFMEMORY;
    if (channel->hooks && channel->hooks->got_buffer)
        channel->hooks->got_buffer(channel, buffer, msg->cbBuffer, channel->invoking);
    msg->Buffer = buffer;
    msg->dataRepresentation = NDR_LOCAL_DATA_REPRESENTATION;
    return S_OK;
}

HRESULT loopback_invoke(struct loopback_channel *channel, IRpcStubBuffer *stub, RPCOLEMESSAGE *msg)
{
    BOOL was_invoking = channel->invoking;
    HRESULT hr;

    channel->invoking = TRUE;
    hr = IRpcStubBuffer_Invoke(stub, msg, &channel->IRpcChannelBuffer_iface);
    channel->invoking = was_invoking;
    return hr;
}

static HRESULT STDMETHODCALLTYPE channel_SendReceive(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg, ULONG *status)
{
    struct loopback_channel *channel = impl_from(iface);
    void *request = msg->Buffer;
    HRESULT hr;

    if (status) *status = 0;
    if (channel->hooks && channel->hooks->send_receive) return channel->hooks->send_receive(channel, msg);
    /* The proxy marks the method number as the RPC runtime wants it; a
     * transport hands the stub the number alone. */
    msg->iMethod &= ~RPC_FLAGS_VALID_BIT;
    hr = loopback_invoke(channel, channel->stub, msg);
    if (SUCCEEDED(hr) && msg->Buffer != request)
    {
        loopback_buffer_free(request);          /* the stub's reply took its place */
        return S_OK;
    }
    /* A stub that fails, or sends nothing back, is a call that failed:
     * what a real channel reports as a fault. */
    if (msg->Buffer != request) loopback_buffer_free(msg->Buffer);
    loopback_buffer_free(request);
    msg->Buffer = NULL;
    msg->cbBuffer = 0;
    return FAILED(hr) ? hr : RPC_E_UNEXPECTED;
}

static HRESULT STDMETHODCALLTYPE channel_FreeBuffer(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg)
{
    struct loopback_channel *channel = impl_from(iface);
    if (channel->hooks && channel->hooks->keep_buffer && channel->hooks->keep_buffer(channel, msg->Buffer))
        return S_OK;
    loopback_buffer_free(msg->Buffer);
    msg->Buffer = NULL;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE channel_GetDestCtx(IRpcChannelBuffer *iface, DWORD *context, void **data)
{
    *context = impl_from(iface)->dest_context;
    if (data) *data = NULL;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE channel_IsConnected(IRpcChannelBuffer *iface)
{
    return S_OK;
}

static const IRpcChannelBufferVtbl channel_vtbl =
{
    channel_QueryInterface, channel_AddRef, channel_Release,
    channel_GetBuffer, channel_SendReceive, channel_FreeBuffer, channel_GetDestCtx, channel_IsConnected,
};

void loopback_channel_init(struct loopback_channel *channel, IRpcStubBuffer *stub, DWORD dest_context,
                           const struct loopback_hooks *hooks)
{
    memset(channel, 0, sizeof(*channel));
    channel->IRpcChannelBuffer_iface.lpVtbl = &channel_vtbl;
    channel->ref = 1;
    channel->dest_context = dest_context;
    channel->stub = stub;
    channel->hooks = hooks;
}

HRESULT loopback_pair_connect(struct loopback_pair *pair, IPSFactoryBuffer *factory, REFIID iid, IUnknown *object,
                              IUnknown *outer, void **iface)
{
    HRESULT hr;

    memset(pair, 0, sizeof(*pair));
    *iface = NULL;
    if (FAILED(hr = IPSFactoryBuffer_CreateStub(factory, iid, object, &pair->stub))) return hr;
    loopback_channel_init(&pair->channel, pair->stub, MSHCTX_INPROC, NULL);
    if (FAILED(hr = IPSFactoryBuffer_CreateProxy(factory, outer, iid, &pair->proxy, iface))) return hr;
    return IRpcProxyBuffer_Connect(pair->proxy, &pair->channel.IRpcChannelBuffer_iface);
}

void loopback_pair_disconnect(struct loopback_pair *pair)
{
    if (pair->proxy)
    {
        IRpcProxyBuffer_Disconnect(pair->proxy);
        IRpcProxyBuffer_Release(pair->proxy);
    }
    if (pair->stub)
    {
        IRpcStubBuffer_Disconnect(pair->stub);
        IRpcStubBuffer_Release(pair->stub);
    }
    memset(pair, 0, sizeof(*pair));
}
