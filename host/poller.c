/* host/poller: see poller.h. */
#include "poller.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

#define BACKOFF_MIN_MS 500
#define BACKOFF_MAX_MS 30000
/* A batch the host could not take (the database down or restarting) is
 * fetched again soon: getUpdates on a held offset costs Telegram little,
 * and a long nap would keep every chat waiting after the database is back
 * (a 20 s outage had grown the wait to 8-16 s). */
#define BATCH_BACKOFF_MAX_MS 1000
#define ACK_TIMEOUT_MS 5000L
#define TG_LIMIT 100 /* Telegram's default and largest limit */
/* An answer that took this long waited at Telegram: nothing was pending
 * when it was asked, so its updates are new. */
#define WAITED_S 1.0

struct fb__poller {
    fb__tg *tg;
    int timeout_s;
    fb__poller_batch_fn fn;
    fb__poller_bad_fn bad_fn;
    void *ud;
    atomic_int stop;
    _Atomic int64_t offset;
    int failures;       /* consecutive failed polls */
    int batch_failures; /* consecutive batches the host could not take */
    int conflict;       /* a 409 was reported and not yet resolved */
    int limit;          /* updates per getUpdates, 0: Telegram's default */
    fb__poller_gate_fn gate;
    uint64_t seed;
    double clear_s; /* an answer last held everything pending (monotonic) */
    int refused;    /* a batch was refused since clear_s */
    int unseen_ms;  /* of the batch being handled: fb__poller_unseen_ms */
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

fb__poller *fb__poller_new(fb__tg *tg, int timeout_s, fb__poller_batch_fn fn,
                           void *ud)
{
    fb__poller *p;
    struct timespec ts;

    if (tg == NULL || fn == NULL || timeout_s < 0 || timeout_s > 50)
        return NULL;
    p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->tg = tg;
    p->timeout_s = timeout_s;
    p->fn = fn;
    p->ud = ud;
    atomic_init(&p->stop, 0);
    atomic_init(&p->offset, 0);
    clock_gettime(CLOCK_REALTIME, &ts);
    p->seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20);
    p->clear_s = mono_s();
    return p;
}

void fb__poller_set_limit(fb__poller *p, int limit)
{
    p->limit = limit > 0 && limit <= 100 ? limit : 0;
}

void fb__poller_set_gate(fb__poller *p, fb__poller_gate_fn gate)
{
    p->gate = gate;
}

void fb__poller_set_bad_fn(fb__poller *p, fb__poller_bad_fn fn)
{
    p->bad_fn = fn;
}

void fb__poller_free(fb__poller *p)
{
    free(p);
}

void fb__poller_stop(fb__poller *p)
{
    atomic_store(&p->stop, 1);
}

int fb__poller_unseen_ms(const fb__poller *p)
{
    return p ? p->unseen_ms : 0;
}

int64_t fb__poller_offset(const fb__poller *p)
{
    return atomic_load(&((fb__poller *)p)->offset);
}

void fb__poller_set_offset(fb__poller *p, int64_t offset)
{
    atomic_store(&p->offset, offset);
}

/* Sleep ms in slices, returning early when asked to stop. */
static void nap(fb__poller *p, long ms)
{
    while (ms > 0 && !atomic_load(&p->stop)) {
        long slice = ms > 50 ? 50 : ms;
        struct timespec ts = {0, slice * 1000000L};
        nanosleep(&ts, NULL);
        ms -= slice;
    }
}

/* Exponential backoff after failures in a row, capped at max_ms, with
 * jitter (50%..100% of the step). */
static long backoff_capped_ms(fb__poller *p, int failures, long max_ms)
{
    long ms = BACKOFF_MIN_MS;
    int i;

    for (i = 1; i < failures && ms < max_ms; i++)
        ms *= 2;
    if (ms > max_ms)
        ms = max_ms;
    p->seed = p->seed * 6364136223846793005ull + 1442695040888963407ull;
    return ms / 2 + (long)((p->seed >> 33) % (uint64_t)(ms / 2 + 1));
}

