/* host/pool: a bounded, thread-safe pool of libpq connections. See pool.h. */
#define _GNU_SOURCE /* asprintf */
#include "pool.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "metrics.h"
#include "mutex.h"

struct fb__pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *conninfo;
    char *tz;
    int min, max, timeout_ms;
    int cap;     /* entries of idle[]: the largest max so far */
    int open;    /* idle + lent + being opened */
    int nidle;   /* entries used in idle[] */
    int waiting; /* blocked acquirers */
    unsigned gen; /* settings generation: fb__pool_configure counts */
    PGconn **idle;
    fb__pool_opts opts;
};

/* A server NOTICE/WARNING as one log line (libpq would print it raw). */
static void on_notice(void *arg, const char *message)
{
    char msg[1024];
    size_t n;
    (void)arg;
    snprintf(msg, sizeof msg, "%s", message ? message : "");
    for (n = strlen(msg); n && (msg[n - 1] == '\n' || msg[n - 1] == ' ');)
        msg[--n] = '\0';
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    fb__log(FB_LOG_INFO, NULL, "pg_notice", "%s", msg);
}

/* What brings a session back to its start (DISCARD ALL but DEALLOCATE
 * ALL: the host's prepared statements stay, and plugins can neither
 * prepare nor deallocate; nor DISCARD PLANS: a cached plan is checked
 * against search_path and the objects it uses when it runs). RESET ALL
 * returns every setting to its value at connection start, where the
 * host's own are (session_options). The trailing comment names the pool
 * settings' generation: a connection set up before fb__pool_configure
 * changed them is closed instead of reset. */
#define RESET_SQL                                                              \
    "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; "    \
    "SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES "        \
    "/* settings %u */"

static char *reset_sql(unsigned gen)
{
    char *sql = NULL;
    return asprintf(&sql, RESET_SQL, gen) < 0 ? NULL : sql;
}

/* Append " -c name=value" to the options being built (value's blanks and
 * backslashes escaped, as libpq's options want). */
static void add_option(char *buf, size_t len, const char *name,
                       const char *value)
{
    size_t n = strlen(buf);
    n += (size_t)snprintf(buf + n, n < len ? len - n : 0, " -c %s=", name);
    for (; *value && n + 2 < len; value++) {
        if (*value == ' ' || *value == '\\')
            buf[n++] = '\\';
        buf[n++] = *value;
    }
    if (n < len)
        buf[n] = '\0';
}

/* The session's starting settings as libpq's options: the conninfo's own
 * options, then the timezone tz and the timeouts of o (NULL: none). Set at
 * connection start, they are what RESET ALL comes back to. */
static void session_options(const char *conninfo, const char *tz,
                            const fb__pool_opts *o, char *buf, size_t len)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
    char v[16];

    buf[0] = '\0';
    for (PQconninfoOption *i = opts; i && i->keyword; i++)
        if (strcmp(i->keyword, "options") == 0 && i->val)
            snprintf(buf, len, "%s", i->val);
    PQconninfoFree(opts);
    if (tz && tz[0])
        add_option(buf, len, "TimeZone", tz);
    if (!o)
        return;
    snprintf(v, sizeof v, "%d", o->statement_timeout_ms);
    add_option(buf, len, "statement_timeout", v);
    snprintf(v, sizeof v, "%d", o->lock_timeout_ms);
    add_option(buf, len, "lock_timeout", v);
    snprintf(v, sizeof v, "%d", o->idle_in_txn_timeout_ms);
    add_option(buf, len, "idle_in_transaction_session_timeout", v);
}

/* Open one connection with the session settings and TCP options of o
 * (NULL: libpq's). */
static PGconn *connect_opts(const char *conninfo, const char *tz,
                            const fb__pool_opts *o, char *err, size_t errlen);

PGconn *fb__pool_connect(const char *conninfo, const char *tz, char *err,
                         size_t errlen)
{
    return connect_opts(conninfo, tz, NULL, err, errlen);
}

/* c becomes one of the pool's: its reset statements, of the settings'
 * generation gen, which its COMMIT runs once it is tainted (a connection
 * of its own, such as the migrator's and its session lock, has none).
 * 0, or -1 out of memory. */
