/*
 * Client side of IBackgroundCopyGroup::SetProp. The SDK declares SetProp
 * [local]; what goes on the wire is InternalSetProp ([call_as(SetProp)]),
 * with the same arguments. This routine fills SetProp's vtable slot.
 */
#include "qmgrprxy.h"

HRESULT CALLBACK IBackgroundCopyGroup_SetProp_Proxy(IBackgroundCopyGroup *This, GROUPPROP propID, VARIANT *pvarVal)
{
    return IBackgroundCopyGroup_InternalSetProp_Proxy(This, propID, pvarVal);
}
