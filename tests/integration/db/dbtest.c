/* See dbtest.h. */
#include "dbtest.h"

#include "migrate.h"

fbtc_db fbt_db;

void fbt_fixture_created(void)
{
    fbtc_db_create(fbt_db.conninfo, sizeof fbt_db.conninfo, fbt_db.name,
                   sizeof fbt_db.name);
}

void fbt_fixture_connected(void)
{
    fbtc_db_open(&fbt_db);
}

void fbt_fixture_migrated(void)
{
    fbtc_db_open(&fbt_db);
    fbt_migrate_core(fbt_db.conn);
}

void fbt_fixture_drop(void)
{
    fbtc_db_close(&fbt_db);
}

void fbt_migrate_core(PGconn *conn)
{
    const char *scopes[] = {"core"};
    char err[512] = "";
    int n =
        fb__migrate(conn, FBT_SQL_DIR, scopes, 1, NULL, NULL, err, sizeof err);

    ck_assert_msg(n >= 1, "core migrations: %s", err);
}
