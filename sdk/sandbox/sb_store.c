#include "sb_store.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_clock.h"
#include "sb_limits.h"
#include "sb_params.h"

static sb_state g_state = {.lock = PTHREAD_MUTEX_INITIALIZER};

sb_state *fb__sb_state(void)
{
    return &g_state;
}

void fb__sb_lock(void)
{
    pthread_mutex_lock(&g_state.lock);
}

void fb__sb_unlock(void)
{
    pthread_mutex_unlock(&g_state.lock);
}

void fb__sb_changed(sb_state *st)
{
    st->version++;
    pthread_cond_broadcast(&st->changed);
}

int fb__sb_wait(sb_state *st, const struct timespec *deadline)
{
    int rc = pthread_cond_timedwait(&st->changed, &st->lock, deadline);
    return rc == ETIMEDOUT ? 1 : 0;
}

void fb__sb_sleep_ms(double ms)
{
    struct timespec deadline;
    fb__sb_clock_deadline(&deadline, ms / 1000.0);
    fb__sb_lock();
    while (!g_state.stopping && fb__sb_wait(&g_state, &deadline) == 0) {
    }
    fb__sb_unlock();
}

int fb__sb_stopping(void)
{
    return __atomic_load_n(&g_state.stopping, __ATOMIC_ACQUIRE);
}

int fb__sb_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, ncap * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

