/* fb_parse_int64, fb_parse_id, fb_int64_str. */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "fitbot/sdk.h"

static int64_t v;

START_TEST(id_trimmed)
{
    ck_assert_int_eq(fb_parse_id(" 7000000001 ", &v), 0);
    ck_assert_int_eq(v, 7000000001LL);
    ck_assert_int_eq(fb_parse_id("\t42\n", &v), 0);
    ck_assert_int_eq(v, 42);
}
END_TEST

START_TEST(id_junk)
{
    static const char *const junk[] = {"70000000O1", "12 34", "+5", "0x10",
                                       "1e5",        "5.0",   "-",  "--5",
                                       "5-",         "١٢"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        v = 99;
        ck_assert_msg(fb_parse_id(junk[i], &v) == FB_E_JUNK, "%s", junk[i]);
        ck_assert_int_eq(v, 0);
    }
}
END_TEST

START_TEST(id_range)
{
    ck_assert_int_eq(fb_parse_id("-5", &v), FB_E_RANGE);
    ck_assert_int_eq(fb_parse_id("0", &v), FB_E_RANGE);
    ck_assert_int_eq(fb_parse_id("12345678901234567890", &v), FB_E_RANGE);
    ck_assert_int_eq(fb_parse_id("9223372036854775808", &v), FB_E_RANGE);
    ck_assert_int_eq(fb_parse_id("9223372036854775807", &v), 0);
    ck_assert_int_eq(v, INT64_MAX);
}
END_TEST

START_TEST(id_empty)
{
    ck_assert_int_eq(fb_parse_id("", &v), FB_E_EMPTY);
    ck_assert_int_eq(fb_parse_id("   \t", &v), FB_E_EMPTY);
    ck_assert_int_eq(fb_parse_id(NULL, &v), FB_E_ARG);
    ck_assert_int_eq(fb_parse_id("5", NULL), FB_E_ARG);
}
END_TEST

START_TEST(id_exact_above_2_53)
{
    /* 2^53 + 1 is not representable as a double: parsing must be exact */
    ck_assert_int_eq(fb_parse_id("9007199254740993", &v), 0);
    ck_assert_int_eq(v, 9007199254740993LL);
    ck_assert_int_eq(fb_parse_id("4294967297", &v), 0);
    ck_assert_int_eq(v, 4294967297LL);
}
END_TEST

START_TEST(int64_signed_bounds)
{
    ck_assert_int_eq(
        fb_parse_int64("-9223372036854775808", INT64_MIN, INT64_MAX, &v), 0);
    ck_assert_int_eq(v, INT64_MIN);
    ck_assert_int_eq(
        fb_parse_int64("-9223372036854775809", INT64_MIN, INT64_MAX, &v),
        FB_E_RANGE);
    ck_assert_int_eq(fb_parse_int64("-17", -100, 100, &v), 0);
    ck_assert_int_eq(v, -17);
    ck_assert_int_eq(fb_parse_int64("101", -100, 100, &v), FB_E_RANGE);
    ck_assert_int_eq(fb_parse_int64("007", 0, 10, &v), 0);
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(fb_parse_int64("1", 5, 2, &v), FB_E_ARG);
}
END_TEST

START_TEST(int64_str_roundtrip)
{
    char buf[21];
    ck_assert_str_eq(fb_int64_str(INT64_MIN, buf), "-9223372036854775808");
    ck_assert_str_eq(fb_int64_str(INT64_MAX, buf), "9223372036854775807");
    ck_assert_str_eq(fb_int64_str(0, buf), "0");
    ck_assert_int_eq(fb_parse_int64(fb_int64_str(-123456789012345LL, buf),
                                    INT64_MIN, INT64_MAX, &v),
                     0);
    ck_assert_int_eq(v, -123456789012345LL);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, id_trimmed);
    tcase_add_test(tc, id_junk);
    tcase_add_test(tc, id_range);
    tcase_add_test(tc, id_empty);
    tcase_add_test(tc, id_exact_above_2_53);
    tcase_add_test(tc, int64_signed_bounds);
    tcase_add_test(tc, int64_str_roundtrip);
}

CHECK_MAIN("sdk_numbers", add)
