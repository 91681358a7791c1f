/* Money as int64 paise: Indian-style formatting and strict parsing. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

#define RUPEE "\xe2\x82\xb9" /* U+20B9 in UTF-8 */

/* Group the decimal digits of v Indian-style (last three, then pairs) into
 * out (>= 32 bytes). */
static void group_indian(uint64_t v, char *out)
{
    char digits[21];
    size_t n, i, o = 0;

    snprintf(digits, sizeof digits, "%" PRIu64, v);
    n = strlen(digits);
    for (i = 0; i < n; i++) {
        size_t left = n - i; /* digits still to write, this one included */
        if (i > 0 && left >= 3 && (left == 3 || (left - 3) % 2 == 0))
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

/* See sdk.h. FB_E_TOOLONG (buf "") if len is too small. */
int fb_money_format(int64_t paise, char *buf, size_t len)
{
    uint64_t mag;
    char whole[32];
    int n;

    if (!buf || len == 0)
        return FB_E_ARG;
    mag = paise < 0 ? (uint64_t)0 - (uint64_t)paise : (uint64_t)paise;
    group_indian(mag / 100, whole);
    n = snprintf(buf, len, "%s" RUPEE "%s.%02u", paise < 0 ? "-" : "", whole,
                 (unsigned)(mag % 100));
    if (n < 0 || (size_t)n >= len)
        return fb__fail(buf, len, FB_E_TOOLONG);
    return 0;
}

/* Skip an optional currency mark ("₹", "Rs", "Rs.", "INR") and the spaces
 * after it. */
static const char *skip_currency(const char *p, const char *end)
{
    static const char *const marks[] = {RUPEE, "Rs.", "Rs", "rs.", "rs", "INR"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t n = strlen(marks[i]);
        if ((size_t)(end - p) >= n && memcmp(p, marks[i], n) == 0) {
            p += n;
            while (p < end && *p == ' ')
                p++;
            return p;
        }
    }
    return p;
}

/* Check the comma grouping of the integer part [p, end): either no commas,
 * or a first group of 1-3 digits, middle groups of 2-3 and a last group of
 * exactly 3 (accepts both 1,23,456 and 123,456). */
static int check_groups(const char *p, const char *end)
{
    const char *q;
    size_t run = 0;
    int groups = 0;

    for (q = p; q < end; q++) {
        if (*q >= '0' && *q <= '9') {
            run++;
            continue;
        }
        if (*q != ',' || run == 0 || run > 3 || (groups > 0 && run < 2))
            return FB_E_JUNK;
        groups++;
        run = 0;
    }
    if (run == 0 || (groups > 0 && run != 3))
        return FB_E_JUNK;
    return 0;
}

/* Accumulate digits of [p, end) (commas skipped) into *v, times 10 each. */
static int accumulate(const char *p, const char *end, uint64_t *v)
{
    for (; p < end; p++) {
        if (*p == ',')
            continue;
        if (*v > ((uint64_t)INT64_MAX - (unsigned)(*p - '0')) / 10)
            return FB_E_RANGE;
        *v = *v * 10 + (unsigned)(*p - '0');
    }
    return 0;
}

/* Multiply *v by 10, n times, refusing overflow. */
static int scale(uint64_t *v, size_t n)
{
    for (; n > 0; n--) {
        if (*v > (uint64_t)INT64_MAX / 10)
            return FB_E_RANGE;
        *v *= 10;
    }
    return 0;
}

/* Parse the fraction [p, end): 1 or 2 digits, scaled to paise. */
static int fraction(const char *p, const char *end, uint64_t *v)
{
    size_t n = (size_t)(end - p);
    int rc;

    if (n == 0 || n > 2)
        return FB_E_JUNK;
    for (const char *q = p; q < end; q++)
        if (*q < '0' || *q > '9')
            return FB_E_JUNK;
    rc = accumulate(p, end, v);
    if (rc == 0 && n == 1)
        rc = scale(v, 1);
    return rc;
}

/* See sdk.h. On failure *paise is 0. More than two decimals and stray
 * characters are FB_E_JUNK; a minus sign or overflow is FB_E_RANGE. */
int fb_money_parse(const char *s, int64_t *paise)
{
    const char *p, *end, *dot;
    uint64_t v = 0;
    int rc;

    if (!paise)
        return FB_E_ARG;
    *paise = 0;
    if (!s)
        return FB_E_ARG;
    fb__span_trim(s, &p, &end);
    if (p == end)
        return FB_E_EMPTY;
    if (*p == '-')
        return FB_E_RANGE;
    p = skip_currency(p, end);
    for (dot = p; dot < end && *dot != '.'; dot++)
        ;
    if (dot == end)
        dot = NULL;
    rc = check_groups(p, dot ? dot : end);
    if (rc == 0)
        rc = accumulate(p, dot ? dot : end, &v);
    if (rc == 0)
        rc = dot ? fraction(dot + 1, end, &v) : scale(&v, 2);
    if (rc == 0)
        *paise = (int64_t)v;
    return rc;
}
