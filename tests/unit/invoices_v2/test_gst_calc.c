/* invoices_v2's GST arithmetic (plugins/invoices_v2/gst_calc.h), table
 * driven: each case is a row; a failing row is named by its label. Pure
 * functions: no host, no database. The expected figures are worked out by
 * hand in the comments. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fbtc.h"
#include "gst_calc.h"

enum { EXCL = 0, INCL = 1 };

/* ---- one line ------------------------------------------------------------ */

static const struct line_case {
    const char *label;
    int inclusive;
    gst_line_in in;
    gst_line_out want;
} lines[] = {
    /* 99900 × 10000 / 10500 = 95142.86 → 95143; 95143 × 250 / 10000 =
     * 2378.575 → 2379 each */
    {"₹999 at 5 % inclusive (DOMAIN.md)", INCL, {99900, 1, 500, 0, GST_CGST_SGST},
     {99900, 0, 95143, 2379, 2379, 0, 99901}},
    {"₹1,000 at 18 % exclusive", EXCL, {100000, 1, 1800, 0, GST_CGST_SGST},
     {100000, 0, 100000, 9000, 9000, 0, 118000}},
    /* 99900 × 2.5 % = 2497.5 → 2498 */
    {"₹999 at 5 % exclusive: half a paisa goes up", EXCL,
     {99900, 1, 500, 0, GST_CGST_SGST}, {99900, 0, 99900, 2498, 2498, 0, 104896}},
    /* 150000 / 1.18 = 127118.64 → 127119; × 9 % = 11440.71 → 11441 */
    {"₹1,500 at 18 % inclusive", INCL, {150000, 1, 1800, 0, GST_CGST_SGST},
     {150000, 0, 127119, 11441, 11441, 0, 150001}},
    {"3 × ₹500 at 18 % exclusive, 10 % off", EXCL,
     {50000, 3, 1800, 1000, GST_CGST_SGST},
     {150000, 15000, 135000, 12150, 12150, 0, 159300}},
    /* 99900 × 80 % = 79920; 19980 / 1.05 = 19028.57 → 19029; × 2.5 % =
     * 475.725 → 476 */
    {"₹999 at 5 % inclusive, 80 % off (the most)", INCL,
     {99900, 1, 500, 8000, GST_CGST_SGST},
     {99900, 79920, 19029, 476, 476, 0, 19981}},
    {"2 × ₹2,500 at 18 % exclusive, inter-state", EXCL,
     {250000, 2, 1800, 0, GST_IGST}, {500000, 0, 500000, 0, 0, 90000, 590000}},
    /* 349900 / 1.18 = 296525.42 → 296525; × 18 % = 53374.5 → 53375 */
    {"protein ₹3,499 at 18 % inclusive, inter-state", INCL,
     {349900, 1, 1800, 0, GST_IGST}, {349900, 0, 296525, 0, 0, 53375, 349900}},
    {"₹100 at 0 %", EXCL, {10000, 1, 0, 0, GST_CGST_SGST},
     {10000, 0, 10000, 0, 0, 0, 10000}},
    {"₹100 at 0 % inclusive", INCL, {10000, 1, 0, 0, GST_CGST_SGST},
     {10000, 0, 10000, 0, 0, 0, 10000}},
    {"₹1,000 at 18 % in a UT: UTGST like SGST", EXCL,
     {100000, 1, 1800, 0, GST_CGST_UTGST},
     {100000, 0, 100000, 9000, 9000, 0, 118000}},
    /* 100000 × 0.125 % = 125 */
    {"₹1,000 at 0.25 % exclusive", EXCL, {100000, 1, 25, 0, GST_CGST_SGST},
     {100000, 0, 100000, 125, 125, 0, 100250}},
    {"₹1,000 at 0.25 % inter-state", EXCL, {100000, 1, 25, 0, GST_IGST},
     {100000, 0, 100000, 0, 0, 250, 100250}},
    /* 99999 × 12.5 % = 12499.875 → 12500; 87499 × 2.5 % = 2187.475 →
     * 2187 */
    {"3 × ₹333.33 at 5 %, 12.5 % off", EXCL,
     {33333, 3, 500, 1250, GST_CGST_SGST},
     {99999, 12500, 87499, 2187, 2187, 0, 91873}},
    /* 100 × 2.5 % = 2.5 → 3 each */
    {"₹1 at 5 %: CGST = SGST, each rounded on its own", EXCL,
     {100, 1, 500, 0, GST_CGST_SGST}, {100, 0, 100, 3, 3, 0, 106}},
    /* 105 / 1.05 = 100 exactly */
    {"₹1.05 at 5 % inclusive: exact", INCL, {105, 1, 500, 0, GST_CGST_SGST},
     {105, 0, 100, 3, 3, 0, 106}},
    /* 1 paisa at 28 %: 0.14 → 0 */
    {"1 paisa at 28 %: tax rounds to nothing", EXCL,
     {1, 1, 2800, 0, GST_CGST_SGST}, {1, 0, 1, 0, 0, 0, 1}},
    /* 590000 / 1.18 = 500000 exactly; IGST 90000 */
    {"₹5,900 at 18 % inclusive inter-state: exact", INCL,
     {590000, 1, 1800, 0, GST_IGST}, {590000, 0, 500000, 0, 0, 90000, 590000}},
    /* 12 × 25000 = 300000; 5 % off = 15000; 285000 / 1.12 = 254464.29 →
     * 254464; × 6 % = 15267.84 → 15268 */
    {"12 × ₹250 at 12 % inclusive, 5 % off", INCL,
     {25000, 12, 1200, 500, GST_CGST_SGST},
     {300000, 15000, 254464, 15268, 15268, 0, 285000}},
    /* 40 % slab: ₹10,000 → IGST 4000.00 */
    {"₹10,000 at 40 % inter-state", EXCL, {1000000, 1, 4000, 0, GST_IGST},
     {1000000, 0, 1000000, 0, 0, 400000, 1400000}},
    /* gym membership before 22 Sep 2025: 18 % of ₹1,500 */
    {"membership ₹1,500 at 18 % (before 22 Sep 2025)", EXCL,
     {150000, 1, 1800, 0, GST_CGST_SGST},
     {150000, 0, 150000, 13500, 13500, 0, 177000}},
    {"membership ₹1,500 at 5 % (from 22 Sep 2025)", EXCL,
     {150000, 1, 500, 0, GST_CGST_SGST},
     {150000, 0, 150000, 3750, 3750, 0, 157500}},
    /* the largest line: ₹1 crore × 100000 at 40 % inclusive, 80 % off:
     * nothing overflows */
    {"the largest line", INCL,
     {GST_PRICE_MAX, GST_QTY_MAX, 4000, 8000, GST_CGST_SGST},
     {100000000000000LL, 80000000000000LL, 14285714285714LL,
      2857142857143LL, 2857142857143LL, 0, 20000000000000LL}},
};

