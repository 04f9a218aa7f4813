/*
 * The objects' process of the cross-process setting: makes the model's
 * objects in its STA with the same DLL variant as the client, prints their
 * marshaled form (MSHCTX_LOCAL) and "ready", then serves calls until its
 * standard input ends.
 */
#include "bench.h"

static DWORD WINAPI watch_stdin(void *quit)
{
    char buffer[64];
    DWORD got;
    while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), buffer, sizeof(buffer), &got, NULL) && got) {}
    SetEvent(quit);
    return 0;
}

int host_main(const struct child_opts *opts)
{
    struct variant_state state;
    struct objects *objects = NULL;
    struct handoff handoff = {0};
    HANDLE quit = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD cookie = 0;
    HRESULT hr;

    OutputDebugStringA("bench-host");   /* lets trace_requests.py tell the host's threads */
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    hr = variant_load(opts->dll, &state);
    if (SUCCEEDED(hr)) hr = variant_register_in_apartment(&state, &cookie);
    if (SUCCEEDED(hr)) hr = objects_create(opts->file_count, &objects);
    if (SUCCEEDED(hr)) objects_marshal(objects, MSHCTX_LOCAL, state.covers, &handoff);
    handoff_write(stdout, &handoff);
    printf("ready %08lx\n", (unsigned long)hr);
    fflush(stdout);
    CloseHandle(CreateThread(NULL, 0, watch_stdin, quit, 0, NULL));
    if (SUCCEEDED(hr)) serve_until(quit);
    handoff_free(&handoff);
    objects_release(objects);
    variant_revoke(cookie);
    variant_unload(&state);
    CoUninitialize();
    return SUCCEEDED(hr) ? 0 : 1;
}
