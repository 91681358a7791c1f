/* invoices_v2: the GST arithmetic (see gst_calc.h for the rules). */
#include "gst_calc.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* See gst_calc.h. */
int64_t gst_div_half_up(int64_t num, int64_t den)
{
    return (num + den / 2) / den;
}

/* See gst_calc.h. */
int gst_line(const gst_line_in *in, int inclusive, gst_line_out *out)
{
    gst_line_out z = {0};
    int64_t net;

    *out = z;
    if (in->price < 0 || in->price > GST_PRICE_MAX || in->qty < 1 ||
        in->qty > GST_QTY_MAX || in->rate_bp < 0 ||
        in->rate_bp > GST_RATE_MAX || in->disc_bp < 0 ||
        in->disc_bp > GST_DISC_MAX)
        return -1;
    z.base = in->price * in->qty;
    z.discount = gst_div_half_up(z.base * in->disc_bp, 10000);
    net = z.base - z.discount;
    z.taxable = inclusive ? gst_div_half_up(net * 10000, 10000 + in->rate_bp)
                          : net;
    if (in->split == GST_IGST) {
        z.igst = gst_div_half_up(z.taxable * in->rate_bp, 10000);
    } else {
        z.cgst = gst_div_half_up(z.taxable * in->rate_bp, 20000);
        z.sgst = z.cgst;
    }
    z.total = z.taxable + z.cgst + z.sgst + z.igst;
    *out = z;
    return 0;
}

/* See gst_calc.h. */
void gst_add(gst_totals *t, const gst_line_out *l)
{
    t->base += l->base;
    t->discount += l->discount;
    t->taxable += l->taxable;
    t->cgst += l->cgst;
    t->sgst += l->sgst;
    t->igst += l->igst;
}

/* See gst_calc.h. */
void gst_close(gst_totals *t)
{
    t->exact = t->taxable + t->cgst + t->sgst + t->igst;
    t->total = gst_div_half_up(t->exact, 100) * 100;
    t->round_off = t->total - t->exact;
}

/* See gst_calc.h. */
int gst_is_service(const char *code)
{
    return code && code[0] == '9' && code[1] == '9';
}

/* See gst_calc.h. */
gst_split gst_split_of(const char *code, const char *club_state,
                       const char *ship_state, int club_utgst)
{
    if (!gst_is_service(code) && ship_state && *ship_state && club_state &&
        strcmp(ship_state, club_state) != 0)
        return GST_IGST;
    return club_utgst ? GST_CGST_UTGST : GST_CGST_SGST;
}

/* See gst_calc.h. */
int gst_parse_percent(const char *s, int max, int *bp)
{
    long whole = 0, frac = 0;
    int digits = 0, fdigits = 0;

    *bp = 0;
    while (isspace((unsigned char)*s))
        s++;
    for (; isdigit((unsigned char)*s) && digits < 4; s++, digits++)
        whole = whole * 10 + (*s - '0');
    if (digits == 0)
        return -1;
    if (*s == '.') {
        for (s++; isdigit((unsigned char)*s) && fdigits < 3; s++, fdigits++)
            frac = frac * 10 + (*s - '0');
        if (fdigits == 0 || fdigits > 2)
            return -1;
        if (fdigits == 1)
            frac *= 10;
    }
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '%')
        s++;
    while (isspace((unsigned char)*s))
        s++;
    if (*s || whole * 100 + frac > max)
        return -1;
    *bp = (int)(whole * 100 + frac);
    return 0;
}

/* See gst_calc.h. */
int gst_rate_known(int bp)
{
    static const int rates[] = {0,   10,  25,   100,  150,  300, 500,
                                600, 750, 1200, 1800, 2800, 4000};

    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
        if (rates[i] == bp)
            return 1;
    return 0;
}

/* See gst_calc.h. */
char *gst_percent_str(int bp, char *buf, size_t len)
{
    if (bp % 100 == 0)
        snprintf(buf, len, "%d%%", bp / 100);
    else if (bp % 10 == 0)
        snprintf(buf, len, "%d.%d%%", bp / 100, bp % 100 / 10);
    else
        snprintf(buf, len, "%d.%02d%%", bp / 100, bp % 100);
    return buf;
}