START_TEST(line_figures)
{
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        const struct line_case *k = &lines[i];
        gst_line_out o;

        ck_assert_msg(gst_line(&k->in, k->inclusive, &o) == 0, "%s: refused",
                      k->label);
#define SAME(f)                                                                \
    ck_assert_msg(o.f == k->want.f, "%s: " #f " %lld, want %lld", k->label,    \
                  (long long)o.f, (long long)k->want.f)
        SAME(base);
        SAME(discount);
        SAME(taxable);
        SAME(cgst);
        SAME(sgst);
        SAME(igst);
        SAME(total);
#undef SAME
        ck_assert_msg(o.cgst == o.sgst, "%s: CGST != SGST", k->label);
    }
}
END_TEST

START_TEST(line_refuses_out_of_range)
{
    static const struct {
        const char *label;
        gst_line_in in;
    } bad[] = {
        {"discount above 80 %", {10000, 1, 500, 8001, 0}},
        {"negative discount", {10000, 1, 500, -1, 0}},
        {"no quantity", {10000, 0, 500, 0, 0}},
        {"too many", {10000, GST_QTY_MAX + 1, 500, 0, 0}},
        {"a price above ₹1 crore", {GST_PRICE_MAX + 1, 1, 500, 0, 0}},
        {"a negative price", {-1, 1, 500, 0, 0}},
        {"a rate above 100 %", {10000, 1, 10001, 0, 0}},
        {"a negative rate", {10000, 1, -500, 0, 0}},
    };
    gst_line_out o;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(gst_line(&bad[i].in, EXCL, &o) == -1, "%s: accepted",
                      bad[i].label);
        ck_assert_msg(o.total == 0 && o.taxable == 0, "%s: not zeroed",
                      bad[i].label);
    }
}
END_TEST

/* ---- a whole invoice ----------------------------------------------------- */

