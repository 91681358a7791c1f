/* Unit tests: what a registrant may type, and what comes out. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc.h"
#include "validate.h"

static char out[USR_NAME_BUF];

/* ---- names ---------------------------------------------------------- */
START_TEST(name_trimmed_and_collapsed)
{
    ck_assert_int_eq(fb__usr_check_name("  Asha   Verma \t", out, sizeof out),
                     USR_OK);
    ck_assert_str_eq(out, "Asha Verma");
}
END_TEST

START_TEST(name_punctuation_and_scripts)
{
    ck_assert_int_eq(fb__usr_check_name("D'Souza-Rao Jr.", out, sizeof out),
                     USR_OK);
    ck_assert_str_eq(out, "D'Souza-Rao Jr.");
    ck_assert_int_eq(fb__usr_check_name("आशा वर्मा", out, sizeof out), USR_OK);
    ck_assert_str_eq(out, "आशा वर्मा");
}
END_TEST

START_TEST(name_refusals)
{
    ck_assert_int_eq(fb__usr_check_name("   ", out, sizeof out), USR_EMPTY);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(fb__usr_check_name("", out, sizeof out), USR_EMPTY);
    ck_assert_int_eq(fb__usr_check_name("A", out, sizeof out), USR_SHORT);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(fb__usr_check_name("Asha2", out, sizeof out), USR_CHARS);
    ck_assert_int_eq(fb__usr_check_name("Asha 😀", out, sizeof out), USR_CHARS);
    ck_assert_int_eq(fb__usr_check_name("<b>x</b>", out, sizeof out),
                     USR_CHARS);
    ck_assert_int_eq(fb__usr_check_name("...", out, sizeof out), USR_NO_LETTER);
    ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(name_length_limits)
{
    char in[200];

    memset(in, 'a', 64);
    in[64] = '\0';
    ck_assert_int_eq(fb__usr_check_name(in, out, sizeof out), USR_OK);
    ck_assert_uint_eq(strlen(out), 64);
    in[64] = 'a';
    in[65] = '\0';
    ck_assert_int_eq(fb__usr_check_name(in, out, sizeof out), USR_LONG);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(fb__usr_check_name("Ab", out, sizeof out), USR_OK);
    ck_assert_int_eq(fb__usr_check_name("Asha", out, 3), USR_LONG);
}
END_TEST

/* ---- phones ----------------------------------------------------------- */
START_TEST(phone_forms_normalised)
{
    static const char *const ok[] = {
        "9876543210",       " 98765 43210 ", "+91 98765 43210",
        "+919876543210",    "919876543210",  "09876543210",
        "0091 98765-43210", "(98765) 43210", "98765.43210",
    };
    size_t i;

    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_msg(fb__usr_check_phone(ok[i], out, sizeof out) == USR_OK,
                      "refused %s", ok[i]);
        ck_assert_str_eq(out, "+919876543210");
    }
    ck_assert_int_eq(fb__usr_check_phone("6000000000", out, sizeof out),
                     USR_OK);
    ck_assert_str_eq(out, "+916000000000");
}
END_TEST

START_TEST(phone_refusals)
{
    ck_assert_int_eq(fb__usr_check_phone("", out, sizeof out), USR_EMPTY);
    ck_assert_int_eq(fb__usr_check_phone("98765abcde", out, sizeof out),
                     USR_CHARS);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(fb__usr_check_phone("98765+43210", out, sizeof out),
                     USR_CHARS);
    ck_assert_int_eq(fb__usr_check_phone("987654321", out, sizeof out),
                     USR_PHONE_LEN);
    ck_assert_int_eq(fb__usr_check_phone("98765432101", out, sizeof out),
                     USR_PHONE_LEN);
    ck_assert_int_eq(fb__usr_check_phone("+91 98765 4321", out, sizeof out),
                     USR_PHONE_LEN);
    ck_assert_int_eq(fb__usr_check_phone("5876543210", out, sizeof out),
                     USR_PHONE_START);
    ck_assert_int_eq(fb__usr_check_phone("0123456789", out, sizeof out),
                     USR_PHONE_START);
    ck_assert_int_eq(fb__usr_check_phone("+1 415 555 2671", out, sizeof out),
                     USR_PHONE_COUNTRY);
    ck_assert_int_eq(
        fb__usr_check_phone("123456789012345678901234", out, sizeof out),
        USR_PHONE_LEN);
    ck_assert_str_eq(out, "");
}
END_TEST

/* ---- age and weight ------------------------------------------------------ */
START_TEST(age_range_and_form)
{
    int age = -1;

    ck_assert_int_eq(fb__usr_check_age(" 28 ", &age), USR_OK);
    ck_assert_int_eq(age, 28);
    ck_assert_int_eq(fb__usr_check_age("10", &age), USR_OK);
    ck_assert_int_eq(fb__usr_check_age("100", &age), USR_OK);
    ck_assert_int_eq(age, 100);
    ck_assert_int_eq(fb__usr_check_age("9", &age), USR_RANGE);
    ck_assert_int_eq(age, 0);
    ck_assert_int_eq(fb__usr_check_age("101", &age), USR_RANGE);
    ck_assert_int_eq(fb__usr_check_age("99999999999999999999", &age),
                     USR_RANGE);
    ck_assert_int_eq(fb__usr_check_age("-5", &age), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_age("28.5", &age), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_age("twenty", &age), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_age("", &age), USR_EMPTY);
}
END_TEST

