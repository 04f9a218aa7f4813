/*
 * Golden wire vectors: a small text format in NDR terms (see README.md in
 * this directory) and the assembler that turns a method's request or reply
 * block into bytes. The expected bytes come only from the directives and
 * the NDR rules coded here; the bytes under test are read only where the
 * format says a field varies per process (inside an OBJREF), and those
 * fields are copied into the expectation, never the rest.
 */
#ifndef QMGRPRXY_WIRE_VECTOR_H
#define QMGRPRXY_WIRE_VECTOR_H

#include <windows.h>

enum wire_op
{
    OP_U8, OP_U16, OP_U32, OP_U64,      /* primitives, naturally aligned */
    OP_ALIGN,                           /* zero padding to a boundary */
    OP_REFERENT, OP_NULL,               /* unique pointer: next referent id / 0 */
    OP_ANY_REFERENT,                    /* a referent id the marshaler picks: any non-zero */
    OP_WSTRING,                         /* conformant varying WCHAR string, NUL included */
    OP_GUID,                            /* u32 u16 u16 u8[8], aligned 4 */
    OP_BYTES,                           /* raw bytes, no alignment */
    OP_USER,                            /* user-marshal pointer marker 'User' */
    OP_USER_POINTEE,                    /* where a user-marshal pointee starts (runtime rule) */
    OP_BSTR,                            /* FLAGGED_WORD_BLOB of a BSTR */
    OP_IP, OP_IP_NULL,                  /* whole interface pointer (top level) */
    OP_IP_REF, OP_IP_DATA,              /* embedded one: pointer part, deferred part */
};

struct wire_item
{
    enum wire_op op;
    const char *directive;              /* as written: "enum16", "count", "hresult", "u32"... */
    ULONGLONG value;                    /* number, alignment */
    WCHAR *text;                        /* wstring, bstr */
    unsigned char *bytes;               /* bytes, guid (16) */
    unsigned int count;                 /* bytes */
    IID iid;                            /* ip, ip_data */
    char iid_name[96];
    int line;
};

struct wire_block
{
    struct wire_item *items;
    unsigned int count;
    BOOL present;                       /* the section was written */
};

struct wire_method
{
    char name[64];
    int line;
    struct wire_block request, reply;
};

struct wire_file
{
    char iface[96];
    char path[MAX_PATH];
    struct wire_method *methods;
    unsigned int count;
};

/* Parses a vector file (a Unix path). Returns FALSE and a message in error
 * (file:line: what) on the first problem. */
BOOL wire_file_load(const char *unix_path, struct wire_file *file, char *error, size_t size);
void wire_file_free(struct wire_file *file);
const struct wire_method *wire_file_method(const struct wire_file *file, const char *name);

/* How the runtime lays out the two things NDR leaves to it (README:
 * "Runtime dialects"): an interface pointer (MS-DCOM's PMInterfacePointer,
 * or Wine's rpcrt4) and the start of a user-marshal pointee (its own NDR
 * alignment, or 8 in Wine's rpcrt4). */
enum ndr_dialect { DIALECT_MS, DIALECT_WINE };
enum ndr_dialect runtime_dialect(void);
const char *dialect_name(enum ndr_dialect dialect);

/* Build mode: the OBJREF of the index-th interface pointer of the message
 * (counting from 0 in the order of the block), marshaled for iid. */
typedef BOOL (*objref_source)(void *context, unsigned int index, REFIID iid,
                              unsigned char **objref, ULONG *len);

struct wire_bytes
{
    unsigned char *data;
    size_t len;
    /* where each OBJREF sits in the bytes (to release its references) */
    size_t objref_offset[8], objref_len[8];
    unsigned int objrefs;
};

/* Assembles a block into out (caller frees out->data). */
BOOL wire_build(const struct wire_block *block, enum ndr_dialect dialect, objref_source source,
                void *context, struct wire_bytes *out, char *error, size_t size);

/* What each field of an assembled message is, for programs that change
 * messages field by field (tests/fuzz). Padding is not a field. */
enum wire_field_kind
{
    FIELD_VALUE,                        /* u8, u16, u32, u64 */
    FIELD_ENUM16,                       /* an enum or a union's discriminant */
    FIELD_HRESULT,
    FIELD_COUNT,                        /* a conformance, offset or actual count */
    FIELD_REFERENT,                     /* a unique pointer: referent id or 0 */
    FIELD_STRING_MAX, FIELD_STRING_OFFSET, FIELD_STRING_ACTUAL, FIELD_STRING_CHARS,
    FIELD_GUID,
    FIELD_BYTES,
    FIELD_USER,                         /* the 'User' marker of a user-marshal pointer */
    FIELD_BSTR_CONFORMANCE, FIELD_BSTR_BYTES, FIELD_BSTR_SIZE, FIELD_BSTR_CHARS,
    FIELD_IP_CONFORMANCE,               /* MS-DCOM dialect: abData's conformance */
    FIELD_IP_SIZE,                      /* ulCntData: the OBJREF's length */
    /* inside the OBJREF (MS-DCOM 2.2.18) */
    FIELD_OBJREF_SIGNATURE, FIELD_OBJREF_FLAGS, FIELD_OBJREF_IID,
    FIELD_STD_FLAGS, FIELD_STD_PUBLIC_REFS, FIELD_STD_OXID, FIELD_STD_OID, FIELD_STD_IPID,
    FIELD_RESOLVER_ENTRIES, FIELD_RESOLVER_SECURITY, FIELD_RESOLVER_DATA,   /* DUALSTRINGARRAY */
};

struct wire_field
{
    enum wire_field_kind kind;
    size_t offset;
    unsigned int size;                  /* bytes */
    int line;                           /* the vector line it comes from */
    int objref;                         /* inside the n-th OBJREF of the message, or -1 */
};

/* wire_build, and the fields of the result in order (caller frees *fields). */
BOOL wire_build_fields(const struct wire_block *block, enum ndr_dialect dialect, objref_source source,
                       void *context, struct wire_bytes *out, struct wire_field **fields, unsigned int *count,
                       char *error, size_t size);
const char *wire_field_name(enum wire_field_kind kind);

/* Compares actual bytes with a block. On a mismatch, describes the first
 * differing byte and the vector line it comes from. The OBJREF positions
 * found in actual are reported in found (may be NULL). */
BOOL wire_compare(const struct wire_block *block, enum ndr_dialect dialect, const unsigned char *actual,
                  size_t len, struct wire_bytes *found, char *report, size_t size);

#endif
