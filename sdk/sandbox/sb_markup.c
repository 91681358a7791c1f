#include "sb_markup.h"

#include <stdio.h>
#include <string.h>

#include "sb_html.h"

#define MAX_BUTTONS 100

static int bad(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "Bad Request: %s", msg);
    return -1;
}

static int check_text(const cJSON *t, char *err, size_t errlen)
{
    if (!cJSON_IsString(t) || !t->valuestring[0])
        return bad(err, errlen,
                   "text buttons are unallowed in the inline keyboard");
    if (!fb__sb_utf8_valid(t->valuestring, strlen(t->valuestring)))
        return bad(err, errlen, "strings must be encoded in UTF-8");
    return 0;
}

static int check_inline_button(const cJSON *btn, char *err, size_t errlen)
{
    static const char *actions[] = {"callback_data",
                                    "url",
                                    "login_url",
                                    "switch_inline_query",
                                    "switch_inline_query_current_chat",
                                    "callback_game",
                                    "pay",
                                    "web_app",
                                    "switch_inline_query_chosen_chat"};
    if (!cJSON_IsObject(btn))
        return bad(err, errlen,
                   "can't parse inline keyboard button: InlineKeyboardButton "
                   "must be an Object");
    if (check_text(cJSON_GetObjectItemCaseSensitive(btn, "text"), err,
                   errlen) != 0)
        return -1;
    int n = 0;
    for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        n += cJSON_GetObjectItemCaseSensitive(btn, actions[i]) != NULL;
    if (n != 1)
        return bad(err, errlen,
                   "can't parse inline keyboard button: Text buttons are "
                   "unallowed in the inline keyboard");
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(btn, "callback_data");
    if (data) {
        if (!cJSON_IsString(data))
            return bad(err, errlen,
                       "can't parse inline keyboard button: Field "
                       "\"callback_data\" must be of type String");
        size_t len = strlen(data->valuestring);
        if (len < 1 || len > 64)
            return bad(err, errlen, "BUTTON_DATA_INVALID");
        if (!fb__sb_utf8_valid(data->valuestring, len))
            return bad(err, errlen, "strings must be encoded in UTF-8");
    }
    const cJSON *url = cJSON_GetObjectItemCaseSensitive(btn, "url");
    if (url && (!cJSON_IsString(url) || !url->valuestring[0] ||
                !strchr(url->valuestring, ':')))
        return bad(err, errlen, "BUTTON_URL_INVALID");
    return 0;
}

/* A field that must be a Boolean when present. */
static int check_bool(const cJSON *o, const char *key, const char *what,
                      char *err, size_t errlen)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    char msg[160];
    if (!v || cJSON_IsBool(v))
        return 0;
    snprintf(msg, sizeof(msg),
             "can't parse %s: Field \"%s\" must be of type "
             "Boolean",
             what, key);
    return bad(err, errlen, msg);
}

static int check_reply_button(const cJSON *btn, char *err, size_t errlen)
{
    if (cJSON_IsString(btn))
        return check_text(btn, err, errlen);
    if (!cJSON_IsObject(btn))
        return bad(err, errlen,
                   "can't parse keyboard button: KeyboardButton must be a "
                   "String or an Object");
    if (check_text(cJSON_GetObjectItemCaseSensitive(btn, "text"), err,
                   errlen) != 0 ||
        check_bool(btn, "request_contact", "keyboard button", err, errlen) ||
        check_bool(btn, "request_location", "keyboard button", err, errlen))
        return -1;
    if (cJSON_IsTrue(
            cJSON_GetObjectItemCaseSensitive(btn, "request_contact")) &&
        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(btn, "request_location")))
        return bad(err, errlen,
                   "can't parse keyboard button: a button may request one "
                   "thing only");
    return 0;
}

