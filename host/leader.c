/* host/leader: see leader.h. */
#include "leader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "pool.h"

struct fb__leader {
    char *conninfo, *tz;
    int32_t ns, key;
    PGconn *conn;
    int held;       /* the lock is held on conn */
    int lead_on;    /* the polling role: leads on while conn is lost */
    int led;        /* it led when conn was lost: it leads on meanwhile */
    unsigned tenure;
};

int64_t fb__leader_bot_id(const char *token)
{
    char *end;
    long long v = token ? strtoll(token, &end, 10) : 0;

    return token && end != token && *end == ':' && v > 0 ? (int64_t)v : 0;
}

fb__leader *fb__leader_new(const char *conninfo, const char *tz, int64_t bot_id)
{
    fb__leader *l = fb__leader_new_ns(conninfo, tz, FB__LEADER_NS, bot_id);

    if (l)
        l->lead_on = 1;
    return l;
}

fb__leader *fb__leader_new_ns(const char *conninfo, const char *tz, int32_t ns,
                              int64_t bot_id)
{
    fb__leader *l = calloc(1, sizeof *l);

    if (!l)
        return NULL;
    l->ns = ns;
    l->conninfo = strdup(conninfo);
    l->tz = tz ? strdup(tz) : NULL;
    l->key = fb__db_lock_key(bot_id); /* the advisory lock's second int */
    if (!l->conninfo || (tz && !l->tz)) {
        fb__leader_free(l);
        return NULL;
    }
    return l;
}

/* Drop the connection (and with it the lock). */
static void drop(fb__leader *l)
{
    if (l->conn)
        PQfinish(l->conn);
    l->conn = NULL;
    l->held = 0;
}

/* The lock's connection was lost: a polling leader leads on (led) until
 * it can ask again. */
static int lost(fb__leader *l)
{
    l->led = l->lead_on && (l->led || l->held);
    drop(l);
    return l->led;
}

/* 't' of a one-value query, 1; 'f', 0; an error, -1. */
static int ask(fb__leader *l, const char *sql)
{
    char err[256], ns[16], key[16];
    const char *p[] = {ns, key};
    fb_rows *r;
    int rc = -1;

    snprintf(ns, sizeof ns, "%d", (int)l->ns);
    snprintf(key, sizeof key, "%d", (int)l->key);
    r = fb__db_query(l->conn, sql, strstr(sql, "$1") ? 2 : 0, p, err,
                     sizeof err);
    if (r && fb__rows_count(r) == 1)
        rc = strcmp(fb__rows_get(r, 0, 0), "t") == 0 ? 1 : 0;
    fb__rows_free(r);
    return rc;
}

/* See leader.h. */
int fb__leader_check(fb__leader *l)
{
    if (!l)
        return 0;
    if (l->conn && fb__db_broken(l->conn))
        lost(l);
    if (!l->conn) {
        char err[256];
        l->conn = fb__pool_connect(l->conninfo, l->tz, err, sizeof err);
        if (!l->conn) {
            fb__log(FB_LOG_WARN, NULL, "leader_db_failed", "%s", err);
            return l->led;
        }
    }
    if (l->held) { /* still ours while its connection answers */
        if (ask(l, "SELECT true") == 1)
            return 1;
        return lost(l);
    }
    switch (ask(l, "SELECT pg_try_advisory_lock($1::int, $2::int)")) {
    case 1:
        l->held = 1;
        l->led = 0;
        l->tenure++;
        return 1;
    case 0:
        if (l->led)
            fb__log(FB_LOG_WARN, NULL, "leader_lost",
                    "another host took the lead while the database was out "
                    "of this host's reach");
        l->led = 0;
        return 0;
    default:
        return lost(l);
    }
}

unsigned fb__leader_tenure(const fb__leader *l)
{
    return l ? l->tenure : 0;
}

PGconn *fb__leader_conn(fb__leader *l)
{
    return l && l->held ? l->conn : NULL;
}

void fb__leader_free(fb__leader *l)
{
    if (!l)
        return;
    drop(l);
    free(l->conninfo);
    free(l->tz);
    free(l);
}
