/* host/db: checked wrappers over libpq. See db.h. */
#define _GNU_SOURCE /* asprintf */
#include "db.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-events.h>

void fb__db_seterr(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    size_t n;

    if (!err || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    n = strlen(err);
    while (n > 0 && (err[n - 1] == '\n' || err[n - 1] == ' '))
        err[--n] = '\0';
    for (char *p = err; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

/* The primary message of a failed result, else libpq's connection error. */
static const char *result_error(const PGconn *conn, const PGresult *res)
{
    const char *m =
        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

    if (m && *m)
        return m;
    m = res ? PQresultErrorMessage(res) : NULL;
    if (m && *m)
        return m;
    m = PQerrorMessage(conn);
    return (m && *m) ? m : "unknown database error";
}

static __thread int transient_mark;

/* See db.h. */
void fb__db_transient_reset(void)
{
    transient_mark = 0;
}

/* See db.h. */
int fb__db_transient_seen(void)
{
    return transient_mark;
}

/* Raise the thread's mark when the failed result res (NULL: no answer) is
 * transient (see db.h). */
static void note_failure(const PGconn *conn, const PGresult *res)
{
    static const char *const states[] = {"40001", "40P01", "57P01", "57P02",
                                         "57P03", "55P03", "53300", NULL};
    const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

    if (!st || PQstatus(conn) == CONNECTION_BAD || strncmp(st, "08", 2) == 0) {
        transient_mark = 1;
        return;
    }
    for (int i = 0; states[i]; i++)
        if (strcmp(st, states[i]) == 0)
            transient_mark = 1;
}

static void taint(PGconn *conn);
static PGresult *run_text(PGconn *conn, const char *sql, int n,
                          const char *const *params);
static PGresult *exec_one(PGconn *conn, const char *name, const char *sql,
                          int n, const char *const *params);

/* res when it is a success, else NULL with err filled (res freed). */
static PGresult *checked(PGconn *conn, PGresult *res, char *err, size_t errlen)
{
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return res;
    fb__db_seterr(err, errlen, "%s", result_error(conn, res));
    note_failure(conn, res);
    PQclear(res);
    return NULL;
}

/* Run sql (tainting conn when asked); returns the result when its status
 * is a success, else NULL with err filled (the failed result is freed). */
static PGresult *run_sql(PGconn *conn, const char *sql, int n,
                         const char *const *params, int tainting, char *err,
                         size_t errlen)
{
    if (!conn || !sql || n < 0 || (n > 0 && !params)) {
        fb__db_seterr(err, errlen, "bad query arguments");
        return NULL;
    }
    if (!tainting)
        return checked(conn, exec_one(conn, NULL, sql, n, params), err, errlen);
    taint(conn);
    return checked(conn, run_text(conn, sql, n, params), err, errlen);
}

/* Any SQL text: it may change the session (see fb__db_taint). */
static PGresult *run(PGconn *conn, const char *sql, int n,
                     const char *const *params, char *err, size_t errlen)
{
    return run_sql(conn, sql, n, params, 1, err, errlen);
}

/* ---- per-connection state: prepared statements, taint ------------------ */
/* SQL text run on a pooled connection (a plugin's fb_query, the host's
 * rarer statements), prepared there the second time it runs, by content:
 * plugins pass the same few texts again and again. Bounded: past
 * TEXTS_MAX texts, the others run unprepared. */
#define TEXTS_MAX 64
typedef struct text_stmt {
    uint64_t hash;
    int n, runs; /* parameters; 0 new, 1 seen, 3 prepared, -1 never */
    char *sql;
} text_stmt;

typedef struct conn_state {
    uint64_t prepared[FB__DB_MAX_STMTS / 64]; /* bit slot-1: prepared */
    int tainted;
    int begin_pending; /* fb__db_begin_lazy: BEGIN goes with the next one */
    int reset_pending; /* fb__db_reset_lazy: the reset goes with the next one */
    char *reset;       /* fb__db_set_reset */
    text_stmt texts[TEXTS_MAX];
    int ntexts;
} conn_state;

static void texts_free(conn_state *s)
{
    for (int i = 0; i < s->ntexts; i++)
        free(s->texts[i].sql);
    s->ntexts = 0;
}

static int conn_event(PGEventId id, void *info, void *pass)
{
    (void)pass;
    if (id == PGEVT_CONNDESTROY) {
        PGconn *conn = ((PGEventConnDestroy *)info)->conn;
        conn_state *s = PQinstanceData(conn, conn_event);
        if (s) {
            free(s->reset);
            texts_free(s);
        }
        free(s);
    } else if (id == PGEVT_CONNRESET) { /* a new session: nothing prepared */
        conn_state *s =
            PQinstanceData(((PGEventConnReset *)info)->conn, conn_event);
        if (s) {
            free(s->reset);
            texts_free(s);
            memset(s, 0, sizeof *s);
        }
    }
    return 1;
}

/* See db.h. */
int fb__db_attach(PGconn *conn)
{
    conn_state *s = calloc(1, sizeof *s);
    if (!s || !PQregisterEventProc(conn, conn_event, "fitbot", NULL) ||
        !PQsetInstanceData(conn, conn_event, s)) {
        free(s);
        return -1;
    }
    return 0;
}

static conn_state *state_of(const PGconn *conn)
{
    return conn ? PQinstanceData(conn, conn_event) : NULL;
}

static void taint(PGconn *conn)
{
    conn_state *s = state_of(conn);
    if (s)
        s->tainted = 1;
}

/* See db.h. */
void fb__db_taint(PGconn *conn)
{
    taint(conn);
}

/* See db.h. */
int fb__db_tainted(const PGconn *conn)
{
    conn_state *s = state_of(conn);
    return s ? s->tainted : 1;
}

/* See db.h. */
void fb__db_untaint(PGconn *conn)
{
    conn_state *s = state_of(conn);
    if (s)
        s->tainted = 0;
}

/* See db.h. */
void fb__db_set_reset(PGconn *conn, char *sql)
{
    conn_state *s = state_of(conn);

    if (!s) {
        free(sql);
        return;
    }
    free(s->reset);
    s->reset = sql;
}

/* See db.h. */
const char *fb__db_reset_sql(const PGconn *conn)
{
    conn_state *s = state_of(conn);
    return s ? s->reset : NULL;
}

/* The entry of sql (n parameters) on conn, added when new; NULL when
 * there is no room (or memory). */
static text_stmt *text_of(conn_state *s, const char *sql, int n)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    text_stmt *t;

    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    for (int i = 0; i < s->ntexts; i++)
        if (s->texts[i].hash == h && s->texts[i].n == n &&
            strcmp(s->texts[i].sql, sql) == 0)
            return &s->texts[i];
    if (s->ntexts == TEXTS_MAX)
        return NULL;
    t = &s->texts[s->ntexts];
    if (!(t->sql = strdup(sql)))
        return NULL;
    t->hash = h;
    t->n = n;
    t->runs = 0;
    s->ntexts++;
    return t;
}

/* Run SQL text: prepared (named "fq_<i>") from its second run on conn,
 * unprepared the first time, past TEXTS_MAX texts, or once preparing or
 * running it prepared failed for want of a plan that fits (a table it
 * reads changed shape: "cached plan must not change result type"). The
 * raw result; a failed prepare's is the statement's error. */
static PGresult *run_text(PGconn *conn, const char *sql, int n,
                          const char *const *params)
{
    conn_state *s = state_of(conn);
    /* the pool's connections only: one of its own (the migrator's) runs
     * few texts, some of them around schema changes */
    text_stmt *t = s && s->reset ? text_of(s, sql, n) : NULL;
    char name[16];
    PGresult *res;

    if (!t || t->runs < 0 || t->runs++ == 0) /* the first run */
        return exec_one(conn, NULL, sql, n, params);
    snprintf(name, sizeof name, "fq_%d", (int)(t - s->texts));
    if (t->runs == 2) {
        res = PQprepare(conn, name, sql, n, NULL);
        if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
            t->runs = -1;
            return res; /* its error is the statement's */
        }
        PQclear(res);
    }
    t->runs = 3;
    res = exec_one(conn, name, NULL, n, params);
    if (res && PQresultStatus(res) == PGRES_FATAL_ERROR) {
        const char *st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (st && strcmp(st, "0A000") == 0)
            t->runs = -1;
    }
    return res;
}

/* The statement's slot, given on first use (process-wide). */
static int slot_of(fb__db_stmt *st)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    static int next;
    int slot = __atomic_load_n(&st->slot, __ATOMIC_ACQUIRE);
    if (slot)
        return slot;
    pthread_mutex_lock(&mu);
    if (!st->slot && next < FB__DB_MAX_STMTS)
        __atomic_store_n(&st->slot, ++next, __ATOMIC_RELEASE);
    slot = st->slot;
    pthread_mutex_unlock(&mu);
    return slot; /* 0: out of slots, run unprepared */
}

