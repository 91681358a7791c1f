/* See fbtc.h: a fresh database per test on the private PostgreSQL named by
 * FITBOT_TEST_DATABASE_URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fbtc.h"

const char *fbtc_admin_url(void)
{
    const char *u = getenv("FITBOT_TEST_DATABASE_URL");
    return (u && *u) ? u : NULL;
}

int fbtc_require_pg(const char *test)
{
    if (fbtc_admin_url())
        return 0;
    fprintf(stderr,
            "%s: FITBOT_TEST_DATABASE_URL is not set; run the tests through "
            "scripts/test (it starts a private PostgreSQL)\n",
            test);
    return 1;
}

/* Append key='value' (quoted per libpq rules) to buf. */
static void append_kv(char *buf, size_t len, const char *k, const char *v)
{
    size_t n = strlen(buf);

    n += (size_t)snprintf(buf + n, len - n, "%s%s='", n ? " " : "", k);
    for (; *v && n + 3 < len; v++) {
        if (*v == '\'' || *v == '\\')
            buf[n++] = '\\';
        buf[n++] = *v;
    }
    ck_assert_uint_lt(n + 2, len);
    buf[n++] = '\'';
    buf[n] = '\0';
}

static void conninfo_for(const char *dbname, char *out, size_t len)
{
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(fbtc_admin_url(), &perr);

    ck_assert_msg(opts != NULL, "bad FITBOT_TEST_DATABASE_URL: %s",
                  perr ? perr : "?");
    out[0] = '\0';
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (o->val && *o->val && strcmp(o->keyword, "dbname") != 0)
            append_kv(out, len, o->keyword, o->val);
    append_kv(out, len, "dbname", dbname);
    PQconninfoFree(opts);
}

PGconn *fbtc_connect(const char *conninfo)
{
    PGconn *c = PQconnectdb(conninfo);

    ck_assert_msg(PQstatus(c) == CONNECTION_OK, "connect: %s",
                  PQerrorMessage(c));
    return c;
}

void fbtc_exec(PGconn *conn, const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(r);

    ck_assert_msg(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK, "%s: %s",
                  sql, PQresultErrorMessage(r));
    PQclear(r);
}

long long fbtc_scalar(PGconn *conn, const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    long long v;

    ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1,
                  "%s: %s", sql, PQresultErrorMessage(r));
    v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

void fbtc_db_create(char *conninfo, size_t len, char *name, size_t namelen)
{
    char sql[128];
    PGconn *admin;
    struct timespec ts;

    ck_assert_msg(fbtc_admin_url() != NULL, "FITBOT_TEST_DATABASE_URL unset");
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(name, namelen, "t_db_%ld_%ld", (long)getpid(),
             (long)(ts.tv_nsec ^ (ts.tv_sec << 20)) & 0x7fffffff);
    admin = fbtc_connect(fbtc_admin_url());
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    fbtc_exec(admin, sql);
    PQfinish(admin);
    conninfo_for(name, conninfo, len);
}

void fbtc_db_drop(const char *name)
{
    PGconn *admin = PQconnectdb(fbtc_admin_url());

    if (PQstatus(admin) == CONNECTION_OK) {
        char sql[160];

        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                 name);
        PQclear(PQexec(admin, sql));
    }
    PQfinish(admin);
}

void fbtc_db_open(fbtc_db *db)
{
    fbtc_db_create(db->conninfo, sizeof db->conninfo, db->name,
                   sizeof db->name);
    db->conn = fbtc_connect(db->conninfo);
}

void fbtc_db_close(fbtc_db *db)
{
    PQfinish(db->conn);
    db->conn = NULL;
    fbtc_db_drop(db->name);
}
