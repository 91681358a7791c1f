/* host/config: see config.h. */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <ini.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <fitbot/plugin.h>

#include "httpd.h"
#include "log.h"
#include "outbox.h"

#ifndef FITBOT_DEFAULT_PLUGIN_DIR
#define FITBOT_DEFAULT_PLUGIN_DIR "/usr/lib/fitbot/plugins"
#endif
#ifndef FITBOT_DEFAULT_SQL_DIR
#define FITBOT_DEFAULT_SQL_DIR "/usr/share/fitbot/sql"
#endif

#define ZONEINFO_DIR "/usr/share/zoneinfo"

/* ---- errors ------------------------------------------------------------- */

static void add_error(fb__config_errors *errs, int line, const char *fmt, ...)
    FB_PRINTF(3, 4);

static void add_error(fb__config_errors *errs, int line, const char *fmt, ...)
{
    char buf[512];
    fb__config_error *v;
    va_list ap;

    if (errs == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    v = realloc(errs->v, (errs->n + 1) * sizeof *v);
    if (v == NULL)
        return;
    errs->v = v;
    v[errs->n].line = line;
    v[errs->n].msg = strdup(buf);
    if (v[errs->n].msg)
        errs->n++;
}

void fb__config_errors_free(fb__config_errors *errs)
{
    size_t i;

    if (errs == NULL)
        return;
    for (i = 0; i < errs->n; i++)
        free(errs->v[i].msg);
    free(errs->v);
    errs->v = NULL;
    errs->n = 0;
}

void fb__config_errors_print(const fb__config *cfg,
                             const fb__config_errors *errs, FILE *out)
{
    const char *path = cfg && cfg->path ? cfg->path : "config";
    char msg[600];
    size_t i;

    for (i = 0; errs && i < errs->n; i++) {
        /* a token pasted into a value (api_url, ...) is not echoed */
        fb__log_redact(errs->v[i].msg, msg, sizeof msg);
        if (errs->v[i].line > 0)
            fprintf(out, "%s:%d: %s\n", path, errs->v[i].line, msg);
        else
            fprintf(out, "%s: %s\n", path, msg);
    }
}

/* ---- value parsers (0 ok, -1 bad) ------------------------------------- */

static int parse_long(const char *s, long long min, long long max,
                      long long *out)
{
    char *end;
    long long v;

    while (isspace((unsigned char)*s))
        s++;
    if (!isdigit((unsigned char)*s) && *s != '-')
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (errno || *end || end == s || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_bool(const char *s, int *out)
{
    static const char *yes[] = {"1", "true", "yes", "on"};
    static const char *no[] = {"0", "false", "no", "off"};
    size_t i;

    for (i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return *out = 1, 0;
        if (strcasecmp(s, no[i]) == 0)
            return *out = 0, 0;
    }
    return -1;
}

static int valid_plugin_name(const char *s, size_t len)
{
    size_t i;

    if (len == 0 || len > 32)
        return 0;
    for (i = 0; i < len; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) &&
            s[i] != '_')
            return 0;
    return 1;
}

static void free_list(char **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Split "a, b c" into names. Returns 0, or -1 with *bad pointing at the
 * first invalid name (its text copied into badbuf). */
static int parse_list(const char *s, char ***out, size_t *n, char *badbuf,
                      size_t badlen)
{
    char **v = NULL;
    size_t cnt = 0;

    while (*s) {
        size_t len;
        char **nv;
        while (*s == ',' || isspace((unsigned char)*s))
            s++;
        len = strcspn(s, ", \t");
        if (len == 0)
            break;
        if (!valid_plugin_name(s, len)) {
            snprintf(badbuf, badlen, "%.*s", (int)(len > 64 ? 64 : len), s);
            goto fail;
        }
        nv = realloc(v, (cnt + 1) * sizeof *v);
        if (nv == NULL)
            goto fail;
        v = nv;
        v[cnt] = strndup(s, len);
        if (v[cnt] == NULL)
            goto fail;
        cnt++;
        s += len;
    }
    *out = v;
    *n = cnt;
    return 0;
fail:
    free_list(v, cnt);
    return -1;
}

static int set_str(char **dst, const char *v)
{
    char *c = strdup(v);
    if (c == NULL)
        return -1;
    free(*dst);
    *dst = c;
    return 0;
}

/* ---- the [fitbot] keys ------------------------------------------------ */

typedef enum key_type { K_STR, K_INT, K_BOOL, K_ID, K_LIST, K_LEVEL } key_type;

/* Fields in reading order; the table is small, its padding does not matter. */
typedef struct key_def { // NOLINT(clang-analyzer-optin.performance.Padding)
    const char *name;
    key_type type;
    size_t off; /* offset of the value in fb__config */
    long long min, max;
    int line_off; /* offset of the line slot, -1 if none */
} key_def;

#define OFF(f) offsetof(fb__config, f)
#define LINE(f) (int)offsetof(fb__config, line.f)

static const key_def keys[] = {
    {"token_file", K_STR, OFF(token_file), 0, 0, LINE(token_file)},
    {"database_url", K_STR, OFF(database_url), 0, 0, LINE(database_url)},
    {"api_url", K_STR, OFF(api_url), 0, 0, LINE(api_url)},
    {"super_admin", K_ID, OFF(super_admin), 0, 0, LINE(super_admin)},
    {"plugin_dir", K_STR, OFF(plugin_dir), 0, 0, LINE(plugin_dir)},
    {"sql_dir", K_STR, OFF(sql_dir), 0, 0, LINE(sql_dir)},
    {"enable", K_LIST, OFF(enable), 0, 0, LINE(enable)},
    {"disable", K_LIST, OFF(disable), 0, 0, LINE(disable)},
    {"strict_plugins", K_BOOL, OFF(strict_plugins), 0, 0, -1},
    {"workers", K_INT, OFF(workers), 1, 256, -1},
    {"updates_per_transaction", K_INT, OFF(updates_per_transaction), 1, 8, -1},
    {"pool_min", K_INT, OFF(pool_min), 0, 1000, LINE(pool_min)},
    {"pool_max", K_INT, OFF(pool_max), 1, 1000, LINE(pool_max)},
    {"pool_acquire_timeout_ms", K_INT, OFF(pool_acquire_timeout_ms), 1, 600000,
     -1},
    {"db_statement_timeout_ms", K_INT, OFF(db_statement_timeout_ms), 0,
     86400000, -1},
    {"db_lock_timeout_ms", K_INT, OFF(db_lock_timeout_ms), 0, 86400000, -1},
    {"db_idle_in_transaction_timeout_ms", K_INT, OFF(db_idle_in_txn_timeout_ms),
     0, 86400000, -1},
    {"db_tcp_user_timeout_ms", K_INT, OFF(db_tcp_user_timeout_ms), 0, 3600000,
     -1},
    {"db_keepalive_idle", K_INT, OFF(db_keepalive_idle), 1, 7200, -1},
    {"shutdown_timeout", K_INT, OFF(shutdown_timeout), 1, 3600, -1},
    {"conversation_timeout", K_INT, OFF(conversation_timeout), 10, 2592000, -1},
    {"timezone", K_STR, OFF(timezone), 0, 0, LINE(timezone)},
    {"test_clock_file", K_STR, OFF(test_clock_file), 0, 0, -1},
    {"poll_timeout", K_INT, OFF(poll_timeout), 0, 50, -1},
    {"log_level", K_LEVEL, OFF(log_level), 0, 0, -1},
    {"send_rate_global", K_INT, OFF(send_rate_global), 1, 100000, -1},
    {"send_rate_chat", K_INT, OFF(send_rate_chat), 1, 1000, -1},
    {"send_rate_group", K_INT, OFF(send_rate_group), 1, 100000, -1},
    {"paid_broadcast_rate", K_INT, OFF(paid_broadcast_rate), 0,
     FB__PAID_RATE_MAX, -1},
    {"quarantine_after", K_INT, OFF(quarantine_after), 1, 100, -1},
    {"updates_batch_max", K_INT, OFF(updates_batch_max), 1, 100, -1},
    {"outbox_queue_max", K_INT, OFF(outbox_queue_max), 100, 1000000, -1},
    {"outbox_bulk_max", K_INT, OFF(outbox_bulk_max), 100, 1000000, -1},
    {"answer_early_ms", K_INT, OFF(answer_early_ms), 0, 14000, -1},
    {"mode", K_STR, OFF(mode), 0, 0, LINE(mode)},
    {"metrics_listen", K_STR, OFF(metrics_listen), 0, 0, LINE(metrics_listen)},
    {"webhook_url", K_STR, OFF(webhook_url), 0, 0, LINE(webhook_url)},
    {"webhook_listen", K_STR, OFF(webhook_listen), 0, 0, LINE(webhook_listen)},
    {"webhook_secret_file", K_STR, OFF(webhook_secret_file), 0, 0,
     LINE(webhook_secret_file)},
    {"webhook_tls_cert", K_STR, OFF(webhook_tls_cert), 0, 0,
     LINE(webhook_tls_cert)},
    {"webhook_tls_key", K_STR, OFF(webhook_tls_key), 0, 0, -1},
    {"webhook_max_body", K_INT, OFF(webhook_max_body), 1024, 67108864, -1},
    {"webhook_max_connections", K_INT, OFF(webhook_max_connections), 1, 100,
     -1},
    {"health_telegram_max_age", K_INT, OFF(health_telegram_max_age), 5, 86400,
     -1},
};

/* Strict positive 64-bit id. */
static int parse_id(const char *s, int64_t *out)
{
    long long v;
    if (parse_long(s, 1, INT64_MAX, &v) != 0)
        return -1;
    *out = (int64_t)v;
    return 0;
}

static const char *type_hint(const key_def *k, char *buf, size_t len)
{
    switch (k->type) {
    case K_INT:
        snprintf(buf, len, "a whole number from %lld to %lld", k->min, k->max);
        break;
    case K_BOOL:
        snprintf(buf, len, "true or false");
        break;
    case K_ID:
        snprintf(buf, len, "a positive Telegram id");
        break;
    case K_LEVEL:
        snprintf(buf, len, "debug, info, warn or error");
        break;
    default:
        snprintf(buf, len, "a value");
        break;
    }
    return buf;
}

/* Store value into the field k describes. Returns 0, -1 for a bad value
 * (bad names the offending list item), -2 out of memory. */
static int store_value(fb__config *cfg, const key_def *k, const char *value,
                       char *bad, size_t badlen)
{
    char *base = (char *)cfg;
    long long v;

    switch (k->type) {
    case K_STR:
        if (*value == '\0')
            return -1;
        return set_str((char **)(base + k->off), value) ? -2 : 0;
    case K_INT:
        if (parse_long(value, k->min, k->max, &v) != 0)
            return -1;
        *(int *)(base + k->off) = (int)v;
        return 0;
    case K_BOOL:
        return parse_bool(value, (int *)(base + k->off));
    case K_ID:
        return parse_id(value, (int64_t *)(base + k->off));
    case K_LEVEL:
        v = fb__log_level_parse(value);
        if (v < 0)
            return -1;
        *(int *)(base + k->off) = (int)v;
        return 0;
    case K_LIST: {
        char ***list = (char ***)(base + k->off);
        size_t *n = (size_t *)(base + k->off + sizeof(char **));
        char **nl;
        size_t nn;
        if (parse_list(value, &nl, &nn, bad, badlen) != 0)
            return -1;
        free_list(*list, *n);
        *list = nl;
        *n = nn;
        return 0;
    }
    }
    return -1;
}

/* ---- parsing the file ------------------------------------------------- */

typedef struct parse_ctx {
    fb__config *cfg;
    fb__config_errors *errs;
    FILE *f;
    int lineno;
    int at_line_start;
    int nul_line; /* last line reported for a NUL byte */
    int no_sep;   /* the current line has no '=' or ':' so far */
    int seen[sizeof keys / sizeof keys[0]];
} parse_ctx;

/* A section header: [fitbot] or [plugin.NAME]; anything else is reported
 * here, on its own line. */
static void check_section(parse_ctx *pc, const char *name)
{
    const char *end = strchr(name, ']');
    size_t len;

    if (end == NULL) {
        add_error(pc->errs, pc->lineno, "section header without ']'");
        return;
    }
    len = (size_t)(end - name);
    if ((len == 6 && strncmp(name, "fitbot", 6) == 0) ||
        (len > 7 && strncmp(name, "plugin.", 7) == 0 &&
         valid_plugin_name(name + 7, len - 7)))
        return;
    add_error(pc->errs, pc->lineno,
              "unknown section [%.*s] (want [fitbot] or [plugin.NAME])",
              (int)(len > 64 ? 64 : len), name);
}

/* fgets that also tells whether the line ended here (*ended) and whether
 * it held a NUL byte (*nul): after a NUL, strlen cannot find the '\n'. */
static char *read_chunk(char *str, int num, FILE *f, int *ended, int *nul)
{
    int i = 0, c;

    *ended = *nul = 0;
    while (i < num - 1 && (c = getc(f)) != EOF) {
        str[i++] = (char)c;
        *nul |= c == '\0';
        if (c == '\n') {
            *ended = 1;
            break;
        }
    }
    if (i == 0 && num > 1)
        return NULL;
    str[i] = '\0';
    return str;
}

/* inih hands over no line number: count lines as we feed them, and flag
 * lines inih would reject (no '=' or ':', unclosed section), each with its
 * own line (inih only reports the first). A long line comes in several
 * chunks: it is judged as a whole. */
static char *counting_reader(char *str, int num, void *stream)
{
    parse_ctx *pc = stream;
    int starts = pc->at_line_start, nul;
    char *r = read_chunk(str, num, pc->f, &pc->at_line_start, &nul);
    const char *p;

    if (r == NULL || starts) {
        if (pc->no_sep)
            add_error(pc->errs, pc->lineno, "not a 'key = value' line");
        pc->no_sep = 0;
    }
    if (r == NULL)
        return NULL;
    if (starts)
        pc->lineno++;
    if (nul && pc->nul_line != pc->lineno) {
        pc->nul_line = pc->lineno;
        add_error(pc->errs, pc->lineno, "NUL byte in the line");
    }
    if (!starts) {
        pc->no_sep = pc->no_sep && strpbrk(r, "=:") == NULL;
        return r;
    }
    for (p = r; isspace((unsigned char)*p); p++)
        ;
    if (*p == '\0' || *p == ';' || *p == '#')
        return r;
    if (*p == '[') {
        check_section(pc, p + 1);
        return r;
    }
    pc->no_sep = strpbrk(p, "=:") == NULL;
    return r;
}

static int add_plugin_kv(parse_ctx *pc, const char *plugin, const char *key,
                         const char *value)
{
    fb__config *cfg = pc->cfg;
    fb__config_kv *v, *kv;

    v = realloc(cfg->plugin_kv, (cfg->n_plugin_kv + 1) * sizeof *v);
    if (v == NULL)
        return -1;
    cfg->plugin_kv = v;
    kv = &v[cfg->n_plugin_kv];
    kv->plugin = strdup(plugin);
    kv->key = strdup(key);
    kv->value = strdup(value);
    kv->line = pc->lineno;
    if (!kv->plugin || !kv->key || !kv->value) {
        free(kv->plugin);
        free(kv->key);
        free(kv->value);
        return -1;
    }
    cfg->n_plugin_kv++;
    return 0;
}

static void handle_fitbot_key(parse_ctx *pc, const char *name,
                              const char *value)
{
    char hint[96], bad[80] = "";
    size_t i;
    int rc;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].name, name) == 0)
            break;
    if (i == sizeof keys / sizeof keys[0]) {
        add_error(pc->errs, pc->lineno, "unknown key '%s' in [fitbot]", name);
        return;
    }
    if (pc->seen[i])
        add_error(pc->errs, pc->lineno,
                  "key '%s' set again (first set on line %d)", name,
                  pc->seen[i]);
    pc->seen[i] = pc->lineno;
    if (keys[i].line_off >= 0)
        *(int *)((char *)pc->cfg + keys[i].line_off) = pc->lineno;
    rc = store_value(pc->cfg, &keys[i], value, bad, sizeof bad);
    if (rc == -1 && keys[i].type == K_LIST)
        add_error(pc->errs, pc->lineno,
                  "bad value for '%s': '%s' is not a plugin name "
                  "(a-z, 0-9, _; at most 32)",
                  name, bad);
    else if (rc == -1 && keys[i].type == K_STR)
        add_error(pc->errs, pc->lineno, "bad value for '%s': empty", name);
    else if (rc == -1)
        add_error(pc->errs, pc->lineno, "bad value for '%s': '%.64s' (want %s)",
                  name, value, type_hint(&keys[i], hint, sizeof hint));
    else if (rc == -2)
        add_error(pc->errs, pc->lineno, "out of memory");
}

