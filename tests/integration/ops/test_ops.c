/* Operating fitbot: /metrics and /healthz scraped while the host runs on
 * the sandbox (the counters move with what the host does), `fitbot
 * status`, the webhook mode (every update handled once, a wrong secret
 * and an oversized body refused, a host killed mid-delivery loses
 * nothing: the sandbox delivers again) and a SIGHUP reload that disables
 * a plugin at once. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "curlbuf.h"
#include "fbtc_kit.h"
#include "metrics.h"

static char tmpdir[64];

static void setup(void)
{
    fbtc_mkdtemp(tmpdir, sizeof tmpdir, "/tmp/fitbot-it-ops-XXXXXX");
}

static void teardown(void)
{
    ck_assert_int_eq(fbtc_rmtree(tmpdir), 0);
}

/* An HTTP request; the status (0: no answer), the body into *out. */
static long http(const char *method, const char *url, const char *secret,
                 const char *body, char **out)
{
    CURL *h = curl_easy_init();
    struct curl_slist *hd = NULL;
    char sh[400];
    fb__curlbuf b = {NULL, 0, 0};
    long status = 0;

    ck_assert_ptr_nonnull(h);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    hd = curl_slist_append(hd, "Content-Type: application/json");
    if (secret) {
        snprintf(sh, sizeof sh, "X-Telegram-Bot-Api-Secret-Token: %s", secret);
        hd = curl_slist_append(hd, sh);
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
    if (body)
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    if (curl_easy_perform(h) == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hd);
    curl_easy_cleanup(h);
    *out = b.p ? b.p : strdup("");
    return status;
}

/* The sum of a metric's samples whose line holds label (NULL: all);
 * there must be one. */
static double metric(const char *text, const char *name, const char *label)
{
    int found;
    double v = fb__metrics_sum(text, name, label, &found);

    ck_assert_msg(found, "no sample of %s%s in:\n%s", name, label ? label : "",
                  text);
    return v;
}

static char *scrape(int port, const char *path, long want)
{
    char url[128], *body;
    long st;

    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
    st = http("GET", url, NULL, NULL, &body);
    ck_assert_msg(st == want, "GET %s: %ld (want %ld): %s", path, st, want,
                  body);
    return body;
}

/* Wait (at most 20 s) until /healthz answers status; its body. */
static char *healthz_becomes(int port, long status)
{
    char url[64], *h = NULL;
    long st = 0;

    snprintf(url, sizeof url, "http://127.0.0.1:%d/healthz", port);
    for (int i = 0; i < 200; i++) {
        free(h);
        if ((st = http("GET", url, NULL, NULL, &h)) == status)
            break;
        fbtc_sleep_ms(100);
    }
    ck_assert_msg(st == status, "/healthz stays %ld: %s", st, h);
    return h;
}

/* Wait until fb_processed_updates holds n rows (at most 20 s). */
static void wait_processed(fbt_env *e, long long n)
{
    long long got = 0;
    for (int i = 0; i < 400; i++) {
        got = fbtc_sql_int(e, "SELECT count(*) FROM fb_processed_updates", 0,
                           NULL);
        if (got >= n)
            break;
        fbtc_sleep_ms(50);
    }
    ck_assert_int_eq(got, n);
}

/* Run `fitbot status --config PATH`; the exit status, output in *out. */
static int run_status(const char *config, char **out)
{
    char path[128];
    pid_t pid;
    int st;

    snprintf(path, sizeof path, "%s/status.out", tmpdir);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        char *argv[] = {FITBOT_BIN_PATH, "status", "--config", (char *)config,
                        NULL};
        char *envp[] = {"PATH=/usr/bin:/bin", NULL};
        dup2(fd, 1);
        dup2(fd, 2);
        execve(FITBOT_BIN_PATH, argv, envp);
        _exit(127);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    *out = fbtc_read_file(path, NULL);
    ck_assert(WIFEXITED(st));
    return WEXITSTATUS(st);
}

START_TEST(metrics_and_healthz_follow_the_host)
{
    fbt_options o = {0};
    char cfg[256], *m0, *m1, *h, *st;
    int port = fbtc_free_port();
    fbt_env *e;
    fbt_msg *msg;

    snprintf(cfg, sizeof cfg, "metrics_listen = 127.0.0.1:%d\n", port);
    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.host_config = cfg;
    e = fbtc_start(&o);
    ck_assert_int_eq(fbt_log_count(e, "event=http_listening"), 1);

    h = scrape(port, "/healthz", 200);
    ck_assert_msg(strncmp(h, "ready\n", 6) == 0, "%s", h);
    ck_assert_ptr_nonnull(strstr(h, "database ok"));
    ck_assert_ptr_nonnull(strstr(h, "plugins ok (1 loaded)"));
    free(h);
    m0 = scrape(port, "/metrics", 200);
    ck_assert_int_eq(fbt_user(e, 1001, "Asha", NULL), 0);
    ck_assert_int_eq(fbt_say(e, 1001, "hello"), 0);
    ck_assert_int_eq(fbt_say(e, 1001, "/nobody_claims_this"), 0);
    msg = fbt_expect(e, 1001, "ok", 10000);
    ck_assert_msg(msg, "%s", fbt_error(e));
    fbt_msg_free(msg);
    msg = fbt_expect(e, 1001, "ok", 10000);
    ck_assert_msg(msg, "%s", fbt_error(e));
    fbt_msg_free(msg);
    wait_processed(e, 2);
    fbtc_sleep_ms(300); /* the second reply's delivery is recorded */
    m1 = scrape(port, "/metrics", 200);
    /* exactly the updates sent moved, under their kinds */
    ck_assert_double_eq(metric(m1, "fitbot_updates_total",
                               "kind=\"text\",outcome=\"handled\"") -
                            metric(m0, "fitbot_updates_total",
                                   "kind=\"text\",outcome=\"handled\""),
                        1);
    ck_assert_double_eq(metric(m1, "fitbot_updates_total",
                               "kind=\"command\",outcome=\"handled\"") -
                            metric(m0, "fitbot_updates_total",
                                   "kind=\"command\",outcome=\"handled\""),
                        1);
    ck_assert_double_eq(
        metric(m1, "fitbot_updates_total", "outcome=\"failed\""), 0);
    ck_assert_double_eq(
        metric(m1, "fitbot_handler_seconds_count", "plugin=\"tp_noop\""), 2);
    ck_assert_double_eq(metric(m1, "fitbot_handler_seconds_bucket",
                               "plugin=\"tp_noop\",le=\"+Inf\""),
                        2);
    ck_assert_double_eq(metric(m1, "fitbot_outbox_sent_total", NULL) -
                            metric(m0, "fitbot_outbox_sent_total", NULL),
                        2);
    ck_assert_double_eq(metric(m1, "fitbot_outbox_sent_total", NULL),
                        (double)fbt_counter(e, "messages_sent"));
    ck_assert_double_eq(metric(m1, "fitbot_outbox_depth", NULL), 0);
    ck_assert_double_eq(metric(m1, "fitbot_plugins_loaded", NULL), 1);
    ck_assert_double_eq(metric(m1, "fitbot_quarantined_updates", NULL), 0);
    ck_assert_double_eq(metric(m1, "fitbot_ready", NULL), 1);
    ck_assert(metric(m1, "fitbot_pool_open", NULL) >= 1);
    ck_assert(metric(m1, "fitbot_telegram_last_contact_seconds", NULL) >
              (double)time(NULL) - 60);
    ck_assert_ptr_null(strstr(m1, fbt_token(e)));
    ck_assert_ptr_null(strstr(m1, strchr(fbt_token(e), ':') + 1));

    /* a person's view of the same */
    ck_assert_int_eq(run_status(fbt_config_path(e), &st), 0);
    ck_assert_msg(strstr(st, ": ready\n"), "%s", st);
    ck_assert_msg(strstr(st, "updates    handled 2,"), "%s", st);
    ck_assert_msg(strstr(st, "tp_noop 2 runs"), "%s", st);
    ck_assert_msg(strstr(st, "sent 2,"), "%s", st);
    ck_assert_ptr_null(strstr(st, strchr(fbt_token(e), ':') + 1));
    free(st);
    {
        char *nf = scrape(port, "/nothing", 404);
        free(nf);
    }
    free(m0);
    free(m1);
    /* stopped: status says nothing answers */
    ck_assert_int_eq(fbt_host_stop(e), 0);
    ck_assert_int_eq(run_status(fbt_config_path(e), &st), 2);
    ck_assert_msg(strstr(st, "nothing answers"), "%s", st);
    free(st);
    ck_assert_int_eq(fbt_log_has_token(e), 0);
    fbt_stop(e);
}
END_TEST

/* Run sql on the admin connection (the server's postgres database). */
static void admin_exec(const char *sql)
{
    PGconn *c = PQconnectdb(fbtc_admin_url());
    PGresult *r;

    ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
    r = PQexec(c, sql);
    ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK ||
                      PQresultStatus(r) == PGRES_TUPLES_OK,
                  "%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

/* The database gone (no new connections, the host's closed): /healthz
 * says 503 with the database's reason and no secret; back, ready again. */
START_TEST(healthz_sees_the_database_go)
{
    fbt_options o = {0};
    char cfg[128], sql[512], *db, *h;
    int port = fbtc_free_port();
    fbt_env *e;

    snprintf(cfg, sizeof cfg, "metrics_listen = 127.0.0.1:%d\n", port);
    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.host_config = cfg;
    e = fbtc_start(&o);
    db = fbt_sql(e, "SELECT current_database()", 0, NULL);
    ck_assert_ptr_nonnull(db);
    free(scrape(port, "/healthz", 200));
    snprintf(sql, sizeof sql,
             "ALTER DATABASE \"%s\" ALLOW_CONNECTIONS false; SELECT "
             "pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname "
             "= '%s'",
             db, db);
    admin_exec(sql);
    h = healthz_becomes(port, 503);
    /* the reason: the closed connection, or the refused new one */
    ck_assert_msg(strncmp(h, "not ready\ndatabase failing: ", 28) == 0 &&
                      strstr(h, "plugins ok"),
                  "%s", h);
    ck_assert_ptr_null(strstr(h, strchr(fbt_token(e), ':') + 1));
    free(h);
    snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" ALLOW_CONNECTIONS true",
             db);
    admin_exec(sql);
    free(healthz_becomes(port, 200));
    free(db);
    fbt_stop(e);
}
END_TEST

/* A plugin job's run is counted (tp_flow's "tick", due at start). */
START_TEST(jobs_are_counted)
{
    fbt_options o = {0};
    char cfg[128], *m = NULL;
    int port = fbtc_free_port();
    fbt_env *e;

    snprintf(cfg, sizeof cfg, "metrics_listen = 127.0.0.1:%d\n", port);
    o.plugins = "tp_flow";
    o.plugin_dir = TP_RUN_DIR;
    o.sql_dirs = "tp_flow=" TP_SQL_DIR;
    o.host_config = cfg;
    o.host_env = "FITBOT_TICK_MS=100\n";
    e = fbtc_start(&o);
    for (int i = 0; i < 200; i++) {
        if (fbtc_sql_int(e,
                         "SELECT count(*) FROM tp_jobs WHERE finished IS NOT "
                         "NULL",
                         0, NULL) == 1)
            break;
        fbtc_sleep_ms(50);
    }
    for (int i = 0; i < 100; i++) { /* the count follows the commit */
        free(m);
        m = scrape(port, "/metrics", 200);
        if (metric(m, "fitbot_jobs_run_total", NULL) >= 1)
            break;
        fbtc_sleep_ms(50);
    }
    ck_assert_double_eq(metric(m, "fitbot_jobs_run_total", NULL), 1);
    ck_assert_double_eq(metric(m, "fitbot_jobs_failed_total", NULL), 0);
    free(m);
    fbt_stop(e);
}
END_TEST

/* Telegram refusing and failing: a 429 is counted with its wait; when
 * nothing answers for health_telegram_max_age, /healthz says 503 and
 * why; once Telegram is back, ready again. */
START_TEST(healthz_and_counters_see_telegram_faults)
{
    fbt_options o = {0};
    char cfg[256], *m, *h;
    int port = fbtc_free_port();
    fbt_env *e;
    fbt_msg *msg;
    char *r;

    snprintf(cfg, sizeof cfg,
             "metrics_listen = 127.0.0.1:%d\nhealth_telegram_max_age = 5\n",
             port);
    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.host_config = cfg;
    e = fbtc_start(&o);
    ck_assert_int_eq(fbt_user(e, 1001, "Asha", NULL), 0);
    r = fbt_sandbox_post(e, "/sandbox/faults",
                         "{\"method\":\"sendMessage\",\"count\":1,"
                         "\"status\":429,\"retry_after\":2}");
    ck_assert_ptr_nonnull(r);
    free(r);
    ck_assert_int_eq(fbt_say(e, 1001, "hello"), 0);
    msg = fbt_expect(e, 1001, "ok", 15000);
    ck_assert_msg(msg, "%s", fbt_error(e));
    fbt_msg_free(msg);
    m = scrape(port, "/metrics", 200);
    ck_assert_double_eq(metric(m, "fitbot_telegram_429_total", NULL), 1);
    ck_assert_double_eq(
        metric(m, "fitbot_telegram_retry_wait_seconds_total", NULL), 2);
    ck_assert_double_eq(metric(m, "fitbot_outbox_429_total", NULL), 1);
    free(m);

    /* every call dropped: Telegram unreachable */
    r = fbt_sandbox_post(e, "/sandbox/faults",
                         "{\"method\":\"*\",\"count\":100000,"
                         "\"drop\":true}");
    ck_assert_ptr_nonnull(r);
    free(r);
    h = healthz_becomes(port, 503);
    ck_assert_msg(strncmp(h, "not ready\n", 10) == 0, "%s", h);
    ck_assert_msg(strstr(h, "telegram not reached recently"), "%s", h);
    ck_assert_msg(strstr(h, "database ok"), "%s", h);
    free(h);
    m = scrape(port, "/metrics", 200);
    ck_assert_double_eq(metric(m, "fitbot_ready", NULL), 0);
    ck_assert(metric(m, "fitbot_telegram_errors_total", NULL) >= 2);
    free(m);
    {
        /* DELETE /sandbox/faults */
        char url[128], *b;
        snprintf(url, sizeof url, "%s/sandbox/faults", fbt_sandbox_url(e));
        ck_assert_int_eq(http("DELETE", url, NULL, NULL, &b), 200);
        free(b);
    }
    free(healthz_becomes(port, 200));
    fbt_stop(e);
}
END_TEST

/* Type=notify end to end: the host started with NOTIFY_SOCKET and
 * WATCHDOG_USEC says READY=1, feeds the watchdog, says RELOADING=1 then
 * READY=1 around a SIGHUP, and STOPPING=1 on SIGTERM. */
static char *next_notice(int fd, int ms)
{
    char buf[256];
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    ssize_t n;

    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    n = recv(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return strdup(buf);
}

/* Wait for a notice starting with want (others skipped). */
static void expect_notice(int fd, const char *want)
{
    int64_t t0 = fbt_now_ms();
    while (fbt_now_ms() - t0 < 10000) {
        char *n = next_notice(fd, 1000);
        int ok = n && strncmp(n, want, strlen(want)) == 0;
        free(n);
        if (ok)
            return;
    }
    ck_abort_msg("no %s from the host", want);
}

START_TEST(systemd_notify_ready_watchdog_reload_stopping)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    char env[256];
    fbt_options o = {0};
    fbt_env *e;
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

    ck_assert_int_ge(fd, 0);
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s/notify", tmpdir);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    snprintf(env, sizeof env, "NOTIFY_SOCKET=%s\nWATCHDOG_USEC=400000\n",
             sa.sun_path);
    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.host_env = env;
    e = fbtc_start(&o);
    expect_notice(fd, "READY=1");
    expect_notice(fd, "WATCHDOG=1");
    expect_notice(fd, "WATCHDOG=1"); /* fed again: every 0.2 s */
    ck_assert_int_eq(fbt_host_signal(e, SIGHUP), 0);
    expect_notice(fd, "RELOADING=1");
    expect_notice(fd, "READY=1");
    ck_assert_int_eq(fbt_host_stop(e), 0);
    expect_notice(fd, "STOPPING=1");
    close(fd);
    fbt_stop(e);
}
END_TEST

