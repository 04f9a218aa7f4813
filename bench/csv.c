/* The CSV rows of a run (bench.h); fields with a comma or a quote are quoted. */
#include "bench.h"

static void field(const char *text)
{
    const char *p;
    if (!text) return;
    if (!strpbrk(text, ",\"\r\n")) { fputs(text, stdout); return; }
    putchar('"');
    for (p = text; *p; p++)
    {
        if (*p == '"') putchar('"');
        putchar(*p == '\r' || *p == '\n' ? ' ' : *p);
    }
    putchar('"');
}

static void start(const char *record, const char *method, ULONG n)
{
    field(record);
    putchar(',');
    field(method);
    printf(",%lu,", n);
}

void csv_header(void)
{
    printf("record,method,n,us,calls,floor_us,channel_us,call_per_channel,detail\n");
}

void csv_result(const char *method, ULONG n, double us, unsigned int calls, double floor_us, double channel_us,
                double call_per_channel)
{
    start("result", method, n);
    printf("%.3f,%u,%.3f,", us, calls, floor_us);
    if (channel_us > 0) printf("%.3f,%.5f,\n", channel_us, call_per_channel);
    else printf(",,\n");
    fflush(stdout);
}

void csv_value(const char *record, const char *method, ULONG n, double value, const char *detail)
{
    start(record, method, n);
    printf("%.3f,,,,,", value);
    field(detail);
    putchar('\n');
    fflush(stdout);
}

void csv_note(const char *record, const char *method, ULONG n, const char *detail)
{
    start(record, method, n);
    printf(",,,,,");
    field(detail);
    putchar('\n');
    fflush(stdout);
}

void csv_note_w(const char *record, const char *method, const WCHAR *detail)
{
    char utf8[3 * MAX_PATH];
    WideCharToMultiByte(CP_UTF8, 0, detail, -1, utf8, sizeof(utf8), NULL, NULL);
    csv_note(record, method, 0, utf8);
}
