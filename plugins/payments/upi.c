/* See upi.h: the UPI payment link, built and parsed. */
#include "upi.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define UPI_PREFIX "upi://pay?"
#define UPI_AM_MAX 24 /* "92233720368547758.07" and its NUL */

/* ---- characters ---------------------------------------------------------- */

static int is_alnum(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9');
}

/* A byte that stays as it is in a value: the unreserved set, and '@' in pa
 * (in_pa 1). Every other byte is written %XX. */
static int kept(unsigned char c, int in_pa)
{
    return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
           (in_pa && c == '@');
}

/* The bytes of the character at s (s[0] != 0): a UTF-8 lead byte with the
 * continuation bytes it announces and that are there; any other byte (a
 * stray continuation, an invalid lead) is a character of its own. */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    size_t n = c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    size_t i = 1;

    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The bytes of s's first UPI_NOTE_MAX characters (all of s when shorter). */
static size_t note_len(const char *s)
{
    size_t at = 0;

    for (int n = 0; n < UPI_NOTE_MAX && s[at]; n++)
        at += char_len(s + at);
    return at;
}

/* 1 when the field s of an upi_fields is NUL-terminated inside it. */
static int field_ok(const char *s)
{
    return memchr(s, '\0', UPI_FIELD_MAX) != NULL;
}

int fb__upi_vpa_ok(const char *vpa)
{
    const char *at = vpa ? strchr(vpa, '@') : NULL;
    size_t i;

    if (!at || at == vpa || !at[1] || strlen(vpa) >= UPI_FIELD_MAX)
        return 0;
    for (i = 0; vpa + i < at; i++)
        if (!is_alnum((unsigned char)vpa[i]) && !strchr(".-_", vpa[i]))
            return 0;
    for (i = 1; at[i]; i++)
        if (!is_alnum((unsigned char)at[i]))
            return 0;
    return 1;
}

/* ---- building ------------------------------------------------------------ */

/* A bounded writer: ok drops to 0 (and stays) once something did not fit;
 * buf stays NUL-terminated. */
typedef struct out_buf {
    char *buf;
    size_t len, pos;
    int ok;
} out_buf;

static void put_bytes(out_buf *o, const char *s, size_t n)
{
    if (!o->ok || n >= o->len - o->pos) {
        o->ok = 0;
        return;
    }
    memcpy(o->buf + o->pos, s, n);
    o->pos += n;
    o->buf[o->pos] = '\0';
}

static void put_str(out_buf *o, const char *s)
{
    put_bytes(o, s, strlen(s));
}

/* The n bytes of s percent-encoded (uppercase hex). */
static void put_encoded(out_buf *o, const char *s, size_t n, int in_pa)
{
    static const char hex[] = "0123456789ABCDEF";

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (kept(c, in_pa)) {
            put_bytes(o, s + i, 1);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};

            put_bytes(o, esc, 3);
        }
    }
}

/* "&key=" and the first n bytes of value, encoded. */
static void put_param(out_buf *o, const char *key, const char *value, size_t n)
{
    put_str(o, "&");
    put_str(o, key);
    put_str(o, "=");
    put_encoded(o, value, n, 0);
}

/* Paise as rupees with two decimals ("1500.00"), integers only. am >= 0. */
static void put_amount(out_buf *o, int64_t am)
{
    char num[UPI_AM_MAX];

    snprintf(num, sizeof num, "%" PRId64 ".%02d", am / 100, (int)(am % 100));
    put_param(o, "am", num, strlen(num));
}

int fb__upi_link(const upi_fields *f, char *buf, size_t len)
{
    out_buf o = {buf, len, 0, 1};

    if (!buf || len == 0)
        return -1;
    buf[0] = '\0';
    if (!f || !field_ok(f->pa) || !fb__upi_vpa_ok(f->pa) || !field_ok(f->pn) ||
        !f->pn[0] || !field_ok(f->tr) || !field_ok(f->tn) || f->am <= 0)
        return -1;
    put_str(&o, UPI_PREFIX "pa=");
    put_encoded(&o, f->pa, strlen(f->pa), 1);
    put_param(&o, "pn", f->pn, strlen(f->pn));
    if (f->tr[0])
        put_param(&o, "tr", f->tr, strlen(f->tr));
    if (f->tn[0])
        put_param(&o, "tn", f->tn, note_len(f->tn));
    put_amount(&o, f->am);
    put_str(&o, "&cu=INR");
    if (!o.ok)
        buf[0] = '\0';
    return o.ok ? 0 : -1;
}

