/*
 * regsvr32 of the built DLL writes, for every interface of the table, the
 * name, NumMethods and ProxyStubClsid32, and the CLSID's InprocServer32 with
 * ThreadingModel=Both; regsvr32 /u removes all of it but leaves an interface
 * that was pointed at another CLSID in between. Runs in a fresh prefix of
 * its own (tests/registration.sh), since it unregisters.
 * argv[1]: the TSV, argv[2]: the built DLL (Unix paths).
 */
#include "tap.h"
#include "testutil.h"
#include "com_helpers.h"

static const WCHAR foreign_clsid[] = L"{0BADF00D-0000-4000-8000-00000000F00D}";
static WCHAR our_clsid[39];

static BOOL read_default(const WCHAR *path, WCHAR *value, DWORD chars)
{
    DWORD bytes = chars * sizeof(WCHAR);
    value[0] = 0;
    return !RegGetValueW(HKEY_CLASSES_ROOT, path, NULL, RRF_RT_REG_SZ, NULL, value, &bytes);
}

static BOOL read_named(const WCHAR *path, const WCHAR *name, WCHAR *value, DWORD chars)
{
    DWORD bytes = chars * sizeof(WCHAR);
    value[0] = 0;
    return !RegGetValueW(HKEY_CLASSES_ROOT, path, name, RRF_RT_REG_SZ, NULL, value, &bytes);
}

static void iid_key(const IID *iid, const WCHAR *sub, WCHAR *path)
{
    WCHAR text[39];
    StringFromGUID2(iid, text, 39);
    if (sub) swprintf(path, 128, L"Interface\\%ls\\%ls", text, sub);
    else swprintf(path, 128, L"Interface\\%ls", text);
}

/* How many Interface keys name our CLSID as ProxyStubClsid32. */
static unsigned int count_ours(void)
{
    WCHAR name[64], path[128], value[64];
    DWORD i, len;
    unsigned int n = 0;
    HKEY root;

    if (RegOpenKeyExW(HKEY_CLASSES_ROOT, L"Interface", 0, KEY_READ, &root)) return 0;
    for (i = 0; len = ARRAYSIZE(name), !RegEnumKeyExW(root, i, name, &len, NULL, NULL, NULL, NULL); i++)
    {
        swprintf(path, ARRAYSIZE(path), L"Interface\\%ls\\ProxyStubClsid32", name);
        if (read_default(path, value, ARRAYSIZE(value)) && !lstrcmpiW(value, our_clsid)) n++;
    }
    RegCloseKey(root);
    return n;
}

