/* Transfers through Wine's BITS service: a local copy and an HTTP download
 * from the harness's fixture, each reported to the client's callback, and
 * a failing one of each. bits_service_client's second sequence. */
#include <string.h>
#include "bits_client.h"
#include "http_payload.h"

static BOOL wait_for_state(IBackgroundCopyJob *job, BG_JOB_STATE wanted, DWORD timeout_ms)
{
    DWORD start = GetTickCount();
    BG_JOB_STATE state;
    do
    {
        if (SUCCEEDED(IBackgroundCopyJob_GetState(job, &state)) && state == wanted) return TRUE;
        Sleep(50);
    } while (GetTickCount() - start < timeout_ms);
    return FALSE;
}

static BOOL file_has_payload(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    BYTE data[HTTP_PAYLOAD_SIZE + 1];
    DWORD got = 0, i;

    if (file == INVALID_HANDLE_VALUE) return FALSE;
    ReadFile(file, data, sizeof(data), &got, NULL);
    CloseHandle(file);
    if (got != HTTP_PAYLOAD_SIZE) return FALSE;
    for (i = 0; i < got; i++) if (data[i] != http_payload_byte(i)) return FALSE;
    return TRUE;
}

static BOOL write_payload(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    BYTE data[HTTP_PAYLOAD_SIZE];
    DWORD written = 0, i;

    if (file == INVALID_HANDLE_VALUE) return FALSE;
    for (i = 0; i < sizeof(data); i++) data[i] = http_payload_byte(i);
    WriteFile(file, data, sizeof(data), &written, NULL);
    CloseHandle(file);
    return written == sizeof(data);
}

static IBackgroundCopyFile *only_file(IBackgroundCopyJob *job)
{
    IEnumBackgroundCopyFiles *files = NULL;
    IBackgroundCopyFile *file = NULL;
    if (SUCCEEDED(IBackgroundCopyJob_EnumFiles(job, &files)) && files)
    {
        IEnumBackgroundCopyFiles_Next(files, 1, &file, NULL);
        IEnumBackgroundCopyFiles_Release(files);
    }
    return file;
}

/* A job whose one file transfers: the service calls the client's callback
 * with the job, the callback calls the service back, and Complete puts the
 * bytes at the local name. from_http: over HTTP from the fixture (progress
 * counts the bytes), else a local copy (Wine's CopyFileEx path). */