/* ---- parsing ------------------------------------------------------------- */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode the n bytes at v into dst (cap bytes): only what put_encoded
 * writes (kept bytes raw, the others as uppercase %XX, no %00), not empty.
 * Returns 0, or -1. */
static int decode(const char *v, size_t n, char *dst, size_t cap, int in_pa)
{
    size_t out = 0;

    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)v[i];

        if (c == '%') {
            int hi = i + 2 < n ? hex_digit(v[i + 1]) : -1;
            int lo = hi < 0 ? -1 : hex_digit(v[i + 2]);

            if (lo < 0)
                return -1;
            c = hi * 16 + lo;
            if (c == 0 || kept((unsigned char)c, in_pa))
                return -1;
            i += 2;
        } else if (!kept((unsigned char)c, in_pa)) {
            return -1;
        }
        if (out + 1 >= cap)
            return -1;
        dst[out++] = (char)c;
    }
    dst[out] = '\0';
    return out > 0 ? 0 : -1;
}

/* am as put_amount writes it: digits (no leading zero but "0"), '.', two
 * digits, more than zero, within int64_t. Returns 0 and *am, or -1. */
static int parse_amount(const char *v, size_t n, int64_t *am)
{
    int64_t whole = 0, frac;
    size_t i;

    if (n < 4 || v[n - 3] != '.' || (v[0] == '0' && n != 4))
        return -1;
    for (i = 0; i < n; i++)
        if (i != n - 3 && (v[i] < '0' || v[i] > '9'))
            return -1;
    frac = (v[n - 2] - '0') * 10 + (v[n - 1] - '0');
    for (i = 0; i < n - 3; i++) {
        if (whole > (INT64_MAX - (v[i] - '0')) / 10)
            return -1;
        whole = whole * 10 + (v[i] - '0');
    }
    if (whole > (INT64_MAX - frac) / 100 || whole * 100 + frac == 0)
        return -1;
    *am = whole * 100 + frac;
    return 0;
}

enum { P_PA, P_PN, P_TR, P_TN, P_AM, P_CU, P_COUNT };
static const char *const keys[P_COUNT] = {"pa", "pn", "tr", "tn", "am", "cu"};

/* Index of the key of the parameter p..eq, or -1. */
static int key_of(const char *p, const char *eq)
{
    for (int k = 0; k < P_COUNT; k++)
        if ((size_t)(eq - p) == 2 && memcmp(p, keys[k], 2) == 0)
            return k;
    return -1;
}

/* Store the value v (n bytes) of parameter k in out. Returns 0, or -1. */
static int put_field(upi_fields *out, int k, const char *v, size_t n)
{
    char *dst[P_COUNT] = {out->pa, out->pn, out->tr, out->tn, NULL, NULL};

    if (k == P_AM)
        return parse_amount(v, n, &out->am);
    if (k == P_CU)
        return n == 3 && memcmp(v, "INR", 3) == 0 ? 0 : -1;
    return decode(v, n, dst[k], UPI_FIELD_MAX, k == P_PA);
}

/* The parameters of q ("k=v&k=v...") into out, each at most once, pa pn am
 * cu present. Returns 0, or -1. */
static int parse_query(const char *q, upi_fields *out)
{
    unsigned seen = 0, need = 1u << P_PA | 1u << P_PN | 1u << P_AM | 1u << P_CU;

    for (;;) {
        const char *end = q + strcspn(q, "&");
        const char *eq = memchr(q, '=', (size_t)(end - q));
        int k = eq ? key_of(q, eq) : -1;

        if (k < 0 || (seen & 1u << k) ||
            put_field(out, k, eq + 1, (size_t)(end - eq - 1)) != 0)
            return -1;
        seen |= 1u << k;
        if (!*end)
            break;
        q = end + 1;
    }
    return (seen & need) == need ? 0 : -1;
}

int fb__upi_parse(const char *link, upi_fields *out)
{
    size_t plen = strlen(UPI_PREFIX);

    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    if (link && strncmp(link, UPI_PREFIX, plen) == 0 &&
        parse_query(link + plen, out) == 0 && fb__upi_vpa_ok(out->pa) &&
        note_len(out->tn) == strlen(out->tn))
        return 0;
    memset(out, 0, sizeof *out);
    return -1;
}
