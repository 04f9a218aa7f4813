/*
 * Shared by the files area of the apartment suite: apartment_files.c (the
 * fixture files, read and changed back), apartment_files_own.c (files of the
 * area's own on a helper thread) and apartment_files_ranges.c (ranges,
 * transfers and validation on those files).
 */
#ifndef QMGRPRXY_APARTMENT_FILES_H
#define QMGRPRXY_APARTMENT_FILES_H

#include "apartment_suite.h"

/* BITS 10.1 error the MinGW-w64 headers lack (bitsmsg.h of the Windows SDK). */
#ifndef BG_E_RANDOM_ACCESS_NOT_SUPPORTED
#define BG_E_RANDOM_ACCESS_NOT_SUPPORTED ((HRESULT)0x8020006D)
#endif

/* What the model documents (server/file.c), worked out here from the names
 * alone: 1024 bytes per character of the remote name; the temporary file
 * "BITxxxx.tmp" next to the local one, xxxx the FNV-1a hash of the local
 * name folded to 16 bits; the response headers after a transfer. */
UINT64 expected_file_size(const WCHAR *remote_name);
void expected_temporary_name(const WCHAR *local_name, WCHAR *out, unsigned int size);
void expected_response_headers(UINT64 size, WCHAR *out, unsigned int size_chars);

/* ok() that hr, count and ranges are the expected ones, range by range. */
void check_ranges(const struct suite_ctx *ctx, const char *what, HRESULT hr, HRESULT expected_hr,
                  DWORD count, const BG_FILE_RANGE *ranges, DWORD expected_count, const BG_FILE_RANGE *expected);

/* ok() on GetProgress's three fields. */
void check_progress(const struct suite_ctx *ctx, IBackgroundCopyFile *file, const char *what,
                    UINT64 total, UINT64 transferred, BOOL completed);

/* Files made with server_file_create_with_ranges when with_ranges is set
 * (range_count may then be 0, to see it refused), server_file_create
 * otherwise. */
struct own_file_spec
{
    const WCHAR *remote;
    const WCHAR *local;
    BOOL with_ranges;
    DWORD range_count;
    BG_FILE_RANGE ranges[3];
};

#define OWN_FILES_MAX 12

/* A helper STA thread that makes the files of specs and hands each over:
 * files[i] receives a proxy (NULL when creation failed), results[i] the
 * constructor's HRESULT. The checks that transfer a file or need ranges run
 * on these, not on the fixture files other areas share. */
struct own_files;
struct own_files *own_files_start(const struct own_file_spec *specs, unsigned int count,
                                  IBackgroundCopyFile **files, HRESULT *results);
/* server_file_transfer on file index, in the helper's apartment, as a job's
 * Resume does; returns server_file_requested_ranges' answer afterwards. */
HRESULT own_files_transfer(struct own_files *own, unsigned int index, DWORD *count, BG_FILE_RANGE **ranges);
/* Once the client has released its proxies: ends the thread. */
void own_files_stop(struct own_files *own);

void files_ranges_checks(const struct suite_ctx *ctx);

#endif
