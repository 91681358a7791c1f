/* host/telegram against the real fitbot-sandbox: calls, typed errors (401,
 * 429 with retry_after, 5xx, 409, network), exact 64-bit ids, uploads, and
 * the token never in an error text. */
#include <arpa/inet.h>
#include <check.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fbtc.h"
#include "log.h"
#include "sbx.h"
#include "telegram.h"

#define TOKEN "710042:hostio-telegram-test-SECRETabcdef"
#define SECRET_PART "hostio-telegram-test-SECRET"

static sbx sb;
static fb__tg *tg;

static void setup(void)
{
    tg = sbx_start_tg(&sb, TOKEN, 1.0);
}

static void teardown(void)
{
    sbx_stop_tg(&sb, tg);
}

static cJSON *send_params(int64_t chat, const char *text)
{
    cJSON *p = cJSON_CreateObject();
    ck_assert_int_eq(fb__json_add_id(p, "chat_id", chat), 0);
    cJSON_AddStringToObject(p, "text", text);
    return p;
}

START_TEST(get_me)
{
    cJSON *me = NULL;
    fb__tg_error err;
    int64_t id;

    ck_assert_int_eq(fb__tg_call(tg, "getMe", NULL, &me, &err), FB__TG_OK);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(me, "is_bot")));
    ck_assert_int_eq(fb__json_get_int64(me, "id", &id), 0);
    ck_assert(id == 710042);
    cJSON_Delete(me);
    /* the connection is reused: many calls, one connection */
    for (int i = 0; i < 20; i++) {
        ck_assert_int_eq(fb__tg_call(tg, "getMe", NULL, &me, &err), FB__TG_OK);
        cJSON_Delete(me);
    }
    ck_assert_int_eq(fb__tg_connections(tg), 1);
}
END_TEST

START_TEST(wrong_token_401)
{
    fb__tg *bad = fb__tg_new(sb.url, "710042:wrong-SECRETwrongwrongwrong");
    cJSON *me = NULL;
    fb__tg_error err;

    ck_assert_int_eq(fb__tg_call(bad, "getMe", NULL, &me, &err), FB__TG_ERR);
    ck_assert_ptr_null(me);
    ck_assert_int_eq(err.error_code, 401);
    ck_assert_int_eq(err.network, 0);
    ck_assert_ptr_null(strstr(err.description, "wrong-SECRET"));
    ck_assert_int_eq(fb__tg_error_retryable(&err), 0);
    fb__tg_free(bad);
}
END_TEST

START_TEST(rate_limited_429)
{
    cJSON *p, *r = NULL;
    fb__tg_error err;

    sbx_user(&sb, 1001, "Ann");
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"sendMessage\",\"count\":1,\"status\":429,"
           "\"retry_after\":7}");
    p = send_params(1001, "hello");
    ck_assert_int_eq(fb__tg_call(tg, "sendMessage", p, &r, &err), FB__TG_ERR);
    ck_assert_int_eq(err.error_code, 429);
    ck_assert_int_eq(err.retry_after, 7);
    ck_assert_int_eq(fb__tg_error_retryable(&err), 1);
    /* the fault was used up: the next call goes through */
    ck_assert_int_eq(fb__tg_call(tg, "sendMessage", p, &r, &err), FB__TG_OK);
    ck_assert_ptr_nonnull(r);
    cJSON_Delete(r);
    cJSON_Delete(p);
}
END_TEST

START_TEST(server_error_5xx)
{
    cJSON *p, *r = NULL;
    fb__tg_error err;

    sbx_user(&sb, 1002, "Bob");
    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"sendMessage\",\"count\":1,\"status\":502}");
    p = send_params(1002, "hi");
    ck_assert_int_ne(fb__tg_call(tg, "sendMessage", p, &r, &err), FB__TG_OK);
    ck_assert_int_eq((int)err.http_status, 502);
    ck_assert_int_eq(fb__tg_error_retryable(&err), 1);
    cJSON_Delete(p);
}
END_TEST

START_TEST(network_error)
{
    fb__tg *dead = fb__tg_new("http://127.0.0.1:1", TOKEN);
    fb__tg_error err;
    cJSON *r = NULL;

    ck_assert_int_eq(fb__tg_call(dead, "getMe", NULL, &r, &err),
                     FB__TG_NETWORK);
    ck_assert_int_eq(err.network, 1);
    ck_assert_int_eq(fb__tg_error_retryable(&err), 1);
    ck_assert_ptr_null(strstr(err.description, SECRET_PART));
    fb__tg_free(dead);
}
END_TEST

/* A one-shot HTTP server on 127.0.0.1 answering one request with a 200
 * and a body of its own (the answers Telegram never gives in that form). */
typedef struct canned {
    int fd;
    const char *body;
} canned;

