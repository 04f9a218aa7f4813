#include <string.h>
#include <rpcproxy.h>
#include "recording_channel.h"
#include "com_helpers.h"

static struct recording_channel *impl_from(IRpcChannelBuffer *iface)
{
    return CONTAINING_RECORD(iface, struct recording_channel, IRpcChannelBuffer_iface);
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

/* NDR aligns relative to the buffer's address: heap memory is 16-byte
 * aligned on x86_64. */
static void *heap_alloc(ULONG len)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, len ? len : 1);
}

static void heap_free(void *buffer)
{
    HeapFree(GetProcessHeap(), 0, buffer);
}

static const struct channel_memory heap_memory = { heap_alloc, heap_free };

static void *alloc_buffer(struct recording_channel *channel, ULONG len)
{
    return channel->memory->alloc(len);
}

static void free_buffer(struct recording_channel *channel, void *buffer)
{
    if (buffer) channel->memory->free(buffer);
}

#define GUARD_BYTE 0xa5

static void *alloc_guarded(struct recording_channel *channel, ULONG len)
{
    unsigned char *buffer = alloc_buffer(channel, len + CHANNEL_GUARD);
    if (buffer) memset(buffer + len, GUARD_BYTE, CHANNEL_GUARD);
    return buffer;
}

/* The final length within what was asked for, and the guard untouched. */
static BOOL overrun(const unsigned char *buffer, ULONG asked, ULONG used)
{
    unsigned int i;
    if (used > asked) return TRUE;
    for (i = 0; i < CHANNEL_GUARD; i++)
        if (buffer[asked + i] != GUARD_BYTE) return TRUE;
    return FALSE;
}

static HRESULT STDMETHODCALLTYPE channel_GetBuffer(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg, REFIID riid)
{
    struct recording_channel *channel = impl_from(iface);
    void *buffer = alloc_guarded(channel, msg->cbBuffer);
    if (!buffer) return E_OUTOFMEMORY;
    channel->gets++;
    if (channel->invoking)
    {
        /* The stub's reply: the request buffer still belongs to the
         * invoker; the reply is kept until the next reset. */
        free_buffer(channel, channel->stub_reply);
        channel->stub_reply = buffer;
        channel->stub_reply_len = channel->stub_reply_asked = msg->cbBuffer;
    }
    else channel->request_asked = msg->cbBuffer;
    msg->Buffer = buffer;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE channel_SendReceive(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg, ULONG *status)
{
    struct recording_channel *channel = impl_from(iface);
    unsigned char *reply;

    channel->sends++;
    channel->request_method = msg->iMethod;
    free_buffer(channel, channel->request);
    channel->request = alloc_buffer(channel, msg->cbBuffer);
    memcpy(channel->request, msg->Buffer, msg->cbBuffer);
    channel->request_len = msg->cbBuffer;
    channel->request_overrun = overrun(msg->Buffer, channel->request_asked, msg->cbBuffer);

    free_buffer(channel, msg->Buffer);

    if (channel->loopback)
    {
        struct recording_channel *server_side = channel->loopback_channel;
        recording_channel_reset(server_side);
        channel->loopback_invoke = recording_stub_invoke(channel->loopback, server_side,
                                                         channel->request_method & ~RPC_FLAGS_VALID_BIT,
                                                         channel->request, channel->request_len);
        /* A stub that fails is a call that failed: what a real channel
         * would report as a fault. */
        if (FAILED(channel->loopback_invoke) || !server_side->stub_reply)
        {
            msg->Buffer = NULL;
            msg->cbBuffer = 0;
            return FAILED(channel->loopback_invoke) ? channel->loopback_invoke : RPC_E_UNEXPECTED;
        }
        channel->reply = server_side->stub_reply;
        channel->reply_len = server_side->stub_reply_len;
    }

    reply = alloc_buffer(channel, channel->reply_len);
    if (channel->reply_len) memcpy(reply, channel->reply, channel->reply_len);
    msg->Buffer = reply;
    msg->cbBuffer = channel->reply_len;
    msg->dataRepresentation = NDR_LOCAL_DATA_REPRESENTATION;
    if (status) *status = 0;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE channel_FreeBuffer(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg)
{
    struct recording_channel *channel = impl_from(iface);
    if (msg->Buffer == channel->stub_reply) return S_OK;   /* kept for the test */
    free_buffer(channel, msg->Buffer);
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

void recording_channel_init(struct recording_channel *channel)
{
    memset(channel, 0, sizeof(*channel));
    channel->IRpcChannelBuffer_iface.lpVtbl = &channel_vtbl;
    channel->ref = 1;
    channel->memory = &heap_memory;
    /* What a channel to the BITS service, in another process, reports. */
    channel->dest_context = MSHCTX_LOCAL;
}

void recording_channel_reset(struct recording_channel *channel)
{
    free_buffer(channel, channel->request);
    free_buffer(channel, channel->stub_reply);
    channel->request = channel->stub_reply = NULL;
    channel->request_len = channel->stub_reply_len = 0;
    channel->reply = NULL;
    channel->reply_len = 0;
    channel->request_asked = channel->stub_reply_asked = 0;
    channel->request_overrun = channel->stub_reply_overrun = FALSE;
    channel->sends = channel->gets = 0;
    channel->request_method = ~0u;
}

HRESULT recording_proxy_create(REFIID iid, IUnknown *outer, struct recording_channel *channel,
                               IRpcProxyBuffer **proxy_buffer, IUnknown **proxy)
{
    IPSFactoryBuffer *factory;
    CLSID clsid;
    HRESULT hr;

    *proxy_buffer = NULL;
    *proxy = NULL;
    if (FAILED(hr = get_ps_factory(iid, &factory, &clsid))) return hr;
    hr = IPSFactoryBuffer_CreateProxy(factory, outer, iid, proxy_buffer, (void **)proxy);
    IPSFactoryBuffer_Release(factory);
    if (FAILED(hr)) return hr;
    hr = IRpcProxyBuffer_Connect(*proxy_buffer, &channel->IRpcChannelBuffer_iface);
    if (FAILED(hr))
    {
        IUnknown_Release(*proxy);
        IRpcProxyBuffer_Release(*proxy_buffer);
        *proxy = NULL;
        *proxy_buffer = NULL;
    }
    return hr;
}

HRESULT recording_stub_invoke(IRpcStubBuffer *stub, struct recording_channel *channel, ULONG method,
                              const unsigned char *request, ULONG len)
{
    RPCOLEMESSAGE msg;
    unsigned char *buffer = alloc_buffer(channel, len);
    HRESULT hr;

    if (!buffer) return E_OUTOFMEMORY;
    memcpy(buffer, request, len);
    memset(&msg, 0, sizeof(msg));
    msg.Buffer = buffer;
    msg.cbBuffer = len;
    msg.iMethod = method;
    msg.dataRepresentation = NDR_LOCAL_DATA_REPRESENTATION;
    channel->invoking = TRUE;
    hr = IRpcStubBuffer_Invoke(stub, &msg, &channel->IRpcChannelBuffer_iface);
    channel->invoking = FALSE;
    /* The stub's final length is in the message, not in its GetBuffer request. */
    if (channel->stub_reply && msg.Buffer == channel->stub_reply)
    {
        channel->stub_reply_len = msg.cbBuffer;
        channel->stub_reply_overrun = overrun(channel->stub_reply, channel->stub_reply_asked, msg.cbBuffer);
    }
    free_buffer(channel, buffer);
    return hr;
}
