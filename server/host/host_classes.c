/* The classes bits_model_host.exe serves: one per root of the model. */
#include "host.h"

const CLSID CLSID_BitsModelManager =
    {0xc9574e87, 0xeddd, 0x4edd, {0x81, 0x41, 0xbf, 0xdf, 0x45, 0xa9, 0x1c, 0xc4}};
const CLSID CLSID_BitsModelQMgr =
    {0x41efce07, 0x828c, 0x4e13, {0xb8, 0xff, 0x6d, 0x6f, 0x58, 0x53, 0x30, 0x13}};
const CLSID CLSID_BitsModelPeerCache =
    {0x2acb21ee, 0xd13b, 0x4aa9, {0x98, 0x4e, 0x6c, 0xcd, 0x7f, 0x83, 0x3d, 0x00}};
const CLSID CLSID_BitsModelFixtureFiles =
    {0x0c712680, 0xeeb3, 0x41f4, {0xaf, 0x50, 0xdb, 0x0a, 0x24, 0x44, 0x0d, 0x7b}};

static HRESULT create_manager(IUnknown **out)
{
    return server_manager_create((IBackgroundCopyManager **)out);
}

static HRESULT create_qmgr(IUnknown **out)
{
    return server_qmgr_create((IBackgroundCopyQMgr **)out);
}

static HRESULT create_peercache(IUnknown **out)
{
    return server_peercache_create((IBitsPeerCacheAdministration **)out);
}

const struct host_class host_classes[] =
{
    { &CLSID_BitsModelManager, L"qmgrprxy BITS model: IBackgroundCopyManager", create_manager },
    { &CLSID_BitsModelQMgr, L"qmgrprxy BITS model: IBackgroundCopyQMgr", create_qmgr },
    { &CLSID_BitsModelPeerCache, L"qmgrprxy BITS model: IBitsPeerCacheAdministration", create_peercache },
    { &CLSID_BitsModelFixtureFiles, L"qmgrprxy BITS model: fixture files", server_fixture_files_create },
};
const unsigned int host_class_count = ARRAYSIZE(host_classes);
