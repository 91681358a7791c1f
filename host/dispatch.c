/* dispatch: one update, one transaction (see dispatch.h). */
#define _GNU_SOURCE
#include "dispatch.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cbwatch.h"
#include "dedup.h"
#include "events.h"
#include "identity.h"
#include "log.h"
#include "metrics.h"
#include "outstore.h"
#include "prompt.h"
#include "quarantine.h"

/* ---- parsing ------------------------------------------------------------- */
static const char *str(const cJSON *o, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(s) && s->valuestring ? s->valuestring : "";
}

static const cJSON *obj(const cJSON *o, const char *key)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsObject(x) ? x : NULL;
}

static void parse_from(const cJSON *from, fb__update *u)
{
    if (!from)
        return;
    fb__json_get_int64(from, "id", &u->user);
    u->first = str(from, "first_name");
    u->last = str(from, "last_name");
    u->username = str(from, "username");
}

static void parse_chat(const cJSON *chat, fb__update *u)
{
    if (!chat)
        return;
    fb__json_get_int64(chat, "id", &u->chat);
    u->group = strcmp(str(chat, "type"), "private") != 0;
}

/* Copy args into buf (size > 0), cut at a UTF-8 character boundary when
 * it does not fit. Returns the length copied. */
static size_t copy_args(char *buf, size_t size, const char *args)
{
    size_t n = strlen(args);
    if (n >= size) {
        n = size - 1;
        while (n && ((unsigned char)args[n] & 0xC0) == 0x80)
            n--; /* args[n], the first byte left out, continues a character */
    }
    memcpy(buf, args, n);
    buf[n] = '\0';
    return n;
}

static void parse_message(const cJSON *m, const char *bot, fb__update *u)
{
    const cJSON *photo = cJSON_GetObjectItemCaseSensitive(m, "photo");
    const cJSON *doc = obj(m, "document"), *contact = obj(m, "contact");
    fb__json_get_int64(m, "message_id", &u->message_id);
    parse_from(obj(m, "from"), u);
    parse_chat(obj(m, "chat"), u);
    u->text = str(m, "text");
    u->kind = FB_UPDATE_OTHER;
    if (u->text[0]) {
        const char *args = "";
        size_t n;
        u->kind = fb__router_parse_command(u->text, bot, u->cmd, sizeof u->cmd,
                                           &args, &u->foreign)
                      ? FB_UPDATE_COMMAND
                      : FB_UPDATE_TEXT;
        n = copy_args(u->argsbuf, sizeof u->argsbuf, args);
        for (; n && isspace((unsigned char)u->argsbuf[n - 1]); n--)
            u->argsbuf[n - 1] = '\0';
        u->args = u->kind == FB_UPDATE_COMMAND ? u->argsbuf : "";
        return;
    }
    u->text = str(m, "caption");
    if (contact) {
        u->kind = FB_UPDATE_CONTACT;
        u->phone = str(contact, "phone_number");
        fb__json_get_int64(contact, "user_id", &u->contact_user);
    } else if (cJSON_IsArray(photo) && cJSON_GetArraySize(photo) > 0) {
        u->kind = FB_UPDATE_PHOTO;
        u->file_id =
            str(cJSON_GetArrayItem(photo, cJSON_GetArraySize(photo) - 1),
                "file_id");
    } else if (doc) {
        u->kind = FB_UPDATE_DOCUMENT;
        u->file_id = str(doc, "file_id");
        u->file_name = str(doc, "file_name");
    }
}

static void parse_callback(const cJSON *q, fb__update *u)
{
    const cJSON *m = obj(q, "message");
    u->kind = FB_UPDATE_CALLBACK;
    u->callback_id = str(q, "id");
    u->data = str(q, "data");
    parse_from(obj(q, "from"), u);
    if (m) {
        fb__json_get_int64(m, "message_id", &u->message_id);
        parse_chat(obj(m, "chat"), u);
    }
    if (!u->chat)
        u->chat = u->user;
}

/* See dispatch.h. */
int fb__update_parse(const cJSON *j, const char *bot_username, fb__update *u)
{
    const cJSON *m, *q;
    memset(u, 0, sizeof *u);
    u->args = u->text = u->data = u->callback_id = u->file_id = "";
    u->file_name = u->phone = u->first = u->last = u->username = "";
    u->raw = j;
    if ((m = obj(j, "message")))
        parse_message(m, bot_username, u);
    else if ((q = obj(j, "callback_query")))
        parse_callback(q, u);
    else
        u->kind = FB_UPDATE_OTHER;
    return fb__json_get_int64(j, "update_id", &u->update_id) ? -1 : 0;
}

/* See dispatch.h. */
int64_t fb__update_key(const fb__update *u)
{
    return u->chat ? u->chat : u->user;
}

/* ---- the transaction frame ---------------------------------------------- */
/* A stored answer another host sends: the press is taken here, where it
 * was seen, so this host's watcher does not answer it too. */
