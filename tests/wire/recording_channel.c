/* The recording channel of recording_channel.h: the hooks it adds to the
 * in-thread channel (server/loopback_channel.c). */
#include <string.h>
#include <rpcproxy.h>
#include "recording_channel.h"
#include "com_helpers.h"

static struct recording_channel *impl_from(struct loopback_channel *base)
{
    return CONTAINING_RECORD(base, struct recording_channel, base);
}

static void *heap_alloc(ULONG len)
{
    return loopback_buffer(len);
}

static const struct channel_memory heap_memory = { heap_alloc, loopback_buffer_free };

static void *copy_buffer(const void *bytes, ULONG len)
{
    void *buffer = loopback_buffer(len);
    if (buffer && len) memcpy(buffer, bytes, len);
    return buffer;
}

/* The request a stub is fed and the reply a proxy gets: from the channel's memory. */
static void *copy_to_memory(struct recording_channel *channel, const void *bytes, ULONG len)
{
    void *buffer = channel->memory->alloc(len);
    if (buffer && len) memcpy(buffer, bytes, len);
    return buffer;
}

static void recording_got_buffer(struct loopback_channel *base, void *buffer, ULONG size, BOOL reply)
{
    struct recording_channel *channel = impl_from(base);
    channel->gets++;
    if (reply)
    {
        /* The stub's reply: the request buffer still belongs to the
         * invoker; the reply is kept until the next reset. */
        loopback_buffer_free(channel->stub_reply);
        channel->stub_reply = buffer;
        channel->stub_reply_len = channel->stub_reply_asked = size;
    }
    else channel->request_asked = size;
}

static HRESULT recording_send_receive(struct loopback_channel *base, RPCOLEMESSAGE *msg)
{
    struct recording_channel *channel = impl_from(base);

    channel->sends++;
    channel->request_method = msg->iMethod;
    loopback_buffer_free(channel->request);
    channel->request = copy_buffer(msg->Buffer, msg->cbBuffer);
    channel->request_len = msg->cbBuffer;
    channel->request_overrun = loopback_overrun(msg->Buffer, channel->request_asked, msg->cbBuffer);
    loopback_buffer_free(msg->Buffer);

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

    msg->Buffer = channel->proxy_reply = copy_to_memory(channel, channel->reply, channel->reply_len);
    msg->cbBuffer = channel->reply_len;
    msg->dataRepresentation = NDR_LOCAL_DATA_REPRESENTATION;
    return msg->Buffer ? S_OK : E_OUTOFMEMORY;
}

static BOOL recording_keep_buffer(struct loopback_channel *base, void *buffer)
{
    struct recording_channel *channel = impl_from(base);
    if (buffer == channel->stub_reply) return TRUE;   /* kept for the test */
    if (buffer && buffer == channel->proxy_reply)     /* the channel's memory: freed here */
    {
        channel->memory->free(buffer);
        channel->proxy_reply = NULL;
        return TRUE;
    }
    return FALSE;
}

static const struct loopback_hooks recording_hooks =
{
    recording_got_buffer, recording_send_receive, recording_keep_buffer,
};

void recording_channel_init(struct recording_channel *channel)
{
    memset(channel, 0, sizeof(*channel));
    channel->memory = &heap_memory;
    /* What a channel to the BITS service, in another process, reports. */
    loopback_channel_init(&channel->base, NULL, MSHCTX_LOCAL, &recording_hooks);
}

void recording_channel_reset(struct recording_channel *channel)
{
    loopback_buffer_free(channel->request);
    loopback_buffer_free(channel->stub_reply);
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
    hr = IRpcProxyBuffer_Connect(*proxy_buffer, &channel->base.IRpcChannelBuffer_iface);
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
    unsigned char *buffer = copy_to_memory(channel, request, len);
    HRESULT hr;

    if (!buffer) return E_OUTOFMEMORY;
    memset(&msg, 0, sizeof(msg));
    msg.Buffer = buffer;
    msg.cbBuffer = len;
    msg.iMethod = method;
    msg.dataRepresentation = NDR_LOCAL_DATA_REPRESENTATION;
    hr = loopback_invoke(&channel->base, stub, &msg);
    /* The stub's final length is in the message, not in its GetBuffer request. */
    if (channel->stub_reply && msg.Buffer == channel->stub_reply)
    {
        channel->stub_reply_len = msg.cbBuffer;
        channel->stub_reply_overrun = loopback_overrun(channel->stub_reply, channel->stub_reply_asked, msg.cbBuffer);
    }
    channel->memory->free(buffer);
    return hr;
}
