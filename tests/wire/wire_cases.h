/*
 * The fixed calls behind the golden vectors: for every method, what the
 * client passes and what the server answers. Each case has two halves that
 * must agree with the method's vector file:
 *   call:  calls the method on a proxy with the fixed [in] arguments and
 *          checks the [out] values the golden reply must produce;
 *   serve: runs in the server object when a stub dispatches the golden
 *          request; checks the arguments it received and sets the [out]
 *          values. The server then returns the case's HRESULT.
 * Interface pointers are the peer objects of the context, numbered in the
 * order they appear in the message (request and reply count separately).
 */
#ifndef QMGRPRXY_WIRE_CASES_H
#define QMGRPRXY_WIRE_CASES_H

#include <string.h>
#include <windows.h>
#include <objbase.h>
#include "qmgrprxy.h"

#define CASE_PEERS 4

struct case_ctx
{
    IUnknown *peer[CASE_PEERS];
    BOOL failed;
    char failure[512];
    size_t storage_used;                /* of the out_storage() arena */
};

typedef HRESULT (*case_call)(IUnknown *proxy, struct case_ctx *ctx);
typedef void (*case_serve)(const UINT_PTR *args, struct case_ctx *ctx);

struct wire_case
{
    const char *iface;
    const char *method;
    unsigned int slot;                  /* vtable slot, as the C header has it */
    HRESULT hr;                         /* returned by the server, carried by the reply */
    case_call call;
    case_serve serve;
};

struct wire_case_list
{
    const struct wire_case *cases;
    unsigned int count;
};

/* One list per SDK IDL file. */
extern const struct wire_case_list wire_cases_bits, wire_cases_qmgr, wire_cases_bits1_5,
    wire_cases_bits2_0, wire_cases_bits2_5, wire_cases_bits3_0, wire_cases_bits4_0,
    wire_cases_bits5_0, wire_cases_bits10;

const struct wire_case *wire_case_find(const char *iface, const char *method);

/* Checks, recording the first failure in the context. */
void expect(struct case_ctx *ctx, BOOL cond, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void expect_u32(struct case_ctx *ctx, const char *what, ULONG got, ULONG want);
void expect_u64(struct case_ctx *ctx, const char *what, ULONGLONG got, ULONGLONG want);
void expect_wstr(struct case_ctx *ctx, const char *what, const WCHAR *got, const WCHAR *want);
void expect_guid(struct case_ctx *ctx, const char *what, const GUID *got, const GUID *want);
void expect_bytes(struct case_ctx *ctx, const char *what, const BYTE *got, const BYTE *want, size_t len);
void expect_ptr(struct case_ctx *ctx, const char *what, const void *got, const void *want);
void expect_bstr(struct case_ctx *ctx, const char *what, BSTR got, const WCHAR *want);
void expect_range(struct case_ctx *ctx, const char *what, const BG_FILE_RANGE *got, ULONGLONG offset, ULONGLONG length);

/* Zeroed room for an [out] parameter the proxy fills through a pointer to
 * a pointer (LPWSTR *, byte **, BG_FILE_RANGE **). It lies at the start of
 * a 1 MB heap block: a defective format string that unmarshals a string in
 * place, or clears an [out] parameter over a misread conformance, writes
 * into that block and shows up as a failed check instead of a smashed stack. */
void *out_storage(struct case_ctx *ctx, size_t size);

/* A CoTaskMemAlloc copy, as an [out] string must be. */
WCHAR *co_wstr(const WCHAR *text);
/* The peer as an [out] interface pointer: AddRef'd. */
void *out_peer(struct case_ctx *ctx, unsigned int index);
/* Checks and releases an [out] interface pointer the proxy returned. */
void expect_out_peer(struct case_ctx *ctx, const char *what, IUnknown *got, unsigned int index);

/* The argument words of a server call, as the types they carry. */
#define ARG(type, i) ((type)args[i])

/* Serve halves that several methods share (wire_expect.c): nothing to
 * check or set; the first argument is an [out] interface pointer, the
 * context's peer 0; the first argument is the [in] interface pointer peer 0. */
void serve_nothing(const UINT_PTR *args, struct case_ctx *ctx);
void serve_out_peer0(const UINT_PTR *args, struct case_ctx *ctx);
void serve_in_peer0(const UINT_PTR *args, struct case_ctx *ctx);

/* Both halves of a method whose one parameter is an [in] or [out] ULONG
 * (or DWORD, BOOL, a 32-bit enum), an [in] LPCWSTR or an [out] LPWSTR, or
 * the call half of one with no parameter or one [out] interface pointer
 * (peer 0: serve_out_peer0), as call_<iface>_<name> and serve_<iface>_<name>. */
#define ULONG_IN(iface, name, value) \
    static HRESULT call_##iface##_##name(IUnknown *p, struct case_ctx *c) { return iface##_##name((iface *)p, value); } \
    static void serve_##iface##_##name(const UINT_PTR *args, struct case_ctx *c) \
    { \
        expect_u32(c, #name, ARG(ULONG, 0), value); \
    }
#define ULONG_OUT(iface, name, value) \
    static HRESULT call_##iface##_##name(IUnknown *p, struct case_ctx *c) \
    { \
        ULONG v = 0; \
        HRESULT hr = iface##_##name((iface *)p, (void *)&v); \
        expect_u32(c, #name, v, value); \
        return hr; \
    } \
    static void serve_##iface##_##name(const UINT_PTR *args, struct case_ctx *c) { *ARG(ULONG *, 0) = value; }
#define WSTR_IN(iface, name, value) \
    static HRESULT call_##iface##_##name(IUnknown *p, struct case_ctx *c) { return iface##_##name((iface *)p, value); } \
    static void serve_##iface##_##name(const UINT_PTR *args, struct case_ctx *c) \
    { \
        expect_wstr(c, #name, ARG(LPCWSTR, 0), value); \
    }
#define WSTR_OUT(iface, name, value) \
    static HRESULT call_##iface##_##name(IUnknown *p, struct case_ctx *c) \
    { \
        LPWSTR *s = out_storage(c, sizeof(*s)); \
        HRESULT hr = iface##_##name((iface *)p, s); \
        expect_wstr(c, #name, *s, value); \
        CoTaskMemFree(*s); \
        return hr; \
    } \
    static void serve_##iface##_##name(const UINT_PTR *args, struct case_ctx *c) { *ARG(LPWSTR *, 0) = co_wstr(value); }
#define NO_ARGS(iface, name) \
    static HRESULT call_##iface##_##name(IUnknown *p, struct case_ctx *c) { return iface##_##name((iface *)p); }
#define PEER_OUT(iface, name) \
    static HRESULT call_##iface##_##name(IUnknown *p, struct case_ctx *c) \
    { \
        IUnknown *out = NULL; \
        HRESULT hr = iface##_##name((iface *)p, (void *)&out); \
        expect_out_peer(c, #name, out, 0); \
        return hr; \
    }

/* Rows of a case table for the methods above. */
#define CASE(iface, name, slot, hr) { #iface, #name, slot, hr, call_##iface##_##name, serve_##iface##_##name }
#define CASE_NOARGS(iface, name, slot, hr) { #iface, #name, slot, hr, call_##iface##_##name, serve_nothing }
#define CASE_PEER_OUT(iface, name, slot, hr) { #iface, #name, slot, hr, call_##iface##_##name, serve_out_peer0 }

#endif