/* ---- webhook --------------------------------------------------------------
 */

#define SECRET "s3cret_TOKEN-for-the-webhook"

typedef struct wh {
    fbt_env *e;
    int port, mport;
    char url[128];
} wh;

static void start_webhook(wh *w, const char *extra)
{
    static char cfg[1024];
    char secret[128];
    fbt_options o = {0};

    snprintf(secret, sizeof secret, "%s/secret", tmpdir);
    fbtc_write_file(secret, SECRET "\n", 0600);
    w->port = fbtc_free_port();
    w->mport = fbtc_free_port();
    snprintf(w->url, sizeof w->url, "http://127.0.0.1:%d/tg/hook", w->port);
    snprintf(cfg, sizeof cfg,
             "mode = webhook\nwebhook_url = %s\nwebhook_listen = "
             "127.0.0.1:%d\nwebhook_secret_file = %s\nmetrics_listen = "
             "127.0.0.1:%d\n%s",
             w->url, w->port, secret, w->mport, extra ? extra : "");
    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.host_config = cfg;
    o.time_scale = 0.1; /* the sandbox's retries 10x sooner */
    o.fast_pacing = 1;
    w->e = fbtc_start(&o);
    for (int i = 0; i < 100 && fbt_log_count(w->e, "event=webhook_set") < 1;
         i++)
        fbtc_sleep_ms(50);
    ck_assert_int_ge(fbt_log_count(w->e, "event=webhook_set"), 1);
}

