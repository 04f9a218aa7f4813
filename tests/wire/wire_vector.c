#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wire_vector.h"
#include "testutil.h"

/* ---- the rules ---------------------------------------------------------- */

#define REFERENT_BASE   0x00020000u   /* first referent id; each next one +4 */
#define USER_MARKER     0x72657355u   /* 'User': the pointer of a user-marshaled type */
#define OBJREF_SIGNATURE 0x574f454du  /* 'MEOW' */
#define OBJREF_STANDARD 1u
#define SORF_NULL       0u
/* OBJREF_STANDARD up to the resolver address: signature, flags, iid,
 * STDOBJREF { flags, cPublicRefs, oxid, oid, ipid } */
#define OBJREF_FIXED    64u

enum ndr_dialect runtime_dialect(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") ? DIALECT_WINE : DIALECT_MS;
}

const char *dialect_name(enum ndr_dialect dialect)
{
    if (dialect == DIALECT_WINE)
        return "Wine rpcrt4 (interface pointer: ULONG size, OBJREF; user-marshal pointee: aligned to 8)";
    return "MS-DCOM (interface pointer: referent, conformance, ulCntData, OBJREF; "
           "user-marshal pointee: its own alignment)";
}

/* ---- parsing ------------------------------------------------------------ */

struct parser
{
    const char *path;
    int line;
    char *error;
    size_t size;
};

static BOOL fail(struct parser *p, const char *fmt, const char *arg)
{
    char what[200];
    snprintf(what, sizeof(what), fmt, arg);
    snprintf(p->error, p->size, "%s:%d: %s", p->path, p->line, what);
    return FALSE;
}

static char *skip_space(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

/* A quoted UTF-8 string with \\ and \" escapes, into a new WCHAR string. */
static BOOL parse_string(struct parser *p, char *s, WCHAR **out)
{
    char buf[1024];
    size_t n = 0;
    int len;
    if (*s != '"') return fail(p, "expected a quoted string, got '%s'", s);
    for (s++; *s && *s != '"'; s++)
    {
        if (*s == '\\' && (s[1] == '\\' || s[1] == '"')) s++;
        if (n + 1 >= sizeof(buf)) return fail(p, "string too long%s", "");
        buf[n++] = *s;
    }
    if (*s != '"') return fail(p, "unterminated string%s", "");
    buf[n] = 0;
    len = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, buf, -1, NULL, 0);
    if (!len) return fail(p, "string is not UTF-8%s", "");
    *out = malloc(len * sizeof(WCHAR));
    MultiByteToWideChar(CP_UTF8, 0, buf, -1, *out, len);
    s = skip_space(s + 1);
    if (*s) return fail(p, "unexpected text after the string: '%s'", s);
    return TRUE;
}

static BOOL parse_number(struct parser *p, const char *s, ULONGLONG *value)
{
    char *end;
    if (*s == '-') *value = (ULONGLONG)strtoll(s, &end, 0);
    else *value = strtoull(s, &end, 0);
    if (end == s || *skip_space(end)) return fail(p, "expected a number, got '%s'", s);
    return TRUE;
}

static BOOL parse_guid(struct parser *p, const char *s, unsigned char *out)
{
    unsigned int d1, d2, d3, b[8], i;
    int used = 0;
    if (sscanf(s, "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x%n", &d1, &d2, &d3, &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5], &b[6], &b[7], &used) != 11 || used != 36)
        return fail(p, "expected a GUID xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, got '%s'", s);
    /* the NDR representation of GUID: u32, u16, u16, 8 bytes, little-endian */
    out[0] = d1; out[1] = d1 >> 8; out[2] = d1 >> 16; out[3] = d1 >> 24;
    out[4] = d2; out[5] = d2 >> 8;
    out[6] = d3; out[7] = d3 >> 8;
    for (i = 0; i < 8; i++) out[8 + i] = b[i];
    return TRUE;
}

static BOOL parse_iid_name(struct parser *p, const char *s, struct wire_item *item)
{
    const struct idl_facts *facts;
    snprintf(item->iid_name, sizeof(item->iid_name), "%s", s);
    if (!strcmp(s, "IUnknown"))
    {
        item->iid = IID_IUnknown;
        return TRUE;
    }
    if (!(facts = idl_facts_by_name(s))) return fail(p, "unknown interface '%s'", s);
    item->iid = *facts->iid;
    return TRUE;
}

