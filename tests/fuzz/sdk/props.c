/* Properties of the libfitbot-sdk parsers (see props.h). */
#include "props.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fitbot/sdk.h"

#define MAX_INPUT 256

static int fail(const char *what, const char *s)
{
    fprintf(stderr, "property broken: %s on input \"%s\"\n", what, s);
    return 1;
}

/* Reference parser: strtoll on the trimmed text, digits and one leading
 * '-' only. Returns 0 and *v, or -1 for refused input. */
static int reference_int64(const char *s, int64_t *v)
{
    char buf[MAX_INPUT + 1], *end;
    const char *p;
    size_t i;

    if (fb_trim(s, buf, sizeof buf) != 0 || buf[0] == '\0')
        return -1;
    for (i = 0; buf[i]; i++)
        if (!isdigit((unsigned char)buf[i]) && !(i == 0 && buf[i] == '-'))
            return -1;
    p = buf[0] == '-' ? buf + 1 : buf;
    if (*p == '\0')
        return -1;
    errno = 0;
    *v = strtoll(buf, &end, 10);
    return errno == ERANGE || *end ? -1 : 0;
}

/* A refused input gives one of the documented codes and leaves *out 0. */
static int refused_clean(int rc, int64_t out, const char *what, const char *s)
{
    if (rc != 0 &&
        (out != 0 || (rc != FB_E_EMPTY && rc != FB_E_JUNK && rc != FB_E_RANGE)))
        return fail(what, s);
    return 0;
}

static int check_int64(const char *s)
{
    int64_t v = 77, ref = 0, back = 0;
    char num[21];
    int rc = fb_parse_int64(s, INT64_MIN, INT64_MAX, &v);
    int refrc = reference_int64(s, &ref);

    if (refused_clean(rc, v, "fb_parse_int64 refusal: a code and *out 0", s))
        return 1;

    if ((rc == 0) != (refrc == 0) || (rc == 0 && v != ref))
        return fail("fb_parse_int64 agrees with strtoll", s);
    if (rc == 0 && (fb_parse_int64(fb_int64_str(v, num), INT64_MIN, INT64_MAX,
                                   &back) != 0 ||
                    back != v))
        return fail("fb_int64_str round trip", s);
    v = 77;
    rc = fb_parse_id(s, &v);
    if (refused_clean(rc, v, "fb_parse_id refusal: a code and *out 0", s))
        return 1;
    if (rc == 0 && (refrc != 0 || v != ref || v < 1))
        return fail("fb_parse_id accepts only positive ids", s);
    if (rc != 0 && refrc == 0 && ref >= 1)
        return fail("fb_parse_id accepts every positive id", s);
    return 0;
}

static int check_money(const char *s)
{
    int64_t p = 77, back = 0;
    char buf[48];
    int rc = fb_money_parse(s, &p);

    if (refused_clean(rc, p, "fb_money_parse refusal: a code and 0 paise", s))
        return 1;
    if (rc != 0)
        return 0;
    if (p < 0)
        return fail("fb_money_parse never negative", s);
    if (fb_money_format(p, buf, sizeof buf) != 0)
        return fail("fb_money_format formats every amount", s);
    if (fb_money_format(p, buf, strlen(buf)) != FB_E_TOOLONG || buf[0])
        return fail("fb_money_format too short a buffer: TOOLONG and \"\"", s);
    fb_money_format(p, buf, sizeof buf);
    if (fb_money_parse(buf, &back) != 0 || back != p)
        return fail("money format/parse round trip", s);
    return 0;
}

/* Undo the four entities; returns 0 if every '&' started one. */
static int unescape(const char *e, char *out)
{
    static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;"};
    static const char ch[] = "&<>\"";
    size_t i;

    while (*e) {
        if (*e != '&') {
            *out++ = *e++;
            continue;
        }
        for (i = 0; i < 4 && strncmp(e, ent[i], strlen(ent[i])); i++)
            ;
        if (i == 4)
            return -1;
        *out++ = ch[i];
        e += strlen(ent[i]);
    }
    *out = '\0';
    return 0;
}

