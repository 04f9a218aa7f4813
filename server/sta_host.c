/* The host thread of sta_host.h. */
#include <stdlib.h>
#include "sta_host.h"

struct sta_host
{
    struct sta_host_desc desc;
    HANDLE thread, ready, done, run, ran;
    HRESULT setup_hr;
    HRESULT slot_hr[STA_HOST_SLOTS];
    IStream *slot[STA_HOST_SLOTS];       /* marshaled, not yet taken */
    void (*call)(void *argument);        /* sta_host_run's */
    void *argument;
};

HRESULT sta_host_offer(struct sta_host *host, unsigned int slot, HRESULT made, REFIID iid, IUnknown *object)
{
    HRESULT hr = made;
    if (slot >= STA_HOST_SLOTS) return E_INVALIDARG;
    if (SUCCEEDED(hr) && !object) hr = E_POINTER;
    if (SUCCEEDED(hr)) hr = CoMarshalInterThreadInterfaceInStream(iid, object, &host->slot[slot]);
    return host->slot_hr[slot] = hr;
}

HRESULT sta_host_offered(const struct sta_host *host, unsigned int slot)
{
    return slot < STA_HOST_SLOTS ? host->slot_hr[slot] : E_INVALIDARG;
}

HRESULT sta_host_take(struct sta_host *host, unsigned int slot, REFIID iid, void **out)
{
    HRESULT hr;
    *out = NULL;
    if (slot >= STA_HOST_SLOTS) return E_INVALIDARG;
    if (FAILED(host->slot_hr[slot])) return host->slot_hr[slot];
    if (!host->slot[slot]) return E_UNEXPECTED;      /* offered nothing, or taken already */
    hr = CoGetInterfaceAndReleaseStream(host->slot[slot], iid, out);
    host->slot[slot] = NULL;
    return hr;
}

/* Until done is set: runs what sta_host_run asks for, and, in an STA,
 * serves calls through the message loop (an MTA's calls need no loop). */
static void serve(struct sta_host *host)
{
    HANDLE events[2] = { host->done, host->run };
    BOOL sta = host->desc.coinit != COINIT_MULTITHREADED;
    DWORD got;
    MSG msg;

    for (;;)
    {
        got = sta ? MsgWaitForMultipleObjects(2, events, FALSE, INFINITE, QS_ALLINPUT)
                  : WaitForMultipleObjects(2, events, FALSE, INFINITE);
        if (got == WAIT_OBJECT_0 + 1)
        {
            host->call(host->argument);
            SetEvent(host->ran);
        }
        else if (got == WAIT_OBJECT_0 + 2)
            while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageW(&msg);
        else break;
    }
}

static DWORD WINAPI host_thread(void *arg)
{
    struct sta_host *host = arg;
    unsigned int i;
    MSG msg;

    CoInitializeEx(NULL, host->desc.coinit);
    PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);     /* the queue exists before anyone calls */
    host->setup_hr = host->desc.setup ? host->desc.setup(host, host->desc.context) : S_OK;
    SetEvent(host->ready);
    serve(host);
    for (i = 0; i < STA_HOST_SLOTS; i++)
    {
        if (!host->slot[i]) continue;
        CoReleaseMarshalData(host->slot[i]);          /* never taken: the stub's reference goes */
        IStream_Release(host->slot[i]);
        host->slot[i] = NULL;
    }
    if (host->desc.teardown) host->desc.teardown(host->desc.context);
    CoUninitialize();
    return 0;
}

HRESULT sta_host_start(const struct sta_host_desc *desc, struct sta_host **out)
{
    struct sta_host *host = calloc(1, sizeof(*host));

    *out = NULL;
    if (!host) return E_OUTOFMEMORY;
    host->desc = *desc;
    host->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    host->done = CreateEventW(NULL, TRUE, FALSE, NULL);
    host->run = CreateEventW(NULL, FALSE, FALSE, NULL);
    host->ran = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (host->ready && host->done && host->run && host->ran)
        host->thread = CreateThread(NULL, 0, host_thread, host, 0, NULL);
    if (!host->thread)
    {
        HRESULT hr = HRESULT_FROM_WIN32(GetLastError());
        if (host->ready) CloseHandle(host->ready);
        if (host->done) CloseHandle(host->done);
        if (host->run) CloseHandle(host->run);
        if (host->ran) CloseHandle(host->ran);
        free(host);
        return hr;
    }
    WaitForSingleObject(host->ready, INFINITE);
    *out = host;
    return host->setup_hr;
}

void sta_host_run(struct sta_host *host, void (*call)(void *argument), void *argument)
{
    host->call = call;
    host->argument = argument;
    SetEvent(host->run);
    WaitForSingleObject(host->ran, INFINITE);
}

void sta_host_stop(struct sta_host *host)
{
    if (!host) return;
    SetEvent(host->done);
    WaitForSingleObject(host->thread, INFINITE);
    CloseHandle(host->thread);
    CloseHandle(host->ready);
    CloseHandle(host->done);
    CloseHandle(host->run);
    CloseHandle(host->ran);
    free(host);
}
