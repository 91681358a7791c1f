/* Helpers for data-layer tests: a fresh database per test on the private
 * PostgreSQL named by FITBOT_TEST_DATABASE_URL. */
#ifndef FITBOT_TESTS_DBTEST_H
#define FITBOT_TESTS_DBTEST_H

#include <stddef.h>

#include <libpq-fe.h>

/* The admin URL, or NULL (then main() must fail the run). */
const char *fbt_admin_url(void);

/* Create a new empty database; fills conninfo (libpq key=value string for
 * it) and name. Aborts the test (ck_abort) on failure. */
void fbt_db_create(char *conninfo, size_t len, char *name, size_t namelen);

/* Drop it (WITH FORCE). Best effort. */
void fbt_db_drop(const char *name);

/* Connect or abort the test. */
PGconn *fbt_connect(const char *conninfo);

/* Run sql (no parameters) or abort the test with the server's message. */
void fbt_exec(PGconn *conn, const char *sql);

/* First column of the first row as a number; aborts on error / no row. */
long long fbt_scalar(PGconn *conn, const char *sql);

/* Apply the repository's core migrations to the database. */
void fbt_migrate_core(PGconn *conn);

/* Exit status for main(): 1 with a message when FITBOT_TEST_DATABASE_URL
 * is missing, else 0. */
int fbt_require_pg(const char *test);

#endif
