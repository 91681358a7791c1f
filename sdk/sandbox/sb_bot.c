#include "sb_bot.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "sb_clock.h"
#include "sb_faults.h"
#include "sb_html.h"
#include "sb_send.h"

#define LONG_POLL_MAX_S 50

void fb__sb_call_bad(sb_call *c, const char *what)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "Bad Request: %s", what);
    fb__sb_out_err(c->out, 400, buf, 0);
}

sb_chat *fb__sb_call_chat(sb_call *c)
{
    int64_t id = 0;
    int rc = fb__sb_param_i64(c->p, "chat_id", &id);
    if (rc == SB_P_MISSING) {
        fb__sb_call_bad(c, "chat_id is empty");
        return NULL;
    }
    sb_chat *chat = rc == SB_P_OK ? fb__sb_chat(c->st, id) : NULL;
    if (!chat)
        fb__sb_call_bad(c, "chat not found");
    return chat;
}

/* ---- getMe ---- */
static void m_get_me(sb_call *c)
{
    cJSON *u = fb__sb_bot_user_json(c->b);
    if (u) {
        cJSON_AddTrueToObject(u, "can_join_groups");
        cJSON_AddFalseToObject(u, "can_read_all_group_messages");
        cJSON_AddFalseToObject(u, "supports_inline_queries");
    }
    fb__sb_out_ok(c->out, u);
}

/* ---- getUpdates ---- */
static int type_allowed(const sb_bot *b, const char *type)
{
    if (!b->allowed_updates || cJSON_GetArraySize(b->allowed_updates) == 0)
        return strcmp(type, "chat_member") != 0;
    const cJSON *t;
    cJSON_ArrayForEach(
        t, b->allowed_updates) if (cJSON_IsString(t) &&
                                   strcmp(t->valuestring, type) == 0) return 1;
    return 0;
}

/* Drops pending updates whose type the bot does not want (Telegram never
 * delivers them later either). */
static void drop_unwanted(sb_bot *b)
{
    size_t w = 0;
    for (size_t r = 0; r < b->nupdates; r++) {
        if (type_allowed(b, b->updates[r].type))
            b->updates[w++] = b->updates[r];
        else
            cJSON_Delete(b->updates[r].json);
    }
    b->nupdates = w;
}

static int set_allowed(sb_call *c)
{
    cJSON *allowed = NULL;
    int rc = fb__sb_param_json(c->p, "allowed_updates", &allowed);
    if (rc == SB_P_MISSING)
        return 0;
    if (rc != SB_P_OK || !cJSON_IsArray(allowed)) {
        fb__sb_call_bad(c, "can't parse allowed updates");
        return -1;
    }
    cJSON *copy = cJSON_Duplicate(allowed, 1);
    if (!copy) {
        fb__sb_out_err(c->out, 500, "Internal Server Error", 0);
        return -1;
    }
    cJSON_Delete(c->b->allowed_updates);
    c->b->allowed_updates = copy;
    return 0;
}

static int read_poll_args(sb_call *c, int64_t *offset, int64_t *limit,
                          double *timeout)
{
    *offset = 0;
    *limit = 100;
    *timeout = 0;
    int64_t t = 0;
    if (fb__sb_param_i64(c->p, "offset", offset) == SB_P_BAD ||
        fb__sb_param_i64(c->p, "limit", limit) == SB_P_BAD ||
        fb__sb_param_i64(c->p, "timeout", &t) == SB_P_BAD) {
        fb__sb_call_bad(c, "wrong parameter type in getUpdates");
        return -1;
    }
    if (*limit < 1 || *limit > 100)
        *limit = 100; /* Telegram: 1-100, anything else means the default */
    *timeout =
        (double)(t < 0 ? 0 : (t > LONG_POLL_MAX_S ? LONG_POLL_MAX_S : t));
    return set_allowed(c);
}

