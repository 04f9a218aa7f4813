#include <stdarg.h>
#include <stdio.h>
#include "tap.h"

static int tap_count, tap_failures;

/* A test line is one line: a value that holds line breaks (HTTP headers,
 * say) is printed with them escaped. */
static void print_message(const char *fmt, va_list args)
{
    char text[4096];
    const char *p;
    vsnprintf(text, sizeof(text), fmt, args);
    for (p = text; *p; p++)
    {
        if (*p == '\n') fputs("\\n", stdout);
        else if (*p == '\r') fputs("\\r", stdout);
        else putchar(*p);
    }
}

void tap_start(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
}

int tap_check(int pass, const char *file, int line, const char *fmt, ...)
{
    va_list args;
    printf("%s %d - ", pass ? "ok" : "not ok", ++tap_count);
    va_start(args, fmt);
    print_message(fmt, args);
    va_end(args);
    printf("\n");
    if (!pass)
    {
        tap_failures++;
        printf("# failed at %s:%d\n", file, line);
    }
    return pass;
}

int tap_check_todo(int pass, const char *reason, const char *file, int line, const char *fmt, ...)
{
    va_list args;
    printf("%s %d - ", pass ? "ok" : "not ok", ++tap_count);
    va_start(args, fmt);
    print_message(fmt, args);
    va_end(args);
    printf(" # TODO %s\n", reason);
    if (pass) printf("# %s:%d: passes now: the TODO can go\n", file, line);
    return pass;
}

int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failures ? 1 : 0;
}
