/* host/migrate: schema migrations from SQL files. See migrate.h. */
#include "migrate.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"

/* pg_advisory_lock key of the migrator ("FBMIGRAT"). */
#define MIGRATE_LOCK "5063907497856796500"
#define MAX_FILE_BYTES (16L * 1024 * 1024)

typedef struct mig_file {
    int version;
    char name[256]; /* NNN_name.sql */
    char *sql;      /* file text */
    char md5[33];
} mig_file;

typedef struct mig_rec {
    int version;
    char name[256];
    char md5[33];
} mig_rec;

typedef struct mig_scope {
    const char *scope;
    char dir[4096];
    mig_file *files;
    int nfiles;
    mig_rec *recs;
    int nrecs;
} mig_scope;

static const char create_sql[] =
    "CREATE TABLE IF NOT EXISTS fb_migrations ("
    " scope TEXT NOT NULL, version INT NOT NULL, name TEXT NOT NULL,"
    " checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
    " PRIMARY KEY (scope, version))";

static int word_ok(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

/* "NNN_name.sql" -> version; -1 if the name does not match. */
static int parse_name(const char *name)
{
    size_t len = strlen(name), d = 0;
    long v = 0;

    if (len < 6 || strcmp(name + len - 4, ".sql") != 0)
        return -1;
    while (name[d] >= '0' && name[d] <= '9') {
        v = v * 10 + (name[d] - '0');
        if (++d > 9)
            return -1;
    }
    if (d == 0 || name[d] != '_' || !word_ok(name + d + 1, len - d - 5))
        return -1;
    return (int)v;
}

static char *read_text(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long len;

    if (!f) {
        fb__db_seterr(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
        len > MAX_FILE_BYTES || fseek(f, 0, SEEK_SET) != 0) {
        fb__db_seterr(err, errlen, "%s: cannot read (or too large)", path);
        goto out;
    }
    buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fb__db_seterr(err, errlen, "%s: cannot read", path);
        free(buf);
        buf = NULL;
        goto out;
    }
    buf[len] = '\0';
    if (strlen(buf) != (size_t)len) {
        fb__db_seterr(err, errlen, "%s: contains a NUL byte", path);
        free(buf);
        buf = NULL;
    }
out:
    fclose(f);
    return buf;
}

static int cmp_file(const void *a, const void *b)
{
    const mig_file *x = a, *y = b;
    return (x->version > y->version) - (x->version < y->version);
}

static void scope_free(mig_scope *s)
{
    for (int i = 0; i < s->nfiles; i++)
        free(s->files[i].sql);
    free(s->files);
    free(s->recs);
    s->files = NULL;
    s->recs = NULL;
    s->nfiles = s->nrecs = 0;
}

/* Add dir entry name to s (checked name). 0 ok / skipped, -1 error. */
static int add_file(mig_scope *s, const char *name, char *err, size_t errlen)
{
    char path[4608];
    struct stat st;
    mig_file *grown, *f;
    int version;
    size_t len = strlen(name);

    if (name[0] == '.' || len < 4 || strcmp(name + len - 4, ".sql") != 0)
        return 0;
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    version = parse_name(name);
    if (version < 0 || len >= sizeof f->name) {
        fb__db_seterr(err, errlen,
                      "%s: migration file names must look like NNN_name.sql",
                      path);
        return -1;
    }
    grown = realloc(s->files, (size_t)(s->nfiles + 1) * sizeof *grown);
    if (!grown) {
        fb__db_seterr(err, errlen, "out of memory");
        return -1;
    }
    s->files = grown;
    f = &s->files[s->nfiles];
    memset(f, 0, sizeof *f);
    f->version = version;
    memcpy(f->name, name, len + 1);
    f->sql = read_text(path, err, errlen);
    if (!f->sql)
        return -1;
    s->nfiles++;
    return 0;
}

/* Read the scope's folder (missing folder: no files), sorted by version,
 * refusing two files with one version. */
static int scan_scope(mig_scope *s, char *err, size_t errlen)
{
    DIR *d = opendir(s->dir);
    struct dirent *e;
    int rc = 0;

    if (!d) {
        if (errno == ENOENT)
            return 0;
        fb__db_seterr(err, errlen, "%s: %s", s->dir, strerror(errno));
        return -1;
    }
    while (rc == 0 && (e = readdir(d)) != NULL)
        rc = add_file(s, e->d_name, err, errlen);
    closedir(d);
    if (rc != 0)
        return -1;
    qsort(s->files, (size_t)s->nfiles, sizeof *s->files, cmp_file);
    for (int i = 1; i < s->nfiles; i++)
        if (s->files[i].version == s->files[i - 1].version) {
            fb__db_seterr(err, errlen, "%s/%s: version %d also used by %s",
                          s->dir, s->files[i].name, s->files[i].version,
                          s->files[i - 1].name);
            return -1;
        }
    return 0;
}

/* md5 of every file, computed by the server. */
static int checksum_files(PGconn *conn, mig_scope *s, char *err, size_t errlen)
{
    for (int i = 0; i < s->nfiles; i++) {
        const char *p[1] = {s->files[i].sql};
        fb_rows *r = fb__db_query(conn, "SELECT md5($1)", 1, p, err, errlen);
        if (!r)
            return -1;
        snprintf(s->files[i].md5, sizeof s->files[i].md5, "%s",
                 fb__rows_get(r, 0, 0) ? fb__rows_get(r, 0, 0) : "");
        fb__rows_free(r);
    }
    return 0;
}

static int load_recs(PGconn *conn, mig_scope *s, char *err, size_t errlen)
{
    const char *p[1] = {s->scope};
    fb_rows *r;
    int n;

    r = fb__db_query(conn,
                     "SELECT version, name, checksum FROM fb_migrations "
                     "WHERE scope = $1 ORDER BY version",
                     1, p, err, errlen);
    if (!r)
        return -1;
    n = fb__rows_count(r);
    s->recs = calloc(n > 0 ? (size_t)n : 1, sizeof *s->recs);
    if (!s->recs) {
        fb__rows_free(r);
        fb__db_seterr(err, errlen, "out of memory");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        /* NOLINTNEXTLINE(cert-err34-c): an integer column of our table */
        s->recs[i].version = atoi(fb__rows_get(r, i, 0));
        snprintf(s->recs[i].name, sizeof s->recs[i].name, "%s",
                 fb__rows_get(r, i, 1));
        snprintf(s->recs[i].md5, sizeof s->recs[i].md5, "%s",
                 fb__rows_get(r, i, 2));
    }
    s->nrecs = n;
    fb__rows_free(r);
    return 0;
}

static const mig_rec *find_rec(const mig_scope *s, int version)
{
    for (int i = 0; i < s->nrecs; i++)
        if (s->recs[i].version == version)
            return &s->recs[i];
    return NULL;
}

/* Every applied file must be unchanged (same name and checksum). */
static int verify_applied(const mig_scope *s, char *err, size_t errlen)
{
    for (int i = 0; i < s->nfiles; i++) {
        const mig_file *f = &s->files[i];
        const mig_rec *r = find_rec(s, f->version);
        if (!r)
            continue;
        if (strcmp(r->md5, f->md5) != 0) {
            fb__db_seterr(err, errlen,
                          "%s/%s: migration already applied but the file "
                          "changed since (checksum %s, recorded %s); add a "
                          "new migration instead of editing it",
                          s->dir, f->name, f->md5, r->md5);
            return -1;
        }
        if (strcmp(r->name, f->name) != 0) {
            fb__db_seterr(err, errlen, "%s/%s: version %d was applied as %s",
                          s->dir, f->name, f->version, r->name);
            return -1;
        }
    }
    return 0;
}

/* Run a script (several statements, no parameters: PQexec) inside the
 * open transaction, which it must leave open. 0 ok, -1 with msg. */
static int run_script(PGconn *conn, const char *sql, char *msg, size_t len)
{
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    int rc = 0;

    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
        st != PGRES_EMPTY_QUERY) {
        fb__db_seterr(msg, len, "%s",
                      res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
        rc = -1;
    } else if (PQtransactionStatus(conn) != PQTRANS_INTRANS) {
        fb__db_seterr(msg, len,
                      "the file ends the transaction (COMMIT/ROLLBACK); "
                      "each migration already runs in one");
        rc = -1;
    }
    PQclear(res);
    return rc;
}

/* Run one file and record it, in one transaction. */
static int apply_file(PGconn *conn, const mig_scope *s, const mig_file *f,
                      char *err, size_t errlen)
{
    char ver[16], msg[512];
    const char *p[4] = {s->scope, ver, f->name, f->md5};

    snprintf(ver, sizeof ver, "%d", f->version);
    if (fb__db_begin(conn, err, errlen) != 0)
        return -1;
    if (run_script(conn, f->sql, msg, sizeof msg) == 0 &&
        fb__db_exec(conn,
                    "INSERT INTO fb_migrations (scope, version, name, "
                    "checksum) VALUES ($1, $2::int, $3, $4)",
                    4, p, msg, sizeof msg) >= 0 &&
        fb__db_commit(conn, msg, sizeof msg) == 0)
        return 0;
    if (PQtransactionStatus(conn) != PQTRANS_IDLE)
        fb__db_rollback(conn, NULL, 0);
    fb__db_seterr(err, errlen, "%s/%s: %s", s->dir, f->name, msg);
    return -1;
}

/* Load files, checksums and records of one scope. */
static int scope_load(PGconn *conn, const char *sql_dir, const char *scope,
                      int have_table, mig_scope *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->scope = scope;
    if (!scope || !word_ok(scope, strlen(scope))) {
        fb__db_seterr(err, errlen, "bad migration scope \"%s\"",
                      scope ? scope : "");
        return -1;
    }
    snprintf(s->dir, sizeof s->dir, "%s/%s", sql_dir, scope);
    if (scan_scope(s, err, errlen) != 0 ||
        checksum_files(conn, s, err, errlen) != 0)
        return -1;
    if (!have_table) {
        s->recs = calloc(1, sizeof *s->recs);
        return s->recs ? 0 : -1;
    }
    return load_recs(conn, s, err, errlen);
}

static int migrate_scope(PGconn *conn, const char *sql_dir, const char *scope,
                         fb__migrate_report report, void *arg, char *err,
                         size_t errlen)
{
    mig_scope s;
    int applied = 0;

    if (scope_load(conn, sql_dir, scope, 1, &s, err, errlen) != 0 ||
        verify_applied(&s, err, errlen) != 0)
        goto fail;
    for (int i = 0; i < s.nfiles; i++) {
        if (find_rec(&s, s.files[i].version))
            continue;
        if (apply_file(conn, &s, &s.files[i], err, errlen) != 0)
            goto fail;
        applied++;
        if (report)
            report(arg, scope, s.files[i].version, s.files[i].name, "applied");
    }
    scope_free(&s);
    return applied;
fail:
    scope_free(&s);
    return -1;
}

/* pg_advisory_lock / pg_advisory_unlock of the migrator's key. */
static int lock_cmd(PGconn *conn, int lock, char *err, size_t errlen)
{
    const char *p[1] = {MIGRATE_LOCK};

    return fb__db_run(conn,
                      lock ? "SELECT pg_advisory_lock($1::bigint)"
                           : "SELECT pg_advisory_unlock($1::bigint)",
                      1, p, err, errlen);
}

int fb__migrate(PGconn *conn, const char *sql_dir, const char *const *scopes,
                int nscopes, fb__migrate_report report, void *arg, char *err,
                size_t errlen)
{
    int total = 0;

    if (!conn || !sql_dir || nscopes < 0 || (nscopes > 0 && !scopes)) {
        fb__db_seterr(err, errlen, "bad migrate arguments");
        return -1;
    }
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
        fb__db_seterr(err, errlen,
                      "migrate needs a connection outside any "
                      "transaction");
        return -1;
    }
    if (lock_cmd(conn, 1, err, errlen) != 0)
        return -1;
    if (fb__db_exec(conn, create_sql, 0, NULL, err, errlen) < 0)
        total = -1;
    for (int i = 0; total >= 0 && i < nscopes; i++) {
        int n =
            migrate_scope(conn, sql_dir, scopes[i], report, arg, err, errlen);
        total = n < 0 ? -1 : total + n;
    }
    if (lock_cmd(conn, 0, total < 0 ? NULL : err, errlen) != 0)
        total = -1;
    return total;
}

