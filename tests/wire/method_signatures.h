/*
 * The parameters of every method of the 34 synchronous BITS interfaces, as
 * the SDK IDL declares them, in one letter each (and the parameter's name):
 *   v  a value ([in] DWORD, ULONG, enum, BOOL, UINT64)
 *   s  [in] LPCWSTR: a top-level [ref] string
 *   u  [in, unique] or [in, out, unique] pointer: NULL is allowed
 *   p  [in] interface pointer: NULL is allowed
 *   g  [in] REFGUID / REFIID: a [ref] pointer to a GUID
 *   G  [in] GUID by value (the x86_64 ABI passes its address)
 *   x  [in] union by value larger than 8 bytes (passed by address)
 *   y  [in] union by value of 8 bytes
 *   r  [in] or [in, out] pointer to a structure or VARIANT: [ref]
 *   a  [in, size_is(...)] array: a [ref] pointer
 *   o  [out] pointer: [ref]
 * NDR forbids NULL for s, g, r, a and o.
 */
#ifndef QMGRPRXY_METHOD_SIGNATURES_H
#define QMGRPRXY_METHOD_SIGNATURES_H

struct method_signature
{
    const char *iface;
    const char *method;
    unsigned int slot;
    const char *params;                 /* "kind:name kind:name ..." */
};

extern const struct method_signature method_signatures[];
extern const unsigned int method_signature_count;

const struct method_signature *method_signature_find(const char *iface, const char *method);

#endif
