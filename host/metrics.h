/* host/metrics: the process's counters, read by /metrics and /healthz.
 *
 * One registry per process (a daemon is one host): lock-free atomic
 * counters, a handler latency histogram per plugin, and the gauges the
 * other modules already keep (outbox, pool), read at render time. Every
 * counting function is thread-safe and never fails (a plugin beyond the
 * table's room is counted under plugin="other"). Nothing here ever holds
 * the token: labels are update kinds, outcomes and plugin names. */
#ifndef FITBOT_HOST_METRICS_H
#define FITBOT_HOST_METRICS_H

#include <stddef.h>
#include <stdint.h>

/* How an update ended (label outcome of fitbot_updates_total). */
typedef enum fb__upd_outcome {
    FB__UPD_HANDLED = 0, /* committed */
    FB__UPD_DUPLICATE,   /* processed before: nothing done twice */
    FB__UPD_FAILED,      /* rolled back, the user told */
    FB__UPD_RETRY,       /* not handled: comes again */
    FB__UPD_QUARANTINED, /* set aside (unreadable, or failed too often) */
    FB__UPD_NOUTCOME
} fb__upd_outcome;

/* Plain counters (fitbot_<name>_total unless said). */
typedef enum fb__metric {
    FB__M_TG_429 = 0,       /* Telegram answered 429 */
    FB__M_TG_RETRY_WAIT_MS, /* sum of their retry_after, ms */
    FB__M_TG_ERRORS,        /* other failed calls (network, 4xx, 5xx) */
    FB__M_POOL_WAITS,       /* acquires that had to wait */
    FB__M_JOBS_RUN,
    FB__M_JOBS_FAILED,
    FB__M_WEBHOOK_OK,        /* webhook POSTs answered 200 */
    FB__M_WEBHOOK_REFUSED,   /* wrong or missing secret */
    FB__M_WEBHOOK_TOO_LARGE, /* body over webhook_max_body */
    FB__M_WEBHOOK_RETRY,     /* answered 5xx: Telegram sends it again */
    FB__M_RELOADS,           /* SIGHUP reloads applied */
    FB__M_N
} fb__metric;

/* update kind: fb_update_kind (FB_UPDATE_TEXT ..). */
void fb__metrics_update(int kind, fb__upd_outcome outcome);
/* A handler of plugin (its name, a string that outlives the process's
 * plugins, or any string: it is copied) ran for seconds. */
void fb__metrics_handler(const char *plugin, double seconds);
void fb__metrics_add(fb__metric m, uint64_t n);
uint64_t fb__metrics_get(fb__metric m);
uint64_t fb__metrics_updates(int kind, fb__upd_outcome outcome);

/* Telegram answered (any HTTP answer that is a Bot API envelope). */
void fb__metrics_tg_reached(void);
/* Epoch seconds of the last such answer, 0 when none yet. */
int64_t fb__metrics_tg_last(void);

/* What the host reads from its parts at render time. */
typedef struct fb__metrics_gauges {
    uint64_t outbox_queued, outbox_sent, outbox_dropped, outbox_retried,
        outbox_429, outbox_in_doubt;
    int pool_open, pool_idle, pool_waiting, pool_max;
    int plugins_loaded, plugins_disabled;
    long long quarantined_held; /* rows held in fb_quarantine, -1 unknown */
    int ready;                  /* /healthz's verdict */
} fb__metrics_gauges;

/* Polling leadership (host/leader): 1 this host polls, 0 it stands by;
 * never set (webhook mode, one-off commands): not rendered. */
void fb__metrics_set_leader(int leading);
int fb__metrics_leader(void); /* -1 when never set */
/* Webhook hosts (host/relay): 1 this host sends every host's replies, 0
 * another does; never set (polling): not rendered. */
void fb__metrics_set_sender(int sending);

/* The Prometheus text exposition (format 0.0.4) of everything: malloc'd,
 * NULL when out of memory. */
char *fb__metrics_render(const fb__metrics_gauges *g);

/* The sum of the samples of metric name in a Prometheus text whose line
 * holds label (NULL: every sample); *found (may be NULL) the number of
 * such samples. 0 when there is none. What `fitbot status` and the tests
 * read a scrape with. */
double fb__metrics_sum(const char *text, const char *name, const char *label,
                       int *found);

/* Forget every count (tests). */
void fb__metrics_reset(void);

#endif
