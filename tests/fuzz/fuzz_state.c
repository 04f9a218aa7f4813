/*
 * The counters of a run and its distinct defects, kept in a file mapping
 * (--state FILE) so that they survive the process: after a hang or a
 * death, the driver (run.sh) starts the program again with the same
 * arguments; it finds the case that was running, counts it as a hang or a
 * death, and goes on after it. Without a file the state is in memory.
 */
#include <stdio.h>
#include "fuzz.h"
#include "testutil.h"

#define STATE_MAGIC "qmfuzz3"
#define MAX_DISTINCT 4096
#define PRINT_PER_DISTINCT 2            /* occurrences printed in full; the rest are counted */

struct distinct
{
    USHORT method;
    UCHAR dir, kind;
    char where[96];
    ULONGLONG count;
    ULONGLONG first_case;
    ULONGLONG smallest_case;            /* the shortest message that showed it */
    ULONG smallest_len;
};

/* A memory figure over a process's samples (below). */
struct growth { SIZE_T first, last, growth; ULONGLONG cases; };

struct state
{
    char magic[8];
    ULONGLONG seed, requests, replies;
    ULONGLONG next;                     /* the first case not started */
    LONGLONG current;                   /* the case running, -1 between cases */
    LONG death;                         /* set by a dying process: KIND_HANG or KIND_DEATH */
    char death_where[96];               /* and where it died */
    ULONG current_len;                  /* the length of the running case's message */
    ULONG restarts;
    ULONGLONG counts[FUZZ_MAX_IFACES][2][OUTCOME_COUNT];
    ULONGLONG cases[FUZZ_MAX_IFACES][2];
    ULONGLONG defective[FUZZ_MAX_IFACES][2];   /* cases with at least one defect */
    SIZE_T largest_alloc;
    ULONGLONG largest_alloc_case;
    ULONGLONG objrefs_kept;
    unsigned int golden_defective;      /* golden messages with defects (the first process) */
    struct growth private_bytes, heap_bytes;
    ULONG distinct_count, distinct_dropped;
    struct distinct distinct[MAX_DISTINCT];
};

static struct state *st;
static BOOL in_memory;

const char *outcome_name(enum outcome o)
{
    static const char *const names[OUTCOME_COUNT] =
    {
        "replied", "rejected", "fault", "hang", "death", "huge allocation", "address space",
        "heap corruption", "block overrun", "bad free", "buffer overrun", "object leak", "memory leak",
        "interface type",
    };
    return (unsigned int)o < OUTCOME_COUNT ? names[o] : "?";
}

static unsigned int method_index(const struct fuzz_method *m)
{
    return (unsigned int)(m - plan.methods);
}

BOOL state_open(const char *unix_path, ULONGLONG seed, ULONGLONG requests, ULONGLONG replies,
                ULONGLONG *start, DWORD last_exit)
{
    HANDLE file = INVALID_HANDLE_VALUE, mapping;
    BOOL fresh;

    if (unix_path)
    {
        WCHAR path[MAX_PATH];
        unix_to_windows_path(unix_path, path, MAX_PATH);
        file = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_ALWAYS, 0, NULL);
        if (file == INVALID_HANDLE_VALUE) return FALSE;
    }
    mapping = CreateFileMappingW(file, NULL, PAGE_READWRITE, 0, sizeof(struct state), NULL);
    if (!mapping || !(st = MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, sizeof(struct state)))) return FALSE;
    in_memory = !unix_path;
    fresh = memcmp(st->magic, STATE_MAGIC, 8) || st->seed != seed || st->requests != requests
            || st->replies != replies;
    if (fresh)
    {
        memset(st, 0, sizeof(*st));
        memcpy(st->magic, STATE_MAGIC, 8);
        st->seed = seed;
        st->requests = requests;
        st->replies = replies;
        st->current = -1;
    }
    else if (st->current < 0 && (st->death || (last_exit && last_exit != 1)))
    {
        printf("# the previous process ended outside a case (exit code %lu): not resuming\n", last_exit);
        return FALSE;
    }
    else if (st->current >= 0)
    {
        /* the previous process died inside this case */
        ULONGLONG index = (ULONGLONG)st->current;
        const struct fuzz_method *m = case_method(index);
        enum direction dir = case_direction(index);
        struct defect d = {0};

        d.kind = st->death == KIND_HANG ? KIND_HANG : KIND_DEATH;
        if (st->death) snprintf(d.where, sizeof(d.where), "%s", st->death_where);
        else snprintf(d.where, sizeof(d.where), "exit code %lu", last_exit);
        snprintf(d.detail, sizeof(d.detail), "the process ended (exit code %lu)%s", last_exit,
                 st->death ? "" : ", not through the fuzzer's handlers (an abort?)");
        printf("# resuming after case %llu, which ended the process (exit code %lu)\n", index, last_exit);
        st->restarts++;
        st->cases[m->iface][dir]++;
        st->defective[m->iface][dir]++;
        /* the dying process printed what it knew; this counts it */
        st->current = -1;
        state_defect(index, m, dir, &d, st->current_len);
        st->next = index + 1;
    }
    st->death = 0;
    st->death_where[0] = 0;
    *start = st->next;
    return TRUE;
}

