/* host/ops: what an operator (and Telegram) reaches over HTTP.
 *
 *   metrics_listen (loopback by default):
 *     GET /metrics  Prometheus text (host/metrics plus the outbox, pool
 *                   and quarantine read at scrape time)
 *     GET /healthz  200 "ready" or 503 "not ready", one line per check:
 *                   database (SELECT 1 on a pooled connection), plugins
 *                   (loaded and initialised), telegram (answered within
 *                   health_telegram_max_age seconds)
 *   webhook_listen (mode = webhook):
 *     POST <path of webhook_url>  one update from Telegram. 401 without
 *                   the right X-Telegram-Bot-Api-Secret-Token (constant
 *                   time), 413 over webhook_max_body, 503 while the
 *                   outbox is full, else the update is handed to the
 *                   host's take function and 200 is answered only once
 *                   that returned 0 (committed, found processed, or
 *                   quarantined); otherwise 500, and Telegram sends it
 *                   again.
 * Bodies never hold the token or the secret. */
#ifndef FITBOT_HOST_OPS_H
#define FITBOT_HOST_OPS_H

#include <cjson/cJSON.h>

#include "api.h"

typedef struct fb__ops fb__ops;

typedef struct fb__ops_hooks {
    fb__core *core;
    /* handle an array of updates (borrowed); 0 when every one is taken */
    int (*take)(void *ud, cJSON *updates);
    /* keep a body that is not JSON; 0 when kept */
    int (*take_bad)(void *ud, const char *body);
    void *ud;
} fb__ops_hooks;

/* Serve /metrics and /healthz on cfg->metrics_listen ("off": nothing) and
 * log event=http_listening with the port. NULL with err on failure. */
fb__ops *fb__ops_start(const fb__ops_hooks *hk, char *err, size_t errlen);

/* The host finished starting (plugins initialised): /healthz may say
 * ready. */
void fb__ops_set_started(fb__ops *o, int started);

/* Serve the webhook on webhook_listen. 0, or -1 with err. */
int fb__ops_webhook_start(fb__ops *o, char *err, size_t errlen);

/* setWebhook(webhook_url, secret_token, allowed_updates). 0, or -1 with
 * Telegram's reason in err. */
int fb__ops_set_webhook(fb__ops *o, char *err, size_t errlen);

/* Port of the metrics server (0: off) and of the webhook server. */
int fb__ops_metrics_port(const fb__ops *o);
int fb__ops_webhook_port(const fb__ops *o);

/* Stop taking webhook requests and wait for those in flight (their
 * updates are finished). The metrics server keeps answering. */
void fb__ops_webhook_stop(fb__ops *o);

/* Stop everything and free. NULL-safe. */
void fb__ops_free(fb__ops *o);

/* The /healthz verdict and text (malloc'd into *text). 1 ready, 0 not. */
int fb__ops_health(fb__ops *o, char **text);

#endif
