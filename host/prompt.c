/* prompt: a state's question asked, checked and answered (see prompt.h). */
#include "prompt.h"

#include <string.h>

#include "fitbot/sdk.h"
#include "log.h"

/* Send html as a's question: through a->ask (its keyboard comes again),
 * else as a reply. FB_OK or FB_ERR. */
static int ask(fb_ctx *c, const fb_ask *a, const char *html)
{
    int rc;
    if (a->ask)
        rc = a->ask(c, html);
    else if (html)
        rc = fb_reply(c, html, NULL);
    else
        rc = fb_fail(c, "a question with neither prompt nor ask");
    return rc == FB_OK && !c->failed ? FB_OK : FB_ERR;
}

/* Where an accepted answer leads when the state has no handler. */
static int move_on(fb_ctx *c, const fb_ask *a)
{
    int rc = a->next ? fb_flow_goto(c, a->next) : fb_flow_end(c);
    if (rc == 0 && !c->failed)
        return FB_OK;
    fb__log(FB_LOG_WARN, c->plugin->name, "handler_failed", "state %s: %s",
            fb_flow_state(c), c->failed ? c->why : "flow refused");
    return FB_ERR;
}

/* See prompt.h. */
int fb__prompt_answer(fb_ctx *c, const fb_state *s)
{
    const fb_ask *a = fb__state_ask(c->plugin, s);
    const char *text = c->t->u ? c->t->u->text : "", *again;
    size_t len = strlen(text) + 32;
    char *value = fb__txn_alloc(c->t, len);
    if (!value)
        return fb_fail(c, "out of memory");
    if (fb__ask_input(a, c->kind, text, value, len) != 0)
        return ask(c, a, a->bad ? a->bad : a->prompt);
    if (a->check && (again = a->check(c)) != NULL)
        return ask(c, a, again);
    if (c->failed)
        return FB_ERR;
    if (a->key && fb_flow_set(c, a->key, value) != 0)
        return FB_ERR;
    if (s->handler)
        return fb__call(s->handler, c, s->name);
    return move_on(c, a);
}

/* See prompt.h. */
int fb__prompt_flush(fb__txn *t)
{
    const fb_flow *f;
    const fb__plugin *p;
    const fb_ask *a;
    fb_ctx c;
    if (!t->prompt_due)
        return FB_OK;
    t->prompt_due = 0;
    if (!t->has_convo || strcmp(t->convo.plugin, t->prompt_plugin) != 0 ||
        strcmp(t->convo.flow, t->prompt_flow) != 0 ||
        strcmp(t->convo.state, t->prompt_state) != 0)
        return FB_OK;
    p = fb__txn_flow_owner(t, &f);
    a = fb__state_ask(p, fb__flow_state(f, t->convo.state));
    if (!a)
        return FB_OK;
    fb__ctx_init(&c, t, p, t->u ? t->u->kind : FB_UPDATE_NONE);
    if (ask(&c, a, a->prompt) == FB_OK)
        return FB_OK;
    fb__log(FB_LOG_WARN, p->name, "handler_failed", "question of state %s: %s",
            t->convo.state, c.failed ? c.why : "ask returned FB_ERR");
    return FB_ERR;
}