static void transfer(IBackgroundCopyManager *manager, struct callback *cb, const WCHAR *remote, const WCHAR *local,
                     BOOL from_http)
{
    static const WCHAR name[] = L"transfer \x2192 local";
    const char *how = from_http ? "HTTP transfer" : "local transfer";
    IBackgroundCopyJob *job = NULL;
    IBackgroundCopyFile *file;
    BOOL fired;
    GUID id;
    HRESULT hr;

    DeleteFileW(local);
    callback_reset(cb);
    hr = IBackgroundCopyManager_CreateJob(manager, name, BG_JOB_TYPE_DOWNLOAD, &id, &job);
    ok(hr == S_OK && job, "%s: %s: CreateJob: hr %#lx", config, how, hr);
    if (!job) return;
    check_hr(IBackgroundCopyJob_AddFile(job, remote, local), S_OK, "AddFile (transfer)");
    check_hr(IBackgroundCopyJob_SetNotifyInterface(job, (IUnknown *)&cb->IBackgroundCopyCallback_iface), S_OK,
             "SetNotifyInterface (transfer)");
    check_hr(IBackgroundCopyJob_Resume(job), S_OK, "Resume");
    fired = WaitForSingleObject(cb->transferred, 10000) == WAIT_OBJECT_0;
    ok(fired, "%s: %s: JobTransferred called back within 10 s", config, how);
    note("JobTransferred: %d", fired);
    if (fired)
    {
        ok(same_object(cb->job, job), "%s: %s: the callback's job is our job", config, how);
        ok(cb->name_inside && !lstrcmpW(cb->name_inside, name), "%s: %s: name read inside the callback \"%s\"",
           config, how, wstr(cb->name_inside));
        ok(cb->state_hr == S_OK && cb->state_inside == BG_JOB_STATE_TRANSFERRED,
           "%s: %s: state inside the callback: hr %#lx %u", config, how, cb->state_hr, cb->state_inside);
        note("inside JobTransferred: same job %d \"%s\" %#lx %u", same_object(cb->job, job), wstr(cb->name_inside),
             cb->state_hr, cb->state_inside);
    }
    check_state(job, BG_JOB_STATE_TRANSFERRED, "GetState after the transfer");
    /* Wine keeps the job's BytesTotal unknown and counts the bytes it
     * reads over HTTP; its local copy counts what CopyFileEx reports, if
     * anything. */
    if (from_http) check_job_progress(job, BG_SIZE_UNKNOWN, HTTP_PAYLOAD_SIZE, 1, 1, "GetProgress after the transfer");
    else
    {
        BG_JOB_PROGRESS p;
        hr = IBackgroundCopyJob_GetProgress(job, &p);
        ok(hr == S_OK && p.FilesTotal == 1 && p.FilesTransferred == 1 &&
           (p.BytesTransferred == 0 || p.BytesTransferred == HTTP_PAYLOAD_SIZE),
           "%s: %s: GetProgress: hr %#lx files %lu/%lu bytes %#I64x", config, how, hr, p.FilesTransferred,
           p.FilesTotal, p.BytesTransferred);
        note("GetProgress after the local copy: %#lx %lu %lu", hr, p.FilesTotal, p.FilesTransferred);
    }
    if ((file = only_file(job)))
    {
        WCHAR *text = NULL;
        BG_FILE_PROGRESS p;
        hr = IBackgroundCopyFile_GetRemoteName(file, &text);
        check_string(hr, text, remote, "transferred file's remote name");
        if (from_http) check_file_progress(file, HTTP_PAYLOAD_SIZE, HTTP_PAYLOAD_SIZE, TRUE, "file progress after HTTP");
        else
        {
            hr = IBackgroundCopyFile_GetProgress(file, &p);
            ok(hr == S_OK && p.Completed, "%s: local file completed: hr %#lx %d", config, hr, p.Completed);
            note("file completed after the local copy: %#lx %d", hr, p.Completed);
        }
        IBackgroundCopyFile_Release(file);
    }
    /* Let go of the callback now: a finished job refuses SetNotifyInterface. */
    check_hr(IBackgroundCopyJob_SetNotifyInterface(job, NULL), S_OK, "SetNotifyInterface(NULL) after the transfer");
    check_hr(IBackgroundCopyJob_Complete(job), S_OK, "Complete");
    ok(file_has_payload(local), "%s: %s: the local file holds the %u payload bytes", config, how, HTTP_PAYLOAD_SIZE);
    check_state(job, BG_JOB_STATE_ACKNOWLEDGED, "GetState after Complete");
    IBackgroundCopyJob_Release(job);
    callback_reset(cb);
    DeleteFileW(local);
}

/* A job whose file cannot be had: the job goes to ERROR. Over HTTP (a 404)
 * the service describes the error with an IBackgroundCopyError that names
 * the file; after a local failure Wine 8 keeps no error object. */
