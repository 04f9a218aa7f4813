/*
 * Real OBJREFs for the interface pointers of a message: the assembler's
 * objref_source that marshals objects of this process (as for a channel to
 * another process), and the release of the references an OBJREF carries
 * when nobody unmarshals it.
 */
#ifndef QMGRPRXY_WIRE_OBJREF_H
#define QMGRPRXY_WIRE_OBJREF_H

#include "wire_vector.h"
#include <objbase.h>

/* The objects a message's interface pointers stand for, by their order in it. */
struct objref_peers
{
    IUnknown *const *peers;
    unsigned int count;
};

/* objref_source: context is a struct objref_peers. Marshals peers[index]
 * for iid with MSHCTX_LOCAL, MSHLFLAGS_NORMAL. */
BOOL marshal_peer_objref(void *context, unsigned int index, REFIID iid, unsigned char **objref, ULONG *len);

/* CoReleaseMarshalData on one OBJREF (len bytes); its HRESULT. */
HRESULT release_objref(const unsigned char *objref, ULONG len);

/* Drops the references the OBJREFs of a message carry (found by
 * wire_build or wire_compare), as a receiver that unmarshaled them would. */
void release_objrefs(const unsigned char *bytes, const struct wire_bytes *found);

#endif
