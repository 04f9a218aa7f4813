/* Small COM objects the tests need around the DLL under test. */
#ifndef QMGRPRXY_COM_HELPERS_H
#define QMGRPRXY_COM_HELPERS_H

#include <windows.h>
#include <objbase.h>

/* A counted IUnknown to stand as the outer object of a proxy. */
struct counted_unknown
{
    IUnknown IUnknown_iface;
    LONG ref;
};
void counted_unknown_init(struct counted_unknown *obj);

/* An object that claims every interface: a stub can connect to it for any
 * IID. Its methods beyond IUnknown are never meant to be called. */
struct any_object
{
    const void *const *vtbl;
    LONG ref;
};
void any_object_init(struct any_object *obj);

/* The PSFactoryBuffer registered for an IID, through the registry. */
HRESULT get_ps_factory(REFIID iid, IPSFactoryBuffer **factory, CLSID *clsid);

#endif
