#include "sb_send.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sb_clock.h"
#include "sb_html.h"
#include "sb_limits.h"
#include "sb_markup.h"

#define TEXT_MAX 4096
#define CAPTION_MAX 1024
#define ANSWER_TEXT_MAX 200

typedef struct sb_text {
    char *plain;     /* NULL when absent and optional */
    cJSON *entities; /* may be NULL */
    char *html;      /* the raw markup when parse_mode was HTML */
} sb_text;

static void text_free(sb_text *t)
{
    free(t->plain);
    cJSON_Delete(t->entities);
    free(t->html);
    memset(t, 0, sizeof(*t));
}

static void oom(sb_call *c)
{
    fb__sb_out_err(c->out, 500, "Internal Server Error", 0);
}

/* Returns 1 for HTML, 0 for none/Markdown, -1 for an unknown parse_mode. */
static int parse_mode(sb_call *c)
{
    const char *mode = NULL;
    if (fb__sb_param_str(c->p, "parse_mode", &mode) != SB_P_OK || !mode[0])
        return 0;
    if (strcasecmp(mode, "HTML") == 0)
        return 1;
    if (strcasecmp(mode, "Markdown") == 0 ||
        strcasecmp(mode, "MarkdownV2") == 0)
        return 0;
    fb__sb_call_bad(c, "unsupported parse_mode");
    return -1;
}

static int convert_text(sb_call *c, const char *raw, const char *ent_key,
                        sb_text *t)
{
    int mode = parse_mode(c);
    if (mode < 0)
        return -1;
    if (mode == 1) {
        char err[256];
        int rc =
            fb__sb_html_parse(raw, &t->plain, &t->entities, err, sizeof(err));
        if (rc != 0) {
            fb__sb_out_err(c->out, rc == -1 ? 400 : 500, err, 0);
            return -1;
        }
        t->html = strdup(raw);
        return t->html ? 0 : (oom(c), -1);
    }
    t->plain = strdup(raw);
    if (!t->plain)
        return oom(c), -1;
    cJSON *ents = NULL;
    int rc = fb__sb_param_json(c->p, ent_key, &ents);
    if (rc == SB_P_BAD || (rc == SB_P_OK && !cJSON_IsArray(ents))) {
        fb__sb_call_bad(c, "can't parse entities JSON object");
        return -1;
    }
    if (rc == SB_P_OK && cJSON_GetArraySize(ents) > 0)
        t->entities = cJSON_Duplicate(ents, 1);
    return 0;
}

/* Reads a text field (key "text" or "caption") the way Telegram checks it.
 * Returns 0 (t filled; t->plain NULL when optional and absent), or -1 after
 * filling the error reply. */
static int read_text(sb_call *c, const char *key, int required, sb_text *t)
{
    int caption = strcmp(key, "caption") == 0;
    const char *raw = NULL;
    memset(t, 0, sizeof(*t));
    int rc = fb__sb_param_str(c->p, key, &raw);
    if (rc == SB_P_BAD) {
        fb__sb_call_bad(c, caption ? "can't parse caption"
                                   : "message text is empty");
        return -1;
    }
    if (rc == SB_P_MISSING || (!required && !raw[0]))
        return required ? (fb__sb_call_bad(c, "message text is empty"), -1) : 0;
    if (!fb__sb_utf8_valid(raw, strlen(raw))) {
        fb__sb_call_bad(c, "strings must be encoded in UTF-8");
        return -1;
    }
    if (convert_text(c, raw, caption ? "caption_entities" : "entities", t) !=
        0) {
        text_free(t);
        return -1;
    }
    if (required && fb__sb_blank(t->plain)) {
        text_free(t);
        fb__sb_call_bad(c, "message text is empty");
        return -1;
    }
    if (fb__sb_utf8_chars(t->plain) > (caption ? CAPTION_MAX : TEXT_MAX)) {
        text_free(t);
        fb__sb_call_bad(c, caption ? "message caption is too long"
                                   : "message is too long");
        return -1;
    }
    return 0;
}

/* Reads reply_markup. Returns 0 with *echo set to a copy of an inline
 * keyboard (NULL otherwise) and, when kept is not NULL, *kept set to a copy
 * of any other markup (reply keyboard, remove_keyboard, force_reply: not
 * part of the Message, but shown in the transcript), or -1 after filling
 * the error reply. */
