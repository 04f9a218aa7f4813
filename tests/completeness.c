/*
 * Every interface of tests/data/bits-interfaces.tsv is declared by the
 * project's IDL with the table's IID and slot count, is registered to the
 * BITS PSFactoryBuffer, and gets a proxy (vtable in our DLL, every slot
 * filled) and a stub (in our DLL, its table of the table's size, the method
 * after the last refused, every [call_as] method it inherits dispatched
 * through its base's thunk) from it.
 * argv[1]: the TSV, argv[2]: the built DLL (Unix paths).
 */
#include <rpcproxy.h>
#include <string.h>
#include "tap.h"
#include "testutil.h"
#include "com_helpers.h"

/* The stub table the DLL's proxy file has for iid (GetProxyDllInfo). */
static const CInterfaceStubVtbl *dll_stub_table(REFIID iid)
{
    void (RPC_ENTRY *info)(const ProxyFileInfo ***, const CLSID **);
    HMODULE module = GetModuleHandleW(L"qmgrprxy.dll");
    const ProxyFileInfo **files;
    const CLSID *clsid;
    unsigned int i;

    if (!module || !(info = (void *)GetProcAddress(module, "GetProxyDllInfo"))) return NULL;
    info(&files, &clsid);
    for (; *files; files++)
        for (i = 0; i < (*files)->TableSize; i++)
            if (IsEqualIID((*files)->pStubVtblList[i]->header.piid, iid)) return (*files)->pStubVtblList[i];
    return NULL;
}

/*
 * A [call_as] method reaches the server through a thunk that turns the wire
 * arguments into the [local] method's. An interface inherits the thunks of
 * its bases: without them its stub calls the [local] method with the wire
 * arguments (widl's defect, idl/README.md). A base is a table whose offsets
 * the interface's table begins with.
 */
static void check_inherited_thunks(const struct table_row *row, const CInterfaceStubVtbl *table)
{
    void (RPC_ENTRY *info)(const ProxyFileInfo ***, const CLSID **);
    const MIDL_SERVER_INFO *mine = table->header.pServerInfo, *theirs;
    const ProxyFileInfo **files;
    const CLSID *clsid;
    unsigned int i, slot, inherited = 0, kept = 0;

    info = (void *)GetProcAddress(GetModuleHandleW(L"qmgrprxy.dll"), "GetProxyDllInfo");
    info(&files, &clsid);
    for (; *files; files++)
        for (i = 0; i < (*files)->TableSize; i++)
        {
            const CInterfaceStubVtbl *base = (*files)->pStubVtblList[i];
            theirs = base->header.pServerInfo;
            if (base == table || base->header.DispatchTableCount >= table->header.DispatchTableCount) continue;
            for (slot = 3; slot < base->header.DispatchTableCount; slot++)
                if (theirs->FmtStringOffset[slot] != mine->FmtStringOffset[slot]) break;
            if (slot < base->header.DispatchTableCount || !theirs->ThunkTable) continue;
            for (slot = 3; slot < base->header.DispatchTableCount; slot++)
            {
                if (!theirs->ThunkTable[slot]) continue;
                inherited++;
                if (mine->ThunkTable && mine->ThunkTable[slot] == theirs->ThunkTable[slot]) kept++;
            }
        }
    ok(kept == inherited, "%s: %u of the %u [call_as] methods inherited (counted per base) go through their thunks",
       row->name, kept, inherited);
}

