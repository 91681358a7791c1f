/* subscriptions plugin: a member buys a period, payments decides.
 *
 *   /subscribe or [Renew] ──► plan: a button per active plan
 *        ──► confirm: plan, days, price, start date  [Confirm] [Cancel]
 *        ──► a 'pending' subscription; subscription.requested and
 *            payment.requested published (the payments plugin offers the
 *            methods)
 *   payment.approved {"reference": "sub:<id>", "amount_paise", ...}
 *        ──► 'paid': it starts today, or the day after the member's last
 *            period ends (queued); the member is told. Once: a second
 *            event for the same reference changes nothing.
 *   payment.rejected ──► 'rejected'; the member is told.
 * A plan deactivated while a member looks at it is refused at [Confirm]. */
#include <string.h>

#include "subs.h"
#include "texts.h"

#define REF_PREFIX "sub:"

/* The day a new period of user would start: today, or the day after the
 * end of their last paid period when that is later. */
static const char *next_start(fb_ctx *c, int64_t user)
{
    return fb_sql_str(c,
                      "SELECT greatest($2::date, max(end_date) + 1)::text"
                      " FROM subs_subscriptions"
                      " WHERE user_id = $1 AND status = 'paid'",
                      user, fb_today_text(c));
}

/* /subscribe and [Renew]: the plans to pick from, or why there are none. */
int fb__subs_subscribe(fb_ctx *c)
{
    if (fb_kind(c) == FB_UPDATE_CALLBACK && strcmp(fb_data(c), CB_RENEW) != 0)
        return fb_answerf(c, A_BAD_BUTTON);
    if (fb_sql_int(c, 0, "SELECT count(*) FROM subs_plans WHERE active") == 0)
        return fb_reply(c, T_NO_PLANS_TO_BUY, NULL);
    return fb_flow_start(c, FLOW_SUBSCRIBE, "plan");
}

/* The plan question (or its re-ask): a button per active plan. */
static int ask_plan(fb_ctx *c, const char *html)
{
    fb_rows *r = fb_sql(c, "SELECT id, name, days, price_paise FROM subs_plans"
                           " WHERE active ORDER BY days, name");
    fb_keyboard *kb = fb_kb(c);

    for (int i = 0; i < fb_nrows(c, r); i++) {
        fb_kb_row(kb);
        fb_kb_button(kb,
                     fb_plainf(c, B_PLAN_LABEL, fb_str(c, r, i, 1),
                               (long long)fb_int(c, r, i, 2),
                               fb_money_str(c, fb_int(c, r, i, 3)), ""),
                     fb_cbf(c, CB_PICK "%" PRId64, fb_int(c, r, i, 0)));
    }
    return fb_reply(c, html ? html : T_ASK_PLAN, kb);
}

static const char *use_buttons(fb_ctx *c)
{
    (void)c;
    return E_USE_BUTTONS;
}

/* A plan's button: remember it; the host asks to confirm. */
int fb__subs_pick(fb_ctx *c)
{
    subs_plan p = fb__subs_plan(c, fb_data_id(c, CB_PICK, 0));

    if (!fb_in_flow(c, FLOW_SUBSCRIBE, "plan"))
        return fb_answerf(c, A_STALE);
    if (!p.id || !p.active)
        return fb_answerf(c, A_PLAN_GONE);
    fb_flow_set_int(c, "plan", p.id);
    fb_editf(c, NULL, T_PICKED, p.name);
    return fb_flow_goto(c, "confirm");
}

/* "Monthly: 30 days for ₹1,500.00, from 2026-12-01" [Confirm] [Cancel]. */
static int ask_confirm(fb_ctx *c, const char *html)
{
    subs_plan p = fb__subs_plan(c, fb_flow_int(c, "plan", 0));
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_CONFIRM, CB_CONFIRM);
    fb_kb_button(kb, B_CANCEL, CB_DROP);
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(c, kb, T_CONFIRM, p.name, (long long)p.days,
                     fb_money_str(c, p.price), next_start(c, fb_user(c)));
}

static const char *press_confirm(fb_ctx *c)
{
    (void)c;
    return E_PRESS_CONFIRM;
}

