/* host: assembly of the daemon (see host.h). */
#define _GNU_SOURCE
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "cbwatch.h"
#include "config.h"
#include "dispatch.h"
#include "leader.h"
#include "log.h"
#include "metrics.h"
#include "migrate.h"
#include "notify.h"
#include "ops.h"
#include "outstore.h"
#include "poller.h"
#include "quarantine.h"
#include "relay.h"
#include "scheduler.h"
#include "sweeper.h"
#include "workers.h"

#define TICK_MS_DEFAULT 20000
#define PRUNE_EVERY_S 3600
#define DEDUP_KEEP_S (2 * 86400)
#define DRAIN_MS 10000

/* Bounds the stop: once asked to stop, a host still alive after
 * shutdown_timeout seconds (a handler stuck outside the database, a
 * plugin's fini that never returns) exits anyway. Shared by the host and
 * its thread, freed by the last one. */
typedef struct watchdog {
    atomic_int stop, done, refs;
    int timeout_s;
} watchdog;

struct fb__host {
    fb__core core;
    watchdog *wd;
    fb__workers *workers;
    fb__poller *poller;
    fb__ops *ops;       /* /metrics, /healthz, the webhook */
    fb__leader *leader; /* polling: who polls among hosts on one database */
    fb__relay *relay;   /* webhook: who sends among hosts on one database */
    int pipe[2];
    int rpipe[2]; /* reload requests (SIGHUP) */
    atomic_int stop;
    _Atomic int64_t beat; /* the background thread's last loop (epoch s) */
    pthread_t bg, feeder;
    int bg_started, feeder_started;
    int serve;             /* a daemon (else a one-off command: no threads, no
                              replay of undelivered rows) */
    size_t ninit;          /* plugins whose init() ran (fini() runs for them) */
    fb__outbox_limits lim; /* the outbox's limits now (a reload sets them) */
    int pool_max, pool_timeout_ms; /* the pool's now, likewise */
    int me_known; /* getMe succeeded: core.bot_username is the bot's */
};

/* ---- plugins ----------------------------------------------------------------
 */
static int load_plugins(const fb__config *cfg, int strict, fb__plugins **p,
                        fb__router **r, char *err, size_t errlen)
{
    fb__loader_opts o = {
        .dir = cfg->plugin_dir,
        .enable = (const char *const *)cfg->enable,
        .nenable = cfg->n_enable,
        .disable = (const char *const *)cfg->disable,
        .ndisable = cfg->n_disable,
        .strict = strict,
        .sql_dir = cfg->sql_dir,
    };
    *r = NULL;
    if (fb__loader_load(&o, p, err, errlen))
        return -1;
    *r = fb__router_new(*p, strict, err, errlen);
    if (!*r) {
        fb__plugins_free(*p);
        *p = NULL;
        return -1;
    }
    return 0;
}

static void log_plugins(const fb__plugins *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const char *kv[] = {"version", p->v[i].desc->version, "path",
                            p->v[i].path, NULL};
        fb__log_kv(FB_LOG_INFO, p->v[i].name, "plugin_loaded", kv, NULL);
    }
    for (size_t i = 0; i < p->noff; i++) {
        const char *kv[] = {"path", p->off[i].path, NULL};
        fb__log_kv(p->off[i].disabled ? FB_LOG_INFO : FB_LOG_ERROR,
                   p->off[i].name,
                   p->off[i].disabled ? "plugin_disabled" : "plugin_refused",
                   kv, "%s", p->off[i].reason);
    }
}

/* ---- migrations -----------------------------------------------------------
 */
typedef struct mig_out {
    FILE *out;
} mig_out;

static void mig_report(void *arg, const char *scope, int version,
                       const char *file, const char *state)
{
    mig_out *m = arg;
    char v[16];
    const char *kv[] = {"scope", scope, "version", v, "file", file, NULL};
    snprintf(v, sizeof v, "%d", version);
    fb__log_kv(FB_LOG_INFO, NULL, "migration", kv, "%s", state);
    if (m && m->out)
        fprintf(m->out, "%-8s %-16s %s\n", state, scope, file);
}

static int run_migrations(const fb__config *cfg, const fb__plugins *p,
                          FILE *out, char *err, size_t errlen)
{
    const char **scopes = calloc(p->n + 1, sizeof *scopes);
    char cerr[512];
    mig_out m = {out};
    int ns = 0, rc = -1;
    PGconn *conn = NULL;
    if (!scopes)
        return fb__seterr(err, errlen, "out of memory"), -1;
    scopes[ns++] = "core";
    for (size_t i = 0; i < p->n; i++)
        if (p->v[i].desc->migrations && p->v[i].desc->migrations[0])
            scopes[ns++] = p->v[i].desc->migrations;
    conn =
        fb__pool_connect(cfg->database_url, cfg->timezone, cerr, sizeof cerr);
    if (!conn) {
        fb__seterr(err, errlen, "database: %s", cerr);
        goto out;
    }
    rc = fb__migrate(conn, cfg->sql_dir, scopes, ns, mig_report, &m, cerr,
                     sizeof cerr);
    if (rc < 0)
        fb__seterr(err, errlen, "migration failed: %s", cerr);
    else
        fb__log(FB_LOG_INFO, NULL, "migrated", "%d file(s) applied", rc);
    if (rc >= 0 && out)
        fprintf(out, "%d migration(s) applied, %d scope(s) up to date\n", rc,
                ns);
out:
    if (conn)
        PQfinish(conn);
    free(scopes);
    return rc < 0 ? -1 : 0;
}

/* ---- init / fini
 * -------------------------------------------------------------- */
static int init_fn(fb__txn *t, void *arg)
{
    const fb__plugin *p = arg;
    fb_ctx c;
    fb__ctx_init(&c, t, p, FB_UPDATE_INIT);
    return fb__call(p->desc->init, &c, "init");
}

