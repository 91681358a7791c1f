/* host/poller against the real fitbot-sandbox: the offset is acknowledged
 * only after the batch callback returned; a poller killed inside a batch
 * gets the batch again; 409 logged once with a clear message; 5xx backed
 * off; stop is prompt. */
#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fbtc.h"
#include "log.h"
#include "poller.h"
#include "sbx.h"

#define TOKEN "730042:hostio-poller-test-SECRETabcdef"

static sbx sb;
static fb__tg *tg;

typedef struct rec {
    fb__poller *p;
    int64_t ids[64];
    int n;
    int batches;
    int fail_first;   /* return 1 for this many first batches */
    int die_in_batch; /* _exit inside the batch (a crash) */
    int stop_after;   /* stop once this many updates were seen */
    int fault_at;     /* after this many batches, one getUpdates gets 502 */
} rec;

static int on_batch(void *ud, cJSON *updates)
{
    rec *r = ud;
    cJSON *u;

    if (r->die_in_batch)
        _exit(9);
    r->batches++;
    if (r->fault_at && r->batches == r->fault_at)
        sbx_ok(&sb, "POST", "/sandbox/faults",
               "{\"method\":\"getUpdates\",\"count\":1,\"status\":502}");
    if (r->batches <= r->fail_first)
        return 1;
    cJSON_ArrayForEach(u, updates)
    {
        int64_t id;
        ck_assert_int_eq(fb__json_get_int64(u, "update_id", &id), 0);
        if (r->n < 64)
            r->ids[r->n++] = id;
    }
    if (r->n >= r->stop_after)
        fb__poller_stop(r->p);
    return 0;
}

static void setup(void)
{
    tg = sbx_start_tg(&sb, TOKEN, 1.0);
    sbx_user(&sb, 5001, "U");
}

static void teardown(void)
{
    sbx_stop_tg(&sb, tg);
}

static void send_texts(int n)
{
    int i;
    for (i = 0; i < n; i++)
        sbx_ok(&sb, "POST", "/sandbox/send",
               "{\"user_id\":5001,\"text\":\"t%d\"}", i);
}

/* Updates Telegram still holds unacknowledged (getUpdates, no offset). */
static int pending(void)
{
    cJSON *u = NULL;
    fb__tg_error err;
    int n;

    ck_assert_int_eq(fb__tg_get_updates(tg, 0, 0, NULL, &u, &err), FB__TG_OK);
    n = cJSON_GetArraySize(u);
    cJSON_Delete(u);
    return n;
}

static void run_poller(rec *r, int timeout_s)
{
    r->p = fb__poller_new(tg, timeout_s, on_batch, r);
    ck_assert_ptr_nonnull(r->p);
    ck_assert_int_eq(fb__poller_run(r->p), 0);
}

START_TEST(ack_after_batch)
{
    rec r = {.stop_after = 5};

    send_texts(5);
    ck_assert_int_eq(pending(), 5);
    run_poller(&r, 1);
    ck_assert_int_eq(r.n, 5);
    for (int i = 1; i < 5; i++)
        ck_assert(r.ids[i] == r.ids[i - 1] + 1);
    ck_assert(fb__poller_offset(r.p) == r.ids[4] + 1);
    fb__poller_free(r.p);
    /* the final acknowledgement told Telegram: nothing is pending */
    ck_assert_int_eq(pending(), 0);
}
END_TEST

START_TEST(failed_batch_fetched_again)
{
    rec r = {.stop_after = 3, .fail_first = 1};

    send_texts(3);
    run_poller(&r, 1);
    ck_assert_int_eq(r.batches, 2); /* the same batch, twice */
    ck_assert_int_eq(r.n, 3);
    fb__poller_free(r.p);
    ck_assert_int_eq(pending(), 0);
}
END_TEST

/* Chaos finding 3: a batch the host cannot take (the database down for
 * a while) is fetched again within a second at most, so the chats wait no
 * longer than the outage. Before: the poller's backoff for Telegram
 * failures (up to 30 s) applied; ten failures meant over 75 s of naps. */
START_TEST(database_outage_refetched_promptly)
{
    /* and a Telegram failure right after: backed off as the first of its
     * kind (0.25-0.5 s), not as the 11th failure (15-30 s, as the chaos
     * run found after a 20 s outage) */
    rec r = {.stop_after = 1, .fail_first = 10, .fault_at = 10};
    double t0 = fbtc_now_s(), dt;

    send_texts(1);
    fb__log_set_level(FB_LOG_ERROR);
    run_poller(&r, 1);
    dt = fbtc_now_s() - t0;
    ck_assert_int_eq(r.batches, 11);
    ck_assert_int_eq(r.n, 1);
    ck_assert_msg(dt < 14.0, "ten refused batches and a 502 took %.1f s", dt);
    fb__poller_free(r.p);
}
END_TEST

/* Issue 7: a getUpdates body that does not parse must not stop polling
 * forever: it is handed to the bad-body callback (the host quarantines it)
 * and skipped past the highest update_id readable in it; the updates after
 * it flow. Before: fetched again forever (only the two later ones never
 * came). */
