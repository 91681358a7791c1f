/* host/log: see log.h. */
#include "log.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_LINE_MAX 8192
#define MAX_SECRETS 64
#define MIN_SECRET_LEN 4

static atomic_int log_level = FB_LOG_INFO;
static atomic_int log_fd = -1;

static pthread_rwlock_t secrets_lock = PTHREAD_RWLOCK_INITIALIZER;
static char *secrets[MAX_SECRETS];
static size_t n_secrets;
static char secret_firsts[MAX_SECRETS + 1]; /* each secret's first byte, once */

/* A growable line buffer; on overflow the line is truncated, never split. */
typedef struct line {
    char *buf;
    size_t len;
    size_t cap;
} line;

static void line_putc(line *l, char c)
{
    if (l->len + 1 < l->cap)
        l->buf[l->len++] = c;
}

static void line_puts(line *l, const char *s)
{
    while (*s)
        line_putc(l, *s++);
}

static int needs_quotes(const char *s)
{
    if (*s == '\0')
        return 1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f)
            return 1;
    }
    return 0;
}

/* Append s as a logfmt value: bare when safe, else quoted and escaped. */
static void line_value(line *l, const char *s)
{
    if (s == NULL)
        s = "";
    if (!needs_quotes(s)) {
        line_puts(l, s);
        return;
    }
    line_putc(l, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"':
            line_puts(l, "\\\"");
            break;
        case '\\':
            line_puts(l, "\\\\");
            break;
        case '\n':
            line_puts(l, "\\n");
            break;
        case '\r':
            line_puts(l, "\\r");
            break;
        case '\t':
            line_puts(l, "\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char hex[8];
                snprintf(hex, sizeof hex, "\\x%02x", c);
                line_puts(l, hex);
            } else {
                line_putc(l, (char)c);
            }
        }
    }
    line_putc(l, '"');
}

static void line_field(line *l, const char *key, const char *value)
{
    line_putc(l, ' ');
    line_puts(l, key);
    line_putc(l, '=');
    line_value(l, value);
}

