/* See lines.h: the payment lines an admin types. */
#include "lines.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <fitbot/sdk.h>

static const char *const methods[][2] = {
    {"cash", "cash"},    {"upi", "upi"},       {"gpay", "upi"},
    {"phonepe", "upi"},  {"paytm", "upi"},     {"bhim", "upi"},
    {"card", "card"},    {"debit", "card"},    {"pos", "card"},
    {"bank", "bank"},    {"neft", "bank"},     {"imps", "bank"},
    {"rtgs", "bank"},    {"transfer", "bank"}, {"cheque", "cheque"},
    {"check", "cheque"}, {"chq", "cheque"}};

/* The method a word names, or NULL. */
static const char *method_of(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strlen(methods[i][0]) == n && strncasecmp(w, methods[i][0], n) == 0)
            return methods[i][1];
    return NULL;
}

/* The paise of a word, or -1. */
static int64_t money_of(const char *w, size_t n)
{
    char buf[48];
    int64_t v;

    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, w, n);
    buf[n] = '\0';
    if (fb_money_parse(buf, &v) != 0 || v <= 0 || v > AR_PAYMENT_MAX)
        return -1;
    return v;
}

/* The next word of [*p, end): its start, *n its length; *p moves past it. */
static const char *word(const char **p, const char *end, size_t *n)
{
    const char *s = *p, *w;

    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    w = s;
    while (s < end && *s != ' ' && *s != '\t')
        s++;
    *n = (size_t)(s - w);
    *p = s;
    return w;
}

/* The reference: the rest of the line, trimmed; 0 or AR_E_REF. */
static int reference(const char *s, const char *end, char *out)
{
    size_t chars = 0, n;

    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    n = (size_t)(end - s);
    for (const char *p = s; p < end; p++) {
        unsigned char ch = (unsigned char)*p;

        if (ch < 0x20 || ch == 0x7f)
            return AR_E_REF;
        if ((ch & 0xc0) != 0x80)
            chars++;
    }
    if (chars > AR_REF_MAX || n > (size_t)AR_REF_MAX * 4)
        return AR_E_REF;
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
}

/* 1 when the word names the currency: "Rs", "Rs.", "INR", "₹". */
static int currency(const char *w, size_t n)
{
    static const char *const words[] = {"rs", "rs.", "inr", "\xE2\x82\xB9"};

    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
            return 1;
    return 0;
}

/* The next word as an amount: a currency word before it is skipped. */
static const char *amount_word(const char **p, const char *end, size_t *n)
{
    const char *w = word(p, end, n);

    return currency(w, *n) ? word(p, end, n) : w;
}

/* One line [s, end) into *l: 0 or an AR_E_* code. */
static int one(const char *s, const char *end, ar_line *l)
{
    size_t n1, n2;
    const char *w1 = word(&s, end, &n1), *w2;
    const char *m = method_of(w1, n1);
    int64_t v;

    if (m) {
        w2 = amount_word(&s, end, &n2);
        v = money_of(w2, n2);
    } else {
        s = w1; /* "AMOUNT METHOD": read the amount again, currency first */
        w1 = amount_word(&s, end, &n1);
        w2 = word(&s, end, &n2);
        if ((m = method_of(w2, n2)) == NULL)
            return AR_E_METHOD;
        v = money_of(w1, n1);
    }
    if (v <= 0)
        return AR_E_AMOUNT;
    snprintf(l->method, sizeof l->method, "%s", m);
    l->paise = v;
    return reference(s, end, l->ref);
}

static int blank(const char *s, const char *end)
{
    for (; s < end; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* See lines.h. */
int fb__ar_lines_parse(const char *text, ar_line *out, int max, int *bad_line)
{
    int n = 0, line = 0, rc;
    int64_t total = 0;

    *bad_line = 0;
    if (!text)
        return AR_E_EMPTY;
    for (const char *p = text; *p;) {
        const char *end = p + strcspn(p, "\n;");

        line++;
        if (!blank(p, end)) {
            if (n == max)
                return *bad_line = line, AR_E_TOOMANY;
            rc = one(p, end, &out[n]);
            if (rc != 0)
                return *bad_line = line, rc;
            total += out[n++].paise;
            if (total > AR_PAYMENT_MAX)
                return AR_E_TOTAL;
        }
        p = *end ? end + 1 : end;
    }
    return n ? n : AR_E_EMPTY;
}

/* See lines.h. */
int fb__ar_lines_format(const ar_line *l, int n, char *buf, size_t len)
{
    size_t at = 0;

    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        int w = snprintf(
            buf + at, len - at, "%s%s %lld.%02lld%s%s", i ? "\n" : "",
            l[i].method, (long long)(l[i].paise / 100),
            (long long)(l[i].paise % 100), *l[i].ref ? " " : "", l[i].ref);

        if (w < 0 || (size_t)w >= len - at)
            return -1;
        at += (size_t)w;
    }
    return 0;
}

/* See lines.h. */
int64_t fb__ar_lines_total(const ar_line *l, int n)
{
    int64_t t = 0;

    for (int i = 0; i < n; i++)
        t += l[i].paise;
    return t;
}
