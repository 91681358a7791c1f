/* Strict decimal parsing of numbers and Telegram ids typed by people. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* Accumulate the digits [p, end) as a magnitude. Returns 0, or FB_E_RANGE
 * if it exceeds limit. */
static int digits_value(const char *p, const char *end, uint64_t limit,
                        uint64_t *mag)
{
    uint64_t v = 0;

    for (; p < end; p++) {
        unsigned d = (unsigned)(*p - '0');
        if (v > (limit - d) / 10)
            return FB_E_RANGE;
        v = v * 10 + d;
    }
    *mag = v;
    return 0;
}

/* Check that [p, end) holds only digits and at least one. */
static int all_digits(const char *p, const char *end)
{
    if (p == end)
        return FB_E_JUNK;
    for (; p < end; p++)
        if (*p < '0' || *p > '9')
            return FB_E_JUNK;
    return 0;
}

/* Turn sign and magnitude into an int64 within min..max. */
static int signed_value(int neg, uint64_t mag, int64_t min, int64_t max,
                        int64_t *out)
{
    int64_t v;

    if (neg)
        v = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
    else if (mag > (uint64_t)INT64_MAX)
        return FB_E_RANGE;
    else
        v = (int64_t)mag;
    if (v < min || v > max)
        return FB_E_RANGE;
    *out = v;
    return 0;
}

/* See sdk.h. On failure *out is 0. */
int fb_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
    const char *p, *end;
    uint64_t mag = 0;
    int neg = 0, rc;

    if (!out)
        return FB_E_ARG;
    *out = 0;
    if (!s || min > max)
        return FB_E_ARG;
    fb__span_trim(s, &p, &end);
    if (p == end)
        return FB_E_EMPTY;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    rc = all_digits(p, end);
    if (rc == 0 && neg && min >= 0)
        rc = FB_E_RANGE;
    if (rc == 0)
        rc = digits_value(p, end, (uint64_t)INT64_MAX + (uint64_t)neg, &mag);
    if (rc == 0)
        rc = signed_value(neg, mag, min, max, out);
    return rc;
}

/* See sdk.h. */
int fb_parse_id(const char *s, int64_t *out)
{
    return fb_parse_int64(s, 1, INT64_MAX, out);
}

/* See sdk.h. Never fails; buf must hold 21 bytes. */
char *fb_int64_str(int64_t v, char buf[21])
{
    snprintf(buf, 21, "%" PRId64, v);
    return buf;
}
