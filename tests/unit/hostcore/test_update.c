/* Update parsing: every kind, command arguments trimmed, commands for
 * other bots flagged, ids exact (beyond 2^53 too), the worker key. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "fbtc.h"
#include "jsonid.h"

/* Parsed as the host parses Telegram's answers (exact ids). */
static cJSON *P(const char *json)
{
    return fb__json_parse_exact(json, strlen(json));
}

static fb__update parse(const char *json, const char *bot)
{
    cJSON *j = P(json);
    fb__update u;
    ck_assert_ptr_nonnull(j);
    ck_assert_int_eq(fb__update_parse(j, bot, &u), 0);
    /* strings point into j: callers read only numbers and cmd after */
    cJSON_Delete(j);
    return u;
}

#define MSG(body)                                                              \
    "{\"update_id\":9007199254740991,\"message\":{\"message_id\":5,"           \
    "\"from\":{\"id\":7000000001,\"first_name\":\"A\"},"                       \
    "\"chat\":{\"id\":7000000001,\"type\":\"private\"}," body "}}"

START_TEST(command_with_args)
{
    cJSON *j = P(MSG("\"text\":\"/Book@FitBot  yoga 7am  \""));
    fb__update u;
    ck_assert_int_eq(fb__update_parse(j, "fitbot", &u), 0);
    ck_assert_int_eq(u.kind, FB_UPDATE_COMMAND);
    ck_assert_str_eq(u.cmd, "book");
    ck_assert_str_eq(u.args, "yoga 7am");
    ck_assert_int_eq(u.foreign, 0);
    ck_assert(u.update_id == 9007199254740991LL);
    ck_assert(u.user == 7000000001LL && u.chat == 7000000001LL);
    ck_assert(u.message_id == 5);
    ck_assert_int_eq(u.group, 0);
    cJSON_Delete(j);
}
END_TEST

START_TEST(other_bots_command)
{
    fb__update u = parse(MSG("\"text\":\"/start@OtherBot\""), "fitbot");
    ck_assert_int_eq(u.kind, FB_UPDATE_COMMAND);
    ck_assert_int_eq(u.foreign, 1);
}
END_TEST

START_TEST(text_contact_photo_document)
{
    cJSON *j;
    fb__update u = parse(MSG("\"text\":\"hello /x\""), NULL);
    ck_assert_int_eq(u.kind, FB_UPDATE_TEXT);
    j = P(MSG("\"contact\":{\"phone_number\":\"+919800000000\"}"));
    ck_assert_int_eq(fb__update_parse(j, NULL, &u), 0);
    ck_assert_int_eq(u.kind, FB_UPDATE_CONTACT);
    ck_assert_str_eq(u.phone, "+919800000000");
    cJSON_Delete(j);
    j = P(MSG("\"caption\":\"me\",\"photo\":[{\"file_id\":\"small\"},"
                        "{\"file_id\":\"large\"}]"));
    ck_assert_int_eq(fb__update_parse(j, NULL, &u), 0);
    ck_assert_int_eq(u.kind, FB_UPDATE_PHOTO);
    ck_assert_str_eq(u.file_id, "large");
    ck_assert_str_eq(u.text, "me");
    cJSON_Delete(j);
    j = P(MSG("\"document\":{\"file_id\":\"d1\",\"file_name\":"
                        "\"a.pdf\"}"));
    ck_assert_int_eq(fb__update_parse(j, NULL, &u), 0);
    ck_assert_int_eq(u.kind, FB_UPDATE_DOCUMENT);
    ck_assert_str_eq(u.file_id, "d1");
    ck_assert_str_eq(u.file_name, "a.pdf");
    cJSON_Delete(j);
    u = parse(MSG("\"sticker\":{}"), NULL);
    ck_assert_int_eq(u.kind, FB_UPDATE_OTHER);
}
END_TEST

