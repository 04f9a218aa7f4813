/*
 * Mutations of a seed message. The seed is a golden vector assembled with
 * its field map (wire_build_fields), so a mutation can aim at a field:
 * a count, conformance, string max/offset/actual, referent, enum16 or
 * union discriminant, BSTR size, interface pointer size, or an OBJREF's
 * signature, flags, IID, cPublicRefs, OXID, OID, IPID and resolver sizes,
 * and give it an interesting value (0, 1, n-1, n+1, 0x7fffffff,
 * 0x80000000, 0xffffffff, 0x1fffffff, 0x20000000, ..., random). Besides:
 * truncation (every length in turn, then at random), extension, bit flips,
 * random bytes, numbers written anywhere, bytes inserted or deleted, and
 * for requests an iMethod out of range or of another method. Every case
 * draws from its own random stream (seed, case index), so one case replays
 * alone.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz.h"

/* ---- the random source: splitmix64 ------------------------------------ */

static ULONGLONG mix(ULONGLONG z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void rng_init(struct rng *rng, ULONGLONG seed, ULONGLONG index)
{
    rng->state = mix(seed * 0x9e3779b97f4a7c15ull + mix(index + 0x632be59bd9b4e019ull));
}

ULONGLONG rng_next(struct rng *rng)
{
    rng->state += 0x9e3779b97f4a7c15ull;
    return mix(rng->state);
}

ULONG rng_below(struct rng *rng, ULONG n)
{
    return n ? (ULONG)(rng_next(rng) % n) : 0;
}

/* ---- describing what was done ------------------------------------------ */

static void say(struct mutation *mu, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct mutation *mu, const char *fmt, ...)
{
    size_t n = strlen(mu->what);
    va_list args;
    if (n && n + 2 < sizeof(mu->what)) { strcpy(mu->what + n, "; "); n += 2; }
    va_start(args, fmt);
    vsnprintf(mu->what + n, sizeof(mu->what) - n, fmt, args);
    va_end(args);
}

/* ---- values ------------------------------------------------------------ */

static ULONGLONG get_le(const unsigned char *p, unsigned int n)
{
    ULONGLONG v = 0;
    while (n--) v = v << 8 | p[n];
    return v;
}

static void set_le(unsigned char *p, ULONGLONG v, unsigned int n)
{
    unsigned int i;
    for (i = 0; i < n; i++) p[i] = (unsigned char)(v >> (8 * i));
}

/* An interesting value for a number of n bytes that holds cur. */
static ULONGLONG interesting(struct rng *rng, ULONGLONG cur, unsigned int n)
{
    ULONGLONG ones = n == 8 ? ~0ull : (1ull << (8 * n)) - 1, top = (ones >> 1) + 1;
    switch (rng_below(rng, n >= 4 ? 19 : 9))
    {
    case 0: return 0;
    case 1: return 1;
    case 2: return (cur - 1) & ones;
    case 3: return (cur + 1) & ones;
    case 4: return top - 1;                 /* 0x7fff..., the largest signed */
    case 5: return top;                     /* 0x8000... */
    case 6: return ones;                    /* 0xffff... */
    case 7: return rng_next(rng) & ones;
    case 8: return (cur * 2) & ones;
    /* 32 bits and more: the values that wrap a size when multiplied */
    case 9: return 0x1fffffff;              /* * 8 wraps */
    case 10: return 0x20000000;
    case 11: return 0x3fffffff;             /* * 4 wraps */
    case 12: return 0x40000000;
    case 13: return 0x7ffffffe;             /* * 2 wraps */
    case 14: return n == 8 ? 0xffffffffull : 0x10000;
    /* a power of two and one: the product wraps to a small size that is not 0 */
    case 15: return 0x20000001;             /* * 8 wraps to 8 */
    case 16: return 0x40000001;             /* * 4 wraps to 4 */
    case 17: return 0x80000001;             /* * 2 wraps to 2 */
    default: return n == 8 ? 0x100000000ull : 0xfffffffe;
    }
}

/* How much a field kind deserves attention: the sizes and links first. */
static unsigned int weight(enum wire_field_kind kind)
{
    switch (kind)
    {
    case FIELD_COUNT: case FIELD_STRING_MAX: case FIELD_STRING_OFFSET: case FIELD_STRING_ACTUAL:
    case FIELD_BSTR_CONFORMANCE: case FIELD_BSTR_BYTES: case FIELD_BSTR_SIZE: case FIELD_IP_SIZE:
    case FIELD_IP_CONFORMANCE: case FIELD_REFERENT: case FIELD_ENUM16: case FIELD_STD_PUBLIC_REFS:
    case FIELD_RESOLVER_ENTRIES: case FIELD_RESOLVER_SECURITY:
        return 4;
    case FIELD_VALUE: case FIELD_HRESULT: case FIELD_STD_OXID: case FIELD_STD_OID: case FIELD_STD_IPID:
    case FIELD_OBJREF_FLAGS: case FIELD_OBJREF_IID: case FIELD_STD_FLAGS: case FIELD_USER:
        return 2;
    default:
        return 1;
    }
}

static const struct wire_field *pick_field(struct rng *rng, const struct wire_field *fields, unsigned int count)
{
    unsigned int total = 0, i, r;
    for (i = 0; i < count; i++) total += weight(fields[i].kind);
    r = rng_below(rng, total);
    for (i = 0; i < count; i++)
    {
        if (r < weight(fields[i].kind)) return &fields[i];
        r -= weight(fields[i].kind);
    }
    return NULL;
}

/* A field that is not a number: a GUID, IID, IPID, characters, bytes. */
static void mutate_blob(struct rng *rng, struct mutation *mu, const struct wire_field *f)
{
    unsigned char *p = mu->bytes + f->offset;
    unsigned int i, at;
    switch (rng_below(rng, f->kind == FIELD_OBJREF_IID ? 5 : 4))
    {
    case 0:
        memset(p, 0, f->size);
        say(mu, "%s@%lu zeroed", wire_field_name(f->kind), (unsigned long)f->offset);
        break;
    case 1:
        memset(p, 0xff, f->size);
        say(mu, "%s@%lu all 0xff", wire_field_name(f->kind), (unsigned long)f->offset);
        break;
    case 2:
        for (i = 0; i < f->size; i++) p[i] = (unsigned char)rng_next(rng);
        say(mu, "%s@%lu random", wire_field_name(f->kind), (unsigned long)f->offset);
        break;
    case 3:
        at = rng_below(rng, f->size);
        p[at] = (unsigned char)rng_next(rng);
        say(mu, "%s@%lu byte %u = %#x", wire_field_name(f->kind), (unsigned long)f->offset, at, p[at]);
        break;
    default:
        /* another interface's IID: the object is handed over as the wrong type */
        i = rng_below(rng, plan.iface_count);
        memcpy(p, &plan.ifaces[i].iid, 16);
        say(mu, "objref iid@%lu = %s", (unsigned long)f->offset, plan.ifaces[i].name);
        break;
    }
}

static void mutate_field(struct rng *rng, struct mutation *mu, const struct wire_field *fields, unsigned int count)
{
    const struct wire_field *f = pick_field(rng, fields, count);
    ULONGLONG cur, v;
    if (!f || f->offset + f->size > mu->len) return;
    if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
    {
        mutate_blob(rng, mu, f);
        return;
    }
    cur = get_le(mu->bytes + f->offset, f->size);
    v = interesting(rng, cur, f->size);
    set_le(mu->bytes + f->offset, v, f->size);
    say(mu, "%s@%lu (line %d) %#llx -> %#llx", wire_field_name(f->kind), (unsigned long)f->offset, f->line,
        cur, v);
}

/* ---- whole-message mutations ---------------------------------------- */

static void truncate_to(struct mutation *mu, size_t len)
{
    say(mu, "truncated to %lu of %lu bytes", (unsigned long)len, (unsigned long)mu->len);
    mu->len = len;
}

static void extend(struct rng *rng, struct mutation *mu, size_t room)
{
    size_t n = 1 + rng_below(rng, 64), i;
    unsigned int how = rng_below(rng, 3);
    if (mu->len + n > room) return;
    for (i = 0; i < n; i++) mu->bytes[mu->len + i] = how == 0 ? 0 : how == 1 ? 0xff : (unsigned char)rng_next(rng);
    mu->len += n;
    say(mu, "extended by %lu %s bytes", (unsigned long)n, how == 0 ? "zero" : how == 1 ? "0xff" : "random");
}

static void flip_bits(struct rng *rng, struct mutation *mu)
{
    unsigned int n = 1 + rng_below(rng, 8), i;
    if (!mu->len) return;
    for (i = 0; i < n; i++)
    {
        size_t at = rng_below(rng, (ULONG)mu->len);
        unsigned int bit = rng_below(rng, 8);
        mu->bytes[at] ^= 1 << bit;
        say(mu, "bit %u of byte %lu flipped", bit, (unsigned long)at);
    }
}

static void random_span(struct rng *rng, struct mutation *mu)
{
    size_t at, n, i;
    if (!mu->len) return;
    at = rng_below(rng, (ULONG)mu->len);
    n = 1 + rng_below(rng, 16);
    if (at + n > mu->len) n = mu->len - at;
    for (i = 0; i < n; i++) mu->bytes[at + i] = (unsigned char)rng_next(rng);
    say(mu, "%lu random bytes at %lu", (unsigned long)n, (unsigned long)at);
}

static void number_anywhere(struct rng *rng, struct mutation *mu)
{
    size_t at;
    ULONGLONG v;
    if (mu->len < 4) return;
    at = rng_below(rng, (ULONG)(mu->len / 4)) * 4;
    v = interesting(rng, get_le(mu->bytes + at, 4), 4);
    set_le(mu->bytes + at, v, 4);
    say(mu, "u32@%lu = %#llx", (unsigned long)at, v);
}

static void insert_or_delete(struct rng *rng, struct mutation *mu, size_t room)
{
    size_t n = rng_below(rng, 2) ? 8 : 4, at = rng_below(rng, (ULONG)(mu->len / 4 + 1)) * 4;
    if (at > mu->len) at = mu->len;
    if (rng_below(rng, 2))
    {
        if (mu->len + n > room) return;
        memmove(mu->bytes + at + n, mu->bytes + at, mu->len - at);
        memset(mu->bytes + at, 0, n);
        mu->len += n;
        say(mu, "%lu zero bytes inserted at %lu", (unsigned long)n, (unsigned long)at);
    }
    else if (at + n <= mu->len)
    {
        memmove(mu->bytes + at, mu->bytes + at + n, mu->len - at - n);
        mu->len -= n;
        say(mu, "%lu bytes deleted at %lu", (unsigned long)n, (unsigned long)at);
    }
}

static void wrong_method(struct rng *rng, struct mutation *mu, const struct fuzz_method *m)
{
    static const ULONG distant[] = { 0x7fffffff, 0x80000000, 0xffffffff, 0xffff, 0x10000 };
    unsigned int slots = m->fi->slots;
    switch (rng_below(rng, 5))
    {
    case 0: mu->method = rng_below(rng, 3); break;                       /* IUnknown's */
    case 1: mu->method = slots + rng_below(rng, 4); break;               /* just past the vtable */
    case 2: mu->method = distant[rng_below(rng, ARRAYSIZE(distant))]; break;
    case 3: mu->method = (ULONG)rng_next(rng); break;
    default: mu->method = 3 + rng_below(rng, slots - 3); break;          /* another method's layout */
    }
    say(mu, "iMethod %lu (the method is %u of %u slots)", mu->method, m->slot, slots);
}

#define ROOM 256                        /* what a mutation may add */

void mutate(struct rng *rng, ULONGLONG round, enum direction dir, const struct fuzz_method *m,
            const unsigned char *seed, size_t seed_len, const struct wire_field *fields,
            unsigned int field_count, struct mutation *out)
{
    size_t room = seed_len + ROOM;
    unsigned int ops, i;

    memset(out, 0, sizeof(*out));
    out->bytes = malloc(room);
    memcpy(out->bytes, seed, seed_len);
    out->len = seed_len;
    out->method = m->slot;

    /* every fourth round of a method walks the truncations, shortest first */
    if (round % 4 == 0 && round / 4 < seed_len)
    {
        truncate_to(out, (size_t)(round / 4));
        return;
    }
    if (!seed_len)
    {
        /* nothing to change in an empty message: add to it, or call another method */
        if (dir == DIR_REQUEST && rng_below(rng, 3) == 0) wrong_method(rng, out, m);
        else extend(rng, out, room);
        return;
    }
    ops = rng_below(rng, 8) ? 1 : 2 + rng_below(rng, 3);
    for (i = 0; i < ops; i++)
    {
        ULONG r = rng_below(rng, 100);
        if (r < 45 && field_count) mutate_field(rng, out, fields, field_count);
        else if (r < 53) { if (out->len) truncate_to(out, rng_below(rng, (ULONG)out->len)); }
        else if (r < 61) extend(rng, out, room);
        else if (r < 73) flip_bits(rng, out);
        else if (r < 81) random_span(rng, out);
        else if (r < 88) number_anywhere(rng, out);
        else if (r < 94) insert_or_delete(rng, out, room);
        else if (dir == DIR_REQUEST) wrong_method(rng, out, m);
        else mutate_field(rng, out, fields, field_count);
    }
    if (!out->what[0]) say(out, "unchanged");
}

const char *method_tag(const struct fuzz_method *m, enum direction dir, const struct mutation *mu)
{
    if (dir != DIR_REQUEST || mu->method == m->slot) return "";
    if (mu->method < 3) return " [iMethod of IUnknown]";
    return mu->method >= m->fi->slots ? " [iMethod past the interface]" : " [iMethod of another method]";
}
