/* host/ops: see ops.h. */
#define _GNU_SOURCE
#include "ops.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "config.h"
#include "db.h"
#include "httpd.h"
#include "log.h"
#include "metrics.h"
#include "outbox.h"
#include "pool.h"
#include "telegram.h"

struct fb__ops {
    fb__ops_hooks hk;
    fb__httpd *metrics, *webhook;
    char *webhook_path; /* the path part of webhook_url */
    atomic_int started;
};

/* ---- /healthz ------------------------------------------------------------ */

/* SELECT 1 on a pooled connection. 1 when it answered (why empty). */
static int db_ok(fb__pool *pool, char *why, size_t whylen)
{
    PGconn *c = fb__pool_acquire(pool, why, whylen);
    fb_rows *r;
    int ok;

    if (!c)
        return 0;
    r = fb__db_query(c, "SELECT 1", 0, NULL, why, whylen);
    ok = r != NULL;
    fb__rows_free(r);
    fb__pool_release(pool, c, fb__db_broken(c));
    return ok;
}

int fb__ops_health(fb__ops *o, char **text)
{
    const fb__core *core = o->hk.core;
    char why[256] = "", clean[256];
    int64_t last = fb__metrics_tg_last(), age = (int64_t)time(NULL) - last;
    int max_age = core->cfg->health_telegram_max_age;
    int db = db_ok(core->pool, why, sizeof why);
    int plugins = atomic_load(&o->started);
    int tg = last > 0 && age <= max_age;
    int ready = db && plugins && tg;

    fb__log_redact(why, clean, sizeof clean);
    clean[strcspn(clean, "\n")] = '\0';
    if (asprintf(text,
                 "%s\n"
                 "database %s%s\n"
                 "plugins %s (%zu loaded)\n"
                 "telegram %s (last answer %s%lld s ago, limit %d s)\n",
                 ready ? "ready" : "not ready", db ? "ok" : "failing: ",
                 db ? "" : clean, plugins ? "ok" : "starting",
                 core->plugins ? core->plugins->n : 0,
                 tg ? "ok" : "not reached recently", last ? "" : "never, ",
                 last ? (long long)age : 0LL, max_age) < 0)
        *text = NULL;
    return ready;
}

/* ---- /metrics ------------------------------------------------------------ */

static long long held_count(fb__pool *pool)
{
    char err[128];
    PGconn *c = fb__pool_acquire(pool, err, sizeof err);
    fb_rows *r;
    long long n = -1;

    if (!c)
        return -1;
    r = fb__db_query(c,
                     "SELECT count(*) FROM fb_quarantine WHERE held_at IS NOT "
                     "NULL",
                     0, NULL, err, sizeof err);
    if (r && fb__rows_count(r) == 1)
        n = strtoll(fb__rows_get(r, 0, 0), NULL, 10);
    fb__rows_free(r);
    fb__pool_release(pool, c, fb__db_broken(c));
    return n;
}

static char *metrics_text(fb__ops *o)
{
    const fb__core *core = o->hk.core;
    fb__metrics_gauges g = {0};
    fb__outbox_stats st = {0};
    char *health = NULL;

    if (core->outbox)
        fb__outbox_stats_get(core->outbox, &st);
    g.outbox_queued = st.queued;
    g.outbox_sent = st.sent;
    g.outbox_dropped = st.dropped;
    g.outbox_retried = st.retried;
    g.outbox_429 = st.rate_429;
    g.outbox_in_doubt = st.in_doubt;
    fb__pool_stats(core->pool, &g.pool_open, &g.pool_idle, &g.pool_waiting);
    g.pool_max = fb__pool_max(core->pool);
    g.plugins_loaded = core->plugins ? (int)core->plugins->n : 0;
    g.plugins_disabled = core->plugins ? (int)core->plugins->noff : 0;
    g.quarantined_held = held_count(core->pool);
    g.ready = fb__ops_health(o, &health);
    free(health);
    return fb__metrics_render(&g);
}

