/* subscriptions plugin: what staff do to a member's membership.
 *
 *   /membership ID ──► the member's line with
 *        [Freeze] (active) · [End freeze] (frozen) · [Gift days]
 *   [Freeze] ──► days (within the yearly max_freeze_days left) ──► reason
 *        ──► frozen from today: the end (and any queued period) moves on
 *   [End freeze] ──► the freeze ends today: the days not used go back
 *   [Gift days] ──► days (1..365) ──► the end moves on
 * The member is told each time. Each button's member is loaded again when
 * it is pressed: what it offers must still hold. */
#include <string.h>

#include "subs.h"
#include "texts.h"

#define MAX_GIFT 365

static int is(const subs_cur *s, const char *state)
{
    return strcmp(s->state, state) == 0;
}

/* Move the end of subscription id, and every period of its member queued
 * after it, by days (negative: back). */
static void shift(fb_ctx *c, int64_t id, int64_t days)
{
    fb_sql_exec(c,
                "UPDATE subs_subscriptions q SET start_date = q.start_date +"
                " $2::int, end_date = q.end_date + $2::int"
                " FROM subs_subscriptions s WHERE s.id = $1"
                " AND q.user_id = s.user_id AND q.status = 'paid'"
                " AND q.start_date > s.end_date",
                id, days);
    fb_sql_exec(c,
                "UPDATE subs_subscriptions SET end_date = end_date + $2::int"
                " WHERE id = $1",
                id, days);
}

/* Frozen days of user's freezes that started in the current year. */
static int64_t frozen_this_year(fb_ctx *c, int64_t user)
{
    return fb_sql_int(c, 0,
                      "SELECT coalesce(sum(f.days), 0) FROM subs_freezes f"
                      " JOIN subs_subscriptions s ON s.id = f.subscription_id"
                      " WHERE s.user_id = $1 AND NOT f.club"
                      " AND date_trunc('year', f.start_date) ="
                      " date_trunc('year', $2::date)",
                      user, fb_today_text(c));
}

static int show(fb_ctx *c, int64_t user)
{
    subs_cur s = fb__subs_current(c, user);
    fb_keyboard *kb = fb_kb(c);
    int64_t left = fb_config_int(c, CFG_MAX_FREEZE, 0, MAX_DAYS, DFLT_MAX_FREEZE) -
                   frozen_this_year(c, user);

    if (is(&s, "active"))
        fb_kb_button(kb, B_FREEZE, fb_cbf(c, CB_FREEZE "%" PRId64, user));
    if (is(&s, "frozen"))
        fb_kb_button(kb, B_UNFREEZE, fb_cbf(c, CB_UNFREEZE "%" PRId64, user));
    if (is(&s, "active") || is(&s, "frozen") || is(&s, "in grace"))
        fb_kb_button(kb, B_GIFT, fb_cbf(c, CB_GIFT "%" PRId64, user));
    return fb_replyf(c, kb, T_STAFF_VIEW, fb__subs_who(c, user), user,
                     fb__subs_line(c, &s), (long long)(left > 0 ? left : 0));
}

/* /membership ID */
int fb__subs_membership(fb_ctx *c)
{
    int64_t user;

    if (fb_parse_id(fb_args(c), &user) != 0)
        return fb_reply(c, E_MEMBER_ID, NULL);
    if (fb_user_role(c, user) == FB_ROLE_UNKNOWN)
        return fb_replyf(c, NULL, T_NO_SUCH_MEMBER, user);
    return show(c, user);
}

/* The member of a pressed button "prefix<id>" and their membership, when
 * it is in state; else 0 (the press answered). */
static int64_t pressed(fb_ctx *c, const char *prefix, subs_cur *s,
                       const char *state)
{
    int64_t user = fb_data_id(c, prefix, 0);

    *s = fb__subs_current(c, user);
    if (!user)
        return fb_answerf(c, A_BAD_BUTTON), 0;
    if (!s->id || (state && !is(s, state)))
        return fb_answerf(c, A_NOT_NOW), 0;
    return user;
}

/* ---- freeze ---------------------------------------------------------------
 */

/* [Freeze]: ask how many days. */
int fb__subs_freeze(fb_ctx *c)
{
    subs_cur s;
    int64_t user = pressed(c, CB_FREEZE, &s, "active");

    if (!user)
        return FB_OK;
    fb_flow_start(c, FLOW_FREEZE, "days");
    return fb_flow_set_int(c, "user", user);
}

static const char *check_freeze_days(fb_ctx *c)
{
    int64_t user = fb_flow_int(c, "user", 0);
    int64_t max = fb_config_int(c, CFG_MAX_FREEZE, 0, MAX_DAYS, DFLT_MAX_FREEZE);
    int64_t left = max - frozen_this_year(c, user), n = 0;

    fb_parse_int64(fb_text(c), 1, MAX_DAYS, &n);
    if (n > left)
        return fb_strf(c, E_FREEZE_MAX, (long long)max,
                       (long long)(left > 0 ? left : 0));
    return NULL;
}

