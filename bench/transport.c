/*
 * Where the objects live: an STA thread of this process (cross-apartment)
 * or an STA thread of a host process, this program run as --host
 * (cross-process); both are server/sta_host.h's.
 * Either way the client gets the same handoff of marshaled objects.
 */
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include "bench.h"
#include "piped_child.h"

struct objects_side
{
    /* cross-apartment */
    struct objects_apartment apartment;
    /* cross-process */
    const struct child_opts *opts;
    struct handoff *handoff;
    PROCESS_INFORMATION host;
    HANDLE host_stdin;
};

/* On the objects' thread (server/sta_host.h): the variant loaded if asked,
 * its factory registered in that apartment, the objects made and marshaled. */
static HRESULT setup_apartment(struct sta_host *sta, void *context)
{
    struct objects_apartment *a = context;
    HRESULT hr = S_OK;

    if (a->load_dll && SUCCEEDED(hr = variant_load(a->load_dll, &a->loaded))) a->state = &a->loaded;
    if (SUCCEEDED(hr)) hr = variant_register_in_apartment(a->state, &a->cookie);
    if (SUCCEEDED(hr)) hr = objects_create(a->file_count, &a->objects);
    if (SUCCEEDED(hr)) objects_marshal(a->objects, a->mshctx, a->state->covers, a->handoff);
    return hr;
}

static void teardown_apartment(void *context)
{
    struct objects_apartment *a = context;
    objects_release(a->objects);
    variant_revoke(a->cookie);
    if (a->load_dll) variant_unload(&a->loaded);
}

HRESULT objects_apartment_start(struct objects_apartment *a)
{
    struct sta_host_desc desc = { COINIT_APARTMENTTHREADED, setup_apartment, teardown_apartment, a };
    return sta_host_start(&desc, &a->sta);
}

void objects_apartment_stop(struct objects_apartment *a)
{
    sta_host_stop(a->sta);
    a->sta = NULL;
}

static HRESULT start_host(struct objects_side *side)
{
    WCHAR args[3 * MAX_PATH], command[3 * MAX_PATH + 8];
    char line[8192];
    HANDLE out_read;
    FILE *from_host;
    BOOL ready = FALSE;
    unsigned long hr_seen = 0;

    child_opts_format(side->opts, args, ARRAYSIZE(args));
    swprintf(command, ARRAYSIZE(command), L"--host %ls", args);
    if (!piped_child_start(command, &side->host, &out_read, &side->host_stdin))
        return HRESULT_FROM_WIN32(GetLastError());
    /* The host prints its objrefs, then "ready <hr>". */
    from_host = _fdopen(_open_osfhandle((intptr_t)out_read, 0), "r");
    while (from_host && fgets(line, sizeof(line), from_host))
    {
        if (handoff_read_line(line, side->handoff)) continue;
        if (sscanf(line, "ready %lx", &hr_seen) == 1) { ready = TRUE; break; }
    }
    if (from_host) fclose(from_host);
    return ready ? (HRESULT)hr_seen : E_FAIL;
}

HRESULT objects_side_start(const struct child_opts *opts, const struct variant_state *state,
                           struct handoff *handoff, struct objects_side **out)
{
    struct objects_side *side = calloc(1, sizeof(*side));
    side->opts = opts;
    side->handoff = handoff;
    side->apartment.state = state;
    side->apartment.file_count = opts->file_count;
    side->apartment.mshctx = MSHCTX_INPROC;
    side->apartment.handoff = handoff;
    *out = side;
    return opts->setting == SETTING_PROCESS ? start_host(side) : objects_apartment_start(&side->apartment);
}

void objects_side_stop(struct objects_side *side)
{
    objects_apartment_stop(&side->apartment);
    if (side->host.hProcess)
    {
        CloseHandle(side->host_stdin);             /* end of input: the host quits */
        WaitForSingleObject(side->host.hProcess, 30000);
        CloseHandle(side->host.hProcess);
        CloseHandle(side->host.hThread);
    }
    free(side);
}
