/* The operating pieces without a database: the secret comparison, listen
 * addresses, sd_notify on a real unix datagram socket, the Prometheus
 * text, the HTTP server's body bound and the config's operation keys. */
#define _GNU_SOURCE
#include <check.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <fitbot/plugin.h>

#include "config.h"
#include "fbtc.h"
#include "httpd.h"
#include "metrics.h"
#include "notify.h"

START_TEST(ct_equal_compares_whole_strings)
{
    ck_assert_int_eq(fb__ct_equal("abc", "abc"), 1);
    ck_assert_int_eq(fb__ct_equal("abd", "abc"), 0);
    ck_assert_int_eq(fb__ct_equal("ab", "abc"), 0);
    ck_assert_int_eq(fb__ct_equal("abcd", "abc"), 0);
    ck_assert_int_eq(fb__ct_equal("", "abc"), 0);
    ck_assert_int_eq(fb__ct_equal(NULL, "abc"), 0);
    ck_assert_int_eq(fb__ct_equal("Abc", "abc"), 0);
}
END_TEST

START_TEST(listen_addresses)
{
    char host[64], err[160];
    int port;

    ck_assert_int_eq(fb__httpd_parse_listen("127.0.0.1:9464", host, sizeof host,
                                            &port, err, sizeof err),
                     0);
    ck_assert_str_eq(host, "127.0.0.1");
    ck_assert_int_eq(port, 9464);
    ck_assert_int_eq(fb__httpd_parse_listen("[::1]:80", host, sizeof host,
                                            &port, err, sizeof err),
                     0);
    ck_assert_str_eq(host, "::1");
    ck_assert_int_eq(fb__httpd_parse_listen("localhost:0", host, sizeof host,
                                            &port, err, sizeof err),
                     0);
    ck_assert_str_eq(host, "127.0.0.1");
    ck_assert_int_eq(fb__httpd_parse_listen("9464", host, sizeof host, &port,
                                            err, sizeof err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err, "want HOST:PORT"));
    ck_assert_int_eq(fb__httpd_parse_listen("1.2.3.4:99999", host, sizeof host,
                                            &port, err, sizeof err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err, "bad port"));
    ck_assert_int_eq(fb__httpd_parse_listen("[::1]80", host, sizeof host, &port,
                                            err, sizeof err),
                     -1);
}
END_TEST

