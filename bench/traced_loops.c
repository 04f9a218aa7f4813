/*
 * Part of --anatomy: each operation of a call that returns an interface
 * pointer, TRACED_CALLS times in a row between two marks that a Wine trace
 * shows (OutputDebugString), so that bench/trace_requests.py can count the
 * wineserver requests of one operation. Wine sends them to the wineserver
 * process; they are the cost unit of COM under Wine.
 */
#include "bench.h"

/* Marks for a trace (WINEDEBUG=+pid,+server,+debugstr: trace_requests.py
 * counts the wineserver requests between a begin and its end). */
static void mark(const char *what, const char *label, unsigned int count)
{
    char text[160];
    snprintf(text, sizeof(text), "bench-anatomy %s %s %u", what, label, count);
    OutputDebugStringA(text);
}

#define TRACED_CALLS 32

/* Each operation TRACED_CALLS times in a row between two marks, with
 * nothing else in between, so that a trace can be divided by the count;
 * the time per operation is printed too ("loop:" labels). */
void traced_loops(struct proxies *p)
{
    IBackgroundCopyFile *kept[TRACED_CALLS];
    ULONG fetched, i;
    double t0;

    if (p->file_count < 2 * TRACED_CALLS + 1) return;
#define LOOP(label, body) do { mark("begin", label, TRACED_CALLS); t0 = now_us(); \
        for (i = 0; i < TRACED_CALLS; i++) { body; } \
        printf("anatomy loop:%s %.3f\n", label, (now_us() - t0) / TRACED_CALLS); \
        mark("end", label, TRACED_CALLS); } while (0)

    LOOP("Reset", IEnumBackgroundCopyFiles_Reset(p->floor));
    ensure_file(p, 0);
    /* files 1..32: objects the client holds no proxy for (it holds file 0's) */
    IEnumBackgroundCopyFiles_Reset(p->files);
    IEnumBackgroundCopyFiles_Skip(p->files, 1);
    LOOP("Next(1)+release,new-object", IEnumBackgroundCopyFiles_Next(p->files, 1, &kept[0], &fetched);
                                        IBackgroundCopyFile_Release(kept[0]));
    /* files 33..64, kept: the call alone, then the releases alone */
    LOOP("Next(1),new-object,call-only", IEnumBackgroundCopyFiles_Next(p->files, 1, &kept[i], &fetched));
    LOOP("release-proxy,new-object", IBackgroundCopyFile_Release(kept[i]));
    /* the same 32 again while the client holds them: no new proxy, no new stub */
    IEnumBackgroundCopyFiles_Reset(p->files);
    IEnumBackgroundCopyFiles_Skip(p->files, 1);
    for (i = 0; i < TRACED_CALLS; i++) IEnumBackgroundCopyFiles_Next(p->files, 1, &kept[i], &fetched);
    IEnumBackgroundCopyFiles_Reset(p->files);
    IEnumBackgroundCopyFiles_Skip(p->files, 1);
    LOOP("Next(1)+release,object-with-proxy", IBackgroundCopyFile *again = NULL;
         IEnumBackgroundCopyFiles_Next(p->files, 1, &again, &fetched); IBackgroundCopyFile_Release(again));
    for (i = 0; i < TRACED_CALLS; i++) IBackgroundCopyFile_Release(kept[i]);
    /* files 1..32 again, with no IBackgroundCopyFile proxy alive in between */
    drop_file(p);
    IEnumBackgroundCopyFiles_Reset(p->files);
    IEnumBackgroundCopyFiles_Skip(p->files, 1);
    LOOP("Next(1)+release,new-object,no-other-file-proxy", IEnumBackgroundCopyFiles_Next(p->files, 1, &kept[0], &fetched);
                                        IBackgroundCopyFile_Release(kept[0]));
    ensure_file(p, 0);
    LOOP("Clone+release", IEnumBackgroundCopyFiles *clone = NULL;
         IEnumBackgroundCopyFiles_Clone(p->files, &clone); IEnumBackgroundCopyFiles_Release(clone));
#undef LOOP
    fflush(stdout);
}