static BOOL parse_bytes(struct parser *p, char *s, struct wire_item *item)
{
    unsigned char buf[512];
    unsigned int n = 0, v;
    int used;
    while (*(s = skip_space(s)))
    {
        if (n == sizeof(buf) || sscanf(s, "%2x%n", &v, &used) != 1 || used != 2 || (s[2] && s[2] != ' '))
            return fail(p, "expected hex byte pairs, got '%s'", s);
        buf[n++] = v;
        s += 2;
    }
    if (!n) return fail(p, "bytes needs at least one byte%s", "");
    item->bytes = malloc(n);
    memcpy(item->bytes, buf, n);
    item->count = n;
    return TRUE;
}

struct directive { const char *name; enum wire_op op; int arg; };   /* arg: 0 none, 1 number, 2 other */
static const struct directive directives[] =
{
    { "u8", OP_U8, 1 }, { "u16", OP_U16, 1 }, { "u32", OP_U32, 1 }, { "u64", OP_U64, 1 },
    { "enum16", OP_U16, 1 },    /* an enum: 16 bits on the wire */
    { "hresult", OP_U32, 1 },
    { "count", OP_U32, 1 },     /* a conformance, offset or actual count */
    { "align", OP_ALIGN, 1 },
    { "referent", OP_REFERENT, 0 }, { "null", OP_NULL, 0 }, { "any_referent", OP_ANY_REFERENT, 0 },
    { "wstring", OP_WSTRING, 2 }, { "guid", OP_GUID, 2 }, { "bytes", OP_BYTES, 2 },
    { "user", OP_USER, 0 }, { "user_pointee", OP_USER_POINTEE, 0 }, { "bstr", OP_BSTR, 2 },
    { "ip", OP_IP, 2 }, { "ip_ref", OP_IP_REF, 0 }, { "ip_data", OP_IP_DATA, 2 },
};

static BOOL parse_item(struct parser *p, char *line, struct wire_item *item)
{
    char *arg = line;
    unsigned int i;

    while (*arg && *arg != ' ' && *arg != '\t') arg++;
    if (*arg) *arg++ = 0;
    arg = skip_space(arg);
    memset(item, 0, sizeof(*item));
    item->line = p->line;
    for (i = 0; i < ARRAYSIZE(directives); i++)
    {
        if (strcmp(line, directives[i].name)) continue;
        item->op = directives[i].op;
        item->directive = directives[i].name;
        if (directives[i].arg == 0 && *arg) return fail(p, "'%s' takes no argument", line);
        if (directives[i].arg && !*arg) return fail(p, "'%s' needs an argument", line);
        switch (item->op)
        {
        case OP_WSTRING: case OP_BSTR: return parse_string(p, arg, &item->text);
        case OP_GUID:
            item->bytes = malloc(16);
            return parse_guid(p, arg, item->bytes);
        case OP_BYTES: return parse_bytes(p, arg, item);
        case OP_IP:
            if (!strcmp(arg, "null"))
            {
                item->op = OP_IP_NULL;
                return TRUE;
            }
            return parse_iid_name(p, arg, item);
        case OP_IP_DATA: return parse_iid_name(p, arg, item);
        case OP_ALIGN:
            if (!parse_number(p, arg, &item->value)) return FALSE;
            if (item->value != 1 && item->value != 2 && item->value != 4 && item->value != 8)
                return fail(p, "align takes 1, 2, 4 or 8, not %s", arg);
            return TRUE;
        default:
            return directives[i].arg ? parse_number(p, arg, &item->value) : TRUE;
        }
    }
    return fail(p, "unknown directive '%s'", line);
}

static void add_item(struct wire_block *block, const struct wire_item *item)
{
    block->items = realloc(block->items, (block->count + 1) * sizeof(*item));
    block->items[block->count++] = *item;
}

/* Removes a comment (a '#' outside quotes) and trailing blanks. */
static char *clean_line(char *line)
{
    char *s;
    BOOL quoted = FALSE;
    for (s = line; *s; s++)
    {
        if (*s == '\\' && quoted && s[1]) { s++; continue; }
        if (*s == '"') quoted = !quoted;
        if (*s == '#' && !quoted) { *s = 0; break; }
    }
    s = line + strlen(line);
    while (s > line && (s[-1] == ' ' || s[-1] == '\t' || s[-1] == '\r' || s[-1] == '\n')) *--s = 0;
    return skip_space(line);
}

