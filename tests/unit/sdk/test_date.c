/* fb_parse_date and fb_date_str. */
#include <string.h>

#include "check_main.h"
#include "fitbot/sdk.h"

static const char *parsed(const char *s)
{
    static char buf[11];
    fb_date d;

    ck_assert_msg(fb_parse_date(s, &d) == 0, "refused '%s'", s);
    return fb_date_str(&d, buf);
}

START_TEST(accepts_iso_and_day_first)
{
    ck_assert_str_eq(parsed("2030-01-15"), "2030-01-15");
    ck_assert_str_eq(parsed(" 15/01/2030 "), "2030-01-15");
    ck_assert_str_eq(parsed("15-01-2030"), "2030-01-15");
    ck_assert_str_eq(parsed("15.01.2030"), "2030-01-15");
    ck_assert_str_eq(parsed("5/1/2030"), "2030-01-05");
    ck_assert_str_eq(parsed("2030-1-5"), "2030-01-05");
    ck_assert_str_eq(parsed("29/02/2028"), "2028-02-29"); /* leap */
    ck_assert_str_eq(parsed("2000-02-29"), "2000-02-29"); /* 400 rule */
}
END_TEST

START_TEST(refuses)
{
    static const struct {
        const char *s;
        int rc;
    } bad[] = {
        {"", FB_E_EMPTY},           {"   ", FB_E_EMPTY},
        {"tomorrow", FB_E_JUNK},    {"2030/01/15", FB_E_JUNK},
        {"15/01-2030", FB_E_JUNK},  {"15/01/30", FB_E_JUNK},
        {"2030-01-15x", FB_E_JUNK}, {"2030-001-15", FB_E_JUNK},
        {"+5/01/2030", FB_E_JUNK},  {"15 / 01 / 2030", FB_E_JUNK},
        {"2030-02-29", FB_E_RANGE}, {"1900-02-29", FB_E_RANGE}, /* 100 rule */
        {"31/04/2030", FB_E_RANGE}, {"00/01/2030", FB_E_RANGE},
        {"2030-13-01", FB_E_RANGE}, {"01/01/1899", FB_E_RANGE}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fb_date d = {1, 1, 1};
        int rc = fb_parse_date(bad[i].s, &d);
        ck_assert_msg(rc == bad[i].rc, "'%s' gave %d", bad[i].s, rc);
        ck_assert_int_eq(d.year + d.month + d.day, 0);
    }
    ck_assert_int_eq(fb_parse_date(NULL, &(fb_date){0}), FB_E_ARG);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, accepts_iso_and_day_first);
    tcase_add_test(tc, refuses);
}

CHECK_MAIN("sdk_date", add)