/* NOLINTNEXTLINE(readability-non-const-parameter): the callback's type */
static int take_stored_answer(void *ud, const fb__outmsg *m, int64_t *id)
{
    (void)id;
    if (m->kind == FB__OUT_ANSWER && m->id > 0)
        fb__cbwatch_take(ud, m->name);
    return 0;
}

/* Queue b's items for sending (takes b): all of them; with a relay, only
 * those not stored (the sender delivers the stored rows). 0, or -1 when
 * the outbox is stopped. */
static int queue(fb__core *core, fb__outbatch *b)
{
    if (b && core->relayed) {
        if (core->cbwatch)
            fb__outbatch_each(b, take_stored_answer, core->cbwatch);
        fb__outbatch_drop_stored(b);
    }
    if (!b || !fb__outbatch_count(b) || !core->outbox) {
        fb__outbatch_free(b);
        return 0;
    }
    return fb__outbox_submit(core->outbox, b);
}

static void submit(fb__txn *t)
{
    fb__outbatch *b = t->out;
    t->out = NULL;
    if (queue(t->core, b))
        fb__log(FB_LOG_WARN, NULL, "submit_failed",
                "outbox stopped: replies dropped");
}

static fb__db_stmt announce_sql =
    FB__DB_STMT("SELECT pg_notify('" FB__OUTBOX_CHANNEL "', '')", 0);

/* Write b's items into fb_outbox on conn (its transaction, or
 * autocommit); with a relay, tell the sender at COMMIT. 0, or -1 with
 * err. */
static int store(fb__core *core, PGconn *conn, fb__outbatch *b, char *err,
                 size_t errlen)
{
    fb_rows *r;
    if (fb__outstore_write(conn, b, err, errlen))
        return -1;
    if (!core->relayed)
        return 0;
    r = fb__db_xquery(conn, &announce_sql, NULL, err, errlen);
    fb__rows_free(r);
    return r ? 0 : -1;
}

/* Updates in one transaction at most (fb__dispatch_group): their
 * bookkeeping's calls fit in one pipeline. */
#define GROUP_MAX 8

/* The INSERTs of outs[0..n-1]'s items as calls for COMMIT's pipeline (*k
 * in all, batch i's from at[i]): 1 when there are some, 0 when no batch
 * has items, -1 when they must be written before COMMIT instead (a relay,
 * or more than a pipeline takes; nothing is left in calls then). */
static int commit_calls(fb__core *core, fb__outbatch *const *outs, size_t n,
                        fb__db_call *calls, int *at, int *k)
{
    *k = 0;
    if (core->relayed) /* its sender is told at COMMIT (store) */
        return -1;
    for (size_t i = 0; i < n; i++) {
        int got = fb__outbatch_count(outs[i])
                      ? fb__outstore_calls(outs[i], calls + *k,
                                           FB__DB_PIPELINE_MAX - *k)
                      : 0;
        if (got < 0) {
            fb__db_calls_clear(calls, *k);
            return -1;
        }
        at[i] = *k;
        *k += got;
    }
    return *k > 0;
}

/* COMMIT on conn, the replies of outs[0..n-1] written into fb_outbox in
 * the same round trip (promise 10: they are committed exactly when the
 * effects are); with a relay, or more replies than a pipeline takes,
 * written first, then COMMIT. 0 when committed, else -1 with err (when no
 * answer came the replies' ids are unknown too, see rows_of_update). */
static int commit_outs(fb__core *core, PGconn *conn, fb__outbatch *const *outs,
                       size_t n, char *err, size_t errlen)
{
    fb__db_call calls[FB__DB_PIPELINE_MAX];
    int at[GROUP_MAX], k = 0, rc = 0;
    if (fb__db_in_txn(conn, err, errlen))
        return -1;
    if (core->durable && core->outbox)
        rc = commit_calls(core, outs, n, calls, at, &k);
    if (rc <= 0) {
        for (size_t i = 0; rc < 0 && i < n; i++)
            if (fb__outbatch_count(outs[i]) &&
                store(core, conn, outs[i], err, errlen))
                return -1;
        return fb__db_commit(conn, err, errlen) ? -1 : 0;
    }
    if (fb__db_xpipeline(conn, calls, k, 1, err, errlen))
        return -1; /* the calls are cleared */
    for (size_t i = 0; i < n; i++)
        fb__outstore_ids(outs[i], calls + at[i]);
    fb__db_calls_clear(calls, k);
    return 0;
}

/* Store b on a connection of its own (autocommit) and queue it: what the
 * host says outside a handler's transaction (the failure text). When the
 * database cannot take it, it is queued from memory alone. */
static void submit_alone(fb__core *core, fb__outbatch *b)
{
    char err[256] = "";
    PGconn *conn = core->durable ? fb__pool_acquire(core->pool, err,
                                                    sizeof err)
                                 : NULL;
    if (conn) {
        if (store(core, conn, b, err, sizeof err))
            fb__log(FB_LOG_WARN, NULL, "outbox_store_failed", "%s", err);
        fb__pool_release(core->pool, conn, fb__db_broken(conn));
    }
    queue(core, b);
}

