/* tp_v12b: tp_v12's companion — answers its requests (one answerer fails
 * on purpose) and has commands for the menu, one of them for staff only. */
#include <stdio.h>

#include <fitbot/plugin.h>

static int answer_card(fb_ctx *c)
{
    char *text = fb_alloc(c, 256);
    if (!text)
        return FB_ERR;
    snprintf(text, 256, "theirs for %s", fb_event_json(c));
    return fb_respond(c, text) ? FB_ERR : FB_OK;
}

static int answer_fail(fb_ctx *c)
{
    (void)c;
    return FB_ERR;
}

static int on_bee(fb_ctx *c)
{
    return fb_reply(c, "bee", NULL);
}

static const fb_route routes[] = {{.kind = FB_ROUTE_COMMAND,
                                   .match = "bee",
                                   .handler = on_bee,
                                   .help = "bee <b> & co"},
                                  {.kind = FB_ROUTE_COMMAND,
                                   .match = "staffonly",
                                   .role = FB_ROLE_STAFF,
                                   .handler = on_bee,
                                   .help = "staff only"},
                                  {0}};

static const fb_subscription subs[] = {
    {.event = "tp.card", .handler = answer_card},
    {.event = "tp.fail", .handler = answer_fail},
    {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER, .name = "tp_v12b", .version = "1.2",
    .priority = 20,   .routes = routes,  .subs = subs,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
