/*
 * The wire contract: for every method of the 34 synchronous BITS
 * interfaces, with the fixed arguments of wire_cases_*.c,
 *   - the proxy's request equals the golden request of vectors/<I>.wire,
 *   - a stub fed the golden request delivers the fixed arguments,
 *   - the stub's reply equals the golden reply,
 *   - a proxy fed the golden reply returns the fixed [out] values.
 * Proxy and stub come from the registered PSFactoryBuffer and talk to a
 * recording channel; there is no RPC. argv[1]: the interface table (TSV),
 * argv[2]: the directory of the vector files (Unix paths).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rpcproxy.h>
#include "tap.h"
#include "testutil.h"
#include "com_helpers.h"
#include "recording_channel.h"
#include "recording_server.h"
#include "wire_vector.h"
#include "wire_objref.h"
#include "wire_cases.h"

static enum ndr_dialect dialect;
static struct recording_server peers[CASE_PEERS];
static unsigned int methods_total, requests_matching, replies_matching;
static char request_mismatches[4096], reply_mismatches[4096];

struct serving
{
    const struct wire_case *c;
    struct case_ctx *ctx;
};

static HRESULT serve_handler(struct recording_server *server, unsigned int slot, const UINT_PTR *args)
{
    struct serving *s = server->context;
    if (slot != s->c->slot) return E_UNEXPECTED;
    s->c->serve(args, s->ctx);
    return s->c->hr;
}

static void reset_ctx(struct case_ctx *ctx)
{
    unsigned int i;
    memset(ctx, 0, sizeof(*ctx));
    for (i = 0; i < CASE_PEERS; i++) ctx->peer[i] = &peers[i].IUnknown_iface;
}

/* The index-th interface pointer of a message is peer[index]. */
static struct objref_peers objref_peers(struct case_ctx *ctx)
{
    struct objref_peers p = { ctx->peer, CASE_PEERS };
    return p;
}

static void note(char *list, size_t size, const char *name)
{
    size_t n = strlen(list);
    snprintf(list + n, size - n, " %s", name);
}

/* Proxy side: the request the proxy sends, and what it makes of the golden reply. */
static void check_proxy_side(const char *name, const struct wire_method *vm, const struct wire_case *c,
                             IUnknown *proxy, struct recording_channel *channel, BOOL *sent, BOOL *returned)
{
    struct wire_bytes golden, found;
    struct objref_peers peers;
    struct case_ctx ctx;
    char report[512] = "";
    HRESULT hr;

    reset_ctx(&ctx);
    peers = objref_peers(&ctx);
    *sent = *returned = FALSE;
    if (!wire_build(&vm->reply, dialect, marshal_peer_objref, &peers, &golden, report, sizeof(report)))
    {
        ok(0, "%s: cannot assemble the golden reply: %s", name, report);
        free(golden.data);
        return;
    }
    recording_channel_reset(channel);
    channel->reply = golden.data;
    channel->reply_len = golden.len;
    hr = c->call(proxy, &ctx);

    if (channel->sends != 1 || (channel->request_method & ~RPC_FLAGS_VALID_BIT) != c->slot)
        snprintf(report, sizeof(report), "%u requests, method %lu", channel->sends, channel->request_method);
    else if (channel->request_overrun)
        snprintf(report, sizeof(report), "the proxy wrote %lu bytes into the %lu its sizing pass asked for",
                 channel->request_len, channel->request_asked);
    else
    {
        *sent = wire_compare(&vm->request, dialect, channel->request, channel->request_len, &found,
                             report, sizeof(report));
        release_objrefs(channel->request, &found);
    }
    ok(*sent, "%s request: the proxy sends the golden bytes (%lu)%s%s", name, channel->request_len,
       *sent ? "" : ": ", report);
    *returned = hr == c->hr && !ctx.failed;
    ok(*returned, "%s reply: fed the golden reply, the proxy returns the fixed values and %#lx (got %#lx)%s%s",
       name, c->hr, hr, ctx.failed ? ": " : "", ctx.failure);
    recording_channel_reset(channel);
    free(golden.data);
}

