#include "sb_control.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_b64.h"
#include "sb_bot.h"
#include "sb_clock.h"
#include "sb_faults.h"
#include "sb_html.h"
#include "sb_limits.h"
#include "sb_markup.h"
#include "sb_send.h"
#include "sb_store.h"

#define WAIT_MAX_MS 120000

typedef struct ctl {
    sb_state *st;
    sb_params *p;
    sb_out *out;
} ctl;

static void bad(ctl *c, int code, const char *what)
{
    fb__sb_out_err(c->out, code, what, 0);
}

/* Returns the bot the request is about, or -1 after the error reply. */
static int ctl_bot(ctl *c)
{
    const char *token = NULL;
    if (fb__sb_param_str(c->p, "token", &token) == SB_P_OK && token[0]) {
        int bot = fb__sb_bot_by_token(c->st, token);
        if (bot < 0)
            bad(c, 404, "unknown bot token");
        return bot;
    }
    if (c->st->nbots == 1)
        return 0;
    bad(c, 400, "several bots are served: say which one with \"token\"");
    return -1;
}

static int need_i64(ctl *c, const char *key, int64_t *v)
{
    int rc = fb__sb_param_i64(c->p, key, v);
    if (rc == SB_P_OK)
        return 0;
    char msg[96];
    snprintf(msg, sizeof(msg), "%s: %s", key,
             rc == SB_P_MISSING ? "required"
                                : "must be an integer (|n| <= 2^53)");
    bad(c, 400, msg);
    return -1;
}

static const char *opt_str(ctl *c, const char *key)
{
    const char *s = NULL;
    return fb__sb_param_str(c->p, key, &s) == SB_P_OK ? s : NULL;
}

/* ---- users and chats ---- */

/* A phone number as Telegram shares it: an optional '+', 5-15 digits. */
static int phone_valid(const char *s)
{
    size_t n = 0;
    if (*s == '+')
        s++;
    for (; *s; s++, n++)
        if (*s < '0' || *s > '9')
            return 0;
    return n >= 5 && n <= 15;
}

static void ctl_users(ctl *c)
{
    int64_t id;
    const char *phone = opt_str(c, "phone_number");
    if (need_i64(c, "id", &id) != 0)
        return;
    if (id <= 0) {
        bad(c, 400, "id: must be positive");
        return;
    }
    if (phone && !phone_valid(phone)) {
        bad(c, 400, "phone_number: an optional '+' and 5-15 digits");
        return;
    }
    sb_user *u = fb__sb_user_put(
        c->st, id, opt_str(c, "first_name"), opt_str(c, "last_name"),
        opt_str(c, "username"), opt_str(c, "language_code"));
    if (u && fb__sb_user_set_phone(u, phone) != 0)
        u = NULL;
    cJSON *j = u ? fb__sb_user_json(u) : NULL;
    if (j && u->phone_number)
        cJSON_AddStringToObject(j, "phone_number", u->phone_number);
    fb__sb_out_ok(c->out, j);
}

static void ctl_chats(ctl *c)
{
    int64_t id;
    const char *type = opt_str(c, "type");
    if (need_i64(c, "id", &id) != 0)
        return;
    if (!type)
        type = id < 0 ? "group" : "private";
    if (strcmp(type, "group") != 0 && strcmp(type, "supergroup") != 0 &&
        strcmp(type, "private") != 0 && strcmp(type, "channel") != 0) {
        bad(c, 400, "type: one of private, group, supergroup, channel");
        return;
    }
    sb_chat *chat = fb__sb_chat_put(c->st, id, type, opt_str(c, "title"));
    fb__sb_out_ok(c->out, chat ? fb__sb_chat_json(c->st, chat) : NULL);
}

/* ---- user messages ---- */
static cJSON *user_message(ctl *c, int bot, sb_user *u, sb_chat *chat,
                           int64_t *mid)
{
    sb_bot *b = &c->st->bots[bot];
    cJSON *m = cJSON_CreateObject();
    *mid = b->next_message_id;
    if (!m || !fb__sb_add_i64(m, "message_id", *mid) ||
        !cJSON_AddItemToObject(m, "from", fb__sb_user_json(u)) ||
        !cJSON_AddItemToObject(m, "chat", fb__sb_chat_json(c->st, chat))) {
        cJSON_Delete(m);
        return NULL;
    }
    cJSON_AddNumberToObject(m, "date", (double)fb__sb_clock_unix());
    return m;
}

static int add_text(ctl *c, cJSON *m, const char *text)
{
    if (!fb__sb_utf8_valid(text, strlen(text)) ||
        fb__sb_utf8_chars(text) > 4096 || !text[0]) {
        bad(c, 400, "text: 1-4096 characters of UTF-8");
        return -1;
    }
    cJSON_AddStringToObject(m, "text", text);
    if (text[0] != '/')
        return 0;
    size_t n = strcspn(text, " \t\n");
    cJSON *ents = cJSON_AddArrayToObject(m, "entities");
    cJSON *e = cJSON_CreateObject();
    if (!ents || !e || !cJSON_AddItemToArray(ents, e)) {
        cJSON_Delete(e);
        return -1;
    }
    cJSON_AddNumberToObject(e, "offset", 0);
    cJSON_AddNumberToObject(e, "length", (double)fb__sb_utf16_len(text, n));
    cJSON_AddStringToObject(e, "type", "bot_command");
    return 0;
}

static const unsigned char tiny_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

