/* Three hosts on one database and one token, on loopback. Polling: one
 * polls at a time; the leader is killed (SIGKILL) in turn while users
 * talk, another takes over within seconds. Webhook: any host takes any
 * update, one sends every host's replies; the sender is killed in turn.
 * Either way, in the end every update was
 * handled exactly once, each chat's updates in order, every user got each
 * reply (twice only for a reply whose request was in flight at the kill,
 * which the log counts as in_doubt), and Telegram's limits held. The
 * failover times are printed (the closing figures of docs/OPERATIONS.md). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "curlbuf.h"
#include "fbtc_kit.h"

#define NHOST 3
#define NUSER 6
#define PER_PHASE 2 /* messages per user per phase (polling) */
#define BURST                                                                  \
    5 /* likewise with webhook: above one chat's burst of 3,                   \
         so hosts that each paced their own replies would                      \
         break Telegram's per-chat limit */
#define MAX_SAID ((MAX_PHASE + 1) * BURST) /* and one phase more */
#define MAX_PHASE 60
/* Kills (phases): 3 in the short form scripts/test runs; the long form
 * sets FITBOT_TEST_MULTIHOST_KILLS (at most 60). */
static int nphase(void)
{
    const char *s = getenv("FITBOT_TEST_MULTIHOST_KILLS");
    int n = s ? atoi(s) : 3;
    return n < 1 ? 3 : n > MAX_PHASE ? MAX_PHASE : n;
}

static char tmpdir[64];

static void setup(void)
{
    fbtc_mkdtemp(tmpdir, sizeof tmpdir, "/tmp/fitbot-it-multi-XXXXXX");
}

static void teardown(void)
{
    ck_assert_int_eq(fbtc_rmtree(tmpdir), 0);
}

/* Host 0 is the kit's; 1 and 2 are started here with the same config. */
typedef struct hosts {
    fbt_env *e;
    pid_t pid[NHOST]; /* 1, 2: ours; 0 unused (the kit's) */
    char log[NHOST][128];
    char conf[NHOST][128]; /* "": the kit's config */
    int alive[NHOST];
} hosts;

static char *host_log(const hosts *h, int i)
{
    return i == 0 ? fbt_host_log(h->e) : fbtc_read_file(h->log[i], NULL);
}

