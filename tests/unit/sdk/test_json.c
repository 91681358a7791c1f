/* fb_json_get_str and fb_json_get_int64. */
#include <stdint.h>

#include "check_main.h"
#include "fitbot/sdk.h"

static const char *doc = "{\"name\":\"Asha <3\",\"user\":7000000001,"
                         "\"big\":\"9223372036854775807\",\"frac\":1.5,"
                         "\"huge\":9007199254740993,\"neg\":-42,\"nil\":null,"
                         "\"obj\":{}}";

START_TEST(strings)
{
    char buf[32], tiny[4];
    ck_assert_int_eq(fb_json_get_str(doc, "name", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "Asha <3");
    ck_assert_int_eq(fb_json_get_str(doc, "name", tiny, sizeof tiny),
                     FB_E_TOOLONG);
    ck_assert_str_eq(tiny, "");
    ck_assert_int_eq(fb_json_get_str(doc, "user", buf, sizeof buf), FB_E_JUNK);
    ck_assert_int_eq(fb_json_get_str(doc, "missing", buf, sizeof buf),
                     FB_E_EMPTY);
    ck_assert_int_eq(fb_json_get_str(doc, "nil", buf, sizeof buf), FB_E_EMPTY);
    ck_assert_int_eq(fb_json_get_str("[1]", "a", buf, sizeof buf), FB_E_JUNK);
    ck_assert_int_eq(fb_json_get_str("{bad", "a", buf, sizeof buf), FB_E_JUNK);
}
END_TEST

START_TEST(integers)
{
    int64_t v;
    ck_assert_int_eq(fb_json_get_int64(doc, "user", &v), 0);
    ck_assert_int_eq(v, 7000000001LL);
    ck_assert_int_eq(fb_json_get_int64(doc, "neg", &v), 0);
    ck_assert_int_eq(v, -42);
    ck_assert_int_eq(fb_json_get_int64(doc, "big", &v), 0);
    ck_assert_int_eq(v, INT64_MAX);
    ck_assert_int_eq(fb_json_get_int64(doc, "frac", &v), FB_E_JUNK);
    ck_assert_int_eq(fb_json_get_int64(doc, "huge", &v), FB_E_RANGE);
    ck_assert_int_eq(fb_json_get_int64(doc, "obj", &v), FB_E_JUNK);
    ck_assert_int_eq(fb_json_get_int64(doc, "name", &v), FB_E_JUNK);
    ck_assert_int_eq(fb_json_get_int64(doc, "nope", &v), FB_E_EMPTY);
    ck_assert_int_eq(v, 0);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, strings);
    tcase_add_test(tc, integers);
}

CHECK_MAIN("sdk_json", add)