static int ini_cb(void *user, const char *section, const char *name,
                  const char *value)
{
    parse_ctx *pc = user;

    if (strcmp(section, "fitbot") == 0) {
        handle_fitbot_key(pc, name, value);
    } else if (strncmp(section, "plugin.", 7) == 0 &&
               valid_plugin_name(section + 7, strlen(section + 7))) {
        if (add_plugin_kv(pc, section + 7, name, value) != 0)
            add_error(pc->errs, pc->lineno, "out of memory");
    } else if (section[0] == '\0') {
        add_error(pc->errs, pc->lineno,
                  "key '%s' outside a section (start with [fitbot])", name);
    }
    /* keys of an unknown section: the header was reported */
    return 1;
}

static int parse_file(fb__config *cfg, FILE *f, fb__config_errors *errs)
{
    parse_ctx *pc = calloc(1, sizeof *pc);
    int rc;

    if (pc == NULL)
        return -1;
    pc->cfg = cfg;
    pc->errs = errs;
    pc->f = f;
    pc->at_line_start = 1;
    ini_allow_multiline = false;
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_max_line = 16384;
    rc = ini_parse_stream(counting_reader, pc, ini_cb, pc);
    free(pc);
    return rc == -2 ? -1 : 0;
}

/* ---- defaults, environment, token ------------------------------------- */

