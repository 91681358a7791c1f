/* A broadcast on the real host and the sandbox (the test kit, fbtest.h) to
 * members Telegram answers with 403 texts other than "bot was blocked by
 * the user", which a story cannot ask the sandbox for (its faults are
 * scripted here): "bot can't initiate conversation with a user" (never
 * started the bot) and "user is deactivated" (deleted account). Each is
 * counted blocked and marked in fb_users once; the next broadcast skips
 * them without a request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fbtest.h"

#define ADMIN 100000001LL
#define ASHA 7000000001LL  /* gets her copies */
#define KIRAN 7000000002LL /* never started the bot */
#define MEERA 7000000003LL /* deleted her account */
#define WAIT 15000

static const char *const faults[] = {
    "{\"method\": \"sendMessage\", \"chat_id\": 7000000002, \"status\": 403,"
    " \"count\": 100, \"description\": \"Forbidden: bot can't initiate"
    " conversation with a user\"}",
    "{\"method\": \"sendMessage\", \"chat_id\": 7000000003, \"status\": 403,"
    " \"count\": 100, \"description\": \"Forbidden: user is deactivated\"}"};

/* Step or fail with the kit's reason. */
static void ok(fbt_env *e, int rc)
{
    ck_assert_msg(rc == 0, "%s", fbt_error(e));
}

/* The next bot event in the admin's chat matches pattern. */
static void expect(fbt_env *e, const char *pattern)
{
    fbt_msg *m = fbt_expect(e, ADMIN, pattern, WAIT);

    ck_assert_msg(m, "%s", fbt_error(e));
    fbt_msg_free(m);
}

/* A first column of the first row that equals want. */
static void db_is(fbt_env *e, const char *sql, const char *want)
{
    char *got = fbt_sql(e, sql, 0, NULL);

    ck_assert_msg(got && strcmp(got, want) == 0, "%s: %s, not %s", sql,
                  got ? got : fbt_error(e), want);
    free(got);
}

/* The admin broadcasts to role member and presses Send: the progress
 * message becomes the summary, which must match summary, and the summary
 * comes as a new message too. */
static void broadcast(fbt_env *e, const char *summary)
{
    fbt_msg *m;

    ok(e, fbt_say(e, ADMIN, "/broadcast"));
    expect(e, "Who should receive it?");
    ok(e, fbt_press(e, ADMIN, 0, "A role"));
    expect(e, "Audience: role");
    expect(e, "Which role?");
    ok(e, fbt_press(e, ADMIN, 0, "Members"));
    expect(e, "Audience: role member");
    expect(e, "Role: member: 3 people.");
    ok(e, fbt_say(e, ADMIN, "The pool is closed today."));
    expect(e, "Add a photo or a document");
    ok(e, fbt_press(e, ADMIN, 0, "No attachment"));
    expect(e, "Add a photo or a document");
    expect(e, "Preview");
    expect(e, "The pool is closed today.");
    expect(e, "Send this to 3 people");
    ok(e, fbt_press(e, ADMIN, 0, "📣 Send"));
    m = fbt_wait_bot(e, ADMIN, "/^✅ Broadcast #[0-9]+ finished/", WAIT);
    ck_assert_msg(m, "%s", fbt_error(e));
    ck_assert_msg(m->edit && fbt_match(summary, m->text) == 1, "summary: %s",
                  m->text);
    fbt_msg_free(m);
    expect(e, "/^✅ Broadcast #[0-9]+ finished/");
}

/* Kiran and Meera: one 403 each (a request) and one marking by the host
 * (its chat_blocked line without the request's method). */
static void marked_once(fbt_env *e)
{
    ck_assert_int_eq(
        fbt_log_count(e, "chat=7000000002 method=sendMessage code=403"), 1);
    ck_assert_int_eq(
        fbt_log_count(e, "chat=7000000003 method=sendMessage code=403"), 1);
    ck_assert_int_eq(
        fbt_log_count(e, "event=chat_blocked chat=7000000002 msg="), 1);
    ck_assert_int_eq(
        fbt_log_count(e, "event=chat_blocked chat=7000000003 msg="), 1);
}

START_TEST(unreachable_members_marked_once)
{
    fbt_options o = {.plugins = "users, broadcast",
                     .config_extra =
                         "[plugin.broadcast]\nprogress_every = 3600\n",
                     .fast_pacing = 1};
    fbt_env *e = fbt_start(&o);
    fbt_msg *m;

    ck_assert_msg(e, "%s", fbt_error(NULL));
    ok(e, fbt_user(e, ADMIN, "Ravi", "admin"));
    ok(e, fbt_user(e, ASHA, "Asha", "member"));
    ok(e, fbt_user(e, KIRAN, "Kiran", "member"));
    ok(e, fbt_user(e, MEERA, "Meera", "member"));
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        char *r = fbt_sandbox_post(e, "/sandbox/faults", faults[i]);
        ck_assert_msg(r, "%s", fbt_error(e));
        free(r);
    }

    broadcast(e, "/Sent 1 · failed 0 · blocked 2 · not sent 0, of 3,/");
    m = fbt_expect(e, ASHA, "The pool is closed today.", WAIT);
    ck_assert_msg(m, "%s", fbt_error(e));
    fbt_msg_free(m);
    db_is(e,
          "SELECT string_agg(id::text, ',' ORDER BY id) FROM fb_users"
          " WHERE blocked",
          "7000000002,7000000003");
    db_is(e,
          "SELECT sent || ' ' || failed || ' ' || blocked FROM"
          " bc_broadcasts WHERE id = 1",
          "1 0 2");
    ck_assert_int_eq(fbt_counter(e, "faults_injected"), 2);
    marked_once(e);

    /* the next broadcast: skipped, no request made for them */
    broadcast(e, "/Sent 1 · failed 0 · blocked 2 · not sent 0, of 3,/");
    db_is(e,
          "SELECT string_agg(user_id::text, ',' ORDER BY user_id) FROM"
          " bc_recipients WHERE broadcast_id = 2 AND state = 'skipped'",
          "7000000002,7000000003");
    db_is(e, "SELECT count(*) FROM fb_outbox WHERE tag = 'bc:2'", "1");
    ck_assert_int_eq(fbt_counter(e, "faults_injected"), 2);
    marked_once(e);
    fbt_stop(e);
}
END_TEST

static void add_cases(TCase *tc)
{
    tcase_set_timeout(tc, 170);
    tcase_add_test(tc, unreachable_members_marked_once);
}

CHECK_MAIN("broadcast_403", add_cases)
