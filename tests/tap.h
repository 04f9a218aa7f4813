/* A minimal TAP producer: meson reads the "ok"/"not ok" lines. One count
 * per program, shared by all its files. */
#ifndef QMGRPRXY_TAP_H
#define QMGRPRXY_TAP_H

#include <stdio.h>

void tap_start(void);
int tap_check(int pass, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int tap_done(void);
/* A check whose failure is known and explained: printed "not ok ... # TODO
 * reason" (TAP counts it as expected), and reported loudly if it passes. */
int tap_check_todo(int pass, const char *reason, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define ok(cond, ...) tap_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#endif
