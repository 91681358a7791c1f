/* subscriptions plugin: a member's membership as they and the club see it.
 *
 *   /my_subscription ──► plan, dates, days left, status, [Renew]
 *   member.card {"user_id"} (the users plugin's /start card)
 *        ──► "Membership: Monthly, active until 2026-12-31 (28 days left)"
 * The status follows from the dates and freezes against the club's today
 * (subs_current in the migration): active, frozen, in grace, locked (the
 * grace is over), queued (paid, starts later). */
#include <string.h>

#include "subs.h"
#include "texts.h"

/* See subs.h. */
subs_cur fb__subs_current(fb_ctx *c, int64_t user)
{
    fb_rows *r = fb_sql(c,
                        "SELECT sub_id, plan, start_date::text, end_date::text,"
                        " grace_end::text, state, days_left,"
                        " coalesce(freeze_end::text, '')"
                        " FROM subs_current($1::date) WHERE user_id = $2",
                        fb_today_text(c), user);

    return (subs_cur){.id = fb_int(c, r, 0, 0),
                      .plan = fb_str(c, r, 0, 1),
                      .start = fb_str(c, r, 0, 2),
                      .end = fb_str(c, r, 0, 3),
                      .grace_end = fb_str(c, r, 0, 4),
                      .state = fb_str(c, r, 0, 5),
                      .days_left = fb_int(c, r, 0, 6),
                      .freeze_end = fb_str(c, r, 0, 7)};
}

/* See subs.h. */
const char *fb__subs_who(fb_ctx *c, int64_t user)
{
    const char *name = fb_user_name(c, user);

    return name && *name ? name : fb_strf(c, "id %" PRId64, user);
}

static int is(const subs_cur *s, const char *state)
{
    return strcmp(s->state, state) == 0;
}

/* See subs.h. */
const char *fb__subs_line(fb_ctx *c, const subs_cur *s)
{
    long long left = (long long)s->days_left;

    if (!s->id)
        return T_LINE_NONE;
    if (is(s, "active"))
        return fb_strf(c, T_LINE_ACTIVE, s->plan, s->end, left,
                       left == 1 ? "" : "s");
    if (is(s, "frozen"))
        return fb_strf(c, T_LINE_FROZEN, s->plan, s->freeze_end, s->end);
    if (is(s, "queued"))
        return fb_strf(c, T_LINE_QUEUED, s->plan, s->start, s->end);
    if (is(s, "in grace"))
        return fb_strf(c, T_LINE_GRACE, s->plan, s->end, s->grace_end);
    return fb_strf(c, T_LINE_LOCKED, s->plan, s->end);
}

/* /my_subscription: the membership, what is queued or waiting for
 * payment, and [Renew]. */
int fb__subs_mine(fb_ctx *c)
{
    subs_cur s = fb__subs_current(c, fb_user(c));
    const char *waiting = fb_sql_str(
        c,
        "SELECT string_agg(p.name, ', ' ORDER BY s.id) FROM subs_subscriptions"
        " s JOIN subs_plans p ON p.id = s.plan_id WHERE s.user_id = $1"
        " AND s.status = 'pending'",
        fb_user(c));
    const char *queued = fb_sql_str(
        c,
        "SELECT min(start_date)::text FROM subs_subscriptions WHERE user_id ="
        " $1 AND status = 'paid' AND start_date > nullif($2, '')::date",
        fb_user(c), s.end);
    fb_keyboard *kb = fb_kb(c);
    const char *text = T_MINE_NONE;

    fb_kb_button(kb, s.id ? B_RENEW : B_SUBSCRIBE, CB_RENEW);
    if (s.id)
        text = fb_strf(c, T_MINE, s.plan, s.start, s.end,
                       (long long)s.days_left, s.state, s.grace_end);
    if (queued)
        text = fb_strf(c, "%-s" T_MINE_QUEUED, text, queued);
    if (waiting)
        text = fb_strf(c, "%-s" T_MINE_WAITING, text, waiting);
    return fb_reply(c, text, kb);
}

/* member.card: the membership line of the member asked about. */
int fb__subs_card(fb_ctx *c)
{
    int64_t user = 0;
    const char *id = fb_event_str(c, "user_id");
    subs_cur s;

    if (!id || fb_parse_id(id, &user) != 0)
        return FB_OK;
    s = fb__subs_current(c, user);
    return fb_respond(c, fb__subs_line(c, &s));
}

/* broadcast.audience {"segment": active | grace | expired}: the ids of
 * the members whose membership is active (or frozen), in grace, or over
 * (grace ended), comma-separated ("" for nobody), banned people left out
 * (the host's fb_users.banned, as the users plugin's answers). Other
 * segments are the users plugin's. */
int fb__subs_audience(fb_ctx *c)
{
    const char *seg = fb_event_str(c, "segment");
    const char *state = !seg                          ? NULL
                        : strcmp(seg, "active") == 0  ? "active"
                        : strcmp(seg, "grace") == 0   ? "in grace"
                        : strcmp(seg, "expired") == 0 ? "locked"
                                                      : NULL;

    if (!state)
        return FB_OK;
    return fb_respond(
        c, fb_sql_str(c,
                      "SELECT coalesce(string_agg(user_id::text, ','"
                      " ORDER BY user_id), '') FROM subs_current($1::date) s"
                      " WHERE (state = $2 OR ($2 = 'active' AND state ="
                      " 'frozen')) AND NOT EXISTS (SELECT 1 FROM fb_users u"
                      " WHERE u.id = s.user_id AND u.banned)",
                      fb_today_text(c), state));
}

/* user.deleted: everything kept for the member goes (their freezes, gifts
 * and notices with their subscriptions). */
int fb__subs_forget(fb_ctx *c)
{
    fb_sql_exec(c, "DELETE FROM subs_subscriptions WHERE user_id = $1",
                fb_event_int(c, "user_id", 0));
    return FB_OK;
}