/* Prepare st on conn unless it is; its name into name. 0 when it can run
 * prepared, 1 when it must run unprepared, -1 (err filled) on failure. */
static int ensure_prepared(PGconn *conn, fb__db_stmt *st, char *name,
                           size_t len, char *err, size_t errlen)
{
    conn_state *s = state_of(conn);
    int slot = slot_of(st), i, ok;
    uint64_t bit;
    PGresult *res;

    if (!s || !slot)
        return 1;
    i = (slot - 1) / 64;
    bit = UINT64_C(1) << ((slot - 1) % 64);
    snprintf(name, len, "fb_%d", slot);
    if (s->prepared[i] & bit)
        return 0;
    res = PQprepare(conn, name, st->sql, st->nparams, NULL);
    ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok) {
        fb__db_seterr(err, errlen, "%s", result_error(conn, res));
        note_failure(conn, res);
    } else {
        s->prepared[i] |= bit;
    }
    PQclear(res);
    return ok ? 0 : -1;
}

/* run() for a host statement. */
static PGresult *xrun(PGconn *conn, fb__db_stmt *st, const char *const *params,
                      char *err, size_t errlen)
{
    char name[16];
    int rc;

    if (!conn || !st || (st->nparams > 0 && !params)) {
        fb__db_seterr(err, errlen, "bad query arguments");
        return NULL;
    }
    rc = ensure_prepared(conn, st, name, sizeof name, err, errlen);
    if (rc < 0)
        return NULL;
    if (rc > 0) /* the host's own statement: no taint */
        return run_sql(conn, st->sql, st->nparams, params, 0, err, errlen);
    return checked(conn, exec_one(conn, name, NULL, st->nparams, params), err,
                   errlen);
}