typedef struct inv_case {
    const char *label;
    int inclusive;
    int n;
    gst_line_in in[4];
    gst_totals want;
} inv_case;

static const inv_case invoices[] = {
    {"₹999 at 5 % inclusive: round off −0.01 (DOMAIN.md)", INCL, 1,
     {{99900, 1, 500, 0, GST_CGST_SGST}},
     {99900, 0, 95143, 2379, 2379, 0, 99901, -1, 99900}},
    /* A 100000 @5 %: 2500 + 2500; B 2 × 50000 @18 % 10 % off: 90000, 8100
     * + 8100; C 12345 @12 %: 740.7 → 741 each. Taxable 202345, CGST =
     * SGST = 11341, exact 225027 → 225000, round off −0.27 */
    {"three rates exclusive, a discount", EXCL, 3,
     {{100000, 1, 500, 0, GST_CGST_SGST},
      {50000, 2, 1800, 1000, GST_CGST_SGST},
      {12345, 1, 1200, 0, GST_CGST_SGST}},
     {212345, 10000, 202345, 11341, 11341, 0, 225027, -27, 225000}},
    /* membership ₹999 incl 5 % intra (95143, 2379 + 2379) and protein
     * ₹3,499 incl 18 % shipped out of state (296525, IGST 53375): exact
     * 99901 + 349900 = 449801 → 449800 */
    {"services intra-state and goods inter-state on one invoice", INCL, 2,
     {{99900, 1, 500, 0, GST_CGST_SGST}, {349900, 1, 1800, 0, GST_IGST}},
     {449800, 0, 391668, 2379, 2379, 53375, 449801, -1, 449800}},
    {"50 paise round up", EXCL, 1, {{100050, 1, 0, 0, GST_CGST_SGST}},
     {100050, 0, 100050, 0, 0, 0, 100050, 50, 100100}},
    {"49 paise round down", EXCL, 1, {{100049, 1, 0, 0, GST_CGST_SGST}},
     {100049, 0, 100049, 0, 0, 0, 100049, -49, 100000}},
    {"whole rupees: no round off", EXCL, 1,
     {{100000, 1, 1800, 0, GST_CGST_SGST}},
     {100000, 0, 100000, 9000, 9000, 0, 118000, 0, 118000}},
    /* 2 × 1500 @18 % incl: 127119 + 11441 + 11441 = 150001 each → 300002
     * → 300000; taxable 254238, CGST 22882 */
    {"two lines inclusive add their own rounding", INCL, 2,
     {{150000, 1, 1800, 0, GST_CGST_SGST}, {150000, 1, 1800, 0, GST_CGST_SGST}},
     {300000, 0, 254238, 22882, 22882, 0, 300002, -2, 300000}},
    {"no lines", EXCL, 0, {{0}}, {0, 0, 0, 0, 0, 0, 0, 0, 0}},
};

START_TEST(invoice_totals)
{
    for (size_t i = 0; i < sizeof invoices / sizeof invoices[0]; i++) {
        const inv_case *k = &invoices[i];
        gst_totals t = {0};
        gst_line_out o;

        for (int j = 0; j < k->n; j++) {
            ck_assert_msg(gst_line(&k->in[j], k->inclusive, &o) == 0,
                          "%s: line %d refused", k->label, j);
            gst_add(&t, &o);
        }
        gst_close(&t);
#define SAME(f)                                                                \
    ck_assert_msg(t.f == k->want.f, "%s: " #f " %lld, want %lld", k->label,    \
                  (long long)t.f, (long long)k->want.f)
        SAME(base);
        SAME(discount);
        SAME(taxable);
        SAME(cgst);
        SAME(sgst);
        SAME(igst);
        SAME(exact);
        SAME(round_off);
        SAME(total);
#undef SAME
        ck_assert_msg(t.total % 100 == 0, "%s: not whole rupees", k->label);
    }
}
END_TEST

START_TEST(half_up)
{
    ck_assert_int_eq(gst_div_half_up(5, 10), 1);
    ck_assert_int_eq(gst_div_half_up(4, 10), 0);
    ck_assert_int_eq(gst_div_half_up(15, 10), 2);
    ck_assert_int_eq(gst_div_half_up(25, 10), 3); /* not banker's: 3 */
    ck_assert_int_eq(gst_div_half_up(0, 7), 0);
}
END_TEST

/* ---- place of supply ----------------------------------------------------- */

