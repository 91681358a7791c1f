/* Routing promises through the real host: generic never swallows a claimed
 * prefix, a disabled plugin's buttons are answered, a forged admin button
 * is refused and changes nothing, every callback is answered exactly once,
 * a failing handler writes nothing and leaves no connection busy, events
 * commit or roll back with their publisher. */
#include "hc.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

/* Answers recorded by the sandbox for the last press of user. */
static int answers_of_last(fbt_env *e, int64_t user, char *text, size_t len)
{
    HC_OK(fbt_answer(e, user, text, len, HC_WAIT), e);
    return 0;
}

START_TEST(generic_never_swallows_claimed_prefix)
{
    fbt_env *e = hc_start(NULL, 0);
    char ans[256];
    HC_OK(fbt_user(e, 101, "Asha", "member"), e);
    HC_OK(fbt_say(e, 101, "/menu"), e);
    HC_EXPECT(e, 101, "tp: menu");
    /* a claimed prefix goes to its route, answered by the plugin once */
    HC_OK(fbt_press(e, 101, 0, "Member"), e);
    answers_of_last(e, 101, ans, sizeof ans);
    ck_assert_str_eq(ans, "mem ok");
    HC_EXPECT(e, 101, "mem: ok");
    /* an unclaimed button goes to generic */
    HC_OK(fbt_press(e, 101, 0, "Other"), e);
    HC_EXPECT(e, 101, "generic: gen:1");
    /* a disabled plugin's button: answered, never generic */
    HC_OK(fbt_forge(e, 101, 0, "off:1"), e);
    answers_of_last(e, 101, ans, sizeof ans);
    ck_assert_str_eq(ans, "This feature is not available.");
    HC_OK(fbt_say(e, 101, "/off"), e);
    HC_EXPECT(e, 101, "This feature is not available.");
    HC_OK(fbt_quiet(e, 101, 500), e);
    ck_assert_int_ge(fbt_log_count(e, "event=disabled_plugin"), 2);
    /* plain text with no flow: generic */
    HC_OK(fbt_say(e, 101, "hi there"), e);
    HC_EXPECT(e, 101, "generic: hi there");
    hc_callbacks_all_answered_once(e);
    ck_assert_int_eq(fbt_log_has_token(e), 0);
    fbt_stop(e);
}
END_TEST

START_TEST(forged_admin_button_refused)
{
    fbt_env *e = hc_start(NULL, 0);
    char ans[256];
    HC_OK(fbt_user(e, 102, "Ravi", "member"), e);
    HC_OK(fbt_user(e, 900, "Boss", NULL), e);
    HC_OK(fbt_say(e, 102, "/menu"), e); /* a bot message to press on */
    HC_EXPECT(e, 102, "tp: menu");
    HC_OK(fbt_forge(e, 102, 0, "adm:1"), e);
    answers_of_last(e, 102, ans, sizeof ans);
    ck_assert_msg(strstr(ans, "not allowed"), "answer: %s", ans);
    HC_OK(fbt_quiet(e, 102, 500), e);
    ck_assert_int_eq(hc_marks(e, "adm"), 0);
    /* staff is still not admin */
    HC_OK(fbt_set_role(e, 102, "staff"), e);
    HC_OK(fbt_forge(e, 102, 0, "adm:2"), e);
    answers_of_last(e, 102, ans, sizeof ans);
    ck_assert_msg(strstr(ans, "not allowed"), "answer: %s", ans);
    ck_assert_int_eq(hc_marks(e, "adm"), 0);
    /* the super admin from the config passes */
    HC_OK(fbt_say(e, 900, "/menu"), e);
    HC_EXPECT(e, 900, "tp: menu");
    HC_OK(fbt_press(e, 900, 0, "Admin"), e);
    HC_EXPECT(e, 900, "adm: done adm:1");
    ck_assert_int_eq(hc_marks(e, "adm"), 1);
    /* a banned member reaches only /start */
    HC_OK(fbt_sql_exec(e, "UPDATE fb_users SET banned = true WHERE id = 102", 0,
                       NULL) == 1
              ? 0
              : -1,
          e);
    HC_OK(fbt_say(e, 102, "/menu"), e);
    HC_EXPECT(e, 102, "suspended");
    HC_OK(fbt_say(e, 102, "/start"), e);
    HC_EXPECT(e, 102, "tp: hello Ravi");
    hc_callbacks_all_answered_once(e);
    fbt_stop(e);
}
END_TEST

/* The transaction is the host's: a plugin's COMMIT, ROLLBACK, SAVEPOINT
 * or SET SESSION is refused with a clear error, and its handler's writes
 * roll back with the failure (before, its COMMIT made them stay). So is
 * DEALLOCATE: the host's prepared statements are the session's. */