/* Report files and records of one scope in version order; returns the
 * number of entries needing attention. */
static int status_scope(const mig_scope *s, fb__migrate_report report,
                        void *arg)
{
    int todo = 0, i = 0, j = 0;

    while (i < s->nfiles || j < s->nrecs) {
        int vf = i < s->nfiles ? s->files[i].version : -1;
        int vr = j < s->nrecs ? s->recs[j].version : -1;
        if (vr < 0 || (vf >= 0 && vf < vr)) {
            todo++;
            if (report)
                report(arg, s->scope, vf, s->files[i].name, "pending");
            i++;
        } else if (vf < 0 || vr < vf) {
            todo++;
            if (report)
                report(arg, s->scope, vr, s->recs[j].name, "missing");
            j++;
        } else {
            int same = strcmp(s->files[i].md5, s->recs[j].md5) == 0 &&
                       strcmp(s->files[i].name, s->recs[j].name) == 0;
            todo += !same;
            if (report)
                report(arg, s->scope, vf, s->files[i].name,
                       same ? "applied" : "changed");
            i++;
            j++;
        }
    }
    return todo;
}

static int have_table(PGconn *conn, char *err, size_t errlen)
{
    fb_rows *r =
        fb__db_query(conn, "SELECT to_regclass('fb_migrations') IS NOT NULL", 0,
                     NULL, err, errlen);
    int rc;

    if (!r)
        return -1;
    rc = fb__rows_get(r, 0, 0) && strcmp(fb__rows_get(r, 0, 0), "t") == 0;
    fb__rows_free(r);
    return rc;
}

int fb__migrate_status(PGconn *conn, const char *sql_dir,
                       const char *const *scopes, int nscopes,
                       fb__migrate_report report, void *arg, char *err,
                       size_t errlen)
{
    int todo = 0, table;

    if (!conn || !sql_dir || nscopes < 0 || (nscopes > 0 && !scopes)) {
        fb__db_seterr(err, errlen, "bad migrate arguments");
        return -1;
    }
    table = have_table(conn, err, errlen);
    if (table < 0)
        return -1;
    for (int i = 0; i < nscopes; i++) {
        mig_scope s;
        if (scope_load(conn, sql_dir, scopes[i], table, &s, err, errlen) != 0) {
            scope_free(&s);
            return -1;
        }
        todo += status_scope(&s, report, arg);
        scope_free(&s);
    }
    return todo;
}
