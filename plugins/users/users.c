/* users plugin: registration, approval, roles and member management.
 *
 * The descriptor: every route with the role it needs, the three flows
 * (register, find, moderate) and the migrations folder sql/users. Config:
 *   [plugin.users]
 *   approval = staff   ; or auto: new members are approved at once
 * Events published: user.approved, user.deleted  {"user_id": N}.
 */
#include <string.h>

#include "users.h"

/* One route per line reads as a table: kind, match, role, handler, help,
 * flow entered, flags. */
/* clang-format off */
static const fb_route routes[] = {
    {FB_ROUTE_COMMAND, "start", FB_ROLE_ANYONE, fb__usr_start,
     "Start: your status and menu", NULL, FB_ROUTE_BANNED_OK, {0}},
    {FB_ROUTE_COMMAND, "register", FB_ROLE_ANYONE, fb__usr_register,
     "Register as a member", FLOW_REGISTER, 0, {0}},
    {FB_ROUTE_COMMAND, "whoami", FB_ROLE_ANYONE, fb__usr_whoami,
     "Who am I", NULL, 0, {0}},
    {FB_ROUTE_COMMAND, "menu", FB_ROLE_MEMBER, fb__usr_menu,
     "Your menu", NULL, 0, {0}},
    {FB_ROUTE_COMMAND, "find", FB_ROLE_STAFF, fb__usr_find,
     "Find a member by id, @username, name or phone", FLOW_FIND, 0, {0}},
    {FB_ROUTE_COMMAND, "member", FB_ROLE_STAFF, fb__usr_view,
     "Show a member: /member ID", NULL, 0, {0}},
    {FB_ROUTE_COMMAND, "pending", FB_ROLE_STAFF, fb__usr_pending,
     "Registrations waiting for approval", NULL, 0, {0}},

    {FB_ROUTE_CALLBACK, CB_REGISTER, FB_ROLE_ANYONE, fb__usr_register,
     NULL, FLOW_REGISTER, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_GENDER, FB_ROLE_ANYONE, fb__usr_reg_gender_button,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_SKIP, FB_ROLE_ANYONE, fb__usr_reg_skip_button,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_PROFILE, FB_ROLE_MEMBER, fb__usr_profile_button,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_DECIDE, FB_ROLE_STAFF, fb__usr_decide,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_PENDING, FB_ROLE_STAFF, fb__usr_pending,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_FIND, FB_ROLE_STAFF, fb__usr_find_button,
     NULL, FLOW_FIND, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_VIEW, FB_ROLE_STAFF, fb__usr_view_button,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_BAN, FB_ROLE_STAFF, fb__usr_ban_button,
     NULL, FLOW_MODERATE, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_UNBAN, FB_ROLE_STAFF, fb__usr_unban_button,
     NULL, FLOW_MODERATE, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_DELETE, FB_ROLE_STAFF, fb__usr_delete_button,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_DELETE_OK, FB_ROLE_STAFF, fb__usr_delete_confirm,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_PHOTO, FB_ROLE_STAFF, fb__usr_photo_button,
     NULL, NULL, 0, {0}},
    {FB_ROUTE_CALLBACK, CB_ROLE, FB_ROLE_ADMIN, fb__usr_role_button,
     NULL, NULL, 0, {0}},
    {0},
};

static const fb_state register_states[] = {
    {"name", fb__usr_reg_name, FB_ROLE_ANYONE, {0}},
    {"phone", fb__usr_reg_phone, FB_ROLE_ANYONE, {0}},
    {"age", fb__usr_reg_age, FB_ROLE_ANYONE, {0}},
    {"weight", fb__usr_reg_weight, FB_ROLE_ANYONE, {0}},
    {"gender", fb__usr_reg_gender, FB_ROLE_ANYONE, {0}},
    {"photo", fb__usr_reg_photo, FB_ROLE_ANYONE, {0}},
    {0},
};

static const fb_state find_states[] = {
    {"query", fb__usr_find_query, FB_ROLE_STAFF, {0}},
    {0},
};

static const fb_state moderate_states[] = {
    {"reason", fb__usr_mod_reason, FB_ROLE_STAFF, {0}},
    {0},
};

static const fb_flow flows[] = {
    {FLOW_REGISTER, register_states, FB_SCOPE_CHAT_USER, 0,
     fb__usr_reg_cancel, fb__usr_reg_timeout, {0}},
    {FLOW_FIND, find_states, FB_SCOPE_CHAT_USER, 0, NULL, NULL, {0}},
    {FLOW_MODERATE, moderate_states, FB_SCOPE_CHAT_USER, 0, NULL,
     fb__usr_mod_timeout, {0}},
    {0},
};

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
    .version = "1.0.0",
    .description = "Registration, approval, roles and member management",
    .priority = 10,
    .routes = routes,
    .flows = flows,
    .migrations = "users",
    .init = init,
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
