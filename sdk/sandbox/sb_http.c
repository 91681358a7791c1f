#include "sb_http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sb_bot.h"
#include "sb_clock.h"
#include "sb_control.h"
#include "sb_log.h"
#include "sb_store.h"

#define POST_BUFFER 16384

struct sb_server {
    struct MHD_Daemon *d;
};

enum { BODY_RAW = 0, BODY_FORM = 1 };

typedef struct field {
    char *key, *file_name, *mime;
    unsigned char *data;
    size_t len, cap;
    int open;
} field;

typedef struct req {
    sb_params params;
    int kind;
    struct MHD_PostProcessor *pp;
    char *raw;
    size_t len, cap, limit, total;
    int too_big, bad_form;
    field f;
} req;

/* ---- body collection ---- */
static int append(unsigned char **buf, size_t *len, size_t *cap,
                  const char *data, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t ncap = *cap ? *cap : 1024;
        while (ncap < *len + n + 1)
            ncap *= 2;
        unsigned char *p = realloc(*buf, ncap);
        if (!p)
            return -1;
        *buf = p;
        *cap = ncap;
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

static void field_reset(field *f)
{
    free(f->key);
    free(f->file_name);
    free(f->mime);
    free(f->data);
    memset(f, 0, sizeof(*f));
}

/* Moves the finished form field into the parameters. */
static int field_flush(req *r)
{
    field *f = &r->f;
    int rc = 0;
    if (!f->open)
        return 0;
    if (f->file_name) {
        rc = fb__sb_params_add_file(&r->params, f->key, f->file_name, f->mime,
                                    f->data, f->len);
        f->data = NULL;
    } else {
        rc = fb__sb_params_add_str(&r->params, f->key,
                                   f->data ? (char *)f->data : "", f->len, 1);
    }
    field_reset(f);
    return rc;
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *filename,
                                const char *content_type,
                                const char *transfer_encoding, const char *data,
                                uint64_t off, size_t size)
{
    req *r = cls;
    (void)kind;
    (void)transfer_encoding;
    if (off == 0 || !r->f.open || strcmp(r->f.key, key) != 0) {
        if (field_flush(r) != 0)
            return MHD_NO;
        r->f.open = 1;
        r->f.key = strdup(key);
        r->f.file_name = filename ? strdup(filename) : NULL;
        r->f.mime = content_type ? strdup(content_type) : NULL;
        if (!r->f.key || (filename && !r->f.file_name) ||
            (content_type && !r->f.mime))
            return MHD_NO;
    }
    if (size && append(&r->f.data, &r->f.len, &r->f.cap, data, size) != 0)
        return MHD_NO;
    return MHD_YES;
}

static int is_form(const char *ctype)
{
    return ctype &&
           (strncasecmp(ctype, "multipart/form-data", 19) == 0 ||
            strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0);
}

/* The control API always takes JSON, whatever the Content-Type says. */
static req *req_new(struct MHD_Connection *conn, const char *url)
{
    req *r = calloc(1, sizeof(*r));
    if (!r || fb__sb_params_init(&r->params) != 0) {
        free(r);
        return NULL;
    }
    const char *ctype = MHD_lookup_connection_value(
        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    r->limit = SB_MAX_JSON_BODY;
    if (is_form(ctype) && strncmp(url, "/sandbox/", 9) != 0) {
        r->kind = BODY_FORM;
        if (strncasecmp(ctype, "multipart/", 10) == 0)
            r->limit = SB_MAX_UPLOAD_BODY;
        r->pp = MHD_create_post_processor(conn, POST_BUFFER, on_field, r);
        if (!r->pp)
            r->bad_form = 1;
    }
    const char *clen = MHD_lookup_connection_value(
        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    /* A body a little over the cap is read and discarded so that the client,
     * still sending, gets the 413; a far bigger one is refused at once. */
    unsigned long long announced = clen ? strtoull(clen, NULL, 10) : 0;
    if (announced > r->limit)
        r->too_big = announced > (unsigned long long)r->limit * 8 ? 2 : 1;
    return r;
}

static void req_free(req *r)
{
    if (!r)
        return;
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    field_reset(&r->f);
    fb__sb_params_free(&r->params);
    free(r->raw);
    free(r);
}

static void req_feed(req *r, const char *data, size_t n)
{
    r->total += n;
    if (r->too_big || r->total > r->limit) {
        r->too_big = 1;
        return;
    }
    if (r->kind == BODY_FORM) {
        if (r->pp && !r->bad_form &&
            MHD_post_process(r->pp, data, n) != MHD_YES)
            r->bad_form = 1;
        return;
    }
    if (append((unsigned char **)&r->raw, &r->len, &r->cap, data, n) != 0)
        r->too_big = 1;
}

/* ---- parameters ---- */
int fb__sb_http_json_body(const char *body, size_t len, sb_params *p,
                          sb_out *out)
{
    size_t i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' ||
                       body[i] == '\t'))
        i++;
    if (i == len)
        return 0;
    cJSON *obj = fb__sb_json_parse_exact(body, len);
    if (!cJSON_IsObject(obj)) {
        cJSON_Delete(obj);
        fb__sb_out_err(out, 400, "Bad Request: can't parse JSON object", 0);
        return -1;
    }
    return fb__sb_params_merge_json(p, obj);
}

static enum MHD_Result on_query(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *value)
{
    (void)kind;
    sb_params *p = cls;
    if (key)
        fb__sb_params_add_str(p, key, value ? value : "",
                              value ? strlen(value) : 0, 0);
    return MHD_YES;
}

/* Finishes the body. Returns 0, or -1 with the error reply in out. */
static int req_finish(struct MHD_Connection *conn, req *r, sb_out *out)
{
    if (r->too_big) {
        fb__sb_out_err(out, 413, "Request Entity Too Large", 0);
        return -1;
    }
    if (r->kind == BODY_FORM) {
        if (r->pp)
            MHD_destroy_post_processor(
                r->pp); /* delivers the last urlencoded field */
        r->pp = NULL;
        if (r->bad_form || field_flush(r) != 0) {
            fb__sb_out_err(out, 400, "Bad Request: can't parse request body",
                           0);
            return -1;
        }
    } else if (fb__sb_http_json_body(r->raw ? r->raw : "", r->len, &r->params,
                                     out) != 0) {
        return -1;
    }
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, on_query,
                              &r->params);
    return 0;
}