START_TEST(plugin_cannot_end_the_transaction)
{
    static const char *const stmts[] = {
        "/txn COMMIT", "/txn  -- x\n end", "/txn ROLLBACK",
        "/txn SAVEPOINT s", "/txn SET SESSION statement_timeout = 1",
        "/txn discard all", "/txn DEALLOCATE ALL"};
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 104, "Ravi", "member"), e);
    for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
        HC_OK(fbt_say(e, 104, stmts[i]), e);
        HC_EXPECT(e, 104, "Something went wrong, nothing was changed.");
    }
    HC_OK(fbt_quiet(e, 104, 300), e);
    ck_assert_int_eq(hc_marks(e, "txn-before"), 0);
    ck_assert_int_eq(hc_marks(e, "txn-after"), 0);
    ck_assert_int_ge(fbt_log_count(e, "event=query_refused"), 7);
    /* the connections still work */
    HC_OK(fbt_say(e, 104, "/start"), e);
    HC_EXPECT(e, 104, "tp: hello Ravi");
    fbt_stop(e);
}
END_TEST

/* Callback answers after the outcome (issue 7): a toast of a handler that
 * then fails is never shown; the user reads the failure, once. Before,
 * the toast left at once ("Approved") and the failure went as a message. */
START_TEST(callback_answered_after_the_outcome)
{
    char ans[256] = "";
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 105, "Lata", "member"), e);
    HC_OK(fbt_say(e, 105, "/menu"), e);
    HC_EXPECT(e, 105, "tp: menu");
    HC_OK(fbt_forge(e, 105, 105, "bad:1"), e);
    HC_OK(fbt_answer(e, 105, ans, sizeof ans, HC_WAIT), e);
    ck_assert_str_eq(ans, "Something went wrong, nothing was changed.");
    ck_assert_int_eq(hc_marks(e, "bad"), 0);
    HC_OK(fbt_quiet(e, 105, 500), e); /* no message besides the answer */
    /* a plugin's toast of a handler that succeeds is shown */
    HC_OK(fbt_forge(e, 105, 105, "mem:1"), e);
    HC_OK(fbt_answer(e, 105, ans, sizeof ans, HC_WAIT), e);
    ck_assert_str_eq(ans, "mem ok");
    HC_EXPECT(e, 105, "mem: ok");
    hc_callbacks_all_answered_once(e);
    fbt_stop(e);
}
END_TEST

/* The answer is durable: its first two requests hang and drop, the host
 * is killed meanwhile, and the restarted host answers it — once, still
 * inside Telegram's 15 s (before, the press stayed unanswered). */
START_TEST(callback_answer_survives_kill)
{
    char ans[256] = "", *r;
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 106, "Mani", "member"), e);
    r = fbt_sandbox_post(e, "/sandbox/faults",
                         "{\"method\":\"answerCallbackQuery\",\"count\":2,"
                         "\"delay_ms\":3000,\"drop\":true}");
    ck_assert_ptr_nonnull(r);
    free(r);
    HC_OK(fbt_say(e, 106, "/menu"), e);
    HC_EXPECT(e, 106, "tp: menu");
    HC_OK(fbt_forge(e, 106, 106, "mem:1"), e);
    HC_EXPECT(e, 106, "mem: ok");
    HC_OK(fbt_host_kill(e), e);
    HC_OK(fbt_host_start(e), e);
    HC_OK(fbt_answer(e, 106, ans, sizeof ans, HC_WAIT), e);
    ck_assert_str_eq(ans, "mem ok");
    hc_callbacks_all_answered_once(e);
    ck_assert_int_eq(fbt_counter(e, "callbacks_answered_late"), 0);
    fbt_stop(e);
}
END_TEST

START_TEST(failing_handler_changes_nothing)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 103, "Meera", "member"), e);
    HC_OK(fbt_say(e, 103, "/fail"), e);
    HC_EXPECT(e, 103, "Something went wrong, nothing was changed.");
    HC_OK(fbt_quiet(e, 103, 500), e);
    ck_assert_int_eq(hc_marks(e, "fail"), 0);
    /* no connection of the host is left in a transaction or busy */
    ck_assert_int_eq(hc_wait_int(e,
                                 "SELECT count(*) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND "
                                 "pid <> pg_backend_pid() AND state <> 'idle'",
                                 0, 5000),
                     0);
    /* and the host still works */
    HC_OK(fbt_say(e, 103, "/start"), e);
    HC_EXPECT(e, 103, "tp: hello Meera");
    ck_assert_int_ge(fbt_log_count(e, "event=rolled_back"), 1);
    fbt_stop(e);
}
END_TEST