static int check_html(const char *s)
{
    char esc[MAX_INPUT * 6 + 1], back[MAX_INPUT + 1];

    if (fb_html_escape(s, esc, sizeof esc) != 0)
        return fail("fb_html_escape fits 6x", s);
    if (strpbrk(esc, "<>\""))
        return fail("no raw < > \" after escape", s);
    if (unescape(esc, back) != 0 || strcmp(back, s) != 0)
        return fail("html escape round trip", s);
    return 0;
}

static int check_cbdata(const char *s)
{
    static const char *const prefixes[] = {"", "usr:", "u", "a:b:"};
    const char *fields[8];
    char copy[65], again[65];
    size_t i;
    int n;

    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        n = fb_cbdata_split(s, prefixes[i], copy, sizeof copy, fields, 8);
        if (n < 0 && n != FB_E_JUNK && n != FB_E_TOOLONG && n != FB_E_RANGE)
            return fail("split refuses with a documented code", s);
        if (n < 0 && strlen(s) > 64 && n != FB_E_TOOLONG)
            return fail("split refuses over 64 bytes as TOOLONG", s);
        if (n < 0)
            continue;
        if (strlen(s) > 64)
            return fail("split refuses over 64 bytes", s);
        if (fb_cbdata(again, sizeof again, prefixes[i], n, fields) != 0) {
            if (again[0] != '\0')
                return fail("cbdata refusal leaves buf \"\"", s);
            if (s[0] != '\0')
                return fail("split fields rebuild", s);
        } else if (strcmp(again, s) != 0) {
            return fail("cbdata split/build round trip", s);
        }
    }
    return 0;
}

static int check_json(const char *s)
{
    char buf[64];
    int64_t v;

    /* only memory safety and consistent outputs on failure */
    if (fb_json_get_str(s, "a", buf, sizeof buf) != 0 && buf[0] != '\0')
        return fail("json str failure leaves \"\"", s);
    if (fb_json_get_int64(s, "a", &v) != 0 && v != 0)
        return fail("json int failure leaves 0", s);
    return 0;
}

static int check_date(const char *s)
{
    static const fb_date zero;
    fb_date d = {2000, 1, 1}, back;
    char iso[11];
    int rc = fb_parse_date(s, &d);

    if (rc != 0 && (memcmp(&d, &zero, sizeof d) != 0 ||
                    (rc != FB_E_EMPTY && rc != FB_E_JUNK && rc != FB_E_RANGE)))
        return fail("fb_parse_date refusal: a code and the date zeroed", s);
    if (rc != 0)
        return 0;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
        return fail("fb_parse_date gives a real month and day", s);
    if (fb_parse_date(fb_date_str(&d, iso), &back) != 0 ||
        memcmp(&d, &back, sizeof d) != 0)
        return fail("date format/parse round trip", s);
    return 0;
}

/* fb__ask_input on s as text for each question: an accepted answer is
 * canonical, within range, and reads back to what the parsers give. */
static int check_ask_int(const char *s)
{
    static const int64_t bounds[][2] = {
        {0, 0}, {1, 5}, {-100, 100}, {INT64_MIN + 1, 0}};
    char value[64];
    int64_t v, want;

    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        fb_ask a = {
            .type = FB_IN_INT, .min = bounds[i][0], .max = bounds[i][1]};
        int64_t lo = a.min || a.max ? a.min : INT64_MIN;
        int64_t hi = a.min || a.max ? a.max : INT64_MAX;
        int rc = fb__ask_input(&a, FB_UPDATE_TEXT, s, value, sizeof value);
        int ref = fb_parse_int64(s, lo, hi, &want);
        if ((rc == 0) != (ref == 0))
            return fail("ask int accepts what fb_parse_int64 accepts", s);
        if (rc != 0)
            continue;
        if (fb_parse_int64(value, INT64_MIN, INT64_MAX, &v) != 0 || v != want ||
            v < lo || v > hi)
            return fail("ask int value parses back within range", s);
        if (fb__ask_input(&a, FB_UPDATE_CALLBACK, s, value, sizeof value) ==
                0 ||
            fb__ask_input(&a, FB_UPDATE_TEXT, s, value, 20) == 0)
            return fail("ask int refuses a press or a short buffer", s);
    }
    return 0;
}

