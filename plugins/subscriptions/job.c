/* subscriptions plugin: the daily job (job_at, club time).
 *
 * Each step tells every member it applies to today, once per period: what
 * was sent is recorded in subs_notices (one row per subscription and
 * step) in the job's transaction, so a rerun sends nothing twice and a
 * failed run sends nothing at all (the host logs it and runs it again).
 *   remind   active, remind_days or fewer days left, nothing queued after
 *   expired  the period ended (yesterday or within its grace)
 *   grace    the last day of the grace
 *   locked   the grace is over (within a week of it: old periods are
 *            not announced again) */
#include "subs.h"
#include "texts.h"

typedef struct subs_step {
    const char *name, *where, *text; /* where: over subs_current c */
} subs_step;

/* clang-format off */
static const subs_step steps[] = {
    {"remind", "c.state = 'active' AND c.days_left <= $3 AND NOT EXISTS ("
               "SELECT 1 FROM subs_subscriptions q WHERE q.user_id = c.user_id"
               " AND q.status = 'paid' AND q.start_date > c.end_date)",
     T_JOB_REMIND},
    {"expired", "c.state IN ('in grace', 'locked') AND $1::date <= c.grace_end + 1",
     T_JOB_EXPIRED},
    {"grace", "c.state = 'in grace' AND $1::date = c.grace_end AND"
              " c.grace_end > c.end_date",
     T_JOB_GRACE},
    {"locked", "c.state = 'locked' AND $1::date <= c.grace_end + 7",
     T_JOB_LOCKED},
};
/* clang-format on */
#define NSTEPS (sizeof steps / sizeof steps[0])

/* Record step for everyone it applies to today and tell those newly
 * recorded. */
static void run_step(fb_ctx *c, const subs_step *s, const char *today,
                     int64_t remind)
{
    fb_rows *r = fb_sql(
        c,
        fb_plainf(c,
                  "WITH due AS (SELECT c.* FROM subs_current($1::date) c"
                  " WHERE $3::int >= 0 AND %s),"
                  " sent AS (INSERT INTO subs_notices (subscription_id, step,"
                  " sent_on) SELECT sub_id, $2, $1::date FROM due"
                  " ON CONFLICT DO NOTHING RETURNING subscription_id)"
                  " SELECT due.user_id, due.plan, due.end_date::text,"
                  " due.grace_end::text, due.days_left FROM due"
                  " JOIN sent ON sent.subscription_id = due.sub_id"
                  " ORDER BY due.user_id",
                  s->where),
        today, s->name, remind);

    for (int i = 0; i < fb_nrows(c, r); i++)
        fb_sendf(c, fb_int(c, r, i, 0), NULL, s->text, fb_str(c, r, i, 1),
                 fb_str(c, r, i, 2), fb_str(c, r, i, 3),
                 (long long)fb_int(c, r, i, 4));
}

/* The daily job: every step in order. A failed query fails the run (the
 * sticky failure): rolled back, logged by the host, retried. */
int fb__subs_daily(fb_ctx *c)
{
    const char *today = fb_today_text(c);
    int64_t remind = fb_config_int(c, CFG_REMIND, 0, MAX_DAYS, DFLT_REMIND);

    for (size_t i = 0; i < NSTEPS && !fb_failed(c); i++)
        run_step(c, &steps[i], today, remind);
    if (!fb_failed(c))
        fb_log(c, FB_LOG_INFO, "daily job for %s done", today);
    return FB_OK;
}