START_TEST(events_all_or_nothing)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 104, "Kiran", "member"), e);
    HC_OK(fbt_say(e, 104, "/pub ok"), e);
    HC_EXPECT(e, 104, "pub: published");
    ck_assert_int_eq(hc_marks(e, "pub"), 1);
    ck_assert_int_eq(hc_marks(e, "sub"), 1);
    /* the subscriber fails: the publisher's own write is rolled back too,
     * although the publisher ignored the failure and returned FB_OK */
    HC_OK(fbt_say(e, 104, "/pub fail"), e);
    HC_EXPECT(e, 104, "Something went wrong, nothing was changed.");
    ck_assert_int_eq(hc_marks(e, "pub"), 1);
    ck_assert_int_eq(hc_marks(e, "sub"), 1);
    fbt_stop(e);
}
END_TEST

START_TEST(blocked_chat_marked_and_published)
{
    fbt_env *e = hc_start(NULL, 0);
    char *r;
    HC_OK(fbt_user(e, 105, "Dev", "member"), e);
    HC_OK(fbt_say(e, 105, "/start"), e);
    HC_EXPECT(e, 105, "tp: hello Dev");
    r = fbt_sandbox_post(e, "/sandbox/block",
                         "{\"chat_id\":105,\"blocked\":true}");
    ck_assert_msg(r, "%s", fbt_error(e));
    free(r);
    HC_OK(fbt_say(e, 105, "/start"), e);
    ck_assert_int_eq(hc_wait_int(e,
                                 "SELECT count(*) FROM tp_marks WHERE "
                                 "what = 'blocked:105'",
                                 1, HC_WAIT),
                     1);
    ck_assert_int_eq(hc_wait_int(e,
                                 "SELECT count(*) FROM fb_users WHERE "
                                 "id = 105 AND blocked",
                                 1, HC_WAIT),
                     1);
    fbt_stop(e);
}
END_TEST

/* A chat that blocked the bot costs one 403: the first marks it blocked
 * (one fb_users update, one chat.blocked event), its other queued replies
 * are dropped unsent and recorded "blocked"; other chats are unaffected;
 * when the user writes again, replies are sent again. */
START_TEST(blocked_chat_costs_one_403)
{
    fbt_env *e = hc_start(NULL, 0);
    char *r;
    HC_OK(fbt_user(e, 106, "Ila", "member"), e);
    HC_OK(fbt_user(e, 107, "Jai", "member"), e);
    HC_OK(fbt_say(e, 106, "/start"), e);
    HC_EXPECT(e, 106, "tp: hello Ila");
    r = fbt_sandbox_post(e, "/sandbox/block",
                         "{\"chat_id\":106,\"blocked\":true}");
    ck_assert_msg(r, "%s", fbt_error(e));
    free(r);
    HC_OK(fbt_say(e, 106, "/many 20"), e);
    HC_OK(fbt_say(e, 107, "/many 5"), e);
    for (int i = 0; i < 5; i++) {
        char want[32];
        snprintf(want, sizeof want, "many: %d", i);
        HC_EXPECT(e, 107, want);
    }
    ck_assert_int_eq(hc_wait_int(e,
                                 "SELECT count(*) FROM fb_outbox WHERE "
                                 "chat = 106 AND outcome = 'blocked' AND "
                                 "delivered_at IS NOT NULL",
                                 20, 30000),
                     20);
    ck_assert_int_eq(hc_wait_int(e,
                                 "SELECT count(*) FROM tp_marks WHERE "
                                 "what = 'blocked:106'",
                                 1, HC_WAIT),
                     1);
    HC_OK(fbt_quiet(e, 106, 1000), e);
    ck_assert_int_eq(fbt_counter(e, "blocked_403"), 1);
    ck_assert_int_eq(hc_marks(e, "blocked:106"), 1);
    ck_assert_int_eq(fbtc_sql_int(e,
                                  "SELECT count(*) FROM fb_users WHERE "
                                  "id = 106 AND blocked",
                                  0, NULL),
                     1);
    ck_assert_int_eq(fbtc_sql_int(e,
                                  "SELECT count(*) FROM fb_outbox WHERE "
                                  "chat = 107 AND outcome = 'sent'",
                                  0, NULL),
                     5);
    /* the user unblocks and writes: replies flow again */
    r = fbt_sandbox_post(e, "/sandbox/block",
                         "{\"chat_id\":106,\"blocked\":false}");
    ck_assert_msg(r, "%s", fbt_error(e));
    free(r);
    HC_OK(fbt_say(e, 106, "/start"), e);
    HC_EXPECT(e, 106, "tp: hello Ila");
    ck_assert_int_eq(fbtc_sql_int(e,
                                  "SELECT count(*) FROM fb_users WHERE "
                                  "id = 106 AND blocked",
                                  0, NULL),
                     0);
    ck_assert_int_eq(fbt_counter(e, "blocked_403"), 1);
    fbt_stop(e);
}
END_TEST

