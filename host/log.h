/* host/log: one line per event on stderr, journald-ready.
 *
 *     ts=2026-11-29T08:30:06.123Z level=info plugin=core event=ready workers=4
 * msg="polling"
 *
 * Values that contain spaces, quotes, '=' or control characters are quoted
 * and escaped (\" \\ \n \t \xHH), so one event is always one line. Each line
 * is written with a single write(2), so lines of different threads never
 * interleave. Every registered secret (bot token, DB password) is replaced
 * by *** in the finished line, whatever the caller passed: in the message,
 * in key=value fields, in the plugin or event name. Thread-safe. */
#ifndef FITBOT_HOST_LOG_H
#define FITBOT_HOST_LOG_H

#include <stdarg.h>
#include <stddef.h>

#include <fitbot/plugin.h> /* FB_LOG_DEBUG .. FB_LOG_ERROR */

/* Log one event. plugin NULL means "core"; event NULL means "log"; fmt NULL
 * means no msg field. Lines below the current level are dropped. */
void fb__log(int level, const char *plugin, const char *event, const char *fmt,
             ...) FB_PRINTF(4, 5);
void fb__logv(int level, const char *plugin, const char *event, const char *fmt,
              va_list ap);

/* Same with key=value fields placed before msg: kv is a NULL-terminated
 * list of alternating key and value strings (a NULL value prints as
 * key=""). Example:
 *     const char *kv[] = {"chat", idbuf, "method", "sendMessage", NULL};
 *     fb__log_kv(FB_LOG_WARN, NULL, "send_failed", kv, "giving up after %d",
 * n);
 */
void fb__log_kv(int level, const char *plugin, const char *event,
                const char *const *kv, const char *fmt, ...) FB_PRINTF(5, 6);
void fb__log_kvv(int level, const char *plugin, const char *event,
                 const char *const *kv, const char *fmt, va_list ap);

/* Format a message into a caller's error buffer (truncated). NULL err or
 * errlen 0: nothing is written. (The data layer, which depends on nothing
 * else in host/, has its own: fb__db_seterr.) */
void fb__seterr(char *err, size_t errlen, const char *fmt, ...) FB_PRINTF(3, 4);

/* Minimum level written (default FB_LOG_INFO). */
void fb__log_set_level(int level);
int fb__log_get_level(void);
/* "debug", "info", "warn"/"warning", "error" -> FB_LOG_*; -1 if unknown. */
int fb__log_level_parse(const char *name);
const char *fb__log_level_name(int level);

/* Register a secret to redact from every later line (copied; strings
 * shorter than 4 bytes are ignored). Its URL-encoded form is registered
 * too, and for a bot token "ID:SECRET" the SECRET part alone. Returns 0,
 * or -1 on allocation failure / table full (64 secrets). */
int fb__log_add_secret(const char *s);
/* Forget every secret (tests). */
void fb__log_clear_secrets(void);

/* Copy src into dst (size dstlen, always NUL-terminated, truncated if
 * needed) with every registered secret replaced by ***. For error texts
 * that leave the log module (e.g. a Telegram error description). Returns
 * dst. */
char *fb__log_redact(const char *src, char *dst, size_t dstlen);

/* Write lines to fd instead of stderr (tests). -1 restores stderr. */
void fb__log_set_fd(int fd);

#endif
