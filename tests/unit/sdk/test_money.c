/* fb_money_format and fb_money_parse. */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "fitbot/sdk.h"

static char buf[64];

static const char *fmt(int64_t paise)
{
    ck_assert_int_eq(fb_money_format(paise, buf, sizeof buf), 0);
    return buf;
}

START_TEST(format_indian)
{
    ck_assert_str_eq(fmt(12345650), "₹1,23,456.50");
    ck_assert_str_eq(fmt(0), "₹0.00");
    ck_assert_str_eq(fmt(5), "₹0.05");
    ck_assert_str_eq(fmt(99999), "₹999.99");
    ck_assert_str_eq(fmt(100000), "₹1,000.00");
    ck_assert_str_eq(fmt(1000000000), "₹1,00,00,000.00");
    ck_assert_str_eq(fmt(-500), "-₹5.00");
    ck_assert_str_eq(fmt(-12345650), "-₹1,23,456.50");
}
END_TEST

START_TEST(format_extremes)
{
    ck_assert_str_eq(fmt(INT64_MAX), "₹92,23,37,20,36,85,47,758.07");
    ck_assert_str_eq(fmt(INT64_MIN), "-₹92,23,37,20,36,85,47,758.08");
    ck_assert_int_lt(strlen(buf), 40);
}
END_TEST

START_TEST(format_small_buffer)
{
    char small[8];
    ck_assert_int_eq(fb_money_format(12345650, small, sizeof small),
                     FB_E_TOOLONG);
    ck_assert_str_eq(small, "");
    ck_assert_int_eq(fb_money_format(1, NULL, 10), FB_E_ARG);
}
END_TEST

static int64_t parse_ok(const char *s)
{
    int64_t p = -1;
    ck_assert_msg(fb_money_parse(s, &p) == 0, "refused '%s'", s);
    return p;
}

START_TEST(parse_accepts)
{
    ck_assert_int_eq(parse_ok("1234"), 123400);
    ck_assert_int_eq(parse_ok("1,234.5"), 123450);
    ck_assert_int_eq(parse_ok("₹1,23,456.50"), 12345650);
    ck_assert_int_eq(parse_ok(" 99.99 "), 9999);
    ck_assert_int_eq(parse_ok("₹ 500"), 50000);
    ck_assert_int_eq(parse_ok("Rs. 1,500"), 150000);
    ck_assert_int_eq(parse_ok("123,456"), 12345600);
    ck_assert_int_eq(parse_ok("0"), 0);
    ck_assert_int_eq(parse_ok("92233720368547758.07"), INT64_MAX);
}
END_TEST

START_TEST(parse_refuses)
{
    static const struct {
        const char *s;
        int rc;
    } bad[] = {{"", FB_E_EMPTY},
               {"  ", FB_E_EMPTY},
               {"1.234", FB_E_JUNK},
               {"12a", FB_E_JUNK},
               {"-5", FB_E_RANGE},
               {"-₹5", FB_E_RANGE},
               {"1,2", FB_E_JUNK},
               {",123", FB_E_JUNK},
               {"1,,234", FB_E_JUNK},
               {"1,2345", FB_E_JUNK},
               {"5.", FB_E_JUNK},
               {".5", FB_E_JUNK},
               {"1.2.3", FB_E_JUNK},
               {"₹", FB_E_JUNK},
               {"1 000", FB_E_JUNK},
               {"92233720368547758.08", FB_E_RANGE},
               {"99999999999999999999", FB_E_RANGE}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t p = 7;
        ck_assert_msg(fb_money_parse(bad[i].s, &p) == bad[i].rc, "'%s' gave %d",
                      bad[i].s, fb_money_parse(bad[i].s, &p));
        ck_assert_int_eq(p, 0);
    }
}
END_TEST

START_TEST(format_parse_roundtrip)
{
    static const int64_t vals[] = {0, 1, 10, 99, 100, 123456789, INT64_MAX};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        ck_assert_int_eq(parse_ok(fmt(vals[i])), vals[i]);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, format_indian);
    tcase_add_test(tc, format_extremes);
    tcase_add_test(tc, format_small_buffer);
    tcase_add_test(tc, parse_accepts);
    tcase_add_test(tc, parse_refuses);
    tcase_add_test(tc, format_parse_roundtrip);
}

CHECK_MAIN("sdk_money", add)
