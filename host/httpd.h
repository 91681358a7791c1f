/* host/httpd: a small HTTP server on libmicrohttpd, for /metrics, /healthz
 * and the webhook.
 *
 * One thread per connection (a webhook request waits until its update is
 * handled), at most 64 connections, 30 s idle timeout. A body is read
 * whole before the handler runs, up to max_body bytes: a larger one (by
 * Content-Length, or as it arrives) is answered 413 without calling the
 * handler. TLS (GnuTLS, through libmicrohttpd) when a certificate and key
 * are given. libmicrohttpd's own messages go to the log as
 * event=http_error. */
#ifndef FITBOT_HOST_HTTPD_H
#define FITBOT_HOST_HTTPD_H

#include <stddef.h>

typedef struct fb__http_req {
    const char *method, *path;
    const char *secret; /* X-Telegram-Bot-Api-Secret-Token, or NULL */
    const char *body;   /* NUL-terminated, "" when none */
    size_t body_len;
} fb__http_req;

typedef struct fb__http_resp {
    int status;               /* default 200 */
    const char *content_type; /* default text/plain; charset=utf-8 */
    char *body;               /* malloc'd by the handler, or NULL */
} fb__http_resp;

/* Called once per complete request, from the connection's thread. */
typedef void (*fb__http_fn)(void *ud, const fb__http_req *req,
                            fb__http_resp *resp);

typedef struct fb__httpd_opts {
    const char *listen; /* "127.0.0.1:9464", "[::1]:9464", "0.0.0.0:8443";
                           port 0: any free port (fb__httpd_port) */
    size_t max_body;    /* bytes; 0: no body accepted */
    const char *tls_cert_file, *tls_key_file; /* both or neither */
    const char *what;                         /* "metrics", "webhook" */
} fb__httpd_opts;

typedef struct fb__httpd fb__httpd;

/* Parse "HOST:PORT" (an IPv4 address, [IPv6] or localhost). 0, or -1
 * with a reason in err. host receives the address text. */
int fb__httpd_parse_listen(const char *s, char *host, size_t hostlen, int *port,
                           char *err, size_t errlen);

/* Start serving. NULL with a reason in err (bad address, port in use,
 * unreadable certificate, no TLS support). */
fb__httpd *fb__httpd_start(const fb__httpd_opts *o, fb__http_fn fn, void *ud,
                           char *err, size_t errlen);

/* The port bound. */
int fb__httpd_port(const fb__httpd *d);

/* Stop taking connections (the listening socket closes at once), then
 * wait for the requests in flight and free. NULL-safe. */
void fb__httpd_stop(fb__httpd *d);

/* 1 if a and b (NUL-terminated; a may be NULL) are equal, in time that
 * depends on the length of b only (the secret token comparison). */
int fb__ct_equal(const char *a, const char *b);

#endif