static void *serve_once(void *arg)
{
    canned *c = arg;
    char req[4096], head[128];
    int s = accept(c->fd, NULL, NULL);
    size_t got = 0;
    ssize_t n;

    /* the request: headers, then a body of at most a few hundred bytes */
    while (s >= 0 && got < sizeof req - 1 &&
           (n = recv(s, req + got, sizeof req - 1 - got, 0)) > 0) {
        got += (size_t)n;
        req[got] = '\0';
        if (strstr(req, "\r\n\r\n") && strchr(strstr(req, "\r\n\r\n"), '}'))
            break;
    }
    snprintf(head, sizeof head,
             "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
             "Content-Length: %zu\r\nConnection: close\r\n\r\n",
             strlen(c->body));
    if (s >= 0) { /* a short write shows as the client's failure */
        if (send(s, head, strlen(head), 0) > 0)
            (void)send(s, c->body, strlen(c->body), 0);
        close(s);
    }
    return NULL;
}

/* sendMessage (no result wanted) answered 200 with body. */
static int send_answered(const char *body, fb__tg_error *err)
{
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t alen = sizeof a;
    canned c = {socket(AF_INET, SOCK_STREAM, 0), body};
    pthread_t th;
    char url[64];
    fb__tg *t;
    cJSON *p = send_params(5, "hi");
    int rc;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(c.fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(c.fd, 1), 0);
    ck_assert_int_eq(getsockname(c.fd, (struct sockaddr *)&a, &alen), 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", ntohs(a.sin_port));
    ck_assert_int_eq(pthread_create(&th, NULL, serve_once, &c), 0);
    t = fb__tg_new(url, TOKEN);
    rc = fb__tg_call(t, "sendMessage", p, NULL, err);
    pthread_join(th, NULL);
    close(c.fd);
    fb__tg_free(t);
    cJSON_Delete(p);
    return rc;
}

/* A success is read from the answer's opening "ok": true when the caller
 * wants no result; any other answer is still read whole: "ok" later in
 * the object, blanks around it, ok:false with a 200, a broken envelope. */
START_TEST(answers_read_alike_without_result)
{
    fb__tg_error err;

    ck_assert_int_eq(send_answered("{\"ok\":true,\"result\":{\"message_id\""
                                   ":1}}",
                                   &err),
                     FB__TG_OK);
    ck_assert_int_eq(send_answered(" {\n \"ok\" : true }", &err), FB__TG_OK);
    ck_assert_int_eq(send_answered("{\"result\":{},\"ok\":true}", &err),
                     FB__TG_OK);
    ck_assert_int_eq(send_answered("{\"ok\":false,\"error_code\":400,"
                                   "\"description\":\"Bad Request: no\"}",
                                   &err),
                     FB__TG_ERR);
    ck_assert_int_eq(err.error_code, 400);
    ck_assert_str_eq(err.description, "Bad Request: no");
    ck_assert_int_eq(send_answered("{\"ok\":truex}", &err), FB__TG_NETWORK);
    ck_assert_int_eq(send_answered("{\"ok\":\"true\"}", &err),
                     FB__TG_NETWORK);
}
END_TEST

START_TEST(total_timeout)
{
    struct timespec t0, t1;
    fb__tg_error err;
    cJSON *r = NULL;
    double dt;

    sbx_ok(&sb, "POST", "/sandbox/faults",
           "{\"method\":\"getMe\",\"count\":1,\"delay_ms\":4000}");
    fb__tg_set_timeouts(tg, 0, 500);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(fb__tg_call(tg, "getMe", NULL, &r, &err), FB__TG_NETWORK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    dt = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    ck_assert_int_eq(err.network, 1);
    ck_assert_msg(dt < 2.0, "timeout took %.2f s", dt);
    ck_assert_ptr_null(strstr(err.description, SECRET_PART));
}
END_TEST

START_TEST(conflict_409)
{
    cJSON *p = cJSON_CreateObject(), *r = NULL, *u = NULL;
    fb__tg_error err;

    cJSON_AddStringToObject(p, "url", "https://127.0.0.1:1/hook");
    ck_assert_int_eq(fb__tg_call(tg, "setWebhook", p, &r, &err), FB__TG_OK);
    cJSON_Delete(r);
    ck_assert_int_eq(fb__tg_get_updates(tg, 0, 0, NULL, &u, &err), FB__TG_ERR);
    ck_assert_int_eq(err.error_code, 409);
    ck_assert_ptr_null(u);
    cJSON_Delete(p);
}
END_TEST

START_TEST(big_ids_exact)
{
    static const int64_t ids[] = {INT64_C(4294967297),
                                  INT64_C(9007199254740991)};
    size_t i;

    for (i = 0; i < 2; i++) {
        cJSON *p, *r = NULL, *ups = NULL, *chat;
        fb__tg_error err;
        int64_t got = 0;
        char *texts;

        sbx_user(&sb, ids[i], "Big");
        p = send_params(ids[i], "exact");
        ck_assert_int_eq(fb__tg_call(tg, "sendMessage", p, &r, &err),
                         FB__TG_OK);
        chat = cJSON_GetObjectItem(r, "chat");
        ck_assert_int_eq(fb__json_get_int64(chat, "id", &got), 0);
        ck_assert_msg(got == ids[i], "sent to %" PRId64 ", got %" PRId64,
                      ids[i], got);
        texts = sbx_bot_texts(&sb, ids[i], 1, 2000);
        ck_assert_str_eq(texts, "exact");
        free(texts);
        /* and from the user side through getUpdates */
        sbx_ok(&sb, "POST", "/sandbox/send",
               "{\"user_id\":%" PRId64 ",\"text\":\"hi\"}", ids[i]);
        ck_assert_int_eq(fb__tg_get_updates(tg, 0, 1, NULL, &ups, &err),
                         FB__TG_OK);
        ck_assert_int_ge(cJSON_GetArraySize(ups), 1);
        {
            cJSON *last = cJSON_GetArrayItem(ups, cJSON_GetArraySize(ups) - 1);
            cJSON *from = cJSON_GetObjectItem(
                cJSON_GetObjectItem(last, "message"), "from");
            ck_assert_int_eq(fb__json_get_int64(from, "id", &got), 0);
            ck_assert(got == ids[i]);
        }
        cJSON_Delete(ups);
        cJSON_Delete(r);
        cJSON_Delete(p);
    }
}
END_TEST

START_TEST(upload_document)
{
    static const char pdf[] = "%PDF-1.4 fake\x00\x01\x02 bytes";
    cJSON *r = NULL, *doc;
    fb__tg_error err;
    char path[160], *bytes;
    size_t len = 0;
    const char *fid;

    sbx_user(&sb, 1003, "Cy");
    ck_assert_int_eq(fb__tg_upload(tg, "sendDocument", 1003, "document",
                                   "invoice.pdf", pdf, sizeof pdf,
                                   "<b>Invoice</b>", NULL, &r, &err),
                     FB__TG_OK);
    doc = cJSON_GetObjectItem(r, "document");
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(cJSON_GetObjectItem(doc, "file_name")->valuestring,
                     "invoice.pdf");
    fid = cJSON_GetObjectItem(doc, "file_id")->valuestring;
    snprintf(path, sizeof path, "/sandbox/files/%s", fid);
    bytes = sbx_get_raw(&sb, path, &len);
    ck_assert_uint_eq(len, sizeof pdf);
    ck_assert_int_eq(memcmp(bytes, pdf, len), 0);
    free(bytes);
    cJSON_Delete(r);
}
END_TEST

/* A file's bytes come back through getFile and its download: whole, not
 * past max, and an unknown id is Telegram's refusal. */
START_TEST(download_file)
{
    static const char csv[] = "serial,name\nP001,Whey\x00\x01 1kg\n";
    cJSON *r = NULL;
    fb__tg_error err;
    char *bytes = NULL;
    size_t len = 0;
    const char *fid;

    sbx_user(&sb, 1004, "Di");
    ck_assert_int_eq(fb__tg_upload(tg, "sendDocument", 1004, "document",
                                   "items.csv", csv, sizeof csv, NULL, NULL,
                                   &r, &err),
                     FB__TG_OK);
    fid = cJSON_GetObjectItem(cJSON_GetObjectItem(r, "document"), "file_id")
              ->valuestring;
    ck_assert_int_eq(fb__tg_download(tg, fid, 1024, &bytes, &len, &err),
                     FB__TG_OK);
    ck_assert_uint_eq(len, sizeof csv);
    ck_assert_int_eq(memcmp(bytes, csv, len), 0);
    free(bytes);
    ck_assert_int_eq(fb__tg_download(tg, fid, 8, &bytes, &len, &err),
                     FB__TG_ERR);
    ck_assert_ptr_null(bytes);
    ck_assert_str_eq(err.description, "the file is too large");
    ck_assert_int_eq(fb__tg_download(tg, "no-such-file", 1024, &bytes, &len,
                                     &err),
                     FB__TG_ERR);
    ck_assert_int_eq(err.error_code, 400);
    ck_assert_ptr_null(strstr(err.description, TOKEN));
    cJSON_Delete(r);
}
END_TEST

START_TEST(answer_callback)
{
    fb__tg_error err;

    /* an unknown query id is a Telegram error, typed, not a crash */
    ck_assert_int_eq(fb__tg_answer_callback(tg, "nope", "x", 0, &err),
                     FB__TG_ERR);
    ck_assert_int_eq(err.error_code, 400);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "telegram",
                                   .tcase = "sandbox",
                                   .timeout = 30,
                                   .setup = setup,
                                   .teardown = teardown};

    return FBTC_RUN(&def, get_me, wrong_token_401, rate_limited_429,
                    server_error_5xx, network_error,
                    answers_read_alike_without_result, total_timeout,
                    conflict_409, big_ids_exact, upload_document,
                    download_file, answer_callback);
}