/* Send one statement (prepared name, else sql) without waiting. */
static int send_one(PGconn *conn, const char *name, const char *sql, int n,
                    const char *const *params)
{
    return name ? PQsendQueryPrepared(conn, name, n, params, NULL, NULL, 0)
                : PQsendQueryParams(conn, sql, n, NULL, params, NULL, NULL, 0);
}

/* The next result of a pipeline, and the NULL that ends it; NULL when
 * the connection gave none. */
static PGresult *pipeline_next(PGconn *conn)
{
    PGresult *res = PQgetResult(conn), *more;

    while (res && (more = PQgetResult(conn)) != NULL) { /* one per command */
        PQclear(res);
        res = more;
    }
    return res;
}

static int send_reset(PGconn *conn, const char *reset);

/* Send what a lazy BEGIN and a lazy reset left pending (BEGIN first) into
 * the pipeline, and clear them: how many statements, or -1. */
static int send_prefix(PGconn *conn, conn_state *s)
{
    int n = 0, r = 0;

    if (s->begin_pending &&
        !PQsendQueryParams(conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0))
        return -1;
    n = s->begin_pending;
    if (s->reset_pending && s->reset)
        r = send_reset(conn, s->reset);
    s->begin_pending = s->reset_pending = 0;
    return r < 0 ? -1 : n + r;
}

/* What was left pending and the statement in one round trip (libpq
 * pipeline mode): the statement's result, or the first failed pending
 * statement's (NULL: no answer). */