/* An update's callback query not answered by its handler gets the host's
 * empty answer, stored with the transaction: once the claim of the
 * update_id is committed a redelivery is skipped, so the answer must be
 * committed with it (and is sent after COMMIT, or at the next start). */
static int answer_in_txn(fb__txn *t)
{
    return fb__txn_answer(t, NULL, 0) < 0 ? -1 : 0;
}

/* What a run leaves for before COMMIT: the question of the state it
 * moved to (*st becomes its outcome), the conversation's changes, the
 * press's answer. 1 when the transaction may commit, else 0 (err filled
 * when a statement failed). */
static int settle(fb__txn *t, int *st, char *err, size_t errlen)
{
    if (*st == FB_OK && !t->failed) /* the question of the state moved to */
        *st = fb__prompt_flush(t);
    return *st == FB_OK && !t->failed && fb__txn_flush(t, err, errlen) == 0 &&
           answer_in_txn(t) == 0;
}

static int finish(fb__txn *t, int st, const char *what)
{
    char err[512] = "";
    int ready = settle(t, &st, err, sizeof err);
    /* the first reply's chat free: its row is stored attempted, the
     * chat's next request (not with a relay: its sender claims rows) */
    if (ready && !t->core->relayed)
        fb__outbox_reserve(t->core->outbox, t->out);
    if (ready) {
        if (commit_outs(t->core, t->conn, &t->out, 1, err, sizeof err) == 0) {
            submit(t);
            return FB__RUN_OK;
        }
        t->commit_unknown = fb__db_broken(t->conn);
    }
    fb__outbox_unreserve(t->core->outbox, t->out);
    if (fb__db_rollback(t->conn, err[0] ? NULL : err, sizeof err) && !err[0])
        snprintf(err, sizeof err, "rollback failed");
    if (st == FB__RUN_SKIP || st == FB__RUN_RETRY)
        return st;
    fb__log(FB_LOG_ERROR, NULL, "rolled_back", "%s: %s", what,
            err[0] ? err : "handler failed");
    return FB__RUN_FAILED;
}

/* See dispatch.h. */
int fb__txn_run(fb__core *core, fb__txn *t, int (*fn)(fb__txn *, void *),
                void *arg, const char *what)
{
    char err[512];
    PGconn *conn = fb__pool_acquire(core->pool, err, sizeof err);
    int st;
    if (!conn) {
        memset(t, 0, sizeof *t);
        fb__log(FB_LOG_ERROR, NULL, "pool_failed", "%s: %s", what, err);
        return FB__RUN_RETRY;
    }
    if (fb__txn_init(t, core, conn) ||
        fb__db_begin_lazy(conn, err, sizeof err)) {
        fb__log(FB_LOG_ERROR, NULL, "begin_failed", "%s", what);
        fb__pool_release(core->pool, conn, fb__db_broken(conn));
        t->conn = NULL;
        return FB__RUN_RETRY;
    }
    st = fn(t, arg);
    fb__rowset_clear(&t->rows);
    st = finish(t, st, what);
    fb__pool_release(core->pool, conn, fb__db_broken(conn));
    t->conn = NULL;
    return st;
}

/* ---- deciding ------------------------------------------------------------ */
typedef struct upd_state {
    const fb__update *u;
    int banned;
    int timed_out; /* this message ended an expired flow (its hook spoke) */
} upd_state;

static const char *route_name(const fb__route_entry *e)
{
    return e->route->match ? e->route->match : "(generic)";
}

/* Tell the sender no; the transaction still commits (claim, identity). */
static int refuse(fb__txn *t, const char *text, const char *plugin,
                  const char *what)
{
    char uid[24];
    const char *kv[] = {"user", uid, "route", what, NULL};
    snprintf(uid, sizeof uid, "%" PRId64, t->user);
    fb__log_kv(FB_LOG_INFO, plugin, "refused", kv, "%s", text);
    if (t->u->kind == FB_UPDATE_CALLBACK)
        return fb__txn_answer(t, text, 1) < 0 ? FB_ERR : FB_OK;
    fb__outbatch_send(t->out, t->chat, text, NULL);
    return FB_OK;
}

static int allowed(fb__txn *t, const upd_state *s, fb_role need, int banned_ok,
                   const char *plugin, const char *what)
{
    if (s->banned && !banned_ok)
        return refuse(t, FB__TEXT_BANNED, plugin, what), 0;
    if (t->role < need)
        return refuse(t, FB__TEXT_FORBIDDEN, plugin, what), 0;
    return 1;
}

static int do_disabled(fb__txn *t, const char *owner);

/* fb__call, its time counted in the plugin's latency histogram. */
static int timed_call(const fb__plugin *p, fb_handler fn, fb_ctx *c,
                      const char *what)
{
    struct timespec a, b;
    int rc;
    clock_gettime(CLOCK_MONOTONIC, &a);
    rc = fb__call(fn, c, what);
    clock_gettime(CLOCK_MONOTONIC, &b);
    fb__metrics_handler(p->name, (double)(b.tv_sec - a.tv_sec) +
                                     (double)(b.tv_nsec - a.tv_nsec) / 1e9);
    return rc;
}

