/* gst_store: the fields of an item and of a rate (fields.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <fitbot/sdk.h>

#include "fields.h"
#include "texts.h"

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}
static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static int is_alpha(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}
static char up(char ch)
{
    return ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
}

/* s without its surrounding spaces: *len bytes from the result. */
static const char *span(const char *s, size_t *len)
{
    size_t n;

    if (!s)
        s = "";
    while (is_space(*s))
        s++;
    n = strlen(s);
    while (n && is_space(s[n - 1]))
        n--;
    *len = n;
    return s;
}

/* The number of UTF-8 characters of s[0..n), -1 when it is not UTF-8 or
 * holds a control character. */
static long utf8_chars(const unsigned char *s, size_t n)
{
    long chars = 0;

    for (size_t i = 0; i < n; chars++) {
        unsigned char b = s[i];
        size_t need;
        uint32_t cp;

        if (b < 0x20 || b == 0x7f)
            return -1;
        if (b < 0x80) {
            i++;
            continue;
        }
        if (b >= 0xC2 && b <= 0xDF)
            need = 1, cp = b & 0x1F;
        else if (b >= 0xE0 && b <= 0xEF)
            need = 2, cp = b & 0x0F;
        else if (b >= 0xF0 && b <= 0xF4)
            need = 3, cp = b & 0x07;
        else
            return -1;
        if (i + need >= n)
            return -1;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return -1;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
            (cp >= 0x80 && cp < 0xA0))
            return -1;
        i += need + 1;
    }
    return chars;
}

/* See fields.h. */
const char *fb__gst_serial(const char *s, char out[ITEM_SERIAL_MAX + 1])
{
    size_t n;
    const char *p = span(s, &n);

    out[0] = '\0';
    if (n == 0)
        return R_EMPTY;
    if (n > ITEM_SERIAL_MAX)
        return R_SERIAL;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(p[i]) && !is_alpha(p[i]) && !strchr("-_/.", p[i]))
            return R_SERIAL;
    for (size_t i = 0; i < n; i++)
        out[i] = up(p[i]);
    out[n] = '\0';
    return NULL;
}

/* See fields.h. */
const char *fb__gst_name(const char *s, char out[ITEM_NAME_BYTES])
{
    size_t n;
    const char *p = span(s, &n);
    long chars;

    out[0] = '\0';
    if (n == 0)
        return R_EMPTY;
    chars = utf8_chars((const unsigned char *)p, n);
    if (chars < 0)
        return R_NAME_CHARS;
    if (chars > ITEM_NAME_MAX || n >= ITEM_NAME_BYTES)
        return R_NAME_LONG;
    memcpy(out, p, n);
    out[n] = '\0';
    return NULL;
}

/* Digits only, of one of the lengths in the 0-ended list ok. */
static const char *digits(const char *s, char out[HSN_MAX + 1],
                          const int *ok, const char *why)
{
    size_t n;
    const char *p = span(s, &n);
    int fits = 0;

    out[0] = '\0';
    if (n == 0)
        return R_EMPTY;
    for (const int *k = ok; *k; k++)
        fits |= (size_t)*k == n;
    for (size_t i = 0; i < n; i++)
        fits &= is_digit(p[i]);
    if (!fits)
        return why;
    memcpy(out, p, n);
    out[n] = '\0';
    return NULL;
}

/* See fields.h. */
const char *fb__gst_hsn(const char *s, char out[HSN_MAX + 1])
{
    static const int ok[] = {4, 6, 8, 0};

    return digits(s, out, ok, R_HSN);
}

/* See fields.h. */
const char *fb__gst_hsn_prefix(const char *s, char out[HSN_MAX + 1])
{
    static const int ok[] = {2, 4, 6, 8, 0};

    return digits(s, out, ok, R_HSN_PREFIX);
}

/* See fields.h. */
const char *fb__gst_unit(const char *s, char out[ITEM_UNIT_MAX + 1])
{
    size_t n;
    const char *p = span(s, &n);

    out[0] = '\0';
    if (n == 0)
        return R_EMPTY;
    if (n > ITEM_UNIT_MAX)
        return R_UNIT;
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(p[i]))
            return R_UNIT;
    for (size_t i = 0; i < n; i++)
        out[i] = up(p[i]);
    out[n] = '\0';
    return NULL;
}

/* See fields.h. */
const char *fb__gst_mrp(const char *s, int64_t *paise)
{
    size_t n;
    const char *p = span(s, &n);
    char buf[64];
    int64_t v;

    *paise = 0;
    if (n == 0)
        return R_EMPTY;
    if (n >= sizeof buf)
        return R_MRP;
    memcpy(buf, p, n);
    buf[n] = '\0';
    if (fb_money_parse(buf, &v) != 0 || v < 1 || v > MRP_MAX)
        return R_MRP;
    *paise = v;
    return NULL;
}

/* See fields.h. */
const char *fb__gst_rate(const char *s, int *bp)
{
    size_t n, i = 0, whole = 0, frac = 0;
    const char *p = span(s, &n);
    int v = 0;

    *bp = 0;
    if (n == 0)
        return R_EMPTY;
    if (p[n - 1] == '%')
        for (n--; n && is_space(p[n - 1]);)
            n--;
    for (; i < n && is_digit(p[i]) && whole < 3; i++, whole++)
        v = v * 10 + (p[i] - '0');
    v *= 100;
    if (i < n && p[i] == '.') {
        int scale = 10;

        for (i++; i < n && is_digit(p[i]) && frac < 2; i++, frac++) {
            v += (p[i] - '0') * scale;
            scale /= 10;
        }
        if (frac == 0)
            return R_RATE;
    }
    if (i != n || whole == 0 || v > RATE_BP_MAX)
        return R_RATE;
    *bp = v;
    return NULL;
}

/* See fields.h. */
const char *fb__gst_active(const char *s, int *active)
{
    static const char *const yes[] = {"1", "yes", "y", "true", "active"};
    static const char *const no[] = {"0", "no", "n", "false", "inactive"};
    size_t n;
    const char *p = span(s, &n);

    *active = 1;
    if (n == 0)
        return NULL;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strlen(yes[i]) == n && strncasecmp(p, yes[i], n) == 0)
            return NULL;
        if (strlen(no[i]) == n && strncasecmp(p, no[i], n) == 0) {
            *active = 0;
            return NULL;
        }
    }
    return R_ACTIVE;
}

/* See fields.h. */
char *fb__gst_rate_text(int bp, char buf[RATE_TEXT_BYTES])
{
    if (bp < 0 || bp > RATE_BP_MAX)
        bp = 0;
    if (bp % 100 == 0)
        snprintf(buf, RATE_TEXT_BYTES, "%d", bp / 100);
    else if (bp % 10 == 0)
        snprintf(buf, RATE_TEXT_BYTES, "%d.%d", bp / 100, bp % 100 / 10);
    else
        snprintf(buf, RATE_TEXT_BYTES, "%d.%02d", bp / 100, bp % 100);
    return buf;
}

/* See fields.h. */
char *fb__gst_rupees(int64_t paise, char buf[24])
{
    if (paise < 0)
        paise = 0;
    snprintf(buf, 24, "%" PRId64 ".%02d", paise / 100, (int)(paise % 100));
    return buf;
}