/* Stores a file described by {file_name?, base64?, mime_type?}. */
static sb_file *user_file(ctl *c, const cJSON *spec, const char *kind)
{
    const cJSON *b64 = cJSON_GetObjectItemCaseSensitive(spec, "base64");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(spec, "file_name");
    const cJSON *mime = cJSON_GetObjectItemCaseSensitive(spec, "mime_type");
    unsigned char *data = NULL;
    size_t len = 0;
    if (cJSON_IsString(b64)) {
        data = fb__sb_b64_decode(b64->valuestring, &len);
    } else if (!b64 && strcmp(kind, "photo") == 0) {
        len = sizeof(tiny_png);
        data = malloc(len);
        if (data)
            memcpy(data, tiny_png, len);
    }
    if (!data || len == 0) {
        free(data);
        bad(c, 400, "file: base64 must hold the non-empty file contents");
        return NULL;
    }
    const char *fname = cJSON_IsString(name)
                            ? name->valuestring
                            : (strcmp(kind, "photo") == 0 ? NULL : "file.bin");
    const char *ftype =
        cJSON_IsString(mime)
            ? mime->valuestring
            : (strcmp(kind, "photo") == 0 ? NULL : "application/octet-stream");
    sb_file *f = fb__sb_file_add(c->st, kind, fname, ftype, data, len);
    if (!f)
        bad(c, 500, "out of memory");
    return f;
}

static int add_contact(ctl *c, cJSON *m, const cJSON *spec, const sb_user *u)
{
    const cJSON *phone = cJSON_GetObjectItemCaseSensitive(spec, "phone_number");
    const cJSON *first = cJSON_GetObjectItemCaseSensitive(spec, "first_name");
    const cJSON *last = cJSON_GetObjectItemCaseSensitive(spec, "last_name");
    int64_t uid = u->id;
    const cJSON *uid_item = cJSON_GetObjectItemCaseSensitive(spec, "user_id");
    if (!cJSON_IsString(phone) ||
        (uid_item && fb__sb_json_i64(uid_item, &uid) != 0)) {
        bad(c, 400,
            "contact: {phone_number: string, first_name?, last_name?, "
            "user_id?}");
        return -1;
    }
    cJSON *o = cJSON_AddObjectToObject(m, "contact");
    if (!o)
        return -1;
    cJSON_AddStringToObject(o, "phone_number", phone->valuestring);
    cJSON_AddStringToObject(o, "first_name",
                            cJSON_IsString(first) ? first->valuestring
                                                  : u->first_name);
    if (cJSON_IsString(last))
        cJSON_AddStringToObject(o, "last_name", last->valuestring);
    fb__sb_add_i64(o, "user_id", uid);
    return 0;
}

static int add_media(ctl *c, cJSON *m, const char *kind)
{
    cJSON *spec = NULL;
    if (fb__sb_param_json(c->p, kind, &spec) != SB_P_OK)
        return 0;
    if (!cJSON_IsObject(spec)) {
        bad(c, 400,
            "photo/document: must be an object {file_name?, base64, "
            "mime_type?}");
        return -1;
    }
    sb_file *f = user_file(c, spec, kind);
    if (!f)
        return -1;
    cJSON *j = strcmp(kind, "photo") == 0 ? fb__sb_photo_json(f)
                                          : fb__sb_document_json(f);
    if (!j || !cJSON_AddItemToObject(m, kind, j)) {
        cJSON_Delete(j);
        return -1;
    }
    const char *caption = opt_str(c, "caption");
    if (caption)
        cJSON_AddStringToObject(m, "caption", caption);
    return 1;
}

/* Fills a user message's content. Returns 0, or -1 after the error reply. */
static int user_content(ctl *c, cJSON *m, const sb_user *u)
{
    const char *text = opt_str(c, "text");
    cJSON *contact = NULL;
    int any = 0, rc;
    if (text) {
        if (add_text(c, m, text) != 0)
            return -1;
        any = 1;
    }
    if ((rc = add_media(c, m, "photo")) < 0 ||
        (any += rc, rc = add_media(c, m, "document")) < 0)
        return -1;
    any += rc;
    if (fb__sb_param_json(c->p, "contact", &contact) == SB_P_OK) {
        if (add_contact(c, m, contact, u) != 0)
            return -1;
        any = 1;
    }
    if (!any)
        bad(c, 400, "send: give text, photo, document or contact");
    return any ? 0 : -1;
}

/* Looks up the user and chat of a user action. */
static int actor(ctl *c, sb_user **u, sb_chat **chat)
{
    int64_t uid, cid;
    if (need_i64(c, "user_id", &uid) != 0)
        return -1;
    *u = fb__sb_user(c->st, uid);
    if (!*u) {
        bad(c, 404, "user not found: create it with POST /sandbox/users");
        return -1;
    }
    int rc = fb__sb_param_i64(c->p, "chat_id", &cid);
    if (rc == SB_P_MISSING)
        cid = uid;
    else if (rc != SB_P_OK) {
        need_i64(c, "chat_id", &cid); /* fills the error reply */
        return -1;
    }
    *chat = fb__sb_chat(c->st, cid);
    if (!*chat) {
        bad(c, 404, "chat not found: create it with POST /sandbox/chats");
        return -1;
    }
    return 0;
}

