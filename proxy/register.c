/*
 * DllRegisterServer / DllUnregisterServer. rpcrt4's NdrDllRegisterProxy
 * writes the rows Windows keeps for a proxy DLL:
 *
 *   HKCR\Interface\{IID}                         = interface name
 *   HKCR\Interface\{IID}\NumMethods              = vtable slots
 *   HKCR\Interface\{IID}\ProxyStubClsid32        = {5CE34C0D-...}
 *   HKCR\CLSID\{5CE34C0D-...}                    = PSFactoryBuffer
 *   HKCR\CLSID\{5CE34C0D-...}\InprocServer32     = this DLL, ThreadingModel=Both
 *
 * This file adds the two things it does not do: the links of the async pair
 *
 *   HKCR\Interface\{sync}\AsynchronousInterface  = {async}
 *   HKCR\Interface\{async}\SynchronousInterface  = {sync}
 *
 * and an unregistration that removes an Interface key only while it still
 * names this DLL's factory, and the CLSID key only while it still points at
 * this file (NdrDllUnregisterProxy removes them whoever they name now).
 */
#include <string.h>
#include "proxy_tables.h"
#include "qmgrprxy.h"

static LSTATUS set_default(const WCHAR *key_path, const WCHAR *value)
{
    return RegSetKeyValueW(HKEY_CLASSES_ROOT, key_path, NULL, REG_SZ, value, (lstrlenW(value) + 1) * sizeof(WCHAR));
}

static BOOL get_default(const WCHAR *key_path, WCHAR *value, DWORD chars)
{
    DWORD bytes = chars * sizeof(WCHAR);
    return !RegGetValueW(HKEY_CLASSES_ROOT, key_path, NULL, RRF_RT_REG_SZ, NULL, value, &bytes);
}

/* "<root>\\{GUID}[\\<sub>]" (no printf: the CRT's would be a third of the DLL) */
static void guid_key(const WCHAR *root, const GUID *guid, const WCHAR *sub, WCHAR path[128])
{
    lstrcpyW(path, root);
    StringFromGUID2(guid, path + lstrlenW(path), 39);
    if (sub)
    {
        lstrcatW(path, L"\\");
        lstrcatW(path, sub);
    }
}

static void interface_key(const IID *iid, const WCHAR *sub, WCHAR path[128])
{
    guid_key(L"Interface\\", iid, sub, path);
}

static const IID *iid_of(const ProxyFileInfo *file, unsigned int index)
{
    return file->pStubVtblList[index]->header.piid;
}

struct name_query { const char *name; const IID *iid; };

static LONG match_name(const ProxyFileInfo *file, unsigned int index, void *context)
{
    struct name_query *query = context;
    if (strcmp(file->pNamesArray[index], query->name)) return 0;
    query->iid = iid_of(file, index);
    return 1;
}

/* "AsyncIFoo" is the async_uuid twin of "IFoo": link the pair both ways. */
static LONG link_async_pair(const ProxyFileInfo *file, unsigned int index, void *context)
{
    const char *name = file->pNamesArray[index];
    struct name_query sync = { name + 5, NULL };
    WCHAR path[128], text[39];
    LSTATUS err;

    if (strncmp(name, "Async", 5) || !for_each_interface(match_name, &sync)) return 0;
    interface_key(iid_of(file, index), L"SynchronousInterface", path);
    StringFromGUID2(sync.iid, text, 39);
    if ((err = set_default(path, text))) return err;
    interface_key(sync.iid, L"AsynchronousInterface", path);
    StringFromGUID2(iid_of(file, index), text, 39);
    return set_default(path, text);
}

static LONG unregister_interface(const ProxyFileInfo *file, unsigned int index, void *context)
{
    const WCHAR *ours = context;
    WCHAR path[128], value[64];

    interface_key(iid_of(file, index), L"ProxyStubClsid32", path);
    if (!get_default(path, value, ARRAYSIZE(value)) || lstrcmpiW(value, ours)) return 0;   /* not ours (any more) */
    interface_key(iid_of(file, index), NULL, path);
    RegDeleteTreeW(HKEY_CLASSES_ROOT, path);
    return 0;
}

HRESULT WINAPI DllRegisterServer(void)
{
    HRESULT hr = NdrDllRegisterProxy(qmgrprxy_module, aProxyFileList, &CLSID_QmgrPrxyPSFactoryBuffer);
    if (FAILED(hr)) return hr;
    return HRESULT_FROM_WIN32(for_each_interface(link_async_pair, NULL));
}

HRESULT WINAPI DllUnregisterServer(void)
{
    WCHAR clsid[39], path[128], module[MAX_PATH], registered[MAX_PATH];

    StringFromGUID2(&CLSID_QmgrPrxyPSFactoryBuffer, clsid, 39);
    for_each_interface(unregister_interface, clsid);

    if (!GetModuleFileNameW(qmgrprxy_module, module, ARRAYSIZE(module))) return HRESULT_FROM_WIN32(GetLastError());
    guid_key(L"CLSID\\", &CLSID_QmgrPrxyPSFactoryBuffer, L"InprocServer32", path);
    if (get_default(path, registered, ARRAYSIZE(registered)) && !lstrcmpiW(registered, module))
    {
        guid_key(L"CLSID\\", &CLSID_QmgrPrxyPSFactoryBuffer, NULL, path);
        RegDeleteTreeW(HKEY_CLASSES_ROOT, path);
    }
    return S_OK;
}
