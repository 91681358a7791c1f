/* What the bot says: transcripts, per-chat cursors, waiting and matching. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"

/* The chat's messages (a cJSON array to free), waiting until the chat holds
 * at least want bot events when want > 0. */
static cJSON *load(fbt_env *e, int64_t chat, int want, int timeout_ms)
{
    char path[160];
    cJSON *r, *msgs;

    if (want > 0)
        snprintf(path, sizeof path,
                 "/sandbox/transcript?chat_id=%" PRId64
                 "&wait_events=%d&timeout_ms=%d",
                 chat, want, timeout_ms);
    else
        snprintf(path, sizeof path, "/sandbox/transcript?chat_id=%" PRId64,
                 chat);
    r = fb__kit_call(e, "GET", path, NULL);
    msgs = cJSON_DetachItemFromObject(r, "messages");
    cJSON_Delete(r);
    if (r && !cJSON_IsArray(msgs))
        fb__kit_fail(e, "transcript without messages");
    return msgs;
}

static kit_cursor *cursor(fbt_env *e, int64_t chat)
{
    size_t i;

    for (i = 0; i < e->ncursors; i++)
        if (e->cursors[i].chat == chat)
            return &e->cursors[i];
    if (fb__kit_grow((void **)&e->cursors, &e->capcursors, i + 1,
                     sizeof *e->cursors) != 0)
        return NULL;
    memset(&e->cursors[i], 0, sizeof e->cursors[i]);
    e->cursors[i].chat = chat;
    e->ncursors++;
    return &e->cursors[i];
}

static int seen_of(const kit_cursor *c, int64_t mid)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->seen[i].message_id == mid)
            return c->seen[i].events;
    return 0;
}

static int seen_total(const kit_cursor *c)
{
    int n = 0;

    for (size_t i = 0; i < c->n; i++)
        n += c->seen[i].events;
    return n;
}

static int mark_seen(kit_cursor *c, const fbt_msg *m)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        if (c->seen[i].message_id == m->message_id) {
            c->seen[i].events++;
            return 0;
        }
    if (fb__kit_grow((void **)&c->seen, &c->cap, c->n + 1, sizeof *c->seen))
        return -1;
    c->seen[c->n].message_id = m->message_id;
    c->seen[c->n].text0 = strdup(m->text);
    c->seen[c->n++].events = 1;
    return 0;
}

/* The text a message had when the cursor first saw it, or NULL. */
static const char *first_text(const kit_cursor *c, int64_t mid)
{
    for (size_t i = 0; c && i < c->n; i++)
        if (c->seen[i].message_id == mid)
            return c->seen[i].text0;
    return NULL;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int64_t id_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);

    return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

/* Copy the inline or reply keyboard of markup into m. 0 or -1. */
static int take_buttons(fbt_msg *m, const cJSON *markup)
{
    const cJSON *rows = cJSON_GetObjectItem(markup, "inline_keyboard");
    const cJSON *row, *b;
    int n = 0, r = 0, k = 0;

    if (!rows && (rows = cJSON_GetObjectItem(markup, "keyboard")))
        m->keyboard = FBT_KB_REPLY;
    else if (!rows &&
             cJSON_IsTrue(cJSON_GetObjectItem(markup, "remove_keyboard")))
        m->keyboard = FBT_KB_REMOVE;

    cJSON_ArrayForEach(row, rows) n += cJSON_GetArraySize(row);
    if (n == 0)
        return 0;
    m->button_text = calloc((size_t)n, sizeof *m->button_text);
    m->button_data = calloc((size_t)n, sizeof *m->button_data);
    m->button_row = calloc((size_t)n, sizeof *m->button_row);
    if (!m->button_text || !m->button_data || !m->button_row)
        return -1;
    cJSON_ArrayForEach(row, rows)
    {
        cJSON_ArrayForEach(b, row)
        {
            const char *d = str_of(b, "callback_data");
            const char *t =
                cJSON_IsString(b) ? b->valuestring : str_of(b, "text");
            m->button_text[k] = strdup(t ? t : "");
            m->button_data[k] = strdup(d                  ? d
                                       : str_of(b, "url") ? str_of(b, "url")
                                                          : "");
            m->button_row[k++] = r;
        }
        r++;
    }
    m->nbuttons = k;
    return 0;
}

/* Build event number ev (0: the send, n: edit n) of a bot message. The
 * sandbox shows an edited message with its latest text and keeps the first
 * one as "original"; without that, the send of a message already edited
 * carries the text the cursor saw first, or says it was replaced. */