/* See gst_calc.h. */
char *gst_amount_str(int64_t paise, int grouped, char *buf, size_t len)
{
    uint64_t v = paise < 0 ? 0 - (uint64_t)paise : (uint64_t)paise;
    char digits[24], out[48];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)(v / 100));
    size_t o = 0;

    if (paise < 0)
        out[o++] = '-';
    for (int i = 0; i < n; i++) {
        int left = n - i; /* digits from here to the end */
        out[o++] = digits[i];
        if (grouped && left > 1 && (left == 4 || (left > 4 && left % 2 == 0)))
            out[o++] = ',';
    }
    snprintf(out + o, sizeof out - o, ".%02u", (unsigned)(v % 100));
    snprintf(buf, len, "%s", out);
    return buf;
}

/* ---- words --------------------------------------------------------------- */

static const char *const ones[] = {
    "Zero",    "One",     "Two",       "Three",    "Four",
    "Five",    "Six",     "Seven",     "Eight",    "Nine",
    "Ten",     "Eleven",  "Twelve",    "Thirteen", "Fourteen",
    "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
static const char *const tens[] = {"",      "",      "Twenty",  "Thirty",
                                   "Forty", "Fifty", "Sixty",   "Seventy",
                                   "Eighty", "Ninety"};

typedef struct wbuf {
    char *p;
    size_t len, at;
    int full;
} wbuf;

static void put(wbuf *w, const char *s)
{
    size_t n = strlen(s);

    if (w->at + n + 1 > w->len) {
        w->full = 1;
        return;
    }
    memcpy(w->p + w->at, s, n + 1);
    w->at += n;
}

/* A word, with a space before it unless it is the first. */
static void word(wbuf *w, const char *s)
{
    if (w->at > 0 && w->p[w->at - 1] != ' ')
        put(w, " ");
    put(w, s);
}

/* 1..99: "Seventy-Eight" */
static void below_hundred(wbuf *w, unsigned n)
{
    if (n < 20) {
        word(w, ones[n]);
        return;
    }
    word(w, tens[n / 10]);
    if (n % 10) {
        put(w, "-");
        put(w, ones[n % 10]);
    }
}

/* 1..99999: the part below a lakh */
static void below_lakh(wbuf *w, unsigned n)
{
    if (n >= 1000) {
        below_hundred(w, n / 1000);
        word(w, "Thousand");
        n %= 1000;
    }
    if (n >= 100) {
        word(w, ones[n / 100]);
        word(w, "Hundred");
        n %= 100;
    }
    if (n)
        below_hundred(w, n);
}

/* n >= 1 in the Indian system: crores of crores said recursively. */
static void number(wbuf *w, uint64_t n)
{
    if (n >= 10000000) {
        number(w, n / 10000000);
        word(w, "Crore");
        n %= 10000000;
    }
    if (n >= 100000) {
        below_hundred(w, (unsigned)(n / 100000));
        word(w, "Lakh");
        n %= 100000;
    }
    if (n)
        below_lakh(w, (unsigned)n);
}

/* See gst_calc.h. */
int gst_words(int64_t paise, char *buf, size_t len)
{
    uint64_t v = paise < 0 ? 0 - (uint64_t)paise : (uint64_t)paise;
    wbuf w = {buf, len, 0, len == 0};

    if (len)
        buf[0] = '\0';
    put(&w, "Rupees");
    if (v / 100)
        number(&w, v / 100);
    else
        word(&w, "Zero");
    if (v % 100) {
        word(&w, "and");
        below_hundred(&w, (unsigned)(v % 100));
        word(&w, "Paise");
    }
    word(&w, "Only");
    if (w.full) {
        if (len)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}

/* ---- numbering ----------------------------------------------------------- */

/* See gst_calc.h. */
int gst_fy(const char *date, char *buf, size_t len)
{
    int y, m, d, start;
    char rest;

    if (len)
        buf[0] = '\0';
    if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 ||
        m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2998 || len < 6)
        return -1;
    start = m >= 4 ? y : y - 1;
    snprintf(buf, len, "%02d-%02d", start % 100, (start + 1) % 100);
    return 0;
}

/* See gst_calc.h. */
int gst_number(const char *series, const char *fy, int64_t n, char *buf,
               size_t len)
{
    size_t s = series ? strlen(series) : 0;

    if (len)
        buf[0] = '\0';
    if (s < 1 || s > 3 || !fy || strlen(fy) != 5 || n < 1 || n > 999999 ||
        len < 17)
        return -1;
    for (size_t i = 0; i < s; i++)
        if (!isupper((unsigned char)series[i]))
            return -1;
    for (size_t i = 0; i < 5; i++)
        if (i == 2 ? fy[i] != '-' : !isdigit((unsigned char)fy[i]))
            return -1;
    snprintf(buf, len, "%s/%s/%06lld", series, fy, (long long)n);
    return 0;
}
