/* router: the route table built from the loaded plugins' declarations.
 *
 * Commands match exactly ("/cmd@BotName args" is understood); callback data
 * matches the longest declared prefix. Two plugins declaring the same
 * command, the same prefix, or prefixes where one starts the other, or two
 * generic routes, conflict: the later plugin in (priority, name) order is
 * refused with a reason naming both. The generic route gets only what no
 * route claims: a prefix that belongs to a loaded or a disabled plugin never
 * reaches it. */
#ifndef FITBOT_ROUTER_H
#define FITBOT_ROUTER_H

#include <stdio.h>

#include "fitbot/plugin.h"
#include "loader.h"

typedef struct fb__route_entry {
    const fb_route *route;    /* in the plugin's descriptor */
    const fb__plugin *plugin; /* owner */
    const fb_flow *enters;    /* resolved route->enters, or NULL */
} fb__route_entry;

typedef struct fb__router fb__router;

/* What fb__router_pick decided. */
typedef enum fb__pick_kind {
    FB__PICK_NONE = 0, /* nothing claims it and there is no generic route */
    FB__PICK_CANCEL,   /* "/cancel": the host's */
    FB__PICK_ROUTE,    /* e: a command, callback or generic route */
    FB__PICK_DISABLED, /* a disabled plugin's prefix or command */
    FB__PICK_FOREIGN   /* a command addressed to another bot */
} fb__pick_kind;

typedef struct fb__pick {
    fb__pick_kind kind;
    const fb__route_entry *e;
    const char *owner; /* plugin name for ROUTE and DISABLED */
} fb__pick;

/* Build the table. Plugins in conflict are moved to the refused list of p
 * (fb__plugins_refuse), with the reason naming both; with strict the build
 * fails instead. Returns the router, or NULL with the reason in err. The
 * router refers into p: free it before p. */
fb__router *fb__router_new(fb__plugins *p, int strict, char *err,
                           size_t errlen);

/* Split "/cmd@Bot args" into cmd (without '/', lower-cased up to '@') and
 * args (leading spaces skipped, pointing into text). Returns 1 if text is a
 * command, 0 if not; *foreign is set when @Bot names another bot than
 * bot_username (bot_username may be NULL: then any @Bot is accepted). */
int fb__router_parse_command(const char *text, const char *bot_username,
                             char *cmd, size_t cmdlen, const char **args,
                             int *foreign);

/* Route a command (without '/'). Never returns NULL. */
fb__pick fb__router_command(const fb__router *r, const char *cmd);
/* Route callback data. */
fb__pick fb__router_callback(const fb__router *r, const char *data);
/* The generic route (kind NONE if none). */
fb__pick fb__router_generic(const fb__router *r);

/* The flow named name in any loaded plugin, with its owner in *owner;
 * NULL if unknown. */
const fb_flow *fb__router_flow(const fb__router *r, const char *plugin,
                               const char *name, const fb__plugin **owner);

/* Every entry in table order (priority, plugin name, declaration order). */
size_t fb__router_count(const fb__router *r);
const fb__route_entry *fb__router_at(const fb__router *r, size_t i);

/* Print the table for `fitbot routes`: kind, match, plugin, role,
 * priority, flow; then disabled plugins' matches. Returns 0 or -1. */
int fb__router_print(const fb__router *r, const fb__plugins *p, FILE *out);

/* The name ("start", no slash) under which route r belongs in the command
 * list of a sender with this role (banned: only FB_ROUTE_BANNED_OK
 * routes), or NULL when it does not: not a command, hidden, or above the
 * role. One rule for setMyCommands and the "commands you can use" hint. */
const char *fb__route_menu_name(const fb_route *r, fb_role role, int banned);

void fb__router_free(fb__router *r);

#endif
