/*
 * The in-memory BITS object model: a test double of the BITS service that
 * answers every method the way Microsoft documents it and transfers
 * nothing. Used by the tests, the demo and the benchmark.
 */
#ifndef QMGRPRXY_SERVER_H
#define QMGRPRXY_SERVER_H

#include <windows.h>
#include "qmgrprxy.h"

/* The fixture files of the test harnesses (fixture.c): the files
 * fixture_remote[i] / fixture_local[i], in this order, as one enumerator. */
#define FIXTURE_FILE_COUNT 8
extern const WCHAR *const fixture_remote[FIXTURE_FILE_COUNT];
extern const WCHAR *const fixture_local[FIXTURE_FILE_COUNT];
HRESULT server_fixture_files_create(IUnknown **out);

/* Live-object counter: every object of this model counts itself from
 * creation to final release, so a test can prove nothing leaked. */
LONG server_live_objects(void);
void server_object_created(void);
void server_object_destroyed(void);

/* Duplicates a string into CoTaskMemAlloc'ed memory, as [out] strings must be. */
HRESULT server_strdup(const WCHAR *src, WCHAR **out);

/* Roots of the model, one per independent area.
 *   manager  (server/manager.c): IBackgroundCopyManager; QueryInterface for
 *            IBitsPeerCacheAdministration returns server_peercache_create()'s
 *            object, as Windows serves it from the manager.
 *   peercache (server/peercache.c): the administration object with fixed
 *            records and peers.
 *   qmgr     (server/qmgr.c): the legacy IBackgroundCopyQMgr. */
HRESULT server_manager_create(IBackgroundCopyManager **out);
HRESULT server_peercache_create(IBitsPeerCacheAdministration **out);
HRESULT server_qmgr_create(IBackgroundCopyQMgr **out);

/* Files: IBackgroundCopyFile .. IBackgroundCopyFile6 on one object
 * (server/file.c). A job creates its files with server_file_create and, when
 * it transfers, calls server_file_transfer on each: the file then reports
 * Completed with BytesTotal == BytesTransferred == its model size, and its
 * filled ranges equal what was requested (the whole file if nothing was).
 * server_file_requested_ranges copies out the ranges requested with
 * IBackgroundCopyFile6::RequestFileRanges (CoTaskMemAlloc'ed; count 0 and
 * NULL when none), for the job's FileRangesTransferred callback. */
HRESULT server_file_create(const WCHAR *remote_name, const WCHAR *local_name, IBackgroundCopyFile **out);
/* For IBackgroundCopyJob3::AddFileWithRanges: a file restricted to ranges,
 * which IBackgroundCopyFile2::GetFileRanges returns as given. Makes the
 * documented checks first: E_INVALIDARG for no ranges, BG_E_INVALID_RANGE
 * for an InitialOffset of BG_LENGTH_TO_EOF, BG_E_OVERLAPPING_RANGES for
 * duplicate or overlapping ranges. */
HRESULT server_file_create_with_ranges(const WCHAR *remote_name, const WCHAR *local_name, DWORD range_count,
                                       const BG_FILE_RANGE *ranges, IBackgroundCopyFile **out);
void server_file_transfer(IBackgroundCopyFile *file);
HRESULT server_file_requested_ranges(IBackgroundCopyFile *file, DWORD *count, BG_FILE_RANGE **ranges);

/* Enumerators over a snapshot of interface pointers, e.g. a job's files. The
 * enumerator holds its own reference to each element. iid names the
 * enumerator interface (IID_IEnumBackgroundCopyFiles, ...). */
HRESULT server_enum_create(REFIID iid, IUnknown **items, ULONG count, IUnknown **out);
/* The same over GUIDs (IEnumBackgroundCopyGroups, IEnumBackgroundCopyJobs1). */
HRESULT server_guid_enum_create(REFIID iid, const GUID *guids, ULONG count, IUnknown **out);

#endif
