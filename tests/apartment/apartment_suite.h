/*
 * The apartment-marshaling suite: the model's roots live in one apartment,
 * the client in another, connected through qmgrprxy. Each area file
 * (apartment_<area>.c) calls methods through the proxies, compares every
 * result with what it set or with the model's documented fixed data, and
 * then marks the method with exercised(). The harness counts the marked
 * methods against tests/data/bits-interfaces.tsv.
 */
#ifndef QMGRPRXY_APARTMENT_SUITE_H
#define QMGRPRXY_APARTMENT_SUITE_H

#include "tap.h"
#include "testutil.h"
#include "server.h"

struct suite_ctx
{
    const char *config;                 /* "STA->MTA", "MTA->STA", "STA->STA" */
    const WCHAR *dll;                   /* the module every proxy must come from */
    /* Proxies, in the client's apartment, of objects the other side made: */
    IBackgroundCopyManager *manager;    /* server_manager_create() */
    IBackgroundCopyQMgr *qmgr;          /* server_qmgr_create() */
    IBitsPeerCacheAdministration *peercache;  /* server_peercache_create() */
    IEnumBackgroundCopyFiles *files;    /* fresh enumerator over the fixture files */
};

/* ctx->files is server_fixture_files_create()'s enumerator over the fixture
 * files (server/server.h: fixture_remote[i], fixture_local[i]), so that areas
 * can test files and enumerators without a job. */

/* Records that iface::method was called across the boundary and its results
 * were checked. Call it only after the ok() checks of that call. */
void exercised(const char *iface, const char *method);

/* ok() that every synchronous method of the table was exercised; prints the
 * ones that were not. across: "apartments", "processes". (apartment_common.c) */
void check_exercised(const struct table_row *rows, unsigned int n, const char *across);

/* ok() that an interface pointer is a proxy of the DLL under test. */
void check_proxy(const struct suite_ctx *ctx, const void *iface, const char *what);

/* QueryInterface through a proxy, with an ok() on the result. */
void *query(const struct suite_ctx *ctx, void *iface, REFIID iid, const char *what);

/* The areas; each runs once per apartment configuration. */
void suite_jobs(const struct suite_ctx *ctx);       /* manager, jobs, errors, HTTP and token options, callbacks */
void suite_files(const struct suite_ctx *ctx);      /* files 1-6 */
void suite_enum(const struct suite_ctx *ctx);       /* Clone and Next(N) across the boundary */
void suite_peercache(const struct suite_ctx *ctx);  /* peer cache administration, records, peers */
void suite_legacy(const struct suite_ctx *ctx);     /* QMgr groups, jobs, callbacks */

#endif
