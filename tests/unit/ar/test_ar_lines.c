/* The payment lines an admin types in the ar plugin's "record payment"
 * flow (plugins/ar/lines.h): the accepted forms, every refusal with the
 * line it names, and the canonical text parsing back to the same lines. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fbtc.h"
#include "lines.h"

static int parse(const char *text, ar_line *l, int *bad)
{
    return fb__ar_lines_parse(text, l, AR_LINES_MAX, bad);
}

START_TEST(accepted_forms)
{
    ar_line l[AR_LINES_MAX];
    int bad = -1;

    ck_assert_int_eq(parse("cash 500", l, &bad), 1);
    ck_assert_str_eq(l[0].method, "cash");
    ck_assert_int_eq(l[0].paise, 50000);
    ck_assert_str_eq(l[0].ref, "");
    ck_assert_int_eq(bad, 0);

    ck_assert_int_eq(parse("  UPI  1,000.50   UTR 4455 \r\n\n GPay 1 ;"
                           "1500 neft IMPS/123;chq 20 000123",
                           l, &bad),
                     4);
    ck_assert_str_eq(l[0].method, "upi");
    ck_assert_int_eq(l[0].paise, 100050);
    ck_assert_str_eq(l[0].ref, "UTR 4455");
    ck_assert_str_eq(l[1].method, "upi");
    ck_assert_int_eq(l[1].paise, 100);
    ck_assert_str_eq(l[2].method, "bank");
    ck_assert_int_eq(l[2].paise, 150000);
    ck_assert_str_eq(l[2].ref, "IMPS/123");
    ck_assert_str_eq(l[3].method, "cheque");
    ck_assert_str_eq(l[3].ref, "000123");
    ck_assert_int_eq(fb__ar_lines_total(l, 4), 100050 + 100 + 150000 + 2000);

    ck_assert_int_eq(parse("card \xE2\x82\xB9"
                           "250.5",
                           l, &bad),
                     1);
    ck_assert_int_eq(l[0].paise, 25050);
    ck_assert_int_eq(parse("cash 10000000", l, &bad), 1); /* ₹1 crore */
    ck_assert_int_eq(parse("cash Rs 500\nRs. 20 upi U1\nINR 3 card;"
                           "cheque \xE2\x82\xB9 4 77;bank rs.5",
                           l, &bad),
                     5);
    ck_assert_int_eq(l[0].paise, 50000);
    ck_assert_str_eq(l[0].ref, "");
    ck_assert_str_eq(l[1].method, "upi");
    ck_assert_int_eq(l[1].paise, 2000);
    ck_assert_str_eq(l[1].ref, "U1");
    ck_assert_str_eq(l[2].method, "card");
    ck_assert_int_eq(l[2].paise, 300);
    ck_assert_int_eq(l[3].paise, 400);
    ck_assert_str_eq(l[3].ref, "77");
    ck_assert_int_eq(l[4].paise, 500); /* "rs.5" is fb_money_parse's */
}
END_TEST

static const struct refusal {
    const char *text;
    int rc, line;
} refusals[] = {
    {"", AR_E_EMPTY, 0},
    {" \n ; \t\n", AR_E_EMPTY, 0},
    {"bitcoin 500", AR_E_METHOD, 1},
    {"500", AR_E_METHOD, 1},
    {"cash 500\n500 500", AR_E_METHOD, 2},
    {"cash", AR_E_AMOUNT, 1},
    {"cash 0", AR_E_AMOUNT, 1},
    {"cash -5", AR_E_AMOUNT, 1},
    {"cash 5.001", AR_E_AMOUNT, 1},
    {"cash five", AR_E_AMOUNT, 1},
    {"cash Rs", AR_E_AMOUNT, 1},
    {"Rs cash", AR_E_METHOD, 1},
    {"Rs 5", AR_E_METHOD, 1},
    {"cash 10000000.01", AR_E_AMOUNT, 1},
    {"cash 99999999999999999999", AR_E_AMOUNT, 1},
    {"cash 1\nupi 1\ncash 1\nupi 1\ncash 1\nupi 1\ncash 1\nupi 1\ncash 1",
     AR_E_TOOMANY, 9},
    {"cash 10000000\nupi 0.01", AR_E_TOTAL, 0},
    {"upi 5 12345678901234567890123456789012345678901", AR_E_REF, 1},
    {"upi 5 a\x01z", AR_E_REF, 1},
    {"upi 5 a\tz", AR_E_REF, 1},
};

START_TEST(refused)
{
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        const struct refusal *r = &refusals[i];
        ar_line l[AR_LINES_MAX];
        int bad = -1, rc = parse(r->text, l, &bad);

        ck_assert_msg(rc == r->rc, "%s: rc %d, not %d", r->text, rc, r->rc);
        ck_assert_msg(bad == r->line, "%s: line %d, not %d", r->text, bad,
                      r->line);
    }
}
END_TEST

START_TEST(references)
{
    ar_line l[AR_LINES_MAX];
    int bad;

    /* 40 characters, some of them two or three bytes each */
    ck_assert_int_eq(parse("upi 5 ₹₹₹₹₹₹₹₹₹₹"
                           "123456789012345678901234567890",
                           l, &bad),
                     1);
    ck_assert_int_eq(parse(NULL, l, &bad), AR_E_EMPTY);
}
END_TEST

START_TEST(round_trip)
{
    static const char *const texts[] = {
        "cash 500", "upi 1,000.50 UTR 4455\ncard 0.01", "1 chq 7",
        "neft 12,34,567.89 x;cash 1;upi 2;card 3;bank 4;cheque 5;cash 6;upi 7"};
    char buf[2048];

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        ar_line a[AR_LINES_MAX], b[AR_LINES_MAX];
        int bad, n = parse(texts[i], a, &bad);

        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(fb__ar_lines_format(a, n, buf, sizeof buf), 0);
        ck_assert_int_eq(parse(buf, b, &bad), n);
        for (int j = 0; j < n; j++) {
            ck_assert_str_eq(a[j].method, b[j].method);
            ck_assert_int_eq(a[j].paise, b[j].paise);
            ck_assert_str_eq(a[j].ref, b[j].ref);
        }
    }
    {
        ar_line a[1];
        int bad;

        ck_assert_int_eq(parse("cash 500 ref", a, &bad), 1);
        ck_assert_int_eq(fb__ar_lines_format(a, 1, buf, 5), -1);
        ck_assert_int_eq(fb__ar_lines_format(a, 1, buf, sizeof buf), 0);
        ck_assert_str_eq(buf, "cash 500.00 ref");
    }
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "unit_ar_lines", .tcase = "lines", .timeout = 30};

    return FBTC_RUN(&def, accepted_forms, refused, references, round_trip);
}
