/*
 * bits_model_host.exe: a COM local server that serves the in-memory BITS
 * model (server/server.h) to other processes. Each root of the model has a
 * CLSID of its own, registered as LocalServer32 by "/regserver"; a client's
 * CoCreateInstance(..., CLSCTX_LOCAL_SERVER, ...) gets a proxy, and every
 * BITS interface crosses the process boundary through qmgrprxy.dll.
 */
#ifndef QMGRPRXY_HOST_H
#define QMGRPRXY_HOST_H

#include <windows.h>
#include "server.h"

/* The classes: the manager, the legacy QMgr, the peer cache administration
 * and an enumerator over the fixture files (server/fixture.c). */
extern const CLSID CLSID_BitsModelManager;     /* {c9574e87-eddd-4edd-8141-bfdf45a91cc4} */
extern const CLSID CLSID_BitsModelQMgr;        /* {41efce07-828c-4e13-b8ff-6d6f58533013} */
extern const CLSID CLSID_BitsModelPeerCache;   /* {2acb21ee-d13b-4aa9-984e-6ccd7f833d00} */
extern const CLSID CLSID_BitsModelFixtureFiles;/* {0c712680-eeb3-41f4-af50-db0a24440d7b} */

struct host_class
{
    const CLSID *clsid;
    const WCHAR *name;                         /* the registry's description */
    HRESULT (*create)(IUnknown **out);         /* a new root, one reference */
};
extern const struct host_class host_classes[];
extern const unsigned int host_class_count;

/* The files behind CLSID_BitsModelFixtureFiles, in this order. They bear
 * the names the apartment suite's areas read them by (tests/apartment/apartment_suite.h),
 * so that a client running those areas across processes links these. */

/* A class factory for one class (host_factory.c); it counts what it made
 * and its LockServer calls for the exit rule of host_main.c. */
HRESULT host_factory_create(const struct host_class *cls, IClassFactory **out);
LONG host_factory_locks(void);
LONG host_factory_instances(void);

/* LocalServer32 registration of every class to this executable (host_register.c). */
HRESULT host_register(void);
HRESULT host_unregister(void);

/* Every served IID kept registered with rpcrt4 while the host serves
 * (rpc_pin.c, around a hang in Wine's rpcrt4); BITS_MODEL_HOST_NO_PIN in
 * the environment leaves it out, to reproduce that hang. Returns how many
 * IIDs it could not pin. */
unsigned int rpc_pin_interfaces(void);
void rpc_unpin_interfaces(void);

#endif