static int init_plugins(fb__host *h, char *err, size_t errlen)
{
    const fb__plugins *p = h->core.plugins;
    for (size_t i = 0; i < p->n; i++) {
        if (p->v[i].desc->init) {
            fb__txn t;
            int st =
                fb__txn_run(&h->core, &t, init_fn, (void *)&p->v[i], "init");
            fb__txn_clear(&t);
            if (st != FB__RUN_OK)
                return fb__seterr(err, errlen, "plugin %s: init failed",
                                  p->v[i].name),
                       -1;
        }
        h->ninit = i + 1;
    }
    return 0;
}

static void fini_plugins(fb__host *h)
{
    const fb__plugins *p = h->core.plugins;
    for (size_t i = p ? h->ninit : 0; i-- > 0;) {
        fb__txn t;
        fb_ctx c;
        if (!p->v[i].desc->fini)
            continue;
        memset(&t, 0, sizeof t);
        t.core = &h->core;
        fb__ctx_init(&c, &t, &p->v[i], FB_UPDATE_INIT);
        fb__call(p->v[i].desc->fini, &c, "fini");
        fb__txn_clear(&t); /* what fini allocated */
    }
}

/* ---- updates
 * ------------------------------------------------------------------ */
static int work_fn(void *ud, void *item)
{
    fb__host *h = ud;
    return fb__dispatch(&h->core, item) ? 1 : 0;
}

/* Several waiting updates of different chats (host/dispatch). */
static void group_fn(void *ud, void *const *items, size_t n, int *rcs)
{
    fb__host *h = ud;
    fb__dispatch_group(&h->core, (const fb__update *const *)items, n, rcs);
}

/* The outbox's answer gate: an answer leaves unless the watcher answered
 * its press already. */
static int answer_gate(void *ud, const char *query_id)
{
    fb__host *h = ud;
    return fb__cbwatch_take(h->core.cbwatch, query_id);
}

/* An update without a readable update_id is quarantined at once (its
 * user, when one can be read, told). 0, or -1 when it could not be kept. */
static int hold_unreadable(fb__host *h, const fb__update *u)
{
    char *raw = u->raw ? cJSON_PrintUnformatted(u->raw) : NULL;
    int rc = fb__quarantine_fail(&h->core, u, 0, raw ? raw : "",
                                 "no update_id could be read");
    cJSON_free(raw);
    if (rc == 1)
        fb__metrics_update(u->kind, FB__UPD_QUARANTINED);
    return rc == 1 ? 0 : -1;
}

/* A getUpdates body that does not parse: quarantined as received. */
static int bad_body_fn(void *ud, const char *body)
{
    fb__host *h = ud;
    if (fb__quarantine_fail(&h->core, NULL, 0, body,
                            "an update body that does not parse") != 1)
        return -1;
    fb__metrics_update(FB_UPDATE_OTHER, FB__UPD_QUARANTINED);
    return 0;
}

static int batch_fn(void *ud, cJSON *updates)
{
    fb__host *h = ud;
    int n = cJSON_GetArraySize(updates), k = 0, rc;
    fb__update *u = calloc((size_t)n + 1, sizeof *u);
    void **items = calloc((size_t)n + 1, sizeof *items);
    int64_t *keys = calloc((size_t)n + 1, sizeof *keys);
    if (!u || !items || !keys) {
        rc = -1;
        goto out;
    }
    for (int i = 0; i < n; i++) {
        if (fb__update_parse(cJSON_GetArrayItem(updates, i),
                             h->core.bot_username, &u[k])) {
            if (hold_unreadable(h, &u[k])) {
                rc = -1;
                goto out;
            }
            continue;
        }
        if (u[k].kind == FB_UPDATE_CALLBACK)
            fb__cbwatch_seen(h->core.cbwatch, u[k].callback_id, u[k].chat,
                             fb__poller_unseen_ms(h->poller));
        items[k] = &u[k];
        keys[k] = fb__update_key(&u[k]);
        k++;
    }
    rc = fb__workers_run(h->workers, items, keys, (size_t)k);
out:
    free(u);
    free(items);
    free(keys);
    return rc ? -1 : 0;
}

static int replay_rows(fb__host *h, const char *when, char *err, size_t errlen);

/* Publish and log whether this host polls. */
static void note_lead(int lead)
{
    fb__metrics_set_leader(lead);
    fb__log(FB_LOG_INFO, NULL, lead ? "poll_leader" : "poll_standby", "%s",
            lead ? "this host polls Telegram now"
                 : "another host polls Telegram: standing by");
}

/* Taking over from another host: its undelivered replies are orphans
 * now, sent from here, and what it sent in the last minute counts against
 * Telegram's limits here too. */
static void take_over(fb__host *h)
{
    char err[512];
    if (replay_rows(h, "takeover", err, sizeof err))
        fb__log(FB_LOG_ERROR, NULL, "takeover_replay_failed",
                "%s (they are sent at the next start)", err);
}

/* Polling among several hosts (host/leader): wait until this host holds
 * the lead, checking every second; meanwhile Telegram is asked getMe
 * every 30 s (what /healthz's telegram check sees). Returns 0 when this
 * host leads, 1 once stopping. */
static int lead_gate(fb__host *h, const atomic_int *stop)
{
    int was = fb__metrics_leader();
    for (;;) {
        int lead = fb__leader_check(h->leader);
        if (lead && was == 0)
            take_over(h);
        if (!lead && was == 1) /* the new leader sends them (its take-over) */
            fb__outbox_forget_stored(h->core.outbox);
        if (lead != was) {
            note_lead(lead);
            was = lead;
        }
        if (lead)
            return 0;
        if ((int64_t)time(NULL) - fb__metrics_tg_last() >= 30) {
            fb__tg_error te;
            cJSON *me = NULL;
            fb__tg_call(h->core.tg, "getMe", NULL, &me, &te);
            cJSON_Delete(me);
        }
        for (int w = 0; w < 10 && !atomic_load(stop); w++)
            usleep(100 * 1000);
        if (atomic_load(stop))
            return 1;
    }
}

/* Back-pressure (the poller's gate): no more updates are fetched while
 * outbox_queue_max interactive messages wait to be sent; logged once per
 * wait. Returns 0 when there is room, 1 once the poller is stopping. */
