/*
 * Private to the manager, its jobs and their errors: server/manager.c,
 * server/job*.c and server/error.c. The rules of the model are written at
 * the top of server/job.c.
 */
#ifndef QMGRPRXY_JOB_H
#define QMGRPRXY_JOB_H

#include "server.h"

/* BITS errors newer than MinGW-w64's bitsmsg.h (values of the Windows SDK). */
#ifndef BG_E_TOO_MANY_FILES_IN_JOB
#define BG_E_TOO_MANY_FILES_IN_JOB                     ((HRESULT)0x80200051)
#endif
#ifndef BG_E_UNKNOWN_PROPERTY_ID
#define BG_E_UNKNOWN_PROPERTY_ID                       ((HRESULT)0x80200057)
#endif
#ifndef BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY
#define BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY ((HRESULT)0x80200060)
#endif
#ifndef BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE
#define BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE          ((HRESULT)0x80200061)
#endif
#ifndef BG_E_READ_ONLY_PROPERTY_AFTER_RESUME
#define BG_E_READ_ONLY_PROPERTY_AFTER_RESUME           ((HRESULT)0x80200062)
#endif
#ifndef BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED
#define BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED      ((HRESULT)0x80200066)
#endif
#ifndef BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD
#define BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD     ((HRESULT)0x80200071)
#endif
#ifndef BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED
#define BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED ((HRESULT)0x80200074)
#endif
#ifndef BG_E_READ_ONLY_WHEN_JOB_ACTIVE
#define BG_E_READ_ONLY_WHEN_JOB_ACTIVE                 ((HRESULT)0x80200075)
#endif
#ifndef BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK
#define BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK ((HRESULT)0x80200076)
#endif

/* The manager's list of jobs (manager.c). Each listed job is referenced by
 * the list; each job references the list, to leave it on Cancel and
 * Complete. */
struct job_registry;
struct job;
void job_registry_addref(struct job_registry *registry);
void job_registry_release(struct job_registry *registry);
void job_registry_remove(struct job_registry *registry, struct job *job);

/* The limits BITS documents, in characters without the terminator. */
#define JOB_MAX_DISPLAY_NAME     256
#define JOB_MAX_DESCRIPTION      1024
#define JOB_MAX_PROXY_LIST       4000
#define JOB_MAX_REMOTE_NAME      2200
#define JOB_MAX_NOTIFY_PARAMS    4000
#define JOB_MAX_USER_NAME        300
#define JOB_MAX_PASSWORD         65536
#define JOB_MAX_CUSTOM_HEADERS   16383   /* 16,384 with the terminator */

struct job_file
{
    IBackgroundCopyFile *file;
    BOOL transferred;
};

struct job_credential
{
    BOOL set;
    WCHAR *user_name;       /* NULL for implicit credentials */
    WCHAR *password;
};

struct job
{
    IBackgroundCopyJob5 IBackgroundCopyJob5_iface;                        /* Job .. Job5, IUnknown */
    IBackgroundCopyJobHttpOptions3 IBackgroundCopyJobHttpOptions3_iface;  /* HttpOptions .. 3 */
    IBitsTokenOptions IBitsTokenOptions_iface;
    LONG ref;
    CRITICAL_SECTION cs;
    struct job_registry *registry;

    /* Identity and life */
    GUID id;
    BG_JOB_TYPE type;
    BG_JOB_STATE state;
    BOOL resumed;                 /* Resume was called at least once */
    BG_JOB_TIMES times;
    ULONG error_count;
    IBackgroundCopyError *error;  /* set while the state is ERROR */
    struct job_file *files;
    ULONG file_count, file_capacity;

    /* IBackgroundCopyJob */
    WCHAR *display_name;
    WCHAR *description;
    BG_JOB_PRIORITY priority;
    ULONG notify_flags;
    IUnknown *notify;
    ULONG retry_delay;
    ULONG no_progress_timeout;
    BG_JOB_PROXY_USAGE proxy_usage;
    WCHAR *proxy_list;
    WCHAR *proxy_bypass_list;

    /* IBackgroundCopyJob2 */
    WCHAR *notify_program;
    WCHAR *notify_parameters;
    WCHAR *reply_file_name;       /* NULL: generated from the upload file */
    BOOL reply_received;
    struct job_credential credentials[2][5];   /* [target - 1][scheme - 1] */

    /* IBackgroundCopyJob3 .. 5 */
    DWORD acl_flags;
    DWORD peer_caching_flags;
    ULONG max_download_time;
    DWORD cost_flags;
    GUID notification_clsid;
    BOOL dynamic_content;
    BOOL high_performance;
    UINT64 max_download_size;
    BG_AUTH_TARGET stored_credentials;
    DWORD min_notification_interval;
    BOOL on_demand;