/* ---- routing ---- */
void fb__sb_http_dispatch(const char *verb, const char *url, sb_params *p,
                          sb_out *out)
{
    if (strncmp(url, "/sandbox/", 9) == 0) {
        fb__sb_control(verb, url + 9, p, out);
        return;
    }
    int file = strncmp(url, "/file/bot", 9) == 0;
    if (file || strncmp(url, "/bot", 4) == 0) {
        const char *tok = url + (file ? 9 : 4);
        const char *slash = strchr(tok, '/');
        if (slash && slash > tok) {
            char *token = strndup(tok, (size_t)(slash - tok));
            if (!token) {
                fb__sb_out_err(out, 500, "Internal Server Error", 0);
                return;
            }
            if (file)
                fb__sb_bot_file(token, slash + 1, out);
            else
                fb__sb_bot_call(token, slash + 1, p, out);
            free(token);
            return;
        }
    }
    fb__sb_out_err(out, 404, "Not Found", 0);
}

/* Logs a finished request by method or control path, never the token. */
static void log_request(const char *url, const sb_out *out, double ms)
{
    const char *name = url, *side = "other";
    if (strncmp(url, "/sandbox/", 9) == 0) {
        name = url + 9;
        side = "control";
    } else if (strncmp(url, "/bot", 4) == 0 && strchr(url + 4, '/')) {
        name = strchr(url + 4, '/') + 1;
        side = "bot";
    } else if (strncmp(url, "/file/", 6) == 0) {
        name = "file";
        side = "file";
    }
    fb__sb_log_call(side, name, out->drop ? 0 : out->status, ms);
}

static enum MHD_Result send_out(struct MHD_Connection *conn, sb_out *out)
{
    if (out->drop)
        return MHD_NO;
    if (!out->body)
        fb__sb_out_err(out, 500, "Internal Server Error", 0);
    size_t len = out->content_type ? out->body_len : strlen(out->body);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, out->body, MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return MHD_NO;
    out->body = NULL;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            out->content_type ? out->content_type
                                              : "application/json");
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)out->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)cls;
    (void)version;
    req *r = *con_cls;
    if (!r) {
        r = req_new(conn, url);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        if (r->too_big != 2)
            return MHD_YES;
        sb_out out = {0};
        fb__sb_out_err(&out, 413, "Request Entity Too Large", 0);
        return send_out(conn, &out);
    }
    if (*upload_data_size) {
        req_feed(r, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    sb_out out = {0};
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    r->params.client_fd = ci ? ci->connect_fd : -1;
    double start = fb__sb_clock_real_ms();
    if (req_finish(conn, r, &out) == 0)
        fb__sb_http_dispatch(method, url, &r->params, &out);
    log_request(url, &out, fb__sb_clock_real_ms() - start);
    enum MHD_Result rc = send_out(conn, &out);
    fb__sb_out_free(&out);
    return rc;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    req_free(*con_cls);
    *con_cls = NULL;
}

sb_server *fb__sb_http_start(uint16_t port, uint16_t *bound)
{
    sb_server *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->d = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
            MHD_USE_POLL,
        port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&addr, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)300,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)2000, MHD_OPTION_END);
    if (!s->d) {
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    *bound = info ? info->port : port;
    return s;
}

void fb__sb_http_stop(sb_server *s)
{
    if (!s)
        return;
    sb_state *st = fb__sb_state();
    fb__sb_lock();
    __atomic_store_n(&st->stopping, 1, __ATOMIC_RELEASE);
    fb__sb_changed(st);
    fb__sb_unlock();
    fb__sb_clock_sleep_ms(150); /* woken long polls send their answers */
    MHD_stop_daemon(s->d);
    free(s);
}
