/* The fitbot binary itself: the start paragraph without a token, every
 * check-config mistake with its line, and a full run on the sandbox and
 * PostgreSQL where SIGTERM flushes the queued replies, exits 0, and the
 * token appears nowhere in the captured stderr. */
#define _GNU_SOURCE
#include <check.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fbtc_kit.h"

static char tmpdir[64];

static void setup(void)
{
    fbtc_mkdtemp(tmpdir, sizeof tmpdir, "/tmp/fitbot-it-hostio-XXXXXX");
}

static void teardown(void)
{
    ck_assert_int_eq(fbtc_rmtree(tmpdir), 0);
}

/* Run fitbot with argv (argv[0] ignored) and envp; stdout and stderr into
 * *out / *err (malloc'd); term_ms > 0: send SIGTERM after term_ms and fail
 * unless it exits within 15 s. Returns the exit status. */
static int run_fitbot_term(char **argv, char **envp, char **out, char **err,
                           int term_ms)
{
    char op[128], ep[128];
    pid_t pid;
    int status;

    snprintf(op, sizeof op, "%s/out", tmpdir);
    snprintf(ep, sizeof ep, "%s/err", tmpdir);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int o = open(op, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(ep, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(o, 1);
        dup2(e, 2);
        execve(FITBOT_BIN_PATH, argv, envp);
        _exit(127);
    }
    if (term_ms > 0) {
        double deadline = fbtc_now_s() + term_ms / 1000.0 + 15;
        fbtc_sleep_ms(term_ms);
        kill(pid, SIGTERM);
        while (waitpid(pid, &status, WNOHANG) == 0 && fbtc_now_s() < deadline)
            fbtc_sleep_ms(50);
        if (kill(pid, 0) == 0 && waitpid(pid, &status, WNOHANG) == 0) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            ck_abort_msg("fitbot still running 15 s after SIGTERM");
        }
    } else {
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    }
    ck_assert(WIFEXITED(status));
    *out = fbtc_read_file(op, NULL);
    *err = fbtc_read_file(ep, NULL);
    return WEXITSTATUS(status);
}

static int run_fitbot(char **argv, char **envp, char **out, char **err)
{
    return run_fitbot_term(argv, envp, out, err, 0);
}