void state_case_begin(ULONGLONG index, size_t len)
{
    st->current_len = (ULONG)len;
    st->current = (LONGLONG)index;
}

void state_case_end(ULONGLONG index, enum outcome outcome)
{
    const struct fuzz_method *m = case_method(index);
    enum direction dir = case_direction(index);
    st->cases[m->iface][dir]++;
    if (outcome >= FIRST_DEFECT) st->defective[m->iface][dir]++;
    else st->counts[m->iface][dir][outcome]++;
    st->next = index + 1;
    st->current = -1;
}

void state_death(LONG kind, const char *where)
{
    if (!st) return;
    snprintf(st->death_where, sizeof(st->death_where), "%s", where);
    st->death = kind;
}

static struct distinct *find_distinct(const struct fuzz_method *m, enum direction dir, const struct defect *d)
{
    unsigned int i, method = method_index(m);
    struct distinct *x;
    for (i = 0; i < st->distinct_count; i++)
    {
        x = &st->distinct[i];
        if (x->method == method && x->dir == dir && x->kind == d->kind && !strcmp(x->where, d->where)) return x;
    }
    if (st->distinct_count == MAX_DISTINCT)
    {
        st->distinct_dropped++;
        return NULL;
    }
    x = &st->distinct[st->distinct_count++];
    memset(x, 0, sizeof(*x));
    x->method = method;
    x->dir = dir;
    x->kind = d->kind;
    snprintf(x->where, sizeof(x->where), "%s", d->where);
    x->smallest_len = ~0u;
    return x;
}

BOOL state_defect(ULONGLONG index, const struct fuzz_method *m, enum direction dir, const struct defect *d,
                  size_t len)
{
    struct distinct *x = find_distinct(m, dir, d);
    st->counts[m->iface][dir][d->kind]++;
    if (!x) return FALSE;
    if (!x->count++) x->first_case = index;
    if (len < x->smallest_len)
    {
        x->smallest_len = (ULONG)len;
        x->smallest_case = index;
    }
    if (x->count > PRINT_PER_DISTINCT || !d->detail[0]) return FALSE;
    printf("# defect: %s %s::%s (case %llu): %s at %s: %s\n", dir == DIR_REQUEST ? "request" : "reply",
           m->fi->name, m->name, index, outcome_name(d->kind), d->where, d->detail);
    return TRUE;
}

void state_note_allocation(ULONGLONG index, SIZE_T size)
{
    if (size <= st->largest_alloc) return;
    st->largest_alloc = size;
    st->largest_alloc_case = index;
}

/* The process's private bytes and its heaps' bytes in use, sampled every
 * 1,000 cases. What counts is the growth over the second half of a
 * process's samples: the first batches settle the heap and COM's caches (a
 * one-time rise), a leak keeps growing. The state keeps the largest such
 * growth of any process. */
