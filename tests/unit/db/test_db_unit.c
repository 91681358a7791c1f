/* Data-layer helpers that need no server. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "convo.h"
#include "db.h"
#include "fbtc.h"
#include "identity.h"
#include "jobstore.h"

static fb_rows *fake_rows(void)
{
    fb_rows *r = calloc(1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    r->res = PQmakeEmptyPGresult(NULL, PGRES_COMMAND_OK);
    ck_assert_ptr_nonnull(r->res);
    return r;
}

START_TEST(rowset_frees_what_the_plugin_left)
{
    fb__rowset set = {0};
    fb_rows *a = fake_rows(), *b = fake_rows(), *c = fake_rows();

    fb__rowset_track(&set, a);
    fb__rowset_track(&set, b);
    fb__rowset_track(&set, c);
    fb__rowset_track(&set, c); /* twice is once */
    fb__rowset_track(&set, NULL);
    ck_assert_int_eq(set.count, 3);
    fb__rows_free(b); /* the plugin freed one itself (middle of the list) */
    ck_assert_int_eq(set.count, 2);
    fb__rows_free(c); /* and the head */
    ck_assert_int_eq(set.count, 1);
    ck_assert_ptr_eq(set.head, a);
    fb__rowset_clear(&set); /* ASan reports a leak or double free here */
    ck_assert_int_eq(set.count, 0);
    ck_assert_ptr_null(set.head);
    fb__rowset_clear(&set);
}
END_TEST

START_TEST(rows_accessors_tolerate_null)
{
    fb_rows *r = fake_rows();

    ck_assert_int_eq(fb__rows_count(NULL), 0);
    ck_assert_ptr_null(fb__rows_get(NULL, 0, 0));
    ck_assert_int_eq(fb__rows_affected(NULL), 0);
    ck_assert_int_eq(fb__rows_count(r), 0);
    ck_assert_ptr_null(fb__rows_get(r, 0, 0));
    ck_assert_ptr_null(fb__rows_get(r, -1, 0));
    fb__rows_free(r);
    fb__rows_free(NULL);
}
END_TEST

START_TEST(seterr_trims_and_flattens)
{
    char err[32];

    fb__db_seterr(err, sizeof err, "%s", "ERROR: bad\nDETAIL: x\n");
    ck_assert_str_eq(err, "ERROR: bad DETAIL: x");
    fb__db_seterr(err, 8, "%s", "0123456789");
    ck_assert_str_eq(err, "0123456");
    fb__db_seterr(NULL, 0, "%s", "ignored");
}
END_TEST

START_TEST(db_refuses_bad_arguments_without_a_server)
{
    char err[64] = "";

    ck_assert_ptr_null(
        fb__db_query(NULL, "SELECT 1", 0, NULL, err, sizeof err));
    ck_assert_str_eq(err, "bad query arguments");
    ck_assert_int_eq(fb__db_exec(NULL, "SELECT 1", 0, NULL, err, sizeof err),
                     -1);
    ck_assert_int_eq(fb__db_broken(NULL), 1);
}
END_TEST

START_TEST(role_names)
{
    ck_assert_str_eq(fb__role_name(FB_ROLE_ANYONE), "none");
    ck_assert_str_eq(fb__role_name(FB_ROLE_MEMBER), "member");
    ck_assert_str_eq(fb__role_name(FB_ROLE_STAFF), "staff");
    ck_assert_str_eq(fb__role_name(FB_ROLE_ADMIN), "admin");
    ck_assert_str_eq(fb__role_name((fb_role)42), "none");
    for (int r = FB_ROLE_ANYONE; r <= FB_ROLE_ADMIN; r++)
        ck_assert_int_eq(fb__role_parse(fb__role_name((fb_role)r)), r);
    ck_assert_int_eq(fb__role_parse("Admin"), -1);
    ck_assert_int_eq(fb__role_parse(""), -1);
    ck_assert_int_eq(fb__role_parse(NULL), -1);
}
END_TEST

