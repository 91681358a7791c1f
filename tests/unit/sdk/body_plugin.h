/* A test plugin for the stand-in host (fbhost.h) whose /t command, "t:"
 * buttons and generic text all run the test's current body:
 *
 *     static int body_x(fb_ctx *c) { return fb_replyf(c, NULL, "%s", "<"); }
 *     fbh_host *h = body_host(body_x);    // a member speaks
 *     fbh_command(h, "/t");
 *     ck_assert_str_eq(fbh_last(h), "&lt;");
 */
#ifndef FITBOT_TEST_BODY_PLUGIN_H
#define FITBOT_TEST_BODY_PLUGIN_H

#include <check.h>

#include "fbhost.h"
#include "fitbot/sdk.h"

#define BODY_USER 1001

static int (*body)(fb_ctx *);

static inline int run_body(fb_ctx *c)
{
    return body(c);
}

static const fb_route body_routes[] = {
    {.kind = FB_ROUTE_COMMAND,
     .match = "t",
     .role = FB_ROLE_MEMBER,
     .handler = run_body,
     .help = "test"},
    {.kind = FB_ROUTE_CALLBACK,
     .match = "t:",
     .role = FB_ROLE_MEMBER,
     .handler = run_body},
    {.kind = FB_ROUTE_GENERIC, .role = FB_ROLE_MEMBER, .handler = run_body},
    {0}};

static const fb_plugin body_plugin = {FB_PLUGIN_HEADER, .name = "body",
                                      .version = "1", .routes = body_routes};

/* A host without a database running b, with BODY_USER speaking as a
 * member. */
static inline fbh_host *body_host(int (*b)(fb_ctx *))
{
    fbh_host *h = fbh_new(&body_plugin, NULL);

    ck_assert_ptr_nonnull(h);
    body = b;
    fbh_as(h, BODY_USER, FB_ROLE_MEMBER);
    return h;
}

#endif
