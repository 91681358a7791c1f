/* host/outbox against the real fitbot-sandbox: order per chat, flood
 * limits (the sandbox counts violations), 429 / 5xx retried without loss,
 * 403 blocked reported, "not modified" ignored, drain. */
#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fbtc.h"
#include "log.h"
#include "outbox.h"
#include "sbx.h"

#define TOKEN "720042:hostio-outbox-test-SECRETabcdef"
#define SCALE 10

static sbx sb;
static fb__tg *tg;
static fb__outbox *ob;
static atomic_llong blocked_chat;
static atomic_int blocked_calls;

static void on_blocked(void *ud, int64_t chat)
{
    (void)ud;
    atomic_store(&blocked_chat, (long long)chat);
    atomic_fetch_add(&blocked_calls, 1);
}

static int queue_max;      /* 0: the default */
static int idle_forget_ms; /* 0: the default */
static int paid_per_s;     /* 0: paid broadcasts off (the default) */

/* Sandbox at SCALE x speed, outbox limits scaled the same way. */
static void start(double scale, int max_attempts, int backoff_ms)
{
    fb__outbox_limits lim;

    tg = sbx_start_tg(&sb, TOKEN, scale);
    fb__outbox_limits_default(&lim);
    lim.global_per_s = (int)(30 * scale);
    lim.chat_per_s = (int)scale;
    lim.group_per_min = (int)(20 * scale);
    lim.max_attempts = max_attempts;
    lim.backoff_ms = backoff_ms;
    lim.queue_max = lim.bulk_max = queue_max;
    lim.idle_forget_ms = idle_forget_ms;
    lim.paid_per_s = paid_per_s;
    ob = fb__outbox_new(tg, &lim);
    ck_assert_ptr_nonnull(ob);
    fb__outbox_set_blocked_cb(ob, on_blocked, NULL);
}

static void teardown(void)
{
    fb__outbox_free(ob);
    sbx_stop_tg(&sb, tg);
}

static void submit_text(int64_t chat, const char *text)
{
    fb__outbatch *b = fb__outbatch_new();
    ck_assert_int_eq(fb__outbatch_send(b, chat, text, NULL), 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
}

/* "prefix0|prefix1|...|prefix(n-1)" */
static char *expected(const char *prefix, int n)
{
    char *s = calloc(1, (size_t)n * (strlen(prefix) + 8) + 1);
    int i;
    for (i = 0; i < n; i++)
        sprintf(s + strlen(s), "%s%s%d", i ? "|" : "", prefix, i);
    return s;
}

static void assert_chat(int64_t chat, const char *prefix, int n)
{
    char *want = expected(prefix, n);
    char *got = sbx_bot_texts(&sb, chat, n, 5000);
    ck_assert_str_eq(got, want);
    free(want);
    free(got);
}

START_TEST(order_per_chat)
{
    fb__outbox_stats st;
    char text[32];
    int i, c;

    start(SCALE, 5, 100);
    for (c = 0; c < 4; c++)
        sbx_user(&sb, 2001 + c, "U");
    for (i = 0; i < 12; i += 2)
        for (c = 0; c < 4; c++) {
            fb__outbatch *b = fb__outbatch_new();
            snprintf(text, sizeof text, "m%d", i);
            ck_assert_int_eq(fb__outbatch_send(b, 2001 + c, text, NULL), 0);
            snprintf(text, sizeof text, "m%d", i + 1);
            ck_assert_int_eq(fb__outbatch_send(b, 2001 + c, text, NULL), 0);
            ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
        }
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    for (c = 0; c < 4; c++)
        assert_chat(2001 + c, "m", 12);
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.sent, 48);
    ck_assert_uint_eq(st.dropped, 0);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
}
END_TEST

START_TEST(per_chat_limit)
{
    double t0, dt;
    char text[32];
    int i;

    start(SCALE, 5, 100);
    sbx_user(&sb, 2101, "U");
    t0 = fbtc_now_s();
    for (i = 0; i < 30; i++) {
        snprintf(text, sizeof text, "n%d", i);
        submit_text(2101, text);
    }
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    dt = fbtc_now_s() - t0;
    /* 3 at once, then SCALE per second */
    ck_assert_msg(dt >= 27.0 / SCALE, "30 messages in %.2f s", dt);
    ck_assert_msg(dt < 27.0 / SCALE * 2.5, "too slow: %.2f s", dt);
    assert_chat(2101, "n", 30);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
    ck_assert_int_eq(sbx_counter(&sb, "responses_429"), 0);
}
END_TEST

