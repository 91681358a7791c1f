/* Promise 1 across a crash: a callback whose run committed is answered
 * once, even when the host is killed (kill -9) before it acknowledged the
 * update and the sandbox delivers it again to the restarted host; and its
 * effect is applied once (promise 5).
 *
 * The window between the answer and the acknowledgement is made wide on
 * purpose: a sandbox fault holds the host's next getUpdates (the one that
 * carries the acknowledgement) for a few seconds and then drops it, and the
 * host is killed inside that window. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc.h"
#include "fbtest.h"

#define ASHA 1001
#define WAIT 10000

static fbt_env *env;

static void ok(int rc)
{
    ck_assert_msg(rc == 0, "%s", fbt_error(env));
}

static void expect(const char *pattern)
{
    fbt_msg *m = fbt_expect(env, ASHA, pattern, WAIT);
    ck_assert_msg(m != NULL, "%s", fbt_error(env));
    fbt_msg_free(m);
}

static int64_t counter(const char *name)
{
    int64_t v = fbt_counter(env, name);
    ck_assert_msg(v >= 0, "counter %s: %s", name, fbt_error(env));
    return v;
}

static void setup(void)
{
    fbt_options o = {.plugins = "hello", .plugin_dir = HELLO_PLUGIN_DIR};

    env = fbt_start(&o);
    ck_assert_msg(env != NULL, "%s", fbt_error(NULL));
    ok(fbt_user(env, ASHA, "Asha", "member"));
}

static void teardown(void)
{
    ck_assert_msg(fbt_host_stop(env) == 0, "the host did not exit cleanly");
    ck_assert_msg(!fbt_log_has_token(env), "the token is in the host log");
    fbt_stop(env);
    env = NULL;
}

/* The host is idle in its long poll: hold its next getUpdates (the
 * acknowledgement of what comes next) for 5 s, then drop it. */
static void hold_next_ack(void)
{
    char *r;

    fbt_quiet(env, ASHA, 300);
    r = fbt_sandbox_post(env, "/sandbox/faults",
                         "{\"method\":\"getUpdates\",\"count\":1,"
                         "\"delay_ms\":5000,\"drop\":true}");
    ck_assert_msg(r != NULL, "%s", fbt_error(env));
    free(r);
}

/* The press was answered (text into buf); kill -9 the host before it
 * acknowledged the update, start it again and wait until the redelivered
 * update is handled and acknowledged. */
static void answered_then_killed(char *buf, size_t len)
{
    int64_t delivered, deadline;

    ok(fbt_answer(env, ASHA, buf, len, WAIT));
    ck_assert_msg(counter("updates_pending") >= 1,
                  "the update was acknowledged before the kill");
    delivered = counter("updates_delivered");
    ck_assert_int_eq(fbt_host_kill(env), 0);
    ok(fbt_host_start(env));
    deadline = fbt_now_ms() + WAIT;
    while (counter("updates_pending") > 0 && fbt_now_ms() < deadline)
        fbt_quiet(env, ASHA, 100);
    ck_assert_int_eq(counter("updates_pending"), 0);
    ck_assert_msg(counter("updates_delivered") > delivered,
                  "the update was not delivered again");
}

static void answered_once(int64_t presses)
{
    ck_assert_int_eq(counter("callbacks_total"), presses);
    ck_assert_int_eq(counter("callbacks_answered"), presses);
    ck_assert_int_eq(counter("callbacks_answered_twice"), 0);
    ck_assert_int_eq(fbt_log_count(env, "query is too old"), 0);
}

/* [Confirm] commits a booking and leaves the answer to the host. */
START_TEST(host_answer_not_repeated_after_kill)
{
    char buf[256], *n;

    ok(fbt_say(env, ASHA, "/book"));
    expect("Which class");
    ok(fbt_press(env, ASHA, 0, "Strength"));
    expect("Strength it is");
    expect("Which day");
    ok(fbt_say(env, ASHA, "2030-12-31"));
    expect("Book Strength on 2030-12-31?");
    hold_next_ack();
    ok(fbt_press(env, ASHA, 0, "Confirm"));
    expect("Booked");
    answered_then_killed(buf, sizeof buf);
    answered_once(2);
    ck_assert_int_eq(fbt_quiet(env, ASHA, 1000), 0);
    n = fbt_sql(env, "SELECT count(*) FROM hello_bookings", 0, NULL);
    ck_assert_msg(n != NULL, "%s", fbt_error(env));
    ck_assert_str_eq(n, "1");
    free(n);
}
END_TEST

/* A stale [Yoga] is answered by the plugin itself (fb_answer), in a run
 * that commits (the sender's row). */
START_TEST(plugin_answer_not_repeated_after_kill)
{
    char buf[256];

    ok(fbt_say(env, ASHA, "/book"));
    expect("Which class");
    ok(fbt_say(env, ASHA, "/cancel"));
    expect("Cancelled");
    hold_next_ack();
    ok(fbt_press(env, ASHA, 0, "Yoga"));
    answered_then_killed(buf, sizeof buf);
    ck_assert_msg(buf[0] != '\0', "the plugin's answer has no text");
    answered_once(1);
    ck_assert_int_eq(fbt_quiet(env, ASHA, 1000), 0);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "dispatch",
        .tcase = "answer_once",
        .timeout = 120,
        .setup = setup,
        .teardown = teardown,
    };

    return FBTC_RUN(&def, host_answer_not_repeated_after_kill,
                    plugin_answer_not_repeated_after_kill);
}
