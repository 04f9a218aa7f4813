/* Fixed calls of IBackgroundCopyJob3 and IBackgroundCopyFile2 (bits2_0.idl);
 * vectors/<interface>.wire has the bytes they must produce. */
#include "wire_cases.h"

#define JOB3(p) ((IBackgroundCopyJob3 *)(p))

static HRESULT call_ReplaceRemotePrefix(IUnknown *p, struct case_ctx *c)
{
    return IBackgroundCopyJob3_ReplaceRemotePrefix(JOB3(p), L"http://old.example.test/", L"https://new.example.test/");
}
static void serve_ReplaceRemotePrefix(const UINT_PTR *args, struct case_ctx *c)
{
    expect_wstr(c, "OldPrefix", ARG(LPCWSTR, 0), L"http://old.example.test/");
    expect_wstr(c, "NewPrefix", ARG(LPCWSTR, 1), L"https://new.example.test/");
}

static HRESULT call_AddFileWithRanges(IUnknown *p, struct case_ctx *c)
{
    BG_FILE_RANGE ranges[2] = { { 0, 0x1000 }, { 0x8000, BG_LENGTH_TO_EOF } };
    return IBackgroundCopyJob3_AddFileWithRanges(JOB3(p), L"http://example.test/big.iso", L"C:\\d\\big.iso", 2, ranges);
}
static void serve_AddFileWithRanges(const UINT_PTR *args, struct case_ctx *c)
{
    const BG_FILE_RANGE *ranges = ARG(const BG_FILE_RANGE *, 3);
    expect_wstr(c, "RemoteUrl", ARG(LPCWSTR, 0), L"http://example.test/big.iso");
    expect_wstr(c, "LocalName", ARG(LPCWSTR, 1), L"C:\\d\\big.iso");
    expect_u32(c, "RangeCount", ARG(DWORD, 2), 2);
    expect_range(c, "Ranges[0]", ranges, 0, 0x1000);
    expect_range(c, "Ranges[1]", ranges ? &ranges[1] : NULL, 0x8000, BG_LENGTH_TO_EOF);
}

ULONG_IN(IBackgroundCopyJob3, SetFileACLFlags, 0x0b)
ULONG_OUT(IBackgroundCopyJob3, GetFileACLFlags, 0x04)

#define FILE2(p) ((IBackgroundCopyFile2 *)(p))

static HRESULT call_GetFileRanges(IUnknown *p, struct case_ctx *c)
{
    BG_FILE_RANGE **ranges = out_storage(c, sizeof(*ranges));
    DWORD count = 0;
    HRESULT hr = IBackgroundCopyFile2_GetFileRanges(FILE2(p), &count, ranges);
    expect_u32(c, "*RangeCount", count, 2);
    expect_range(c, "(*Ranges)[0]", *ranges, 0x100, 0x200);
    expect_range(c, "(*Ranges)[1]", *ranges ? &(*ranges)[1] : NULL, 0x10000, BG_LENGTH_TO_EOF);
    CoTaskMemFree(*ranges);
    return hr;
}
static void serve_GetFileRanges(const UINT_PTR *args, struct case_ctx *c)
{
    DWORD *count = ARG(DWORD *, 0);
    BG_FILE_RANGE *ranges = CoTaskMemAlloc(2 * sizeof(*ranges));
    expect(c, count && *count == 0, "*RangeCount on the way in is not 0");
    ranges[0].InitialOffset = 0x100;
    ranges[0].Length = 0x200;
    ranges[1].InitialOffset = 0x10000;
    ranges[1].Length = BG_LENGTH_TO_EOF;
    *ARG(BG_FILE_RANGE **, 1) = ranges;
    if (count) *count = 2;
}

WSTR_IN(IBackgroundCopyFile2, SetRemoteName, L"http://mirror.example.test/a.bin")

static const struct wire_case cases[] =
{
    { "IBackgroundCopyJob3", "ReplaceRemotePrefix", 43, S_OK, call_ReplaceRemotePrefix, serve_ReplaceRemotePrefix },
    { "IBackgroundCopyJob3", "AddFileWithRanges", 44, S_OK, call_AddFileWithRanges, serve_AddFileWithRanges },
    CASE(IBackgroundCopyJob3, SetFileACLFlags, 45, S_OK),
    CASE(IBackgroundCopyJob3, GetFileACLFlags, 46, S_OK),
    { "IBackgroundCopyFile2", "GetFileRanges", 6, S_OK, call_GetFileRanges, serve_GetFileRanges },
    CASE(IBackgroundCopyFile2, SetRemoteName, 7, S_OK),
};

const struct wire_case_list wire_cases_bits2_0 = { cases, ARRAYSIZE(cases) };
