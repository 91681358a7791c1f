#include "sb_html.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

int fb__sb_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + n >= len)
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
            (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

size_t fb__sb_utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

size_t fb__sb_utf16_len(const char *s, size_t n)
{
    size_t units = 0;
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80)
            units += c >= 0xF0 ? 2 : 1;
    }
    return units;
}

int fb__sb_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* ---- output buffer that counts UTF-16 units ---- */
typedef struct hbuf {
    char *p;
    size_t len, cap;
    long units; /* UTF-16 code units written so far */
} hbuf;

static int hb_put(hbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np)
            return -1;
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80)
            b->units += (c >= 0xF0) ? 2 : 1;
    }
    return 0;
}

static int hb_put_cp(hbuf *b, uint32_t cp)
{
    char t[4];
    size_t n;
    if (cp < 0x80) {
        t[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return hb_put(b, t, n);
}

/* ---- parser state ---- */
typedef struct open_tag {
    char name[16];
    const char *type;
    long start;
    char *arg; /* url or language, malloc'd */
} open_tag;

typedef struct hparse {
    const char *src;
    size_t pos;
    hbuf out;
    open_tag stack[MAX_DEPTH];
    int depth;
    cJSON *entities;
    char *err;
    size_t errlen;
} hparse;

static int fail(hparse *h, const char *fmt, const char *a, size_t off)
{
    char msg[160];
    snprintf(msg, sizeof(msg), fmt, a, off);
    snprintf(h->err, h->errlen, "Bad Request: can't parse entities: %s", msg);
    return -1;
}

static int parse_entity(hparse *h)
{
    const char *s = h->src + h->pos;
    static const struct {
        const char *name;
        uint32_t cp;
    } named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}};
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        size_t n = strlen(named[i].name);
        if (strncmp(s, named[i].name, n) == 0) {
            h->pos += n;
            return hb_put_cp(&h->out, named[i].cp) ? -2 : 0;
        }
    }
    if (s[1] == '#') {
        int hex = (s[2] == 'x' || s[2] == 'X');
        const char *d = s + 2 + hex;
        char *end = NULL;
        unsigned long cp = strtoul(d, &end, hex ? 16 : 10);
        if (end != d && end - d <= 8 && *end == ';' &&
            isxdigit((unsigned char)*d) && cp > 0 && cp <= 0x10FFFF &&
            !(cp >= 0xD800 && cp <= 0xDFFF)) {
            h->pos = (size_t)(end + 1 - h->src);
            return hb_put_cp(&h->out, (uint32_t)cp) ? -2 : 0;
        }
    }
    return fail(h,
                "Character '&' is reserved and must be escaped with "
                "\"&amp;\"%s at byte offset %zu",
                "", h->pos);
}

static const char *tag_type(const char *name)
{
    static const char *map[][2] = {
        {"b", "bold"},
        {"strong", "bold"},
        {"i", "italic"},
        {"em", "italic"},
        {"u", "underline"},
        {"ins", "underline"},
        {"s", "strikethrough"},
        {"strike", "strikethrough"},
        {"del", "strikethrough"},
        {"span", "spoiler"},
        {"tg-spoiler", "spoiler"},
        {"a", "text_link"},
        {"code", "code"},
        {"pre", "pre"},
        {"blockquote", "blockquote"},
        {"tg-emoji", "custom_emoji"},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(map[i][0], name) == 0)
            return map[i][1];
    return NULL;
}

static size_t read_name(const char *s, char *name, size_t cap)
{
    size_t n = 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == '_') {
        if (n + 1 < cap)
            name[n] = (char)tolower((unsigned char)s[n]);
        n++;
    }
    name[n < cap ? n : cap - 1] = '\0';
    return n;
}

/* Reads attributes up to '>' and keeps the one that matters for the tag. */
static int read_attrs(hparse *h, open_tag *t, size_t tag_off)
{
    const char *s = h->src;
    size_t p = h->pos;
    for (;;) {
        while (isspace((unsigned char)s[p]))
            p++;
        if (s[p] == '>')
            break;
        if (s[p] == '\0')
            return fail(h, "Can't find end of the tag%s at byte offset %zu", "",
                        tag_off);
        char aname[32];
        size_t n = read_name(s + p, aname, sizeof(aname));
        if (n == 0)
            return fail(h,
                        "Expected equal sign in declaration of an attribute of "
                        "the tag \"%s\" at byte offset %zu",
                        t->name, tag_off);
        p += n;
        while (isspace((unsigned char)s[p]))
            p++;
        const char *val = "";
        size_t vlen = 0;
        if (s[p] == '=') {
            p++;
            while (isspace((unsigned char)s[p]))
                p++;
            if (s[p] == '"' || s[p] == '\'') {
                char q = s[p++];
                val = s + p;
                while (s[p] && s[p] != q)
                    p++;
                if (!s[p])
                    return fail(h,
                                "Unclosed start tag \"%s\" at byte offset %zu",
                                t->name, tag_off);
                vlen = (size_t)(s + p - val);
                p++;
            } else {
                val = s + p;
                while (s[p] && !isspace((unsigned char)s[p]) && s[p] != '>')
                    p++;
                vlen = (size_t)(s + p - val);
            }
        }
        int wanted =
            (strcmp(t->name, "a") == 0 && strcmp(aname, "href") == 0) ||
            (strcmp(t->name, "span") == 0 && strcmp(aname, "class") == 0) ||
            (strcmp(t->name, "code") == 0 && strcmp(aname, "class") == 0) ||
            (strcmp(t->name, "tg-emoji") == 0 &&
             strcmp(aname, "emoji-id") == 0);
        if (wanted && !t->arg) {
            t->arg = strndup(val, vlen);
            if (!t->arg)
                return -2;
        }
    }
    h->pos = p + 1;
    return 0;
}