static PGresult *prefixed(PGconn *conn, const char *name, const char *sql,
                          int n, const char *const *params)
{
    PGresult *first = NULL, *res = NULL;
    int k, lost = 0;

    if (!PQenterPipelineMode(conn))
        return NULL;
    k = send_prefix(conn, state_of(conn));
    if (k >= 0 && send_one(conn, name, sql, n, params) &&
        PQpipelineSync(conn)) {
        for (int i = 0; i < k && !lost; i++) {
            PGresult *r = pipeline_next(conn);
            lost = !r;
            if (r && !first && PQresultStatus(r) != PGRES_COMMAND_OK &&
                PQresultStatus(r) != PGRES_TUPLES_OK)
                first = r;
            else
                PQclear(r);
        }
        res = lost ? NULL : pipeline_next(conn);
        if (res)
            PQclear(PQgetResult(conn)); /* PGRES_PIPELINE_SYNC */
    }
    PQexitPipelineMode(conn); /* fails only when the connection is lost */
    if (first) {
        PQclear(res);
        return first;
    }
    return res;
}

/* Run one statement (prepared name, else sql), after the BEGIN a lazy
 * begin and the reset a lazy reset left pending, in the same round trip.
 * The raw result. */
static PGresult *exec_one(PGconn *conn, const char *name, const char *sql,
                          int n, const char *const *params)
{
    conn_state *s = state_of(conn);

    if (s && (s->begin_pending || s->reset_pending))
        return prefixed(conn, name, sql, n, params);
    return name ? PQexecPrepared(conn, name, n, params, NULL, NULL, 0)
                : PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
}

/* Collect the pipeline's results: begin (BEGIN sent first), the n calls,
 * commit (COMMIT sent after them), then nreset reset statements (*reset_ok
 * cleared when one failed: they do not count as failures of the
 * pipeline). The first failed result into *fail (the caller frees it), or
 * "lost" when the connection gave no answer. 0 when all succeeded. */
static int pipeline_collect(PGconn *conn, int begin, fb__db_call *calls, int n,
                            int commit, int nreset, int *reset_ok,
                            PGresult **fail)
{
    int total = begin + n + commit, bad = 0;

    for (int k = 0; k < total + nreset; k++) {
        PGresult *r = pipeline_next(conn);
        ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;

        if (!r)
            return -1; /* no answer: *fail stays, note_failure(NULL) */
        if (ok && k >= begin && k < begin + n) {
            calls[k - begin].res = r;
            continue;
        }
        if (k >= total) { /* a reset statement */
            *reset_ok &= ok;
            PQclear(r);
            continue;
        }
        if (ok && k == begin + n && strcmp(PQcmdStatus(r), "COMMIT") != 0)
            bad = 2; /* the server rolled back a failed transaction */
        if (!ok && st != PGRES_PIPELINE_ABORTED && !*fail && !bad) {
            *fail = r;
            bad = 1;
            continue;
        }
        PQclear(r);
    }
    PQclear(PQgetResult(conn)); /* PGRES_PIPELINE_SYNC */
    return bad ? -bad : 0;
}

/* Send each statement of reset (statements parted by "; ", as the pool
 * writes them) into the pipeline: after COMMIT they run as the simple
 * query "COMMIT; reset" would run them. How many, or -1. */
static int send_reset(PGconn *conn, const char *reset)
{
    char *sql = strdup(reset), *p = sql, *end;
    int n = 0;

    if (!sql)
        return -1;
    for (; p && *p; p = end ? end + 2 : NULL) {
        if ((end = strstr(p, "; ")) != NULL)
            *end = '\0';
        if (!PQsendQueryParams(conn, p, 0, NULL, NULL, NULL, NULL, 0)) {
            n = -1;
            break;
        }
        n++;
    }
    free(sql);
    return n;
}

