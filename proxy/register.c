/*
 * DllRegisterServer / DllUnregisterServer: the registry entries Windows
 * keeps for its BITS proxy DLL, derived from widl's interface table so that
 * the list can never drift from what the DLL actually marshals.
 *
 *   HKCR\Interface\{IID}                         = interface name
 *   HKCR\Interface\{IID}\NumMethods              = vtable slots
 *   HKCR\Interface\{IID}\ProxyStubClsid32        = {5CE34C0D-...}
 *   HKCR\Interface\{sync}\AsynchronousInterface  = {async}   (and back:
 *   HKCR\Interface\{async}\SynchronousInterface  = {sync})
 *   HKCR\CLSID\{5CE34C0D-...}                    = PSFactoryBuffer
 *   HKCR\CLSID\{5CE34C0D-...}\InprocServer32     = this DLL, ThreadingModel=Both
 *
 * Unregistration removes an Interface key only while it still names this
 * DLL's CLSID, and the CLSID key only while it still points at this file.
 */
#include <stdio.h>
#include <string.h>
#include "proxy_files.h"

static void guid_text(const GUID *guid, WCHAR text[39])
{
    StringFromGUID2(guid, text, 39);
}

static LSTATUS set_string(const WCHAR *key_path, const WCHAR *name, const WCHAR *value)
{
    HKEY key;
    LSTATUS err = RegCreateKeyExW(HKEY_CLASSES_ROOT, key_path, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL);
    if (err) return err;
    err = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)value, (lstrlenW(value) + 1) * sizeof(WCHAR));
    RegCloseKey(key);
    return err;
}

static BOOL get_string(const WCHAR *key_path, WCHAR *value, DWORD size)
{
    DWORD type, bytes = size * sizeof(WCHAR);
    HKEY key;
    LSTATUS err;

    if (RegOpenKeyExW(HKEY_CLASSES_ROOT, key_path, 0, KEY_QUERY_VALUE, &key)) return FALSE;
    err = RegQueryValueExW(key, NULL, NULL, &type, (BYTE *)value, &bytes);
    RegCloseKey(key);
    if (err || type != REG_SZ || bytes < sizeof(WCHAR)) return FALSE;
    value[bytes / sizeof(WCHAR) - 1] = 0;
    return TRUE;
}

/* Calls visit() for every interface in widl's table, in table order. */
typedef LSTATUS (*interface_visitor)(const IID *iid, const char *name, ULONG methods);

static LSTATUS for_each_interface(interface_visitor visit)
{
    const ProxyFileInfo **file;
    for (file = qmgrprxy_proxy_files; *file; file++)
    {
        unsigned int i;
        for (i = 0; i < (*file)->TableSize; i++)
        {
            const CInterfaceStubVtbl *stub = (*file)->pStubVtblList[i];
            LSTATUS err = visit(stub->header.piid, (*file)->pNamesArray[i], stub->header.DispatchTableCount);
            if (err) return err;
        }
    }
    return ERROR_SUCCESS;
}

static const IID *find_interface(const char *name)
{
    const ProxyFileInfo **file;
    for (file = qmgrprxy_proxy_files; *file; file++)
    {
        unsigned int i;
        for (i = 0; i < (*file)->TableSize; i++)
            if (!strcmp((*file)->pNamesArray[i], name))
                return (*file)->pStubVtblList[i]->header.piid;
    }
    return NULL;
}

static void interface_key(const IID *iid, const WCHAR *sub, WCHAR path[128])
{
    WCHAR iid_text[39];
    guid_text(iid, iid_text);
    swprintf(path, 128, sub ? L"Interface\\%ls\\%ls" : L"Interface\\%ls", iid_text, sub);
}

