/* host/status: `fitbot status` (see status.h). */
#define _GNU_SOURCE
#include "status.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "curlbuf.h"
#include "httpd.h"
#include "metrics.h"

#define BODY_MAX (4 << 20)

/* GET url into *body (malloc'd). The HTTP status, or 0 when nothing
 * answered (err filled). */
static long get(const char *url, char **body, char *err, size_t errlen)
{
    fb__curlbuf b = {NULL, 0, BODY_MAX};
    CURL *h = curl_easy_init();
    long status = 0;
    CURLcode cc;

    *body = NULL;
    if (!h)
        return snprintf(err, errlen, "out of memory"), 0;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    cc = curl_easy_perform(h);
    if (cc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(err, errlen, "%s", curl_easy_strerror(cc));
    curl_easy_cleanup(h);
    *body = b.p ? b.p : strdup("");
    return status;
}

static double sum_of(const char *m, const char *name, const char *label)
{
    return fb__metrics_sum(m, name, label, NULL);
}

/* Print the plugins' handler counts: "name: N runs, mean X ms". */
static void print_handlers(const char *m, FILE *out)
{
    const char *key = "fitbot_handler_seconds_count{plugin=\"";
    int any = 0;

    for (const char *l = strstr(m, key); l; l = strstr(l + 1, key)) {
        char name[64], label[96];
        const char *q = l + strlen(key), *e = strchr(q, '"');
        double count, sum;

        if (!e || (size_t)(e - q) >= sizeof name)
            continue;
        snprintf(name, sizeof name, "%.*s", (int)(e - q), q);
        snprintf(label, sizeof label, "{plugin=\"%s\"}", name);
        count = sum_of(m, "fitbot_handler_seconds_count", label);
        sum = sum_of(m, "fitbot_handler_seconds_sum", label);
        fprintf(out, "%s%s %.0f runs, mean %.1f ms", any ? "; " : "", name,
                count, count > 0 ? sum * 1000 / count : 0);
        any = 1;
    }
    fprintf(out, "%s\n", any ? "" : "none run yet");
}

static void print_metrics(const char *m, FILE *out)
{
#define S(name, label) fb__metrics_sum(m, name, label, NULL)
    fprintf(out,
            "updates    handled %.0f, duplicate %.0f, failed %.0f, retry "
            "%.0f, quarantined %.0f\n",
            S("fitbot_updates_total", "outcome=\"handled\""),
            S("fitbot_updates_total", "outcome=\"duplicate\""),
            S("fitbot_updates_total", "outcome=\"failed\""),
            S("fitbot_updates_total", "outcome=\"retry\""),
            S("fitbot_updates_total", "outcome=\"quarantined\""));
    fprintf(out, "handlers   ");
    print_handlers(m, out);
    fprintf(out,
            "outbox     depth %.0f, sent %.0f, dropped %.0f, retries %.0f, "
            "429s %.0f (asked to wait %.0f s)\n",
            S("fitbot_outbox_depth", NULL), S("fitbot_outbox_sent_total", NULL),
            S("fitbot_outbox_dropped_total", NULL),
            S("fitbot_outbox_retries_total", NULL),
            S("fitbot_telegram_429_total", NULL),
            S("fitbot_telegram_retry_wait_seconds_total", NULL));
    fprintf(out,
            "pool       in use %.0f of %.0f, waiting now %.0f, waits %.0f\n",
            S("fitbot_pool_in_use", NULL), S("fitbot_pool_max", NULL),
            S("fitbot_pool_waiting", NULL), S("fitbot_pool_waits_total", NULL));
    fprintf(out, "quarantine %.0f held\n",
            S("fitbot_quarantined_updates", NULL));
    fprintf(out, "jobs       run %.0f, failed %.0f\n",
            S("fitbot_jobs_run_total", NULL),
            S("fitbot_jobs_failed_total", NULL));
    fprintf(out,
            "webhook    accepted %.0f, refused %.0f, too large %.0f, "
            "answered 5xx %.0f\n",
            S("fitbot_webhook_accepted_total", NULL),
            S("fitbot_webhook_refused_total", NULL),
            S("fitbot_webhook_too_large_total", NULL),
            S("fitbot_webhook_retry_total", NULL));
    fprintf(out, "reloads    %.0f\n", S("fitbot_config_reloads_total", NULL));
#undef S
}

/* http://HOST:PORT of metrics_listen; a wildcard address is reached on
 * loopback. 0, or -1 (err). */
static int base_url(const fb__config *cfg, char *url, size_t len, char *err,
                    size_t errlen)
{
    char host[64];
    int port;

    if (strcmp(cfg->metrics_listen, "off") == 0)
        return snprintf(err, errlen,
                        "metrics_listen is off in %s: nothing to ask",
                        cfg->path),
               -1;
    if (fb__httpd_parse_listen(cfg->metrics_listen, host, sizeof host, &port,
                               err, errlen))
        return -1;
    if (strcmp(host, "0.0.0.0") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    else if (strcmp(host, "::") == 0)
        snprintf(host, sizeof host, "::1");
    snprintf(url, len, strchr(host, ':') ? "http://[%s]:%d" : "http://%s:%d",
             host, port);
    return 0;
}

int fb__status_print(const fb__config *cfg, FILE *out)
{
    char url[128], path[160], err[256] = "";
    char *health = NULL, *metrics = NULL;
    long hs, ms;
    int rc;

    if (base_url(cfg, url, sizeof url, err, sizeof err)) {
        fprintf(out, "fitbot status: %s\n", err);
        return 2;
    }
    snprintf(path, sizeof path, "%s/healthz", url);
    hs = get(path, &health, err, sizeof err);
    if (hs == 0) {
        fprintf(out,
                "fitbot status: nothing answers at %s (%s): fitbot is not "
                "running, or metrics_listen in %s differs\n",
                url, err, cfg->path);
        free(health);
        return 2;
    }
    snprintf(path, sizeof path, "%s/metrics", url);
    ms = get(path, &metrics, err, sizeof err);
    fprintf(out, "fitbot at %s: %s", url, health);
    if (ms == 200)
        print_metrics(metrics, out);
    else
        fprintf(out, "metrics: HTTP %ld\n", ms);
    rc = hs == 200 ? 0 : 1;
    free(health);
    free(metrics);
    return rc;
}
