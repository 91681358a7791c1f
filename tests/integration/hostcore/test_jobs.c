/* Scheduler through the real host: a job runs at start when due, a run
 * missed while the host was down runs once at start, and two hosts on one
 * database never run the same job at once. */
#include "hc.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static const char *JOBS = "SELECT count(*) FROM tp_jobs WHERE finished IS "
                          "NOT NULL";

static void make_job_due(fbt_env *e)
{
    ck_assert_int_eq(fbt_sql_exec(e,
                                  "UPDATE fb_jobs SET last_run = now() - "
                                  "interval '3 hours' WHERE plugin = "
                                  "'tp_flow' AND name = 'tick'",
                                  0, NULL),
                     1);
}

START_TEST(missed_job_runs_once_at_start)
{
    fbt_env *e = hc_start(NULL, 0);
    /* first sight of an every-N job: it runs at once */
    ck_assert_int_eq(hc_wait_int(e, JOBS, 1, HC_WAIT), 1);
    /* not due again after a restart */
    HC_OK(fbt_host_restart(e), e);
    sleep(2);
    ck_assert_int_eq(fbtc_sql_int(e, "SELECT count(*) FROM tp_jobs", 0, NULL),
                     1);
    /* missed while down: runs once at start */
    ck_assert_int_eq(fbt_host_stop(e), 0);
    make_job_due(e);
    HC_OK(fbt_host_start(e), e);
    ck_assert_int_eq(hc_wait_int(e, JOBS, 2, HC_WAIT), 2);
    sleep(2);
    ck_assert_int_eq(fbtc_sql_int(e, "SELECT count(*) FROM tp_jobs", 0, NULL),
                     2);
    fbt_stop(e);
}
END_TEST

/* Start a second fitbot on the same config, database and sandbox. */
static pid_t spawn_second(fbt_env *e, char *log, size_t loglen)
{
    char *argv[] = {FITBOT_BIN_PATH, "run", "--config",
                    (char *)fbt_config_path(e), NULL};
    static char tok[512], db[1024], api[512];
    char *env[256];
    int n = 0;
    pid_t pid;
    posix_spawn_file_actions_t fa;
    snprintf(log, loglen, "%s/second-host.log", fbt_dir(e));
    for (char **v = environ; *v && n < 240; v++)
        if (strncmp(*v, "FITBOT_", 7) != 0)
            env[n++] = *v;
    snprintf(tok, sizeof tok, "FITBOT_TOKEN=%s", fbt_token(e));
    snprintf(db, sizeof db, "FITBOT_DATABASE_URL=%s", fbt_db_url(e));
    snprintf(api, sizeof api, "FITBOT_API_URL=%s", fbt_sandbox_url(e));
    env[n++] = tok;
    env[n++] = db;
    env[n++] = api;
    env[n] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    ck_assert_int_eq(posix_spawn(&pid, argv[0], &fa, NULL, argv, env), 0);
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

START_TEST(two_hosts_never_run_a_job_at_once)
{
    fbt_env *e = hc_start(NULL, 0);
    char log[1024];
    int status;
    pid_t b;
    ck_assert_int_eq(hc_wait_int(e, JOBS, 1, HC_WAIT), 1);
    ck_assert_int_eq(fbt_host_stop(e), 0);
    make_job_due(e);
    b = spawn_second(e, log, sizeof log);
    HC_OK(fbt_host_start(e), e);
    sleep(5); /* both hosts have ticked (the job holds 1.5 s) */
    ck_assert_int_eq(hc_wait_int(e, JOBS, 2, HC_WAIT), 2);
    ck_assert_int_eq(fbtc_sql_int(e, "SELECT count(*) FROM tp_jobs", 0, NULL),
                     2);
    ck_assert_int_eq(
        fbtc_sql_int(e,
                     "SELECT count(*) FROM tp_jobs a JOIN tp_jobs b "
                     "ON a.id < b.id AND a.started < b.finished "
                     "AND b.started < a.finished",
                     0, NULL),
        0);
    kill(b, SIGTERM);
    ck_assert_int_eq(waitpid(b, &status, 0), b);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "second host exit status %d", status);
    fbt_stop(e);
}
END_TEST

/* A polling standby runs no job (its messages would leave beside the
 * leader's, breaking the combined rate): with the leader held still
 * (SIGSTOP: its lock stays held) and the job due, a host that starts as
 * a standby does not run it; let go, the leader does. */
START_TEST(a_polling_standby_runs_no_job)
{
    fbt_env *e = hc_start(NULL, 0);
    char log[1024], *text;
    pid_t b;
    ck_assert_int_eq(hc_wait_int(e, JOBS, 1, HC_WAIT), 1);
    ck_assert_int_eq(fbt_host_signal(e, SIGSTOP), 0);
    make_job_due(e);
    b = spawn_second(e, log, sizeof log);
    for (int i = 0; i < 200; i++) {
        text = fbtc_read_file(log, NULL);
        if (text && strstr(text, "event=ready"))
            break;
        free(text);
        text = NULL;
        fbtc_sleep_ms(50);
    }
    ck_assert_msg(text && strstr(text, "event=poll_standby"), "%s",
                  text ? text : "no log");
    free(text);
    sleep(3); /* its start-up look at the jobs is long done */
    ck_assert_int_eq(fbtc_sql_int(e, "SELECT count(*) FROM tp_jobs", 0, NULL),
                     1);
    text = fbtc_read_file(log, NULL);
    ck_assert_ptr_null(strstr(text, "event=job_start"));
    free(text);
    kill(b, SIGKILL);
    waitpid(b, NULL, 0);
    ck_assert_int_eq(fbt_host_signal(e, SIGCONT), 0);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_jobs", .tcase = "jobs", .timeout = 120};

    return FBTC_RUN(&def, missed_job_runs_once_at_start,
                    two_hosts_never_run_a_job_at_once,
                    a_polling_standby_runs_no_job);
}