/* Neither the token nor the webhook's secret was ever logged; stop. */
static void stop_webhook(wh *w)
{
    char *log = fbt_host_log(w->e);

    ck_assert_int_eq(fbt_log_has_token(w->e), 0);
    ck_assert_ptr_null(strstr(log, SECRET));
    free(log);
    fbt_stop(w->e);
}

/* n users say one thing each, then each is answered once, in order. */
static void say_all(fbt_env *e, int users, int each)
{
    for (int u = 0; u < users; u++)
        ck_assert_int_eq(fbt_user(e, 2001 + u, "U", NULL), 0);
    for (int i = 0; i < each; i++)
        for (int u = 0; u < users; u++) {
            char t[32];
            snprintf(t, sizeof t, "m%d", i);
            ck_assert_int_eq(fbt_say(e, 2001 + u, t), 0);
        }
}

static void expect_replies(fbt_env *e, int users, int each)
{
    for (int u = 0; u < users; u++) {
        for (int i = 0; i < each; i++) {
            fbt_msg *m = fbt_expect(e, 2001 + u, "ok", 30000);
            ck_assert_msg(m, "user %d reply %d: %s", u, i, fbt_error(e));
            fbt_msg_free(m);
        }
        ck_assert_int_eq(fbt_quiet(e, 2001 + u, 200), 0);
    }
}

