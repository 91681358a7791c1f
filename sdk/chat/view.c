/* fitbot-chat: printing a chat transcript as it changes. */
#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "ctl.h"

void view_init(view_chat *v, int64_t chat_id)
{
    memset(v, 0, sizeof *v);
    v->chat_id = chat_id;
}

void view_free(view_chat *v)
{
    free(v->seen);
    v->seen = NULL;
    v->n = v->cap = 0;
}

static view_seen *find_seen(view_chat *v, int64_t id)
{
    size_t i;

    for (i = 0; i < v->n; i++)
        if (v->seen[i].id == id)
            return &v->seen[i];
    return NULL;
}

static view_seen *add_seen(view_chat *v, int64_t id)
{
    view_seen *p;

    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        p = realloc(v->seen, cap * sizeof *p);
        if (!p)
            return NULL;
        v->seen = p;
        v->cap = cap;
    }
    p = &v->seen[v->n++];
    memset(p, 0, sizeof *p);
    p->id = id;
    return p;
}

/* Print s without HTML tags and entities, each line after the first
 * indented under the first. */
static void print_html(FILE *out, const char *s, const char *indent)
{
    static const struct {
        const char *ent;
        char ch;
    } ents[] = {
        {"&lt;", '<'},   {"&gt;", '>'},   {"&amp;", '&'},
        {"&quot;", '"'}, {"&#39;", '\''},
    };
    size_t i;

    for (; *s; s++) {
        if (*s == '<' && strchr(s, '>')) {
            s = strchr(s, '>');
            continue;
        }
        for (i = 0; *s == '&' && i < sizeof ents / sizeof ents[0]; i++)
            if (strncmp(s, ents[i].ent, strlen(ents[i].ent)) == 0)
                break;
        if (*s == '&' && i < sizeof ents / sizeof ents[0]) {
            fputc(ents[i].ch, out);
            s += strlen(ents[i].ent) - 1;
        } else if (*s == '\n') {
            fprintf(out, "\n%s", indent);
        } else {
            fputc(*s, out);
        }
    }
}