static int64_t token_bot_id(const char *token)
{
    char *end = NULL;
    long long v = strtoll(token, &end, 10);
    if (end != token && *end == ':' && v > 0)
        return (int64_t)v;
    uint32_t h = 2166136261u;
    for (const char *p = token; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return (int64_t)(h & 0x3fffffff) + 1000;
}

static int bot_init(sb_bot *b, const char *token)
{
    memset(b, 0, sizeof(*b));
    b->token = strdup(token);
    if (!b->token)
        return -1;
    b->id = token_bot_id(token);
    snprintf(b->username, sizeof(b->username), "sandbox%" PRId64 "_bot", b->id);
    b->next_update_id = 100000001;
    b->next_message_id = 1;
    b->stars_x10 = SB_STARS_X10;
    return 0;
}

int fb__sb_store_init(const char *const *tokens, size_t ntokens,
                      int limits_enabled)
{
    sb_state *st = &g_state;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_cond_init(&st->changed, &attr);
    pthread_condattr_destroy(&attr);
    st->limits.enabled = limits_enabled;
    st->limits.global_per_s = 30;
    st->limits.chat_burst = 3;
    st->limits.chat_per_s = 1;
    st->limits.group_per_min = 20;
    st->limits.paid_per_s = 1000;
    st->limits_at_start = st->limits;
    st->bots = calloc(ntokens ? ntokens : 1, sizeof(sb_bot));
    if (!st->bots)
        return -1;
    for (size_t i = 0; i < ntokens; i++) {
        if (!tokens[i][0] || strchr(tokens[i], '/') ||
            bot_init(&st->bots[i], tokens[i]) != 0)
            return -1;
        st->nbots = i + 1;
    }
    return 0;
}

static void free_msg(sb_msg *m)
{
    cJSON_Delete(m->json);
    cJSON_Delete(m->edits);
    cJSON_Delete(m->original);
    free(m->html);
    cJSON_Delete(m->reply_kb);
    free(m);
}

static void free_bot_data(sb_bot *b)
{
    for (size_t i = 0; i < b->nupdates; i++)
        cJSON_Delete(b->updates[i].json);
    free(b->updates);
    b->updates = NULL;
    b->nupdates = b->capupdates = 0;
    cJSON_Delete(b->allowed_updates);
    b->allowed_updates = NULL;
    free(b->webhook_url);
    free(b->webhook_secret);
    free(b->webhook_last_error);
    b->webhook_url = b->webhook_secret = b->webhook_last_error = NULL;
    b->webhook_last_error_date = 0;
    b->webhook_next_try_ms = 0;
    b->webhook_fail_streak = 0;
    fb__sb_webhook_pool_clear(b);
    fb__sb_limits_forget(b);
    free(b->rates);
    b->rates = NULL;
    b->caprates = 0;
    free(b->global.t);
    memset(&b->global, 0, sizeof(b->global));
    free(b->paid.t);
    memset(&b->paid, 0, sizeof(b->paid));
    b->stars_x10 = SB_STARS_X10;
    memset(&b->c, 0, sizeof(b->c));
}

static void free_world(sb_state *st)
{
    for (size_t i = 0; i < st->nusers; i++) {
        free(st->users[i].first_name);
        free(st->users[i].last_name);
        free(st->users[i].username);
        free(st->users[i].language_code);
        free(st->users[i].phone_number);
    }
    for (size_t i = 0; i < st->nchats; i++)
        free(st->chats[i].title);
    for (size_t i = 0; i < st->nmsgs; i++)
        free_msg(st->msgs[i]);
    for (size_t i = 0; i < st->ncbs; i++)
        free(st->cbs[i].text);
    for (size_t i = 0; i < st->nfiles; i++) {
        free(st->files[i].file_name);
        free(st->files[i].mime_type);
        free(st->files[i].data);
    }
    for (size_t i = 0; i < st->ncmds; i++) {
        free(st->cmds[i].scope_key);
        free(st->cmds[i].lang);
        cJSON_Delete(st->cmds[i].commands);
    }
    st->nusers = st->nchats = st->nmsgs = st->ncbs = st->nfiles = st->ncmds = 0;
}

void fb__sb_store_reset(sb_state *st)
{
    free_world(st);
    st->limits = st->limits_at_start;
    for (size_t i = 0; i < st->nbots; i++) {
        free_bot_data(&st->bots[i]);
        st->bots[i].next_message_id = 1;
    }
    fb__sb_changed(st);
}

void fb__sb_store_free(void)
{
    sb_state *st = &g_state;
    free_world(st);
    for (size_t i = 0; i < st->nbots; i++) {
        free_bot_data(&st->bots[i]);
        free(st->bots[i].token);
    }
    free(st->bots);
    free(st->users);
    free(st->chats);
    free(st->msgs);
    free(st->cbs);
    free(st->files);
    free(st->cmds);
    pthread_cond_destroy(&st->changed);
    st->bots = NULL;
    st->users = NULL;
    st->chats = NULL;
    st->msgs = NULL;
    st->cbs = NULL;
    st->files = NULL;
    st->cmds = NULL;
    st->nbots = st->capusers = st->capchats = st->capmsgs = st->capcbs =
        st->capfiles = st->capcmds = 0;
}

int fb__sb_bot_by_token(sb_state *st, const char *token)
{
    for (size_t i = 0; i < st->nbots; i++)
        if (strcmp(st->bots[i].token, token) == 0)
            return (int)i;
    return -1;
}

sb_user *fb__sb_user(sb_state *st, int64_t id)
{
    for (size_t i = 0; i < st->nusers; i++)
        if (st->users[i].id == id)
            return &st->users[i];
    return NULL;
}

sb_chat *fb__sb_chat(sb_state *st, int64_t id)
{
    for (size_t i = st->nchats; i-- > 0;)
        if (st->chats[i].id == id)
            return &st->chats[i];
    return NULL;
}

static int set_str(char **dst, const char *src)
{
    if (!src)
        return 0;
    char *c = strdup(src);
    if (!c)
        return -1;
    free(*dst);
    *dst = c;
    return 0;
}

sb_user *fb__sb_user_put(sb_state *st, int64_t id, const char *first,
                         const char *last, const char *username,
                         const char *lang)
{
    sb_user *u = fb__sb_user(st, id);
    if (!u) {
        if (fb__sb_grow((void **)&st->users, &st->capusers, st->nusers + 1,
                        sizeof(sb_user)) != 0)
            return NULL;
        u = &st->users[st->nusers++];
        memset(u, 0, sizeof(*u));
        u->id = id;
    }
    if (set_str(&u->first_name,
                first ? first : (u->first_name ? NULL : "User")) != 0 ||
        set_str(&u->last_name, last) != 0 ||
        set_str(&u->username, username) != 0 ||
        set_str(&u->language_code, lang) != 0)
        return NULL;
    if (!fb__sb_chat_put(st, id, "private", NULL))
        return NULL;
    return u;
}

int fb__sb_user_set_phone(sb_user *u, const char *phone)
{
    return set_str(&u->phone_number, phone);
}

sb_chat *fb__sb_chat_put(sb_state *st, int64_t id, const char *type,
                         const char *title)
{
    sb_chat *c = fb__sb_chat(st, id);
    if (!c) {
        if (fb__sb_grow((void **)&st->chats, &st->capchats, st->nchats + 1,
                        sizeof(sb_chat)) != 0)
            return NULL;
        c = &st->chats[st->nchats++];
        memset(c, 0, sizeof(*c));
        c->id = id;
    }
    snprintf(c->type, sizeof(c->type), "%s", type);
    if (set_str(&c->title, title) != 0)
        return NULL;
    return c;
}

static void add_opt_str(cJSON *o, const char *name, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, name, v);
}

