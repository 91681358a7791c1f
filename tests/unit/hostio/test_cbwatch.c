/* host/cbwatch against the real fitbot-sandbox, with the outbox's answer
 * gate: a press whose outcome is late is answered once by the watcher
 * (Telegram's 15 s window kept) and the outcome's answer is then dropped;
 * a press answered in time is never answered by the watcher; a redelivery
 * forgotten is left alone; a press that may have waited unseen at
 * Telegram (behind refused batches) is answered that much sooner. The
 * sandbox counts answers (twice = refused). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fitbot/sdk.h>

#include "cbwatch.h"
#include "fbtc.h"
#include "outbox.h"
#include "sbx.h"

#define TOKEN "720043:hostio-cbwatch-test-SECRETabcdef"
#define USER 5000
#define AFTER_MS 300

static sbx sb;
static fb__tg *tg;
static fb__outbox *ob;
static fb__cbwatch *w;

static int gate(void *ud, const char *query_id)
{
    return fb__cbwatch_take(ud, query_id);
}

static void setup(void)
{
    tg = sbx_start_tg(&sb, TOKEN, 1);
    ob = fb__outbox_new(tg, NULL);
    w = fb__cbwatch_new(ob, AFTER_MS, FB__TEXT_STILL_WORKING);
    ck_assert_ptr_nonnull(w);
    ck_assert_ptr_nonnull(ob);
    fb__outbox_set_answer_gate(ob, gate, w);
    sbx_user(&sb, USER, "U");
}

static void teardown(void)
{
    fb__cbwatch_stop(w);
    fb__outbox_free(ob);
    fb__cbwatch_free(w);
    sbx_stop_tg(&sb, tg);
}

/* A message with a button, pressed: the press's query id (static). */
static const char *press(void)
{
    static char id[64];
    fb__outbatch *b = fb__outbatch_new();
    fb_keyboard kb;
    cJSON *r, *q;

    fb_kb_init(&kb);
    fb_kb_button(&kb, "Go", "go");
    ck_assert_int_eq(fb__outbatch_send(b, USER, "press me", &kb), 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    ck_assert_int_eq(fb__outbox_drain(ob, 5000), 0);
    r = sbx_call(&sb, "POST", "/sandbox/press",
                 "{\"user_id\":%d,\"text\":\"Go\"}", USER);
    ck_assert_ptr_nonnull(r);
    q = cJSON_GetObjectItem(r, "callback_query_id");
    ck_assert(cJSON_IsString(q));
    snprintf(id, sizeof id, "%s", q->valuestring);
    cJSON_Delete(r);
    return id;
}

/* The outcome's answer, through the outbox and its gate. */
static void answer_outcome(const char *id, const char *text)
{
    fb__outbatch *b = fb__outbatch_new();
    ck_assert_int_eq(fb__outbatch_answer(b, USER, id, text, 0), 0);
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    ck_assert_int_eq(fb__outbox_drain(ob, 5000), 0);
}

/* The sandbox's record of the press: answers counted, first text. */
static int answers(const char *id, char *text, size_t len)
{
    char path[128];
    cJSON *r, *t;
    int n;

    snprintf(path, sizeof path, "/sandbox/callbacks/%s", id);
    r = sbx_call(&sb, "GET", path, NULL);
    ck_assert_ptr_nonnull(r);
    n = cJSON_GetObjectItem(r, "answers")->valueint;
    t = cJSON_GetObjectItem(r, "text");
    snprintf(text, len, "%s", cJSON_IsString(t) ? t->valuestring : "");
    cJSON_Delete(r);
    return n;
}

START_TEST(late_outcome_answered_once_by_watcher)
{
    const char *id = press();
    char text[256];

    fb__cbwatch_seen(w, id, USER, 0);
    fb__cbwatch_seen(w, id, USER, 0); /* fetched again: the first time counts */
    usleep((AFTER_MS + 400) * 1000);
    ck_assert_int_eq(answers(id, text, sizeof text), 1);
    ck_assert_str_eq(text, FB__TEXT_STILL_WORKING);
    ck_assert_uint_eq(fb__cbwatch_early(w), 1);
    answer_outcome(id, "Approved"); /* the outcome, late: dropped */
    ck_assert_int_eq(answers(id, text, sizeof text), 1);
    ck_assert_int_eq(sbx_counter(&sb, "callbacks_answered_twice"), 0);
    ck_assert_int_eq(sbx_counter(&sb, "callbacks_unanswered"), 0);
}
END_TEST

START_TEST(outcome_in_time_never_answered_by_watcher)
{
    const char *id = press();
    char text[256];

    fb__cbwatch_seen(w, id, USER, 0);
    answer_outcome(id, "Approved");
    usleep((AFTER_MS + 400) * 1000);
    ck_assert_int_eq(answers(id, text, sizeof text), 1);
    ck_assert_str_eq(text, "Approved");
    ck_assert_uint_eq(fb__cbwatch_early(w), 0);
}
END_TEST

START_TEST(redelivery_forgotten_left_alone)
{
    const char *id = press();
    char text[256];

    fb__cbwatch_seen(w, id, USER, 0);
    fb__cbwatch_forget(w, id); /* its answer went out before a restart */
    usleep((AFTER_MS + 400) * 1000);
    ck_assert_int_eq(answers(id, text, sizeof text), 0);
    ck_assert_int_eq(fb__cbwatch_take(w, id), 1); /* a queued one may go */
    ck_assert_uint_eq(fb__cbwatch_early(w), 0);
}
END_TEST

/* Wait up to ms for id's first answer; the ms it took, or -1. */
static long answered_within(const char *id, long ms)
{
    char text[256];
    long t;

    for (t = 0; t <= ms; t += 20) {
        if (answers(id, text, sizeof text) > 0)
            return t;
        usleep(20 * 1000);
    }
    return -1;
}

START_TEST(press_that_waited_unseen_answered_at_once)
{
    /* a watcher that waits 3 s: a press that may be 5 s and one that may
     * be a minute old when first fetched are answered at once; the minute
     * is a bound, not a fact, so the answer is still sent (the window the
     * outbox keeps counts from the fetch) */
    fb__cbwatch *slow = fb__cbwatch_new(ob, 3000, FB__TEXT_STILL_WORKING);
    const char *id;
    char text[256];
    long took;

    ck_assert_ptr_nonnull(slow);
    id = press();
    fb__cbwatch_seen(slow, id, USER, 5000);
    took = answered_within(id, 2500);
    ck_assert_msg(took >= 0 && took < 1500, "answered after %ld ms", took);
    id = press();
    fb__cbwatch_seen(slow, id, USER, 60000);
    took = answered_within(id, 2500);
    ck_assert_msg(took >= 0 && took < 1500, "answered after %ld ms", took);
    ck_assert_int_eq(answers(id, text, sizeof text), 1);
    ck_assert_str_eq(text, FB__TEXT_STILL_WORKING);
    /* a shorter wait moves the answer by that much: 3 s less 2 s */
    id = press();
    fb__cbwatch_seen(slow, id, USER, 2000);
    took = answered_within(id, 2800);
    ck_assert_msg(took >= 0, "not answered within 2.8 s");
    ck_assert_msg(took >= 500, "answered after %ld ms, not about 1 s", took);
    ck_assert_uint_eq(fb__cbwatch_early(slow), 3);
    fb__cbwatch_stop(slow);
    fb__cbwatch_free(slow);
}
END_TEST

/* An answer goes before every chat's turn: 40 chats' command lists are
 * queued (they count against no window, so only the senders pace them),
 * each taking 300 ms at Telegram; the watcher's answer queued after them
 * leaves with the first free sender. Before: at the tail of the round
 * robin, after ten rounds of the four senders (3 s; in the long chaos run
 * a crowd of command lists after PostgreSQL came back held early answers
 * past their window). */
START_TEST(answer_goes_before_other_chats)
{
    const char *id = press();
    fb__outbatch *b = fb__outbatch_new();
    long took;
    int i;

    for (i = 0; i < 40; i++) {
        cJSON *cmds = cJSON_CreateArray(), *one = cJSON_CreateObject();
        sbx_user(&sb, 6100 + i, "C");
        cJSON_AddStringToObject(one, "command", "menu");
        cJSON_AddStringToObject(one, "description", "Menu");
        cJSON_AddItemToArray(cmds, one);
        ck_assert_int_eq(fb__outbatch_set_commands(b, 6100 + i, cmds), 0);
    }
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"setMyCommands\",\"count\":40,"
           "\"delay_ms\":300}");
    ck_assert_int_eq(fb__outbox_submit(ob, b), 0);
    fb__cbwatch_seen(w, id, USER, AFTER_MS); /* due at once */
    took = answered_within(id, 5000);
    ck_assert_msg(took >= 0 && took < 1200, "answered after %ld ms", took);
    ck_assert_int_eq(fb__outbox_drain(ob, 10000), 0);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "cbwatch",
                                   .tcase = "sandbox",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown};

    return FBTC_RUN(&def, late_outcome_answered_once_by_watcher,
                    outcome_in_time_never_answered_by_watcher,
                    redelivery_forgotten_left_alone,
                    press_that_waited_unseen_answered_at_once,
                    answer_goes_before_other_chats);
}