static void ack_offset(sb_bot *b, int64_t offset)
{
    if (offset > 0) {
        fb__sb_update_ack(b, offset);
    } else if (offset < 0) {
        uint64_t back = 0 - (uint64_t)offset; /* no overflow at INT64_MIN */
        if (back < b->nupdates)
            fb__sb_update_ack(b, b->updates[b->nupdates - back].update_id);
    }
}

/* The press an update carries, or NULL. */
static sb_callback *press_of(sb_call *c, const sb_update *u)
{
    return u->cb && u->cb <= c->st->ncbs ? &c->st->cbs[u->cb - 1] : NULL;
}

/* What getUpdates tells about the presses: the first time each is handed
 * over, and the ones it could not reach in their window because limit
 * older updates came first (Telegram hands out at most limit past the
 * acknowledged offset: a bot whose database refuses those cannot see
 * further without acknowledging them). Past a full batch the queue is
 * walked from its newest update back to the first press whose window has
 * closed (the queue is in push order). */
static void note_presses(sb_call *c, int64_t limit)
{
    double now = fb__sb_clock_now();
    size_t given = c->b->nupdates < (size_t)limit ? c->b->nupdates
                                                  : (size_t)limit;
    for (size_t i = 0; i < given; i++) {
        sb_callback *cb = press_of(c, &c->b->updates[i]);
        if (cb && cb->delivered_s == 0)
            cb->delivered_s = now;
    }
    for (size_t i = c->b->nupdates; i > given; i--) {
        sb_callback *cb = press_of(c, &c->b->updates[i - 1]);
        if (cb && now - cb->created_s > CALLBACK_DEADLINE_S)
            break;
        if (cb && cb->delivered_s == 0)
            cb->behind_limit = 1;
    }
}

static void reply_updates(sb_call *c, int64_t limit)
{
    cJSON *arr = cJSON_CreateArray();
    note_presses(c, limit);
    for (size_t i = 0; arr && i < c->b->nupdates && (int64_t)i < limit; i++) {
        cJSON *dup = cJSON_Duplicate(c->b->updates[i].json, 1);
        if (!dup || !cJSON_AddItemToArray(arr, dup)) {
            cJSON_Delete(dup);
            cJSON_Delete(arr);
            arr = NULL;
            break;
        }
        c->b->c.updates_delivered++;
    }
    fb__sb_out_ok(c->out, arr);
}

static const char *conflict_webhook =
    "Conflict: can't use getUpdates method while webhook is active; use "
    "deleteWebhook to delete the webhook first";
static const char *conflict_poll =
    "Conflict: terminated by other getUpdates request; make sure that only one "
    "bot instance is running";

/* Returns 1 when the client closed its connection (a long poll nobody will
 * read). */
