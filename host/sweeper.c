/* sweeper: conversation timeouts (see sweeper.h). */
#include "sweeper.h"

#include <inttypes.h>
#include <stdio.h>

#include "db.h"
#include "dedup.h"
#include "dispatch.h"
#include "log.h"

typedef struct sweep_arg {
    int found;
    int64_t kc, ku;
    char plugin[33], flow[65];
} sweep_arg;

static int sweep_fn(fb__txn *t, void *arg)
{
    sweep_arg *a = arg;
    char err[512];
    int n = 0;
    if (fb__convo_take_expired(t->conn, 1, &t->convo, &n, err, sizeof err)) {
        fb__log(FB_LOG_ERROR, NULL, "sweep_failed", "%s", err);
        return FB__RUN_RETRY;
    }
    a->found = n;
    if (!n)
        return FB_OK;
    a->kc = t->convo.key_chat;
    a->ku = t->convo.key_user;
    snprintf(a->plugin, sizeof a->plugin, "%s", t->convo.plugin);
    snprintf(a->flow, sizeof a->flow, "%s", t->convo.flow);
    t->has_convo = 1;
    t->chat = a->kc ? a->kc : a->ku;
    t->user = a->ku;
    return fb__txn_end_flow(t, 1);
}

static int drop_fn(fb__txn *t, void *arg)
{
    sweep_arg *a = arg;
    char err[512];
    if (fb__convo_delete(t->conn, a->kc, a->ku, err, sizeof err) < 0) {
        fb__log(FB_LOG_ERROR, NULL, "sweep_failed", "%s", err);
        return FB_ERR;
    }
    return FB_OK;
}

/* See sweeper.h. */
int fb__sweeper_tick(fb__core *core, int max)
{
    int done = 0;
    while (done < max) {
        sweep_arg a = {0};
        fb__txn t;
        int st = fb__txn_run(core, &t, sweep_fn, &a, "conversation timeout");
        fb__txn_clear(&t);
        if (st == FB__RUN_RETRY)
            return done ? done : -1;
        if (!a.found)
            break;
        if (st != FB__RUN_OK) {
            fb__log(FB_LOG_ERROR, a.plugin, "timeout_hook_failed",
                    "flow %s key %" PRId64 "/%" PRId64
                    ": dropped without its hook",
                    a.flow, a.kc, a.ku);
            st = fb__txn_run(core, &t, drop_fn, &a, "conversation drop");
            fb__txn_clear(&t);
            if (st != FB__RUN_OK)
                return done ? done : -1;
        } else {
            fb__log(FB_LOG_INFO, a.plugin, "flow_timeout",
                    "flow %s key %" PRId64 "/%" PRId64 " timed out", a.flow,
                    a.kc, a.ku);
        }
        done++;
    }
    return done;
}

static int prune_fn(fb__txn *t, void *arg)
{
    int keep = *(int *)arg;
    char err[256];
    /* and the outbox's delivered rows after a day, on every host (a
     * webhook host never loads the outbox, so never pruned it there) */
    if (fb__dedup_prune(t->conn, keep, err, sizeof err) < 0 ||
        fb__db_run(t->conn,
                   "DELETE FROM fb_outbox WHERE delivered_at < "
                   "now() - interval '1 day'",
                   0, NULL, err, sizeof err)) {
        fb__log(FB_LOG_ERROR, NULL, "prune_failed", "%s", err);
        return FB_ERR;
    }
    return FB_OK;
}

/* See sweeper.h. */
long long fb__sweeper_prune(fb__core *core, int keep_s)
{
    fb__txn t;
    int st = fb__txn_run(core, &t, prune_fn, &keep_s, "dedup prune");
    fb__txn_clear(&t);
    return st == FB__RUN_OK ? 0 : -1;
}