static int open_tag_at(hparse *h)
{
    size_t off = h->pos;
    open_tag t;
    memset(&t, 0, sizeof(t));
    size_t n = read_name(h->src + h->pos + 1, t.name, sizeof(t.name));
    t.type = n < sizeof(t.name) ? tag_type(t.name) : NULL;
    if (!t.type)
        return fail(h, "Unsupported start tag \"%s\" at byte offset %zu",
                    t.name, off);
    if (h->depth >= MAX_DEPTH)
        return fail(h, "Too many nested tags%s at byte offset %zu", "", off);
    h->pos += 1 + n;
    int rc = read_attrs(h, &t, off);
    if (rc != 0) {
        free(t.arg);
        return rc;
    }
    if (strcmp(t.name, "span") == 0 &&
        (!t.arg || strcmp(t.arg, "tg-spoiler") != 0)) {
        free(t.arg);
        return fail(h, "Tag \"%s\" must have class \"tg-spoiler\"%.0zu", "span",
                    0);
    }
    if (strcmp(t.name, "tg-emoji") == 0 && !t.arg)
        return fail(h,
                    "Custom emoji entity must contain a valid custom emoji "
                    "identifier%s%.0zu",
                    "", 0);
    t.start = h->out.units;
    h->stack[h->depth++] = t;
    return 0;
}

static int add_entity(hparse *h, open_tag *t)
{
    long len = h->out.units - t->start;
    if (len <= 0)
        return 0;
    cJSON *e = cJSON_CreateObject();
    if (!e || !cJSON_AddItemToArray(h->entities, e)) {
        cJSON_Delete(e);
        return -2;
    }
    const char *type = t->type;
    if (strcmp(type, "text_link") == 0 && t->arg &&
        strncmp(t->arg, "tg://user?id=", 13) == 0)
        type = "text_mention";
    cJSON_AddStringToObject(e, "type", type);
    cJSON_AddNumberToObject(e, "offset", (double)t->start);
    cJSON_AddNumberToObject(e, "length", (double)len);
    if (strcmp(type, "text_link") == 0)
        cJSON_AddStringToObject(e, "url", t->arg ? t->arg : "");
    if (strcmp(type, "custom_emoji") == 0 && t->arg)
        cJSON_AddStringToObject(e, "custom_emoji_id", t->arg);
    return 0;
}

static int close_tag_at(hparse *h)
{
    size_t off = h->pos;
    char name[16];
    size_t n = read_name(h->src + h->pos + 2, name, sizeof(name));
    size_t p = h->pos + 2 + n;
    while (isspace((unsigned char)h->src[p]))
        p++;
    if (h->src[p] != '>')
        return fail(h,
                    "Can't find end tag corresponding to start tag \"%s\"%.0zu",
                    name, 0);
    if (h->depth == 0)
        return fail(h, "Unexpected end tag \"%s\" at byte offset %zu", name,
                    off);
    open_tag *t = &h->stack[h->depth - 1];
    if (strcmp(t->name, name) != 0)
        return fail(
            h, "Unmatched end tag at byte offset %2$zu, expected \"</%1$s>\"",
            t->name, off);
    int rc = add_entity(h, t);
    free(t->arg);
    h->depth--;
    h->pos = p + 1;
    return rc;
}

static int step(hparse *h)
{
    char c = h->src[h->pos];
    if (c == '&')
        return parse_entity(h);
    if (c == '<')
        return h->src[h->pos + 1] == '/' ? close_tag_at(h) : open_tag_at(h);
    size_t n = 1;
    while (h->src[h->pos + n] && h->src[h->pos + n] != '&' &&
           h->src[h->pos + n] != '<')
        n++;
    if (hb_put(&h->out, h->src + h->pos, n) != 0)
        return -2;
    h->pos += n;
    return 0;
}

int fb__sb_html_parse(const char *html, char **text, cJSON **entities,
                      char *err, size_t errlen)
{
    hparse h;
    memset(&h, 0, sizeof(h));
    h.src = html;
    h.err = err;
    h.errlen = errlen;
    h.entities = cJSON_CreateArray();
    int rc = h.entities ? 0 : -2;
    if (rc == 0 && hb_put(&h.out, "", 0) != 0)
        rc = -2;
    while (rc == 0 && h.src[h.pos])
        rc = step(&h);
    if (rc == 0 && h.depth > 0)
        rc = fail(&h,
                  "Can't find end tag corresponding to start tag \"%s\"%.0zu",
                  h.stack[h.depth - 1].name, 0);
    for (int i = 0; i < h.depth; i++)
        free(h.stack[i].arg);
    if (rc != 0) {
        if (rc == -2)
            snprintf(err, errlen, "Internal Server Error");
        free(h.out.p);
        cJSON_Delete(h.entities);
        return rc;
    }
    *text = h.out.p;
    *entities = h.entities;
    return 0;
}
