/*
 * Keeps every interface the host serves registered with rpcrt4 for the
 * host's life, around a race in Wine 8's rpcrt4 that otherwise hangs a
 * busy multithreaded COM server (tests/load/README.md, "Wine's hang").
 *
 * combase registers an RPC interface per IID on each marshal and
 * unregisters it when the last stub of that IID goes (RemRelease), with
 * RpcServerUnregisterIf(..., WaitForCallsToComplete = TRUE) under its
 * csRegIf lock. RpcServerUnregisterIf reads CurrentCalls, sets Delete and
 * creates the event under server_cs; the call that ends meanwhile
 * (RPCRT4_release_server_interface) decrements and tests Delete and the
 * event without that lock. When the last call of the IID ends between the
 * two (CreateEventW is a wineserver round trip), nobody sets the event:
 * the unregistering thread waits forever holding csRegIf, and every later
 * marshal in the process waits behind it.
 *
 * A table-strong marshal of one object per IID, held until the host ends,
 * keeps combase's count above zero, so that no unregistration happens
 * while clients call. The pin object answers QueryInterface for those IIDs
 * only to have a stub made: its IPIDs never leave this process, so no
 * method of it is ever called (each slot would return E_UNEXPECTED).
 */
#include "host.h"

#define PIN_SLOTS 64                    /* more than any BITS interface's 55 */

static const IID *const pinned_iids[] =
{
    &IID_IBackgroundCopyManager, &IID_IBackgroundCopyJob, &IID_IBackgroundCopyJob2, &IID_IBackgroundCopyJob3,
    &IID_IBackgroundCopyJob4, &IID_IBackgroundCopyJob5, &IID_IBackgroundCopyJobHttpOptions,
    &IID_IBackgroundCopyJobHttpOptions2, &IID_IBackgroundCopyJobHttpOptions3, &IID_IBitsTokenOptions,
    &IID_IBackgroundCopyFile, &IID_IBackgroundCopyFile2, &IID_IBackgroundCopyFile3, &IID_IBackgroundCopyFile4,
    &IID_IBackgroundCopyFile5, &IID_IBackgroundCopyFile6, &IID_IEnumBackgroundCopyFiles,
    &IID_IEnumBackgroundCopyJobs, &IID_IBackgroundCopyError, &IID_IBackgroundCopyQMgr,
    &IID_IBackgroundCopyGroup, &IID_IEnumBackgroundCopyGroups, &IID_IBackgroundCopyJob1,
    &IID_IEnumBackgroundCopyJobs1, &IID_IBitsPeerCacheAdministration, &IID_IBitsPeerCacheRecord,
    &IID_IEnumBitsPeerCacheRecords, &IID_IBitsPeer, &IID_IEnumBitsPeers,
    &IID_IClassFactory,                 /* the load test's probe of a host whose roots are gone */
};

static IStream *pins[ARRAYSIZE(pinned_iids)];

static HRESULT WINAPI pin_query_interface(IUnknown *iface, REFIID iid, void **out)
{
    unsigned int i;

    *out = NULL;
    if (IsEqualIID(iid, &IID_IUnknown)) *out = iface;
    for (i = 0; i < ARRAYSIZE(pinned_iids) && !*out; i++)
        if (IsEqualIID(iid, pinned_iids[i])) *out = iface;
    return *out ? S_OK : E_NOINTERFACE;
}

/* static object: the count only has to be plausible */
static ULONG WINAPI pin_add_ref(IUnknown *iface) { return 2; }
static ULONG WINAPI pin_release(IUnknown *iface) { return 1; }
static HRESULT WINAPI pin_unexpected(void) { return E_UNEXPECTED; }

static void *pin_vtbl[PIN_SLOTS];
static IUnknown pin_object = { (IUnknownVtbl *)pin_vtbl };

unsigned int rpc_pin_interfaces(void)
{
    unsigned int i, pinned = 0;

    if (GetEnvironmentVariableA("BITS_MODEL_HOST_NO_PIN", NULL, 0)) return ARRAYSIZE(pinned_iids);
    pin_vtbl[0] = pin_query_interface;
    pin_vtbl[1] = pin_add_ref;
    pin_vtbl[2] = pin_release;
    for (i = 3; i < PIN_SLOTS; i++) pin_vtbl[i] = pin_unexpected;
    for (i = 0; i < ARRAYSIZE(pinned_iids); i++)
    {
        if (FAILED(CreateStreamOnHGlobal(NULL, TRUE, &pins[i]))) continue;
        if (FAILED(CoMarshalInterface(pins[i], pinned_iids[i], &pin_object, MSHCTX_LOCAL, NULL,
                                      MSHLFLAGS_TABLESTRONG)))
        {
            IStream_Release(pins[i]);
            pins[i] = NULL;
        }
        else pinned++;
    }
    return ARRAYSIZE(pinned_iids) - pinned;
}

void rpc_unpin_interfaces(void)
{
    static const LARGE_INTEGER start;
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(pinned_iids); i++)
    {
        if (!pins[i]) continue;
        IStream_Seek(pins[i], start, STREAM_SEEK_SET, NULL);
        CoReleaseMarshalData(pins[i]);
        IStream_Release(pins[i]);
        pins[i] = NULL;
    }
}
