/* fbhost_db: the stand-in host's PostgreSQL: one transaction per run, the
 * plugin's queries in it, setup SQL and migrations outside. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbhost_int.h"

struct fb_rows {
    PGresult *res;
};

/* Run sql without parameters; 0, or -1 with the server's message recorded
 * as the failure. */
static int exec(fbh_host *h, const char *sql)
{
    PGresult *r;
    ExecStatusType st;

    if (!h->db) {
        fbh__fail(h, "fbhost: no database (fbh_new without conninfo)");
        return -1;
    }
    r = PQexec(h->db, sql);
    st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fbh__fail(h, PQresultErrorMessage(r));
    PQclear(r);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
}

/* See fbhost_int.h. The transaction runs in the club's time zone. */
int fbh__begin(fbh_host *h)
{
    const char *zone[1] = {h->zone};
    PGresult *r;
    int ok;

    if (!h->db)
        return 0;
    if (exec(h, "BEGIN") != 0)
        return -1;
    r = PQexecParams(h->db, "SELECT set_config('TimeZone', $1, true)", 1, NULL,
                     zone, NULL, NULL, 0);
    ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        fbh__fail(h, PQresultErrorMessage(r));
    PQclear(r);
    return ok ? 0 : -1;
}

/* See fbhost_int.h. */
int fbh__end(fbh_host *h, int ok)
{
    fbh_run *run = &h->run;

    for (size_t i = 0; i < run->nrows; i++) {
        PQclear(run->rows[i]->res);
        free(run->rows[i]);
    }
    free(run->rows);
    run->rows = NULL;
    run->nrows = 0;
    if (!h->db)
        return ok ? 0 : -1;
    if (!ok) {
        PQclear(PQexec(h->db, "ROLLBACK"));
        return -1;
    }
    return exec(h, "COMMIT");
}

/* See fbhost_int.h. A failed query marks the run failed. */
fb_rows *fbh__query(fb_ctx *c, const char *sql, int n, const char *const *p)
{
    fbh_run *run = &c->h->run;
    ExecStatusType st;
    fb_rows *rows;
    PGresult *r;

    if (!c->h->db) {
        fbh__fail(c->h, "query: no database (fbh_new without conninfo)");
        return NULL;
    }
    r = PQexecParams(c->h->db, sql, n, NULL, p, NULL, NULL, 0);
    st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        fbh__fail(c->h, PQresultErrorMessage(r));
        PQclear(r);
        return NULL;
    }
    rows = malloc(sizeof *rows);
    run->rows = realloc(run->rows, (run->nrows + 1) * sizeof *run->rows);
    if (!rows || !run->rows)
        abort();
    rows->res = r;
    run->rows[run->nrows++] = rows;
    return rows;
}

/* See fbhost_int.h. */
int fbh__rows_count(const fb_rows *r)
{
    return r && r->res ? PQntuples(r->res) : 0;
}

/* See fbhost_int.h. NULL for SQL NULL or outside the result. */
const char *fbh__rows_get(const fb_rows *r, int row, int col)
{
    if (!r || !r->res || row < 0 || col < 0 || row >= PQntuples(r->res) ||
        col >= PQnfields(r->res) || PQgetisnull(r->res, row, col))
        return NULL;
    return PQgetvalue(r->res, row, col);
}

/* See fbhost_int.h. */
long long fbh__rows_affected(const fb_rows *r)
{
    return r && r->res ? atoll(PQcmdTuples(r->res)) : 0;
}

/* See fbhost_int.h. The result goes now; the struct at the run's end. */
void fbh__rows_free(fb_rows *r)
{
    if (r) {
        PQclear(r->res);
        r->res = NULL;
    }
}

/* See fbhost.h. */
int fbh_sql(fbh_host *h, const char *sql)
{
    free(h->failure);
    h->failure = NULL;
    h->run.failed = 0;
    if (exec(h, sql) == 0)
        return 0;
    h->failure = h->run.failure;
    h->run.failure = NULL;
    return -1;
}

static int is_sql(const struct dirent *d)
{
    size_t n = strlen(d->d_name);

    return n > 4 && strcmp(d->d_name + n - 4, ".sql") == 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = calloc(1, (size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

/* See fbhost.h. A missing folder is an error. */
int fbh_migrate(fbh_host *h, const char *folder)
{
    struct dirent **names;
    char path[4096];
    int n, rc = 0;

    n = scandir(folder, &names, is_sql, alphasort);
    if (n < 0) {
        fprintf(stderr, "fbhost: no migrations folder %s\n", folder);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char *sql;
        snprintf(path, sizeof path, "%s/%s", folder, names[i]->d_name);
        sql = rc == 0 ? slurp(path) : NULL;
        if (rc == 0 && (!sql || fbh_sql(h, sql) != 0)) {
            fprintf(stderr, "fbhost: %s: %s\n", path,
                    sql ? fbh_failure(h) : "cannot read");
            rc = -1;
        }
        free(sql);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* See fbhost.h. */
const char *fbh_sql_value(fbh_host *h, const char *sql)
{
    PGresult *r;

    free(h->value);
    h->value = NULL;
    if (!h->db)
        return NULL;
    r = PQexec(h->db, sql);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 &&
        PQnfields(r) > 0)
        h->value = fbh__dup(PQgetvalue(r, 0, 0));
    PQclear(r);
    return h->value;
}
