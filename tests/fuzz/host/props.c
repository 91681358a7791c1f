/* Properties of the host's parsers (see props.h). */
#define _GNU_SOURCE
#include "props.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "dispatch.h"
#include "log.h"
#include "telegram.h"

#define TWO_53 9007199254740992.0

/* See props.h. */
int hostfuzz_fail(const char *what, const uint8_t *data, size_t size)
{
    size_t i;

    fprintf(stderr, "hostfuzz: property failed: %s\ninput (%zu bytes): ", what,
            size);
    for (i = 0; i < size && i < 600; i++)
        if (data[i] == '\n')
            fputs("\\n\n", stderr);
        else if (isprint(data[i]) && data[i] != '\\')
            fputc(data[i], stderr);
        else
            fprintf(stderr, "\\x%02x", data[i]);
    fputc('\n', stderr);
    return 1;
}

/* ---- exact ids ------------------------------------------------------------
 */

/* A raw item's text as an int64: '-'? digits, within int64 (by sscanf's
 * own reading and a round trip, not the host's code). */
static int raw_id(const cJSON *item, int64_t *v)
{
    const char *s = item->valuestring;
    char back[32];
    size_t i = s && s[0] == '-';

    if (s == NULL || !s[i] || strlen(s) > 20)
        return 0;
    for (; s[i]; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    if (sscanf(s, "%" SCNd64, v) != 1)
        return 0;
    snprintf(back, sizeof back, "%" PRId64, *v);
    return strcmp(back, s) == 0 || (*v = 0);
}

/* What an exact-id parser must make of item: 1 and *v for a number that is
 * a whole value strictly inside +-2^53 (2^53 itself also stands for 2^53+1)
 * or a raw decimal within int64 (fb__json_parse_exact's big literals), 0
 * for anything else. */
static int want_id(const cJSON *item, int64_t *v)
{
    double d;

    *v = 0;
    if (cJSON_IsRaw(item))
        return raw_id(item, v);
    if (!cJSON_IsNumber(item))
        return 0;
    d = item->valuedouble;
    if (!(d > -TWO_53 && d < TWO_53) || d != (double)(int64_t)d)
        return 0;
    *v = (int64_t)d;
    return 1;
}

/* got must be the exact id of object.key, or 0 when that is not one. */
static int id_matches(const cJSON *object, const char *key, int64_t got)
{
    int64_t want;

    want_id(cJSON_IsObject(object)
                ? cJSON_GetObjectItemCaseSensitive(object, key)
                : NULL,
            &want);
    return got == want;
}

/* ---- updates --------------------------------------------------------------
 */

static const cJSON *member_obj(const cJSON *o, const char *key)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsObject(x) ? x : NULL;
}

static const char *member_str(const cJSON *o, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(s) && s->valuestring ? s->valuestring : "";
}

static int strings_sane(const fb__update *u)
{
    const char *v[] = {u->args,    u->text,      u->data,  u->callback_id,
                       u->file_id, u->file_name, u->phone, u->first,
                       u->last,    u->username};
    size_t i, n = 0;

    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (v[i] == NULL)
            return 0;
        n += strlen(v[i]); /* touches every byte: ASan sees stale pointers */
    }
    return n < SIZE_MAX && memchr(u->cmd, '\0', sizeof u->cmd) != NULL &&
           memchr(u->argsbuf, '\0', sizeof u->argsbuf) != NULL;
}

/* The command name and arguments of a COMMAND, against its text. */
static const char *command_problem(const fb__update *u, const char *bot)
{
    const char *c, *at;
    size_t alen = strlen(u->args);

    if (u->text[0] != '/' || u->cmd[0] == '\0')
        return "command without '/' or name";
    for (c = u->cmd; *c; c++)
        if (*c == '@' || isspace((unsigned char)*c) ||
            isupper((unsigned char)*c))
            return "command name has '@', space or capitals";
    if (alen && (isspace((unsigned char)u->args[0]) ||
                 isspace((unsigned char)u->args[alen - 1])))
        return "command args not trimmed";
    if (alen >= sizeof u->argsbuf)
        return "command args overflow";
    if (alen && alen < sizeof u->argsbuf - 1 && !strstr(u->text, u->args))
        return "command args not taken from the text";
    at = strchr(u->text, '@');
    if (u->foreign && (bot == NULL || !bot[0] || at == NULL))
        return "foreign command without an @bot to compare";
    return NULL;
}

