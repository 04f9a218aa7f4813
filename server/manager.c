/*
 * The BITS manager of the model: IBackgroundCopyManager over a list of jobs
 * (the job registry). Jobs are listed in the order they were created; a
 * cancelled or completed job leaves the list. EnumJobs enumerates a
 * snapshot of the list, and BG_JOB_ENUM_ALL_USERS changes nothing since the
 * model has one user; other flags are E_INVALIDARG. QueryInterface for
 * IBitsPeerCacheAdministration hands out the manager's peer cache object
 * (server_peercache_create(), made on first use), as Windows serves it from
 * the manager; an error making it is passed through.
 */
#include "job.h"

struct job_registry
{
    LONG ref;
    CRITICAL_SECTION cs;
    struct job **jobs;     /* each holds a reference */
    ULONG count, capacity;
};

static HRESULT job_registry_create(struct job_registry **out)
{
    struct job_registry *registry;

    if (!(registry = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*registry)))) return E_OUTOFMEMORY;
    registry->ref = 1;
    InitializeCriticalSection(&registry->cs);
    *out = registry;
    return S_OK;
}

void job_registry_addref(struct job_registry *registry)
{
    InterlockedIncrement(&registry->ref);
}

void job_registry_release(struct job_registry *registry)
{
    if (InterlockedDecrement(&registry->ref)) return;
    DeleteCriticalSection(&registry->cs);
    HeapFree(GetProcessHeap(), 0, registry->jobs);
    HeapFree(GetProcessHeap(), 0, registry);
}

static HRESULT job_registry_add(struct job_registry *registry, struct job *job)
{
    HRESULT hr = S_OK;

    EnterCriticalSection(&registry->cs);
    if (registry->count == registry->capacity)
    {
        ULONG capacity = max(registry->capacity * 2, 8);
        struct job **jobs = registry->jobs
            ? HeapReAlloc(GetProcessHeap(), 0, registry->jobs, capacity * sizeof(*jobs))
            : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*jobs));
        if (jobs)
        {
            registry->jobs = jobs;
            registry->capacity = capacity;
        }
        else hr = E_OUTOFMEMORY;
    }
    if (SUCCEEDED(hr))
    {
        IBackgroundCopyJob5_AddRef(&job->IBackgroundCopyJob5_iface);
        registry->jobs[registry->count++] = job;
    }
    LeaveCriticalSection(&registry->cs);
    return hr;
}

/* The list's reference goes outside its lock: it may be the last one. */
void job_registry_remove(struct job_registry *registry, struct job *job)
{
    BOOL found = FALSE;
    ULONG i;

    EnterCriticalSection(&registry->cs);
    for (i = 0; i < registry->count; i++)
    {
        if (registry->jobs[i] != job) continue;
        memmove(&registry->jobs[i], &registry->jobs[i + 1], (registry->count - i - 1) * sizeof(*registry->jobs));
        registry->count--;
        found = TRUE;
        break;
    }
    LeaveCriticalSection(&registry->cs);
    if (found) IBackgroundCopyJob5_Release(&job->IBackgroundCopyJob5_iface);
}

/* Empties the list (the manager is going away). */
static void job_registry_clear(struct job_registry *registry)
{
    struct job **jobs;
    ULONG i, count;

    EnterCriticalSection(&registry->cs);
    jobs = registry->jobs;
    count = registry->count;
    registry->jobs = NULL;
    registry->count = registry->capacity = 0;
    LeaveCriticalSection(&registry->cs);
    for (i = 0; i < count; i++) IBackgroundCopyJob5_Release(&jobs[i]->IBackgroundCopyJob5_iface);
    HeapFree(GetProcessHeap(), 0, jobs);
}

struct manager
{
    IBackgroundCopyManager IBackgroundCopyManager_iface;
    LONG ref;
    CRITICAL_SECTION cs;
    struct job_registry *registry;
    IBitsPeerCacheAdministration *peercache;   /* made on first use */
};

static struct manager *impl_from_IBackgroundCopyManager(IBackgroundCopyManager *iface)
{
    return CONTAINING_RECORD(iface, struct manager, IBackgroundCopyManager_iface);
}

static HRESULT manager_peercache(struct manager *manager, void **ppv)
{
    HRESULT hr = S_OK;

    EnterCriticalSection(&manager->cs);
    if (!manager->peercache) hr = server_peercache_create(&manager->peercache);
    if (SUCCEEDED(hr) && manager->peercache)
    {
        IBitsPeerCacheAdministration_AddRef(manager->peercache);
        *ppv = manager->peercache;
    }
    else
    {
        manager->peercache = NULL;
        if (SUCCEEDED(hr)) hr = E_NOINTERFACE;
    }
    LeaveCriticalSection(&manager->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE manager_QueryInterface(IBackgroundCopyManager *iface, REFIID riid, void **ppv)
{
    struct manager *manager = impl_from_IBackgroundCopyManager(iface);

    if (!ppv) return E_POINTER;
    *ppv = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IBackgroundCopyManager))
    {
        *ppv = iface;
        IBackgroundCopyManager_AddRef(iface);
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IBitsPeerCacheAdministration)) return manager_peercache(manager, ppv);
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE manager_AddRef(IBackgroundCopyManager *iface)
{
    return InterlockedIncrement(&impl_from_IBackgroundCopyManager(iface)->ref);
}