BOOL wire_file_load(const char *unix_path, struct wire_file *file, char *error, size_t size)
{
    struct parser p = { unix_path, 0, error, size };
    struct wire_method *method = NULL;
    struct wire_block *block = NULL;
    WCHAR path[MAX_PATH];
    char raw[2048], *line;
    FILE *f;

    memset(file, 0, sizeof(*file));
    snprintf(file->path, sizeof(file->path), "%s", unix_path);
    unix_to_windows_path(unix_path, path, MAX_PATH);
    if (!(f = _wfopen(path, L"rb"))) return fail(&p, "cannot open the file%s", "");
    while (fgets(raw, sizeof(raw), f))
    {
        p.line++;
        line = clean_line(raw);
        if (!*line) continue;
        if (!strncmp(line, "interface ", 10))
        {
            if (file->iface[0]) { fclose(f); return fail(&p, "second interface line%s", ""); }
            snprintf(file->iface, sizeof(file->iface), "%s", skip_space(line + 10));
            continue;
        }
        if (!file->iface[0]) { fclose(f); return fail(&p, "the file must start with 'interface NAME'%s", ""); }
        if (!strncmp(line, "method ", 7))
        {
            const char *name = skip_space(line + 7);
            if (wire_file_method(file, name)) { fclose(f); return fail(&p, "method %s appears twice", name); }
            file->methods = realloc(file->methods, (file->count + 1) * sizeof(*file->methods));
            method = &file->methods[file->count++];
            memset(method, 0, sizeof(*method));
            snprintf(method->name, sizeof(method->name), "%s", name);
            method->line = p.line;
            block = NULL;
            continue;
        }
        if (!method) { fclose(f); return fail(&p, "'%s' before the first method", line); }
        if (!strcmp(line, "request") || !strcmp(line, "reply"))
        {
            block = line[2] == 'q' ? &method->request : &method->reply;
            if (block->present) { fclose(f); return fail(&p, "second '%s' section", line); }
            block->present = TRUE;
            continue;
        }
        if (!block) { fclose(f); return fail(&p, "'%s' outside a request or reply section", line); }
        {
            struct wire_item item;
            if (!parse_item(&p, line, &item)) { fclose(f); return FALSE; }
            add_item(block, &item);
        }
    }
    fclose(f);
    for (unsigned int i = 0; i < file->count; i++)
    {
        p.line = file->methods[i].line;
        if (!file->methods[i].request.present || !file->methods[i].reply.present)
            return fail(&p, "method %s needs both a request and a reply section", file->methods[i].name);
    }
    return TRUE;
}

static void free_block(struct wire_block *block)
{
    unsigned int i;
    for (i = 0; i < block->count; i++)
    {
        free(block->items[i].text);
        free(block->items[i].bytes);
    }
    free(block->items);
}

void wire_file_free(struct wire_file *file)
{
    unsigned int i;
    for (i = 0; i < file->count; i++)
    {
        free_block(&file->methods[i].request);
        free_block(&file->methods[i].reply);
    }
    free(file->methods);
    memset(file, 0, sizeof(*file));
}

const struct wire_method *wire_file_method(const struct wire_file *file, const char *name)
{
    unsigned int i;
    for (i = 0; i < file->count; i++)
        if (!strcmp(file->methods[i].name, name)) return &file->methods[i];
    return NULL;
}

/* ---- assembling --------------------------------------------------------- */

struct assembler
{
    enum ndr_dialect dialect;
    unsigned char *buf;
    size_t len, cap;
    int *line_of;                       /* vector line that produced each byte */
    int line;
    unsigned int next_referent;
    unsigned int ip_index;
    /* build mode */
    objref_source source;
    void *context;
    /* compare mode */
    const unsigned char *actual;
    size_t actual_len;
    struct wire_bytes *found;
    char *error;
    size_t size;
    /* field mode */
    struct wire_field *fields;
    unsigned int field_count, field_cap;
    BOOL want_fields;
};

static void put(struct assembler *a, const void *data, size_t n)
{
    if (a->len + n > a->cap)
    {
        a->cap = (a->len + n) * 2 + 64;
        a->buf = realloc(a->buf, a->cap);
        a->line_of = realloc(a->line_of, a->cap * sizeof(int));
    }
    memcpy(a->buf + a->len, data, n);
    for (size_t i = 0; i < n; i++) a->line_of[a->len + i] = a->line;
    a->len += n;
}

/* NDR aligns each primitive to its size, counted from the buffer's start,
 * and fills the gap with zeros. */
