/* broadcast plugin: announcements to an audience of members (admins).
 *
 * The descriptor: /broadcast and its buttons (admin only), the compose
 * flow (compose.c), the delivery job every 2 seconds (deliver.c), the
 * migrations folder sql/broadcast. Needs ABI 1.4 (bulk sends). Config:
 *   [plugin.broadcast]
 *   window = 200          ; a broadcast's messages kept in the outbox
 *   progress_every = 3    ; seconds between progress edits
 *   paid = false          ; copies as paid broadcasts (0.1 Star each,
 *                         ; faster than 30/s) when the host's
 *                         ; paid_broadcast_rate is above 0
 * Requests made: broadcast.audience {"segment", "days", "role"} (answered
 * by subscriptions and users: the ids, comma-separated). */
#include "bc.h"

/* clang-format off */
static const fb_route routes[] = {
    FB_COMMAND("broadcast", FB_ROLE_ADMIN, fb__bc_start, "Send an announcement to members", FLOW_COMPOSE),
    FB_BUTTON(CB_AUDIENCE, FB_ROLE_ADMIN, fb__bc_audience_button, NULL),
    FB_BUTTON(CB_ROLE, FB_ROLE_ADMIN, fb__bc_role_button, NULL),
    FB_BUTTON(CB_NO_MEDIA, FB_ROLE_ADMIN, fb__bc_no_media, NULL),
    FB_BUTTON(CB_SEND, FB_ROLE_ADMIN, fb__bc_send, NULL),
    FB_BUTTON(CB_DROP, FB_ROLE_ADMIN, fb__bc_drop, NULL),
    FB_BUTTON(CB_STOP, FB_ROLE_ADMIN, fb__bc_stop, NULL),
    {0}};

static const fb_flow flows[] = {
    {.name = FLOW_COMPOSE, .states = fb__bc_compose_states, .on_timeout = fb_timed_out},
    {0}};

static const fb_job jobs[] = {
    {.name = "deliver", .kind = FB_JOB_SECONDS, .every_min = 2, .handler = fb__bc_job},
    {0}};
/* clang-format on */

static const fb_plugin plugin = {
    FB_PLUGIN_HEADER,
    .name = "broadcast",
    .version = "1.0.0",
    .description = "Announcements to members: audience, preview, delivery",
    .priority = 60,
    .routes = routes,
    .flows = flows,
    .jobs = jobs,
    .migrations = "broadcast",
    .init = fb__bc_check_config,
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
