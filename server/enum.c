/*
 * One enumerator for every IEnumXxx of BITS: their vtables have the same
 * shape, and only the IID and the element differ. Elements are interface
 * pointers (files, jobs, peers, cache records: AddRef'ed when handed out) or
 * GUIDs (the legacy groups and jobs: copied). The contract, as Microsoft
 * documents it:
 *   Next: celt > 1 with a NULL pceltFetched is E_INVALIDARG; fewer than asked
 *         is S_FALSE with the count.
 *   Skip past the end is S_FALSE and leaves the cursor at the end.
 *   Clone copies the cursor and nothing else: the two then move apart.
 * The elements are a snapshot taken at creation, shared by the clones.
 */
#include <stddef.h>
#include <string.h>
#include "server.h"

struct item_list
{
    LONG ref;
    ULONG count;
    size_t size;          /* of one element */
    BOOL interfaces;      /* elements are IUnknown-derived pointers */
    BYTE items[];
};

struct enumerator
{
    const struct enumerator_vtbl *vtbl;
    LONG ref;
    const IID *iid;
    struct item_list *list;
    ULONG pos;
};

struct enumerator_vtbl
{
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(struct enumerator *, REFIID, void **);
    ULONG   (STDMETHODCALLTYPE *AddRef)(struct enumerator *);
    ULONG   (STDMETHODCALLTYPE *Release)(struct enumerator *);
    HRESULT (STDMETHODCALLTYPE *Next)(struct enumerator *, ULONG, void *, ULONG *);
    HRESULT (STDMETHODCALLTYPE *Skip)(struct enumerator *, ULONG);
    HRESULT (STDMETHODCALLTYPE *Reset)(struct enumerator *);
    HRESULT (STDMETHODCALLTYPE *Clone)(struct enumerator *, struct enumerator **);
    HRESULT (STDMETHODCALLTYPE *GetCount)(struct enumerator *, ULONG *);
};

static const struct enumerator_vtbl enumerator_vtbl;

static IUnknown *interface_at(const struct item_list *list, ULONG i)
{
    return ((IUnknown *const *)list->items)[i];
}

static void list_release(struct item_list *list)
{
    ULONG i;
    if (InterlockedDecrement(&list->ref)) return;
    if (list->interfaces)
        for (i = 0; i < list->count; i++) IUnknown_Release(interface_at(list, i));
    HeapFree(GetProcessHeap(), 0, list);
}

static HRESULT enumerator_new(const IID *iid, struct item_list *list, ULONG pos, struct enumerator **out)
{
    struct enumerator *e = HeapAlloc(GetProcessHeap(), 0, sizeof(*e));
    if (!e) return E_OUTOFMEMORY;
    e->vtbl = &enumerator_vtbl;
    e->ref = 1;
    e->iid = iid;
    e->list = list;
    e->pos = pos;
    InterlockedIncrement(&list->ref);
    server_object_created();
    *out = e;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE enumerator_QueryInterface(struct enumerator *e, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, e->iid))
    {
        *ppv = e;
        e->vtbl->AddRef(e);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE enumerator_AddRef(struct enumerator *e)
{
    return InterlockedIncrement(&e->ref);
}

static ULONG STDMETHODCALLTYPE enumerator_Release(struct enumerator *e)
{
    ULONG ref = InterlockedDecrement(&e->ref);
    if (!ref)
    {
        list_release(e->list);
        HeapFree(GetProcessHeap(), 0, e);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE enumerator_Next(struct enumerator *e, ULONG celt, void *rgelt, ULONG *fetched)
{
    const struct item_list *list = e->list;
    ULONG n = 0;

    if (fetched) *fetched = 0;   /* on every path: the stub sends that many elements */
    if (!rgelt) return E_POINTER;
    if (celt > 1 && !fetched) return E_INVALIDARG;
    while (n < celt && e->pos < list->count)
    {
        memcpy((BYTE *)rgelt + n * list->size, list->items + e->pos * list->size, list->size);
        if (list->interfaces) IUnknown_AddRef(interface_at(list, e->pos));
        e->pos++;
        n++;
    }
    if (fetched) *fetched = n;
    return n == celt ? S_OK : S_FALSE;
}

static HRESULT STDMETHODCALLTYPE enumerator_Skip(struct enumerator *e, ULONG celt)
{
    ULONG left = e->list->count - e->pos;
    if (celt > left)
    {
        e->pos = e->list->count;
        return S_FALSE;
    }
    e->pos += celt;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE enumerator_Reset(struct enumerator *e)
{
    e->pos = 0;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE enumerator_Clone(struct enumerator *e, struct enumerator **out)
{
    if (!out) return E_POINTER;
    return enumerator_new(e->iid, e->list, e->pos, out);
}

static HRESULT STDMETHODCALLTYPE enumerator_GetCount(struct enumerator *e, ULONG *count)
{
    if (!count) return E_POINTER;
    *count = e->list->count;
    return S_OK;
}

static const struct enumerator_vtbl enumerator_vtbl =
{
    enumerator_QueryInterface, enumerator_AddRef, enumerator_Release,
    enumerator_Next, enumerator_Skip, enumerator_Reset, enumerator_Clone, enumerator_GetCount,
};

static HRESULT enum_create(REFIID iid, const void *items, ULONG count, size_t size, BOOL interfaces, IUnknown **out)
{
    struct item_list *list;
    struct enumerator *e;
    HRESULT hr;
    ULONG i;

    if (!out) return E_POINTER;
    *out = NULL;
    if (count && !items) return E_INVALIDARG;
    if (!(list = HeapAlloc(GetProcessHeap(), 0, offsetof(struct item_list, items[count * size]))))
        return E_OUTOFMEMORY;
    list->ref = 1;
    list->count = count;
    list->size = size;
    list->interfaces = interfaces;
    if (count) memcpy(list->items, items, count * size);
    if (interfaces)
        for (i = 0; i < count; i++) IUnknown_AddRef(interface_at(list, i));
    hr = enumerator_new(iid, list, 0, &e);
    list_release(list);
    if (SUCCEEDED(hr)) *out = (IUnknown *)e;
    return hr;
}

HRESULT server_enum_create(REFIID iid, IUnknown **items, ULONG count, IUnknown **out)
{
    return enum_create(iid, items, count, sizeof(*items), TRUE, out);
}

HRESULT server_guid_enum_create(REFIID iid, const GUID *guids, ULONG count, IUnknown **out)
{
    return enum_create(iid, guids, count, sizeof(*guids), FALSE, out);
}