static void align(struct assembler *a, size_t n)
{
    static const unsigned char zeros[8];
    if (a->len % n) put(a, zeros, n - a->len % n);
}

static void put_le(struct assembler *a, ULONGLONG v, unsigned int n)
{
    unsigned char b[8];
    unsigned int i;
    align(a, n);
    for (i = 0; i < n; i++) b[i] = (unsigned char)(v >> (8 * i));
    put(a, b, n);
}

/* Records the bytes from start to the current end as one field. */
static void field(struct assembler *a, enum wire_field_kind kind, size_t start, int objref)
{
    struct wire_field *f;
    if (!a->want_fields || a->len == start) return;
    if (a->field_count == a->field_cap)
    {
        a->field_cap = a->field_cap * 2 + 32;
        a->fields = realloc(a->fields, a->field_cap * sizeof(*a->fields));
    }
    f = &a->fields[a->field_count++];
    f->kind = kind;
    f->offset = start;
    f->size = a->len - start;
    f->line = a->line;
    f->objref = objref;
}

/* A primitive of n bytes as one field. */
static void put_field(struct assembler *a, enum wire_field_kind kind, ULONGLONG v, unsigned int n)
{
    put_le(a, v, n);
    field(a, kind, a->len - n, -1);
}

/* The fields of an OBJREF_STANDARD that starts at start (MS-DCOM 2.2.18). */
static void objref_fields(struct assembler *a, size_t start, ULONG len, int index)
{
    static const struct { enum wire_field_kind kind; unsigned int at, size; } layout[] =
    {
        { FIELD_OBJREF_SIGNATURE, 0, 4 }, { FIELD_OBJREF_FLAGS, 4, 4 }, { FIELD_OBJREF_IID, 8, 16 },
        { FIELD_STD_FLAGS, 24, 4 }, { FIELD_STD_PUBLIC_REFS, 28, 4 }, { FIELD_STD_OXID, 32, 8 },
        { FIELD_STD_OID, 40, 8 }, { FIELD_STD_IPID, 48, 16 },
        { FIELD_RESOLVER_ENTRIES, 64, 2 }, { FIELD_RESOLVER_SECURITY, 66, 2 },
    };
    size_t end = a->len;
    unsigned int i;
    for (i = 0; i < ARRAYSIZE(layout) && layout[i].at + layout[i].size <= len; i++)
    {
        a->len = start + layout[i].at + layout[i].size;
        field(a, layout[i].kind, start + layout[i].at, index);
    }
    a->len = end;
    if (len > OBJREF_FIXED + 4) field(a, FIELD_RESOLVER_DATA, start + OBJREF_FIXED + 4, index);
}

static unsigned int next_referent(struct assembler *a)
{
    return REFERENT_BASE + 4 * a->next_referent++;
}

static ULONG read_u32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (ULONG)p[3] << 24;
}

static BOOL assemble_error(struct assembler *a, const char *what)
{
    snprintf(a->error, a->size, "line %d: %s", a->line, what);
    return FALSE;
}

/* The expected OBJREF in compare mode: the rules' fields from the vector,
 * the per-process ones (cPublicRefs, OXID, OID, IPID, resolver address)
 * copied from the actual bytes at the same place. */
static BOOL expected_objref(struct assembler *a, size_t at, REFIID iid, unsigned char **out, ULONG *len)
{
    const unsigned char *p = a->actual + at;
    unsigned int entries;
    unsigned char *o;

    if (at + OBJREF_FIXED + 4 > a->actual_len) return assemble_error(a, "the bytes end inside an OBJREF");
    entries = p[OBJREF_FIXED] | p[OBJREF_FIXED + 1] << 8;
    *len = OBJREF_FIXED + 4 + 2 * entries;
    if (at + *len > a->actual_len) return assemble_error(a, "the bytes end inside an OBJREF's resolver address");
    o = *out = malloc(*len);
    memcpy(o, p, *len);                          /* the masked fields */
    o[0] = OBJREF_SIGNATURE & 0xff; o[1] = (OBJREF_SIGNATURE >> 8) & 0xff;
    o[2] = (OBJREF_SIGNATURE >> 16) & 0xff; o[3] = OBJREF_SIGNATURE >> 24;
    o[4] = OBJREF_STANDARD; o[5] = o[6] = o[7] = 0;
    memcpy(o + 8, iid, 16);                      /* GUID in memory order = its NDR form on x86 */
    o[24] = SORF_NULL; o[25] = o[26] = o[27] = 0;
    if (!read_u32(p + 28)) o[28] = 1;            /* cPublicRefs must not be 0 */
    return TRUE;
}

