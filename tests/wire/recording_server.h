/*
 * A server object for every BITS interface at once: each vtable slot past
 * IUnknown records the slot and the raw argument words it was called with
 * and passes them to the test's handler. The argument words are those of
 * the x86_64 calling convention: one per parameter after This, in order
 * (a struct larger than 8 bytes passed by value arrives as its address).
 */
#ifndef QMGRPRXY_RECORDING_SERVER_H
#define QMGRPRXY_RECORDING_SERVER_H

#include <windows.h>
#include <objbase.h>

#define SERVER_MAX_ARGS 10
#define SERVER_SLOTS 64

struct recording_server;
typedef HRESULT (*server_handler)(struct recording_server *server, unsigned int slot, const UINT_PTR *args);

struct recording_server
{
    IUnknown IUnknown_iface;
    LONG ref;
    unsigned int calls;                 /* calls to slots past IUnknown */
    unsigned int last_slot;
    UINT_PTR args[SERVER_MAX_ARGS];
    server_handler handler;             /* NULL: every call returns E_NOTIMPL */
    unsigned int refused;               /* QueryInterface calls it answered E_NOINTERFACE */
    IID last_refused;
    void *context;                      /* for the handler */
};

/* ref starts at 1; the object answers IUnknown and the synchronous BITS
 * interfaces (the async callback is a client-side interface). */
void recording_server_init(struct recording_server *server);

#endif
