/*
 * The DLL's PSFactoryBuffer: rpcrt4's (dlldata.c), with every stub and
 * proxy it makes wrapped so that no message reaches the NDR engine before
 * ndr_check.c has walked it with the same tables. A stub's Invoke refuses
 * a bad request, a method number the interface does not have or a foreign
 * data representation; a proxy's channel refuses a bad reply after
 * SendReceive. Refusals are error HRESULTs; nothing is unmarshalled.
 */
#include <string.h>
#include "proxy_tables.h"
#include "ndr_check.h"
#include "stub_memory.h"

/* The tables of one interface: where its procedures' format strings are. */
struct interface_tables
{
    const CInterfaceStubVtbl *stub;
    const CInterfaceProxyVtbl *proxy;
};

static BOOL find_tables(REFIID iid, struct interface_tables *tables)
{
    const ProxyFileInfo **file;
    int index;

    for (file = aProxyFileList; *file; file++)
        if ((*file)->pIIDLookupRtn(iid, &index))
        {
            tables->stub = (*file)->pStubVtblList[index];
            tables->proxy = (const CInterfaceProxyVtbl *)(*file)->pProxyVtblList[index];
            return TRUE;
        }
    return FALSE;
}

static BOOL proc_of(const struct interface_tables *tables, ULONG method, struct ndr_proc *proc)
{
    const MIDL_SERVER_INFO *info = tables->stub->header.pServerInfo;
    if (method < 3 || method >= tables->stub->header.DispatchTableCount) return FALSE;
    proc->desc = info->pStubDesc;
    proc->format = info->ProcString + info->FmtStringOffset[method];
    return TRUE;
}

static BOOL channel_in_process(IRpcChannelBuffer *channel)
{
    DWORD context = 0;
    void *data;
    return channel && SUCCEEDED(IRpcChannelBuffer_GetDestCtx(channel, &context, &data)) && context == MSHCTX_INPROC;
}

/* ---- what every wrapper is ---- */

/* The interface it shows (its vtable first, as COM objects have it), a
 * count, the stub, proxy or channel it wraps, and that one's tables. */
struct wrapper
{
    const void *vtbl;
    LONG ref;
    IUnknown *inner;
    const IID *iid;                     /* the interface it is, besides IUnknown */
    struct interface_tables tables;
};

/* Takes over the reference to inner. */
static struct wrapper *wrapper_new(const void *vtbl, const IID *iid, IUnknown *inner,
                                   const struct interface_tables *tables)
{
    struct wrapper *w = HeapAlloc(GetProcessHeap(), 0, sizeof(*w));
    if (!w) return NULL;
    w->vtbl = vtbl;
    w->ref = 1;
    w->inner = inner;
    w->iid = iid;
    w->tables = *tables;
    return w;
}

/* Its own interfaces; any other is the wrapped object's. */
static HRESULT wrapper_query(void *iface, REFIID riid, void **ppv)
{
    struct wrapper *w = iface;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, w->iid))
    {
        *ppv = w;
        InterlockedIncrement(&w->ref);
        return S_OK;
    }
    return IUnknown_QueryInterface(w->inner, riid, ppv);
}

static ULONG wrapper_addref(void *iface)
{
    return InterlockedIncrement(&((struct wrapper *)iface)->ref);
}

static ULONG wrapper_release(void *iface)
{
    struct wrapper *w = iface;
    ULONG ref = InterlockedDecrement(&w->ref);
    if (!ref)
    {
        IUnknown_Release(w->inner);
        HeapFree(GetProcessHeap(), 0, w);
    }
    return ref;
}

#define INNER(type, iface) ((type *)((struct wrapper *)(iface))->inner)
#define TABLES(iface) (&((struct wrapper *)(iface))->tables)

/* ---- stubs ---- */

static HRESULT WINAPI stub_QueryInterface(IRpcStubBuffer *iface, REFIID riid, void **ppv) { return wrapper_query(iface, riid, ppv); }
static ULONG WINAPI stub_AddRef(IRpcStubBuffer *iface) { return wrapper_addref(iface); }
static ULONG WINAPI stub_Release(IRpcStubBuffer *iface) { return wrapper_release(iface); }