static int room_gate(void *ud, const atomic_int *stop)
{
    fb__host *h = ud;
    int waited = 0, rc;

    if (lead_gate(h, stop))
        return 1;
    while ((rc = fb__outbox_wait_room(h->core.outbox, 0, 500)) > 0 &&
           !atomic_load(stop))
        if (!waited++)
            fb__log(FB_LOG_WARN, NULL, "backpressure",
                    "the outbox holds outbox_queue_max messages: no more "
                    "updates are fetched until it has room");
    if (waited && rc == 0)
        fb__log(FB_LOG_INFO, NULL, "backpressure_end",
                "the outbox has room again: fetching updates");
    return atomic_load(stop) || rc < 0;
}

static void blocked_cb(void *ud, int64_t chat)
{
    fb__host *h = ud;
    char id[24];
    const char *kv[] = {"chat", id, NULL};
    snprintf(id, sizeof id, "%" PRId64, chat);
    fb__log_kv(FB_LOG_INFO, NULL, "chat_blocked", kv, "the bot was blocked");
    fb__dispatch_blocked(&h->core, chat);
}

/* ---- reload (SIGHUP) ------------------------------------------------------
 */
typedef struct reload_keys {
    char restart[512]; /* keys that take a restart, ", "-separated */
} reload_keys;

/* The keys a reload applies (the rest take a restart). */
static const char *const reloadable[] = {"log_level",
                                         "enable",
                                         "disable",
                                         "send_rate_global",
                                         "send_rate_chat",
                                         "send_rate_group",
                                         "outbox_queue_max",
                                         "outbox_bulk_max",
                                         "pool_max",
                                         "pool_acquire_timeout_ms",
                                         "paid_broadcast_rate"};

static void note_key(void *ud, const char *key)
{
    reload_keys *r = ud;
    size_t used = strlen(r->restart);
    for (size_t i = 0; i < sizeof reloadable / sizeof reloadable[0]; i++)
        if (strcmp(key, reloadable[i]) == 0)
            return;
    snprintf(r->restart + used, sizeof r->restart - used, "%s%s",
             used ? ", " : "", key);
}

/* The plugins as next says: pause the loaded ones it disables, resume
 * the ones it enables again, name those it enables that are not loaded. */
static void apply_plugins(fb__host *h, const fb__config *next)
{
    fb__plugins *p = h->core.plugins;
    for (size_t i = 0; i < p->n; i++) {
        int off = !fb__config_plugin_enabled(next, p->v[i].name);
        if (off == fb__plugin_paused(&p->v[i]))
            continue;
        fb__plugin_pause(&p->v[i], off);
        fb__log(
            FB_LOG_WARN, p->v[i].name, off ? "plugin_paused" : "plugin_resumed",
            off ? "disabled by the reload: answers \"%s\"" : "enabled again%s",
            off ? FB__TEXT_UNAVAILABLE : "");
    }
    for (size_t i = 0; i < p->noff; i++)
        if (fb__config_plugin_enabled(next, p->off[i].name))
            fb__log(FB_LOG_WARN, p->off[i].name, "reload_needs_restart",
                    "enabled in the file but not loaded at start: takes a "
                    "restart");
}

/* The outbox's limits as cfg sets them. */
static void limits_of(const fb__config *cfg, fb__outbox_limits *lim)
{
    fb__outbox_limits_default(lim);
    lim->global_per_s = cfg->send_rate_global;
    lim->chat_per_s = cfg->send_rate_chat;
    lim->group_per_min = cfg->send_rate_group;
    lim->queue_max = cfg->outbox_queue_max;
    lim->bulk_max = cfg->outbox_bulk_max;
    lim->paid_per_s = cfg->paid_broadcast_rate;
}

/* The send rates, the outbox's maxima and the pool's size as next says,
 * those that differ from what runs now (event=limits_reloaded). */
static void apply_limits(fb__host *h, const fb__config *next)
{
    fb__outbox_limits lim;
    limits_of(next, &lim);
    if (memcmp(&lim, &h->lim, sizeof lim) != 0) {
        if (fb__outbox_set_limits(h->core.outbox, &lim) == 0)
            h->lim = lim;
        fb__log(FB_LOG_INFO, NULL, "limits_reloaded",
                "send rates %d/s overall, %d/s per chat, %d/min per group, "
                "%d/s paid broadcasts; outbox_queue_max %d, outbox_bulk_max "
                "%d%s",
                lim.global_per_s, lim.chat_per_s, lim.group_per_min,
                lim.paid_per_s, lim.queue_max, lim.bulk_max,
                memcmp(&lim, &h->lim, sizeof lim) ? " (out of memory: some "
                                                    "windows kept the old)"
                                                  : "");
    }
    if (next->pool_max == h->pool_max &&
        next->pool_acquire_timeout_ms == h->pool_timeout_ms)
        return;
    if (fb__pool_resize(h->core.pool, next->pool_max,
                        next->pool_acquire_timeout_ms) == 0) {
        h->pool_max = next->pool_max;
        h->pool_timeout_ms = next->pool_acquire_timeout_ms;
    }
    fb__log(FB_LOG_INFO, NULL, "pool_reloaded",
            "pool_max %d, pool_acquire_timeout_ms %d", h->pool_max,
            h->pool_timeout_ms);
}

/* Read the file again and apply what can change while running. */
static void reload(fb__host *h)
{
    char b[64];
    fb__config next;
    fb__config_errors errs = {0};
    reload_keys keys = {""};
    while (read(h->rpipe[0], b, sizeof b) > 0)
        ;
    fb__notify("RELOADING=1");
    fb__config_load(h->core.cfg->path, &next, &errs);
    for (size_t i = 0; i < errs.n; i++) {
        char line[16];
        const char *kv[] = {"line", line, NULL};
        snprintf(line, sizeof line, "%d", errs.v[i].line);
        fb__log_kv(FB_LOG_ERROR, NULL, "reload_refused", kv, "%s: %s",
                   next.path, errs.v[i].msg);
    }
    if (errs.n == 0) {
        apply_plugins(h, &next);
        apply_limits(h, &next);
        fb__config_diff(h->core.cfg, &next, note_key, &keys);
        if (keys.restart[0])
            fb__log(FB_LOG_WARN, NULL, "reload_needs_restart",
                    "changed, applied at the next start: %s", keys.restart);
        fb__metrics_add(FB__M_RELOADS, 1);
        fb__log(FB_LOG_INFO, NULL, "reloaded", "log level %s from now on",
                fb__log_level_name(next.log_level));
        fb__log_set_level(next.log_level);
    }
    fb__notify("READY=1");
    fb__config_errors_free(&errs);
    fb__config_free(&next);
}