static void check_interface(const struct table_row *row, const WCHAR *dll)
{
    const struct idl_facts *facts = idl_facts_by_name(row->name);
    struct counted_unknown outer;
    struct any_object server;
    IPSFactoryBuffer *factory;
    IRpcProxyBuffer *proxy_buffer = NULL;
    IRpcStubBuffer *stub = NULL;
    IUnknown *proxy = NULL;
    WCHAR served_by[MAX_PATH];
    CLSID clsid;
    HRESULT hr;
    unsigned int i, filled = 0;

    ok(facts != NULL, "%s is declared in the project's IDL", row->name);
    if (!facts) return;
    ok(IsEqualIID(facts->iid, &row->iid), "%s IID %s (table %s)", row->name, guid_str(facts->iid), guid_str(&row->iid));
    ok(facts->vtbl_slots == row->slots, "%s vtable has %u slots (table %u)", row->name, facts->vtbl_slots, row->slots);

    hr = get_ps_factory(&row->iid, &factory, &clsid);
    ok(hr == S_OK && IsEqualCLSID(&clsid, &CLSID_QmgrPrxyPSFactoryBuffer),
       "%s: registered PSFactoryBuffer {%s}, hr %#lx", row->name, guid_str(&clsid), hr);
    if (FAILED(hr)) return;

    counted_unknown_init(&outer);
    hr = IPSFactoryBuffer_CreateProxy(factory, &outer.IUnknown_iface, &row->iid, &proxy_buffer, (void **)&proxy);
    ok(hr == S_OK && proxy, "%s: CreateProxy hr %#lx", row->name, hr);
    if (proxy)
    {
        void **vtbl = *(void ***)proxy;
        module_path_of(vtbl, served_by, MAX_PATH);
        ok(!lstrcmpiW(served_by, dll), "%s: proxy vtable in %s", row->name, wstr(served_by));
        for (i = 0; i < row->slots; i++) if (vtbl[i]) filled++;
        ok(filled == row->slots, "%s: proxy slots filled %u of %u", row->name, filled, row->slots);
        IUnknown_Release(proxy);
        IRpcProxyBuffer_Release(proxy_buffer);
    }
    ok(outer.ref == 1, "%s: outer object released to 1 (is %ld)", row->name, outer.ref);

    any_object_init(&server);
    hr = IPSFactoryBuffer_CreateStub(factory, &row->iid, (IUnknown *)&server, &stub);
    ok(hr == S_OK && stub, "%s: CreateStub hr %#lx", row->name, hr);
    if (stub)
    {
        const CInterfaceStubVtbl *table = dll_stub_table(&row->iid);
        RPCOLEMESSAGE msg = {0};
        module_path_of(stub->lpVtbl, served_by, MAX_PATH);
        ok(!lstrcmpiW(served_by, dll), "%s: stub vtable in %s", row->name, wstr(served_by));
        ok(table && table->header.DispatchTableCount == row->slots,
           "%s: the DLL's stub table dispatches %lu methods", row->name, table ? table->header.DispatchTableCount : 0);
        if (table) check_inherited_thunks(row, table);
        /* one past the last method: refused before the engine looks it up */
        msg.iMethod = row->slots;
        msg.dataRepresentation = NDR_LOCAL_DATA_REPRESENTATION;
        hr = IRpcStubBuffer_Invoke(stub, &msg, NULL);
        ok(hr == HRESULT_FROM_WIN32(RPC_S_PROCNUM_OUT_OF_RANGE), "%s: method %u refused with %#lx", row->name,
           row->slots, hr);
        IRpcStubBuffer_Disconnect(stub);
        IRpcStubBuffer_Release(stub);
    }
    ok(server.ref == 1, "%s: server object released to 1 (is %ld)", row->name, server.ref);
    IPSFactoryBuffer_Release(factory);
}

int main(int argc, char **argv)
{
    static struct table_row rows[64];
    WCHAR dll[MAX_PATH];
    unsigned int n, i;

    tap_start();
    if (argc < 3) { printf("usage: completeness <bits-interfaces.tsv> <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[2], dll, MAX_PATH);
    n = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(n == 35, "the table lists %u interfaces (34 and the async callback)", n);
    ok(idl_interface_count == n, "the IDL facts list %u interfaces", idl_interface_count);
    /* Windows registers the BITS proxies under the IID of IBackgroundCopyManager
     * (MIDL's convention): the factory class of the IDL must be that value. */
    for (i = 0; i < n && strcmp(rows[i].name, "IBackgroundCopyManager"); i++) ;
    ok(i < n && IsEqualCLSID(&CLSID_QmgrPrxyPSFactoryBuffer, &rows[i].iid),
       "the factory CLSID {%s} is the table's IID of IBackgroundCopyManager", guid_str(&CLSID_QmgrPrxyPSFactoryBuffer));

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    for (i = 0; i < n; i++) check_interface(&rows[i], dll);
    CoUninitialize();
    printf("# interfaces with proxy and stub: %u\n", n);
    return tap_done();
}
