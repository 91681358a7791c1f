/* fbhost: the stand-in host's runs (one update in one transaction: route,
 * role, flow input with fb_ask, the question after the handler) and what a
 * test reads afterwards. See fbhost.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbhost_int.h"
#include "fitbot/sdk.h"

#define TEXT_REFUSED "refused"
#define TEXT_CANCELLED "Cancelled."
#define TEXT_NOTHING "Nothing to cancel."

/* ---- helpers of the table ------------------------------------------------ */
/* See fbhost_int.h. */
void fbh__ctx(fb_ctx *c, fbh_host *h, fb_update_kind kind)
{
    memset(c, 0, sizeof *c);
    c->api = &fbh__api;
    c->h = h;
    c->kind = kind;
}

/* See fbhost_int.h. */
void fbh__fail(fbh_host *h, const char *why)
{
    if (h->run.failed)
        return;
    h->run.failed = 1;
    h->run.failure = fbh__dup(why ? why : "(no reason)");
}

/* See fbhost_int.h. */
int fbh__call(fb_handler handler, fb_ctx *c)
{
    if (!handler) {
        fbh__fail(c->h, "fbhost: no handler");
        return FB_ERR;
    }
    return handler(c);
}

/* ---- the pieces of a run --------------------------------------------------
 */
/* Send html as a's question (through a->ask when set). */
static int ask(fb_ctx *c, const fb_ask *a, const char *html)
{
    if (a->ask)
        return a->ask(c, html);
    return html ? fb_reply(c, html, NULL) : FB_OK;
}

