/* myplugin: a starting point. /ping answers "pong #N" (counted in the
 * database) with a button that pings again.
 *
 * ABI 1.2 style: a failed call (the query, the reply) fails the handler by
 * itself — the host rolls back and tells the user — so the handler only
 * says what it does. */
#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

#define T_PONG "pong #%" PRId64
#define T_AGAIN "Ping again"

static int on_ping(fb_ctx *c)
{
    int64_t n = fb_sql_int(c, 0,
                           "INSERT INTO myplugin_pings (user_id, count) "
                           "VALUES ($1, 1) ON CONFLICT (user_id) DO UPDATE "
                           "SET count = myplugin_pings.count + 1 "
                           "RETURNING count",
                           fb_user(c));
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, T_AGAIN, "myp:ping");
    return fb_replyf(c, kb, T_PONG, n);
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