static void line_timestamp(line *l)
{
    struct timespec ts;
    struct tm tm;
    char buf[96];

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(buf, sizeof buf, "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000L);
    line_puts(l, buf);
}

/* Length of src to hide if secret starts at src: the whole secret, or the
 * rest of src when src ends with a cut-off start of the secret (a
 * truncated line), 0 otherwise. */
static size_t secret_at(const char *src, const char *secret)
{
    size_t n = 0;

    while (src[n] && secret[n] && src[n] == secret[n])
        n++;
    if (secret[n] == '\0')
        return n;
    if (src[n] == '\0' && n >= MIN_SECRET_LEN)
        return n;
    return 0;
}

/* Replace every registered secret in src by *** while copying into dst.
 * Caller holds secrets_lock for reading. */
static void redact_locked(const char *src, char *dst, size_t dstlen)
{
    size_t o = 0;

    while (*src && o + 1 < dstlen) {
        size_t i, hit = 0, run = strcspn(src, secret_firsts);
        if (run > 0) { /* no secret starts before src + run: copy it whole */
            if (run > dstlen - 1 - o)
                run = dstlen - 1 - o;
            memcpy(dst + o, src, run);
            o += run;
            src += run;
            continue;
        }
        for (i = 0; i < n_secrets && !hit; i++)
            hit = secret_at(src, secrets[i]);
        if (hit) {
            const char *stars = "***";
            while (*stars && o + 1 < dstlen)
                dst[o++] = *stars++;
            src += hit;
        } else {
            dst[o++] = *src++;
        }
    }
    dst[o] = '\0';
}

char *fb__log_redact(const char *src, char *dst, size_t dstlen)
{
    if (dst == NULL || dstlen == 0)
        return dst;
    if (src == NULL)
        src = "";
    pthread_rwlock_rdlock(&secrets_lock);
    redact_locked(src, dst, dstlen);
    pthread_rwlock_unlock(&secrets_lock);
    return dst;
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

void fb__log_kvv(int level, const char *plugin, const char *event,
                 const char *const *kv, const char *fmt, va_list ap)
{
    char raw[LOG_LINE_MAX], out[LOG_LINE_MAX + 64];
    line l = {raw, 0, sizeof raw - 1};
    int fd;

    if (level < atomic_load(&log_level))
        return;
    line_timestamp(&l);
    line_field(&l, "level", fb__log_level_name(level));
    line_field(&l, "plugin", plugin ? plugin : "core");
    line_field(&l, "event", event ? event : "log");
    for (; kv && kv[0]; kv += 2) {
        line_field(&l, kv[0], kv[1]);
        if (kv[1] == NULL)
            break;
    }
    if (fmt) {
        char msg[LOG_LINE_MAX];
        vsnprintf(msg, sizeof msg, fmt, ap);
        line_field(&l, "msg", msg);
    }
    raw[l.len] = '\0';
    fb__log_redact(raw, out, sizeof out - 1);
    l.len = strlen(out);
    out[l.len++] = '\n';
    fd = atomic_load(&log_fd);
    write_all(fd >= 0 ? fd : STDERR_FILENO, out, l.len);
}

void fb__log_kv(int level, const char *plugin, const char *event,
                const char *const *kv, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fb__log_kvv(level, plugin, event, kv, fmt, ap);
    va_end(ap);
}

void fb__logv(int level, const char *plugin, const char *event, const char *fmt,
              va_list ap)
{
    fb__log_kvv(level, plugin, event, NULL, fmt, ap);
}

void fb__log(int level, const char *plugin, const char *event, const char *fmt,
             ...)
{
    va_list ap;
    va_start(ap, fmt);
    fb__log_kvv(level, plugin, event, NULL, fmt, ap);
    va_end(ap);
}

void fb__log_set_level(int level)
{
    if (level < FB_LOG_DEBUG)
        level = FB_LOG_DEBUG;
    if (level > FB_LOG_ERROR)
        level = FB_LOG_ERROR;
    atomic_store(&log_level, level);
}

int fb__log_get_level(void)
{
    return atomic_load(&log_level);
}

int fb__log_level_parse(const char *name)
{
    if (name == NULL)
        return -1;
    if (strcmp(name, "debug") == 0)
        return FB_LOG_DEBUG;
    if (strcmp(name, "info") == 0)
        return FB_LOG_INFO;
    if (strcmp(name, "warn") == 0 || strcmp(name, "warning") == 0)
        return FB_LOG_WARN;
    if (strcmp(name, "error") == 0)
        return FB_LOG_ERROR;
    return -1;
}

const char *fb__log_level_name(int level)
{
    switch (level) {
    case FB_LOG_DEBUG:
        return "debug";
    case FB_LOG_INFO:
        return "info";
    case FB_LOG_WARN:
        return "warn";
    default:
        return "error";
    }
}

/* Add one literal secret; longer secrets first so that a secret containing
 * another is redacted whole. Caller holds the write lock. */
static int add_one_locked(const char *s)
{
    size_t i, len = strlen(s);
    char *copy;

    if (len < MIN_SECRET_LEN)
        return 0;
    for (i = 0; i < n_secrets; i++)
        if (strcmp(secrets[i], s) == 0)
            return 0;
    if (n_secrets == MAX_SECRETS)
        return -1;
    copy = strdup(s);
    if (copy == NULL)
        return -1;
    for (i = n_secrets; i > 0 && strlen(secrets[i - 1]) < len; i--)
        secrets[i] = secrets[i - 1];
    secrets[i] = copy;
    n_secrets++;
    if (strchr(secret_firsts, s[0]) == NULL) {
        size_t n = strlen(secret_firsts);
        secret_firsts[n] = s[0];
        secret_firsts[n + 1] = '\0';
    }
    return 0;
}

/* Percent-encode every byte outside [A-Za-z0-9-._~] into out. */
static void url_encode(const char *s, char *out, size_t outlen)
{
    static const char hexd[] = "0123456789ABCDEF";
    size_t o = 0;

    for (; *s && o + 4 < outlen; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || strchr("-._~", c)) {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hexd[c >> 4];
            out[o++] = hexd[c & 15];
        }
    }
    out[o] = '\0';
}

int fb__log_add_secret(const char *s)
{
    char enc[1024];
    const char *colon;
    int rc;

    if (s == NULL || strlen(s) >= 300)
        return s == NULL ? 0 : -1;
    url_encode(s, enc, sizeof enc);
    colon = strchr(s, ':');
    pthread_rwlock_wrlock(&secrets_lock);
    rc = add_one_locked(s);
    if (rc == 0)
        rc = add_one_locked(enc);
    if (rc == 0 && colon && strlen(colon + 1) >= 8)
        rc = add_one_locked(colon + 1);
    pthread_rwlock_unlock(&secrets_lock);
    return rc;
}

void fb__log_clear_secrets(void)
{
    size_t i;

    pthread_rwlock_wrlock(&secrets_lock);
    for (i = 0; i < n_secrets; i++) {
        free(secrets[i]);
        secrets[i] = NULL;
    }
    n_secrets = 0;
    memset(secret_firsts, 0, sizeof secret_firsts);
    pthread_rwlock_unlock(&secrets_lock);
}

void fb__log_set_fd(int fd)
{
    atomic_store(&log_fd, fd);
}

/* See log.h. */
void fb__seterr(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (!err || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}