static HRESULT WINAPI stub_Connect(IRpcStubBuffer *iface, IUnknown *server)
{
    return IRpcStubBuffer_Connect(INNER(IRpcStubBuffer, iface), server);
}

static void WINAPI stub_Disconnect(IRpcStubBuffer *iface)
{
    IRpcStubBuffer_Disconnect(INNER(IRpcStubBuffer, iface));
}

/*
 * A call that fails has taken a reply buffer, if empty: on the in-process
 * path to an STA, Wine's combase frees the request buffer once more when a
 * stub fails without one (rpc_execute_call, then the client's FreeBuffer).
 */
static HRESULT failed_call(IRpcStubBuffer *iface, RPCOLEMESSAGE *msg, IRpcChannelBuffer *channel,
                           const void *request, HRESULT hr)
{
    if (channel && msg->Buffer == request)
    {
        msg->cbBuffer = 0;
        IRpcChannelBuffer_GetBuffer(channel, msg, TABLES(iface)->stub->header.piid);
    }
    return hr;
}

static HRESULT WINAPI stub_Invoke(IRpcStubBuffer *iface, RPCOLEMESSAGE *msg, IRpcChannelBuffer *channel)
{
    const void *request = msg->Buffer;
    struct stub_call call;
    struct ndr_proc proc;
    HRESULT hr;

    if (!proc_of(TABLES(iface), msg->iMethod, &proc))
        return failed_call(iface, msg, channel, request, HRESULT_FROM_WIN32(RPC_S_PROCNUM_OUT_OF_RANGE));
    if ((msg->dataRepresentation & 0xffff) != NDR_LOCAL_DATA_REPRESENTATION)
        return failed_call(iface, msg, channel, request, HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA));
    hr = ndr_check_request(&proc, msg->Buffer, msg->cbBuffer, channel_in_process(channel));
    if (FAILED(hr)) return failed_call(iface, msg, channel, request, hr);

    stub_call_begin(&call);
    hr = IRpcStubBuffer_Invoke(INNER(IRpcStubBuffer, iface), msg, channel);
    stub_call_end(&call);
    return FAILED(hr) ? failed_call(iface, msg, channel, request, hr) : hr;
}

static IRpcStubBuffer *WINAPI stub_IsIIDSupported(IRpcStubBuffer *iface, REFIID riid)
{
    return IRpcStubBuffer_IsIIDSupported(INNER(IRpcStubBuffer, iface), riid) ? iface : NULL;
}

static ULONG WINAPI stub_CountRefs(IRpcStubBuffer *iface)
{
    return IRpcStubBuffer_CountRefs(INNER(IRpcStubBuffer, iface));
}

static HRESULT WINAPI stub_DebugServerQueryInterface(IRpcStubBuffer *iface, void **ppv)
{
    return IRpcStubBuffer_DebugServerQueryInterface(INNER(IRpcStubBuffer, iface), ppv);
}

static void WINAPI stub_DebugServerRelease(IRpcStubBuffer *iface, void *pv)
{
    IRpcStubBuffer_DebugServerRelease(INNER(IRpcStubBuffer, iface), pv);
}

static const IRpcStubBufferVtbl guarded_stub_vtbl =
{
    stub_QueryInterface, stub_AddRef, stub_Release, stub_Connect, stub_Disconnect, stub_Invoke,
    stub_IsIIDSupported, stub_CountRefs, stub_DebugServerQueryInterface, stub_DebugServerRelease,
};

/* ---- the channel a proxy sends through ---- */

/* IRpcChannelBuffer3 (Windows' asynchronous calls) is the runtime's own:
 * such a call goes out and comes back unchecked. */
static HRESULT WINAPI channel_QueryInterface(IRpcChannelBuffer *iface, REFIID riid, void **ppv) { return wrapper_query(iface, riid, ppv); }
static ULONG WINAPI channel_AddRef(IRpcChannelBuffer *iface) { return wrapper_addref(iface); }
static ULONG WINAPI channel_Release(IRpcChannelBuffer *iface) { return wrapper_release(iface); }