static int check_ask_money(const char *s)
{
    static const int64_t bounds[][2] = {{0, 0}, {100, 100000}};
    char value[64], shown[48];
    int64_t p, back;

    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        fb_ask a = {
            .type = FB_IN_MONEY, .min = bounds[i][0], .max = bounds[i][1]};
        if (fb__ask_input(&a, FB_UPDATE_TEXT, s, value, sizeof value) != 0)
            continue;
        if (fb_parse_int64(value, 0, INT64_MAX, &p) != 0 ||
            (a.max > 0 && (p < a.min || p > a.max)))
            return fail("ask money value is paise within range", s);
        if (fb_money_format(p, shown, sizeof shown) != 0 ||
            fb_money_parse(shown, &back) != 0 || back != p)
            return fail("ask money formats and re-parses to the same paise", s);
    }
    return 0;
}

static int check_ask_text(const char *s)
{
    fb_ask a = {.type = FB_IN_TEXT, .min = 2, .max = 10};
    char value[MAX_INPUT + 1];
    size_t n, chars = 0;

    if (fb__ask_input(&a, FB_UPDATE_TEXT, s, value, sizeof value) != 0)
        return 0;
    n = strlen(value);
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)value[i] & 0xC0) != 0x80;
    if (chars < 2 || chars > 10 || isspace((unsigned char)value[0]) ||
        isspace((unsigned char)value[n - 1]) || !strstr(s, value))
        return fail("ask text value is the trimmed input within 2..10", s);
    return 0;
}

static int check_ask(const char *s)
{
    fb_ask any = {.type = FB_IN_ANY}, date = {.type = FB_IN_DATE};
    char value[MAX_INPUT + 1];
    fb_date d, back;

    if (fb__ask_input(&any, FB_UPDATE_PHOTO, s, value, sizeof value) != 0 ||
        strcmp(value, s) != 0)
        return fail("ask any takes the input as it is", s);
    if (fb__ask_input(&date, FB_UPDATE_TEXT, s, value, sizeof value) == 0 &&
        (fb_parse_date(s, &d) != 0 || fb_parse_date(value, &back) != 0 ||
         memcmp(&d, &back, sizeof d) != 0 || strlen(value) != 10))
        return fail("ask date value is the ISO form of the input", s);
    return check_ask_int(s) || check_ask_money(s) || check_ask_text(s);
}

/* data as a string of at most MAX_INPUT bytes (cut at a NUL). */
static void as_string(const uint8_t *data, size_t size, char *s)
{
    if (size > MAX_INPUT)
        size = MAX_INPUT;
    memcpy(s, data, size);
    s[size] = '\0';
}

/* One entry point per parser (props.h), each on data as a string. */
#define SDK_PROPS(name, expr)                                                  \
    int name(const uint8_t *data, size_t size)                                 \
    {                                                                          \
        char s[MAX_INPUT + 1];                                                 \
        as_string(data, size, s);                                              \
        return expr;                                                           \
    }

SDK_PROPS(sdk_props_ids, check_int64(s))
SDK_PROPS(sdk_props_money, check_money(s))
SDK_PROPS(sdk_props_cbdata, check_cbdata(s))
SDK_PROPS(sdk_props_date, check_date(s))
SDK_PROPS(sdk_props_ask, check_ask(s))
SDK_PROPS(sdk_props_text,
          check_html(s) || check_json(s) || sdk_fmt_props_check(s))

/* See props.h. */
int sdk_props_check(const uint8_t *data, size_t size)
{
    return sdk_props_ids(data, size) || sdk_props_money(data, size) ||
           sdk_props_cbdata(data, size) || sdk_props_date(data, size) ||
           sdk_props_ask(data, size) || sdk_props_text(data, size);
}
