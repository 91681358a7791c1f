#include "sb_log.h"

#include <ctype.h>
#include <stdio.h>
#include <time.h>

static int g_on;

void fb__sb_log_enable(int on)
{
    g_on = on;
}

void fb__sb_log_call(const char *side, const char *name, int status, double ms)
{
    if (!g_on)
        return;
    char clean[65];
    size_t n = 0;
    for (const char *p = name; *p && n < sizeof(clean) - 1; p++)
        if (isalnum((unsigned char)*p) || *p == '_' || *p == '/' || *p == '-')
            clean[n++] = *p;
    clean[n] = '\0';
    char ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(stderr,
            "ts=%s level=info plugin=sandbox event=call side=%s method=%s "
            "status=%d ms=%.2f\n",
            ts, side, clean, status, ms);
}