static void reply_ids(ctl *c, int64_t update_id, int64_t mid, const char *cb_id)
{
    cJSON *r = cJSON_CreateObject();
    if (r) {
        fb__sb_add_i64(r, "update_id", update_id);
        fb__sb_add_i64(r, "message_id", mid);
        if (cb_id)
            cJSON_AddStringToObject(r, "callback_query_id", cb_id);
    }
    fb__sb_out_ok(c->out, r);
}

/* Adds reply_to_message when the user replies to a message of the chat.
 * Returns 0, or -1 after the error reply. */
static int add_reply(ctl *c, int bot, int64_t chat_id, cJSON *m)
{
    int64_t rid;
    int rc = fb__sb_param_i64(c->p, "reply_to_message_id", &rid);
    if (rc == SB_P_MISSING)
        return 0;
    sb_msg *to =
        rc == SB_P_OK ? fb__sb_msg_find(c->st, bot, chat_id, rid) : NULL;
    cJSON *copy = to ? cJSON_Duplicate(to->json, 1) : NULL;
    if (!copy) {
        bad(c, 404, "reply_to_message_id: no such message in the chat");
        return -1;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(copy, "reply_to_message");
    cJSON_AddItemToObject(m, "reply_to_message", copy);
    return 0;
}

/* Stores the user message m (taken) and queues it as an update; replies
 * with its ids. */
static void push_user_message(ctl *c, int bot, const sb_user *u,
                              const sb_chat *chat, cJSON *m, int64_t mid)
{
    cJSON *payload = cJSON_Duplicate(m, 1);
    if (!payload || !fb__sb_msg_add(c->st, bot, chat->id, mid, 0, u->id, m)) {
        cJSON_Delete(payload);
        bad(c, 500, "out of memory");
        return;
    }
    c->st->bots[bot].next_message_id++;
    int64_t update_id = fb__sb_update_push(c->st, bot, "message", payload);
    if (update_id < 0) {
        bad(c, 500, "out of memory");
        return;
    }
    reply_ids(c, update_id, mid, NULL);
}

static void ctl_send(ctl *c)
{
    sb_user *u;
    sb_chat *chat;
    int64_t mid;
    int bot = ctl_bot(c);
    if (bot < 0 || actor(c, &u, &chat) != 0)
        return;
    cJSON *m = user_message(c, bot, u, chat, &mid);
    if (!m) {
        bad(c, 500, "out of memory");
        return;
    }
    if (add_reply(c, bot, chat->id, m) != 0 || user_content(c, m, u) != 0) {
        cJSON_Delete(m);
        return;
    }
    push_user_message(c, bot, u, chat, m, mid);
}

/* ---- button presses ---- */
static const cJSON *button_in(const sb_msg *m, const char *text,
                              const char *data)
{
    const cJSON *rm = cJSON_GetObjectItemCaseSensitive(m->json, "reply_markup");
    if (!rm)
        return NULL;
    return data ? fb__sb_markup_find(rm, data, 1)
                : fb__sb_markup_find(rm, text, 0);
}

/* Finds the bot message to press on: message_id, or the newest with a
 * matching button (or, when forging, the newest bot message). */
static sb_msg *press_target(ctl *c, int bot, int64_t chat_id, const char *text,
                            const char *data, int forge, const cJSON **btn)
{
    int64_t mid = 0;
    int has_mid = fb__sb_param_i64(c->p, "message_id", &mid) == SB_P_OK;
    sb_msg *newest = NULL;
    *btn = NULL;
    for (size_t i = c->st->nmsgs; i-- > 0;) {
        sb_msg *m = c->st->msgs[i];
        if (m->bot != bot || m->chat_id != chat_id || !m->from_bot ||
            m->deleted || (has_mid && m->message_id != mid))
            continue;
        if (!newest)
            newest = m;
        if ((*btn = button_in(m, text, data)))
            return m;
    }
    return forge && data ? newest : NULL;
}

static cJSON *callback_json(sb_callback *cb, const sb_user *u, const sb_msg *m,
                            const char *data)
{
    cJSON *q = cJSON_CreateObject();
    char inst[32];
    snprintf(inst, sizeof(inst), "%" PRIu64, (uint64_t)m->chat_id * 7u + 3u);
    if (!q || !cJSON_AddStringToObject(q, "id", cb->id) ||
        !cJSON_AddItemToObject(q, "from", fb__sb_user_json(u)) ||
        !cJSON_AddItemToObject(q, "message", cJSON_Duplicate(m->json, 1)) ||
        !cJSON_AddStringToObject(q, "chat_instance", inst) ||
        !cJSON_AddStringToObject(q, "data", data)) {
        cJSON_Delete(q);
        return NULL;
    }
    return q;
}

/* The chat's reply keyboard: the newest non-inline markup a bot message
 * set, when it is a keyboard (remove_keyboard takes it away). */
static const cJSON *reply_keyboard(ctl *c, int bot, int64_t chat_id)
{
    for (size_t i = c->st->nmsgs; i-- > 0;) {
        const sb_msg *m = c->st->msgs[i];
        if (m->bot != bot || m->chat_id != chat_id || !m->from_bot ||
            !m->reply_kb)
            continue;
        if (cJSON_GetObjectItemCaseSensitive(m->reply_kb, "keyboard"))
            return m->reply_kb;
        if (cJSON_GetObjectItemCaseSensitive(m->reply_kb, "remove_keyboard"))
            return NULL;
    }
    return NULL;
}

/* The message a reply-keyboard button sends: its text, or the user's own
 * contact for request_contact. Returns 0, or -1 after the error reply. */
static int reply_button_content(ctl *c, cJSON *m, const cJSON *btn,
                                const sb_user *u)
{
    const cJSON *t = cJSON_IsString(btn)
                         ? btn
                         : cJSON_GetObjectItemCaseSensitive(btn, "text");
    if (cJSON_IsTrue(
            cJSON_GetObjectItemCaseSensitive(btn, "request_location"))) {
        bad(c, 400, "press: request_location buttons are not simulated");
        return -1;
    }
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(btn, "request_contact")))
        return cJSON_AddStringToObject(m, "text", t->valuestring) ? 0 : -1;
    if (!u->phone_number) {
        bad(c, 400,
            "press: the user has no phone_number to share: set it with POST "
            "/sandbox/users");
        return -1;
    }
    cJSON *o = cJSON_AddObjectToObject(m, "contact");
    if (!o || !cJSON_AddStringToObject(o, "phone_number", u->phone_number) ||
        !cJSON_AddStringToObject(o, "first_name",
                                 u->first_name ? u->first_name : ""))
        return -1;
    if (u->last_name)
        cJSON_AddStringToObject(o, "last_name", u->last_name);
    return fb__sb_add_i64(o, "user_id", u->id) ? 0 : -1;
}