/* What setWebhook was given, as the sandbox's getWebhookInfo says it. */
static char *webhook_info(fbt_env *e)
{
    char url[256], *body;
    long st;

    snprintf(url, sizeof url, "%s/bot%s/getWebhookInfo", fbt_sandbox_url(e),
             fbt_token(e));
    st = http("GET", url, NULL, NULL, &body);
    ck_assert_msg(st == 200, "getWebhookInfo: %ld: %s", st, body);
    return body;
}

START_TEST(webhook_takes_every_update_once)
{
    wh w;
    char *m;
    long long rows;

    start_webhook(&w, NULL);
    /* one update at a time by default: every chat's order kept */
    m = webhook_info(w.e);
    ck_assert_msg(strstr(m, "\"max_connections\":1,") ||
                      strstr(m, "\"max_connections\":1}"),
                  "%s", m);
    free(m);
    say_all(w.e, 4, 5);
    expect_replies(w.e, 4, 5);
    wait_processed(w.e, 20);
    m = scrape(w.mport, "/metrics", 200);
    ck_assert_double_eq(metric(m, "fitbot_webhook_accepted_total", NULL), 20);
    ck_assert_double_eq(
        metric(m, "fitbot_updates_total", "outcome=\"handled\""), 20);
    free(m);
    ck_assert_int_ge(fbt_counter(w.e, "webhook_posts"), 20);
    ck_assert_int_eq(fbt_counter(w.e, "updates_pending"), 0);
    /* a webhook host prunes the outbox's day-old delivered rows too */
    rows = fbtc_sql_int(w.e, "SELECT count(*) FROM fb_outbox", 0, NULL);
    ck_assert_int_ge(rows, 20);
    ck_assert_int_eq(fbtc_sql_int(w.e,
                                  "WITH o AS (UPDATE fb_outbox SET "
                                  "delivered_at = now() - interval '2 days' "
                                  "WHERE id IN (SELECT id FROM fb_outbox "
                                  "ORDER BY id LIMIT 5) RETURNING 1) "
                                  "SELECT count(*) FROM o",
                                  0, NULL),
                     5);
    ck_assert_int_eq(fbt_host_restart(w.e), 0);
    for (int i = 0; i < 100 && fbtc_sql_int(w.e,
                                            "SELECT count(*) FROM fb_outbox",
                                            0, NULL) > rows - 5;
         i++)
        fbtc_sleep_ms(100);
    ck_assert_int_eq(
        fbtc_sql_int(w.e, "SELECT count(*) FROM fb_outbox", 0, NULL), rows - 5);
    stop_webhook(&w);
}
END_TEST