START_TEST(global_and_group_limits)
{
    double t0, dt;
    int i;

    start(2, 5, 100);
    for (i = 0; i < 150; i++)
        sbx_user(&sb, 3000 + i, "U");
    sbx_ok(&sb, "POST", "/sandbox/chats",
           "{\"id\":-100777,\"type\":\"group\",\"title\":\"G\","
           "\"members\":[3000]}");
    t0 = fbtc_now_s();
    for (i = 0; i < 150; i++)
        submit_text(3000 + i, "hello");
    for (i = 0; i < 6; i++) {
        char text[16];
        snprintf(text, sizeof text, "g%d", i);
        submit_text(-100777, text);
    }
    ck_assert_int_eq(fb__outbox_drain(ob, 30000), 0);
    dt = fbtc_now_s() - t0;
    /* at most 60 in any 1 s window: the 156th cannot leave before 2 s */
    ck_assert_msg(dt >= 2.0, "156 messages in %.2f s", dt);
    assert_chat(-100777, "g", 6);
    ck_assert_int_eq(sbx_counter(&sb, "messages_sent"), 156);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
}
END_TEST

/* Promise 11 by any measure: 200 chats get a reply each (and one chat
 * three) at Telegram's real limits. The sandbox judges with sliding
 * windows, so a full-start bucket (30 at once, then refilled at 30/s:
 * 57 in the first second) is a violation; the outbox must cause none. */
START_TEST(two_hundred_chats_sliding_windows)
{
    double t0, dt;
    int i;

    start(1, 5, 100);
    for (i = 0; i < 200; i++)
        sbx_user(&sb, 4000 + i, "U");
    t0 = fbtc_now_s();
    for (i = 0; i < 200; i++)
        submit_text(4000 + i, "reply");
    submit_text(4000, "second");
    submit_text(4000, "third");
    ck_assert_int_eq(fb__outbox_drain(ob, 40000), 0);
    dt = fbtc_now_s() - t0;
    ck_assert_int_eq(sbx_counter(&sb, "messages_sent"), 202);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
    ck_assert_int_eq(sbx_counter(&sb, "responses_429"), 0);
    /* at most 30 in any 1 s: the 202nd cannot leave before 6 s */
    ck_assert_msg(dt >= 6.0, "202 messages in %.2f s", dt);
    ck_assert_msg(dt < 12.0, "too slow: %.2f s", dt);
}
END_TEST

START_TEST(rate_limited_429_loses_nothing)
{
    fb__outbox_stats st;
    char text[32];
    int i;

    start(SCALE, 5, 100);
    sbx_user(&sb, 2201, "U");
    sbx_user(&sb, 2202, "V");
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"sendMessage\",\"count\":3,\"status\":429,"
           "\"retry_after\":1}");
    for (i = 0; i < 8; i++) {
        snprintf(text, sizeof text, "r%d", i);
        submit_text(2201, text);
        submit_text(2202, text);
    }
    ck_assert_int_eq(fb__outbox_drain(ob, 30000), 0);
    assert_chat(2201, "r", 8);
    assert_chat(2202, "r", 8);
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.rate_429, 3);
    ck_assert_uint_eq(st.sent, 16);
    ck_assert_uint_eq(st.dropped, 0);
}
END_TEST