START_TEST(place_of_supply)
{
    static const struct {
        const char *label, *code, *club, *ship;
        int utgst;
        gst_split want;
    } k[] = {
        {"membership for a member from Karnataka", "999723", "27", "29", 0,
         GST_CGST_SGST},
        {"gym service SAC 9997", "9997", "27", "", 0, GST_CGST_SGST},
        {"protein in the club's state", "2106", "27", "27", 0, GST_CGST_SGST},
        {"protein shipped to Karnataka", "2106", "27", "29", 0, GST_IGST},
        {"equipment shipped to Delhi", "9506", "27", "07", 0, GST_IGST},
        {"equipment not shipped", "9506", "27", NULL, 0, GST_CGST_SGST},
        {"a club in Chandigarh: membership", "9997", "04", "", 1,
         GST_CGST_UTGST},
        {"a club in Chandigarh: goods sold there", "2106", "04", "04", 1,
         GST_CGST_UTGST},
        {"a club in Chandigarh: goods to Punjab", "2106", "04", "03", 1,
         GST_IGST},
        {"a club in Ladakh: service", "999723", "38", "01", 1, GST_CGST_UTGST},
    };

    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        ck_assert_msg(gst_split_of(k[i].code, k[i].club, k[i].ship,
                                   k[i].utgst) == k[i].want,
                      "%s", k[i].label);
    ck_assert_int_eq(gst_is_service("9997"), 1);
    ck_assert_int_eq(gst_is_service("2106"), 0);
    ck_assert_int_eq(gst_is_service("9"), 0);
    ck_assert_int_eq(gst_is_service(""), 0);
}
END_TEST

/* ---- words --------------------------------------------------------------- */

START_TEST(amount_in_words)
{
    static const struct {
        int64_t paise;
        const char *want;
    } k[] = {
        {0, "Rupees Zero Only"},
        {1, "Rupees Zero and One Paise Only"},
        {100, "Rupees One Only"},
        {1100, "Rupees Eleven Only"},
        {2000, "Rupees Twenty Only"},
        {10100, "Rupees One Hundred One Only"},
        {99900, "Rupees Nine Hundred Ninety-Nine Only"},
        {100000, "Rupees One Thousand Only"},
        {1001000, "Rupees Ten Thousand Ten Only"},
        {10000000, "Rupees One Lakh Only"},
        {12345678, "Rupees One Lakh Twenty-Three Thousand Four Hundred "
                   "Fifty-Six and Seventy-Eight Paise Only"},
        {1234567890, "Rupees One Crore Twenty-Three Lakh Forty-Five Thousand "
                     "Six Hundred Seventy-Eight and Ninety Paise Only"},
        {99999999999LL, "Rupees Ninety-Nine Crore Ninety-Nine Lakh "
                        "Ninety-Nine Thousand Nine Hundred Ninety-Nine and "
                        "Ninety-Nine Paise Only"},
        {100000000000000LL, "Rupees One Lakh Crore Only"},
        {1000000000000LL, "Rupees One Thousand Crore Only"},
        {-1, "Rupees Zero and One Paise Only"},
        {449800, "Rupees Four Thousand Four Hundred Ninety-Eight Only"},
    };
    char buf[512];

    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        ck_assert_int_eq(gst_words(k[i].paise, buf, sizeof buf), 0);
        ck_assert_msg(strcmp(buf, k[i].want) == 0, "%lld: \"%s\", want \"%s\"",
                      (long long)k[i].paise, buf, k[i].want);
    }
    ck_assert_int_eq(gst_words(INT64_MAX, buf, sizeof buf), 0);
    ck_assert_int_eq(gst_words(INT64_MIN, buf, sizeof buf), 0);
    ck_assert_int_eq(gst_words(12345678, buf, 20), -1);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* ---- typed percentages, texts --------------------------------------------- */

