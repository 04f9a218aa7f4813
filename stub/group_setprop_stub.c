/*
 * Server side of IBackgroundCopyGroup::SetProp: the stub receives the wire
 * call InternalSetProp ([call_as(SetProp)]) and hands it to the object's
 * SetProp, which is what the object implements.
 */
#include "qmgrprxy.h"

HRESULT __RPC_STUB IBackgroundCopyGroup_SetProp_Stub(IBackgroundCopyGroup *This, GROUPPROP propID, VARIANT *pvarVal)
{
    return IBackgroundCopyGroup_SetProp(This, propID, pvarVal);
}