static void failed_transfer(IBackgroundCopyManager *manager, const WCHAR *remote, const WCHAR *local, BOOL from_http)
{
    const char *how = from_http ? "HTTP 404" : "missing local source";
    IBackgroundCopyJob *job = NULL;
    IBackgroundCopyError *error = NULL;
    GUID id;
    BOOL reached;
    HRESULT hr;

    hr = IBackgroundCopyManager_CreateJob(manager, L"failing", BG_JOB_TYPE_DOWNLOAD, &id, &job);
    ok(hr == S_OK && job, "%s: %s: CreateJob: hr %#lx", config, how, hr);
    if (!job) return;
    check_hr(IBackgroundCopyJob_AddFile(job, remote, local), S_OK, "AddFile (failing)");
    check_hr(IBackgroundCopyJob_Resume(job), S_OK, "Resume (failing)");
    reached = wait_for_state(job, BG_JOB_STATE_ERROR, 10000);
    ok(reached, "%s: %s: the job reaches BG_JOB_STATE_ERROR within 10 s", config, how);
    note("%s: ERROR reached %d", how, reached);
    hr = IBackgroundCopyJob_GetError(job, &error);
    if (!from_http)
    {
        ok(hr == (HRESULT)BG_E_ERROR_INFORMATION_UNAVAILABLE && !error, "%s: %s: GetError: hr %#lx", config, how, hr);
        note("%s: GetError: %#lx", how, hr);
    }
    else
    {
        ok(hr == S_OK && error, "%s: %s: GetError: hr %#lx", config, how, hr);
        note("%s: GetError: %#lx", how, hr);
    }
    if (error)
    {
        BG_ERROR_CONTEXT context = 0xdead;
        HRESULT code = 0xdead;
        IBackgroundCopyFile *file = NULL;
        WCHAR *text = NULL;

        hr = IBackgroundCopyError_GetError(error, &context, &code);
        ok(hr == S_OK && context == BG_ERROR_CONTEXT_REMOTE_FILE && code == (HRESULT)BG_E_HTTP_ERROR_404,
           "%s: IBackgroundCopyError::GetError: hr %#lx context %u code %#lx", config, hr, context, code);
        note("IBackgroundCopyError::GetError: %#lx %u %#lx", hr, context, code);
        hr = IBackgroundCopyError_GetFile(error, &file);
        ok(hr == S_OK && file, "%s: IBackgroundCopyError::GetFile: hr %#lx", config, hr);
        if (file)
        {
            hr = IBackgroundCopyFile_GetRemoteName(file, &text);
            check_string(hr, text, remote, "the error's file, remote name");
            IBackgroundCopyFile_Release(file);
        }
        text = NULL;
        check_ref_string_out(IBackgroundCopyError_GetErrorDescription(error, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US),
                             &text), "IBackgroundCopyError::GetErrorDescription");
        check_ref_string_out(IBackgroundCopyError_GetErrorContextDescription(error,
                             MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), &text),
                             "IBackgroundCopyError::GetErrorContextDescription");
        check_ref_string_out(IBackgroundCopyError_GetProtocol(error, &text), "IBackgroundCopyError::GetProtocol");
        ok(IBackgroundCopyError_Release(error) == 0, "%s: error proxy released to zero", config);
    }
    hr = IBackgroundCopyJob_Cancel(job);
    ok(hr == S_OK || hr == BG_S_UNABLE_TO_DELETE_FILES, "%s: %s: Cancel: hr %#lx", config, how, hr);
    check_state(job, BG_JOB_STATE_CANCELLED, "GetState after Cancel (failing)");
    IBackgroundCopyJob_Release(job);
}

void transfers(IBackgroundCopyManager *manager, struct callback *cb, const char *http_base)
{
    WCHAR dir[MAX_PATH], source[MAX_PATH], target[MAX_PATH], missing[MAX_PATH], url[512];

    GetTempPathW(MAX_PATH, dir);
    swprintf(source, MAX_PATH, L"%lsqmgrprxy-xproc-source.bin", dir);
    swprintf(target, MAX_PATH, L"%lsqmgrprxy-xproc-target.bin", dir);
    swprintf(missing, MAX_PATH, L"%lsqmgrprxy-xproc-no-such-source.bin", dir);
    ok(write_payload(source), "%s: wrote the local source %s", config, wstr(source));
    DeleteFileW(missing);
    transfer(manager, cb, source, target, FALSE);
    failed_transfer(manager, missing, target, FALSE);
    DeleteFileW(source);
    if (!http_base) return;
    swprintf(url, ARRAYSIZE(url), L"%hs/%hs", http_base, HTTP_PAYLOAD_PATH);
    transfer(manager, cb, url, target, TRUE);
    swprintf(url, ARRAYSIZE(url), L"%hs/absent.bin", http_base);
    failed_transfer(manager, url, target, TRUE);
}
