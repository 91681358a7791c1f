/* tp_sub: subscribes to tp_flow's event (fails on {"fail":true}) and to the
 * host's chat.blocked. Its fini sleeps [plugin.tp_sub] fini_sleep_ms; a
 * chat.blocked that still comes after fini began is marked
 * "blocked-after-fini". */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

static int mark(fb_ctx *c, int64_t who, const char *what)
{
    char id[21];
    const char *p[] = {fb_int64_str(who, id), what};
    return fb_query(c, "INSERT INTO tp_marks(who, what) VALUES ($1, $2)", 2, p)
               ? 0
               : -1;
}

static int on_evt(fb_ctx *c)
{
    if (mark(c, fb_user(c), "sub"))
        return FB_ERR;
    return strstr(fb_event_json(c), "\"fail\":true") ? FB_ERR : FB_OK;
}

static atomic_int finished;

static int on_blocked(fb_ctx *c)
{
    int64_t chat = 0;
    char what[64];
    if (fb_json_get_int64(fb_event_json(c), "chat_id", &chat))
        return FB_ERR;
    if (atomic_load(&finished))
        snprintf(what, sizeof what, "blocked-after-fini");
    else
        snprintf(what, sizeof what, "blocked:%lld", (long long)chat);
    return mark(c, chat, what) ? FB_ERR : FB_OK;
}

static int fini(fb_ctx *c)
{
    long ms = strtol(fb_config(c, "fini_sleep_ms", "0"), NULL, 10);
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    atomic_store(&finished, 1);
    if (ms > 0)
        nanosleep(&ts, NULL);
    return FB_OK;
}

static const fb_subscription subs[] = {
    {.event = "tp.evt", .handler = on_evt},
    {.event = "chat.blocked", .handler = on_blocked},
    {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER, .name = "tp_sub", .version = "1.0",
    .priority = 60,   .subs = subs, .fini = fini,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
