/* host/jobstore against a real PostgreSQL: every-N and daily schedules, a
 * missed daily run, time zones, and two hosts claiming one job. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "dbtest.h"
#include "fitbot/plugin.h"
#include "jobstore.h"

static char err[512];

static void setup(void)
{
    fbt_fixture_migrated();
    err[0] = '\0';
}

/* One claim in its own committed transaction; returns due. */
static int claim(PGconn *c, const char *job, int kind, const char *at,
                 int every, const char *tz)
{
    int due = -1;

    ck_assert_int_eq(fb__db_begin(c, err, sizeof err), 0);
    ck_assert_msg(fb__job_claim(c, "test", job, kind, at, every, tz, &due, err,
                                sizeof err) == 0,
                  "%s", err);
    ck_assert_int_eq(fb__db_commit(c, err, sizeof err), 0);
    return due;
}

static void set_last_run(const char *job, const char *ago)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE fb_jobs SET last_run = now() - interval '%s' "
             "WHERE plugin = 'test' AND name = '%s'",
             ago, job);
    fbtc_exec(fbt_db.conn, sql);
}

/* "HH:MM" of the wall clock in tz shifted by offset (e.g. '-1 hour'). */
static void local_hhmm(const char *tz, const char *offset, char out[6])
{
    char sql[256];
    PGresult *r;

    snprintf(sql, sizeof sql,
             "SELECT to_char(now() AT TIME ZONE '%s' + interval '%s', "
             "'HH24:MI')",
             tz, offset);
    r = PQexec(fbt_db.conn, sql);
    ck_assert_int_eq(PQresultStatus(r), PGRES_TUPLES_OK);
    snprintf(out, 6, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
}

START_TEST(jobs_every_n_minutes)
{
    ck_assert_int_eq(claim(fbt_db.conn, "tick", FB_JOB_EVERY, NULL, 5, NULL),
                     1); /* new: at once */
    ck_assert_int_eq(claim(fbt_db.conn, "tick", FB_JOB_EVERY, NULL, 5, NULL),
                     0);
    set_last_run("tick", "4 minutes");
    ck_assert_int_eq(claim(fbt_db.conn, "tick", FB_JOB_EVERY, NULL, 5, NULL),
                     0);
    set_last_run("tick", "5 minutes 1 second");
    ck_assert_int_eq(claim(fbt_db.conn, "tick", FB_JOB_EVERY, NULL, 5, NULL),
                     1);
    ck_assert_int_eq(claim(fbt_db.conn, "tick", FB_JOB_EVERY, NULL, 5, NULL),
                     0);
    ck_assert_int_eq(fbtc_scalar(fbt_db.conn,
                                 "SELECT count(*) FROM fb_jobs WHERE last_run "
                                 "> now() - interval '1 minute'"),
                     1);
}
END_TEST

START_TEST(jobs_rollback_keeps_the_run_due)
{
    int due = -1;

    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__job_claim(fbt_db.conn, "test", "j", FB_JOB_EVERY, NULL,
                                   1, NULL, &due, err, sizeof err),
                     0);
    ck_assert_int_eq(due, 1);
    ck_assert_int_eq(fb__db_rollback(fbt_db.conn, err, sizeof err),
                     0); /* the run failed */
    ck_assert_int_eq(claim(fbt_db.conn, "j", FB_JOB_EVERY, NULL, 1, NULL), 1);
}
END_TEST

START_TEST(jobs_daily_first_seen_waits_for_its_time)
{
    char at[6];

    local_hhmm("Asia/Kolkata", "-1 hour", at);
    ck_assert_int_eq(
        claim(fbt_db.conn, "daily", FB_JOB_DAILY, at, 0, "Asia/Kolkata"), 0);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT count(*) FROM fb_jobs WHERE name = 'daily' "
                    "AND last_run > now() - interval '1 minute'"),
        1);
}
END_TEST

START_TEST(jobs_daily_due_after_todays_time)
{
    char past[6], future[6];
    const char *tz = "Asia/Kolkata";

    local_hhmm(tz, "-1 hour", past);
    local_hhmm(tz, "+1 hour", future);
    claim(fbt_db.conn, "past", FB_JOB_DAILY, past, 0, tz);
    claim(fbt_db.conn, "future", FB_JOB_DAILY, future, 0, tz);
    /* ran after the latest occurrence: not due */
    set_last_run("past", "30 minutes");
    ck_assert_int_eq(claim(fbt_db.conn, "past", FB_JOB_DAILY, past, 0, tz), 0);
    /* last ran before it: due once */
    set_last_run("past", "2 hours");
    ck_assert_int_eq(claim(fbt_db.conn, "past", FB_JOB_DAILY, past, 0, tz), 1);
    ck_assert_int_eq(claim(fbt_db.conn, "past", FB_JOB_DAILY, past, 0, tz), 0);
    /* the latest occurrence of "in an hour" was ~23 hours ago */
    set_last_run("future", "2 hours");
    ck_assert_int_eq(claim(fbt_db.conn, "future", FB_JOB_DAILY, future, 0, tz),
                     0);
    set_last_run("future", "23 hours 30 minutes");
    ck_assert_int_eq(claim(fbt_db.conn, "future", FB_JOB_DAILY, future, 0, tz),
                     1);
}
END_TEST

