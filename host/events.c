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
                   const char *json)
{
    fb_ctx c;
    fb__ctx_init(&c, pub->t, p, FB_UPDATE_EVENT);
    c.event = s->event;
    c.event_json = json;
    c.depth = pub->depth + 1;
    return fb__call(s->handler, &c, s->event);
}

/* See events.h. */
int fb__events_publish(fb_ctx *c, const char *event, const char *json)
{
    const fb__plugins *p = c->t->core->plugins;
    const char *who = c->plugin ? c->plugin->name : "core";
    if (!json)
        json = "{}";
    if (!event || !event[0] || !valid_json_object(json)) {
        fb__log(FB_LOG_ERROR, who, "publish_refused",
                "event %s: needs a name and a JSON object", event ? event : "");
        c->t->failed = 1;
        return -1;
    }
    if (c->depth >= FB__EVENTS_MAX_DEPTH) {
        fb__log(FB_LOG_ERROR, who, "publish_refused",
                "event %s nested deeper than %d", event, FB__EVENTS_MAX_DEPTH);
        c->t->failed = 1;
        return -1;
    }
    for (size_t i = 0; i < p->n; i++)
        for (const fb_subscription *s = p->v[i].desc->subs; s && s->event;
             s++) {
            if (strcmp(s->event, event) != 0)
                continue;
            if (run_sub(c, &p->v[i], s, json) != FB_OK) {
                fb__log(FB_LOG_ERROR, p->v[i].name, "subscriber_failed",
                        "event %s from %s: rolling back", event, who);
                c->t->failed = 1;
                return -1;
            }
        }
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