/* ---- background: scheduler and sweeper ---------------------------------- */
static int tick_ms(void)
{
    const char *s = getenv("FITBOT_TICK_MS");
    long v = s ? strtol(s, NULL, 10) : 0;
    return v >= 50 && v <= 600000 ? (int)v : TICK_MS_DEFAULT;
}

/* Whether this host runs the jobs and the conversation timeouts: with
 * polling, the host that polls (its outbox sends what they say, so the
 * hosts' combined rate stays one outbox's); a standby (known from the
 * start: replay_outbox) does not. Webhook hosts all do (their messages
 * go through the one sender: host/relay). */
static int runs_jobs(const fb__host *h)
{
    return !h->leader || fb__metrics_leader() != 0;
}

static void *bg_loop(void *arg)
{
    fb__host *h = arg;
    int64_t last_prune = 0;
    int tick = tick_ms(), ms = fb__scheduler_period_ms(&h->core, tick);
    int every = (tick + ms - 1) / ms, n = 0; /* a full look every tick */
    while (!atomic_load(&h->stop)) {
        struct pollfd pfd[2] = {{.fd = h->pipe[0], .events = POLLIN},
                                {.fd = h->rpipe[0], .events = POLLIN}};
        int full = n++ % every == 0, here = runs_jobs(h);
        atomic_store(&h->beat, (int64_t)time(NULL));
        if (full && here)
            fb__sweeper_tick(&h->core, 1000);
        if (atomic_load(&h->stop))
            break;
        if (here) {
            int failed = 0,
                ran = fb__scheduler_tick_ex(&h->core, !full, &failed);
            fb__metrics_add(FB__M_JOBS_RUN, (uint64_t)(ran > 0 ? ran : 0));
            fb__metrics_add(FB__M_JOBS_FAILED,
                            (uint64_t)(failed > 0 ? failed : 0));
        }
        if (fb__now() - last_prune >= PRUNE_EVERY_S) {
            fb__sweeper_prune(&h->core, DEDUP_KEEP_S);
            last_prune = fb__now();
        }
        if (poll(pfd, 2, ms) > 0 && (pfd[0].revents || atomic_load(&h->stop)))
            break;
        if (pfd[1].revents & POLLIN)
            reload(h);
    }
    return NULL;
}

/* ---- lifecycle -------------------------------------------------------------
 */
/* Every row committed but not delivered queued again (promise 10), and
 * the rate windows charged with what was sent in the last minute. Rows
 * whose request had been made may reach the user twice: counted. 0, or
 * -1 with err. */
static int replay_rows(fb__host *h, const char *when, char *err, size_t errlen)
{
    fb__outbatch *b;
    char perr[512], nrows[16], ndoubt[16];
    const char *kv[] = {"rows", nrows, "in_doubt", ndoubt, "when", when, NULL};
    int rows, doubt;
    PGconn *conn = fb__pool_acquire(h->core.pool, perr, sizeof perr);
    if (!conn)
        return fb__seterr(err, errlen, "database pool: %s", perr), -1;
    b = fb__outstore_load(conn, &rows, &doubt, perr, sizeof perr);
    if (b && fb__outstore_charge_recent(conn, h->core.outbox, perr,
                                        sizeof perr) < 0) {
        fb__outbatch_free(b);
        b = NULL;
    }
    fb__pool_release(h->core.pool, conn, fb__db_broken(conn));
    if (!b)
        return fb__seterr(err, errlen, "outbox: %s", perr), -1;
    if (rows > 0) {
        snprintf(nrows, sizeof nrows, "%d", rows);
        snprintf(ndoubt, sizeof ndoubt, "%d", doubt);
        fb__log_kv(doubt ? FB_LOG_WARN : FB_LOG_INFO, NULL, "outbox_replay", kv,
                   "committed replies not delivered are sent now; in_doubt "
                   "of them were being sent when their host stopped and may "
                   "reach the user twice");
    }
    fb__outbox_submit(h->core.outbox, b);
    return 0;
}

/* Webhook: the sender's thread (host/relay). 0, or -1 with err. */
static int start_relay(fb__host *h, char *err, size_t errlen)
{
    const fb__config *cfg = h->core.cfg;
    h->relay = fb__relay_new(cfg->database_url, cfg->timezone,
                             fb__leader_bot_id(cfg->token), h->core.outbox);
    return h->relay ? 0
                    : (fb__seterr(err, errlen, "cannot start the relay"), -1);
}

/* The durable outbox from now on: its hooks set, and the undelivered rows
 * replayed (before any thread runs) by a daemon that may send them. A
 * polling host replays them when it leads; one that starts as a standby
 * leaves them to the leader (it may be sending them now) and replays them
 * when it takes the lead (lead_gate): the previous leader's undelivered
 * rows are then orphans. A webhook host leaves every row to the sender
 * (host/relay): itself, when it holds the sender's lock. */
static int replay_outbox(fb__host *h, char *err, size_t errlen)
{
    fb__outbox_store store;
    int standby = h->serve && h->leader && !fb__leader_check(h->leader);
    fb__outstore_hooks(&store, h->core.pool);
    fb__outbox_set_store(h->core.outbox, &store);
    h->core.durable = 1;
    if (!h->serve) /* a one-off command sends its own replies only */
        return 0;
    if (h->core.relayed)
        return start_relay(h, err, errlen);
    if (standby) {
        note_lead(0); /* before the background thread: no job runs here */
        fb__log(FB_LOG_INFO, NULL, "outbox_replay_deferred",
                "another host polls: its undelivered replies stay its own "
                "until this host takes the lead");
        return 0;
    }
    return replay_rows(h, "start", err, errlen);
}

