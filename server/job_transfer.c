/*
 * The life of a job: Suspend, Resume and its pretend transfer, Cancel,
 * Complete and TakeOwnership; the state, progress, times and error; and the
 * notifications to the client's callbacks. The rules are at the top of
 * job.c. Callbacks are called without the job's lock held: they go to
 * another apartment, which may call the job back.
 */
#include "job.h"

/* The certificate every https server of the model presents (not a real
 * certificate: fixed bytes a callback can recognise), without terminators. */
static const BYTE model_certificate[] = "qmgrprxy model server certificate";
static const BYTE model_certificate_store[] = "qmgrprxy model certificate store";

IUnknown *job_listener(struct job *job, ULONG flag)
{
    IUnknown *listener = NULL;

    EnterCriticalSection(&job->cs);
    if (job->notify && (job->notify_flags & flag) && !(job->notify_flags & BG_NOTIFY_DISABLE))
    {
        listener = job->notify;
        IUnknown_AddRef(listener);
    }
    LeaveCriticalSection(&job->cs);
    return listener;
}

static void *callback_of(IUnknown *listener, REFIID iid)
{
    void *callback = NULL;
    if (FAILED(IUnknown_QueryInterface(listener, iid, &callback))) return NULL;
    return callback;
}

void job_send_modification(struct job *job, IUnknown *listener)
{
    IBackgroundCopyCallback *callback = callback_of(listener, &IID_IBackgroundCopyCallback);

    if (!callback) return;
    IBackgroundCopyCallback_JobModification(callback, job_iface(job), 0);
    IBackgroundCopyCallback_Release(callback);
}

/* The ranges a file was transferred for: those requested from it, else
 * those it was added with; none for a whole file. */
static void transferred_ranges(IBackgroundCopyFile *file, DWORD *count, BG_FILE_RANGE **ranges)
{
    IBackgroundCopyFile2 *file2;

    if (SUCCEEDED(server_file_requested_ranges(file, count, ranges)) && *count) return;
    CoTaskMemFree(*ranges);
    *ranges = NULL;
    *count = 0;
    if (FAILED(IBackgroundCopyFile_QueryInterface(file, &IID_IBackgroundCopyFile2, (void **)&file2))) return;
    if (FAILED(IBackgroundCopyFile2_GetFileRanges(file2, count, ranges)))
    {
        *count = 0;
        *ranges = NULL;
    }
    IBackgroundCopyFile2_Release(file2);
}

static void send_file_events(struct job *job, IBackgroundCopyFile *file)
{
    IUnknown *listener;

    if ((listener = job_listener(job, BG_NOTIFY_FILE_TRANSFERRED)))
    {
        IBackgroundCopyCallback2 *callback = callback_of(listener, &IID_IBackgroundCopyCallback2);
        if (callback)
        {
            IBackgroundCopyCallback2_FileTransferred(callback, job_iface(job), file);
            IBackgroundCopyCallback2_Release(callback);
        }
        IUnknown_Release(listener);
    }
    if ((listener = job_listener(job, BG_NOTIFY_FILE_RANGES_TRANSFERRED)))
    {
        BG_FILE_RANGE *ranges = NULL;
        DWORD count = 0;
        IBackgroundCopyCallback3 *callback;

        transferred_ranges(file, &count, &ranges);
        if (count && (callback = callback_of(listener, &IID_IBackgroundCopyCallback3)))
        {
            IBackgroundCopyCallback3_FileRangesTransferred(callback, job_iface(job), file, count, ranges);
            IBackgroundCopyCallback3_Release(callback);
        }
        CoTaskMemFree(ranges);
        IUnknown_Release(listener);
    }
}

/* The end of a transfer: JobModification, then JobTransferred or JobError. */
static void send_job_events(struct job *job, BG_JOB_STATE state, IBackgroundCopyError *error)
{
    IBackgroundCopyCallback *callback;
    IUnknown *listener;

    if ((listener = job_listener(job, BG_NOTIFY_JOB_MODIFICATION)))
    {
        job_send_modification(job, listener);
        IUnknown_Release(listener);
    }
    if (state == BG_JOB_STATE_TRANSFERRED && (listener = job_listener(job, BG_NOTIFY_JOB_TRANSFERRED)))
    {
        if ((callback = callback_of(listener, &IID_IBackgroundCopyCallback)))
        {
            IBackgroundCopyCallback_JobTransferred(callback, job_iface(job));
            IBackgroundCopyCallback_Release(callback);
        }
        IUnknown_Release(listener);
    }
    if (state == BG_JOB_STATE_ERROR && error && (listener = job_listener(job, BG_NOTIFY_JOB_ERROR)))
    {
        if ((callback = callback_of(listener, &IID_IBackgroundCopyCallback)))
        {
            IBackgroundCopyCallback_JobError(callback, job_iface(job), error);
            IBackgroundCopyCallback_Release(callback);
        }
        IUnknown_Release(listener);
    }
}