START_TEST(percent_parsing)
{
    static const struct {
        const char *s;
        int max, rc, bp;
    } k[] = {
        {"5", 10000, 0, 500},     {"2.5", 10000, 0, 250},
        {"0.25", 10000, 0, 25},   {"18 %", 10000, 0, 1800},
        {" 18% ", 10000, 0, 1800}, {"0", 8000, 0, 0},
        {"80", 8000, 0, 8000},    {"80.01", 8000, -1, 0},
        {"81", 8000, -1, 0},      {"-5", 8000, -1, 0},
        {"5.", 8000, -1, 0},      {".5", 8000, -1, 0},
        {"5.125", 8000, -1, 0},   {"five", 8000, -1, 0},
        {"", 8000, -1, 0},        {"5 5", 8000, -1, 0},
        {"100000", 10000, -1, 0}, {"12.50", 10000, 0, 1250},
    };
    int bp;

    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        ck_assert_msg(gst_parse_percent(k[i].s, k[i].max, &bp) == k[i].rc,
                      "\"%s\"", k[i].s);
        ck_assert_msg(bp == k[i].bp, "\"%s\": %d", k[i].s, bp);
    }
    ck_assert(gst_rate_known(500));
    ck_assert(gst_rate_known(1800));
    ck_assert(gst_rate_known(0));
    ck_assert(gst_rate_known(4000));
    ck_assert(!gst_rate_known(1700));
    ck_assert(!gst_rate_known(250));
}
END_TEST

START_TEST(texts)
{
    char b[48];

    ck_assert_str_eq(gst_percent_str(500, b, sizeof b), "5%");
    ck_assert_str_eq(gst_percent_str(250, b, sizeof b), "2.5%");
    ck_assert_str_eq(gst_percent_str(25, b, sizeof b), "0.25%");
    ck_assert_str_eq(gst_percent_str(1250, b, sizeof b), "12.5%");
    ck_assert_str_eq(gst_amount_str(95143, 0, b, sizeof b), "951.43");
    ck_assert_str_eq(gst_amount_str(-1, 0, b, sizeof b), "-0.01");
    ck_assert_str_eq(gst_amount_str(0, 1, b, sizeof b), "0.00");
    ck_assert_str_eq(gst_amount_str(12345678, 1, b, sizeof b), "1,23,456.78");
    ck_assert_str_eq(gst_amount_str(99999999999LL, 1, b, sizeof b),
                     "99,99,99,999.99");
    ck_assert_str_eq(gst_amount_str(100000, 1, b, sizeof b), "1,000.00");
    ck_assert_str_eq(gst_amount_str(99900, 1, b, sizeof b), "999.00");
    ck_assert_str_eq(gst_amount_str(-12345678, 1, b, sizeof b), "-1,23,456.78");
}
END_TEST

/* ---- numbering ----------------------------------------------------------- */

START_TEST(financial_years_and_numbers)
{
    static const struct {
        const char *date, *fy;
    } k[] = {
        {"2026-04-01", "26-27"}, {"2027-03-31", "26-27"},
        {"2026-03-31", "25-26"}, {"2025-09-22", "25-26"},
        {"2099-12-31", "99-00"}, {"2030-01-15", "29-30"},
    };
    char fy[8], no[24];

    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        ck_assert_int_eq(gst_fy(k[i].date, fy, sizeof fy), 0);
        ck_assert_str_eq(fy, k[i].fy);
    }
    ck_assert_int_eq(gst_fy("2026-13-01", fy, sizeof fy), -1);
    ck_assert_int_eq(gst_fy("26-04-01", fy, sizeof fy), -1);
    ck_assert_int_eq(gst_fy("2026-04-01x", fy, sizeof fy), -1);

    ck_assert_int_eq(gst_number("INV", "26-27", 123, no, sizeof no), 0);
    ck_assert_str_eq(no, "INV/26-27/000123");
    ck_assert_uint_eq(strlen(no), 16);
    ck_assert_int_eq(gst_number("CN", "26-27", 1, no, sizeof no), 0);
    ck_assert_str_eq(no, "CN/26-27/000001");
    ck_assert_int_eq(gst_number("INV", "26-27", 999999, no, sizeof no), 0);
    ck_assert_str_eq(no, "INV/26-27/999999");
    ck_assert_int_eq(gst_number("INV", "26-27", 1000000, no, sizeof no), -1);
    ck_assert_int_eq(gst_number("INV", "26-27", 0, no, sizeof no), -1);
    ck_assert_int_eq(gst_number("INVO", "26-27", 1, no, sizeof no), -1);
    ck_assert_int_eq(gst_number("in", "26-27", 1, no, sizeof no), -1);
    ck_assert_int_eq(gst_number("INV", "26/27", 1, no, sizeof no), -1);
    ck_assert_int_eq(gst_number("INV", "26-27", 1, no, 16), -1);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "invoices_v2_gst_calc",
                                   .tcase = "gst"};

    return FBTC_RUN(&def, line_figures, line_refuses_out_of_range,
                    invoice_totals, half_up, place_of_supply, amount_in_words,
                    percent_parsing, texts, financial_years_and_numbers);
}