/* getMe failing at start is retried before polling: until the bot knows
 * its name, "/start@OtherBot" would be taken as its own. */
START_TEST(failed_get_me_is_retried)
{
    fbt_options o = {0};
    fbt_env *e;
    char *r;
    o.plugins = "tp_flow, tp_sub";
    o.plugin_dir = TP_RUN_DIR;
    o.sql_dirs = "tp_flow=" TP_SQL_DIR;
    o.log_level = "info";
    o.no_host = 1;
    e = fbtc_start(&o);
    r = fbt_sandbox_post(e, "/sandbox/faults",
                         "{\"method\":\"getMe\",\"count\":2,"
                         "\"status\":502}");
    ck_assert_ptr_nonnull(r);
    free(r);
    HC_OK(fbt_host_start(e), e);
    HC_OK(fbt_user(e, 311, "Ola", NULL), e);
    HC_OK(fbt_say(e, 311, "/start@OtherBot"), e);
    HC_OK(fbt_say(e, 311, "/menu"), e);
    HC_EXPECT(e, 311, "tp: menu"); /* nothing for the other bot's command */
    ck_assert_int_eq(fbt_counter(e, "faults_injected"), 2);
    fbt_stop(e);
}
END_TEST

/* The outbox stops before the plugins are finished: a Telegram answer
 * still coming after the drain (here a 403 delayed 14 s, past the 10 s
 * drain) must not run a plugin's subscriber after its fini. The host is
 * run by hand so that its stop may take longer than the kit waits. */
START_TEST(outbox_stops_before_fini)
{
    fbt_env *e = hc_start("[plugin.tp_sub]\nfini_sleep_ms = 6000\n", 0);
    char tok[160], db[1024], api[128], pdir[1024], sdir[1024];
    char *argv[] = {"fitbot", "run", "--config", (char *)fbt_config_path(e),
                    NULL};
    char *envp[] = {tok, db, api, pdir, sdir, "PATH=/usr/bin:/bin", NULL};
    char *r;
    pid_t pid;
    int status = 0, waited;
    HC_OK(fbt_user(e, 108, "Fin", "member"), e);
    HC_OK(fbt_say(e, 108, "/start"), e);
    HC_EXPECT(e, 108, "tp: hello Fin");
    ck_assert_int_eq(fbt_host_stop(e), 0);
    r = fbt_sandbox_post(e, "/sandbox/block",
                         "{\"chat_id\":108,\"blocked\":true}");
    ck_assert_ptr_nonnull(r);
    free(r);
    r = fbt_sandbox_post(e, "/sandbox/faults",
                         "{\"method\":\"sendMessage\",\"chat_id\":108,"
                         "\"count\":1,\"delay_ms\":14000}");
    ck_assert_ptr_nonnull(r);
    free(r);
    snprintf(tok, sizeof tok, "FITBOT_TOKEN=%s", fbt_token(e));
    snprintf(db, sizeof db, "FITBOT_DATABASE_URL=%s", fbt_db_url(e));
    snprintf(api, sizeof api, "FITBOT_API_URL=%s", fbt_sandbox_url(e));
    snprintf(pdir, sizeof pdir, "FITBOT_PLUGIN_DIR=%s", TP_RUN_DIR);
    snprintf(sdir, sizeof sdir, "FITBOT_SQL_DIR=%s", FITBOT_CORE_SQL_DIR);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        dup2(fd, 2);
        execve(FITBOT_BIN_PATH, argv, envp);
        _exit(127);
    }
    HC_OK(fbt_say(e, 108, "/start"), e);
    sleep(3); /* the reply's request is now held by the sandbox */
    kill(pid, SIGTERM);
    for (waited = 0; waited < 40000 && waitpid(pid, &status, WNOHANG) == 0;
         waited += 100)
        usleep(100 * 1000);
    if (waited >= 40000) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    ck_assert_msg(WIFEXITED(status), "fitbot did not exit");
    ck_assert_int_eq(hc_marks(e, "blocked-after-fini"), 0);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_routing", .tcase = "routing", .timeout = 120};

    return FBTC_RUN(&def, generic_never_swallows_claimed_prefix,
                    forged_admin_button_refused,
                    failing_handler_changes_nothing,
                    plugin_cannot_end_the_transaction,
                    callback_answered_after_the_outcome,
                    callback_answer_survives_kill, events_all_or_nothing,
                    blocked_chat_marked_and_published,
                    blocked_chat_costs_one_403, failed_get_me_is_retried,
                    outbox_stops_before_fini);
}