/* Ask Telegram for the bot's name (core.bot_username, me_known). Returns 0,
 * or -1 with te filled (logged as event=getme_failed). */
static int get_me(fb__host *h, fb__tg_error *te)
{
    cJSON *me = NULL;
    const char *name;
    memset(te, 0, sizeof *te);
    if (fb__tg_call(h->core.tg, "getMe", NULL, &me, te) != FB__TG_OK) {
        fb__log(FB_LOG_WARN, NULL, "getme_failed", "%s", te->description);
        cJSON_Delete(me);
        return -1;
    }
    name = cJSON_GetStringValue(cJSON_GetObjectItem(me, "username"));
    snprintf(h->core.bot_username, sizeof h->core.bot_username, "%s",
             name ? name : "");
    cJSON_Delete(me);
    h->me_known = 1;
    return 0;
}

/* Until getMe succeeds the host cannot tell "/cmd@OtherBot" from its own
 * commands, so it does not poll: getMe is tried again 0.25 s, 0.5 s, 1 s,
 * then every 2 s (or after Telegram's retry_after) until it succeeds or
 * the host is stopped. Every update waits for it, and one getMe every 2 s
 * costs Telegram little: a long backoff kept a restarted host deaf for 15
 * s after five failed tries (its members' presses went unanswered). A
 * token Telegram refuses is left to the poller, which says so and fails. */
static void learn_name(fb__host *h)
{
    int wait_ms = 250;
    fb__tg_error te;
    while (!h->me_known && !atomic_load(&h->stop)) {
        int nap;
        if (get_me(h, &te) == 0 || te.error_code == 401 || te.error_code == 404)
            return;
        nap = te.retry_after * 1000 > wait_ms ? te.retry_after * 1000 : wait_ms;
        for (int w = 0; w < nap && !atomic_load(&h->stop); w += 50)
            usleep(50 * 1000);
        wait_ms = wait_ms < 1000 ? wait_ms * 2 : 2000;
    }
}

static int open_services(fb__host *h, char *err, size_t errlen)
{
    const fb__config *cfg = h->core.cfg;
    const fb__pool_opts popts = {
        cfg->db_statement_timeout_ms, cfg->db_lock_timeout_ms,
        cfg->db_idle_in_txn_timeout_ms, cfg->db_tcp_user_timeout_ms,
        cfg->db_keepalive_idle};
    char perr[512];
    fb__tg_error te;
    h->core.tg = fb__tg_new(cfg->api_url, cfg->token);
    if (!h->core.tg)
        return fb__seterr(err, errlen, "cannot create the Telegram client"), -1;
    get_me(h, &te); /* on failure fb__host_run tries again */
    h->core.pool = fb__pool_new(cfg->database_url, cfg->timezone, cfg->pool_min,
                                cfg->pool_max, cfg->pool_acquire_timeout_ms,
                                perr, sizeof perr);
    if (!h->core.pool)
        return fb__seterr(err, errlen, "database pool: %s", perr), -1;
    fb__pool_configure(h->core.pool, &popts);
    h->pool_max = cfg->pool_max;
    h->pool_timeout_ms = cfg->pool_acquire_timeout_ms;
    limits_of(cfg, &h->lim);
    h->core.outbox = fb__outbox_new(h->core.tg, &h->lim);
    if (!h->core.outbox)
        return fb__seterr(err, errlen, "cannot start the outbox"), -1;
    fb__outbox_set_blocked_cb(h->core.outbox, blocked_cb, h);
    if (cfg->answer_early_ms > 0) {
        h->core.cbwatch = fb__cbwatch_new(h->core.outbox, cfg->answer_early_ms,
                                          FB__TEXT_STILL_WORKING);
        if (!h->core.cbwatch)
            return fb__seterr(err, errlen, "cannot start the press watcher"),
                   -1;
        fb__outbox_set_answer_gate(h->core.outbox, answer_gate, h);
    }
    return replay_outbox(h, err, errlen);
}

static int start_threads(fb__host *h, char *err, size_t errlen)
{
    h->workers = fb__workers_new(h->core.cfg->workers, work_fn, h);
    if (h->workers)
        fb__workers_group(h->workers, h->core.cfg->updates_per_transaction,
                          group_fn);
    if (!h->workers)
        return fb__seterr(err, errlen, "cannot start %d workers",
                          h->core.cfg->workers),
               -1;
    h->poller =
        fb__poller_new(h->core.tg, h->core.cfg->poll_timeout, batch_fn, h);
    if (!h->poller)
        return fb__seterr(err, errlen, "cannot create the poller"), -1;
    fb__poller_set_bad_fn(h->poller, bad_body_fn);
    fb__poller_set_limit(h->poller, h->core.cfg->updates_batch_max);
    fb__poller_set_gate(h->poller, room_gate);
    return 0;
}

/* /metrics and /healthz from now on (the webhook comes with run). */
static int start_ops(fb__host *h, char *err, size_t errlen)
{
    const fb__ops_hooks hk = {&h->core, batch_fn, bad_body_fn, h};
    h->ops = fb__ops_start(&hk, err, errlen);
    return h->ops ? 0 : -1;
}

/* The test clock, when the config names one (tests only: said loudly). */
static int start_clock(const fb__config *cfg, char *err, size_t errlen)
{
    const char *kv[] = {"file", cfg->test_clock_file, NULL};
    if (!cfg->test_clock_file)
        return 0;
    if (fb__clock_set_file(cfg->test_clock_file))
        return fb__seterr(err, errlen, "out of memory"), -1;
    fb__log_kv(FB_LOG_WARN, NULL, "test_clock", kv,
               "the test clock is on: now is shifted by the file's seconds "
               "(for tests only)");
    return 0;
}