static int set_defaults(fb__config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->workers = 4;
    cfg->updates_per_transaction = 8;
    cfg->pool_min = 1;
    cfg->pool_max = 8;
    cfg->pool_acquire_timeout_ms = 5000;
    cfg->db_statement_timeout_ms = 30000;
    cfg->db_lock_timeout_ms = 10000;
    cfg->db_idle_in_txn_timeout_ms = 60000;
    cfg->db_tcp_user_timeout_ms = 30000;
    cfg->db_keepalive_idle = 30;
    cfg->shutdown_timeout = 60;
    cfg->conversation_timeout = 600;
    cfg->poll_timeout = 25;
    cfg->log_level = FB_LOG_INFO;
    cfg->send_rate_global = FB__SEND_RATE_GLOBAL;
    cfg->send_rate_chat = FB__SEND_RATE_CHAT;
    cfg->send_rate_group = FB__SEND_RATE_GROUP;
    cfg->quarantine_after = 3;
    cfg->updates_batch_max = 100;
    cfg->outbox_queue_max = FB__OUTBOX_QUEUE_MAX;
    cfg->outbox_bulk_max = FB__OUTBOX_BULK_MAX;
    cfg->answer_early_ms = 5000;
    cfg->webhook_max_body = 1 << 20;
    cfg->webhook_max_connections = 1; /* every chat in order by default */
    cfg->health_telegram_max_age = 120;
    if (set_str(&cfg->mode, "polling") ||
        set_str(&cfg->metrics_listen, "127.0.0.1:9464") ||
        set_str(&cfg->webhook_listen, "127.0.0.1:8443") ||
        set_str(&cfg->database_url, "postgresql:///fitbot") ||
        set_str(&cfg->api_url, "https://api.telegram.org") ||
        set_str(&cfg->plugin_dir, FITBOT_DEFAULT_PLUGIN_DIR) ||
        set_str(&cfg->sql_dir, FITBOT_DEFAULT_SQL_DIR) ||
        set_str(&cfg->timezone, "UTC"))
        return -1;
    return 0;
}