#define SAMPLES 4096
struct samples { SIZE_T value[SAMPLES]; ULONGLONG at[SAMPLES]; unsigned int n; };

static void note_sample(struct growth *g, struct samples *s, SIZE_T bytes, ULONGLONG index)
{
    unsigned int mid;

    if (s->n == SAMPLES) return;
    s->value[s->n] = bytes;
    s->at[s->n++] = index;
    g->first = s->value[0];
    g->last = bytes;
    mid = s->n / 2;
    if (s->n >= 4 && bytes > s->value[mid] && bytes - s->value[mid] > g->growth)
    {
        g->growth = bytes - s->value[mid];
        g->cases = index - s->at[mid];
    }
}

void state_note_memory(SIZE_T private_bytes, SIZE_T heap_bytes, ULONGLONG index)
{
    static struct samples private_samples, heap_samples;
    note_sample(&st->private_bytes, &private_samples, private_bytes, index);
    note_sample(&st->heap_bytes, &heap_samples, heap_bytes, index);
}

void state_note_golden(unsigned int defective)
{
    st->golden_defective = defective;
}

void state_note_objrefs_kept(unsigned int n)
{
    st->objrefs_kept += n;
}

/* The distinct defects by kind and place only: how many methods, how
 * often, and the shortest case of all. */
static void report_places(void)
{
    static struct { UCHAR kind, dirs; char where[96]; ULONG methods; ULONGLONG count, shortest; ULONG len; } places[512];
    unsigned int n = 0, i, k;
    for (i = 0; i < st->distinct_count; i++)
    {
        const struct distinct *x = &st->distinct[i];
        for (k = 0; k < n; k++) if (places[k].kind == x->kind && !strcmp(places[k].where, x->where)) break;
        if (k == n)
        {
            if (n == ARRAYSIZE(places)) continue;
            memset(&places[n], 0, sizeof(places[n]));
            places[n].kind = x->kind;
            snprintf(places[n].where, sizeof(places[n].where), "%s", x->where);
            places[n].len = ~0u;
            n++;
        }
        places[k].methods++;
        places[k].dirs |= 1 << x->dir;
        places[k].count += x->count;
        if (x->smallest_len < places[k].len)
        {
            places[k].len = x->smallest_len;
            places[k].shortest = x->smallest_case;
        }
    }
    printf("# defects by kind and place: %u\n", n);
    for (k = 0; k < n; k++)
        printf("#   %s at %s: %llu times in %lu methods (%s); shortest: case %llu (%lu bytes)\n",
               outcome_name(places[k].kind), places[k].where, places[k].count, places[k].methods,
               places[k].dirs == 3 ? "requests and replies" : places[k].dirs == 1 ? "requests" : "replies",
               places[k].shortest, places[k].len);
}

/* Grows more than this over the second half of a process's run and it is
 * a leak (the heaps: the blocks in use, which the heaps' own growth and the
 * rest of the process's memory do not move). */
#define PRIVATE_GROWTH_LIMIT (4u << 20)
#define HEAP_GROWTH_LIMIT (1u << 20)

static void report_growth(BOOL tap, unsigned int number, const char *what, const struct growth *g, SIZE_T limit)
{
    printf("# %s (the last process): %llu after its first 1,000 cases, %llu at the end; the largest growth over the "
           "second half of a process's samples: %llu bytes over %llu case indices\n", what, (ULONGLONG)g->first,
           (ULONGLONG)g->last, (ULONGLONG)g->growth, g->cases);
    if (tap)
        printf("%s %u - %s grow by at most %u KiB over the second half of a process's run (%llu)\n",
               g->growth > limit ? "not ok" : "ok", number, what, (unsigned int)(limit >> 10), (ULONGLONG)g->growth);
}

