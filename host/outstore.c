/* host/outstore: the durable outbox table. See outstore.h. */
#include "outstore.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"

static const char *const kind_names[] = {
    "send", "edit", "delete", "document", "photo", "commands", "answer"};
#define NKINDS (sizeof kind_names / sizeof kind_names[0])

/* "\x0a1b..." (bytea's hex input), or NULL on allocation failure. */
static char *hex_of(const void *bytes, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *b = bytes;
    char *s = malloc(2 * len + 3), *p = s;

    if (!s)
        return NULL;
    *p++ = '\\';
    *p++ = 'x';
    for (size_t i = 0; i < len; i++) {
        *p++ = digits[b[i] >> 4];
        *p++ = digits[b[i] & 15];
    }
    *p = '\0';
    return s;
}

static fb__db_stmt insert_sql = FB__DB_STMT(
    "INSERT INTO fb_outbox (chat, kind, msg_id, text, name, bytes, markup, "
    "alert, bulk, tag, attempts, paid) VALUES ($1, $2, $3, $4, $5, $6::bytea, "
    "$7, $8, $9, $10, $11, $12) "
    "ON CONFLICT DO NOTHING RETURNING id",
    12);

/* c as the INSERT of m (its strings borrowed from m, its own freed by
 * fb__db_calls_clear). 0, or -1 when out of memory. */
static int insert_call(fb__db_call *c, const fb__outmsg *m)
{
    memset(c, 0, sizeof *c);
    c->st = &insert_sql;
    snprintf(c->nums[0], sizeof c->nums[0], "%" PRId64, m->chat);
    snprintf(c->nums[1], sizeof c->nums[1], "%" PRId64, m->msg_id);
    if (m->bytes && m->len && !(c->own[0] = hex_of(m->bytes, m->len)))
        return -1;
    if (m->json && !(c->own[1] = cJSON_PrintUnformatted(m->json)))
        return -1;
    c->params[0] = c->nums[0];
    c->params[1] = kind_names[m->kind];
    c->params[2] = c->nums[1];
    c->params[3] = m->text;
    c->params[4] = m->name;
    c->params[5] = c->own[0];
    c->params[6] = c->own[1];
    c->params[7] = m->alert ? "true" : "false";
    c->params[8] = m->bulk ? "true" : "false";
    c->params[9] = m->tag;
    c->params[10] = m->direct ? "1" : "0"; /* see fb__outmsg.direct */
    c->params[11] = m->paid ? "true" : "false";
    return 0;
}

/* The row id an INSERT's result gave: no row is -1 (that callback
 * query's answer is stored already). */
static int64_t id_of(const fb__db_call *c)
{
    const char *v = c->res && PQntuples(c->res) == 1 ? PQgetvalue(c->res, 0, 0)
                                                      : NULL;
    return v ? strtoll(v, NULL, 10) : -1;
}

typedef struct write_ctx {
    PGconn *conn;
    char *err;
    size_t errlen;
} write_ctx;

static int write_one(void *ud, const fb__outmsg *m, int64_t *id)
{
    write_ctx *w = ud;
    fb__db_call c;
    int rc = -1;

    if (m->id)
        return 0;
    if (insert_call(&c, m) != 0)
        fb__db_seterr(w->err, w->errlen, "out of memory");
    else if (fb__db_xcall(w->conn, &c, w->err, w->errlen) == 0) {
        *id = id_of(&c);
        rc = 0;
    }
    fb__db_calls_clear(&c, 1);
    return rc;
}

/* See outstore.h. */
int fb__outstore_write(PGconn *conn, fb__outbatch *b, char *err, size_t errlen)
{
    write_ctx w = {conn, err, errlen};
    return fb__outbatch_each(b, write_one, &w) ? -1 : 0;
}

typedef struct calls_ctx {
    fb__db_call *calls;
    int n, max;
} calls_ctx;

static int call_one(void *ud, const fb__outmsg *m, int64_t *id)
{
    calls_ctx *cc = ud;
    (void)id;
    if (m->id)
        return 0;
    if (cc->n == cc->max)
        return -1;
    return insert_call(&cc->calls[cc->n++], m);
}