/* A datagram socket standing in for systemd's. */
static int notify_socket(const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

    ck_assert_int_ge(fd, 0);
    ck_assert_uint_lt(strlen(path), sizeof sa.sun_path);
    memcpy(sa.sun_path, path, strlen(path) + 1);
    unlink(path);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

START_TEST(notify_speaks_systemds_protocol)
{
    char dir[64], path[128], got[128], env[32];
    ssize_t n;
    int fd;

    unsetenv("NOTIFY_SOCKET");
    ck_assert_int_eq(fb__notify("READY=1"), 0); /* not under systemd */
    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fitbot-notify-XXXXXX");
    snprintf(path, sizeof path, "%s/notify", dir);
    fd = notify_socket(path);
    setenv("NOTIFY_SOCKET", path, 1);
    ck_assert_int_eq(fb__notify("READY=1\nSTATUS=serving"), 1);
    n = recv(fd, got, sizeof got - 1, 0);
    ck_assert_int_eq(n, 22);
    got[n] = '\0';
    ck_assert_str_eq(got, "READY=1\nSTATUS=serving");
    ck_assert_int_eq(fb__notify("WATCHDOG=1"), 1);
    n = recv(fd, got, sizeof got - 1, 0);
    got[n > 0 ? n : 0] = '\0';
    ck_assert_str_eq(got, "WATCHDOG=1");
    setenv("NOTIFY_SOCKET", "relative/path", 1);
    ck_assert_int_eq(fb__notify("READY=1"), -1);
    unsetenv("NOTIFY_SOCKET");
    close(fd);

    setenv("WATCHDOG_USEC", "30000000", 1);
    unsetenv("WATCHDOG_PID");
    ck_assert_uint_eq(fb__notify_watchdog_usec(), 30000000u);
    snprintf(env, sizeof env, "%d", (int)getpid() + 1);
    setenv("WATCHDOG_PID", env, 1); /* meant for another process */
    ck_assert_uint_eq(fb__notify_watchdog_usec(), 0);
    snprintf(env, sizeof env, "%d", (int)getpid());
    setenv("WATCHDOG_PID", env, 1);
    ck_assert_uint_eq(fb__notify_watchdog_usec(), 30000000u);
    setenv("WATCHDOG_USEC", "soon", 1);
    ck_assert_uint_eq(fb__notify_watchdog_usec(), 0);
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    ck_assert_int_eq(fbtc_rmtree(dir), 0);
}
END_TEST

static double sum_of(const char *t, const char *name, const char *label)
{
    int found;
    double v = fb__metrics_sum(t, name, label, &found);
    ck_assert_msg(found > 0, "no %s %s", name, label ? label : "");
    return v;
}

START_TEST(metrics_text_counts)
{
    /* buckets are cumulative; 30 s lands in +Inf only */
    static const struct {
        const char *name, *label;
        double v;
    } want[] = {
        {"fitbot_updates_total", "kind=\"text\",outcome=\"handled\"", 2},
        {"fitbot_updates_total", "kind=\"callback\",outcome=\"duplicate\"", 1},
        {"fitbot_updates_total", "kind=\"photo\",outcome=\"quarantined\"", 1},
        {"fitbot_handler_seconds_bucket", "le=\"0.005\"", 1},
        {"fitbot_handler_seconds_bucket", "le=\"0.25\"", 2},
        {"fitbot_handler_seconds_bucket", "le=\"10\"", 2},
        {"fitbot_handler_seconds_bucket", "le=\"+Inf\"", 3},
        {"fitbot_handler_seconds_count", "gym", 3},
        {"fitbot_telegram_retry_wait_seconds_total", NULL, 2.5},
        {"fitbot_outbox_depth", NULL, 7},
        {"fitbot_pool_in_use", NULL, 2},
        {"fitbot_quarantined_updates", NULL, 2},
    };
    fb__metrics_gauges g = {.outbox_queued = 7,
                            .pool_open = 3,
                            .pool_idle = 1,
                            .pool_max = 8,
                            .quarantined_held = 2,
                            .ready = 1};
    char *t;

    fb__metrics_reset();
    fb__metrics_update(FB_UPDATE_TEXT, FB__UPD_HANDLED);
    fb__metrics_update(FB_UPDATE_TEXT, FB__UPD_HANDLED);
    fb__metrics_update(FB_UPDATE_CALLBACK, FB__UPD_DUPLICATE);
    fb__metrics_update(FB_UPDATE_PHOTO, FB__UPD_QUARANTINED);
    fb__metrics_handler("gym", 0.003);
    fb__metrics_handler("gym", 0.2);
    fb__metrics_handler("gym", 30);
    fb__metrics_add(FB__M_TG_RETRY_WAIT_MS, 2500);
    t = fb__metrics_render(&g);
    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_msg(sum_of(t, want[i].name, want[i].label) == want[i].v,
                      "%s %s: %g, want %g", want[i].name,
                      want[i].label ? want[i].label : "",
                      sum_of(t, want[i].name, want[i].label), want[i].v);
    ck_assert_ptr_null(strstr(t, "fitbot_poll_leader"));
    free(t);
    fb__metrics_set_leader(0);
    t = fb__metrics_render(&g);
    ck_assert_double_eq(sum_of(t, "fitbot_poll_leader", NULL), 0);
    ck_assert_ptr_nonnull(
        strstr(t, "# TYPE fitbot_handler_seconds histogram\n"));
    free(t);
}
END_TEST

static void echo_len(void *ud, const fb__http_req *req, fb__http_resp *resp)
{
    (void)ud;
    if (asprintf(&resp->body, "%s %s %zu %s", req->method, req->path,
                 req->body_len, req->secret ? req->secret : "-") < 0)
        resp->body = NULL;
}

/* POST body to http(s)://127.0.0.1:port/path (https: trusting cert only,
 * its host name not checked); the status (0: no answer), the body into
 * *out. */
static long post_to(const char *scheme, int port, const char *path,
                    const char *cert, const char *body, char **out)
{
    char url[64];
    CURL *h = curl_easy_init();
    FILE *f;
    size_t len = 0;
    long st = 0;

    *out = NULL;
    f = open_memstream(out, &len);
    snprintf(url, sizeof url, "%s://127.0.0.1:%d%s", scheme, port, path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    if (cert) {
        curl_easy_setopt(h, CURLOPT_CAINFO, cert);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    curl_easy_setopt(h, CURLOPT_WRITEDATA, f);
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    if (curl_easy_perform(h) == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &st);
    curl_easy_cleanup(h);
    fclose(f);
    return st;
}

static long post(int port, const char *body, char **out)
{
    return post_to("http", port, "/x", NULL, body, out);
}

START_TEST(http_server_bounds_bodies)
{
    fb__httpd_opts o = {.listen = "127.0.0.1:0", .max_body = 100};
    char err[256], *out, big[150];
    fb__httpd *d = fb__httpd_start(&o, echo_len, NULL, err, sizeof err);

    ck_assert_msg(d, "%s", err);
    ck_assert_int_gt(fb__httpd_port(d), 0);
    ck_assert_int_eq(post(fb__httpd_port(d), "hello", &out), 200);
    ck_assert_str_eq(out, "POST /x 5 -");
    free(out);
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(post(fb__httpd_port(d), big, &out), 413);
    ck_assert_ptr_nonnull(strstr(out, "larger than 100 bytes"));
    free(out);
    fb__httpd_stop(d);
    o.listen = "127.0.0.1:99999";
    ck_assert_ptr_null(fb__httpd_start(&o, echo_len, NULL, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "bad port"));
    o.listen = "127.0.0.1:0";
    o.tls_cert_file = "/nonexistent/cert.pem";
    ck_assert_ptr_null(fb__httpd_start(&o, echo_len, NULL, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "both a certificate and a key"));
}
END_TEST

/* TLS served directly (GnuTLS through libmicrohttpd) with a self-signed
 * certificate made by openssl; skipped without openssl. */
START_TEST(http_server_serves_tls)
{
    char dir[64], cert[128], key[128], cmd[512], err[256];
    fb__httpd_opts o = {.listen = "127.0.0.1:0", .max_body = 100};
    fb__httpd *d;
    char *out = NULL;
    long st;

    if (system("command -v openssl >/dev/null 2>&1") != 0)
        return;
    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fitbot-tls-XXXXXX");
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "
             "/CN=127.0.0.1 -keyout %s -out %s >/dev/null 2>&1",
             key, cert);
    ck_assert_int_eq(system(cmd), 0);
    o.tls_cert_file = cert;
    o.tls_key_file = key;
    d = fb__httpd_start(&o, echo_len, NULL, err, sizeof err);
    ck_assert_msg(d, "%s", err);
    st = post_to("https", fb__httpd_port(d), "/tls", cert, "abc", &out);
    ck_assert_int_eq(st, 200);
    ck_assert_str_eq(out, "POST /tls 3 -");
    free(out);
    /* plain HTTP to the TLS port gets no answer */
    ck_assert_int_ne(post(fb__httpd_port(d), "abc", &out), 200);
    free(out);
    fb__httpd_stop(d);
    ck_assert_int_eq(fbtc_rmtree(dir), 0);
}
END_TEST

/* The operation keys' mistakes, each with its line. */
START_TEST(config_names_operation_mistakes)
{
    char dir[64], path[128], sec[128], text[1024];
    fb__config cfg;
    fb__config_errors errs = {0};
    char *out = NULL;
    size_t len = 0;
    FILE *f;

    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fitbot-opscfg-XXXXXX");
    snprintf(path, sizeof path, "%s/f.conf", dir);
    snprintf(sec, sizeof sec, "%s/secret", dir);
    fbtc_write_file(sec, "has spaces in it\n", 0600);
    snprintf(text, sizeof text,
             "[fitbot]\nmode = push\nmetrics_listen = 9464\n"
             "webhook_listen = 127.0.0.1:70000\nwebhook_secret_file = %s\n"
             "webhook_url = ftp://x/y\nwebhook_tls_cert = /c.pem\n"
             "webhook_max_body = 10\n",
             sec);
    fbtc_write_file(path, text, 0600);
    unsetenv("FITBOT_TOKEN");
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    f = open_memstream(&out, &len);
    fb__config_errors_print(&cfg, &errs, f);
    fclose(f);
    ck_assert_msg(strstr(out, ":2: bad value for 'mode': 'push' (want polling "
                              "or webhook)"),
                  "%s", out);
    ck_assert_msg(strstr(out, ":3: bad metrics_listen"), "%s", out);
    ck_assert_msg(strstr(out, ":4: bad webhook_listen"), "%s", out);
    ck_assert_msg(strstr(out, ":5: webhook_secret_file"), "%s", out);
    ck_assert_msg(strstr(out, "must hold 1 to 256 characters"), "%s", out);
    ck_assert_msg(strstr(out, ":6: bad webhook_url"), "%s", out);
    ck_assert_msg(strstr(out, ":7: webhook_tls_cert and webhook_tls_key"), "%s",
                  out);
    ck_assert_msg(strstr(out, ":8: bad value for 'webhook_max_body'"), "%s",
                  out);
    free(out);
    fb__config_errors_free(&errs);
    fb__config_free(&cfg);

    /* webhook mode without its url and secret */
    fbtc_write_file(path, "[fitbot]\nmode = webhook\n", 0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    out = NULL;
    f = open_memstream(&out, &len);
    fb__config_errors_print(&cfg, &errs, f);
    fclose(f);
    ck_assert_msg(strstr(out, ":2: mode = webhook needs webhook_url"), "%s",
                  out);
    ck_assert_msg(strstr(out, ":2: mode = webhook needs webhook_secret_file"),
                  "%s", out);
    free(out);
    fb__config_errors_free(&errs);
    fb__config_free(&cfg);

    /* a secret others may read */
    fbtc_write_file(sec, "Abc_123-xyz\n", 0640);
    snprintf(text, sizeof text, "[fitbot]\nwebhook_secret_file = %s\n", sec);
    fbtc_write_file(path, text, 0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    out = NULL;
    f = open_memstream(&out, &len);
    fb__config_errors_print(&cfg, &errs, f);
    fclose(f);
    ck_assert_msg(strstr(out, ":2: webhook_secret_file ") &&
                      strstr(out, "is readable by its group (run: chmod 600"),
                  "%s", out);
    ck_assert_ptr_null(strstr(out, "Abc_123-xyz"));
    free(out);
    fb__config_errors_free(&errs);
    fb__config_free(&cfg);

    /* a good one: the secret is read and kept */
    fbtc_write_file(sec, "Abc_123-xyz\n", 0600);
    snprintf(text, sizeof text,
             "[fitbot]\nmode = webhook\nwebhook_url = https://bot.example/"
             "tg\nwebhook_secret_file = %s\nmetrics_listen = off\n",
             sec);
    fbtc_write_file(path, text, 0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), 0);
    ck_assert_str_eq(cfg.webhook_secret, "Abc_123-xyz");
    ck_assert_str_eq(cfg.metrics_listen, "off");
    fb__config_errors_free(&errs);
    fb__config_free(&cfg);
    ck_assert_int_eq(fbtc_rmtree(dir), 0);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "ops", .tcase = "pieces"};

    curl_global_init(CURL_GLOBAL_DEFAULT);
    return FBTC_RUN(&def, ct_equal_compares_whole_strings, listen_addresses,
                    notify_speaks_systemds_protocol, metrics_text_counts,
                    http_server_bounds_bodies, http_server_serves_tls,
                    config_names_operation_mistakes);
}
