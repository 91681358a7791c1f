/* ABI 1.2 queries through the stand-in host on a real PostgreSQL (a fresh
 * database per test on FITBOT_TEST_DATABASE_URL): typed parameters (int64
 * near 2^63, unsigned, NULL, quotes), typed results (fb_int on a
 * non-integer fails), fb_sql_exec / fb_sql_str / fb_sql_int, a failure
 * rolling back the row, migrations in name order, the club's TimeZone. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "body_plugin.h"
#include "fbtc.h"

static fbtc_db db;
static fbh_host *h;
static char got[4096];

static void setup(void)
{
    fbtc_db_open(&db);
    h = fbh_new(&body_plugin, db.conninfo);
    ck_assert_ptr_nonnull(h);
    fbh_as(h, BODY_USER, FB_ROLE_MEMBER);
    ck_assert_int_eq(fbh_sql(h, "CREATE TABLE t (id bigint, name text)"), 0);
}

static void teardown(void)
{
    fbh_free(h);
    fbtc_db_close(&db);
}

static int run(int (*b)(fb_ctx *))
{
    body = b;
    got[0] = '\0';
    return fbh_command(h, "/t");
}

static int b_params(fb_ctx *c)
{
    const char *quoted = "O'Brien \"x\"; DROP TABLE t; --\\";
    const char *none = NULL;
    fb_rows *r = fb_sql(c,
                        "SELECT $1::bigint, $2::bigint, $3::bigint + 0, "
                        "$4::numeric, $5::text, $6::text IS NULL, $7::int",
                        INT64_MAX, INT64_MIN, INT64_MAX - 1, UINT64_MAX, quoted,
                        none, (short)-3);

    snprintf(got, sizeof got,
             "%d|%" PRId64 "|%" PRId64 "|%" PRId64 "|%s|%s|%s|%d",
             fb_nrows(c, r), fb_int(c, r, 0, 0), fb_int(c, r, 0, 1),
             fb_int(c, r, 0, 2), fb_str(c, r, 0, 3),
             strcmp(fb_str(c, r, 0, 4), quoted) == 0 ? "same" : "changed",
             fb_str(c, r, 0, 5), (int)fb_int(c, r, 0, 6));
    return FB_OK;
}

START_TEST(sql_params_are_typed)
{
    ck_assert_int_eq(run(b_params), FB_OK);
    ck_assert_str_eq(got, "1|9223372036854775807|-9223372036854775808|"
                          "9223372036854775806|18446744073709551615|same|t|"
                          "-3");
}
END_TEST

static int b_exec(fb_ctx *c)
{
    long long n = fb_sql_exec(c, "INSERT INTO t VALUES ($1, $2), ($3, $2)",
                              INT64_MAX, "a'b", 7);
    const char *none = fb_sql_str(c, "SELECT name FROM t WHERE id = 0");
    int64_t dflt = fb_sql_int(c, -5, "SELECT id FROM t WHERE id = 0");
    int64_t big =
        fb_sql_int(c, -5, "SELECT max(id) FROM t WHERE name = $1", "a'b");
    fb_rows *r = fb_sql(c, "SELECT NULL::bigint, 'x'");

    snprintf(got, sizeof got, "%lld|%s|%" PRId64 "|%" PRId64 "|%s|%d|%d|%d|%s",
             n, none ? none : "(null)", dflt, big,
             fb_sql_str(c, "SELECT name FROM t WHERE id = $1", 7),
             (int)fb_int(c, r, 0, 0), fb_is_null(c, r, 0, 0),
             fb_is_null(c, r, 0, 1), fb_str(c, r, 5, 0));
    return FB_OK;
}

START_TEST(sql_exec_str_int_and_nulls)
{
    ck_assert_int_eq(run(b_exec), FB_OK);
    ck_assert_str_eq(got, "2|(null)|-5|9223372036854775807|a'b|0|1|0|");
    ck_assert_str_eq(fbh_sql_value(h, "SELECT count(*) FROM t"), "2");
}
END_TEST

static int b_not_int(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT 'abc', 1.5, 9223372036854775808");

    fb_sql_exec(c, "INSERT INTO t VALUES (1, 'kept?')");
    snprintf(got, sizeof got, "%" PRId64, fb_int(c, r, 0, 0));
    return FB_OK;
}

START_TEST(int_of_a_non_integer_fails_and_rolls_back)
{
    ck_assert_int_eq(run(b_not_int), FB_ERR);
    ck_assert_str_eq(got, "0");
    ck_assert_ptr_nonnull(strstr(fbh_failure(h), "fb_int: row 0 column 0"));
    ck_assert_str_eq(fbh_sql_value(h, "SELECT count(*) FROM t"), "0");
}
END_TEST

static int b_sticky(fb_ctx *c)
{
    fb_sql_exec(c, "INSERT INTO t VALUES (1, 'x')");
    fb_replyf(c, NULL, "saved");
    fb_fail(c, "test: something went wrong");
    return FB_OK;
}

static int b_commit(fb_ctx *c)
{
    fb_sql_exec(c, "INSERT INTO t VALUES (1, 'x')");
    return fb_replyf(c, NULL, "saved");
}

START_TEST(sticky_failure_rolls_back_a_row)
{
    ck_assert_int_eq(run(b_sticky), FB_ERR);
    ck_assert_str_eq(fbh_failure(h), "test: something went wrong");
    ck_assert_str_eq(fbh_sql_value(h, "SELECT count(*) FROM t"), "0");
    ck_assert_int_eq(fbh_count(h), 0);
    ck_assert_int_eq(run(b_commit), FB_OK);
    ck_assert_str_eq(fbh_sql_value(h, "SELECT count(*) FROM t"), "1");
    ck_assert_str_eq(fbh_last(h), "saved");
}
END_TEST

static int b_bad_sql(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT nope FROM t");
    long long n = fb_sql_exec(c, "INSERT INTO t VALUES (1, 'x')");

    snprintf(got, sizeof got, "%s %lld %d", r ? "rows" : "null", n,
             fb_failed(c));
    return FB_OK;
}

START_TEST(query_error_fails_the_run)
{
    ck_assert_int_eq(run(b_bad_sql), FB_ERR);
    ck_assert_str_eq(got, "null -1 1");
    ck_assert_ptr_nonnull(strstr(fbh_failure(h), "nope"));
    ck_assert_str_eq(fbh_sql_value(h, "SELECT count(*) FROM t"), "0");
}
END_TEST

static int b_zone(fb_ctx *c)
{
    fb_date d = fb_today(c);

    snprintf(got, sizeof got, "%s %s %" PRId64 " %s",
             fb_sql_str(c, "SELECT current_setting('TimeZone')"),
             fb_date_text(c, d), fb_now(c),
             fb_sql_str(c,
                        "SELECT (to_timestamp($1) AT TIME ZONE "
                        "current_setting('TimeZone'))::date::text",
                        fb_now(c)));
    return FB_OK;
}

START_TEST(handler_sql_runs_in_the_club_zone)
{
    fbh_set_timezone(h, "Asia/Kolkata");
    fbh_set_now(h, 1893436200); /* 2029-12-31 18:30 UTC = 2030-01-01 IST */
    ck_assert_int_eq(run(b_zone), FB_OK);
    ck_assert_str_eq(got, "Asia/Kolkata 2030-01-01 1893436200 2030-01-01");
}
END_TEST

