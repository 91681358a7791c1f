/* host/metrics: see metrics.h. */
#define _GNU_SOURCE
#include "metrics.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fitbot/plugin.h>

#define NKIND (FB_UPDATE_INIT + 1)
#define NPLUGIN 64
#define NAME_MAX_LEN 33
/* handler latency buckets, seconds (le) */
static const double bucket_le[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                   0.5,   1,    2.5,   5,    10};
#define NBUCKET (sizeof bucket_le / sizeof bucket_le[0])

typedef struct plugin_hist {
    char name[NAME_MAX_LEN];
    atomic_uint_fast64_t bucket[NBUCKET]; /* not cumulative */
    atomic_uint_fast64_t count, sum_us;
} plugin_hist;

static atomic_uint_fast64_t updates[NKIND][FB__UPD_NOUTCOME];
static atomic_uint_fast64_t counters[FB__M_N];
static atomic_int_fast64_t tg_last;
static atomic_int leader = -1;
static atomic_int sender = -1;
static plugin_hist hist[NPLUGIN + 1]; /* the last one: "other" */
static atomic_int nhist;
static pthread_mutex_t hist_mu = PTHREAD_MUTEX_INITIALIZER;

static const char *const outcome_name[FB__UPD_NOUTCOME] = {
    "handled", "duplicate", "failed", "retry", "quarantined"};

static const char *kind_name(int k)
{
    static const char *const n[NKIND] = {
        "none",     "text",  "command", "callback", "contact", "photo",
        "document", "other", "event",   "job",      "init"};
    return k >= 0 && k < NKIND ? n[k] : "other";
}

void fb__metrics_update(int kind, fb__upd_outcome outcome)
{
    if (kind < 0 || kind >= NKIND)
        kind = FB_UPDATE_OTHER;
    if ((int)outcome < 0 || outcome >= FB__UPD_NOUTCOME)
        return;
    atomic_fetch_add(&updates[kind][outcome], 1);
}

uint64_t fb__metrics_updates(int kind, fb__upd_outcome outcome)
{
    if (kind < 0 || kind >= NKIND || (int)outcome < 0 ||
        outcome >= FB__UPD_NOUTCOME)
        return 0;
    return atomic_load(&updates[kind][outcome]);
}

/* The histogram of plugin, made on first use. */
static plugin_hist *hist_of(const char *plugin)
{
    int n = atomic_load(&nhist), i;

    for (i = 0; i < n; i++)
        if (strcmp(hist[i].name, plugin) == 0)
            return &hist[i];
    pthread_mutex_lock(&hist_mu);
    n = atomic_load(&nhist);
    for (i = 0; i < n && strcmp(hist[i].name, plugin) != 0; i++)
        ;
    if (i == n && n < NPLUGIN) {
        snprintf(hist[n].name, sizeof hist[n].name, "%s", plugin);
        atomic_store(&nhist, n + 1); /* published after the name */
    } else if (i == n) {
        i = NPLUGIN;
        snprintf(hist[i].name, sizeof hist[i].name, "other");
    }
    pthread_mutex_unlock(&hist_mu);
    return &hist[i];
}

void fb__metrics_handler(const char *plugin, double seconds)
{
    plugin_hist *h = hist_of(plugin ? plugin : "core");
    size_t b;

    if (seconds < 0)
        seconds = 0;
    for (b = 0; b < NBUCKET && seconds > bucket_le[b]; b++)
        ;
    if (b < NBUCKET)
        atomic_fetch_add(&h->bucket[b], 1);
    atomic_fetch_add(&h->count, 1);
    atomic_fetch_add(&h->sum_us, (uint64_t)(seconds * 1e6));
}

void fb__metrics_add(fb__metric m, uint64_t n)
{
    if ((int)m >= 0 && m < FB__M_N)
        atomic_fetch_add(&counters[m], n);
}

uint64_t fb__metrics_get(fb__metric m)
{
    return (int)m >= 0 && m < FB__M_N ? atomic_load(&counters[m]) : 0;
}

void fb__metrics_tg_reached(void)
{
    atomic_store(&tg_last, (int_fast64_t)time(NULL));
}

int64_t fb__metrics_tg_last(void)
{
    return (int64_t)atomic_load(&tg_last);
}

void fb__metrics_set_leader(int leading)
{
    atomic_store(&leader, leading ? 1 : 0);
}