static int read_markup(sb_call *c, cJSON **echo, cJSON **kept)
{
    cJSON *m = NULL;
    *echo = NULL;
    if (kept)
        *kept = NULL;
    int rc = fb__sb_param_json(c->p, "reply_markup", &m);
    if (rc == SB_P_MISSING)
        return 0;
    char err[256];
    int inline_kb = 0;
    if (rc != SB_P_OK) {
        fb__sb_call_bad(c, "can't parse reply keyboard markup JSON object");
        return -1;
    }
    if (fb__sb_markup_check(m, &inline_kb, err, sizeof(err)) != 0) {
        fb__sb_out_err(c->out, 400, err, 0);
        return -1;
    }
    if (inline_kb && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
                         m, "inline_keyboard")) > 0) {
        cJSON *copy = cJSON_CreateObject();
        cJSON *rows = cJSON_Duplicate(
            cJSON_GetObjectItemCaseSensitive(m, "inline_keyboard"), 1);
        if (!copy || !rows) {
            cJSON_Delete(copy);
            cJSON_Delete(rows);
            oom(c);
            return -1;
        }
        cJSON_AddItemToObject(copy, "inline_keyboard", rows);
        *echo = copy;
    } else if (!inline_kb && kept && !(*kept = cJSON_Duplicate(m, 1))) {
        oom(c);
        return -1;
    }
    return 0;
}

/* Finds the chat for a send and checks it is not blocked. */
static sb_chat *send_chat(sb_call *c)
{
    sb_chat *chat = fb__sb_call_chat(c);
    if (chat && chat->blocked) {
        fb__sb_out_err(c->out, 403, "Forbidden: bot was blocked by the user",
                       0);
        return NULL;
    }
    return chat;
}

/* Whether the send asks allow_paid_broadcast; -1 after filling the error
 * reply (not a boolean), or when the bot's Star balance cannot pay 0.1 (a
 * 400 whose text is the sandbox's choice: "Bad Request: not enough
 * stars"). */
static int paid_send(sb_call *c)
{
    int paid = 0;
    if (fb__sb_param_bool(c->p, "allow_paid_broadcast", &paid) == SB_P_BAD) {
        fb__sb_call_bad(c, "can't parse allow_paid_broadcast");
        return -1;
    }
    if (paid && c->b->stars_x10 < 1) {
        c->b->c.no_stars_400++;
        fb__sb_call_bad(c, "not enough stars");
        return -1;
    }
    return paid;
}

/* Charges the send to the limits (a paid one to the paid window, and 0.1
 * Star to the bot's balance). 0, or -1 after filling the error reply. */
static int charge(sb_call *c, sb_chat *chat)
{
    int retry = 0, rc, paid = paid_send(c);
    if (paid < 0)
        return -1;
    rc = fb__sb_limits_charge(c->st, c->b, chat, paid, &retry);
    if (rc == 0 && paid) {
        c->b->stars_x10--;
        c->b->c.paid_messages++;
        c->b->c.stars_spent_x10++;
    }
    if (rc == 0)
        return 0;
    if (rc < 0)
        return oom(c), -1;
    char desc[64];
    snprintf(desc, sizeof(desc), "Too Many Requests: retry after %d", retry);
    fb__sb_out_err(c->out, 429, desc, retry);
    return -1;
}

static int reply_target(sb_call *c, sb_chat *chat, cJSON **reply)
{
    int64_t rid = 0;
    *reply = NULL;
    int rc = fb__sb_param_i64(c->p, "reply_to_message_id", &rid);
    if (rc == SB_P_MISSING || (rc == SB_P_OK && rid == 0))
        return 0;
    sb_msg *m =
        rc == SB_P_OK ? fb__sb_msg_find(c->st, c->bot, chat->id, rid) : NULL;
    if (!m) {
        int allow = 0;
        fb__sb_param_bool(c->p, "allow_sending_without_reply", &allow);
        if (allow)
            return 0;
        fb__sb_call_bad(c, "message to be replied not found");
        return -1;
    }
    *reply = cJSON_Duplicate(m->json, 1);
    cJSON_DeleteItemFromObjectCaseSensitive(*reply, "reply_to_message");
    return 0;
}

