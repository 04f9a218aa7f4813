/* Entry point: picks the role from the command line (see bench.h). */
#include "bench.h"
#include <shellapi.h>

int main(void)
{
    struct child_opts opts;
    int argc;
    WCHAR **argv = CommandLineToArgvW(GetCommandLineW(), &argc);

    if (argc >= 2 && (!wcscmp(argv[1], L"--child") || !wcscmp(argv[1], L"--host")))
    {
        if (!child_opts_parse(argc, argv, 2, &opts))
        {
            fprintf(stderr, "bench: bad %ls arguments\n", argv[1]);
            return 2;
        }
        return wcscmp(argv[1], L"--host") ? child_main(&opts) : host_main(&opts);
    }
    if (argc == 3 && !wcscmp(argv[1], L"--disconnect-check")) return disconnect_check(argv[2]);
    return parent_main(argc, argv);
}