int fb__metrics_leader(void)
{
    return atomic_load(&leader);
}

void fb__metrics_set_sender(int sending)
{
    atomic_store(&sender, sending ? 1 : 0);
}

void fb__metrics_reset(void)
{
    atomic_store(&leader, -1);
    atomic_store(&sender, -1);
    memset(updates, 0, sizeof updates);
    memset(counters, 0, sizeof counters);
    memset(hist, 0, sizeof hist);
    atomic_store(&nhist, 0);
    atomic_store(&tg_last, 0);
}

/* ---- rendering ---------------------------------------------------------- */

static void head(FILE *f, const char *name, const char *type, const char *help)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void one(FILE *f, const char *name, const char *type, const char *help,
                double v)
{
    head(f, name, type, help);
    fprintf(f, "%s %.17g\n", name, v);
}

static void render_updates(FILE *f)
{
    head(f, "fitbot_updates_total", "counter",
         "Updates taken, by kind and outcome.");
    for (int k = 0; k < NKIND; k++)
        for (int o = 0; o < FB__UPD_NOUTCOME; o++) {
            uint64_t v = atomic_load(&updates[k][o]);
            /* the common series always, the rest once they moved */
            if (v || ((k == FB_UPDATE_TEXT || k == FB_UPDATE_COMMAND ||
                       k == FB_UPDATE_CALLBACK) &&
                      o <= FB__UPD_FAILED))
                fprintf(f,
                        "fitbot_updates_total{kind=\"%s\",outcome=\"%s\"} "
                        "%llu\n",
                        kind_name(k), outcome_name[o], (unsigned long long)v);
        }
}

static void render_hist(FILE *f, const plugin_hist *h)
{
    uint64_t cum = 0;
    for (size_t b = 0; b < NBUCKET; b++) {
        cum += atomic_load(&h->bucket[b]);
        fprintf(f,
                "fitbot_handler_seconds_bucket{plugin=\"%s\",le=\"%g\"} "
                "%llu\n",
                h->name, bucket_le[b], (unsigned long long)cum);
    }
    fprintf(f,
            "fitbot_handler_seconds_bucket{plugin=\"%s\",le=\"+Inf\"} %llu\n"
            "fitbot_handler_seconds_sum{plugin=\"%s\"} %.6f\n"
            "fitbot_handler_seconds_count{plugin=\"%s\"} %llu\n",
            h->name, (unsigned long long)atomic_load(&h->count), h->name,
            (double)atomic_load(&h->sum_us) / 1e6, h->name,
            (unsigned long long)atomic_load(&h->count));
}

static void render_handlers(FILE *f)
{
    int n = atomic_load(&nhist);
    head(f, "fitbot_handler_seconds", "histogram",
         "Time plugin handlers ran, per plugin.");
    for (int i = 0; i < n; i++)
        render_hist(f, &hist[i]);
    if (atomic_load(&hist[NPLUGIN].count))
        render_hist(f, &hist[NPLUGIN]);
}

typedef struct counter_def {
    fb__metric m;
    const char *name, *help;
    double scale;
} counter_def;

static const counter_def counter_defs[] = {
    {FB__M_TG_429, "fitbot_telegram_429_total",
     "Telegram answers 429 Too Many Requests.", 1},
    {FB__M_TG_RETRY_WAIT_MS, "fitbot_telegram_retry_wait_seconds_total",
     "Seconds Telegram asked to wait (retry_after), summed.", 1e-3},
    {FB__M_TG_ERRORS, "fitbot_telegram_errors_total",
     "Bot API calls that failed (network, 4xx, 5xx; 429 included).", 1},
    {FB__M_POOL_WAITS, "fitbot_pool_waits_total",
     "Database connection acquires that had to wait.", 1},
    {FB__M_JOBS_RUN, "fitbot_jobs_run_total", "Plugin jobs run.", 1},
    {FB__M_JOBS_FAILED, "fitbot_jobs_failed_total", "Plugin jobs failed.", 1},
    {FB__M_WEBHOOK_OK, "fitbot_webhook_accepted_total",
     "Webhook deliveries answered 200 (the update is taken).", 1},
    {FB__M_WEBHOOK_REFUSED, "fitbot_webhook_refused_total",
     "Webhook requests refused: missing or wrong secret token.", 1},
    {FB__M_WEBHOOK_TOO_LARGE, "fitbot_webhook_too_large_total",
     "Webhook requests refused: body over webhook_max_body.", 1},
    {FB__M_WEBHOOK_RETRY, "fitbot_webhook_retry_total",
     "Webhook deliveries answered 5xx (Telegram delivers them again).", 1},
    {FB__M_RELOADS, "fitbot_config_reloads_total",
     "Configuration reloads applied (SIGHUP).", 1},
};