/* See db.h. */
int fb__db_xpipeline(PGconn *conn, fb__db_call *calls, int n, int commit,
                     char *err, size_t errlen)
{
    conn_state *s = state_of(conn);
    PGresult *fail = NULL;
    int begin, rc = 0, nreset = 0, reset_ok = 1,
               prepared[FB__DB_PIPELINE_MAX];

    if (!conn || n < 0 || n > (int)(sizeof prepared / sizeof prepared[0])) {
        fb__db_seterr(err, errlen, "bad query arguments");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        calls[i].res = NULL;
        prepared[i] = ensure_prepared(conn, calls[i].st, calls[i].name,
                                      sizeof calls[i].name, err, errlen);
        if (prepared[i] < 0)
            return -1;
    }
    if (!s) { /* not the pool's: one statement at a time */
        for (int i = 0; i < n && rc == 0; i++)
            rc = fb__db_xcall(conn, &calls[i], err, errlen);
        return rc == 0 && commit ? fb__db_commit(conn, err, errlen) : rc;
    }
    if (!PQenterPipelineMode(conn)) {
        fb__db_seterr(err, errlen, "%s", result_error(conn, NULL));
        note_failure(conn, NULL);
        return -1;
    }
    begin = send_prefix(conn, s); /* BEGIN, a reset: what is pending */
    rc = begin < 0 ? -1 : 0;
    for (int i = 0; i < n && rc == 0; i++)
        if (!send_one(conn, prepared[i] ? NULL : calls[i].name,
                      calls[i].st->sql, calls[i].st->nparams, calls[i].params))
            rc = -1;
    if (rc == 0 && commit &&
        !PQsendQueryParams(conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0))
        rc = -1;
    if (rc == 0 && commit && s->tainted && s->reset)
        nreset = send_reset(conn, s->reset);
    if (rc == 0 && nreset >= 0 && PQpipelineSync(conn))
        rc = pipeline_collect(conn, begin, calls, n, commit, nreset, &reset_ok,
                              &fail);
    else
        rc = -1;
    PQexitPipelineMode(conn);
    if (rc == 0 && nreset > 0 && reset_ok &&
        PQtransactionStatus(conn) == PQTRANS_IDLE)
        s->tainted = 0;
    if (rc == 0)
        return 0;
    if (rc == -2)
        fb__db_seterr(err, errlen, "transaction was rolled back");
    else
        fb__db_seterr(err, errlen, "%s", result_error(conn, fail));
    if (rc != -2)
        note_failure(conn, fail);
    PQclear(fail);
    fb__db_calls_clear(calls, n);
    return -1;
}

/* See db.h. */
int fb__db_xcall(PGconn *conn, fb__db_call *call, char *err, size_t errlen)
{
    call->res = xrun(conn, call->st, call->params, err, errlen);
    return call->res ? 0 : -1;
}

/* See db.h. */
void fb__db_calls_clear(fb__db_call *calls, int n)
{
    for (int i = 0; calls && i < n; i++) {
        PQclear(calls[i].res);
        calls[i].res = NULL;
        free(calls[i].own[0]);
        free(calls[i].own[1]);
        calls[i].own[0] = calls[i].own[1] = NULL;
    }
}

/* See db.h. */
long long fb__db_call_affected(const fb__db_call *call)
{
    const char *s = call->res ? PQcmdTuples(call->res) : NULL;
    return (s && *s) ? strtoll(s, NULL, 10) : 0;
}

/* A result as an fb_rows (NULL res: NULL). */
static fb_rows *rows_of(PGresult *res, char *err, size_t errlen)
{
    fb_rows *rows;

    if (!res)
        return NULL;
    rows = calloc(1, sizeof *rows);
    if (!rows) {
        PQclear(res);
        fb__db_seterr(err, errlen, "out of memory");
        return NULL;
    }
    rows->res = res;
    return rows;
}

/* The rows a command affected, and the result freed; -1 for NULL. */
static long long affected_of(PGresult *res)
{
    const char *s;
    long long n;

    if (!res)
        return -1;
    s = PQcmdTuples(res);
    n = (s && *s) ? strtoll(s, NULL, 10) : 0;
    PQclear(res);
    return n;
}

/* See db.h. */
fb_rows *fb__db_xquery(PGconn *conn, fb__db_stmt *st, const char *const *params,
                       char *err, size_t errlen)
{
    return rows_of(xrun(conn, st, params, err, errlen), err, errlen);
}

/* See db.h. */
long long fb__db_xexec(PGconn *conn, fb__db_stmt *st, const char *const *params,
                       char *err, size_t errlen)
{
    return affected_of(xrun(conn, st, params, err, errlen));
}

/* See db.h. */
int fb__db_xchanged(PGconn *conn, fb__db_stmt *st, const char *const *params,
                    char *err, size_t errlen)
{
    long long n = fb__db_xexec(conn, st, params, err, errlen);
    return n < 0 ? -1 : n > 0;
}

fb_rows *fb__db_query(PGconn *conn, const char *sql, int n,
                      const char *const *params, char *err, size_t errlen)
{
    return rows_of(run(conn, sql, n, params, err, errlen), err, errlen);
}