static fbt_msg *make_msg(const kit_cursor *c, int64_t chat, const cJSON *msg,
                         int ev)
{
    fbt_msg *m = calloc(1, sizeof *m);
    const cJSON *src = msg, *doc;
    const char *text;

    if (!m)
        return NULL;
    if (ev > 0)
        src = cJSON_GetArrayItem(cJSON_GetObjectItem(msg, "edits"), ev - 1);
    else if (cJSON_IsObject(cJSON_GetObjectItem(msg, "original")))
        src = cJSON_GetObjectItem(msg, "original"); /* as first sent */
    m->chat_id = chat;
    m->message_id = id_of(msg, "message_id");
    m->edit = ev;
    text = str_of(src, "text") ? str_of(src, "text") : str_of(src, "caption");
    if (ev == 0 && src == msg &&
        cJSON_GetArraySize(cJSON_GetObjectItem(msg, "edits")) > 0)
        text = first_text(c, m->message_id)
                   ? first_text(c, m->message_id)
                   : "(first text not seen, replaced by an edit)";
    m->text = strdup(text ? text : "");
    doc = cJSON_GetObjectItem(msg, "document");
    if (ev == 0 && cJSON_IsObject(doc) && str_of(doc, "file_name"))
        m->document = strdup(str_of(doc, "file_name"));
    m->photo = ev == 0 && cJSON_IsObject(cJSON_GetObjectItem(msg, "photo"));
    if (!cJSON_IsObject(doc))
        doc = cJSON_GetObjectItem(msg, "photo");
    if (ev == 0 && cJSON_IsObject(doc) && str_of(doc, "file_id"))
        m->file_id = strdup(str_of(doc, "file_id"));
    if (!m->text ||
        take_buttons(m, cJSON_GetObjectItem(src, "reply_markup")) != 0) {
        fbt_msg_free(m);
        return NULL;
    }
    return m;
}

static int is_bot(const cJSON *msg)
{
    const char *from = str_of(msg, "from");

    return from && strcmp(from, "bot") == 0;
}

/* The first bot event of msgs the cursor has not seen, or NULL. */
static fbt_msg *first_unseen(const kit_cursor *c, const cJSON *msgs)
{
    const cJSON *msg;
    int seen, total;

    cJSON_ArrayForEach(msg, msgs)
    {
        if (!is_bot(msg))
            continue;
        seen = seen_of(c, id_of(msg, "message_id"));
        total = 1 + cJSON_GetArraySize(cJSON_GetObjectItem(msg, "edits"));
        if (seen < total)
            return make_msg(c, c->chat, msg, seen);
    }
    return NULL;
}

/* See fbtest.h. */
void fbt_msg_free(fbt_msg *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->nbuttons; i++) {
        free(m->button_text[i]);
        free(m->button_data[i]);
    }
    free(m->button_text);
    free(m->button_data);
    free(m->button_row);
    free(m->text);
    free(m->document);
    free(m->file_id);
    free(m);
}

/* See fbtest.h. */
char *fbt_msg_buttons(const fbt_msg *m)
{
    size_t len = 1, pos = 0;
    char *out;
    int i;

    for (i = 0; i < m->nbuttons; i++)
        len += strlen(m->button_text[i]) + 6;
    out = malloc(len + sizeof "{remove keyboard}");
    if (!out)
        return NULL;
    out[0] = '\0';
    if (m->keyboard == FBT_KB_REMOVE)
        memcpy(out, "{remove keyboard}", sizeof "{remove keyboard}");
    for (i = 0; i < m->nbuttons; i++) {
        const char *sep = i == 0                                     ? ""
                          : m->button_row[i] != m->button_row[i - 1] ? " / "
                                                                     : " ";
        int n = snprintf(out + pos, len - pos,
                         m->keyboard == FBT_KB_REPLY ? "%s{%s}" : "%s[%s]", sep,
                         m->button_text[i]);
        if (n < 0 || (size_t)n >= len - pos)
            break;
        pos += (size_t)n;
    }
    return out;
}

/* See fbtest.h. */
fbt_msg *fbt_next(fbt_env *e, int64_t chat, int timeout_ms)
{
    int64_t deadline = fb__kit_now_ms() + timeout_ms;
    kit_cursor *c = cursor(e, chat);

    if (!c)
        return fb__kit_fail(e, "out of memory"), NULL;
    for (;;) {
        int64_t left = deadline - fb__kit_now_ms();
        cJSON *msgs =
            load(e, chat, seen_total(c) + 1, left > 0 ? (int)left : 0);
        if (!msgs)
            return NULL;
        fbt_msg *m = first_unseen(c, msgs);
        cJSON_Delete(msgs);
        if (m && mark_seen(c, m) == 0)
            return m;
        fbt_msg_free(m);
        if (fb__kit_now_ms() >= deadline) {
            fb__kit_fail(
                e, "the bot said nothing in chat %" PRId64 " within %d ms",
                chat, timeout_ms);
            return NULL;
        }
        fb__kit_sleep_ms(20);
    }
}