static int peer_gone(int fd)
{
    char b;
    if (fd < 0)
        return 0;
    ssize_t n = recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 ||
           (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

static int ts_before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec ||
           (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Waits for a change, at most until deadline and at most 250 ms (to notice
 * a client that left). Returns 1 once the deadline has passed. */
static int wait_slice(sb_state *st, const struct timespec *deadline)
{
    struct timespec slice, now;
    fb__sb_clock_deadline(&slice, 0.25);
    if (ts_before(deadline, &slice))
        slice = *deadline;
    fb__sb_wait(st, &slice);
    clock_gettime(CLOCK_REALTIME, &now);
    return !ts_before(&now, deadline);
}

/* Ends a poll that a newer one (or a webhook) replaced: 409, unless the
 * client already left, in which case nobody is told and nothing counted. */
static void superseded(sb_call *c)
{
    if (peer_gone(c->p->client_fd)) {
        c->out->drop = 1;
        return;
    }
    c->b->c.conflicts_409++;
    fb__sb_out_err(c->out, 409,
                   c->b->webhook_url ? conflict_webhook : conflict_poll, 0);
}

static void m_get_updates(sb_call *c)
{
    int64_t offset, limit;
    double timeout;
    if (c->b->webhook_url) {
        c->b->c.conflicts_409++;
        fb__sb_out_err(c->out, 409, conflict_webhook, 0);
        return;
    }
    if (read_poll_args(c, &offset, &limit, &timeout) != 0)
        return;
    ack_offset(c->b, offset);
    uint64_t gen = ++c->b->poll_gen;
    fb__sb_changed(c->st); /* an older poll wakes up and ends with 409 */
    struct timespec deadline;
    fb__sb_clock_deadline(&deadline, timeout / fb__sb_clock_scale());
    for (;;) {
        if (c->b->poll_gen != gen || c->b->webhook_url) {
            superseded(c);
            return;
        }
        drop_unwanted(c->b);
        if (c->b->nupdates > 0 || c->st->stopping || timeout <= 0)
            break;
        if (peer_gone(c->p->client_fd)) {
            c->out->drop = 1;
            return;
        }
        if (wait_slice(c->st, &deadline))
            timeout = 0; /* one last look, then return what is there */
    }
    reply_updates(c, limit);
}

/* ---- webhooks ---- */
/* See sb_bot.h. */
int fb__sb_loopback_url(const char *url)
{
    const char *h = NULL;
    if (strncasecmp(url, "http://", 7) == 0)
        h = url + 7;
    else if (strncasecmp(url, "https://", 8) == 0)
        h = url + 8;
    if (!h)
        return 0;
    static const char *hosts[] = {"127.", "localhost:", "localhost/", "[::1]"};
    for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
        if (strncasecmp(h, hosts[i], strlen(hosts[i])) == 0)
            return 1;
    return strcasecmp(h, "localhost") == 0;
}

static int secret_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 256)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return 1;
}

static void clear_webhook(sb_bot *b)
{
    free(b->webhook_url);
    free(b->webhook_secret);
    b->webhook_url = b->webhook_secret = NULL;
    b->webhook_fail_streak = 0;
    b->webhook_next_try_ms = 0;
}

static void drop_pending(sb_call *c)
{
    int drop = 0;
    if (fb__sb_param_bool(c->p, "drop_pending_updates", &drop) == SB_P_OK &&
        drop && c->b->nupdates)
        fb__sb_update_ack(c->b,
                          c->b->updates[c->b->nupdates - 1].update_id + 1);
}

static void m_set_webhook(sb_call *c)
{
    const char *url = "", *secret = NULL;
    int rc = fb__sb_param_str(c->p, "url", &url);
    if (rc == SB_P_BAD) {
        fb__sb_call_bad(c, "bad webhook: invalid URL");
        return;
    }
    if (url[0] && !fb__sb_loopback_url(url)) {
        fb__sb_call_bad(c, "bad webhook: the sandbox delivers only to http(s) "
                           "URLs on the loopback interface");
        return;
    }
    if (fb__sb_param_str(c->p, "secret_token", &secret) == SB_P_OK &&
        !secret_ok(secret)) {
        fb__sb_call_bad(c, "secret token contains unallowed characters");
        return;
    }
    if (set_allowed(c) != 0)
        return;
    drop_pending(c);
    clear_webhook(c->b);
    if (url[0]) {
        int64_t maxc = 40;
        fb__sb_param_i64(c->p, "max_connections", &maxc);
        c->b->webhook_url = strdup(url);
        c->b->webhook_secret = secret ? strdup(secret) : NULL;
        c->b->webhook_max_conn = maxc < 1 || maxc > 100 ? 40 : (int)maxc;
        if (!c->b->webhook_url || (secret && !c->b->webhook_secret)) {
            clear_webhook(c->b);
            fb__sb_out_err(c->out, 500, "Internal Server Error", 0);
            return;
        }
    }
    fb__sb_changed(c->st);
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static void m_delete_webhook(sb_call *c)
{
    drop_pending(c);
    clear_webhook(c->b);
    fb__sb_changed(c->st);
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static void m_get_webhook_info(sb_call *c)
{
    sb_bot *b = c->b;
    cJSON *o = cJSON_CreateObject();
    if (o) {
        cJSON_AddStringToObject(o, "url", b->webhook_url ? b->webhook_url : "");
        cJSON_AddFalseToObject(o, "has_custom_certificate");
        cJSON_AddNumberToObject(o, "pending_update_count", (double)b->nupdates);
        if (b->webhook_url)
            cJSON_AddNumberToObject(o, "max_connections", b->webhook_max_conn);
        if (b->webhook_last_error_date) {
            cJSON_AddNumberToObject(o, "last_error_date",
                                    (double)b->webhook_last_error_date);
            cJSON_AddStringToObject(
                o, "last_error_message",
                b->webhook_last_error ? b->webhook_last_error : "");
        }
        if (b->allowed_updates)
            cJSON_AddItemToObject(o, "allowed_updates",
                                  cJSON_Duplicate(b->allowed_updates, 1));
    }
    fb__sb_out_ok(c->out, o);
}

/* ---- commands ---- */
static int scope_key(sb_call *c, char *key, size_t len)
{
    cJSON *scope = NULL;
    int rc = fb__sb_param_json(c->p, "scope", &scope);
    if (rc == SB_P_MISSING) {
        snprintf(key, len, "default");
        return 0;
    }
    const cJSON *type =
        rc == SB_P_OK ? cJSON_GetObjectItemCaseSensitive(scope, "type") : NULL;
    if (!type || !cJSON_IsString(type)) {
        fb__sb_call_bad(c, "can't parse BotCommandScope JSON object");
        return -1;
    }
    const char *t = type->valuestring;
    int64_t chat = 0, user = 0;
    int need_chat = !strcmp(t, "chat") || !strcmp(t, "chat_administrators") ||
                    !strcmp(t, "chat_member");
    int need_user = !strcmp(t, "chat_member");
    int plain = !strcmp(t, "default") || !strcmp(t, "all_private_chats") ||
                !strcmp(t, "all_group_chats") ||
                !strcmp(t, "all_chat_administrators");
    if (!need_chat && !plain) {
        fb__sb_call_bad(c, "wrong BotCommandScope type specified");
        return -1;
    }
    if ((need_chat &&
         fb__sb_json_i64(cJSON_GetObjectItemCaseSensitive(scope, "chat_id"),
                         &chat) != 0) ||
        (need_user &&
         fb__sb_json_i64(cJSON_GetObjectItemCaseSensitive(scope, "user_id"),
                         &user) != 0)) {
        fb__sb_call_bad(c, "chat not found");
        return -1;
    }
    if (need_user)
        snprintf(key, len, "%s:%" PRId64 ":%" PRId64, t, chat, user);
    else if (need_chat)
        snprintf(key, len, "%s:%" PRId64, t, chat);
    else
        snprintf(key, len, "%s", t);
    return 0;
}

static sb_cmdset *find_cmdset(sb_state *st, int bot, const char *key,
                              const char *lang)
{
    for (size_t i = 0; i < st->ncmds; i++) {
        sb_cmdset *s = &st->cmds[i];
        if (s->bot == bot && strcmp(s->scope_key, key) == 0 &&
            strcmp(s->lang, lang) == 0)
            return s;
    }
    return NULL;
}

static int check_commands(sb_call *c, const cJSON *cmds)
{
    if (!cJSON_IsArray(cmds) || cJSON_GetArraySize(cmds) > 100) {
        fb__sb_call_bad(c, "can't parse commands JSON object");
        return -1;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, cmds)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "command");
        const cJSON *desc = cJSON_GetObjectItemCaseSensitive(it, "description");
        size_t n = cJSON_IsString(name) ? strlen(name->valuestring) : 0;
        int ok = n >= 1 && n <= 32;
        for (size_t i = 0; ok && i < n; i++) {
            char ch = name->valuestring[i];
            ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                 ch == '_';
        }
        if (!ok) {
            fb__sb_call_bad(c, "BOT_COMMAND_INVALID");
            return -1;
        }
        size_t dn =
            cJSON_IsString(desc) && fb__sb_utf8_valid(desc->valuestring,
                                                      strlen(desc->valuestring))
                ? fb__sb_utf8_chars(desc->valuestring)
                : 0;
        if (dn < 1 || dn > 256) {
            fb__sb_call_bad(c, "command description must be 1-256 characters");
            return -1;
        }
    }
    return 0;
}

static const char *param_lang(sb_call *c)
{
    const char *lang = "";
    fb__sb_param_str(c->p, "language_code", &lang);
    return lang;
}

static void m_set_my_commands(sb_call *c)
{
    char key[96];
    cJSON *cmds = NULL;
    if (fb__sb_param_json(c->p, "commands", &cmds) != SB_P_OK) {
        fb__sb_call_bad(c, "can't parse commands JSON object");
        return;
    }
    if (check_commands(c, cmds) != 0 || scope_key(c, key, sizeof(key)) != 0)
        return;
    const char *lang = param_lang(c);
    sb_cmdset *s = find_cmdset(c->st, c->bot, key, lang);
    cJSON *copy = cJSON_Duplicate(cmds, 1);
    if (!copy) {
        fb__sb_out_err(c->out, 500, "Internal Server Error", 0);
        return;
    }
    if (!s) {
        if (fb__sb_grow((void **)&c->st->cmds, &c->st->capcmds,
                        c->st->ncmds + 1, sizeof(sb_cmdset)) != 0) {
            cJSON_Delete(copy);
            fb__sb_out_err(c->out, 500, "Internal Server Error", 0);
            return;
        }
        s = &c->st->cmds[c->st->ncmds++];
        s->bot = c->bot;
        s->scope_key = strdup(key);
        s->lang = strdup(lang);
        s->commands = NULL;
    }
    cJSON_Delete(s->commands);
    s->commands = copy;
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static void m_get_my_commands(sb_call *c)
{
    char key[96];
    if (scope_key(c, key, sizeof(key)) != 0)
        return;
    sb_cmdset *s = find_cmdset(c->st, c->bot, key, param_lang(c));
    fb__sb_out_ok(c->out, s && s->commands ? cJSON_Duplicate(s->commands, 1)
                                           : cJSON_CreateArray());
}

static void m_delete_my_commands(sb_call *c)
{
    char key[96];
    if (scope_key(c, key, sizeof(key)) != 0)
        return;
    sb_cmdset *s = find_cmdset(c->st, c->bot, key, param_lang(c));
    if (s) {
        cJSON_Delete(s->commands);
        s->commands = cJSON_CreateArray();
    }
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

/* ---- small ones ---- */
static void m_true_for_chat(sb_call *c)
{
    if (fb__sb_call_chat(c))
        fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

static void m_get_chat(sb_call *c)
{
    sb_chat *chat = fb__sb_call_chat(c);
    if (chat)
        fb__sb_out_ok(c->out, fb__sb_chat_json(c->st, chat));
}

static void m_true(sb_call *c)
{
    fb__sb_out_ok(c->out, cJSON_CreateTrue());
}

/* ---- dispatch ---- */
typedef void (*sb_method_fn)(sb_call *c);

static const struct {
    const char *name;
    sb_method_fn fn;
} methods[] = {
    {"getMe", m_get_me},
    {"getUpdates", m_get_updates},
    {"setWebhook", m_set_webhook},
    {"deleteWebhook", m_delete_webhook},
    {"getWebhookInfo", m_get_webhook_info},
    {"sendMessage", fb__sb_m_send_message},
    {"sendPhoto", fb__sb_m_send_photo},
    {"sendDocument", fb__sb_m_send_document},
    {"editMessageText", fb__sb_m_edit_text},
    {"editMessageCaption", fb__sb_m_edit_caption},
    {"editMessageReplyMarkup", fb__sb_m_edit_markup},
    {"deleteMessage", fb__sb_m_delete_message},
    {"answerCallbackQuery", fb__sb_m_answer_callback},
    {"getFile", fb__sb_m_get_file},
    {"setMyCommands", m_set_my_commands},
    {"getMyCommands", m_get_my_commands},
    {"deleteMyCommands", m_delete_my_commands},
    {"sendChatAction", m_true_for_chat},
    {"getChat", m_get_chat},
    {"logOut", m_true},
    {"close", m_true},
};

static sb_method_fn find_method(const char *name)
{
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
        if (strcasecmp(methods[i].name, name) == 0)
            return methods[i].fn;
    return NULL;
}

/* Applies an injected fault. Returns 1 when the call must not run. */
static int apply_fault(const char *method, sb_params *p, sb_out *out, int bot)
{
    int64_t chat_id = 0;
    int has_chat = fb__sb_param_i64(p, "chat_id", &chat_id) == SB_P_OK;
    sb_fault_action act;
    if (!fb__sb_faults_take(method, has_chat, chat_id, &act))
        return 0;
    if (act.delay_ms > 0)
        fb__sb_sleep_ms(act.delay_ms);
    sb_state *st = fb__sb_state();
    fb__sb_lock();
    sb_counters *cnt = &st->bots[bot].c;
    cnt->faults_injected++;
    cnt->responses_429 += act.status == 429;
    cnt->responses_5xx_injected += act.status >= 500;
    fb__sb_unlock();
    if (act.drop) {
        out->drop = 1;
        return 1;
    }
    if (act.body[0]) {
        out->status = 200;
        out->body = strdup(act.body);
        return 1;
    }
    if (act.status == 0)
        return 0;
    char desc[256];
    const char *fmt = act.description[0]
                          ? act.description
                          : fb__sb_faults_default_text(act.status);
    int retry =
        act.status == 429 ? (act.retry_after > 0 ? act.retry_after : 1) : 0;
    if (act.status == 429 && !act.description[0])
        snprintf(desc, sizeof(desc), "Too Many Requests: retry after %d",
                 retry);
    else
        snprintf(desc, sizeof(desc), "%s", fmt);
    fb__sb_out_err(out, act.status, desc, retry);
    return 1;
}

static void count_reply(sb_bot *b, const sb_out *out)
{
    if (out->status == 429)
        b->c.responses_429++;
    if (out->status == 403)
        b->c.blocked_403++;
    if (out->status >= 400 && out->status < 500)
        b->c.responses_4xx++;
}

void fb__sb_bot_call(const char *token, const char *method, sb_params *p,
                     sb_out *out)
{
    sb_state *st = fb__sb_state();
    fb__sb_lock();
    int bot = fb__sb_bot_by_token(st, token);
    if (bot >= 0)
        st->bots[bot].c.requests++;
    fb__sb_unlock();
    if (bot < 0) {
        fb__sb_out_err(out, 401, "Unauthorized", 0);
        return;
    }
    sb_method_fn fn = find_method(method);
    if (!fn) {
        fb__sb_out_err(out, 404, "Not Found", 0);
        return;
    }
    if (apply_fault(method, p, out, bot))
        return;
    fb__sb_lock();
    sb_call c = {st, bot, &st->bots[bot], p, out};
    fn(&c);
    count_reply(c.b, out);
    fb__sb_unlock();
}

void fb__sb_bot_file(const char *token, const char *path, sb_out *out)
{
    sb_state *st = fb__sb_state();
    fb__sb_lock();
    const char *slash = strrchr(path, '/');
    sb_file *f = fb__sb_bot_by_token(st, token) < 0
                     ? NULL
                     : fb__sb_file_find(st, slash ? slash + 1 : path);
    if (!f) {
        fb__sb_unlock();
        fb__sb_out_err(out, 404, "Not Found", 0);
        return;
    }
    out->body = malloc(f->len ? f->len : 1);
    if (out->body) {
        memcpy(out->body, f->data, f->len);
        out->body_len = f->len;
        out->status = 200;
        out->content_type = "application/octet-stream";
    }
    fb__sb_unlock();
    if (!out->body)
        fb__sb_out_err(out, 500, "Internal Server Error", 0);
}