/* The reason, the last answer: frozen from today. */
static int freeze(fb_ctx *c)
{
    int64_t user = fb_flow_int(c, "user", 0), days = fb_flow_int(c, "days", 0);
    const char *reason = fb_flow_str(c, "reason");
    subs_cur s = fb__subs_current(c, user);

    fb_flow_end(c);
    if (!is(&s, "active"))
        return fb_reply(c, A_NOT_NOW, NULL);
    fb_sql_exec(c,
                "INSERT INTO subs_freezes (subscription_id, start_date,"
                " end_date, days, reason, by_user) VALUES ($1, $2::date,"
                " $2::date + $3::int - 1, $3, $4, $5)",
                s.id, fb_today_text(c), days, reason, fb_user(c));
    shift(c, s.id, days);
    s = fb__subs_current(c, user);
    fb_sendf(c, user, NULL, T_YOU_FROZEN, (long long)days, s.freeze_end, reason,
             s.end);
    fb_replyf(c, NULL, T_FROZEN, fb__subs_who(c, user), (long long)days,
              s.freeze_end);
    return show(c, user);
}

/* [End freeze]: it ends yesterday, so today counts again; the days not
 * used come off the end. */
int fb__subs_unfreeze(fb_ctx *c)
{
    subs_cur s;
    int64_t user = pressed(c, CB_UNFREEZE, &s, "frozen"), unused;

    if (!user)
        return FB_OK;
    unused = fb_sql_int(c, 0,
                        "SELECT end_date - $2::date + 1 FROM subs_freezes"
                        " WHERE subscription_id = $1 AND NOT club AND"
                        " $2::date BETWEEN start_date AND end_date",
                        s.id, fb_today_text(c));
    fb_sql_exec(c,
                "UPDATE subs_freezes SET end_date = $2::date - 1,"
                " days = days - $3::int WHERE subscription_id = $1"
                " AND NOT club AND $2::date BETWEEN start_date AND end_date",
                s.id, fb_today_text(c), unused);
    if (unused <= 0)
        return fb_answerf(c, A_CLUB_FROZEN);
    shift(c, s.id, -unused);
    s = fb__subs_current(c, user);
    fb_sendf(c, user, NULL, T_YOU_UNFROZEN, s.end);
    fb_answerf(c, A_UNFROZEN, (long long)unused);
    return show(c, user);
}

/* ---- gift -----------------------------------------------------------------
 */

/* [Gift days]: ask how many. */
int fb__subs_gift(fb_ctx *c)
{
    subs_cur s;
    int64_t user = pressed(c, CB_GIFT, &s, NULL);

    if (!user)
        return FB_OK;
    if (!is(&s, "active") && !is(&s, "frozen") && !is(&s, "in grace"))
        return fb_answerf(c, A_NOT_NOW);
    fb_flow_start(c, FLOW_GIFT, "days");
    return fb_flow_set_int(c, "user", user);
}

static int gift(fb_ctx *c)
{
    int64_t user = fb_flow_int(c, "user", 0), days = fb_flow_int(c, "days", 0);
    subs_cur s = fb__subs_current(c, user);

    fb_flow_end(c);
    if (!s.id)
        return fb_reply(c, A_NOT_NOW, NULL);
    fb_sql_exec(c,
                "INSERT INTO subs_gifts (subscription_id, days, by_user)"
                " VALUES ($1, $2, $3)",
                s.id, days, fb_user(c));
    shift(c, s.id, days);
    s = fb__subs_current(c, user);
    fb_sendf(c, user, NULL, T_YOU_GIFTED, (long long)days, s.end);
    fb_replyf(c, NULL, T_GIFTED, fb__subs_who(c, user), (long long)days, s.end);
    return show(c, user);
}

/* clang-format off */
static const fb_ask freeze_days_q = {.prompt = T_ASK_FREEZE_DAYS, .type = FB_IN_INT, .min = 1, .max = MAX_DAYS, .bad = E_DAYS, .check = check_freeze_days, .key = "days", .next = "reason"};
static const fb_ask reason_q = {.prompt = T_ASK_FREEZE_REASON, .min = 1, .max = 200, .bad = E_REASON, .key = "reason"};
static const fb_ask gift_days_q = {.prompt = T_ASK_GIFT_DAYS, .type = FB_IN_INT, .min = 1, .max = MAX_GIFT, .bad = E_GIFT_DAYS, .key = "days"};

const fb_state fb__subs_freeze_states[] = {
    {.name = "days", .role = FB_ROLE_STAFF, .ask = &freeze_days_q},
    {.name = "reason", .role = FB_ROLE_STAFF, .ask = &reason_q, .handler = freeze},
    {0}};

const fb_state fb__subs_gift_states[] = {
    {.name = "days", .role = FB_ROLE_STAFF, .ask = &gift_days_q, .handler = gift},
    {0}};
/* clang-format on */
