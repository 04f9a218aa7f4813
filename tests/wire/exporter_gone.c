/*
 * An interface pointer whose exporting process has ended: the checker
 * (proxy/ndr_walk_com.c) believes an exporter it found listening for
 * 250 ms, so a call that returns many interface pointers asks once. Here a
 * child process exports an object; its OBJREF goes through
 * IBackgroundCopyJob::SetNotifyInterface's stub while the child lives
 * (served), and again once the child has ended and the trust period is
 * over: refused with RPC_S_SERVER_UNAVAILABLE before the server object or
 * combase sees it. Run with --export, the program is the child: it writes
 * the OBJREF of an object of its MTA to its standard output and waits for
 * its standard input to close.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "bits.h"
#include "tap.h"
#include "com_helpers.h"
#include "recording_channel.h"
#include "recording_server.h"
#include "wire_objref.h"
#include "piped_child.h"

#define TRUST_MS 250    /* EXPORTER_TRUST_MS of proxy/ndr_walk_com.c */
#define OBJREF_MAX 256

static int export_object(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    struct counted_unknown object;
    IUnknown *peer = &object.IUnknown_iface;
    struct objref_peers peers = { &peer, 1 };
    unsigned char *objref;
    ULONG size;
    DWORD done;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    counted_unknown_init(&object);
    if (!marshal_peer_objref(&peers, 0, &IID_IUnknown, &objref, &size)) return 1;
    WriteFile(out, &size, sizeof(size), &done, NULL);
    WriteFile(out, objref, size, &done, NULL);
    free(objref);
    piped_child_wait_for_parent();
    return 0;
}

static BOOL read_all(HANDLE h, void *buffer, DWORD size)
{
    DWORD done;
    while (size && ReadFile(h, buffer, size, &done, NULL) && done)
    {
        buffer = (unsigned char *)buffer + done;
        size -= done;
    }
    return !size;
}

static HRESULT served(struct recording_server *server, unsigned int slot, const UINT_PTR *args)
{
    return S_FALSE;
}

int main(int argc, char **argv)
{
    const unsigned int slot = offsetof(IBackgroundCopyJobVtbl, SetNotifyInterface) / sizeof(void *);
    unsigned char request[4 + OBJREF_MAX];
    struct recording_channel channel;
    struct recording_server server;
    IPSFactoryBuffer *factory;
    PROCESS_INFORMATION pi;
    HANDLE from_child, to_child;
    IRpcStubBuffer *stub;
    ULONGLONG oxid;
    DWORD size = 0;
    CLSID clsid;
    BOOL got;
    HRESULT hr;

    if (argc > 1 && !strcmp(argv[1], "--export")) return export_object();
    tap_start();
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (FAILED(get_ps_factory(&IID_IBackgroundCopyJob, &factory, &clsid)))
    {
        ok(0, "no PSFactoryBuffer");
        return tap_done();
    }
    if (!ok(piped_child_start(L"--export", &pi, &from_child, &to_child), "the exporter started"))
        return tap_done();
    got = read_all(from_child, &size, sizeof(size)) && size >= 68 && size <= OBJREF_MAX
          && read_all(from_child, request + 4, size);
    if (!ok(got, "the exporter's OBJREF: %lu bytes", size)) return tap_done();
    memcpy(request, &size, 4);      /* Wine's form of an [in] interface pointer: ulCntData, OBJREF */
    memcpy(&oxid, request + 4 + 32, sizeof(oxid));
    ok(oxid >> 32 == pi.dwProcessId, "its OXID %016I64x names the exporter (process %lu)", oxid, pi.dwProcessId);

    recording_server_init(&server);
    server.handler = served;
    recording_channel_init(&channel);
    if (!ok(SUCCEEDED(IPSFactoryBuffer_CreateStub(factory, &IID_IBackgroundCopyJob, &server.IUnknown_iface, &stub)),
            "a stub for IBackgroundCopyJob"))
        return tap_done();

    hr = recording_stub_invoke(stub, &channel, slot, request, 4 + size);
    ok(hr == S_OK && server.calls == 1 && server.last_slot == slot,
       "the exporter alive: SetNotifyInterface served (Invoke %#lx, server calls %u)", hr, server.calls);
    recording_channel_reset(&channel);

    TerminateProcess(pi.hProcess, 0);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the exporter ended");
    Sleep(TRUST_MS + 150);
    server.calls = 0;
    hr = recording_stub_invoke(stub, &channel, slot, request, 4 + size);
    ok(hr == HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE) && server.calls == 0 && !channel.stub_reply_asked,
       "the exporter gone, %u ms later: refused %#lx (want %#lx), server calls %u", TRUST_MS + 150, hr,
       HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE), server.calls);
    recording_channel_reset(&channel);

    IRpcStubBuffer_Disconnect(stub);
    IRpcStubBuffer_Release(stub);
    ok(server.ref == 1, "server object back to one reference (%ld)", server.ref);
    IPSFactoryBuffer_Release(factory);
    CloseHandle(to_child);
    CloseHandle(from_child);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CoUninitialize();
    return tap_done();
}