/* The options of a ReplyKeyboardMarkup. */
static int check_reply_options(const cJSON *markup, char *err, size_t errlen)
{
    static const char *flags[] = {"resize_keyboard", "one_time_keyboard",
                                  "is_persistent", "selective"};
    const cJSON *ph =
        cJSON_GetObjectItemCaseSensitive(markup, "input_field_placeholder");
    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
        if (check_bool(markup, flags[i], "reply keyboard markup", err,
                       errlen) != 0)
            return -1;
    if (ph && (!cJSON_IsString(ph) || fb__sb_utf8_chars(ph->valuestring) > 64))
        return bad(err, errlen, "INPUT_FIELD_PLACEHOLDER_INVALID");
    return 0;
}

static int check_rows(const cJSON *rows, int inline_kb, char *err,
                      size_t errlen)
{
    if (!cJSON_IsArray(rows))
        return bad(err, errlen,
                   inline_kb
                       ? "can't parse inline keyboard markup JSON object: "
                         "Field \"inline_keyboard\" must be of type Array"
                       : "can't parse reply keyboard markup JSON object");
    int total = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, rows)
    {
        if (!cJSON_IsArray(row))
            return bad(err, errlen,
                       "can't parse reply keyboard markup JSON object: "
                       "keyboard row must be an Array");
        const cJSON *btn;
        cJSON_ArrayForEach(btn, row)
        {
            if (++total > MAX_BUTTONS)
                return bad(err, errlen, "reply markup is too long");
            int rc = inline_kb ? check_inline_button(btn, err, errlen)
                               : check_reply_button(btn, err, errlen);
            if (rc != 0)
                return -1;
        }
    }
    return 0;
}

int fb__sb_markup_check(const cJSON *markup, int *inline_kb, char *err,
                        size_t errlen)
{
    *inline_kb = 0;
    if (!cJSON_IsObject(markup))
        return bad(err, errlen,
                   "can't parse reply keyboard markup JSON object");
    const cJSON *ik =
        cJSON_GetObjectItemCaseSensitive(markup, "inline_keyboard");
    if (ik) {
        *inline_kb = 1;
        return check_rows(ik, 1, err, errlen);
    }
    const cJSON *kb = cJSON_GetObjectItemCaseSensitive(markup, "keyboard");
    if (kb)
        return check_rows(kb, 0, err, errlen) != 0
                   ? -1
                   : check_reply_options(markup, err, errlen);
    if (cJSON_GetObjectItemCaseSensitive(markup, "remove_keyboard") &&
        !cJSON_IsTrue(
            cJSON_GetObjectItemCaseSensitive(markup, "remove_keyboard")))
        return bad(err, errlen,
                   "can't parse reply keyboard markup JSON object: Field "
                   "\"remove_keyboard\" must be true");
    if (cJSON_IsTrue(
            cJSON_GetObjectItemCaseSensitive(markup, "remove_keyboard")) ||
        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(markup, "force_reply")))
        return 0;
    return bad(err, errlen, "can't parse reply keyboard markup JSON object");
}

const cJSON *fb__sb_markup_find(const cJSON *markup, const char *needle,
                                int by_data)
{
    const cJSON *rows =
        cJSON_GetObjectItemCaseSensitive(markup, "inline_keyboard");
    const cJSON *row;
    cJSON_ArrayForEach(row, rows)
    {
        const cJSON *btn;
        cJSON_ArrayForEach(btn, row)
        {
            const cJSON *f = cJSON_GetObjectItemCaseSensitive(
                btn, by_data ? "callback_data" : "text");
            if (cJSON_IsString(f) && strcmp(f->valuestring, needle) == 0)
                return btn;
        }
    }
    return NULL;
}

const cJSON *fb__sb_reply_button_find(const cJSON *markup, const char *text)
{
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(markup, "keyboard");
    const cJSON *row;
    cJSON_ArrayForEach(row, rows)
    {
        const cJSON *btn;
        cJSON_ArrayForEach(btn, row)
        {
            const cJSON *t =
                cJSON_IsString(btn)
                    ? btn
                    : cJSON_GetObjectItemCaseSensitive(btn, "text");
            if (cJSON_IsString(t) && strcmp(t->valuestring, text) == 0)
                return btn;
        }
    }
    return NULL;
}