static int run_route(fb__txn *t, const upd_state *s, const fb__route_entry *e)
{
    fb_ctx c;
    const fb_route *r = e->route;
    if (fb__plugin_paused(e->plugin))
        return do_disabled(t, e->plugin->name);
    if (!allowed(t, s, r->role, (r->flags & FB_ROUTE_BANNED_OK) != 0,
                 e->plugin->name, route_name(e)))
        return FB_OK;
    if (e->enters && t->has_convo && fb__txn_end_flow(t, 0) != FB_OK)
        return FB_ERR;
    fb__ctx_init(&c, t, e->plugin, s->u->kind);
    return timed_call(e->plugin, r->handler, &c, route_name(e));
}

/* The state handler of the key's flow, or NULL. */
static const fb_state *flow_state(fb__txn *t, const fb__plugin **owner)
{
    const fb_flow *f;
    *owner = fb__txn_flow_owner(t, &f);
    for (const fb_state *st = f ? f->states : NULL; st && st->name; st++)
        if (strcmp(st->name, t->convo.state) == 0)
            return st;
    return NULL;
}

static int run_state(fb__txn *t, const upd_state *s, const fb__plugin *p,
                     const fb_state *st)
{
    fb_ctx c;
    if (fb__plugin_paused(p))
        return do_disabled(t, p->name);
    if (!allowed(t, s, st->role, 0, p->name, st->name))
        return FB_OK;
    fb__txn_touch(t); /* activity: the deadline starts again */
    fb__ctx_init(&c, t, p, s->u->kind);
    if (fb__state_ask(p, st))
        return fb__prompt_answer(&c, st);
    return timed_call(p, st->handler, &c, st->name);
}

static int do_cancel(fb__txn *t)
{
    int had = t->has_convo;
    if (had && fb__txn_end_flow(t, 0) != FB_OK)
        return FB_ERR;
    if (had && !t->u->group) /* a reply keyboard of the flow goes too */
        fb__outbatch_send_markup(t->out, t->chat, FB__TEXT_CANCELLED,
                                 fb__remove_keyboard_json());
    else
        fb__outbatch_send(t->out, t->chat,
                          had ? FB__TEXT_CANCELLED : FB__TEXT_NOTHING, NULL);
    return FB_OK;
}

static int do_disabled(fb__txn *t, const char *owner)
{
    const char *kv[] = {
        "match", t->u->kind == FB_UPDATE_CALLBACK ? t->u->data : t->u->cmd,
        NULL};
    fb__log_kv(FB_LOG_INFO, owner, "disabled_plugin", kv,
               "plugin is disabled: answered \"%s\"", FB__TEXT_UNAVAILABLE);
    if (t->u->kind == FB_UPDATE_CALLBACK) {
        if (fb__txn_answer(t, FB__TEXT_UNAVAILABLE, 0) < 0)
            return FB_ERR;
    } else {
        fb__outbatch_send(t->out, t->chat, FB__TEXT_UNAVAILABLE, NULL);
    }
    return FB_OK;
}

/* Append " /cmd" for every listed command of d the sender may use. */
static void list_commands(const fb_plugin *d, fb_role role, int banned,
                          char *buf, size_t len)
{
    for (const fb_route *r = d->routes; r && r->kind; r++) {
        const char *name = fb__route_menu_name(r, role, banned);
        size_t used = strlen(buf);
        if (name)
            snprintf(buf + used, len - used, " /%s", name);
    }
}

/* Nothing claims the message and there is no generic route: in a private
 * chat, say so and list the commands the sender may use (derived from the
 * route table, like the command menu). Groups stay quiet, and so does a
 * message whose arrival just timed out the key's flow (the timeout hook has
 * already told the user what to do). */
static int do_unclaimed(fb__txn *t, const upd_state *s)
{
    const fb__plugins *p = t->core->plugins;
    char text[1024];
    size_t head;
    if (t->u->kind == FB_UPDATE_CALLBACK || t->chat <= 0 || s->timed_out)
        return FB_OK;
    head = (size_t)snprintf(text, sizeof text, "%s\n%s", FB__TEXT_UNKNOWN,
                            FB__TEXT_COMMANDS);
    for (size_t i = 0; p && i < p->n; i++)
        list_commands(p->v[i].desc, t->role, s->banned, text, sizeof text);
    if (strlen(text) == head)
        text[strlen(FB__TEXT_UNKNOWN)] = '\0';
    fb__outbatch_send(t->out, t->chat, text, NULL);
    return FB_OK;
}

static int is_flow_input(fb_update_kind k)
{
    return k == FB_UPDATE_TEXT || k == FB_UPDATE_CONTACT ||
           k == FB_UPDATE_PHOTO || k == FB_UPDATE_DOCUMENT;
}

