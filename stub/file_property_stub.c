/*
 * Server side of IBackgroundCopyFile5::SetProperty and GetProperty: the stub
 * receives the wire structures of idl/bits5_0.idl and calls the object's
 * SDK methods.
 */
#include "qmgrprxy.h"

/* What the SDK's NDR does with a discriminant that has no arm: a fault. */
static void check_arm(BITS_FILE_PROPERTY_ID id)
{
    if (id != BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS) RpcRaiseException(RPC_S_INVALID_TAG);
}

HRESULT __RPC_STUB IBackgroundCopyFile5_SetProperty_Stub(IBackgroundCopyFile5 *This, BITS_FILE_PROPERTY_SET_WIRE *Property)
{
    BITS_FILE_PROPERTY_VALUE value;

    check_arm(Property->Discriminant);
    value.String = Property->String;
    return IBackgroundCopyFile5_SetProperty(This, Property->PropertyId, value);
}

HRESULT __RPC_STUB IBackgroundCopyFile5_GetProperty_Stub(IBackgroundCopyFile5 *This, BITS_FILE_PROPERTY_ID PropertyId,
                                                         BITS_FILE_PROPERTY_GET_WIRE *Property)
{
    BITS_FILE_PROPERTY_VALUE value = {0};
    HRESULT hr = IBackgroundCopyFile5_GetProperty(This, PropertyId, &value);

    /* The reply's union is switched by the id asked for: no arm, no reply. */
    if (PropertyId != BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS)
    {
        CoTaskMemFree(value.String);
        RpcRaiseException(RPC_S_INVALID_TAG);
    }
    Property->Discriminant = PropertyId;
    Property->String = value.String;
    return hr;
}
