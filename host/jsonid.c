/* host/jsonid: see jsonid.h. */
#include "jsonid.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define TWO_53 9007199254740992.0
#define BIG_DIGITS 16 /* 2^53 has 16 digits: shorter literals are exact */

/* A big integer literal of the text: the index of its number among all
 * numbers of the text (document order) and where it is. */
typedef struct big {
    size_t index;
    size_t start;
    size_t len;
} big;

typedef struct bigs {
    big *v;
    size_t n;
    size_t cap;
} bigs;

static int is_number_char(char c)
{
    return isdigit((unsigned char)c) || c == '-' || c == '+' || c == '.' ||
           c == 'e' || c == 'E';
}

/* 1 when the token t[0..n) is an integer literal of BIG_DIGITS or more
 * digits (an optional leading '-', digits only, no leading zero: JSON has
 * none, cJSON reads one as a plain double). */
static int is_big(const char *t, size_t n)
{
    size_t i = t[0] == '-', digits = 0;

    if (i < n && t[i] == '0')
        return 0;
    for (; i < n; i++, digits++)
        if (!isdigit((unsigned char)t[i]))
            return 0;
    return digits >= BIG_DIGITS;
}

static int push(bigs *b, size_t index, size_t start, size_t len)
{
    if (fb__grow((void **)&b->v, &b->cap, b->n, sizeof *b->v, 8) != 0)
        return -1;
    b->v[b->n++] = (big){index, start, len};
    return 0;
}

/* Number the number tokens outside strings in document order (the order
 * cJSON keeps) and record the big ones. Returns 0 or -1 (out of memory). */
static int scan(const char *s, size_t len, bigs *b)
{
    size_t i = 0, index = 0;
    int in_str = 0;

    while (i < len) {
        char c = s[i];
        if (in_str) {
            i += c == '\\' ? 2 : 1;
            in_str = c != '"';
        } else if (c == '"') {
            in_str = 1;
            i++;
        } else if (c == '-' || isdigit((unsigned char)c)) {
            size_t n = 1;
            while (i + n < len && is_number_char(s[i + n]))
                n++;
            if (is_big(s + i, n) && push(b, index, i, n) != 0)
                return -1;
            index++;
            i += n;
        } else {
            i++;
        }
    }
    return 0;
}

/* Replace number item of parent by a raw item holding text[0..len),
 * keeping its key. Returns the raw item or NULL (out of memory). */
static cJSON *to_raw(cJSON *parent, cJSON *item, const char *text, size_t len)
{
    char lit[32];
    cJSON *raw;

    if (len >= sizeof lit) /* beyond int64 anyway: leave the double */
        return item;
    memcpy(lit, text, len);
    lit[len] = '\0';
    if ((raw = cJSON_CreateRaw(lit)) == NULL)
        return NULL;
    raw->string = item->string;
    raw->type |= item->type & cJSON_StringIsConst;
    item->string = NULL;
    cJSON_ReplaceItemViaPointer(parent, item, raw);
    return raw;
}

typedef struct walk {
    const char *text;
    const bigs *b;
    size_t seen; /* numbers passed so far */
    size_t next; /* the next big literal to place */
} walk;

/* Visit parent's children in document order, turning the recorded big
 * numbers into raw items. Returns 0 or -1 (out of memory). */
static int mark(cJSON *parent, walk *w)
{
    cJSON *it;

    for (it = parent->child; it && w->next < w->b->n; it = it->next) {
        if (cJSON_IsNumber(it)) {
            const big *g = &w->b->v[w->next];
            if (w->seen++ != g->index)
                continue;
            w->next++;
            if ((it = to_raw(parent, it, w->text + g->start, g->len)) == NULL)
                return -1;
        } else if (it->child && mark(it, w) != 0) {
            return -1;
        }
    }
    return 0;
}

cJSON *fb__json_parse_exact(const char *text, size_t len)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    bigs b = {0};
    walk w = {text, &b, 0, 0};
    int rc;

    if (root == NULL)
        return NULL;
    rc = scan(text, len, &b);
    if (rc == 0 && b.n > 0) /* a bare number at the root stays a double */
        rc = mark(root, &w);
    free(b.v);
    if (rc != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

int fb__int64_text(const char *s, int64_t *out)
{
    const char *p = s && *s == '-' ? s + 1 : s;
    char *end;
    long long v;

    if (p == NULL || !isdigit((unsigned char)*p))
        return -1;
    for (; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *out = (int64_t)v;
    return 0;
}

int fb__json_int64(const cJSON *item, int64_t *out)
{
    double d;

    if (cJSON_IsRaw(item) && item->valuestring)
        return fb__int64_text(item->valuestring, out);
    if (!cJSON_IsNumber(item))
        return -1;
    d = item->valuedouble;
    if (!isfinite(d) || d != floor(d) || fabs(d) >= TWO_53)
        return -1;
    *out = (int64_t)d;
    return 0;
}
int fb__json_get_int64(const cJSON *object, const char *key, int64_t *out)
{
    if (!cJSON_IsObject(object))
        return -1;
    return fb__json_int64(cJSON_GetObjectItemCaseSensitive(object, key), out);
}

cJSON *fb__json_id(int64_t v)
{
    char buf[24];

    /* cJSON prints large doubles with a tolerant round-trip check
     * (9007199254740991 comes out as 9.00719925474099e+15): only values
     * that fit an int are safe as numbers; the rest go out as raw text. */
    if (v >= INT32_MIN && v <= INT32_MAX)
        return cJSON_CreateNumber((double)v);
    snprintf(buf, sizeof buf, "%" PRId64, v);
    return cJSON_CreateRaw(buf);
}

int fb__json_add_id(cJSON *obj, const char *key, int64_t v)
{
    cJSON *it = fb__json_id(v);

    if (it == NULL)
        return -1;
    if (!cJSON_AddItemToObject(obj, key, it)) {
        cJSON_Delete(it);
        return -1;
    }
    return 0;
}
