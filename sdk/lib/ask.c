/* ask: the type check of a state's question (fb_ask), shared by the host's
 * dispatcher and the test kit's stand-in host so both judge input alike. */
#include <stdio.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* Characters (UTF-8 code points) in [s, e). */
static int64_t utf8_len(const char *s, const char *e)
{
    int64_t n = 0;

    for (; s < e; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int check_text(const fb_ask *a, const char *text, char *value,
                      size_t len)
{
    const char *s, *e;
    int64_t n;

    fb__span_trim(text, &s, &e);
    n = utf8_len(s, e);
    if (n == 0 || (a->min > 0 && n < a->min) || (a->max > 0 && n > a->max) ||
        (size_t)(e - s) >= len)
        return -1;
    memcpy(value, s, (size_t)(e - s));
    value[e - s] = '\0';
    return 0;
}

static int check_int(const fb_ask *a, const char *text, char *value,
                     size_t len)
{
    int64_t v, lo = a->min, hi = a->max;

    if (lo == 0 && hi == 0)
        lo = INT64_MIN, hi = INT64_MAX;
    if (fb_parse_int64(text, lo, hi, &v) != 0 || len < 21)
        return -1;
    fb_int64_str(v, value);
    return 0;
}

static int check_money(const fb_ask *a, const char *text, char *value,
                       size_t len)
{
    int64_t paise;

    if (fb_money_parse(text, &paise) != 0 || len < 21)
        return -1;
    if (a->max > 0 && (paise < a->min || paise > a->max))
        return -1;
    fb_int64_str(paise, value);
    return 0;
}

static int check_date(const char *text, char *value, size_t len)
{
    fb_date d;

    if (fb_parse_date(text, &d) != 0 || len < 11)
        return -1;
    fb_date_str(&d, value);
    return 0;
}

/* See sdk.h. */
int fb__ask_input(const fb_ask *a, fb_update_kind kind, const char *text,
                  char *value, size_t len)
{
    if (!a || !value || len == 0)
        return -1;
    value[0] = '\0';
    if (a->type == FB_IN_ANY)
        return snprintf(value, len, "%s", text ? text : "") < (int)len ? 0 : -1;
    if (kind != FB_UPDATE_TEXT || !text)
        return -1;
    switch (a->type) {
    case FB_IN_TEXT:
        return check_text(a, text, value, len);
    case FB_IN_INT:
        return check_int(a, text, value, len);
    case FB_IN_MONEY:
        return check_money(a, text, value, len);
    case FB_IN_DATE:
        return check_date(text, value, len);
    default:
        return -1;
    }
}