START_TEST(no_token_says_how_to_start)
{
    char cfg[128];
    char *argv[] = {"fitbot", NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", cfg, NULL};
    char *out, *err;

    snprintf(cfg, sizeof cfg, "FITBOT_CONFIG=%s/absent.conf", tmpdir);
    ck_assert_int_eq(run_fitbot(argv, envp, &out, &err), 2);
    ck_assert_ptr_nonnull(strstr(err, "FITBOT_TOKEN"));
    ck_assert_ptr_nonnull(strstr(err, "scripts/demo"));
    ck_assert_ptr_nonnull(strstr(err, "absent.conf"));
    /* one paragraph: a single line of text */
    ck_assert_ptr_eq(strchr(err, '\n'), err + strlen(err) - 1);
    free(out);
    free(err);
}
END_TEST

START_TEST(version_and_help)
{
    char *argv[] = {"fitbot", "--version", NULL};
    char *help[] = {"fitbot", "--help", NULL};
    char *bad[] = {"fitbot", "frobnicate", NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", NULL};
    char *out, *err;

    ck_assert_int_eq(run_fitbot(argv, envp, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "fitbot " FITBOT_VERSION));
    free(out);
    free(err);
    ck_assert_int_eq(run_fitbot(help, envp, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "check-config"));
    free(out);
    free(err);
    ck_assert_int_eq(run_fitbot(bad, envp, &out, &err), 2);
    ck_assert_ptr_nonnull(strstr(err, "unknown command 'frobnicate'"));
    free(out);
    free(err);
}
END_TEST

START_TEST(check_config_names_every_mistake)
{
    char path[128], tok[128], line[512];
    char *argv[] = {"fitbot", "check-config", "--config", path, NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", NULL};
    char *out, *err;
    char text[1024];

    snprintf(tok, sizeof tok, "%s/token", tmpdir);
    fbtc_write_file(tok, "123:secret-token-in-a-readable-file\n", 0644);
    snprintf(path, sizeof path, "%s/bad.conf", tmpdir);
    snprintf(text, sizeof text,
             "[fitbot]\n"
             "workerz = 4\n"
             "workers = many\n"
             "token_file = %s\n"
             "timezone = Nowhere/City\n"
             "pool_min = 5\n"
             "pool_max = 1\n",
             tok);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(run_fitbot(argv, envp, &out, &err), 2);
    snprintf(line, sizeof line, "%s:2: unknown key 'workerz'", path);
    ck_assert_msg(strstr(out, line), "%s", out);
    snprintf(line, sizeof line, "%s:3: bad value for 'workers'", path);
    ck_assert_msg(strstr(out, line), "%s", out);
    snprintf(line, sizeof line, "%s:4: token file %s is readable by everyone",
             path, tok);
    ck_assert_msg(strstr(out, line), "%s", out);
    snprintf(line, sizeof line, "%s:5: unknown time zone", path);
    ck_assert_msg(strstr(out, line), "%s", out);
    snprintf(line, sizeof line, "%s:6: pool_min (5) is larger than pool_max",
             path);
    ck_assert_msg(strstr(out, line), "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "5 mistake(s)"));
    ck_assert_ptr_null(strstr(out, "secret-token"));
    ck_assert_ptr_null(strstr(err, "secret-token"));
    free(out);
    free(err);
}
END_TEST

START_TEST(check_config_accepts_a_good_file)
{
    char path[128], tok[128];
    char *argv[] = {"fitbot", "check-config", "--config", path, NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", NULL};
    char *out, *err;
    char text[1024];

    snprintf(tok, sizeof tok, "%s/token", tmpdir);
    fbtc_write_file(tok, "123:good-token-SECRET-abcdefgh\n", 0600);
    snprintf(path, sizeof path, "%s/good.conf", tmpdir);
    snprintf(text, sizeof text,
             "# fine\n[fitbot]\ntoken_file = %s\nworkers = 2\n"
             "timezone = Asia/Kolkata\n[plugin.users]\napproval = staff\n",
             tok);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(run_fitbot(argv, envp, &out, &err), 0);
    ck_assert_msg(strstr(out, ": OK"), "%s", out);
    ck_assert_ptr_null(strstr(out, "good-token-SECRET"));
    free(out);
    free(err);
}
END_TEST

/* The whole file, which must be text (no NUL byte). */
static char *read_all(const char *path)
{
    size_t len;
    char *buf = fbtc_read_file(path, &len);

    ck_assert_msg(strlen(buf) == len, "NUL byte in %s at %zu of %zu", path,
                  strlen(buf), len);
    return buf;
}

START_TEST(sigterm_flushes_replies_and_hides_token)
{
    fbt_options o = {0};
    fbt_env *e;
    int i, status;
    int64_t sent_before;
    const int64_t big = INT64_C(9007199254740991);
    fbt_msg *m;

    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.log_level = "debug";
    e = fbtc_start(&o);
    ck_assert_int_ge(fbt_log_count(e, "event=ready"), 1);

    /* an id near 2^53 round-trips */
    ck_assert_int_eq(fbt_user(e, big, "Big", NULL), 0);
    ck_assert_int_eq(fbt_say(e, big, "hello"), 0);
    m = fbt_expect(e, big, "ok", 10000);
    ck_assert_msg(m, "%s", fbt_error(e));
    ck_assert(m->chat_id == big);
    fbt_msg_free(m);

    /* eight replies to one chat: 3 leave at once, then 1/s */
    ck_assert_int_eq(fbt_user(e, 1001, "Asha", NULL), 0);
    for (i = 0; i < 8; i++)
        ck_assert_int_eq(fbt_say(e, 1001, "ping"), 0);
    for (i = 0;
         i < 100 && fbtc_sql_int(e,
                                 "SELECT count(*) FROM fb_processed_updates"
                                 " WHERE update_id > 0",
                                 0, NULL) < 9;
         i++)
        usleep(50000);
    ck_assert_int_eq(
        fbtc_sql_int(e, "SELECT count(*) FROM fb_processed_updates", 0, NULL),
        9);
    sent_before = fbt_counter(e, "messages_sent");
    ck_assert_msg(sent_before < 9, "replies already all sent (%" PRId64 ")",
                  sent_before);
    status = fbt_host_stop(e);
    ck_assert_int_eq(status, 0);
    /* everything queued at SIGTERM went out before the exit */
    ck_assert_int_eq(fbt_counter(e, "messages_sent"), 9);
    ck_assert_int_eq(fbt_counter(e, "limit_violations"), 0);
    for (i = 0; i < 8; i++) {
        m = fbt_next(e, 1001, 1000);
        ck_assert_msg(m && strcmp(m->text, "ok") == 0, "reply %d missing", i);
        fbt_msg_free(m);
    }
    ck_assert_int_eq(fbt_log_has_token(e), 0);
    {
        char *log = read_all(fbt_host_log_path(e));
        size_t len = strlen(log);
        /* the checks below mean something only on a real log */
        ck_assert_msg(len > 300, "host log has %zu bytes: %s", len, log);
        ck_assert_ptr_null(strstr(log, fbt_token(e)));
        ck_assert_msg(strstr(log, "event=ready") &&
                          strstr(log, "event=drained"),
                      "host log: %s", len > 2000 ? log + len - 2000 : log);
        free(log);
    }
    fbt_stop(e);
}
END_TEST

/* A token Telegram refuses: fitbot says so and exits 1, without printing
 * the token anywhere. */
START_TEST(refused_token_exits_without_leaking)
{
    static const char bad[] = "555000:refused-token-SECRET-abcdefghij";
    fbt_options o = {0};
    char path[128], tok[128];
    char *argv[] = {"fitbot", "run", "--config", path, NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", NULL};
    char *out, *err;
    fbt_env *e;
    char text[1024];

    o.no_host = 1;
    e = fbtc_start(&o);
    snprintf(tok, sizeof tok, "%s/token", tmpdir);
    snprintf(text, sizeof text, "%s\n", bad);
    fbtc_write_file(tok, text, 0600);
    snprintf(path, sizeof path, "%s/run.conf", tmpdir);
    snprintf(text, sizeof text,
             "[fitbot]\ntoken_file = %s\napi_url = %s\ndatabase_url = %s\n"
             "plugin_dir = %s\nsql_dir = %s\nenable = tp_noop\n"
             "poll_timeout = 1\nlog_level = debug\n",
             tok, fbt_sandbox_url(e), fbt_db_url(e), TP_RUN_DIR,
             FITBOT_CORE_SQL_DIR);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(run_fitbot(argv, envp, &out, &err), 1);
    ck_assert_msg(strstr(err, "event=token_rejected"), "%s", err);
    ck_assert_ptr_null(strstr(err, "refused-token-SECRET"));
    ck_assert_ptr_null(strstr(out, "refused-token-SECRET"));
    free(out);
    free(err);
    fbt_stop(e);
}
END_TEST

/* SIGTERM while a plugin's init is still running: the host does not go on
 * to poll, it stops cleanly (exit 0) once the init returns. */
START_TEST(sigterm_during_start_up_stops)
{
    fbt_options o = {0};
    char path[128], tok[128];
    char *argv[] = {"fitbot", "run", "--config", path, NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", NULL};
    char *out, *err;
    fbt_env *e;
    char text[1024];

    o.no_host = 1;
    e = fbtc_start(&o);
    snprintf(tok, sizeof tok, "%s/token", tmpdir);
    snprintf(text, sizeof text, "%s\n", fbt_token(e));
    fbtc_write_file(tok, text, 0600);
    snprintf(path, sizeof path, "%s/run.conf", tmpdir);
    snprintf(text, sizeof text,
             "[fitbot]\ntoken_file = %s\napi_url = %s\ndatabase_url = %s\n"
             "plugin_dir = %s\nsql_dir = %s\nenable = tp_noop\n"
             "poll_timeout = 1\nlog_level = debug\n"
             "[plugin.tp_noop]\ninit_sleep_ms = 2000\n",
             tok, fbt_sandbox_url(e), fbt_db_url(e), TP_RUN_DIR,
             FITBOT_CORE_SQL_DIR);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(run_fitbot_term(argv, envp, &out, &err, 700), 0);
    ck_assert_msg(!strstr(err, "event=ready"), "%s", err);
    ck_assert_msg(strstr(err, "event=stopped"), "%s", err);
    free(out);
    free(err);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "fitbot",
                                   .tcase = "binary",
                                   .timeout = 120,
                                   .setup = setup,
                                   .teardown = teardown};

    return FBTC_RUN(&def, no_token_says_how_to_start, version_and_help,
                    check_config_names_every_mistake,
                    check_config_accepts_a_good_file,
                    sigterm_flushes_replies_and_hides_token,
                    refused_token_exits_without_leaking,
                    sigterm_during_start_up_stops);
}