/* One interface pointer's deferred part: [conformance] ulCntData OBJREF. */
static BOOL put_ip_data(struct assembler *a, REFIID iid)
{
    unsigned char *objref = NULL;
    ULONG len = 0;
    size_t at;

    align(a, 4);
    at = a->len + (a->dialect == DIALECT_MS ? 8 : 4);
    if (a->source)
    {
        if (!a->source(a->context, a->ip_index, iid, &objref, &len))
            return assemble_error(a, "could not marshal an object for an interface pointer");
    }
    else if (!expected_objref(a, at, iid, &objref, &len)) return FALSE;
    if (a->dialect == DIALECT_MS) put_field(a, FIELD_IP_CONFORMANCE, len, 4);   /* conformance of abData */
    put_field(a, FIELD_IP_SIZE, len, 4);                                         /* ulCntData */
    if (a->found && a->found->objrefs < ARRAYSIZE(a->found->objref_offset))
    {
        a->found->objref_offset[a->found->objrefs] = a->len;
        a->found->objref_len[a->found->objrefs++] = len;
    }
    put(a, objref, len);
    objref_fields(a, a->len - len, len, a->ip_index++);
    free(objref);
    return TRUE;
}

/* The kind of field a number directive writes. */
static enum wire_field_kind number_kind(const struct wire_item *item)
{
    if (!strcmp(item->directive, "enum16")) return FIELD_ENUM16;
    if (!strcmp(item->directive, "hresult")) return FIELD_HRESULT;
    if (!strcmp(item->directive, "count")) return FIELD_COUNT;
    return FIELD_VALUE;
}

static BOOL assemble(struct assembler *a, const struct wire_block *block)
{
    unsigned int i, n;
    size_t start;

    for (i = 0; i < block->count; i++)
    {
        const struct wire_item *item = &block->items[i];
        a->line = item->line;
        switch (item->op)
        {
        case OP_U8: put_field(a, number_kind(item), item->value, 1); break;
        case OP_U16: put_field(a, number_kind(item), item->value, 2); break;
        case OP_U32: put_field(a, number_kind(item), item->value, 4); break;
        case OP_U64: put_field(a, number_kind(item), item->value, 8); break;
        case OP_ALIGN: align(a, item->value); break;
        case OP_REFERENT: put_field(a, FIELD_REFERENT, next_referent(a), 4); break;
        case OP_NULL: put_field(a, FIELD_REFERENT, 0, 4); break;
        case OP_ANY_REFERENT:
            align(a, 4);
            start = a->len;
            /* compare mode: whatever non-zero value the bytes hold */
            if (a->actual && a->len + 4 <= a->actual_len && read_u32(a->actual + a->len))
                put(a, a->actual + a->len, 4);
            else put_le(a, a->actual ? 0xffffffff : REFERENT_BASE, 4);
            field(a, FIELD_REFERENT, start, -1);
            break;
        case OP_WSTRING:
            n = lstrlenW(item->text) + 1;
            put_field(a, FIELD_STRING_MAX, n, 4);       /* maximum count */
            put_field(a, FIELD_STRING_OFFSET, 0, 4);    /* offset */
            put_field(a, FIELD_STRING_ACTUAL, n, 4);    /* actual count */
            start = a->len;
            put(a, item->text, n * sizeof(WCHAR));
            field(a, FIELD_STRING_CHARS, start, -1);
            break;
        case OP_GUID:
            align(a, 4);
            start = a->len;
            put(a, item->bytes, 16);
            field(a, FIELD_GUID, start, -1);
            break;
        case OP_BYTES:
            start = a->len;
            put(a, item->bytes, item->count);
            field(a, FIELD_BYTES, start, -1);
            break;
        case OP_USER: put_field(a, FIELD_USER, USER_MARKER, 4); break;
        case OP_USER_POINTEE:
            /* Wine's NdrUserMarshalMarshall aligns every user-marshal pointee
             * to 8; by the NDR rule the pointee's own directives align it. */
            if (a->dialect == DIALECT_WINE) align(a, 8);
            break;
        case OP_BSTR:
            n = lstrlenW(item->text);
            put_field(a, FIELD_BSTR_CONFORMANCE, n, 4);  /* conformance of asData */
            put_field(a, FIELD_BSTR_BYTES, n * 2, 4);    /* cBytes */
            put_field(a, FIELD_BSTR_SIZE, n, 4);         /* clSize */
            start = a->len;
            put(a, item->text, n * sizeof(WCHAR));
            field(a, FIELD_BSTR_CHARS, start, -1);
            break;
        case OP_IP_NULL:
            put_field(a, FIELD_REFERENT, 0, 4);    /* a NULL pointer, or an empty MInterfacePointer */
            break;
        case OP_IP:
            if (a->dialect == DIALECT_MS) put_field(a, FIELD_REFERENT, next_referent(a), 4);
            if (!put_ip_data(a, &item->iid)) return FALSE;
            break;
        case OP_IP_REF:
            if (a->dialect == DIALECT_MS) put_field(a, FIELD_REFERENT, next_referent(a), 4);
            break;
        case OP_IP_DATA:
            if (!put_ip_data(a, &item->iid)) return FALSE;
            break;
        }
    }
    return TRUE;
}