static fb__host *host_open(const fb__config *cfg, int serve, char *err,
                           size_t errlen)
{
    fb__host *h = calloc(1, sizeof *h);
    if (!h)
        return fb__seterr(err, errlen, "out of memory"), NULL;
    h->pipe[0] = h->pipe[1] = h->rpipe[0] = h->rpipe[1] = -1;
    h->core.cfg = cfg;
    h->serve = serve;
    if (!cfg->token || !cfg->token[0]) {
        fb__seterr(err, errlen,
                   "no bot token (set FITBOT_TOKEN or token_file)");
        goto fail;
    }
    if (start_clock(cfg, err, errlen))
        goto fail;
    if (pipe2(h->pipe, O_CLOEXEC | O_NONBLOCK) ||
        pipe2(h->rpipe, O_CLOEXEC | O_NONBLOCK)) {
        fb__seterr(err, errlen, "pipe: %s", strerror(errno));
        goto fail;
    }
    if (load_plugins(cfg, cfg->strict_plugins, &h->core.plugins,
                     &h->core.router, err, errlen))
        goto fail;
    log_plugins(h->core.plugins);
    h->core.relayed = serve && strcmp(cfg->mode, "webhook") == 0;
    if (serve && strcmp(cfg->mode, "polling") == 0 &&
        !(h->leader = fb__leader_new(cfg->database_url, cfg->timezone,
                                     fb__leader_bot_id(cfg->token)))) {
        fb__seterr(err, errlen, "out of memory");
        goto fail;
    }
    if (run_migrations(cfg, h->core.plugins, NULL, err, errlen) ||
        open_services(h, err, errlen))
        goto fail;
    if (serve && start_ops(h, err, errlen))
        goto fail;
    if (init_plugins(h, err, errlen) ||
        (serve && start_threads(h, err, errlen)))
        goto fail;
    fb__ops_set_started(h->ops, 1);
    return h;
fail:
    fb__host_free(h);
    return NULL;
}

/* See host.h. */
fb__host *fb__host_new(const fb__config *cfg, char *err, size_t errlen)
{
    return host_open(cfg, 1, err, errlen);
}

static void watchdog_put(watchdog *w)
{
    if (w && atomic_fetch_sub(&w->refs, 1) == 1)
        free(w);
}

static void *watchdog_main(void *arg)
{
    watchdog *w = arg;
    char s[16];
    const char *kv[] = {"after_s", s, NULL};
    while (!atomic_load(&w->stop) && !atomic_load(&w->done))
        usleep(100 * 1000);
    for (int i = 0; i < w->timeout_s * 10 && !atomic_load(&w->done); i++)
        usleep(100 * 1000);
    if (!atomic_load(&w->done)) {
        snprintf(s, sizeof s, "%d", w->timeout_s);
        fb__log_kv(FB_LOG_ERROR, NULL, "shutdown_forced", kv,
                   "still not stopped (a handler or fini is stuck): exiting; "
                   "uncommitted work rolls back, committed replies are sent "
                   "at the next start");
        _exit(1);
    }
    watchdog_put(w);
    return NULL;
}

/* Start the stop's watchdog (best effort: logged when it cannot). */
static void watchdog_start(fb__host *h)
{
    pthread_t th;
    watchdog *w = calloc(1, sizeof *w);
    if (!w)
        return;
    atomic_init(&w->stop, atomic_load(&h->stop));
    atomic_init(&w->done, 0);
    atomic_init(&w->refs, 2);
    w->timeout_s =
        h->core.cfg->shutdown_timeout > 0 ? h->core.cfg->shutdown_timeout : 60;
    if (pthread_create(&th, NULL, watchdog_main, w) != 0) {
        free(w);
        fb__log(FB_LOG_WARN, NULL, "watchdog_failed", "no stop watchdog");
        return;
    }
    pthread_detach(th);
    h->wd = w;
    if (atomic_load(&h->stop)) /* a stop that came meanwhile */
        atomic_store(&w->stop, 1);
}

/* Webhook mode: serve it, tell Telegram (again 1 s, 2 s .. 30 s apart
 * until it takes it), then wait for the stop; Telegram is asked
 * getWebhookInfo when it has not been heard from for half of
 * health_telegram_max_age (what /healthz looks at). */
static int serve_webhook(fb__host *h)
{
    char err[512];
    int wait_ms = 1000, set = 0,
        idle_s = h->core.cfg->health_telegram_max_age / 2;
    if (fb__ops_webhook_start(h->ops, err, sizeof err)) {
        fb__log(FB_LOG_ERROR, NULL, "webhook_failed", "%s", err);
        return -1;
    }
    while (!atomic_load(&h->stop)) {
        struct pollfd pfd = {.fd = h->pipe[0], .events = POLLIN};
        if (!set && fb__ops_set_webhook(h->ops, err, sizeof err) == 0) {
            set = 1;
            fb__log(FB_LOG_INFO, NULL, "webhook_set",
                    "Telegram posts updates "
                    "to webhook_url");
        } else if (!set) {
            fb__log(FB_LOG_WARN, NULL, "webhook_set_failed", "%s", err);
        }
        if (set && (int64_t)time(NULL) - fb__metrics_tg_last() > idle_s) {
            cJSON *info = NULL;
            fb__tg_call(h->core.tg, "getWebhookInfo", NULL, &info, NULL);
            cJSON_Delete(info);
        }
        if (poll(&pfd, 1, set ? 1000 : wait_ms) > 0)
            break;
        if (!set)
            wait_ms = wait_ms < 15000 ? wait_ms * 2 : 30000;
    }
    fb__ops_webhook_stop(h->ops); /* the requests in flight finish */
    return 0;
}

/* systemd's watchdog (WatchdogSec): WATCHDOG=1 every half interval while
 * the background thread has looped within two ticks and 30 s (a thread
 * stuck past that stops the pings, and systemd restarts the service). */
static void *feed_main(void *arg)
{
    fb__host *h = arg;
    uint64_t half_ms = fb__notify_watchdog_usec() / 2000;
    int64_t stale_s = 2 * tick_ms() / 1000 + 30;
    while (!atomic_load(&h->stop)) {
        if ((int64_t)time(NULL) - atomic_load(&h->beat) <= stale_s)
            fb__notify("WATCHDOG=1");
        else
            fb__log(FB_LOG_ERROR, NULL, "watchdog_starved",
                    "the scheduler's thread is stuck: not feeding systemd's "
                    "watchdog");
        for (uint64_t w = 0; w < half_ms && !atomic_load(&h->stop); w += 100)
            usleep(100 * 1000);
    }
    return NULL;
}

