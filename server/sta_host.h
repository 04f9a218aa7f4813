/*
 * A thread that hosts objects in an apartment of its own and hands them to
 * callers in other apartments: the setup function runs on the new thread
 * after CoInitializeEx, makes the objects and offers them (each marshaled
 * into a slot with CoMarshalInterThreadInterfaceInStream); a caller takes
 * the slots it wants (CoGetInterfaceAndReleaseStream). An STA serves the
 * calls through its message loop, an MTA just waits. sta_host_stop lets
 * the thread release what it kept and uninitialize.
 *
 * The tests, the demo and the benchmark host the model (server.h) in it.
 */
#ifndef QMGRPRXY_STA_HOST_H
#define QMGRPRXY_STA_HOST_H

#include <windows.h>
#include <objbase.h>

#define STA_HOST_SLOTS 16

struct sta_host;

struct sta_host_desc
{
    DWORD coinit;       /* COINIT_APARTMENTTHREADED or COINIT_MULTITHREADED (which is 0) */
    /* On the host thread, once: makes and offers the objects. What it
     * returns, sta_host_start returns; the host serves calls either way. */
    HRESULT (*setup)(struct sta_host *host, void *context);
    /* On the host thread, before CoUninitialize (may be NULL): releases
     * what setup kept. */
    void (*teardown)(void *context);
    void *context;
};

/* Starts the thread and waits until setup has run. *out is NULL only when
 * the thread could not be started (the HRESULT says why). */
HRESULT sta_host_start(const struct sta_host_desc *desc, struct sta_host **out);

/* From setup: marshals object for iid into a slot (the caller keeps its own
 * reference). made is how making the object went: a failure is recorded
 * in the slot instead, and returned, so that each slot fails alone. */
HRESULT sta_host_offer(struct sta_host *host, unsigned int slot, HRESULT made, REFIID iid, IUnknown *object);

/* From the caller's apartment: the slot's outcome on the host's side (how
 * making and marshaling went), and its object, once. */
HRESULT sta_host_offered(const struct sta_host *host, unsigned int slot);
HRESULT sta_host_take(struct sta_host *host, unsigned int slot, REFIID iid, void **out);

/* Runs call(argument) on the host thread between the calls it serves and
 * waits for it: for work that must happen in the objects' apartment, such
 * as the model's own transfer of a file. */
void sta_host_run(struct sta_host *host, void (*call)(void *argument), void *argument);

/* Ends the host: offers never taken are released, teardown runs, the
 * apartment uninitializes, the thread ends. NULL is ignored. */
void sta_host_stop(struct sta_host *host);

#endif