static ULONG STDMETHODCALLTYPE manager_Release(IBackgroundCopyManager *iface)
{
    struct manager *manager = impl_from_IBackgroundCopyManager(iface);
    ULONG ref = InterlockedDecrement(&manager->ref);

    if (!ref)
    {
        job_registry_clear(manager->registry);
        job_registry_release(manager->registry);
        if (manager->peercache) IBitsPeerCacheAdministration_Release(manager->peercache);
        DeleteCriticalSection(&manager->cs);
        HeapFree(GetProcessHeap(), 0, manager);
        server_object_destroyed();
    }
    return ref;
}

static HRESULT STDMETHODCALLTYPE manager_CreateJob(IBackgroundCopyManager *iface, LPCWSTR name, BG_JOB_TYPE type,
                                                   GUID *id, IBackgroundCopyJob **out)
{
    struct manager *manager = impl_from_IBackgroundCopyManager(iface);
    struct job *job;
    HRESULT hr;

    if (!id || !out) return E_POINTER;
    *out = NULL;
    memset(id, 0, sizeof(*id));
    if (!name || job_bounded_length(name, JOB_MAX_DISPLAY_NAME) < 0) return E_INVALIDARG;
    if (type < BG_JOB_TYPE_DOWNLOAD || type > BG_JOB_TYPE_UPLOAD_REPLY) return E_INVALIDARG;
    if (FAILED(hr = job_create(manager->registry, name, type, &job))) return hr;
    if (FAILED(hr = job_registry_add(manager->registry, job)))
    {
        IBackgroundCopyJob5_Release(&job->IBackgroundCopyJob5_iface);
        return hr;
    }
    *id = job->id;
    *out = job_iface(job);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE manager_GetJob(IBackgroundCopyManager *iface, REFGUID id, IBackgroundCopyJob **out)
{
    struct job_registry *registry = impl_from_IBackgroundCopyManager(iface)->registry;
    HRESULT hr = BG_E_NOT_FOUND;
    ULONG i;

    if (!id || !out) return E_POINTER;
    *out = NULL;
    EnterCriticalSection(&registry->cs);
    for (i = 0; i < registry->count; i++)
    {
        if (!IsEqualGUID(&registry->jobs[i]->id, id)) continue;
        *out = job_iface(registry->jobs[i]);
        IBackgroundCopyJob_AddRef(*out);
        hr = S_OK;
        break;
    }
    LeaveCriticalSection(&registry->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE manager_EnumJobs(IBackgroundCopyManager *iface, DWORD flags, IEnumBackgroundCopyJobs **out)
{
    struct job_registry *registry = impl_from_IBackgroundCopyManager(iface)->registry;
    IUnknown **items;
    HRESULT hr;
    ULONG i;

    if (!out) return E_POINTER;
    *out = NULL;
    if (flags & ~BG_JOB_ENUM_ALL_USERS) return E_INVALIDARG;
    EnterCriticalSection(&registry->cs);
    if ((items = HeapAlloc(GetProcessHeap(), 0, max(registry->count, 1) * sizeof(*items))))
    {
        for (i = 0; i < registry->count; i++) items[i] = (IUnknown *)job_iface(registry->jobs[i]);
        hr = server_enum_create(&IID_IEnumBackgroundCopyJobs, items, registry->count, (IUnknown **)out);
        HeapFree(GetProcessHeap(), 0, items);
    }
    else hr = E_OUTOFMEMORY;
    LeaveCriticalSection(&registry->cs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE manager_GetErrorDescription(IBackgroundCopyManager *iface, HRESULT code, DWORD language,
                                                             LPWSTR *text)
{
    return job_error_description(code, language, text);
}

static const IBackgroundCopyManagerVtbl manager_vtbl =
{
    manager_QueryInterface, manager_AddRef, manager_Release,
    manager_CreateJob, manager_GetJob, manager_EnumJobs, manager_GetErrorDescription,
};

HRESULT server_manager_create(IBackgroundCopyManager **out)
{
    struct manager *manager;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(manager = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*manager)))) return E_OUTOFMEMORY;
    if (FAILED(hr = job_registry_create(&manager->registry)))
    {
        HeapFree(GetProcessHeap(), 0, manager);
        return hr;
    }
    manager->IBackgroundCopyManager_iface.lpVtbl = &manager_vtbl;
    manager->ref = 1;
    InitializeCriticalSection(&manager->cs);
    server_object_created();
    *out = &manager->IBackgroundCopyManager_iface;
    return S_OK;
}
