/* The sandbox's world: bots, users, chats, messages, pending updates,
 * callback queries, files, command lists and counters.
 *
 * One mutex guards it all (fb__sb_lock); every function below that takes an
 * sb_state expects the caller to hold it, unless it says otherwise. Every
 * change that someone may be waiting for (a new update, a bot message, an
 * edit) calls fb__sb_changed(), which wakes long polls and transcript
 * waiters. Pointers into the store stay valid only while the lock is held. */
#ifndef FB_SB_STORE_H
#define FB_SB_STORE_H

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sb_user {
    int64_t id;
    char *first_name, *last_name, *username, *language_code;
    char *phone_number; /* what a request_contact button shares; NULL */
} sb_user;

typedef struct sb_chat {
    int64_t id;
    char type[16]; /* private, group, supergroup, channel */
    char *title;
    int blocked; /* the user blocked the bot: sends get 403 */
} sb_chat;

typedef struct sb_msg {
    int bot;
    int64_t chat_id;
    int64_t message_id;
    int from_bot;
    int64_t user_id;
    cJSON *json; /* the Message object as the Bot API shows it */
    cJSON *
        edits; /* array of {text|caption, reply_markup, date} after each edit */
    cJSON *original; /* the same as first sent, once the message was edited */
    char *
        html; /* the text/caption as the bot sent it, when parse_mode was set */
    cJSON *reply_kb; /* a non-inline reply_markup as sent (keyboard,
                        remove_keyboard, force_reply): not in the Message */
    int deleted;
    double created_ms; /* real (monotonic) clock: latency measurements */
} sb_msg;

typedef struct sb_update {
    int64_t update_id;
    char type[24]; /* "message", "callback_query", ... */
    cJSON *json;
    size_t cb; /* a press: 1 + its index in sb_state.cbs; 0: none */
} sb_update;

#define CALLBACK_DEADLINE_S 15.0 /* Telegram's window to answer a press */
/* A press handed over with less than this of its window left cannot be
 * answered in time: an answer's trip back on a real network. */
#define CALLBACK_HANDOVER_MARGIN_S 1.0

typedef struct sb_callback {
    char id[32];
    int bot;
    int64_t chat_id, message_id, user_id;
    double created_s;  /* sandbox clock */
    double created_ms; /* real clock */
    int answers;
    int late; /* its first answer came after its window (refused) */
    char *text;
    int show_alert;
    double latency_ms;
    double delivered_s; /* sandbox clock: first handed to the bot; 0 never */
    int behind_limit;   /* a getUpdates inside its 15 s window stopped at
                           its limit before reaching it */
} sb_callback;

typedef struct sb_file {
    char file_id[48];
    char unique_id[24];
    char kind[16]; /* photo, document */
    char *file_name, *mime_type;
    unsigned char *data;
    size_t len;
} sb_file;

typedef struct sb_cmdset {
    int bot;
    char *scope_key; /* canonical scope, e.g. "default", "chat:42" */
    char *lang;
    cJSON *commands;
} sb_cmdset;

typedef struct sb_counters {
    uint64_t updates_queued, updates_delivered, requests, messages_sent, edits,
        deletes;
    uint64_t responses_429, responses_5xx_injected, responses_4xx;
    uint64_t callbacks_total, callbacks_answered, callbacks_late,
        callbacks_twice;
    double callback_latency_ms_max, callback_latency_ms_sum;
    uint64_t limit_violations, limit_global, limit_chat, limit_group;
    uint64_t webhook_posts, webhook_failures, conflicts_409, faults_injected,
        blocked_403;
    uint64_t paid_messages;   /* sent with allow_paid_broadcast */
    uint64_t stars_spent_x10; /* Stars they cost, times 10 (0.1 each) */
    uint64_t no_stars_400;    /* paid sends refused: balance too low */
} sb_counters;

/* Event times of a sliding window, ascending (sb_limits). */
typedef struct sb_times {
    double *t;
    size_t n, cap;
} sb_times;

typedef struct sb_rate {
    int64_t chat_id;
    double tokens, last; /* per chat: burst, then 1/s */
    sb_times group;      /* groups: times of the last 60 s (20 per minute) */
} sb_rate;

typedef struct sb_bot {
    char *token;
    int64_t id;
    char username[64];
    int64_t next_update_id, next_message_id;
    sb_update *updates; /* pending (unacknowledged), oldest first */
    size_t nupdates, capupdates;
    uint64_t poll_gen; /* bumped by each getUpdates: older polls end with 409 */
    int polling;
    cJSON *allowed_updates; /* NULL: all but chat_member & co */
    char *webhook_url, *webhook_secret;
#define SB_WEBHOOK_POOL_MAX 8
    int webhook_max_conn;
    int64_t webhook_last_error_date;
    char *webhook_last_error;
    double webhook_next_try_ms; /* real clock; retry backoff */
    int webhook_fail_streak;
    /* a balancer in front of the webhook (control API webhook_balance):
     * each update is POSTed to the next of these in turn instead of
     * webhook_url; one that cannot be reached is passed over at once */
    char *webhook_pool[SB_WEBHOOK_POOL_MAX];
    size_t webhook_npool, webhook_rr;
    sb_times global;   /* times of the last second (30 per second) */
    sb_times paid;     /* paid broadcasts' times of the last second (1000) */
    int64_t stars_x10; /* the bot's Star balance times 10 (SB_STARS_X10) */
    sb_rate *rates;
    size_t nrates, caprates;
    sb_counters c;
} sb_bot;