START_TEST(server_errors_retried_then_dropped)
{
    fb__outbox_stats st;
    char *got;

    start(SCALE, 3, 20);
    sbx_user(&sb, 2301, "U");
    sbx_user(&sb, 2302, "V");
    /* two 502s: retried and delivered */
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"sendMessage\",\"count\":2,\"status\":502}");
    submit_text(2301, "survives");
    ck_assert_int_eq(fb__outbox_drain(ob, 10000), 0);
    got = sbx_bot_texts(&sb, 2301, 1, 2000);
    ck_assert_str_eq(got, "survives");
    free(got);
    /* a chat that always fails: dropped after 3 attempts, others go on */
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"sendMessage\",\"count\":50,\"status\":500,"
           "\"chat_id\":2301}");
    submit_text(2301, "lost");
    submit_text(2302, "fine");
    ck_assert_int_eq(fb__outbox_drain(ob, 10000), 0);
    got = sbx_bot_texts(&sb, 2302, 1, 2000);
    ck_assert_str_eq(got, "fine");
    free(got);
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.sent, 2);
    ck_assert_uint_eq(st.dropped, 1);
    ck_assert_uint_ge(st.retried, 4);
}
END_TEST

START_TEST(blocked_chat_reported)
{
    fb__outbox_stats st;

    start(SCALE, 5, 100);
    sbx_user(&sb, INT64_C(4294967297), "U");
    sbx_ok(&sb, "POST", "/sandbox/block",
           "{\"chat_id\":4294967297,\"blocked\":true}");
    atomic_store(&blocked_calls, 0);
    submit_text(INT64_C(4294967297), "anyone there?");
    ck_assert_int_eq(fb__outbox_drain(ob, 10000), 0);
    ck_assert_int_eq(atomic_load(&blocked_calls), 1);
    ck_assert(atomic_load(&blocked_chat) == INT64_C(4294967297));
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.blocked, 1);
}
END_TEST

START_TEST(edit_delete_document)
{
    static const char pdf[] = "%PDF-1.4 test";
    fb__outbox_stats st;
    fb__outbatch *b;
    cJSON *t, *m;
    int64_t mid = 0;

    start(SCALE, 5, 100);
    sbx_user(&sb, 2401, "U");
    submit_text(2401, "first");
    ck_assert_int_eq(fb__outbox_drain(ob, 10000), 0);
    t = sbx_call(&sb, "GET", "/sandbox/transcript?chat_id=2401", NULL);
    m = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "messages"), 0);
    mid = (int64_t)cJSON_GetObjectItem(m, "message_id")->valuedouble;
    cJSON_Delete(t);
    b = fb__outbatch_new();
    ck_assert_int_eq(fb__outbatch_edit(b, 2401, mid, "second", NULL), 0);
    ck_assert_int_eq(fb__outbatch_edit(b, 2401, mid, "second", NULL), 0);
    ck_assert_int_eq(
        fb__outbatch_document(b, 2401, "a.pdf", pdf, sizeof pdf, "doc"), 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    ck_assert_int_eq(fb__outbox_drain(ob, 10000), 0);
    t = sbx_call(&sb, "GET", "/sandbox/transcript?chat_id=2401", NULL);
    m = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "messages"), 0);
    ck_assert_str_eq(cJSON_GetObjectItem(m, "text")->valuestring, "second");
    m = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "messages"), 1);
    ck_assert_ptr_nonnull(cJSON_GetObjectItem(m, "document"));
    cJSON_Delete(t);
    /* the identical edit got "message is not modified": ignored, not dropped */
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.dropped, 0);
    ck_assert_uint_eq(st.sent, 4);
    b = fb__outbatch_new();
    ck_assert_int_eq(fb__outbatch_delete(b, 2401, mid), 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    ck_assert_int_eq(fb__outbox_drain(ob, 10000), 0);
    t = sbx_call(&sb, "GET", "/sandbox/transcript?chat_id=2401", NULL);
    m = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "messages"), 0);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(m, "deleted")));
    cJSON_Delete(t);
}
END_TEST

/* A request hanging at shutdown is aborted: free does not wait for it. */
START_TEST(free_aborts_hanging_send)
{
    double t0;

    start(SCALE, 5, 100);
    sbx_user(&sb, 2501, "U");
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"sendMessage\",\"count\":1,\"delay_ms\":20000}");
    submit_text(2501, "stuck");
    submit_text(2501, "never sent");
    ck_assert_int_eq(fb__outbox_drain(ob, 500), 2);
    t0 = fbtc_now_s();
    fb__outbox_free(ob);
    ob = NULL;
    ck_assert_msg(fbtc_now_s() - t0 < 3.0, "free took %.2f s",
                  fbtc_now_s() - t0);
}
END_TEST