/* POST body to the webhook with secret; the status (the answer freed). */
static long deliver(const wh *w, const char *secret, const char *body)
{
    char *answer;
    long st = http("POST", w->url, secret, body, &answer);

    free(answer);
    return st;
}

static long long processed(fbt_env *e, const char *update_id)
{
    const char *p[] = {update_id};
    return fbtc_sql_int(e,
                        "SELECT count(*) FROM fb_processed_updates WHERE "
                        "update_id = $1::bigint",
                        1, p);
}

START_TEST(webhook_refuses_bad_requests)
{
    wh w;
    char big[3000], *m;
    const char *upd = "{\"update_id\":777001,\"message\":{\"message_id\":1,"
                      "\"date\":1,\"chat\":{\"id\":3001,\"type\":\"private\"},"
                      "\"from\":{\"id\":3001,\"is_bot\":false,\"first_name\":"
                      "\"Z\"},\"text\":\"hi\"}}";

    start_webhook(&w, "webhook_max_body = 2048\n");
    ck_assert_int_eq(deliver(&w, NULL, upd), 401);
    ck_assert_int_eq(deliver(&w, "wrong", upd), 401);
    ck_assert_int_eq(deliver(&w, SECRET "x", upd), 401);
    ck_assert_int_eq(deliver(&w, "s3cret_TOKEN-for-the-webhooK", upd), 401);
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(deliver(&w, SECRET, big), 413);
    ck_assert_int_eq(processed(w.e, "777001"), 0);
    /* the right secret: taken, and 200 only once it is */
    ck_assert_int_eq(deliver(&w, SECRET, upd), 200);
    ck_assert_int_eq(processed(w.e, "777001"), 1);
    /* again (Telegram's retry): 200, nothing done twice */
    ck_assert_int_eq(deliver(&w, SECRET, upd), 200);
    /* not JSON: kept in quarantine, 200 (never retried forever) */
    ck_assert_int_eq(deliver(&w, SECRET, "{not json"), 200);
    ck_assert_int_eq(
        fbtc_sql_int(w.e, "SELECT count(*) FROM fb_quarantine", 0, NULL), 1);
    m = scrape(w.mport, "/metrics", 200);
    ck_assert_double_eq(metric(m, "fitbot_webhook_refused_total", NULL), 4);
    ck_assert_double_eq(metric(m, "fitbot_webhook_too_large_total", NULL), 1);
    ck_assert_double_eq(metric(m, "fitbot_updates_total",
                               "kind=\"text\",outcome=\"duplicate\""),
                        1);
    ck_assert_double_eq(metric(m, "fitbot_quarantined_updates", NULL), 1);
    free(m);
    stop_webhook(&w);
}
END_TEST