typedef struct gauge_def {
    const char *name, *type, *help;
    double v;
} gauge_def;

static void render_gauges(FILE *f, const fb__metrics_gauges *g)
{
    const gauge_def defs[] = {
        {"fitbot_outbox_depth", "gauge",
         "Outbound messages queued in memory, not sent yet.",
         (double)g->outbox_queued},
        {"fitbot_outbox_sent_total", "counter",
         "Outbound messages Telegram accepted.", (double)g->outbox_sent},
        {"fitbot_outbox_dropped_total", "counter",
         "Outbound messages given up.", (double)g->outbox_dropped},
        {"fitbot_outbox_retries_total", "counter",
         "Outbound retries after 429, 5xx or network errors.",
         (double)g->outbox_retried},
        {"fitbot_outbox_429_total", "counter",
         "429 answers to outbound messages.", (double)g->outbox_429},
        {"fitbot_outbox_in_doubt_total", "counter",
         "Outbound requests sent again that may reach the user twice.",
         (double)g->outbox_in_doubt},
        {"fitbot_pool_in_use", "gauge", "Database connections in use.",
         (double)(g->pool_open - g->pool_idle)},
        {"fitbot_pool_open", "gauge", "Database connections open.",
         (double)g->pool_open},
        {"fitbot_pool_max", "gauge", "pool_max.", (double)g->pool_max},
        {"fitbot_pool_waiting", "gauge",
         "Threads waiting for a database connection now.",
         (double)g->pool_waiting},
        {"fitbot_plugins_loaded", "gauge", "Plugins loaded and enabled.",
         (double)g->plugins_loaded},
        {"fitbot_plugins_disabled", "gauge",
         "Plugins found but disabled or refused.", (double)g->plugins_disabled},
        {"fitbot_ready", "gauge", "1 when /healthz says ready.",
         (double)g->ready},
    };

    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        one(f, defs[i].name, defs[i].type, defs[i].help, defs[i].v);
    if (g->quarantined_held >= 0)
        one(f, "fitbot_quarantined_updates", "gauge",
            "Updates held in quarantine (fitbot quarantine list).",
            (double)g->quarantined_held);
    if (atomic_load(&leader) >= 0)
        one(f, "fitbot_poll_leader", "gauge",
            "1 when this host is the one polling Telegram.",
            (double)atomic_load(&leader));
    if (atomic_load(&sender) >= 0)
        one(f, "fitbot_outbox_sender", "gauge",
            "1 when this host sends every webhook host's replies.",
            (double)atomic_load(&sender));
}

char *fb__metrics_render(const fb__metrics_gauges *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int64_t last = fb__metrics_tg_last();

    if (!f)
        return NULL;
    render_updates(f);
    render_handlers(f);
    for (size_t i = 0; i < sizeof counter_defs / sizeof counter_defs[0]; i++)
        one(f, counter_defs[i].name, "counter", counter_defs[i].help,
            (double)fb__metrics_get(counter_defs[i].m) * counter_defs[i].scale);
    render_gauges(f, g);
    one(f, "fitbot_telegram_last_contact_seconds", "gauge",
        "Epoch seconds of the last answer from the Bot API (0: none).",
        (double)last);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

double fb__metrics_sum(const char *text, const char *name, const char *label,
                       int *found)
{
    size_t n = strlen(name);
    double sum = 0;
    int k = 0;

    for (const char *l = text; l && *l;) {
        const char *end = strchr(l, '\n');
        size_t len = end ? (size_t)(end - l) : strlen(l);
        char line[512];

        if (*l != '#' && len < sizeof line && strncmp(l, name, n) == 0 &&
            (l[n] == '{' || l[n] == ' ')) {
            const char *sp;
            memcpy(line, l, len);
            line[len] = '\0';
            sp = strrchr(line, ' ');
            if ((!label || strstr(line, label)) && sp) {
                sum += strtod(sp + 1, NULL);
                k++;
            }
        }
        l = end ? end + 1 : NULL;
    }
    if (found)
        *found = k;
    return sum;
}
