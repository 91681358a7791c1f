/* Unit tests: what fitbot-chat prints of a transcript as it changes, and
 * which keyboard a typed number presses. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc.h"
#include "view.h"

/* Feed a transcript ("messages" array as JSON text) to v; returns what was
 * printed (malloc'd) and the number of new events in *n. */
static char *feed(view_chat *v, const char *json, int quiet, int *n)
{
    cJSON *msgs = cJSON_Parse(json);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);

    ck_assert_ptr_nonnull(msgs);
    ck_assert_ptr_nonnull(f);
    *n = view_update(v, msgs, f, "", quiet);
    fclose(f);
    cJSON_Delete(msgs);
    return out;
}

#define KB_AB                                                                  \
    "{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"x:a\"},"       \
    "{\"text\":\"B\",\"callback_data\":\"x:b\"}]]}"
#define USER_MSG "{\"message_id\":1,\"from\":\"user\",\"text\":\"/start\"}"
#define BOT_MSG                                                                \
    "{\"message_id\":2,\"from\":\"bot\",\"text\":\"Hello\\nthere\","           \
    "\"reply_markup\":" KB_AB ",\"edits\":[]}"

START_TEST(new_message_with_keyboard)
{
    view_chat v;
    int n;
    char *out;

    view_init(&v, 42);
    out = feed(&v, "[" USER_MSG "," BOT_MSG "]", 0, &n);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(v.events, 1);
    ck_assert_ptr_nonnull(strstr(out, "bot: Hello\n"));
    ck_assert_ptr_nonnull(strstr(out, "there\n"));
    ck_assert_ptr_nonnull(strstr(out, "[1] A   [2] B"));
    ck_assert_ptr_null(strstr(out, "/start"));
    ck_assert_int_eq(v.kb_count, 2);
    ck_assert_str_eq(v.kb_data[1], "x:b");
    ck_assert_int_eq((int)v.kb_message, 2);
    free(out);
    out = feed(&v, "[" USER_MSG "," BOT_MSG "]", 0, &n);
    ck_assert_int_eq(n, 0);
    ck_assert_str_eq(out, "");
    free(out);
    view_free(&v);
}
END_TEST

START_TEST(edit_replaces_text_and_keyboard)
{
    view_chat v;
    int n;
    char *out;

    view_init(&v, 42);
    free(feed(&v, "[" BOT_MSG "]", 1, &n));
    out = feed(&v,
               "[{\"message_id\":2,\"from\":\"bot\",\"text\":\"Hello\","
               "\"reply_markup\":" KB_AB ",\"edits\":[{\"text\":\"Chose "
               "<b>A</b> &lt;3 &amp; more\",\"reply_markup\":null}]}]",
               0, &n);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(v.events, 2);
    ck_assert_ptr_nonnull(strstr(out, "bot (edited): Chose A <3 & more"));
    ck_assert_int_eq(v.kb_count, 0);
    ck_assert_int_eq((int)v.kb_message, 0);
    free(out);
    view_free(&v);
}
END_TEST

START_TEST(numbers_press_the_last_message_only)
{
    view_chat v;
    int n;
    char *out;

    view_init(&v, 42);
    out = feed(&v,
               "[" BOT_MSG ",{\"message_id\":3,\"from\":\"bot\",\"text\":"
               "\"No buttons here\"}]",
               0, &n);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(v.kb_count, 0);
    free(out);
    view_free(&v);
}
END_TEST

START_TEST(quiet_marks_seen_and_deletion_shows)
{
    view_chat v;
    int n;
    char *out;

    view_init(&v, 42);
    out = feed(&v, "[" BOT_MSG "]", 1, &n);
    ck_assert_int_eq(n, 1);
    ck_assert_str_eq(out, "");
    free(out);
    out = feed(&v,
               "[{\"message_id\":2,\"from\":\"bot\",\"text\":\"Hello\","
               "\"deleted\":true}]",
               0, &n);
    ck_assert_int_eq(n, 1);
    ck_assert_ptr_nonnull(strstr(out, "(deleted a message)"));
    free(out);
    view_free(&v);
}
END_TEST

START_TEST(photo_and_document_captions)
{
    view_chat v;
    int n;
    char *out;

    view_init(&v, 42);
    out = feed(&v,
               "[{\"message_id\":5,\"from\":\"bot\",\"caption\":\"Asha\","
               "\"photo\":{\"file_id\":\"f1\"}},{\"message_id\":6,\"from\":"
               "\"bot\",\"caption\":\"Invoice\",\"document\":{\"file_name\":"
               "\"inv.pdf\"}}]",
               0, &n);
    ck_assert_int_eq(n, 2);
    ck_assert_ptr_nonnull(strstr(out, "bot: [photo] Asha"));
    ck_assert_ptr_nonnull(strstr(out, "bot: [file inv.pdf] Invoice"));
    free(out);
    view_free(&v);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "users_chat_view", .tcase = "view"};

    return FBTC_RUN(
        &def, new_message_with_keyboard, edit_replaces_text_and_keyboard,
        numbers_press_the_last_message_only,
        quiet_marks_seen_and_deletion_shows, photo_and_document_captions);
}