static long backoff_ms(fb__poller *p)
{
    return backoff_capped_ms(p, p->failures, BACKOFF_MAX_MS);
}

/* Largest update_id of the batch, or -1 when none is readable. */
static int64_t last_update_id(const cJSON *updates)
{
    const cJSON *u;
    int64_t max = -1, id;

    cJSON_ArrayForEach(u, updates)
    {
        if (fb__json_get_int64(u, "update_id", &id) == 0 && id > max)
            max = id;
    }
    return max;
}

/* The offset past a batch or body whose highest readable update_id is
 * last (-1: none): last + 1, else one past the current offset; 0 when
 * nothing can be skipped (offset 0). */
static int64_t skip_to(const fb__poller *p, int64_t last)
{
    int64_t offset = atomic_load(&((fb__poller *)p)->offset);
    if (last >= offset)
        return last + 1;
    return offset > 0 ? offset + 1 : 0;
}

/* Note an answer of n updates to a getUpdates asked at sent and answered
 * at got: how long its updates may have waited unseen (unseen_ms), and
 * whether it held everything pending (short of the limit). The answer's
 * making is taken as got: it came between sent and got, and a transit of
 * a fraction of a second is small against the press watcher's margin. */
static void note_answer(fb__poller *p, int n, double sent, double got)
{
    double unseen = got - p->clear_s;

    p->unseen_ms = 0;
    if (p->refused && got - sent < WAITED_S)
        p->unseen_ms = unseen > 1e6 ? 1000000000 : (int)(unseen * 1000);
    if (n < (p->limit ? p->limit : TG_LIMIT)) {
        p->clear_s = got;
        p->refused = 0;
    }
}

static void handle_batch(fb__poller *p, cJSON *updates)
{
    int64_t last = last_update_id(updates), next;
    int rc;

    p->failures = 0; /* Telegram answered */
    if (cJSON_GetArraySize(updates) == 0)
        return;
    rc = p->fn(p->ud, updates);
    p->unseen_ms = 0;
    if (rc == 0) {
        p->batch_failures = 0;
        if ((next = skip_to(p, last)) > 0)
            atomic_store(&p->offset, next);
        return;
    }
    p->batch_failures++;
    p->refused = 1;
    fb__log(FB_LOG_WARN, NULL, "batch_failed",
            "a batch of %d update(s) was not handled; it will be fetched "
            "again",
            cJSON_GetArraySize(updates));
    nap(p, backoff_capped_ms(p, p->batch_failures, BATCH_BACKOFF_MAX_MS));
}

/* The highest "update_id": N that can be read in a broken body, or -1. */
static int64_t scan_update_id(const char *s)
{
    static const char key[] = "\"update_id\"";
    int64_t max = -1;

    for (const char *q = strstr(s, key); q; q = strstr(q + 1, key)) {
        const char *v = q + sizeof key - 1;
        char *end;
        long long id;
        v += strspn(v, " \t\r\n");
        if (*v++ != ':')
            continue;
        v += strspn(v, " \t\r\n");
        if (!isdigit((unsigned char)*v))
            continue;
        errno = 0;
        id = strtoll(v, &end, 10);
        if (errno == 0 && id > max)
            max = id;
    }
    return max;
}

/* A getUpdates body that does not parse: kept by the callback, then
 * skipped, so one broken answer cannot stop every chat. */
static void handle_bad(fb__poller *p, const char *body)
{
    int64_t next = skip_to(p, scan_update_id(body));
    char to[24];
    const char *kv[] = {"offset", to, NULL};

    if (next <= 0 || !p->bad_fn || p->bad_fn(p->ud, body) != 0) {
        p->failures++;
        fb__log(FB_LOG_WARN, NULL, "bad_updates",
                "getUpdates answered a body that does not parse and it "
                "could not be %s; fetching it again",
                next <= 0 ? "skipped (no offset yet)" : "kept");
        nap(p, backoff_ms(p));
        return;
    }
    snprintf(to, sizeof to, "%" PRId64, next);
    p->failures = 0;
    atomic_store(&p->offset, next);
    fb__log_kv(FB_LOG_ERROR, NULL, "bad_updates_skipped", kv,
               "getUpdates answered a body that does not parse: it is "
               "quarantined and skipped");
}