static const char *message_problem(const cJSON *m, const char *bot,
                                   const fb__update *u)
{
    const char *text = member_str(m, "text");
    const cJSON *chat = member_obj(m, "chat");

    if (!id_matches(m, "message_id", u->message_id) ||
        !id_matches(member_obj(m, "from"), "id", u->user) ||
        !id_matches(chat, "id", u->chat))
        return "message id not exact (or not rejected)";
    if (chat && u->group != (strcmp(member_str(chat, "type"), "private") != 0))
        return "group flag";
    if (text[0]) {
        if (u->text != text)
            return "text does not point into the update";
        if (u->kind == FB_UPDATE_COMMAND)
            return command_problem(u, bot);
        if (u->kind != FB_UPDATE_TEXT || u->args[0])
            return "text message: wrong kind or args";
        return NULL;
    }
    if (u->kind == FB_UPDATE_COMMAND || u->kind == FB_UPDATE_TEXT ||
        u->kind == FB_UPDATE_CALLBACK)
        return "message without text has a text kind";
    if (member_obj(m, "contact") &&
        (u->kind != FB_UPDATE_CONTACT ||
         !id_matches(member_obj(m, "contact"), "user_id", u->contact_user)))
        return "contact";
    return NULL;
}

static const char *callback_problem(const cJSON *q, const fb__update *u)
{
    const cJSON *m = member_obj(q, "message");
    int64_t chat;

    if (u->kind != FB_UPDATE_CALLBACK)
        return "callback_query not of kind CALLBACK";
    if (!id_matches(member_obj(q, "from"), "id", u->user) ||
        !id_matches(m, "message_id", u->message_id))
        return "callback id not exact (or not rejected)";
    if (!want_id(cJSON_GetObjectItemCaseSensitive(member_obj(m, "chat"), "id"),
                 &chat) ||
        chat == 0)
        chat = u->user;
    if (u->chat != chat)
        return "callback chat (else its user)";
    if (strcmp(u->data, member_str(q, "data")) != 0 ||
        strcmp(u->callback_id, member_str(q, "id")) != 0)
        return "callback data or id not taken from the update";
    return NULL;
}

/* See props.h. */
const char *hostfuzz_update_problem(const cJSON *j, const char *bot)
{
    fb__update *u = malloc(sizeof *u);
    const cJSON *m = member_obj(j, "message"),
                *q = member_obj(j, "callback_query");
    int64_t want;
    int ok = want_id(cJSON_IsObject(j)
                         ? cJSON_GetObjectItemCaseSensitive(j, "update_id")
                         : NULL,
                     &want);
    const char *p = NULL;

    if (u == NULL)
        return NULL;
    if (fb__update_parse(j, bot, u) != (ok ? 0 : -1))
        p = "update_id: accepted a non-exact id or refused an exact one";
    else if (!ok)
        p = NULL;
    else if (u->update_id != want)
        p = "update_id not exact";
    else if (!strings_sane(u))
        p = "a string is NULL or unterminated";
    else if (u->kind <= FB_UPDATE_NONE || u->kind > FB_UPDATE_OTHER)
        p = "kind out of range";
    else if (fb__update_key(u) != (u->chat ? u->chat : u->user))
        p = "update key";
    else if (m)
        p = message_problem(m, bot, u);
    else if (q)
        p = callback_problem(q, u);
    else if (u->kind != FB_UPDATE_OTHER || u->user || u->chat)
        p = "neither message nor callback: not OTHER";
    free(u);
    return p;
}

