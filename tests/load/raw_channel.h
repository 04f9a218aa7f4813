/*
 * A channel to a real stub, for sending it bytes no proxy would write.
 * raw_channel_register() makes a tiny PSFactoryBuffer of this test, whose
 * class object exists in the caller's apartment only, the proxy/stub class
 * of some IIDs; an interface pointer of those IIDs unmarshaled in that
 * apartment is then this factory's "proxy": an object with IUnknown only,
 * which keeps the IRpcChannelBuffer COM connected it to, the channel to the
 * object's stub in its own apartment or process. CoRegisterPSClsid is
 * process-wide (in Wine 8 as on Windows), so raw_channel_restore() gives the
 * IIDs their own proxy/stub class back once the proxies are made: the other
 * apartments' proxies of those IIDs must stay qmgrprxy.dll's.
 */
#ifndef QMGRPRXY_RAW_CHANNEL_H
#define QMGRPRXY_RAW_CHANNEL_H

#include <windows.h>
#include <objbase.h>

/* saved[i] receives iids[i]'s proxy/stub class, for raw_channel_restore. */
HRESULT raw_channel_register(const IID *const *iids, unsigned int count, CLSID *saved, DWORD *cookie);
HRESULT raw_channel_restore(const IID *const *iids, unsigned int count, const CLSID *saved);
void raw_channel_unregister(DWORD cookie);

/* The channel behind a proxy this factory made (not AddRef'ed), or NULL. */
IRpcChannelBuffer *raw_channel_of(IUnknown *proxy);

/* Sends body as method `method` of iid through channel; on a reply, copies
 * up to reply_max bytes of it and releases the interface pointers in it.
 * Returns what SendReceive returned (a fault of the server side comes back
 * as its code). */
HRESULT raw_channel_call(IRpcChannelBuffer *channel, const IID *iid, ULONG method, const BYTE *body, ULONG size,
                         BYTE *reply, ULONG reply_max, ULONG *reply_size);

#endif