static void feed_start(fb__host *h)
{
    pthread_t th;
    if (fb__notify_watchdog_usec() == 0)
        return;
    atomic_store(&h->beat, (int64_t)time(NULL));
    if (pthread_create(&th, NULL, feed_main, h) == 0)
        h->feeder = th, h->feeder_started = 1;
}

/* See host.h. */
int fb__host_run(fb__host *h)
{
    char n[16];
    int rc, webhook = strcmp(h->core.cfg->mode, "webhook") == 0;
    watchdog_start(h);
    feed_start(h);
    if (pthread_create(&h->bg, NULL, bg_loop, h) == 0)
        h->bg_started = 1;
    else
        fb__log(FB_LOG_ERROR, NULL, "scheduler_failed",
                "no scheduler/sweeper thread");
    snprintf(n, sizeof n, "%d", h->core.cfg->workers);
    learn_name(h);
    if (!atomic_load(&h->stop)) {
        const char *kv[] = {
            "workers",         n,   "bot", h->core.bot_username, "mode",
            h->core.cfg->mode, NULL};
        fb__log_kv(FB_LOG_INFO, NULL, "ready", kv, "%s",
                   webhook ? "serving the webhook" : "polling for updates");
        fb__notify("READY=1\nSTATUS=serving");
        rc = webhook ? serve_webhook(h) : fb__poller_run(h->poller);
    } else {
        rc = 0;
    }
    fb__notify("STOPPING=1");
    fb__host_stop(h);
    if (h->feeder_started)
        pthread_join(h->feeder, NULL);
    h->feeder_started = 0;
    if (h->bg_started)
        pthread_join(h->bg, NULL);
    h->bg_started = 0;
    /* claims no more, but keeps the lock while what it holds is sent:
     * another sender would claim those rows and send them too */
    fb__relay_stop(h->relay);
    if (fb__outbox_drain(h->core.outbox, DRAIN_MS))
        fb__log(FB_LOG_WARN, NULL, "drain_incomplete",
                "replies still queued at stop were dropped");
    fb__relay_free(h->relay); /* the next sender's now */
    h->relay = NULL;
    fb__log(FB_LOG_INFO, NULL, "drained", "%s",
            rc ? (webhook ? "webhook failed" : "poller failed")
               : "updates finished, outbox flushed");
    return rc ? -1 : 0;
}

/* See host.h. */
void fb__host_stop(fb__host *h)
{
    ssize_t w;
    if (!h)
        return;
    atomic_store(&h->stop, 1);
    if (h->wd)
        atomic_store(&h->wd->stop, 1);
    if (h->pipe[1] >= 0)
        w = write(h->pipe[1], "x", 1);
    (void)w;
    if (h->poller)
        fb__poller_stop(h->poller);
}

/* See host.h. */
void fb__host_reload(fb__host *h)
{
    ssize_t w;
    if (h && h->rpipe[1] >= 0)
        w = write(h->rpipe[1], "r", 1);
    (void)w;
}

/* See host.h. */
void fb__host_free(fb__host *h)
{
    if (!h)
        return;
    if (h->bg_started) {
        fb__host_stop(h);
        pthread_join(h->bg, NULL);
    }
    fb__ops_webhook_stop(h->ops); /* its requests wait on the workers */
    fb__poller_free(h->poller);
    fb__leader_free(h->leader); /* the next host takes over at once */
    fb__relay_free(h->relay);   /* likewise */
    h->relay = NULL;
    fb__workers_free(h->workers);
    /* the senders stop before the plugins finish: no Telegram answer may
     * run a plugin's code (a chat.blocked subscriber) after its fini */
    fb__cbwatch_stop(h->core.cbwatch); /* queues into the outbox */
    fb__outbox_free(h->core.outbox);
    h->core.outbox = NULL;
    fb__cbwatch_free(h->core.cbwatch); /* after the outbox: its gate */
    h->core.cbwatch = NULL;
    fini_plugins(h);
    fb__ops_free(h->ops); /* reads the pool and the plugins */
    fb__pool_free(h->core.pool);
    fb__tg_free(h->core.tg);
    if (h->wd) {
        atomic_store(&h->wd->done, 1);
        watchdog_put(h->wd);
        h->wd = NULL;
    }
    fb__router_free(h->core.router);
    fb__plugins_free(h->core.plugins);
    if (h->pipe[0] >= 0)
        close(h->pipe[0]);
    if (h->pipe[1] >= 0)
        close(h->pipe[1]);
    if (h->rpipe[0] >= 0)
        close(h->rpipe[0]);
    if (h->rpipe[1] >= 0)
        close(h->rpipe[1]);
    free(h);
}

/* ---- commands -------------------------------------------------------------
 */
static int load_for_print(const fb__config *cfg, FILE *out, fb__plugins **p,
                          fb__router **r)
{
    char err[512];
    if (load_plugins(cfg, 0, p, r, err, sizeof err)) {
        fprintf(out, "error: %s\n", err);
        return -1;
    }
    return 0;
}

/* See host.h. */
int fb__host_print_plugins(const fb__config *cfg, FILE *out)
{
    fb__plugins *p;
    fb__router *r;
    int refused = 0;
    if (load_for_print(cfg, out, &p, &r))
        return -1;
    fprintf(out, "plugin folder: %s\n", cfg->plugin_dir);
    for (size_t i = 0; i < p->n; i++) {
        const fb_plugin *d = p->v[i].desc;
        fprintf(out, "loaded    %-16s %-8s priority %-5d %s\n", p->v[i].name,
                d->version ? d->version : "-", d->priority,
                d->description ? d->description : "");
    }
    for (size_t i = 0; i < p->noff; i++) {
        fprintf(out, "%-9s %-16s %s (%s)\n",
                p->off[i].disabled ? "disabled" : "refused", p->off[i].name,
                p->off[i].reason, p->off[i].path);
        refused += !p->off[i].disabled;
    }
    fb__router_free(r);
    fb__plugins_free(p);
    return refused ? 1 : 0;
}

