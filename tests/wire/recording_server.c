#include "recording_server.h"
#include "testutil.h"

static struct recording_server *impl_from(IUnknown *iface)
{
    return CONTAINING_RECORD(iface, struct recording_server, IUnknown_iface);
}

static BOOL is_served(REFIID riid)
{
    unsigned int i;
    if (IsEqualIID(riid, &IID_IUnknown)) return TRUE;
    if (IsEqualIID(riid, &IID_AsyncIBackgroundCopyCallback)) return FALSE;
    for (i = 0; i < idl_interface_count; i++)
        if (IsEqualIID(riid, idl_interfaces[i].iid)) return TRUE;
    return FALSE;
}

static HRESULT STDMETHODCALLTYPE server_QueryInterface(IUnknown *iface, REFIID riid, void **ppv)
{
    /* Anything else (IMarshal, IExternalConnection...) must be refused, or
     * COM would call its methods on these slots. */
    if (!is_served(riid))
    {
        struct recording_server *server = impl_from(iface);
        server->refused++;
        server->last_refused = *riid;
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    *ppv = iface;
    IUnknown_AddRef(iface);
    return S_OK;
}

static ULONG STDMETHODCALLTYPE server_AddRef(IUnknown *iface)
{
    return InterlockedIncrement(&impl_from(iface)->ref);
}

static ULONG STDMETHODCALLTYPE server_Release(IUnknown *iface)
{
    return InterlockedDecrement(&impl_from(iface)->ref);
}

static HRESULT dispatch(IUnknown *iface, unsigned int slot, const UINT_PTR *args)
{
    struct recording_server *server = impl_from(iface);
    unsigned int i;
    server->calls++;
    server->last_slot = slot;
    for (i = 0; i < SERVER_MAX_ARGS; i++) server->args[i] = args[i];
    return server->handler ? server->handler(server, slot, args) : E_NOTIMPL;
}

/* Every slot takes the maximum number of argument words; the ones past the
 * method's real parameters are whatever the caller's stack holds. */
#define SLOT(n) \
    static HRESULT STDMETHODCALLTYPE slot_##n(IUnknown *iface, UINT_PTR a0, UINT_PTR a1, UINT_PTR a2, \
            UINT_PTR a3, UINT_PTR a4, UINT_PTR a5, UINT_PTR a6, UINT_PTR a7, UINT_PTR a8, UINT_PTR a9) \
    { \
        const UINT_PTR args[SERVER_MAX_ARGS] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, a9 }; \
        return dispatch(iface, n, args); \
    }
SLOT(3) SLOT(4) SLOT(5) SLOT(6) SLOT(7) SLOT(8) SLOT(9)
SLOT(10) SLOT(11) SLOT(12) SLOT(13) SLOT(14) SLOT(15) SLOT(16) SLOT(17) SLOT(18) SLOT(19)
SLOT(20) SLOT(21) SLOT(22) SLOT(23) SLOT(24) SLOT(25) SLOT(26) SLOT(27) SLOT(28) SLOT(29)
SLOT(30) SLOT(31) SLOT(32) SLOT(33) SLOT(34) SLOT(35) SLOT(36) SLOT(37) SLOT(38) SLOT(39)
SLOT(40) SLOT(41) SLOT(42) SLOT(43) SLOT(44) SLOT(45) SLOT(46) SLOT(47) SLOT(48) SLOT(49)
SLOT(50) SLOT(51) SLOT(52) SLOT(53) SLOT(54) SLOT(55) SLOT(56) SLOT(57) SLOT(58) SLOT(59)
SLOT(60) SLOT(61) SLOT(62) SLOT(63)

static const void *const server_vtbl[SERVER_SLOTS] =
{
    server_QueryInterface, server_AddRef, server_Release,
    slot_3, slot_4, slot_5, slot_6, slot_7, slot_8, slot_9,
    slot_10, slot_11, slot_12, slot_13, slot_14, slot_15, slot_16, slot_17, slot_18, slot_19,
    slot_20, slot_21, slot_22, slot_23, slot_24, slot_25, slot_26, slot_27, slot_28, slot_29,
    slot_30, slot_31, slot_32, slot_33, slot_34, slot_35, slot_36, slot_37, slot_38, slot_39,
    slot_40, slot_41, slot_42, slot_43, slot_44, slot_45, slot_46, slot_47, slot_48, slot_49,
    slot_50, slot_51, slot_52, slot_53, slot_54, slot_55, slot_56, slot_57, slot_58, slot_59,
    slot_60, slot_61, slot_62, slot_63,
};

void recording_server_init(struct recording_server *server)
{
    memset(server, 0, sizeof(*server));
    server->IUnknown_iface.lpVtbl = (const IUnknownVtbl *)server_vtbl;
    server->ref = 1;
}
