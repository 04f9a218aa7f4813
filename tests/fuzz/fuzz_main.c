/*
 * fuzz.exe <bits-interfaces.tsv> <vectors dir> [options]
 *   --seed S          the run's seed (default 1)
 *   --cases N         N requests into stubs and N/5 replies into proxies
 *   --requests N      requests (cases 0, 2, 4, ...)
 *   --replies N       replies (cases 1, 3, 5, ...)
 *   --case I          runs case I alone and says everything about it
 *   --golden I::M request|reply        the golden message of method I::M alone
 *   --bytes I::M request|reply HEX [--imethod N]   those bytes alone
 *   --repeat N        with --golden or --bytes: N times, and the private bytes it cost
 *   --state FILE      keeps counters in FILE; a run cut by a death resumes
 *   --after-exit CODE how the previous process ended (from the driver)
 *   --hang-ms MS      the watchdog's limit for one case (default 5000)
 *   --tap             the report as TAP (one line per interface and direction)
 *   --show-bytes      the report gives the bytes of each distinct defect's shortest case
 *   --no-objref-guard lets mutated OBJREFs reach combase's abort (to show it)
 *   --runtime         rpcrt4's own factory over the DLL's tables, without the
 *                     DLL's message checker: the bytes reach Wine's runtime
 *                     (to show a defect the checker shields, for Wine's tracker)
 * Exit: 0 no defect, 1 defects, 2 cannot run, 70 hang, 71 death (the
 * driver, run.sh, resumes after those).
 */
#include <stdio.h>
#include <rpcproxy.h>
#include <stdlib.h>
#include "fuzz.h"
#include "testutil.h"
#include "com_helpers.h"

struct fuzz_plan plan;
static BOOL runtime_only;

/* --runtime: NdrDllGetClassObject over the tables GetProxyDllInfo names,
 * with a factory of our own: what a proxy DLL without the checker hands out. */
static HRESULT runtime_factory(IPSFactoryBuffer **factory)
{
    static CStdPSFactoryBuffer standard;
    void (RPC_ENTRY *info)(const ProxyFileInfo ***, const CLSID **);
    HMODULE dll = GetModuleHandleW(L"qmgrprxy.dll");
    const ProxyFileInfo **files;
    const CLSID *clsid;

    if (!dll || !(info = (void *)GetProcAddress(dll, "GetProxyDllInfo"))) return E_FAIL;
    info(&files, &clsid);
    return NdrDllGetClassObject(clsid, &IID_IPSFactoryBuffer, (void **)factory, files, clsid, &standard);
}

/* "SetProp[local; wire: ...]" -> "SetProp" */
static void method_name(const char *entry, char *out, size_t size)
{
    size_t n = strcspn(entry, "[,");
    snprintf(out, size, "%.*s", (int)n, entry);
}

static BOOL add_interface(const struct table_row *row, const char *vectors)
{
    struct fuzz_iface *fi = &plan.ifaces[plan.iface_count];
    char path[MAX_PATH], error[512], methods[1024], *entry, *save;
    unsigned int count = 0, index = 0;
    CLSID clsid;
    HRESULT hr;

    snprintf(fi->name, sizeof(fi->name), "%s", row->name);
    fi->iid = row->iid;
    fi->slots = row->slots;
    if (FAILED(hr = get_ps_factory(&row->iid, &fi->factory, &clsid)))
    {
        printf("# %s: no proxy/stub factory registered (%#lx)\n", row->name, hr);
        return FALSE;
    }
    if (runtime_only)
    {
        IPSFactoryBuffer_Release(fi->factory);
        if (FAILED(hr = runtime_factory(&fi->factory))) return FALSE;
    }
    snprintf(path, sizeof(path), "%s/%s.wire", vectors, row->name);
    if (!wire_file_load(path, &fi->file, error, sizeof(error)))
    {
        printf("# %s\n", error);
        return FALSE;
    }
    snprintf(methods, sizeof(methods), "%s", row->methods);
    for (entry = strtok_r(methods, ",", &save); entry; entry = strtok_r(NULL, ",", &save)) count++;
    snprintf(methods, sizeof(methods), "%s", row->methods);
    for (entry = strtok_r(methods, ",", &save); entry; entry = strtok_r(NULL, ",", &save), index++)
    {
        struct fuzz_method *m = &plan.methods[plan.method_count];
        if (plan.method_count == ARRAYSIZE(plan.methods)) return FALSE;
        m->iface = plan.iface_count;
        m->fi = fi;
        method_name(entry, m->name, sizeof(m->name));
        m->slot = row->slots - count + index;
        m->vm = wire_file_method(&fi->file, m->name);
        m->wc = wire_case_find(row->name, m->name);
        if (!m->vm || !m->wc)
        {
            printf("# %s::%s: no %s\n", row->name, m->name, m->vm ? "wire case" : "vector");
            return FALSE;
        }
        plan.method_count++;
    }
    plan.iface_count++;
    return TRUE;
}

