/* invoices_v2: the GST arithmetic, defined once (pure functions: no host,
 * no database, no floating point).
 *
 * Money is int64_t paise, rates and discounts are basis points (5 % = 500).
 * Per line:
 *   base     = price × qty
 *   discount = base × disc_bp / 10000, rounded half-up
 *   exclusive: taxable = base − discount (the tax is added on top)
 *   inclusive: the tax is inside the price and never added again:
 *              taxable = (base − discount) × 10000 / (10000 + rate_bp),
 *              rounded half-up
 *   intra-state: CGST = SGST (or UTGST) = taxable × rate_bp / 20000, each
 *                rounded half-up on its own, so CGST = SGST always
 *   inter-state: IGST = taxable × rate_bp / 10000, rounded half-up
 * An invoice's total is the sum of taxable values and taxes, brought to
 * whole rupees by a visible round-off (half-up: 50 paise and more go up).
 * ₹999 at 5 % inclusive: taxable 951.43, CGST 23.79, SGST 23.79, round
 * off −0.01, total 999.00. */
#ifndef FB_INV_GST_CALC_H
#define FB_INV_GST_CALC_H

#include <stddef.h>
#include <stdint.h>

#define GST_PRICE_MAX 1000000000LL /* ₹1 crore a unit */
#define GST_QTY_MAX 100000
#define GST_RATE_MAX 10000 /* basis points */
#define GST_DISC_MAX 8000  /* 80 % */

/* How a line is taxed: where it is supplied. */
typedef enum gst_split {
    GST_CGST_SGST = 0, /* intra-state */
    GST_CGST_UTGST,    /* intra-state in a Union Territory without a
                          legislature: UTGST instead of SGST */
    GST_IGST           /* inter-state */
} gst_split;

typedef struct gst_line_in {
    int64_t price; /* a unit, paise (tax included when inclusive) */
    int64_t qty;   /* 1..GST_QTY_MAX */
    int rate_bp;   /* 0..GST_RATE_MAX */
    int disc_bp;   /* 0..GST_DISC_MAX */
    gst_split split;
} gst_line_in;

typedef struct gst_line_out {
    int64_t base, discount, taxable;
    int64_t cgst, sgst, igst; /* sgst holds UTGST for GST_CGST_UTGST */
    int64_t total;            /* taxable + its taxes */
} gst_line_out;

typedef struct gst_totals {
    int64_t base, discount, taxable, cgst, sgst, igst;
    int64_t exact;     /* taxable + taxes, to the paisa */
    int64_t round_off; /* total − exact, −50..+49 paise */
    int64_t total;     /* whole rupees */
} gst_totals;

/* num / den rounded half-up, for num >= 0 and den > 0. */
int64_t gst_div_half_up(int64_t num, int64_t den);

/* One line's figures into *out. Returns 0, or -1 (out zeroed) when a
 * value is out of its range. */
int gst_line(const gst_line_in *in, int inclusive, gst_line_out *out);

/* Add a line's figures to *t (start from a zeroed struct), then
 * gst_close to set exact, round_off and total. */
void gst_add(gst_totals *t, const gst_line_out *l);
void gst_close(gst_totals *t);

/* 1 when code is a services code (SAC, "99..."), else 0 (goods, HSN). */
int gst_is_service(const char *code);

/* The split of a line: services are supplied where the club is (intra-
 * state, IGST Act s.12); goods shipped to another state are inter-state.
 * ship_state is the two-digit code of where goods go ("" or NULL: the
 * club's own); club_utgst: the club's state is a UT with UTGST. */
gst_split gst_split_of(const char *code, const char *club_state,
                       const char *ship_state, int club_utgst);

/* A rate or discount typed by a person, "5", "2.5", "0.25", "18 %", into
 * basis points within 0..max. Returns 0, or -1 (*bp 0). */
int gst_parse_percent(const char *s, int max, int *bp);

/* 1 when bp is a GST rate in use (0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12,
 * 18, 28, 40 %). */
int gst_rate_known(int bp);

/* "5%", "2.5%", "0.25%" into buf (>= 12 bytes). Returns buf. */
char *gst_percent_str(int bp, char *buf, size_t len);

/* "951.43", "-0.01", "1,23,456.78" when grouped: rupees and paise without
 * the sign ₹ into buf (>= 32 bytes). Returns buf. */
char *gst_amount_str(int64_t paise, int grouped, char *buf, size_t len);

/* The amount in words, Indian system (lakh, crore):
 * "Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and
 * Seventy-Eight Paise Only"; "Rupees Zero Only". Negative amounts are
 * said as their size. Returns 0, or -1 when buf is too small (buf ""). */
int gst_words(int64_t paise, char *buf, size_t len);

/* The financial year (April–March) of a date "YYYY-MM-DD" as "26-27" into
 * buf (>= 6 bytes). Returns 0, or -1 for a malformed date. */
int gst_fy(const char *date, char *buf, size_t len);

/* "INV/26-27/000123": series, FY and number into buf (>= 17 bytes).
 * Returns 0, or -1 when it would not be 1..16 characters of letters,
 * digits, '-' and '/' (series of 1..3 letters, n of 1..999999). */
int gst_number(const char *series, const char *fy, int64_t n, char *buf,
               size_t len);

#endif
