/*
 * The request and reply checker: walks a message buffer with the same
 * format strings rpcrt4's NDR engine will use for it, byte for byte as the
 * engine will read it, and refuses what would make the engine (or the
 * routines it calls: combase, oleaut32) read past the buffer, allocate
 * without bound, or hand a server object or a caller's array data that
 * disagrees with its size_is/length_is/switch_is/iid_is parameter. It runs
 * before anything is unmarshalled (guard.c); it never writes to the buffer.
 */
#ifndef QMGRPRXY_NDR_CHECK_H
#define QMGRPRXY_NDR_CHECK_H

#include <windows.h>
#include <rpcproxy.h>

/* The most memory the engine may allocate for one array or string of a
 * message (the unmarshalled [in] data of a request, an [out] array a stub
 * prepares for its server object, an array a reply makes the proxy
 * allocate): 64 MiB, e.g. Next(celt) up to 8,388,608 interface pointers. */
#define NDR_CHECK_MAX_ARRAY_BYTES (64u << 20)

/* The procedure whose message is checked: its stub descriptor (type
 * format string, expression routines, user-marshal routines) and its
 * procedure format string. */
struct ndr_proc
{
    const MIDL_STUB_DESC *desc;
    PFORMAT_STRING format;
};

/* S_OK, or the error HRESULT the message gets instead of being read:
 * HRESULT_FROM_WIN32 of RPC_X_BAD_STUB_DATA (short or malformed buffer,
 * a correlation that disagrees), RPC_S_INVALID_BOUND (counts, sizes over
 * the bound), RPC_X_ENUM_VALUE_OUT_OF_RANGE, RPC_S_INVALID_TAG (no union
 * arm). in_process: the message comes from this process (the channel's
 * destination context is MSHCTX_INPROC), where a custom-marshalled
 * interface pointer (the free-threaded marshaler's) is allowed. */
HRESULT ndr_check_request(const struct ndr_proc *proc, const void *buffer, ULONG length, BOOL in_process);

/* A reply, checked with the request it answers (the [in] values that
 * size_is/iid_is name come from there). request may be NULL where
 * ndr_reply_reads_request says the check does not read it: a procedure
 * whose only [out] is its return value. */
HRESULT ndr_check_reply(const struct ndr_proc *proc, const void *request, ULONG request_length,
                        const void *reply, ULONG reply_length, BOOL in_process);
BOOL ndr_reply_reads_request(const struct ndr_proc *proc);

#endif
