/* Test-only plugins for the loader and router tests: one source, one
 * variant per build (TP_VARIANT), each breaking one load rule or claiming
 * routes that conflict with tp_good. */
#include <fitbot/plugin.h>

static int ok(fb_ctx *c)
{
    (void)c;
    return FB_OK;
}

__attribute__((unused)) static const fb_state states[] = {
    {.name = "one", .handler = ok}, {0}};
__attribute__((unused)) static const fb_state no_states[] = {{0}};
__attribute__((unused)) static const fb_state bad_states[] = {{.name = "one"},
                                                              {0}};

#ifndef TP_NAME
#define TP_NAME "tp_good"
#endif
#ifndef TP_PRIORITY
#define TP_PRIORITY 10
#endif

#if TP_VARIANT == 1 /* tp_good */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "hello", .handler = ok},
    {.kind = FB_ROUTE_COMMAND, .match = "join", .handler = ok, .enters = "f"},
    {.kind = FB_ROUTE_CALLBACK,
     .match = "good:",
     .handler = ok,
     .role = FB_ROLE_ADMIN},
    {.kind = FB_ROUTE_CALLBACK, .match = "good:deep:", .handler = ok},
    {.kind = FB_ROUTE_GENERIC, .handler = ok},
    {0}};
#elif TP_VARIANT == 2 /* same command as tp_good */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "hello", .handler = ok}, {0}};
#elif TP_VARIANT == 3 /* same prefix */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_CALLBACK, .match = "good:", .handler = ok}, {0}};
#elif TP_VARIANT == 4 /* a prefix nested in tp_good's */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_CALLBACK, .match = "good:x", .handler = ok}, {0}};
#elif TP_VARIANT == 5 /* route without a handler */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "nohandler"}, {0}};
#elif TP_VARIANT == 6 /* enters an unknown flow */
static const fb_route routes[] = {{.kind = FB_ROUTE_COMMAND,
                                   .match = "lost",
                                   .handler = ok,
                                   .enters = "nowhere"},
                                  {0}};
#elif TP_VARIANT == 7 /* a second generic route */
static const fb_route routes[] = {{.kind = FB_ROUTE_GENERIC, .handler = ok},
                                  {0}};
#elif TP_VARIANT == 8 /* the host's /cancel */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "cancel", .handler = ok}, {0}};
#else /* distinct routes: other variants break the descriptor itself */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = TP_NAME, .handler = ok},
    {.kind = FB_ROUTE_CALLBACK, .match = TP_NAME ":", .handler = ok},
    {0}};
#endif

static const fb_flow flows[] = {
#if TP_VARIANT == 9
    {.name = "f", .states = no_states},
#elif TP_VARIANT == 10
    {.name = "f", .states = bad_states},
#else
    {.name = "f", .states = states},
#endif
    {0}};

__attribute__((unused)) static const fb_plugin desc = {
    FB_PLUGIN_HEADER,        .name = TP_NAME,  .version = "1",
    .priority = TP_PRIORITY, .routes = routes, .flows = flows,
};

#if TP_VARIANT == 11 || TP_VARIANT == 12 || TP_VARIANT == 13 || TP_VARIANT == 14
static fb_plugin patched;
#endif

#if TP_VARIANT != 15 /* 15: no entry symbol at all */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
#if TP_VARIANT == 11
    patched = desc;
    patched.magic = 0xdeadbeefu;
    return &patched;
#elif TP_VARIANT == 12
    patched = desc;
    patched.abi_major = 2;
    return &patched;
#elif TP_VARIANT == 13
    patched = desc;
    patched.abi_minor = FB_ABI_MINOR + 1;
    return &patched;
#elif TP_VARIANT == 14
    patched = desc;
    patched.size = 16;
    return &patched;
#elif TP_VARIANT == 16
    extern int tp_symbol_nobody_defines(void);
    return tp_symbol_nobody_defines() ? &desc : &desc;
#else
    return &desc;
#endif
}
#endif