/* Telegram's retry pattern at its fastest: one connection, each update
 * POSTed once the previous one was answered 200 (committed). Prints the
 * rate (the figure in docs/OPERATIONS.md). */
START_TEST(webhook_sequential_throughput)
{
    enum { N = 300, USERS = 10 };
    wh w;
    int64_t t0, ms;

    start_webhook(&w, NULL);
    for (int u = 0; u < USERS; u++)
        ck_assert_int_eq(fbt_user(w.e, 4001 + u, "T", NULL), 0);
    t0 = fbt_now_ms();
    for (int i = 0; i < N; i++) {
        char upd[512];
        int64_t user = 4001 + i % USERS;
        snprintf(upd, sizeof upd,
                 "{\"update_id\":%d,\"message\":{\"message_id\":%d,"
                 "\"date\":1,\"chat\":{\"id\":%" PRId64 ",\"type\":"
                 "\"private\"},\"from\":{\"id\":%" PRId64 ",\"is_bot\":"
                 "false,\"first_name\":\"T\"},\"text\":\"t%d\"}}",
                 900000 + i, 1000 + i, user, user, i);
        ck_assert_int_eq(deliver(&w, SECRET, upd), 200);
    }
    ms = fbt_now_ms() - t0;
    ck_assert_int_eq(fbtc_sql_int(w.e,
                                  "SELECT count(*) FROM fb_processed_updates "
                                  "WHERE update_id >= 900000",
                                  0, NULL),
                     N);
    fprintf(stderr,
            "webhook: %d updates POSTed one after another in %" PRId64
            " ms: %.0f updates/s, each committed before its 200\n",
            N, ms, N * 1000.0 / (double)(ms > 0 ? ms : 1));
    stop_webhook(&w);
}
END_TEST