int hostfuzz_update(const uint8_t *data, size_t size)
{
    static const char *bots[] = {"FitBot", NULL, ""};
    cJSON *j = fb__json_parse_exact((const char *)data, size);
    const char *p = NULL;
    size_t i;

    if (j == NULL)
        return 0;
    for (i = 0; i < 3 && p == NULL; i++)
        p = hostfuzz_update_problem(j, bots[i]);
    cJSON_Delete(j);
    return p ? hostfuzz_fail(p, data, size) : 0;
}

/* ---- exact ids on their own ------------------------------------------------
 */

/* What the decimal text of a plain JSON number (no exponent) says:
 * 1 whole and below 2^53 (*v set), 2 whole and beyond, 3 a fraction that
 * a double keeps (at most 15 significant digits), 0 unknown. */
static int literal_class(const char *s, size_t n, int64_t *v)
{
    size_t i = 0, int0, intn, frac0, fracn;
    int neg = 0;

    if (i < n && s[i] == '-')
        neg = 1, i++;
    for (int0 = i; i < n && isdigit((unsigned char)s[i]); i++)
        ;
    intn = i - int0;
    frac0 = fracn = 0;
    if (i < n && s[i] == '.') {
        for (frac0 = ++i; i < n && isdigit((unsigned char)s[i]); i++)
            ;
        fracn = i - frac0;
    }
    if (i != n || intn == 0 || (intn > 1 && s[int0] == '0'))
        return 0;
    while (fracn && s[frac0 + fracn - 1] == '0')
        fracn--;
    while (intn > 1 && s[int0] == '0')
        int0++, intn--;
    if (fracn == 0) {
        char buf[24];
        if (intn > 16 ||
            (intn == 16 && memcmp(s + int0, "9007199254740991", 16) > 0))
            return 2;
        memcpy(buf, s + int0, intn);
        buf[intn] = '\0';
        *v = strtoll(buf, NULL, 10) * (neg ? -1 : 1);
        return 1;
    }
    if (s[int0] == '0') { /* 0.xxx: leading zeros don't count, but many
                           * of them make a value a double rounds to 0 */
        while (fracn && s[frac0] == '0')
            frac0++, fracn--;
        if (frac0 - int0 > 300)
            return 0;
    } else
        fracn += intn;
    return fracn <= 15 ? 3 : 0;
}

static const char *number_problem(const cJSON *it)
{
    int64_t v = 12345, want;
    int rc = fb__json_int64(it, &v);

    if (rc != (want_id(it, &want) ? 0 : -1))
        return "fb__json_int64 accepts/refuses the wrong numbers";
    if (rc == 0 && v != want)
        return "fb__json_int64 not exact";
    if (rc != 0 && v != 12345)
        return "fb__json_int64 wrote its output on failure";
    return NULL;
}

static const char *walk(const cJSON *it, int depth)
{
    const char *p = NULL;

    for (; it && !p; it = it->next) {
        if (cJSON_IsNumber(it))
            p = number_problem(it);
        if (!p && it->child && depth < 64)
            p = walk(it->child, depth + 1);
    }
    return p;
}

/* fb__json_id(v) prints as the exact decimal and reads back exactly. */
static const char *id_output_problem(int64_t v)
{
    cJSON *it = fb__json_id(v), *back;
    char want[24], *s;
    const char *p = NULL;
    int64_t got = 0;

    if (it == NULL)
        return NULL;
    snprintf(want, sizeof want, "%" PRId64, v);
    s = cJSON_PrintUnformatted(it);
    if (s && strcmp(s, want) != 0)
        p = "fb__json_id does not print the exact decimal";
    back = s ? cJSON_Parse(s) : NULL;
    if (!p && back && v > -9007199254740992LL && v < 9007199254740992LL &&
        (fb__json_int64(back, &got) != 0 || got != v))
        p = "fb__json_id does not read back";
    cJSON_Delete(back);
    free(s);
    cJSON_Delete(it);
    return p;
}

