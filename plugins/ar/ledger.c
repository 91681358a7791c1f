/* ar plugin: the ledger — receivables, payments allocated to them, the
 * member's credit, and locks lifted when the dues are paid.
 *
 *   payment.credit {"payment_id", "reference", "user_id", "amount_paise",
 *                   "description"} (payments: pay later, or approved for
 *        less than was due) ──► a receivable of what is still owed, due in
 *        credit_days; the member's credit is used on it first
 *   invoice.credited {"number"} ──► its receivable is cancelled; what was
 *        paid towards it becomes credit (used on the other dues)
 *   user.deleted ──► the member's receivables, payments and locks go
 * Every change to one member's ledger takes that member's advisory lock
 * first, so two admins recording at once allocate one after the other. */
#include <string.h>

#include "ar.h"
#include "texts.h"

/* See ar.h. */
void fb__ar_lock_member(fb_ctx *c, int64_t user)
{
    fb_sql(c, "SELECT pg_advisory_xact_lock(hashtextextended('ar:' || $1, 0))",
           user);
}

/* See ar.h. */
int64_t fb__ar_credit(fb_ctx *c, int64_t user)
{
    return fb_sql_int(
        c, 0, "SELECT credit_paise FROM ar_credit WHERE user_id = $1", user);
}

/* x paise of payment pay to receivable rid (open, owing at least x). */
static void allocate(fb_ctx *c, int64_t pay, int64_t rid, int64_t x)
{
    if (fb_sql_exec(c,
                    "UPDATE ar_receivables SET paid_paise = paid_paise + $2,"
                    " status = CASE WHEN paid_paise + $2 = amount_paise"
                    " THEN 'paid' ELSE 'partial' END WHERE id = $1 AND " OPEN
                    " AND paid_paise + $2 <= amount_paise",
                    rid, x) != 1) {
        fb_fail(c, "a receivable changed while a payment was allocated");
        return;
    }
    fb_sql_exec(c,
                "INSERT INTO ar_allocations (payment_id, receivable_id,"
                " amount_paise) VALUES ($1, $2, $3) ON CONFLICT (payment_id,"
                " receivable_id) DO UPDATE SET amount_paise ="
                " ar_allocations.amount_paise + excluded.amount_paise",
                pay, rid, x);
}

/* What is left of payment pay (left paise) goes to the open receivables,
 * first, then oldest due first. Returns what was allocated. */
static int64_t spend(fb_ctx *c, int64_t user, int64_t first, int64_t pay,
                     int64_t left)
{
    fb_rows *r = fb_sql(c,
                        "SELECT id, amount_paise - paid_paise FROM"
                        " ar_receivables WHERE user_id = $1 AND " OPEN
                        " ORDER BY (id = $2) DESC, due_date, id",
                        user, first);
    int64_t used = 0;

    for (int i = 0; i < fb_nrows(c, r) && used < left && !fb_failed(c); i++) {
        int64_t owed = fb_int(c, r, i, 1);
        int64_t x = owed < left - used ? owed : left - used;

        allocate(c, pay, fb_int(c, r, i, 0), x);
        used += x;
    }
    return used;
}

/* See ar.h. */
int64_t fb__ar_settle(fb_ctx *c, int64_t user, int64_t first)
{
    fb_rows *p;
    int64_t total = 0;

    fb__ar_lock_member(c, user);
    p = fb_sql(c,
               "SELECT p.id, (SELECT sum(amount_paise) FROM ar_payment_lines"
               " WHERE payment_id = p.id) - coalesce((SELECT sum(amount_paise)"
               " FROM ar_allocations WHERE payment_id = p.id), 0)"
               " FROM ar_payments p WHERE p.user_id = $1 ORDER BY p.id",
               user);
    for (int i = 0; i < fb_nrows(c, p) && !fb_failed(c); i++) {
        int64_t left = fb_int(c, p, i, 1), used;

        if (left <= 0)
            continue;
        used = spend(c, user, first, fb_int(c, p, i, 0), left);
        total += used;
        if (used < left) /* nothing open is left to pay */
            break;
    }
    return total;
}

/* See ar.h. */
int fb__ar_unlock(fb_ctx *c, int64_t user)
{
    fb_rows *r = fb_sql(
        c,
        "UPDATE ar_locks l SET lifted_on = $1::date WHERE lifted_on IS NULL"
        " AND ($2::bigint = 0 OR l.user_id = $2) AND ($3::int = 0 OR NOT"
        " EXISTS (SELECT 1 FROM ar_receivables r WHERE r.user_id = l.user_id"
        " AND r." OPEN " AND $1::date - r.due_date >= $3)) RETURNING user_id",
        fb_today_text(c), user, fb_config_int(c, CFG_LOCK, 0, MAX_DAYS, DFLT_LOCK));

    for (int i = 0; i < fb_nrows(c, r); i++)
        fb_sendf(c, fb_int(c, r, i, 0), NULL, T_UNLOCKED);
    return fb_failed(c) ? FB_ERR : FB_OK;
}

/* Tell the member of new receivable id: what is owed, by when, and the
 * credit used on it. */