START_TEST(migrate_applies_files_in_name_order)
{
    char dir[256], path[512];

    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fbh-mig-XXXXXX");
    snprintf(path, sizeof path, "%s/002_fill.sql", dir);
    fbtc_write_file(path, "INSERT INTO m VALUES (2);", 0644);
    snprintf(path, sizeof path, "%s/001_make.sql", dir);
    fbtc_write_file(path, "CREATE TABLE m (v int); INSERT INTO m VALUES (1);",
                    0644);
    snprintf(path, sizeof path, "%s/README", dir);
    fbtc_write_file(path, "not sql", 0644);
    ck_assert_int_eq(fbh_migrate(h, dir), 0);
    ck_assert_str_eq(fbh_sql_value(h, "SELECT string_agg(v::text, ',') FROM m"),
                     "1,2");
    ck_assert_int_eq(fbh_sql(h, "SELECT * FROM missing"), -1);
    ck_assert_ptr_nonnull(strstr(fbh_failure(h), "missing"));
    ck_assert_int_eq(fbh_migrate(h, "/nonexistent-fbh-folder"), -1);
    fbtc_rmtree(dir);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "sdk_sql",
                                   .tcase = "sql",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, sql_params_are_typed, sql_exec_str_int_and_nulls,
                    int_of_a_non_integer_fails_and_rolls_back,
                    sticky_failure_rolls_back_a_row, query_error_fails_the_run,
                    handler_sql_runs_in_the_club_zone,
                    migrate_applies_files_in_name_order);
}
