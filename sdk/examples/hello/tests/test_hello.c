/* The hello example against the real host, the sandbox and PostgreSQL,
 * through the fbtest kit. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtest.h"

#define ASHA 1001      /* a member */
#define RAVI 1002      /* staff */
#define BIG 7000000001 /* a member whose id needs more than 32 bits */
#define WAIT 10000

static fbt_env *env;

static void setup(void)
{
    fbt_options o = {.plugins = "hello", .plugin_dir = HELLO_PLUGIN_DIR};

    env = fbt_start(&o);
    ck_assert_msg(env != NULL, "%s", fbt_error(NULL));
    ck_assert_msg(fbt_user(env, ASHA, "Asha", "member") == 0, "%s",
                  fbt_error(env));
    ck_assert_msg(fbt_user(env, RAVI, "Ravi", "staff") == 0, "%s",
                  fbt_error(env));
    ck_assert_msg(fbt_user(env, BIG, "Big", "member") == 0, "%s",
                  fbt_error(env));
}

static void teardown(void)
{
    ck_assert_msg(!fbt_log_has_token(env), "the token is in the host log");
    fbt_stop(env);
    env = NULL;
}

/* Expect the next bot event in chat to match pattern. */
static void expect(int64_t chat, const char *pattern)
{
    fbt_msg *m = fbt_expect(env, chat, pattern, WAIT);
    ck_assert_msg(m != NULL, "%s", fbt_error(env));
    fbt_msg_free(m);
}

static void ok(int rc)
{
    ck_assert_msg(rc == 0, "%s", fbt_error(env));
}

static char *sql(const char *q)
{
    char *v = fbt_sql(env, q, 0, NULL);
    ck_assert_msg(v != NULL, "%s", fbt_error(env));
    return v;
}

/* Walk user through /book up to the confirm question. */
static void book_until_confirm(int64_t user, const char *day)
{
    ok(fbt_say(env, user, "/book"));
    expect(user, "Which class");
    ok(fbt_press(env, user, 0, "Yoga"));
    expect(user, "Yoga it is");
    expect(user, "Which day");
    ok(fbt_say(env, user, day));
    expect(user, "Book Yoga on");
}

START_TEST(books_a_class_in_three_steps)
{
    fbt_msg *m;
    char *n;

    ok(fbt_say(env, ASHA, "/hello"));
    m = fbt_expect(env, ASHA, "Hello, Asha", WAIT);
    ck_assert_msg(m && m->nbuttons == 1, "%s", fbt_error(env));
    ck_assert_str_eq(m->button_data[0], "hello:book");
    fbt_msg_free(m);
    ok(fbt_press(env, ASHA, 0, "Book a class"));
    expect(ASHA, "Which class");
    ok(fbt_say(env, ASHA, "yoga please"));
    expect(ASHA, "pick a class with the buttons");
    ok(fbt_press(env, ASHA, 0, "Spin"));
    m = fbt_expect(env, ASHA, "Spin it is", WAIT);
    ck_assert_msg(m && m->edit == 1, "the class menu is edited in place");
    fbt_msg_free(m);
    expect(ASHA, "Which day");
    ok(fbt_say(env, ASHA, "2030-02-30"));
    expect(ASHA, "\"2030-02-30\" is not a date");
    ok(fbt_say(env, ASHA, " 2030-01-15 "));
    expect(ASHA, "Book Spin on 2030-01-15?");
    ok(fbt_press(env, ASHA, 0, "Confirm"));
    expect(ASHA, "Booked: Spin on 2030-01-15");
    n = sql("SELECT class || ' ' || day FROM hello_bookings WHERE "
            "user_id = 1001");
    ck_assert_str_eq(n, "spin 2030-01-15");
    free(n);
    n = sql("SELECT count(*) FROM fb_conversations WHERE key_user = 1001");
    ck_assert_str_eq(n, "0");
    free(n);
}
END_TEST

START_TEST(forged_staff_button_changes_nothing)
{
    char answer[256], *n;

    book_until_confirm(ASHA, "2030-03-01");
    ok(fbt_press(env, ASHA, 0, "Confirm"));
    expect(ASHA, "Booked");
    n = sql("SELECT id FROM hello_bookings");
    char data[64];
    snprintf(data, sizeof data, "hello:drop:%s", n);
    ok(fbt_forge(env, ASHA, 0, data));
    ok(fbt_answer(env, ASHA, answer, sizeof answer, WAIT));
    ck_assert_msg(answer[0] != '\0', "the refusal is shown to the member");
    free(n);
    n = sql("SELECT count(*) FROM hello_bookings");
    ck_assert_str_eq(n, "1");
    free(n);

    ok(fbt_say(env, RAVI, "/bookings"));
    expect(RAVI, "#");
    ok(fbt_press_data(env, RAVI, 0, data));
    expect(RAVI, "Dropped booking");
    n = sql("SELECT count(*) FROM hello_bookings");
    ck_assert_str_eq(n, "0");
    free(n);
}
END_TEST

START_TEST(flow_survives_kill_9)
{
    char *n;

    ok(fbt_say(env, BIG, "/book"));
    expect(BIG, "Which class");
    ok(fbt_press(env, BIG, 0, "Strength"));
    expect(BIG, "Strength it is");
    expect(BIG, "Which day");
    ok(fbt_host_kill(env));
    ok(fbt_host_start(env));
    ok(fbt_say(env, BIG, "2030-12-31"));
    expect(BIG, "Book Strength on 2030-12-31");
    ok(fbt_press(env, BIG, 0, "Confirm"));
    expect(BIG, "Booked");
    n = sql("SELECT user_id FROM hello_bookings");
    ck_assert_str_eq(n, "7000000001");
    free(n);
}
END_TEST

START_TEST(my_bookings_come_as_a_document)
{
    fbt_msg *m;
    size_t len = 0;
    char *bytes;

    ck_assert_int_eq(fbt_sql_exec(env,
                                  "INSERT INTO hello_bookings (user_id, class, "
                                  "day) VALUES (1001, 'yoga', '2030-01-15'), "
                                  "(1002, 'spin', '2030-01-16')",
                                  0, NULL),
                     2);
    ok(fbt_say(env, ASHA, "/mine"));
    m = fbt_next(env, ASHA, WAIT);
    ck_assert_msg(m != NULL, "%s", fbt_error(env));
    ck_assert_str_eq(m->document ? m->document : "(none)", "bookings.txt");
    ck_assert_str_eq(m->text, "Your bookings");
    bytes = fbt_file(env, m->file_id, &len);
    ck_assert_msg(bytes != NULL, "%s", fbt_error(env));
    ck_assert_str_eq(bytes, "2030-01-15 yoga\n"); /* Ravi's is not there */
    ck_assert_uint_eq(len, strlen("2030-01-15 yoga\n"));
    free(bytes);
    fbt_msg_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("example_hello");
    TCase *tc = tcase_create("kit");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, books_a_class_in_three_steps);
    tcase_add_test(tc, forged_staff_button_changes_nothing);
    tcase_add_test(tc, flow_survives_kill_9);
    tcase_add_test(tc, my_bookings_come_as_a_document);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