/* A press on a reply-keyboard button: the user sends a message. Returns 1
 * when the chat's reply keyboard had the button (reply done), else 0. */
static int press_reply_button(ctl *c, int bot, sb_user *u, sb_chat *chat,
                              const char *text)
{
    const cJSON *btn =
        fb__sb_reply_button_find(reply_keyboard(c, bot, chat->id), text);
    int64_t mid;
    if (!btn)
        return 0;
    cJSON *m = user_message(c, bot, u, chat, &mid);
    if (!m || reply_button_content(c, m, btn, u) != 0) {
        if (!m || !c->out->body)
            bad(c, 500, "out of memory");
        cJSON_Delete(m);
        return 1;
    }
    push_user_message(c, bot, u, chat, m, mid);
    return 1;
}

static void ctl_press(ctl *c)
{
    sb_user *u;
    sb_chat *chat;
    const cJSON *btn = NULL;
    int forge = 0;
    int bot = ctl_bot(c);
    if (bot < 0 || actor(c, &u, &chat) != 0)
        return;
    const char *text = opt_str(c, "text"), *data = opt_str(c, "data");
    if (!text && !data) {
        bad(c, 400, "press: give the button's text or data");
        return;
    }
    fb__sb_param_bool(c->p, "forge", &forge);
    sb_msg *m = press_target(c, bot, chat->id, text, data, forge, &btn);
    if (!m && !data && press_reply_button(c, bot, u, chat, text))
        return;
    if (!m) {
        bad(c, 404, "no bot message in that chat has such a button");
        return;
    }
    const cJSON *cbd =
        btn ? cJSON_GetObjectItemCaseSensitive(btn, "callback_data") : NULL;
    if (btn && !cJSON_IsString(cbd)) {
        bad(c, 400, "that button has no callback_data");
        return;
    }
    sb_callback *cb =
        fb__sb_callback_add(c->st, bot, chat->id, m->message_id, u->id);
    cJSON *q =
        cb ? callback_json(cb, u, m, btn ? cbd->valuestring : data) : NULL;
    int64_t update_id =
        q ? fb__sb_update_push(c->st, bot, "callback_query", q) : -1;
    if (update_id < 0) {
        bad(c, 500, "out of memory");
        return;
    }
    sb_bot *b = &c->st->bots[bot];
    b->updates[b->nupdates - 1].cb = (size_t)(cb - c->st->cbs) + 1;
    reply_ids(c, update_id, m->message_id, cb->id);
}

/* ---- transcript ---- */
static void count_bot(ctl *c, int bot, int64_t chat_id, long *sends,
                      long *events)
{
    *sends = *events = 0;
    for (size_t i = 0; i < c->st->nmsgs; i++) {
        const sb_msg *m = c->st->msgs[i];
        if (m->bot != bot || m->chat_id != chat_id || !m->from_bot)
            continue;
        (*sends)++;
        *events += 1 + cJSON_GetArraySize(m->edits);
    }
}

/* Waits (lock held) until the chat holds enough bot messages/events. */
static void transcript_wait(ctl *c, int bot, int64_t chat_id)
{
    int64_t want_msgs = 0, want_events = 0, timeout_ms = 5000;
    fb__sb_param_i64(c->p, "wait_bot", &want_msgs);
    fb__sb_param_i64(c->p, "wait_events", &want_events);
    fb__sb_param_i64(c->p, "timeout_ms", &timeout_ms);
    if (want_msgs <= 0 && want_events <= 0)
        return;
    if (timeout_ms < 0 || timeout_ms > WAIT_MAX_MS)
        timeout_ms = timeout_ms < 0 ? 0 : WAIT_MAX_MS;
    struct timespec deadline;
    fb__sb_clock_deadline(&deadline, (double)timeout_ms / 1000.0);
    for (;;) {
        long sends, events;
        count_bot(c, bot, chat_id, &sends, &events);
        if ((want_msgs <= 0 || sends >= want_msgs) &&
            (want_events <= 0 || events >= want_events))
            return;
        if (c->st->stopping || fb__sb_wait(c->st, &deadline) == 1)
            return;
    }
}

static void copy_field(cJSON *dst, const cJSON *src, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(src, key);
    if (v)
        cJSON_AddItemToObject(dst, key, cJSON_Duplicate(v, 1));
}

