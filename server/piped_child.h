/*
 * This executable run again as a child, "<exe> <args>", its standard input
 * and output pipes of the parent's (its standard error the parent's own).
 * The child reads its input until end of file to know when to quit: the
 * parent closes *to_child. The benchmark's host process and the tests'
 * exporting children start this way.
 */
#ifndef QMGRPRXY_PIPED_CHILD_H
#define QMGRPRXY_PIPED_CHILD_H

#include <windows.h>

/* FALSE (GetLastError says why) with nothing left open, or TRUE with the
 * process, its thread and the parent's ends of both pipes for the caller
 * to close. */
BOOL piped_child_start(const WCHAR *args, PROCESS_INFORMATION *pi, HANDLE *from_child, HANDLE *to_child);

/* In the child: returns once the parent has closed its end of our input. */
void piped_child_wait_for_parent(void);

#endif
