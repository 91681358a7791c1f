/* fbhost_api: the host function table (ABI minor 4) of the stand-in host.
 * Every function reads or changes the host's run; see fbhost.h for what
 * the stand-in does differently from the daemon (nothing is sent). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fbhost_int.h"

#define H(c) ((c)->h)
#define RUN(c) (&(c)->h->run)

/* ---- the update ---------------------------------------------------------- */
static fb_update_kind a_kind(fb_ctx *c)
{
    return c->kind;
}
static int64_t a_user(fb_ctx *c)
{
    return H(c)->user;
}
static int64_t a_message(fb_ctx *c)
{
    return RUN(c)->message_id;
}
static const char *or_empty(const char *s)
{
    return s ? s : "";
}
static const char *a_text(fb_ctx *c)
{
    return or_empty(RUN(c)->text);
}
static const char *a_command(fb_ctx *c)
{
    return or_empty(RUN(c)->command);
}
static const char *a_args(fb_ctx *c)
{
    return or_empty(RUN(c)->args);
}
static const char *a_data(fb_ctx *c)
{
    return or_empty(RUN(c)->data);
}
static const char *a_empty(fb_ctx *c)
{
    return "";
}
static fb_role a_role(fb_ctx *c)
{
    return H(c)->role;
}
static const char *a_plugin(fb_ctx *c)
{
    return H(c)->p->name;
}

static const char *a_first(fb_ctx *c)
{
    fbh_person *p = fbh__person(H(c), H(c)->user);
    return or_empty(p->name);
}

/* ---- outbound ------------------------------------------------------------ */
/* Record kb's buttons: texts for fbh_keyboard, text -> data. */
static void record_kb(fbh_out *o, const fb_keyboard *kb)
{
    char buf[8192] = "";
    size_t n = 0;

    for (int r = 0; kb && r < kb->rows; r++)
        for (int i = 0; i < kb->cols[r]; i++) {
            const fb_button *b = &kb->b[r][i];
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
                                  i   ? " | "
                                  : r ? "\n"
                                      : "",
                                  b->text);
            fbh__kv_set(&o->buttons, b->text, b->url[0] ? b->url : b->data);
        }
    o->kbtext = fbh__dup(buf);
}

static int queue(fb_ctx *c, int64_t chat, const char *text,
                 const fb_keyboard *kb)
{
    fbh_run *r = RUN(c);
    fbh_out *o;

    if (!text || (kb && kb->error)) {
        fbh__fail(H(c), text ? "send: keyboard with an error" : "send: NULL");
        return FB_ERR;
    }
    r->out = realloc(r->out, (r->nout + 1) * sizeof *r->out);
    if (!r->out)
        abort();
    o = &r->out[r->nout++];
    memset(o, 0, sizeof *o);
    o->chat = chat ? chat : H(c)->user;
    o->text = fbh__dup(text);
    record_kb(o, kb);
    return FB_OK;
}

static int a_send(fb_ctx *c, int64_t chat, const char *html,
                  const fb_keyboard *kb)
{
    return queue(c, chat, html, kb);
}

static int a_edit(fb_ctx *c, int64_t chat, int64_t msg, const char *html,
                  const fb_keyboard *kb)
{
    return queue(c, chat, html, kb);
}

static int a_delete(fb_ctx *c, int64_t chat, int64_t msg)
{
    return FB_OK;
}

static int a_answer(fb_ctx *c, const char *text, int alert)
{
    fbh_run *r = RUN(c);

    if (c->kind != FB_UPDATE_CALLBACK || r->answered)
        return FB_OK;
    r->answered = 1;
    r->alert = alert;
    r->answer = fbh__dup(text ? text : "");
    return FB_OK;
}

static int a_document(fb_ctx *c, int64_t chat, const char *name, const void *b,
                      size_t n, const char *caption)
{
    return queue(c, chat, caption ? caption : name, NULL);
}

static int a_set_commands(fb_ctx *c, int64_t chat, fb_role role)
{
    return FB_OK;
}

static int a_ask_contact(fb_ctx *c, int64_t chat, const char *html,
                         const char *button)
{
    return queue(c, chat, html, NULL);
}