/* One file. FALSE when it stops the job; *error then describes why (NULL
 * only if even that failed). */
static BOOL transfer_file(struct job *job, IBackgroundCopyFile *file,
                          IBackgroundCopyServerCertificateValidationCallback *validation, IBackgroundCopyError **error)
{
    WCHAR *remote, host[256];
    HRESULT hr;
    BOOL done = FALSE;

    *error = NULL;
    if (FAILED(hr = IBackgroundCopyFile_GetRemoteName(file, &remote)))
    {
        job_error_create(BG_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER, hr, file, NULL, error);
        return FALSE;
    }
    job_url_host(remote, host, ARRAYSIZE(host));
    if (validation && job_url_is_https(remote) &&
        FAILED(hr = IBackgroundCopyServerCertificateValidationCallback_ValidateServerCertificate(validation,
                job_iface(job), file, sizeof(model_certificate) - 1, model_certificate,
                X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, sizeof(model_certificate_store) - 1, model_certificate_store)))
        job_error_create(BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK, hr, file, L"http", error);
    else if (!lstrcmpiW(host, L"fail.example.test"))
        job_error_create(BG_ERROR_CONTEXT_REMOTE_FILE, BG_E_HTTP_ERROR_404, file, job_url_protocol(remote), error);
    else
    {
        server_file_transfer(file);
        done = TRUE;
    }
    CoTaskMemFree(remote);
    return done;
}

static void mark_transferred(struct job *job, IBackgroundCopyFile *file)
{
    ULONG i;

    EnterCriticalSection(&job->cs);
    for (i = 0; i < job->file_count; i++) if (job->files[i].file == file) job->files[i].transferred = TRUE;
    LeaveCriticalSection(&job->cs);
}

static BOOL all_transferred(const struct job *job)
{
    ULONG i;
    for (i = 0; i < job->file_count; i++) if (!job->files[i].transferred) return FALSE;
    return TRUE;
}