static int act(fb__txn *t, const upd_state *s)
{
    const fb__router *r = t->core->router;
    const fb__update *u = s->u;
    const fb__plugin *owner;
    const fb_state *st;
    fb__pick k;
    if (u->kind == FB_UPDATE_COMMAND && u->foreign)
        return FB_OK;
    if (is_flow_input(u->kind) && (st = flow_state(t, &owner)))
        return run_state(t, s, owner, st);
    if (u->kind == FB_UPDATE_COMMAND)
        k = fb__router_command(r, u->cmd);
    else if (u->kind == FB_UPDATE_CALLBACK)
        k = fb__router_callback(r, u->data);
    else
        k = fb__router_generic(r);
    switch (k.kind) {
    case FB__PICK_CANCEL:
        return do_cancel(t);
    case FB__PICK_DISABLED:
        return do_disabled(t, k.owner);
    case FB__PICK_ROUTE:
        return run_route(t, s, k.e);
    case FB__PICK_NONE:
        return do_unclaimed(t, s);
    default:
        return FB_OK;
    }
}

/* The key's conversation from its find (c). 1: the key's flow had expired
 * and met its timeout hook now; 0: loaded (or none); -1: error. */
static int load_convo(fb__txn *t, const fb__db_call *c)
{
    char err[512] = "the conversation could not be read";
    int rc = fb__convo_found(c, &t->convo, err, sizeof err);
    if (rc < 0) {
        fb__log(FB_LOG_ERROR, NULL, "convo_failed", "%s", err);
        return -1;
    }
    t->has_convo = rc == 1;
    if (t->has_convo && t->convo.deadline <= fb__now())
        return fb__txn_end_flow(t, 1) == FB_OK ? 1 : -1;
    return 0;
}

/* Several webhook hosts: one chat's updates are handled one at a time
 * across the hosts, as the workers do within one: a transaction-level
 * advisory lock (FB__CHAT_NS, the chat folded into 31 bits), first in the
 * transaction and held to its end. Two chats that fold alike just wait
 * for each other. */
#define FB__CHAT_NS 0x66627432 /* "fbt2" */
static fb__db_stmt chat_lock_sql =
    FB__DB_STMT("SELECT pg_advisory_xact_lock($1::int, $2::int)", 2);

static void chat_lock_call(fb__db_call *c, int64_t chat)
{
    snprintf(c->nums[0], sizeof c->nums[0], "%d", FB__CHAT_NS);
    snprintf(c->nums[1], sizeof c->nums[1], "%d",
             (int)fb__db_lock_key(chat));
    c->st = &chat_lock_sql;
    c->params[0] = c->nums[0];
    c->params[1] = c->nums[1];
}

/* The calls of an update's bookkeeping into c (room for 4): (several
 * webhook hosts: lock its chat,) claim its update_id, record its sender,
 * find its key's conversation. How many. */
static int book_calls(const fb__txn *t, const fb__update *u, fb__db_call *c)
{
    int n = 0;
    if (t->core->relayed)
        chat_lock_call(&c[n++], t->chat);
    fb__dedup_claim_call(&c[n++], u->update_id);
    if (u->user)
        fb__identity_touch_call(&c[n++], u->user, u->first, u->last,
                                u->username, t->core->cfg->super_admin);
    fb__convo_find_call(&c[n++], u->chat, u->user);
    return n;
}

/* The bookkeeping's n calls c, run (perr: their pipeline's error, for the
 * log): FB_OK with the sender's role, ban and the conversation in t and
 * s; FB__RUN_SKIP when the update was processed before; FB__RUN_RETRY
 * or FB_ERR. */
static int book_read(fb__txn *t, upd_state *s, fb__db_call *c, int n,
                     const char *perr)
{
    char err[512] = "";
    fb_role role = FB_ROLE_ANYONE;
    int rc;
    if (t->core->relayed) {
        c++;
        n--;
    }
    rc = fb__dedup_claimed(&c[0]);
    if (rc <= 0) {
        if (rc < 0)
            fb__log(FB_LOG_ERROR, NULL, "dedup_failed", "%s", perr);
        return rc < 0 ? FB__RUN_RETRY : FB__RUN_SKIP;
    }
    if (s->u->user && fb__identity_touched(t->conn, &c[1], &role, &s->banned,
                                           err, sizeof err)) {
        fb__log(FB_LOG_ERROR, NULL, "identity_failed", "%s", err);
        return FB__RUN_RETRY;
    }
    t->role = role;
    /* the chat writes to us again: it no longer blocks the bot (touch
     * cleared fb_users.blocked; the outbox sends to it again) */
    fb__outbox_unblock(t->core->outbox, t->chat);
    rc = load_convo(t, &c[n - 1]);
    if (rc < 0)
        return FB_ERR;
    s->timed_out = rc;
    return FB_OK;
}

/* The host's bookkeeping of an update, in one round trip with BEGIN.
 * c has room for 4 calls. */
static int book(fb__txn *t, upd_state *s, fb__db_call *c)
{
    char err[512] = "";
    int n = book_calls(t, s->u, c);
    fb__db_xpipeline(t->conn, c, n, 0, err, sizeof err);
    return book_read(t, s, c, n, err);
}