/* Apply one FITBOT_* variable as if it were the key, line 0. */
static void apply_env(fb__config *cfg, const char *var, const char *key,
                      fb__config_errors *errs)
{
    const char *value = getenv(var);
    char bad[80];
    size_t i;
    int rc;

    if (value == NULL || *value == '\0')
        return;
    for (i = 0; strcmp(keys[i].name, key) != 0; i++)
        ;
    rc = store_value(cfg, &keys[i], value, bad, sizeof bad);
    if (keys[i].line_off >= 0)
        *(int *)((char *)cfg + keys[i].line_off) = 0;
    if (rc == -1) {
        char hint[96];
        add_error(errs, 0, "bad value in %s: '%.64s' (want %s)", var, value,
                  type_hint(&keys[i], hint, sizeof hint));
    } else if (rc == -2)
        add_error(errs, 0, "out of memory");
}

/* The first line of the token file, trimmed. */
static int read_token_file(fb__config *cfg, fb__config_errors *errs)
{
    char buf[512];
    FILE *f = fopen(cfg->token_file, "r");
    size_t len;
    char *p = buf;

    if (f == NULL) {
        add_error(errs, cfg->line.token_file, "cannot read token file %s: %s",
                  cfg->token_file, strerror(errno));
        return -1;
    }
    if (fgets(buf, sizeof buf, f) == NULL)
        buf[0] = '\0';
    fclose(f);
    while (isspace((unsigned char)*p))
        p++;
    len = strlen(p);
    while (len > 0 && isspace((unsigned char)p[len - 1]))
        p[--len] = '\0';
    if (len == 0) {
        add_error(errs, cfg->line.token_file, "token file %s is empty",
                  cfg->token_file);
        return -1;
    }
    fb__log_add_secret(p);
    if (set_str(&cfg->token, p) || set_str(&cfg->token_source, "token_file"))
        return -1;
    memset(buf, 0, sizeof buf);
    return 0;
}