/* Builds the common part of a bot message. Returns NULL when out of memory. */
static cJSON *bot_message(sb_call *c, sb_chat *chat, int64_t *message_id)
{
    cJSON *m = cJSON_CreateObject();
    *message_id = c->b->next_message_id;
    if (!m || !fb__sb_add_i64(m, "message_id", *message_id) ||
        !cJSON_AddItemToObject(m, "from", fb__sb_bot_user_json(c->b)) ||
        !cJSON_AddItemToObject(m, "chat", fb__sb_chat_json(c->st, chat))) {
        cJSON_Delete(m);
        return NULL;
    }
    cJSON_AddNumberToObject(m, "date", (double)fb__sb_clock_unix());
    return m;
}

static void add_text_fields(cJSON *m, const char *key, sb_text *t)
{
    if (!t->plain)
        return;
    cJSON_AddStringToObject(m, key, t->plain);
    if (t->entities) {
        cJSON_AddItemToObject(
            m, strcmp(key, "text") == 0 ? "entities" : "caption_entities",
            t->entities);
        t->entities = NULL;
    }
}

/* Stores and returns a bot message; takes ownership of json, markup, kept
 * (the non-inline markup), reply and t's contents. */
static void finish_send(sb_call *c, sb_chat *chat, cJSON *json, int64_t mid,
                        const char *key, sb_text *t, cJSON *markup, cJSON *kept,
                        cJSON *reply)
{
    if (reply)
        cJSON_AddItemToObject(json, "reply_to_message", reply);
    add_text_fields(json, key, t);
    if (markup)
        cJSON_AddItemToObject(json, "reply_markup", markup);
    cJSON *result = cJSON_Duplicate(json, 1);
    sb_msg *m =
        result ? fb__sb_msg_add(c->st, c->bot, chat->id, mid, 1, c->b->id, json)
               : NULL;
    if (!result)
        cJSON_Delete(json);
    if (!m) {
        cJSON_Delete(result);
        cJSON_Delete(kept);
        text_free(t);
        oom(c);
        return;
    }
    m->reply_kb = kept;
    m->html = t->html;
    t->html = NULL;
    text_free(t);
    c->b->next_message_id++;
    c->b->c.messages_sent++;
    fb__sb_changed(c->st);
    fb__sb_out_ok(c->out, result);
}

void fb__sb_m_send_message(sb_call *c)
{
    sb_text t;
    cJSON *markup = NULL, *kept = NULL, *reply = NULL, *json = NULL;
    int64_t mid;
    sb_chat *chat = send_chat(c);
    if (!chat || read_text(c, "text", 1, &t) != 0)
        return;
    if (read_markup(c, &markup, &kept) != 0 ||
        reply_target(c, chat, &reply) != 0 || charge(c, chat) != 0)
        goto fail;
    json = bot_message(c, chat, &mid);
    if (!json) {
        oom(c);
        goto fail;
    }
    finish_send(c, chat, json, mid, "text", &t, markup, kept, reply);
    return;
fail:
    cJSON_Delete(markup);
    cJSON_Delete(kept);
    cJSON_Delete(reply);
    text_free(&t);
}

/* ---- files ---- */
static void image_size(const unsigned char *d, size_t n, int *w, int *h)
{
    *w = *h = 0;
    if (n >= 24 && memcmp(d, "\x89PNG", 4) == 0) {
        uint32_t pw = ((uint32_t)d[16] << 24) | ((uint32_t)d[17] << 16) |
                      ((uint32_t)d[18] << 8) | d[19];
        uint32_t ph = ((uint32_t)d[20] << 24) | ((uint32_t)d[21] << 16) |
                      ((uint32_t)d[22] << 8) | d[23];
        *w = pw > INT32_MAX ? 0 : (int)pw;
        *h = ph > INT32_MAX ? 0 : (int)ph;
        return;
    }
    for (size_t i = 2; n > 2 && d[0] == 0xFF && d[1] == 0xD8 && i + 9 < n;) {
        if (d[i] != 0xFF)
            return;
        unsigned char mk = d[i + 1];
        size_t len = ((size_t)d[i + 2] << 8) | d[i + 3];
        if (mk >= 0xC0 && mk <= 0xC3) {
            *h = (d[i + 5] << 8) | d[i + 6];
            *w = (d[i + 7] << 8) | d[i + 8];
            return;
        }
        i += 2 + len;
    }
}