START_TEST(callback_in_group)
{
    cJSON *j = P(
        "{\"update_id\":3,\"callback_query\":{\"id\":\"cb1\",\"data\":"
        "\"pay:ok:12\",\"from\":{\"id\":42},\"message\":{\"message_id\":77,"
        "\"chat\":{\"id\":-1001234567890,\"type\":\"supergroup\"}}}}");
    fb__update u;
    ck_assert_int_eq(fb__update_parse(j, NULL, &u), 0);
    ck_assert_int_eq(u.kind, FB_UPDATE_CALLBACK);
    ck_assert_str_eq(u.callback_id, "cb1");
    ck_assert_str_eq(u.data, "pay:ok:12");
    ck_assert(u.chat == -1001234567890LL && u.user == 42);
    ck_assert(u.message_id == 77);
    ck_assert_int_eq(u.group, 1);
    ck_assert(fb__update_key(&u) == -1001234567890LL);
    cJSON_Delete(j);
}
END_TEST

/* Ids of 2^53 and beyond: update, chat, sender, message and the worker
 * key all exact (cJSON alone reads 2^53 + 1 as 2^53). */
START_TEST(ids_beyond_2p53)
{
    cJSON *j = P("{\"update_id\":9007199254740993,\"message\":{"
                 "\"message_id\":9007199254740995,\"from\":{\"id\":"
                 "9223372036854775807,\"first_name\":\"A\"},\"chat\":{\"id\":"
                 "-9007199254740997,\"type\":\"group\"},\"text\":\"/x\"}}");
    fb__update u;

    ck_assert_int_eq(fb__update_parse(j, NULL, &u), 0);
    ck_assert(u.update_id == INT64_C(9007199254740993));
    ck_assert(u.chat == INT64_C(-9007199254740997));
    ck_assert(u.user == INT64_MAX);
    ck_assert(u.message_id == INT64_C(9007199254740995));
    cJSON_Delete(j);
}
END_TEST

START_TEST(bad_update_id)
{
    const char *bad[] = {"{}", "{\"update_id\":1.5}", "{\"update_id\":\"12\"}",
                         "{\"update_id\":18014398509481984.5}",
                         "{\"update_id\":92233720368547758070}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *j = P(bad[i]);
        fb__update u;
        ck_assert_int_eq(fb__update_parse(j, NULL, &u), -1);
        cJSON_Delete(j);
    }
}
END_TEST

/* Arguments longer than argsbuf (4096 bytes) are cut at a character
 * boundary: after 4095 ASCII bytes the 4096th is the first of "é". */
START_TEST(long_args_cut_at_character)
{
    char *text = malloc(6 + 4095 + 6 + 1);
    cJSON *j = cJSON_CreateObject(), *m, *chat;
    fb__update u;
    ck_assert_ptr_nonnull(text);
    memcpy(text, "/note ", 6);
    memset(text + 6, 'a', 4095);
    strcpy(text + 6 + 4095, "\xc3\xa9\xc3\xa9\xc3\xa9");
    cJSON_AddNumberToObject(j, "update_id", 1);
    m = cJSON_AddObjectToObject(j, "message");
    chat = cJSON_AddObjectToObject(m, "chat");
    cJSON_AddNumberToObject(chat, "id", 5);
    cJSON_AddStringToObject(chat, "type", "private");
    cJSON_AddStringToObject(m, "text", text);
    ck_assert_int_eq(fb__update_parse(j, "fitbot", &u), 0);
    ck_assert_int_eq(u.kind, FB_UPDATE_COMMAND);
    ck_assert_uint_eq(strlen(u.args), 4095);
    ck_assert_int_eq(u.args[4094], 'a');
    free(text);
    cJSON_Delete(j);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "hostcore_update",
                                   .tcase = "update"};

    return FBTC_RUN(&def, command_with_args, other_bots_command,
                    text_contact_photo_document, callback_in_group,
                    ids_beyond_2p53, bad_update_id,
                    long_args_cut_at_character);
}