/* A bot's Star balance at start and after a reset: enough for any test
 * (10^11 Stars). */
#define SB_STARS_X10 1000000000000LL

typedef struct sb_limit_cfg {
    int enabled;
    double global_per_s, chat_burst, chat_per_s, group_per_min;
    double paid_per_s; /* allow_paid_broadcast messages: their own window
                          in place of global_per_s (1000) */
} sb_limit_cfg;

typedef struct sb_state {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    uint64_t version;
    int stopping;
    sb_limit_cfg limits, limits_at_start; /* reset restores limits_at_start */
    sb_bot *bots;
    size_t nbots;
    sb_user *users;
    size_t nusers, capusers;
    sb_chat *chats;
    size_t nchats, capchats;
    sb_msg **msgs;
    size_t nmsgs, capmsgs;
    sb_callback *cbs;
    size_t ncbs, capcbs;
    sb_file *files;
    size_t nfiles, capfiles;
    sb_cmdset *cmds;
    size_t ncmds, capcmds;
    uint64_t file_seq, cb_seq;
} sb_state;

/* Returns the process-wide state (created by fb__sb_store_init). */
sb_state *fb__sb_state(void);

/* Creates the state with the given bot tokens. Returns 0, or -1 (bad token
 * text or out of memory). Not locked: call before serving. */
int fb__sb_store_init(const char *const *tokens, size_t ntokens,
                      int limits_enabled);

/* Frees the whole state. Not locked: call after serving stopped. */
void fb__sb_store_free(void);

/* Forgets users, chats, messages, updates, callbacks, files, commands,
 * webhooks and counters; bots stay. */
void fb__sb_store_reset(sb_state *st);

void fb__sb_lock(void);
void fb__sb_unlock(void);

/* Forget the balancer's URLs (webhook_pool). */
void fb__sb_webhook_pool_clear(sb_bot *b);

/* Wakes every waiter (long polls, transcript waits, webhook sender). */
void fb__sb_changed(sb_state *st);

/* Waits for a change until the real deadline. Returns 0 on a change, 1 on
 * timeout. */
int fb__sb_wait(sb_state *st, const struct timespec *deadline);

/* Sleeps ms real milliseconds, or less when the sandbox stops. Takes the
 * lock itself (call without it). */
void fb__sb_sleep_ms(double ms);

/* Returns 1 once the sandbox is stopping. Callable without the lock. */
int fb__sb_stopping(void);

/* Grows *arr (elements of size elem) to hold need elements. Returns 0/-1. */
int fb__sb_grow(void **arr, size_t *cap, size_t need, size_t elem);

/* Returns the bot index for token, or -1. */
int fb__sb_bot_by_token(sb_state *st, const char *token);

/* Returns the user or chat with that id, or NULL. */
sb_user *fb__sb_user(sb_state *st, int64_t id);
sb_chat *fb__sb_chat(sb_state *st, int64_t id);

/* Creates or updates a user (names copied) and its private chat. Returns
 * the user, or NULL when out of memory. */
sb_user *fb__sb_user_put(sb_state *st, int64_t id, const char *first,
                         const char *last, const char *username,
                         const char *lang);

/* Sets the phone number a user shares with a request_contact button.
 * Returns 0, or -1 when out of memory. */
int fb__sb_user_set_phone(sb_user *u, const char *phone);

/* Creates or updates a chat. Returns it, or NULL when out of memory. */
sb_chat *fb__sb_chat_put(sb_state *st, int64_t id, const char *type,
                         const char *title);

/* JSON builders; each returns a new object or NULL when out of memory. */
cJSON *fb__sb_user_json(const sb_user *u);
cJSON *fb__sb_bot_user_json(const sb_bot *b);
cJSON *fb__sb_chat_json(sb_state *st, const sb_chat *c);

/* Appends a message; takes ownership of json (the Message object). Returns
 * the stored message, or NULL (json freed) when out of memory. */
sb_msg *fb__sb_msg_add(sb_state *st, int bot, int64_t chat_id,
                       int64_t message_id, int from_bot, int64_t user_id,
                       cJSON *json);

/* Returns the (not deleted) message, or NULL. */
sb_msg *fb__sb_msg_find(sb_state *st, int bot, int64_t chat_id,
                        int64_t message_id);

/* Queues an update of the given type for bot; takes ownership of payload.
 * Returns the update_id, or -1 (payload freed) when out of memory. */
int64_t fb__sb_update_push(sb_state *st, int bot, const char *type,
                           cJSON *payload);

/* Drops a bot's pending updates with update_id < offset. */
void fb__sb_update_ack(sb_bot *b, int64_t offset);

/* Stores a file; takes ownership of data. Returns it, or NULL (data freed). */
sb_file *fb__sb_file_add(sb_state *st, const char *kind, const char *name,
                         const char *mime, unsigned char *data, size_t len);

/* Returns the file with that file_id, or NULL. */
sb_file *fb__sb_file_find(sb_state *st, const char *file_id);

/* Registers a new callback query. Returns it, or NULL. */
sb_callback *fb__sb_callback_add(sb_state *st, int bot, int64_t chat_id,
                                 int64_t message_id, int64_t user_id);

/* Returns the callback query with that id, or NULL. */
sb_callback *fb__sb_callback_find(sb_state *st, const char *id);

#endif
