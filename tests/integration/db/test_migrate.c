/* host/migrate against a real PostgreSQL: order, records, re-runs, edited
 * files, bad names, failures, concurrent migrators, status. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbtest.h"
#include "migrate.h"

static char dir[256];

static void rm_tree(const char *path)
{
    if (fbtc_rmtree(path) != 0)
        fprintf(stderr, "cannot remove %s\n", path);
}

/* An empty migrations folder in dir. */
static void new_dir(void)
{
    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fitbot-migrate.XXXXXX");
}

static void setup(void)
{
    fbt_fixture_connected();
    new_dir();
}

static void teardown(void)
{
    rm_tree(dir);
    fbt_fixture_drop();
}

static void put(const char *scope, const char *name, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, scope);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s", dir, scope, name);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

typedef struct seen {
    int n;
    char line[16][128];
} seen;

static void record(void *arg, const char *scope, int version, const char *file,
                   const char *state)
{
    seen *s = arg;
    if (s->n < 16)
        snprintf(s->line[s->n++], sizeof s->line[0], "%s %d %s %s", scope,
                 version, file, state);
}

static int run(const char *const *scopes, int n, char *err, size_t len)
{
    return fb__migrate(fbt_db.conn, dir, scopes, n, NULL, NULL, err, len);
}

START_TEST(migrate_applies_in_order_and_records)
{
    const char *scopes[] = {"core", "plug"};
    char err[512] = "";
    seen s = {0};

    /* numeric order: 10 after 9 although "10" < "9" as text */
    put("core", "9_first.sql", "CREATE TABLE a (x int);");
    put("core", "10_second.sql",
        "INSERT INTO a VALUES (10); ALTER TABLE a ADD y int;");
    put("core", "README.md", "not a migration");
    put("plug", "001_plug.sql",
        "CREATE TABLE p (a_count int); INSERT INTO p SELECT count(*) FROM a;");
    ck_assert_int_eq(
        fb__migrate(fbt_db.conn, dir, scopes, 2, record, &s, err, sizeof err),
        3);
    ck_assert_str_eq(err, "");
    ck_assert_int_eq(s.n, 3);
    ck_assert_str_eq(s.line[0], "core 9 9_first.sql applied");
    ck_assert_str_eq(s.line[1], "core 10 10_second.sql applied");
    ck_assert_str_eq(s.line[2], "plug 1 001_plug.sql applied");
    ck_assert_int_eq(fbtc_scalar(fbt_db.conn, "SELECT a_count FROM p"), 1);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn, "SELECT count(*) FROM fb_migrations"), 3);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT count(*) FROM fb_migrations WHERE "
                    "scope = 'core' AND version = 10 AND name = "
                    "'10_second.sql' AND checksum = md5('INSERT INTO a "
                    "VALUES (10); ALTER TABLE a ADD y int;')"),
        1);
    /* each file in its own transaction, 9 before 10 */
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT ((SELECT applied_at FROM fb_migrations WHERE "
                    "scope = 'core' AND version = 9) < (SELECT applied_at "
                    "FROM fb_migrations WHERE scope = 'core' AND "
                    "version = 10))::int"),
        1);
}
END_TEST

START_TEST(migrate_rerun_is_noop)
{
    const char *scopes[] = {"core"};
    char err[512] = "";

    put("core", "001_a.sql",
        "CREATE TABLE a (x int);"); /* fails if run twice */
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), 1);
    fbtc_exec(fbt_db.conn, "CREATE TABLE snap AS SELECT * FROM fb_migrations");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), 0);
    ck_assert_str_eq(err, "");
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT count(*) FROM (SELECT * FROM fb_migrations "
                    "EXCEPT SELECT * FROM snap) d"),
        0);
    put("core", "002_b.sql", "INSERT INTO a VALUES (2);");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), 1);
    ck_assert_int_eq(fbtc_scalar(fbt_db.conn, "SELECT sum(x) FROM a"), 2);
}
END_TEST

