/* Shared pieces of fitbot's Check tests: one runner for a suite of one test
 * case, a fresh database on FITBOT_TEST_DATABASE_URL, scratch folders and
 * files, time. Everything asserts through Check (ck_assert) unless it says it
 * returns a status, so call it from a test or a checked fixture. */
#ifndef FITBOT_TESTS_FBTC_H
#define FITBOT_TESTS_FBTC_H

#include <stddef.h>
#include <sys/types.h>

#include <check.h>
#include <libpq-fe.h>

/* ---- the runner ---------------------------------------------------------- */
typedef struct fbtc_suite {
    const char *name;  /* the suite */
    const char *tcase; /* its one test case */
    int timeout;       /* seconds per test; 0: Check's default */
    SFun setup;        /* checked fixture, NULL: none */
    SFun teardown;     /* checked fixture, NULL: none */
    int needs_pg;      /* 1: fail the run at once without a test database */
} fbtc_suite;

/* Run the n tests of def (CK_NORMAL output). Returns EXIT_SUCCESS when
 * every test passed, else EXIT_FAILURE: main()'s exit status. */
int fbtc_run(const fbtc_suite *def, const TTest *const *tests, size_t n);

/* main()'s body: return FBTC_RUN(&def, test_a, test_b, ...); */
#define FBTC_RUN(def, ...)                                                     \
    fbtc_run((def), (const TTest *const[]){__VA_ARGS__},                       \
             sizeof((const TTest *const[]){__VA_ARGS__}) /                     \
                 sizeof(const TTest *))

/* ---- a database of its own ----------------------------------------------- */
/* The admin URL (FITBOT_TEST_DATABASE_URL), or NULL when it is unset. */
const char *fbtc_admin_url(void);

/* 0 when FITBOT_TEST_DATABASE_URL is set; else 1, after telling on stderr
 * how to run the tests (test names the program). */
int fbtc_require_pg(const char *test);

/* Create a new empty database; fills conninfo (libpq key=value string for
 * it) and name. Aborts the test on failure. */
void fbtc_db_create(char *conninfo, size_t len, char *name, size_t namelen);

/* Drop it (WITH FORCE). Best effort. */
void fbtc_db_drop(const char *name);

/* Connect or abort the test. */
PGconn *fbtc_connect(const char *conninfo);

/* Run sql (no parameters) or abort the test with the server's message. */
void fbtc_exec(PGconn *conn, const char *sql);

/* First column of the first row as a number; aborts on error / no row. */
long long fbtc_scalar(PGconn *conn, const char *sql);

/* A fresh database and one connection to it. */
typedef struct fbtc_db {
    char conninfo[1024];
    char name[64];
    PGconn *conn;
} fbtc_db;

/* Create the database and connect (aborts the test on failure). */
void fbtc_db_open(fbtc_db *db);
/* Close the connection and drop the database. */
void fbtc_db_close(fbtc_db *db);

/* ---- time ---------------------------------------------------------------- */
/* Seconds on a monotonic clock (for measuring waits). */
double fbtc_now_s(void);
/* Sleep ms milliseconds. */
void fbtc_sleep_ms(int ms);

/* ---- scratch folders and files ------------------------------------------- */
/* mkdtemp of template ("/tmp/name-XXXXXX") into dir; aborts on failure. */
void fbtc_mkdtemp(char *dir, size_t len, const char *template_);

/* rm -rf path. Returns 0, or -1 when it could not be removed. */
int fbtc_rmtree(const char *path);

/* Write text to path (created or truncated) and chmod it to mode; aborts
 * on failure. */
void fbtc_write_file(const char *path, const char *text, mode_t mode);

/* The whole file, NUL-terminated (malloc'd); its length in *len when len
 * is not NULL. Aborts the test when it cannot be read. */
char *fbtc_read_file(const char *path, size_t *len);

#endif