static cJSON *file_ref(const cJSON *media, int photo)
{
    const cJSON *f =
        photo ? cJSON_GetArrayItem(media, cJSON_GetArraySize(media) - 1)
              : media;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(f, "file_id");
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_IsString(id))
        return o;
    char url[96];
    snprintf(url, sizeof(url), "/sandbox/files/%s", id->valuestring);
    cJSON_AddStringToObject(o, "file_id", id->valuestring);
    copy_field(o, f, "file_name");
    copy_field(o, f, "mime_type");
    copy_field(o, f, "file_size");
    cJSON_AddStringToObject(o, "url", url);
    return o;
}

static cJSON *transcript_item(const sb_msg *m)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    fb__sb_add_i64(o, "message_id", m->message_id);
    cJSON_AddStringToObject(o, "from", m->from_bot ? "bot" : "user");
    fb__sb_add_i64(o, "user_id", m->user_id);
    static const char *keys[] = {
        "text", "caption",   "entities", "caption_entities",
        "date", "edit_date", "contact"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        copy_field(o, m->json, keys[i]);
    if (m->html)
        cJSON_AddStringToObject(o, "html", m->html);
    const cJSON *rm = cJSON_GetObjectItemCaseSensitive(m->json, "reply_markup");
    if (!rm)
        rm = m->reply_kb;
    cJSON_AddItemToObject(o, "reply_markup",
                          rm ? cJSON_Duplicate(rm, 1) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "edits",
                          m->edits ? cJSON_Duplicate(m->edits, 1)
                                   : cJSON_CreateArray());
    cJSON_AddItemToObject(o, "original",
                          m->original ? cJSON_Duplicate(m->original, 1)
                                      : cJSON_CreateNull());
    cJSON_AddBoolToObject(o, "deleted", m->deleted);
    cJSON_AddNumberToObject(o, "t_ms", m->created_ms);
    const cJSON *rt =
        cJSON_GetObjectItemCaseSensitive(m->json, "reply_to_message");
    const cJSON *rt_id = cJSON_GetObjectItemCaseSensitive(rt, "message_id");
    if (rt_id)
        cJSON_AddItemToObject(o, "reply_to_message_id",
                              cJSON_Duplicate(rt_id, 1));
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(m->json, "document");
    const cJSON *photo = cJSON_GetObjectItemCaseSensitive(m->json, "photo");
    if (doc)
        cJSON_AddItemToObject(o, "document", file_ref(doc, 0));
    if (photo)
        cJSON_AddItemToObject(o, "photo", file_ref(photo, 1));
    return o;
}

static void ctl_transcript(ctl *c)
{
    int64_t chat_id;
    int bot = ctl_bot(c);
    if (bot < 0 || need_i64(c, "chat_id", &chat_id) != 0)
        return;
    transcript_wait(c, bot, chat_id);
    cJSON *r = cJSON_CreateObject();
    cJSON *arr = r ? cJSON_AddArrayToObject(r, "messages") : NULL;
    for (size_t i = 0; arr && i < c->st->nmsgs; i++) {
        const sb_msg *m = c->st->msgs[i];
        if (m->bot != bot || m->chat_id != chat_id)
            continue;
        cJSON *item = transcript_item(m);
        if (!item || !cJSON_AddItemToArray(arr, item)) {
            cJSON_Delete(item);
            cJSON_Delete(r);
            r = NULL;
            break;
        }
    }
    fb__sb_out_ok(c->out, r);
}

/* ---- reading state ---- */
static void ctl_file(ctl *c, const char *file_id)
{
    sb_file *f = fb__sb_file_find(c->st, file_id);
    if (!f) {
        bad(c, 404, "file not found");
        return;
    }
    c->out->body = malloc(f->len ? f->len : 1);
    if (!c->out->body) {
        bad(c, 500, "out of memory");
        return;
    }
    memcpy(c->out->body, f->data, f->len);
    c->out->body_len = f->len;
    c->out->status = 200;
    c->out->content_type = f->mime_type && strchr(f->mime_type, '/') &&
                                   !strpbrk(f->mime_type, "\r\n")
                               ? f->mime_type
                               : "application/octet-stream";
}

static void ctl_callback(ctl *c, const char *id)
{
    sb_callback *cb = fb__sb_callback_find(c->st, id);
    if (!cb) {
        bad(c, 404, "callback query not found");
        return;
    }
    cJSON *o = cJSON_CreateObject();
    if (o) {
        cJSON_AddBoolToObject(o, "answered", cb->answers > 0);
        cJSON_AddNumberToObject(o, "answers", cb->answers);
        if (cb->text)
            cJSON_AddStringToObject(o, "text", cb->text);
        else
            cJSON_AddNullToObject(o, "text");
        cJSON_AddBoolToObject(o, "show_alert", cb->show_alert);
        cJSON_AddNumberToObject(o, "latency_ms", cb->latency_ms);
        fb__sb_add_i64(o, "chat_id", cb->chat_id);
        fb__sb_add_i64(o, "message_id", cb->message_id);
        fb__sb_add_i64(o, "user_id", cb->user_id);
    }
    fb__sb_out_ok(c->out, o);
}

static void add_count(cJSON *o, const char *name, uint64_t v)
{
    cJSON_AddNumberToObject(o, name, (double)v);
}

/* Presses of the bot never answered and not handed to it with a second
 * of their window left (CALLBACK_HANDOVER_MARGIN_S), which a getUpdates
 * in that window could not reach: its limit of older updates came first. */
