/* The checks of bits_service_client: each ok() also writes what the client
 * received to the transcript, which the harness compares across pairings. */
#include <stdarg.h>
#include <string.h>
#include "bits_client.h"

char config[64];
enum pairing pairing;
FILE *transcript;
FILETIME run_start;

void note(const char *fmt, ...)
{
    va_list args;
    if (!transcript) return;
    va_start(args, fmt);
    vfprintf(transcript, fmt, args);
    va_end(args);
    fputc('\n', transcript);
}

void check_hr(HRESULT hr, HRESULT expected, const char *what)
{
    ok(hr == expected, "%s: %s: hr %#lx (expected %#lx)", config, what, hr, expected);
    note("%s: %#lx", what, hr);
}

/* Where Wine's builtin cannot agree with Windows' marshaling. Wine's IDL
 * (like the SDK's) declares some string outputs [out, ref] LPWSTR *. MIDL
 * applies a parameter's [ref] to the rightmost declarator only, so the string
 * pointer is unique and may come back NULL; widl also makes the string
 * pointer [ref], so Wine's stub cannot send the NULL Wine's qmgr leaves with
 * E_NOTIMPL (RPC_X_NULL_REF_POINTER) and the two formats differ on the wire.
 * Our DLL must pass E_NOTIMPL as the service said; Wine's pair raises; a
 * mixed pair must fail cleanly, with no value. These lines are marked "~" in
 * the transcript and the harness leaves them out of its comparison. */
void check_ref_string_out(HRESULT hr, const char *what)
{
    switch (pairing)
    {
    case PURE_OURS:
        ok(hr == E_NOTIMPL, "%s: %s: hr %#lx (Wine's E_NOTIMPL)", config, what, hr);
        break;
    case PURE_BUILTIN:
        ok(hr == HRESULT_FROM_WIN32(RPC_X_NULL_REF_POINTER), "%s: %s: hr %#lx (widl's [ref] string)", config, what, hr);
        break;
    case MIXED:
        ok(hr == E_NOTIMPL || (FAILED(hr) && HRESULT_FACILITY(hr) == FACILITY_WIN32),
           "%s: %s: hr %#lx (E_NOTIMPL or an RPC error)", config, what, hr);
        break;
    }
    note("~ %s: %#lx", what, hr);
}

const char *shown(const WCHAR *text)
{
    static WCHAR buf[4][512];
    static int next;
    WCHAR *b = buf[next++ & 3];
    unsigned int i = 0;

    if (!text) return "(null)";
    for (; *text && i < ARRAYSIZE(buf[0]) - 3; text++)
    {
        if (*text == '\r' || *text == '\n')
        {
            b[i++] = '\\';
            b[i++] = *text == '\r' ? 'r' : 'n';
        }
        else b[i++] = *text;
    }
    b[i] = 0;
    return wstr(b);
}

void check_string(HRESULT hr, WCHAR *got, const WCHAR *expected, const char *what)
{
    ok(hr == S_OK && got && !lstrcmpW(got, expected), "%s: %s: hr %#lx \"%s\" (expected \"%s\")",
       config, what, hr, shown(got), shown(expected));
    note("%s: %#lx \"%s\"", what, hr, shown(got));
    CoTaskMemFree(got);
}

void check_ulong(HRESULT hr, ULONG got, ULONG expected, const char *what)
{
    ok(hr == S_OK && got == expected, "%s: %s: hr %#lx value %lu (expected %lu)", config, what, hr, got, expected);
    note("%s: %#lx %lu", what, hr, got);
}

void check_state(IBackgroundCopyJob *job, BG_JOB_STATE expected, const char *what)
{
    BG_JOB_STATE state = 0xdead;
    HRESULT hr = IBackgroundCopyJob_GetState(job, &state);
    check_ulong(hr, state, expected, what);
}

void check_job_progress(IBackgroundCopyJob *job, UINT64 bytes_total, UINT64 bytes_done, ULONG files_total,
                               ULONG files_done, const char *what)
{
    BG_JOB_PROGRESS p;
    HRESULT hr;

    memset(&p, 0xcc, sizeof(p));
    hr = IBackgroundCopyJob_GetProgress(job, &p);
    ok(hr == S_OK && p.BytesTotal == bytes_total && p.BytesTransferred == bytes_done && p.FilesTotal == files_total &&
       p.FilesTransferred == files_done, "%s: %s: hr %#lx bytes %#I64x/%#I64x files %lu/%lu", config, what, hr,
       p.BytesTransferred, p.BytesTotal, p.FilesTransferred, p.FilesTotal);
    note("%s: %#lx %#I64x %#I64x %lu %lu", what, hr, p.BytesTotal, p.BytesTransferred, p.FilesTotal, p.FilesTransferred);
}

void check_file_progress(IBackgroundCopyFile *file, UINT64 total, UINT64 done, BOOL completed, const char *what)
{
    BG_FILE_PROGRESS p;
    HRESULT hr;

    memset(&p, 0xcc, sizeof(p));
    hr = IBackgroundCopyFile_GetProgress(file, &p);
    ok(hr == S_OK && p.BytesTotal == total && p.BytesTransferred == done && p.Completed == completed,
       "%s: %s: hr %#lx bytes %#I64x/%#I64x completed %d", config, what, hr, p.BytesTransferred, p.BytesTotal, p.Completed);
    note("%s: %#lx %#I64x %#I64x %d", what, hr, p.BytesTotal, p.BytesTransferred, p.Completed);
}
