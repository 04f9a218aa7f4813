/* The model's live-object counter and small shared helpers. */
#include "server.h"

static LONG live_objects;

LONG server_live_objects(void) { return InterlockedCompareExchange(&live_objects, 0, 0); }
void server_object_created(void) { InterlockedIncrement(&live_objects); }
void server_object_destroyed(void) { InterlockedDecrement(&live_objects); }

HRESULT server_strdup(const WCHAR *src, WCHAR **out)
{
    SIZE_T bytes;
    if (!out) return E_POINTER;
    *out = NULL;
    if (!src) return S_OK;
    bytes = (lstrlenW(src) + 1) * sizeof(WCHAR);
    if (!(*out = CoTaskMemAlloc(bytes))) return E_OUTOFMEMORY;
    memcpy(*out, src, bytes);
    return S_OK;
}