static char bad_seen[1100];
static int bad_calls;

static int on_bad(void *ud, const char *body)
{
    (void)ud;
    bad_calls++;
    snprintf(bad_seen, sizeof bad_seen, "%s", body);
    return 0;
}

START_TEST(broken_body_quarantined_and_skipped)
{
    rec r = {.stop_after = 2};
    cJSON *res = sbx_call(&sb, "POST", "/sandbox/send",
                          "{\"user_id\":5001,\"text\":\"first\"}");
    int64_t first;
    ck_assert_ptr_nonnull(res);
    ck_assert_int_eq(fb__json_get_int64(res, "update_id", &first), 0);
    cJSON_Delete(res);
    send_texts(2);
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"getUpdates\",\"count\":1,\"body\":"
           "\"{\\\"ok\\\":true,\\\"result\\\":[{\\\"update_id\\\": %" PRId64
           ",\\\"message\\\":{\"}",
           first);
    r.p = fb__poller_new(tg, 1, on_batch, &r);
    ck_assert_ptr_nonnull(r.p);
    fb__poller_set_bad_fn(r.p, on_bad);
    ck_assert_int_eq(fb__poller_run(r.p), 0);
    ck_assert_int_eq(bad_calls, 1);
    ck_assert_msg(strstr(bad_seen, "\"message\":{") != NULL, "%s", bad_seen);
    ck_assert_int_eq(r.n, 2); /* the two after it */
    ck_assert(r.ids[0] == first + 1 && r.ids[1] == first + 2);
    ck_assert(fb__poller_offset(r.p) == first + 3);
    fb__poller_free(r.p);
    ck_assert_int_eq(pending(), 0);
}
END_TEST

START_TEST(killed_in_batch_redelivered)
{
    rec r = {.stop_after = 4, .die_in_batch = 1};
    pid_t pid;
    int status;

    send_texts(4);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        fb__poller *p = fb__poller_new(tg, 1, on_batch, &r);
        r.p = p;
        fb__poller_run(p);
        _exit(0);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 9);
    /* nothing was acknowledged: a new poller sees all four */
    ck_assert_int_eq(pending(), 4);
    r.die_in_batch = 0;
    run_poller(&r, 1);
    ck_assert_int_eq(r.n, 4);
    fb__poller_free(r.p);
}
END_TEST

typedef struct bg {
    rec r;
    pthread_t th;
    int rc;
} bg;

static void *bg_main(void *arg)
{
    bg *b = arg;
    b->rc = fb__poller_run(b->r.p);
    return NULL;
}

START_TEST(conflict_logged_once_then_resumes)
{
    static bg b = {.r = {.stop_after = 1}};
    cJSON *p = cJSON_CreateObject(), *res = NULL;
    fb__tg_error err;
    char out[16384];
    FILE *logf = tmpfile();
    size_t n;
    const char *first;

    fb__log_set_fd(fileno(logf));
    cJSON_AddStringToObject(p, "url", "https://127.0.0.1:1/hook");
    ck_assert_int_eq(fb__tg_call(tg, "setWebhook", p, &res, &err), FB__TG_OK);
    cJSON_Delete(res);
    b.r.p = fb__poller_new(tg, 1, on_batch, &b.r);
    pthread_create(&b.th, NULL, bg_main, &b);
    fbtc_sleep_ms(2500); /* several 409s */
    ck_assert_int_eq(fb__tg_call(tg, "deleteWebhook", NULL, &res, &err),
                     FB__TG_OK);
    cJSON_Delete(res);
    send_texts(1);
    pthread_join(b.th, NULL);
    fb__log_set_fd(-1);
    ck_assert_int_eq(b.rc, 0);
    ck_assert_int_eq(b.r.n, 1);
    rewind(logf);
    n = fread(out, 1, sizeof out - 1, logf);
    out[n] = '\0';
    fclose(logf);
    first = strstr(out, "another fitbot instance or a webhook");
    ck_assert_msg(first != NULL, "%s", out);
    ck_assert_ptr_null(strstr(first + 1, "another fitbot instance"));
    ck_assert_ptr_nonnull(strstr(out, "event=poll_resumed"));
    ck_assert_ptr_null(strstr(out, "SECRET"));
    fb__poller_free(b.r.p);
    cJSON_Delete(p);
}
END_TEST

START_TEST(server_errors_backed_off)
{
    rec r = {.stop_after = 1};
    double t0 = fbtc_now_s(), dt;

    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"getUpdates\",\"count\":3,\"status\":502}");
    send_texts(1);
    fb__log_set_level(FB_LOG_ERROR);
    run_poller(&r, 1);
    dt = fbtc_now_s() - t0;
    ck_assert_int_eq(r.n, 1);
    /* three backoffs of at least 0.25, 0.5, 1 s */
    ck_assert_msg(dt >= 1.7, "only %.2f s", dt);
    fb__poller_free(r.p);
}
END_TEST