/* See outstore.h. */
int fb__outstore_calls(fb__outbatch *b, fb__db_call *calls, int max)
{
    calls_ctx cc = {calls, 0, max};
    if (fb__outbatch_each(b, call_one, &cc) != 0) {
        fb__db_calls_clear(calls, cc.n);
        return -1;
    }
    return cc.n;
}

typedef struct ids_ctx {
    const fb__db_call *calls;
    int k;
} ids_ctx;

static int id_one(void *ud, const fb__outmsg *m, int64_t *id)
{
    ids_ctx *ic = ud;
    if (!m->id)
        *id = id_of(&ic->calls[ic->k++]);
    return 0;
}

/* See outstore.h. */
void fb__outstore_ids(fb__outbatch *b, const fb__db_call *calls)
{
    ids_ctx ic = {calls, 0};
    fb__outbatch_each(b, id_one, &ic);
}

static int kind_of(const char *name)
{
    for (size_t i = 0; name && i < NKINDS; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return (int)i;
    return -1;
}

/* Row i of r as an item of b. 0, 1 when the row is unusable (skipped),
 * -1 on allocation failure. */
static int add_row(fb__outbatch *b, const fb_rows *r, int i, int *in_doubt)
{
    fb__outmsg m;
    const char *hex = fb__rows_get(r, i, 6), *markup = fb__rows_get(r, i, 7);
    unsigned char *bytes = NULL;
    int kind = kind_of(fb__rows_get(r, i, 2)), rc;

    if (kind < 0)
        return 1;
    memset(&m, 0, sizeof m);
    m.id = strtoll(fb__rows_get(r, i, 0), NULL, 10);
    m.chat = strtoll(fb__rows_get(r, i, 1), NULL, 10);
    m.kind = (fb__out_kind)kind;
    m.msg_id = strtoll(fb__rows_get(r, i, 3), NULL, 10);
    m.text = fb__rows_get(r, i, 4);
    m.name = fb__rows_get(r, i, 5);
    m.alert = strcmp(fb__rows_get(r, i, 8), "t") == 0;
    m.attempts = atoi(fb__rows_get(r, i, 9));
    m.age_ms = atoi(fb__rows_get(r, i, 10));
    m.bulk = strcmp(fb__rows_get(r, i, 11), "t") == 0;
    m.paid = strcmp(fb__rows_get(r, i, 12), "t") == 0;
    if (hex && !(bytes = PQunescapeBytea((const unsigned char *)hex, &m.len)))
        return -1;
    m.bytes = bytes;
    if (markup && !(m.json = cJSON_Parse(markup))) {
        PQfreemem(bytes);
        return 1;
    }
    rc = fb__outbatch_add(b, &m);
    cJSON_Delete((cJSON *)m.json);
    PQfreemem(bytes);
    if (rc == 0 && m.attempts > 0)
        (*in_doubt)++;
    return rc;
}

/* See outstore.h. */
/* See outstore.h. */
int fb__outstore_charge_recent(PGconn *conn, fb__outbox *ob, char *err,
                               size_t errlen)
{
    fb_rows *r = fb__db_query(
        conn,
        "SELECT chat, extract(epoch FROM now() - coalesce(delivered_at, now()))"
        " FROM fb_outbox WHERE kind IN ('send', 'edit', 'document', 'photo')"
        " AND ((outcome IN ('sent', 'unconfirmed')"
        " AND delivered_at > now() - interval '61 s')"
        " OR (delivered_at IS NULL AND attempts > 0))"
        " ORDER BY coalesce(delivered_at, now()), id",
        0, NULL, err, errlen);
    int n;

    if (!r)
        return -1;
    n = fb__rows_count(r);
    for (int i = 0; i < n; i++)
        fb__outbox_charge_past(ob, strtoll(fb__rows_get(r, i, 0), NULL, 10),
                               strtod(fb__rows_get(r, i, 1), NULL));
    fb__rows_free(r);
    return n;
}

/* The rows of r as a new batch (ids, in r's order); *rows and *in_doubt
 * as fb__outstore_load says. Takes r; NULL r (its query failed, err
 * filled): NULL. NULL with err when out of memory. */
static fb__outbatch *batch_of(fb_rows *r, int *rows, int *in_doubt, char *err,
                              size_t errlen)
{
    fb__outbatch *b = r ? fb__outbatch_new() : NULL;
    int n = r ? fb__rows_count(r) : 0, rc = 0;

    if (!r)
        return NULL;
    for (int i = 0; b && i < n && rc >= 0; i++) {
        rc = add_row(b, r, i, in_doubt);
        if (rc == 0)
            (*rows)++;
        else if (rc > 0)
            fb__log(FB_LOG_ERROR, NULL, "outbox_bad_row",
                    "fb_outbox row %s is unusable: left undelivered",
                    fb__rows_get(r, i, 0));
    }
    fb__rows_free(r);
    if (!b || rc < 0) {
        fb__outbatch_free(b);
        fb__db_seterr(err, errlen, "out of memory");
        return NULL;
    }
    return b;
}

/* A broadcast's copy is at most once: a bulk row whose request was made
 * by another sender (before a stop, or before this host took over: sender
 * is not me, or me NULL: any) may have arrived; it is finished as
 * "unconfirmed", not sent again. 0, or -1 with err. */
static int finish_unconfirmed(PGconn *conn, const char *me, char *err,
                              size_t errlen)
{
    const char *p[1] = {me};
    long long n = fb__db_exec(
        conn,
        me ? "UPDATE fb_outbox SET delivered_at = now(), outcome ="
             " 'unconfirmed' WHERE delivered_at IS NULL AND bulk AND"
             " attempts > 0 AND sender IS DISTINCT FROM $1::bigint"
           : "UPDATE fb_outbox SET delivered_at = now(), outcome ="
             " 'unconfirmed' WHERE delivered_at IS NULL AND bulk AND"
             " attempts > 0",
        me ? 1 : 0, me ? p : NULL, err, errlen);

    if (n > 0)
        fb__log(FB_LOG_WARN, NULL, "outbox_bulk_unconfirmed",
                "%lld bulk message(s) were being sent when their sender "
                "stopped: not sent again (they may have arrived)",
                n);
    return n < 0 ? -1 : 0;
}

#define ROW_COLUMNS                                                            \
    "id, chat, kind, msg_id, text, name, bytes, markup, alert, attempts, "     \
    "LEAST(extract(epoch FROM now() - created_at) * 1000, 86400000)::int, "    \
    "bulk, paid"

/* See outstore.h. */
fb__outbatch *fb__outstore_load(PGconn *conn, int *rows, int *in_doubt,
                                char *err, size_t errlen)
{
    fb_rows *r;

    *rows = *in_doubt = 0;
    if (finish_unconfirmed(conn, NULL, err, errlen))
        return NULL;
    r = fb__db_query(conn,
                     "SELECT " ROW_COLUMNS " FROM fb_outbox "
                     "WHERE delivered_at IS NULL ORDER BY id",
                     0, NULL, err, errlen);
    return batch_of(r, rows, in_doubt, err, errlen);
}

/* See outstore.h. */
fb__outbatch *fb__outstore_load_update(PGconn *conn, int64_t update_id,
                                       char *err, size_t errlen)
{
    char id[24];
    const char *p[1] = {id};
    int rows, in_doubt;
    fb_rows *r;

    snprintf(id, sizeof id, "%" PRId64, update_id);
    r = fb__db_query(conn,
                     "SELECT " ROW_COLUMNS " FROM fb_outbox "
                     "WHERE delivered_at IS NULL AND xmin = (SELECT xmin "
                     "FROM fb_processed_updates WHERE update_id = $1) "
                     "ORDER BY id",
                     1, p, err, errlen);
    return batch_of(r, &rows, &in_doubt, err, errlen);
}

/* See outstore.h. */
fb__outbatch *fb__outstore_claim(PGconn *conn, int64_t sender, long long room,
                                 long long bulk_room, int *rows, int *in_doubt,
                                 char *err, size_t errlen)
{
    char me[24], lim[24], blim[24];
    const char *p[3] = {me, lim, blim};
    fb_rows *r;

    *rows = *in_doubt = 0;
    snprintf(me, sizeof me, "%" PRId64, sender);
    snprintf(lim, sizeof lim, "%lld", room > 0 ? room : 0);
    snprintf(blim, sizeof blim, "%lld", bulk_room > 0 ? bulk_room : 0);
    if (finish_unconfirmed(conn, me, err, errlen))
        return NULL;
    /* one chat's rows in id order, which is its commit order: a chat's
     * updates are handled one after another, whichever host takes them */
    r = fb__db_query(
        conn,
        "WITH c AS (SELECT id FROM fb_outbox WHERE delivered_at IS NULL"
        " AND sender IS DISTINCT FROM $1::bigint AND NOT bulk ORDER BY id"
        " LIMIT $2::bigint FOR UPDATE),"
        " cb AS (SELECT id FROM fb_outbox WHERE delivered_at IS NULL"
        " AND sender IS DISTINCT FROM $1::bigint AND bulk ORDER BY id"
        " LIMIT $3::bigint FOR UPDATE),"
        " u AS (UPDATE fb_outbox SET sender = $1::bigint WHERE id IN"
        " (SELECT id FROM c UNION ALL SELECT id FROM cb) RETURNING " ROW_COLUMNS
        ") SELECT * FROM u ORDER BY id",
        3, p, err, errlen);
    return batch_of(r, rows, in_doubt, err, errlen);
}

/* See outstore.h. */
int fb__outstore_tag_counts(PGconn *conn, const char *tag, fb_bulk_tally *out,
                            char *err, size_t errlen)
{
    const char *p[1] = {tag};
    fb_rows *r =
        fb__db_query(conn,
                     "SELECT count(*) FILTER (WHERE delivered_at IS NULL),"
                     " count(*) FILTER (WHERE outcome = 'sent'),"
                     " count(*) FILTER (WHERE outcome IN ('dropped', 'expired',"
                     " 'no_stars')),"
                     " count(*) FILTER (WHERE outcome = 'blocked'),"
                     " count(*) FILTER (WHERE outcome = 'cancelled'),"
                     " count(*) FILTER (WHERE outcome = 'unconfirmed'),"
                     " count(*) FILTER (WHERE outcome = 'sent' AND paid),"
                     " count(*) FILTER (WHERE outcome = 'no_stars')"
                     " FROM fb_outbox WHERE tag = $1",
                     1, p, err, errlen);

    if (!r)
        return -1;
    memset(out, 0, sizeof *out);
    out->queued = strtoll(fb__rows_get(r, 0, 0), NULL, 10);
    out->sent = strtoll(fb__rows_get(r, 0, 1), NULL, 10);
    out->failed = strtoll(fb__rows_get(r, 0, 2), NULL, 10);
    out->blocked = strtoll(fb__rows_get(r, 0, 3), NULL, 10);
    out->cancelled = strtoll(fb__rows_get(r, 0, 4), NULL, 10);
    out->unconfirmed = strtoll(fb__rows_get(r, 0, 5), NULL, 10);
    out->paid = strtoll(fb__rows_get(r, 0, 6), NULL, 10);
    out->no_stars = strtoll(fb__rows_get(r, 0, 7), NULL, 10);
    fb__rows_free(r);
    return 0;
}

/* See outstore.h. */
long long fb__outstore_tag_cancel(PGconn *conn, const char *tag, char *err,
                                  size_t errlen)
{
    const char *p[1] = {tag};

    return fb__db_exec(conn,
                       "UPDATE fb_outbox SET delivered_at = now(), outcome ="
                       " 'cancelled' WHERE tag = $1 AND delivered_at IS NULL"
                       " AND attempts = 0",
                       1, p, err, errlen);
}

/* ---- marks from the sender threads --------------------------------------- */

/* 1 when sql changed the row, 0 when not, -1 when it could not run. */
static int mark(fb__pool *pool, fb__db_stmt *sql, int64_t id,
                const char *outcome)
{
    char ids[24], err[256];
    const char *p[2] = {ids, outcome};
    PGconn *conn = fb__pool_acquire(pool, err, sizeof err);
    int rc;

    if (!conn) {
        fb__log(FB_LOG_ERROR, NULL, "outbox_mark_failed", "row %" PRId64 ": %s",
                id, err);
        return -1;
    }
    snprintf(ids, sizeof ids, "%" PRId64, id);
    rc = fb__db_xchanged(conn, sql, p, err, sizeof err);
    fb__pool_release(pool, conn, fb__db_broken(conn));
    if (rc < 0)
        fb__log(FB_LOG_ERROR, NULL, "outbox_mark_failed", "row %" PRId64 ": %s",
                id, err);
    return rc;
}

static fb__db_stmt attempt_sql =
    FB__DB_STMT("UPDATE fb_outbox SET attempts = attempts + 1 WHERE id = $1"
                " AND delivered_at IS NULL",
                1);
static fb__db_stmt done_sql = FB__DB_STMT(
    "UPDATE fb_outbox SET delivered_at = now(), outcome = $2 WHERE id = $1", 2);

/* 1 when the row is finished already (a cancelled broadcast's), 0 when
 * its attempt is counted, -1 when it could not be recorded. */
static int hook_attempt(void *ud, int64_t id)
{
    int rc = mark(ud, &attempt_sql, id, NULL);
    return rc < 0 ? -1 : rc == 0;
}

static int hook_done(void *ud, int64_t id, const char *outcome)
{
    return mark(ud, &done_sql, id, outcome) < 0 ? -1 : 0;
}

static fb__db_stmt done_many_sql = FB__DB_STMT(
    "UPDATE fb_outbox SET delivered_at = now(), "
    "outcome = ($2::text[])[array_position($1::bigint[], id)] "
    "WHERE id = ANY ($1::bigint[])",
    2);

/* "{a,b,...}" of n items, each written by put(buf, i) into 24 bytes at
 * most; NULL on allocation failure. */
static char *array_text(size_t n, void (*put)(char *, const void *, size_t),
                        const void *v)
{
    char *s = malloc(n * 25 + 3), *p = s;

    if (!s)
        return NULL;
    *p++ = '{';
    for (size_t i = 0; i < n; i++) {
        if (i)
            *p++ = ',';
        put(p, v, i);
        p += strlen(p);
    }
    strcpy(p, "}");
    return s;
}

static void put_id(char *buf, const void *v, size_t i)
{
    snprintf(buf, 24, "%" PRId64, ((const int64_t *)v)[i]);
}

static void put_word(char *buf, const void *v, size_t i)
{
    snprintf(buf, 24, "%s", ((const char *const *)v)[i]); /* "sent" ... */
}

/* Rows ids[i] finished with outcomes[i], in one statement. */
static int hook_done_many(void *ud, const int64_t *ids,
                          const char *const *outcomes, size_t n)
{
    char *a = array_text(n, put_id, ids), *b = array_text(n, put_word, outcomes);
    const char *p[2] = {a, b};
    char err[256] = "out of memory";
    PGconn *conn = a && b ? fb__pool_acquire(ud, err, sizeof err) : NULL;
    int rc = -1;

    if (conn) {
        rc = fb__db_xchanged(conn, &done_many_sql, p, err, sizeof err) < 0
                 ? -1
                 : 0;
        fb__pool_release(ud, conn, fb__db_broken(conn));
    }
    if (rc)
        fb__log(FB_LOG_ERROR, NULL, "outbox_mark_failed", "%zu row(s): %s", n,
                err);
    free(a);
    free(b);
    return rc;
}

/* See outstore.h. */
void fb__outstore_hooks(fb__outbox_store *s, fb__pool *pool)
{
    s->attempt = hook_attempt;
    s->done = hook_done;
    s->done_many = hook_done_many;
    s->ud = pool;
}
