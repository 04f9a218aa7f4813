/*
 * Apartment suite area "jobs" (apartment_jobs*.c): helpers shared by its
 * files. The expectations come from BITS's documentation and from the
 * model's documented rules (server/job.c, server/job_*.c, server/error.c),
 * written out here, never read back from the objects under test.
 */
#ifndef QMGRPRXY_APARTMENT_JOBS_H
#define QMGRPRXY_APARTMENT_JOBS_H

#include "apartment_suite.h"

/* BITS errors newer than MinGW-w64's bitsmsg.h (values of the Windows SDK). */
#define T_BG_E_UNKNOWN_PROPERTY_ID                       ((HRESULT)0x80200057)
#define T_BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY ((HRESULT)0x80200060)
#define T_BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE          ((HRESULT)0x80200061)
#define T_BG_E_READ_ONLY_PROPERTY_AFTER_RESUME           ((HRESULT)0x80200062)
#define T_BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED      ((HRESULT)0x80200066)
#define T_BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD     ((HRESULT)0x80200071)

/* The model's fixed data. */
#define MODEL_OWNER_SID L"S-1-5-21-3623811015-3361044348-30300820-1013"
#define MODEL_CERTIFICATE "qmgrprxy model server certificate"
#define MODEL_CERTIFICATE_STORE "qmgrprxy model certificate store"
#define MODEL_REPLY "qmgrprxy model reply to an upload"
#define MODEL_TEXT_NOT_FOUND L"The requested job was not found."
#define MODEL_TEXT_HTTP_404 L"HTTP status 404: the requested URL does not exist on the server."
#define MODEL_TEXT_CONTEXT_REMOTE_FILE L"The error occurred while the remote file was being processed."
#define MODEL_TEXT_CONTEXT_CERTIFICATE L"The error occurred in the server certificate validation callback."

#define LANG_EN_US MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US)

/* A new job through ctx->manager, checked to be a proxy; NULL on failure. */
IBackgroundCopyJob *jobs_new_job(const struct suite_ctx *ctx, const WCHAR *name, BG_JOB_TYPE type, GUID *id);
/* Cancels (if still possible) and releases a job proxy, checking that the
 * proxy's count reaches zero. */
void jobs_drop_job(const struct suite_ctx *ctx, IBackgroundCopyJob *job);
/* query() and check_proxy() in one: an interface of a proxy, itself a proxy. */
void *jobs_query(const struct suite_ctx *ctx, void *iface, REFIID iid, const char *what);
/* A string that is set and equal to expected (the string is freed). */
BOOL jobs_take_string(WCHAR *value, const WCHAR *expected);
/* The remote name of a file proxy is expected (the file is not released). */
BOOL jobs_file_is(IBackgroundCopyFile *file, const WCHAR *remote);
/* A FILETIME as a number of 100-ns ticks. */
ULONGLONG jobs_ft_ticks(const FILETIME *ft);
/* A string of n copies of c, CoTaskMemFree'd by the caller. */
WCHAR *jobs_repeat_char(WCHAR c, unsigned int n);

/* The client's callbacks: an IBackgroundCopyCallback3 object and an
 * IBackgroundCopyServerCertificateValidationCallback object, living in
 * the client's apartment, that write what they are called with to one log.
 * Each event holds references to its arguments until jobs_event_log_clear. */
enum event_kind { EV_TRANSFERRED, EV_ERROR, EV_MODIFICATION, EV_FILE, EV_RANGES, EV_VALIDATE };

struct event
{
    enum event_kind kind;
    IBackgroundCopyJob *job;
    IBackgroundCopyFile *file;
    IBackgroundCopyError *error;
    DWORD reserved;
    DWORD range_count;
    BG_FILE_RANGE ranges[8];
    DWORD cert_length, cert_encoding, store_length;
    BYTE cert[64], store[64];
};

struct event_log
{
    struct event events[32];
    LONG count;
};

struct notify_sink
{
    IBackgroundCopyCallback3 IBackgroundCopyCallback3_iface;
    LONG ref;
    struct event_log *log;
};

struct cert_checker
{
    IBackgroundCopyServerCertificateValidationCallback IBackgroundCopyServerCertificateValidationCallback_iface;
    LONG ref;
    struct event_log *log;
    HRESULT answer;       /* what ValidateServerCertificate returns */
};

void jobs_notify_sink_init(struct notify_sink *sink, struct event_log *log);
void jobs_cert_checker_init(struct cert_checker *checker, struct event_log *log);
void jobs_event_log_clear(struct event_log *log);
const char *jobs_event_name(enum event_kind kind);

/* The parts of the area. */
void jobs_test_manager(const struct suite_ctx *ctx);
void jobs_test_enum(const struct suite_ctx *ctx);
void jobs_test_identity(const struct suite_ctx *ctx);
void jobs_test_properties(const struct suite_ctx *ctx);
void jobs_test_files(const struct suite_ctx *ctx);
void jobs_test_job2(const struct suite_ctx *ctx);
void jobs_test_job3_4_5(const struct suite_ctx *ctx);
void jobs_test_http_options(const struct suite_ctx *ctx);
void jobs_test_token_options(const struct suite_ctx *ctx);
void jobs_test_transfer(const struct suite_ctx *ctx);
void jobs_test_errors(const struct suite_ctx *ctx);
void jobs_test_certificate_failure(const struct suite_ctx *ctx);
void jobs_test_modification(const struct suite_ctx *ctx);
void jobs_test_states(const struct suite_ctx *ctx);
void jobs_test_upload_reply(const struct suite_ctx *ctx);

#endif