/* A one-line rendering of m: "text  [buttons]  [document: x]". */
static char *render(const fbt_msg *m)
{
    char *kb = fbt_msg_buttons(m), *s;
    char *doc = m->document
                    ? fb__kit_strdup_printf("  [document: %s]", m->document)
                    : NULL;

    s = fb__kit_strdup_printf("%s%s%s%s%s%s", m->edit ? "(edit) " : "", m->text,
                              kb && *kb ? "  " : "", kb ? kb : "",
                              doc ? doc : "", m->photo ? "  [photo]" : "");
    free(kb);
    free(doc);
    return s;
}

/* Record "expected vs actual" with the chat's transcript. */
static void mismatch(fbt_env *e, int64_t chat, const char *pattern,
                     const fbt_msg *m, int timeout_ms)
{
    char *t = fbt_transcript(e, chat);
    char *got = m ? render(m) : NULL;

    if (got)
        fb__kit_fail(e,
                     "expected the bot to say: %s\n     but it said:     "
                     "%s\ntranscript of chat %" PRId64 ":\n%s",
                     pattern, got, chat, t ? t : "");
    else
        fb__kit_fail(e,
                     "expected the bot to say: %s\n     but it said "
                     "nothing within %d ms\ntranscript of chat %" PRId64
                     ":\n%s",
                     pattern, timeout_ms, chat, t ? t : "");
    free(got);
    free(t);
}

/* See fbtest.h. */
fbt_msg *fbt_expect(fbt_env *e, int64_t chat, const char *pattern,
                    int timeout_ms)
{
    fbt_msg *m = fbt_next(e, chat, timeout_ms);

    if (m && fbt_match(pattern, m->text) == 1)
        return m;
    if (m || strstr(e->err, "said nothing"))
        mismatch(e, chat, pattern, m, timeout_ms);
    fbt_msg_free(m);
    return NULL;
}

/* See fbtest.h. */
fbt_msg *fbt_wait_bot(fbt_env *e, int64_t chat, const char *pattern,
                      int timeout_ms)
{
    int64_t deadline = fb__kit_now_ms() + timeout_ms;

    for (;;) {
        int64_t left = deadline - fb__kit_now_ms();
        fbt_msg *m = fbt_next(e, chat, left > 0 ? (int)left : 0);
        if (!m) {
            mismatch(e, chat, pattern, NULL, timeout_ms);
            return NULL;
        }
        if (fbt_match(pattern, m->text) == 1)
            return m;
        fbt_msg_free(m);
    }
}

/* See fbtest.h. */
int fbt_quiet(fbt_env *e, int64_t chat, int wait_ms)
{
    fbt_msg *m = fbt_next(e, chat, wait_ms);
    char *got;

    if (!m) {
        e->err[0] = '\0';
        return 0;
    }
    got = render(m);
    fb__kit_fail(e,
                 "expected silence in chat %" PRId64 ", but the bot said: "
                 "%s",
                 chat, got ? got : "?");
    free(got);
    fbt_msg_free(m);
    return -1;
}

/* Append one transcript line for a message (and its edits) to *out. */
static void render_message(const kit_cursor *c, const cJSON *msg, int64_t chat,
                           char **out)
{
    int edits = cJSON_GetArraySize(cJSON_GetObjectItem(msg, "edits"));
    char *line, *joined;
    fbt_msg *m;
    const char *text;

    for (int ev = 0; ev <= (is_bot(msg) ? edits : 0); ev++) {
        if (is_bot(msg)) {
            m = make_msg(c, chat, msg, ev);
            text = m ? (line = render(m)) : (line = NULL, "?");
            joined = fb__kit_strdup_printf("%s  bot: %s\n", *out, text);
            fbt_msg_free(m);
            free(line);
        } else {
            text = str_of(msg, "text") ? str_of(msg, "text") : "(media)";
            joined = fb__kit_strdup_printf("%s  user %" PRId64 ": %s\n", *out,
                                           id_of(msg, "user_id"), text);
        }
        if (joined) {
            free(*out);
            *out = joined;
        }
    }
}

/* See fbtest.h. */
char *fbt_transcript(fbt_env *e, int64_t chat)
{
    cJSON *msgs = load(e, chat, 0, 0);
    const kit_cursor *c = cursor(e, chat);
    const cJSON *msg;
    char *out = strdup("");

    cJSON_ArrayForEach(msg, msgs)
    {
        if (out)
            render_message(c, msg, chat, &out);
    }
    cJSON_Delete(msgs);
    return out;
}
