/* host/dedup against a real PostgreSQL: an update is claimed once, a
 * rolled-back claim can be retried, a concurrent claimer waits. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "db.h"
#include "dbtest.h"
#include "dedup.h"

static char err[512];

static void setup(void)
{
    fbt_fixture_migrated();
    err[0] = '\0';
}

START_TEST(dedup_claims_once)
{
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 1001, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 1001, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 1002, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, INT64_MAX, err, sizeof err),
                     1);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, INT64_MAX, err, sizeof err),
                     0);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT count(*) FROM fb_processed_updates WHERE "
                    "update_id::text = '9223372036854775807'"),
        1);
}
END_TEST

START_TEST(dedup_rollback_unclaims)
{
    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 7, err, sizeof err), 1);
    ck_assert_int_eq(fb__db_rollback(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 7, err, sizeof err), 1);
    ck_assert_int_eq(fb__db_commit(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 7, err, sizeof err), 0);
}
END_TEST

START_TEST(dedup_second_connection_sees_committed_claim)
{
    PGconn *other = fbtc_connect(fbt_db.conninfo);

    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 55, err, sizeof err), 1);
    /* the other claimer would block on the uncommitted row: send it async */
    ck_assert_int_eq(PQsendQueryParams(other,
                                       "INSERT INTO fb_processed_updates "
                                       "(update_id) VALUES (55) ON CONFLICT "
                                       "DO NOTHING",
                                       0, NULL, NULL, NULL, NULL, 0),
                     1);
    ck_assert_int_eq(fb__db_commit(fbt_db.conn, err, sizeof err), 0);
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
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 1, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 2, err, sizeof err), 1);
    fbtc_exec(fbt_db.conn,
              "UPDATE fb_processed_updates SET processed_at = now() - "
              "interval '2 days' WHERE update_id = 1");
    ck_assert_int_eq(fb__dedup_prune(fbt_db.conn, 86400, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 1, err, sizeof err), 1);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, 2, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_prune(fbt_db.conn, -1, err, sizeof err), -1);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "dedup",
                                   .tcase = "dedup",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = fbt_fixture_drop,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, dedup_claims_once, dedup_rollback_unclaims,
                    dedup_second_connection_sees_committed_claim,
                    dedup_prune_forgets_old_ids);
}