START_TEST(retry_after_honoured)
{
    rec r = {.stop_after = 1};
    double t0 = fbtc_now_s(), dt;

    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"getUpdates\",\"count\":1,\"status\":429,"
           "\"retry_after\":2}");
    send_texts(1);
    fb__log_set_level(FB_LOG_ERROR);
    run_poller(&r, 1);
    dt = fbtc_now_s() - t0;
    ck_assert_int_eq(r.n, 1);
    ck_assert_msg(dt >= 2.0, "only %.2f s", dt);
    fb__poller_free(r.p);
}
END_TEST

START_TEST(stop_is_prompt)
{
    static bg b = {.r = {.stop_after = 1000}};
    double t0;

    b.r.p = fb__poller_new(tg, 25, on_batch, &b.r);
    pthread_create(&b.th, NULL, bg_main, &b);
    fbtc_sleep_ms(300);
    t0 = fbtc_now_s();
    fb__poller_stop(b.r.p);
    pthread_join(b.th, NULL);
    ck_assert_msg(fbtc_now_s() - t0 < 3.0, "stop took %.2f s",
                  fbtc_now_s() - t0);
    fb__poller_free(b.r.p);
}
END_TEST

/* Back-pressure: the gate is asked before every getUpdates and holds the
 * poller while it waits (a full outbox); a batch holds at most the limit
 * (what the workers are handed at once). */
static int gate_calls;

static int slow_gate(void *ud, const atomic_int *stop)
{
    rec *r = ud;

    ck_assert_int_eq(r->batches, gate_calls); /* once before each fetch */
    gate_calls++;
    usleep(300 * 1000); /* "no room yet" */
    return atomic_load(stop) != 0;
}

START_TEST(gate_and_limit)
{
    rec r = {.stop_after = 5};
    double t0;

    send_texts(5);
    r.p = fb__poller_new(tg, 1, on_batch, &r);
    ck_assert_ptr_nonnull(r.p);
    fb__poller_set_limit(r.p, 2);
    fb__poller_set_gate(r.p, slow_gate);
    t0 = fbtc_now_s();
    ck_assert_int_eq(fb__poller_run(r.p), 0);
    ck_assert_int_eq(r.n, 5);
    ck_assert_int_eq(r.batches, 3); /* 2 + 2 + 1 */
    ck_assert_int_eq(gate_calls, 3);
    ck_assert(fbtc_now_s() - t0 >= 0.9);
    fb__poller_free(r.p);
    ck_assert_int_eq(pending(), 0);
}
END_TEST

/* How long a batch's updates may have waited unseen (fb__poller_unseen_ms,
 * which the press watcher counts a press's window from): 0 in the normal
 * run; after refused batches held at the limit, the time since an answer
 * last came back short of it. Before: no such bound; a press fetched
 * after a 20 s outage was watched from its fetch and answered too late. */
typedef struct unseen_rec {
    fb__poller *p;
    int batches, unseen[8];
} unseen_rec;

static int on_batch_unseen(void *ud, cJSON *updates)
{
    unseen_rec *r = ud;
    int b = r->batches++;

    (void)updates;
    r->unseen[b] = fb__poller_unseen_ms(r->p);
    if (b == 0) {
        send_texts(3); /* behind the limit of 2 while refused */
        return 1;
    }
    if (b == 1) {
        usleep(1200 * 1000); /* the outage goes on */
        return 1;
    }
    if (b == 3)
        fb__poller_stop(r->p);
    return 0; /* 2: the held batch is taken, 3: the rest */
}

START_TEST(unseen_wait_after_refused_batches)
{
    unseen_rec r = {0};

    send_texts(1);
    r.p = fb__poller_new(tg, 1, on_batch_unseen, &r);
    ck_assert_ptr_nonnull(r.p);
    fb__poller_set_limit(r.p, 2);
    fb__log_set_level(FB_LOG_ERROR);
    ck_assert_int_eq(fb__poller_run(r.p), 0);
    ck_assert_int_eq(r.batches, 4);
    ck_assert_int_eq(r.unseen[0], 0); /* nothing refused before */
    /* 1: one short answer ago; 3: the last short answer came before the
     * 1.2 s the outage lasted, with its refetch naps */
    ck_assert_int_lt(r.unseen[1], 1200);
    ck_assert_int_ge(r.unseen[3], 1200);
    ck_assert_int_eq(fb__poller_unseen_ms(r.p), 0); /* outside a batch */
    fb__poller_free(r.p);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "poller",
                                   .tcase = "sandbox",
                                   .timeout = 30,
                                   .setup = setup,
                                   .teardown = teardown};

    return FBTC_RUN(
        &def, ack_after_batch, failed_batch_fetched_again,
        broken_body_quarantined_and_skipped, killed_in_batch_redelivered,
        conflict_logged_once_then_resumes, server_errors_backed_off,
        retry_after_honoured, stop_is_prompt, gate_and_limit,
        database_outage_refetched_promptly, unseen_wait_after_refused_batches);
}
