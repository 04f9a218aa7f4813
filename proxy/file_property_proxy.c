/*
 * Client side of IBackgroundCopyFile5::SetProperty and GetProperty. The SDK
 * methods are [local] here; the wire calls carry the same bytes in the
 * structures of idl/bits5_0.idl (see there for why).
 */
#include "qmgrprxy.h"

/* What NDR does for an id the union has no arm for: refuse it, sending nothing. */
static BOOL has_arm(BITS_FILE_PROPERTY_ID id)
{
    return id == BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS;
}

HRESULT CALLBACK IBackgroundCopyFile5_SetProperty_Proxy(IBackgroundCopyFile5 *This, BITS_FILE_PROPERTY_ID PropertyId,
                                                         BITS_FILE_PROPERTY_VALUE PropertyValue)
{
    BITS_FILE_PROPERTY_SET_WIRE wire;

    if (!has_arm(PropertyId)) return HRESULT_FROM_WIN32(RPC_S_INVALID_TAG);
    wire.PropertyId = PropertyId;
    wire.Discriminant = PropertyId;
    wire.String = PropertyValue.String;
    return IBackgroundCopyFile5_RemoteSetProperty_Proxy(This, &wire);
}

HRESULT CALLBACK IBackgroundCopyFile5_GetProperty_Proxy(IBackgroundCopyFile5 *This, BITS_FILE_PROPERTY_ID PropertyId,
                                                         BITS_FILE_PROPERTY_VALUE *PropertyValue)
{
    BITS_FILE_PROPERTY_GET_WIRE wire = {0};
    HRESULT hr;

    /* The SDK's [out] pointer is a reference pointer: NDR refuses NULL
     * before sending anything, and so does this. */
    if (!PropertyValue) return HRESULT_FROM_WIN32(RPC_X_NULL_REF_POINTER);
    hr = IBackgroundCopyFile5_RemoteGetProperty_Proxy(This, PropertyId, &wire);
    PropertyValue->String = wire.String;
    return hr;
}
