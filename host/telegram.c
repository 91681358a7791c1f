/* host/telegram: see telegram.h. */
#include "telegram.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curlbuf.h"
#include "log.h"
#include "metrics.h"
#include "mutex.h"

#define POOL_MAX 16
#define CONNECT_MS_DEFAULT 10000L
#define TOTAL_MS_DEFAULT 30000L
#define POLL_GRACE_MS 15000L
#define MAX_RESPONSE (64L * 1024 * 1024)

struct fb__tg {
    char *base; /* api_url/bot<TOKEN>/ -- secret, never logged */
    long connect_ms;
    long total_ms;
    pthread_mutex_t lock;
    CURL *idle[POOL_MAX];
    int n_idle;
    struct curl_slist *json_hdr; /* Content-Type of every JSON call */
    atomic_long connects; /* new connections opened, for tests and stats */
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_init_rc;

static void curl_init(void)
{
    curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

fb__tg *fb__tg_new(const char *api_url, const char *token)
{
    fb__tg *tg;
    size_t ulen;

    if (api_url == NULL || token == NULL || !*api_url || !*token)
        return NULL;
    pthread_once(&curl_once, curl_init);
    if (curl_init_rc != 0 || fb__log_add_secret(token) != 0)
        return NULL;
    tg = calloc(1, sizeof *tg);
    if (tg == NULL)
        return NULL;
    ulen = strlen(api_url);
    while (ulen > 0 && api_url[ulen - 1] == '/')
        ulen--;
    tg->base = malloc(ulen + strlen(token) + 6);
    tg->json_hdr = curl_slist_append(NULL, "Content-Type: application/json");
    if (tg->base == NULL || tg->json_hdr == NULL ||
        fb__mutex_init_hot(&tg->lock) != 0) {
        curl_slist_free_all(tg->json_hdr);
        free(tg->base);
        free(tg);
        return NULL;
    }
    sprintf(tg->base, "%.*s/bot%s/", (int)ulen, api_url, token);
    atomic_init(&tg->connects, 0);
    tg->connect_ms = CONNECT_MS_DEFAULT;
    tg->total_ms = TOTAL_MS_DEFAULT;
    return tg;
}

void fb__tg_free(fb__tg *tg)
{
    int i;

    if (tg == NULL)
        return;
    for (i = 0; i < tg->n_idle; i++)
        curl_easy_cleanup(tg->idle[i]);
    pthread_mutex_destroy(&tg->lock);
    curl_slist_free_all(tg->json_hdr);
    memset(tg->base, 0, strlen(tg->base));
    free(tg->base);
    free(tg);
}

long fb__tg_connections(fb__tg *tg)
{
    return atomic_load(&tg->connects);
}

void fb__tg_set_timeouts(fb__tg *tg, long connect_ms, long total_ms)
{
    if (connect_ms > 0)
        tg->connect_ms = connect_ms;
    if (total_ms > 0)
        tg->total_ms = total_ms;
}

/* ---- handle pool ------------------------------------------------------- */

/* CURLOPT_PRIVATE of a handle set up for JSON calls (set_fixed and the
 * JSON header): the next JSON call keeps that set-up. */
static char json_tag[] = "json";

/* A handle from the pool (or a new one). With json, one the last JSON call
 * left set up is returned as it is (*kept = 1); any other is reset to
 * curl's defaults (keeping its connection cache), *kept = 0. */
static CURL *handle_get(fb__tg *tg, int json, int *kept)
{
    CURL *h = NULL;
    char *tag = NULL;

    *kept = 0;
    pthread_mutex_lock(&tg->lock);
    if (tg->n_idle > 0)
        h = tg->idle[--tg->n_idle];
    pthread_mutex_unlock(&tg->lock);
    if (h == NULL)
        return curl_easy_init();
    if (json && curl_easy_getinfo(h, CURLINFO_PRIVATE, &tag) == CURLE_OK &&
        tag == json_tag) {
        *kept = 1;
        return h;
    }
    curl_easy_reset(h); /* keeps the connection cache */
    return h;
}

static void handle_put(fb__tg *tg, CURL *h)
{
    pthread_mutex_lock(&tg->lock);
    if (tg->n_idle < POOL_MAX) {
        tg->idle[tg->n_idle++] = h;
        h = NULL;
    }
    pthread_mutex_unlock(&tg->lock);
    if (h)
        curl_easy_cleanup(h);
}

/* ---- one request --------------------------------------------------------- */

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                       curl_off_t un)
{
    const atomic_int *cancel = ud;
    return cancel && atomic_load(cancel) ? 1 : 0;
}

static void set_desc(fb__tg_error *err, const char *text)
{
    if (err)
        fb__log_redact(text, err->description, sizeof err->description);
}

/* The options every request has alike. */
static void set_fixed(CURL *h)
{
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "fitbot/" FITBOT_VERSION);
}

