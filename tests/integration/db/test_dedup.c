/* host/dedup against a real PostgreSQL: an update is claimed once, a
 * rolled-back claim can be retried, a concurrent claimer waits. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "db.h"
#include "dbtest.h"
#include "dedup.h"

static char conninfo[1024], dbname[64];
static PGconn *conn;
static char err[512];

static void setup(void)
{
    fbt_db_create(conninfo, sizeof conninfo, dbname, sizeof dbname);
    conn = fbt_connect(conninfo);
    fbt_migrate_core(conn);
    err[0] = '\0';
}

static void teardown(void)
{
    PQfinish(conn);
    fbt_db_drop(dbname);
}

START_TEST(dedup_claims_once)
{
    ck_assert_int_eq(fb__dedup_claim(conn, 1001, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(conn, 1001, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(conn, 1002, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(conn, INT64_MAX, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(conn, INT64_MAX, err, sizeof err), 0);
    ck_assert_int_eq(
        fbt_scalar(conn, "SELECT count(*) FROM fb_processed_updates WHERE "
                         "update_id::text = '9223372036854775807'"),
        1);
}
END_TEST

START_TEST(dedup_rollback_unclaims)
{
    ck_assert_int_eq(fb__db_begin(conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(conn, 7, err, sizeof err), 1);
    ck_assert_int_eq(fb__db_rollback(conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__db_begin(conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(conn, 7, err, sizeof err), 1);
    ck_assert_int_eq(fb__db_commit(conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(conn, 7, err, sizeof err), 0);
}
END_TEST

START_TEST(dedup_second_connection_sees_committed_claim)
{
    PGconn *other = fbt_connect(conninfo);

    ck_assert_int_eq(fb__db_begin(conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(conn, 55, err, sizeof err), 1);
    /* the other claimer would block on the uncommitted row: send it async */
    ck_assert_int_eq(PQsendQueryParams(other,
                                       "INSERT INTO fb_processed_updates "
                                       "(update_id) VALUES (55) ON CONFLICT "
                                       "DO NOTHING",
                                       0, NULL, NULL, NULL, NULL, 0),
                     1);
    ck_assert_int_eq(fb__db_commit(conn, err, sizeof err), 0);
    PGresult *r = PQgetResult(other);
    ck_assert_int_eq(PQresultStatus(r), PGRES_COMMAND_OK);
    ck_assert_str_eq(PQcmdTuples(r), "0"); /* lost: already processed */
    PQclear(r);
    while ((r = PQgetResult(other)) != NULL)
        PQclear(r);
    ck_assert_int_eq(fb__dedup_claim(other, 55, err, sizeof err), 0);
    PQfinish(other);
}
END_TEST

START_TEST(dedup_prune_forgets_old_ids)
{
    ck_assert_int_eq(fb__dedup_claim(conn, 1, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(conn, 2, err, sizeof err), 1);
    fbt_exec(conn, "UPDATE fb_processed_updates SET processed_at = now() - "
                   "interval '2 days' WHERE update_id = 1");
    ck_assert_int_eq(fb__dedup_prune(conn, 86400, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(conn, 1, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(conn, 2, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_prune(conn, -1, err, sizeof err), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dedup");
    TCase *tc = tcase_create("dedup");
    SRunner *sr;
    int failed;

    if (fbt_require_pg("test_dedup"))
        return 1;
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, dedup_claims_once);
    tcase_add_test(tc, dedup_rollback_unclaims);
    tcase_add_test(tc, dedup_second_connection_sees_committed_claim);
    tcase_add_test(tc, dedup_prune_forgets_old_ids);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