void fb__rowset_track(fb__rowset *set, fb_rows *rows)
{
    if (!set || !rows || rows->set)
        return;
    rows->set = set;
    rows->prev = NULL;
    rows->next = set->head;
    if (set->head)
        set->head->prev = rows;
    set->head = rows;
    set->count++;
}

static void rowset_unlink(fb_rows *rows)
{
    fb__rowset *set = rows->set;

    if (!set)
        return;
    if (rows->prev)
        rows->prev->next = rows->next;
    else
        set->head = rows->next;
    if (rows->next)
        rows->next->prev = rows->prev;
    set->count--;
    rows->set = NULL;
    rows->prev = rows->next = NULL;
}

void fb__rowset_clear(fb__rowset *set)
{
    fb_rows *r, *next;

    if (!set)
        return;
    r = set->head;
    set->head = NULL;
    set->count = 0;
    for (; r; r = next) {
        next = r->next;
        PQclear(r->res);
        free(r);
    }
}

int fb__rows_count(const fb_rows *rows)
{
    return (rows && rows->res) ? PQntuples(rows->res) : 0;
}

const char *fb__rows_get(const fb_rows *rows, int row, int col)
{
    if (!rows || !rows->res || row < 0 || col < 0 ||
        row >= PQntuples(rows->res) || col >= PQnfields(rows->res))
        return NULL;
    if (PQgetisnull(rows->res, row, col))
        return NULL;
    return PQgetvalue(rows->res, row, col);
}

long long fb__rows_affected(const fb_rows *rows)
{
    const char *s;

    if (!rows || !rows->res)
        return 0;
    s = PQcmdTuples(rows->res);
    if (!s || !*s)
        return PQresultStatus(rows->res) == PGRES_TUPLES_OK
                   ? PQntuples(rows->res)
                   : 0;
    return strtoll(s, NULL, 10);
}

void fb__rows_free(fb_rows *rows)
{
    if (!rows)
        return;
    rowset_unlink(rows);
    PQclear(rows->res);
    free(rows);
}

long long fb__db_exec(PGconn *conn, const char *sql, int n,
                      const char *const *params, char *err, size_t errlen)
{
    return affected_of(run(conn, sql, n, params, err, errlen));
}

/* See db.h. */
int fb__db_run(PGconn *conn, const char *sql, int n, const char *const *params,
               char *err, size_t errlen)
{
    return fb__db_exec(conn, sql, n, params, err, errlen) < 0 ? -1 : 0;
}

/* See db.h. */
int fb__db_changed(PGconn *conn, const char *sql, int n,
                   const char *const *params, char *err, size_t errlen)
{
    long long affected = fb__db_exec(conn, sql, n, params, err, errlen);

    if (affected < 0)
        return -1;
    return affected > 0 ? 1 : 0;
}

/* A fixed command of the host (no taint); 0 or -1 with err filled. */
static int command(PGconn *conn, const char *sql, char *err, size_t errlen)
{
    PGresult *res = run_sql(conn, sql, 0, NULL, 0, err, errlen);
    PQclear(res);
    return res ? 0 : -1;
}

int fb__db_begin(PGconn *conn, char *err, size_t errlen)
{
    return command(conn, "BEGIN", err, errlen);
}

/* See db.h. */
int fb__db_begin_lazy(PGconn *conn, char *err, size_t errlen)
{
    conn_state *s = state_of(conn);

    if (!s || PQtransactionStatus(conn) != PQTRANS_IDLE)
        return fb__db_begin(conn, err, errlen);
    s->begin_pending = 1;
    return 0;
}

/* See db.h. */
void fb__db_reset_lazy(PGconn *conn)
{
    conn_state *s = state_of(conn);

    if (!s || !s->tainted || !s->reset)
        return;
    s->reset_pending = 1;
    s->tainted = 0; /* what runs after the reset taints again */
}

/* 1 when a lazy BEGIN was never sent (so nothing ran): forgotten now. A
 * lazy reset never sent is dropped, the session counted tainted again. */
