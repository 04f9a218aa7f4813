/*
 * Byte ranges of a file (BG_FILE_RANGE): the lists a file keeps, the checks
 * BITS documents for them, and the merged set a transfer fills.
 */
#include "file_private.h"

void ranges_clear(struct range_list *list)
{
    HeapFree(GetProcessHeap(), 0, list->items);
    list->items = NULL;
    list->count = 0;
}

HRESULT ranges_append(struct range_list *list, const BG_FILE_RANGE *ranges, DWORD count)
{
    BG_FILE_RANGE *items;
    SIZE_T total;

    if (!count) return S_OK;
    total = (SIZE_T)list->count + count;
    if (total > MAXDWORD || total > ((SIZE_T)-1) / sizeof(*items)) return E_OUTOFMEMORY;
    if (list->items) items = HeapReAlloc(GetProcessHeap(), 0, list->items, total * sizeof(*items));
    else items = HeapAlloc(GetProcessHeap(), 0, total * sizeof(*items));
    if (!items) return E_OUTOFMEMORY;
    memcpy(items + list->count, ranges, count * sizeof(*items));
    list->items = items;
    list->count = total;
    return S_OK;
}

HRESULT ranges_copy_out(const struct range_list *list, DWORD *count, BG_FILE_RANGE **ranges)
{
    *count = 0;
    *ranges = NULL;
    if (!list->count) return S_OK;
    if (!(*ranges = CoTaskMemAlloc(list->count * sizeof(**ranges)))) return E_OUTOFMEMORY;
    memcpy(*ranges, list->items, list->count * sizeof(**ranges));
    *count = list->count;
    return S_OK;
}

/* Where a range ends (one past its last byte); MAXUINT64 for "to the end". */
static UINT64 range_end(const BG_FILE_RANGE *range)
{
    if (range->Length == BG_LENGTH_TO_EOF || range->Length > MAXUINT64 - range->InitialOffset)
        return MAXUINT64;
    return range->InitialOffset + range->Length;
}

/* The indices of the ranges sorted by offset; an insertion sort, so that
 * equal offsets keep their given order, as BITS's rule "100:5 then 100:0
 * overlap, 100:0 then 100:5 do not" needs. */
static HRESULT sorted_order(const BG_FILE_RANGE *ranges, DWORD count, DWORD **order)
{
    DWORD i, j;

    if (!(*order = HeapAlloc(GetProcessHeap(), 0, max(count, 1) * sizeof(**order)))) return E_OUTOFMEMORY;
    for (i = 0; i < count; i++)
    {
        for (j = i; j > 0 && ranges[(*order)[j - 1]].InitialOffset > ranges[i].InitialOffset; j--)
            (*order)[j] = (*order)[j - 1];
        (*order)[j] = i;
    }
    return S_OK;
}

HRESULT ranges_check_added(const BG_FILE_RANGE *ranges, DWORD count)
{
    DWORD i, *order;
    HRESULT hr = S_OK;

    if (!count || !ranges) return E_INVALIDARG;
    for (i = 0; i < count; i++)
        if (ranges[i].InitialOffset == BG_LENGTH_TO_EOF) return BG_E_INVALID_RANGE;
    if (FAILED(hr = sorted_order(ranges, count, &order))) return hr;
    for (i = 1; i < count && hr == S_OK; i++)
        if (ranges[order[i]].InitialOffset < range_end(&ranges[order[i - 1]]))
            hr = BG_E_OVERLAPPING_RANGES;
    HeapFree(GetProcessHeap(), 0, order);
    return hr;
}

HRESULT ranges_check_requested(const BG_FILE_RANGE *ranges, DWORD count, UINT64 file_size)
{
    DWORD i;

    if (!count || !ranges) return E_INVALIDARG;
    for (i = 0; i < count; i++)
    {
        const BG_FILE_RANGE *range = &ranges[i];
        if (!range->Length || range->InitialOffset >= file_size) return BG_E_INVALID_RANGE;
        if (range->Length != BG_LENGTH_TO_EOF && range_end(range) > file_size) return BG_E_INVALID_RANGE;
    }
    return S_OK;
}

HRESULT ranges_fill(struct range_list *filled, const struct range_list *a, const struct range_list *b,
                    UINT64 file_size)
{
    struct range_list all = {0};
    DWORD i, *order;
    HRESULT hr;

    ranges_clear(filled);
    if (!a->count && !b->count)
    {
        BG_FILE_RANGE whole = { 0, file_size };
        return file_size ? ranges_append(filled, &whole, 1) : S_OK;
    }
    if (FAILED(hr = ranges_append(&all, a->items, a->count)) ||
        FAILED(hr = ranges_append(&all, b->items, b->count)) ||
        FAILED(hr = sorted_order(all.items, all.count, &order)))
    {
        ranges_clear(&all);
        return hr;
    }
    for (i = 0; i < all.count && SUCCEEDED(hr); i++)
    {
        const BG_FILE_RANGE *range = &all.items[order[i]];
        UINT64 start = range->InitialOffset, end = min(range_end(range), file_size);
        BG_FILE_RANGE *last = filled->count ? &filled->items[filled->count - 1] : NULL;

        if (start >= end) continue;   /* empty, or wholly past the end */
        if (last && start <= last->InitialOffset + last->Length)
        {
            if (end > last->InitialOffset + last->Length) last->Length = end - last->InitialOffset;
        }
        else
        {
            BG_FILE_RANGE piece = { start, end - start };
            hr = ranges_append(filled, &piece, 1);
        }
    }
    HeapFree(GetProcessHeap(), 0, order);
    ranges_clear(&all);
    if (FAILED(hr)) ranges_clear(filled);
    return hr;
}
