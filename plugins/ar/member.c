/* ar plugin: a member's dues as they, the desk and other plugins see them.
 *
 *   /my_dues ──► the member's open receivables (amount left, due date,
 *                days overdue), their credit, the lock, the last payments
 *   /dues ID ──► the same about a member, for staff
 *   member.card {"user_id"} (users' /start card) ──► "Dues: ₹X" and, when
 *                locked, "🔒 Access locked: ₹X overdue since DATE"; nothing
 *                for a member who owes nothing
 *   ar.access {"user_id"} ──► {"user_id", "locked": "1"|"0", "since",
 *                "overdue_paise"} (strings, like every payload here; see
 *                README: what access covers) */
#include "ar.h"
#include "texts.h"

#define MINE_MAX 10
#define PAID_MAX 5

typedef struct dues {
    int64_t owed, overdue, credit;
    const char *oldest;     /* the oldest overdue due date, or NULL */
    const char *lock_since; /* the open lock's date, or NULL */
} dues;

static dues dues_of(fb_ctx *c, int64_t user)
{
    fb_rows *r = fb_sql(
        c,
        "SELECT coalesce(sum(amount_paise - paid_paise), 0),"
        " coalesce(sum(amount_paise - paid_paise) FILTER (WHERE due_date <"
        " $2::date), 0), min(due_date) FILTER (WHERE due_date < $2::date),"
        " (SELECT since::text FROM ar_locks WHERE user_id = $1 AND lifted_on"
        " IS NULL) FROM ar_receivables WHERE user_id = $1 AND " OPEN,
        user, fb_today_text(c));
    dues d = {.owed = fb_int(c, r, 0, 0), .overdue = fb_int(c, r, 0, 1)};

    d.oldest = fb_is_null(c, r, 0, 2) ? NULL : fb_str(c, r, 0, 2);
    d.lock_since = fb_is_null(c, r, 0, 3) ? NULL : fb_str(c, r, 0, 3);
    d.credit = fb__ar_credit(c, user);
    return d;
}

static const char *lock_line(fb_ctx *c, const dues *d)
{
    return fb_strf(c, T_LOCK_LINE, fb_money_str(c, d->overdue),
                   d->oldest ? d->oldest : d->lock_since);
}

/* The text of user's dues (head: whose). */
static const char *dues_text(fb_ctx *c, int64_t user, const char *head)
{
    dues d = dues_of(c, user);
    fb_rows *r = fb_sql(c,
                        "SELECT id, description, amount_paise - paid_paise,"
                        " amount_paise, due_date::text, $2::date - due_date"
                        " FROM ar_receivables WHERE user_id = $1 AND " OPEN
                        " ORDER BY due_date, id LIMIT $3",
                        user, fb_today_text(c), MINE_MAX);
    fb_rows *p = fb_sql(c,
                        "SELECT p.paid_on::text, sum(l.amount_paise),"
                        " string_agg(l.method, ' + ' ORDER BY l.id) FROM"
                        " ar_payments p JOIN ar_payment_lines l ON"
                        " l.payment_id = p.id WHERE p.user_id = $1 GROUP BY"
                        " p.id ORDER BY p.id DESC LIMIT $2",
                        user, PAID_MAX);
    const char *t = head;

    if (fb_nrows(c, r) == 0)
        t = fb_strf(c, "%-s" T_DUES_NONE, t);
    for (int i = 0; i < fb_nrows(c, r); i++) {
        int64_t late = fb_int(c, r, i, 5);

        t = fb_strf(c, "%-s" T_DUES_LINE, t, fb_int(c, r, i, 0),
                    fb_str(c, r, i, 1), fb_money_str(c, fb_int(c, r, i, 2)),
                    fb_money_str(c, fb_int(c, r, i, 3)), fb_str(c, r, i, 4),
                    late > 0 ? fb_strf(c, T_DUES_LATE, (long long)late) : "");
    }
    if (d.owed > 0)
        t = fb_strf(c, "%-s" T_DUES_TOTAL, t, fb_money_str(c, d.owed));
    if (d.credit > 0)
        t = fb_strf(c, "%-s" T_DUES_CREDIT, t, fb_money_str(c, d.credit));
    if (d.lock_since)
        t = fb_strf(c, "%-s\n%-s", t, lock_line(c, &d));
    for (int i = 0; i < fb_nrows(c, p); i++)
        t = fb_strf(c, "%-s%-s" T_DUES_PAID, t, i ? "" : T_DUES_PAID_HEAD,
                    fb_str(c, p, i, 0), fb_money_str(c, fb_int(c, p, i, 1)),
                    fb_str(c, p, i, 2));
    return t;
}

/* /my_dues */
int fb__ar_mine(fb_ctx *c)
{
    return fb_reply(c, dues_text(c, fb_user(c), T_MINE_HEAD), NULL);
}

/* /dues ID (staff) */
int fb__ar_dues(fb_ctx *c)
{
    int64_t id = fb_member_typed(c, fb_args(c));

    if (!*fb_args(c))
        return fb_reply(c, E_DUES_USAGE, NULL);
    if (!id)
        return fb_replyf(c, NULL, E_DUES_WHO, fb_args(c));
    return fb_reply(
        c, dues_text(c, id, fb_strf(c, T_DUES_HEAD, fb__ar_who(c, id))), NULL);
}

/* The dues of the user a request's payload names; user 0 when the
 * payload names nobody (then nothing is answered). */
static dues asked(fb_ctx *c, int64_t *user)
{
    const char *s = fb_event_str(c, "user_id");
    dues none = {0};

    *user = 0;
    if (!s || fb_parse_id(s, user) != 0)
        return *user = 0, none;
    return dues_of(c, *user);
}

/* member.card: a line only for a member who owes something. */
int fb__ar_card(fb_ctx *c)
{
    int64_t user;
    dues d = asked(c, &user);

    if (!user || (d.owed <= 0 && !d.lock_since))
        return FB_OK;
    if (d.lock_since)
        return fb_respond(c, lock_line(c, &d));
    if (d.overdue > 0)
        return fb_respond(c, fb_strf(c, T_CARD_OVERDUE, fb_money_str(c, d.owed),
                                     fb_money_str(c, d.overdue)));
    return fb_respond(c, fb_strf(c, T_CARD_DUES, fb_money_str(c, d.owed)));
}

/* ar.access: locked or not, as JSON. */
int fb__ar_access(fb_ctx *c)
{
    int64_t user;
    dues d = asked(c, &user);

    if (!user)
        return FB_OK;
    return fb_respond(
        c, fb_jsonf(c,
                    "{\"user_id\":\"%s\",\"locked\":\"%s\",\"since\":"
                    "\"%s\",\"overdue_paise\":\"%" PRId64 "\"}",
                    fb_id_str(c, user), d.lock_since ? "1" : "0",
                    d.lock_since ? d.lock_since : "", d.overdue));
}
