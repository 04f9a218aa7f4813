/* Shared pieces of the test programs: the interface table of
 * tests/data/bits-interfaces.tsv, the C facts of each interface as the
 * project's IDL declares it, and questions about loaded modules. */
#ifndef QMGRPRXY_TESTUTIL_H
#define QMGRPRXY_TESTUTIL_H

#include <windows.h>
#include "qmgrprxy.h"

struct table_row
{
    char name[64];
    IID iid;
    unsigned int slots;
    char methods[1024];
};

/* Reads the TSV (a Unix path); returns the number of rows, 0 on failure. */
unsigned int read_interface_table(const char *unix_path, struct table_row *rows, unsigned int max);

/* What the generated header says of an interface, looked up by name. */
struct idl_facts
{
    const char *name;
    const IID *iid;
    unsigned int vtbl_slots;
};
const struct idl_facts *idl_facts_by_name(const char *name);
extern const struct idl_facts idl_interfaces[];
extern const unsigned int idl_interface_count;

/* "/a/b" -> "Z:\a\b", the way Wine maps the Unix root. */
void unix_to_windows_path(const char *unix_path, WCHAR *out, unsigned int size);

/* The full path of the module that contains an address, or "" if none. */
void module_path_of(const void *address, WCHAR *out, unsigned int size);

/* The ProductName in a module file's version resource, or "" if none. */
void product_name_of(const WCHAR *module_path, WCHAR *out, unsigned int size);

/* TRUE if a and b are one COM object (the same IUnknown). */
BOOL same_object(void *a, void *b);

const char *guid_str(const GUID *guid);   /* static buffer, rotates 4 */
const char *wstr(const WCHAR *text);      /* UTF-8 copy in a rotating static buffer */

#endif