static uint64_t unseen_behind_limit(const ctl *c, int bot)
{
    uint64_t n = 0;
    for (size_t i = 0; i < c->st->ncbs; i++) {
        const sb_callback *cb = &c->st->cbs[i];
        n += cb->bot == bot && (cb->answers == 0 || cb->late) &&
             cb->behind_limit &&
             (cb->delivered_s == 0 ||
              cb->delivered_s - cb->created_s >
                  CALLBACK_DEADLINE_S - CALLBACK_HANDOVER_MARGIN_S);
    }
    return n;
}

static void ctl_counters(ctl *c)
{
    int bot = ctl_bot(c);
    if (bot < 0)
        return;
    const sb_bot *b = &c->st->bots[bot];
    const sb_counters *k = &b->c;
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        bad(c, 500, "out of memory");
        return;
    }
    add_count(o, "updates_queued", k->updates_queued);
    add_count(o, "updates_delivered", k->updates_delivered);
    add_count(o, "updates_pending", b->nupdates);
    add_count(o, "requests", k->requests);
    add_count(o, "messages_sent", k->messages_sent);
    add_count(o, "edits", k->edits);
    add_count(o, "deletes", k->deletes);
    add_count(o, "responses_429", k->responses_429);
    add_count(o, "responses_4xx", k->responses_4xx);
    add_count(o, "responses_5xx_injected", k->responses_5xx_injected);
    add_count(o, "faults_injected", k->faults_injected);
    add_count(o, "blocked_403", k->blocked_403);
    add_count(o, "callbacks_total", k->callbacks_total);
    add_count(o, "callbacks_answered", k->callbacks_answered);
    add_count(o, "callbacks_unanswered",
              k->callbacks_total - k->callbacks_answered);
    add_count(o, "callbacks_answered_late", k->callbacks_late);
    add_count(o, "callbacks_answered_twice", k->callbacks_twice);
    add_count(o, "callbacks_unseen_behind_limit", unseen_behind_limit(c, bot));
    cJSON_AddNumberToObject(o, "callback_latency_ms_max",
                            k->callback_latency_ms_max);
    cJSON_AddNumberToObject(o, "callback_latency_ms_avg",
                            k->callbacks_answered
                                ? k->callback_latency_ms_sum /
                                      (double)k->callbacks_answered
                                : 0);
    add_count(o, "limit_violations", k->limit_violations);
    add_count(o, "limit_violations_global", k->limit_global);
    add_count(o, "limit_violations_chat", k->limit_chat);
    add_count(o, "limit_violations_group", k->limit_group);
    add_count(o, "webhook_posts", k->webhook_posts);
    add_count(o, "webhook_failures", k->webhook_failures);
    add_count(o, "conflicts_409", k->conflicts_409);
    add_count(o, "paid_messages", k->paid_messages);
    add_count(o, "stars_spent_x10", k->stars_spent_x10);
    add_count(o, "responses_400_no_stars", k->no_stars_400);
    cJSON_AddNumberToObject(o, "stars_balance_x10", (double)b->stars_x10);
    fb__sb_out_ok(c->out, o);
}

static void ctl_commands(ctl *c)
{
    int bot = ctl_bot(c);
    if (bot < 0)
        return;
    const char *scope = opt_str(c, "scope");
    const char *lang = opt_str(c, "language_code");
    char key[96];
    if (!scope || !scope[0])
        scope = "default";
    if (scope[0] == '{') {
        cJSON *s = fb__sb_json_parse_exact(scope, strlen(scope));
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(s, "type");
        const cJSON *chat = cJSON_GetObjectItemCaseSensitive(s, "chat_id");
        const cJSON *user = cJSON_GetObjectItemCaseSensitive(s, "user_id");
        int64_t ci = 0, ui = 0;
        fb__sb_json_i64(chat, &ci);
        fb__sb_json_i64(user, &ui);
        if (!cJSON_IsString(t))
            snprintf(key, sizeof(key), "?");
        else if (user)
            snprintf(key, sizeof(key), "%s:%" PRId64 ":%" PRId64,
                     t->valuestring, ci, ui);
        else if (chat)
            snprintf(key, sizeof(key), "%s:%" PRId64, t->valuestring, ci);
        else
            snprintf(key, sizeof(key), "%s", t->valuestring);
        cJSON_Delete(s);
    } else {
        snprintf(key, sizeof(key), "%s", scope);
    }
    for (size_t i = 0; i < c->st->ncmds; i++) {
        const sb_cmdset *s = &c->st->cmds[i];
        if (s->bot == bot && strcmp(s->scope_key, key) == 0 &&
            strcmp(s->lang, lang ? lang : "") == 0) {
            fb__sb_out_ok(c->out, cJSON_Duplicate(s->commands, 1));
            return;
        }
    }
    fb__sb_out_ok(c->out, cJSON_CreateArray());
}

