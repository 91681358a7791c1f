/* tp_off: a plugin the integration tests disable; its buttons and command
 * must be answered "This feature is not available.", never reach tp_flow's
 * generic route. */
#include <fitbot/plugin.h>

static int alive(fb_ctx *c)
{
    return fb_reply(c, "off: I should be disabled", NULL) ? FB_ERR : FB_OK;
}

static const fb_route routes[] = {
    {.kind = FB_ROUTE_CALLBACK, .match = "off:", .handler = alive},
    {.kind = FB_ROUTE_COMMAND, .match = "off", .handler = alive},
    {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER,
    .name = "tp_off",
    .version = "1.0",
    .routes = routes,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
