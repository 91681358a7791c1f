/* host/httpd: see httpd.h. */
#define _GNU_SOURCE
#include "httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "log.h"
#include "metrics.h"

#define MAX_CONNECTIONS 64
#define IDLE_TIMEOUT_S 30
#define TLS_FILE_MAX (1 << 20)

struct fb__httpd {
    struct MHD_Daemon *d;
    fb__http_fn fn;
    void *ud;
    size_t max_body;
    int port;
    char *cert, *key; /* PEM text, kept while the daemon runs */
    char what[16];
};

/* One request being read. */
typedef struct conn_state {
    char *body;
    size_t len;
    int too_large;
} conn_state;

int fb__ct_equal(const char *a, const char *b)
{
    size_t n = strlen(b), la = a ? strlen(a) : 0;
    unsigned char diff = (unsigned char)(la != n);

    /* every byte of b is looked at, whatever a holds */
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)((i < la ? (unsigned char)a[i] : 0) ^
                                (unsigned char)b[i]);
    return a != NULL && diff == 0;
}

int fb__httpd_parse_listen(const char *s, char *host, size_t hostlen, int *port,
                           char *err, size_t errlen)
{
    const char *colon, *h = s;
    size_t hl;
    char *end;
    long p;

    if (!s || !*s)
        return fb__seterr(err, errlen, "empty address (want HOST:PORT)"), -1;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':')
            return fb__seterr(err, errlen,
                              "bad address '%.64s' (want [IPv6]:PORT)", s),
                   -1;
        h = s + 1;
        hl = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon)
            return fb__seterr(err, errlen,
                              "bad address '%.64s' (want HOST:PORT, e.g. "
                              "127.0.0.1:9464)",
                              s),
                   -1;
        hl = (size_t)(colon - s);
    }
    errno = 0;
    p = strtol(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end || errno || p < 0 || p > 65535)
        return fb__seterr(err, errlen, "bad port in '%.64s' (want 0 to 65535)",
                          s),
               -1;
    if (hl == 0 || hl >= hostlen)
        return fb__seterr(err, errlen, "bad host in '%.64s'", s), -1;
    memcpy(host, h, hl);
    host[hl] = '\0';
    if (strcmp(host, "localhost") == 0)
        snprintf(host, hostlen, "127.0.0.1");
    *port = (int)p;
    return 0;
}

/* The socket address of o->listen. 0, or -1 (err). */
static int listen_addr(const char *listen, struct sockaddr_storage *ss, int *v6,
                       char *err, size_t errlen)
{
    char host[64];
    int port;
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

    if (fb__httpd_parse_listen(listen, host, sizeof host, &port, err, errlen))
        return -1;
    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *v6 = 0;
        return 0;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        return 0;
    }
    return fb__seterr(err, errlen,
                      "bad host '%s' (want an IP address or localhost)", host),
           -1;
}

static int queue(struct MHD_Connection *c, int status, const char *type,
                 char *body)
{
    struct MHD_Response *r;
    enum MHD_Result rc;

    if (!body)
        body = strdup("");
    if (!body)
        return MHD_NO;
    r = MHD_create_response_from_buffer(strlen(body), body,
                                        MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type",
                            type ? type : "text/plain; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    rc = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return rc;
}

static int too_large(struct MHD_Connection *c, const fb__httpd *d)
{
    char *msg = NULL;
    fb__metrics_add(FB__M_WEBHOOK_TOO_LARGE, 1);
    if (asprintf(&msg, "request body larger than %zu bytes\n", d->max_body) < 0)
        msg = NULL;
    return queue(c, 413, NULL, msg);
}

/* First call of a request: its state, or a 413 by Content-Length. */
static int begin(fb__httpd *d, struct MHD_Connection *c, void **cls)
{
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    conn_state *s;

    if (cl && strtoull(cl, NULL, 10) > d->max_body)
        return too_large(c, d);
    s = calloc(1, sizeof *s);
    if (!s)
        return MHD_NO;
    *cls = s;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    fb__httpd *d = cls;
    conn_state *s = *con_cls;
    fb__http_req req;
    fb__http_resp resp = {200, NULL, NULL};

    (void)version;
    if (!s)
        return begin(d, c, con_cls) ? MHD_YES : MHD_NO;
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (s->too_large || s->len + n > d->max_body) {
            s->too_large = 1;
            return MHD_YES;
        }
        char *nb = realloc(s->body, s->len + n + 1);
        if (!nb)
            return MHD_NO;
        memcpy(nb + s->len, upload, n);
        s->body = nb;
        s->len += n;
        s->body[s->len] = '\0';
        return MHD_YES;
    }
    if (s->too_large)
        return too_large(c, d) ? MHD_YES : MHD_NO;
    req.method = method;
    req.path = url;
    req.secret = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                             "X-Telegram-Bot-Api-Secret-Token");
    req.body = s->body ? s->body : "";
    req.body_len = s->len;
    d->fn(d->ud, &req, &resp);
    return queue(c, resp.status, resp.content_type, resp.body) ? MHD_YES
                                                               : MHD_NO;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    conn_state *s = *con_cls;
    (void)cls;
    (void)c;
    (void)toe;
    if (s) {
        free(s->body);
        free(s);
        *con_cls = NULL;
    }
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    const fb__httpd *d = cls;
    char msg[256];
    const char *kv[] = {"server", d->what, NULL};

    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    fb__log_kv(FB_LOG_WARN, NULL, "http_error", kv, "%s", msg);
}

