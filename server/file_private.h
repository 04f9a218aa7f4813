/*
 * Private to the file object of the model (server/file.c) and its range
 * arithmetic (server/file_ranges.c).
 */
#ifndef QMGRPRXY_FILE_PRIVATE_H
#define QMGRPRXY_FILE_PRIVATE_H

#include "server.h"

/* BITS 10.1 error the MinGW-w64 headers lack (bitsmsg.h of the Windows SDK). */
#ifndef BG_E_RANDOM_ACCESS_NOT_SUPPORTED
#define BG_E_RANDOM_ACCESS_NOT_SUPPORTED ((HRESULT)0x8020006D)
#endif

/* A growable array of ranges on the process heap. */
struct range_list
{
    DWORD count;
    BG_FILE_RANGE *items;
};

void ranges_clear(struct range_list *list);
HRESULT ranges_append(struct range_list *list, const BG_FILE_RANGE *ranges, DWORD count);

/* Copies a list out as an [out] array must be: CoTaskMemAlloc'ed, or NULL
 * when the list is empty. */
HRESULT ranges_copy_out(const struct range_list *list, DWORD *count, BG_FILE_RANGE **ranges);

/* The checks of IBackgroundCopyJob3::AddFileWithRanges: E_INVALIDARG for no
 * ranges, BG_E_INVALID_RANGE for an InitialOffset of BG_LENGTH_TO_EOF,
 * BG_E_OVERLAPPING_RANGES when two ranges, sorted by offset, overlap. */
HRESULT ranges_check_added(const BG_FILE_RANGE *ranges, DWORD count);

/* The checks of IBackgroundCopyFile6::RequestFileRanges against a file of
 * file_size bytes: E_INVALIDARG for no ranges, BG_E_INVALID_RANGE for an
 * empty range or one that reaches past the end. Overlaps are allowed. */
HRESULT ranges_check_requested(const BG_FILE_RANGE *ranges, DWORD count, UINT64 file_size);

/* The union of the ranges of a and b within a file of file_size bytes
 * (BG_LENGTH_TO_EOF resolved, clipped to the file), sorted by offset with
 * overlapping and touching ranges merged; the whole file when a and b are
 * both empty. */
HRESULT ranges_fill(struct range_list *filled, const struct range_list *a, const struct range_list *b,
                    UINT64 file_size);

#endif
