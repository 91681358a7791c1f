/* scheduler: one transaction per job and tick (see scheduler.h). */
#include "scheduler.h"

#include <stdio.h>

#include "dispatch.h"
#include "jobstore.h"
#include "log.h"

typedef struct job_arg {
    const fb__plugin *p;
    const fb_job *j;
    int ran;
} job_arg;

static int job_fn(fb__txn *t, void *arg)
{
    job_arg *a = arg;
    char err[512];
    int due = 0;
    fb_ctx c;
    if (fb__job_claim(t->conn, a->p->name, a->j->name, (int)a->j->kind,
                      a->j->at, a->j->every_min, t->core->cfg->timezone, &due,
                      err, sizeof err)) {
        fb__log(FB_LOG_ERROR, a->p->name, "job_claim_failed", "job %s: %s",
                a->j->name, err);
        return FB_ERR;
    }
    if (!due)
        return FB_OK; /* keeps a newly created fb_jobs row */
    a->ran = 1;
    fb__log(FB_LOG_INFO, a->p->name, "job_start", "job %s", a->j->name);
    fb__ctx_init(&c, t, a->p, FB_UPDATE_JOB);
    return fb__call(a->j->handler, &c, a->j->name);
}

/* See scheduler.h. */
int fb__scheduler_tick(fb__core *core, int *failed)
{
    return fb__scheduler_tick_ex(core, 0, failed);
}

/* See scheduler.h. */
int fb__scheduler_tick_ex(fb__core *core, int seconds_only, int *failed)
{
    const fb__plugins *p = core->plugins;
    int ran = 0, bad = 0;
    for (size_t i = 0; i < p->n; i++)
        for (const fb_job *j = p->v[i].desc->jobs;
             j && j->name && !fb__plugin_paused(&p->v[i]); j++) {
            job_arg a = {&p->v[i], j, 0};
            char what[128];
            fb__txn t;
            int st;
            if (seconds_only && j->kind != FB_JOB_SECONDS)
                continue;
            snprintf(what, sizeof what, "job %s/%s", p->v[i].name, j->name);
            st = fb__txn_run(core, &t, job_fn, &a, what);
            fb__txn_clear(&t);
            if (st == FB__RUN_OK && a.ran) {
                ran++;
                fb__log(FB_LOG_INFO, p->v[i].name, "job_done", "job %s",
                        j->name);
            } else if (st != FB__RUN_OK) {
                bad++;
                fb__log(FB_LOG_ERROR, p->v[i].name, "job_failed",
                        "job %s did not complete; retried next tick", j->name);
            }
        }
    if (failed)
        *failed = bad;
    return ran;
}

/* See scheduler.h. */
int fb__scheduler_period_ms(const fb__core *core, int tick_ms)
{
    const fb__plugins *p = core->plugins;
    int ms = tick_ms;

    for (size_t i = 0; p && i < p->n; i++)
        for (const fb_job *j = p->v[i].desc->jobs; j && j->name; j++)
            if (j->kind == FB_JOB_SECONDS && j->every_min > 0 &&
                j->every_min * 500 < ms)
                ms = j->every_min * 500; /* twice a period: none missed */
    return ms;
}
