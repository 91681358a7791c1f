/* Exact ids in JSON, keyboards as reply_markup, outgoing batch checks. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fitbot/sdk.h>

#include "fbtc.h"
#include "outbox.h"
#include "telegram.h"

static int64_t parse_id(const char *json, int *rc)
{
    cJSON *j = cJSON_Parse(json);
    int64_t v = 0;
    *rc = fb__json_int64(j, &v);
    cJSON_Delete(j);
    return v;
}

START_TEST(int64_exact)
{
    int rc;

    ck_assert(parse_id("4294967297", &rc) == INT64_C(4294967297));
    ck_assert_int_eq(rc, 0);
    ck_assert(parse_id("9007199254740991", &rc) == INT64_C(9007199254740991));
    ck_assert_int_eq(rc, 0);
    ck_assert(parse_id("-1001234567890", &rc) == INT64_C(-1001234567890));
    ck_assert_int_eq(rc, 0);
    parse_id("9007199254740992", &rc); /* 2^53: also what 2^53+1 reads as */
    ck_assert_int_eq(rc, -1);
    parse_id("9007199254740994", &rc); /* beyond 2^53: not exact */
    ck_assert_int_eq(rc, -1);
    parse_id("1.5", &rc);
    ck_assert_int_eq(rc, -1);
    parse_id("\"12\"", &rc);
    ck_assert_int_eq(rc, -1);
    parse_id("1e300", &rc);
    ck_assert_int_eq(rc, -1);
    ck_assert_int_eq(fb__json_int64(NULL, &(int64_t){0}), -1);
}
END_TEST

/* Read id from {"id": literal} parsed by fb__json_parse_exact. */
static int64_t parse_exact_id(const char *literal, int *rc)
{
    char text[96];
    cJSON *j;
    int64_t v = 0;

    snprintf(text, sizeof text, "{\"a\":[1.5,\"9007199254740993\"],\"id\":%s}",
             literal);
    j = fb__json_parse_exact(text, strlen(text));
    ck_assert_ptr_nonnull(j);
    *rc = fb__json_get_int64(j, "id", &v);
    cJSON_Delete(j);
    return v;
}

/* Ids of 2^53 and beyond, as Telegram may send them, read exactly; what
 * is not an int64 still refused; a string that looks like one is not an
 * id; the tree prints back the same digits. */
START_TEST(int64_exact_beyond_2p53)
{
    static const char text[] =
        "{\"update_id\":9007199254740993,\"message\":{\"chat\":"
        "{\"id\":-9223372036854775808,\"t\":\"12345678901234567\"},"
        "\"n\":[1,2,12345678901234567,3.25,1e30]}}";
    cJSON *j = fb__json_parse_exact(text, strlen(text)), *m, *n;
    int64_t v = 0;
    char *out;
    int rc;

    ck_assert(parse_exact_id("9007199254740993", &rc) ==
              INT64_C(9007199254740993));
    ck_assert_int_eq(rc, 0);
    ck_assert(parse_exact_id("9223372036854775807", &rc) == INT64_MAX);
    ck_assert_int_eq(rc, 0);
    ck_assert(parse_exact_id("-9007199254740995", &rc) ==
              INT64_C(-9007199254740995));
    ck_assert_int_eq(rc, 0);
    parse_exact_id("9223372036854775808", &rc); /* beyond int64 */
    ck_assert_int_eq(rc, -1);
    parse_exact_id("90071992547409930.0", &rc);
    ck_assert_int_eq(rc, -1);
    parse_exact_id("\"9007199254740993\"", &rc);
    ck_assert_int_eq(rc, -1);

    ck_assert_ptr_nonnull(j);
    ck_assert_int_eq(fb__json_get_int64(j, "update_id", &v), 0);
    ck_assert(v == INT64_C(9007199254740993));
    m = cJSON_GetObjectItem(j, "message");
    ck_assert_int_eq(
        fb__json_get_int64(cJSON_GetObjectItem(m, "chat"), "id", &v), 0);
    ck_assert(v == INT64_MIN);
    n = cJSON_GetObjectItem(m, "n");
    ck_assert_int_eq(fb__json_int64(cJSON_GetArrayItem(n, 2), &v), 0);
    ck_assert(v == INT64_C(12345678901234567));
    ck_assert(cJSON_GetArrayItem(n, 3)->valuedouble == 3.25);
    out = cJSON_PrintUnformatted(j);
    ck_assert_ptr_nonnull(strstr(out, "\"update_id\":9007199254740993,"));
    ck_assert_ptr_nonnull(strstr(out, "\"t\":\"12345678901234567\""));
    ck_assert_ptr_nonnull(strstr(out, "[1,2,12345678901234567,3.25,"));
    cJSON_free(out);
    cJSON_Delete(j);
    ck_assert_ptr_null(fb__json_parse_exact("{\"id\":12345678901234567", 24));
}
END_TEST