/* Log and wait after a failed getUpdates. Returns -1 when polling cannot
 * go on (wrong token). */
static int handle_failure(fb__poller *p, const fb__tg_error *err)
{
    char code[16];
    const char *kv[] = {"code", code, NULL};

    snprintf(code, sizeof code, "%d", err->error_code);
    p->failures++;
    if (err->error_code == 401 || err->error_code == 404) {
        fb__log_kv(FB_LOG_ERROR, NULL, "token_rejected", kv,
                   "Telegram refused the bot token (%s); check FITBOT_TOKEN "
                   "or token_file",
                   err->description);
        return -1;
    }
    if (err->error_code == 409) {
        if (!p->conflict)
            fb__log_kv(FB_LOG_ERROR, NULL, "poll_conflict", kv,
                       "another fitbot instance or a webhook is using this "
                       "token; stop the other instance or call deleteWebhook "
                       "(Telegram said: %s)",
                       err->description);
        p->conflict = 1;
        nap(p, backoff_ms(p));
        return 0;
    }
    if (err->error_code == 429) {
        fb__log_kv(FB_LOG_WARN, NULL, "poll_rate_limited", kv,
                   "waiting %d s as Telegram asked", err->retry_after);
        nap(p, err->retry_after > 0 ? err->retry_after * 1000L : 1000L);
        return 0;
    }
    fb__log_kv(FB_LOG_WARN, NULL, "poll_failed", kv,
               "getUpdates failed (%s), attempt %d; backing off",
               err->description, p->failures);
    nap(p, backoff_ms(p));
    return 0;
}

/* Tell Telegram the last handled batch is done: getUpdates with the final
 * offset. What it returns stays unacknowledged. */
static void acknowledge(fb__poller *p)
{
    int64_t offset = atomic_load(&p->offset);
    cJSON *params, *res = NULL;
    fb__tg_error err;

    if (offset <= 0)
        return;
    params = cJSON_CreateObject();
    if (params && fb__json_add_id(params, "offset", offset) == 0 &&
        cJSON_AddNumberToObject(params, "timeout", 0) &&
        cJSON_AddNumberToObject(params, "limit", 1) &&
        fb__tg_call_ex(p->tg, "getUpdates", params, ACK_TIMEOUT_MS, NULL, &res,
                       &err) != FB__TG_OK)
        fb__log(FB_LOG_WARN, NULL, "ack_failed",
                "could not acknowledge offset %" PRId64 " (%s); those "
                "updates will be delivered again and skipped",
                offset, err.description);
    cJSON_Delete(res);
    cJSON_Delete(params);
}

int fb__poller_run(fb__poller *p)
{
    int rc = 0;

    while (!atomic_load(&p->stop)) {
        cJSON *updates = NULL;
        char *bad = NULL;
        fb__tg_error err;
        int got;
        double sent;
        if (p->gate && p->gate(p->ud, &p->stop))
            break;
        sent = mono_s();
        got =
            fb__tg_get_updates_ex(p->tg, atomic_load(&p->offset), p->timeout_s,
                                  p->limit, &p->stop, &updates, &err, &bad);
        if (got == FB__TG_CANCELLED)
            break;
        if (bad) {
            handle_bad(p, bad);
            free(bad);
            continue;
        }
        if (got != FB__TG_OK) {
            if (handle_failure(p, &err) != 0) {
                rc = -1;
                break;
            }
            continue;
        }
        if (p->conflict)
            fb__log(FB_LOG_INFO, NULL, "poll_resumed",
                    "getUpdates works again");
        p->conflict = 0;
        note_answer(p, cJSON_GetArraySize(updates), sent, mono_s());
        handle_batch(p, updates);
        cJSON_Delete(updates);
    }
    acknowledge(p);
    return rc;
}
