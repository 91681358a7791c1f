/* tp_noop: the benchmark plugin — every message gets "ok", nothing else.
 * [plugin.tp_noop] init_sleep_ms = N makes its init sleep N ms (tests of a
 * stop during start-up). */
#include <stdlib.h>
#include <time.h>

#include <fitbot/plugin.h>

static int init(fb_ctx *c)
{
    long ms = strtol(fb_config(c, "init_sleep_ms", "0"), NULL, 10);
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    if (ms > 0)
        nanosleep(&ts, NULL);
    return FB_OK;
}

static int ok(fb_ctx *c)
{
    return fb_reply(c, "ok", NULL) ? FB_ERR : FB_OK;
}

static int hold(fb_ctx *c)
{
    if (fb_flow_start(c, "hold", "wait"))
        return FB_ERR;
    return fb_reply(c, "held", NULL) ? FB_ERR : FB_OK;
}

static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "hold", .handler = hold},
    {.kind = FB_ROUTE_GENERIC, .handler = ok},
    {0}};
static const fb_state states[] = {{.name = "wait", .handler = ok}, {0}};
static const fb_flow flows[] = {
    {.name = "hold", .states = states, .timeout_s = 86400}, {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER, .name = "tp_noop", .version = "1.0",
    .routes = routes, .flows = flows, .init = init,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
