/* See sbx.h. */
#define _GNU_SOURCE
#include "sbx.h"

#include "fbtc.h"

#include <check.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SANDBOX_BIN
#define SANDBOX_BIN "fitbot-sandbox"
#endif

static void child(const sbx *s, const char *scale)
{
    int fd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (fd < 0)
        _exit(127);
    dup2(fd, 1);
    dup2(fd, 2);
    execl(SANDBOX_BIN, SANDBOX_BIN, "--port", "0", "--token", s->token,
          "--time-scale", scale, (char *)NULL);
    _exit(127);
}

/* Wait for the "listening on http://127.0.0.1:PORT" line. */
static int read_url(sbx *s)
{
    static const char mark[] = "listening on ";
    int i;

    for (i = 0; i < 500; i++) {
        char buf[4096] = "";
        FILE *f = fopen(s->log, "r");
        size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        char *p;
        if (f)
            fclose(f);
        buf[n] = '\0';
        p = strstr(buf, mark);
        if (p && strchr(p, '\n')) {
            p += sizeof mark - 1;
            snprintf(s->url, sizeof s->url, "%.*s", (int)strcspn(p, " \r\n"),
                     p);
            return 0;
        }
        if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
            s->pid = 0;
            return -1;
        }
        fbtc_sleep_ms(10);
    }
    return -1;
}

void sbx_start(sbx *s, const char *token, double scale)
{
    char sc[32];

    memset(s, 0, sizeof *s);
    snprintf(s->token, sizeof s->token, "%s", token);
    snprintf(s->log, sizeof s->log, "/tmp/fitbot-sbx-%d-XXXXXX", (int)getpid());
    ck_assert_int_ge(mkstemp(s->log), 0);
    snprintf(sc, sizeof sc, "%g", scale);
    s->pid = fork();
    ck_assert_int_ge(s->pid, 0);
    if (s->pid == 0)
        child(s, sc);
    ck_assert_msg(read_url(s) == 0, "sandbox did not start (%s)", SANDBOX_BIN);
}

void sbx_stop(sbx *s)
{
    int i;

    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        for (i = 0; i < 200 && waitpid(s->pid, NULL, WNOHANG) == 0; i++)
            fbtc_sleep_ms(10);
        if (i == 200) {
            kill(s->pid, SIGKILL);
            waitpid(s->pid, NULL, 0);
        }
        s->pid = 0;
    }
    if (s->log[0])
        unlink(s->log);
}

fb__tg *sbx_start_tg(sbx *s, const char *token, double scale)
{
    fb__tg *tg;

    sbx_start(s, token, scale);
    tg = fb__tg_new(s->url, token);
    ck_assert_ptr_nonnull(tg);
    return tg;
}

void sbx_stop_tg(sbx *s, fb__tg *tg)
{
    fb__tg_free(tg);
    sbx_stop(s);
}

typedef struct buf {
    char *p;
    size_t n;
} buf;

static size_t on_data(char *d, size_t sz, size_t nm, void *ud)
{
    buf *b = ud;
    char *np = realloc(b->p, b->n + sz * nm + 1);
    if (np == NULL)
        return 0;
    memcpy(np + b->n, d, sz * nm);
    b->n += sz * nm;
    np[b->n] = '\0';
    b->p = np;
    return sz * nm;
}

static cJSON *vcall(sbx *s, const char *method, const char *path,
                    const char *fmt, va_list ap)
{
    char url[512], *body = NULL;
    buf b = {NULL, 0};
    CURL *h = curl_easy_init();
    struct curl_slist *hdr =
        curl_slist_append(NULL, "Content-Type: application/json");
    cJSON *root, *res = NULL;

    ck_assert_ptr_nonnull(h);
    if (fmt)
        ck_assert_int_ge(vasprintf(&body, fmt, ap), 0);
    snprintf(url, sizeof url, "%s%s", s->url, path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 20000L);
    if (body)
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    ck_assert_int_eq(curl_easy_perform(h), CURLE_OK);
    root = b.p ? cJSON_Parse(b.p) : NULL;
    ck_assert_msg(root != NULL, "bad control answer for %s", path);
    if (cJSON_IsTrue(cJSON_GetObjectItem(root, "ok")))
        res = cJSON_DetachItemFromObject(root, "result");
    cJSON_Delete(root);
    free(b.p);
    free(body);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
    return res;
}

cJSON *sbx_call(sbx *s, const char *method, const char *path, const char *fmt,
                ...)
{
    va_list ap;
    cJSON *r;
    va_start(ap, fmt);
    r = vcall(s, method, path, fmt, ap);
    va_end(ap);
    return r;
}

void sbx_ok(sbx *s, const char *method, const char *path, const char *fmt, ...)
{
    va_list ap;
    cJSON *r;
    va_start(ap, fmt);
    r = vcall(s, method, path, fmt, ap);
    va_end(ap);
    ck_assert_msg(r != NULL, "control call %s %s failed", method, path);
    cJSON_Delete(r);
}

char *sbx_get_raw(sbx *s, const char *path, size_t *len)
{
    char url[512];
    buf b = {NULL, 0};
    CURL *h = curl_easy_init();

    ck_assert_ptr_nonnull(h);
    snprintf(url, sizeof url, "%s%s", s->url, path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 20000L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    ck_assert_int_eq(curl_easy_perform(h), CURLE_OK);
    curl_easy_cleanup(h);
    *len = b.n;
    return b.p;
}

int64_t sbx_counter(sbx *s, const char *name)
{
    cJSON *c = sbx_call(s, "GET", "/sandbox/counters", NULL);
    cJSON *v = cJSON_GetObjectItem(c, name);
    int64_t n;

    ck_assert_msg(cJSON_IsNumber(v), "no counter %s", name);
    n = (int64_t)v->valuedouble;
    cJSON_Delete(c);
    return n;
}

void sbx_user(sbx *s, int64_t id, const char *first_name)
{
    sbx_ok(s, "POST", "/sandbox/users",
           "{\"id\":%" PRId64 ",\"first_name\":\"%s\"}", id, first_name);
}

/* Join the texts of bot messages of a transcript. */
static char *join_bot(const cJSON *t, int *count)
{
    const cJSON *m;
    size_t len = 1;
    char *out = calloc(1, 1);

    *count = 0;
    cJSON_ArrayForEach(m, cJSON_GetObjectItem(t, "messages"))
    {
        const cJSON *from = cJSON_GetObjectItem(m, "from");
        const cJSON *text = cJSON_GetObjectItem(m, "text");
        const char *tx = cJSON_IsString(text) ? text->valuestring : "";
        if (!cJSON_IsString(from) || strcmp(from->valuestring, "bot") != 0)
            continue;
        len += strlen(tx) + 1;
        out = realloc(out, len);
        if (*count)
            strcat(out, "|");
        strcat(out, tx);
        (*count)++;
    }
    return out;
}

char *sbx_bot_texts(sbx *s, int64_t chat, int want, int timeout_ms)
{
    char path[160];
    cJSON *t;
    char *out;
    int n;

    snprintf(path, sizeof path,
             "/sandbox/transcript?chat_id=%" PRId64
             "&wait_bot=%d&timeout_ms=%d",
             chat, want, timeout_ms);
    t = sbx_call(s, "GET", path, NULL);
    ck_assert_ptr_nonnull(t);
    out = join_bot(t, &n);
    cJSON_Delete(t);
    return out;
}