/* Interactive first: with 5,000 bulk messages queued (a broadcast to
 * 5,000 chats), a reply submitted after them leaves next, within the
 * limits, not after the broadcast (about 17 s at this scale). */
START_TEST(interactive_before_bulk)
{
    fb__outbox_stats st;
    fb__outbatch *b = fb__outbatch_new();
    uint64_t before;
    double t0, dt;
    char *got;
    int i;

    start(SCALE, 5, 100);
    for (i = 0; i < 5000; i++)
        sbx_user(&sb, 10000 + i, "B");
    sbx_user(&sb, 2301, "I");
    fb__outbatch_set_bulk(b, 1);
    for (i = 0; i < 5000; i++)
        ck_assert_int_eq(fb__outbatch_send(b, 10000 + i, "bulk", NULL), 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    for (i = 0; i < 500 && sbx_counter(&sb, "messages_sent") < 100; i++)
        usleep(10000); /* the broadcast is under way */
    fb__outbox_stats_get(ob, &st);
    before = st.sent;
    ck_assert_uint_gt(st.queued, 4000);
    t0 = fbtc_now_s();
    submit_text(2301, "reply");
    got = sbx_bot_texts(&sb, 2301, 1, 30000);
    dt = fbtc_now_s() - t0;
    ck_assert_str_eq(got, "reply");
    free(got);
    fb__outbox_stats_get(ob, &st);
    fprintf(stderr,
            "interactive_before_bulk: the reply took %.3f s, %" PRIu64
            " bulk sent meanwhile, %" PRIu64 " bulk still queued\n",
            dt, st.sent - before, st.queued_bulk);
    ck_assert_msg(st.sent - before <= 100,
                  "%" PRIu64 " bulk messages left before the reply",
                  st.sent - before);
    ck_assert_msg(dt < 1.0, "the reply took %.2f s", dt);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
}
END_TEST

/* Bounded: past queue_max queued messages a producer waits for room
 * (fb__outbox_wait_room: the poller's gate), one class at a time; nothing
 * is dropped. */
START_TEST(bounded_queue_waits_never_drops)
{
    fb__outbox_stats st;
    fb__outbatch *b = fb__outbatch_new();
    int i;

    queue_max = 100;
    start(1, 5, 100);
    queue_max = 0;
    for (i = 0; i < 150; i++) {
        sbx_user(&sb, 2400 + i, "U");
        ck_assert_int_eq(fb__outbatch_send(b, 2400 + i, "m", NULL), 0);
    }
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    ck_assert_int_eq(fb__outbox_wait_room(ob, 0, 0), 1); /* full: wait */
    ck_assert_int_eq(fb__outbox_wait_room(ob, 1, 0), 0); /* bulk: room */
    ck_assert_int_eq(fb__outbox_wait_room(ob, 0, 20000), 0);
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_lt(st.queued, 100 + 4 + 1);
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.sent, 150);
    ck_assert_uint_eq(st.dropped, 0);
    ck_assert_int_eq(sbx_counter(&sb, "messages_sent"), 150);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
}
END_TEST

/* Per-chat state is pruned under steady load, not only when the outbox
 * runs dry: 800 private chats get one message each over 4 s (200/s, below
 * the scaled 300/s cap, so something is nearly always ready to send) with
 * idle_forget_ms = 400; the outbox never holds more than the chats of the
 * last second or so, and none once everything is sent and idle. */
START_TEST(idle_chats_forgotten_under_load)
{
    fb__outbox_stats st;
    uint64_t most = 0;
    int tick, i;

    idle_forget_ms = 400;
    start(SCALE, 5, 100);
    idle_forget_ms = 0;
    for (tick = 0; tick < 40; tick++) {
        fb__outbatch *b = fb__outbatch_new();
        for (i = 0; i < 20; i++) {
            sbx_user(&sb, 30000 + tick * 20 + i, "U");
            ck_assert_int_eq(
                fb__outbatch_send(b, 30000 + tick * 20 + i, "m", NULL), 0);
        }
        ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
        usleep(100000);
        fb__outbox_stats_get(ob, &st);
        if (st.chats > most)
            most = st.chats;
    }
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.sent, 800);
    ck_assert_msg(most < 400, "%" PRIu64 " chats kept at once of 800", most);
    usleep(1500000);
    fb__outbox_stats_get(ob, &st);
    ck_assert_uint_eq(st.chats, 0);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
}
END_TEST