ULONGLONG state_report(BOOL tap, BOOL show_bytes)
{
    unsigned int golden_defective = st->golden_defective;
    ULONGLONG totals[2][OUTCOME_COUNT] = {{0}}, cases[2] = {0}, defective[2] = {0}, defects = 0;
    unsigned int i, d, k;
    char line[512];

    for (d = 0; d < 2; d++)
    {
        for (i = 0; i < plan.iface_count; i++)
        {
            const ULONGLONG *c = st->counts[i][d];
            int n;
            ULONGLONG bad = 0;
            cases[d] += st->cases[i][d];
            defective[d] += st->defective[i][d];
            for (k = 0; k < OUTCOME_COUNT; k++) totals[d][k] += c[k];
            for (k = FIRST_DEFECT; k < OUTCOME_COUNT; k++) bad += c[k];
            n = snprintf(line, sizeof(line), "%s %s: %llu cases, %llu replied, %llu rejected, %llu with defects",
                         plan.ifaces[i].name, d == DIR_REQUEST ? "requests" : "replies", st->cases[i][d],
                         c[OUT_REPLIED], c[OUT_REJECTED], st->defective[i][d]);
            for (k = FIRST_DEFECT; k < OUTCOME_COUNT; k++)
                if (c[k]) n += snprintf(line + n, sizeof(line) - n, ", %s %llu", outcome_name(k), c[k]);
            if (tap) printf("%s %u - %s\n", bad ? "not ok" : "ok", d * plan.iface_count + i + 1, line);
            else printf("# %s\n", line);
        }
    }
    for (d = 0; d < 2; d++)
    {
        int n = snprintf(line, sizeof(line), "total %s: %llu cases, %llu replied, %llu rejected, %llu with defects",
                         d == DIR_REQUEST ? "requests" : "replies", cases[d], totals[d][OUT_REPLIED],
                         totals[d][OUT_REJECTED], defective[d]);
        for (k = FIRST_DEFECT; k < OUTCOME_COUNT; k++)
        {
            if (totals[d][k]) n += snprintf(line + n, sizeof(line) - n, ", %s %llu", outcome_name(k), totals[d][k]);
            defects += totals[d][k];
        }
        printf("# %s\n", line);
    }
    printf("# largest CoTaskMem request: %llu bytes (case %llu); limit %u\n",
           (ULONGLONG)st->largest_alloc, st->largest_alloc_case, SPY_LIMIT);
    printf("# OBJREFs kept out of combase's abort or away from other processes: %llu\n", st->objrefs_kept);
    report_growth(tap, 2 * plan.iface_count + 1, "private bytes", &st->private_bytes, PRIVATE_GROWTH_LIMIT);
    report_growth(tap, 2 * plan.iface_count + 2, "heap bytes in use", &st->heap_bytes, HEAP_GROWTH_LIMIT);
    printf("# restarts: %lu\n", st->restarts);
    if (tap)
        printf("%s %u - the %u golden requests and replies are replied and leave nothing behind (%u with defects)\n",
               golden_defective ? "not ok" : "ok", 2 * plan.iface_count + 3, 2 * plan.method_count, golden_defective);
    if (st->private_bytes.growth > PRIVATE_GROWTH_LIMIT) defects++;
    if (st->heap_bytes.growth > HEAP_GROWTH_LIMIT) defects++;
    defects += golden_defective;

    report_places();
    printf("# distinct defects (method, direction, kind, where): %lu%s\n", st->distinct_count,
           st->distinct_dropped ? " (table full: more were seen)" : "");
    for (i = 0; i < st->distinct_count; i++)
    {
        const struct distinct *x = &st->distinct[i];
        const struct fuzz_method *m = &plan.methods[x->method];
        printf("#   %s %s::%s: %s at %s: %llu times; shortest: case %llu (%lu bytes)\n",
               x->dir == DIR_REQUEST ? "request" : "reply", m->fi->name, m->name, outcome_name(x->kind), x->where,
               x->count, x->smallest_case, x->smallest_len);
        if (show_bytes) print_case_bytes(st->seed, x->smallest_case);
    }
    if (tap) printf("1..%u\n", 2 * plan.iface_count + 3);
    return defects;
}