/* [Confirm]: the request, for the payments plugin to take on. */
int fb__subs_confirm(fb_ctx *c)
{
    subs_plan p = fb__subs_plan(c, fb_flow_int(c, "plan", 0));
    int64_t id;

    if (!fb_in_flow(c, FLOW_SUBSCRIBE, "confirm"))
        return fb_answerf(c, A_STALE);
    fb_flow_end(c);
    if (!p.active)
        return fb_editf(c, NULL, T_PLAN_GONE);
    id = fb_sql_int(c, 0,
                    "INSERT INTO subs_subscriptions (user_id, plan_id, days,"
                    " price_paise) VALUES ($1, $2, $3, $4) RETURNING id",
                    fb_user(c), p.id, p.days, p.price);
    fb_editf(c, NULL, T_REQUESTED, p.name, fb_money_str(c, p.price));
    fb_publish(c, "subscription.requested",
               fb_jsonf(c,
                        "{\"subscription_id\":\"%" PRId64
                        "\",\"user_id\":\"%" PRId64 "\",\"plan\":\"%s\","
                        "\"amount_paise\":\"%" PRId64
                        "\",\"reference\":\"" REF_PREFIX "%" PRId64 "\"}",
                        id, fb_user(c), p.name, p.price, id));
    return fb_publish(c, "payment.requested",
                      fb_jsonf(c,
                               "{\"reference\":\"" REF_PREFIX "%" PRId64
                               "\",\"user_id\":\"%" PRId64
                               "\",\"amount_paise\":\"%" PRId64
                               "\",\"description\":\"" T_PAYMENT_FOR "\"}",
                               id, fb_user(c), p.price, p.name));
}

/* [Cancel] at the confirmation. */
int fb__subs_drop(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_SUBSCRIBE, NULL))
        return fb_answerf(c, A_STALE);
    fb_editf(c, NULL, T_NOT_REQUESTED);
    return fb_flow_end(c);
}

/* ---- the payment's decision --------------------------------------------- */

/* The subscription id of the event's reference "sub:<id>"; 0 when the
 * reference is not ours (another plugin's payment). */
static int64_t referenced(fb_ctx *c)
{
    const char *ref = fb_event_str(c, "reference");
    int64_t id;

    if (!ref || strncmp(ref, REF_PREFIX, strlen(REF_PREFIX)) != 0 ||
        fb_parse_id(ref + strlen(REF_PREFIX), &id) != 0)
        return 0;
    return id;
}

/* payment.approved: the period starts (or is queued), once, with the
 * amount received recorded. An approval without a positive amount fails
 * (and with it the approver's transaction): nothing is recorded as paid
 * with ₹0. */
int fb__subs_on_approved(fb_ctx *c)
{
    int64_t id = referenced(c);
    int64_t user =
        fb_sql_int(c, 0,
                   "SELECT user_id FROM subs_subscriptions WHERE id = $1"
                   " AND status <> 'paid' FOR UPDATE",
                   id);
    int64_t paid = fb_event_int(c, "amount_paise", 0);
    fb_rows *r;

    if (!user)
        return FB_OK; /* not ours, or already started */
    if (paid <= 0)    /* never record a period paid with nothing */
        return fb_fail(c, "payment.approved without a positive amount_paise");
    r = fb_sql(c,
               "UPDATE subs_subscriptions s SET status = 'paid',"
               " start_date = $2::date, end_date = $2::date + s.days - 1,"
               " grace_days = $3, paid_paise = $4, payment_id = $5,"
               " paid_at = now() FROM subs_plans p"
               " WHERE s.id = $1 AND s.status <> 'paid' AND p.id = s.plan_id"
               " RETURNING p.name, s.start_date::text, s.end_date::text",
               id, next_start(c, user),
               fb_config_int(c, CFG_GRACE, 0, MAX_DAYS, DFLT_GRACE), paid,
               fb_event_str(c, "payment_id"));
    return fb_sendf(c, user, NULL, T_PAID, fb_str(c, r, 0, 0),
                    fb_str(c, r, 0, 1), fb_str(c, r, 0, 2));
}

/* payment.rejected: the request is closed; the member may try again. */
int fb__subs_on_rejected(fb_ctx *c)
{
    const char *reason = fb_event_str(c, "reason");
    fb_rows *r = fb_sql(c,
                        "UPDATE subs_subscriptions s SET status = 'rejected'"
                        " FROM subs_plans p WHERE s.id = $1"
                        " AND s.status = 'pending' AND p.id = s.plan_id"
                        " RETURNING s.user_id, p.name",
                        referenced(c));

    if (fb_nrows(c, r) == 0)
        return FB_OK;
    return fb_sendf(c, fb_int(c, r, 0, 0), NULL, T_PAYMENT_REJECTED,
                    fb_str(c, r, 0, 1),
                    reason && *reason ? reason : T_NO_REASON);
}

/* clang-format off */
static const fb_ask plan_q = {.ask = ask_plan, .check = use_buttons};
static const fb_ask confirm_q = {.ask = ask_confirm, .check = press_confirm};

const fb_state fb__subs_subscribe_states[] = {
    {.name = "plan", .role = FB_ROLE_MEMBER, .ask = &plan_q},
    {.name = "confirm", .role = FB_ROLE_MEMBER, .ask = &confirm_q},
    {0}};
/* clang-format on */
