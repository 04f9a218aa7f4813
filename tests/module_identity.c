/*
 * The module that serves the BITS PSFactoryBuffer is the DLL this build
 * produced, not Wine's builtin qmgrprxy.dll (which registers the same
 * CLSID): same file path, our version resource, one qmgrprxy loaded, and
 * the image in memory is that file's (a path alone proves nothing: with a
 * "builtin" load order Wine maps its own DLL under the registered name).
 * argv[1]: the built DLL (Unix path).
 */
#include "tap.h"
#include "testutil.h"
#include "com_helpers.h"
#include "image_identity.h"

int main(int argc, char **argv)
{
    WCHAR expected[MAX_PATH], served_by[MAX_PATH], product[64], loaded[MAX_PATH];
    struct counted_unknown outer;
    IPSFactoryBuffer *factory = NULL;
    IRpcProxyBuffer *proxy_buffer = NULL;
    IBackgroundCopyFile *proxy = NULL;
    HMODULE module;
    CLSID clsid;
    HRESULT hr;

    tap_start();
    if (argc < 2) { printf("usage: module_identity <built qmgrprxy.dll>\n"); return 2; }
    unix_to_windows_path(argv[1], expected, MAX_PATH);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);

    hr = get_ps_factory(&IID_IBackgroundCopyFile, &factory, &clsid);
    ok(hr == S_OK, "PSFactoryBuffer for IBackgroundCopyFile: hr %#lx", hr);
    ok(IsEqualCLSID(&clsid, &CLSID_QmgrPrxyPSFactoryBuffer), "ProxyStubClsid32 is {%s}", guid_str(&clsid));
    if (FAILED(hr)) return tap_done();

    counted_unknown_init(&outer);
    hr = IPSFactoryBuffer_CreateProxy(factory, &outer.IUnknown_iface, &IID_IBackgroundCopyFile,
                                      &proxy_buffer, (void **)&proxy);
    ok(hr == S_OK && proxy, "CreateProxy(IBackgroundCopyFile): hr %#lx", hr);
    if (proxy)
    {
        module_path_of(*(void **)proxy, served_by, MAX_PATH);
        ok(!lstrcmpiW(served_by, expected), "proxy vtable lives in %s (expected %s)", wstr(served_by), wstr(expected));
        product_name_of(served_by, product, ARRAYSIZE(product));
        ok(!lstrcmpW(product, L"qmgrprxy"), "ProductName of the serving module is \"%s\"", wstr(product));
        module = GetModuleHandleW(L"qmgrprxy.dll");
        loaded[0] = 0;
        if (module) GetModuleFileNameW(module, loaded, MAX_PATH);
        ok(!lstrcmpiW(loaded, expected), "the one qmgrprxy.dll loaded is %s", wstr(loaded));
        if (module)
        {
            char why[256];
            BOOL same = image_matches_file(GetCurrentProcess(), module, expected, why, sizeof(why));
            ok(same, "the mapped image is the built file%s%s", why[0] ? ": " : "", why);
            ok(!image_is_wine_builtin(GetCurrentProcess(), module), "the mapped image is not a Wine builtin");
        }
        IBackgroundCopyFile_Release(proxy);
        IRpcProxyBuffer_Release(proxy_buffer);
    }
    ok(outer.ref == 1, "outer object back to one reference: %ld", outer.ref);
    IPSFactoryBuffer_Release(factory);
    CoUninitialize();
    return tap_done();
}