START_TEST(id_output)
{
    static const int64_t ids[] = {
        1, INT64_C(4294967297), INT64_C(9007199254740991),
        INT64_C(-1002147483649), INT64_C(9223372036854775807)};
    static const char *texts[] = {
        "{\"id\":1}", "{\"id\":4294967297}", "{\"id\":9007199254740991}",
        "{\"id\":-1002147483649}", "{\"id\":9223372036854775807}"};
    size_t i;

    for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        cJSON *o = cJSON_CreateObject();
        char *s;
        ck_assert_int_eq(fb__json_add_id(o, "id", ids[i]), 0);
        s = cJSON_PrintUnformatted(o);
        ck_assert_str_eq(s, texts[i]);
        cJSON_free(s);
        cJSON_Delete(o);
    }
}
END_TEST

START_TEST(keyboard_markup)
{
    fb_keyboard kb;
    cJSON *m;
    char *s;

    fb_kb_init(&kb);
    ck_assert_int_eq(fb_kb_button(&kb, "Yes", "usr:ok:42"), 0);
    ck_assert_int_eq(fb_kb_button(&kb, "No", "usr:no:42"), 0);
    ck_assert_int_eq(fb_kb_row(&kb), 0);
    ck_assert_int_eq(fb_kb_url(&kb, "Site", "https://example.com"), 0);
    m = fb__keyboard_json(&kb);
    ck_assert_ptr_nonnull(m);
    s = cJSON_PrintUnformatted(m);
    ck_assert_str_eq(
        s, "{\"inline_keyboard\":[[{\"text\":\"Yes\",\"callback_data\":"
           "\"usr:ok:42\"},{\"text\":\"No\",\"callback_data\":"
           "\"usr:no:42\"}],[{\"text\":\"Site\",\"url\":"
           "\"https://example.com\"}]]}");
    cJSON_free(s);
    cJSON_Delete(m);
    kb.error = 1;
    ck_assert_ptr_null(fb__keyboard_json(&kb));
    ck_assert_ptr_null(fb__keyboard_json(NULL));
}
END_TEST

START_TEST(batch_checks)
{
    fb__outbatch *b = fb__outbatch_new();
    char *big = malloc(5000);
    fb_keyboard kb;

    ck_assert_ptr_nonnull(b);
    memset(big, 'a', 4096);
    big[4096] = '\0';
    ck_assert_int_eq(fb__outbatch_send(b, 1, big, NULL), 0);
    /* tags do not count, characters (not bytes) do */
    memcpy(big, "<b>", 3);
    memcpy(big + 4093, "</b>", 5);
    ck_assert_int_eq(fb__outbatch_send(b, 1, big, NULL), 0);
    memset(big, 'a', 4097);
    big[4097] = '\0';
    ck_assert_int_eq(fb__outbatch_send(b, 1, big, NULL), -1);
    ck_assert_int_eq(fb__outbatch_send(b, 1, "", NULL), -1);
    fb_kb_init(&kb);
    kb.error = 1;
    ck_assert_int_eq(fb__outbatch_send(b, 1, "x", &kb), -1);
    ck_assert_int_eq(fb__outbatch_edit(b, 1, 0, "x", NULL), -1);
    ck_assert_int_eq(fb__outbatch_edit(b, 1, 5, "x", NULL), 0);
    ck_assert_int_eq(fb__outbatch_delete(b, 1, 5), 0);
    ck_assert_int_eq(fb__outbatch_document(b, 1, "a.pdf", "%PDF", 4, "c"), 0);
    ck_assert_int_eq(fb__outbatch_photo(b, 1, "AgACfileid", NULL, 0, NULL), 0);
    ck_assert_int_eq(fb__outbatch_set_commands(b, 1, cJSON_CreateArray()), 0);
    ck_assert_int_eq(fb__outbatch_set_commands(b, 1, cJSON_CreateObject()), -1);
    ck_assert_uint_eq(fb__outbatch_count(b), 7);
    fb__outbatch_free(b);
    free(big);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "json", .tcase = "json"};

    return FBTC_RUN(&def, int64_exact, int64_exact_beyond_2p53, id_output, keyboard_markup,
                    batch_checks);
}