/* See host.h. */
int fb__host_check_plugins(const fb__config *cfg, FILE *out)
{
    fb__plugins *p;
    fb__router *r;
    char err[512];
    int refused = 0;
    if (load_plugins(cfg, 0, &p, &r, err, sizeof err))
        return 0; /* no plugin folder (yet): run and plugins report it */
    for (size_t i = 0; i < p->noff; i++)
        if (!p->off[i].disabled) {
            fprintf(out, "%s: plugin %s refused: %s (%s)\n", cfg->path,
                    p->off[i].name, p->off[i].reason, p->off[i].path);
            refused++;
        }
    fb__router_free(r);
    fb__plugins_free(p);
    return refused;
}

/* See host.h. */
int fb__host_print_routes(const fb__config *cfg, FILE *out)
{
    fb__plugins *p;
    fb__router *r;
    int rc, refused = 0;
    if (load_for_print(cfg, out, &p, &r))
        return -1;
    rc = fb__router_print(r, p, out);
    for (size_t i = 0; i < p->noff; i++)
        refused += !p->off[i].disabled;
    fb__router_free(r);
    fb__plugins_free(p);
    return rc ? -1 : refused ? 1 : 0;
}

/* See host.h. */
int fb__host_migrate(const fb__config *cfg, FILE *out)
{
    fb__plugins *p;
    fb__router *r;
    char err[512];
    int rc;
    if (load_plugins(cfg, cfg->strict_plugins, &p, &r, err, sizeof err)) {
        fprintf(out, "error: %s\n", err);
        fb__log(FB_LOG_ERROR, NULL, "migrate_failed", "%s", err);
        return -1;
    }
    log_plugins(p);
    rc = run_migrations(cfg, p, out, err, sizeof err);
    if (rc) {
        fprintf(out, "error: %s\n", err);
        fb__log(FB_LOG_ERROR, NULL, "migrate_failed", "%s", err);
    }
    fb__router_free(r);
    fb__plugins_free(p);
    return rc;
}

/* The raw JSON of held row id into *raw (malloc'd). 0, 1 when there is no
 * such held row, -1 on a database error (err filled). */
static int held_raw(fb__pool *pool, const char *id, char **raw, char *err,
                    size_t errlen)
{
    const char *p[] = {id};
    PGconn *conn = fb__pool_acquire(pool, err, errlen);
    fb_rows *r;
    int rc = -1;
    *raw = NULL;
    if (!conn)
        return -1;
    r = fb__db_query(conn,
                     "SELECT raw FROM fb_quarantine WHERE id = $1::bigint "
                     "AND held_at IS NOT NULL",
                     1, p, err, errlen);
    if (r) {
        rc = fb__rows_count(r) ? 0 : 1;
        if (!rc && !(*raw = strdup(fb__rows_get(r, 0, 0))))
            rc = -1;
    }
    fb__rows_free(r);
    fb__pool_release(pool, conn, fb__db_broken(conn));
    return rc;
}

/* The held row's outcome: deleted when handled, else one more run. */
static void replay_done(fb__pool *pool, const char *id, int handled)
{
    char err[256];
    const char *p[] = {id};
    PGconn *conn = fb__pool_acquire(pool, err, sizeof err);
    if (conn && fb__db_run(conn,
                           handled ? "DELETE FROM fb_quarantine WHERE id = "
                                     "$1::bigint"
                                   : "UPDATE fb_quarantine SET runs = runs "
                                     "+ 1, last_at = now(), error = 'replay "
                                     "failed' WHERE id = $1::bigint",
                           1, p, err, sizeof err))
        fb__log(FB_LOG_ERROR, NULL, "quarantine_failed", "%s", err);
    if (conn)
        fb__pool_release(pool, conn, fb__db_broken(conn));
}

/* Run the held update once through the normal path. */
static int replay_one(fb__host *h, const char *id, FILE *out)
{
    char err[512], *raw = NULL;
    cJSON *j = NULL;
    fb__update *u = calloc(1, sizeof *u);
    int rc = held_raw(h->core.pool, id, &raw, err, sizeof err), st;
    if (rc || !u) {
        fprintf(out, "error: %s\n",
                rc == 1 ? "no held update with that id" : err);
        free(raw);
        free(u);
        return -1;
    }
    j = fb__json_parse_exact(raw, strlen(raw));
    if (!j || fb__update_parse(j, h->core.bot_username, u)) {
        fprintf(out,
                "error: quarantine %s has no readable update_id: it "
                "cannot be replayed\n",
                id);
        rc = -1;
        goto out;
    }
    st = fb__dispatch_replay(&h->core, u);
    replay_done(h->core.pool, id, st == FB__RUN_OK || st == FB__RUN_SKIP);
    fprintf(out, "quarantine %s (update %" PRId64 "): %s\n", id, u->update_id,
            st == FB__RUN_OK     ? "handled; removed"
            : st == FB__RUN_SKIP ? "already processed; removed"
                                 : "failed again; kept");
    rc = st == FB__RUN_OK || st == FB__RUN_SKIP ? 0 : -1;
    if (fb__outbox_drain(h->core.outbox, DRAIN_MS))
        fprintf(out, "some replies are still queued in fb_outbox: the "
                     "daemon sends them at its next start\n");
out:
    cJSON_Delete(j);
    free(raw);
    free(u);
    return rc;
}

/* See host.h. */
int fb__host_quarantine_replay(const fb__config *cfg, const char *id, FILE *out)
{
    char err[512];
    fb__host *h;
    int rc;
    if (!id || !id[0] || strspn(id, "0123456789") != strlen(id)) {
        fprintf(out, "error: replay needs the ID of a held update (see "
                     "fitbot quarantine list)\n");
        return -1;
    }
    h = host_open(cfg, 0, err, sizeof err);
    if (!h) {
        fprintf(out, "error: %s\n", err);
        return -1;
    }
    rc = replay_one(h, id, out);
    fb__host_free(h);
    return rc;
}
