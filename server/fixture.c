/*
 * The fixture files both test harnesses serve (the apartment suite's objects
 * thread and the local server, server/host): eight model files with varied
 * names (non-ASCII, long, escaped, file://), as one IEnumBackgroundCopyFiles.
 * The tests read the names below as their input.
 */
#include "server.h"

const WCHAR *const fixture_remote[FIXTURE_FILE_COUNT] =
{
    L"https://dl.example.test/suite/one.bin",
    L"https://dl.example.test/suite/two.bin",
    L"http://dl.example.test/suite/three.bin",
    L"https://dl.example.test/suite/f\x00fcnf.bin",
    L"https://dl.example.test/suite/six/seven/eight/nine/ten/a-rather-long-name-for-a-file.bin",
    L"https://dl.example.test/suite/%20escaped%20.bin",
    L"file://share.example.test/suite/seven.bin",
    L"https://dl.example.test/suite/eight.bin",
};
const WCHAR *const fixture_local[FIXTURE_FILE_COUNT] =
{
    L"C:\\suite\\one.bin", L"C:\\suite\\two.bin", L"C:\\suite\\three.bin", L"C:\\suite\\f\x00fcnf.bin",
    L"C:\\suite\\long.bin", L"C:\\suite\\ escaped .bin", L"C:\\suite\\seven.bin", L"C:\\suite\\eight.bin",
};

HRESULT server_fixture_files_create(IUnknown **out)
{
    IBackgroundCopyFile *files[FIXTURE_FILE_COUNT] = {0};
    HRESULT hr = S_OK;
    unsigned int i;

    if (!out) return E_POINTER;
    *out = NULL;
    for (i = 0; i < FIXTURE_FILE_COUNT && SUCCEEDED(hr); i++)
        hr = server_file_create(fixture_remote[i], fixture_local[i], &files[i]);
    if (SUCCEEDED(hr)) hr = server_enum_create(&IID_IEnumBackgroundCopyFiles, (IUnknown **)files, FIXTURE_FILE_COUNT, out);
    for (i = 0; i < FIXTURE_FILE_COUNT; i++) if (files[i]) IBackgroundCopyFile_Release(files[i]);
    return hr;
}