/* The options of this request. */
static void set_per_call(fb__tg *tg, CURL *h, const char *url, long total_ms,
                         const atomic_int *cancel, fb__curlbuf *body)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, tg->connect_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                     total_ms > 0 ? total_ms : tg->total_ms);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, cancel ? 0L : 1L);
    if (cancel) {
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, (void *)cancel);
    }
}

/* Options for every request (a handle fresh or reset). */
static void set_common(fb__tg *tg, CURL *h, const char *url, long total_ms,
                       const atomic_int *cancel, fb__curlbuf *body)
{
    set_fixed(h);
    set_per_call(tg, h, url, total_ms, cancel, body);
}

/* Read error_code, description and parameters.retry_after of ok:false. */
static void parse_failure(const cJSON *root, long status, fb__tg_error *err)
{
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(root, "error_code");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(root, "description");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "parameters");
    int64_t v;

    if (err == NULL)
        return;
    err->error_code = fb__json_int64(code, &v) == 0 ? (int)v : (int)status;
    if (fb__json_get_int64(params, "retry_after", &v) == 0 && v > 0 &&
        v < 86400)
        err->retry_after = (int)v;
    if (cJSON_IsString(desc))
        set_desc(err, desc->valuestring);
    else
        set_desc(err, "no description");
}

/* p (len bytes) past the blanks at its start. */
static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

/* Whether the answer opens with the member "ok": true (as the Bot API
 * writes every success: {"ok":true,"result":...}), read without building
 * the whole tree: a caller that wants no result learns all it needs. */
static int opens_ok_true(const fb__curlbuf *body)
{
    const char *p = body->p, *end = p ? p + body->len : NULL;
    static const char *const tokens[] = {"{", "\"ok\"", ":", "true"};

    if (p == NULL)
        return 0;
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
        size_t n = strlen(tokens[i]);
        p = skip_blanks(p, end);
        if ((size_t)(end - p) < n || memcmp(p, tokens[i], n) != 0)
            return 0;
        p += n;
    }
    p = skip_blanks(p, end);
    return p < end && (*p == ',' || *p == '}');
}

/* Turn an HTTP answer into FB__TG_*. On success *result gets the detached
 * "result" member. */
static int parse_answer(const fb__curlbuf *body, long status, cJSON **result,
                        fb__tg_error *err, char **bad)
{
    cJSON *root;
    const cJSON *ok;
    int rc;

    if (err)
        err->http_status = status;
    if (!result && status == 200 && opens_ok_true(body))
        return FB__TG_OK; /* a sent reply's Message is not read */
    root = body->p ? fb__json_parse_exact(body->p, body->len) : NULL;
    ok = cJSON_GetObjectItemCaseSensitive(root, "ok");
    if (!cJSON_IsBool(ok)) {
        char msg[64];
        snprintf(msg, sizeof msg, "unexpected answer (HTTP %ld)", status);
        set_desc(err, msg);
        if (err && status >= 400)
            err->error_code = (int)status;
        else if (err)
            err->network = 1;
        if (bad && status < 400)
            *bad = strndup(body->p ? body->p : "", body->len);
        cJSON_Delete(root);
        return status >= 400 ? FB__TG_ERR : FB__TG_NETWORK;
    }
    if (cJSON_IsTrue(ok)) {
        if (result)
            *result = cJSON_DetachItemFromObjectCaseSensitive(root, "result");
        rc = FB__TG_OK;
    } else {
        parse_failure(root, status, err);
        rc = FB__TG_ERR;
    }
    cJSON_Delete(root);
    return rc;
}

/* The metrics of an answer: Telegram reached (an envelope came back),
 * a failure, a 429 and its wait. */
