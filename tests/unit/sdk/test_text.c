/* fb_trim. */
#include "check_main.h"
#include "fitbot/sdk.h"

START_TEST(trims)
{
    char buf[16];
    ck_assert_int_eq(fb_trim("  hi there \t\n", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "hi there");
    ck_assert_int_eq(fb_trim("   ", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(fb_trim(" 0123456789abcdef ", buf, sizeof buf),
                     FB_E_TOOLONG);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(fb_trim(" 0123456789abcde ", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "0123456789abcde");
    ck_assert_int_eq(fb_trim(NULL, buf, sizeof buf), FB_E_ARG);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, trims);
}

CHECK_MAIN("sdk_text", add)