HRESULT STDMETHODCALLTYPE job_Resume(IBackgroundCopyJob5 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    IBackgroundCopyServerCertificateValidationCallback *validation;
    IBackgroundCopyError *error = NULL, *old_error;
    IBackgroundCopyFile **pending;
    BG_JOB_STATE state;
    ULONG i, count = 0;
    BOOL stopped = FALSE;
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    if (!job->file_count) return job_end_change(job, BG_E_EMPTY);
    if (job->state == BG_JOB_STATE_TRANSFERRED)
    {
        LeaveCriticalSection(&job->cs);
        return S_OK;
    }
    if (!(pending = HeapAlloc(GetProcessHeap(), 0, job->file_count * sizeof(*pending))))
        return job_end_change(job, E_OUTOFMEMORY);
    for (i = 0; i < job->file_count; i++)
    {
        if (job->files[i].transferred) continue;
        pending[count] = job->files[i].file;
        IBackgroundCopyFile_AddRef(pending[count]);
        count++;
    }
    if ((validation = job->certificate_validation)) IBackgroundCopyServerCertificateValidationCallback_AddRef(validation);
    old_error = job->error;
    job->error = NULL;
    job->state = BG_JOB_STATE_TRANSFERRING;
    job->resumed = TRUE;
    job_touch(job);
    LeaveCriticalSection(&job->cs);
    if (old_error) IBackgroundCopyError_Release(old_error);

    for (i = 0; i < count && !stopped; i++)
    {
        if (!(stopped = !transfer_file(job, pending[i], validation, &error)))
        {
            mark_transferred(job, pending[i]);
            send_file_events(job, pending[i]);
        }
    }

    EnterCriticalSection(&job->cs);
    if (job->state == BG_JOB_STATE_TRANSFERRING)   /* not suspended or cancelled by a callback */
    {
        job_touch(job);
        if (stopped)
        {
            job->state = BG_JOB_STATE_ERROR;
            job->error = error;
            error = NULL;
            job->error_count++;
        }
        else if (all_transferred(job))
        {
            job->state = BG_JOB_STATE_TRANSFERRED;
            job->times.TransferCompletionTime = job->times.ModificationTime;
            if (job->type == BG_JOB_TYPE_UPLOAD_REPLY) job->reply_received = TRUE;
        }
        else job->state = BG_JOB_STATE_SUSPENDED;   /* files added by a callback meanwhile */
    }
    state = job->state;
    if ((old_error = job->error)) IBackgroundCopyError_AddRef(old_error);
    LeaveCriticalSection(&job->cs);

    send_job_events(job, state, old_error);
    if (old_error) IBackgroundCopyError_Release(old_error);
    if (error) IBackgroundCopyError_Release(error);
    if (validation) IBackgroundCopyServerCertificateValidationCallback_Release(validation);
    for (i = 0; i < count; i++) IBackgroundCopyFile_Release(pending[i]);
    HeapFree(GetProcessHeap(), 0, pending);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_Suspend(IBackgroundCopyJob5 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    IBackgroundCopyError *error;
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    if (job->state == BG_JOB_STATE_SUSPENDED || job->state == BG_JOB_STATE_TRANSFERRED)
    {
        LeaveCriticalSection(&job->cs);   /* nothing to change */
        return S_OK;
    }
    job->state = BG_JOB_STATE_SUSPENDED;
    error = job->error;
    job->error = NULL;
    hr = job_end_change(job, S_OK);
    if (error) IBackgroundCopyError_Release(error);
    return hr;
}

void job_drop_callbacks(struct job *job)
{
    if (job->notify) IUnknown_Release(job->notify);
    if (job->certificate_validation)
        IBackgroundCopyServerCertificateValidationCallback_Release(job->certificate_validation);
    job->notify = NULL;
    job->certificate_validation = NULL;
}

/* Cancel and Complete: the job is over. Called with the lock held. */
static void job_finish(struct job *job, BG_JOB_STATE state)
{
    IBackgroundCopyServerCertificateValidationCallback *validation = job->certificate_validation;
    IBackgroundCopyError *error = job->error;
    IUnknown *notify = job->notify;

    job->state = state;
    job->notify = NULL;
    job->certificate_validation = NULL;
    job->error = NULL;
    job_touch(job);
    LeaveCriticalSection(&job->cs);
    if (notify) IUnknown_Release(notify);
    if (validation) IBackgroundCopyServerCertificateValidationCallback_Release(validation);
    if (error) IBackgroundCopyError_Release(error);
    job_registry_remove(job->registry, job);
}

HRESULT STDMETHODCALLTYPE job_Cancel(IBackgroundCopyJob5 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    job_finish(job, BG_JOB_STATE_CANCELLED);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_Complete(IBackgroundCopyJob5 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    if (job->type != BG_JOB_TYPE_DOWNLOAD && job->state != BG_JOB_STATE_TRANSFERRED)
        return job_end_change(job, BG_E_INVALID_STATE);
    hr = all_transferred(job) ? S_OK : BG_S_PARTIAL_COMPLETE;
    job_finish(job, BG_JOB_STATE_ACKNOWLEDGED);
    return hr;
}

HRESULT STDMETHODCALLTYPE job_TakeOwnership(IBackgroundCopyJob5 *iface)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr;

    if (FAILED(hr = job_begin_change(job))) return hr;
    job_clear_credentials(job);
    job_clear_custom_headers(job);
    job_replace_string(&job->notify_program, NULL);
    job_replace_string(&job->notify_parameters, NULL);
    return job_end_change(job, S_OK);
}

/* The sum over the files, as each file reports itself. */
HRESULT STDMETHODCALLTYPE job_GetProgress(IBackgroundCopyJob5 *iface, BG_JOB_PROGRESS *progress)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    BOOL size_unknown = FALSE;
    ULONG i;

    if (!progress) return E_INVALIDARG;
    memset(progress, 0, sizeof(*progress));
    EnterCriticalSection(&job->cs);
    progress->FilesTotal = job->file_count;
    for (i = 0; i < job->file_count; i++)
    {
        BG_FILE_PROGRESS file = {0};
        IBackgroundCopyFile_GetProgress(job->files[i].file, &file);
        if (file.BytesTotal == BG_SIZE_UNKNOWN) size_unknown = TRUE;
        else progress->BytesTotal += file.BytesTotal;
        progress->BytesTransferred += file.BytesTransferred;
        if (file.Completed) progress->FilesTransferred++;
    }
    LeaveCriticalSection(&job->cs);
    if (size_unknown) progress->BytesTotal = BG_SIZE_UNKNOWN;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_GetTimes(IBackgroundCopyJob5 *iface, BG_JOB_TIMES *times)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!times) return E_INVALIDARG;
    EnterCriticalSection(&job->cs);
    *times = job->times;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_GetState(IBackgroundCopyJob5 *iface, BG_JOB_STATE *state)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!state) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *state = job->state;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE job_GetError(IBackgroundCopyJob5 *iface, IBackgroundCopyError **error)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);
    HRESULT hr = S_OK;

    if (!error) return E_POINTER;
    EnterCriticalSection(&job->cs);
    if (job->state == BG_JOB_STATE_ERROR && job->error)
    {
        *error = job->error;
        IBackgroundCopyError_AddRef(*error);
    }
    else
    {
        *error = NULL;
        hr = BG_E_ERROR_INFORMATION_UNAVAILABLE;
    }
    LeaveCriticalSection(&job->cs);
    return hr;
}

HRESULT STDMETHODCALLTYPE job_GetErrorCount(IBackgroundCopyJob5 *iface, ULONG *count)
{
    struct job *job = impl_from_IBackgroundCopyJob5(iface);

    if (!count) return E_POINTER;
    EnterCriticalSection(&job->cs);
    *count = job->error_count;
    LeaveCriticalSection(&job->cs);
    return S_OK;
}