static int count_in(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static int log_count(const hosts *h, int i, const char *needle)
{
    char *t = host_log(h, i);
    int n = count_in(t, needle);
    free(t);
    return n;
}

static void spawn(hosts *h, int i)
{
    char tok[256], db[512], api[256];
    char *argv[] = {FITBOT_BIN_PATH, "run", "--config",
                    h->conf[i][0] ? h->conf[i] : (char *)fbt_config_path(h->e),
                    NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", tok, db, api, NULL};
    int at;

    close(open(h->log[i], O_WRONLY | O_CREAT | O_APPEND, 0600));
    at = log_count(h, i, "event=ready");

    snprintf(tok, sizeof tok, "FITBOT_TOKEN=%s", fbt_token(h->e));
    snprintf(db, sizeof db, "FITBOT_DATABASE_URL=%s", fbt_db_url(h->e));
    snprintf(api, sizeof api, "FITBOT_API_URL=%s", fbt_sandbox_url(h->e));
    h->pid[i] = fork();
    ck_assert_int_ge(h->pid[i], 0);
    if (h->pid[i] == 0) {
        int fd = open(h->log[i], O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(fd, 2);
        execve(FITBOT_BIN_PATH, argv, envp);
        _exit(127);
    }
    for (int k = 0; k < 300 && log_count(h, i, "event=ready") <= at; k++)
        fbtc_sleep_ms(50);
    ck_assert_msg(log_count(h, i, "event=ready") > at, "host %d not ready", i);
    h->alive[i] = 1;
}

static void start_host(hosts *h, int i)
{
    if (i == 0) {
        ck_assert_msg(fbt_host_start(h->e) == 0, "%s", fbt_error(h->e));
        h->alive[0] = 1;
    } else {
        spawn(h, i);
    }
}

static void kill_host(hosts *h, int i)
{
    if (i == 0) {
        ck_assert_int_eq(fbt_host_kill(h->e), 0);
    } else {
        kill(h->pid[i], SIGKILL);
        waitpid(h->pid[i], NULL, 0);
    }
    h->alive[i] = 0;
}

/* A role among the hosts, as their logs tell it: the line a host logs
 * when it takes the role, and the one when it stands by. */
typedef struct role {
    const char *on, *off;
} role;
static const role POLLER = {"event=poll_leader", "event=poll_standby"};
static const role SENDER = {"event=outbox_sender", "event=outbox_standby"};

/* The last occurrence of needle in t, or NULL. */
static const char *last_of(const char *t, const char *needle)
{
    const char *last = NULL;
    for (const char *p = strstr(t, needle); p; p = strstr(p + 1, needle))
        last = p;
    return last;
}

/* The host holding role r now: the live one whose last line of the two
 * says it took it; -1 if none. */
static int holder(const hosts *h, role r)
{
    for (int i = 0; i < NHOST; i++) {
        char *t;
        const char *on, *off;
        int holds;
        if (!h->alive[i])
            continue;
        t = host_log(h, i);
        on = last_of(t, r.on);
        off = last_of(t, r.off);
        holds = on && (!off || on > off);
        free(t);
        if (holds)
            return i;
    }
    return -1;
}

/* Wait (at most 15 s) for a live host other than old to hold r; its
 * index, the wait in ms in *ms. */
static int wait_new_holder(const hosts *h, role r, int old, int64_t *ms)
{
    int64_t t0 = fbt_now_ms();
    int l = -1;
    while (fbt_now_ms() - t0 < 15000) {
        l = holder(h, r);
        if (l >= 0 && l != old)
            break;
        fbtc_sleep_ms(20);
    }
    *ms = fbt_now_ms() - t0;
    ck_assert_msg(l >= 0 && l != old, "no host took %s over from %d", r.on,
                  old);
    return l;
}

static int in_doubt_total(const hosts *h)
{
    int sum = 0;
    for (int i = 0; i < NHOST; i++) {
        char *t = host_log(h, i);
        for (const char *p = strstr(t, "in_doubt="); p;
             p = strstr(p + 1, "in_doubt="))
            sum += atoi(p + 9);
        free(t);
    }
    return sum;
}

/* Every one of sent updates processed exactly once (waits up to 30 s). */
static void expect_processed(hosts *h, int sent)
{
    const char *q = "SELECT count(*) FROM fb_processed_updates";
    for (int k = 0; k < 600 && fbtc_sql_int(h->e, q, 0, NULL) < sent; k++)
        fbtc_sleep_ms(50);
    ck_assert_int_eq(fbtc_sql_int(h->e, q, 0, NULL), sent);
}

/* Each chat in order: no update of user u began before the one before
 * it (processed_at is its transaction's start); ids[u][0..n). */
static void expect_order(hosts *h, int64_t (*ids)[MAX_SAID], int n)
{
    for (int u = 0; u < NUSER; u++) {
        char list[MAX_SAID * 21 + 2] = "{";
        const char *p[] = {list};
        for (int k = 0; k < n; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list),
                     "%s%" PRId64, k ? "," : "", ids[u][k]);
        strcat(list, "}");
        ck_assert_int_eq(
            fbtc_sql_int(h->e,
                         "SELECT count(*) FROM (SELECT processed_at, "
                         "lag(processed_at) OVER (ORDER BY update_id) AS prev "
                         "FROM fb_processed_updates WHERE update_id = "
                         "ANY($1::bigint[])) x WHERE processed_at < prev",
                         1, p),
            0);
    }
}

/* Every user (first, first + 1, ...) got each of its n replies; one
 * twice only if its request was in doubt (the logs count them). */
static void expect_replies_once(hosts *h, int64_t first, int n, int sent)
{
    int extra = 0, doubt;
    for (int u = 0; u < NUSER; u++) {
        for (int k = 0; k < n; k++) {
            fbt_msg *m = fbt_expect(h->e, first + u, "ok", 30000);
            ck_assert_msg(m, "user %d reply %d: %s", u, k, fbt_error(h->e));
            fbt_msg_free(m);
        }
        for (fbt_msg *m; (m = fbt_next(h->e, first + u, 1500)); fbt_msg_free(m))
            extra++;
    }
    doubt = in_doubt_total(h);
    ck_assert_msg(extra <= doubt, "%d replies twice, %d in doubt", extra,
                  doubt);
    fprintf(stderr,
            "multihost: %d updates, 0 lost, %d replies twice (%d in doubt)\n",
            sent, extra, doubt);
}

/* The failover figures (each under 5 s), printed. */
static void report_failover(const int64_t *fail_ms, int n, const char *what)
{
    int64_t worst = 0, total = 0;
    for (int ph = 0; ph < n; ph++) {
        ck_assert_msg(fail_ms[ph] < 5000, "failover took %" PRId64 " ms",
                      fail_ms[ph]);
        worst = fail_ms[ph] > worst ? fail_ms[ph] : worst;
        total += fail_ms[ph];
    }
    fprintf(stderr,
            "multihost: %d kills, another host %s after mean %" PRId64
            " ms, worst %" PRId64 " ms\n",
            n, what, total / n, worst);
}

/* Kill our hosts, check no log holds the token's secret half nor other
 * (NULL: none), stop the kit. */
static void stop_all(hosts *h, const char *other)
{
    const char *token = strchr(fbt_token(h->e), ':') + 1;
    for (int i = 1; i < NHOST; i++)
        if (h->alive[i])
            kill_host(h, i);
    for (int i = 0; i < NHOST; i++) {
        char *t = host_log(h, i);
        ck_assert_ptr_null(strstr(t, token));
        ck_assert(!other || !strstr(t, other));
        free(t);
    }
    fbt_stop(h->e);
}

/* nphase times: every user (first, first + 1, ...) says per messages
 * (their update ids into ids), then the host holding role r
 * (first l) is killed while they are handled, another takes the role
 * over (the wait into fail_ms) and the killed one starts again, as
 * systemd's Restart=on-failure would. Returns the updates sent. */
/* Phase ph: every user (first, first + 1, ...) says per messages, their
 * update ids into ids[u][ph * per ...]. Returns the updates sent. */
static int say_round(hosts *h, int64_t first, int per, int ph,
                     int64_t (*ids)[MAX_SAID])
{
    for (int m = 0; m < per; m++)
        for (int u = 0; u < NUSER; u++) {
            char text[32];
            snprintf(text, sizeof text, "p%d m%d", ph, m);
            ck_assert_int_eq(fbt_say(h->e, first + u, text), 0);
            ids[u][ph * per + m] = fbt_last_update_id(h->e);
        }
    return per * NUSER;
}

static int talk_and_kill(hosts *h, role r, int l, int64_t first, int per,
                         int64_t (*ids)[MAX_SAID], int nphase, int64_t *fail_ms)
{
    int sent = 0;
    for (int ph = 0; ph < nphase; ph++) {
        int old = l;
        sent += say_round(h, first, per, ph, ids);
        fbtc_sleep_ms(150 + 37 * (ph % 5)); /* some handled, some not */
        kill_host(h, old);
        l = wait_new_holder(h, r, old, &fail_ms[ph]);
        fprintf(stderr,
                "multihost: phase %d: host %d killed, host %d has %s after "
                "%" PRId64 " ms\n",
                ph, old, l, r.on, fail_ms[ph]);
        start_host(h, old);
    }
    return sent;
}

START_TEST(three_hosts_killed_in_turn_lose_nothing)
{
    fbt_options o = {0};
    hosts h = {0};
    static int64_t ids[NUSER][MAX_SAID], fail_ms[MAX_PHASE];
    const int NPHASE = nphase();
    int l, sent = 0;

    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.workers = 2;
    o.log_level = "info";
    h.e = fbtc_start(&o);
    h.alive[0] = 1;
    for (int i = 1; i < NHOST; i++) {
        snprintf(h.log[i], sizeof h.log[i], "%s/host%d.log", tmpdir, i);
        spawn(&h, i);
    }
    for (int u = 0; u < NUSER; u++)
        ck_assert_int_eq(fbt_user(h.e, 5001 + u, "U", NULL), 0);
    for (int k = 0; k < 100 && holder(&h, POLLER) < 0; k++)
        fbtc_sleep_ms(50);
    l = holder(&h, POLLER);
    ck_assert_int_ge(l, 0);
    for (int i = 0, n = 0; i < NHOST; i++)
        ck_assert_int_le(n += log_count(&h, i, "event=poll_leader"), 1);

    sent = talk_and_kill(&h, POLLER, l, 5001, PER_PHASE, ids, NPHASE, fail_ms);
    expect_processed(&h, sent);
    expect_order(&h, ids, NPHASE * PER_PHASE);
    expect_replies_once(&h, 5001, NPHASE * PER_PHASE, sent);
    ck_assert_int_eq(fbt_counter(h.e, "limit_violations"), 0);
    report_failover(fail_ms, NPHASE, "polls");
    stop_all(&h, NULL);
}
END_TEST

/* ---- webhook: any host takes any update ------------------------------------
 */

#define SECRET "multi_host_SECRET_0123456789"

/* POST one update to a host's webhook as Telegram would; the status (0:
 * nothing answered). */
static long post_update(int port, int64_t id, int64_t user, const char *text)
{
    char url[64], body[512], hd[128];
    struct curl_slist *h = NULL;
    CURL *c = curl_easy_init();
    fb__curlbuf answer = {NULL, 0, 4096};
    long st = 0;

    snprintf(url, sizeof url, "http://127.0.0.1:%d/tg/hook", port);
    snprintf(body, sizeof body,
             "{\"update_id\":%" PRId64 ",\"message\":{\"message_id\":%" PRId64
             ",\"date\":1,\"chat\":{\"id\":%" PRId64
             ",\"type\":\"private\"},\"from\":{\"id\":%" PRId64
             ",\"is_bot\":false,\"first_name\":\"W\"},\"text\":\"%s\"}}",
             id, id, user, user, text);
    snprintf(hd, sizeof hd, "X-Telegram-Bot-Api-Secret-Token: %s", SECRET);
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, hd);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    free(answer.p);
    return st;
}

/* Host i's config: the kit's file, serving its own port instead of
 * from's (webhook_url, what setWebhook is given, stays the same). */
static void webhook_conf(hosts *h, int i, int from_port, int port)
{
    char from[64], to[64], *at, *conf;
    char *text = fbtc_read_file(fbt_config_path(h->e), NULL);
    snprintf(from, sizeof from, "webhook_listen = 127.0.0.1:%d", from_port);
    snprintf(to, sizeof to, "webhook_listen = 127.0.0.1:%d", port);
    at = strstr(text, from);
    ck_assert_ptr_nonnull(at);
    ck_assert_int_ge(asprintf(&conf, "%.*s%s%s", (int)(at - text), text, to,
                              at + strlen(from)),
                     0);
    snprintf(h->conf[i], sizeof h->conf[i], "%s/host%d.conf", tmpdir, i);
    fbtc_write_file(h->conf[i], conf, 0600);
    free(conf);
    free(text);
}

/* The kit's host 0 in webhook mode on port (its config lines in cfg,
 * which must outlive the start; the secret written beside). */
static void start_webhook_kit(hosts *h, fbt_options *o, char *cfg, size_t n,
                              int port)
{
    char secret[128];
    snprintf(secret, sizeof secret, "%s/secret", tmpdir);
    fbtc_write_file(secret, SECRET "\n", 0600);
    snprintf(cfg, n,
             "mode = webhook\nwebhook_url = http://127.0.0.1:%d/tg/hook\n"
             "webhook_listen = 127.0.0.1:%d\nwebhook_secret_file = %s\n",
             port, port, secret);
    o->plugins = "tp_noop";
    o->plugin_dir = TP_RUN_DIR;
    o->host_config = cfg;
    h->e = fbtc_start(o);
    h->alive[0] = 1;
}

/* Two webhook hosts on one database; the test plays Telegram behind a
 * balancer: each update goes to one host, a retry (no 200) goes to the
 * other. Every update is handled once wherever it lands (the same update
 * given to both changes nothing twice), and when one host is killed its
 * share is taken by the other: every user gets every reply. */
START_TEST(webhook_hosts_take_any_update)
{
    enum { USERS = 4, EACH = 10 };
    static char cfg[1024];
    fbt_options o = {0};
    hosts h = {0};
    int port[2] = {fbtc_free_port(), fbtc_free_port()}, sent = 0, retried = 0;

    o.fast_pacing = 1;
    start_webhook_kit(&h, &o, cfg, sizeof cfg, port[0]);
    webhook_conf(&h, 1, port[0], port[1]);
    snprintf(h.log[1], sizeof h.log[1], "%s/host1.log", tmpdir);
    spawn(&h, 1);
    for (int u = 0; u < USERS; u++)
        ck_assert_int_eq(fbt_user(h.e, 6001 + u, "W", NULL), 0);

    for (int i = 0; i < EACH; i++)
        for (int u = 0; u < USERS; u++) {
            int64_t id = 700000 + sent;
            int to = sent % 2; /* the balancer alternates */
            if (i == EACH / 2 && u == 0) {
                kill_host(&h, 0); /* host 0 dies mid-stream */
            }
            if (i == 2 && u == 1) /* one given to both hosts */
                ck_assert_int_eq(post_update(port[0], id, 6001 + u, "x"), 200);
            if (!h.alive[to] ||
                post_update(port[to], id, 6001 + u, "x") != 200) {
                retried++; /* Telegram tries again: the other host */
                ck_assert_int_eq(post_update(port[1 - to], id, 6001 + u, "x"),
                                 200);
            }
            sent++;
        }
    ck_assert_int_gt(retried, 0);
    ck_assert_int_eq(fbtc_sql_int(h.e,
                                  "SELECT count(*) FROM fb_processed_updates "
                                  "WHERE update_id >= 700000",
                                  0, NULL),
                     sent);
    start_host(&h, 0); /* its committed replies not yet sent, sent now */
    for (int u = 0; u < USERS; u++) {
        for (int i = 0; i < EACH; i++) {
            fbt_msg *m = fbt_expect(h.e, 6001 + u, "ok", 30000);
            ck_assert_msg(m, "user %d reply %d: %s", u, i, fbt_error(h.e));
            fbt_msg_free(m);
        }
        ck_assert_int_eq(fbt_quiet(h.e, 6001 + u, 500), 0);
    }
    fprintf(stderr,
            "webhook hosts: %d updates over 2 hosts, %d retried on the other "
            "host after a kill, 0 lost, 0 twice\n",
            sent, retried);
    kill_host(&h, 1);
    {
        char *l1 = host_log(&h, 1), *l0 = host_log(&h, 0);
        ck_assert_ptr_null(strstr(l1, SECRET));
        ck_assert_ptr_null(strstr(l0, SECRET));
        free(l1);
        free(l0);
    }
    fbt_stop(h.e);
}
END_TEST

/* Three webhook hosts on one database behind the sandbox's own delivery
 * and its balancer (round robin, a host that cannot be reached passed
 * over, as nginx does): any host takes any update, one sends every
 * host's replies. The sender is killed (SIGKILL) in turn while users
 * talk; another host becomes the sender within seconds and sends what
 * the dead one had not; then the sender's lock is taken from it while it
 * lives. In the end: every update handled exactly once,
 * each chat's updates in order, each reply once (twice only when in
 * doubt), Telegram's limits held (real limits, the sandbox judging). */
START_TEST(three_webhook_hosts_killed_in_turn_lose_nothing)
{
    static char cfg[1024];
    static int64_t ids[NUSER][MAX_SAID], fail_ms[MAX_PHASE];
    const int NPHASE = nphase();
    char body[256], *r;
    fbt_options o = {0};
    hosts h = {0};
    int port[NHOST], l, sent;

    for (int i = 0; i < NHOST; i++)
        port[i] = fbtc_free_port();
    o.workers = 2;
    o.log_level = "info";
    start_webhook_kit(&h, &o, cfg, sizeof cfg, port[0]);
    for (int i = 1; i < NHOST; i++) {
        webhook_conf(&h, i, port[0], port[i]);
        snprintf(h.log[i], sizeof h.log[i], "%s/host%d.log", tmpdir, i);
        spawn(&h, i);
    }
    snprintf(
        body, sizeof body,
        "{\"urls\":[\"http://127.0.0.1:%d/tg/hook\","
        "\"http://127.0.0.1:%d/tg/hook\",\"http://127.0.0.1:%d/tg/hook\"]}",
        port[0], port[1], port[2]);
    r = fbt_sandbox_post(h.e, "/sandbox/webhook_balance", body);
    ck_assert_msg(r, "webhook_balance: %s", fbt_error(h.e));
    free(r);
    for (int u = 0; u < NUSER; u++)
        ck_assert_int_eq(fbt_user(h.e, 7001 + u, "U", NULL), 0);
    for (int k = 0; k < 100 && holder(&h, SENDER) < 0; k++)
        fbtc_sleep_ms(50);
    l = holder(&h, SENDER);
    ck_assert_int_ge(l, 0);
    for (int i = 0, n = 0; i < NHOST; i++)
        ck_assert_int_le(n += log_count(&h, i, SENDER.on), 1);

    sent = talk_and_kill(&h, SENDER, l, 7001, BURST, ids, NPHASE, fail_ms);
    /* one phase more: the sender's lock is lost while it lives (its
     * session ended, as when PostgreSQL restarts): it forgets what it had
     * queued, and whichever host takes the lock sends it */
    sent += say_round(&h, 7001, BURST, NPHASE, ids);
    fbtc_sleep_ms(150);
    ck_assert_int_eq(fbtc_sql_int(h.e,
                                  "SELECT count(pg_terminate_backend(pid)) "
                                  "FROM pg_locks WHERE locktype = 'advisory' "
                                  "AND classid = 1717728305 AND objsubid = 2 "
                                  "AND granted AND database = (SELECT oid "
                                  "FROM pg_database WHERE datname = "
                                  "current_database())",
                                  0, NULL),
                     1);
    expect_processed(&h, sent);
    expect_order(&h, ids, (NPHASE + 1) * BURST);
    expect_replies_once(&h, 7001, (NPHASE + 1) * BURST, sent);
    {
        int released = 0;
        for (int i = 0; i < NHOST; i++)
            released += log_count(&h, i, "event=outbox_released");
        ck_assert_int_eq(released, 1);
    }
    ck_assert_int_eq(fbt_counter(h.e, "limit_violations"), 0);
    ck_assert_int_eq(fbt_counter(h.e, "updates_pending"), 0);
    ck_assert_int_ge(fbt_counter(h.e, "webhook_posts"), sent);
    report_failover(fail_ms, NPHASE, "sends");
    stop_all(&h, SECRET);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "multihost",
                                   .tcase = "three hosts",
                                   .timeout = 240,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    curl_global_init(CURL_GLOBAL_DEFAULT);
    return FBTC_RUN(&def, three_hosts_killed_in_turn_lose_nothing,
                    webhook_hosts_take_any_update,
                    three_webhook_hosts_killed_in_turn_lose_nothing);
}