/* Point t at u: the chat replies go to, the acting user. */
static void txn_for(fb__txn *t, const fb__update *u)
{
    t->u = u;
    t->chat = u->chat ? u->chat : u->user;
    t->user = u->user;
}

static int update_fn(fb__txn *t, void *arg)
{
    upd_state *s = arg;
    fb__db_call c[4] = {0};
    int rc;
    txn_for(t, s->u);
    rc = book(t, s, c);
    fb__db_calls_clear(c, 4);
    return rc == FB_OK ? act(t, s) : rc;
}

/* After a rollback: a press is answered with the failure (its handler's
 * own answer rolled back with it; a stored answer of this query, from an
 * earlier run, wins: one answer), anything else gets a message. */
static void tell_failure(fb__core *core, const fb__update *u)
{
    int64_t chat = u->chat ? u->chat : u->user;
    fb__outbatch *b = fb__outbatch_new();
    int rc = -1;
    if (b && u->kind == FB_UPDATE_CALLBACK)
        rc = fb__outbatch_answer(b, chat, u->callback_id, FB__TEXT_FAILED, 1);
    else if (b)
        rc = fb__outbatch_send(b, chat, FB__TEXT_FAILED, NULL);
    if (rc || !core->outbox) {
        fb__outbatch_free(b);
        return;
    }
    submit_alone(core, b);
}

/* NOLINTNEXTLINE(readability-non-const-parameter): the callback's type */
static int unstored(void *ud, const fb__outmsg *m, int64_t *id)
{
    (void)ud;
    (void)id;
    return m->id == 0;
}

/* The replies of u's run whose COMMIT got no answer but went through
 * (takes maybe): maybe itself when its rows' ids are known; else, the
 * ids lost with the answer of the pipeline that wrote them, the rows
 * read back from fb_outbox (NULL when they cannot be: they are sent at
 * the next start). */
static fb__outbatch *rows_of_update(fb__core *core, const fb__update *u,
                                    fb__outbatch *maybe)
{
    char err[256] = "";
    PGconn *conn;
    fb__outbatch *b = NULL;
    if (!core->durable || !fb__outbatch_each(maybe, unstored, NULL))
        return maybe;
    fb__outbatch_free(maybe);
    conn = fb__pool_acquire(core->pool, err, sizeof err);
    if (conn) {
        b = fb__outstore_load_update(conn, u->update_id, err, sizeof err);
        fb__pool_release(core->pool, conn, fb__db_broken(conn));
    }
    if (!b)
        fb__log(FB_LOG_WARN, NULL, "outbox_load_failed",
                "replies of update %" PRId64 " left for the next start: %s",
                u->update_id, err);
    return b;
}

#define TRANSIENT_ATTEMPTS 6 /* runs of one update, 0.1 s .. 1.6 s apart:
                              about 3 s in all */

/* One run of u; *transient says whether it failed for a reason worth
 * another run, *maybe takes the replies of a COMMIT that got no answer
 * (stored in it: delivered if a later run finds the update processed). */
static int run_once(fb__core *core, const fb__update *u, const char *what,
                    int *transient, fb__outbatch **maybe)
{
    upd_state s = {u, 0, 0};
    fb__txn t;
    int st;
    fb__db_transient_reset();
    st = fb__txn_run(core, &t, update_fn, &s, what);
    *transient = st == FB__RUN_FAILED && fb__db_transient_seen();
    if (st == FB__RUN_FAILED && t.commit_unknown && !*maybe) {
        *maybe = t.out;
        t.out = NULL;
    }
    fb__txn_clear(&t);
    return st;
}

/* Run u, again while it fails for a transient reason (up to
 * TRANSIENT_ATTEMPTS runs). maybe (taken, may be NULL): replies of an
 * earlier run of u whose COMMIT got no answer, as run_once keeps them.
 * Returns FB__RUN_*; *transient: the last run failed for such a reason. */
static int run_retried(fb__core *core, const fb__update *u, int *transient,
                       fb__outbatch *maybe)
{
    char what[64], n[8];
    const char *kv[] = {"attempt", n, NULL};
    int st, attempt = 1;
    snprintf(what, sizeof what, "update %" PRId64, u->update_id);
    /* retried right here: the worker holds the key, so the key's later
     * updates wait for this one (order per key) */
    while ((st = run_once(core, u, what, transient, &maybe)) ==
               FB__RUN_FAILED &&
           *transient && attempt < TRANSIENT_ATTEMPTS) {
        snprintf(n, sizeof n, "%d", attempt);
        fb__log_kv(FB_LOG_WARN, NULL, "transient_retry", kv,
                   "%s: transient database error, running it again", what);
        usleep((useconds_t)(100000u << (attempt - 1)));
        attempt++;
    }
    if (maybe && st == FB__RUN_SKIP && core->outbox) {
        /* the COMMIT that got no answer had gone through: its replies
         * are committed rows, delivered now */
        queue(core, rows_of_update(core, u, maybe));
        maybe = NULL;
    } else if (st == FB__RUN_SKIP && u->kind == FB_UPDATE_CALLBACK) {
        /* handled before, answer included: not the watcher's to answer */
        fb__cbwatch_forget(core->cbwatch, u->callback_id);
    }
    fb__outbatch_free(maybe);
    return st;
}