START_TEST(hhmm_parsing)
{
    int h = -1, m = -1;

    ck_assert_int_eq(fb__job_parse_hhmm("07:30", &h, &m), 0);
    ck_assert_int_eq(h, 7);
    ck_assert_int_eq(m, 30);
    ck_assert_int_eq(fb__job_parse_hhmm("00:00", &h, &m), 0);
    ck_assert_int_eq(fb__job_parse_hhmm("23:59", &h, &m), 0);
    ck_assert_int_eq(h, 23);
    const char *bad[] = {"24:00",  "7:30",   "07:60", "0730",  "07:3a",
                         " 07:30", "07:30 ", "",      "-1:00", "07-30"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(fb__job_parse_hhmm(bad[i], NULL, NULL) == -1,
                      "%s accepted", bad[i]);
    ck_assert_int_eq(fb__job_parse_hhmm(NULL, NULL, NULL), -1);
}
END_TEST

START_TEST(convo_data_helpers)
{
    fb__convo c = {0};
    const char *first;

    ck_assert_ptr_null(fb__convo_data_get(&c, "a")); /* NULL data is {} */
    ck_assert_int_eq(fb__convo_data_set(&c, "a", "1"), 0);
    ck_assert_str_eq(c.data, "{\"a\":\"1\"}");
    first = fb__convo_data_get(&c, "a");
    ck_assert_int_eq(fb__convo_data_set(&c, "b", "two \"quoted\""), 0);
    ck_assert_str_eq(first, "1"); /* other keys' strings stay valid */
    ck_assert_str_eq(fb__convo_data_get(&c, "b"), "two \"quoted\"");
    ck_assert_int_eq(fb__convo_data_set(&c, "a", "3"), 0); /* replace */
    ck_assert_str_eq(fb__convo_data_get(&c, "a"), "3");
    ck_assert_str_eq(first, "1"); /* still valid until clear (ASan checks) */
    ck_assert_int_eq(fb__convo_data_set(&c, "a", NULL), 0); /* remove */
    ck_assert_ptr_null(fb__convo_data_get(&c, "a"));
    ck_assert_int_eq(fb__convo_data_set(&c, "missing", NULL), 0);
    ck_assert_str_eq(c.data, "{\"b\":\"two \\\"quoted\\\"\"}");
    ck_assert_ptr_null(fb__convo_data_get(&c, "B")); /* case-sensitive */
    fb__convo_clear(&c);
    ck_assert_ptr_null(c.data);
    ck_assert_ptr_null(c.json);
    /* stored data with non-string values */
    c.data = strdup("{\"n\": 5, \"s\": \"x\", \"o\": {}}");
    ck_assert_ptr_null(fb__convo_data_get(&c, "n"));
    ck_assert_ptr_null(fb__convo_data_get(&c, "o"));
    ck_assert_str_eq(fb__convo_data_get(&c, "s"), "x");
    ck_assert_int_eq(fb__convo_data_set(&c, "n", "5"), 0);
    ck_assert_str_eq(fb__convo_data_get(&c, "n"), "5");
    fb__convo_clear(&c);
    /* not an object: refused, left alone */
    c.data = strdup("\"text\"");
    ck_assert_int_eq(fb__convo_data_set(&c, "k", "v"), -1);
    ck_assert_str_eq(c.data, "\"text\"");
    ck_assert_ptr_null(fb__convo_data_get(NULL, "k"));
    ck_assert_ptr_null(fb__convo_data_get(&c, NULL));
    fb__convo_clear(&c);
    fb__convo_clear(NULL);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "db-unit", .tcase = "db-unit"};

    return FBTC_RUN(&def, rowset_frees_what_the_plugin_left,
                    rows_accessors_tolerate_null, seterr_trims_and_flattens,
                    db_refuses_bad_arguments_without_a_server, role_names,
                    hhmm_parsing, convo_data_helpers);
}
