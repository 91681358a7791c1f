/* host/db: thin, checked wrappers over libpq for the host and plugins.
 *
 * Every statement goes through PQexecParams with text parameters (NULL for
 * SQL NULL): nothing is ever spliced into SQL text. Error messages are the
 * server's (primary message only, no newline); they never contain the
 * connection string. */
#ifndef FITBOT_HOST_DB_H
#define FITBOT_HOST_DB_H

#include <stddef.h>

#include <libpq-fe.h>

#include "fitbot/plugin.h"

typedef struct fb__rowset fb__rowset;

/* A query result (plugin.h declares it opaque). */
struct fb_rows {
    PGresult *res;
    fb__rowset *set; /* the set tracking it, or NULL */
    struct fb_rows *prev, *next;
};

/* Results owned by one handler run: whatever the plugin did not free
 * itself is freed by fb__rowset_clear() when the handler returns.
 * Zero-initialise it ({0}); not thread-safe (one handler = one thread). */
struct fb__rowset {
    struct fb_rows *head;
    int count;
};

/* Run a statement returning rows or a command status. Returns a new
 * result (caller owns it: fb__rows_free) or NULL with err filled on any
 * error (server error, broken connection, allocation failure). */
fb_rows *fb__db_query(PGconn *conn, const char *sql, int n,
                      const char *const *params, char *err, size_t errlen);

/* Hand a result to a set; fb__rows_free() still works on it and unlinks it.
 * rows may be NULL (no-op). */
void fb__rowset_track(fb__rowset *set, fb_rows *rows);

/* Free every result still tracked by set; the set is empty afterwards. */
void fb__rowset_clear(fb__rowset *set);

/* Accessors with the signatures of fb_host_api's rows_* members.
 * count: number of rows (0 for NULL or a command).
 * get: the value as text, NULL for SQL NULL or out of range; the string
 *      lives as long as the result.
 * affected: rows affected by INSERT/UPDATE/DELETE (rows of a SELECT);
 *      0 for NULL.
 * free: unlinks from its set if any; NULL is a no-op. */
int fb__rows_count(const fb_rows *rows);
const char *fb__rows_get(const fb_rows *rows, int row, int col);
long long fb__rows_affected(const fb_rows *rows);
void fb__rows_free(fb_rows *rows);

/* Run a command whose result is not needed. Returns the number of rows it
 * affected (>= 0), or -1 with err filled. */
long long fb__db_exec(PGconn *conn, const char *sql, int n,
                      const char *const *params, char *err, size_t errlen);
/* fb__db_exec for its effect alone: 0, or -1 with err filled. */
int fb__db_run(PGconn *conn, const char *sql, int n, const char *const *params,
               char *err, size_t errlen);
/* fb__db_exec asking whether a row changed: 1 when the command affected a
 * row, 0 when none, -1 with err filled. */
int fb__db_changed(PGconn *conn, const char *sql, int n,
                   const char *const *params, char *err, size_t errlen);

/* ---- the host's own statements, prepared once per connection ----------
 *
 * A host statement is declared once, static, with FB__DB_STMT; the first
 * run on a connection prepares it there (named "fb_<slot>"), later runs
 * only bind and execute it: PostgreSQL parses and plans it once per
 * connection instead of once per run. Works on connections the pool
 * opened (fb__pool_connect and the pool attach their state); on any other
 * connection it falls back to PQexecParams. Plugins cannot drop these
 * (PREPARE, DEALLOCATE and DISCARD are refused, see fb__db_refused) and
 * the pool's reset keeps them. */
typedef struct fb__db_stmt {
    const char *sql;
    int nparams;
    int slot; /* 0 until first used; then 1..FB__DB_MAX_STMTS */
} fb__db_stmt;
#define FB__DB_STMT(text, n)                                                   \
    {                                                                          \
        (text), (n), 0                                                         \
    }
#define FB__DB_MAX_STMTS 128

/* fb__db_query / fb__db_exec / fb__db_changed for a host statement. */
fb_rows *fb__db_xquery(PGconn *conn, fb__db_stmt *st, const char *const *params,
                       char *err, size_t errlen);
long long fb__db_xexec(PGconn *conn, fb__db_stmt *st, const char *const *params,
                       char *err, size_t errlen);
int fb__db_xchanged(PGconn *conn, fb__db_stmt *st, const char *const *params,
                    char *err, size_t errlen);

/* One host statement of a pipeline: the caller sets st and params (up to
 * FB__DB_CALL_PARAMS; nums is room for numbers formatted for them, own
 * holds strings freed by fb__db_calls_clear); the run fills res. */
#define FB__DB_CALL_PARAMS 12
#define FB__DB_PIPELINE_MAX 32
typedef struct fb__db_call {
    fb__db_stmt *st;
    const char *params[FB__DB_CALL_PARAMS];
    char nums[3][24];
    char *own[2];
    PGresult *res; /* the result when it succeeded, else NULL */
    char name[16];
} fb__db_call;

/* Run calls[0..n-1] (n <= FB__DB_PIPELINE_MAX) in order in one round trip
 * (libpq pipeline mode), after the BEGIN of fb__db_begin_lazy if it is pending,
 * and COMMIT them in the same round trip when commit is set (with the
 * connection's reset statements after it when it is tainted, as
 * fb__db_commit does). Returns 0 when
 * every one succeeded (and COMMIT committed), else -1 with err filled from the
 * first failure (the later statements did not run; the transaction is failed or
 * rolled back). Each call's res is set for the ones that succeeded. */