/* kill -9 while the sandbox is delivering: what was not answered 200 is
 * delivered again to the next host; every update handled exactly once. */
START_TEST(webhook_host_killed_mid_delivery_loses_nothing)
{
    wh w;
    long long done;

    start_webhook(&w, NULL);
    say_all(w.e, 5, 8);
    for (int i = 0; i < 200; i++) {
        done = fbtc_sql_int(w.e, "SELECT count(*) FROM fb_processed_updates", 0,
                            NULL);
        if (done >= 5)
            break;
        fbtc_sleep_ms(10);
    }
    ck_assert_int_eq(fbt_host_kill(w.e), 0);
    done =
        fbtc_sql_int(w.e, "SELECT count(*) FROM fb_processed_updates", 0, NULL);
    ck_assert_msg(done < 40, "all handled before the kill (%lld)", done);
    ck_assert_int_eq(fbt_host_start(w.e), 0);
    expect_replies(w.e, 5, 8);
    wait_processed(w.e, 40);
    ck_assert_int_eq(fbt_counter(w.e, "updates_pending"), 0);
    stop_webhook(&w);
}
END_TEST

/* text with the line starting with from replaced by to (malloc'd). */
static char *with_line(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from), *end;
    char *out;

    ck_assert_msg(at, "no '%s' in %s", from, text);
    end = strchr(at, '\n');
    ck_assert_int_ge(
        asprintf(&out, "%.*s%s%s", (int)(at - text), text, to, end ? end : ""),
        0);
    return out;
}

static void reload_with(fbt_env *e, const char *conf, const char *event,
                        int count)
{
    fbtc_write_file(fbt_config_path(e), conf, 0600);
    ck_assert_int_eq(fbt_host_signal(e, SIGHUP), 0);
    for (int i = 0; i < 200 && fbt_log_count(e, event) < count; i++)
        fbtc_sleep_ms(50);
    if (fbt_log_count(e, event) != count) {
        char *log = fbt_host_log(e);
        size_t n = strlen(log);
        ck_abort_msg("%d x %s, want %d; log: %s", fbt_log_count(e, event),
                     event, count, n > 3000 ? log + n - 3000 : log);
    }
}

/* SIGHUP: a plugin disabled in the file answers "not available" at once,
 * the new log level applies, a file with a mistake changes nothing, and
 * enabling it again brings it back. */
START_TEST(sighup_reload_disables_a_plugin_at_once)
{
    fbt_options o = {0};
    char *text, *bad, *off, *off2;
    fbt_env *e;
    fbt_msg *m;

    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.log_level = "info";
    e = fbtc_start(&o);
    ck_assert_int_eq(fbt_user(e, 1001, "Asha", NULL), 0);
    text = fbtc_read_file(fbt_config_path(e), NULL);
    bad = with_line(text, "log_level = ", "log_level = loud");
    reload_with(e, bad, "event=reload_refused", 1);
    ck_assert_int_eq(fbt_say(e, 1001, "one"), 0);
    m = fbt_expect(e, 1001, "ok", 10000);
    ck_assert_msg(m, "%s", fbt_error(e));
    fbt_msg_free(m);

    off = with_line(text, "enable = ", "disable = tp_noop");
    off2 = with_line(off, "log_level = ", "log_level = warn");
    reload_with(e, off2, "event=plugin_paused", 1);
    ck_assert_int_eq(fbt_log_count(e, "event=reloaded"), 1);
    ck_assert_int_eq(fbt_say(e, 1001, "two"), 0);
    m = fbt_expect(e, 1001, "This feature is not available.", 10000);
    ck_assert_msg(m, "%s", fbt_error(e));
    fbt_msg_free(m);
    /* warn now: the info line of that refusal is not written */
    ck_assert_int_eq(fbt_log_count(e, "event=disabled_plugin"), 0);

    reload_with(e, text, "event=plugin_resumed", 1);
    ck_assert_int_eq(fbt_say(e, 1001, "three"), 0);
    m = fbt_expect(e, 1001, "ok", 10000);
    ck_assert_msg(m, "%s", fbt_error(e));
    fbt_msg_free(m);
    wait_processed(e, 3);
    free(text);
    free(bad);
    free(off);
    free(off2);
    fbt_stop(e);
}
END_TEST