START_TEST(migrate_refuses_edited_applied_file)
{
    const char *scopes[] = {"core"};
    char err[512] = "";

    put("core", "001_a.sql", "CREATE TABLE a (x int);");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), 1);
    put("core", "001_a.sql", "CREATE TABLE a (x bigint);");
    put("core", "002_b.sql", "CREATE TABLE b (x int);");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "core/001_a.sql") && strstr(err, "changed"), "%s",
                  err);
    /* nothing of the scope was applied after the refusal */
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn, "SELECT count(*) FROM fb_migrations"), 1);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn, "SELECT (to_regclass('b') IS NULL)::int"), 1);
    /* and the migrator's session lock was released */
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid = pg_backend_pid()"),
        0);
}
END_TEST

START_TEST(migrate_refuses_bad_names)
{
    const char *scopes[] = {"core"};
    const char *bad[] = {"1-bad.sql", "abc.sql", "001_.sql", "001_a b.sql",
                         "_1_x.sql"};
    char err[512] = "", sub[64];

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(sub, sizeof sub, "core");
        rm_tree(dir);
        new_dir();
        put(sub, "001_ok.sql", "SELECT 1;");
        put(sub, bad[i], "SELECT 1;");
        err[0] = '\0';
        ck_assert_int_eq(run(scopes, 1, err, sizeof err), -1);
        ck_assert_msg(strstr(err, bad[i]) && strstr(err, "NNN_name.sql"), "%s",
                      err);
    }
    /* nothing applied, not even 001_ok */
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn, "SELECT count(*) FROM fb_migrations"), 0);
    /* two files with one version */
    rm_tree(dir);
    new_dir();
    put("core", "001_a.sql", "SELECT 1;");
    put("core", "1_b.sql", "SELECT 1;");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "version 1") != NULL, "%s", err);
}
END_TEST

START_TEST(migrate_missing_scope_is_fine_bad_scope_is_not)
{
    const char *scopes[] = {"core", "nothing_here"};
    const char *evil[] = {"../etc"};
    char err[512] = "";

    put("core", "001_a.sql", "CREATE TABLE a (x int);");
    ck_assert_int_eq(run(scopes, 2, err, sizeof err), 1);
    ck_assert_int_eq(run(evil, 1, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "bad migration scope") != NULL, "%s", err);
}
END_TEST

START_TEST(migrate_failed_file_rolls_back_and_names_it)
{
    const char *scopes[] = {"core"};
    char err[512] = "";

    put("core", "001_a.sql", "CREATE TABLE a (x int);");
    put("core", "002_b.sql",
        "CREATE TABLE z (x int);\nINSERT INTO nope VALUES (1);");
    put("core", "003_c.sql", "CREATE TABLE c (x int);");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "core/002_b.sql") && strstr(err, "nope"), "%s",
                  err);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn, "SELECT count(*) FROM fb_migrations"), 1);
    ck_assert_int_eq(fbtc_scalar(fbt_db.conn,
                                 "SELECT (to_regclass('z') IS NULL "
                                 "AND to_regclass('c') IS NULL "
                                 "AND to_regclass('a') IS NOT NULL)::int"),
                     1);
    ck_assert_int_eq(PQtransactionStatus(fbt_db.conn), PQTRANS_IDLE);
    /* fixed file: the run resumes where it stopped */
    put("core", "002_b.sql", "CREATE TABLE z (x int);");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), 2);
}
END_TEST

START_TEST(migrate_refuses_a_file_ending_its_transaction)
{
    const char *scopes[] = {"core"};
    char err[512] = "";

    put("core", "001_a.sql",
        "CREATE TABLE a (x int); COMMIT; CREATE TABLE b (x int);");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "001_a.sql") &&
                      strstr(err, "ends the transaction"),
                  "%s", err);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn, "SELECT count(*) FROM fb_migrations"), 0);
    ck_assert_int_eq(PQtransactionStatus(fbt_db.conn), PQTRANS_IDLE);
    /* and a connection inside a transaction is refused */
    put("core", "001_a.sql", "CREATE TABLE c (x int);");
    fbtc_exec(fbt_db.conn, "BEGIN");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "outside any transaction") != NULL, "%s", err);
    fbtc_exec(fbt_db.conn, "ROLLBACK");
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), 1);
}
END_TEST

