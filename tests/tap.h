/* A minimal TAP producer: meson reads the "ok"/"not ok" lines. */
#ifndef QMGRPRXY_TAP_H
#define QMGRPRXY_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_count, tap_failures;

static void tap_start(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
}

static int tap_check(int pass, const char *file, int line, const char *fmt, ...)
{
    va_list args;
    printf("%s %d - ", pass ? "ok" : "not ok", ++tap_count);
    va_start(args, fmt);
    vprintf(fmt, args);
    va_end(args);
    printf("\n");
    if (!pass)
    {
        tap_failures++;
        printf("# failed at %s:%d\n", file, line);
    }
    return pass;
}

#define ok(cond, ...) tap_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failures ? 1 : 0;
}

#endif
