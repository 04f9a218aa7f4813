/*
 * IBackgroundCopyGroup::SetProp, both halves. The SDK declares SetProp
 * [local]; what goes on the wire is InternalSetProp ([call_as(SetProp)]),
 * with the same arguments.
 */
#include "qmgrprxy.h"

/* Client: fills SetProp's vtable slot with the wire call. */
HRESULT CALLBACK IBackgroundCopyGroup_SetProp_Proxy(IBackgroundCopyGroup *This, GROUPPROP propID, VARIANT *pvarVal)
{
    return IBackgroundCopyGroup_InternalSetProp_Proxy(This, propID, pvarVal);
}

/* Server: the stub received InternalSetProp; the object implements SetProp. */
HRESULT __RPC_STUB IBackgroundCopyGroup_SetProp_Stub(IBackgroundCopyGroup *This, GROUPPROP propID, VARIANT *pvarVal)
{
    return IBackgroundCopyGroup_SetProp(This, propID, pvarVal);
}