START_TEST(jobs_daily_default_time_zone)
{
    char at[6];

    /* NULL or "" is the server's zone (set to UTC here) */
    fbtc_exec(fbt_db.conn, "SET TimeZone = 'UTC'");
    local_hhmm("UTC", "-1 hour", at);
    claim(fbt_db.conn, "srv", FB_JOB_DAILY, at, 0, "");
    set_last_run("srv", "2 hours");
    ck_assert_int_eq(claim(fbt_db.conn, "srv", FB_JOB_DAILY, at, 0, ""), 1);
    set_last_run("srv", "2 hours");
    ck_assert_int_eq(claim(fbt_db.conn, "srv", FB_JOB_DAILY, at, 0, NULL), 1);
}
END_TEST

START_TEST(jobs_daily_missed_run_runs_once)
{
    char at[6];

    local_hhmm("Asia/Kolkata", "+3 hours", at);
    claim(fbt_db.conn, "report", FB_JOB_DAILY, at, 0, "Asia/Kolkata");
    set_last_run("report", "3 days"); /* the host was down for days */
    ck_assert_int_eq(
        claim(fbt_db.conn, "report", FB_JOB_DAILY, at, 0, "Asia/Kolkata"), 1);
    ck_assert_int_eq(
        claim(fbt_db.conn, "report", FB_JOB_DAILY, at, 0, "Asia/Kolkata"), 0);
    ck_assert_int_eq(
        claim(fbt_db.conn, "report", FB_JOB_DAILY, at, 0, "Asia/Kolkata"), 0);
}
END_TEST

START_TEST(jobs_daily_uses_the_time_zone)
{
    char at[6];

    /* an hour ago in Kolkata is 4:30 from now in UTC */
    local_hhmm("Asia/Kolkata", "-1 hour", at);
    claim(fbt_db.conn, "k", FB_JOB_DAILY, at, 0, "Asia/Kolkata");
    claim(fbt_db.conn, "u", FB_JOB_DAILY, at, 0, "UTC");
    set_last_run("k", "2 hours");
    set_last_run("u", "2 hours");
    ck_assert_int_eq(
        claim(fbt_db.conn, "k", FB_JOB_DAILY, at, 0, "Asia/Kolkata"), 1);
    ck_assert_int_eq(claim(fbt_db.conn, "u", FB_JOB_DAILY, at, 0, "UTC"), 0);
}
END_TEST

START_TEST(jobs_two_hosts_never_run_one_job_together)
{
    PGconn *other = fbtc_connect(fbt_db.conninfo);
    int due_a = -1, due_b = -1;

    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__db_begin(other, err, sizeof err), 0);
    ck_assert_int_eq(fb__job_claim(fbt_db.conn, "test", "sweep", FB_JOB_EVERY,
                                   NULL, 1, NULL, &due_a, err, sizeof err),
                     0);
    ck_assert_int_eq(fb__job_claim(other, "test", "sweep", FB_JOB_EVERY, NULL,
                                   1, NULL, &due_b, err, sizeof err),
                     0);
    ck_assert_int_eq(due_a, 1);
    ck_assert_int_eq(due_b, 0); /* fbt_db.conn is running it */
    /* another job is not blocked by it */
    ck_assert_int_eq(fb__job_claim(other, "test", "other", FB_JOB_EVERY, NULL,
                                   1, NULL, &due_b, err, sizeof err),
                     0);
    ck_assert_int_eq(due_b, 1);
    ck_assert_int_eq(fb__db_commit(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__db_commit(other, err, sizeof err), 0);
    /* after the run committed, the other host sees it done */
    ck_assert_int_eq(claim(other, "sweep", FB_JOB_EVERY, NULL, 1, NULL), 0);
    PQfinish(other);
}
END_TEST

START_TEST(jobs_bad_arguments)
{
    int due = 7;

    ck_assert_int_eq(fb__job_claim(fbt_db.conn, "test", "x", FB_JOB_DAILY,
                                   "25:00", 0, NULL, &due, err, sizeof err),
                     -1);
    ck_assert_int_eq(due, 0);
    ck_assert_int_eq(fb__job_claim(fbt_db.conn, "test", "x", FB_JOB_EVERY, NULL,
                                   0, NULL, &due, err, sizeof err),
                     -1);
    ck_assert_int_eq(fb__job_claim(fbt_db.conn, "test", "x", 9, NULL, 5, NULL,
                                   &due, err, sizeof err),
                     -1);
    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__job_claim(fbt_db.conn, "test", "x", FB_JOB_DAILY,
                                   "07:00", 0, "Mars/Olympus", &due, err,
                                   sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "Mars/Olympus") != NULL, "%s", err);
    ck_assert_int_eq(fb__db_rollback(fbt_db.conn, err, sizeof err), 0);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "jobs",
                                   .tcase = "jobs",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = fbt_fixture_drop,
                                   .needs_pg = 1};

    return FBTC_RUN(
        &def, jobs_every_n_minutes, jobs_rollback_keeps_the_run_due,
        jobs_daily_first_seen_waits_for_its_time,
        jobs_daily_due_after_todays_time, jobs_daily_default_time_zone,
        jobs_daily_missed_run_runs_once, jobs_daily_uses_the_time_zone,
        jobs_two_hosts_never_run_one_job_together, jobs_bad_arguments);
}