int fb__db_xpipeline(PGconn *conn, fb__db_call *calls, int n, int commit,
                     char *err, size_t errlen);

/* One call alone (its res set): 0, or -1 with err filled. */
int fb__db_xcall(PGconn *conn, fb__db_call *call, char *err, size_t errlen);

/* Free the results and owned strings of calls[0..n-1]. */
void fb__db_calls_clear(fb__db_call *calls, int n);

/* The rows a call's command affected (0 without a result). */
long long fb__db_call_affected(const fb__db_call *call);

/* Give conn the host's per-connection state (its prepared statements, the
 * taint below); freed with the connection. 0, or -1 out of memory. */
int fb__db_attach(PGconn *conn);

/* Taint: SQL text not one of the host's own statements (fb_query's, the
 * host's unprepared ones) ran on conn, so its session may have been
 * changed (set_config(..., false), a temporary table, an advisory lock,
 * LISTEN, a held cursor). Every statement run through fb__db_query /
 * exec / run / changed taints; fb__db_x*, BEGIN, COMMIT and ROLLBACK do
 * not. The pool resets a tainted connection before lending it again, and
 * only such a one. taint: by hand. tainted: 1 or 0 (an unattached
 * connection is always tainted). untaint: after the reset. */
void fb__db_taint(PGconn *conn);
int fb__db_tainted(const PGconn *conn);

/* The statements that bring conn's session back to the host's settings
 * (the pool's, which sets them on each connection it opens or resets;
 * set takes ownership of the malloc'd sql, NULL clears). When conn is
 * tainted, fb__db_commit sends them with COMMIT, in the same round trip,
 * and untaints it when they all succeed. reset_sql: NULL when none. */
void fb__db_set_reset(PGconn *conn, char *sql);
const char *fb__db_reset_sql(const PGconn *conn);
void fb__db_untaint(PGconn *conn);

/* Whether sql is a statement only the host may run on its transaction's
 * connection: transaction control (BEGIN, START, COMMIT, END, ROLLBACK,
 * ABORT, SAVEPOINT, RELEASE, PREPARE) or session state (SET other than
 * SET LOCAL / SET CONSTRAINTS / SET TRANSACTION, RESET, DISCARD,
 * DEALLOCATE: the host's prepared statements are the session's). Leading
 * blanks, comments and parentheses are skipped; case does not matter.
 * Returns the refused keyword in lower case, or NULL when sql is fine.
 * (Session state set through a function, set_config(..., false), is not
 * seen here; the pool's reset before reuse undoes it.) */
const char *fb__db_refused(const char *sql);

/* BEGIN / COMMIT / ROLLBACK. 0 on success, -1 with err filled. COMMIT of
 * a failed transaction (which the server turns into a rollback) is -1. */
int fb__db_begin(PGconn *conn, char *err, size_t errlen);
int fb__db_commit(PGconn *conn, char *err, size_t errlen);
int fb__db_rollback(PGconn *conn, char *err, size_t errlen);

/* BEGIN sent with the connection's next statement, in the same round trip
 * (libpq pipeline mode) instead of one of its own: for transactions whose
 * statements all go through this layer (not raw PQexec). Until then
 * fb__db_in_txn says 0, COMMIT and ROLLBACK do nothing and return 0. On a
 * connection the pool did not open, or already in a transaction, it is
 * fb__db_begin. forget: the pool drops a BEGIN never sent. */
int fb__db_begin_lazy(PGconn *conn, char *err, size_t errlen);
void fb__db_forget_begin(PGconn *conn);

/* Between two handlers in one transaction: when conn is tainted, its
 * reset statements (fb__db_set_reset) go with its next statement, in the
 * same round trip, so the next handler starts from the host's settings
 * (the first's SET LOCAL, temporary tables, cursors and locks gone). Not
 * sent by then, COMMIT resets after it as for any tainted session. */
void fb__db_reset_lazy(PGconn *conn);

/* Transient failures, per thread: every statement that fails on this
 * thread with an error worth running the whole transaction again for —
 * serialization failure (40001), deadlock (40P01), a lost connection
 * (class 08, or no answer at all), the server shutting down (57P01,
 * 57P02, 57P03), a lock wait over lock_timeout (55P03), too many
 * connections (53300) — raises the thread's mark. reset clears it; seen
 * reads it (1 or 0). */
void fb__db_transient_reset(void);
int fb__db_transient_seen(void);

/* 0 when conn is inside a healthy transaction (what COMMIT needs), else
 * -1 with err naming the state (no transaction, a failed one). */
int fb__db_in_txn(const PGconn *conn, char *err, size_t errlen);

/* 1 if libpq reports the connection unusable (CONNECTION_BAD), else 0.
 * Pass it as fb__pool_release()'s broken argument. */
int fb__db_broken(const PGconn *conn);

/* A 64-bit id folded into the 31 bits of an advisory lock's second key
 * (pg_advisory_lock(int, int)): the bot's id, a chat's id. */
int32_t fb__db_lock_key(int64_t id);

/* Copy a message into err (truncated, newline-trimmed); NULL err is fine.
 * Shared by every data-layer module. */
void fb__db_seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
