#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "image_identity.h"
#include <tlhelp32.h>

static void *read_whole_file(const WCHAR *path, DWORD *size)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    void *data = NULL;
    DWORD got = 0;

    if (file == INVALID_HANDLE_VALUE) return NULL;
    *size = GetFileSize(file, NULL);
    if (*size != INVALID_FILE_SIZE && (data = malloc(*size)) && (!ReadFile(file, data, *size, &got, NULL) || got != *size))
    {
        free(data);
        data = NULL;
    }
    CloseHandle(file);
    return data;
}

static BOOL read_memory(HANDLE process, const void *address, void *out, SIZE_T size)
{
    SIZE_T got = 0;
    return ReadProcessMemory(process, address, out, size, &got) && got == size;
}

static const IMAGE_NT_HEADERS *nt_headers(const BYTE *image, DWORD size)
{
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)image;
    const IMAGE_NT_HEADERS *nt;

    if (size < sizeof(*dos) || dos->e_magic != IMAGE_DOS_SIGNATURE) return NULL;
    if ((DWORD)dos->e_lfanew > size - sizeof(IMAGE_NT_HEADERS)) return NULL;
    nt = (const IMAGE_NT_HEADERS *)(image + dos->e_lfanew);
    if (nt->Signature != IMAGE_NT_SIGNATURE || nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR_MAGIC) return NULL;
    return nt;
}

static const BYTE *file_at_rva(const BYTE *file, DWORD file_size, const IMAGE_NT_HEADERS *nt, DWORD rva, DWORD len)
{
    const IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    unsigned int i;

    for (i = 0; i < nt->FileHeader.NumberOfSections; i++, sec++)
        if (rva >= sec->VirtualAddress && rva - sec->VirtualAddress + len <= sec->SizeOfRawData &&
            sec->PointerToRawData + (rva - sec->VirtualAddress) + len <= file_size)
            return file + sec->PointerToRawData + (rva - sec->VirtualAddress);
    return NULL;
}

/* Marks the bytes the loader rewrites when it rebases the image. */
static BYTE *relocated_bytes(const BYTE *file, DWORD file_size, const IMAGE_NT_HEADERS *nt)
{
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    DWORD image_size = nt->OptionalHeader.SizeOfImage, done = 0;
    BYTE *marks = calloc(1, image_size);
    const BYTE *relocs;

    if (!marks || !dir->Size) return marks;
    if (!(relocs = file_at_rva(file, file_size, nt, dir->VirtualAddress, dir->Size))) return marks;
    while (done + sizeof(IMAGE_BASE_RELOCATION) <= dir->Size)
    {
        const IMAGE_BASE_RELOCATION *block = (const IMAGE_BASE_RELOCATION *)(relocs + done);
        const WORD *entry = (const WORD *)(block + 1);
        DWORD i, count;

        if (block->SizeOfBlock < sizeof(*block) || done + block->SizeOfBlock > dir->Size) break;
        count = (block->SizeOfBlock - sizeof(*block)) / sizeof(WORD);
        for (i = 0; i < count; i++)
        {
            DWORD rva = block->VirtualAddress + (entry[i] & 0xfff), width;
            switch (entry[i] >> 12)
            {
            case IMAGE_REL_BASED_DIR64: width = 8; break;
            case IMAGE_REL_BASED_HIGHLOW: width = 4; break;
            case IMAGE_REL_BASED_HIGH: case IMAGE_REL_BASED_LOW: width = 2; break;
            default: width = 0; break;
            }
            if (width && rva + width <= image_size) memset(marks + rva, 1, width);
        }
        done += block->SizeOfBlock;
    }
    return marks;
}

/* The code and the resources: the loader and the DLL itself leave them as
 * they are in the file (qmgrprxy's DllMain writes into .rdata, see README). */
static BOOL compared_section(const IMAGE_NT_HEADERS *nt, const IMAGE_SECTION_HEADER *sec)
{
    DWORD resources = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress;

    if (sec->Characteristics & IMAGE_SCN_MEM_WRITE) return FALSE;
    if (sec->Characteristics & IMAGE_SCN_MEM_EXECUTE) return TRUE;
    return resources && resources >= sec->VirtualAddress && resources - sec->VirtualAddress < sec->Misc.VirtualSize;
}

