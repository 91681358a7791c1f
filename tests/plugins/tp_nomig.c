/* tp_nomig: declares a migrations folder that does not exist; the host
 * must refuse it, naming the path it looked for. */
#include <fitbot/plugin.h>

static int on_nomig(fb_ctx *c)
{
    return fb_reply(c, "nomig: must never run", NULL);
}

static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "nomig", .handler = on_nomig}, {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER, .name = "tp_nomig",       .version = "1.2",
    .routes = routes, .migrations = "tp_nomig",
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