static LSTATUS register_interface(const IID *iid, const char *name, ULONG methods)
{
    WCHAR path[128], text[64], clsid_text[39];
    const IID *sync;
    LSTATUS err;

    guid_text(&CLSID_QmgrPrxyPSFactoryBuffer, clsid_text);
    interface_key(iid, NULL, path);
    MultiByteToWideChar(CP_ACP, 0, name, -1, text, ARRAYSIZE(text));
    if ((err = set_string(path, NULL, text))) return err;
    interface_key(iid, L"ProxyStubClsid32", path);
    if ((err = set_string(path, NULL, clsid_text))) return err;
    interface_key(iid, L"NumMethods", path);
    swprintf(text, ARRAYSIZE(text), L"%lu", methods);
    if ((err = set_string(path, NULL, text))) return err;

    /* "AsyncIFoo" is the async_uuid twin of "IFoo": link the pair. */
    if (strncmp(name, "Async", 5) || !(sync = find_interface(name + 5))) return ERROR_SUCCESS;
    interface_key(iid, L"SynchronousInterface", path);
    guid_text(sync, text);
    if ((err = set_string(path, NULL, text))) return err;
    interface_key(sync, L"AsynchronousInterface", path);
    guid_text(iid, text);
    return set_string(path, NULL, text);
}

static LSTATUS unregister_interface(const IID *iid, const char *name, ULONG methods)
{
    WCHAR path[128], value[64], clsid_text[39];

    guid_text(&CLSID_QmgrPrxyPSFactoryBuffer, clsid_text);
    interface_key(iid, L"ProxyStubClsid32", path);
    if (!get_string(path, value, ARRAYSIZE(value)) || lstrcmpiW(value, clsid_text))
        return ERROR_SUCCESS;   /* not ours (any more): leave it */
    interface_key(iid, NULL, path);
    RegDeleteTreeW(HKEY_CLASSES_ROOT, path);
    return ERROR_SUCCESS;
}

static void clsid_key(const WCHAR *sub, WCHAR path[128])
{
    WCHAR clsid_text[39];
    guid_text(&CLSID_QmgrPrxyPSFactoryBuffer, clsid_text);
    swprintf(path, 128, sub ? L"CLSID\\%ls\\%ls" : L"CLSID\\%ls", clsid_text, sub);
}

HRESULT WINAPI DllRegisterServer(void)
{
    WCHAR path[128], module[MAX_PATH];
    HKEY key;
    LSTATUS err;

    if (!GetModuleFileNameW(qmgrprxy_module, module, ARRAYSIZE(module))) return HRESULT_FROM_WIN32(GetLastError());
    if ((err = for_each_interface(register_interface))) return HRESULT_FROM_WIN32(err);

    clsid_key(NULL, path);
    if ((err = set_string(path, NULL, L"PSFactoryBuffer"))) return HRESULT_FROM_WIN32(err);
    clsid_key(L"InprocServer32", path);
    if ((err = set_string(path, NULL, module))) return HRESULT_FROM_WIN32(err);
    if ((err = RegOpenKeyExW(HKEY_CLASSES_ROOT, path, 0, KEY_SET_VALUE, &key))) return HRESULT_FROM_WIN32(err);
    err = RegSetValueExW(key, L"ThreadingModel", 0, REG_SZ, (const BYTE *)L"Both", sizeof(L"Both"));
    RegCloseKey(key);
    return HRESULT_FROM_WIN32(err);
}

HRESULT WINAPI DllUnregisterServer(void)
{
    WCHAR path[128], module[MAX_PATH], registered[MAX_PATH];

    for_each_interface(unregister_interface);

    if (!GetModuleFileNameW(qmgrprxy_module, module, ARRAYSIZE(module))) return HRESULT_FROM_WIN32(GetLastError());
    clsid_key(L"InprocServer32", path);
    if (get_string(path, registered, ARRAYSIZE(registered)) && !lstrcmpiW(registered, module))
    {
        clsid_key(NULL, path);
        RegDeleteTreeW(HKEY_CLASSES_ROOT, path);
    }
    return S_OK;
}
