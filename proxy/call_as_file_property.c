/*
 * IBackgroundCopyFile5::SetProperty and GetProperty, both halves. The SDK
 * methods are [local] here; the wire calls carry the same bytes in the
 * structures of idl/bits5_0.idl (see there for why). And the pass-through
 * pair of IBackgroundCopyFile6::UpdateDownloadPosition, which exists so that
 * File6's stub keeps the thunks of these two (idl/bits10_1.idl).
 */
#include "qmgrprxy.h"

/*
 * The SDK's union BITS_FILE_PROPERTY_VALUE has one arm. For an id without
 * an arm NDR raises RPC_S_INVALID_TAG wherever it meets the union: the
 * client sends nothing. The server halves return that status as the
 * call's HRESULT, which is what the client's proxy makes of the fault, but
 * without raising inside the engine (Wine's NdrStubCall2 leaks the call's
 * argument stack when anything raises through it) and before the object
 * is asked.
 */
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

HRESULT __RPC_STUB IBackgroundCopyFile5_SetProperty_Stub(IBackgroundCopyFile5 *This, BITS_FILE_PROPERTY_SET_WIRE *Property)
{
    BITS_FILE_PROPERTY_VALUE value;

    if (!has_arm(Property->Discriminant)) return HRESULT_FROM_WIN32(RPC_S_INVALID_TAG);
    value.String = Property->String;
    return IBackgroundCopyFile5_SetProperty(This, Property->PropertyId, value);
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

HRESULT __RPC_STUB IBackgroundCopyFile5_GetProperty_Stub(IBackgroundCopyFile5 *This, BITS_FILE_PROPERTY_ID PropertyId,
                                                         BITS_FILE_PROPERTY_GET_WIRE *Property)
{
    BITS_FILE_PROPERTY_VALUE value = {0};
    HRESULT hr;

    /* The reply's union is switched by the id asked for. */
    Property->Discriminant = PropertyId;
    if (!has_arm(PropertyId)) return HRESULT_FROM_WIN32(RPC_S_INVALID_TAG);
    hr = IBackgroundCopyFile5_GetProperty(This, PropertyId, &value);
    Property->String = value.String;
    return hr;
}

HRESULT CALLBACK IBackgroundCopyFile6_UpdateDownloadPosition_Proxy(IBackgroundCopyFile6 *This, UINT64 offset)
{
    return IBackgroundCopyFile6_RemoteUpdateDownloadPosition_Proxy(This, offset);
}

HRESULT __RPC_STUB IBackgroundCopyFile6_UpdateDownloadPosition_Stub(IBackgroundCopyFile6 *This, UINT64 offset)
{
    return IBackgroundCopyFile6_UpdateDownloadPosition(This, offset);
}
