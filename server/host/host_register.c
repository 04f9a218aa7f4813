/* "/regserver" and "/unregserver": HKCR\CLSID\{class}\LocalServer32 names
 * this executable, quoted, for each class of the host. */
#include <stdio.h>
#include "host.h"

static void clsid_key(const CLSID *clsid, WCHAR *key, unsigned int size)
{
    WCHAR text[40];
    StringFromGUID2(clsid, text, ARRAYSIZE(text));
    swprintf(key, size, L"CLSID\\%ls", text);
}

HRESULT host_register(void)
{
    WCHAR exe[MAX_PATH], command[MAX_PATH + 2], key[64];
    unsigned int i;
    LSTATUS status;

    if (!GetModuleFileNameW(NULL, exe, MAX_PATH)) return HRESULT_FROM_WIN32(GetLastError());
    swprintf(command, ARRAYSIZE(command), L"\"%ls\"", exe);
    for (i = 0; i < host_class_count; i++)
    {
        clsid_key(host_classes[i].clsid, key, ARRAYSIZE(key));
        status = RegSetKeyValueW(HKEY_CLASSES_ROOT, key, NULL, REG_SZ, host_classes[i].name,
                                 (lstrlenW(host_classes[i].name) + 1) * sizeof(WCHAR));
        if (!status)
        {
            lstrcatW(key, L"\\LocalServer32");
            status = RegSetKeyValueW(HKEY_CLASSES_ROOT, key, NULL, REG_SZ, command, (lstrlenW(command) + 1) * sizeof(WCHAR));
        }
        if (status) return HRESULT_FROM_WIN32(status);
    }
    return S_OK;
}

HRESULT host_unregister(void)
{
    WCHAR key[64];
    unsigned int i;
    LSTATUS status;

    for (i = 0; i < host_class_count; i++)
    {
        clsid_key(host_classes[i].clsid, key, ARRAYSIZE(key));
        status = RegDeleteTreeW(HKEY_CLASSES_ROOT, key);
        if (status && status != ERROR_FILE_NOT_FOUND) return HRESULT_FROM_WIN32(status);
    }
    return S_OK;
}
