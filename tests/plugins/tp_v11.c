/* tp_v11: a plugin that says it was built for ABI 1.1 — it must keep
 * loading and running on a host of a later minor. /v11 asks for the phone
 * number (fb_ask_contact) in a flow and answers with what the flow kept. */
#include <stdio.h>

#include <fitbot/plugin.h>

static int on_v11(fb_ctx *c)
{
    if (fb_flow_start(c, "phone", "share") || fb_flow_set(c, "asked", "yes"))
        return FB_ERR;
    return fb_ask_contact(c, "v11: share your phone?", "Share") ? FB_ERR
                                                                : FB_OK;
}

static int on_share(fb_ctx *c)
{
    char text[256];
    if (fb_kind(c) != FB_UPDATE_CONTACT)
        return fb_reply(c, "v11: please press Share", NULL) ? FB_ERR : FB_OK;
    snprintf(text, sizeof text, "v11: got %s (asked %s) in %s/%s",
             fb_contact_phone(c), fb_flow_get(c, "asked"), fb_flow_name(c),
             fb_flow_state(c));
    if (fb_flow_end(c))
        return FB_ERR;
    return fb_reply_remove_keyboard(c, text) ? FB_ERR : FB_OK;
}

static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "v11", .handler = on_v11}, {0}};

static const fb_state states[] = {{.name = "share", .handler = on_share}, {0}};
static const fb_flow flows[] = {{.name = "phone", .states = states}, {0}};

static const fb_plugin desc = {
    .magic = FB_PLUGIN_MAGIC,
    .abi_major = FB_ABI_MAJOR,
    .abi_minor = 1,
    .size = sizeof(fb_plugin),
    .name = "tp_v11",
    .version = "1.1",
    .routes = routes,
    .flows = flows,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