static int begin_unsent(PGconn *conn)
{
    conn_state *s = state_of(conn);

    if (!s)
        return 0;
    if (s->reset_pending)
        s->tainted = 1;
    s->reset_pending = 0;
    if (!s->begin_pending)
        return 0;
    s->begin_pending = 0;
    return 1;
}

/* See db.h. */
void fb__db_forget_begin(PGconn *conn)
{
    begin_unsent(conn);
}

int fb__db_commit(PGconn *conn, char *err, size_t errlen)
{
    PGresult *res;
    const char *tag;
    int rc = -1;

    if (begin_unsent(conn))
        return 0; /* nothing ran: nothing to commit */
    /* (a lazy reset never sent: the session counts tainted again) */
    if (fb__db_tainted(conn) && fb__db_reset_sql(conn)) /* in one trip */
        return fb__db_xpipeline(conn, NULL, 0, 1, err, errlen);
    res = run_sql(conn, "COMMIT", 0, NULL, 0, err, errlen);
    if (!res)
        return -1;
    /* the server answers ROLLBACK when the transaction had failed */
    tag = PQcmdStatus(res);
    if (tag && strcmp(tag, "COMMIT") == 0)
        rc = 0;
    else
        fb__db_seterr(err, errlen, "transaction was rolled back");
    PQclear(res);
    return rc;
}

int fb__db_rollback(PGconn *conn, char *err, size_t errlen)
{
    if (begin_unsent(conn))
        return 0;
    return command(conn, "ROLLBACK", err, errlen);
}

int fb__db_broken(const PGconn *conn)
{
    return !conn || PQstatus(conn) == CONNECTION_BAD;
}

/* sql after blanks, comments and opening parentheses. */
static const char *skip_noise(const char *s)
{
    for (;;) {
        while (isspace((unsigned char)*s) || *s == '(')
            s++;
        if (s[0] == '-' && s[1] == '-') {
            s = strchr(s, '\n');
            if (!s)
                return "";
        } else if (s[0] == '/' && s[1] == '*') {
            const char *e = strstr(s + 2, "*/");
            if (!e)
                return "";
            s = e + 2;
        } else {
            return s;
        }
    }
}

/* The word at s in lower case into w (at most n - 1 letters); returns the
 * text after it. */
static const char *word(const char *s, char *w, size_t n)
{
    size_t i = 0;

    s = skip_noise(s);
    while (isalpha((unsigned char)*s) || *s == '_') {
        if (i + 1 < n)
            w[i++] = (char)tolower((unsigned char)*s);
        s++;
    }
    w[i] = '\0';
    return s;
}

/* See db.h. */
const char *fb__db_refused(const char *sql)
{
    static const char *const control[] = {
        "begin",   "start",      "commit",  "end",     "rollback",
        "abort",   "savepoint",  "release", "prepare", "reset",
        "discard", "deallocate", NULL};
    char w1[16], w2[16];
    const char *rest;

    if (!sql)
        return NULL;
    rest = word(sql, w1, sizeof w1);
    for (int i = 0; control[i]; i++)
        if (strcmp(w1, control[i]) == 0)
            return control[i];
    if (strcmp(w1, "set") != 0)
        return NULL;
    word(rest, w2, sizeof w2);
    if (strcmp(w2, "local") == 0 || strcmp(w2, "constraints") == 0 ||
        strcmp(w2, "transaction") == 0)
        return NULL;
    return "set";
}

/* See db.h. */
int fb__db_in_txn(const PGconn *conn, char *err, size_t errlen)
{
    const conn_state *s = state_of(conn);

    if (s && s->begin_pending)
        return 0; /* nothing ran yet: a healthy transaction to be */
    switch (conn ? PQtransactionStatus(conn) : PQTRANS_UNKNOWN) {
    case PQTRANS_INTRANS:
        return 0;
    case PQTRANS_IDLE:
        fb__db_seterr(err, errlen, "no transaction is open (ended early)");
        return -1;
    case PQTRANS_INERROR:
        fb__db_seterr(err, errlen, "the transaction has failed");
        return -1;
    default:
        fb__db_seterr(err, errlen, "the connection is busy or gone");
        return -1;
    }
}

/* See db.h. */
int32_t fb__db_lock_key(int64_t id)
{
    return (int32_t)((id ^ (id >> 31)) & 0x7fffffff);
}