    /* HTTP options */
    BOOL has_client_certificate;
    BG_CERT_STORE_LOCATION certificate_location;
    WCHAR *certificate_store;
    BYTE certificate_hash[20];
    WCHAR *certificate_subject;
    WCHAR *custom_headers;
    BOOL headers_write_only;
    ULONG security_flags;
    WCHAR *http_method;           /* NULL: the default of the job type */
    IBackgroundCopyServerCertificateValidationCallback *certificate_validation;

    /* IBitsTokenOptions */
    DWORD helper_token_flags;
    WCHAR *helper_token_sid;      /* NULL: no helper token */
};

static inline struct job *impl_from_IBackgroundCopyJob5(IBackgroundCopyJob5 *iface)
{
    return CONTAINING_RECORD(iface, struct job, IBackgroundCopyJob5_iface);
}

static inline struct job *impl_from_IBackgroundCopyJobHttpOptions3(IBackgroundCopyJobHttpOptions3 *iface)
{
    return CONTAINING_RECORD(iface, struct job, IBackgroundCopyJobHttpOptions3_iface);
}

static inline struct job *impl_from_IBitsTokenOptions(IBitsTokenOptions *iface)
{
    return CONTAINING_RECORD(iface, struct job, IBitsTokenOptions_iface);
}

static inline IBackgroundCopyJob *job_iface(struct job *job)
{
    return (IBackgroundCopyJob *)&job->IBackgroundCopyJob5_iface;
}

/* job.c */
HRESULT job_create(struct job_registry *registry, const WCHAR *display_name, BG_JOB_TYPE type, struct job **out);
BOOL job_is_final(const struct job *job);
/* A change of the job: job_begin_change takes the lock, or fails with
 * BG_E_INVALID_STATE for a cancelled or acknowledged job (lock not held).
 * job_end_change, on success, moves the modification time on, releases the
 * lock and sends JobModification if the notify flags ask for it; on failure
 * it only releases the lock. It returns hr. */
HRESULT job_begin_change(struct job *job);
HRESULT job_end_change(struct job *job, HRESULT hr);
void job_touch(struct job *job);
/* Replaces a string field with a copy of value (NULL allowed). */
HRESULT job_replace_string(WCHAR **field, const WCHAR *value);
/* Length of a string that must not exceed max characters, or -1 if longer. */
int job_bounded_length(const WCHAR *value, int max);

/* job_files.c */
HRESULT STDMETHODCALLTYPE job_AddFileSet(IBackgroundCopyJob5 *iface, ULONG count, BG_FILE_INFO *set);
HRESULT STDMETHODCALLTYPE job_AddFile(IBackgroundCopyJob5 *iface, LPCWSTR remote, LPCWSTR local);
HRESULT STDMETHODCALLTYPE job_EnumFiles(IBackgroundCopyJob5 *iface, IEnumBackgroundCopyFiles **out);
HRESULT STDMETHODCALLTYPE job_ReplaceRemotePrefix(IBackgroundCopyJob5 *iface, LPCWSTR old_prefix, LPCWSTR new_prefix);
HRESULT STDMETHODCALLTYPE job_AddFileWithRanges(IBackgroundCopyJob5 *iface, LPCWSTR remote, LPCWSTR local,
                                                DWORD count, BG_FILE_RANGE *ranges);
/* The host of a remote name ("" if none), written into host (size chars). */
void job_url_host(const WCHAR *url, WCHAR *host, int size);
/* "http" for http:// and https://, "file" for file:// and UNC paths. */
const WCHAR *job_url_protocol(const WCHAR *url);
BOOL job_url_is_https(const WCHAR *url);

/* job_transfer.c */
HRESULT STDMETHODCALLTYPE job_Suspend(IBackgroundCopyJob5 *iface);
HRESULT STDMETHODCALLTYPE job_Resume(IBackgroundCopyJob5 *iface);
HRESULT STDMETHODCALLTYPE job_Cancel(IBackgroundCopyJob5 *iface);
HRESULT STDMETHODCALLTYPE job_Complete(IBackgroundCopyJob5 *iface);
HRESULT STDMETHODCALLTYPE job_GetProgress(IBackgroundCopyJob5 *iface, BG_JOB_PROGRESS *progress);
HRESULT STDMETHODCALLTYPE job_GetTimes(IBackgroundCopyJob5 *iface, BG_JOB_TIMES *times);
HRESULT STDMETHODCALLTYPE job_GetState(IBackgroundCopyJob5 *iface, BG_JOB_STATE *state);
HRESULT STDMETHODCALLTYPE job_GetError(IBackgroundCopyJob5 *iface, IBackgroundCopyError **error);
HRESULT STDMETHODCALLTYPE job_GetErrorCount(IBackgroundCopyJob5 *iface, ULONG *count);
HRESULT STDMETHODCALLTYPE job_TakeOwnership(IBackgroundCopyJob5 *iface);
/* The notify interface if the flags ask for event `flag` (AddRef'ed), else NULL. */
IUnknown *job_listener(struct job *job, ULONG flag);
void job_send_modification(struct job *job, IUnknown *listener);
/* Drops the notify and validation callbacks of a job that is over. */
void job_drop_callbacks(struct job *job);

