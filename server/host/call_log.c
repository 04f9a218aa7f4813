/* The call log's channel hook, both halves (see call_log.h). */
#include <string.h>
#include "call_log.h"
#include "server.h"
#include <psapi.h>
#include <tlhelp32.h>

#define CALL_LOG_MAGIC 0x474f4c43   /* "CLOG" */

/* The ORPC extension the tags and acks travel in. */
static const GUID call_log_extension =
    {0x6b1e0f52, 0x2c4d, 0x4f7a, {0x9e, 0x31, 0x58, 0x0d, 0xc4, 0x77, 0x1a, 0x3b}};
static const IID iid_remunknown = {0x00000131, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const IID iid_remunknown2 = {0x00000143, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};

static DWORD client_slot = TLS_OUT_OF_INDEXES;   /* struct call_log_client * */
static DWORD server_slot = FLS_OUT_OF_INDEXES;   /* struct pending * */

/* What the serving process has seen. */
static SRWLOCK table_lock = SRWLOCK_INIT;
static struct
{
    DWORD last_seq[CALL_LOG_ROWS];
    DWORD row_served[CALL_LOG_ROWS];
    DWORD served[CALL_LOG_ROWS][CALL_LOG_LABELS];
    DWORD duplicates[CALL_LOG_ROWS];
    DWORD gaps[CALL_LOG_ROWS];
} table;

/* The ack a serving thread owes the call it is running. call identifies
 * that call: COM hands the hook the same riid pointer (its call
 * information) from the request to the reply. */
struct pending
{
    const IID *call;
    struct call_log_ack ack;
};

static void WINAPI free_pending(void *pending)
{
    HeapFree(GetProcessHeap(), 0, pending);
}

static struct pending *thread_pending(BOOL create)
{
    struct pending *pending = FlsGetValue(server_slot);

    if (!pending && create && (pending = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*pending))))
        FlsSetValue(server_slot, pending);
    return pending;
}

static struct call_log_client *thread_client(void)
{
    return client_slot == TLS_OUT_OF_INDEXES ? NULL : TlsGetValue(client_slot);
}

/* Windows documents PrivateUsage and PagefileUsage as the same number
 * (the commit charge); Wine 8 fills only PagefileUsage. */
ULONG64 call_log_private_bytes(ULONG64 *peak_working_set)
{
    PROCESS_MEMORY_COUNTERS_EX memory = { .cb = sizeof(memory) };

    if (!GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&memory, sizeof(memory))) return 0;
    if (peak_working_set) *peak_working_set = memory.PeakWorkingSetSize;
    return memory.PrivateUsage ? memory.PrivateUsage : memory.PagefileUsage;
}

DWORD call_log_thread_count(void)
{
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 entry = { .dwSize = sizeof(entry) };
    DWORD count = 0;

    if (snapshot == INVALID_HANDLE_VALUE) return 0;
    if (Thread32First(snapshot, &entry))
        do if (entry.th32OwnerProcessID == GetCurrentProcessId()) count++; while (Thread32Next(snapshot, &entry));
    CloseHandle(snapshot);
    return count;
}

static void fill_report(struct call_log_report *report)
{
    report->pid = GetCurrentProcessId();
    report->live_objects = server_live_objects();
    report->private_bytes = call_log_private_bytes(&report->peak_working_set);
    alloc_log_read(&report->cotask, TRUE);
    report->heap_valid = HeapValidate(GetProcessHeap(), 0, NULL);
    report->threads = call_log_thread_count();
    report->faults = fault_log_count();
    fault_log_first(report->first_faults);
    AcquireSRWLockShared(&table_lock);
    memcpy(report->served, table.served, sizeof(report->served));
    memcpy(report->duplicates, table.duplicates, sizeof(report->duplicates));
    memcpy(report->gaps, table.gaps, sizeof(report->gaps));
    ReleaseSRWLockShared(&table_lock);
}

