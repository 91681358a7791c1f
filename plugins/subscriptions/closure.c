/* subscriptions plugin: a club-wide freeze for a closure (admins).
 *
 *   /closure ──► days (1..90) ──► reason ──► [Freeze everyone] [Cancel]
 *        ──► every membership active today is frozen from today for the
 *            days (its end and any queued period move on); each member is
 *            told. It does not count against their yearly maximum. */
#include <string.h>

#include "subs.h"
#include "texts.h"

#define MAX_CLOSURE 90

/* /closure: the host asks how many days. */
int fb__subs_closure(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_CLOSURE, "days");
}

static int ask_confirm(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);
    int64_t n = fb_sql_int(c, 0,
                           "SELECT count(*) FROM subs_current($1::date)"
                           " WHERE state = 'active'",
                           fb_today_text(c));

    fb_kb_button(kb, B_CLOSURE_OK, CB_CLOSURE_OK);
    fb_kb_button(kb, B_CANCEL, CB_CLOSURE_NO);
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(c, kb, T_CLOSURE_CONFIRM, (long long)n,
                     (long long)fb_flow_int(c, "days", 0),
                     fb_flow_str(c, "reason"));
}

static const char *press_confirm(fb_ctx *c)
{
    (void)c;
    return E_PRESS_CONFIRM;
}

/* [Freeze everyone]: one statement freezes and moves every active
 * membership, then each member is told. */
int fb__subs_closure_ok(fb_ctx *c)
{
    int64_t days = fb_flow_int(c, "days", 0);
    const char *reason = fb_flow_str(c, "reason");
    fb_rows *r;

    if (!fb_in_flow(c, FLOW_CLOSURE, "confirm"))
        return fb_answerf(c, A_STALE);
    fb_flow_end(c);
    r = fb_sql(
        c,
        "WITH a AS (SELECT sub_id, user_id, end_date"
        "   FROM subs_current($1::date) WHERE state = 'active'),"
        " f AS (INSERT INTO subs_freezes (subscription_id, start_date,"
        "   end_date, days, reason, by_user, club) SELECT sub_id, $1::date,"
        "   $1::date + $2::int - 1, $2::int, $3, $4, true FROM a),"
        " q AS (UPDATE subs_subscriptions q SET"
        "   start_date = q.start_date + $2::int,"
        "   end_date = q.end_date + $2::int FROM a"
        "   WHERE q.user_id = a.user_id AND q.status = 'paid'"
        "   AND q.start_date > a.end_date)"
        " UPDATE subs_subscriptions s SET end_date = s.end_date + $2::int"
        " FROM a WHERE s.id = a.sub_id"
        " RETURNING s.user_id, s.end_date::text",
        fb_today_text(c), days, reason, fb_user(c));
    for (int i = 0; i < fb_nrows(c, r); i++)
        fb_sendf(c, fb_int(c, r, i, 0), NULL, T_YOU_CLOSURE, (long long)days,
                 reason, fb_str(c, r, i, 1));
    return fb_editf(c, NULL, T_CLOSURE_DONE, fb_nrows(c, r), (long long)days);
}

/* [Cancel] */
int fb__subs_closure_no(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_CLOSURE, NULL))
        return fb_answerf(c, A_STALE);
    fb_editf(c, NULL, T_CLOSURE_NOT);
    return fb_flow_end(c);
}

/* clang-format off */
static const fb_ask days_q = {.prompt = T_ASK_CLOSURE_DAYS, .type = FB_IN_INT, .min = 1, .max = MAX_CLOSURE, .bad = E_CLOSURE_DAYS, .key = "days", .next = "reason"};
static const fb_ask reason_q = {.prompt = T_ASK_CLOSURE_REASON, .min = 1, .max = 200, .bad = E_REASON, .key = "reason", .next = "confirm"};
static const fb_ask confirm_q = {.ask = ask_confirm, .check = press_confirm};

const fb_state fb__subs_closure_states[] = {
    {.name = "days", .role = FB_ROLE_ADMIN, .ask = &days_q},
    {.name = "reason", .role = FB_ROLE_ADMIN, .ask = &reason_q},
    {.name = "confirm", .role = FB_ROLE_ADMIN, .ask = &confirm_q},
    {0}};
/* clang-format on */
