#include <stdlib.h>
#include <string.h>
#include "wire_objref.h"

BOOL marshal_peer_objref(void *context, unsigned int index, REFIID iid, unsigned char **objref, ULONG *len)
{
    const struct objref_peers *peers = context;
    LARGE_INTEGER zero = {{0}};
    ULARGE_INTEGER size;
    IStream *stream;
    HGLOBAL memory;
    HRESULT hr;

    if (index >= peers->count || FAILED(CreateStreamOnHGlobal(NULL, TRUE, &stream))) return FALSE;
    hr = CoMarshalInterface(stream, iid, peers->peers[index], MSHCTX_LOCAL, NULL, MSHLFLAGS_NORMAL);
    if (SUCCEEDED(hr)) hr = IStream_Seek(stream, zero, STREAM_SEEK_CUR, &size);
    if (SUCCEEDED(hr)) hr = GetHGlobalFromStream(stream, &memory);
    if (SUCCEEDED(hr))
    {
        *len = size.LowPart;
        *objref = malloc(*len);
        memcpy(*objref, GlobalLock(memory), *len);
        GlobalUnlock(memory);
    }
    IStream_Release(stream);
    return SUCCEEDED(hr);
}

HRESULT release_objref(const unsigned char *objref, ULONG len)
{
    LARGE_INTEGER zero = {{0}};
    IStream *stream;
    HRESULT hr;

    if (FAILED(hr = CreateStreamOnHGlobal(NULL, TRUE, &stream))) return hr;
    IStream_Write(stream, objref, len, NULL);
    IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
    hr = CoReleaseMarshalData(stream);
    IStream_Release(stream);
    return hr;
}

void release_objrefs(const unsigned char *bytes, const struct wire_bytes *found)
{
    unsigned int i;
    for (i = 0; i < found->objrefs; i++) release_objref(bytes + found->objref_offset[i], found->objref_len[i]);
}