static DWORD run(const WCHAR *cmdline)
{
    STARTUPINFOW si = {0};
    PROCESS_INFORMATION pi;
    WCHAR buf[2 * MAX_PATH];
    DWORD code = ~0u;

    si.cb = sizeof(si);
    lstrcpynW(buf, cmdline, ARRAYSIZE(buf));
    if (!CreateProcessW(NULL, buf, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return GetLastError();
    WaitForSingleObject(pi.hProcess, 60000);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return code;
}

static void check_registered(const struct table_row *rows, unsigned int n, const WCHAR *dll)
{
    WCHAR path[128], value[MAX_PATH], expect[64];
    const struct table_row *async = NULL, *sync = NULL;
    unsigned int i, good = 0;

    for (i = 0; i < n; i++)
    {
        BOOL name_ok, num_ok, clsid_ok;
        iid_key(&rows[i].iid, NULL, path);
        MultiByteToWideChar(CP_ACP, 0, rows[i].name, -1, expect, ARRAYSIZE(expect));
        name_ok = read_default(path, value, ARRAYSIZE(value)) && !lstrcmpW(value, expect);
        iid_key(&rows[i].iid, L"NumMethods", path);
        swprintf(expect, ARRAYSIZE(expect), L"%u", rows[i].slots);
        num_ok = read_default(path, value, ARRAYSIZE(value)) && !lstrcmpW(value, expect);
        iid_key(&rows[i].iid, L"ProxyStubClsid32", path);
        clsid_ok = read_default(path, value, ARRAYSIZE(value)) && !lstrcmpiW(value, our_clsid);
        ok(name_ok && num_ok && clsid_ok, "registered %s: name %d, NumMethods %u %d, ProxyStubClsid32 %d",
           rows[i].name, name_ok, rows[i].slots, num_ok, clsid_ok);
        good += name_ok && num_ok && clsid_ok;
        if (!strcmp(rows[i].name, "AsyncIBackgroundCopyCallback")) async = &rows[i];
        if (!strcmp(rows[i].name, "IBackgroundCopyCallback")) sync = &rows[i];
    }
    printf("# interfaces registered to %s: %u of %u\n", wstr(our_clsid), count_ours(), n);
    ok(count_ours() == n && good == n, "%u interface keys name %s", count_ours(), wstr(our_clsid));

    if (async && sync)
    {
        WCHAR sync_text[39], async_text[39];
        StringFromGUID2(&sync->iid, sync_text, 39);
        StringFromGUID2(&async->iid, async_text, 39);
        iid_key(&sync->iid, L"AsynchronousInterface", path);
        ok(read_default(path, value, ARRAYSIZE(value)) && !lstrcmpiW(value, async_text),
           "IBackgroundCopyCallback\\AsynchronousInterface = %s", wstr(value));
        iid_key(&async->iid, L"SynchronousInterface", path);
        ok(read_default(path, value, ARRAYSIZE(value)) && !lstrcmpiW(value, sync_text),
           "AsyncIBackgroundCopyCallback\\SynchronousInterface = %s", wstr(value));
    }

    swprintf(path, ARRAYSIZE(path), L"CLSID\\%ls\\InprocServer32", our_clsid);
    ok(read_default(path, value, ARRAYSIZE(value)) && !lstrcmpiW(value, dll), "InprocServer32 = %s", wstr(value));
    ok(read_named(path, L"ThreadingModel", value, ARRAYSIZE(value)) && !lstrcmpW(value, L"Both"),
       "ThreadingModel = %s", wstr(value));
}

static void check_unregistered(const struct table_row *rows, unsigned int n, const struct table_row *repointed)
{
    WCHAR path[128], value[MAX_PATH], expect[64];
    unsigned int i, gone = 0;
    HKEY key;

    for (i = 0; i < n; i++)
    {
        if (&rows[i] == repointed) continue;
        iid_key(&rows[i].iid, NULL, path);
        if (RegOpenKeyExW(HKEY_CLASSES_ROOT, path, 0, KEY_READ, &key)) gone++;
        else { RegCloseKey(key); ok(0, "%s still registered after /u", rows[i].name); }
    }
    ok(gone == n - 1, "regsvr32 /u removed %u of %u of our interface keys", gone, n - 1);
    ok(count_ours() == 0, "no interface key names %s any more (%u do)", wstr(our_clsid), count_ours());

    iid_key(&repointed->iid, L"ProxyStubClsid32", path);
    ok(read_default(path, value, ARRAYSIZE(value)) && !lstrcmpiW(value, foreign_clsid),
       "the repointed %s survives with ProxyStubClsid32 %s", repointed->name, wstr(value));
    iid_key(&repointed->iid, L"NumMethods", path);
    swprintf(expect, ARRAYSIZE(expect), L"%u", repointed->slots);
    ok(read_default(path, value, ARRAYSIZE(value)) && !lstrcmpW(value, expect),
       "and keeps its NumMethods %s", wstr(value));

    swprintf(path, ARRAYSIZE(path), L"CLSID\\%ls", our_clsid);
    ok(RegOpenKeyExW(HKEY_CLASSES_ROOT, path, 0, KEY_READ, &key) != ERROR_SUCCESS, "CLSID key removed");
}

int main(int argc, char **argv)
{
    static struct table_row rows[64];
    WCHAR dll[MAX_PATH], cmd[2 * MAX_PATH], path[128];
    const struct table_row *repointed = NULL;
    unsigned int n, i;
    DWORD code;

    tap_start();
    if (argc < 3) { printf("usage: registration <bits-interfaces.tsv> <qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[2], dll, MAX_PATH);
    StringFromGUID2(&CLSID_QmgrPrxyPSFactoryBuffer, our_clsid, 39);
    n = read_interface_table(argv[1], rows, ARRAYSIZE(rows));
    ok(n == 35, "the table lists %u interfaces", n);

    swprintf(cmd, ARRAYSIZE(cmd), L"regsvr32.exe /s \"%ls\"", dll);
    code = run(cmd);
    ok(code == 0, "regsvr32 exit code %lu", code);
    check_registered(rows, n, dll);

    /* Someone else takes over one interface before we unregister. */
    for (i = 0; i < n; i++) if (!strcmp(rows[i].name, "IBitsPeer")) repointed = &rows[i];
    ok(repointed != NULL, "IBitsPeer is in the table");
    if (!repointed) return tap_done();
    iid_key(&repointed->iid, L"ProxyStubClsid32", path);
    ok(!RegSetKeyValueW(HKEY_CLASSES_ROOT, path, NULL, REG_SZ, foreign_clsid, sizeof(foreign_clsid)),
       "repointed %s to %s", repointed->name, wstr(foreign_clsid));

    swprintf(cmd, ARRAYSIZE(cmd), L"regsvr32.exe /u /s \"%ls\"", dll);
    code = run(cmd);
    ok(code == 0, "regsvr32 /u exit code %lu", code);
    check_unregistered(rows, n, repointed);
    return tap_done();
}
