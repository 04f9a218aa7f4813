/*
 * bits_model_host.exe [/regserver | /unregserver | -Embedding]
 *
 * Serves the model's classes (host_classes.c) to other processes until it
 * is idle: once it has made an object, it exits when no object of the
 * model is alive and no client holds a LockServer for a second; a host
 * nobody calls exits after a minute. COM starts it with -Embedding. Objects
 * live in the MTA: the model's objects lock for themselves, and calls
 * arrive on RPC threads while the main thread watches for idleness.
 *
 * Each class object is registered REGCLS_SINGLEUSE: one activation per
 * class per host, and the next one starts a new host. Besides isolating
 * clients, this is what lets a killed host be replaced under Wine 8, whose
 * rpcss keeps a dead process's class registrations (it never reaps them)
 * and hands them out again: a MULTIPLEUSE host, once killed, would leave
 * every later CoCreateInstance failing with RPC_S_SERVER_UNAVAILABLE.
 *
 * The call log (call_log.h) is always on: it answers only calls that carry
 * its tag, so other clients see the host unchanged.
 */
#include <stdio.h>
#include "host.h"
#include "call_log.h"

#define IDLE_EXIT_MS     1000
#define UNUSED_EXIT_MS   60000
#define POLL_MS          100

static BOOL has_arg(int argc, WCHAR **argv, const WCHAR *name)
{
    int i;
    for (i = 1; i < argc; i++)
        if ((argv[i][0] == '/' || argv[i][0] == '-') && !lstrcmpiW(argv[i] + 1, name)) return TRUE;
    return FALSE;
}

static BOOL idle(void)
{
    return host_factory_instances() > 0 && server_live_objects() == 0 && host_factory_locks() <= 0;
}

static int serve(void)
{
    DWORD cookies[16], start = GetTickCount(), idle_since = 0;
    unsigned int i, registered = 0;
    HRESULT hr = S_OK;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (FAILED(hr = call_log_register())) fprintf(stderr, "bits_model_host: no call log: %#lx\n", hr);
    hr = S_OK;
    if ((i = rpc_pin_interfaces())) fprintf(stderr, "bits_model_host: %u interfaces not pinned\n", i);
    for (i = 0; i < host_class_count && SUCCEEDED(hr); i++)
    {
        IClassFactory *factory;
        if (SUCCEEDED(hr = host_factory_create(&host_classes[i], &factory)))
        {
            hr = CoRegisterClassObject(host_classes[i].clsid, (IUnknown *)factory, CLSCTX_LOCAL_SERVER,
                                       REGCLS_SINGLEUSE | REGCLS_SUSPENDED, &cookies[i]);
            IClassFactory_Release(factory);
            if (SUCCEEDED(hr)) registered++;
        }
    }
    if (SUCCEEDED(hr)) hr = CoResumeClassObjects();
    if (FAILED(hr)) fprintf(stderr, "bits_model_host: cannot register the class objects: %#lx\n", hr);

    while (SUCCEEDED(hr))
    {
        Sleep(POLL_MS);
        if (!host_factory_instances() && GetTickCount() - start > UNUSED_EXIT_MS) break;
        if (!idle()) idle_since = 0;
        else if (!idle_since) idle_since = GetTickCount();
        else if (GetTickCount() - idle_since >= IDLE_EXIT_MS) break;
    }

    for (i = 0; i < registered; i++) CoRevokeClassObject(cookies[i]);
    rpc_unpin_interfaces();
    CoUninitialize();
    return FAILED(hr) ? 1 : 0;
}

int wmain(int argc, WCHAR **argv)
{
    HRESULT hr;

    if (has_arg(argc, argv, L"regserver") || has_arg(argc, argv, L"unregserver"))
    {
        hr = has_arg(argc, argv, L"regserver") ? host_register() : host_unregister();
        if (FAILED(hr)) fprintf(stderr, "bits_model_host: registration failed: %#lx\n", hr);
        return FAILED(hr) ? 1 : 0;
    }
    return serve();
}
