/* host/jobstore: job bookkeeping and the "who runs it" lock. See
 * jobstore.h. */
#include "jobstore.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "fitbot/plugin.h"

int fb__job_parse_hhmm(const char *s, int *hour, int *minute)
{
    int h, m;

    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59)
        return -1;
    if (hour)
        *hour = h;
    if (minute)
        *minute = m;
    return 0;
}

/* 1 if this transaction now holds the job's lock, 0 if another does, -1. */
static int job_lock(PGconn *conn, const char *plugin, const char *job,
                    char *err, size_t errlen)
{
    const char *p[2] = {plugin, job};
    fb_rows *r;
    const char *v;
    int rc;

    r = fb__db_query(conn,
                     "SELECT pg_try_advisory_xact_lock(hashtext('fitbot.job'),"
                     " hashtext($1 || '/' || $2))",
                     2, p, err, errlen);
    if (!r)
        return -1;
    v = fb__rows_get(r, 0, 0);
    rc = (v && strcmp(v, "t") == 0) ? 1 : 0;
    fb__rows_free(r);
    return rc;
}

/* Create the row if missing: an every-N job never ran (due at once), a
 * daily job counts as run now (first run at its next occurrence). */
static int job_row(PGconn *conn, const char *plugin, const char *job, int daily,
                   char *err, size_t errlen)
{
    char now[24];
    const char *p[4] = {plugin, job, daily ? "t" : "f", now};

    snprintf(now, sizeof now, "%" PRId64, fb__now());
    return fb__db_run(conn,
                      "INSERT INTO fb_jobs (plugin, name, last_run) VALUES "
                      "($1, $2, CASE WHEN $3::boolean THEN "
                      "to_timestamp($4::bigint) END) "
                      "ON CONFLICT (plugin, name) DO NOTHING",
                      4, p, err, errlen);
}

/* The most recent HH:MM wall-clock occurrence in tz, at or before now
 * ($5, the host's clock: the test clock moves it). */
static const char daily_sql[] =
    "WITH z AS (SELECT COALESCE($3, current_setting('TimeZone')) AS tz,"
    "   to_timestamp($5::bigint) AS now),"
    " o AS (SELECT z.tz, z.now, date_trunc('day', z.now AT TIME ZONE z.tz)"
    "   + $4::time AS local, z.now AT TIME ZONE z.tz AS local_now FROM z),"
    " occ AS (SELECT (CASE WHEN local <= local_now THEN local"
    "   ELSE local - interval '1 day' END) AT TIME ZONE tz AS occ_at, now"
    "   FROM o) "
    "UPDATE fb_jobs SET last_run = occ.now FROM occ "
    "WHERE plugin = $1 AND name = $2 AND "
    "(last_run IS NULL OR last_run < occ.occ_at)";

static const char every_sql[] =
    "UPDATE fb_jobs SET last_run = to_timestamp($4::bigint) "
    "WHERE plugin = $1 AND name = $2 AND (last_run IS NULL OR last_run <= "
    "to_timestamp($4::bigint) - make_interval(secs => $3::float8))";

/* Mark the run if due: returns 1 due (last_run set), 0 not due, -1. */
static int job_mark_due(PGconn *conn, const char *plugin, const char *job,
                        int kind, const char *at, int every_min, const char *tz,
                        char *err, size_t errlen)
{
    char secs[24], now[24];
    const char *pe[4] = {plugin, job, secs, now};

    snprintf(now, sizeof now, "%" PRId64, fb__now());
    if (kind == FB_JOB_DAILY) {
        const char *pd[5] = {plugin, job, (tz && *tz) ? tz : NULL, at, now};
        return fb__db_changed(conn, daily_sql, 5, pd, err, errlen);
    }
    snprintf(secs, sizeof secs, "%lld",
             (long long)every_min * (kind == FB_JOB_SECONDS ? 1 : 60));
    return fb__db_changed(conn, every_sql, 4, pe, err, errlen);
}

static int job_args_ok(const char *plugin, const char *job, int kind,
                       const char *at, int every_min)
{
    if (!plugin || !*plugin || !job || !*job)
        return 0;
    if (kind == FB_JOB_DAILY)
        return fb__job_parse_hhmm(at, NULL, NULL) == 0;
    if (kind == FB_JOB_SECONDS)
        return every_min >= 1 && every_min <= 3600;
    return kind == FB_JOB_EVERY && every_min >= 1;
}

int fb__job_claim(PGconn *conn, const char *plugin, const char *job, int kind,
                  const char *at_hhmm, int every_min, const char *tz, int *due,
                  char *err, size_t errlen)
{
    int rc;

    *due = 0;
    if (!job_args_ok(plugin, job, kind, at_hhmm, every_min)) {
        fb__db_seterr(err, errlen, "bad schedule for job %s/%s",
                      plugin ? plugin : "?", job ? job : "?");
        return -1;
    }
    rc = job_lock(conn, plugin, job, err, errlen);
    if (rc <= 0)
        return rc;
    if (job_row(conn, plugin, job, kind == FB_JOB_DAILY, err, errlen) != 0)
        return -1;
    rc = job_mark_due(conn, plugin, job, kind, at_hhmm, every_min, tz, err,
                      errlen);
    if (rc < 0)
        return -1;
    *due = rc;
    return 0;
}