static const fb_flow *flow_of(fbh_host *h, const char *name)
{
    for (const fb_flow *f = h->p->flows; f && f->name; f++)
        if (name && strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* The sender's current state, NULL when no flow. */
static const fb_state *current(fbh_host *h, const fb_flow **flow)
{
    fbh_convo *cv = fbh__convo(h);

    *flow = flow_of(h, cv->flow);
    for (const fb_state *s = *flow ? (*flow)->states : NULL; s && s->name; s++)
        if (strcmp(s->name, cv->state) == 0)
            return s;
    return NULL;
}

/* Tell the sender no: the handler does not run, the run commits. */
static int refuse(fb_ctx *c)
{
    if (c->kind == FB_UPDATE_CALLBACK)
        return fb_answer(c, TEXT_REFUSED, 1);
    return fb_reply(c, TEXT_REFUSED, NULL);
}

static int allowed(fb_ctx *c, fb_role need, int banned_ok)
{
    fbh_person *p = fbh__person(c->h, c->h->user);

    return !(p->banned && !banned_ok) && c->h->role >= need;
}

/* /cancel, or another flow's entry: the cancel hook, then no flow. */
static int end_flow(fb_ctx *c)
{
    const fb_flow *f;
    int rc = FB_OK;

    current(c->h, &f);
    if (f && f->on_cancel)
        rc = f->on_cancel(c);
    fb_flow_end(c);
    return rc;
}

static int unclaimed(fb_ctx *c, const char *what)
{
    char why[160];

    snprintf(why, sizeof why, "fbhost: nothing claims %.100s", what);
    return fb_fail(c, why);
}

static int run_route(fb_ctx *c, const fb_route *r)
{
    if (!allowed(c, r->role, (r->flags & FB_ROUTE_BANNED_OK) != 0))
        return refuse(c);
    if (r->enters && fbh__convo(c->h)->flow && end_flow(c) != FB_OK)
        return FB_ERR;
    return fbh__call(r->handler, c);
}

/* The answer to a, checked and stored under its key: FB_OK, 1 when it
 * was asked again (bad input), or FB_ERR. value is sized to the text, as
 * the host does. */
static int take_answer(fb_ctx *c, const fb_ask *a)
{
    const char *text = c->h->run.text ? c->h->run.text : "", *bad;
    size_t len = strlen(text) + 32;
    char *value = malloc(len);
    int rc = FB_OK;

    if (!value)
        return FB_ERR;
    if (fb__ask_input(a, c->kind, text, value, len) != 0)
        rc = ask(c, a, a->bad ? a->bad : a->prompt) == FB_OK ? 1 : FB_ERR;
    else if (a->check && (bad = a->check(c)))
        rc = ask(c, a, bad) == FB_OK ? 1 : FB_ERR;
    else if (a->key && fb_flow_set(c, a->key, value) != FB_OK)
        rc = FB_ERR;
    free(value);
    return rc;
}

/* Input in a state: plugin.h's fb_ask steps, then the handler or next. */
static int run_state(fb_ctx *c, const fb_flow *f, const fb_state *st)
{
    const fb_ask *a = st->ask;
    int rc;

    if (!allowed(c, st->role, 0))
        return refuse(c);
    if (!a)
        return fbh__call(st->handler, c);
    if ((rc = take_answer(c, a)) != FB_OK)
        return rc == 1 ? FB_OK : rc;
    if (st->handler)
        return st->handler(c);
    if (a->next)
        return fb_flow_goto(c, a->next);
    return fb_flow_end(c);
}

/* The question of the state the handler moved into. */
static int ask_due(fb_ctx *c)
{
    const fb_flow *f;
    const fb_state *st = current(c->h, &f);

    if (!c->h->run.ask_due || !st || !st->ask)
        return FB_OK;
    return ask(c, st->ask, st->ask->prompt);
}

/* ---- what each kind of run does ---------------------------------------- */
static int act_command(fb_ctx *c)
{
    const char *cmd = c->h->run.command;

    for (const fb_route *r = c->h->p->routes; r && r->kind; r++)
        if (r->kind == FB_ROUTE_COMMAND && strcmp(r->match, cmd) == 0)
            return run_route(c, r);
    if (strcmp(cmd, "cancel") == 0) {
        int had = fbh__convo(c->h)->flow != NULL;
        if (had && end_flow(c) != FB_OK)
            return FB_ERR;
        return fb_reply(c, had ? TEXT_CANCELLED : TEXT_NOTHING, NULL);
    }
    return unclaimed(c, c->h->run.text);
}

static int act_press(fb_ctx *c)
{
    const fb_route *best = NULL;
    const char *data = c->h->run.data;

    for (const fb_route *r = c->h->p->routes; r && r->kind; r++)
        if (r->kind == FB_ROUTE_CALLBACK &&
            strncmp(data, r->match, strlen(r->match)) == 0 &&
            (!best || strlen(r->match) > strlen(best->match)))
            best = r;
    return best ? run_route(c, best) : unclaimed(c, data);
}

static int act_text(fb_ctx *c)
{
    const fb_flow *f;
    const fb_state *st = current(c->h, &f);

    if (st)
        return run_state(c, f, st);
    for (const fb_route *r = c->h->p->routes; r && r->kind; r++)
        if (r->kind == FB_ROUTE_GENERIC)
            return run_route(c, r);
    return unclaimed(c, "a text message");
}

static int act_event(fb_ctx *c)
{
    const char *name = c->h->run.event;

    for (const fb_subscription *s = c->h->p->subs; s && s->event; s++)
        if (strcmp(s->event, name) == 0)
            return fb_publish(c, name, c->h->run.json);
    return unclaimed(c, name);
}

static int act_job(fb_ctx *c)
{
    for (const fb_job *j = c->h->p->jobs; j && j->name; j++)
        if (strcmp(j->name, c->h->run.event) == 0)
            return fbh__call(j->handler, c);
    return unclaimed(c, c->h->run.event);
}

static int act_init(fb_ctx *c)
{
    return fbh__call(c->h->p->init, c);
}

/* ---- one run ----------------------------------------------------------- */
static void keep_messages(fbh_host *h)
{
    fbh_run *r = &h->run;

    if (r->nout == 0)
        return;
    h->log = realloc(h->log, (h->nlog + r->nout + 1) * sizeof *h->log);
    if (!h->log)
        abort();
    memcpy(h->log + h->nlog, r->out, r->nout * sizeof *r->out);
    h->nlog += r->nout;
    r->nout = 0;
}

/* Forget the run: memory, update, queued messages, answer, responses. */
static void run_reset(fbh_host *h)
{
    fbh_run *r = &h->run;

    for (size_t i = 0; i < r->nmem; i++)
        free(r->mem[i]);
    for (size_t i = 0; i < r->nout; i++)
        fbh__out_free(&r->out[i]);
    for (size_t i = 0; i < r->nresp; i++)
        free(r->resp[i]);
    free(r->mem);
    free(r->out);
    free(r->resp);
    free(r->text);
    free(r->command);
    free(r->args);
    free(r->data);
    free(r->event);
    free(r->json);
    free(r->answer);
    free(r->failure);
    free(r->file_name);
    free(r->file);
    memset(r, 0, sizeof *r);
}

/* Record the outcome of the run for the test. */
static void outcome(fbh_host *h, int rc)
{
    free(h->failure);
    free(h->answer);
    h->failure = h->run.failure;
    h->run.failure = NULL;
    h->pressed = h->run.kind == FB_UPDATE_CALLBACK;
    h->answer =
        h->pressed ? fbh__dup(h->run.answer ? h->run.answer : "") : NULL;
    h->alert = h->run.alert;
    h->rc = rc;
}

static void convo_swap(fbh_convo *a, fbh_convo *b)
{
    fbh_convo t = *a;

    *a = *b;
    *b = t;
}

/* The update set up in h->run: begin, act, ask, sticky failure, commit or
 * roll back (messages and the conversation with it). */
static int run(fbh_host *h, fb_update_kind kind, int (*act)(fb_ctx *))
{
    fbh_convo saved = {NULL, NULL, {NULL, 0}}, *cv = fbh__convo(h);
    fb_ctx c;
    int rc;

    saved.flow = fbh__dup(cv->flow);
    saved.state = fbh__dup(cv->state);
    fbh__kv_copy(&saved.vals, &cv->vals);
    h->run.kind = kind;
    h->run.message_id = (int64_t)h->nlog;
    fbh__ctx(&c, h, kind);
    rc = fbh__begin(h) == 0 ? act(&c) : FB_ERR;
    if (rc == FB_OK && !h->run.failed)
        rc = ask_due(&c);
    if (h->run.failed && h->p->abi_minor >= 2)
        rc = FB_ERR;
    if (fbh__end(h, rc == FB_OK) != 0)
        rc = FB_ERR;
    if (rc == FB_OK)
        keep_messages(h);
    else
        convo_swap(fbh__convo(h), &saved);
    fbh__convo_clear(&saved);
    outcome(h, rc);
    run_reset(h);
    return rc;
}

/* The plugin's init before its first run. 0, or -1 (h->rc FB_ERR). */
static int ready(fbh_host *h)
{
    if (h->initialized)
        return 0;
    h->initialized = 1;
    return h->p->init && run(h, FB_UPDATE_INIT, act_init) != FB_OK ? -1 : 0;
}

/* ---- set up -------------------------------------------------------------- */
/* See fbhost.h. */
fbh_host *fbh_new(const fb_plugin *p, const char *conninfo)
{
    fbh_host *h = p ? calloc(1, sizeof *h) : NULL;

    if (!h)
        return NULL;
    h->p = p;
    h->zone = fbh__dup("UTC");
    h->rc = FB_OK;
    if (conninfo) {
        h->db = PQconnectdb(conninfo);
        if (PQstatus(h->db) != CONNECTION_OK) {
            fprintf(stderr, "fbhost: %s", PQerrorMessage(h->db));
            PQfinish(h->db);
            h->db = NULL;
            fbh_free(h);
            return NULL;
        }
    }
    return h;
}

/* See fbhost.h. */
void fbh_free(fbh_host *h)
{
    fb_ctx c;

    if (!h)
        return;
    if (h->initialized && h->p->fini) {
        fbh__ctx(&c, h, FB_UPDATE_INIT);
        h->p->fini(&c);
        run_reset(h);
    }
    PQfinish(h->db);
    for (size_t i = 0; i < h->npeople; i++) {
        free(h->people[i].name);
        fbh__convo_clear(&h->convos[i]);
    }
    for (size_t i = 0; i < h->nlog; i++)
        fbh__out_free(&h->log[i]);
    fbh__kv_free(&h->config);
    free(h->people);
    free(h->convos);
    free(h->log);
    free(h->zone);
    free(h->failure);
    free(h->answer);
    free(h->value);
    free(h);
}

/* See fbhost.h. */
void fbh_user(fbh_host *h, int64_t user, const char *name, fb_role role)
{
    fbh_person *p = fbh__person(h, user);

    free(p->name);
    p->name = fbh__dup(name);
    p->role = role;
}

/* See fbhost.h. */
void fbh_as(fbh_host *h, int64_t user, fb_role role)
{
    fbh__person(h, user)->role = role;
    h->user = user;
    h->role = role;
}

/* See fbhost.h. */
void fbh_config(fbh_host *h, const char *key, const char *value)
{
    fbh__kv_set(&h->config, key, value);
}

/* See fbhost.h. */
void fbh_set_now(fbh_host *h, int64_t epoch)
{
    h->now = epoch;
}

/* See fbhost.h. */
void fbh_set_timezone(fbh_host *h, const char *zone)
{
    free(h->zone);
    h->zone = fbh__dup(zone ? zone : "UTC");
}

/* ---- runs ---------------------------------------------------------------- */
/* See fbhost.h. */
int fbh_command(fbh_host *h, const char *line)
{
    const char *p, *end;
    size_t n;

    if (ready(h) != 0)
        return h->rc;
    line = line ? line : "";
    p = line + (*line == '/');
    n = strcspn(p, " @\t\n");
    h->run.text = fbh__dup(line);
    h->run.command = fbh__ndup(p, n);
    p += strcspn(p, " \t\n");
    while (isspace((unsigned char)*p))
        p++;
    end = p + strlen(p);
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    h->run.args = fbh__ndup(p, (size_t)(end - p));
    return run(h, FB_UPDATE_COMMAND, act_command);
}

/* See fbhost.h. */
int fbh_press(fbh_host *h, const char *data)
{
    if (ready(h) != 0)
        return h->rc;
    if (!data) {
        h->run.failure = fbh__dup("fbhost: fbh_press(NULL): no such button");
        outcome(h, FB_ERR);
        run_reset(h);
        return FB_ERR;
    }
    h->run.data = fbh__dup(data);
    return run(h, FB_UPDATE_CALLBACK, act_press);
}

/* See fbhost.h. */
int fbh_text(fbh_host *h, const char *text)
{
    if (ready(h) != 0)
        return h->rc;
    h->run.text = fbh__dup(text ? text : "");
    return run(h, FB_UPDATE_TEXT, act_text);
}

/* See fbhost.h. */
int fbh_document(fbh_host *h, const char *name, const void *bytes,
                 size_t len)
{
    if (ready(h) != 0)
        return h->rc;
    h->run.text = fbh__dup("");
    h->run.file_name = fbh__dup(name ? name : "file");
    h->run.file = malloc(len + 1);
    if (!h->run.file)
        abort();
    memcpy(h->run.file, bytes, len);
    h->run.file[len] = '\0';
    h->run.file_len = len;
    return run(h, FB_UPDATE_DOCUMENT, act_text);
}

/* See fbhost.h. */
int fbh_event(fbh_host *h, const char *name, const char *json)
{
    if (ready(h) != 0)
        return h->rc;
    h->run.event = fbh__dup(name ? name : "");
    h->run.json = fbh__dup(json ? json : "{}");
    return run(h, FB_UPDATE_EVENT, act_event);
}

/* See fbhost.h. */
int fbh_job(fbh_host *h, const char *name)
{
    if (ready(h) != 0)
        return h->rc;
    h->run.event = fbh__dup(name ? name : "");
    return run(h, FB_UPDATE_JOB, act_job);
}

/* ---- what happened ------------------------------------------------------- */
/* The index of message i (negative: from the end), or -1. */
static long msg_index(const fbh_host *h, int i)
{
    long k = i < 0 ? (long)h->nlog + i : i;

    return k >= 0 && k < (long)h->nlog ? k : -1;
}

int fbh_rc(const fbh_host *h)
{
    return h->rc;
}
const char *fbh_failure(const fbh_host *h)
{
    return h->failure;
}
int fbh_count(const fbh_host *h)
{
    return (int)h->nlog;
}
const char *fbh_last(const fbh_host *h)
{
    return fbh_msg(h, -1);
}
const char *fbh_answer(const fbh_host *h)
{
    return h->answer;
}
int fbh_answer_alert(const fbh_host *h)
{
    return h->pressed && h->alert;
}

/* See fbhost.h. */
const char *fbh_msg(const fbh_host *h, int i)
{
    long k = msg_index(h, i);
    return k < 0 ? NULL : h->log[k].text;
}

/* See fbhost.h. */
int64_t fbh_msg_chat(const fbh_host *h, int i)
{
    long k = msg_index(h, i);
    return k < 0 ? 0 : h->log[k].chat;
}

/* See fbhost.h. */
const char *fbh_keyboard(const fbh_host *h, int i)
{
    long k = msg_index(h, i);
    return k < 0 ? NULL : h->log[k].kbtext;
}

/* See fbhost.h. */
const char *fbh_button(const fbh_host *h, int i, const char *text)
{
    long k = msg_index(h, i);
    return k < 0 || !text ? NULL : fbh__kv_get(&h->log[k].buttons, text);
}

/* The sender's conversation, NULL if the sender never spoke. */
static const fbh_convo *convo_of(const fbh_host *h)
{
    for (size_t i = 0; i < h->npeople; i++)
        if (h->people[i].id == h->user)
            return &h->convos[i];
    return NULL;
}

/* See fbhost.h. */
const char *fbh_flow(const fbh_host *h)
{
    const fbh_convo *cv = convo_of(h);
    return cv && cv->flow ? cv->flow : "";
}

/* See fbhost.h. */
const char *fbh_state(const fbh_host *h)
{
    const fbh_convo *cv = convo_of(h);
    return cv && cv->state ? cv->state : "";
}

/* See fbhost.h. */
const char *fbh_flow_value(const fbh_host *h, const char *key)
{
    const fbh_convo *cv = convo_of(h);
    return cv && key ? fbh__kv_get(&cv->vals, key) : NULL;
}
