/*
 * Which qmgrprxy.dll a process really runs. A module's path is no proof:
 * when the load order says "builtin" for a DLL registered by full path, Wine
 * maps its own builtin qmgrprxy.dll and still names the module after the
 * registered file. These helpers compare the mapped image itself with a file.
 */
#ifndef QMGRPRXY_IMAGE_IDENTITY_H
#define QMGRPRXY_IMAGE_IDENTITY_H

#include <windows.h>

/* TRUE if the image mapped at base in process (any process we may read)
 * is the PE file at path: same headers (ImageBase aside), same code and same
 * resources, except where the loader applied base relocations. why receives
 * the first difference (or "" on a match). */
BOOL image_matches_file(HANDLE process, const void *base, const WCHAR *path, char *why, size_t why_size);

/* TRUE if the image carries the "Wine builtin DLL" mark of winebuild. */
BOOL image_is_wine_builtin(HANDLE process, const void *base);

/* Base and file name of the one module called name (e.g. L"qmgrprxy.dll")
 * in process pid; returns the number of such modules (0 if none). */
unsigned int find_process_module(DWORD pid, const WCHAR *name, void **base, WCHAR *path, DWORD path_size);

/* The pids of the running processes whose executable is name (e.g.
 * L"bits_model_host.exe"), at most max of them; returns how many run. */
unsigned int process_ids_by_name(const WCHAR *name, DWORD *pids, unsigned int max);

/* The pid of a running service, 0 if it is not running. */
DWORD service_process_id(const WCHAR *service);

/* The module that holds an interface pointer's vtable (a proxy's module). */
HMODULE vtable_module(const void *iface);

#endif
