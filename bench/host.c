/*
 * The objects' process of the cross-process setting: makes the model's
 * objects in an STA thread with the same DLL variant as the client, prints
 * their marshaled form (MSHCTX_LOCAL) and "ready", then serves calls until
 * its standard input ends.
 */
#include "bench.h"
#include "piped_child.h"

int host_main(const struct child_opts *opts)
{
    struct handoff handoff = {0};
    struct objects_apartment apartment = { .load_dll = opts->dll, .file_count = opts->file_count,
                                           .mshctx = MSHCTX_LOCAL, .handoff = &handoff };
    HRESULT hr;

    hr = objects_apartment_start(&apartment);
    handoff_write(stdout, &handoff);
    printf("ready %08lx\n", (unsigned long)hr);
    fflush(stdout);
    piped_child_wait_for_parent();
    objects_apartment_stop(&apartment);
    handoff_free(&handoff);
    return SUCCEEDED(hr) ? 0 : 1;
}
