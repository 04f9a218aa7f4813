/* A minimal TAP producer: meson reads the "ok"/"not ok" lines. One count
 * per program, shared by all its files. */
#ifndef QMGRPRXY_TAP_H
#define QMGRPRXY_TAP_H

#include <stdio.h>

void tap_start(void);
int tap_check(int pass, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int tap_done(void);

#define ok(cond, ...) tap_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#endif
