/* ar plugin: the "method amount [reference]" lines of a recorded payment.
 *
 * Pure functions (no host, no database), so the unit test and the fuzz
 * target call them directly. */
#ifndef FB_AR_LINES_H
#define FB_AR_LINES_H

#include <stddef.h>
#include <stdint.h>

#define AR_LINES_MAX 8              /* lines of one payment */
#define AR_REF_MAX 40               /* characters of a line's reference */
#define AR_PAYMENT_MAX 1000000000LL /* ₹1 crore: one payment, at most */

typedef struct ar_line {
    char method[8];               /* cash | upi | card | bank | cheque */
    int64_t paise;                /* > 0 */
    char ref[AR_REF_MAX * 4 + 1]; /* "" or up to AR_REF_MAX characters */
} ar_line;

enum {
    AR_E_EMPTY = -1,   /* no line at all */
    AR_E_METHOD = -2,  /* a line's method is not one of the methods */
    AR_E_AMOUNT = -3,  /* a line's amount is missing, not money, or 0 */
    AR_E_REF = -4,     /* a reference too long or with control characters */
    AR_E_TOOMANY = -5, /* more than max lines */
    AR_E_TOTAL = -6    /* the lines add up to more than AR_PAYMENT_MAX */
};

/* Parse text: one payment line per line (a newline or ';' ends one; blank
 * lines are skipped), each "METHOD AMOUNT [REFERENCE]" or "AMOUNT METHOD
 * [REFERENCE]". Methods and their other names: cash; upi (gpay, phonepe,
 * paytm, bhim); card (debit, pos); bank (neft, imps, rtgs, transfer);
 * cheque (check, chq); any case. The amount as fb_money_parse takes it
 * ("500", "1,000.50", "₹500"), above 0, perhaps after a word of its own
 * naming the currency ("Rs 500", "Rs. 500", "INR 500", "₹ 500"). Returns the
 * number of lines (1..max) with out[] filled, or an AR_E_* code with *bad_line
 * the 1-based number of the line at fault (0 for AR_E_EMPTY, AR_E_TOTAL). */
int fb__ar_lines_parse(const char *text, ar_line *out, int max, int *bad_line);

/* The lines again as text that parses back to the same lines: "cash
 * 500.00\nupi 1000.00 UTR123". Returns 0, or -1 when it does not fit. */
int fb__ar_lines_format(const ar_line *l, int n, char *buf, size_t len);

/* The sum of the lines' paise. */
int64_t fb__ar_lines_total(const ar_line *l, int n);

#endif