/* ---- faults, blocking, limits ---- */
static int read_action(ctl *c, sb_fault_action *a)
{
    int64_t status = 0, retry = 0;
    double delay = 0;
    memset(a, 0, sizeof(*a));
    const char *desc = opt_str(c, "description");
    const char *body = opt_str(c, "body");
    if (fb__sb_param_i64(c->p, "status", &status) == SB_P_BAD ||
        (status != 0 && (status < 400 || status > 599)) ||
        fb__sb_param_i64(c->p, "retry_after", &retry) == SB_P_BAD ||
        retry < 0 || retry > 3600 ||
        fb__sb_param_num(c->p, "delay_ms", &delay) == SB_P_BAD || delay < 0 ||
        delay > 600000) {
        bad(c, 400,
            "faults: status 400-599, retry_after 0-3600, delay_ms 0-600000");
        return -1;
    }
    a->status = (int)status;
    a->retry_after = (int)retry;
    a->delay_ms = delay;
    fb__sb_param_bool(c->p, "drop", &a->drop);
    if (desc)
        snprintf(a->description, sizeof(a->description), "%s", desc);
    if (body && (!body[0] || strlen(body) >= sizeof(a->body))) {
        bad(c, 400, "faults: body 1-1023 bytes");
        return -1;
    }
    if (body)
        snprintf(a->body, sizeof(a->body), "%s", body);
    if (!a->status && !a->drop && a->delay_ms <= 0 && !a->body[0]) {
        bad(c, 400, "faults: give status, delay_ms, drop or body");
        return -1;
    }
    return 0;
}