/* ---- the store's marks: a log of what a stand-in store was told ------- */

#define MARKS_MAX 4096
typedef struct mark_ev {
    int64_t id;
    char what; /* 'a': attempt counted, 'd': finished */
    int call;  /* the store call it came in, in order */
} mark_ev;
static pthread_mutex_t marks_mu = PTHREAD_MUTEX_INITIALIZER;
static mark_ev marks[MARKS_MAX];
static int nmarks, ncalls;

static void mark_log(int64_t id, char what, int call)
{
    pthread_mutex_lock(&marks_mu);
    if (nmarks < MARKS_MAX)
        marks[nmarks++] = (mark_ev){id, what, call};
    pthread_mutex_unlock(&marks_mu);
}

static int next_call(void)
{
    int c;
    pthread_mutex_lock(&marks_mu);
    c = ++ncalls;
    pthread_mutex_unlock(&marks_mu);
    return c;
}

static int log_attempt(void *ud, int64_t id)
{
    (void)ud;
    mark_log(id, 'a', next_call());
    return 0;
}

static int log_done(void *ud, int64_t id, const char *outcome)
{
    (void)ud;
    ck_assert_str_eq(outcome, "sent");
    mark_log(id, 'd', next_call());
    return 0;
}

/* The call that brought row id's mark what; 0: none (fails on two). */
static int call_of(int64_t id, char what)
{
    int i, call = 0;
    for (i = 0; i < nmarks; i++)
        if (marks[i].id == id && marks[i].what == what) {
            ck_assert_msg(call == 0, "row %" PRId64 " marked %c twice", id,
                          what);
            call = marks[i].call;
        }
    return call;
}

static int number_rows(void *ud, const fb__outmsg *m, int64_t *id)
{
    (void)m;
    *id = ++*(int64_t *)ud;
    return 0;
}

/* With store set, 6 rows for each of 8 chats from chat0 (chat c's k-th
 * row is 1 + k * 8 + c), submitted in turn and drained. */
static void submit_rows(const fb__outbox_store *store, int64_t chat0)
{
    int64_t next_id = 0;
    int c, k;

    start(SCALE, 5, 100);
    fb__outbox_set_store(ob, store);
    for (c = 0; c < 8; c++)
        sbx_user(&sb, chat0 + c, "U");
    for (k = 0; k < 6; k++)
        for (c = 0; c < 8; c++) {
            fb__outbatch *b = fb__outbatch_new();
            ck_assert_int_eq(fb__outbatch_send(b, chat0 + c, "m", NULL), 0);
            ck_assert_int_eq(fb__outbatch_each(b, number_rows, &next_id), 0);
            ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
        }
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
}

/* Every row of submit_rows was marked attempted before it was finished,
 * once each; a chat's next row was attempted only after its previous one
 * was finished, or (grouped) finished no earlier than it. */
static void check_marks(int grouped)
{
    pthread_mutex_lock(&marks_mu);
    for (int c = 0; c < 8; c++)
        for (int k = 0; k < 6; k++) {
            int64_t id = 1 + k * 8 + c;
            int a = call_of(id, 'a'), d = call_of(id, 'd');
            ck_assert_msg(a > 0 && d > a,
                          "row %" PRId64 ": attempt %d, done %d", id, a, d);
            if (k > 0 && grouped)
                ck_assert_int_le(call_of(id - 8, 'd'), d);
            else if (k > 0)
                ck_assert_int_lt(call_of(id - 8, 'd'), a);
        }
    pthread_mutex_unlock(&marks_mu);
}

/* Rows of 8 chats, 6 each: every row is marked attempted before it is
 * finished, once each, and a chat's next row is attempted only after its
 * previous one was finished. */