/* a (fb__json_parse_exact's tree) is b (cJSON's) but for raw items in
 * place of numbers, each holding a literal of 16 or more digits that reads
 * as b's double. */
static const char *exact_tree_problem(const cJSON *a, const cJSON *b)
{
    for (; a && b; a = a->next, b = b->next) {
        if ((a->string == NULL) != (b->string == NULL) ||
            (a->string && strcmp(a->string, b->string) != 0))
            return "parse_exact changed a key";
        if (cJSON_IsRaw(a)) {
            const char *d = a->valuestring + (a->valuestring[0] == '-');
            if (!cJSON_IsNumber(b) || strlen(d) < 16 ||
                strspn(d, "0123456789") != strlen(d) ||
                strtod(a->valuestring, NULL) != b->valuedouble)
                return "parse_exact made a raw item of something else";
        } else if ((a->type & 0xff) != (b->type & 0xff)) {
            return "parse_exact changed a type";
        } else if (a->child || b->child) {
            const char *p = exact_tree_problem(a->child, b->child);
            if (p)
                return p;
        }
    }
    return a || b ? "parse_exact changed the shape" : NULL;
}

/* The literal s[0..n) as {"v": s} through fb__json_parse_exact: read
 * exactly when it is '-'? digits within int64 (or a whole number below
 * 2^53 however written), refused otherwise. */
static const char *exact_literal_problem(const char *s, size_t n, int cls,
                                         int64_t lit)
{
    char text[128], digits[32], back[32];
    cJSON *w;
    int64_t got = 0, want = lit;
    int ok;

    if (n > 100 || !cls)
        return NULL;
    snprintf(text, sizeof text, "{\"v\":%.*s}", (int)n, s);
    if ((w = fb__json_parse_exact(text, strlen(text))) == NULL)
        return NULL;
    ok = fb__json_get_int64(w, "v", &got) == 0;
    cJSON_Delete(w);
    if (cls == 2 && n < sizeof digits) { /* plain digits within int64? */
        const char *d = digits + (s[0] == '-');
        memcpy(digits, s, n);
        digits[n] = '\0';
        if (strlen(d) >= 16 && strspn(d, "0123456789") == strlen(d) &&
            sscanf(digits, "%" SCNd64, &want) == 1) {
            snprintf(back, sizeof back, "%" PRId64, want);
            cls = strcmp(back, digits) == 0 ? 1 : 2;
        }
    }
    if (ok != (cls == 1))
        return ok ? "parse_exact: a value beyond int64 or a fraction was read"
                  : "parse_exact: an exact id was refused";
    return ok && got != want ? "parse_exact: an id was not read exactly" : NULL;
}

int hostfuzz_json(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *p;
    cJSON *j = cJSON_ParseWithLength(s, size);
    int64_t lit = 0, got = 0, raw = 0;
    size_t n = size;
    int cls;

    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    while (n && isspace((unsigned char)*s))
        s++, n--;
    p = walk(j, 0);
    if (!p) {
        cJSON *e = fb__json_parse_exact((const char *)data, size);
        if ((e == NULL) != (j == NULL))
            p = "parse_exact and cJSON disagree on what parses";
        else if (e)
            p = exact_tree_problem(e, j);
        cJSON_Delete(e);
    }
    cls = j && cJSON_IsNumber(j) ? literal_class(s, n, &lit) : 0;
    if (!p)
        p = exact_literal_problem(s, n, cls, lit);
    if (!p && cls && (fb__json_int64(j, &got) == 0) != (cls == 1))
        p = cls == 2   ? "a whole number beyond 2^53 was accepted (truncated)"
            : cls == 3 ? "a fraction was accepted (truncated)"
                       : "an exact id below 2^53 was refused";
    if (!p && cls == 1 && got != lit)
        p = "an id was not read exactly";
    if (size >= 8)
        memcpy(&raw, data, 8);
    if (!p)
        p = id_output_problem(raw);
    if (!p && cls == 1)
        p = id_output_problem(lit);
    cJSON_Delete(j);
    return p ? hostfuzz_fail(p, data, size) : 0;
}

