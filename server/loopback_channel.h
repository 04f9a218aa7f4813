/*
 * A COM channel in the caller's thread, with no RPC under it: a proxy
 * connected to it hands its request straight to a stub's Invoke, and the
 * buffer the stub fills is the proxy's reply. The benchmark's loopback
 * setting measures a DLL's own work with it; the wire tests' recording
 * channel (tests/wire/recording_channel.h) is one that also keeps the
 * bytes.
 *
 * Every buffer it hands out is heap memory (NDR aligns relative to the
 * buffer's address; the heap gives 16 bytes on x86_64), zeroed, with
 * LOOPBACK_GUARD guard bytes after the size asked for, so that a marshaling
 * pass that writes more than its sizing pass reserved can be seen
 * (loopback_overrun).
 */
#ifndef QMGRPRXY_LOOPBACK_CHANNEL_H
#define QMGRPRXY_LOOPBACK_CHANNEL_H

#include <windows.h>
#include <objbase.h>

#define LOOPBACK_GUARD 64

struct loopback_channel;

/* What a channel that records does on top of the plain loopback (each may
 * be NULL). */
struct loopback_hooks
{
    /* GetBuffer handed out buffer for size bytes; reply: inside Invoke,
     * i.e. the stub's reply (otherwise the proxy's request). */
    void (*got_buffer)(struct loopback_channel *channel, void *buffer, ULONG size, BOOL reply);
    /* Replaces the delivery to channel->stub. */
    HRESULT (*send_receive)(struct loopback_channel *channel, RPCOLEMESSAGE *msg);
    /* FreeBuffer: TRUE keeps the buffer (its owner frees it later). */
    BOOL (*keep_buffer)(struct loopback_channel *channel, void *buffer);
};

struct loopback_channel
{
    IRpcChannelBuffer IRpcChannelBuffer_iface;
    LONG ref;                           /* COM's references; the owner frees the channel */
    DWORD dest_context;                 /* what GetDestCtx reports */
    IRpcStubBuffer *stub;               /* where SendReceive delivers a request */
    BOOL invoking;                      /* inside loopback_invoke */
    const struct loopback_hooks *hooks; /* NULL: the plain loopback */
};

void loopback_channel_init(struct loopback_channel *channel, IRpcStubBuffer *stub, DWORD dest_context,
                           const struct loopback_hooks *hooks);

/* Hands msg (a request whose method number the proxy has marked with
 * RPC_FLAGS_VALID_BIT or not) to the stub's Invoke through the channel:
 * the reply buffer the stub gets from the channel is in msg afterwards. */
HRESULT loopback_invoke(struct loopback_channel *channel, IRpcStubBuffer *stub, RPCOLEMESSAGE *msg);

/* The channel's buffers: allocation with its guard, the check of the
 * final length against the size asked for and of the guard, and freeing. */
void *loopback_buffer(ULONG size);
BOOL loopback_overrun(const void *buffer, ULONG asked, ULONG used);
void loopback_buffer_free(void *buffer);

/* A proxy and a stub of one factory joined by a plain loopback channel;
 * the proxy aggregates outer. */
struct loopback_pair
{
    struct loopback_channel channel;
    IRpcStubBuffer *stub;
    IRpcProxyBuffer *proxy;
};
HRESULT loopback_pair_connect(struct loopback_pair *pair, IPSFactoryBuffer *factory, REFIID iid, IUnknown *object,
                              IUnknown *outer, void **iface);
void loopback_pair_disconnect(struct loopback_pair *pair);

#endif