/* Stub side: what the golden request delivers, and the reply the stub makes. */
static void check_stub_side(const char *name, const struct wire_method *vm, const struct wire_case *c,
                            IRpcStubBuffer *stub, struct recording_server *server,
                            struct recording_channel *channel, BOOL *delivered, BOOL *replied)
{
    struct wire_bytes golden, found;
    struct objref_peers peers;
    struct serving serving;
    struct case_ctx ctx;
    char report[512] = "";
    HRESULT hr;

    reset_ctx(&ctx);
    peers = objref_peers(&ctx);
    *delivered = *replied = FALSE;
    if (!wire_build(&vm->request, dialect, marshal_peer_objref, &peers, &golden, report, sizeof(report)))
    {
        ok(0, "%s: cannot assemble the golden request: %s", name, report);
        free(golden.data);
        return;
    }
    serving.c = c;
    serving.ctx = &ctx;
    server->handler = serve_handler;
    server->context = &serving;
    server->calls = 0;
    server->last_slot = 0;
    recording_channel_reset(channel);
    hr = recording_stub_invoke(stub, channel, c->slot, golden.data, golden.len);
    server->handler = NULL;

    *delivered = hr == S_OK && server->calls == 1 && server->last_slot == c->slot && !ctx.failed;
    ok(*delivered, "%s request: fed the golden request, the stub delivers the fixed arguments "
       "(Invoke %#lx, %u calls, slot %u)%s%s", name, hr, server->calls, server->last_slot,
       ctx.failed ? ": " : "", ctx.failure);
    if (hr == S_OK && channel->stub_reply && channel->stub_reply_overrun)
        snprintf(report, sizeof(report), "the stub wrote %lu bytes into the %lu its sizing pass asked for",
                 channel->stub_reply_len, channel->stub_reply_asked);
    else if (hr == S_OK && channel->stub_reply)
    {
        *replied = wire_compare(&vm->reply, dialect, channel->stub_reply, channel->stub_reply_len, &found,
                                report, sizeof(report));
        release_objrefs(channel->stub_reply, &found);
    }
    else snprintf(report, sizeof(report), "no reply");
    ok(*replied, "%s reply: the stub sends the golden bytes (%lu)%s%s", name, channel->stub_reply_len,
       *replied ? "" : ": ", report);
    recording_channel_reset(channel);
    free(golden.data);
}

/* "SetProp[local; wire: ...]" -> "SetProp" */
static const char *method_name(const char *entry, char *buf, size_t size)
{
    size_t n = strcspn(entry, "[,");
    snprintf(buf, size, "%.*s", (int)n, entry);
    return buf;
}