cJSON *fb__sb_user_json(const sb_user *u)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !fb__sb_add_i64(o, "id", u->id)) {
        cJSON_Delete(o);
        return NULL;
    }
    cJSON_AddFalseToObject(o, "is_bot");
    cJSON_AddStringToObject(o, "first_name",
                            u->first_name ? u->first_name : "");
    add_opt_str(o, "last_name", u->last_name);
    add_opt_str(o, "username", u->username);
    add_opt_str(o, "language_code", u->language_code);
    return o;
}

cJSON *fb__sb_bot_user_json(const sb_bot *b)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !fb__sb_add_i64(o, "id", b->id)) {
        cJSON_Delete(o);
        return NULL;
    }
    cJSON_AddTrueToObject(o, "is_bot");
    cJSON_AddStringToObject(o, "first_name", "Sandbox Bot");
    cJSON_AddStringToObject(o, "username", b->username);
    return o;
}

cJSON *fb__sb_chat_json(sb_state *st, const sb_chat *c)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !fb__sb_add_i64(o, "id", c->id)) {
        cJSON_Delete(o);
        return NULL;
    }
    cJSON_AddStringToObject(o, "type", c->type);
    if (strcmp(c->type, "private") == 0) {
        const sb_user *u = fb__sb_user(st, c->id);
        if (u) {
            cJSON_AddStringToObject(o, "first_name",
                                    u->first_name ? u->first_name : "");
            add_opt_str(o, "last_name", u->last_name);
            add_opt_str(o, "username", u->username);
        }
    } else {
        cJSON_AddStringToObject(o, "title", c->title ? c->title : "");
    }
    return o;
}

sb_msg *fb__sb_msg_add(sb_state *st, int bot, int64_t chat_id,
                       int64_t message_id, int from_bot, int64_t user_id,
                       cJSON *json)
{
    sb_msg *m = calloc(1, sizeof(*m));
    if (!m || fb__sb_grow((void **)&st->msgs, &st->capmsgs, st->nmsgs + 1,
                          sizeof(sb_msg *)) != 0) {
        free(m);
        cJSON_Delete(json);
        return NULL;
    }
    m->bot = bot;
    m->chat_id = chat_id;
    m->message_id = message_id;
    m->from_bot = from_bot;
    m->user_id = user_id;
    m->json = json;
    m->created_ms = fb__sb_clock_real_ms();
    st->msgs[st->nmsgs++] = m;
    return m;
}

sb_msg *fb__sb_msg_find(sb_state *st, int bot, int64_t chat_id,
                        int64_t message_id)
{
    for (size_t i = st->nmsgs; i-- > 0;) {
        sb_msg *m = st->msgs[i];
        if (m->bot == bot && m->chat_id == chat_id &&
            m->message_id == message_id)
            return m->deleted ? NULL : m;
    }
    return NULL;
}

