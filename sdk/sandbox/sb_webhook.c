#include "sb_webhook.h"

#include <curl/curl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_clock.h"
#include "sb_store.h"

#define POST_TIMEOUT_MS 10000L
#define BACKOFF_MAX_S 60.0

static pthread_t g_thread;
static int g_started;

typedef struct job {
    int bot;
    int64_t update_id;
    char *url, *secret, *body;
    char *to[SB_WEBHOOK_POOL_MAX]; /* the balancer's URLs from its turn on;
                                      none: url itself */
    size_t nto;
} job;

static void job_free(job *j)
{
    free(j->url);
    free(j->secret);
    free(j->body);
    for (size_t i = 0; i < j->nto; i++)
        free(j->to[i]);
    memset(j, 0, sizeof(*j));
}

/* The balancer's URLs for j, starting at its turn (lock held). 0, or -1
 * when out of memory. */
static int balance(sb_bot *b, job *j)
{
    size_t n = b->webhook_npool;

    for (size_t i = 0; i < n; i++)
        if ((j->to[j->nto] = strdup(b->webhook_pool[(b->webhook_rr + i) % n])))
            j->nto++;
    b->webhook_rr = n ? (b->webhook_rr + 1) % n : 0;
    return j->nto == n ? 0 : -1;
}

/* Aborts a transfer in flight when the sandbox stops. */
static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                       curl_off_t un)
{
    (void)ud;
    (void)dt;
    (void)dn;
    (void)ut;
    (void)un;
    return fb__sb_stopping();
}

/* NOLINTNEXTLINE(readability-non-const-parameter): curl's write callback */
static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    (void)ptr;
    (void)userdata;
    return size * nmemb;
}

/* POSTs one update to url. Returns the HTTP status, or 0 when no answer
 * came. */
static long post_to(const job *j, const char *url, char *err, size_t errlen)
{
    CURL *h = curl_easy_init();
    struct curl_slist *hdrs =
        curl_slist_append(NULL, "Content-Type: application/json");
    char secret_hdr[320];
    long status = 0;
    if (j->secret) {
        snprintf(secret_hdr, sizeof(secret_hdr),
                 "X-Telegram-Bot-Api-Secret-Token: %s", j->secret);
        struct curl_slist *more =
            hdrs ? curl_slist_append(hdrs, secret_hdr) : NULL;
        hdrs = more ? more : hdrs;
    }
    if (!h || !hdrs) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, j->body);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, POST_TIMEOUT_MS);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK)
        snprintf(err, errlen, "Connection failed: %s", curl_easy_strerror(rc));
    else
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (rc == CURLE_OK && (status < 200 || status > 299))
        snprintf(err, errlen, "Wrong response from the webhook: %ld", status);
out:
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    return status;
}

/* POSTs one update: to its URL, or through the balancer (the next URL
 * when one cannot be reached). The status, 0 when no answer came. */
static long post(const job *j, char *err, size_t errlen)
{
    long status = 0;

    if (j->nto == 0)
        return post_to(j, j->url, err, errlen);
    for (size_t i = 0; i < j->nto && status == 0 && !fb__sb_stopping(); i++)
        status = post_to(j, j->to[i], err, errlen);
    return status;
}

/* Picks the next update to deliver (lock held). Returns 1 with *j filled,
 * 0 when none is due; *wait_s is then how long to sleep at most. */
static int next_job(sb_state *st, job *j, double *wait_s)
{
    double now = fb__sb_clock_real_ms();
    *wait_s = 1.0;
    for (size_t i = 0; i < st->nbots; i++) {
        sb_bot *b = &st->bots[i];
        if (!b->webhook_url || b->nupdates == 0)
            continue;
        if (now < b->webhook_next_try_ms) {
            *wait_s = fmin(*wait_s, (b->webhook_next_try_ms - now) / 1000.0);
            continue;
        }
        j->bot = (int)i;
        j->update_id = b->updates[0].update_id;
        j->url = strdup(b->webhook_url);
        j->secret = b->webhook_secret ? strdup(b->webhook_secret) : NULL;
        j->body = cJSON_PrintUnformatted(b->updates[0].json);
        if (!j->url || !j->body || (b->webhook_secret && !j->secret) ||
            balance(b, j)) {
            job_free(j);
            continue;
        }
        return 1;
    }
    return 0;
}

static void record(sb_state *st, const job *j, long status, const char *err)
{
    sb_bot *b = &st->bots[j->bot];
    if (!b->webhook_url || strcmp(b->webhook_url, j->url) != 0)
        return; /* the webhook changed meanwhile */
    b->c.webhook_posts++;
    if (status >= 200 && status <= 299) {
        fb__sb_update_ack(b, j->update_id + 1);
        b->c.updates_delivered++;
        b->webhook_fail_streak = 0;
        b->webhook_next_try_ms = 0;
        fb__sb_changed(st);
        return;
    }
    b->c.webhook_failures++;
    b->webhook_fail_streak++;
    double backoff = fmin(pow(2.0, b->webhook_fail_streak - 1), BACKOFF_MAX_S) /
                     fb__sb_clock_scale();
    b->webhook_next_try_ms = fb__sb_clock_real_ms() + backoff * 1000.0;
    b->webhook_last_error_date = fb__sb_clock_unix();
    free(b->webhook_last_error);
    b->webhook_last_error = strdup(err);
}

static void *run(void *arg)
{
    (void)arg;
    sb_state *st = fb__sb_state();
    fb__sb_lock();
    while (!st->stopping) {
        job j;
        double wait_s;
        memset(&j, 0, sizeof(j));
        if (!next_job(st, &j, &wait_s)) {
            struct timespec deadline;
            fb__sb_clock_deadline(&deadline, wait_s);
            fb__sb_wait(st, &deadline);
            continue;
        }
        fb__sb_unlock();
        char err[256] = "";
        long status = post(&j, err, sizeof(err));
        fb__sb_lock();
        record(st, &j, status, err);
        job_free(&j);
    }
    fb__sb_unlock();
    return NULL;
}

int fb__sb_webhook_start(void)
{
    if (pthread_create(&g_thread, NULL, run, NULL) != 0)
        return -1;
    g_started = 1;
    return 0;
}

void fb__sb_webhook_stop(void)
{
    if (!g_started)
        return;
    pthread_join(g_thread, NULL);
    g_started = 0;
}