static void load_token(fb__config *cfg, fb__config_errors *errs)
{
    const char *env = getenv("FITBOT_TOKEN");

    if (env && *env) {
        fb__log_add_secret(env);
        if (set_str(&cfg->token, env) ||
            set_str(&cfg->token_source, "FITBOT_TOKEN"))
            add_error(errs, 0, "out of memory");
        return;
    }
    if (cfg->token_file)
        read_token_file(cfg, errs);
}

/* The webhook's secret_token: the first line of webhook_secret_file,
 * 1-256 of A-Za-z0-9_- (what Telegram accepts), registered as a secret. */
static void read_webhook_secret(fb__config *cfg, fb__config_errors *errs)
{
    char buf[512] = "";
    FILE *f;
    size_t len;

    if (!cfg->webhook_secret_file)
        return;
    f = fopen(cfg->webhook_secret_file, "r");
    if (!f) {
        add_error(errs, cfg->line.webhook_secret_file,
                  "cannot read webhook_secret_file %s: %s",
                  cfg->webhook_secret_file, strerror(errno));
        return;
    }
    if (!fgets(buf, sizeof buf, f))
        buf[0] = '\0';
    fclose(f);
    len = strcspn(buf, "\r\n");
    buf[len] = '\0';
    if (len == 0 || len > 256 ||
        strspn(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                    "0123456789_-") != len) {
        add_error(errs, cfg->line.webhook_secret_file,
                  "webhook_secret_file %s must hold 1 to 256 characters of "
                  "A-Z, a-z, 0-9, _ and - on its first line",
                  cfg->webhook_secret_file);
    } else {
        fb__log_add_secret(buf);
        if (set_str(&cfg->webhook_secret, buf))
            add_error(errs, 0, "out of memory");
    }
    memset(buf, 0, sizeof buf);
}