BOOL image_matches_file(HANDLE process, const void *base, const WCHAR *path, char *why, size_t why_size)
{
    const IMAGE_NT_HEADERS *file_nt, *mem_nt;
    const IMAGE_SECTION_HEADER *sec;
    BYTE *file, *headers = NULL, *marks = NULL, *memory = NULL;
    DWORD file_size = 0, header_size;
    BOOL match = FALSE;
    unsigned int i;

    why[0] = 0;
    if (!(file = read_whole_file(path, &file_size)) || !(file_nt = nt_headers(file, file_size)))
    {
        snprintf(why, why_size, "cannot read the PE file %ls", path);
        free(file);
        return FALSE;
    }
    header_size = file_nt->OptionalHeader.SizeOfHeaders;
    if (header_size > file_size || !(headers = malloc(header_size)) || !read_memory(process, base, headers, header_size) ||
        !(mem_nt = nt_headers(headers, header_size)))
    {
        snprintf(why, why_size, "cannot read the image's headers at %p", base);
        goto done;
    }
    /* The loader may record the base it chose; everything else is the file's. */
    ((IMAGE_NT_HEADERS *)mem_nt)->OptionalHeader.ImageBase = file_nt->OptionalHeader.ImageBase;
    if (memcmp(headers, file, header_size))
    {
        snprintf(why, why_size, "PE headers differ (image size %#lx, file's %#lx; timestamp %#lx, file's %#lx)",
                 mem_nt->OptionalHeader.SizeOfImage, file_nt->OptionalHeader.SizeOfImage,
                 mem_nt->FileHeader.TimeDateStamp, file_nt->FileHeader.TimeDateStamp);
        goto done;
    }
    marks = relocated_bytes(file, file_size, file_nt);
    sec = IMAGE_FIRST_SECTION(file_nt);
    for (i = 0; i < file_nt->FileHeader.NumberOfSections; i++, sec++)
    {
        DWORD len = sec->Misc.VirtualSize ? min(sec->Misc.VirtualSize, sec->SizeOfRawData) : sec->SizeOfRawData, k;

        if (!compared_section(file_nt, sec) || !len) continue;
        if (sec->PointerToRawData + len > file_size || sec->VirtualAddress + len > file_nt->OptionalHeader.SizeOfImage)
            continue;
        free(memory);
        if (!(memory = malloc(len)) || !read_memory(process, (const BYTE *)base + sec->VirtualAddress, memory, len))
        {
            snprintf(why, why_size, "cannot read section %.8s", (const char *)sec->Name);
            goto done;
        }
        for (k = 0; k < len; k++)
            if (memory[k] != file[sec->PointerToRawData + k] && !(marks && marks[sec->VirtualAddress + k]))
            {
                snprintf(why, why_size, "section %.8s differs at offset %#lx", (const char *)sec->Name, k);
                goto done;
            }
    }
    match = TRUE;
done:
    free(memory);
    free(marks);
    free(headers);
    free(file);
    return match;
}

BOOL image_is_wine_builtin(HANDLE process, const void *base)
{
    static const char mark[] = "Wine builtin DLL";   /* winebuild writes it after the DOS header */
    char text[sizeof(mark)] = {0};
    return read_memory(process, (const BYTE *)base + sizeof(IMAGE_DOS_HEADER), text, sizeof(mark) - 1) &&
           !memcmp(text, mark, sizeof(mark) - 1);
}

unsigned int find_process_module(DWORD pid, const WCHAR *name, void **base, WCHAR *path, DWORD path_size)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPMODULE, pid);
    MODULEENTRY32W entry = { .dwSize = sizeof(entry) };
    unsigned int count = 0;

    *base = NULL;
    if (path_size) path[0] = 0;
    if (snap == INVALID_HANDLE_VALUE) return 0;
    if (Module32FirstW(snap, &entry))
        do
        {
            if (lstrcmpiW(entry.szModule, name)) continue;
            if (!count++)
            {
                *base = entry.modBaseAddr;
                if (path_size) lstrcpynW(path, entry.szExePath, path_size);
            }
        } while (Module32NextW(snap, &entry));
    CloseHandle(snap);
    return count;
}

unsigned int process_ids_by_name(const WCHAR *name, DWORD *pids, unsigned int max)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    PROCESSENTRY32W entry = { .dwSize = sizeof(entry) };
    unsigned int count = 0;

    if (snap == INVALID_HANDLE_VALUE) return 0;
    if (Process32FirstW(snap, &entry))
        do
        {
            if (lstrcmpiW(entry.szExeFile, name)) continue;
            if (count < max) pids[count] = entry.th32ProcessID;
            count++;
        } while (Process32NextW(snap, &entry));
    CloseHandle(snap);
    return count;
}

DWORD service_process_id(const WCHAR *name)
{
    SC_HANDLE manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT), service = NULL;
    SERVICE_STATUS_PROCESS status = {0};
    DWORD needed;

    if (manager) service = OpenServiceW(manager, name, SERVICE_QUERY_STATUS);
    if (service && !QueryServiceStatusEx(service, SC_STATUS_PROCESS_INFO, (BYTE *)&status, sizeof(status), &needed))
        status.dwProcessId = 0;
    if (service) CloseServiceHandle(service);
    if (manager) CloseServiceHandle(manager);
    return status.dwCurrentState == SERVICE_RUNNING ? status.dwProcessId : 0;
}

HMODULE vtable_module(const void *iface)
{
    HMODULE module = NULL;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       *(void *const *)iface, &module);
    return module;
}