cJSON *fb__sb_photo_json(const sb_file *f)
{
    int w, h;
    image_size(f->data, f->len, &w, &h);
    cJSON *arr = cJSON_CreateArray();
    cJSON *ps = cJSON_CreateObject();
    if (!arr || !ps || !cJSON_AddItemToArray(arr, ps)) {
        cJSON_Delete(arr);
        cJSON_Delete(ps);
        return NULL;
    }
    cJSON_AddStringToObject(ps, "file_id", f->file_id);
    cJSON_AddStringToObject(ps, "file_unique_id", f->unique_id);
    cJSON_AddNumberToObject(ps, "width", w);
    cJSON_AddNumberToObject(ps, "height", h);
    cJSON_AddNumberToObject(ps, "file_size", (double)f->len);
    return arr;
}

cJSON *fb__sb_document_json(const sb_file *f)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "file_id", f->file_id);
    cJSON_AddStringToObject(o, "file_unique_id", f->unique_id);
    if (f->file_name)
        cJSON_AddStringToObject(o, "file_name", f->file_name);
    if (f->mime_type)
        cJSON_AddStringToObject(o, "mime_type", f->mime_type);
    cJSON_AddNumberToObject(o, "file_size", (double)f->len);
    return o;
}

static sb_file *upload(sb_call *c, const sb_file_part *part, const char *kind)
{
    if (part->len == 0) {
        fb__sb_call_bad(c, "file must be non-empty");
        return NULL;
    }
    unsigned char *copy = malloc(part->len);
    if (!copy)
        return oom(c), NULL;
    memcpy(copy, part->data, part->len);
    sb_file *f = fb__sb_file_add(c->st, kind, part->file_name, part->mime_type,
                                 copy, part->len);
    if (!f)
        oom(c);
    return f;
}

/* Reads the file of a sendPhoto/sendDocument: an upload, attach://name, or
 * the file_id of a known file. Returns it, or NULL after the error reply. */
static sb_file *read_input_file(sb_call *c, const char *key)
{
    const sb_file_part *part = fb__sb_params_file(c->p, key);
    if (part)
        return upload(c, part, key);
    const char *ref = NULL;
    if (fb__sb_param_str(c->p, key, &ref) != SB_P_OK || !ref[0]) {
        char msg[64];
        snprintf(msg, sizeof(msg), "there is no %s in the request", key);
        fb__sb_call_bad(c, msg);
        return NULL;
    }
    if (strncmp(ref, "attach://", 9) == 0 &&
        (part = fb__sb_params_file(c->p, ref + 9)))
        return upload(c, part, key);
    sb_file *f = fb__sb_file_find(c->st, ref);
    if (!f)
        fb__sb_call_bad(c, "wrong file identifier/HTTP URL specified");
    return f;
}

static void send_file(sb_call *c, const char *key)
{
    sb_text t;
    cJSON *markup = NULL, *kept = NULL, *reply = NULL, *json = NULL;
    cJSON *media = NULL;
    int64_t mid;
    sb_chat *chat = send_chat(c);
    if (!chat || read_text(c, "caption", 0, &t) != 0)
        return;
    if (read_markup(c, &markup, &kept) != 0 ||
        reply_target(c, chat, &reply) != 0)
        goto fail;
    sb_file *f = read_input_file(c, key);
    if (!f || charge(c, chat) != 0)
        goto fail;
    json = bot_message(c, chat, &mid);
    media = strcmp(key, "photo") == 0 ? fb__sb_photo_json(f)
                                      : fb__sb_document_json(f);
    if (!json || !media) {
        oom(c);
        goto fail;
    }
    cJSON_AddItemToObject(json, key, media);
    finish_send(c, chat, json, mid, "caption", &t, markup, kept, reply);
    return;
fail:
    cJSON_Delete(json);
    cJSON_Delete(media);
    cJSON_Delete(markup);
    cJSON_Delete(kept);
    cJSON_Delete(reply);
    text_free(&t);
}

void fb__sb_m_send_photo(sb_call *c)
{
    send_file(c, "photo");
}

void fb__sb_m_send_document(sb_call *c)
{
    send_file(c, "document");
}

void fb__sb_m_get_file(sb_call *c)
{
    const char *id = NULL;
    sb_file *f = fb__sb_param_str(c->p, "file_id", &id) == SB_P_OK
                     ? fb__sb_file_find(c->st, id)
                     : NULL;
    if (!f) {
        fb__sb_call_bad(c, "invalid file_id");
        return;
    }
    cJSON *o = cJSON_CreateObject();
    char path[96];
    snprintf(path, sizeof(path), "%ss/%s", f->kind, f->file_id);
    if (o) {
        cJSON_AddStringToObject(o, "file_id", f->file_id);
        cJSON_AddStringToObject(o, "file_unique_id", f->unique_id);
        cJSON_AddNumberToObject(o, "file_size", (double)f->len);
        cJSON_AddStringToObject(o, "file_path", path);
    }
    fb__sb_out_ok(c->out, o);
}