BOOL wire_build_fields(const struct wire_block *block, enum ndr_dialect dialect, objref_source source,
                       void *context, struct wire_bytes *out, struct wire_field **fields, unsigned int *count,
                       char *error, size_t size)
{
    struct assembler a;
    BOOL ret;

    memset(&a, 0, sizeof(a));
    memset(out, 0, sizeof(*out));
    a.dialect = dialect;
    a.source = source;
    a.context = context;
    a.found = out;
    a.error = error;
    a.size = size;
    a.want_fields = fields != NULL;
    ret = assemble(&a, block);
    out->data = a.buf;
    out->len = a.len;
    free(a.line_of);
    if (fields)
    {
        *fields = a.fields;
        *count = a.field_count;
    }
    return ret;
}

BOOL wire_build(const struct wire_block *block, enum ndr_dialect dialect, objref_source source,
                void *context, struct wire_bytes *out, char *error, size_t size)
{
    return wire_build_fields(block, dialect, source, context, out, NULL, NULL, error, size);
}

const char *wire_field_name(enum wire_field_kind kind)
{
    static const char *const names[] =
    {
        "value", "enum16", "hresult", "count", "referent",
        "string max", "string offset", "string actual", "string chars",
        "guid", "bytes", "user marker", "bstr conformance", "bstr cBytes", "bstr clSize", "bstr chars",
        "ip conformance", "ip ulCntData",
        "objref signature", "objref flags", "objref iid",
        "std flags", "cPublicRefs", "oxid", "oid", "ipid",
        "resolver entries", "resolver security offset", "resolver strings",
    };
    return (unsigned int)kind < ARRAYSIZE(names) ? names[kind] : "?";
}

static void hex_window(char *out, size_t size, const unsigned char *p, size_t len, size_t at)
{
    size_t i, start = at & ~(size_t)7, end = start + 16;
    int n = 0;
    out[0] = 0;
    for (i = start; i < end && i < len && n < (int)size - 4; i++)
        n += snprintf(out + n, size - n, i == at ? "[%02x]" : " %02x", p[i]);
}

BOOL wire_compare(const struct wire_block *block, enum ndr_dialect dialect, const unsigned char *actual,
                  size_t len, struct wire_bytes *found, char *report, size_t size)
{
    struct assembler a;
    char want[96], got[96];
    size_t i, common;
    BOOL ret;

    memset(&a, 0, sizeof(a));
    if (found) memset(found, 0, sizeof(*found));
    a.dialect = dialect;
    a.actual = actual;
    a.actual_len = len;
    a.found = found;
    a.error = report;
    a.size = size;
    if (!assemble(&a, block))
    {
        free(a.buf);
        free(a.line_of);
        return FALSE;
    }
    common = a.len < len ? a.len : len;
    for (i = 0; i < common && a.buf[i] == actual[i]; i++) ;
    ret = (i == common && a.len == len);
    if (!ret && i < common)
    {
        hex_window(want, sizeof(want), a.buf, a.len, i);
        hex_window(got, sizeof(got), actual, len, i);
        snprintf(report, size, "byte %lu (vector line %d) differs: expected%s, got%s", (unsigned long)i,
                 a.line_of[i], want, got);
    }
    else if (!ret)
        snprintf(report, size, "length differs: expected %lu bytes, got %lu (equal up to byte %lu)",
                 (unsigned long)a.len, (unsigned long)len, (unsigned long)i);
    free(a.buf);
    free(a.line_of);
    return ret;
}
