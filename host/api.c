/* api: the fb_host_api table and the transaction context (see api.h). */
#define _GNU_SOURCE
#include "api.h"
#include "outstore.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fitbot/sdk.h"

#include "events.h"
#include "identity.h"
#include "log.h"

/* ---- small helpers ------------------------------------------------------ */

static const char *pname(const fb_ctx *c)
{
    return c->plugin ? c->plugin->name : "core";
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

static void plog(fb_ctx *c, int level, const char *event, const char *fmt, ...)
    FB_PRINTF(4, 5);
static void plog(fb_ctx *c, int level, const char *event, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fb__logv(level, pname(c), event, fmt, ap);
    va_end(ap);
}

/* See api.h. */
void fb__ctx_fail(fb_ctx *c, int by_hand, const char *why)
{
    int sticky = c->plugin && c->plugin->desc->abi_minor >= 2;
    const char *w = why && why[0] ? why : "failed";
    size_t n = 0;

    if (c->failed || (!by_hand && !sticky))
        return;
    c->failed = 1;
    for (; w[n] && n + 1 < sizeof c->why; n++) /* the first reason, cut */
        c->why[n] = w[n];
    c->why[n] = '\0';
}

/* A host call of c failed: mark c (minor 2) and return -1. */
static int failure(fb_ctx *c, const char *why)
{
    fb__ctx_fail(c, 0, why);
    return -1;
}

/* See api.h. */
int fb__call(fb_handler h, fb_ctx *c, const char *what)
{
    int rc = h(c);
    if (rc == FB_OK && c->failed)
        plog(c, FB_LOG_WARN, "handler_failed",
             "%s returned FB_OK after a failed call: %s", what, c->why);
    else if (rc != FB_OK)
        plog(c, FB_LOG_WARN, "handler_failed", "%s returned %d%s%s", what, rc,
             c->failed ? ": " : "", c->failed ? c->why : "");
    return rc == FB_OK && !c->failed ? FB_OK : FB_ERR;
}

/* ---- the update ---------------------------------------------------------- */
static fb_update_kind a_kind(fb_ctx *c)
{
    return c->kind;
}
static int64_t a_chat(fb_ctx *c)
{
    return c->t->chat;
}
static int64_t a_user(fb_ctx *c)
{
    return c->t->user;
}
static int64_t a_msg(fb_ctx *c)
{
    return c->t->u ? c->t->u->message_id : 0;
}

#define UFIELD(fn, field)                                                      \
    static const char *fn(fb_ctx *c)                                           \
    {                                                                          \
        return c->t->u ? nz(c->t->u->field) : "";                              \
    }
UFIELD(a_text, text)
UFIELD(a_args, args)
UFIELD(a_data, data)
UFIELD(a_file_id, file_id)
UFIELD(a_file_name, file_name)
UFIELD(a_phone, phone)
UFIELD(a_first, first)
UFIELD(a_last, last)
UFIELD(a_username, username)
UFIELD(a_command, cmd)

static int64_t a_contact_user(fb_ctx *c)
{
    return c->t->u && c->t->u->kind == FB_UPDATE_CONTACT ? c->t->u->contact_user
                                                         : 0;
}

static fb_role a_role(fb_ctx *c)
{
    return c->t->role;
}
static const char *a_plugin_name(fb_ctx *c)
{
    return pname(c);
}

/* ---- outbound --------------------------------------------------------------
 */
static int64_t chat_or_default(fb_ctx *c, int64_t chat)
{
    return chat ? chat : c->t->chat;
}

static int out_status(fb_ctx *c, int rc, const char *what)
{
    char why[96];
    if (!rc)
        return 0;
    plog(c, FB_LOG_WARN, "send_refused",
         "%s refused (too long, bad keyboard or no chat)", what);
    snprintf(why, sizeof why, "%s refused", what);
    return failure(c, why);
}

static int a_send(fb_ctx *c, int64_t chat, const char *html,
                  const fb_keyboard *kb)
{
    chat = chat_or_default(c, chat);
    if (!chat || !html || !c->t->out)
        return out_status(c, -1, "send");
    return out_status(c, fb__outbatch_send(c->t->out, chat, html, kb), "send");
}

/* A message whose reply_markup is markup (taken). */
static int send_markup(fb_ctx *c, int64_t chat, const char *html, cJSON *markup,
                       const char *what)
{
    chat = chat_or_default(c, chat);
    if (!chat || !html || !markup || !c->t->out) {
        cJSON_Delete(markup);
        return out_status(c, -1, what);
    }
    return out_status(
        c, fb__outbatch_send_markup(c->t->out, chat, html, markup), what);
}

static int a_ask_contact(fb_ctx *c, int64_t chat, const char *html,
                         const char *button)
{
    return send_markup(c, chat, html, fb__contact_keyboard_json(button),
                       "ask_contact");
}

static int a_send_plain(fb_ctx *c, int64_t chat, const char *html,
                        unsigned flags)
{
    if (flags & ~FB_SEND_REMOVE_KEYBOARD)
        return out_status(c, -1, "send_plain");
    if (!(flags & FB_SEND_REMOVE_KEYBOARD))
        return a_send(c, chat, html, NULL);
    return send_markup(c, chat, html, fb__remove_keyboard_json(), "send_plain");
}

static int a_edit(fb_ctx *c, int64_t chat, int64_t msg, const char *html,
                  const fb_keyboard *kb)
{
    chat = chat_or_default(c, chat);
    if (!msg)
        msg = a_msg(c);
    if (!chat || !msg || !html || !c->t->out)
        return out_status(c, -1, "edit");
    return out_status(c, fb__outbatch_edit(c->t->out, chat, msg, html, kb),
                      "edit");
}

static int a_delete(fb_ctx *c, int64_t chat, int64_t msg)
{
    chat = chat_or_default(c, chat);
    if (!chat || !msg || !c->t->out)
        return out_status(c, -1, "delete");
    return out_status(c, fb__outbatch_delete(c->t->out, chat, msg), "delete");
}

static int a_doc(fb_ctx *c, int64_t chat, const char *name, const void *b,
                 size_t n, const char *caption)
{
    chat = chat_or_default(c, chat);
    if (!chat || !name || !c->t->out)
        return out_status(c, -1, "send_document");
    return out_status(
        c, fb__outbatch_document(c->t->out, chat, name, b, n, caption),
        "send_document");
}

static int a_photo(fb_ctx *c, int64_t chat, const char *name, const void *b,
                   size_t n, const char *caption)
{
    chat = chat_or_default(c, chat);
    if (!chat || !name || !c->t->out)
        return out_status(c, -1, "send_photo");
    return out_status(c,
                      fb__outbatch_photo(c->t->out, chat, name, b, n, caption),
                      "send_photo");
}

/* See api.h. */
int fb__txn_send_bulk(fb__txn *t, int64_t chat, const char *tag,
                      fb_bulk_media media, const char *file_id,
                      const char *html, unsigned flags)
{
    int rc;

    if (!t->out || !chat || !html || !tag || !*tag || strlen(tag) > 64 ||
        (media != FB_BULK_TEXT && (!file_id || !*file_id)))
        return -1;
    fb__outbatch_set_bulk(t->out, 1);
    if (media == FB_BULK_PHOTO)
        rc = fb__outbatch_photo(t->out, chat, file_id, NULL, 0, html);
    else if (media == FB_BULK_DOCUMENT)
        rc = fb__outbatch_document(t->out, chat, file_id, NULL, 0, html);
    else
        rc = media == FB_BULK_TEXT ? fb__outbatch_send(t->out, chat, html, NULL)
                                   : -1;
    fb__outbatch_set_bulk(t->out, 0);
    if (rc == 0 && (flags & FB_BULK_PAID) &&
        fb__outbox_paid_rate(t->core->outbox) > 0)
        rc = fb__outbatch_paid_last(t->out);
    return rc ? rc : fb__outbatch_tag_last(t->out, tag);
}

/* See api.h. */
int fb__txn_answer(fb__txn *t, const char *text, int alert)
{
    if (!t->u || t->u->kind != FB_UPDATE_CALLBACK || t->answered ||
        !t->u->callback_id[0])
        return 0;
    if (fb__outbatch_answer(t->out, t->chat, t->u->callback_id, text, alert))
        return -1;
    t->answered = 1;
    return 1;
}

static int a_answer(fb_ctx *c, const char *text, int alert)
{
    fb__txn *t = c->t;
    if (!t->u || t->u->kind != FB_UPDATE_CALLBACK)
        return -1;
    return fb__txn_answer(t, text, alert) < 0 ? -1 : 0;
}

static int add_commands(cJSON *arr, const fb_plugin *d, fb_role role)
{
    for (const fb_route *r = d->routes; r && r->kind; r++) {
        const char *name = fb__route_menu_name(r, role, 0);
        cJSON *o;
        if (!name)
            continue;
        o = cJSON_CreateObject();
        if (!o)
            return -1;
        cJSON_AddItemToArray(arr, o);
        if (!cJSON_AddStringToObject(o, "command", name) ||
            !cJSON_AddStringToObject(
                o, "description", r->help && r->help[0] ? r->help : r->match))
            return -1;
    }
    return 0;
}

static int a_set_commands(fb_ctx *c, int64_t chat, fb_role role)
{
    const fb__plugins *p = c->t->core->plugins;
    cJSON *arr = cJSON_CreateArray();
    chat = chat_or_default(c, chat);
    if (!arr || !chat || !c->t->out) {
        cJSON_Delete(arr);
        return out_status(c, -1, "set_commands");
    }
    for (size_t i = 0; i < p->n; i++)
        if (add_commands(arr, p->v[i].desc, role)) {
            cJSON_Delete(arr);
            return out_status(c, -1, "set_commands");
        }
    return out_status(c, fb__outbatch_set_commands(c->t->out, chat, arr),
                      "set_commands");
}

/* ---- database ------------------------------------------------------------ */
static fb_rows *a_query(fb_ctx *c, const char *sql, int n, const char *const *p)
{
    char err[512];
    const char *refused;
    fb_rows *r;
    if (!c->t->conn || !sql) {
        failure(c, "query outside a transaction");
        return NULL;
    }
    if ((refused = fb__db_refused(sql)) != NULL) {
        /* the transaction is the host's: it rolls back, whatever the
         * plugin's minor */
        plog(c, FB_LOG_ERROR, "query_refused",
             "%s is the host's: a plugin may not end, split or change "
             "the transaction or the session (use SET LOCAL)",
             refused);
        c->t->failed = 1;
        failure(c, "query: transaction control or session statement "
                   "refused");
        return NULL;
    }
    r = fb__db_query(c->t->conn, sql, n, p, err, sizeof err);
    if (!r) {
        char why[sizeof err + 16];
        plog(c, FB_LOG_ERROR, "query_failed", "%s", err);
        snprintf(why, sizeof why, "query: %s", err);
        failure(c, why);
        return NULL;
    }
    fb__rowset_track(&c->t->rows, r);
    return r;
}

/* ---- conversations ------------------------------------------------------- */
static const fb_flow *flow_of(const fb__plugin *p, const char *name)
{
    for (const fb_flow *f = p ? p->desc->flows : NULL; f && f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* See api.h. */
const fb_state *fb__flow_state(const fb_flow *f, const char *name)
{
    for (const fb_state *s = f && name ? f->states : NULL; s && s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

/* See api.h. */
const fb_ask *fb__state_ask(const fb__plugin *p, const fb_state *s)
{
    return p && s && p->desc->abi_minor >= 2 ? s->ask : NULL;
}

/* The key's flow just moved (or is asked again): its question is due. */
static void prompt_due(fb__txn *t)
{
    t->prompt_due = 1;
    snprintf(t->prompt_plugin, sizeof t->prompt_plugin, "%s", t->convo.plugin);
    snprintf(t->prompt_flow, sizeof t->prompt_flow, "%s", t->convo.flow);
    snprintf(t->prompt_state, sizeof t->prompt_state, "%s", t->convo.state);
}

/* See api.h. */
const fb__plugin *fb__txn_flow_owner(fb__txn *t, const fb_flow **flow)
{
    const fb__plugin *p;
    if (flow)
        *flow = NULL;
    if (!t->has_convo)
        return NULL;
    p = fb__plugins_find(t->core->plugins, t->convo.plugin);
    if (flow)
        *flow = flow_of(p, t->convo.flow);
    return p;
}

static int64_t deadline_for(fb__txn *t, const fb_flow *f)
{
    int s = f && f->timeout_s > 0 ? f->timeout_s
                                  : t->core->cfg->conversation_timeout;
    return fb__now() + (s > 0 ? s : 600);
}

/* See api.h. */
void fb__txn_touch(fb__txn *t)
{
    const fb_flow *f;
    if (!t->has_convo)
        return;
    fb__txn_flow_owner(t, &f);
    t->convo.deadline = deadline_for(t, f);
    t->convo_dirty = 1;
}

static void schedule_delete(fb__txn *t, int64_t kc, int64_t ku)
{
    for (int i = 0; i < t->ndel; i++)
        if (t->del_chat[i] == kc && t->del_user[i] == ku)
            return;
    if (t->ndel < 4) {
        t->del_chat[t->ndel] = kc;
        t->del_user[t->ndel++] = ku;
    }
}

/* An ended conversation kept (with the strings its data gave the handler)
 * until fb__txn_clear: the first four in t->retired, the others in t->mem. */
struct fb__retired {
    struct fb__retired *next;
    fb__convo c;
};

static void drop_convo(fb__txn *t)
{
    struct fb__retired *r;
    schedule_delete(t, t->convo.key_chat, t->convo.key_user);
    if (t->nretired < 4) {
        t->retired[t->nretired++] = t->convo;
    } else if ((r = fb__txn_alloc(t, sizeof *r))) {
        r->c = t->convo;
        r->next = t->more_retired;
        t->more_retired = r;
    } else {
        t->failed = 1; /* out of memory: roll back, and leak rather than
                          free strings the handler may still read */
    }
    memset(&t->convo, 0, sizeof t->convo);
    t->has_convo = 0;
    t->convo_dirty = 0;
}

/* See api.h. */
int fb__txn_end_flow(fb__txn *t, int timeout)
{
    const fb_flow *f;
    const fb__plugin *p = fb__txn_flow_owner(t, &f);
    fb_handler hook = f ? (timeout ? f->on_timeout : f->on_cancel) : NULL;
    int rc = FB_OK;
    if (!t->has_convo)
        return FB_OK;
    if (hook && !t->in_hook) {
        fb_ctx c;
        fb__ctx_init(&c, t, p, t->u ? t->u->kind : FB_UPDATE_NONE);
        t->in_hook = 1;
        rc = fb__call(hook, &c, timeout ? "timeout hook" : "cancel hook");
        t->in_hook = 0;
    }
    if (t->has_convo)
        drop_convo(t);
    return rc;
}

static void key_for(fb_flow_scope s, int64_t chat, int64_t user, int64_t *kc,
                    int64_t *ku)
{
    *kc = s == FB_SCOPE_USER ? 0 : chat;
    *ku = s == FB_SCOPE_CHAT ? 0 : user;
    if (!*kc && !*ku) /* no chat (or no user): fall back on what exists */
        *kc = chat, *ku = user;
}

static int a_flow_start(fb_ctx *c, const char *flow, const char *state)
{
    fb__txn *t = c->t;
    const fb_flow *f = flow ? flow_of(c->plugin, flow) : NULL;
    const fb_state *s =
        f ? fb__flow_state(f, state ? state : f->states[0].name) : NULL;
    if (!s || t->in_hook || (!t->chat && !t->user)) {
        plog(c, FB_LOG_ERROR, "flow_refused",
             "flow_start %s/%s: unknown "
             "flow or state, or no key",
             nz(flow), nz(state));
        return failure(c, "flow_start refused");
    }
    if (t->has_convo && (strcmp(t->convo.plugin, pname(c)) != 0 ||
                         strcmp(t->convo.flow, flow) != 0)) {
        if (fb__txn_end_flow(t, 0) != FB_OK)
            t->failed = 1;
    }
    if (t->has_convo)
        drop_convo(t); /* restarting the same flow: fresh data */
    key_for(f->scope, t->chat, t->user, &t->convo.key_chat, &t->convo.key_user);
    snprintf(t->convo.plugin, sizeof t->convo.plugin, "%s", pname(c));
    snprintf(t->convo.flow, sizeof t->convo.flow, "%s", f->name);
    snprintf(t->convo.state, sizeof t->convo.state, "%s", s->name);
    t->convo.deadline = deadline_for(t, f);
    t->has_convo = t->convo_dirty = 1;
    prompt_due(t);
    return 0;
}

static int owns(fb_ctx *c)
{
    return c->t->has_convo && strcmp(c->t->convo.plugin, pname(c)) == 0;
}

static int a_flow_goto(fb_ctx *c, const char *state)
{
    const fb_flow *f;
    fb__txn_flow_owner(c->t, &f);
    if (!owns(c) || !state || !fb__flow_state(f, state)) {
        plog(c, FB_LOG_ERROR, "flow_refused",
             "flow_goto %s: no flow of "
             "this plugin or unknown state",
             nz(state));
        return failure(c, "flow_goto refused");
    }
    snprintf(c->t->convo.state, sizeof c->t->convo.state, "%s", state);
    c->t->convo.deadline = deadline_for(c->t, f);
    c->t->convo_dirty = 1;
    prompt_due(c->t);
    return 0;
}

static int a_flow_end(fb_ctx *c)
{
    if (!owns(c))
        return c->t->has_convo ? failure(c, "flow_end: another flow's key") : 0;
    drop_convo(c->t);
    return 0;
}

static const char *a_flow_name(fb_ctx *c)
{
    return c->t->has_convo ? c->t->convo.flow : "";
}

static const char *a_flow_state(fb_ctx *c)
{
    return c->t->has_convo ? c->t->convo.state : "";
}

static const char *a_flow_get(fb_ctx *c, const char *key)
{
    return owns(c) && key ? fb__convo_data_get(&c->t->convo, key) : NULL;
}

static int a_flow_set(fb_ctx *c, const char *key, const char *value)
{
    if (!owns(c) || !key || fb__convo_data_set(&c->t->convo, key, value))
        return failure(c, "flow_set refused");
    c->t->convo_dirty = 1;
    return 0;
}

/* See api.h. */
int fb__txn_flush(fb__txn *t, char *err, size_t errlen)
{
    for (int i = 0; i < t->ndel; i++) {
        if (t->has_convo && t->convo.key_chat == t->del_chat[i] &&
            t->convo.key_user == t->del_user[i])
            continue; /* replaced by the save below */
        if (fb__convo_delete(t->conn, t->del_chat[i], t->del_user[i], err,
                             errlen) < 0)
            return -1;
    }
    t->ndel = 0;
    if (t->has_convo && t->convo_dirty &&
        fb__convo_save(t->conn, &t->convo, err, errlen))
        return -1;
    t->convo_dirty = 0;
    return 0;
}

/* ---- identity, events, config, log -------------------------------------- */
static int a_set_role(fb_ctx *c, int64_t u, fb_role r)
{
    char err[256];
    if (fb__identity_set_role(c->t->conn, u, r, err, sizeof err)) {
        plog(c, FB_LOG_ERROR, "user_set_role_failed", "%s", err);
        return failure(c, "user_set_role failed");
    }
    return 0;
}

static int a_set_banned(fb_ctx *c, int64_t u, int banned, const char *why)
{
    char err[256];
    if (fb__identity_set_banned(c->t->conn, u, banned, why, err, sizeof err)) {
        plog(c, FB_LOG_ERROR, "user_set_banned_failed", "%s", err);
        return failure(c, "user_set_banned failed");
    }
    return 0;
}

static fb_role a_user_role(fb_ctx *c, int64_t u)
{
    char err[256];
    int r;
    if (u && u == c->t->core->cfg->super_admin)
        return FB_ROLE_ADMIN;
    r = fb__identity_role(c->t->conn, u, err, sizeof err);
    if (r == -2)
        plog(c, FB_LOG_ERROR, "user_role_failed", "%s", err);
    return r < 0 ? FB_ROLE_UNKNOWN : (fb_role)r;
}

static int64_t a_super_admin(fb_ctx *c)
{
    return c->t->core->cfg->super_admin;
}

static int a_publish(fb_ctx *c, const char *event, const char *json)
{
    return fb__events_publish(c, event, json) ? failure(c, "publish failed")
                                              : 0;
}

static const char *a_event_name(fb_ctx *c)
{
    return nz(c->event);
}
static const char *a_event_json(fb_ctx *c)
{
    return c->event_json ? c->event_json : "{}";
}

static const char *a_config(fb_ctx *c, const char *key, const char *fb)
{
    const char *v =
        key && c->plugin
            ? fb__config_plugin_value(c->t->core->cfg, c->plugin->name, key)
            : NULL;
    return v ? v : fb;
}

static void a_log(fb_ctx *c, int level, const char *fmt, va_list ap)
{
    if (level < FB_LOG_DEBUG || level > FB_LOG_ERROR)
        level = FB_LOG_INFO;
    fb__logv(level, pname(c), "log", fmt, ap);
}

/* ---- minor 2: memory, failure, calendar, names, requests, menu ---------- */
struct fb__mem {
    struct fb__mem *next;
    max_align_t data[];
};

/* See api.h. */
void *fb__txn_alloc(fb__txn *t, size_t n)
{
    struct fb__mem *m;
    if (n > SIZE_MAX - sizeof *m - 1)
        return NULL;
    m = calloc(1, sizeof *m + (n ? n : 1));
    if (!m)
        return NULL;
    m->next = t->mem;
    t->mem = m;
    return m->data;
}

/* See api.h. */
char *fb__txn_strdup(fb__txn *t, const char *s)
{
    size_t n = s ? strlen(s) + 1 : 0;
    char *d = s ? fb__txn_alloc(t, n) : NULL;
    if (d)
        memcpy(d, s, n);
    return d;
}

static void *a_alloc(fb_ctx *c, size_t n)
{
    void *p = fb__txn_alloc(c->t, n);
    if (!p)
        failure(c, "alloc: out of memory");
    return p;
}

static void a_fail(fb_ctx *c, const char *why)
{
    fb__ctx_fail(c, 1, why);
}

static int a_failed(fb_ctx *c)
{
    return c->failed;
}

static int64_t a_now(fb_ctx *c)
{
    (void)c;
    return fb__now();
}

static const char *a_timezone(fb_ctx *c)
{
    return c->t->core->cfg->timezone;
}

/* The date of fb__now() in the club's zone (PostgreSQL knows the zones). */
static int a_today(fb_ctx *c, fb_date *out)
{
    char now[24], err[256];
    const char *p[2] = {now, a_timezone(c)};
    fb_rows *r = NULL;
    int ok = 0;
    if (out)
        memset(out, 0, sizeof *out);
    snprintf(now, sizeof now, "%" PRId64, fb__now());
    if (out && c->t->conn)
        r = fb__db_query(c->t->conn,
                         "SELECT to_char(to_timestamp($1::bigint) AT TIME "
                         "ZONE $2, 'YYYY-MM-DD')",
                         2, p, err, sizeof err);
    ok = r && fb__rows_count(r) == 1 &&
         fb_parse_date(fb__rows_get(r, 0, 0), out) == 0;
    fb__rows_free(r);
    return ok ? 0 : failure(c, "today: no date (no transaction?)");
}

static const char *a_user_name(fb_ctx *c, int64_t u)
{
    char name[1024], err[256];
    int rc = c->t->conn ? fb__identity_name(c->t->conn, u, name, sizeof name,
                                            err, sizeof err)
                        : -1;
    if (rc < 0) {
        failure(c, "user_name failed");
        return NULL;
    }
    return rc ? fb__txn_strdup(c->t, name) : NULL;
}

static int a_user_set_name(fb_ctx *c, int64_t u, const char *name)
{
    char err[256] = "no transaction";
    if (c->t->conn &&
        fb__identity_set_name(c->t->conn, u, name, err, sizeof err) == 0)
        return 0;
    plog(c, FB_LOG_ERROR, "user_set_name_failed", "%s", err);
    return failure(c, "user_set_name failed");
}

static int a_request(fb_ctx *c, const char *name, const char *json)
{
    int n = fb__events_request(c, name, json);
    if (n < 0)
        failure(c, "request failed");
    return n;
}

static const char *a_response(fb_ctx *c, int i)
{
    return i >= 0 && i < c->answers.n ? c->answers.text[i] : NULL;
}

static const char *a_response_plugin(fb_ctx *c, int i)
{
    return i >= 0 && i < c->answers.n ? c->answers.plugin[i] : NULL;
}

static int a_respond(fb_ctx *c, const char *text)
{
    if (!c->sink || !text)
        return failure(c, "respond outside a request");
    if (fb__events_answer(c->t, c->sink, text, pname(c)))
        return failure(c, "respond: out of memory");
    return 0;
}

/* Append "/cmd — help" (escaped) for every command of d role may see. */
static void menu_lines(FILE *f, const fb_plugin *d, fb_role role)
{
    for (const fb_route *r = d->routes; r && r->kind; r++) {
        const char *name = fb__route_menu_name(r, role, 0);
        char *help;
        if (!name)
            continue;
        help = r->help && r->help[0] ? fb_html_escape_dup(r->help) : NULL;
        fprintf(f, "%s/%s%s%s", ftell(f) ? "\n" : "", name,
                help ? " \u2014 " : "", help ? help : "");
        free(help);
    }
}

static const char *a_menu(fb_ctx *c, fb_role role)
{
    const fb__plugins *p = c->t->core->plugins;
    char *buf = NULL, *out;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        failure(c, "menu: out of memory");
        return NULL;
    }
    for (size_t i = 0; p && i < p->n; i++)
        menu_lines(f, p->v[i].desc, role);
    fclose(f);
    out = fb__txn_strdup(c->t, buf ? buf : "");
    free(buf);
    if (!out)
        failure(c, "menu: out of memory");
    return out;
}

static int a_flow_reask(fb_ctx *c)
{
    const fb_flow *f;
    const fb_state *s;
    fb__txn_flow_owner(c->t, &f);
    s = owns(c) ? fb__flow_state(f, c->t->convo.state) : NULL;
    if (!fb__state_ask(c->plugin, s))
        return failure(c, "flow_reask: no question in this state");
    prompt_due(c->t);
    return 0;
}

/* ---- minor 3: the bytes of a file a user sent ----------------------------- */
static const void *a_file_bytes(fb_ctx *c, const char *file_id, size_t max,
                                size_t *len)
{
    char *bytes = NULL, *copy;
    fb__tg_error e;
    size_t n = 0;

    if (len)
        *len = 0;
    if (!file_id || !*file_id || !len || !c->t->core->tg)
        return failure(c, "file_bytes: no file"), NULL;
    if (fb__tg_download(c->t->core->tg, file_id,
                        max && max < FB_FILE_MAX ? max : FB_FILE_MAX, &bytes,
                        &n, &e) != FB__TG_OK) {
        plog(c, FB_LOG_WARN, "file_failed", "file %s: %s", file_id,
             e.description);
        return failure(c, "file_bytes: the file could not be fetched"), NULL;
    }
    copy = fb__txn_alloc(c->t, n + 1);
    if (copy) {
        memcpy(copy, bytes, n);
        copy[n] = '\0';
        *len = n;
    }
    free(bytes);
    if (!copy)
        failure(c, "file_bytes: out of memory");
    return copy;
}

/* ---- minor 4: bulk sends ---------------------------------------------------
 */
static int a_send_bulk(fb_ctx *c, int64_t chat, const char *tag,
                       fb_bulk_media media, const char *file_id,
                       const char *html, unsigned flags)
{
    if (flags & ~FB_BULK_PAID)
        return failure(c, "send_bulk: unknown flags");
    return out_status(
        c, fb__txn_send_bulk(c->t, chat, tag, media, file_id, html, flags),
        "send_bulk");
}

static int a_bulk_counts(fb_ctx *c, const char *tag, fb_bulk_tally *out)
{
    char err[256] = "no transaction";

    if (!tag || !out)
        return failure(c, "bulk_counts: no tag");
    if (c->t->conn &&
        fb__outstore_tag_counts(c->t->conn, tag, out, err, sizeof err) == 0)
        return 0;
    plog(c, FB_LOG_ERROR, "bulk_counts_failed", "%s", err);
    return failure(c, "bulk_counts failed");
}

static long long a_bulk_cancel(fb_ctx *c, const char *tag)
{
    char err[256] = "no transaction";
    long long n = -1;

    if (!tag)
        return failure(c, "bulk_cancel: no tag");
    if (c->t->conn)
        n = fb__outstore_tag_cancel(c->t->conn, tag, err, sizeof err);
    if (n >= 0)
        return n;
    plog(c, FB_LOG_ERROR, "bulk_cancel_failed", "%s", err);
    return failure(c, "bulk_cancel failed");
}

static long long a_bulk_room(fb_ctx *c)
{
    return fb__outbox_bulk_room(c->t->core->outbox);
}

static const fb_host_api table = {
    .size = sizeof(fb_host_api),
    .kind = a_kind,
    .chat_id = a_chat,
    .user_id = a_user,
    .message_id = a_msg,
    .text = a_text,
    .command = a_command,
    .args = a_args,
    .data = a_data,
    .file_id = a_file_id,
    .file_name = a_file_name,
    .contact_phone = a_phone,
    .first_name = a_first,
    .last_name = a_last,
    .username = a_username,
    .role = a_role,
    .plugin_name = a_plugin_name,
    .send = a_send,
    .edit = a_edit,
    .delete_message = a_delete,
    .answer = a_answer,
    .send_document = a_doc,
    .send_photo = a_photo,
    .set_commands_for = a_set_commands,
    .query = a_query,
    .rows_count = fb__rows_count,
    .rows_get = fb__rows_get,
    .rows_affected = fb__rows_affected,
    .rows_free = fb__rows_free,
    .flow_start = a_flow_start,
    .flow_goto = a_flow_goto,
    .flow_end = a_flow_end,
    .flow_name = a_flow_name,
    .flow_state = a_flow_state,
    .flow_get = a_flow_get,
    .flow_set = a_flow_set,
    .user_set_role = a_set_role,
    .user_set_banned = a_set_banned,
    .user_role = a_user_role,
    .super_admin = a_super_admin,
    .publish = a_publish,
    .event_name = a_event_name,
    .event_json = a_event_json,
    .config = a_config,
    .log = a_log,
    .ask_contact = a_ask_contact,
    .send_plain = a_send_plain,
    .contact_user_id = a_contact_user,
    .alloc = a_alloc,
    .fail = a_fail,
    .failed = a_failed,
    .now = a_now,
    .today = a_today,
    .timezone = a_timezone,
    .user_name = a_user_name,
    .user_set_name = a_user_set_name,
    .request = a_request,
    .response = a_response,
    .response_plugin = a_response_plugin,
    .respond = a_respond,
    .menu = a_menu,
    .flow_reask = a_flow_reask,
    .file_bytes = a_file_bytes,
    .send_bulk = a_send_bulk,
    .bulk_counts = a_bulk_counts,
    .bulk_cancel = a_bulk_cancel,
    .bulk_room = a_bulk_room,
};

/* See api.h. */
const fb_host_api *fb__api_table(void)
{
    return &table;
}

/* See api.h. */
void fb__ctx_init(fb_ctx *c, fb__txn *t, const fb__plugin *p,
                  fb_update_kind kind)
{
    memset(c, 0, sizeof *c);
    c->head.api = &table;
    c->t = t;
    c->plugin = p;
    c->kind = kind;
}

/* See api.h. */
int fb__txn_init(fb__txn *t, fb__core *core, PGconn *conn)
{
    memset(t, 0, sizeof *t);
    t->core = core;
    t->conn = conn;
    t->out = fb__outbatch_new();
    return t->out ? 0 : -1;
}

/* See api.h. */
void fb__txn_clear(fb__txn *t)
{
    fb__outbatch_free(t->out);
    t->out = NULL;
    fb__rowset_clear(&t->rows);
    fb__convo_clear(&t->convo);
    for (int i = 0; i < t->nretired; i++)
        fb__convo_clear(&t->retired[i]);
    t->nretired = 0;
    for (; t->more_retired; t->more_retired = t->more_retired->next)
        fb__convo_clear(&t->more_retired->c); /* before mem frees the node */
    t->has_convo = 0;
    while (t->mem) {
        struct fb__mem *m = t->mem;
        t->mem = m->next;
        free(m);
    }
}