START_TEST(marks_in_order)
{
    fb__outbox_store store = {log_attempt, log_done, NULL, NULL};

    submit_rows(&store, 2101);
    check_marks(0);
}
END_TEST

static atomic_int group_calls, group_rows;

/* A store writing done marks in groups, slowly (20 ms a group), so the
 * marks made meanwhile wait for the next group. */
static int log_done_many(void *ud, const int64_t *ids,
                         const char *const *outcomes, size_t n)
{
    int call = next_call();
    (void)ud;
    atomic_fetch_add(&group_calls, 1);
    atomic_fetch_add(&group_rows, (int)n);
    usleep(20 * 1000);
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(outcomes[i], "sent");
        mark_log(ids[i], 'd', call);
    }
    return 0;
}

/* With the store's done_many, done marks are written in groups: every row
 * is finished once, a chat's rows in their order (never one before an
 * earlier one), in fewer writes than rows, and drain waits for the last
 * group. */
START_TEST(done_marks_in_groups)
{
    fb__outbox_store store = {log_attempt, log_done, NULL, log_done_many};

    submit_rows(&store, 2801);
    check_marks(1);
    ck_assert_int_eq(atomic_load(&group_rows), 48); /* none one by one */
    ck_assert_int_lt(atomic_load(&group_calls), 48 / 2);
}
END_TEST

/* fb__outmsg.direct of b's items into *(int *)ud, one bit per item. */
static int direct_bits(void *ud, const fb__outmsg *m, int64_t *id)
{
    int *bits = ud;
    (void)id;
    *bits = *bits << 1 | (m->direct != 0);
    return 0;
}

static fb__outbatch *batch_of(int64_t chat, const char *text, int64_t *next)
{
    fb__outbatch *b = fb__outbatch_new();
    ck_assert_int_eq(fb__outbatch_send(b, chat, text, NULL), 0);
    if (next)
        ck_assert_int_eq(fb__outbatch_each(b, number_rows, next), 0);
    return b;
}

/* A reserved reply (its chat free) is flagged for its row to be stored
 * attempted, holds its chat, leaves first once submitted, and gets no
 * attempt mark; a reply queued while the chat was held is not flagged and
 * gets its mark. Rolled back, a reservation frees the chat; a chat with
 * replies queued is not reserved, nor is an answer. */
START_TEST(reserved_reply_skips_its_attempt_mark)
{
    fb__outbox_store store = {log_attempt, log_done, NULL, NULL};
    int64_t next_id = 0;
    fb__outbatch *b1, *b2, *b3;
    int bits = 0;

    start(SCALE, 5, 100);
    fb__outbox_set_store(ob, &store);
    sbx_user(&sb, 2701, "U");
    sbx_user(&sb, 2702, "U");
    b1 = batch_of(2701, "r0", NULL);
    ck_assert_int_eq(fb__outbox_reserve(ob, b1), 1);
    ck_assert_int_eq(fb__outbatch_each(b1, number_rows, &next_id), 0);
    ck_assert_int_eq(fb__outbatch_each(b1, direct_bits, &bits), 0);
    ck_assert_int_eq(bits, 1);
    b2 = batch_of(2701, "q1", &next_id); /* row 2 */
    ck_assert_int_eq(fb__outbox_reserve(ob, b2), 0); /* the chat is held */
    bits = 0;
    ck_assert_int_eq(fb__outbatch_each(b2, direct_bits, &bits), 0);
    ck_assert_int_eq(bits, 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b2), 0); /* waits behind r0 */
    {
        char *got = sbx_bot_texts(&sb, 2701, 1, 200); /* nothing yet */
        ck_assert_str_eq(got, "");
        free(got);
    }
    ck_assert_int_eq(fb__outbox_submit(ob, b1), 0);
    {
        char *got = sbx_bot_texts(&sb, 2701, 2, 5000);
        ck_assert_str_eq(got, "r0|q1");
        free(got);
    }
    /* an answer is never reserved (its lane is the press watcher's too) */
    b3 = fb__outbatch_new();
    ck_assert_int_eq(fb__outbatch_answer(b3, 2702, "q-2702", "ok", 0), 0);
    ck_assert_int_eq(fb__outbox_reserve(ob, b3), 0);
    fb__outbatch_free(b3);
    /* rolled back: the chat is free again */
    b3 = batch_of(2702, "x", NULL);
    ck_assert_int_eq(fb__outbox_reserve(ob, b3), 1);
    fb__outbox_unreserve(ob, b3);
    bits = 0;
    ck_assert_int_eq(fb__outbatch_each(b3, direct_bits, &bits), 0);
    ck_assert_int_eq(bits, 0);
    ck_assert_int_eq(fb__outbox_reserve(ob, b3), 1);
    fb__outbox_unreserve(ob, b3);
    fb__outbatch_free(b3);
    /* 2701 with replies still queued (4 more, past its burst of 3): not
     * reserved */
    for (int i = 0; i < 4; i++)
        submit_text(2701, "p");
    b3 = batch_of(2701, "y", NULL);
    ck_assert_int_eq(fb__outbox_reserve(ob, b3), 0);
    fb__outbatch_free(b3);
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    pthread_mutex_lock(&marks_mu);
    ck_assert_int_eq(call_of(1, 'a'), 0); /* stored attempted instead */
    ck_assert_int_gt(call_of(1, 'd'), 0);
    ck_assert_int_gt(call_of(2, 'a'), call_of(1, 'd'));
    ck_assert_int_gt(call_of(2, 'd'), call_of(2, 'a'));
    pthread_mutex_unlock(&marks_mu);
}
END_TEST

