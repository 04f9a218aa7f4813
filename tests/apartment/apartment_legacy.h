/*
 * Apartment suite area "legacy" (the BITS 1.0 QMgr API), split by subject:
 *   apartment_legacy.c           IBackgroundCopyQMgr, IEnumBackgroundCopyGroups
 *   apartment_legacy_props.c     IBackgroundCopyGroup::GetProp/SetProp
 *   apartment_legacy_group.c     the rest of IBackgroundCopyGroup
 *   apartment_legacy_jobs.c      IBackgroundCopyJob1, IEnumBackgroundCopyJobs1
 *   apartment_legacy_callback.c  IBackgroundCopyCallback1, client to objects and back
 * The expected values are the model's documented behavior: server/group.c,
 * server/group_props.c and server/job1.c say what it does where Microsoft's
 * documentation leaves a choice.
 */
#ifndef QMGRPRXY_APARTMENT_LEGACY_H
#define QMGRPRXY_APARTMENT_LEGACY_H

#include "apartment_suite.h"

/* The QMgr's HRESULTs are unsigned constants in qmgr.h. */
#define E_QM_INVALID_STATE  ((HRESULT)QM_E_INVALID_STATE)
#define E_QM_ITEM_NOT_FOUND ((HRESULT)QM_E_ITEM_NOT_FOUND)

/* What the proxy answers for a NULL [ref] pointer: the SDK declares the
 * legacy enumerators' pceltFetched [out], that is [ref]. */
#define E_NULL_REF_POINTER  HRESULT_FROM_WIN32(RPC_X_NULL_REF_POINTER)

/* A GUID of the suite: each subject has its own `area`, so that no two
 * subjects touch each other's groups in the one QMgr. */
GUID legacy_guid(BYTE area, BYTE n);


/* A BSTR's exact content (length included); NULL is not "". */
BOOL bstr_is(BSTR value, const WCHAR *expected);

/* CreateGroup through the proxy, with its checks; NULL on failure. */
IBackgroundCopyGroup *legacy_create_group(const struct suite_ctx *ctx, const GUID *id);
/* CreateJob and AddFiles of `count` files of the given sizes; NULL on failure. */
IBackgroundCopyJob1 *legacy_create_job(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, const GUID *id,
                                       const DWORD *sizes, unsigned int count);
/* An integer VARIANT of the given type (VT_I2, VT_UI2, VT_I4, VT_UI4, VT_INT, VT_UINT). */
void legacy_int_variant(VARIANT *v, VARTYPE vt, LONG value);
/* SetProp of such a VARIANT. */
HRESULT legacy_set_int_prop(IBackgroundCopyGroup *group, GROUPPROP id, VARTYPE vt, LONG value);
/* ok() on GetStatus of a group. */
void legacy_check_group_status(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, DWORD expected,
                               const char *what);

void legacy_test_props(const struct suite_ctx *ctx);
void legacy_test_group(const struct suite_ctx *ctx);
void legacy_test_jobs(const struct suite_ctx *ctx);
void legacy_test_callbacks(const struct suite_ctx *ctx);

#endif