static const char *str(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The message's current text and keyboard (after its last edit). */
static void current(const cJSON *m, const char **text, const cJSON **markup)
{
    const cJSON *edits = cJSON_GetObjectItemCaseSensitive(m, "edits");
    const cJSON *last =
        cJSON_GetArraySize(edits) > 0
            ? cJSON_GetArrayItem(edits, cJSON_GetArraySize(edits) - 1)
            : NULL;
    const char *t;

    *text = str(m, "text") ? str(m, "text") : str(m, "caption");
    *markup = cJSON_GetObjectItemCaseSensitive(m, "reply_markup");
    if (!last)
        return;
    t = str(last, "text") ? str(last, "text") : str(last, "caption");
    if (t)
        *text = t;
    *markup = cJSON_GetObjectItemCaseSensitive(last, "reply_markup");
}

static const cJSON *rows_of(const cJSON *markup)
{
    const cJSON *rows =
        cJSON_GetObjectItemCaseSensitive(markup, "inline_keyboard");

    return cJSON_IsArray(rows) && cJSON_GetArraySize(rows) > 0 ? rows : NULL;
}

/* A button's label: its text (a reply-keyboard button may be a string). */
static const char *label(const cJSON *b)
{
    if (cJSON_IsString(b))
        return b->valuestring;
    return str(b, "text") ? str(b, "text") : "?";
}

/* The rows of a reply keyboard, or NULL. */
static const cJSON *reply_rows_of(const cJSON *markup)
{
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(markup, "keyboard");

    return cJSON_IsArray(rows) && cJSON_GetArraySize(rows) > 0 ? rows : NULL;
}

/* Print the keyboard rows, numbering buttons from 1; a reply keyboard's
 * rows start with ⌨. */
static void print_keyboard(FILE *out, const cJSON *rows, const char *indent,
                           int reply)
{
    const cJSON *row, *b;
    int k = 0;

    cJSON_ArrayForEach(row, rows)
    {
        fprintf(out, "%s%s", indent, reply ? "⌨ " : "");
        cJSON_ArrayForEach(b, row)
        {
            fprintf(out, "[%d] %s   ", ++k, label(b));
        }
        fputc('\n', out);
    }
}

/* Mark a photo before the text; returns its drawing (or NULL). */
static char *mark_photo(FILE *out, const cJSON *photo,
                        const view_photos *photos)
{
    if (photos && photos->show)
        return photos->show(photos->ud, photo, out);
    fprintf(out, "[photo] ");
    return NULL;
}

/* Print each line of drawing (if any) after indent, and free it. */
static void print_drawing(FILE *out, char *drawing, const char *indent)
{
    char *line, *save = NULL;

    for (line = drawing ? strtok_r(drawing, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save))
        fprintf(out, "%s%s\n", indent, line);
    free(drawing);
}

static void print_message(FILE *out, const cJSON *m, const char *tag,
                          const char *what, const view_photos *photos)
{
    const char *text;
    const cJSON *markup, *photo, *doc;
    char indent[64], *drawing = NULL;

    current(m, &text, &markup);
    snprintf(indent, sizeof indent, "%s%*s", tag, (int)strlen(what) + 7, "");
    fprintf(out, "%s  bot%s: ", tag, what);
    photo = cJSON_GetObjectItemCaseSensitive(m, "photo");
    doc = cJSON_GetObjectItemCaseSensitive(m, "document");
    if (cJSON_IsObject(photo))
        drawing = mark_photo(out, photo, photos);
    if (cJSON_IsObject(doc) && photos && photos->file)
        photos->file(photos->ud, doc, out);
    else if (cJSON_IsObject(doc))
        fprintf(out, "[file %s] ",
                str(doc, "file_name") ? str(doc, "file_name") : "");
    print_html(out, text ? text : "", indent);
    fputc('\n', out);
    print_drawing(out, drawing, indent);
    if (rows_of(markup))
        print_keyboard(out, rows_of(markup), indent, 0);
    else if (reply_rows_of(markup))
        print_keyboard(out, reply_rows_of(markup), indent, 1);
    else if (cJSON_IsTrue(
                 cJSON_GetObjectItemCaseSensitive(markup, "remove_keyboard")))
        fprintf(out, "%s(keyboard removed)\n", indent);
}

/* Remember the keyboard of the bot's last message (none if it has none)
 * for presses by number. */
static void keep_keyboard(view_chat *v, const cJSON *m)
{
    const char *text;
    const cJSON *markup, *rows, *row, *b;
    int64_t id;

    current(m, &text, &markup);
    rows = rows_of(markup);
    v->kb_message = 0;
    v->kb_count = 0;
    if (!rows || ctl_get_id(m, "message_id", &id) != 0)
        return;
    v->kb_message = id;
    v->kb_count = 0;
    cJSON_ArrayForEach(row, rows)
    {
        cJSON_ArrayForEach(b, row)
        {
            if (v->kb_count == VIEW_MAX_BUTTONS)
                return;
            snprintf(v->kb_text[v->kb_count], sizeof v->kb_text[0], "%s",
                     str(b, "text") ? str(b, "text") : "");
            snprintf(v->kb_data[v->kb_count], sizeof v->kb_data[0], "%s",
                     str(b, "callback_data") ? str(b, "callback_data") : "");
            v->kb_count++;
        }
    }
}

/* Make the reply keyboard rows the pressable one (numbered as printed). */
static void keep_reply_keyboard(view_chat *v, const cJSON *rows)
{
    const cJSON *row, *b;

    v->kb_reply = 1;
    cJSON_ArrayForEach(row, rows)
    {
        cJSON_ArrayForEach(b, row)
        {
            if (v->kb_count == VIEW_MAX_BUTTONS)
                return;
            snprintf(v->kb_text[v->kb_count], sizeof v->kb_text[0], "%s",
                     label(b));
            v->kb_data[v->kb_count++][0] = '\0';
        }
    }
}

/* The chat's reply keyboard after bot message m: m's own, none when m
 * removes it, else the one before. */
static const cJSON *reply_after(const cJSON *m, const cJSON *before)
{
    const cJSON *markup = cJSON_GetObjectItemCaseSensitive(m, "reply_markup");

    if (reply_rows_of(markup))
        return reply_rows_of(markup);
    if (cJSON_IsTrue(
            cJSON_GetObjectItemCaseSensitive(markup, "remove_keyboard")))
        return NULL;
    return before;
}

/* Show what is new about one bot message. Returns new events or -1. */
static int update_one(view_chat *v, const cJSON *m, FILE *out, const char *tag,
                      int quiet)
{
    int64_t id;
    int edits =
        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m, "edits"));
    int deleted = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "deleted"));
    view_seen *s;
    int fresh = 0;

    if (ctl_get_id(m, "message_id", &id) != 0)
        return 0;
    s = find_seen(v, id);
    if (!s) {
        if (!(s = add_seen(v, id)))
            return -1;
        fresh = 1;
    }
    if (!quiet && !deleted && (fresh || s->edits < edits))
        print_message(out, m, tag, fresh ? "" : " (edited)", &v->photos);
    if (!quiet && deleted && !s->deleted)
        fprintf(out, "%s  bot: (deleted a message)\n", tag);
    fresh += edits - s->edits + (deleted && !s->deleted);
    s->edits = edits;
    s->deleted = deleted;
    if (!deleted)
        keep_keyboard(v, m);
    return fresh;
}

int view_update(view_chat *v, const cJSON *messages, FILE *out, const char *tag,
                int quiet)
{
    const cJSON *m, *reply = NULL;
    int total = 0, events = 0, rc;

    v->kb_message = 0;
    v->kb_count = 0;
    v->kb_reply = 0;
    cJSON_ArrayForEach(m, messages)
    {
        const char *from = str(m, "from");
        if (!from || strcmp(from, "bot") != 0)
            continue;
        events += 1 + cJSON_GetArraySize(
                          cJSON_GetObjectItemCaseSensitive(m, "edits"));
        rc = update_one(v, m, out, tag, quiet);
        if (rc < 0)
            return -1;
        total += rc;
        reply = reply_after(m, reply);
    }
    if (v->kb_count == 0 && reply)
        keep_reply_keyboard(v, reply);
    v->events = events;
    fflush(out);
    return total;
}

void view_print_all(const cJSON *messages, const view_photos *photos, FILE *out)
{
    const cJSON *m;
    const char *text;

    cJSON_ArrayForEach(m, messages)
    {
        const char *from = str(m, "from");
        if (from && strcmp(from, "bot") == 0) {
            print_message(out, m, "", "", photos);
            continue;
        }
        text = str(m, "text") ? str(m, "text") : str(m, "caption");
        if (!text && str(cJSON_GetObjectItemCaseSensitive(m, "contact"),
                         "phone_number")) {
            fprintf(out, "  you: 📱 shared contact %s\n",
                    str(cJSON_GetObjectItemCaseSensitive(m, "contact"),
                        "phone_number"));
            continue;
        }
        fprintf(out, "  you: ");
        print_html(out, text ? text : "(photo, contact or file)", "       ");
        fputc('\n', out);
    }
    fflush(out);
}