/* A sender that lost its lock forgets the queued items that have a row
 * (another sender claims the rows): the others still leave, in order. The
 * burst of 3 leaves at once; the rest waits for the chat's pace (0.1 s
 * here), during which the stored ones are forgotten. */
START_TEST(forget_stored_keeps_the_rest)
{
    fb__outbatch *b = fb__outbatch_new();
    char text[8];
    int k = 0;

    start(SCALE, 5, 100);
    sbx_user(&sb, 2601, "U");
    for (int i = 0; i < 8; i++) {
        fb__outmsg m = {0};
        snprintf(text, sizeof text, "%s%d", i == 3 || i == 5 ? "s" : "u", i);
        m.kind = FB__OUT_SEND;
        m.chat = 2601;
        m.text = text;
        m.id = i == 3 || i == 5 ? 900 + i : 0; /* a row: no store here */
        ck_assert_int_eq(fb__outbatch_add(b, &m), 0);
    }
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    k = (int)fb__outbox_forget_stored(ob);
    ck_assert_int_eq(k, 2);
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    {
        char *got = sbx_bot_texts(&sb, 2601, 6, 5000);
        ck_assert_str_eq(got, "u0|u1|u2|u4|u6|u7");
        free(got);
    }
}
END_TEST

/* n bulk messages marked paid, to chats chat0.., numbered as rows from
 * *next_id (NULL: no rows), submitted. */
