#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "testutil.h"

static int parse_guid(const char *text, IID *iid)
{
    WCHAR braced[40];
    char buf[40];
    if (strlen(text) != 36) return 0;
    snprintf(buf, sizeof(buf), "{%s}", text);
    MultiByteToWideChar(CP_ACP, 0, buf, -1, braced, 40);
    return SUCCEEDED(CLSIDFromString(braced, iid));
}

unsigned int read_interface_table(const char *unix_path, struct table_row *rows, unsigned int max)
{
    char line[4096];
    WCHAR path[MAX_PATH];
    unsigned int n = 0;
    FILE *f;

    unix_to_windows_path(unix_path, path, MAX_PATH);
    if (!(f = _wfopen(path, L"r"))) return 0;
    while (n < max && fgets(line, sizeof(line), f))
    {
        char *field[8] = {0}, *p = line;
        int i;
        line[strcspn(line, "\r\n")] = 0;
        /* '#' lines are comments (the provenance); "sdk_idl" heads the columns */
        if (line[0] == '#' || !strncmp(line, "sdk_idl\t", 8)) continue;
        for (i = 0; i < 8 && p; i++)
        {
            field[i] = p;
            if ((p = strchr(p, '\t'))) *p++ = 0;
        }
        if (!field[6]) continue;
        /* columns: sdk_idl bits_version interface iid base vtable_slots methods async_iid */
        snprintf(rows[n].name, sizeof(rows[n].name), "%s", field[2]);
        if (!parse_guid(field[3], &rows[n].iid)) continue;
        rows[n].slots = atoi(field[5]);
        snprintf(rows[n].methods, sizeof(rows[n].methods), "%s", field[6]);
        n++;
    }
    fclose(f);
    return n;
}

#define FACTS(name) { #name, &IID_##name, sizeof(name##Vtbl) / sizeof(void *) }
const struct idl_facts idl_interfaces[] =
{
    FACTS(IBackgroundCopyFile), FACTS(IEnumBackgroundCopyFiles), FACTS(IBackgroundCopyError),
    FACTS(IBackgroundCopyJob), FACTS(IEnumBackgroundCopyJobs), FACTS(IBackgroundCopyCallback),
    FACTS(AsyncIBackgroundCopyCallback), FACTS(IBackgroundCopyManager),
    FACTS(IBackgroundCopyJob1), FACTS(IEnumBackgroundCopyJobs1), FACTS(IBackgroundCopyGroup),
    FACTS(IEnumBackgroundCopyGroups), FACTS(IBackgroundCopyCallback1), FACTS(IBackgroundCopyQMgr),
    FACTS(IBackgroundCopyJob2), FACTS(IBackgroundCopyJob3), FACTS(IBackgroundCopyFile2),
    FACTS(IBackgroundCopyJobHttpOptions), FACTS(IBitsPeerCacheRecord), FACTS(IEnumBitsPeerCacheRecords),
    FACTS(IBitsPeer), FACTS(IEnumBitsPeers), FACTS(IBitsPeerCacheAdministration),
    FACTS(IBackgroundCopyJob4), FACTS(IBackgroundCopyFile3), FACTS(IBackgroundCopyCallback2),
    FACTS(IBitsTokenOptions), FACTS(IBackgroundCopyFile4), FACTS(IBackgroundCopyJob5),
    FACTS(IBackgroundCopyFile5), FACTS(IBackgroundCopyCallback3), FACTS(IBackgroundCopyFile6),
    FACTS(IBackgroundCopyJobHttpOptions2), FACTS(IBackgroundCopyServerCertificateValidationCallback),
    FACTS(IBackgroundCopyJobHttpOptions3),
};
const unsigned int idl_interface_count = ARRAYSIZE(idl_interfaces);

const struct idl_facts *idl_facts_by_name(const char *name)
{
    unsigned int i;
    for (i = 0; i < idl_interface_count; i++)
        if (!strcmp(idl_interfaces[i].name, name)) return &idl_interfaces[i];
    return NULL;
}

void unix_to_windows_path(const char *unix_path, WCHAR *out, unsigned int size)
{
    WCHAR *p;
    out[0] = 'Z';
    out[1] = ':';
    MultiByteToWideChar(CP_UTF8, 0, unix_path, -1, out + 2, size - 2);
    for (p = out; *p; p++) if (*p == '/') *p = '\\';
}

void module_path_of(const void *address, WCHAR *out, unsigned int size)
{
    HMODULE module;
    out[0] = 0;
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           address, &module))
        GetModuleFileNameW(module, out, size);
}

void product_name_of(const WCHAR *module_path, WCHAR *out, unsigned int size)
{
    DWORD handle, bytes = GetFileVersionInfoSizeW(module_path, &handle);
    void *data, *value;
    UINT len;

    out[0] = 0;
    if (!bytes || !(data = malloc(bytes))) return;
    if (GetFileVersionInfoW(module_path, 0, bytes, data) &&
        VerQueryValueW(data, L"\\StringFileInfo\\040904B0\\ProductName", &value, &len) && len)
        lstrcpynW(out, value, size);
    free(data);
}

BOOL same_object(void *a, void *b)
{
    IUnknown *ua = NULL, *ub = NULL;
    BOOL same;

    if (!a || !b) return FALSE;
    IUnknown_QueryInterface((IUnknown *)a, &IID_IUnknown, (void **)&ua);
    IUnknown_QueryInterface((IUnknown *)b, &IID_IUnknown, (void **)&ub);
    same = ua && ua == ub;
    if (ua) IUnknown_Release(ua);
    if (ub) IUnknown_Release(ub);
    return same;
}

const char *guid_str(const GUID *guid)
{
    static char buf[4][40];
    static int next;
    char *b = buf[next++ & 3];
    snprintf(b, 40, "%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             guid->Data1, guid->Data2, guid->Data3, guid->Data4[0], guid->Data4[1], guid->Data4[2],
             guid->Data4[3], guid->Data4[4], guid->Data4[5], guid->Data4[6], guid->Data4[7]);
    return b;
}

const char *wstr(const WCHAR *text)
{
    static char buf[4][512];
    static int next;
    char *b = buf[next++ & 3];
    if (!text) return "(null)";
    WideCharToMultiByte(CP_UTF8, 0, text, -1, b, 512, NULL, NULL);
    return b;
}