/* A call through a proxy runs from GetBuffer to FreeBuffer (NdrClientCall2
 * frees every buffer it got): what the engine allocates then is the call's
 * [out] data, not a stub's (stub_memory.h). */
static HRESULT WINAPI channel_GetBuffer(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg, REFIID riid)
{
    HRESULT hr = IRpcChannelBuffer_GetBuffer(INNER(IRpcChannelBuffer, iface), msg, riid);
    if (SUCCEEDED(hr)) stub_memory_outgoing_begin();
    return hr;
}

/* The request is read before it goes (the buffer holds the reply after),
 * the reply before the proxy reads it. */
static HRESULT WINAPI channel_SendReceive(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg, ULONG *status)
{
    IRpcChannelBuffer *inner = INNER(IRpcChannelBuffer, iface);
    ULONG request_length = msg->cbBuffer;
    unsigned char small[256];
    struct ndr_proc proc;
    void *request = small;
    HRESULT hr, check;

    /* the proxy's own method number, with the NDR engine's flag bit */
    if (!proc_of(TABLES(iface), msg->iMethod & ~RPC_FLAGS_VALID_BIT, &proc))
        return HRESULT_FROM_WIN32(RPC_S_PROCNUM_OUT_OF_RANGE);
    /* kept only where the reply's check reads it (AddFileSet's need not be) */
    if (!ndr_reply_reads_request(&proc))
    {
        request = NULL;
        request_length = 0;
    }
    else if (request_length > sizeof(small) && !(request = HeapAlloc(GetProcessHeap(), 0, request_length)))
        return E_OUTOFMEMORY;
    if (request) memcpy(request, msg->Buffer, request_length);

    hr = IRpcChannelBuffer_SendReceive(inner, msg, status);
    /* A fault reply carries its status in its first 4 bytes, which the
     * proxy reads whatever the length. */
    if (hr == RPC_S_CALL_FAILED && msg->cbBuffer < 4) hr = HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA);
    if (SUCCEEDED(hr))
    {
        check = ndr_check_reply(&proc, request, request_length, msg->Buffer, msg->cbBuffer, channel_in_process(inner));
        if (FAILED(check)) hr = check;
    }
    if (request && request != small) HeapFree(GetProcessHeap(), 0, request);
    return hr;
}

static HRESULT WINAPI channel_FreeBuffer(IRpcChannelBuffer *iface, RPCOLEMESSAGE *msg)
{
    stub_memory_outgoing_end();
    return IRpcChannelBuffer_FreeBuffer(INNER(IRpcChannelBuffer, iface), msg);
}

static HRESULT WINAPI channel_GetDestCtx(IRpcChannelBuffer *iface, DWORD *context, void **data)
{
    return IRpcChannelBuffer_GetDestCtx(INNER(IRpcChannelBuffer, iface), context, data);
}

static HRESULT WINAPI channel_IsConnected(IRpcChannelBuffer *iface)
{
    return IRpcChannelBuffer_IsConnected(INNER(IRpcChannelBuffer, iface));
}

static const IRpcChannelBufferVtbl guarded_channel_vtbl =
{
    channel_QueryInterface, channel_AddRef, channel_Release, channel_GetBuffer, channel_SendReceive,
    channel_FreeBuffer, channel_GetDestCtx, channel_IsConnected,
};

/* ---- proxies (the wrapped proxy's inner unknown: its other interfaces
 * are the wrapped proxy's) ---- */

static HRESULT WINAPI proxy_QueryInterface(IRpcProxyBuffer *iface, REFIID riid, void **ppv) { return wrapper_query(iface, riid, ppv); }
static ULONG WINAPI proxy_AddRef(IRpcProxyBuffer *iface) { return wrapper_addref(iface); }
static ULONG WINAPI proxy_Release(IRpcProxyBuffer *iface) { return wrapper_release(iface); }