static BOOL make_plan(const char *table, const char *vectors)
{
    static struct table_row rows[64];
    unsigned int n = read_interface_table(table, rows, ARRAYSIZE(rows)), i;
    plan.dialect = runtime_dialect();
    for (i = 0; i < n; i++)
    {
        if (!strcmp(rows[i].name, "AsyncIBackgroundCopyCallback")) continue;   /* client-side only */
        if (plan.iface_count == FUZZ_MAX_IFACES || !add_interface(&rows[i], vectors)) return FALSE;
    }
    return plan.iface_count == 34 && plan.method_count == 182;
}

/* --golden / --bytes: one message into one method. */
static int run_given_case(const char *name, const char *dir, const char *hex, ULONG imethod, ULONG repeat)
{
    unsigned char *bytes = NULL;
    size_t len = 0, i;
    ULONGLONG start;
    enum outcome o;

    for (i = 0; i < plan.method_count; i++)
    {
        char full[160];
        snprintf(full, sizeof(full), "%s::%s", plan.methods[i].fi->name, plan.methods[i].name);
        if (!strcmp(full, name)) break;
    }
    if (i == plan.method_count || (strcmp(dir, "request") && strcmp(dir, "reply")))
    {
        printf("# no method %s, or %s is not request or reply\n", name, dir);
        return 2;
    }
    if (hex)
    {
        bytes = malloc(strlen(hex) / 2 + 1);
        for (len = 0; hex[2 * len] && hex[2 * len + 1]; len++)
        {
            unsigned int v;
            if (sscanf(hex + 2 * len, "%2x", &v) != 1) { printf("# bad hex at %lu\n", (unsigned long)len); return 2; }
            bytes[len] = v;
        }
    }
    state_open(NULL, 0, 0, 0, &start, 0);
    warm_up();
    o = run_given(&plan.methods[i], strcmp(dir, "request") ? DIR_REPLY : DIR_REQUEST, !hex, bytes, len, imethod, TRUE);
    printf("# %s %s: %s\n", name, dir, outcome_name(o));
    if (repeat > 1)
    {
        /* the same again, quietly: what it costs the process's memory */
        SIZE_T before = monitor_private_bytes(), heap_before = monitor_heap_busy_bytes(), after, heap_after;
        ULONG k;
        for (k = 1; k < repeat; k++)
            run_given(&plan.methods[i], strcmp(dir, "request") ? DIR_REPLY : DIR_REQUEST, !hex, bytes, len, imethod, FALSE);
        after = monitor_private_bytes();
        heap_after = monitor_heap_busy_bytes();
        printf("# %lu more times: private bytes %llu -> %llu (%+lld bytes a time); heap blocks in use %llu -> %llu "
               "(%+lld bytes a time)\n", repeat - 1, (ULONGLONG)before, (ULONGLONG)after,
               ((LONGLONG)after - (LONGLONG)before) / (LONGLONG)(repeat - 1), (ULONGLONG)heap_before,
               (ULONGLONG)heap_after, ((LONGLONG)heap_after - (LONGLONG)heap_before) / (LONGLONG)(repeat - 1));
    }
    free(bytes);
    return o >= FIRST_DEFECT ? 1 : 0;
}

