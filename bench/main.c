/* Entry point: a run, or the host of a cross-process run (see bench.h). */
#include "bench.h"
#include <shellapi.h>

int main(void)
{
    struct child_opts opts;
    int argc;
    WCHAR **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    BOOL host = argc >= 2 && !wcscmp(argv[1], L"--host");

    if (!child_opts_parse(argc, argv, host ? 2 : 1, &opts))
    {
        fprintf(stderr, "usage: bench.exe [--host] --variant NAME --dll PATH|- [--expect-module PATH]\n"
                        "       [--setting apartment|process|loopback|direct] [--budget-ms B] [--files N]\n"
                        "       [--sweep-max N] [--diagnose 0|1]   (bench/run.py runs it: bench/README.md)\n");
        return 2;
    }
    return host ? host_main(&opts) : child_main(&opts);
}