/* job_reply.c: IBackgroundCopyJob2 */
HRESULT STDMETHODCALLTYPE job_SetNotifyCmdLine(IBackgroundCopyJob5 *iface, LPCWSTR program, LPCWSTR parameters);
HRESULT STDMETHODCALLTYPE job_GetNotifyCmdLine(IBackgroundCopyJob5 *iface, LPWSTR *program, LPWSTR *parameters);
HRESULT STDMETHODCALLTYPE job_GetReplyProgress(IBackgroundCopyJob5 *iface, BG_JOB_REPLY_PROGRESS *progress);
HRESULT STDMETHODCALLTYPE job_GetReplyData(IBackgroundCopyJob5 *iface, byte **buffer, UINT64 *length);
HRESULT STDMETHODCALLTYPE job_SetReplyFileName(IBackgroundCopyJob5 *iface, LPCWSTR name);
HRESULT STDMETHODCALLTYPE job_GetReplyFileName(IBackgroundCopyJob5 *iface, LPWSTR *name);
HRESULT STDMETHODCALLTYPE job_SetCredentials(IBackgroundCopyJob5 *iface, BG_AUTH_CREDENTIALS *credentials);
HRESULT STDMETHODCALLTYPE job_RemoveCredentials(IBackgroundCopyJob5 *iface, BG_AUTH_TARGET target, BG_AUTH_SCHEME scheme);
void job_clear_credentials(struct job *job);
/* The reply every upload-reply job of the model receives. */
extern const char job_model_reply[];

/* job_properties.c: IBackgroundCopyJob3 (ACL flags), 4 and 5 */
HRESULT STDMETHODCALLTYPE job_SetFileACLFlags(IBackgroundCopyJob5 *iface, DWORD flags);
HRESULT STDMETHODCALLTYPE job_GetFileACLFlags(IBackgroundCopyJob5 *iface, DWORD *flags);
HRESULT STDMETHODCALLTYPE job_SetPeerCachingFlags(IBackgroundCopyJob5 *iface, DWORD flags);
HRESULT STDMETHODCALLTYPE job_GetPeerCachingFlags(IBackgroundCopyJob5 *iface, DWORD *flags);
HRESULT STDMETHODCALLTYPE job_GetOwnerIntegrityLevel(IBackgroundCopyJob5 *iface, ULONG *level);
HRESULT STDMETHODCALLTYPE job_GetOwnerElevationState(IBackgroundCopyJob5 *iface, BOOL *elevated);
HRESULT STDMETHODCALLTYPE job_SetMaximumDownloadTime(IBackgroundCopyJob5 *iface, ULONG timeout);
HRESULT STDMETHODCALLTYPE job_GetMaximumDownloadTime(IBackgroundCopyJob5 *iface, ULONG *timeout);
HRESULT STDMETHODCALLTYPE job_SetProperty(IBackgroundCopyJob5 *iface, BITS_JOB_PROPERTY_ID id, BITS_JOB_PROPERTY_VALUE value);
HRESULT STDMETHODCALLTYPE job_GetProperty(IBackgroundCopyJob5 *iface, BITS_JOB_PROPERTY_ID id, BITS_JOB_PROPERTY_VALUE *value);

/* job_http.c, job_token.c */
extern const IBackgroundCopyJobHttpOptions3Vtbl job_http_options_vtbl;
extern const IBitsTokenOptionsVtbl job_token_options_vtbl;
/* The HTTP method of the job: the one set, or the default of its type. */
const WCHAR *job_http_method(const struct job *job);
void job_clear_custom_headers(struct job *job);

/* error.c */
HRESULT job_error_create(BG_ERROR_CONTEXT context, HRESULT code, IBackgroundCopyFile *file, const WCHAR *protocol,
                     IBackgroundCopyError **out);
/* The text of an error code, for IBackgroundCopyManager::GetErrorDescription
 * and IBackgroundCopyError::GetErrorDescription. */
HRESULT job_error_description(HRESULT code, DWORD language, WCHAR **out);

#endif
