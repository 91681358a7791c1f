/* The fbtest kit itself, on the sandbox and PostgreSQL without a host:
 * patterns, users and messages, per-chat cursors, SQL, and cleanup (no
 * process and no database left behind). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "check_main.h"
#include "fbtest.h"

START_TEST(patterns)
{
    ck_assert_int_eq(fbt_match("Welcome", "Hello! Welcome."), 1);
    ck_assert_int_eq(fbt_match("welcome", "Hello! Welcome."), 0);
    ck_assert_int_eq(fbt_match("/^Hello.*\\.$/", "Hello! Welcome."), 1);
    ck_assert_int_eq(fbt_match("/^Welcome/", "Hello! Welcome."), 0);
    ck_assert_int_eq(fbt_match("/(/", "x"), -1);
    ck_assert_int_eq(fbt_match("/", "a/b"), 1); /* one slash: a substring */
}
END_TEST

START_TEST(needs_the_database_url)
{
    char *saved = getenv("FITBOT_TEST_DATABASE_URL");

    saved = saved ? strdup(saved) : NULL;
    unsetenv("FITBOT_TEST_DATABASE_URL");
    ck_assert_ptr_null(fbt_start(NULL));
    ck_assert_ptr_nonnull(strstr(fbt_error(NULL), "FITBOT_TEST_DATABASE_URL"));
    if (saved)
        setenv("FITBOT_TEST_DATABASE_URL", saved, 1);
    free(saved);
}
END_TEST

static size_t keep(char *p, size_t size, size_t n, void *ud)
{
    char *buf = ud;
    size_t have = strlen(buf), add = size * n;

    if (have + add < 4096) {
        memcpy(buf + have, p, add);
        buf[have + add] = '\0';
    }
    return add;
}

/* POST body to url with libcurl; the answer's body in reply (4096 bytes)
 * when given. Returns the HTTP status, 0 when the server cannot be
 * reached. */
static long post_reply(const char *url, const char *body, char *reply)
{
    CURL *c = curl_easy_init();
    struct curl_slist *h =
        curl_slist_append(NULL, "Content-Type: application/json");
    char sink[4096] = "";
    long status = 0;

    if (!reply)
        reply = sink;
    reply[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, reply);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return status;
}

static long post(const char *url, const char *body)
{
    return post_reply(url, body, NULL);
}

/* A sandbox message "from the bot" is what the host would send; without a
 * host we send one through the Bot API with the kit's token. Returns its
 * message_id. */
static long long bot_says(fbt_env *e, long long chat, const char *text)
{
    char url[256], body[512], reply[4096];
    const char *id;

    snprintf(url, sizeof url, "%s/bot%s/sendMessage", fbt_sandbox_url(e),
             fbt_token(e));
    snprintf(body, sizeof body,
             "{\"chat_id\":%lld,\"text\":\"%s\",\"reply_markup\":"
             "{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":"
             "\"k:a\"},{\"text\":\"B\",\"callback_data\":\"k:b\"}],"
             "[{\"text\":\"C\",\"callback_data\":\"k:c\"}]]}}",
             chat, text);
    ck_assert_int_eq(post_reply(url, body, reply), 200);
    id = strstr(reply, "\"message_id\":");
    ck_assert_ptr_nonnull(id);
    return atoll(id + strlen("\"message_id\":"));
}

