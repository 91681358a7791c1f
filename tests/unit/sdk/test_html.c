/* fb_html_escape and fb_html_escape_dup. */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fitbot/sdk.h"

START_TEST(escapes_specials)
{
    char buf[128];
    ck_assert_int_eq(fb_html_escape("<b>Tom & \"Jerry\"</b>", buf, sizeof buf),
                     0);
    ck_assert_str_eq(buf, "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
    ck_assert_int_eq(fb_html_escape("plain ₹ text", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "plain ₹ text");
    ck_assert_int_eq(fb_html_escape("", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(exact_fit_and_too_long)
{
    char buf[6];
    ck_assert_int_eq(fb_html_escape("&", buf, sizeof buf), 0); /* 5 + NUL */
    ck_assert_str_eq(buf, "&amp;");
    ck_assert_int_eq(fb_html_escape("a&", buf, sizeof buf), FB_E_TOOLONG);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(fb_html_escape(NULL, buf, sizeof buf), FB_E_ARG);
}
END_TEST

START_TEST(dup_matches)
{
    char buf[64];
    char *d = fb_html_escape_dup("a<b>&c");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(fb_html_escape("a<b>&c", buf, sizeof buf), 0);
    ck_assert_str_eq(d, buf);
    free(d);
    ck_assert_ptr_null(fb_html_escape_dup(NULL));
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, escapes_specials);
    tcase_add_test(tc, exact_fit_and_too_long);
    tcase_add_test(tc, dup_matches);
}

CHECK_MAIN("sdk_html", add)