static void submit_paid(int64_t chat0, int n, int64_t *next_id)
{
    fb__outbatch *b = fb__outbatch_new();

    fb__outbatch_set_bulk(b, 1);
    for (int i = 0; i < n; i++) {
        ck_assert_int_eq(fb__outbatch_send(b, chat0 + i, "paid", NULL), 0);
        ck_assert_int_eq(fb__outbatch_paid_last(b), 0);
    }
    if (next_id)
        ck_assert_int_eq(fb__outbatch_each(b, number_rows, next_id), 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
}

/* Paid broadcasts at Telegram's real limits (scale 1): 300 paid bulk
 * messages and 40 replies leave far faster than the free 30/s would let
 * them (>= 10 s), each paid one with allow_paid_broadcast (the sandbox
 * counts them), the replies in the free window, and the sandbox's
 * sliding windows (free 30/s, paid 1000/s, per chat) see no violation. */
START_TEST(paid_bulk_beyond_the_free_rate)
{
    double t0, dt;
    int i;

    paid_per_s = 1000;
    start(1, 5, 100);
    ck_assert_int_eq(fb__outbox_paid_rate(ob), 1000);
    for (i = 0; i < 300; i++)
        sbx_user(&sb, 20000 + i, "P");
    for (i = 0; i < 40; i++)
        sbx_user(&sb, 21000 + i, "I");
    t0 = fbtc_now_s();
    submit_paid(20000, 300, NULL);
    for (i = 0; i < 40; i++)
        submit_text(21000 + i, "reply");
    ck_assert_int_eq(fb__outbox_drain(ob, 30000), 0);
    dt = fbtc_now_s() - t0;
    fprintf(stderr, "paid_bulk_beyond_the_free_rate: 340 messages in %.2f s\n",
            dt);
    ck_assert_int_eq(sbx_counter(&sb, "messages_sent"), 340);
    ck_assert_int_eq(sbx_counter(&sb, "paid_messages"), 300);
    ck_assert_int_eq(sbx_counter(&sb, "stars_spent_x10"), 300);
    ck_assert_int_eq(sbx_counter(&sb, "limit_violations"), 0);
    ck_assert_int_eq(sbx_counter(&sb, "responses_429"), 0);
    ck_assert_msg(dt < 5.0, "340 messages in %.2f s: not above 30/s", dt);
}
END_TEST

/* With paid broadcasts off (paid_per_s 0) an item marked paid leaves
 * free: no allow_paid_broadcast, the global window. */
START_TEST(paid_off_sends_free)
{
    start(SCALE, 5, 100);
    ck_assert_int_eq(fb__outbox_paid_rate(ob), 0);
    for (int i = 0; i < 5; i++)
        sbx_user(&sb, 22000 + i, "P");
    submit_paid(22000, 5, NULL);
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    ck_assert_int_eq(sbx_counter(&sb, "messages_sent"), 5);
    ck_assert_int_eq(sbx_counter(&sb, "paid_messages"), 0);
}
END_TEST

static atomic_int outcome_sent, outcome_no_stars;

static int count_done(void *ud, int64_t id, const char *outcome)
{
    (void)ud;
    (void)id;
    if (strcmp(outcome, "sent") == 0)
        atomic_fetch_add(&outcome_sent, 1);
    else if (strcmp(outcome, "no_stars") == 0)
        atomic_fetch_add(&outcome_no_stars, 1);
    return 0;
}

/* A bot whose Stars run out: Telegram refuses the rest with 400; each is
 * finished "no_stars" (a failure the broadcast can name), not retried. */
START_TEST(paid_without_stars_finished_no_stars)
{
    fb__outbox_store store = {NULL, count_done, NULL, NULL};
    fb__outbox_stats st;
    int64_t next_id = 0;

    paid_per_s = 1000;
    start(SCALE, 5, 100);
    fb__outbox_set_store(ob, &store);
    for (int i = 0; i < 8; i++)
        sbx_user(&sb, 23000 + i, "P");
    sbx_ok(&sb, "POST", "/sandbox/stars", "{\"stars\":0.5}");
    submit_paid(23000, 8, &next_id);
    ck_assert_int_eq(fb__outbox_drain(ob, 20000), 0);
    fb__outbox_stats_get(ob, &st);
    ck_assert_int_eq(sbx_counter(&sb, "paid_messages"), 5);
    ck_assert_int_eq(sbx_counter(&sb, "responses_400_no_stars"), 3);
    ck_assert_int_eq(atomic_load(&outcome_sent), 5);
    ck_assert_int_eq(atomic_load(&outcome_no_stars), 3);
    ck_assert_uint_eq(st.sent, 5);
    ck_assert_uint_eq(st.retried, 0);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "outbox",
                                   .tcase = "sandbox",
                                   .timeout = 60,
                                   .teardown = teardown};

    return FBTC_RUN(
        &def, order_per_chat, per_chat_limit, global_and_group_limits,
        two_hundred_chats_sliding_windows, rate_limited_429_loses_nothing,
        server_errors_retried_then_dropped, blocked_chat_reported,
        edit_delete_document, free_aborts_hanging_send, interactive_before_bulk,
        bounded_queue_waits_never_drops, idle_chats_forgotten_under_load,
        marks_in_order, done_marks_in_groups,
        reserved_reply_skips_its_attempt_mark, forget_stored_keeps_the_rest,
        paid_bulk_beyond_the_free_rate, paid_off_sends_free,
        paid_without_stars_finished_no_stars);
}
