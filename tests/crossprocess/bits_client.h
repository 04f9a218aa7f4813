/* The pieces of bits_service_client (see bits_service_client.c): the
 * run's pairing, the checks that also write the transcript, the client's
 * callback, and the two sequences. */
#ifndef QMGRPRXY_BITS_CLIENT_H
#define QMGRPRXY_BITS_CLIENT_H

#include <stdio.h>
#include <bitsmsg.h>
#include "tap.h"
#include "testutil.h"

extern char config[64];          /* "service=ours client=builtin", in every message */
extern enum pairing { PURE_OURS, PURE_BUILTIN, MIXED } pairing;
extern FILE *transcript;
extern FILETIME run_start;

/* One line of the transcript: what the client received, never a pointer or
 * a GUID (those differ from run to run). */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A string for one line of TAP or transcript: CR and LF spelled out. */
const char *shown(const WCHAR *text);

/* ok() and note() in one; check_string takes ownership of got. */
void check_hr(HRESULT hr, HRESULT expected, const char *what);
void check_string(HRESULT hr, WCHAR *got, const WCHAR *expected, const char *what);
void check_ulong(HRESULT hr, ULONG got, ULONG expected, const char *what);
void check_ref_string_out(HRESULT hr, const char *what);
void check_state(IBackgroundCopyJob *job, BG_JOB_STATE expected, const char *what);
void check_job_progress(IBackgroundCopyJob *job, UINT64 bytes_total, UINT64 bytes_done, ULONG files_total,
                        ULONG files_done, const char *what);
void check_file_progress(IBackgroundCopyFile *file, UINT64 total, UINT64 done, BOOL completed, const char *what);

/* The client's IBackgroundCopyCallback (bits_client_callback.c). */
struct callback
{
    IBackgroundCopyCallback IBackgroundCopyCallback_iface;
    LONG ref;
    HANDLE transferred;
    IBackgroundCopyJob *job;     /* what JobTransferred was given */
    WCHAR *name_inside;          /* the job's name, read back during the callback */
    BG_JOB_STATE state_inside;
    HRESULT state_hr;
};
void callback_init(struct callback *cb);
void callback_reset(struct callback *cb);

/* The sequences: jobs, files and settings (bits_client_jobs.c); transfers,
 * local and, given the fixture's URL, HTTP (bits_client_transfer.c). */
void jobs_and_files(IBackgroundCopyManager *manager, struct callback *cb);
void transfers(IBackgroundCopyManager *manager, struct callback *cb, const char *http_base);

#endif
