/* ar plugin: the daily job (job_at, club time).
 *
 *   reminders  each open receivable gets the reminder of the latest step of
 *              remind_days (days from its due date: -3, 1, 7, 15, 30 by
 *              default) it has reached, once per receivable and step
 *              (ar_reminders, written in the job's transaction: a rerun
 *              sends nothing twice, a failed run sends nothing at all); a
 *              step missed while the host was down is not sent late when a
 *              later one applies
 *   locks      a member with an open receivable lock_after_days or more
 *              past its due date is locked (ar_locks) and told once; a lock
 *              whose dues were paid (or whose age was raised) is lifted */
#include "ar.h"
#include "texts.h"

/* "{-3,1,7,15,30}" for SQL. */
static const char *steps_array(fb_ctx *c)
{
    int steps[REMIND_MAX], n = fb__ar_remind_steps(c, steps);
    const char *t = "{";

    for (int i = 0; i < n; i++)
        t = fb_plainf(c, "%s%s%d", t, i ? "," : "", steps[i]);
    return fb_plainf(c, "%s}", t);
}

static void remind(fb_ctx *c, const char *today)
{
    fb_rows *r = fb_sql(
        c,
        "WITH due AS (SELECT r.id, r.user_id, r.description, r.amount_paise -"
        " r.paid_paise AS owed, r.due_date, $1::date - r.due_date AS late,"
        " (SELECT max(s) FROM unnest($2::int[]) s WHERE s <= $1::date -"
        " r.due_date) AS step FROM ar_receivables r WHERE r." OPEN "),"
        " sent AS (INSERT INTO ar_reminders (receivable_id, step, sent_on)"
        " SELECT id, step, $1::date FROM due WHERE step IS NOT NULL"
        " ON CONFLICT DO NOTHING RETURNING receivable_id)"
        " SELECT due.user_id, due.id, due.description, due.owed,"
        " due.due_date::text, due.late FROM due JOIN sent ON"
        " sent.receivable_id = due.id ORDER BY due.user_id, due.id",
        today, steps_array(c));

    for (int i = 0; i < fb_nrows(c, r); i++) {
        int64_t late = fb_int(c, r, i, 5), user = fb_int(c, r, i, 0);
        const char *owed = fb_money_str(c, fb_int(c, r, i, 3));

        if (late == 0)
            fb_sendf(c, user, NULL, T_REMIND_TODAY, fb_int(c, r, i, 1),
                     fb_str(c, r, i, 2), owed);
        else
            fb_sendf(c, user, NULL, late < 0 ? T_REMIND_SOON : T_REMIND_LATE,
                     fb_int(c, r, i, 1), fb_str(c, r, i, 2), owed,
                     fb_str(c, r, i, 4), (long long)(late < 0 ? -late : late));
    }
}

static void lock(fb_ctx *c, const char *today, int64_t days)
{
    fb_rows *r;

    if (days <= 0)
        return;
    r = fb_sql(c,
               "WITH o AS (SELECT user_id, min(due_date) AS since,"
               " sum(amount_paise - paid_paise) AS overdue FROM ar_receivables"
               " WHERE " OPEN " AND due_date < $1::date GROUP BY user_id"
               " HAVING min(due_date) <= $1::date - $2::int),"
               " ins AS (INSERT INTO ar_locks (user_id, since, locked_on,"
               " overdue_paise) SELECT user_id, since, $1::date, overdue FROM o"
               " ON CONFLICT (user_id) WHERE lifted_on IS NULL DO NOTHING"
               " RETURNING user_id, since::text, overdue_paise)"
               " SELECT * FROM ins ORDER BY user_id",
               today, days);
    for (int i = 0; i < fb_nrows(c, r); i++)
        fb_sendf(c, fb_int(c, r, i, 0), NULL, T_LOCKED,
                 fb_money_str(c, fb_int(c, r, i, 2)), fb_str(c, r, i, 1),
                 (long long)days);
}

/* The daily job. A failed query fails the run (the sticky failure): rolled
 * back, logged by the host, run again. */
int fb__ar_daily(fb_ctx *c)
{
    const char *today = fb_today_text(c);

    remind(c, today);
    fb__ar_unlock(c, 0);
    lock(c, today, fb_config_int(c, CFG_LOCK, 0, MAX_DAYS, DFLT_LOCK));
    if (!fb_failed(c))
        fb_log(c, FB_LOG_INFO, "ar daily job for %s done", today);
    return FB_OK;
}
