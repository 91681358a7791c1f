/* Internal helpers shared by the libfitbot-sdk modules (not exported). */
#ifndef FITBOT_SDK_UTIL_H
#define FITBOT_SDK_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "fitbot/plugin.h"

/* Set [*start, *end) to s without surrounding ASCII whitespace. */
void fb__span_trim(const char *s, const char **start, const char **end);

/* Empty buf (when it has room) and return rc: the failure path of every
 * function that fills a caller's buffer. */
int fb__fail(char *buf, size_t len, int rc);

/* The entity of c in Telegram's HTML ("&amp;" for '&'), or NULL when c
 * stands for itself. */
const char *fb__html_entity(char c);

/* ---- ABI 1.2: helpers taking the handler's context (ctx.c, fmt.c) ------ */
/* Mark c failed with a formatted reason ("fb_sql: query failed") and
 * return FB_ERR. The reason is cut at 255 bytes. */
int fb__failf(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
/* n bytes of context memory; NULL after fb__failf(c, "<who>: out of
 * memory"). */
void *fb__alloc(fb_ctx *c, const char *who, size_t n);
/* A copy of [s, s + n) in context memory, NUL-terminated; NULL as
 * fb__alloc. */
char *fb__strndup(fb_ctx *c, const char *who, const char *s, size_t n);

/* How the format walker inserts a "%s" argument. */
typedef enum fb__fmt_mode {
    FB__FMT_HTML, /* HTML-escaped */
    FB__FMT_JSON, /* JSON-escaped, without the quotes */
    FB__FMT_PLAIN /* as it is */
} fb__fmt_mode;

/* The format walker behind fb_strf, fb_jsonf, fb_cbf, fb_answerf: fmt with
 * ap into context memory, "%s" inserted per mode, "%-s" as it is. NULL
 * after one fb_fail(c, "<who>: <why>") on a bad format or out of memory. */
char *fb__vformat(fb_ctx *c, const char *who, fb__fmt_mode mode,
                  const char *fmt, va_list ap);

#endif
