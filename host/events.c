/* events: in-transaction publish/subscribe (see events.h). */
#include "events.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "api.h"
#include "log.h"

static int valid_json_object(const char *json)
{
    cJSON *j = cJSON_Parse(json);
    int ok = j && cJSON_IsObject(j);
    cJSON_Delete(j);
    return ok;
}

static int run_sub(fb_ctx *pub, const fb__plugin *p, const fb_subscription *s,
                   const char *json, fb__answers *sink)
{
    fb_ctx c;
    fb__ctx_init(&c, pub->t, p, FB_UPDATE_EVENT);
    c.event = s->event;
    c.event_json = json;
    c.depth = pub->depth + 1;
    c.sink = sink;
    return fb__call(s->handler, &c, s->event);
}

/* Refuse a bad name or payload, or nesting too deep: logged, the
 * transaction marked failed. Returns 0 when the call may go on. */
static int refused(fb_ctx *c, const char *what, const char *name,
                   const char *json)
{
    const char *who = c->plugin ? c->plugin->name : "core";
    if (!name || !name[0] || !valid_json_object(json)) {
        fb__log(FB_LOG_ERROR, who, "publish_refused",
                "%s %s: needs a name and a JSON object", what,
                name ? name : "");
        c->t->failed = 1;
        return -1;
    }
    if (c->depth >= FB__EVENTS_MAX_DEPTH) {
        fb__log(FB_LOG_ERROR, who, "publish_refused",
                "%s %s nested deeper than %d", what, name,
                FB__EVENTS_MAX_DEPTH);
        c->t->failed = 1;
        return -1;
    }
    return 0;
}

/* Run every subscriber of name (plugin order) with json; sink collects
 * answers (requests) or is NULL (events). 0, or -1 when one failed. */
static int run_all(fb_ctx *c, const char *what, const char *name,
                   const char *json, fb__answers *sink)
{
    const fb__plugins *p = c->t->core->plugins;
    const char *who = c->plugin ? c->plugin->name : "core";
    if (refused(c, what, name, json))
        return -1;
    for (size_t i = 0; i < p->n; i++)
        for (const fb_subscription *s = p->v[i].desc->subs; s && s->event;
             s++) {
            if (strcmp(s->event, name) != 0)
                continue;
            if (run_sub(c, &p->v[i], s, json, sink) != FB_OK) {
                fb__log(FB_LOG_ERROR, p->v[i].name, "subscriber_failed",
                        "%s %s from %s: rolling back", what, name, who);
                c->t->failed = 1;
                return -1;
            }
        }
    return 0;
}

/* See events.h. */
int fb__events_publish(fb_ctx *c, const char *event, const char *json)
{
    return run_all(c, "event", event, json ? json : "{}", NULL);
}

/* See events.h. */
int fb__events_request(fb_ctx *c, const char *name, const char *json)
{
    memset(&c->answers, 0, sizeof c->answers);
    if (run_all(c, "request", name, json ? json : "{}", &c->answers))
        return -1;
    return c->answers.n;
}

/* See events.h. */
int fb__events_answer(fb__txn *t, fb__answers *a, const char *text,
                      const char *plugin)
{
    if (a->n == a->cap) {
        int cap = a->cap ? a->cap * 2 : 8;
        const char **tv = fb__txn_alloc(t, (size_t)cap * sizeof *tv);
        const char **pv = fb__txn_alloc(t, (size_t)cap * sizeof *pv);
        if (!tv || !pv)
            return -1;
        if (a->n) {
            memcpy(tv, a->text, (size_t)a->n * sizeof *tv);
            memcpy(pv, a->plugin, (size_t)a->n * sizeof *pv);
        }
        a->text = tv;
        a->plugin = pv;
        a->cap = cap;
    }
    a->text[a->n] = fb__txn_strdup(t, text);
    a->plugin[a->n] = plugin;
    if (!a->text[a->n])
        return -1;
    a->n++;
    return 0;
}

/* See events.h. */
int fb__events_count(fb_ctx *c, const char *event)
{
    const fb__plugins *p = c->t->core->plugins;
    int n = 0;
    for (size_t i = 0; i < p->n; i++)
        for (const fb_subscription *s = p->v[i].desc->subs; s && s->event; s++)
            n += strcmp(s->event, event) == 0;
    return n;
}