/* ---- the config loader ------------------------------------------------------
 */

/* Every key of [fitbot] and, for the keys whose line the loader keeps,
 * where it keeps it (-1: not kept). One table, so a new key cannot shift
 * another key's line. */
#define KEPT(f) (int)offsetof(fb__config, line.f)
static const struct {
    const char *name;
    int line; /* offset of its line in fb__config, or -1 */
} known_keys[] = {
    {"token_file", KEPT(token_file)},
    {"database_url", KEPT(database_url)},
    {"api_url", KEPT(api_url)},
    {"super_admin", KEPT(super_admin)},
    {"plugin_dir", KEPT(plugin_dir)},
    {"sql_dir", KEPT(sql_dir)},
    {"enable", KEPT(enable)},
    {"disable", KEPT(disable)},
    {"strict_plugins", -1},
    {"workers", -1},
    {"updates_per_transaction", -1},
    {"pool_min", KEPT(pool_min)},
    {"pool_max", KEPT(pool_max)},
    {"pool_acquire_timeout_ms", -1},
    {"db_statement_timeout_ms", -1},
    {"db_lock_timeout_ms", -1},
    {"db_idle_in_transaction_timeout_ms", -1},
    {"db_tcp_user_timeout_ms", -1},
    {"db_keepalive_idle", -1},
    {"shutdown_timeout", -1},
    {"conversation_timeout", -1},
    {"timezone", KEPT(timezone)},
    {"test_clock_file", -1},
    {"poll_timeout", -1},
    {"log_level", -1},
    {"send_rate_global", -1},
    {"send_rate_chat", -1},
    {"send_rate_group", -1},
    {"quarantine_after", -1},
    {"updates_batch_max", -1},
    {"outbox_queue_max", -1},
    {"outbox_bulk_max", -1},
    {"answer_early_ms", -1},
    {"paid_broadcast_rate", -1},
    {"mode", KEPT(mode)},
    {"metrics_listen", KEPT(metrics_listen)},
    {"webhook_url", KEPT(webhook_url)},
    {"webhook_listen", KEPT(webhook_listen)},
    {"webhook_secret_file", KEPT(webhook_secret_file)},
    {"webhook_tls_cert", KEPT(webhook_tls_cert)},
    {"webhook_tls_key", -1},
    {"webhook_max_body", -1},
    {"webhook_max_connections", -1},
    {"health_telegram_max_age", -1},
};

static char cfg_path[64];

static void remove_cfg(void)
{
    if (cfg_path[0])
        unlink(cfg_path);
}

