/* subscriptions plugin: plans, memberships, freezes and the daily job.
 *
 * The descriptor: every route with the role it needs, the flows (their
 * states live with their handlers), the events it takes from payments,
 * the member card it answers, the daily job and the migrations folder
 * sql/subscriptions. Config:
 *   [plugin.subscriptions]
 *   grace_days = 7        ; days after the end before the member is locked
 *   remind_days = 3       ; reminder this many days before the end
 *   max_freeze_days = 30  ; frozen days per member and calendar year
 *   job_at = 06:00        ; the daily job, club time
 * Events published: subscription.requested {"subscription_id", "user_id",
 * "plan", "amount_paise", "reference": "sub:<id>"}.
 * Events taken: payment.approved, payment.rejected {"reference", ...};
 * user.deleted {"user_id"}: the member's subscriptions go.
 * Requests answered: member.card {"user_id"}: the membership line;
 * broadcast.audience {"segment": active | grace | expired}: who (member.c). */
#include <stdio.h>
#include <string.h>

#include "subs.h"
#include "texts.h"

/* clang-format off */
static const fb_route routes[] = {
    FB_COMMAND("subscribe", FB_ROLE_MEMBER, fb__subs_subscribe, "Buy or renew a membership", FLOW_SUBSCRIBE),
    FB_COMMAND("my_subscription", FB_ROLE_MEMBER, fb__subs_mine, "Your membership", NULL),
    FB_COMMAND("membership", FB_ROLE_STAFF, fb__subs_membership, "A member's membership: /membership ID", NULL),
    FB_COMMAND("memberships", FB_ROLE_ADMIN, fb__subs_report, "Memberships: active, expiring, in grace, expired, frozen", NULL),
    FB_COMMAND("plans", FB_ROLE_ADMIN, fb__subs_plans, "Membership plans", NULL),
    FB_COMMAND("closure", FB_ROLE_ADMIN, fb__subs_closure, "Club closure: freeze every active membership", FLOW_CLOSURE),

    FB_BUTTON(CB_PICK, FB_ROLE_MEMBER, fb__subs_pick, NULL),
    FB_BUTTON(CB_CONFIRM, FB_ROLE_MEMBER, fb__subs_confirm, NULL),
    FB_BUTTON(CB_DROP, FB_ROLE_MEMBER, fb__subs_drop, NULL),
    FB_BUTTON(CB_RENEW, FB_ROLE_MEMBER, fb__subs_subscribe, FLOW_SUBSCRIBE),
    FB_BUTTON(CB_FREEZE, FB_ROLE_STAFF, fb__subs_freeze, FLOW_FREEZE),
    FB_BUTTON(CB_UNFREEZE, FB_ROLE_STAFF, fb__subs_unfreeze, NULL),
    FB_BUTTON(CB_GIFT, FB_ROLE_STAFF, fb__subs_gift, FLOW_GIFT),
    FB_BUTTON(CB_LIST, FB_ROLE_ADMIN, fb__subs_list, NULL),
    FB_BUTTON(CB_CLOSURE_OK, FB_ROLE_ADMIN, fb__subs_closure_ok, NULL),
    FB_BUTTON(CB_CLOSURE_NO, FB_ROLE_ADMIN, fb__subs_closure_no, NULL),
    FB_BUTTON(CB_PLANS, FB_ROLE_ADMIN, fb__subs_plans, NULL),
    FB_BUTTON(CB_PLAN, FB_ROLE_ADMIN, fb__subs_plan_button, NULL),
    FB_BUTTON(CB_PLAN_NEW, FB_ROLE_ADMIN, fb__subs_plan_new, FLOW_PLAN_NEW),
    FB_BUTTON(CB_PLAN_DAYS, FB_ROLE_ADMIN, fb__subs_plan_edit, FLOW_PLAN_EDIT),
    FB_BUTTON(CB_PLAN_PRICE, FB_ROLE_ADMIN, fb__subs_plan_edit, FLOW_PLAN_EDIT),
    FB_BUTTON(CB_PLAN_TOGGLE, FB_ROLE_ADMIN, fb__subs_plan_toggle, NULL),
    {0}};

static const fb_flow flows[] = {
    {.name = FLOW_PLAN_NEW, .states = fb__subs_plan_new_states, .on_timeout = fb_timed_out},
    {.name = FLOW_PLAN_EDIT, .states = fb__subs_plan_edit_states, .on_timeout = fb_timed_out},
    {.name = FLOW_SUBSCRIBE, .states = fb__subs_subscribe_states, .on_timeout = fb_timed_out},
    {.name = FLOW_FREEZE, .states = fb__subs_freeze_states, .on_timeout = fb_timed_out},
    {.name = FLOW_GIFT, .states = fb__subs_gift_states, .on_timeout = fb_timed_out},
    {.name = FLOW_CLOSURE, .states = fb__subs_closure_states, .on_timeout = fb_timed_out},
    {0}};

static const fb_subscription subs[] = {
    {.event = "payment.approved", .handler = fb__subs_on_approved},
    {.event = "payment.rejected", .handler = fb__subs_on_rejected},
    {.event = "member.card", .handler = fb__subs_card},
    {.event = "broadcast.audience", .handler = fb__subs_audience},
    {.event = "user.deleted", .handler = fb__subs_forget},
    {0}};
/* clang-format on */

/* The daily job's time comes from the config: init writes it here before
 * the scheduler first reads it (the descriptor has no config of its own). */
static char job_at[6] = DFLT_JOB_AT;
static fb_job jobs[] = {{.name = "daily",
                         .kind = FB_JOB_DAILY,
                         .at = job_at,
                         .handler = fb__subs_daily},
                        {0}};

/* Load time: the job's time from job_at ("HH:MM"; a bad one is named in
 * the log and the default kept); numbers that are not numbers are named
 * too. Never fails. */
static int init(fb_ctx *c)
{
    fb_config_hhmm(c, CFG_JOB_AT, job_at);
    fb_config_check_days(c, CFG_GRACE, MAX_DAYS, DFLT_GRACE);
    fb_config_check_days(c, CFG_REMIND, MAX_DAYS, DFLT_REMIND);
    fb_config_check_days(c, CFG_MAX_FREEZE, MAX_DAYS, DFLT_MAX_FREEZE);
    return FB_OK;
}

static const fb_plugin plugin = {
    FB_PLUGIN_HEADER,
    .name = "subscriptions",
    .version = "1.2.0",
    .description = "Membership plans, subscriptions, freezes and reminders",
    .priority = 20,
    .routes = routes,
    .flows = flows,
    .subs = subs,
    .jobs = jobs,
    .migrations = "subscriptions",
    .init = init,
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