/* Count a run of u that could not handle it; 1 when u is now (or was)
 * held in quarantine, so handled. */
static int not_handled(fb__core *core, const fb__update *u, int st)
{
    char *raw = u->raw ? cJSON_PrintUnformatted(u->raw) : NULL;
    int rc = fb__quarantine_fail(
        core, u, 1, raw,
        st == FB__RUN_RETRY
            ? "the update's transaction could not run (no connection, "
              "BEGIN, dedup claim or sender record failed)"
            : "transient database errors on every run");
    cJSON_free(raw);
    return rc == 1;
}

/* fb__dispatch, with the replies of an earlier run whose COMMIT got no
 * answer (maybe, taken). */
static int dispatch_with(fb__core *core, const fb__update *u,
                         fb__outbatch *maybe)
{
    int transient = 0, st = run_retried(core, u, &transient, maybe);
    if (st == FB__RUN_RETRY || (st == FB__RUN_FAILED && transient)) {
        int held = not_handled(core, u, st);
        fb__metrics_update(u->kind, held ? FB__UPD_QUARANTINED : FB__UPD_RETRY);
        return held ? 0 : -1;
    }
    fb__metrics_update(u->kind, st == FB__RUN_OK     ? FB__UPD_HANDLED
                                : st == FB__RUN_SKIP ? FB__UPD_DUPLICATE
                                                     : FB__UPD_FAILED);
    /* FB__RUN_OK stored its answer with its effects; FB__RUN_SKIP is a
     * redelivery of an update whose run committed, answer and all. */
    if (st == FB__RUN_FAILED)
        tell_failure(core, u);
    return 0;
}

/* See dispatch.h. */
int fb__dispatch(fb__core *core, const fb__update *u)
{
    return dispatch_with(core, u, NULL);
}

/* See dispatch.h. */
int fb__dispatch_replay(fb__core *core, const fb__update *u)
{
    int transient = 0;
    return run_retried(core, u, &transient, NULL);
}

/* ---- several updates, one transaction -----------------------------------
 * (see fb__dispatch_group) */

typedef struct member {
    upd_state s;
    fb__txn t;
    int at, nc; /* its bookkeeping: the group's calls[at..at+nc-1] */
    int skip;   /* processed before: not run again */
} member;

/* How many of us[0..n-1] from the first go together: different users
 * (two updates of one user could share a per-user conversation, found
 * before either ran), GROUP_MAX at most. */
static size_t group_cut(const fb__update *const *us, size_t n)
{
    size_t k = 1;
    for (; k < n && k < GROUP_MAX; k++)
        for (size_t j = 0; j < k; j++)
            if (us[k]->user && us[k]->user == us[j]->user)
                return k;
    return k;
}

/* Each member's bookkeeping, then its handler, in turn; between two
 * handlers the session reset when the first's SQL may have changed it.
 * FB_OK when every run may commit (members processed before are marked
 * skip and not run), else why not. */
static int group_act(member *m, size_t n, fb__db_call *calls,
                     const char *perr)
{
    char err[512] = "";
    for (size_t i = 0; i < n; i++) {
        fb__txn *t = &m[i].t;
        int st;
        if (i)
            fb__db_reset_lazy(t->conn);
        st = book_read(t, &m[i].s, calls + m[i].at, m[i].nc, perr);
        fb__db_calls_clear(calls + m[i].at, m[i].nc);
        if (st == FB__RUN_SKIP) {
            m[i].skip = 1;
            continue;
        }
        if (st == FB_OK)
            st = act(t, &m[i].s);
        fb__rowset_clear(&t->rows);
        if (!settle(t, &st, err, sizeof err)) {
            fb__log(FB_LOG_WARN, NULL, "group_failed",
                    "update %" PRId64 ": %s", t->u->update_id,
                    err[0] ? err : "handler failed");
            return st == FB_OK ? FB__RUN_FAILED : st;
        }
    }
    return FB_OK;
}

/* COMMIT with every member's replies (commit_outs). */
static int group_commit(fb__core *core, PGconn *conn, member *m, size_t n,
                        char *err, size_t errlen)
{
    fb__outbatch *outs[GROUP_MAX] = {0};
    for (size_t i = 0; i < n; i++)
        outs[i] = m[i].t.out;
    return commit_outs(core, conn, outs, n, err, errlen);
}

/* One transaction for the members on conn: bookkeeping in one round trip
 * with BEGIN, the handlers, COMMIT with the replies. FB__RUN_OK when
 * committed, else rolled back (*unknown: COMMIT got no answer). */
