/* users plugin: validation of names, phones, ages, weights, genders. */
#include "validate.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Bounds of s without surrounding ASCII whitespace. */
static void trim_bounds(const char *s, const char **b, const char **e)
{
    const char *end = s + strlen(s);

    while (*s && isspace((unsigned char)*s))
        s++;
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    *b = s;
    *e = end;
}

/* 1 for a byte a name may hold: ASCII letters and . ' - space, and the
 * bytes of 2- and 3-byte UTF-8 sequences (letters of every Indian script);
 * 4-byte sequences (emoji) and controls are refused. */
static int name_byte_ok(unsigned char ch)
{
    if (ch >= 0x80)
        return ch < 0xF0;
    return isalpha(ch) || ch == ' ' || ch == '.' || ch == '\'' || ch == '-';
}

static int is_letter_start(unsigned char ch)
{
    return isalpha(ch) || (ch >= 0xC0 && ch < 0xF0);
}

/* Copy [b, e) into out collapsing whitespace runs; counts characters. */
static usr_err copy_name(const char *b, const char *e, char *out, size_t len,
                         size_t *chars, int *letters)
{
    size_t n = 0;

    for (; b < e; b++) {
        unsigned char ch = (unsigned char)*b;
        if (isspace(ch)) {
            if (n > 0 && out[n - 1] == ' ')
                continue;
            ch = ' ';
        } else if (!name_byte_ok(ch)) {
            return USR_CHARS;
        }
        if (n + 1 >= len)
            return USR_LONG;
        out[n++] = (char)ch;
        out[n] = '\0';
        *chars += (ch & 0xC0) != 0x80;
        *letters += is_letter_start(ch);
    }
    return USR_OK;
}

/* See validate.h. */
usr_err fb__usr_check_name(const char *in, char *out, size_t len)
{
    const char *b, *e;
    size_t chars = 0;
    int letters = 0;
    usr_err rc;

    if (!out || len < 2)
        return USR_LONG;
    out[0] = '\0';
    trim_bounds(in ? in : "", &b, &e);
    if (b == e)
        return USR_EMPTY;
    rc = copy_name(b, e, out, len, &chars, &letters);
    if (rc == USR_OK && chars > USR_NAME_MAX)
        rc = USR_LONG;
    else if (rc == USR_OK && letters == 0)
        rc = USR_NO_LETTER;
    else if (rc == USR_OK && chars < USR_NAME_MIN)
        rc = USR_SHORT;
    if (rc != USR_OK)
        out[0] = '\0';
    return rc;
}

/* Gather the digits of a phone number; separators are skipped, a '+' is
 * allowed only first. Returns USR_OK or USR_CHARS / USR_PHONE_LEN. */
static usr_err phone_digits(const char *b, const char *e, char *d, int *plus)
{
    size_t n = 0;

    *plus = 0;
    if (b < e && *b == '+') {
        *plus = 1;
        b++;
    }
    for (; b < e; b++) {
        if (isdigit((unsigned char)*b)) {
            if (n >= 20)
                return USR_PHONE_LEN;
            d[n++] = *b;
        } else if (!strchr(" -.()", *b)) {
            return USR_CHARS;
        }
    }
    d[n] = '\0';
    return USR_OK;
}

/* Strip a country or trunk prefix from the digits; returns the ten-digit
 * national number or NULL with *rc set. */
static const char *national(const char *d, int plus, usr_err *rc)
{
    size_t n = strlen(d);

    *rc = USR_OK;
    if (plus) {
        if (strncmp(d, "91", 2) != 0) {
            *rc = USR_PHONE_COUNTRY;
            return NULL;
        }
        d += 2;
        n -= 2;
    } else if (n == 11 && d[0] == '0') {
        d += 1, n -= 1;
    } else if (n == 12 && strncmp(d, "91", 2) == 0) {
        d += 2, n -= 2;
    } else if (n == 14 && strncmp(d, "0091", 4) == 0) {
        d += 4, n -= 4;
    }
    if (n != 10) {
        *rc = USR_PHONE_LEN;
        return NULL;
    }
    return d;
}

/* See validate.h. */
usr_err fb__usr_check_phone(const char *in, char *out, size_t len)
{
    const char *b, *e, *ten;
    char digits[24] = "";
    int plus;
    usr_err rc;

    if (!out || len < USR_PHONE_BUF)
        return USR_LONG;
    out[0] = '\0';
    trim_bounds(in ? in : "", &b, &e);
    if (b == e)
        return USR_EMPTY;
    rc = phone_digits(b, e, digits, &plus);
    if (rc != USR_OK)
        return rc;
    ten = national(digits, plus, &rc);
    if (!ten)
        return rc;
    if (ten[0] < '6')
        return USR_PHONE_START;
    memcpy(out, "+91", 3);
    memcpy(out + 3, ten, 10);
    out[13] = '\0';
    return USR_OK;
}

/* Parse [b, e) as a plain decimal of at most 6 digits. */
static usr_err small_number(const char *b, const char *e, int *v)
{
    int n = 0;

    if (b == e)
        return USR_EMPTY;
    if (e - b > 6)
        return strspn(b, "0123456789") >= (size_t)(e - b) ? USR_RANGE
                                                          : USR_NOT_NUMBER;
    for (; b < e; b++) {
        if (!isdigit((unsigned char)*b))
            return USR_NOT_NUMBER;
        n = n * 10 + (*b - '0');
    }
    *v = n;
    return USR_OK;
}