int main(int argc, char **argv)
{
    ULONGLONG seed = 1, requests = 20000, replies = 4000, single = ~0ull, start, index, end, done = 0;
    const char *state_path = NULL;
    DWORD hang_ms = 5000, last_exit = 0, started;
    BOOL tap = FALSE, replies_set = FALSE, given = FALSE, show_bytes = FALSE;
    const char *given_method = NULL, *given_dir = NULL, *given_hex = NULL;
    ULONG given_imethod = ~0u, repeat = 1;
    WCHAR module[MAX_PATH];
    unsigned int golden_rejected, golden_defective;
    int i;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (!monitor_heap_checking(&started)) return started;
    /* before anything allocates: every CoTaskMem block goes through the spy */
    if (FAILED(spy_register())) { printf("# CoRegisterMallocSpy failed\n"); return 2; }
    /* BSTRs straight from and back to CoTaskMem, not through oleaut32's
     * cache: exact counts, and a freed BSTR is not handed out again */
    {
        void (WINAPI *no_cache)(void) = (void *)GetProcAddress(LoadLibraryA("oleaut32.dll"), "SetOaNoCache");
        if (no_cache) no_cache();
    }
    if (argc < 3) { printf("usage: fuzz <bits-interfaces.tsv> <vectors dir> [options]\n"); return 2; }
    for (i = 3; i < argc; i++)
    {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--tap")) { tap = TRUE; continue; }
        if (!strcmp(a, "--show-bytes")) { show_bytes = TRUE; continue; }
        if (!strcmp(a, "--no-objref-guard")) { objrefs_unguarded = TRUE; continue; }
        if (!strcmp(a, "--runtime")) { runtime_only = TRUE; continue; }
        if ((!strcmp(a, "--golden") || !strcmp(a, "--bytes")) && i + 2 < argc)
        {
            given_method = argv[i + 1];
            given_dir = argv[i + 2];
            given_hex = !strcmp(a, "--bytes") && i + 3 < argc ? argv[i + 3] : NULL;
            i += given_hex ? 3 : 2;
            given = TRUE;
            continue;
        }
        if (!v) { printf("# %s needs a value\n", a); return 2; }
        i++;
        if (!strcmp(a, "--seed")) seed = strtoull(v, NULL, 0);
        else if (!strcmp(a, "--cases")) { requests = strtoull(v, NULL, 0); if (!replies_set) replies = requests / 5; }
        else if (!strcmp(a, "--requests")) requests = strtoull(v, NULL, 0);
        else if (!strcmp(a, "--replies")) { replies = strtoull(v, NULL, 0); replies_set = TRUE; }
        else if (!strcmp(a, "--case")) single = strtoull(v, NULL, 0);
        else if (!strcmp(a, "--state")) state_path = v;
        else if (!strcmp(a, "--after-exit")) last_exit = strtoul(v, NULL, 0);
        else if (!strcmp(a, "--hang-ms")) hang_ms = strtoul(v, NULL, 0);
        else if (!strcmp(a, "--imethod")) given_imethod = strtoul(v, NULL, 0);
        else if (!strcmp(a, "--repeat")) repeat = strtoul(v, NULL, 0);
        else { printf("# unknown option %s\n", a); return 2; }
    }

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (runtime_only) printf("# --runtime: rpcrt4's own factory over the DLL's tables, without its message checker\n");
    if (!make_plan(argv[1], argv[2]))
    {
        printf("# cannot make the plan: %u interfaces, %u methods\n", plan.iface_count, plan.method_count);
        return 2;
    }
    module_path_of(plan.ifaces[0].factory, module, MAX_PATH);
    printf("# fuzzing the proxies and stubs of %ls: %u interfaces, %u methods; seed %llu\n", module,
           plan.iface_count, plan.method_count, seed);
    printf("# buffers start 8-aligned and end at most 7 bytes before a no-access page (exactly at it for a "
           "length that is a multiple of 8)\n");
    case_setup(seed);
    monitor_start(hang_ms);

    if (given) return run_given_case(given_method, given_dir, given_hex, given_imethod, repeat);
    if (single != ~0ull)
    {
        enum outcome o;
        state_open(NULL, seed, 0, 0, &start, 0);
        warm_up();
        o = run_case(single, TRUE);
        printf("# case %llu: %s\n", single, outcome_name(o));
        return o >= FIRST_DEFECT ? 1 : 0;
    }

    if (!state_open(state_path, seed, requests, replies, &start, last_exit))
    {
        printf("# cannot open the state file %s\n", state_path);
        return 2;
    }
    /* the baseline, which also settles COM's caches before counting leaks;
     * a resumed run only settles the caches */
    if (!start)
    {
        run_golden(&golden_rejected, &golden_defective);
        if (golden_rejected)
        {
            printf("# %u golden requests or replies are refused: nothing to measure against\n", golden_rejected);
            return 2;
        }
        state_note_golden(golden_defective);
        printf("# golden: %u requests and replies, %u with defects\n", 2 * plan.method_count, golden_defective);
    }
    else warm_up();

    end = 2 * (requests > replies ? requests : replies);
    started = GetTickCount();
    for (index = start; index < end; index++)
    {
        enum outcome o;
        if (case_direction(index) == DIR_REQUEST ? index / 2 >= requests : index / 2 >= replies) continue;
        o = run_case(index, FALSE);
        state_case_end(index, o);
        if (++done % 1000 == 0) state_note_memory(monitor_private_bytes(), monitor_heap_busy_bytes(), index);
        if (done % 20000 == 0)
            printf("# %llu cases in %lu s (case %llu); private bytes %llu, heap bytes in use %llu\n", done,
                   (GetTickCount() - started) / 1000, index, (ULONGLONG)monitor_private_bytes(),
                   (ULONGLONG)monitor_heap_busy_bytes());
    }
    printf("# %llu cases in %.1f s\n", done, (GetTickCount() - started) / 1000.0);
    return state_report(tap, show_bytes) ? 1 : 0;
}
