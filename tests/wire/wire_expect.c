#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "wire_cases.h"
#include "testutil.h"

void expect(struct case_ctx *ctx, BOOL cond, const char *fmt, ...)
{
    va_list args;
    if (cond || ctx->failed) return;
    ctx->failed = TRUE;
    va_start(args, fmt);
    vsnprintf(ctx->failure, sizeof(ctx->failure), fmt, args);
    va_end(args);
}

void expect_u32(struct case_ctx *ctx, const char *what, ULONG got, ULONG want)
{
    expect(ctx, got == want, "%s is %#lx, expected %#lx", what, got, want);
}

void expect_u64(struct case_ctx *ctx, const char *what, ULONGLONG got, ULONGLONG want)
{
    expect(ctx, got == want, "%s is %#llx, expected %#llx", what, got, want);
}

void expect_wstr(struct case_ctx *ctx, const char *what, const WCHAR *got, const WCHAR *want)
{
    BOOL same = (!got && !want) || (got && want && !wcscmp(got, want));
    expect(ctx, same, "%s is \"%s\", expected \"%s\"", what, wstr(got), wstr(want));
}

void expect_guid(struct case_ctx *ctx, const char *what, const GUID *got, const GUID *want)
{
    expect(ctx, got && IsEqualGUID(got, want), "%s is {%s}, expected {%s}", what,
           got ? guid_str(got) : "NULL", guid_str(want));
}

void expect_bytes(struct case_ctx *ctx, const char *what, const BYTE *got, const BYTE *want, size_t len)
{
    expect(ctx, got && !memcmp(got, want, len), "%s differs from the fixed bytes", what);
}

void expect_ptr(struct case_ctx *ctx, const char *what, const void *got, const void *want)
{
    expect(ctx, got == want, "%s is %p, expected %p", what, got, want);
}

void expect_range(struct case_ctx *ctx, const char *what, const BG_FILE_RANGE *got, ULONGLONG offset, ULONGLONG length)
{
    expect(ctx, got && got->InitialOffset == offset && got->Length == length,
           "%s is {%#llx, %#llx}, expected {%#llx, %#llx}", what, got ? got->InitialOffset : 0,
           got ? got->Length : 0, offset, length);
}

#define STORAGE_SIZE (1024 * 1024)

void *out_storage(struct case_ctx *ctx, size_t size)
{
    static unsigned char *arena;
    void *slot;
    if (!arena) arena = VirtualAlloc(NULL, STORAGE_SIZE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    size = (size + 15) & ~(size_t)15;
    if (ctx->storage_used + size > 4096) return NULL;   /* only the first page holds slots */
    slot = arena + ctx->storage_used;
    ctx->storage_used += size;
    memset(slot, 0, size);
    return slot;
}

WCHAR *co_wstr(const WCHAR *text)
{
    size_t size = (wcslen(text) + 1) * sizeof(WCHAR);
    WCHAR *copy = CoTaskMemAlloc(size);
    memcpy(copy, text, size);
    return copy;
}

void *out_peer(struct case_ctx *ctx, unsigned int index)
{
    IUnknown_AddRef(ctx->peer[index]);
    return ctx->peer[index];
}

void expect_out_peer(struct case_ctx *ctx, const char *what, IUnknown *got, unsigned int index)
{
    expect_ptr(ctx, what, got, ctx->peer[index]);
    if (got) IUnknown_Release(got);
}

const struct wire_case *wire_case_find(const char *iface, const char *method)
{
    static const struct wire_case_list *const lists[] =
    {
        &wire_cases_bits, &wire_cases_qmgr, &wire_cases_bits1_5, &wire_cases_bits2_0, &wire_cases_bits2_5,
        &wire_cases_bits3_0, &wire_cases_bits4_0, &wire_cases_bits5_0, &wire_cases_bits10,
    };
    unsigned int i, k;
    for (i = 0; i < ARRAYSIZE(lists); i++)
        for (k = 0; k < lists[i]->count; k++)
            if (!strcmp(lists[i]->cases[k].iface, iface) && !strcmp(lists[i]->cases[k].method, method))
                return &lists[i]->cases[k];
    return NULL;
}

void expect_bstr(struct case_ctx *ctx, const char *what, BSTR got, const WCHAR *want)
{
    BOOL same = got && SysStringLen(got) == wcslen(want) && !memcmp(got, want, wcslen(want) * sizeof(WCHAR));
    expect(ctx, same, "%s is \"%s\" (%u chars), expected \"%s\"", what, wstr(got), got ? SysStringLen(got) : 0,
           wstr(want));
}

void serve_nothing(const UINT_PTR *args, struct case_ctx *ctx)
{
}

void serve_out_peer0(const UINT_PTR *args, struct case_ctx *ctx)
{
    *ARG(void **, 0) = out_peer(ctx, 0);
}

void serve_in_peer0(const UINT_PTR *args, struct case_ctx *ctx)
{
    expect_ptr(ctx, "the interface pointer", ARG(void *, 0), ctx->peer[0]);
}