static void count_answer(int rc, const fb__tg_error *err)
{
    if (rc == FB__TG_OK || rc == FB__TG_ERR)
        fb__metrics_tg_reached();
    if (rc == FB__TG_OK)
        return;
    fb__metrics_add(FB__M_TG_ERRORS, 1);
    if (err && err->error_code == 429) {
        fb__metrics_add(FB__M_TG_429, 1);
        fb__metrics_add(
            FB__M_TG_RETRY_WAIT_MS,
            (uint64_t)(err->retry_after > 0 ? err->retry_after : 0) * 1000);
    }
}

/* Perform the prepared handle and classify the outcome. */
static int perform(fb__tg *tg, CURL *h, fb__curlbuf *body, cJSON **result,
                   fb__tg_error *err, char **bad)
{
    CURLcode cc = curl_easy_perform(h);
    long status = 0, connects = 0;
    int rc;

    if (curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
        atomic_fetch_add(&tg->connects, connects);

    if (cc == CURLE_ABORTED_BY_CALLBACK) {
        set_desc(err, "cancelled");
        return FB__TG_CANCELLED;
    }
    if (cc != CURLE_OK) {
        if (err)
            err->network = 1;
        set_desc(err, curl_easy_strerror(cc));
        count_answer(FB__TG_NETWORK, err);
        return FB__TG_NETWORK;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    rc = parse_answer(body, status, result, err, bad);
    count_answer(rc, err);
    return rc;
}

static char *method_url(const fb__tg *tg, const char *method)
{
    char *url = malloc(strlen(tg->base) + strlen(method) + 1);
    if (url)
        sprintf(url, "%s%s", tg->base, method);
    return url;
}

/* fb__tg_call_ex; *bad (when bad is not NULL) takes a copy of an HTTP
 * answer below 400 that is not a Bot API envelope. */
static int call(fb__tg *tg, const char *method, const cJSON *params,
                long total_ms, const atomic_int *cancel, cJSON **result,
                fb__tg_error *err, char **bad)
{
    fb__curlbuf body = {NULL, 0, MAX_RESPONSE};
    char *url = NULL, *json = NULL;
    CURL *h = NULL;
    int rc = FB__TG_LOCAL, kept = 0;

    if (result)
        *result = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    if (tg == NULL || method == NULL)
        goto out;
    url = method_url(tg, method);
    json = params ? cJSON_PrintUnformatted(params) : strdup("{}");
    h = handle_get(tg, 1, &kept);
    if (url == NULL || json == NULL || h == NULL) {
        set_desc(err, "out of memory");
        goto out;
    }
    if (!kept) { /* a fresh or reset handle: set up for JSON calls */
        set_fixed(h);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, tg->json_hdr);
        curl_easy_setopt(h, CURLOPT_PRIVATE, json_tag);
    }
    set_per_call(tg, h, url, total_ms, cancel, &body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, json);
    rc = perform(tg, h, &body, result, err, bad);
out:
    if (h)
        handle_put(tg, h);
    free(url);
    free(json);
    free(body.p);
    return rc;
}

int fb__tg_call_ex(fb__tg *tg, const char *method, const cJSON *params,
                   long total_ms, const atomic_int *cancel, cJSON **result,
                   fb__tg_error *err)
{
    return call(tg, method, params, total_ms, cancel, result, err, NULL);
}

int fb__tg_call(fb__tg *tg, const char *method, const cJSON *params,
                cJSON **result, fb__tg_error *err)
{
    return fb__tg_call_ex(tg, method, params, 0, NULL, result, err);
}

/* ---- file download ------------------------------------------------------ */

/* api_url/file/bot<TOKEN>/path from base (api_url/bot<TOKEN>/): a token
 * has no '/', so the last "/bot" is the one before it. */
static char *file_url(const fb__tg *tg, const char *path)
{
    const char *bot = NULL;
    char *url;

    for (const char *p = strstr(tg->base, "/bot"); p; p = strstr(p + 1, "/bot"))
        bot = p;
    if (!bot)
        return NULL;
    url = malloc(strlen(tg->base) + strlen(path) + 6);
    if (url)
        sprintf(url, "%.*s/file%s%s", (int)(bot - tg->base), tg->base, bot,
                path);
    return url;
}

/* GET the file at path (at most max bytes) into *bytes, *len. */
static int fetch_file(fb__tg *tg, const char *path, size_t max, char **bytes,
                      size_t *len, fb__tg_error *err)
{
    fb__curlbuf body = {NULL, 0, max};
    char *url = file_url(tg, path);
    int kept;
    CURL *h = handle_get(tg, 0, &kept);
    long status = 0;
    CURLcode cc = CURLE_OUT_OF_MEMORY;

    if (url && h) {
        set_common(tg, h, url, 0, NULL, &body);
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        cc = curl_easy_perform(h);
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    }
    if (h)
        handle_put(tg, h);
    free(url);
    if (cc != CURLE_OK || status != 200) {
        int net = cc != CURLE_OK && cc != CURLE_WRITE_ERROR;

        free(body.p);
        if (err)
            err->http_status = status, err->network = net;
        set_desc(err, cc == CURLE_WRITE_ERROR ? "the file is too large"
                      : net                   ? curl_easy_strerror(cc)
                                              : "the file could not be read");
        return net ? FB__TG_NETWORK : FB__TG_ERR;
    }
    *bytes = body.p ? body.p : calloc(1, 1);
    *len = body.len;
    return *bytes ? FB__TG_OK : FB__TG_LOCAL;
}

/* See telegram.h. */
int fb__tg_download(fb__tg *tg, const char *file_id, size_t max, char **bytes,
                    size_t *len, fb__tg_error *err)
{
    cJSON *params = cJSON_CreateObject(), *res = NULL;
    const cJSON *path;
    int rc = FB__TG_LOCAL;

    *bytes = NULL;
    *len = 0;
    if (err)
        memset(err, 0, sizeof *err);
    if (params && cJSON_AddStringToObject(params, "file_id", file_id))
        rc = fb__tg_call(tg, "getFile", params, &res, err);
    cJSON_Delete(params);
    path = cJSON_GetObjectItemCaseSensitive(res, "file_path");
    if (rc == FB__TG_OK && !cJSON_IsString(path)) {
        set_desc(err, "getFile gave no file_path");
        rc = FB__TG_ERR;
    }
    if (rc == FB__TG_OK)
        rc = fetch_file(tg, path->valuestring, max, bytes, len, err);
    cJSON_Delete(res);
    return rc;
}

/* ---- multipart upload -------------------------------------------------- */

static int mime_text(curl_mime *m, const char *name, const char *value)
{
    curl_mimepart *p = curl_mime_addpart(m);
    if (p == NULL || curl_mime_name(p, name) != CURLE_OK ||
        curl_mime_data(p, value, CURL_ZERO_TERMINATED) != CURLE_OK)
        return -1;
    return 0;
}

/* Every member of extra as a form field (strings as is, numbers and
 * objects as JSON text). */
static int mime_extra(curl_mime *m, const cJSON *extra)
{
    const cJSON *it;

    cJSON_ArrayForEach(it, extra)
    {
        char *text;
        int rc;
        if (cJSON_IsString(it)) {
            rc = mime_text(m, it->string, it->valuestring);
            if (rc)
                return -1;
            continue;
        }
        text = cJSON_PrintUnformatted(it);
        if (text == NULL)
            return -1;
        rc = mime_text(m, it->string, text);
        cJSON_free(text);
        if (rc)
            return -1;
    }
    return 0;
}

static curl_mime *build_form(CURL *h, int64_t chat_id, const char *field,
                             const char *filename, const void *bytes,
                             size_t len, const char *caption,
                             const cJSON *extra)
{
    curl_mime *m = curl_mime_init(h);
    curl_mimepart *p;
    char id[32];

    if (m == NULL)
        return NULL;
    snprintf(id, sizeof id, "%" PRId64, chat_id);
    if (mime_text(m, "chat_id", id) != 0)
        goto fail;
    p = curl_mime_addpart(m);
    if (p == NULL || curl_mime_name(p, field) != CURLE_OK ||
        curl_mime_data(p, bytes, len) != CURLE_OK ||
        curl_mime_filename(p, filename) != CURLE_OK)
        goto fail;
    if (caption && (mime_text(m, "caption", caption) != 0 ||
                    mime_text(m, "parse_mode", "HTML") != 0))
        goto fail;
    if (extra && mime_extra(m, extra) != 0)
        goto fail;
    return m;
fail:
    curl_mime_free(m);
    return NULL;
}

int fb__tg_upload(fb__tg *tg, const char *method, int64_t chat_id,
                  const char *field, const char *filename, const void *bytes,
                  size_t len, const char *caption, const cJSON *extra,
                  cJSON **result, fb__tg_error *err)
{
    fb__curlbuf body = {NULL, 0, MAX_RESPONSE};
    curl_mime *form = NULL;
    char *url = NULL;
    CURL *h = NULL;
    int rc = FB__TG_LOCAL, kept;

    if (result)
        *result = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    if (!tg || !method || !field || !filename || (!bytes && len))
        goto out;
    url = method_url(tg, method);
    h = handle_get(tg, 0, &kept);
    if (url == NULL || h == NULL)
        goto out;
    form = build_form(h, chat_id, field, filename, bytes ? bytes : "", len,
                      caption, extra);
    if (form == NULL)
        goto out;
    set_common(tg, h, url, tg->total_ms * 2, NULL, &body);
    curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
    rc = perform(tg, h, &body, result, err, NULL);
out:
    if (rc == FB__TG_LOCAL)
        set_desc(err, "bad argument or out of memory");
    curl_mime_free(form);
    if (h)
        handle_put(tg, h);
    free(url);
    free(body.p);
    return rc;
}

/* ---- helpers on top of fb__tg_call -------------------------------------- */

int fb__tg_get_updates(fb__tg *tg, int64_t offset, int timeout_s,
                       const atomic_int *cancel, cJSON **updates,
                       fb__tg_error *err)
{
    return fb__tg_get_updates_ex(tg, offset, timeout_s, 0, cancel, updates,
                                 err, NULL);
}

int fb__tg_get_updates_ex(fb__tg *tg, int64_t offset, int timeout_s,
                          int limit, const atomic_int *cancel,
                          cJSON **updates, fb__tg_error *err, char **bad)
{
    cJSON *p = cJSON_CreateObject(), *allowed;
    int rc = FB__TG_LOCAL;

    *updates = NULL;
    if (bad)
        *bad = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    if (p == NULL)
        goto out;
    allowed = cJSON_AddArrayToObject(p, "allowed_updates");
    if (allowed == NULL ||
        !cJSON_AddItemToArray(allowed, cJSON_CreateString("message")) ||
        !cJSON_AddItemToArray(allowed, cJSON_CreateString("callback_query")) ||
        fb__json_add_id(p, "offset", offset) != 0 ||
        !cJSON_AddNumberToObject(p, "timeout", timeout_s) ||
        (limit > 0 && !cJSON_AddNumberToObject(p, "limit", limit)))
        goto out;
    rc = call(tg, "getUpdates", p, timeout_s * 1000L + POLL_GRACE_MS, cancel,
              updates, err, bad);
    if (rc == FB__TG_OK && !cJSON_IsArray(*updates)) {
        if (bad)
            *bad = cJSON_PrintUnformatted(*updates);
        cJSON_Delete(*updates);
        *updates = NULL;
        if (err)
            err->network = 1;
        set_desc(err, "getUpdates result is not an array");
        rc = FB__TG_NETWORK;
    }
out:
    if (rc == FB__TG_LOCAL && err && !err->description[0])
        set_desc(err, "out of memory");
    cJSON_Delete(p);
    return rc;
}

int fb__tg_answer_callback(fb__tg *tg, const char *callback_query_id,
                           const char *text, int alert, fb__tg_error *err)
{
    cJSON *p = cJSON_CreateObject();
    int rc = FB__TG_LOCAL;

    if (p == NULL || callback_query_id == NULL ||
        !cJSON_AddStringToObject(p, "callback_query_id", callback_query_id) ||
        (text && *text && !cJSON_AddStringToObject(p, "text", text)) ||
        (alert && !cJSON_AddTrueToObject(p, "show_alert"))) {
        if (err)
            memset(err, 0, sizeof *err);
        set_desc(err, "bad argument or out of memory");
        goto out;
    }
    rc = fb__tg_call(tg, "answerCallbackQuery", p, NULL, err);
out:
    cJSON_Delete(p);
    return rc;
}

int fb__tg_error_retryable(const fb__tg_error *err)
{
    if (err == NULL)
        return 0;
    return err->network || err->error_code == 429 || err->error_code >= 500 ||
           err->http_status >= 500;
}