/* ---- edits ---- */
static sb_msg *edit_target(sb_call *c, const char *verb)
{
    int64_t mid = 0;
    char msg[64];
    if (cJSON_GetObjectItemCaseSensitive(c->p->obj, "inline_message_id")) {
        fb__sb_call_bad(c, "MESSAGE_ID_INVALID");
        return NULL;
    }
    sb_chat *chat = fb__sb_call_chat(c);
    if (!chat)
        return NULL;
    int rc = fb__sb_param_i64(c->p, "message_id", &mid);
    if (rc != SB_P_OK) {
        fb__sb_call_bad(c, rc == SB_P_MISSING
                               ? "message identifier is not specified"
                               : "MESSAGE_ID_INVALID");
        return NULL;
    }
    sb_msg *m = fb__sb_msg_find(c->st, c->bot, chat->id, mid);
    snprintf(msg, sizeof(msg), "message to %s not found", verb);
    if (!m)
        fb__sb_call_bad(c, msg);
    else if (!m->from_bot && strcmp(verb, "edit") == 0)
        fb__sb_call_bad(c, "message can't be edited");
    else
        return m;
    return NULL;
}

static int same_json(const cJSON *a, const cJSON *b)
{
    if (!a || !b)
        return !a && !b;
    return cJSON_Compare(a, b, 1);
}

static int empty_array(const cJSON *a)
{
    return !a || (cJSON_IsArray(a) && cJSON_GetArraySize(a) == 0);
}

static int text_unchanged(sb_msg *m, const char *key, const sb_text *t)
{
    if (!key)
        return 1;
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(m->json, key);
    const char *ov = cJSON_IsString(old) ? old->valuestring : "";
    const char *nv = t->plain ? t->plain : "";
    const cJSON *oe = cJSON_GetObjectItemCaseSensitive(
        m->json, strcmp(key, "text") == 0 ? "entities" : "caption_entities");
    int ents_same = (empty_array(oe) && empty_array(t->entities)) ||
                    same_json(oe, t->entities);
    return strcmp(ov, nv) == 0 && ents_same;
}