/* Register the database password (URI or key=value form) as a secret. */
static void register_db_password(const char *conninfo)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL), *o;

    for (o = opts; o && o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val && *o->val)
            fb__log_add_secret(o->val);
    PQconninfoFree(opts);
}

static void apply_environment(fb__config *cfg, fb__config_errors *errs)
{
    apply_env(cfg, "FITBOT_DATABASE_URL", "database_url", errs);
    apply_env(cfg, "FITBOT_API_URL", "api_url", errs);
    apply_env(cfg, "FITBOT_SUPER_ADMIN", "super_admin", errs);
    apply_env(cfg, "FITBOT_LOG_LEVEL", "log_level", errs);
    apply_env(cfg, "FITBOT_PLUGIN_DIR", "plugin_dir", errs);
    apply_env(cfg, "FITBOT_SQL_DIR", "sql_dir", errs);
}

/* Stable sort of errs->v[from..] by line, line-less mistakes last. */
static void sort_errors(fb__config_errors *errs, size_t from)
{
    size_t i, j;

    for (i = from + 1; i < errs->n; i++) {
        fb__config_error e = errs->v[i];
        int key = e.line > 0 ? e.line : 1 << 30;
        for (j = i; j > from; j--) {
            int prev = errs->v[j - 1].line > 0 ? errs->v[j - 1].line : 1 << 30;
            if (prev <= key)
                break;
            errs->v[j] = errs->v[j - 1];
        }
        errs->v[j] = e;
    }
}

int fb__config_load(const char *path, fb__config *cfg, fb__config_errors *errs)
{
    size_t before = errs ? errs->n : 0;
    FILE *f;

    const char *dflt = getenv("FITBOT_CONFIG");

    if (dflt == NULL || *dflt == '\0')
        dflt = FB__CONFIG_DEFAULT_PATH;
    if (set_defaults(cfg) != 0 ||
        set_str(&cfg->path, path ? path : dflt) != 0) {
        add_error(errs, 0, "out of memory");
        return -1;
    }
    f = fopen(cfg->path, "r");
    if (f != NULL) {
        cfg->file_found = 1;
        if (parse_file(cfg, f, errs) != 0)
            add_error(errs, 0, "out of memory while parsing");
        fclose(f);
    } else if (path != NULL || errno != ENOENT) {
        add_error(errs, 0, "cannot read config file: %s", strerror(errno));
    }
    apply_environment(cfg, errs);
    load_token(cfg, errs);
    read_webhook_secret(cfg, errs);
    if (cfg->database_url)
        register_db_password(cfg->database_url);
    fb__config_check(cfg, errs);
    if (errs == NULL)
        return 0;
    sort_errors(errs, before);
    return errs->n > before ? -1 : 0;
}

/* ---- semantic checks ---------------------------------------------------- */

static int check_timezone(const fb__config *cfg, fb__config_errors *errs)
{
    const char *tz = cfg->timezone;
    char path[512];
    struct stat st;

    if (strcmp(tz, "UTC") == 0)
        return 0;
    if (tz[0] == '/' || strstr(tz, "..") != NULL ||
        snprintf(path, sizeof path, ZONEINFO_DIR "/%s", tz) >=
            (int)sizeof path ||
        stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        add_error(errs, cfg->line.timezone,
                  "unknown time zone '%.64s' (want a name like Asia/Kolkata)",
                  tz);
        return 1;
    }
    return 0;
}

