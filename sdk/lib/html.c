/* HTML escaping for Telegram's parse_mode=HTML. */
#include <stdlib.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* Internal: see sdkutil.h. */
const char *fb__html_entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    default:
        return NULL;
    }
}

/* Bytes needed for the escaped form of s, terminator excluded. */
static size_t escaped_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++) {
        const char *e = fb__html_entity(*s);
        n += e ? strlen(e) : 1;
    }
    return n;
}

/* Write the escaped form of s into buf, which has room for it. */
static void escape_into(const char *s, char *buf)
{
    for (; *s; s++) {
        const char *e = fb__html_entity(*s);
        if (!e) {
            *buf++ = *s;
            continue;
        }
        size_t k = strlen(e);
        memcpy(buf, e, k);
        buf += k;
    }
    *buf = '\0';
}

/* See sdk.h. */
int fb_html_escape(const char *s, char *buf, size_t len)
{
    if (!s || !buf || len == 0)
        return fb__fail(buf, len, FB_E_ARG);
    if (escaped_len(s) >= len)
        return fb__fail(buf, len, FB_E_TOOLONG);
    escape_into(s, buf);
    return 0;
}

/* See sdk.h. NULL for a NULL argument or when memory runs out; the caller
 * frees the result. */
char *fb_html_escape_dup(const char *s)
{
    char *buf;

    if (!s)
        return NULL;
    buf = malloc(escaped_len(s) + 1);
    if (buf)
        escape_into(s, buf);
    return buf;
}
