/* host/pool against a real PostgreSQL: the bound, the timeout, broken
 * connections, and connections returned inside a transaction. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "dbtest.h"
#include "pool.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Backends of the pool (application_name fitbot) in the test database. */
static long long pool_backends(PGconn *mon)
{
    return fbtc_scalar(mon, "SELECT count(*) FROM pg_stat_activity WHERE "
                            "datname = current_database() AND "
                            "application_name = 'fitbot'");
}

static PGconn *monitor(void)
{
    char ci[1200];
    snprintf(ci, sizeof ci, "%s application_name=monitor", fbt_db.conninfo);
    return fbtc_connect(ci);
}

typedef struct load {
    fb__pool *pool;
    int failures;
    int done;
} load;

static void *worker(void *arg)
{
    load *l = arg;
    char err[256];

    for (int i = 0; i < 6; i++) {
        PGconn *c = fb__pool_acquire(l->pool, err, sizeof err);
        if (!c) {
            __atomic_add_fetch(&l->failures, 1, __ATOMIC_SEQ_CST);
            continue;
        }
        if (fb__db_exec(c, "SELECT pg_sleep(0.03)", 0, NULL, err, sizeof err) <
            0)
            __atomic_add_fetch(&l->failures, 1, __ATOMIC_SEQ_CST);
        fb__pool_release(l->pool, c, 0);
    }
    __atomic_add_fetch(&l->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

START_TEST(pool_never_exceeds_max)
{
    enum { MAX = 3, THREADS = 10 };
    char err[256] = "";
    load l = {0};
    pthread_t t[THREADS];
    PGconn *mon = monitor();
    long long seen = 0, n;
    int open = -1, idle = -1, waiting = -1;

    l.pool =
        fb__pool_new(fbt_db.conninfo, NULL, 1, MAX, 10000, err, sizeof err);
    ck_assert_msg(l.pool != NULL, "%s", err);
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, worker, &l), 0);
    while (__atomic_load_n(&l.done, __ATOMIC_SEQ_CST) < THREADS) {
        n = pool_backends(mon);
        seen = n > seen ? n : seen;
        fb__pool_stats(l.pool, &open, &idle, &waiting);
        ck_assert_int_le(open, MAX);
        usleep(2000);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    ck_assert_int_eq(l.failures, 0);
    ck_assert_int_le(seen, MAX);
    ck_assert_int_ge(seen, 2); /* the load really used several connections */
    fb__pool_stats(l.pool, &open, &idle, &waiting);
    ck_assert_int_eq(idle, open);
    ck_assert_int_eq(waiting, 0);
    fb__pool_free(l.pool);
    /* freeing the pool closes every connection */
    for (int i = 0; i < 200 && pool_backends(mon) > 0; i++)
        usleep(10000);
    ck_assert_int_eq(pool_backends(mon), 0);
    PQfinish(mon);
}
END_TEST

START_TEST(pool_acquire_times_out)
{
    char err[256] = "";
    fb__pool *p =
        fb__pool_new(fbt_db.conninfo, NULL, 0, 1, 200, err, sizeof err);
    PGconn *a, *b;
    double t0;

    ck_assert_msg(p != NULL, "%s", err);
    a = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_nonnull(a);
    t0 = now_ms();
    err[0] = '\0';
    b = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_null(b);
    ck_assert_double_ge(now_ms() - t0, 190.0);
    ck_assert_double_lt(now_ms() - t0, 3000.0);
    ck_assert_msg(strstr(err, "no database connection free") != NULL, "%s",
                  err);
    fb__pool_release(p, a, 0);
    b = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_eq(b, a); /* the released connection is reused */
    fb__pool_release(p, b, 0);
    fb__pool_free(p);
}
END_TEST

typedef struct waiter {
    fb__pool *pool;
    PGconn *got;
} waiter;

static void *wait_acquire(void *arg)
{
    waiter *w = arg;
    w->got = fb__pool_acquire(w->pool, NULL, 0);
    return NULL;
}

START_TEST(pool_release_wakes_waiter)
{
    char err[256] = "";
    fb__pool *p =
        fb__pool_new(fbt_db.conninfo, NULL, 1, 1, 5000, err, sizeof err);
    waiter w = {p, NULL};
    pthread_t t;
    PGconn *a;
    int waiting = 0;

    ck_assert_msg(p != NULL, "%s", err);
    a = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(pthread_create(&t, NULL, wait_acquire, &w), 0);
    for (int i = 0; i < 500 && waiting == 0; i++) {
        usleep(2000);
        fb__pool_stats(p, NULL, NULL, &waiting);
    }
    ck_assert_int_eq(waiting, 1);
    fb__pool_release(p, a, 0);
    pthread_join(t, NULL);
    ck_assert_ptr_eq(w.got, a);
    fb__pool_release(p, w.got, 0);
    fb__pool_free(p);
}
END_TEST

static void terminate(int pid)
{
    char sql[160];
    PGconn *mon = monitor();

    snprintf(sql, sizeof sql, "SELECT pg_terminate_backend(%d)::int", pid);
    ck_assert_int_eq(fbtc_scalar(mon, sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM pg_stat_activity WHERE pid = %d", pid);
    for (int i = 0; i < 500 && fbtc_scalar(mon, sql) > 0; i++)
        usleep(5000);
    ck_assert_int_eq(fbtc_scalar(mon, sql), 0);
    PQfinish(mon);
    usleep(20000); /* let the termination reach the client socket */
}

START_TEST(pool_replaces_idle_broken_connection)
{
    char err[256] = "";
    fb__pool *p =
        fb__pool_new(fbt_db.conninfo, NULL, 1, 1, 2000, err, sizeof err);
    PGconn *c;
    int old_pid, open = 0;

    ck_assert_msg(p != NULL, "%s", err);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_nonnull(c);
    old_pid = PQbackendPID(c);
    fb__pool_release(p, c, 0);
    terminate(old_pid);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_int_ne(PQbackendPID(c), old_pid);
    ck_assert_int_eq(fb__db_exec(c, "SELECT 1", 0, NULL, err, sizeof err), 1);
    fb__pool_release(p, c, 0);
    fb__pool_stats(p, &open, NULL, NULL);
    ck_assert_int_eq(open, 1);
    fb__pool_free(p);
}
END_TEST

START_TEST(pool_replaces_connection_broken_in_use)
{
    char err[256] = "";
    fb__pool *p =
        fb__pool_new(fbt_db.conninfo, NULL, 1, 1, 2000, err, sizeof err);
    PGconn *c;
    int old_pid, open = -1;

    ck_assert_msg(p != NULL, "%s", err);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_nonnull(c);
    old_pid = PQbackendPID(c);
    terminate(old_pid);
    ck_assert_int_lt(fb__db_exec(c, "SELECT 1", 0, NULL, err, sizeof err), 0);
    fb__pool_release(p, c, fb__db_broken(c));
    fb__pool_stats(p, &open, NULL, NULL);
    ck_assert_int_eq(open, 0); /* closed, replaced lazily */
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_int_ne(PQbackendPID(c), old_pid);
    ck_assert_int_eq(fb__db_exec(c, "SELECT 1", 0, NULL, err, sizeof err), 1);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

/* A connection comes back as new once SQL not the host's own ran on it
 * (a plugin's fb_query): session settings a user changed (SET,
 * set_config) are gone, the host's TimeZone is there again. */
START_TEST(pool_resets_session_on_release)
{
    char err[256] = "";
    fb__pool *p = fb__pool_new(fbt_db.conninfo, "Asia/Kolkata", 1, 1, 2000,
                               err, sizeof err);
    PGconn *c, *c2;
    PGresult *r;

    ck_assert_msg(p != NULL, "%s", err);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_int_eq(fb__db_exec(c, "SET statement_timeout = 1234", 0, NULL,
                                 err, sizeof err),
                     0);
    fbtc_exec(c, "SELECT set_config('TimeZone', 'UTC', false)");
    fbtc_exec(c, "CREATE TEMP TABLE leak (x int)");
    fbtc_exec(c, "BEGIN");
    fbtc_exec(c, "SET SESSION lock_timeout = 4321");
    fb__pool_release(p, c, 0);
    c2 = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_eq(c2, c);
    r = PQexec(c2, "SELECT current_setting('statement_timeout') || ' ' || "
                   "current_setting('lock_timeout') || ' ' || "
                   "current_setting('TimeZone') || ' ' || "
                   "(to_regclass('pg_temp.leak') IS NULL)");
    ck_assert_int_eq(PQresultStatus(r), PGRES_TUPLES_OK);
    ck_assert_str_eq(PQgetvalue(r, 0, 0), "0 0 Asia/Kolkata true");
    PQclear(r);
    fb__pool_release(p, c2, 0);
    fb__pool_free(p);
}
END_TEST

/* A plugin's statement on c that changes its session (lock_timeout 777):
 * c is tainted. */
static void taint(PGconn *c)
{
    char err[256] = "";
    ck_assert_int_ge(fb__db_exec(c,
                                 "SELECT set_config('lock_timeout', "
                                 "'777', false)",
                                 0, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(fb__db_tainted(c), 1);
}

/* A pool of one connection (no timezone, no timeouts), and it lent to *c. */
static fb__pool *one_connection(PGconn **c)
{
    char err[256] = "";
    fb__pool *p =
        fb__pool_new(fbt_db.conninfo, NULL, 0, 1, 2000, err, sizeof err);

    ck_assert_msg(p != NULL, "%s", err);
    *c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_msg(*c != NULL, "%s", err);
    return p;
}

/* The host's own statements are prepared once per connection and kept
 * across releases; a connection only they ran on is not reset, a tainted
 * one is, and keeps them. */
START_TEST(pool_keeps_host_statements)
{
    static fb__db_stmt st = FB__DB_STMT("SELECT $1::int WHERE $1::int > 0", 1);
    const char *one[1] = {"7"};
    char err[256] = "";
    PGconn *c;
    fb__pool *p = one_connection(&c);
    ck_assert_int_eq(fb__db_tainted(c), 0);
    ck_assert_int_eq(fb__db_xexec(c, &st, one, err, sizeof err), 1);
    ck_assert_int_eq(fb__db_tainted(c), 0);
    fb__pool_release(p, c, 0);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_int_eq(fbtc_scalar(c, "SELECT count(*) FROM "
                                    "pg_prepared_statements"),
                     1);
    ck_assert_int_eq(fb__db_xexec(c, &st, one, err, sizeof err), 1);
    taint(c);
    fb__pool_release(p, c, 0);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_int_eq(fb__db_tainted(c), 0);
    ck_assert_int_eq(fbtc_scalar(c, "SELECT current_setting('lock_timeout')"
                                    "::int"),
                     0);
    ck_assert_int_eq(fb__db_xexec(c, &st, one, err, sizeof err), 1);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

/* A tainted connection's COMMIT brings its session back in the same round
 * trip: untainted, settings reset, the transaction's effects committed; a
 * failed transaction's COMMIT reports the rollback. */
START_TEST(pool_commit_resets_tainted_session)
{
    char err[256] = "";
    PGconn *c;
    fb__pool *p = one_connection(&c);
    fbtc_exec(c, "CREATE TABLE t2 (x int)");
    ck_assert_int_eq(fb__db_begin_lazy(c, err, sizeof err), 0);
    ck_assert_int_eq(
        fb__db_exec(c, "INSERT INTO t2 VALUES (1)", 0, NULL, err, sizeof err),
        1);
    taint(c);
    ck_assert_int_eq(fb__db_commit(c, err, sizeof err), 0);
    ck_assert_int_eq(fb__db_tainted(c), 0);
    ck_assert_int_eq(fbtc_scalar(c, "SELECT current_setting('lock_timeout')"
                                    "::int + (SELECT count(*) FROM t2)"),
                     1);
    ck_assert_int_eq(fb__db_begin(c, err, sizeof err), 0);
    ck_assert_int_lt(fb__db_exec(c, "SELECT 1/0", 0, NULL, err, sizeof err), 0);
    ck_assert_int_eq(fb__db_commit(c, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "rolled back") != NULL, "%s", err);
    ck_assert_int_eq(PQtransactionStatus(c), PQTRANS_IDLE);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

/* COMMIT in a pipeline with the statements before it (a transaction's
 * replies written with its COMMIT): their results come back, the effects
 * are committed, and a tainted session is reset in the same round trip;
 * a failed transaction's pipeline fails, its statements not run, and the
 * caller's ROLLBACK ends it. */
START_TEST(pool_pipeline_commit_resets_tainted_session)
{
    static fb__db_stmt ins =
        FB__DB_STMT("INSERT INTO t3 VALUES ($1::int) RETURNING x * 10", 1);
    char err[256] = "";
    fb__db_call call = {.st = &ins, .params = {"4"}};
    PGconn *c;
    fb__pool *p = one_connection(&c);
    fbtc_exec(c, "CREATE TABLE t3 (x int)");
    ck_assert_int_eq(fb__db_begin_lazy(c, err, sizeof err), 0);
    taint(c);
    ck_assert_int_eq(fb__db_xpipeline(c, &call, 1, 1, err, sizeof err), 0);
    ck_assert_str_eq(PQgetvalue(call.res, 0, 0), "40");
    fb__db_calls_clear(&call, 1);
    ck_assert_int_eq(fb__db_tainted(c), 0);
    ck_assert_int_eq(PQtransactionStatus(c), PQTRANS_IDLE);
    ck_assert_int_eq(fbtc_scalar(c, "SELECT current_setting('lock_timeout')"
                                    "::int + (SELECT sum(x) FROM t3)"),
                     4);
    ck_assert_int_eq(fb__db_begin(c, err, sizeof err), 0);
    ck_assert_int_lt(fb__db_exec(c, "SELECT 1/0", 0, NULL, err, sizeof err), 0);
    call.params[0] = "5";
    ck_assert_int_eq(fb__db_xpipeline(c, &call, 1, 1, err, sizeof err), -1);
    ck_assert_ptr_null(call.res);
    ck_assert_int_ne(PQtransactionStatus(c), PQTRANS_INTRANS); /* not open */
    ck_assert_int_eq(fb__db_rollback(c, err, sizeof err), 0); /* as finish */
    ck_assert_int_eq(fbtc_scalar(c, "SELECT count(*) FROM t3"), 1);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

/* Settings are the session's starting values: new ones apply to every
 * connection opened after fb__pool_configure; one lent meanwhile is
 * closed when given back, and RESET ALL comes back to them. */
START_TEST(pool_configure_applies_to_lent_connections)
{
    char err[256] = "";
    fb__pool_opts o = {.statement_timeout_ms = 1234, .lock_timeout_ms = 77};
    fb__pool *p = fb__pool_new(fbt_db.conninfo, "Asia/Kolkata", 0, 1, 2000, err,
                               sizeof err);
    PGconn *c;
    int open = -1, pid;

    ck_assert_msg(p != NULL, "%s", err);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_msg(c != NULL, "%s", err);
    pid = PQbackendPID(c);
    ck_assert_int_eq(fb__pool_configure(p, &o), 0);
    fb__pool_release(p, c, 0);
    fb__pool_stats(p, &open, NULL, NULL);
    ck_assert_int_eq(open, 0);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_int_ne(PQbackendPID(c), pid);
    fbtc_exec(c, "SET statement_timeout = 5");
    fbtc_exec(c, "RESET ALL");
    ck_assert_int_eq(fbtc_scalar(c, "SELECT (current_setting("
                                    "'statement_timeout') = '1234ms' AND "
                                    "current_setting('lock_timeout') = "
                                    "'77ms' AND current_setting('TimeZone') "
                                    "= 'Asia/Kolkata')::int"),
                     1);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

/* SQL text run again on a connection (a plugin's fb_query) is prepared
 * there from its second run; a text that cannot be prepared reports its
 * own error; a table changing shape under a prepared text fails that run
 * once, then the text runs unprepared. */
START_TEST(pool_prepares_repeated_text)
{
    char err[256] = "";
    const char *one[1] = {"2"};
    fb_rows *r;
    PGconn *c;
    fb__pool *p = one_connection(&c);
    fbtc_exec(c, "CREATE TABLE t3 (x int)");
    fbtc_exec(c, "INSERT INTO t3 VALUES (1), (2), (3)");
    for (int i = 0; i < 3; i++) {
        r = fb__db_query(c, "SELECT * FROM t3 WHERE x >= $1::int", 1, one, err,
                         sizeof err);
        ck_assert_msg(r != NULL, "%s", err);
        ck_assert_int_eq(fb__rows_count(r), 2);
        fb__rows_free(r);
    }
    ck_assert_int_eq(fbtc_scalar(c, "SELECT count(*) FROM "
                                    "pg_prepared_statements WHERE name "
                                    "LIKE 'fq\\_%'"),
                     1);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_lt(fb__db_exec(c, "SELEC 1", 0, NULL, err, sizeof err),
                         0);
        ck_assert_msg(strstr(err, "syntax error") != NULL, "%s", err);
    }
    fbtc_exec(c, "ALTER TABLE t3 ADD COLUMN y int");
    r = fb__db_query(c, "SELECT * FROM t3 WHERE x >= $1::int", 1, one, err,
                     sizeof err);
    fb__rows_free(r); /* this run may fail: the plan's shape changed */
    r = fb__db_query(c, "SELECT * FROM t3 WHERE x >= $1::int", 1, one, err,
                     sizeof err);
    ck_assert_msg(r != NULL, "%s", err);
    ck_assert_int_eq(fb__rows_count(r), 2);
    fb__rows_free(r);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

/* A connection of its own (fb__pool_connect: the migrator's) keeps its
 * session across COMMIT, however tainted: the migrator's session lock
 * holds from the first file to the last. A pooled one's COMMIT resets. */
START_TEST(pool_connect_keeps_session_across_commit)
{
    char err[256] = "";
    const char *held = "SELECT count(*) FROM pg_locks WHERE locktype = "
                       "'advisory' AND objid = 4242 AND pid = "
                       "pg_backend_pid()";
    PGconn *own = fb__pool_connect(fbt_db.conninfo, NULL, err, sizeof err), *c;
    fb__pool *p = one_connection(&c);

    ck_assert_msg(own != NULL, "%s", err);
    for (int i = 0; i < 2; i++) {
        PGconn *x = i ? c : own;
        ck_assert_int_ge(fb__db_exec(x, "SELECT pg_advisory_lock(4242)", 0,
                                     NULL, err, sizeof err),
                         0);
        ck_assert_int_eq(fb__db_begin(x, err, sizeof err), 0);
        ck_assert_int_ge(fb__db_exec(x, "SELECT 1", 0, NULL, err, sizeof err),
                         0);
        ck_assert_int_eq(fb__db_commit(x, err, sizeof err), 0);
        ck_assert_int_eq(fbtc_scalar(x, held), i ? 0 : 1);
        if (!i)
            fbtc_exec(own, "SELECT pg_advisory_unlock_all()");
    }
    PQfinish(own);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

START_TEST(pool_rolls_back_on_release)
{
    char err[256] = "";
    fb__pool *p =
        fb__pool_new(fbt_db.conninfo, NULL, 1, 1, 2000, err, sizeof err);
    PGconn *c, *c2;

    ck_assert_msg(p != NULL, "%s", err);
    c = fb__pool_acquire(p, err, sizeof err);
    fbtc_exec(c, "CREATE TABLE t (x int)");
    fbtc_exec(c, "BEGIN");
    fbtc_exec(c, "INSERT INTO t VALUES (1)");
    fb__pool_release(p, c, 0); /* left inside the transaction */
    c2 = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_eq(c2, c);
    ck_assert_int_eq(PQtransactionStatus(c2), PQTRANS_IDLE);
    ck_assert_int_eq(fbtc_scalar(c2, "SELECT count(*) FROM t"), 0);
    /* a failed transaction too */
    fbtc_exec(c2, "BEGIN");
    ck_assert_int_lt(fb__db_exec(c2, "SELECT 1/0", 0, NULL, err, sizeof err),
                     0);
    ck_assert_msg(strstr(err, "division by zero") != NULL, "%s", err);
    fb__pool_release(p, c2, 0);
    c = fb__pool_acquire(p, err, sizeof err);
    ck_assert_ptr_eq(c, c2);
    ck_assert_int_eq(PQtransactionStatus(c), PQTRANS_IDLE);
    ck_assert_int_eq(fbtc_scalar(c, "SELECT 41 + 1"), 42);
    fb__pool_release(p, c, 0);
    fb__pool_free(p);
}
END_TEST

START_TEST(pool_refuses_bad_settings)
{
    char err[256] = "";

    ck_assert_ptr_null(
        fb__pool_new(fbt_db.conninfo, NULL, 2, 1, 100, err, sizeof err));
    ck_assert_msg(strstr(err, "bad pool settings") != NULL, "%s", err);
    ck_assert_ptr_null(
        fb__pool_new(fbt_db.conninfo, NULL, 0, 0, 100, err, sizeof err));
    err[0] = '\0';
    ck_assert_ptr_null(
        fb__pool_new("host=127.0.0.1 port=1 dbname=x connect_timeout=2", NULL,
                     1, 2, 100, err, sizeof err));
    ck_assert_msg(strstr(err, "cannot connect") != NULL, "%s", err);
}
END_TEST

/* A reload's resize: shrunk from 3 to 1 with three lent, the pool closes
 * what comes back above 1 and lends one at a time; grown to 4, four
 * at once (and a fourth acquire no longer times out). */
START_TEST(pool_resize_follows_a_reload)
{
    char err[256] = "";
    fb__pool *p =
        fb__pool_new(fbt_db.conninfo, NULL, 0, 3, 200, err, sizeof err);
    PGconn *c[4];
    int open = -1, idle = -1;

    ck_assert_msg(p != NULL, "%s", err);
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_nonnull(c[i] = fb__pool_acquire(p, err, sizeof err));
    ck_assert_int_eq(fb__pool_resize(p, 1, 200), 0);
    ck_assert_int_eq(fb__pool_max(p), 1);
    ck_assert_ptr_null(fb__pool_acquire(p, err, sizeof err));
    for (int i = 0; i < 3; i++)
        fb__pool_release(p, c[i], 0);
    fb__pool_stats(p, &open, &idle, NULL);
    ck_assert_int_eq(open, 1);
    ck_assert_int_eq(idle, 1);
    ck_assert_ptr_nonnull(c[0] = fb__pool_acquire(p, err, sizeof err));
    ck_assert_ptr_null(fb__pool_acquire(p, err, sizeof err));
    ck_assert_int_eq(fb__pool_resize(p, 4, 200), 0);
    for (int i = 1; i < 4; i++)
        ck_assert_ptr_nonnull(c[i] = fb__pool_acquire(p, err, sizeof err));
    for (int i = 0; i < 4; i++)
        fb__pool_release(p, c[i], 0);
    fb__pool_stats(p, &open, &idle, NULL);
    ck_assert_int_eq(open, 4);
    ck_assert_int_eq(idle, 4);
    ck_assert_int_eq(fb__pool_resize(p, 0, 200), -1);
    fb__pool_free(p);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "pool",
                                   .tcase = "pool",
                                   .timeout = 60,
                                   .setup = fbt_fixture_created,
                                   .teardown = fbt_fixture_drop,
                                   .needs_pg = 1};

    return FBTC_RUN(
        &def, pool_never_exceeds_max, pool_acquire_times_out,
        pool_release_wakes_waiter, pool_replaces_idle_broken_connection,
        pool_replaces_connection_broken_in_use, pool_rolls_back_on_release,
        pool_resets_session_on_release, pool_keeps_host_statements,
        pool_commit_resets_tainted_session,
        pool_pipeline_commit_resets_tainted_session,
        pool_configure_applies_to_lent_connections, pool_prepares_repeated_text,
        pool_connect_keeps_session_across_commit, pool_refuses_bad_settings,
        pool_resize_follows_a_reload);
}
