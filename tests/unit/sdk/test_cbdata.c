/* fb_cbdata and fb_cbdata_split. */
#include <string.h>

#include "check_main.h"
#include "fitbot/sdk.h"

START_TEST(build_and_split)
{
    char buf[65], copy[65];
    const char *f[] = {"approve", "1001"};
    const char *out[4];

    ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "usr:", 2, f), 0);
    ck_assert_str_eq(buf, "usr:approve:1001");
    ck_assert_int_eq(fb_cbdata_split(buf, "usr:", copy, sizeof copy, out, 4),
                     2);
    ck_assert_str_eq(out[0], "approve");
    ck_assert_str_eq(out[1], "1001");
}
END_TEST

START_TEST(limit_64_bytes)
{
    char buf[128];
    char field[61];
    const char *f[] = {field};

    memset(field, 'x', 60);
    field[60] = '\0';
    /* "usr:" (4) + 60 = 64: accepted */
    ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "usr:", 1, f), 0);
    ck_assert_uint_eq(strlen(buf), 64);
    {
        char longer[62];
        const char *g[] = {longer};
        memset(longer, 'x', 61);
        longer[61] = '\0';
        ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "usr:", 1, g),
                         FB_E_TOOLONG);
        ck_assert_str_eq(buf, "");
    }
}
END_TEST

START_TEST(small_buffer)
{
    char buf[8];
    const char *f[] = {"approve"};
    ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "usr:", 1, f), FB_E_TOOLONG);
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(bad_fields)
{
    char buf[65];
    const char *colon[] = {"a:b"};
    const char *null[] = {NULL};
    ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "p:", 1, colon), FB_E_JUNK);
    ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "p:", 1, null), FB_E_ARG);
    ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "", 0, NULL), FB_E_EMPTY);
    ck_assert_int_eq(fb_cbdata(buf, sizeof buf, "menu", 0, NULL), 0);
    ck_assert_str_eq(buf, "menu");
}
END_TEST

START_TEST(split_refusals)
{
    char copy[65];
    const char *out[3];
    char huge[80];

    ck_assert_int_eq(
        fb_cbdata_split("pay:1", "usr:", copy, sizeof copy, out, 2), FB_E_JUNK);
    ck_assert_int_eq(
        fb_cbdata_split("usr:a:b:c", "usr:", copy, sizeof copy, out, 2),
        FB_E_RANGE);
    memset(huge, 'a', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    memcpy(huge, "usr:", 4);
    ck_assert_int_eq(fb_cbdata_split(huge, "usr:", copy, sizeof copy, out, 2),
                     FB_E_TOOLONG);
    ck_assert_int_eq(fb_cbdata_split("usr:", "usr:", copy, sizeof copy, out, 2),
                     0);
    ck_assert_int_eq(
        fb_cbdata_split("usr:a::", "usr:", copy, sizeof copy, out, 3), 3);
    ck_assert_str_eq(out[1], "");
    ck_assert_str_eq(out[2], "");
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, build_and_split);
    tcase_add_test(tc, limit_64_bytes);
    tcase_add_test(tc, small_buffer);
    tcase_add_test(tc, bad_fields);
    tcase_add_test(tc, split_refusals);
}

CHECK_MAIN("sdk_cbdata", add)
