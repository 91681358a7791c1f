/* Fixtures of the data-layer tests: a fresh database per test (fbtc.h) on
 * the private PostgreSQL named by FITBOT_TEST_DATABASE_URL, with or without
 * the repository's core migrations. */
#ifndef FITBOT_TESTS_DBTEST_H
#define FITBOT_TESTS_DBTEST_H

#include "fbtc.h"

/* The test's database, filled by the fixtures below. */
extern fbtc_db fbt_db;

/* Checked fixtures: a database alone (no connection), one with a
 * connection, one with a connection and the core migrations applied. */
void fbt_fixture_created(void);
void fbt_fixture_connected(void);
void fbt_fixture_migrated(void);
/* Close the connection (if any) and drop the database. */
void fbt_fixture_drop(void);

/* Apply the repository's core migrations to the database. */
void fbt_migrate_core(PGconn *conn);

#endif
