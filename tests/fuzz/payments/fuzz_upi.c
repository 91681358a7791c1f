/* libFuzzer target for the UPI link of the payments plugin (upi.h). Every
 * input is checked two ways; a broken property prints itself and the input
 * and aborts.
 *  parse  fb__upi_parse refuses with out zeroed, or accepts and
 *         fb__upi_link of the fields rebuilds the same parameters (any
 *         order), which parse back to the same fields;
 *  build  the input split on '&' into pa pn tr tn am ("key=" prefixes
 *         dropped, am from its digits): fb__upi_link refuses exactly when
 *         pa is no VPA, pn is empty or am is not positive; an accepted
 *         link is printable ASCII without a space, its '&' exactly the
 *         separators, and parses back to the fields with tn cut to
 *         UPI_NOTE_MAX characters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "upi.h"

#define BIG 4096 /* more than the longest link (2442 bytes) */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *input)
{
    fprintf(stderr, "property broken: %s on input \"%s\"\n", what, input);
    abort();
}

static int same_fields(const upi_fields *a, const upi_fields *b)
{
    return !strcmp(a->pa, b->pa) && !strcmp(a->pn, b->pn) &&
           !strcmp(a->tr, b->tr) && !strcmp(a->tn, b->tn) && a->am == b->am;
}

static size_t count(const char *s, char c)
{
    size_t n = 0;

    for (; *s; s++)
        n += *s == c;
    return n;
}

/* 1 when the links a and b have the same parameters, in any order. */
static int same_params(const char *a, const char *b)
{
    static char bb[BIG + 2], param[BIG + 2];
    const char *q = strchr(a, '?') + 1;

    if (strlen(a) != strlen(b) || count(a, '&') != count(b, '&'))
        return 0;
    snprintf(bb, sizeof bb, "&%s&", strchr(b, '?') + 1);
    while (*q) {
        size_t n = strcspn(q, "&");

        snprintf(param, sizeof param, "&%.*s&", (int)n, q);
        if (!strstr(bb, param))
            return 0;
        q += n + (q[n] == '&');
    }
    return 1;
}

static void check_parse(const char *s)
{
    static const upi_fields zero;
    static char link[BIG];
    upi_fields out, back;

    memset(&out, 0x55, sizeof out);
    if (fb__upi_parse(s, &out) != 0) {
        if (memcmp(&out, &zero, sizeof out) != 0)
            broken("parse: a refusal leaves out zeroed", s);
        return;
    }
    if (fb__upi_link(&out, link, sizeof link) != 0)
        broken("parse: what parse accepts, link builds", s);
    if (!same_params(s, link))
        broken("parse: the rebuilt link has the same parameters", s);
    if (fb__upi_parse(link, &back) != 0 || !same_fields(&out, &back))
        broken("parse: the rebuilt link parses to the same fields", s);
}

/* The bytes of the first UPI_NOTE_MAX characters of s (a UTF-8 lead byte
 * with the continuation bytes it announces, any other byte alone), by a
 * state machine rather than upi.c's lookahead. */
static size_t reference_cut(const char *s)
{
    int chars = 0, need = 0;
    size_t i;

    for (i = 0; s[i]; i++) {
        unsigned char b = (unsigned char)s[i];

        if (need > 0 && (b & 0xC0) == 0x80) {
            need--;
            continue;
        }
        if (chars++ == UPI_NOTE_MAX)
            break;
        need = b >= 0xF0 && b < 0xF8 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    }
    return i;
}

/* Characters of s counted by their first bytes (no continuation byte). */
static size_t lead_bytes(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The piece of s up to the next '&' (or the end), "key=" dropped, into
 * dst (UPI_FIELD_MAX, cut short). Returns where the next piece starts. */
static const char *piece(const char *s, char *dst)
{
    size_t n = strcspn(s, "&");
    const char *eq = memchr(s, '=', n);
    const char *v = eq ? eq + 1 : s;
    size_t vn = n - (size_t)(v - s);

    snprintf(dst, UPI_FIELD_MAX, "%.*s", (int)vn, v);
    return s[n] ? s + n + 1 : s + n;
}

/* am of its digits ('-' first: negative), INT64_MAX when more. */
static int64_t amount_of(const char *s)
{
    int64_t v = 0;
    int neg = *s == '-';

    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            continue;
        if (v > (INT64_MAX - (*s - '0')) / 10)
            return neg ? -INT64_MAX : INT64_MAX;
        v = v * 10 + (*s - '0');
    }
    return neg ? -v : v;
}

static upi_fields fields_of(const char *s)
{
    upi_fields f;
    char am[UPI_FIELD_MAX];

    memset(&f, 0, sizeof f);
    s = piece(s, f.pa);
    s = piece(s, f.pn);
    s = piece(s, f.tr);
    s = piece(s, f.tn);
    piece(s, am);
    f.am = amount_of(am);
    return f;
}

/* An accepted link: printable ASCII, no space, '&' only between params. */
static void check_link_text(const char *link, const upi_fields *f,
                            const char *s)
{
    size_t seps = 3 + (f->tr[0] != '\0') + (f->tn[0] != '\0');

    for (const char *p = link; *p; p++)
        if (*p <= ' ' || *p > '~')
            broken("build: the link is printable ASCII, no space", s);
    if (count(link, '&') != seps)
        broken("build: the link's '&' are exactly its separators", s);
}

static void check_build(const char *s)
{
    static char link[BIG];
    upi_fields f = fields_of(s), back;
    int ok = fb__upi_vpa_ok(f.pa) && f.pn[0] && f.am > 0;

    if ((fb__upi_link(&f, link, sizeof link) == 0) != ok)
        broken("build: link refuses exactly the bad fields", s);
    if (!ok)
        return;
    check_link_text(link, &f, s);
    if (fb__upi_parse(link, &back) != 0)
        broken("build: what link builds, parse accepts", s);
    if (lead_bytes(back.tn) > UPI_NOTE_MAX)
        broken("build: tn at most UPI_NOTE_MAX characters", s);
    f.tn[reference_cut(f.tn)] = '\0';
    if (!same_fields(&f, &back))
        broken("build: the link parses back to its fields, tn cut", s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;

    if (size > (size_t)2 * BIG)
        return 0;
    s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    check_parse(s);
    check_build(s);
    free(s);
    return 0;
}
