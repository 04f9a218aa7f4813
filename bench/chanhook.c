/*
 * --diagnose: counts the calls that cross COM's channel from this process,
 * by interface and method, with an IChannelHook. COM calls a hook's ClientGetSize once
 * per outgoing call; its riid argument is the first member of the call's
 * SChannelHookCallInfo, which also carries the method number.
 */
#include "bench.h"

struct counter
{
    IID iid;
    DWORD method;
    LONG count;
};

static struct counter counters[64];
static unsigned int counter_count;
static CRITICAL_SECTION lock;   /* initialized by chanhook_install */

/* {00000131-0000-0000-c000-000000000046}, {00000143-...} */
static const IID IID_IRemUnknown_ = {0x00000131, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const IID IID_IRemUnknown2_ = {0x00000143, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
/* {2e7b3c6e-1d42-4bd8-9b5f-5e0c0de0c0de}: this hook's extension id. */
static const GUID bench_hook_id = {0x2e7b3c6e, 0x1d42, 0x4bd8, {0x9b, 0x5f, 0x5e, 0x0c, 0x0d, 0xe0, 0xc0, 0xde}};

static void count_call(const SChannelHookCallInfo *info)
{
    unsigned int i;
    EnterCriticalSection(&lock);
    for (i = 0; i < counter_count; i++)
        if (IsEqualIID(&counters[i].iid, &info->iid) && counters[i].method == info->iMethod) break;
    if (i == counter_count && counter_count < ARRAYSIZE(counters))
    {
        counters[i].iid = info->iid;
        counters[i].method = info->iMethod;
        counters[i].count = 0;
        counter_count++;
    }
    if (i < counter_count) counters[i].count++;
    LeaveCriticalSection(&lock);
}

static HRESULT STDMETHODCALLTYPE hook_QueryInterface(IChannelHook *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IChannelHook))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE hook_AddRef(IChannelHook *iface) { return 2; }
static ULONG STDMETHODCALLTYPE hook_Release(IChannelHook *iface) { return 1; }

static void STDMETHODCALLTYPE hook_ClientGetSize(IChannelHook *iface, REFGUID extent, REFIID riid, ULONG *size)
{
    const SChannelHookCallInfo *info = (const SChannelHookCallInfo *)riid;
    if (info->cbSize >= sizeof(*info)) count_call(info);
    *size = 0;
}
static void STDMETHODCALLTYPE hook_ClientFillBuffer(IChannelHook *iface, REFGUID extent, REFIID riid, ULONG *size, void *buffer)
{
    *size = 0;
}
static void STDMETHODCALLTYPE hook_ClientNotify(IChannelHook *iface, REFGUID extent, REFIID riid, ULONG size,
                                                void *buffer, DWORD rep, HRESULT fault) {}
static void STDMETHODCALLTYPE hook_ServerNotify(IChannelHook *iface, REFGUID extent, REFIID riid, ULONG size,
                                                void *buffer, DWORD rep) {}
static void STDMETHODCALLTYPE hook_ServerGetSize(IChannelHook *iface, REFGUID extent, REFIID riid, HRESULT fault, ULONG *size)
{
    *size = 0;
}
static void STDMETHODCALLTYPE hook_ServerFillBuffer(IChannelHook *iface, REFGUID extent, REFIID riid, ULONG *size,
                                                    void *buffer, HRESULT fault)
{
    *size = 0;
}

static const IChannelHookVtbl hook_vtbl =
{
    hook_QueryInterface, hook_AddRef, hook_Release,
    hook_ClientGetSize, hook_ClientFillBuffer, hook_ClientNotify,
    hook_ServerNotify, hook_ServerGetSize, hook_ServerFillBuffer,
};
static IChannelHook hook = { &hook_vtbl };

HRESULT chanhook_install(void)
{
    InitializeCriticalSection(&lock);
    return CoRegisterChannelHook(&bench_hook_id, &hook);
}

void chanhook_reset(void)
{
    EnterCriticalSection(&lock);
    counter_count = 0;
    LeaveCriticalSection(&lock);
}

static void name_of(const IID *iid, DWORD method, char *out, size_t size)
{
    static const char *const remunk[] = { "RemQueryInterface", "RemAddRef", "RemRelease", "RemQueryInterface2" };
    /* vtable slots of the measured methods */
    static const struct { enum bench_iface iface; DWORD slot; const char *name; } slots[] =
    {
        { IFACE_ENUM_FILES, 3, "Next" }, { IFACE_ENUM_FILES, 4, "Skip" }, { IFACE_ENUM_FILES, 5, "Reset" },
        { IFACE_ENUM_FILES, 6, "Clone" }, { IFACE_ENUM_FILES, 7, "GetCount" },
        { IFACE_FILE, 3, "GetRemoteName" }, { IFACE_FILE, 5, "GetProgress" },
        { IFACE_JOB, 3, "AddFileSet" }, { IFACE_JOB, 13, "GetTimes" }, { IFACE_JOB5, 54, "GetProperty" },
    };
    unsigned int i;

    if ((IsEqualIID(iid, &IID_IRemUnknown_) || IsEqualIID(iid, &IID_IRemUnknown2_)) && method >= 3 && method <= 6)
    {
        snprintf(out, size, "IRemUnknown::%s", remunk[method - 3]);
        return;
    }
    for (i = 0; i < ARRAYSIZE(slots); i++)
        if (IsEqualIID(iid, bench_iids[slots[i].iface]) && method == slots[i].slot)
        {
            snprintf(out, size, "%s::%s", bench_iface_names[slots[i].iface], slots[i].name);
            return;
        }
    for (i = 0; i < IFACE_COUNT; i++)
        if (IsEqualIID(iid, bench_iids[i]))
        {
            snprintf(out, size, "%s::%lu", bench_iface_names[i], method);
            return;
        }
    snprintf(out, size, "{%08lx-%04x-%04x}::%lu", iid->Data1, iid->Data2, iid->Data3, method);
}

void chanhook_report(const char *method, unsigned int calls)
{
    unsigned int i;
    EnterCriticalSection(&lock);
    for (i = 0; i < counter_count; i++)
    {
        char name[96];
        name_of(&counters[i].iid, counters[i].method, name, sizeof(name));
        csv_value("calls", method, 0, (double)counters[i].count / calls, name);
    }
    LeaveCriticalSection(&lock);
}
