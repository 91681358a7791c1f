/* The test database: a fresh one per environment, and SQL helpers. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kit.h"

/* Append key='value' (quoted for conninfo) to out. */
static void put_kv(char *out, size_t len, const char *key, const char *val)
{
    size_t n = strlen(out);

    n += (size_t)snprintf(out + n, len > n ? len - n : 0, "%s%s='",
                          n ? " " : "", key);
    for (; *val && n + 3 < len; val++) {
        if (*val == '\'' || *val == '\\')
            out[n++] = '\\';
        out[n++] = *val;
    }
    if (n + 2 < len) {
        out[n++] = '\'';
        out[n] = '\0';
    }
}

/* The conninfo of base with dbname replaced (malloc'd), or NULL. */
static char *with_dbname(fbt_env *e, const char *base, const char *dbname)
{
    char *errmsg = NULL, *out;
    PQconninfoOption *opts = PQconninfoParse(base, &errmsg), *o;
    size_t len = 4096;

    if (!opts) {
        fb__kit_fail(e, "FITBOT_TEST_DATABASE_URL: %s",
                     errmsg ? errmsg : "unparsable");
        PQfreemem(errmsg);
        return NULL;
    }
    out = calloc(1, len);
    for (o = opts; out && o->keyword; o++)
        if (o->val && *o->val && strcmp(o->keyword, "dbname") != 0)
            put_kv(out, len, o->keyword, o->val);
    if (out)
        put_kv(out, len, "dbname", dbname);
    PQconninfoFree(opts);
    return out;
}

/* Run one statement on a fresh connection to conninfo. 0 or -1. */
static int admin_exec(fbt_env *e, const char *conninfo, const char *sql)
{
    PGconn *c = PQconnectdb(conninfo);
    PGresult *r = NULL;
    int rc = -1;

    if (PQstatus(c) != CONNECTION_OK) {
        fb__kit_fail(e, "cannot connect to the test server: %s",
                     PQerrorMessage(c));
        goto out;
    }
    r = PQexec(c, sql);
    if (PQresultStatus(r) == PGRES_COMMAND_OK)
        rc = 0;
    else
        fb__kit_fail(e, "%s: %s", sql, PQerrorMessage(c));
out:
    PQclear(r);
    PQfinish(c);
    return rc;
}

/* Internal: see kit.h. */
int fb__kit_db_create(fbt_env *e)
{
    const char *base = getenv("FITBOT_TEST_DATABASE_URL");
    static unsigned seq;
    char sql[160];

    if (!base || !*base)
        return fb__kit_fail(e, "FITBOT_TEST_DATABASE_URL is not set: tests "
                               "need a PostgreSQL (scripts/test starts one)");
    snprintf(e->db_name, sizeof e->db_name, "fbt_%d_%u_%" PRIx64, (int)getpid(),
             ++seq, (uint64_t)fb__kit_now_ms());
    e->base_url = strdup(base);
    e->db_url = with_dbname(e, base, e->db_name);
    if (!e->base_url || !e->db_url)
        return -1;
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", e->db_name);
    if (admin_exec(e, base, sql) != 0) {
        e->db_name[0] = '\0';
        return -1;
    }
    return 0;
}

/* Internal: see kit.h. */
void fb__kit_db_drop(fbt_env *e)
{
    if (e->db) {
        PQfinish(e->db);
        e->db = NULL;
    }
    if (e->db_name[0] && e->base_url) {
        char sql[160];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                 e->db_name);
        admin_exec(e, e->base_url, sql);
    }
}

/* The kit's own connection (application_name fbtest, so tests counting the
 * host's connections can leave it out). */
static PGconn *conn(fbt_env *e)
{
    char *info;

    if (e->db && PQstatus(e->db) == CONNECTION_OK)
        return e->db;
    PQfinish(e->db);
    info = fb__kit_strdup_printf("%s application_name=fbtest", e->db_url);
    e->db = info ? PQconnectdb(info) : NULL;
    free(info);
    if (PQstatus(e->db) != CONNECTION_OK) {
        fb__kit_fail(e, "cannot connect to the test database: %s",
                     e->db ? PQerrorMessage(e->db) : "out of memory");
        return NULL;
    }
    return e->db;
}

static PGresult *run(fbt_env *e, const char *sql, int n,
                     const char *const *params)
{
    PGconn *c = conn(e);
    PGresult *r;
    ExecStatusType st;

    if (!c)
        return NULL;
    r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    st = PQresultStatus(r);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
        return r;
    fb__kit_fail(e, "SQL failed: %s\n  %s", sql, PQerrorMessage(c));
    PQclear(r);
    return NULL;
}

/* See fbtest.h. */
char *fbt_sql(fbt_env *e, const char *sql, int n, const char *const *params)
{
    PGresult *r = run(e, sql, n, params);
    char *out = NULL;

    if (!r)
        return NULL;
    if (PQntuples(r) == 0 || PQnfields(r) == 0)
        out = strdup("");
    else if (PQgetisnull(r, 0, 0))
        out = strdup("NULL");
    else
        out = strdup(PQgetvalue(r, 0, 0));
    PQclear(r);
    return out;
}

/* See fbtest.h. */
long long fbt_sql_exec(fbt_env *e, const char *sql, int n,
                       const char *const *params)
{
    PGresult *r = run(e, sql, n, params);
    long long rows;

    if (!r)
        return -1;
    rows = atoll(PQcmdTuples(r)); // NOLINT(cert-err34-c): "" means 0 rows
    PQclear(r);
    return rows;
}

/* See fbtest.h. */
int fbt_set_role(fbt_env *e, int64_t id, const char *role)
{
    char ids[24];
    const char *p[2] = {ids, role};

    snprintf(ids, sizeof ids, "%" PRId64, id);
    return fbt_sql_exec(e,
                        "INSERT INTO fb_users (id, role) VALUES ($1, $2) "
                        "ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, "
                        "updated_at = now()",
                        2, p) < 0
               ? -1
               : 0;
}

/* Internal: see kit.h. */
int fb__kit_add_id(cJSON *obj, const char *key, int64_t id)
{
    char num[24];
    cJSON *v;

    snprintf(num, sizeof num, "%" PRId64, id);
    v = cJSON_CreateRaw(num);
    if (!v || !cJSON_AddItemToObject(obj, key, v)) {
        cJSON_Delete(v);
        return -1;
    }
    return 0;
}
