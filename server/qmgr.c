/*
 * The legacy BITS 1.0 queue manager, IBackgroundCopyQMgr: the download
 * queue of groups, each known by the GUID its creator chose. Groups are
 * kept in creation order; EnumGroups hands out a snapshot of their GUIDs.
 * The queue holds a reference to each group until CancelGroup or the
 * QMgr's own end. Also home of the model's lock (see qmgr_model.h).
 */
#include <string.h>
#include "qmgr_model.h"

static SRWLOCK model_lock = SRWLOCK_INIT;

void qmgr_lock(void) { AcquireSRWLockExclusive(&model_lock); }
void qmgr_unlock(void) { ReleaseSRWLockExclusive(&model_lock); }

struct qmgr
{
    IBackgroundCopyQMgr IBackgroundCopyQMgr_iface;
    LONG ref;
    struct group **groups;      /* under the lock */
    ULONG count, capacity;
};

static struct qmgr *impl_from_IBackgroundCopyQMgr(IBackgroundCopyQMgr *iface)
{
    return CONTAINING_RECORD(iface, struct qmgr, IBackgroundCopyQMgr_iface);
}

/* Under the lock. */
static struct group *find_group(struct qmgr *qmgr, const GUID *id)
{
    ULONG i;
    for (i = 0; i < qmgr->count; i++)
        if (IsEqualGUID(&qmgr->groups[i]->id, id)) return qmgr->groups[i];
    return NULL;
}

struct group *qmgr_remove_group(struct qmgr *qmgr, struct group *group)
{
    ULONG i;

    for (i = 0; i < qmgr->count; i++)
    {
        if (qmgr->groups[i] != group) continue;
        memmove(&qmgr->groups[i], &qmgr->groups[i + 1], (qmgr->count - i - 1) * sizeof(*qmgr->groups));
        qmgr->count--;
        group->qmgr = NULL;
        return group;
    }
    return NULL;
}

static HRESULT STDMETHODCALLTYPE qmgr_QueryInterface(IBackgroundCopyQMgr *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyQMgr))
    {
        *ppv = iface;
        IBackgroundCopyQMgr_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE qmgr_AddRef(IBackgroundCopyQMgr *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyQMgr(iface)->ref);
}

static ULONG STDMETHODCALLTYPE qmgr_Release(IBackgroundCopyQMgr *iface)
{
    struct qmgr *qmgr = impl_from_IBackgroundCopyQMgr(iface);
    ULONG ref = InterlockedDecrement(&qmgr->ref), i;

    if (!ref)
    {
        /* Groups the clients still hold outlive the queue, detached from it. */
        qmgr_lock();
        for (i = 0; i < qmgr->count; i++) group_detach_from_qmgr(qmgr->groups[i]);
        qmgr_unlock();
        for (i = 0; i < qmgr->count; i++) IBackgroundCopyGroup_Release(&qmgr->groups[i]->IBackgroundCopyGroup_iface);
        HeapFree(GetProcessHeap(), 0, qmgr->groups);
        HeapFree(GetProcessHeap(), 0, qmgr);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE qmgr_CreateGroup(IBackgroundCopyQMgr *iface, GUID id, IBackgroundCopyGroup **out)
{
    struct qmgr *qmgr = impl_from_IBackgroundCopyQMgr(iface);
    struct group *group = NULL;
    HRESULT hr = S_OK;

    if (!out) return E_POINTER;
    *out = NULL;
    qmgr_lock();
    if (find_group(qmgr, &id)) hr = E_INVALIDARG;    /* documented: that GUID is taken */
    else if (qmgr->count == qmgr->capacity)
    {
        ULONG capacity = qmgr->capacity ? qmgr->capacity * 2 : 8;
        struct group **groups = qmgr->groups
            ? HeapReAlloc(GetProcessHeap(), 0, qmgr->groups, capacity * sizeof(*groups))
            : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*groups));
        if (groups)
        {
            qmgr->groups = groups;
            qmgr->capacity = capacity;
        }
        else hr = E_OUTOFMEMORY;
    }
    if (SUCCEEDED(hr)) hr = group_create(&id, qmgr, &group);
    if (SUCCEEDED(hr))
    {
        qmgr->groups[qmgr->count++] = group;    /* the queue's reference */
        IBackgroundCopyGroup_AddRef(&group->IBackgroundCopyGroup_iface);
        *out = &group->IBackgroundCopyGroup_iface;
    }
    qmgr_unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE qmgr_GetGroup(IBackgroundCopyQMgr *iface, GUID id, IBackgroundCopyGroup **out)
{
    struct qmgr *qmgr = impl_from_IBackgroundCopyQMgr(iface);
    struct group *group;

    if (!out) return E_POINTER;
    qmgr_lock();
    if ((group = find_group(qmgr, &id))) IBackgroundCopyGroup_AddRef(&group->IBackgroundCopyGroup_iface);
    qmgr_unlock();
    *out = group ? &group->IBackgroundCopyGroup_iface : NULL;
    return group ? S_OK : QM_E_ITEM_NOT_FOUND;
}

static HRESULT STDMETHODCALLTYPE qmgr_EnumGroups(IBackgroundCopyQMgr *iface, DWORD flags, IEnumBackgroundCopyGroups **out)
{
    struct qmgr *qmgr = impl_from_IBackgroundCopyQMgr(iface);
    GUID *ids = NULL;
    ULONG count, i;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (flags) return E_NOTIMPL;    /* documented: dwFlags must be 0 */
    qmgr_lock();
    count = qmgr->count;
    if (count && !(ids = HeapAlloc(GetProcessHeap(), 0, count * sizeof(*ids))))
    {
        qmgr_unlock();
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < count; i++) ids[i] = qmgr->groups[i]->id;
    qmgr_unlock();
    hr = server_guid_enum_create(&IID_IEnumBackgroundCopyGroups, ids, count, (IUnknown **)out);
    HeapFree(GetProcessHeap(), 0, ids);
    return hr;
}

static const IBackgroundCopyQMgrVtbl qmgr_vtbl =
{
    qmgr_QueryInterface, qmgr_AddRef, qmgr_Release,
    qmgr_CreateGroup, qmgr_GetGroup, qmgr_EnumGroups,
};

HRESULT server_qmgr_create(IBackgroundCopyQMgr **out)
{
    struct qmgr *qmgr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(qmgr = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*qmgr)))) return E_OUTOFMEMORY;
    qmgr->IBackgroundCopyQMgr_iface.lpVtbl = &qmgr_vtbl;
    qmgr->ref = 1;
    server_object_created();
    *out = &qmgr->IBackgroundCopyQMgr_iface;
    return S_OK;
}