typedef struct racer {
    int result;
    char err[512];
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    const char *scopes[] = {"core", "plug"};
    PGconn *c = PQconnectdb(fbt_db.conninfo);

    r->result = -2;
    if (PQstatus(c) == CONNECTION_OK)
        r->result =
            fb__migrate(c, dir, scopes, 2, NULL, NULL, r->err, sizeof r->err);
    PQfinish(c);
    return NULL;
}

START_TEST(migrate_concurrent_migrators_apply_once)
{
    racer r[2] = {{0}, {0}};
    pthread_t t[2];

    /* not idempotent: applying any file twice fails */
    put("core", "001_a.sql", "CREATE TABLE a (x int); SELECT pg_sleep(0.2);");
    put("core", "002_b.sql", "INSERT INTO a VALUES (1);");
    put("plug", "001_p.sql",
        "CREATE TABLE p (x int); INSERT INTO a VALUES (1);");
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, race, &r[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    ck_assert_msg(r[0].result >= 0, "%s", r[0].err);
    ck_assert_msg(r[1].result >= 0, "%s", r[1].err);
    ck_assert_int_eq(r[0].result + r[1].result, 3);
    ck_assert_int_eq(fbtc_scalar(fbt_db.conn, "SELECT count(*) FROM a"), 2);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn, "SELECT count(*) FROM fb_migrations"), 3);
}
END_TEST

START_TEST(migrate_status_reports_each_file)
{
    const char *scopes[] = {"core"};
    char err[512] = "", path[512];
    seen s = {0};

    put("core", "001_a.sql", "CREATE TABLE a (x int);");
    put("core", "002_b.sql", "CREATE TABLE b (x int);");
    /* before anything: no fb_migrations table yet */
    ck_assert_int_eq(fb__migrate_status(fbt_db.conn, dir, scopes, 1, record, &s,
                                        err, sizeof err),
                     2);
    ck_assert_int_eq(s.n, 2);
    ck_assert_str_eq(s.line[0], "core 1 001_a.sql pending");
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT (to_regclass('fb_migrations') IS NULL)::int"),
        1);
    ck_assert_int_eq(run(scopes, 1, err, sizeof err), 2);
    s.n = 0;
    ck_assert_int_eq(fb__migrate_status(fbt_db.conn, dir, scopes, 1, record, &s,
                                        err, sizeof err),
                     0);
    ck_assert_str_eq(s.line[1], "core 2 002_b.sql applied");
    put("core", "001_a.sql", "CREATE TABLE a (x text);");
    put("core", "003_c.sql", "SELECT 1;");
    snprintf(path, sizeof path, "%s/core/002_b.sql", dir);
    ck_assert_int_eq(unlink(path), 0);
    s.n = 0;
    ck_assert_int_eq(fb__migrate_status(fbt_db.conn, dir, scopes, 1, record, &s,
                                        err, sizeof err),
                     3);
    ck_assert_int_eq(s.n, 3);
    ck_assert_str_eq(s.line[0], "core 1 001_a.sql changed");
    ck_assert_str_eq(s.line[1], "core 2 002_b.sql missing");
    ck_assert_str_eq(s.line[2], "core 3 003_c.sql pending");
}
END_TEST

START_TEST(migrate_repository_core)
{
    fbt_migrate_core(fbt_db.conn);
    ck_assert_int_eq(
        fbtc_scalar(fbt_db.conn,
                    "SELECT count(*) FROM pg_tables WHERE tablename IN "
                    "('fb_users', 'fb_processed_updates', "
                    "'fb_conversations', 'fb_jobs', 'fb_migrations')"),
        5);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "migrate",
                                   .tcase = "migrate",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, migrate_applies_in_order_and_records,
                    migrate_rerun_is_noop, migrate_refuses_edited_applied_file,
                    migrate_refuses_bad_names,
                    migrate_missing_scope_is_fine_bad_scope_is_not,
                    migrate_failed_file_rolls_back_and_names_it,
                    migrate_refuses_a_file_ending_its_transaction,
                    migrate_concurrent_migrators_apply_once,
                    migrate_status_reports_each_file, migrate_repository_core);
}