int64_t fb__sb_update_push(sb_state *st, int bot, const char *type,
                           cJSON *payload)
{
    sb_bot *b = &st->bots[bot];
    cJSON *u = cJSON_CreateObject();
    if (!u ||
        fb__sb_grow((void **)&b->updates, &b->capupdates, b->nupdates + 1,
                    sizeof(sb_update)) != 0 ||
        !fb__sb_add_i64(u, "update_id", b->next_update_id)) {
        cJSON_Delete(u);
        cJSON_Delete(payload);
        return -1;
    }
    cJSON_AddItemToObject(u, type, payload);
    sb_update *up = &b->updates[b->nupdates++];
    up->update_id = b->next_update_id++;
    up->cb = 0; /* a press: ctl_press sets it */
    snprintf(up->type, sizeof(up->type), "%s", type);
    up->json = u;
    b->c.updates_queued++;
    fb__sb_changed(st);
    return up->update_id;
}

void fb__sb_update_ack(sb_bot *b, int64_t offset)
{
    size_t n = 0;
    while (n < b->nupdates && b->updates[n].update_id < offset) {
        cJSON_Delete(b->updates[n].json);
        n++;
    }
    if (n == 0)
        return;
    memmove(b->updates, b->updates + n, (b->nupdates - n) * sizeof(sb_update));
    b->nupdates -= n;
}

sb_file *fb__sb_file_add(sb_state *st, const char *kind, const char *name,
                         const char *mime, unsigned char *data, size_t len)
{
    if (fb__sb_grow((void **)&st->files, &st->capfiles, st->nfiles + 1,
                    sizeof(sb_file)) != 0) {
        free(data);
        return NULL;
    }
    sb_file *f = &st->files[st->nfiles];
    memset(f, 0, sizeof(*f));
    st->file_seq++;
    snprintf(f->file_id, sizeof(f->file_id), "SBF%s%06" PRIu64 "x%08x",
             kind[0] == 'p' ? "P" : "D", st->file_seq,
             (unsigned)(st->file_seq * 2654435761u));
    snprintf(f->unique_id, sizeof(f->unique_id), "SBU%06" PRIu64, st->file_seq);
    snprintf(f->kind, sizeof(f->kind), "%s", kind);
    f->file_name = name ? strdup(name) : NULL;
    f->mime_type = mime ? strdup(mime) : NULL;
    f->data = data;
    f->len = len;
    if ((name && !f->file_name) || (mime && !f->mime_type)) {
        free(f->file_name);
        free(f->mime_type);
        free(data);
        return NULL;
    }
    st->nfiles++;
    return f;
}

sb_file *fb__sb_file_find(sb_state *st, const char *file_id)
{
    for (size_t i = 0; i < st->nfiles; i++)
        if (strcmp(st->files[i].file_id, file_id) == 0)
            return &st->files[i];
    return NULL;
}

sb_callback *fb__sb_callback_add(sb_state *st, int bot, int64_t chat_id,
                                 int64_t message_id, int64_t user_id)
{
    if (fb__sb_grow((void **)&st->cbs, &st->capcbs, st->ncbs + 1,
                    sizeof(sb_callback)) != 0)
        return NULL;
    sb_callback *cb = &st->cbs[st->ncbs++];
    memset(cb, 0, sizeof(*cb));
    st->cb_seq++;
    snprintf(cb->id, sizeof(cb->id), "%" PRIu64 "%06" PRIu64,
             (uint64_t)(st->bots[bot].id % 100000), st->cb_seq);
    cb->bot = bot;
    cb->chat_id = chat_id;
    cb->message_id = message_id;
    cb->user_id = user_id;
    cb->created_s = fb__sb_clock_now();
    cb->created_ms = fb__sb_clock_real_ms();
    st->bots[bot].c.callbacks_total++;
    return cb;
}

sb_callback *fb__sb_callback_find(sb_state *st, const char *id)
{
    for (size_t i = 0; i < st->ncbs; i++)
        if (strcmp(st->cbs[i].id, id) == 0)
            return &st->cbs[i];
    return NULL;
}

/* See sb_store.h. */
void fb__sb_webhook_pool_clear(sb_bot *b)
{
    for (size_t i = 0; i < b->webhook_npool; i++)
        free(b->webhook_pool[i]);
    b->webhook_npool = b->webhook_rr = 0;
}