static void on_metrics(void *ud, const fb__http_req *req, fb__http_resp *resp)
{
    fb__ops *o = ud;

    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
        resp->status = 405;
        resp->body = strdup("GET only\n");
    } else if (strcmp(req->path, "/metrics") == 0) {
        resp->body = metrics_text(o);
        resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
        resp->status = resp->body ? 200 : 500;
    } else if (strcmp(req->path, "/healthz") == 0) {
        resp->status = fb__ops_health(o, &resp->body) ? 200 : 503;
    } else {
        resp->status = 404;
        resp->body = strdup("not found: try /metrics or /healthz\n");
    }
}

/* ---- the webhook --------------------------------------------------------- */

static int webhook_take(fb__ops *o, const fb__http_req *req)
{
    cJSON *j = fb__json_parse_exact(req->body, req->body_len), *arr;
    int rc;

    if (!j || !cJSON_IsObject(j)) {
        cJSON_Delete(j);
        return o->hk.take_bad(o->hk.ud, req->body);
    }
    arr = cJSON_CreateArray();
    if (!arr || !cJSON_AddItemToArray(arr, j)) {
        cJSON_Delete(arr);
        cJSON_Delete(j);
        return -1;
    }
    rc = o->hk.take(o->hk.ud, arr);
    cJSON_Delete(arr);
    return rc;
}

static void answer(fb__http_resp *resp, int status, const char *text,
                   fb__metric m)
{
    resp->status = status;
    resp->body = strdup(text);
    fb__metrics_add(m, 1);
}

static void on_webhook(void *ud, const fb__http_req *req, fb__http_resp *resp)
{
    fb__ops *o = ud;
    const char *secret = o->hk.core->cfg->webhook_secret;

    if (strcmp(req->path, o->webhook_path) != 0) {
        resp->status = 404;
        resp->body = strdup("not found\n");
        return;
    }
    if (!secret || !fb__ct_equal(req->secret, secret)) {
        answer(resp, 401, "missing or wrong secret token\n",
               FB__M_WEBHOOK_REFUSED);
        return;
    }
    if (strcmp(req->method, "POST") != 0) {
        resp->status = 405;
        resp->body = strdup("POST only\n");
        return;
    }
    fb__metrics_tg_reached(); /* Telegram, proven by the secret */
    if (o->hk.core->outbox &&
        fb__outbox_wait_room(o->hk.core->outbox, 0, 1000) != 0) {
        answer(resp, 503, "busy: the outbox is full, send it again later\n",
               FB__M_WEBHOOK_RETRY);
        return;
    }
    if (webhook_take(o, req) == 0)
        answer(resp, 200, "ok\n", FB__M_WEBHOOK_OK);
    else
        answer(resp, 500, "not taken: send it again\n", FB__M_WEBHOOK_RETRY);
}

/* The path of url ("/" when it has none): malloc'd, or NULL. */
static char *url_path(const char *url)
{
    CURLU *u = curl_url();
    char *p = NULL, *copy = NULL;

    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PATH, &p, 0) == CURLUE_OK)
        copy = strdup(p && *p ? p : "/");
    curl_free(p);
    curl_url_cleanup(u);
    return copy;
}

int fb__ops_webhook_start(fb__ops *o, char *err, size_t errlen)
{
    const fb__config *cfg = o->hk.core->cfg;
    fb__httpd_opts ho = {.listen = cfg->webhook_listen,
                         .max_body = (size_t)cfg->webhook_max_body,
                         .tls_cert_file = cfg->webhook_tls_cert,
                         .tls_key_file = cfg->webhook_tls_key,
                         .what = "webhook"};
    char port[8];
    const char *kv[] = {"server", "webhook", "port", port, "path", NULL, NULL};

    o->webhook_path = url_path(cfg->webhook_url ? cfg->webhook_url : "");
    if (!o->webhook_path)
        return fb__seterr(err, errlen, "bad webhook_url"), -1;
    o->webhook = fb__httpd_start(&ho, on_webhook, o, err, errlen);
    if (!o->webhook)
        return -1;
    snprintf(port, sizeof port, "%d", fb__httpd_port(o->webhook));
    kv[5] = o->webhook_path;
    fb__log_kv(FB_LOG_INFO, NULL, "http_listening", kv, "%s%s",
               cfg->webhook_tls_cert ? "https" : "http", " webhook server");
    return 0;
}