START_TEST(sandbox_without_host)
{
    fbt_options o = {.no_host = 1};
    fbt_env *e = fbt_start(&o);
    fbt_msg *m;
    char *kb, *t, *v;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    ck_assert_int_eq(fbt_host_running(e), 0);
    ck_assert_msg(fbt_user(e, 7000000001LL, "Big", NULL) == 0, "%s",
                  fbt_error(e));
    ck_assert_msg(fbt_say(e, 7000000001LL, "/start") == 0, "%s", fbt_error(e));
    ck_assert_int_gt(fbt_last_update_id(e), 0);
    ck_assert_int_eq(fbt_quiet(e, 7000000001LL, 200), 0);

    bot_says(e, 7000000001LL, "first");
    bot_says(e, 7000000001LL, "second");
    m = fbt_expect(e, 7000000001LL, "first", 5000);
    ck_assert_msg(m != NULL, "%s", fbt_error(e));
    kb = fbt_msg_buttons(m);
    ck_assert_str_eq(kb, "[A] [B] / [C]");
    free(kb);
    fbt_msg_free(m);
    /* the cursor moved: "first" is not returned twice, and a mismatch
     * names what was expected and what came */
    ck_assert_ptr_null(fbt_expect(e, 7000000001LL, "first", 1000));
    ck_assert_ptr_nonnull(strstr(fbt_error(e), "second"));
    ck_assert_int_eq(fbt_quiet(e, 7000000001LL, 200), 0);

    ck_assert_msg(fbt_press(e, 7000000001LL, 0, "C") == 0, "%s", fbt_error(e));
    ck_assert_int_ne(fbt_press(e, 7000000001LL, 0, "Z"), 0);
    t = fbt_transcript(e, 7000000001LL);
    ck_assert_ptr_nonnull(strstr(t, "user 7000000001: /start"));
    ck_assert_ptr_nonnull(strstr(t, "bot: second"));
    free(t);

    v = fbt_sql(e, "SELECT $1::bigint + 1", 1,
                (const char *const[]){"9007199254740992"});
    ck_assert_str_eq(v, "9007199254740993");
    free(v);
    ck_assert_ptr_null(fbt_sql(e, "SELECT nope", 0, NULL));
    ck_assert_ptr_nonnull(strstr(fbt_error(e), "nope"));

    fbt_stop(e);
}
END_TEST

/* An edit that lands before the kit looks: the send still reads as first
 * sent, then the edit comes as its own event. */
START_TEST(edit_before_read)
{
    fbt_options o = {.no_host = 1};
    fbt_env *e = fbt_start(&o);
    char url[256], body[256];
    fbt_msg *m;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    ck_assert_int_eq(fbt_user(e, 42, "Ann", NULL), 0);
    long long mid = bot_says(e, 42, "before");
    snprintf(url, sizeof url, "%s/bot%s/editMessageText", fbt_sandbox_url(e),
             fbt_token(e));
    snprintf(body, sizeof body,
             "{\"chat_id\":42,\"message_id\":%lld,\"text\":\"after\"}", mid);
    ck_assert_int_eq(post(url, body), 200);
    m = fbt_expect(e, 42, "/^before$/", 5000);
    ck_assert_msg(m != NULL, "%s", fbt_error(e));
    ck_assert_int_eq(m->edit, 0);
    ck_assert_int_eq(m->nbuttons, 3); /* the keyboard it was sent with */
    fbt_msg_free(m);
    m = fbt_expect(e, 42, "/^after$/", 5000);
    ck_assert_msg(m != NULL, "%s", fbt_error(e));
    ck_assert_int_eq(m->edit, 1);
    ck_assert_int_eq(m->nbuttons, 0);
    fbt_msg_free(m);
    fbt_stop(e);
}
END_TEST

START_TEST(stop_leaves_nothing)
{
    fbt_options o = {.no_host = 1};
    fbt_env *e = fbt_start(&o), *probe;
    char url[128], dir[512], db[64], *n;
    const char *at;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    snprintf(url, sizeof url, "%s/sandbox/reset", fbt_sandbox_url(e));
    snprintf(dir, sizeof dir, "%s", fbt_dir(e));
    at = strstr(fbt_db_url(e), "dbname='");
    ck_assert_ptr_nonnull(at);
    ck_assert_int_eq(sscanf(at, "dbname='%63[^']'", db), 1);
    ck_assert_int_eq(post(url, "{}"), 200);
    fbt_stop(e);
    ck_assert_int_ne(access(dir, F_OK), 0);
    ck_assert_int_eq(post(url, "{}"), 0); /* the sandbox is gone */

    probe = fbt_start(&o);
    ck_assert_msg(probe != NULL, "%s", fbt_error(NULL));
    n = fbt_sql(probe, "SELECT count(*) FROM pg_database WHERE datname = $1", 1,
                (const char *const[]){db});
    ck_assert_msg(n != NULL, "%s", fbt_error(probe));
    ck_assert_str_eq(n, "0");
    free(n);
    fbt_stop(probe);
}
END_TEST

static void add(TCase *tc)
{
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, patterns);
    tcase_add_test(tc, needs_the_database_url);
    tcase_add_test(tc, sandbox_without_host);
    tcase_add_test(tc, edit_before_read);
    tcase_add_test(tc, stop_leaves_nothing);
}

CHECK_MAIN("sdk_kit", add)
