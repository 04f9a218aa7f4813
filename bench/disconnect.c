/*
 * bench.exe --disconnect-check <dll>: calls through proxies of one DLL
 * variant after the objects' apartment has gone. Each call must come back
 * with an error HRESULT: the RPC error is raised as an exception inside the
 * proxy, and the proxy must catch it (rpcrt4 does for -Oif tables; widl's
 * inline code does with the handlers of proxy/seh/wine/exception.h, on
 * x86_64 through the stub's own unwind data). A proxy that does not catch
 * it ends this process instead.
 */
#include "bench.h"

int disconnect_check(const WCHAR *dll)
{
    struct child_opts opts = { .setting = SETTING_APARTMENT, .file_count = 4 };
    struct variant_state state;
    struct objects_side *side;
    struct handoff handoff = {0};
    IEnumBackgroundCopyFiles *files = NULL, *clone = NULL;
    IBackgroundCopyFile *file = NULL;
    ULONG count = 0, fetched = 0;
    DWORD cookie;
    HRESULT hr;
    int failures = 0;

    wcsncpy(opts.dll, dll, MAX_PATH - 1);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (FAILED(hr = variant_load(opts.dll, &state)) || FAILED(hr = variant_register_in_apartment(&state, &cookie)) ||
        FAILED(hr = objects_side_start(&opts, &state, &handoff, &side)) ||
        FAILED(hr = handoff_unmarshal(&handoff, IFACE_ENUM_FILES, (void **)&files)))
    {
        printf("setup failed: %08lx\n", (unsigned long)hr);
        return 1;
    }
    hr = IEnumBackgroundCopyFiles_GetCount(files, &count);
    printf("connected: GetCount hr %08lx, count %lu\n", (unsigned long)hr, count);
    objects_side_stop(side);                 /* the STA uninitializes: its stubs disconnect */

#define EXPECT_ERROR(call) do { hr = (call); printf("after disconnect: %-24s hr %08lx %s\n", #call, \
        (unsigned long)hr, FAILED(hr) ? "(error returned: ok)" : "(UNEXPECTED SUCCESS)"); failures += !FAILED(hr); } while (0)
    EXPECT_ERROR(IEnumBackgroundCopyFiles_Reset(files));
    EXPECT_ERROR(IEnumBackgroundCopyFiles_GetCount(files, &count));
    EXPECT_ERROR(IEnumBackgroundCopyFiles_Clone(files, &clone));
    EXPECT_ERROR(IEnumBackgroundCopyFiles_Next(files, 1, &file, &fetched));
#undef EXPECT_ERROR
    IEnumBackgroundCopyFiles_Release(files);
    handoff_free(&handoff);
    variant_revoke(cookie);
    CoUninitialize();
    printf("disconnect check: %s\n", failures ? "FAILED" : "every call returned an error, none crashed");
    return failures ? 1 : 0;
}
