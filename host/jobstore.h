/* host/jobstore: when scheduled jobs last ran (fb_jobs), and who runs them.
 *
 * Policy (what "due" means):
 *  - FB_JOB_EVERY: due when the job never ran or last_run is at least
 *    every_min minutes ago (FB_JOB_SECONDS, ABI 1.4: every_min seconds).
 *    A job seen for the first time runs at once.
 *  - FB_JOB_DAILY "HH:MM" in time zone tz: due when the most recent
 *    occurrence of HH:MM in tz (today's if already past, else yesterday's)
 *    is later than last_run. A run missed while no host was up therefore
 *    runs once at start. A daily job seen for the first time does NOT run
 *    at once: its row is created with last_run = now(), so it first runs
 *    at its next occurrence.
 * The time-zone arithmetic is done by PostgreSQL (AT TIME ZONE). */
#ifndef FITBOT_HOST_JOBSTORE_H
#define FITBOT_HOST_JOBSTORE_H

#include <stddef.h>

#include <libpq-fe.h>

/* Inside a transaction the caller opened: take a transaction-level advisory
 * lock for (plugin, job) with pg_try_advisory_xact_lock (not acquired:
 * *due = 0, another host runs it now), create the fb_jobs row if missing,
 * decide whether a run is due (policy above) and if so set last_run = now().
 * The caller then runs the job in the same transaction and commits (a
 * rollback undoes last_run, so the run is retried). kind is FB_JOB_DAILY
 * (at_hhmm "HH:MM", tz an IANA name, or NULL or "" for the server's) or
 * FB_JOB_EVERY (every_min >= 1) or FB_JOB_SECONDS (1..3600 s). Returns 0 with
 * *due set, or -1 with err (bad arguments, unknown time zone, SQL error; the
 * transaction is then aborted). */
int fb__job_claim(PGconn *conn, const char *plugin, const char *job, int kind,
                  const char *at_hhmm, int every_min, const char *tz, int *due,
                  char *err, size_t errlen);

/* Parse "HH:MM" (00:00..23:59, exactly two digits each). 0 ok, -1 bad. */
int fb__job_parse_hhmm(const char *s, int *hour, int *minute);

#endif
