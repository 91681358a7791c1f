/* host/quarantine: see quarantine.h. */
#include "quarantine.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dispatch.h"
#include "log.h"
#include "pool.h"

typedef struct qarg {
    const fb__update *u; /* NULL: a body, no update */
    int has_id;
    const char *raw, *error;
    int after;
    int held_now, held_before;
} qarg;

/* Runs of the update counted so far and whether it is held: 0, or -1. */
static int read_row(fb__txn *t, const char *id, int *runs, int *held)
{
    char err[256];
    const char *p[] = {id};
    fb_rows *r = fb__db_query(t->conn,
                              "SELECT runs, held_at IS NOT NULL FROM "
                              "fb_quarantine WHERE update_id = $1::bigint "
                              "FOR UPDATE",
                              1, p, err, sizeof err);
    if (!r) {
        fb__log(FB_LOG_ERROR, NULL, "quarantine_failed", "%s", err);
        return -1;
    }
    *runs = fb__rows_count(r) ? atoi(fb__rows_get(r, 0, 0)) : 0;
    *held = fb__rows_count(r) && strcmp(fb__rows_get(r, 0, 1), "t") == 0;
    fb__rows_free(r);
    return 0;
}

/* Count the run (update with an id); held_now once it reaches q->after. */
static int count_run(fb__txn *t, qarg *q)
{
    char id[24], chat[24], user[24], runs_s[16], err[256];
    const char *p[] = {id, chat, user, q->raw, q->error, runs_s, NULL};
    int runs, held;
    snprintf(id, sizeof id, "%" PRId64, q->u->update_id);
    if (read_row(t, id, &runs, &held))
        return -1;
    if (held) {
        q->held_before = 1;
        return 0;
    }
    snprintf(runs_s, sizeof runs_s, "%d", runs + 1);
    snprintf(chat, sizeof chat, "%" PRId64, q->u->chat);
    snprintf(user, sizeof user, "%" PRId64, q->u->user);
    q->held_now = runs + 1 >= q->after;
    p[6] = q->held_now ? "true" : "false";
    if (fb__db_run(t->conn,
                   "INSERT INTO fb_quarantine (update_id, chat_id, user_id, "
                   "raw, error, runs, held_at) VALUES ($1::bigint, "
                   "NULLIF($2::bigint, 0), NULLIF($3::bigint, 0), $4, $5, "
                   "$6::int, CASE WHEN $7::bool THEN now() END) "
                   "ON CONFLICT (update_id) DO UPDATE SET runs = "
                   "EXCLUDED.runs, error = EXCLUDED.error, last_at = now(), "
                   "held_at = EXCLUDED.held_at",
                   7, p, err, sizeof err)) {
        fb__log(FB_LOG_ERROR, NULL, "quarantine_failed", "%s", err);
        return -1;
    }
    return 0;
}

/* Hold what has no update_id at once (one row per distinct raw text). */
static int hold_unread(fb__txn *t, qarg *q)
{
    char chat[24], user[24], err[256];
    const char *p[] = {chat, user, q->raw, q->error};
    int rc;
    snprintf(chat, sizeof chat, "%" PRId64, q->u ? q->u->chat : 0);
    snprintf(user, sizeof user, "%" PRId64, q->u ? q->u->user : 0);
    rc = fb__db_changed(t->conn,
                        "INSERT INTO fb_quarantine (chat_id, user_id, raw, "
                        "error, held_at) VALUES (NULLIF($1::bigint, 0), "
                        "NULLIF($2::bigint, 0), $3, $4, now()) ON CONFLICT "
                        "(md5(raw)) WHERE update_id IS NULL DO NOTHING",
                        4, p, err, sizeof err);
    if (rc < 0) {
        fb__log(FB_LOG_ERROR, NULL, "quarantine_failed", "%s", err);
        return -1;
    }
    q->held_now = rc == 1;
    q->held_before = rc == 0;
    return 0;
}

static int quarantine_fn(fb__txn *t, void *arg)
{
    qarg *q = arg;
    if (q->has_id ? count_run(t, q) : hold_unread(t, q))
        return FB__RUN_RETRY;
    if (!q->held_now || !q->u || !(q->u->chat || q->u->user))
        return FB_OK;
    /* told once: in the transaction that holds it */
    t->u = q->u;
    t->chat = q->u->chat ? q->u->chat : q->u->user;
    if (q->u->kind == FB_UPDATE_CALLBACK)
        return fb__txn_answer(t, FB__TEXT_QUARANTINED, 1) < 0 ? FB_ERR : FB_OK;
    return fb__outbatch_send(t->out, t->chat, FB__TEXT_QUARANTINED, NULL)
               ? FB_ERR
               : FB_OK;
}

/* See quarantine.h. */
int fb__quarantine_fail(fb__core *core, const fb__update *u, int has_id,
                        const char *raw, const char *error)
{
    qarg q = {u, has_id && u, raw ? raw : "", error ? error : "", 0, 0, 0};
    char id[24], runs[16];
    const char *kv[] = {"update_id", id, "after_runs", runs, NULL};
    fb__txn t;
    int st;
    q.after = core->cfg && core->cfg->quarantine_after > 0
                  ? core->cfg->quarantine_after
                  : 3;
    st = fb__txn_run(core, &t, quarantine_fn, &q, "quarantine");
    fb__txn_clear(&t);
    if (st != FB__RUN_OK)
        return -1;
    snprintf(id, sizeof id, "%" PRId64, q.has_id ? u->update_id : -1);
    snprintf(runs, sizeof runs, "%d", q.has_id ? q.after : 1);
    if (q.held_now)
        fb__log_kv(FB_LOG_ERROR, NULL, "quarantined", kv,
                   "an update that cannot be handled was set aside (%s); "
                   "see `fitbot quarantine list`",
                   q.error);
    return q.held_now || q.held_before ? 1 : 0;
}

/* See quarantine.h. */
int fb__quarantine_list(const fb__config *cfg, FILE *out)
{
    char err[512];
    fb_rows *r = NULL;
    PGconn *conn =
        fb__pool_connect(cfg->database_url, cfg->timezone, err, sizeof err);
    if (conn)
        r = fb__db_query(conn,
                         "SELECT id, coalesce(update_id::text, '-'), "
                         "coalesce(chat_id::text, '-'), runs, "
                         "to_char(held_at, 'YYYY-MM-DD HH24:MI:SS'), error, "
                         "left(regexp_replace(raw, '\\s+', ' ', 'g'), 120) "
                         "FROM fb_quarantine WHERE held_at IS NOT NULL "
                         "ORDER BY id",
                         0, NULL, err, sizeof err);
    if (!r) {
        fprintf(out, "error: %s\n", err);
        if (conn)
            PQfinish(conn);
        return -1;
    }
    fprintf(out, "%-6s %-12s %-16s %-4s %-19s %s\n", "ID", "UPDATE", "CHAT",
            "RUNS", "HELD", "ERROR / RAW");
    for (int i = 0; i < fb__rows_count(r); i++)
        fprintf(out, "%-6s %-12s %-16s %-4s %-19s %s\n%48s%s\n",
                fb__rows_get(r, i, 0), fb__rows_get(r, i, 1),
                fb__rows_get(r, i, 2), fb__rows_get(r, i, 3),
                fb__rows_get(r, i, 4), fb__rows_get(r, i, 5), "",
                fb__rows_get(r, i, 6));
    fprintf(out, "%d update(s) held\n", fb__rows_count(r));
    fb__rows_free(r);
    PQfinish(conn);
    return 0;
}
