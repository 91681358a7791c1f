/* Calendar dates typed by people: "2030-01-15", "15/01/2030", "15-01-2030",
 * "15.01.2030". */
#include <stdio.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

static int leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int64_t days_in(int64_t y, int64_t m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && leap(y) ? 29 : mdays[m - 1];
}

/* The digits [p, p + n) as a number, or -1 if any is not a digit. */
static int64_t digits(const char *p, size_t n)
{
    int64_t v = 0;

    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* Split [p, end) into year, month, day by shape: YYYY-MM-DD, or DD?MM?YYYY
 * with ? one of / - . (the same twice). Days and months may have one
 * digit. Returns 0 or FB_E_JUNK. */
static int split_date(const char *p, const char *end, int64_t v[3])
{
    size_t n = (size_t)(end - p), a, b;

    if (n >= 8 && n <= 10 && p[4] == '-') { /* ISO: YYYY-M?M-D?D */
        const char *dash = memchr(p + 5, '-', n - 5);
        if (!dash)
            return FB_E_JUNK;
        a = (size_t)(dash - (p + 5));
        v[0] = digits(p, 4);
        v[1] = a >= 1 && a <= 2 ? digits(p + 5, a) : -1;
        b = n - 6 - a;
        v[2] = b >= 1 && b <= 2 ? digits(dash + 1, b) : -1;
    } else { /* D?D sep M?M sep YYYY */
        for (a = 0; a < n && p[a] >= '0' && p[a] <= '9'; a++)
            ;
        char sep = '\0';
        if (a < n)
            sep = p[a];
        if ((sep != '/' && sep != '-' && sep != '.') || a < 1 || a > 2)
            return FB_E_JUNK;
        for (b = a + 1; b < n && p[b] != sep; b++)
            ;
        if (b >= n || b - a - 1 < 1 || b - a - 1 > 2 || n - b - 1 != 4)
            return FB_E_JUNK;
        v[2] = digits(p, a);
        v[1] = digits(p + a + 1, b - a - 1);
        v[0] = digits(p + b + 1, 4);
    }
    return v[0] < 0 || v[1] < 0 || v[2] < 0 ? FB_E_JUNK : 0;
}

/* See sdk.h. */
int fb_parse_date(const char *s, fb_date *out)
{
    const char *p, *end;
    int64_t v[3];
    int rc;

    if (!out)
        return FB_E_ARG;
    memset(out, 0, sizeof *out);
    if (!s)
        return FB_E_ARG;
    fb__span_trim(s, &p, &end);
    if (p == end)
        return FB_E_EMPTY;
    rc = split_date(p, end, v);
    if (rc == 0 && (v[0] < 1900 || v[0] > 2999 || v[1] < 1 || v[1] > 12 ||
                    v[2] < 1 || v[2] > days_in(v[0], v[1])))
        rc = FB_E_RANGE;
    if (rc == 0) {
        out->year = (int)v[0];
        out->month = (int)v[1];
        out->day = (int)v[2];
    }
    return rc;
}

/* See sdk.h. */
char *fb_date_str(const fb_date *d, char buf[11])
{
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000u,
             (unsigned)d->month % 100u, (unsigned)d->day % 100u);
    return buf;
}
