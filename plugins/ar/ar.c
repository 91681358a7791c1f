/* ar plugin (accounts receivable): what members owe the club and what
 * they paid against it.
 *
 * The descriptor: every route with the role it needs, the flows (their
 * states live with their handlers), the events and requests it takes, the
 * daily job and the migrations folder sql/ar. Config:
 *   [plugin.ar]
 *   credit_days = 15            ; a credit from payments is due in N days
 *   remind_days = -3, 1, 7, 15, 30  ; reminders, days from the due date
 *   lock_after_days = 30        ; dues this many days past due lock the
 *                               ; member's access until paid; 0: never
 *   job_at = 09:00              ; the daily job, club time
 * Events taken: payment.credit {"payment_id", "reference", "user_id",
 * "amount_paise", "description"}; invoice.credited {"number"};
 * user.deleted {"user_id"}.
 * Requests answered: member.card {"user_id"} (the dues line, the lock);
 * ar.access {"user_id"} → {"user_id", "locked" ("1"/"0"), "since",
 * "overdue_paise"}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar.h"
#include "texts.h"

/* clang-format off */
static const fb_route routes[] = {
    FB_COMMAND("my_dues", FB_ROLE_MEMBER, fb__ar_mine, "What you owe the club", NULL),
    FB_COMMAND("dues", FB_ROLE_STAFF, fb__ar_dues, "A member's dues: /dues ID or @username", NULL),
    FB_COMMAND("ar", FB_ROLE_STAFF, fb__ar_reports, "Receivables: outstanding, aging, methods, CSV, charts", NULL),
    FB_COMMAND("ar_pay", FB_ROLE_ADMIN, fb__ar_record, "Record a member's payment of dues", FLOW_RECORD),
    FB_COMMAND("ar_new", FB_ROLE_ADMIN, fb__ar_new, "Write a receivable by hand", FLOW_NEW),

    FB_BUTTON(CB_PICK, FB_ROLE_ADMIN, fb__ar_pick, NULL),
    FB_BUTTON(CB_REC_OK, FB_ROLE_ADMIN, fb__ar_record_ok, NULL),
    FB_BUTTON(CB_DROP, FB_ROLE_ADMIN, fb__ar_drop, NULL),
    FB_BUTTON(CB_NEW_OK, FB_ROLE_ADMIN, fb__ar_new_ok, NULL),
    FB_BUTTON(CB_SOURCE, FB_ROLE_ADMIN, fb__ar_source, NULL),
    FB_BUTTON(CB_REPORT, FB_ROLE_STAFF, fb__ar_report, NULL),
    {0}};

static const fb_flow flows[] = {
    {.name = FLOW_RECORD, .states = fb__ar_record_states, .on_timeout = fb_timed_out},
    {.name = FLOW_NEW, .states = fb__ar_new_states, .on_timeout = fb_timed_out},
    {0}};

static const fb_subscription subs[] = {
    {.event = "payment.credit", .handler = fb__ar_on_credit},
    {.event = "invoice.credited", .handler = fb__ar_on_credited},
    {.event = "user.deleted", .handler = fb__ar_forget},
    {.event = "member.card", .handler = fb__ar_card},
    {.event = "ar.access", .handler = fb__ar_access},
    {0}};
/* clang-format on */

/* The daily job's time comes from the config: init writes it here before
 * the scheduler first reads it. */
static char job_at[6] = DFLT_JOB_AT;
static fb_job jobs[] = {{.name = "daily",
                         .kind = FB_JOB_DAILY,
                         .at = job_at,
                         .handler = fb__ar_daily},
                        {0}};

/* See ar.h. */
const char *fb__ar_who(fb_ctx *c, int64_t user)
{
    const char *name = fb_user_name(c, user);

    return fb_plainf(c, T_WHO, name && *name ? name : "?", user);
}

/* See ar.h. */
const char *fb__ar_check_member(fb_ctx *c)
{
    int64_t id = fb_member_typed(c, fb_text(c));

    if (!id)
        return fb_strf(c, E_MEMBER, fb_text(c));
    fb_flow_set_int(c, "member", id);
    return NULL;
}

/* See ar.h. */
const char *fb__ar_use_buttons(fb_ctx *c)
{
    (void)c;
    return E_USE_BUTTONS;
}

/* [Cancel] of /ar_pay or /ar_new: nothing recorded, nothing created. */
int fb__ar_drop(fb_ctx *c)
{
    const char *said = fb_in_flow(c, FLOW_RECORD, NULL) ? T_REC_DROPPED
                       : fb_in_flow(c, FLOW_NEW, NULL)  ? T_NEW_DROPPED
                                                        : NULL;

    if (!said)
        return fb_answerf(c, A_STALE);
    fb_flow_end(c);
    return fb_edit(c, said, NULL);
}

static int by_value(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

/* The steps of list "-3, 1, 7" into steps; -1 when one is not a number of
 * days (-MAX_DAYS..MAX_DAYS), there are more than REMIND_MAX or none. */
static int parse_steps(const char *list, int steps[REMIND_MAX])
{
    char buf[256];
    int n = 0;

    if (snprintf(buf, sizeof buf, "%s", list) >= (int)sizeof buf)
        return -1;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        int64_t v;

        if (n == REMIND_MAX || fb_parse_int64(t, -MAX_DAYS, MAX_DAYS, &v) != 0)
            return -1;
        steps[n++] = (int)v;
    }
    if (n == 0)
        return -1;
    qsort(steps, (size_t)n, sizeof *steps, by_value);
    return n;
}

/* See ar.h. */
int fb__ar_remind_steps(fb_ctx *c, int steps[REMIND_MAX])
{
    int n = parse_steps(fb_config(c, CFG_REMIND, DFLT_REMIND), steps);

    return n > 0 ? n : parse_steps(DFLT_REMIND, steps);
}

/* Load time: the job's time from job_at ("HH:MM"); a bad value of any key
 * is named in the log and its default used. Never fails. */
static int init(fb_ctx *c)
{
    int steps[REMIND_MAX];

    fb_config_hhmm(c, CFG_JOB_AT, job_at);
    if (parse_steps(fb_config(c, CFG_REMIND, DFLT_REMIND), steps) < 0)
        fb_log(c, FB_LOG_WARN,
               "[plugin.ar] remind_days = %s is not a list of up to %d "
               "numbers of days (e.g. -3, 1, 7): using %s",
               fb_config(c, CFG_REMIND, ""), REMIND_MAX, DFLT_REMIND);
    fb_config_check_days(c, CFG_CREDIT_DAYS, MAX_DAYS, DFLT_CREDIT_DAYS);
    fb_config_check_days(c, CFG_LOCK, MAX_DAYS, DFLT_LOCK);
    return FB_OK;
}

static const fb_plugin plugin = {
    FB_PLUGIN_HEADER,
    .name = "ar",
    .version = "1.0.0",
    .description =
        "Receivables: dues, payments, credit, aging, reminders, locks",
    .priority = 60,
    .routes = routes,
    .flows = flows,
    .subs = subs,
    .jobs = jobs,
    .migrations = "ar",
    .init = init,
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