static int a_send_plain(fb_ctx *c, int64_t chat, const char *html,
                        unsigned flags)
{
    return queue(c, chat, html, NULL);
}

static int64_t a_contact_user(fb_ctx *c)
{
    return 0;
}

/* ---- conversations ------------------------------------------------------- */
static const fb_flow *find_flow(fbh_host *h, const char *name)
{
    for (const fb_flow *f = h->p->flows; f && f->name; f++)
        if (name && strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* The state of flow named state, NULL if none. */
static const fb_state *find_state(const fb_flow *f, const char *state)
{
    for (const fb_state *s = f ? f->states : NULL; s && s->name; s++)
        if (state && strcmp(s->name, state) == 0)
            return s;
    return NULL;
}

/* Enter state (of the key's flow): its question is asked after the
 * handler. */
static int enter(fb_ctx *c, const char *flow, const char *state)
{
    fbh_convo *cv = fbh__convo(H(c));
    char *f = fbh__dup(flow), *s = fbh__dup(state);

    if (!find_state(find_flow(H(c), flow), state)) {
        free(f);
        free(s);
        fbh__fail(H(c), "flow: no such flow or state");
        return FB_ERR;
    }
    if (!cv->flow || strcmp(cv->flow, flow) != 0)
        fbh__convo_clear(cv);
    free(cv->flow);
    free(cv->state);
    cv->flow = f;
    cv->state = s;
    RUN(c)->ask_due = 1;
    return FB_OK;
}

static int a_flow_start(fb_ctx *c, const char *flow, const char *state)
{
    return enter(c, flow, state);
}

static int a_flow_goto(fb_ctx *c, const char *state)
{
    const char *flow = fbh__convo(H(c))->flow;

    if (!flow) {
        fbh__fail(H(c), "flow_goto: no conversation");
        return FB_ERR;
    }
    return enter(c, flow, state);
}

static int a_flow_end(fb_ctx *c)
{
    fbh__convo_clear(fbh__convo(H(c)));
    RUN(c)->ask_due = 0;
    return FB_OK;
}

static const char *a_file_id(fb_ctx *c)
{
    return RUN(c)->file_name ? FBH_FILE_ID : "";
}
static const char *a_file_name(fb_ctx *c)
{
    return or_empty(RUN(c)->file_name);
}
/* The bytes of fbh_document's file; any other id fails, as the host does
 * when Telegram refuses it. */
static const void *a_file_bytes(fb_ctx *c, const char *id, size_t max,
                                size_t *len)
{
    fbh_run *r = RUN(c);

    *len = 0;
    if (!r->file || !id || strcmp(id, FBH_FILE_ID) != 0 ||
        (max && r->file_len > max)) {
        fbh__fail(c->h, "file_bytes: no such file (or too large)");
        return NULL;
    }
    *len = r->file_len;
    return r->file;
}

static int a_flow_reask(fb_ctx *c)
{
    if (!fbh__convo(H(c))->flow)
        return FB_OK;
    RUN(c)->ask_due = 1;
    return FB_OK;
}

static const char *a_flow_name(fb_ctx *c)
{
    return or_empty(fbh__convo(H(c))->flow);
}

static const char *a_flow_state(fb_ctx *c)
{
    return or_empty(fbh__convo(H(c))->state);
}

static const char *a_flow_get(fb_ctx *c, const char *k)
{
    const char *v = k ? fbh__kv_get(&fbh__convo(H(c))->vals, k) : NULL;
    return v ? fbh__keep(H(c), fbh__dup(v)) : NULL;
}

static int a_flow_set(fb_ctx *c, const char *k, const char *v)
{
    fbh_convo *cv = fbh__convo(H(c));

    if (!cv->flow || !k) {
        fbh__fail(H(c), "flow_set: no conversation");
        return FB_ERR;
    }
    return fbh__kv_set(&cv->vals, k, v) == 0 ? FB_OK : FB_ERR;
}

/* ---- identity ------------------------------------------------------------ */
static fbh_person *known(fbh_host *h, int64_t id)
{
    for (size_t i = 0; i < h->npeople; i++)
        if (h->people[i].id == id && h->people[i].role != FB_ROLE_UNKNOWN)
            return &h->people[i];
    return NULL;
}

static int a_set_role(fb_ctx *c, int64_t u, fb_role role)
{
    fbh__person(H(c), u)->role = role;
    if (u == H(c)->user)
        H(c)->role = role;
    return FB_OK;
}

static int a_set_banned(fb_ctx *c, int64_t u, int banned, const char *why)
{
    fbh__person(H(c), u)->banned = banned;
    return FB_OK;
}

static fb_role a_user_role(fb_ctx *c, int64_t u)
{
    fbh_person *p = known(H(c), u);
    return p ? p->role : FB_ROLE_UNKNOWN;
}

static int64_t a_super_admin(fb_ctx *c)
{
    return 0;
}

static const char *a_user_name(fb_ctx *c, int64_t u)
{
    fbh_person *p = known(H(c), u);
    return p ? p->name : NULL;
}

static int a_user_set_name(fb_ctx *c, int64_t u, const char *name)
{
    fbh_person *p = fbh__person(H(c), u);

    free(p->name);
    p->name = fbh__dup(name);
    return FB_OK;
}

/* ---- events and requests ------------------------------------------------- */
/* Run every subscriber of name with json. Returns FB_OK or FB_ERR. */
static int deliver(fb_ctx *c, const char *name, const char *json, int req)
{
    for (const fb_subscription *s = H(c)->p->subs; s && s->event; s++) {
        fb_ctx sub;
        if (strcmp(s->event, name) != 0)
            continue;
        fbh__ctx(&sub, H(c), FB_UPDATE_EVENT);
        sub.event = s->event;
        sub.json = json ? json : "{}";
        sub.in_request = req;
        if (fbh__call(s->handler, &sub) != FB_OK)
            return FB_ERR;
    }
    return FB_OK;
}

static int a_publish(fb_ctx *c, const char *event, const char *json)
{
    return event ? deliver(c, event, json, 0) : FB_ERR;
}

static const char *a_event_name(fb_ctx *c)
{
    return or_empty(c->event);
}
static const char *a_event_json(fb_ctx *c)
{
    return c->json;
}

static int a_request(fb_ctx *c, const char *name, const char *json)
{
    fbh_run *r = RUN(c);

    for (size_t i = 0; i < r->nresp; i++)
        free(r->resp[i]);
    r->nresp = 0;
    if (!name || deliver(c, name, json, 1) != FB_OK)
        return -1;
    return (int)r->nresp;
}

static const char *a_response(fb_ctx *c, int i)
{
    return i >= 0 && (size_t)i < RUN(c)->nresp ? RUN(c)->resp[i] : NULL;
}

static const char *a_response_plugin(fb_ctx *c, int i)
{
    return a_response(c, i) ? H(c)->p->name : NULL;
}

static int a_respond(fb_ctx *c, const char *text)
{
    fbh_run *r = RUN(c);

    if (!c->in_request || !text) {
        fbh__fail(H(c), "respond: not in a request");
        return FB_ERR;
    }
    r->resp = realloc(r->resp, (r->nresp + 1) * sizeof *r->resp);
    if (!r->resp)
        abort();
    r->resp[r->nresp++] = fbh__dup(text);
    return FB_OK;
}

/* ---- the rest ------------------------------------------------------------ */
static const char *a_config(fb_ctx *c, const char *k, const char *fallback)
{
    const char *v = k ? fbh__kv_get(&H(c)->config, k) : NULL;
    return v ? v : fallback;
}

static void a_log(fb_ctx *c, int level, const char *fmt, va_list ap)
{
    fprintf(stderr, "fbhost: %s: ", H(c)->p->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void *a_alloc(fb_ctx *c, size_t n)
{
    void *p = fbh__keep(H(c), calloc(1, n ? n : 1));

    if (!p)
        fbh__fail(H(c), "alloc: out of memory");
    return p;
}

static void a_fail(fb_ctx *c, const char *why)
{
    fbh__fail(H(c), why);
}
static int a_failed(fb_ctx *c)
{
    return RUN(c)->failed;
}

static int64_t a_now(fb_ctx *c)
{
    return H(c)->now ? H(c)->now : (int64_t)time(NULL);
}

/* The date of now in the club's zone (TZ set for the moment). */
static int a_today(fb_ctx *c, fb_date *out)
{
    char *old = fbh__dup(getenv("TZ"));
    time_t t = (time_t)a_now(c);
    struct tm tm;

    setenv("TZ", H(c)->zone, 1);
    tzset();
    localtime_r(&t, &tm);
    if (old)
        setenv("TZ", old, 1);
    else
        unsetenv("TZ");
    tzset();
    free(old);
    *out = (fb_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return FB_OK;
}

static const char *a_timezone(fb_ctx *c)
{
    return H(c)->zone;
}

/* The plugin's commands the role may use, one line each. */
static const char *a_menu(fb_ctx *c, fb_role role)
{
    char buf[4096] = "";
    size_t n = 0;

    for (const fb_route *r = H(c)->p->routes; r && r->kind; r++)
        if (r->kind == FB_ROUTE_COMMAND && !(r->flags & FB_ROUTE_HIDDEN) &&
            role >= r->role)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s/%s — %s",
                                  n ? "\n" : "", r->match, or_empty(r->help));
    return fbh__keep(H(c), fbh__dup(buf));
}

/* ---- minor 4: bulk sends, delivered at commit like any message ------------
 */
static int a_send_bulk(fb_ctx *c, int64_t chat, const char *tag,
                       fb_bulk_media media, const char *file_id,
                       const char *html, unsigned flags)
{
    fbh_run *r = RUN(c);

    if (!chat || !tag || !*tag || (flags & ~FB_BULK_PAID) ||
        (media != FB_BULK_TEXT && (!file_id || !*file_id))) {
        fbh__fail(H(c), "send_bulk refused");
        return FB_ERR;
    }
    if (queue(c, chat, html, NULL) != FB_OK)
        return FB_ERR;
    r->out[r->nout - 1].tag = fbh__dup(tag);
    return FB_OK;
}

static int tagged(const fbh_out *o, const char *tag)
{
    return o->tag && strcmp(o->tag, tag) == 0;
}

/* Committed bulk messages count as sent, the run's own as queued. */
static int a_bulk_counts(fb_ctx *c, const char *tag, fb_bulk_tally *out)
{
    if (!tag || !out) {
        fbh__fail(H(c), "bulk_counts: no tag");
        return FB_ERR;
    }
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < H(c)->nlog; i++)
        out->sent += tagged(&H(c)->log[i], tag);
    for (size_t i = 0; i < RUN(c)->nout; i++)
        out->queued += tagged(&RUN(c)->out[i], tag);
    return FB_OK;
}

/* Nothing waits after a commit here: nothing to cancel. */
static long long a_bulk_cancel(fb_ctx *c, const char *tag)
{
    (void)c;
    return tag ? 0 : -1;
}

static long long a_bulk_room(fb_ctx *c)
{
    (void)c;
    return 1000;
}

/* See fbhost_int.h. */
const fb_host_api fbh__api = {
    .size = sizeof(fb_host_api),
    .kind = a_kind,
    .chat_id = a_user,
    .user_id = a_user,
    .message_id = a_message,
    .text = a_text,
    .command = a_command,
    .args = a_args,
    .data = a_data,
    .file_id = a_file_id,
    .file_name = a_file_name,
    .contact_phone = a_empty,
    .first_name = a_first,
    .last_name = a_empty,
    .username = a_empty,
    .role = a_role,
    .plugin_name = a_plugin,
    .send = a_send,
    .edit = a_edit,
    .delete_message = a_delete,
    .answer = a_answer,
    .send_document = a_document,
    .send_photo = a_document,
    .set_commands_for = a_set_commands,
    .query = fbh__query,
    .rows_count = fbh__rows_count,
    .rows_get = fbh__rows_get,
    .rows_affected = fbh__rows_affected,
    .rows_free = fbh__rows_free,
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