void hostfuzz_init(void)
{
    static const char *unset[] = {"FITBOT_CONFIG",    "FITBOT_DATABASE_URL",
                                  "FITBOT_API_URL",   "FITBOT_SUPER_ADMIN",
                                  "FITBOT_LOG_LEVEL", "FITBOT_PLUGIN_DIR",
                                  "FITBOT_SQL_DIR"};
    size_t i;
    int fd;

    if (cfg_path[0])
        return;
    for (i = 0; i < sizeof unset / sizeof unset[0]; i++)
        unsetenv(unset[i]);
    /* the token comes from the environment: a fuzzed token_file is never
     * opened (it could name a FIFO) */
    setenv("FITBOT_TOKEN", HOSTFUZZ_TOKEN, 1);
    fb__log_set_level(FB_LOG_ERROR + 1);
    /* in memory when it can be (/dev/shm): a config is written per input */
    snprintf(cfg_path, sizeof cfg_path, "%s/hostfuzz-config-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    fd = mkstemp(cfg_path);
    if (fd < 0) {
        perror("mkstemp");
        abort();
    }
    close(fd);
    atexit(remove_cfg);
}

static int is_known(const char *name, size_t len, size_t *idx)
{
    size_t i;

    for (i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++)
        if (strlen(known_keys[i].name) == len &&
            !memcmp(known_keys[i].name, name, len))
            return *idx = i, 1;
    return 0;
}

static int has_error(const fb__config_errors *e, int line, const char *needle)
{
    size_t i;

    for (i = 0; i < e->n; i++)
        if (e->v[i].line == line &&
            strncmp(e->v[i].msg, needle, strlen(needle)) == 0)
            return 1;
    return 0;
}

/* The line slot fb__config keeps for known key i, or NULL. */
static const int *line_slot(const fb__config *c, size_t i)
{
    if (known_keys[i].line < 0)
        return NULL;
    return (const int *)(const void *)((const char *)c + known_keys[i].line);
}

/* A simple reading of the text, line by line, as a user would: in
 * [fitbot], an unknown "name = value" is reported on its line and a known
 * key's line is the last one setting it. Returns a problem, or NULL (also
 * when the text is too odd for this reading: long lines, odd headers). */
static const char *config_oracle(const char *s, size_t size,
                                 const fb__config *c,
                                 const fb__config_errors *e)
{
    int lineno = 0, in_fitbot = 0,
        last[sizeof known_keys / sizeof known_keys[0]] = {0};
    size_t pos = 0, i;

    if (size >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        pos = 3;
    while (pos < size) {
        const char *l = s + pos, *nl = memchr(l, '\n', size - pos);
        size_t full = nl ? (size_t)(nl - l) : size - pos, len, k, nlen;
        const char *nul = memchr(l, '\0', full);

        lineno++;
        pos += full + 1;
        len = nul ? (size_t)(nul - l) : full;
        if (full >= 16000 || (nul && full >= 190))
            return NULL; /* split by the reader: not this simple reading */
        while (len && isspace((unsigned char)*l))
            l++, len--;
        while (len && isspace((unsigned char)l[len - 1]))
            len--;
        if (len == 0 || *l == ';' || *l == '#')
            continue;
        if (*l != '[' && memchr(l, '=', len) &&
            has_error(e, lineno, "not a 'key = value'"))
            return "a 'key = value' line is reported as not one";
        if (*l == '[') {
            if (l[len - 1] != ']' || memchr(l, ';', len) ||
                memchr(l, '#', len) || memchr(l + 1, ']', len - 2) ||
                memchr(l, '[', len) != l || memchr(l + 1, '[', len - 1))
                return NULL;
            in_fitbot = len == 8 && !memcmp(l, "[fitbot]", 8);
            continue;
        }
        for (k = 0; k < len && (islower((unsigned char)l[k]) ||
                                isdigit((unsigned char)l[k]) || l[k] == '_');
             k++)
            ;
        nlen = k;
        while (k < len && isspace((unsigned char)l[k])) /* as inih: \r too */
            k++;
        if (!in_fitbot || nlen == 0 || k >= len || (l[k] != '=' && l[k] != ':'))
            continue;
        {
            size_t idx;
            char needle[80];
            if (nlen > 40)
                continue;
            if (is_known(l, nlen, &idx)) {
                last[idx] = lineno;
                continue;
            }
            snprintf(needle, sizeof needle, "unknown key '%.*s'", (int)nlen, l);
            if (!has_error(e, lineno, needle))
                return "an unknown key is not reported on its line";
        }
    }
    for (i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++) {
        const int *slot = line_slot(c, i);
        if (slot && *slot != last[i])
            return "a key's line is not the last line setting it";
    }
    return NULL;
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);

    return n > 0 && n <= 32 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static const char *ranges_problem(const fb__config *c)
{
    size_t i;

    if (c->workers < 1 || c->workers > 256 ||
        c->updates_per_transaction < 1 || c->updates_per_transaction > 8 ||
        c->pool_min < 0 ||
        c->pool_min > 1000 || c->pool_max < 1 || c->pool_max > 1000 ||
        c->pool_acquire_timeout_ms < 1 || c->poll_timeout < 0 ||
        c->poll_timeout > 50 || c->conversation_timeout < 10 ||
        c->send_rate_global < 1 || c->send_rate_chat < 1 ||
        c->send_rate_group < 1 || c->quarantine_after < 1 ||
        c->quarantine_after > 100 || c->super_admin < 0 ||
        c->updates_batch_max < 1 || c->updates_batch_max > 100 ||
        c->outbox_queue_max < 100 || c->outbox_queue_max > 1000000 ||
        c->outbox_bulk_max < 100 || c->outbox_bulk_max > 1000000 ||
        c->answer_early_ms < 0 || c->answer_early_ms > 14000 ||
        c->paid_broadcast_rate < 0 || c->paid_broadcast_rate > 1000 ||
        c->webhook_max_body < 1024 || c->webhook_max_body > 67108864 ||
        c->webhook_max_connections < 1 || c->webhook_max_connections > 100 ||
        c->health_telegram_max_age < 5 ||
        c->health_telegram_max_age > 86400 ||
        (c->strict_plugins != 0 && c->strict_plugins != 1))
        return "a number outside its documented range";
    if (!c->database_url || !*c->database_url || !c->api_url || !*c->api_url ||
        !c->plugin_dir || !*c->plugin_dir || !c->sql_dir || !*c->sql_dir ||
        !c->timezone || !*c->timezone)
        return "a string setting is empty";
    for (i = 0; i < c->n_enable; i++)
        if (!valid_name(c->enable[i]))
            return "an invalid plugin name in enable";
    for (i = 0; i < c->n_disable; i++)
        if (!valid_name(c->disable[i]))
            return "an invalid plugin name in disable";
    for (i = 0; i < c->n_plugin_kv; i++)
        if (!valid_name(c->plugin_kv[i].plugin) ||
            fb__config_plugin_value(c, c->plugin_kv[i].plugin,
                                    c->plugin_kv[i].key) == NULL)
            return "a [plugin.NAME] key is lost or badly named";
    return NULL;
}

static const char *errors_problem(const fb__config *c,
                                  const fb__config_errors *e, int nlines)
{
    char *out = NULL;
    size_t len = 0, i;
    FILE *f;
    const char *p = NULL;

    for (i = 0; i < e->n; i++) {
        int prev = i ? e->v[i - 1].line : 0;
        if (!e->v[i].msg || !e->v[i].msg[0])
            return "an empty error message";
        if (e->v[i].line < 0 || e->v[i].line > nlines)
            return "an error line beyond the file";
        if (i && e->v[i].line > 0 && (prev == 0 || prev > e->v[i].line))
            return "errors not sorted by line";
    }
    f = open_memstream(&out, &len);
    if (f == NULL)
        return NULL;
    fb__config_errors_print(c, e, f);
    fclose(f);
    if (out && strstr(out, "HOSTFUZZ-secret-token"))
        p = "the token is printed in an error";
    free(out);
    return p;
}

int hostfuzz_config(const uint8_t *data, size_t size)
{
    fb__config cfg;
    fb__config_errors errs = {0}, again = {0};
    const char *p = NULL;
    int rc, nlines = 1;
    size_t i;
    FILE *f;

    hostfuzz_init();
    f = fopen(cfg_path, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    for (i = 0; i < size; i++)
        nlines += data[i] == '\n';
    rc = fb__config_load(cfg_path, &cfg, &errs);
    if ((rc == 0) != (errs.n == 0))
        p = "the result disagrees with the errors";
    if (!p)
        p = errors_problem(&cfg, &errs, nlines);
    if (!p)
        p = ranges_problem(&cfg);
    if (!p)
        p = config_oracle((const char *)data, size, &cfg, &errs);
    if (!p && (size_t)fb__config_check(&cfg, &again) != again.n)
        p = "fb__config_check miscounts";
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
    fb__config_errors_free(&again);
    fb__log_clear_secrets();
    fb__log_add_secret(HOSTFUZZ_TOKEN);
    return p ? hostfuzz_fail(p, data, size) : 0;
}
