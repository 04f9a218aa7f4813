/*
 * An in-process stand-in for COM's RPC channel: no transport, just buffers
 * (server/loopback_channel.h, the in-thread channel, with hooks that keep
 * the bytes). A proxy connected to it hands over its request buffer, which
 * is kept, and gets back the reply buffer the test provided. A stub invoked
 * through it gets its reply buffer from it, which is kept too.
 */
#ifndef QMGRPRXY_RECORDING_CHANNEL_H
#define QMGRPRXY_RECORDING_CHANNEL_H

#include <windows.h>
#include <objbase.h>
#include "loopback_channel.h"

/* Where the request a stub is fed and the reply a proxy gets come from:
 * zeroed heap unless a channel says otherwise (the fuzzer ends each one at
 * a no-access page). */
struct channel_memory
{
    void *(*alloc)(ULONG len);          /* zeroed, NDR-aligned (8) */
    void (*free)(void *buffer);
};

struct recording_channel
{
    struct loopback_channel base;       /* its dest_context: what GetDestCtx reports */
    const struct channel_memory *memory;
    void *proxy_reply;                  /* the reply buffer the proxy holds, until its FreeBuffer */

    /* Proxy side: the reply SendReceive answers with (copied into a fresh
     * buffer), and what it saw. With loopback set, the request goes to that
     * stub instead (through loopback_channel) and its reply comes back. */
    IRpcStubBuffer *loopback;
    struct recording_channel *loopback_channel;
    HRESULT loopback_invoke;            /* what the stub's Invoke returned */
    const unsigned char *reply;
    ULONG reply_len;
    unsigned int sends;                 /* SendReceive calls */
    ULONG request_method;               /* iMethod of the last request */
    unsigned char *request;             /* copy of the last request buffer */
    ULONG request_len;
    ULONG request_asked;                /* the size the proxy's GetBuffer asked for */
    BOOL request_overrun;               /* it wrote more, or past the end of it */

    /* Stub side: the reply buffer the stub asked for and filled. */
    unsigned int gets;                  /* GetBuffer calls */
    unsigned char *stub_reply;          /* the buffer GetBuffer handed out last */
    ULONG stub_reply_len;
    ULONG stub_reply_asked;             /* the size the stub's GetBuffer asked for */
    BOOL stub_reply_overrun;            /* it wrote more, or past the end of it */
};

/* Every buffer GetBuffer hands out has this many guard bytes after the size
 * asked for: a marshaling pass that writes more than its sizing pass
 * reserved shows up as an overrun. */
#define CHANNEL_GUARD LOOPBACK_GUARD

void recording_channel_init(struct recording_channel *channel);
/* Frees what the channel recorded and forgets the reply; counters to 0. */
void recording_channel_reset(struct recording_channel *channel);

/* Connects a new proxy for iid, from the PSFactoryBuffer the registry names
 * for it, to the channel. The outer object is the proxy's identity. */
HRESULT recording_proxy_create(REFIID iid, IUnknown *outer, struct recording_channel *channel,
                               IRpcProxyBuffer **proxy_buffer, IUnknown **proxy);

/* Hands request (len bytes, method number) to the stub's Invoke through the
 * channel; afterwards channel->stub_reply holds the reply it produced. */
HRESULT recording_stub_invoke(IRpcStubBuffer *stub, struct recording_channel *channel, ULONG method,
                              const unsigned char *request, ULONG len);

#endif