/* Read a PEM file whole. NULL (err) when it cannot be. */
static char *read_pem(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char *buf;
    size_t n;

    if (!f)
        return fb__seterr(err, errlen, "cannot read %s: %s", path,
                          strerror(errno)),
               NULL;
    buf = malloc(TLS_FILE_MAX + 1);
    n = buf ? fread(buf, 1, TLS_FILE_MAX, f) : 0;
    fclose(f);
    if (!buf || n == 0 || n == TLS_FILE_MAX) {
        free(buf);
        return fb__seterr(err, errlen, "%s is empty or too large", path), NULL;
    }
    buf[n] = '\0';
    return buf;
}

static int load_tls(fb__httpd *d, const fb__httpd_opts *o, char *err,
                    size_t errlen)
{
    if (!o->tls_cert_file && !o->tls_key_file)
        return 0;
    if (!o->tls_cert_file || !o->tls_key_file)
        return fb__seterr(err, errlen,
                          "TLS needs both a certificate and a key"),
               -1;
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
        return fb__seterr(err, errlen,
                          "this libmicrohttpd has no TLS (GnuTLS) support"),
               -1;
    d->cert = read_pem(o->tls_cert_file, err, errlen);
    d->key = d->cert ? read_pem(o->tls_key_file, err, errlen) : NULL;
    return d->cert && d->key ? 0 : -1;
}

static void httpd_free(fb__httpd *d)
{
    if (d->key)
        memset(d->key, 0, strlen(d->key));
    free(d->key);
    free(d->cert);
    free(d);
}

fb__httpd *fb__httpd_start(const fb__httpd_opts *o, fb__http_fn fn, void *ud,
                           char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    const union MHD_DaemonInfo *info;
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    int v6;
    fb__httpd *d = calloc(1, sizeof *d);

    if (!d)
        return fb__seterr(err, errlen, "out of memory"), NULL;
    d->fn = fn;
    d->ud = ud;
    d->max_body = o->max_body;
    snprintf(d->what, sizeof d->what, "%s", o->what ? o->what : "http");
    if (listen_addr(o->listen, &ss, &v6, err, errlen) ||
        load_tls(d, o, err, errlen)) {
        httpd_free(d);
        return NULL;
    }
    flags |= v6 ? MHD_USE_IPv6 : 0;
    flags |= d->cert ? MHD_USE_TLS : 0;
    d->d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, d, MHD_OPTION_EXTERNAL_LOGGER,
        on_mhd_log, d, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, d,
        d->cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, d->cert,
        MHD_OPTION_HTTPS_MEM_KEY, d->key, MHD_OPTION_END);
    if (!d->d) {
        fb__seterr(err, errlen, "cannot listen on %s (%s)", o->listen,
                   errno ? strerror(errno) : "address in use or TLS refused");
        httpd_free(d);
        return NULL;
    }
    info = MHD_get_daemon_info(d->d, MHD_DAEMON_INFO_BIND_PORT);
    d->port = info ? (int)info->port : 0;
    return d;
}

int fb__httpd_port(const fb__httpd *d)
{
    return d ? d->port : 0;
}

void fb__httpd_stop(fb__httpd *d)
{
    if (!d)
        return;
    MHD_stop_daemon(d->d);
    httpd_free(d);
}