static int check_api_url(const fb__config *cfg, fb__config_errors *errs)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL;
    int bad = 1;

    if (u && curl_url_set(u, CURLUPART_URL, cfg->api_url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
        bad = strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0;
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    if (bad)
        add_error(errs, cfg->line.api_url,
                  "bad api_url '%.128s' (want http(s)://host[:port])",
                  cfg->api_url);
    return bad;
}

static int check_database_url(const fb__config *cfg, fb__config_errors *errs)
{
    char *msg = NULL;
    PQconninfoOption *o = PQconninfoParse(cfg->database_url, &msg);
    char clean[256];

    if (o) {
        PQconninfoFree(o);
        return 0;
    }
    fb__log_redact(msg ? msg : "out of memory", clean, sizeof clean);
    clean[strcspn(clean, "\n")] = '\0';
    add_error(errs, cfg->line.database_url, "bad database_url: %s", clean);
    PQfreemem(msg);
    return 1;
}

/* A file holding a secret (what: "token file") must be the owner's alone. */
static int check_secret_file(const char *path, int line, const char *what,
                             fb__config_errors *errs)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return 0; /* already reported as unreadable */
    if (st.st_mode & (S_IRGRP | S_IROTH)) {
        add_error(errs, line, "%s %s is readable by %s (run: chmod 600 %s)",
                  what, path, (st.st_mode & S_IROTH) ? "everyone" : "its group",
                  path);
        return 1;
    }
    return 0;
}

static int check_token_file(const fb__config *cfg, fb__config_errors *errs)
{
    if (cfg->token_file == NULL ||
        (cfg->token_source && strcmp(cfg->token_source, "FITBOT_TOKEN") == 0))
        return 0;
    return check_secret_file(cfg->token_file, cfg->line.token_file,
                             "token file", errs);
}

static int check_dir(const char *dir, int line, const char *key,
                     fb__config_errors *errs)
{
    struct stat st;

    if (line == 0) /* default or environment: the loader reports it */
        return 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        add_error(errs, line, "%s '%s' is not a directory", key, dir);
        return 1;
    }
    return 0;
}

/* A HOST:PORT key, or "off" where off_ok. */
static int check_listen(const char *v, int line, const char *key, int off_ok,
                        fb__config_errors *errs)
{
    char host[64], why[160];
    int port;

    if (off_ok && strcmp(v, "off") == 0)
        return 0;
    if (fb__httpd_parse_listen(v, host, sizeof host, &port, why, sizeof why) ==
        0)
        return 0;
    add_error(errs, line, "bad %s: %s%s", key, why, off_ok ? " or off" : "");
    return 1;
}

/* mode, the listen addresses and the webhook's keys together. */
static int check_operations(const fb__config *cfg, fb__config_errors *errs)
{
    int n = 0, webhook = strcmp(cfg->mode, "webhook") == 0;

    if (!webhook && strcmp(cfg->mode, "polling") != 0) {
        add_error(errs, cfg->line.mode,
                  "bad value for 'mode': '%.32s' (want polling or webhook)",
                  cfg->mode);
        n++;
    }
    n += check_listen(cfg->metrics_listen, cfg->line.metrics_listen,
                      "metrics_listen", 1, errs);
    n += check_listen(cfg->webhook_listen, cfg->line.webhook_listen,
                      "webhook_listen", 0, errs);
    if (webhook && !cfg->webhook_url) {
        add_error(errs, cfg->line.mode,
                  "mode = webhook needs webhook_url (the https URL Telegram "
                  "posts to)");
        n++;
    } else if (cfg->webhook_url && strncmp(cfg->webhook_url, "https://", 8) &&
               strncmp(cfg->webhook_url, "http://", 7)) {
        add_error(errs, cfg->line.webhook_url,
                  "bad webhook_url '%.128s' (want https://host[:port]/path)",
                  cfg->webhook_url);
        n++;
    }
    if (webhook && !cfg->webhook_secret_file) {
        add_error(errs, cfg->line.mode,
                  "mode = webhook needs webhook_secret_file (a file holding "
                  "the secret_token, chmod 600)");
        n++;
    }
    if (cfg->webhook_secret_file)
        n += check_secret_file(cfg->webhook_secret_file,
                               cfg->line.webhook_secret_file,
                               "webhook_secret_file", errs);
    if (!cfg->webhook_tls_cert != !cfg->webhook_tls_key) {
        add_error(errs, cfg->line.webhook_tls_cert,
                  "webhook_tls_cert and webhook_tls_key go together");
        n++;
    }
    return n;
}