/* Returns {text|caption, reply_markup, date} for m as it is now, or NULL. */
static cJSON *state_of(const sb_msg *m, const char *key)
{
    cJSON *s = cJSON_CreateObject();
    if (!s)
        return NULL;
    const char *k =
        key ? key
            : (cJSON_GetObjectItemCaseSensitive(m->json, "text") ? "text"
                                                                 : "caption");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(m->json, k);
    cJSON_AddItemToObject(s, k, v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
    const cJSON *rm = cJSON_GetObjectItemCaseSensitive(m->json, "reply_markup");
    cJSON_AddItemToObject(s, "reply_markup",
                          rm ? cJSON_Duplicate(rm, 1) : cJSON_CreateNull());
    cJSON_AddNumberToObject(s, "date", (double)fb__sb_clock_unix());
    return s;
}

/* Appends m's current state to its edit history. Returns 0 or -1. */
static int snapshot(sb_msg *m, const char *key)
{
    if (!m->edits && !(m->edits = cJSON_CreateArray()))
        return -1;
    cJSON *s = state_of(m, key);
    if (!s || !cJSON_AddItemToArray(m->edits, s)) {
        cJSON_Delete(s);
        return -1;
    }
    return 0;
}

static void replace_field(cJSON *obj, const char *key, cJSON *val)
{
    cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
    if (val)
        cJSON_AddItemToObject(obj, key, val);
}

/* Applies an edit: key ("text"/"caption", or NULL for markup only). */
static void apply_edit(sb_call *c, sb_msg *m, const char *key, sb_text *t,
                       cJSON *markup)
{
    if (!m->original && !(m->original = state_of(m, key))) {
        oom(c);
        return;
    }
    if (key) {
        replace_field(m->json, key,
                      cJSON_CreateString(t->plain ? t->plain : ""));
        replace_field(
            m->json, strcmp(key, "text") == 0 ? "entities" : "caption_entities",
            t->entities);
        t->entities = NULL;
        free(m->html);
        m->html = t->html;
        t->html = NULL;
    }
    replace_field(m->json, "reply_markup", markup);
    replace_field(m->json, "edit_date",
                  cJSON_CreateNumber((double)fb__sb_clock_unix()));
    if (snapshot(m, key) != 0) {
        oom(c);
        return;
    }
    c->b->c.edits++;
    fb__sb_changed(c->st);
    fb__sb_out_ok(c->out, cJSON_Duplicate(m->json, 1));
}

static void edit(sb_call *c, const char *key)
{
    sb_text t;
    memset(&t, 0, sizeof(t));
    cJSON *markup = NULL;
    sb_msg *m = edit_target(c, "edit");
    if (!m)
        return;
    if (key && !cJSON_GetObjectItemCaseSensitive(m->json, key) &&
        strcmp(key, "text") == 0) {
        fb__sb_call_bad(c, "there is no text in the message to edit");
        return;
    }
    if (key && strcmp(key, "caption") == 0 &&
        cJSON_GetObjectItemCaseSensitive(m->json, "text")) {
        fb__sb_call_bad(c, "there is no caption in the message to edit");
        return;
    }
    if ((key && read_text(c, key, strcmp(key, "text") == 0, &t) != 0) ||
        read_markup(c, &markup, NULL) != 0) {
        text_free(&t);
        return;
    }
    if (text_unchanged(m, key, &t) &&
        same_json(cJSON_GetObjectItemCaseSensitive(m->json, "reply_markup"),
                  markup)) {
        fb__sb_call_bad(
            c, "message is not modified: specified new message content and "
               "reply markup are exactly the "
               "same as a current content and reply markup of the message");
    } else {
        apply_edit(c, m, key, &t, markup);
        markup = NULL;
    }
    cJSON_Delete(markup);
    text_free(&t);
}

void fb__sb_m_edit_text(sb_call *c)
{
    edit(c, "text");
}

void fb__sb_m_edit_caption(sb_call *c)
{
    edit(c, "caption");
}

void fb__sb_m_edit_markup(sb_call *c)
{
    edit(c, NULL);
}

void fb__sb_m_delete_message(sb_call *c)
{
    sb_msg *m = edit_target(c, "delete");
    if (!m)
        return;
    m->deleted = 1;
    c->b->c.deletes++;
    fb__sb_changed(c->st);
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

/* ---- callback queries ---- */
static int read_answer_text(sb_call *c, const char **text)
{
    *text = NULL;
    int rc = fb__sb_param_str(c->p, "text", text);
    if (rc == SB_P_BAD ||
        (rc == SB_P_OK && !fb__sb_utf8_valid(*text, strlen(*text)))) {
        fb__sb_call_bad(c, "strings must be encoded in UTF-8");
        return -1;
    }
    if (rc == SB_P_OK && fb__sb_utf8_chars(*text) > ANSWER_TEXT_MAX) {
        fb__sb_call_bad(c, "MESSAGE_TOO_LONG");
        return -1;
    }
    return 0;
}

void fb__sb_m_answer_callback(sb_call *c)
{
    const char *id = NULL, *text = NULL;
    static const char *too_old =
        "query is too old and response timeout expired or query ID is invalid";
    if (fb__sb_param_str(c->p, "callback_query_id", &id) != SB_P_OK) {
        fb__sb_call_bad(c, "QUERY_ID_INVALID");
        return;
    }
    sb_callback *cb = fb__sb_callback_find(c->st, id);
    if (!cb || cb->bot != c->bot) {
        fb__sb_call_bad(c, too_old);
        return;
    }
    if (read_answer_text(c, &text) != 0)
        return;
    if (cb->answers > 0 ||
        fb__sb_clock_now() - cb->created_s > CALLBACK_DEADLINE_S) {
        if (cb->answers > 0) {
            c->b->c.callbacks_twice++;
        } else {
            c->b->c.callbacks_late++;
            cb->late = 1;
        }
        cb->answers++;
        fb__sb_call_bad(c, too_old);
        return;
    }
    int alert = 0;
    fb__sb_param_bool(c->p, "show_alert", &alert);
    cb->answers = 1;
    cb->text = text ? strdup(text) : NULL;
    cb->show_alert = alert;
    cb->latency_ms = fb__sb_clock_real_ms() - cb->created_ms;
    c->b->c.callbacks_answered++;
    c->b->c.callback_latency_ms_sum += cb->latency_ms;
    if (cb->latency_ms > c->b->c.callback_latency_ms_max)
        c->b->c.callback_latency_ms_max = cb->latency_ms;
    fb__sb_changed(c->st);
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}
