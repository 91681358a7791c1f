/* scheduler: plugin jobs (daily at HH:MM in the club's time zone, or every
 * N minutes). Each job is looked at in its own transaction: fb__job_claim
 * takes a transaction-level advisory lock (two hosts never run one job at
 * once) and decides whether a run is due (a run missed while down is due
 * once at start); a due job runs in that transaction and commits with its
 * last_run, or rolls back (and is retried at the next tick). */
#ifndef FITBOT_SCHEDULER_H
#define FITBOT_SCHEDULER_H

#include "api.h"

/* Look at every job of every loaded plugin once. Returns the number of
 * jobs that ran and committed; failures are logged at error level and
 * counted in *failed (may be NULL). */
int fb__scheduler_tick(fb__core *core, int *failed);

/* The same; seconds_only: only the FB_JOB_SECONDS jobs (the looks
 * between two full ticks). */
int fb__scheduler_tick_ex(fb__core *core, int seconds_only, int *failed);

/* How often to look at the jobs: tick_ms, or half the period of the most
 * frequent FB_JOB_SECONDS job when that is shorter. */
int fb__scheduler_period_ms(const fb__core *core, int tick_ms);

#endif