START_TEST(weight_forms)
{
    int t = -1;

    ck_assert_int_eq(fb__usr_check_weight("72", &t), USR_OK);
    ck_assert_int_eq(t, 720);
    ck_assert_int_eq(fb__usr_check_weight("72.5", &t), USR_OK);
    ck_assert_int_eq(t, 725);
    ck_assert_int_eq(fb__usr_check_weight("72,5", &t), USR_OK);
    ck_assert_int_eq(t, 725);
    ck_assert_int_eq(fb__usr_check_weight(" 72 kg ", &t), USR_OK);
    ck_assert_int_eq(t, 720);
    ck_assert_int_eq(fb__usr_check_weight("80.5KGs", &t), USR_OK);
    ck_assert_int_eq(t, 805);
    ck_assert_int_eq(fb__usr_check_weight("20", &t), USR_OK);
    ck_assert_int_eq(fb__usr_check_weight("300", &t), USR_OK);
    ck_assert_int_eq(t, 3000);
}
END_TEST

START_TEST(weight_refusals)
{
    int t = -1;

    ck_assert_int_eq(fb__usr_check_weight("19.9", &t), USR_RANGE);
    ck_assert_int_eq(t, 0);
    ck_assert_int_eq(fb__usr_check_weight("300.1", &t), USR_RANGE);
    ck_assert_int_eq(fb__usr_check_weight("72.55", &t), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_weight(".5", &t), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_weight("72.", &t), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_weight("kg", &t), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_weight("seventy", &t), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_weight("-70", &t), USR_NOT_NUMBER);
    ck_assert_int_eq(fb__usr_check_weight("", &t), USR_EMPTY);
}
END_TEST

/* ---- gender, skip, reasons, queries ---------------------------------------
 */
START_TEST(gender_words)
{
    const char *g = NULL;

    ck_assert_int_eq(fb__usr_check_gender(" Female ", &g), USR_OK);
    ck_assert_str_eq(g, "female");
    ck_assert_int_eq(fb__usr_check_gender("M", &g), USR_OK);
    ck_assert_str_eq(g, "male");
    ck_assert_int_eq(fb__usr_check_gender("other", &g), USR_OK);
    ck_assert_str_eq(g, "other");
    ck_assert_int_eq(fb__usr_check_gender("yes", &g), USR_CHARS);
    ck_assert_ptr_null(g);
    ck_assert_int_eq(fb__usr_check_gender("", &g), USR_EMPTY);
}
END_TEST

START_TEST(skip_and_reason)
{
    char r[USR_REASON_MAX * 4 + 1], big[400];

    ck_assert(fb__usr_is_skip("  SKIP "));
    ck_assert(!fb__usr_is_skip("skipped"));
    ck_assert_int_eq(fb__usr_check_reason("  spam  ", r, sizeof r), USR_OK);
    ck_assert_str_eq(r, "spam");
    ck_assert_int_eq(fb__usr_check_reason("  ", r, sizeof r), USR_EMPTY);
    memset(big, 'x', 201);
    big[201] = '\0';
    ck_assert_int_eq(fb__usr_check_reason(big, r, sizeof r), USR_LONG);
    big[200] = '\0';
    ck_assert_int_eq(fb__usr_check_reason(big, r, sizeof r), USR_OK);
}
END_TEST

START_TEST(query_kinds)
{
    char like[64];

    ck_assert_int_eq(fb__usr_query_kind(" 7000000001 "), USR_Q_NUMBER);
    ck_assert_int_eq(fb__usr_query_kind("+91 98765 43210"), USR_Q_NUMBER);
    ck_assert_int_eq(fb__usr_query_kind("-5"), USR_Q_NUMBER);
    ck_assert_int_eq(fb__usr_query_kind("@asha_v"), USR_Q_USERNAME);
    ck_assert_int_eq(fb__usr_query_kind("@"), USR_Q_JUNK);
    ck_assert_int_eq(fb__usr_query_kind("Asha Verma"), USR_Q_NAME);
    ck_assert_int_eq(fb__usr_query_kind("70000000O1"), USR_Q_JUNK);
    ck_assert_int_eq(fb__usr_query_kind(""), USR_Q_JUNK);
    ck_assert_int_eq(fb__usr_like_pattern(" 50%_a\\ ", like, sizeof like),
                     USR_OK);
    ck_assert_str_eq(like, "%50\\%\\_a\\\\%");
    ck_assert_int_eq(fb__usr_like_pattern("abcdefgh", like, 8), USR_LONG);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "users_validate", .tcase = "all"};

    return FBTC_RUN(&def, name_trimmed_and_collapsed,
                    name_punctuation_and_scripts, name_refusals,
                    name_length_limits, phone_forms_normalised, phone_refusals,
                    age_range_and_form, weight_forms, weight_refusals,
                    gender_words, skip_and_reason, query_kinds);
}
