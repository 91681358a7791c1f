/* host/pool: a thread-safe pool of libpq connections.
 *
 * Never more than max connections are open at once (idle + lent out +
 * being opened). acquire() hands out an idle connection, opens a new one
 * while fewer than max are open, or waits up to acquire_timeout_ms for a
 * release. An idle connection whose server went away (socket readable or
 * status bad) is closed and replaced on acquire. release() rolls back a
 * connection left inside a transaction and, when SQL not the host's own
 * ran on it (fb__db_tainted), resets its session (what DISCARD ALL does
 * but drop the host's prepared statements; the host's settings are the
 * session's starting values, so RESET ALL brings them back) before it is
 * reused; a tainted connection's COMMIT does that reset in its own round
 * trip. A broken one is closed and replaced lazily by the next acquire.
 *
 * Callers never close or PQfinish a pooled connection themselves. */
#ifndef FITBOT_HOST_POOL_H
#define FITBOT_HOST_POOL_H

#include <stddef.h>

#include <libpq-fe.h>

typedef struct fb__pool fb__pool;

/* Open min connections to conninfo (libpq key=value string or URI), each
 * set up like fb__pool_connect with timezone tz (NULL: the server's).
 * Returns NULL with a message in err (never containing a password) when an
 * argument is bad (min < 0, max < 1, min > max) or a connection fails. */
fb__pool *fb__pool_new(const char *conninfo, const char *tz, int min, int max,
                       int acquire_timeout_ms, char *err, size_t errlen);

/* Borrow a connection, in autocommit mode with no open transaction.
 * Returns NULL with a message in err when the timeout passed with all max
 * connections lent out, or when opening a new connection failed. The caller
 * owns it until fb__pool_release(). */
PGconn *fb__pool_acquire(fb__pool *pool, char *err, size_t errlen);

/* Give a connection back. broken != 0 (or a connection libpq reports bad,
 * or one that cannot be rolled back) is closed and replaced lazily. A
 * connection inside a (possibly failed) transaction is rolled back. */
void fb__pool_release(fb__pool *pool, PGconn *conn, int broken);

/* What every connection of the pool gets (0: off / libpq's default). */
typedef struct fb__pool_opts {
    int statement_timeout_ms;
    int lock_timeout_ms;
    int idle_in_txn_timeout_ms;
    int tcp_user_timeout_ms; /* connection parameter tcp_user_timeout */
    int keepalive_idle_s;    /* keepalives on, first probe after this */
} fb__pool_opts;

/* Apply o to every connection opened from now on and to every idle one
 * (closed now, opened again on demand); a lent connection is closed when
 * it is given back (and opened again with o on demand). Returns 0, or -1
 * on bad values (negative). */
int fb__pool_configure(fb__pool *pool, const fb__pool_opts *o);

/* A reload's pool_max and pool_acquire_timeout_ms, from now on. A larger
 * pool opens its new connections on demand; a smaller one closes idle
 * connections above max now and lent ones as they are given back (none
 * is taken from its user), so open falls to max as the load allows.
 * pool_min applies at the start only. Returns 0, or -1 (bad value, out of
 * memory: the pool as it was). */
int fb__pool_resize(fb__pool *pool, int max, int acquire_timeout_ms);

/* The pool's max now (0 for NULL). */
int fb__pool_max(fb__pool *pool);

/* Snapshot of counters; any pointer may be NULL. open counts idle, lent
 * out and being-opened connections; waiting counts blocked acquirers. */
void fb__pool_stats(fb__pool *pool, int *open, int *idle, int *waiting);

/* Close every idle connection and free the pool. Every lent connection must
 * have been released first. NULL is a no-op. */
void fb__pool_free(fb__pool *pool);

/* Open one connection (the pool's, migrations, tools, tests) with the
 * host's defaults (connect_timeout, application_name "fitbot"), the
 * session TimeZone tz from its start (NULL: the server's), and server notices
 * logged as key=value lines (event=pg_notice) instead of libpq's stderr.
 * Returns NULL with a message in err on failure; free with PQfinish(). */
PGconn *fb__pool_connect(const char *conninfo, const char *tz, char *err,
                         size_t errlen);

#endif