static HRESULT WINAPI hook_QueryInterface(IChannelHook *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IChannelHook))
    {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

/* One static object per process. */
static ULONG WINAPI hook_AddRef(IChannelHook *iface) { return 2; }
static ULONG WINAPI hook_Release(IChannelHook *iface) { return 1; }

static void WINAPI hook_ClientGetSize(IChannelHook *iface, REFGUID extension, REFIID riid, ULONG *size)
{
    struct call_log_client *client = thread_client();

    *size = 0;
    if (!client || !client->armed) return;
    if (IsEqualIID(riid, &iid_remunknown) || IsEqualIID(riid, &iid_remunknown2)) return;
    *size = sizeof(struct call_log_tag);
}

/* Writes exactly what ClientGetSize asked room for, just before, on this thread. */
static void WINAPI hook_ClientFillBuffer(IChannelHook *iface, REFGUID extension, REFIID riid, ULONG *size, void *buffer)
{
    struct call_log_client *client = thread_client();
    struct call_log_tag *tag = buffer;

    if (!client || !client->armed || *size < sizeof(*tag))
    {
        *size = 0;
        return;
    }
    tag->magic = CALL_LOG_MAGIC;
    tag->row = client->row;
    tag->label = client->label;
    tag->seq = ++client->seq;
    tag->flags = client->flags;
    *size = sizeof(*tag);
    if (client->iid && !IsEqualIID(riid, client->iid)) client->wrong_iid++;
    client->sent[client->label]++;
    client->sent_since_arm++;
    client->armed = FALSE;
    client->acked = FALSE;
}

static void WINAPI hook_ClientNotify(IChannelHook *iface, REFGUID extension, REFIID riid, ULONG size, void *buffer,
                                     DWORD data_rep, HRESULT fault)
{
    struct call_log_client *client = thread_client();
    const struct call_log_ack *ack = buffer;

    /* Only the reply to the call this thread tagged last, and only once. */
    if (!client || !client->sent_since_arm || client->acked || !ack || size < sizeof(*ack) ||
        ack->magic != CALL_LOG_MAGIC || ack->seq != client->seq)
        return;
    client->acked = TRUE;
    if (ack->served == ack->seq) client->acks++;
    else client->bad_acks++;
    if ((ack->flags & CALL_LOG_REPORT) && client->report && size >= sizeof(struct call_log_report))
        memcpy(client->report, buffer, sizeof(struct call_log_report));
}

static void WINAPI hook_ServerNotify(IChannelHook *iface, REFGUID extension, REFIID riid, ULONG size, void *buffer,
                                     DWORD data_rep)
{
    const struct call_log_tag *tag = buffer;
    struct pending *pending;
    DWORD served;

    if (!tag || size < sizeof(*tag) || tag->magic != CALL_LOG_MAGIC || tag->row >= CALL_LOG_ROWS ||
        tag->label >= CALL_LOG_LABELS)
        return;
    AcquireSRWLockExclusive(&table_lock);
    if (tag->seq <= table.last_seq[tag->row]) table.duplicates[tag->row]++;
    else
    {
        table.gaps[tag->row] += tag->seq - table.last_seq[tag->row] - 1;
        table.last_seq[tag->row] = tag->seq;
    }
    table.served[tag->row][tag->label]++;
    served = ++table.row_served[tag->row];
    ReleaseSRWLockExclusive(&table_lock);

    if (!(pending = thread_pending(TRUE))) return;
    pending->call = riid;
    pending->ack.magic = CALL_LOG_MAGIC;
    pending->ack.seq = tag->seq;
    pending->ack.served = served;
    pending->ack.flags = tag->flags;
}

static ULONG reply_size(const struct pending *pending)
{
    return (pending->ack.flags & CALL_LOG_REPORT) ? sizeof(struct call_log_report) : sizeof(struct call_log_ack);
}

static void WINAPI hook_ServerGetSize(IChannelHook *iface, REFGUID extension, REFIID riid, HRESULT fault, ULONG *size)
{
    struct pending *pending = thread_pending(FALSE);

    *size = (pending && pending->call == riid) ? reply_size(pending) : 0;
}

static void WINAPI hook_ServerFillBuffer(IChannelHook *iface, REFGUID extension, REFIID riid, ULONG *size, void *buffer,
                                         HRESULT fault)
{
    struct pending *pending = thread_pending(FALSE);

    if (!pending || pending->call != riid || *size < reply_size(pending))
    {
        *size = 0;
        return;
    }
    *size = reply_size(pending);
    memset(buffer, 0, *size);
    if (pending->ack.flags & CALL_LOG_REPORT) fill_report(buffer);
    memcpy(buffer, &pending->ack, sizeof(pending->ack));
    if (pending->ack.flags & CALL_LOG_RESET)
    {
        AcquireSRWLockExclusive(&table_lock);
        memset(&table, 0, sizeof(table));
        ReleaseSRWLockExclusive(&table_lock);
    }
    pending->call = NULL;
}

static const IChannelHookVtbl hook_vtbl =
{
    hook_QueryInterface, hook_AddRef, hook_Release,
    hook_ClientGetSize, hook_ClientFillBuffer, hook_ClientNotify,
    hook_ServerNotify, hook_ServerGetSize, hook_ServerFillBuffer,
};
static IChannelHook hook = { &hook_vtbl };

HRESULT call_log_register(void)
{
    static LONG registered;
    HRESULT hr;

    if (InterlockedExchange(&registered, 1)) return S_FALSE;
    fault_log_start();
    if (FAILED(hr = alloc_log_start())) return hr;
    client_slot = TlsAlloc();
    server_slot = FlsAlloc(free_pending);
    if (client_slot == TLS_OUT_OF_INDEXES || server_slot == FLS_OUT_OF_INDEXES) return E_OUTOFMEMORY;
    hr = CoRegisterChannelHook(&call_log_extension, &hook);
    return hr;
}

void call_log_attach(struct call_log_client *client)
{
    if (client_slot != TLS_OUT_OF_INDEXES) TlsSetValue(client_slot, client);
}

void call_log_arm(unsigned int label, const IID *iid, DWORD flags)
{
    struct call_log_client *client = thread_client();

    if (!client) return;
    client->armed = TRUE;
    client->label = label;
    client->iid = iid;
    client->flags = flags;
    client->sent_since_arm = 0;
}

BOOL call_log_sent(void)
{
    struct call_log_client *client = thread_client();
    BOOL one;

    if (!client) return FALSE;
    one = client->sent_since_arm == 1;
    client->armed = FALSE;
    return one;
}