static void ctl_faults(ctl *c)
{
    sb_fault_action a;
    int64_t count = 1, chat = 0;
    const char *method = opt_str(c, "method");
    if (read_action(c, &a) != 0)
        return;
    if (fb__sb_param_i64(c->p, "count", &count) == SB_P_BAD || count < 1 ||
        count > 1000000) {
        bad(c, 400, "faults: count 1-1000000");
        return;
    }
    int has_chat = fb__sb_param_i64(c->p, "chat_id", &chat) == SB_P_OK;
    if (fb__sb_faults_add(method && method[0] ? method : "*", (int)count,
                          has_chat, chat, &a) != 0) {
        bad(c, 500, "out of memory");
        return;
    }
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static void ctl_faults_random(ctl *c)
{
    sb_fault_rates r;
    int64_t seed = 0;
    memset(&r, 0, sizeof(r));
    double *rates[] = {&r.rate_429, &r.rate_5xx, &r.rate_timeout, &r.rate_drop};
    const char *names[] = {"rate_429", "rate_5xx", "rate_timeout", "rate_drop"};
    double sum = 0;
    for (size_t i = 0; i < 4; i++) {
        if (fb__sb_param_num(c->p, names[i], rates[i]) == SB_P_BAD ||
            *rates[i] < 0 || *rates[i] > 1) {
            bad(c, 400, "faults/random: rates are numbers in 0..1");
            return;
        }
        sum += *rates[i];
    }
    if (sum > 1 ||
        fb__sb_param_num(c->p, "timeout_ms", &r.timeout_ms) == SB_P_BAD ||
        fb__sb_param_i64(c->p, "seed", &seed) == SB_P_BAD) {
        bad(c, 400,
            "faults/random: rates must add up to at most 1; timeout_ms and "
            "seed are numbers");
        return;
    }
    r.seed = (uint64_t)seed;
    fb__sb_faults_set_random(&r);
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static void ctl_block(ctl *c)
{
    int64_t chat_id;
    int blocked = 1;
    if (need_i64(c, "chat_id", &chat_id) != 0)
        return;
    sb_chat *chat = fb__sb_chat(c->st, chat_id);
    if (!chat) {
        bad(c, 404, "chat not found");
        return;
    }
    fb__sb_param_bool(c->p, "blocked", &blocked);
    chat->blocked = blocked;
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static cJSON *limits_json(const sb_limit_cfg *L)
{
    cJSON *o = cJSON_CreateObject();
    if (o) {
        cJSON_AddBoolToObject(o, "enabled", L->enabled);
        cJSON_AddNumberToObject(o, "global_per_s", L->global_per_s);
        cJSON_AddNumberToObject(o, "chat_burst", L->chat_burst);
        cJSON_AddNumberToObject(o, "chat_per_s", L->chat_per_s);
        cJSON_AddNumberToObject(o, "group_per_min", L->group_per_min);
        cJSON_AddNumberToObject(o, "paid_per_s", L->paid_per_s);
    }
    return o;
}

/* POST /sandbox/limits {enabled?, global_per_s?, chat_burst?, chat_per_s?,
 * group_per_min?, paid_per_s?, keep?}: changes the flood limits until the next
 * reset; every window starts empty again unless keep is true (then the messages
 * sent before the change count under the new limits: a bot that changed
 * its own limits while running is judged across the change). */
static void ctl_limits(ctl *c)
{
    sb_limit_cfg L = c->st->limits;
    int keep = 0;
    double *vals[] = {&L.global_per_s, &L.chat_burst, &L.chat_per_s,
                      &L.group_per_min, &L.paid_per_s};
    const char *names[] = {"global_per_s", "chat_burst", "chat_per_s",
                           "group_per_min", "paid_per_s"};
    if (fb__sb_param_bool(c->p, "enabled", &L.enabled) == SB_P_BAD ||
        fb__sb_param_bool(c->p, "keep", &keep) == SB_P_BAD) {
        bad(c, 400, "limits: enabled and keep must be booleans");
        return;
    }
    for (size_t i = 0; i < 5; i++)
        if (fb__sb_param_num(c->p, names[i], vals[i]) == SB_P_BAD ||
            *vals[i] < 0.001 || *vals[i] > 1e6) {
            bad(c, 400,
                "limits: rates and burst are numbers in 0.001..1000000");
            return;
        }
    c->st->limits = L;
    for (size_t i = 0; i < c->st->nbots && !keep; i++)
        fb__sb_limits_forget(&c->st->bots[i]); /* every window empty again */
    fb__sb_out_ok(c->out, limits_json(&L));
}

/* POST /sandbox/stars {token?, stars}: sets the bot's Star balance (a
 * number of Stars, 0..1e11, to the tenth); each allow_paid_broadcast
 * message costs 0.1, and one the balance cannot pay is refused with 400
 * "Bad Request: not enough stars". A reset restores the default
 * (SB_STARS_X10: enough). */
static void ctl_stars(ctl *c)
{
    int bot = ctl_bot(c);
    double stars = -1;

    if (bot < 0)
        return;
    if (fb__sb_param_num(c->p, "stars", &stars) != SB_P_OK || stars < 0 ||
        stars > 1e11) {
        bad(c, 400, "stars: a number of Stars in 0..100000000000");
        return;
    }
    c->st->bots[bot].stars_x10 = llround(stars * 10);
    fb__sb_out_ok(c->out, cJSON_CreateNumber(stars));
}

/* POST /sandbox/webhook_balance {token?, urls: [...]}: a balancer in front
 * of the bot's webhook (nginx's round robin with proxy_next_upstream
 * error): each update goes to the next URL in turn, one that cannot be
 * reached is passed over at once (an answer, even 5xx, is returned to the
 * sender, which retries later as Telegram does). [] removes it. */
static void ctl_webhook_balance(ctl *c)
{
    int bot = ctl_bot(c);
    cJSON *urls = NULL, *u;
    sb_bot *b;
    size_t n = 0;

    if (bot < 0)
        return;
    if (fb__sb_param_json(c->p, "urls", &urls) != SB_P_OK ||
        !cJSON_IsArray(urls) ||
        cJSON_GetArraySize(urls) > SB_WEBHOOK_POOL_MAX) {
        bad(c, 400, "webhook_balance: urls is an array of at most 8 URLs");
        return;
    }
    cJSON_ArrayForEach(u, urls) if (!cJSON_IsString(u) ||
                                    !fb__sb_loopback_url(u->valuestring))
    {
        bad(c, 400, "webhook_balance: loopback http(s) URLs only");
        return;
    }
    b = &c->st->bots[bot];
    fb__sb_webhook_pool_clear(b);
    cJSON_ArrayForEach(
        u, urls) if ((b->webhook_pool[n] = strdup(u->valuestring))) n++;
    b->webhook_npool = n;
    fb__sb_changed(c->st);
    fb__sb_out_ok(c->out, cJSON_CreateNumber((double)n));
}

static void ctl_limits_get(ctl *c)
{
    fb__sb_out_ok(c->out, limits_json(&c->st->limits));
}

static void ctl_reset(ctl *c)
{
    fb__sb_store_reset(c->st);
    fb__sb_faults_clear();
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static void ctl_health(ctl *c)
{
    cJSON *o = cJSON_CreateObject();
    if (o) {
        cJSON_AddNumberToObject(o, "bots", (double)c->st->nbots);
        cJSON_AddNumberToObject(o, "time_scale", fb__sb_clock_scale());
        cJSON_AddItemToObject(o, "limits", limits_json(&c->st->limits));
    }
    fb__sb_out_ok(c->out, o);
}

static void ctl_clear_faults(ctl *c)
{
    fb__sb_faults_clear();
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

typedef void (*ctl_fn)(ctl *c);

static const struct {
    const char *verb, *path;
    ctl_fn fn;
} routes[] = {
    {"POST", "users", ctl_users},
    {"POST", "chats", ctl_chats},
    {"POST", "send", ctl_send},
    {"POST", "press", ctl_press},
    {"GET", "transcript", ctl_transcript},
    {"GET", "counters", ctl_counters},
    {"GET", "commands", ctl_commands},
    {"POST", "reset", ctl_reset},
    {"POST", "faults", ctl_faults},
    {"POST", "faults/random", ctl_faults_random},
    {"DELETE", "faults", ctl_clear_faults},
    {"POST", "block", ctl_block},
    {"POST", "limits", ctl_limits},
    {"GET", "limits", ctl_limits_get},
    {"POST", "webhook_balance", ctl_webhook_balance},
    {"POST", "stars", ctl_stars},
    {"GET", "health", ctl_health},
};

/* Returns the handler for verb + path, or NULL; *known tells whether the
 * path exists with another verb. */
static ctl_fn find_route(const char *verb, const char *path, int *known)
{
    *known = 0;
    for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        if (strcmp(routes[i].path, path) != 0)
            continue;
        *known = 1;
        if (strcmp(routes[i].verb, verb) == 0)
            return routes[i].fn;
    }
    return NULL;
}

void fb__sb_control(const char *http_method, const char *path, sb_params *p,
                    sb_out *out)
{
    ctl c = {fb__sb_state(), p, out};
    int is_get = strcmp(http_method, "GET") == 0, known = 0;
    fb__sb_lock();
    if (is_get && strncmp(path, "files/", 6) == 0) {
        ctl_file(&c, path + 6);
    } else if (is_get && strncmp(path, "callbacks/", 10) == 0) {
        ctl_callback(&c, path + 10);
    } else {
        ctl_fn fn = find_route(http_method, path, &known);
        if (fn)
            fn(&c);
        else
            bad(&c, known ? 405 : 404,
                known ? "method not allowed" : "no such control endpoint");
    }
    fb__sb_unlock();
}
