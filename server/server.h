/*
 * The in-memory BITS object model: a test double of the BITS service that
 * answers every method the way Microsoft documents it and transfers
 * nothing. Used by the tests, the demo and the benchmark.
 */
#ifndef QMGRPRXY_SERVER_H
#define QMGRPRXY_SERVER_H

#include <windows.h>
#include "qmgrprxy.h"

/* Live-object counter: every object of this model counts itself from
 * creation to final release, so a test can prove nothing leaked. */
LONG server_live_objects(void);
void server_object_created(void);
void server_object_destroyed(void);

/* Duplicates a string into CoTaskMemAlloc'ed memory, as [out] strings must be. */
HRESULT server_strdup(const WCHAR *src, WCHAR **out);

/* Files: IBackgroundCopyFile .. IBackgroundCopyFile6 on one object. */
HRESULT server_file_create(const WCHAR *remote_name, const WCHAR *local_name, IBackgroundCopyFile **out);

/* Enumerators over a snapshot of interface pointers, e.g. a job's files. The
 * enumerator holds its own reference to each element. iid names the
 * enumerator interface (IID_IEnumBackgroundCopyFiles, ...). */
HRESULT server_enum_create(REFIID iid, IUnknown **items, ULONG count, IUnknown **out);

#endif