static int make_pooled(PGconn *c, unsigned gen)
{
    char *reset = reset_sql(gen);
    if (!reset)
        return -1;
    fb__db_set_reset(c, reset);
    return 0;
}

static PGconn *connect_opts(const char *conninfo, const char *tz,
                            const fb__pool_opts *o, char *err, size_t errlen)
{
    /* keywords before dbname are defaults the conninfo may override */
    char idle[16], user[16], options[1024];
    const char *keys[8] = {"connect_timeout", "fallback_application_name"};
    const char *vals[8] = {"10", "fitbot"};
    int n = 2;
    PGconn *conn;

    if (!conninfo) {
        fb__db_seterr(err, errlen, "no database connection string");
        return NULL;
    }
    if (o && o->keepalive_idle_s > 0) {
        snprintf(idle, sizeof idle, "%d", o->keepalive_idle_s);
        keys[n] = "keepalives_idle";
        vals[n++] = idle;
    }
    if (o && o->tcp_user_timeout_ms > 0) {
        snprintf(user, sizeof user, "%d", o->tcp_user_timeout_ms);
        keys[n] = "tcp_user_timeout";
        vals[n++] = user;
    }
    session_options(conninfo, tz, o, options, sizeof options);
    keys[n] = "dbname"; /* the conninfo's own values win */
    vals[n++] = conninfo;
    keys[n] = "options"; /* ...but its options are in these */
    vals[n++] = options;
    keys[n] = vals[n] = NULL;
    conn = PQconnectdbParams(keys, vals, 1);
    if (conn && PQstatus(conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(conn, on_notice, NULL);
        if (fb__db_attach(conn) == 0)
            return conn;
        fb__db_seterr(err, errlen, "out of memory");
        PQfinish(conn);
        return NULL;
    }
    fb__db_seterr(err, errlen, "cannot connect to PostgreSQL: %s",
                  conn ? PQerrorMessage(conn) : "out of memory");
    PQfinish(conn);
    return NULL;
}

/* An idle connection is healthy when libpq thinks so and the server sent
 * nothing since it was released (a terminated backend sends an error and
 * closes the socket, which makes it readable). */
static int idle_healthy(PGconn *conn)
{
    struct pollfd p;

    if (PQstatus(conn) != CONNECTION_OK ||
        PQtransactionStatus(conn) != PQTRANS_IDLE)
        return 0;
    p.fd = PQsocket(conn);
    p.events = POLLIN;
    p.revents = 0;
    if (p.fd < 0)
        return 0;
    return poll(&p, 1, 0) == 0;
}

static void deadline_after(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

static int pool_init_sync(fb__pool *p)
{
    pthread_condattr_t attr;
    int rc;

    if (pthread_condattr_init(&attr) != 0)
        return -1;
    rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(&p->cv, &attr);
    pthread_condattr_destroy(&attr);
    if (rc != 0)
        return -1;
    if (fb__mutex_init_hot(&p->mu) != 0) {
        pthread_cond_destroy(&p->cv);
        return -1;
    }
    return 0;
}

fb__pool *fb__pool_new(const char *conninfo, const char *tz, int min, int max,
                       int acquire_timeout_ms, char *err, size_t errlen)
{
    fb__pool *p;

    if (!conninfo || min < 0 || max < 1 || min > max ||
        acquire_timeout_ms < 0) {
        fb__db_seterr(err, errlen, "bad pool settings (min %d, max %d)", min,
                      max);
        return NULL;
    }
    p = calloc(1, sizeof *p);
    if (!p)
        goto oom;
    p->conninfo = strdup(conninfo);
    p->tz = tz ? strdup(tz) : NULL;
    /* an array of connection pointers:
     * NOLINTNEXTLINE(bugprone-sizeof-expression) */
    p->idle = calloc((size_t)max, sizeof *p->idle);
    if (!p->conninfo || !p->idle || (tz && !p->tz))
        goto oom_free;
    if (pool_init_sync(p) != 0)
        goto oom_free;
    p->min = min;
    p->max = p->cap = max;
    p->timeout_ms = acquire_timeout_ms;
    while (p->nidle < min) {
        PGconn *c = fb__pool_connect(conninfo, tz, err, errlen);
        if (c && make_pooled(c, 0)) {
            PQfinish(c);
            c = NULL;
            fb__db_seterr(err, errlen, "out of memory");
        }
        if (!c) {
            fb__pool_free(p);
            return NULL;
        }
        p->idle[p->nidle++] = c;
        p->open++;
    }
    return p;
oom_free:
    free(p->idle);
    free(p->conninfo);
    free(p->tz);
    free(p);
oom:
    fb__db_seterr(err, errlen, "out of memory");
    return NULL;
}

/* With the mutex held: take an idle connection, dropping dead ones.
 * Returns NULL if none is idle. */
/* The most recently given back idle connection, or NULL. Its health is
 * checked by the caller, without the mutex (a system call). */
static PGconn *take_idle(fb__pool *p)
{
    return p->nidle > 0 ? p->idle[--p->nidle] : NULL;
}

/* With the mutex held, a slot reserved (open counted): connect unlocked. */
static PGconn *open_reserved(fb__pool *p, char *err, size_t errlen)
{
    fb__pool_opts o = p->opts;
    unsigned gen = __atomic_load_n(&p->gen, __ATOMIC_RELAXED);
    PGconn *c;

    pthread_mutex_unlock(&p->mu);
    c = connect_opts(p->conninfo, p->tz, &o, err, errlen);
    if (c && make_pooled(c, gen)) {
        fb__db_seterr(err, errlen, "out of memory");
        PQfinish(c);
        c = NULL;
    }
    pthread_mutex_lock(&p->mu);
    if (!c) {
        p->open--;
        pthread_cond_signal(&p->cv);
    }
    return c;
}

/* A connection for acquire with the mutex held: an idle one (*idle set),
 * a new one, or NULL with err (timed out at *until, or could not
 * connect). Waits for one given back meanwhile. */
static PGconn *lend(fb__pool *p, const struct timespec *until, int *idle,
                    int *waited, char *err, size_t errlen)
{
    PGconn *c;
    int rc = 0;

    for (;;) {
        if ((c = take_idle(p)) != NULL) {
            *idle = 1;
            return c;
        }
        if (p->open < p->max) {
            p->open++;
            *idle = 0;
            return open_reserved(p, err, errlen);
        }
        if (rc == ETIMEDOUT) {
            fb__db_seterr(err, errlen,
                          "no database connection free after %d ms "
                          "(pool_max %d)",
                          p->timeout_ms, p->max);
            return NULL;
        }
        if (!(*waited)++)
            fb__metrics_add(FB__M_POOL_WAITS, 1);
        p->waiting++;
        rc = pthread_cond_timedwait(&p->cv, &p->mu, until);
        p->waiting--;
    }
}

PGconn *fb__pool_acquire(fb__pool *p, char *err, size_t errlen)
{
    struct timespec until;
    PGconn *c;
    int idle = 0, waited = 0;

    if (!p) {
        fb__db_seterr(err, errlen, "no pool");
        return NULL;
    }
    pthread_mutex_lock(&p->mu);
    deadline_after(&until, p->timeout_ms);
    for (;;) {
        c = lend(p, &until, &idle, &waited, err, errlen);
        if (!c || !idle)
            break;
        pthread_mutex_unlock(&p->mu);
        if (idle_healthy(c)) /* the check without the mutex */
            return c;
        PQfinish(c); /* closed while idle (a restart): replaced */
        pthread_mutex_lock(&p->mu);
        p->open--;
    }
    pthread_mutex_unlock(&p->mu);
    return c;
}

/* Run a command without parameters; 0 when it succeeded. */
static int exec_ok(PGconn *c, const char *sql)
{
    PGresult *res = PQexec(c, sql);
    int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;

    PQclear(res);
    return ok ? 0 : -1;
}

/* Run the reset statements sql on c; 0 when done (c untainted). */
static int reset_session(PGconn *c, const char *sql)
{
    PGresult *res = PQexec(c, sql);
    int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;

    PQclear(res);
    if (!ok || PQtransactionStatus(c) != PQTRANS_IDLE)
        return -1;
    fb__db_untaint(c);
    return 0;
}

/* Bring a returned connection back to the state of a new one: out of any
 * transaction (ROLLBACK); then, when a statement not the host's ran on it
 * (fb__db_tainted), every session setting, temporary table, cursor and
 * session lock a user of it may have left gone (RESET_SQL, one round trip;
 * a tainted connection's COMMIT already did it in its own). Returns 0 if
 * it can be reused; a connection of settings fb__pool_configure changed
 * since is not. */
static int reset_for_reuse(fb__pool *p, PGconn *c)
{
    const char *sql = fb__db_reset_sql(c);
    char now[48];

    fb__db_forget_begin(c);
    switch (PQtransactionStatus(c)) {
    case PQTRANS_IDLE:
        break;
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
        if (exec_ok(c, "ROLLBACK") || PQtransactionStatus(c) != PQTRANS_IDLE)
            return -1;
        break;
    default: /* a command still running, or the connection is gone */
        return -1;
    }
    snprintf(now, sizeof now, "/* settings %u */",
             __atomic_load_n(&p->gen, __ATOMIC_RELAXED));
    if (!sql || !strstr(sql, now))
        return -1;
    return fb__db_tainted(c) ? reset_session(c, sql) : 0;
}

/* See pool.h. */
int fb__pool_configure(fb__pool *p, const fb__pool_opts *o)
{
    if (!p || !o || o->statement_timeout_ms < 0 || o->lock_timeout_ms < 0 ||
        o->idle_in_txn_timeout_ms < 0 || o->tcp_user_timeout_ms < 0 ||
        o->keepalive_idle_s < 0)
        return -1;
    pthread_mutex_lock(&p->mu);
    p->opts = *o;
    __atomic_add_fetch(&p->gen, 1, __ATOMIC_RELAXED); /* lent ones: closed
                                                          when given back */
    while (p->nidle > 0) { /* opened again with o on demand */
        PQfinish(p->idle[--p->nidle]);
        p->open--;
    }
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

/* Room in idle[] for max connections. 0, or -1 (out of memory: p as it
 * was). Caller holds mu. */
static int grow_idle(fb__pool *p, int max)
{
    PGconn **v;

    if (max <= p->cap)
        return 0;
    /* an array of connection pointers:
     * NOLINTNEXTLINE(bugprone-sizeof-expression) */
    v = realloc(p->idle, (size_t)max * sizeof *p->idle);
    if (!v)
        return -1;
    p->idle = v;
    p->cap = max;
    return 0;
}

/* See pool.h. */
int fb__pool_resize(fb__pool *p, int max, int acquire_timeout_ms)
{
    int rc;

    if (!p || max < 1 || acquire_timeout_ms < 0)
        return -1;
    pthread_mutex_lock(&p->mu);
    rc = grow_idle(p, max);
    if (rc == 0) {
        p->max = max;
        p->timeout_ms = acquire_timeout_ms;
        while (p->nidle > 0 && p->open > p->max) { /* lent: on release */
            PQfinish(p->idle[--p->nidle]);
            p->open--;
        }
        pthread_cond_broadcast(&p->cv); /* a larger pool: room now */
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

/* See pool.h. */
int fb__pool_max(fb__pool *p)
{
    int max;

    if (!p)
        return 0;
    pthread_mutex_lock(&p->mu);
    max = p->max;
    pthread_mutex_unlock(&p->mu);
    return max;
}

void fb__pool_release(fb__pool *p, PGconn *c, int broken)
{
    if (!p || !c)
        return;
    if (!broken)
        broken = fb__db_broken(c) || reset_for_reuse(p, c) != 0;
    pthread_mutex_lock(&p->mu);
    if (broken || p->open > p->max || p->nidle >= p->cap) {
        PQfinish(c);
        p->open--;
    } else {
        p->idle[p->nidle++] = c;
    }
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

void fb__pool_stats(fb__pool *p, int *open, int *idle, int *waiting)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    if (open)
        *open = p->open;
    if (idle)
        *idle = p->nidle;
    if (waiting)
        *waiting = p->waiting;
    pthread_mutex_unlock(&p->mu);
}

void fb__pool_free(fb__pool *p)
{
    if (!p)
        return;
    while (p->nidle > 0)
        PQfinish(p->idle[--p->nidle]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p->idle);
    free(p->conninfo);
    free(p->tz);
    free(p);
}
