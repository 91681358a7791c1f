/* users plugin: registration, approval, roles and member management.
 *
 * The descriptor: every route with the role it needs, the three flows
 * (register, find, moderate: their states live with their handlers) and
 * the migrations folder sql/users. Config:
 *   [plugin.users]
 *   approval = staff   ; or auto: new members are approved at once
 * Events published: user.approved, user.deleted  {"user_id": N}.
 * Requests made: member.card {"user_id": "N"} (sections of the /start card).
 * Requests answered: broadcast.audience {"segment": all | role | inactive}
 * (audience.c).
 */
#include <string.h>

#include "users.h"

/* clang-format off */
static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND, .match = "start", .role = FB_ROLE_ANYONE,
     .handler = fb__usr_start, .help = "Start: your status and menu",
     .flags = FB_ROUTE_BANNED_OK},
    FB_COMMAND("register", FB_ROLE_ANYONE, fb__usr_register, "Register as a member", FLOW_REGISTER),
    FB_COMMAND("whoami", FB_ROLE_ANYONE, fb__usr_whoami, "Who am I", NULL),
    FB_COMMAND("menu", FB_ROLE_MEMBER, fb__usr_menu, "Your menu", NULL),
    FB_COMMAND("find", FB_ROLE_STAFF, fb__usr_find, "Find a member by id, @username, name or phone", FLOW_FIND),
    FB_COMMAND("member", FB_ROLE_STAFF, fb__usr_view, "Show a member: /member ID", NULL),
    FB_COMMAND("pending", FB_ROLE_STAFF, fb__usr_pending, "Registrations waiting for approval", NULL),

    FB_BUTTON(CB_REGISTER, FB_ROLE_ANYONE, fb__usr_register, FLOW_REGISTER),
    FB_BUTTON(CB_GENDER, FB_ROLE_ANYONE, fb__usr_gender_button, NULL),
    FB_BUTTON(CB_SKIP, FB_ROLE_ANYONE, fb__usr_skip_button, NULL),
    FB_BUTTON(CB_PROFILE, FB_ROLE_MEMBER, fb__usr_profile_button, NULL),
    FB_BUTTON(CB_DECIDE, FB_ROLE_STAFF, fb__usr_decide, NULL),
    FB_BUTTON(CB_PENDING, FB_ROLE_STAFF, fb__usr_pending, NULL),
    FB_BUTTON(CB_FIND, FB_ROLE_STAFF, fb__usr_find_button, FLOW_FIND),
    FB_BUTTON(CB_VIEW, FB_ROLE_STAFF, fb__usr_view_button, NULL),
    FB_BUTTON(CB_BAN, FB_ROLE_STAFF, fb__usr_moderate, FLOW_MODERATE),
    FB_BUTTON(CB_UNBAN, FB_ROLE_STAFF, fb__usr_moderate, FLOW_MODERATE),
    FB_BUTTON(CB_DELETE, FB_ROLE_STAFF, fb__usr_delete_button, NULL),
    FB_BUTTON(CB_DELETE_OK, FB_ROLE_STAFF, fb__usr_delete_confirm, NULL),
    FB_BUTTON(CB_PHOTO, FB_ROLE_STAFF, fb__usr_photo_button, NULL),
    FB_BUTTON(CB_ROLE, FB_ROLE_ADMIN, fb__usr_role_button, NULL),
    {0}};

static const fb_flow flows[] = {
    {.name = FLOW_REGISTER, .states = fb__usr_register_states, .on_timeout = fb__usr_register_timeout},
    {.name = FLOW_FIND, .states = fb__usr_find_states},
    {.name = FLOW_MODERATE, .states = fb__usr_moderate_states, .on_timeout = fb__usr_moderate_timeout},
    {0}};

static const fb_subscription subs[] = {
    {.event = "broadcast.audience", .handler = fb__usr_audience},
    {0}};
/* clang-format on */

/* Load time: a config value the plugin does not know is named in the log
 * (and treated as the default, staff approval). Never fails. */
static int init(fb_ctx *c)
{
    const char *mode = fb_config(c, "approval", "staff");

    if (strcmp(mode, "staff") != 0 && strcmp(mode, "auto") != 0)
        fb_log(c, FB_LOG_WARN,
               "[plugin.users] approval = %s is not staff or auto: using staff",
               mode);
    return FB_OK;
}

static const fb_plugin plugin = {
    FB_PLUGIN_HEADER,
    .name = "users",
    .version = "1.2.0",
    .description = "Registration, approval, roles and member management",
    .priority = 10,
    .routes = routes,
    .flows = flows,
    .subs = subs,
    .migrations = "users",
    .init = init,
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