/* See validate.h. */
usr_err fb__usr_check_age(const char *in, int *age)
{
    const char *b, *e;
    int v = 0;
    usr_err rc;

    *age = 0;
    trim_bounds(in ? in : "", &b, &e);
    rc = small_number(b, e, &v);
    if (rc == USR_OK && (v < USR_AGE_MIN || v > USR_AGE_MAX))
        rc = USR_RANGE;
    if (rc == USR_OK)
        *age = v;
    return rc;
}

/* Drop a trailing "kg" / "kgs" (any case) and the spaces before it. */
static void strip_kg(const char *b, const char **e)
{
    const char *p = *e;
    size_t n = (size_t)(p - b);

    if (n >= 3 && strncasecmp(p - 3, "kgs", 3) == 0)
        p -= 3;
    else if (n >= 2 && strncasecmp(p - 2, "kg", 2) == 0)
        p -= 2;
    while (p > b && isspace((unsigned char)p[-1]))
        p--;
    *e = p;
}

/* See validate.h. */
usr_err fb__usr_check_weight(const char *in, int *tenths)
{
    const char *b, *e, *dot;
    int whole = 0, frac = 0;
    usr_err rc;

    *tenths = 0;
    trim_bounds(in ? in : "", &b, &e);
    if (b == e)
        return USR_EMPTY;
    strip_kg(b, &e);
    for (dot = b; dot < e && *dot != '.' && *dot != ','; dot++)
        ;
    rc = small_number(b, dot, &whole);
    if (rc == USR_EMPTY)
        rc = USR_NOT_NUMBER;
    if (rc == USR_OK && dot < e) {
        if (e - dot != 2)
            return USR_NOT_NUMBER;
        rc = small_number(dot + 1, e, &frac);
    }
    if (rc != USR_OK)
        return rc;
    if (whole < USR_WEIGHT_MIN || whole * 10 + frac > USR_WEIGHT_MAX * 10)
        return USR_RANGE;
    *tenths = whole * 10 + frac;
    return USR_OK;
}

/* See validate.h. */
usr_err fb__usr_check_gender(const char *in, const char **canon)
{
    static const char *const words[][4] = {
        {"male", "m", "man", "male"},
        {"female", "f", "woman", "female"},
        {"other", "o", "others", "other"},
    };
    const char *b, *e;
    size_t i, j, n;

    *canon = NULL;
    trim_bounds(in ? in : "", &b, &e);
    n = (size_t)(e - b);
    if (n == 0)
        return USR_EMPTY;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++)
            if (strlen(words[i][j]) == n &&
                strncasecmp(b, words[i][j], n) == 0) {
                *canon = words[i][3];
                return USR_OK;
            }
    return USR_CHARS;
}

/* See validate.h. */
usr_err fb__usr_check_reason(const char *in, char *out, size_t len)
{
    const char *b, *e;
    size_t chars = 0;
    const char *p;

    out[0] = '\0';
    trim_bounds(in ? in : "", &b, &e);
    if (b == e)
        return USR_EMPTY;
    for (p = b; p < e; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (chars > USR_REASON_MAX || (size_t)(e - b) >= len)
        return USR_LONG;
    memcpy(out, b, (size_t)(e - b));
    out[e - b] = '\0';
    return USR_OK;
}

/* See validate.h. */
int fb__usr_is_skip(const char *in)
{
    const char *b, *e;

    trim_bounds(in ? in : "", &b, &e);
    return e - b == 4 && strncasecmp(b, "skip", 4) == 0;
}

/* See validate.h. */
usr_query fb__usr_query_kind(const char *in)
{
    const char *b, *e, *p;
    int digits = 0, letters = 0, other = 0;

    trim_bounds(in ? in : "", &b, &e);
    if (b == e)
        return USR_Q_JUNK;
    if (*b == '@')
        return e - b > 1 ? USR_Q_USERNAME : USR_Q_JUNK;
    for (p = b; p < e; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isdigit(ch))
            digits++;
        else if (isalpha(ch) || ch >= 0x80)
            letters++;
        else if (!strchr(" -.()+'", ch))
            other++;
    }
    if (digits && !letters && !other)
        return USR_Q_NUMBER;
    if (letters && !digits && !other)
        return USR_Q_NAME;
    return USR_Q_JUNK;
}

/* See validate.h. */
usr_err fb__usr_like_pattern(const char *in, char *out, size_t len)
{
    const char *b, *e;
    size_t n = 0;

    trim_bounds(in ? in : "", &b, &e);
    if (len < 3)
        return USR_LONG;
    out[n++] = '%';
    for (; b < e; b++) {
        if (n + 3 >= len)
            return out[0] = '\0', USR_LONG;
        if (*b == '%' || *b == '_' || *b == '\\')
            out[n++] = '\\';
        out[n++] = *b;
    }
    out[n++] = '%';
    out[n] = '\0';
    return USR_OK;
}
