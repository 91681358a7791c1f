/* fmt: the printf walker behind fb_strf, fb_jsonf, fb_cbf and fb_answerf
 * (ABI 1.2), and values as text in the context's memory.
 *
 * Each conversion is parsed and handed to snprintf on its own with an
 * argument read at its real type, so every printf conversion behaves as in
 * printf; only "%s" differs: it is escaped for the mode, and "%-s" (a
 * literal '-') inserts the argument as it is. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

#define FMT_LIMIT 65536 /* the largest width or precision */

static const char OOM[] = "out of memory";
static const char UNSUPPORTED[] = "unsupported conversion";

/* A growing output buffer (malloc'd; copied to the context at the end). */
typedef struct dbuf {
    char *p;
    size_t n, cap;
} dbuf;

/* One parsed conversion. */
typedef struct spec {
    char flags[8]; /* distinct printf flags as written */
    int raw;       /* a literal '-': "%-s" inserts as it is */
    int left;      /* a negative '*' width: pad on the right */
    int width;     /* -1: none */
    int prec;      /* -1: none */
    char len[3];   /* "", "hh", "h", "l", "ll", "z", "j", "t", "L" */
    char conv;
} spec;

/* Room for more bytes and a terminator. Returns 0 or -1. */
static int reserve(dbuf *b, size_t more)
{
    size_t cap = b->cap ? b->cap : 64;
    char *p;

    if (more > SIZE_MAX / 4 - b->n)
        return -1;
    while (cap < b->n + more + 1)
        cap *= 2;
    if (cap == b->cap)
        return 0;
    p = realloc(b->p, cap);
    if (!p)
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

static int put(dbuf *b, const char *s, size_t n)
{
    if (reserve(b, n) != 0)
        return -1;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

static int put_pad(dbuf *b, size_t n)
{
    while (n-- > 0)
        if (put(b, " ", 1) != 0)
            return -1;
    return 0;
}

static int put_html(dbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *e = fb__html_entity(s[i]);
        if (put(b, e ? e : s + i, e ? strlen(e) : 1) != 0)
            return -1;
    }
    return 0;
}

/* JSON string escapes: the quote, the backslash, control characters. */
static int put_json(dbuf *b, const char *s, size_t n)
{
    static const char from[] = "\"\\\b\f\n\r\t", to[] = "\"\\bfnrt";
    char esc[8];

    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        const char *k = ch ? strchr(from, ch) : NULL;
        int rc;
        if (k) {
            esc[0] = '\\';
            esc[1] = to[k - from];
            rc = put(b, esc, 2);
        } else if (ch < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", ch);
            rc = put(b, esc, 6);
        } else {
            rc = put(b, s + i, 1);
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int put_text(dbuf *b, fb__fmt_mode mode, const char *s, size_t n)
{
    switch (mode) {
    case FB__FMT_HTML:
        return put_html(b, s, n);
    case FB__FMT_JSON:
        return put_json(b, s, n);
    default:
        return put(b, s, n);
    }
}

/* The bytes of s up to at most max, not splitting a UTF-8 character. */
static size_t utf8_floor(const char *s, size_t max)
{
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* "%s": precision cuts the argument, width pads it (both in bytes of the
 * argument before escaping), then it is escaped for the mode. */
static const char *put_str(dbuf *b, const spec *s, fb__fmt_mode mode,
                           const char *arg)
{
    size_t n, pad;

    if (!arg)
        arg = "";
    n = strlen(arg);
    if (s->prec >= 0 && (size_t)s->prec < n)
        n = utf8_floor(arg, (size_t)s->prec);
    pad = s->width > 0 && (size_t)s->width > n ? (size_t)s->width - n : 0;
    if ((!s->left && put_pad(b, pad) != 0) ||
        put_text(b, s->raw ? FB__FMT_PLAIN : mode, arg, n) != 0 ||
        (s->left && put_pad(b, pad) != 0))
        return OOM;
    return NULL;
}

/* snprintf one conversion (pf) onto the buffer. */
static const char *putf(dbuf *b, const char *pf, ...)
{
    va_list ap, aq;
    const char *why = NULL;
    int n;

    va_start(ap, pf);
    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, pf, ap);
    if (n < 0)
        why = UNSUPPORTED;
    else if (reserve(b, (size_t)n) != 0)
        why = OOM;
    else
        b->n += (size_t)vsnprintf(b->p + b->n, (size_t)n + 1, pf, aq);
    va_end(aq);
    va_end(ap);
    return why;
}

/* A decimal number of the format ('*' read from ap), at most FMT_LIMIT. */
static const char *number(const char **f, int *out, va_list *ap)
{
    long v = 0;

    if (**f == '*') {
        (*f)++;
        *out = va_arg(*ap, int);
        return *out > -FMT_LIMIT && *out < FMT_LIMIT ? NULL
                                                     : "width over 65536";
    }
    while (**f >= '0' && **f <= '9') {
        v = v * 10 + (*(*f)++ - '0');
        if (v > FMT_LIMIT)
            return "width or precision over 65536";
    }
    *out = (int)v;
    return NULL;
}

static void parse_flags(const char **f, spec *s)
{
    size_t n = 0;

    for (; **f && strchr("-+ #0'", **f); (*f)++)
        if (!memchr(s->flags, **f, n) && n < sizeof s->flags - 1)
            s->flags[n++] = **f;
    s->raw = memchr(s->flags, '-', n) != NULL;
}

static void parse_length(const char **f, spec *s)
{
    const char *p = *f;

    if ((p[0] == 'h' || p[0] == 'l') && p[1] == p[0]) {
        memcpy(s->len, p, 2);
        *f += 2;
    } else if (*p && strchr("hlzjtL", *p)) {
        s->len[0] = *p;
        *f += 1;
    }
}

/* Parse the conversion after a '%' (reading '*' arguments from ap). */
static const char *parse_spec(const char **f, spec *s, va_list *ap)
{
    const char *why;

    memset(s, 0, sizeof *s);
    s->width = s->prec = -1;
    parse_flags(f, s);
    if (**f == '*' || (**f >= '1' && **f <= '9')) {
        int w;
        if ((why = number(f, &w, ap)))
            return why;
        s->left = w < 0;
        s->width = w < 0 ? -w : w;
    }
    if (**f == '.') {
        (*f)++;
        if ((why = number(f, &s->prec, ap)))
            return why;
        if (s->prec < 0)
            s->prec = -1;
    }
    parse_length(f, s);
    s->conv = **f;
    if (!s->conv)
        return "incomplete conversion";
    (*f)++;
    return NULL;
}

/* The snprintf format of s with length modifier len. */
static void build(char *pf, size_t size, const spec *s, const char *len)
{
    int n =
        snprintf(pf, size, "%%%s%s", s->flags, s->left && !s->raw ? "-" : "");
    if (s->width >= 0)
        n += snprintf(pf + n, size - (size_t)n, "%d", s->width);
    if (s->prec >= 0)
        n += snprintf(pf + n, size - (size_t)n, ".%d", s->prec);
    snprintf(pf + n, size - (size_t)n, "%s%c", len, s->conv);
}

static int is(const spec *s, const char *len)
{
    return !strcmp(s->len, len);
}

static intmax_t signed_arg(const spec *s, va_list *ap)
{
    if (is(s, "hh"))
        return (signed char)va_arg(*ap, int);
    if (is(s, "h"))
        return (short)va_arg(*ap, int);
    if (is(s, "l"))
        return va_arg(*ap, long);
    if (is(s, "ll"))
        return va_arg(*ap, long long);
    if (is(s, "z"))
        return (ptrdiff_t)va_arg(*ap, size_t);
    if (is(s, "j"))
        return va_arg(*ap, intmax_t);
    if (is(s, "t"))
        return va_arg(*ap, ptrdiff_t);
    return va_arg(*ap, int);
}

static uintmax_t unsigned_arg(const spec *s, va_list *ap)
{
    if (is(s, "hh"))
        return (unsigned char)va_arg(*ap, unsigned);
    if (is(s, "h"))
        return (unsigned short)va_arg(*ap, unsigned);
    if (is(s, "l"))
        return va_arg(*ap, unsigned long);
    if (is(s, "ll"))
        return va_arg(*ap, unsigned long long);
    if (is(s, "z"))
        return va_arg(*ap, size_t);
    if (is(s, "j"))
        return va_arg(*ap, uintmax_t);
    if (is(s, "t"))
        return (size_t)va_arg(*ap, ptrdiff_t);
    return va_arg(*ap, unsigned);
}

static const char *put_float(dbuf *b, const spec *s, va_list *ap)
{
    char pf[48];

    if (is(s, "L")) {
        build(pf, sizeof pf, s, "L");
        return putf(b, pf, va_arg(*ap, long double));
    }
    if (!is(s, "") && !is(s, "l"))
        return UNSUPPORTED;
    build(pf, sizeof pf, s, "");
    return putf(b, pf, va_arg(*ap, double));
}

/* Insert one conversion. */
static const char *put_conv(dbuf *b, const spec *s, fb__fmt_mode mode,
                            va_list *ap)
{
    char pf[48];

    if (s->conv && strchr("diuoxX", s->conv)) {
        if (is(s, "L"))
            return UNSUPPORTED;
        build(pf, sizeof pf, s, "j");
        if (s->conv == 'd' || s->conv == 'i')
            return putf(b, pf, signed_arg(s, ap));
        return putf(b, pf, unsigned_arg(s, ap));
    }
    if (s->conv && strchr("eEfFgGaA", s->conv))
        return put_float(b, s, ap);
    if (s->conv == '%')
        return put(b, "%", 1) ? OOM : NULL;
    if (s->len[0]) /* %lc, %ls, %hp ...: no wide characters */
        return UNSUPPORTED;
    if (s->conv == 's')
        return put_str(b, s, mode, va_arg(*ap, const char *));
    build(pf, sizeof pf, s, "");
    if (s->conv == 'c')
        return putf(b, pf, va_arg(*ap, int));
    if (s->conv == 'p')
        return putf(b, pf, va_arg(*ap, void *));
    return UNSUPPORTED; /* %n among them */
}

static const char *walk(dbuf *b, fb__fmt_mode mode, const char *f, va_list *ap)
{
    const char *pct, *why;
    spec s;

    while ((pct = strchr(f, '%'))) {
        if (put(b, f, (size_t)(pct - f)) != 0)
            return OOM;
        f = pct + 1;
        if ((why = parse_spec(&f, &s, ap)) || (why = put_conv(b, &s, mode, ap)))
            return why;
    }
    return put(b, f, strlen(f)) ? OOM : NULL;
}

/* Internal: see sdkutil.h. */
char *fb__vformat(fb_ctx *c, const char *who, fb__fmt_mode mode,
                  const char *fmt, va_list ap)
{
    dbuf b = {NULL, 0, 0};
    const char *why = "NULL format";
    char *out = NULL;
    va_list aq;

    if (fmt) {
        va_copy(aq, ap);
        why = walk(&b, mode, fmt, &aq);
        va_end(aq);
    }
    if (why)
        fb__failf(c, "%s: %s in \"%.60s\"", who, why, fmt ? fmt : "");
    else
        out = fb__strndup(c, who, b.p ? b.p : "", b.n);
    free(b.p);
    return out;
}

/* See sdk.h. NULL (context failed) on a bad format or out of memory. */
char *fb_vstrf(fb_ctx *c, const char *fmt, va_list ap)
{
    return fb__vformat(c, "fb_strf", FB__FMT_HTML, fmt, ap);
}

/* See sdk.h. */
char *fb_strf(fb_ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = fb__vformat(c, "fb_strf", FB__FMT_HTML, fmt, ap);
    va_end(ap);
    return s;
}

/* See sdk.h. */
char *fb_jsonf(fb_ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = fb__vformat(c, "fb_jsonf", FB__FMT_JSON, fmt, ap);
    va_end(ap);
    return s;
}

/* See sdk.h. */
char *fb_plainf(fb_ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = fb__vformat(c, "fb_plainf", FB__FMT_PLAIN, fmt, ap);
    va_end(ap);
    return s;
}

/* See sdk.h. NULL (context failed) when out of memory. */
char *fb_esc(fb_ctx *c, const char *s)
{
    dbuf b = {NULL, 0, 0};
    char *out = NULL;

    if (!s)
        s = "";
    if (put_html(&b, s, strlen(s)) == 0)
        out = fb__strndup(c, "fb_esc", b.p ? b.p : "", b.n);
    else
        fb__failf(c, "fb_esc: out of memory");
    free(b.p);
    return out;
}

/* See sdk.h. NULL (context failed) when out of memory. */
const char *fb_id_str(fb_ctx *c, int64_t v)
{
    char *buf = fb__alloc(c, "fb_id_str", 21);

    return buf ? fb_int64_str(v, buf) : NULL;
}

/* See sdk.h. NULL (context failed) when out of memory. */
const char *fb_money_str(fb_ctx *c, int64_t paise)
{
    char *buf = fb__alloc(c, "fb_money_str", 48);

    if (buf && fb_money_format(paise, buf, 48) != 0) {
        fb__failf(c, "fb_money_str: cannot format %" PRId64, paise);
        return NULL;
    }
    return buf;
}

/* See sdk.h. NULL (context failed) when out of memory. */
const char *fb_date_text(fb_ctx *c, fb_date d)
{
    char *buf = fb__alloc(c, "fb_date_text", 11);

    return buf ? fb_date_str(&d, buf) : NULL;
}
