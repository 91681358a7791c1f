/* myplugin: a starting point. /ping answers "pong #N" (counted in the
 * database) with a button that pings again. */
#include <stdio.h>

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

#define T_PONG "pong #%s"
#define T_AGAIN "Ping again"

static int on_ping(fb_ctx *c)
{
    char user[21], text[64];
    const char *p[] = {fb_int64_str(fb_user(c), user)};
    fb_keyboard kb;
    fb_rows *r = fb_query(c,
                          "INSERT INTO myplugin_pings (user_id, count) "
                          "VALUES ($1, 1) ON CONFLICT (user_id) DO UPDATE "
                          "SET count = myplugin_pings.count + 1 "
                          "RETURNING count",
                          1, p);

    if (!r || fb_rows_count(c, r) != 1)
        return FB_ERR; /* rolled back; the host tells the user */
    snprintf(text, sizeof text, T_PONG, fb_rows_get(c, r, 0, 0));
    fb_kb_init(&kb);
    fb_kb_button(&kb, T_AGAIN, "myp:ping");
    return fb_reply(c, text, &kb) == 0 ? FB_OK : FB_ERR;
}

static const fb_route routes[] = {{.kind = FB_ROUTE_COMMAND,
                                   .match = "ping",
                                   .role = FB_ROLE_MEMBER,
                                   .handler = on_ping,
                                   .help = "ping the bot"},
                                  {.kind = FB_ROUTE_CALLBACK,
                                   .match = "myp:ping",
                                   .role = FB_ROLE_MEMBER,
                                   .handler = on_ping},
                                  {0}};

static const fb_plugin myplugin = {
    FB_PLUGIN_HEADER,         .name = "myplugin",
    .version = "0.1.0",       .description = "template plugin: /ping",
    .priority = 500,          .routes = routes,
    .migrations = "myplugin",
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void);

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &myplugin;
}