int fb__config_check(const fb__config *cfg, fb__config_errors *errs)
{
    int n = 0;

    if (cfg->pool_min > cfg->pool_max) {
        add_error(errs,
                  cfg->line.pool_min ? cfg->line.pool_min : cfg->line.pool_max,
                  "pool_min (%d) is larger than pool_max (%d)", cfg->pool_min,
                  cfg->pool_max);
        n++;
    }
    n += check_timezone(cfg, errs);
    n += check_api_url(cfg, errs);
    n += check_database_url(cfg, errs);
    n += check_token_file(cfg, errs);
    n += check_operations(cfg, errs);
    n += check_dir(cfg->plugin_dir, cfg->line.plugin_dir, "plugin_dir", errs);
    n += check_dir(cfg->sql_dir, cfg->line.sql_dir, "sql_dir", errs);
    return n;
}

/* ---- lookups and cleanup ------------------------------------------------ */

const char *fb__config_plugin_value(const fb__config *cfg, const char *plugin,
                                    const char *key)
{
    size_t i;

    if (cfg == NULL || plugin == NULL || key == NULL)
        return NULL;
    for (i = cfg->n_plugin_kv; i > 0; i--) {
        const fb__config_kv *kv = &cfg->plugin_kv[i - 1];
        if (strcmp(kv->plugin, plugin) == 0 && strcmp(kv->key, key) == 0)
            return kv->value;
    }
    return NULL;
}

static int in_list(char **v, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0)
            return 1;
    return 0;
}

int fb__config_plugin_enabled(const fb__config *cfg, const char *name)
{
    if (cfg->n_enable > 0 && !in_list(cfg->enable, cfg->n_enable, name))
        return 0;
    return !in_list(cfg->disable, cfg->n_disable, name);
}

static int str_differs(const char *a, const char *b)
{
    return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

static int list_differs(char **a, size_t na, char **b, size_t nb)
{
    if (na != nb)
        return 1;
    for (size_t i = 0; i < na; i++)
        if (strcmp(a[i], b[i]) != 0)
            return 1;
    return 0;
}

/* Whether the field k describes differs between a and b. */
static int key_differs(const key_def *k, const fb__config *a,
                       const fb__config *b)
{
    const char *pa = (const char *)a + k->off, *pb = (const char *)b + k->off;

    switch (k->type) {
    case K_STR:
        return str_differs(*(char *const *)pa, *(char *const *)pb);
    case K_ID:
        return *(const int64_t *)pa != *(const int64_t *)pb;
    case K_LIST:
        return list_differs(
            *(char **const *)pa, *(const size_t *)(pa + sizeof(char **)),
            *(char **const *)pb, *(const size_t *)(pb + sizeof(char **)));
    default:
        return *(const int *)pa != *(const int *)pb;
    }
}

int fb__config_diff(const fb__config *a, const fb__config *b,
                    void (*cb)(void *ud, const char *key), void *ud)
{
    int n = 0;

    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (key_differs(&keys[i], a, b)) {
            cb(ud, keys[i].name);
            n++;
        }
    if (str_differs(a->token, b->token)) {
        cb(ud, "token");
        n++;
    }
    return n;
}

void fb__config_free(fb__config *cfg)
{
    size_t i;

    if (cfg == NULL)
        return;
    if (cfg->token)
        memset(cfg->token, 0, strlen(cfg->token));
    free(cfg->path);
    free(cfg->token);
    free(cfg->token_source);
    free(cfg->token_file);
    free(cfg->database_url);
    free(cfg->api_url);
    free(cfg->plugin_dir);
    free(cfg->sql_dir);
    free(cfg->timezone);
    free(cfg->test_clock_file);
    if (cfg->webhook_secret)
        memset(cfg->webhook_secret, 0, strlen(cfg->webhook_secret));
    free(cfg->webhook_secret);
    free(cfg->mode);
    free(cfg->metrics_listen);
    free(cfg->webhook_url);
    free(cfg->webhook_listen);
    free(cfg->webhook_secret_file);
    free(cfg->webhook_tls_cert);
    free(cfg->webhook_tls_key);
    free_list(cfg->enable, cfg->n_enable);
    free_list(cfg->disable, cfg->n_disable);
    for (i = 0; i < cfg->n_plugin_kv; i++) {
        free(cfg->plugin_kv[i].plugin);
        free(cfg->plugin_kv[i].key);
        free(cfg->plugin_kv[i].value);
    }
    free(cfg->plugin_kv);
    memset(cfg, 0, sizeof *cfg);
}