int fb__ops_set_webhook(fb__ops *o, char *err, size_t errlen)
{
    const fb__config *cfg = o->hk.core->cfg;
    cJSON *p = cJSON_CreateObject(), *allowed;
    fb__tg_error te;
    int rc = -1;

    allowed = cJSON_AddArrayToObject(p, "allowed_updates");
    if (!p || !allowed ||
        !cJSON_AddItemToArray(allowed, cJSON_CreateString("message")) ||
        !cJSON_AddItemToArray(allowed, cJSON_CreateString("callback_query")) ||
        !cJSON_AddStringToObject(p, "url", cfg->webhook_url) ||
        !cJSON_AddStringToObject(p, "secret_token", cfg->webhook_secret) ||
        !cJSON_AddNumberToObject(p, "max_connections",
                                 cfg->webhook_max_connections)) {
        fb__seterr(err, errlen, "out of memory");
        goto out;
    }
    if (fb__tg_call(o->hk.core->tg, "setWebhook", p, NULL, &te) == FB__TG_OK)
        rc = 0;
    else
        fb__seterr(err, errlen, "setWebhook: %s", te.description);
out:
    cJSON_Delete(p);
    return rc;
}

/* ---- lifecycle ----------------------------------------------------------- */

fb__ops *fb__ops_start(const fb__ops_hooks *hk, char *err, size_t errlen)
{
    const fb__config *cfg = hk->core->cfg;
    fb__httpd_opts ho = {.listen = cfg->metrics_listen, .what = "metrics"};
    char port[8];
    const char *kv[] = {"server",  "metrics",           "port", port,
                        "address", cfg->metrics_listen, NULL};
    fb__ops *o = calloc(1, sizeof *o);

    if (!o)
        return fb__seterr(err, errlen, "out of memory"), NULL;
    o->hk = *hk;
    if (strcmp(cfg->metrics_listen, "off") == 0)
        return o;
    o->metrics = fb__httpd_start(&ho, on_metrics, o, err, errlen);
    if (!o->metrics && cfg->line.metrics_listen == 0) {
        /* the default address taken (a second host on this machine):
         * run on without; an address the file names must be served */
        fb__log_kv(FB_LOG_WARN, NULL, "metrics_unavailable", kv + 4,
                   "%s; set metrics_listen to serve /metrics and /healthz",
                   err);
        return o;
    }
    if (!o->metrics) {
        free(o);
        return NULL;
    }
    snprintf(port, sizeof port, "%d", fb__httpd_port(o->metrics));
    fb__log_kv(FB_LOG_INFO, NULL, "http_listening", kv,
               "/metrics and /healthz");
    return o;
}

void fb__ops_set_started(fb__ops *o, int started)
{
    if (o)
        atomic_store(&o->started, started);
}

int fb__ops_metrics_port(const fb__ops *o)
{
    return o ? fb__httpd_port(o->metrics) : 0;
}

int fb__ops_webhook_port(const fb__ops *o)
{
    return o ? fb__httpd_port(o->webhook) : 0;
}

void fb__ops_webhook_stop(fb__ops *o)
{
    if (!o)
        return;
    fb__httpd_stop(o->webhook);
    o->webhook = NULL;
}

void fb__ops_free(fb__ops *o)
{
    if (!o)
        return;
    fb__ops_webhook_stop(o);
    fb__httpd_stop(o->metrics);
    free(o->webhook_path);
    free(o);
}