static int group_txn(fb__core *core, PGconn *conn, member *m, size_t n,
                     int *unknown)
{
    fb__db_call calls[FB__DB_PIPELINE_MAX] = {0};
    char err[512] = "";
    int k = 0, st;
    for (size_t i = 0; i < n; i++) {
        m[i].at = k;
        m[i].nc = book_calls(&m[i].t, m[i].s.u, calls + k);
        k += m[i].nc;
    }
    fb__db_xpipeline(conn, calls, k, 0, err, sizeof err);
    st = group_act(m, n, calls, err);
    fb__db_calls_clear(calls, k);
    for (size_t i = 0; st == FB_OK && i < n; i++)
        fb__outbox_reserve(core->outbox, m[i].t.out);
    if (st == FB_OK && group_commit(core, conn, m, n, err, sizeof err) == 0)
        return FB__RUN_OK;
    for (size_t i = 0; i < n; i++)
        fb__outbox_unreserve(core->outbox, m[i].t.out);
    *unknown = st == FB_OK && fb__db_broken(conn);
    fb__db_rollback(conn, NULL, 0);
    fb__log(FB_LOG_WARN, NULL, "group_rolled_back",
            "%zu updates, run again one at a time: %s", n,
            err[0] ? err : "a handler failed");
    return FB__RUN_FAILED;
}

/* A committed member: its replies queued, counted. */
static void group_done(fb__core *core, member *m)
{
    const fb__update *u = m->s.u;
    if (m->skip && u->kind == FB_UPDATE_CALLBACK)
        fb__cbwatch_forget(core->cbwatch, u->callback_id);
    if (!m->skip)
        submit(&m->t);
    fb__metrics_update(u->kind,
                       m->skip ? FB__UPD_DUPLICATE : FB__UPD_HANDLED);
}

/* After a group's COMMIT got no answer, each update alone; the first
 * with replies carries them (their ids unknown: if its run finds it
 * processed, the transaction went through, and the rows it reads back by
 * its claim are the whole group's). */
static void group_unknown(fb__core *core, member *m, size_t n, int *rcs)
{
    int carried = 0;
    for (size_t i = 0; i < n; i++) {
        fb__outbatch *maybe = NULL;
        if (!carried && fb__outbatch_count(m[i].t.out)) {
            maybe = m[i].t.out;
            m[i].t.out = NULL;
            carried = 1;
        }
        rcs[i] = dispatch_with(core, m[i].s.u, maybe);
    }
}

/* fb__dispatch_group for at most GROUP_MAX updates of different users. */
static void group_run(fb__core *core, const fb__update *const *us, size_t n,
                      int *rcs)
{
    char err[256];
    member *m = n > 1 && !core->relayed ? calloc(n, sizeof *m) : NULL;
    PGconn *conn = m ? fb__pool_acquire(core->pool, err, sizeof err) : NULL;
    int st = FB__RUN_FAILED, unknown = 0;
    size_t i = 0;
    for (; conn && i < n; i++) {
        m[i].s.u = us[i];
        if (fb__txn_init(&m[i].t, core, conn))
            break;
        txn_for(&m[i].t, us[i]);
    }
    if (conn && i == n && fb__db_begin_lazy(conn, err, sizeof err) == 0) {
        fb__db_transient_reset();
        st = group_txn(core, conn, m, n, &unknown);
    }
    if (conn)
        fb__pool_release(core->pool, conn, fb__db_broken(conn));
    for (size_t j = 0; j < n; j++) {
        if (st == FB__RUN_OK)
            group_done(core, &m[j]);
        else if (!unknown)
            rcs[j] = fb__dispatch(core, us[j]);
    }
    if (unknown)
        group_unknown(core, m, n, rcs);
    for (size_t j = 0; j < i; j++)
        fb__txn_clear(&m[j].t);
    if (st == FB__RUN_OK)
        memset(rcs, 0, n * sizeof *rcs);
    free(m);
}

/* See dispatch.h. */
void fb__dispatch_group(fb__core *core, const fb__update *const *us,
                        size_t n, int *rcs)
{
    while (n) {
        size_t k = group_cut(us, n);
        group_run(core, us, k, rcs);
        us += k;
        rcs += k;
        n -= k;
    }
}

/* ---- 403: chat blocked -----------------------------------------------------
 */
static int blocked_fn(fb__txn *t, void *arg)
{
    int64_t chat = *(int64_t *)arg;
    char err[256], json[64];
    fb_ctx c;
    if (fb__identity_mark_blocked(t->conn, chat, 1, err, sizeof err) < 0) {
        fb__log(FB_LOG_ERROR, NULL, "blocked_failed", "%s", err);
        return FB_ERR;
    }
    t->chat = chat;
    snprintf(json, sizeof json, "{\"chat_id\":%" PRId64 "}", chat);
    fb__ctx_init(&c, t, NULL, FB_UPDATE_EVENT);
    return fb__events_publish(&c, "chat.blocked", json) ? FB_ERR : FB_OK;
}

/* See dispatch.h. */
int fb__dispatch_blocked(fb__core *core, int64_t chat_id)
{
    fb__txn t;
    int st = fb__txn_run(core, &t, blocked_fn, &chat_id, "chat.blocked");
    fb__txn_clear(&t);
    return st;
}