static HRESULT WINAPI proxy_Connect(IRpcProxyBuffer *iface, IRpcChannelBuffer *channel)
{
    struct wrapper *guarded;
    HRESULT hr;

    IRpcChannelBuffer_AddRef(channel);
    if (!(guarded = wrapper_new(&guarded_channel_vtbl, &IID_IRpcChannelBuffer, (IUnknown *)channel, TABLES(iface))))
    {
        IRpcChannelBuffer_Release(channel);
        return E_OUTOFMEMORY;
    }
    /* the wrapped proxy keeps its own reference for as long as it is connected */
    hr = IRpcProxyBuffer_Connect(INNER(IRpcProxyBuffer, iface), (IRpcChannelBuffer *)guarded);
    wrapper_release(guarded);
    return hr;
}

static void WINAPI proxy_Disconnect(IRpcProxyBuffer *iface)
{
    IRpcProxyBuffer_Disconnect(INNER(IRpcProxyBuffer, iface));
}

static const IRpcProxyBufferVtbl guarded_proxy_vtbl =
{
    proxy_QueryInterface, proxy_AddRef, proxy_Release, proxy_Connect, proxy_Disconnect,
};

/* ---- the factory ---- */

static IPSFactoryBuffer *standard_factory(void)
{
    return (IPSFactoryBuffer *)&gPFactory;
}

static HRESULT WINAPI factory_QueryInterface(IPSFactoryBuffer *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IPSFactoryBuffer))
    {
        *ppv = iface;
        IPSFactoryBuffer_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

/* The standard factory's count is the one DllCanUnloadNow reads. */
static ULONG WINAPI factory_AddRef(IPSFactoryBuffer *iface)
{
    return IPSFactoryBuffer_AddRef(standard_factory());
}

static ULONG WINAPI factory_Release(IPSFactoryBuffer *iface)
{
    return IPSFactoryBuffer_Release(standard_factory());
}

static HRESULT WINAPI factory_CreateProxy(IPSFactoryBuffer *iface, IUnknown *outer, REFIID riid,
                                          IRpcProxyBuffer **ppProxy, void **ppv)
{
    struct interface_tables tables;
    IRpcProxyBuffer *inner;
    HRESULT hr;

    *ppProxy = NULL;
    *ppv = NULL;
    if (!find_tables(riid, &tables)) return E_NOINTERFACE;
    if (FAILED(hr = IPSFactoryBuffer_CreateProxy(standard_factory(), outer, riid, &inner, ppv))) return hr;
    if (!(*ppProxy = (IRpcProxyBuffer *)wrapper_new(&guarded_proxy_vtbl, &IID_IRpcProxyBuffer, (IUnknown *)inner, &tables)))
    {
        IUnknown_Release((IUnknown *)*ppv);
        *ppv = NULL;
        IRpcProxyBuffer_Release(inner);
        return E_OUTOFMEMORY;
    }
    return hr;
}

static HRESULT WINAPI factory_CreateStub(IPSFactoryBuffer *iface, REFIID riid, IUnknown *server,
                                         IRpcStubBuffer **ppStub)
{
    struct interface_tables tables;
    IRpcStubBuffer *inner;
    HRESULT hr;

    *ppStub = NULL;
    if (!find_tables(riid, &tables)) return E_NOINTERFACE;
    if (FAILED(hr = IPSFactoryBuffer_CreateStub(standard_factory(), riid, server, &inner))) return hr;
    if (!(*ppStub = (IRpcStubBuffer *)wrapper_new(&guarded_stub_vtbl, &IID_IRpcStubBuffer, (IUnknown *)inner, &tables)))
    {
        IRpcStubBuffer_Release(inner);
        return E_OUTOFMEMORY;
    }
    return hr;
}

static const IPSFactoryBufferVtbl guarded_factory_vtbl =
{
    factory_QueryInterface, factory_AddRef, factory_Release, factory_CreateProxy, factory_CreateStub,
};

IPSFactoryBuffer guarded_factory = { &guarded_factory_vtbl };