static void check_interface(const struct table_row *row, const char *vectors_dir)
{
    char path[MAX_PATH], error[512], methods[1024], name[160], method[64];
    struct recording_channel channel;
    struct counted_unknown outer;
    struct recording_server server;
    struct wire_file file;
    IRpcProxyBuffer *proxy_buffer = NULL;
    IRpcStubBuffer *stub = NULL;
    IPSFactoryBuffer *factory;
    IUnknown *proxy = NULL;
    unsigned int count = 0, index = 0, i;
    char *entry, *save;
    BOOL loaded;
    CLSID clsid;
    HRESULT hr;

    snprintf(path, sizeof(path), "%s/%s.wire", vectors_dir, row->name);
    error[0] = 0;
    loaded = wire_file_load(path, &file, error, sizeof(error));
    ok(loaded, "%s: vector file loads%s%s", row->name, loaded ? "" : ": ", error);
    if (loaded)
        ok(!strcmp(file.iface, row->name), "%s: the vector file names interface %s", row->name, file.iface);

    recording_channel_init(&channel);
    counted_unknown_init(&outer);
    recording_server_init(&server);
    hr = recording_proxy_create(&row->iid, &outer.IUnknown_iface, &channel, &proxy_buffer, &proxy);
    ok(hr == S_OK, "%s: proxy connected to the recording channel (%#lx)", row->name, hr);
    if (SUCCEEDED(hr = get_ps_factory(&row->iid, &factory, &clsid)))
    {
        hr = IPSFactoryBuffer_CreateStub(factory, &row->iid, &server.IUnknown_iface, &stub);
        IPSFactoryBuffer_Release(factory);
    }
    ok(hr == S_OK, "%s: stub connected to the recording server (%#lx)", row->name, hr);

    snprintf(methods, sizeof(methods), "%s", row->methods);
    for (entry = strtok_r(methods, ",", &save); entry; entry = strtok_r(NULL, ",", &save)) count++;
    snprintf(methods, sizeof(methods), "%s", row->methods);
    for (entry = strtok_r(methods, ",", &save); entry; entry = strtok_r(NULL, ",", &save), index++)
    {
        const struct wire_method *vm;
        const struct wire_case *c;
        unsigned int slot = row->slots - count + index;
        BOOL sent = FALSE, delivered = FALSE, replied = FALSE, returned = FALSE;

        method_name(entry, method, sizeof(method));
        snprintf(name, sizeof(name), "%s::%s", row->name, method);
        methods_total++;
        vm = loaded ? wire_file_method(&file, method) : NULL;
        c = wire_case_find(row->name, method);
        ok(vm != NULL, "%s: has a vector", name);
        ok(c != NULL && c->slot == slot, "%s: has a case for vtable slot %u (%d)", name, slot, c ? (int)c->slot : -1);
        if (vm && c && c->slot == slot && proxy && stub)
        {
            check_proxy_side(name, vm, c, proxy, &channel, &sent, &returned);
            check_stub_side(name, vm, c, stub, &server, &channel, &delivered, &replied);
        }
        if (sent && delivered) requests_matching++;
        else note(request_mismatches, sizeof(request_mismatches), name);
        if (replied && returned) replies_matching++;
        else note(reply_mismatches, sizeof(reply_mismatches), name);
    }
    /* Every vector in the file is a method of the interface. */
    for (i = 0; loaded && i < file.count; i++)
    {
        BOOL listed = FALSE;
        snprintf(methods, sizeof(methods), "%s", row->methods);
        for (entry = strtok_r(methods, ",", &save); entry; entry = strtok_r(NULL, ",", &save))
            if (!strcmp(method_name(entry, method, sizeof(method)), file.methods[i].name)) listed = TRUE;
        ok(listed, "%s: vector %s (line %d) is a method of the interface", row->name, file.methods[i].name,
           file.methods[i].line);
    }

    if (stub)
    {
        IRpcStubBuffer_Disconnect(stub);
        IRpcStubBuffer_Release(stub);
    }
    if (proxy)
    {
        IUnknown_Release(proxy);
        IRpcProxyBuffer_Disconnect(proxy_buffer);
        IRpcProxyBuffer_Release(proxy_buffer);
    }
    recording_channel_reset(&channel);
    ok(server.ref == 1 && outer.ref == 1, "%s: server and outer object released (%ld, %ld)", row->name,
       server.ref, outer.ref);
    wire_file_free(&file);
}

int main(int argc, char **argv)
{
    static struct table_row rows[64];
    unsigned int n, i, synchronous = 0;

    tap_start();
    if (argc < 3) { printf("usage: wire_contract <bits-interfaces.tsv> <vectors dir>\n"); return 2; }
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    dialect = runtime_dialect();
    printf("# runtime dialect: %s\n", dialect_name(dialect));
    for (i = 0; i < CASE_PEERS; i++) recording_server_init(&peers[i]);

    n = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(n == 35, "the table lists %u interfaces", n);
    for (i = 0; i < n; i++)
    {
        if (!strcmp(rows[i].name, "AsyncIBackgroundCopyCallback")) continue;   /* async_callback.c */
        synchronous++;
        check_interface(&rows[i], argv[2]);
    }
    for (i = 0; i < CASE_PEERS; i++)
        ok(peers[i].ref == 1, "peer object %u released to 1 (is %ld)", i, peers[i].ref);

    printf("# wire vectors: %u/%u methods match (requests)\n", requests_matching, methods_total);
    printf("# wire vectors: %u/%u methods match (replies)\n", replies_matching, methods_total);
    if (request_mismatches[0]) printf("# requests not matching:%s\n", request_mismatches);
    if (reply_mismatches[0]) printf("# replies not matching:%s\n", reply_mismatches);
    ok(synchronous == 34 && methods_total == 182, "%u synchronous interfaces, %u methods", synchronous, methods_total);
    ok(requests_matching == methods_total, "wire vectors: %u/%u methods match (requests)",
       requests_matching, methods_total);
    ok(replies_matching == methods_total, "wire vectors: %u/%u methods match (replies)",
       replies_matching, methods_total);
    CoUninitialize();
    return tap_done();
}
