/*
 * The DLL variants the parent can compare (--variants), and where each
 * one's proxies must come from.
 */
#include "bench.h"

void to_windows_path(const WCHAR *path, WCHAR *out)
{
    char utf8[MAX_PATH];
    if (path[0] != '/') { wcsncpy(out, path, MAX_PATH - 1); return; }
    WideCharToMultiByte(CP_UTF8, 0, path, -1, utf8, sizeof(utf8), NULL, NULL);
    unix_to_windows_path(utf8, out, MAX_PATH);
}

static BOOL files_equal(const WCHAR *a, const WCHAR *b)
{
    FILE *fa = _wfopen(a, L"rb"), *fb = _wfopen(b, L"rb");
    BOOL same = fa && fb;
    int ca, cb;
    while (same)
    {
        ca = fgetc(fa);
        cb = fgetc(fb);
        same = ca == cb;
        if (ca == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* Wine gives every process the WINEDLLOVERRIDES of the Unix environment it
 * was started from (a Windows parent cannot change it for its children), so
 * an override cannot pick the DLL per child. Instead each child loads its
 * DLL by path; Wine's builtin is used as a copy under another name, which
 * no qmgrprxy override applies to. Wine 8 installs its PE builtins into
 * system32, so that file is the builtin itself; the copy is compared with it
 * and with the one in Wine's own DLL directory. */
static BOOL copy_builtin(const WCHAR *out_dir, WCHAR *copy, struct results *r)
{
    WCHAR system_file[MAX_PATH], dll_dir[MAX_PATH], wine_file[MAX_PATH];
    BOOL same;

    GetSystemDirectoryW(system_file, MAX_PATH);
    wcscat(system_file, L"\\qmgrprxy.dll");
    CreateDirectoryW(out_dir, NULL);
    swprintf(copy, MAX_PATH, L"%ls\\wine-builtin-qmgrprxy.dll", out_dir);
    if (!CopyFileW(system_file, copy, FALSE))
    {
        results_problem(r, "could not copy Wine's builtin %ls", system_file);
        return FALSE;
    }
    same = files_equal(copy, system_file);
    if (GetEnvironmentVariableW(L"WINEDLLDIR0", dll_dir, MAX_PATH))   /* \??\Z:\usr\lib\...\wine */
    {
        swprintf(wine_file, MAX_PATH, L"%ls\\%ls\\qmgrprxy.dll", dll_dir + (wcsncmp(dll_dir, L"\\??\\", 4) ? 0 : 4),
                 sizeof(void *) == 8 ? L"x86_64-windows" : L"i386-windows");
        same &= files_equal(copy, wine_file);
        printf("builtin: %ls, a copy of %ls, byte-identical to %ls: %s\n", copy, system_file, wine_file, same ? "yes" : "NO");
    }
    else printf("builtin: %ls, a copy of %ls: %s\n", copy, system_file, same ? "identical" : "DIFFERENT");
    if (!same) results_problem(r, "the builtin copy differs from Wine's builtin");
    return same;
}

BOOL add_variant(struct results *r, const WCHAR *spec, const WCHAR *builddir, const WCHAR *out_dir)
{
    struct variant_def *v = &r->variant[r->variant_count];
    const WCHAR *equals = wcschr(spec, '=');

    if (r->variant_count == MAX_VARIANTS) return FALSE;
    memset(v, 0, sizeof(*v));
    if (equals)                                   /* NAME=path: any other build of the DLL */
    {
        WideCharToMultiByte(CP_UTF8, 0, spec, (int)(equals - spec), v->name, sizeof(v->name) - 1, NULL, NULL);
        to_windows_path(equals + 1, v->dll);
    }
    else
    {
        WideCharToMultiByte(CP_UTF8, 0, spec, -1, v->name, sizeof(v->name), NULL, NULL);
        if (!wcscmp(spec, L"ours") || !wcscmp(spec, L"ours-registry"))
            swprintf(v->dll, MAX_PATH, L"%ls\\proxy\\qmgrprxy.dll", builddir);
        else if (!wcscmp(spec, L"oif"))
            swprintf(v->dll, MAX_PATH, L"%ls\\bench\\qmgrprxy-oif.dll", builddir);
        else if (!wcscmp(spec, L"builtin"))
        {
            if (!copy_builtin(out_dir, v->dll, r)) return TRUE;   /* reported; its children fail */
        }
        else if (!wcscmp(spec, L"builtin-loader"))
        {
            /* Wine's builtin by name, as its loader loads it: needs
             * WINEDLLOVERRIDES to allow builtin qmgrprxy (qmgrprxy=n,b). */
            wcscpy(v->dll, L"qmgrprxy.dll");
            GetSystemDirectoryW(v->expect_module, MAX_PATH);
            wcscat(v->expect_module, L"\\qmgrprxy.dll");
        }
        else return FALSE;
    }
    if (!v->expect_module[0]) wcscpy(v->expect_module, v->dll);
    if (!wcscmp(spec, L"ours-registry")) v->dll[0] = 0;    /* proxies through the prefix's registration */
    r->variant_count++;
    return TRUE;
}