/* POST the sandbox's global limit (keep: judged across the change). */
static void sandbox_global(fbt_env *e, int per_s)
{
    char body[96], *r;

    snprintf(body, sizeof body, "{\"global_per_s\":%d,\"keep\":true}", per_s);
    r = fbt_sandbox_post(e, "/sandbox/limits", body);
    ck_assert_msg(r, "POST /sandbox/limits: %s", fbt_error(e));
    free(r);
}

/* SIGHUP lowers send_rate_global from 30 to 5 while ninety replies are
 * queued: the sandbox, told 7 once the host applied 5 and judging every
 * window across the change, sees no violation (two messages per second
 * of slack: the host's windows are padded by 2 %, 20 ms, and on a loaded
 * machine a request may take longer than that to reach the sandbox -- at
 * 6, two violations were seen once with two test builds running at once;
 * a host that kept 30/s, or forgot what it sent before the change, breaks
 * 7 at once); every update is processed once and every reply arrives.
 * pool_max follows the reload too (/metrics). Raised back, the rest goes
 * out. */
START_TEST(sighup_reload_changes_the_limits_under_load)
{
    enum { USERS = 30, EACH = 3 };
    fbt_options o = {0};
    char cfg[256], *text, *low, *low2, *m;
    int port = fbtc_free_port();
    long long sent_then, before;
    fbt_env *e;

    snprintf(cfg, sizeof cfg,
             "metrics_listen = 127.0.0.1:%d\nsend_rate_global = 30\n"
             "pool_max = 8\n",
             port);
    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.log_level = "info";
    o.host_config = cfg;
    e = fbtc_start(&o);
    text = fbtc_read_file(fbt_config_path(e), NULL);
    low = with_line(text, "send_rate_global = ", "send_rate_global = 5");
    low2 = with_line(low, "pool_max = ", "pool_max = 2");
    say_all(e, USERS, EACH);
    reload_with(e, low2, "event=limits_reloaded", 1);
    sandbox_global(e, 7);
    sent_then = fbt_counter(e, "messages_sent");
    before = fbt_counter(e, "limit_violations");
    /* under load: most replies were still to go when the limit changed */
    ck_assert_int_lt(sent_then, USERS * EACH - 30);
    ck_assert_int_eq(fbt_log_count(e, "event=pool_reloaded"), 1);
    ck_assert_int_eq(fbt_log_count(e, "event=reload_needs_restart"), 0);
    m = scrape(port, "/metrics", 200);
    ck_assert_double_eq(metric(m, "fitbot_pool_max", NULL), 2);
    free(m);
    /* a few seconds at 5/s, then the rest at 30/s again */
    for (int i = 0; i < 600 && fbt_counter(e, "messages_sent") < sent_then + 24;
         i++)
        fbtc_sleep_ms(100);
    /* raised: the sandbox first, as lowered: the host first */
    sandbox_global(e, 30);
    reload_with(e, text, "event=limits_reloaded", 2);
    expect_replies(e, USERS, EACH);
    wait_processed(e, USERS * EACH);
    ck_assert_msg(fbt_counter(e, "limit_violations") == 0,
                  "violations: global %lld, chat %lld (%lld before the "
                  "reload)",
                  (long long)fbt_counter(e, "limit_violations_global"),
                  (long long)fbt_counter(e, "limit_violations_chat"),
                  (long long)before);
    ck_assert_int_eq(fbt_counter(e, "messages_sent"), USERS * EACH);
    free(text);
    free(low);
    free(low2);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "ops",
                                   .tcase = "operations",
                                   .timeout = 150,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    curl_global_init(CURL_GLOBAL_DEFAULT);
    return FBTC_RUN(&def, metrics_and_healthz_follow_the_host,
                    healthz_and_counters_see_telegram_faults, jobs_are_counted,
                    healthz_sees_the_database_go,
                    systemd_notify_ready_watchdog_reload_stopping,
                    webhook_takes_every_update_once,
                    webhook_refuses_bad_requests, webhook_sequential_throughput,
                    webhook_host_killed_mid_delivery_loses_nothing,
                    sighup_reload_disables_a_plugin_at_once,
                    sighup_reload_changes_the_limits_under_load);
}
