/* fb_kb_init, fb_kb_row, fb_kb_button, fb_kb_url. */
#include <string.h>

#include "check_main.h"
#include "fitbot/sdk.h"

static fb_keyboard kb;

START_TEST(rows_and_buttons)
{
    fb_kb_init(&kb);
    ck_assert_int_eq(fb_kb_button(&kb, "Yes", "c:y"), 0); /* row started */
    ck_assert_int_eq(fb_kb_button(&kb, "No", "c:n"), 0);
    ck_assert_int_eq(fb_kb_row(&kb), 0);
    ck_assert_int_eq(fb_kb_row(&kb), 0); /* empty row reused */
    ck_assert_int_eq(fb_kb_url(&kb, "Site", "https://example.org"), 0);
    ck_assert_int_eq(kb.rows, 2);
    ck_assert_int_eq(kb.cols[0], 2);
    ck_assert_int_eq(kb.cols[1], 1);
    ck_assert_str_eq(kb.b[0][1].text, "No");
    ck_assert_str_eq(kb.b[0][1].data, "c:n");
    ck_assert_str_eq(kb.b[1][0].url, "https://example.org");
    ck_assert_str_eq(kb.b[1][0].data, "");
    ck_assert_int_eq(kb.error, 0);
}
END_TEST

START_TEST(data_limits)
{
    char d65[66];
    memset(d65, 'd', 65);
    d65[65] = '\0';
    fb_kb_init(&kb);
    ck_assert_int_eq(fb_kb_button(&kb, "x", d65), FB_E_TOOLONG);
    ck_assert_int_eq(kb.error, FB_E_TOOLONG);
    ck_assert_int_eq(kb.rows, 0);
    d65[64] = '\0';
    ck_assert_int_eq(fb_kb_button(&kb, "x", d65), 0);
    ck_assert_int_eq(fb_kb_button(&kb, "x", ""), FB_E_EMPTY);
    ck_assert_int_eq(fb_kb_button(&kb, "", "a"), FB_E_EMPTY);
    ck_assert_int_eq(kb.error, FB_E_TOOLONG); /* first error kept */
    ck_assert_int_eq(kb.cols[0], 1);
}
END_TEST

START_TEST(full)
{
    int i;
    fb_kb_init(&kb);
    for (i = 0; i < FB_KB_MAX_COLS; i++)
        ck_assert_int_eq(fb_kb_button(&kb, "b", "d"), 0);
    ck_assert_int_eq(fb_kb_button(&kb, "b", "d"), FB_E_FULL);
    for (i = 1; i < FB_KB_MAX_ROWS; i++) {
        ck_assert_int_eq(fb_kb_row(&kb), 0);
        ck_assert_int_eq(fb_kb_button(&kb, "b", "d"), 0);
    }
    ck_assert_int_eq(fb_kb_row(&kb), FB_E_FULL);
    ck_assert_int_eq(kb.rows, FB_KB_MAX_ROWS);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, rows_and_buttons);
    tcase_add_test(tc, data_limits);
    tcase_add_test(tc, full);
}

CHECK_MAIN("sdk_keyboard", add)