static int tell_new(fb_ctx *c, int64_t id)
{
    fb_rows *r = fb_sql(c,
                        "SELECT user_id, description, amount_paise,"
                        " paid_paise, due_date::text FROM ar_receivables"
                        " WHERE id = $1",
                        id);
    int64_t amount = fb_int(c, r, 0, 2), paid = fb_int(c, r, 0, 3);
    const char *more = "";

    if (paid == amount)
        more = fb_strf(c, T_NEW_COVERED, fb_money_str(c, paid));
    else if (paid > 0)
        more = fb_strf(c, T_NEW_CREDIT_USED, fb_money_str(c, paid),
                       fb_money_str(c, amount - paid));
    return fb_sendf(c, fb_int(c, r, 0, 0), NULL, "%-s%-s",
                    fb_strf(c, T_NEW, id, fb_money_str(c, amount),
                            fb_str(c, r, 0, 1), fb_str(c, r, 0, 4)),
                    more);
}

/* See ar.h. */
int64_t fb__ar_create(fb_ctx *c, int64_t user, const char *source,
                      const char *reference, const char *description,
                      int64_t bill, int64_t discount, const char *due,
                      int64_t payment_id, int64_t created_by)
{
    int64_t id;

    fb__ar_lock_member(c, user);
    id = fb_sql_int(
        c, 0,
        "INSERT INTO ar_receivables (user_id, source, reference, description,"
        " bill_paise, discount_paise, due_date, payment_id, created_by,"
        " created_on) VALUES ($1, $2, nullif(left($3, 64), ''), left($4, 100),"
        " $5, $6, $7::date, nullif($8::bigint, 0), nullif($9::bigint, 0),"
        " $10::date) ON CONFLICT (payment_id) WHERE payment_id IS NOT NULL"
        " DO NOTHING RETURNING id",
        user, source, reference, description, bill, discount, due, payment_id,
        created_by, fb_today_text(c));
    if (!id)
        return 0;
    fb__ar_settle(c, user, id);
    tell_new(c, id);
    return id;
}

/* The source a payments reference names: "sub:12", "invoice:INV/...". */
static const char *source_of(const char *ref)
{
    if (strncmp(ref, "sub:", 4) == 0)
        return "subscription";
    if (strncmp(ref, "invoice:", 8) == 0)
        return "invoice";
    if (strncmp(ref, "store:", 6) == 0)
        return "store";
    return "other";
}

/* payment.credit: what is still owed becomes a receivable (once per
 * payment). A payload without a user, a payment or a positive amount is
 * the publisher's bug: it fails, and so does its transaction. */
int fb__ar_on_credit(fb_ctx *c)
{
    int64_t user = fb_event_int(c, "user_id", 0);
    int64_t pay = fb_event_int(c, "payment_id", 0);
    int64_t owed = fb_event_int(c, "amount_paise", 0);
    const char *ref = fb_event_str(c, "reference");
    const char *what = fb_event_str(c, "description");
    const char *due;

    if (user <= 0 || pay <= 0 || owed <= 0 || !ref || !*ref)
        return fb_fail(c, "payment.credit needs payment_id, reference, "
                          "user_id and a positive amount_paise");
    if (!what || !*what)
        what = ref;
    due = fb_sql_str(c, "SELECT ($1::date + $2::int)::text", fb_today_text(c),
                     fb_config_int(c, CFG_CREDIT_DAYS, 0, MAX_DAYS, DFLT_CREDIT_DAYS));
    fb__ar_create(c, user, source_of(ref), ref, what, owed, 0, due, pay, 0);
    return FB_OK;
}

/* invoice.credited: the invoice's receivable is cancelled; its payments
 * go back to the member's credit, used on their other dues. */
int fb__ar_on_credited(fb_ctx *c)
{
    const char *number = fb_event_str(c, "number");
    fb_rows *r;

    if (!number || !*number)
        return FB_OK;
    r = fb_sql(c,
               "SELECT id, user_id, description FROM ar_receivables"
               " WHERE reference = 'invoice:' || $1 AND status <> 'cancelled'",
               number);
    for (int i = 0; i < fb_nrows(c, r); i++) {
        int64_t id = fb_int(c, r, i, 0), user = fb_int(c, r, i, 1);

        fb__ar_lock_member(c, user);
        fb_sql_exec(c, "DELETE FROM ar_allocations WHERE receivable_id = $1",
                    id);
        fb_sql_exec(c,
                    "UPDATE ar_receivables SET status = 'cancelled',"
                    " paid_paise = 0 WHERE id = $1",
                    id);
        fb_sendf(c, user, NULL, T_CANCELLED, id, fb_str(c, r, i, 2), number);
        fb__ar_settle(c, user, 0);
        fb__ar_unlock(c, user);
    }
    return FB_OK;
}

/* user.deleted: the member's ledger goes with them. */
int fb__ar_forget(fb_ctx *c)
{
    int64_t user = fb_event_int(c, "user_id", 0);

    fb_sql_exec(c, "DELETE FROM ar_receivables WHERE user_id = $1", user);
    fb_sql_exec(c, "DELETE FROM ar_payments WHERE user_id = $1", user);
    fb_sql_exec(c, "DELETE FROM ar_locks WHERE user_id = $1", user);
    return FB_OK;
}
