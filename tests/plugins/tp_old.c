/* tp_old: a plugin that says it was built for ABI 1.0 — it must keep
 * loading and running on a host of a later minor — and that checks the
 * minor-1 wrappers refuse on a 1.0 host's table (its slots left NULL)
 * instead of calling through it. /ask uses them on the real table. */
#include <stdio.h>

#include <fitbot/plugin.h>

/* The wrappers on a copy of the host's table as a 1.0 host fills it. */
static int old(fb_ctx *c)
{
    fb_host_api t10 = *FB__API(c);
    struct fb_ctx_head fake = {.api = &t10};
    fb_ctx *f = (fb_ctx *)(void *)&fake;
    char text[160];

    t10.ask_contact = NULL;
    t10.send_plain = NULL;
    t10.contact_user_id = NULL;
    snprintf(text, sizeof text,
             "tp_old runs; on a 1.0 table: ask_contact %d, remove %d, "
             "contact_user %lld",
             fb_ask_contact(f, "x", "y"), fb_reply_remove_keyboard(f, "x"),
             (long long)fb_contact_user(f));
    return fb_reply(c, text, NULL) ? FB_ERR : FB_OK;
}

static int ask(fb_ctx *c)
{
    return fb_ask_contact(c, "Share?", "📱 Share") ? FB_ERR : FB_OK;
}

static int got(fb_ctx *c)
{
    char text[160];

    if (fb_kind(c) != FB_UPDATE_CONTACT)
        return fb_reply_remove_keyboard(c, "no contact") ? FB_ERR : FB_OK;
    snprintf(text, sizeof text, "contact %s of %lld", fb_contact_phone(c),
             (long long)fb_contact_user(c));
    return fb_reply_remove_keyboard(c, text) ? FB_ERR : FB_OK;
}

static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "old", .handler = old},
    {.kind = FB_ROUTE_COMMAND, .match = "ask", .handler = ask},
    {.kind = FB_ROUTE_GENERIC, .handler = got},
    {0}};

static const fb_plugin desc = {
    .magic = FB_PLUGIN_MAGIC,
    .abi_major = FB_ABI_MAJOR,
    .abi_minor = 0,
    .size = sizeof(fb_plugin),
    .name = "tp_old",
    .version = "1.0",
    .routes = routes,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
