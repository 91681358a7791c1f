/* host/outbox: replies leave here, after the handler's transaction commits.
 *
 * A handler fills an fb__outbatch; the host submits it after COMMIT (or
 * frees it after ROLLBACK, so nothing of a failed handler is ever sent).
 * Sender threads take the queued messages out in order per chat: two
 * messages of one chat never leave out of order, different chats go in
 * parallel. Limits (promise 11), as sliding windows (host/ratewin): at
 * most global_per_s messages in any 1 s; per chat a burst of
 * 1 + chat_burst, then chat_per_s; per group (chat id < 0) also at most
 * group_per_min in any 60 s.
 * 429 -> that chat waits retry_after (every chat when several chats hit 429
 * at once) and the message is retried, never lost; 5xx / network -> backoff
 * and retry up to max_attempts, then logged and dropped; 403 "blocked" /
 * "deactivated" -> the blocked callback, once: the message and every other
 * message queued for that chat are dropped (the others unsent, their rows
 * recorded "blocked"), and so is what is queued for it later, until
 * fb__outbox_unblock (or until the chat was idle 2 minutes and is
 * forgotten: the next message tries again); 400 "message is
 * not modified" -> ignored quietly; other 4xx -> logged and dropped. */
#ifndef FITBOT_HOST_OUTBOX_H
#define FITBOT_HOST_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <fitbot/plugin.h>

#include "telegram.h"

/* Telegram's sending limits: the defaults of fb__outbox_limits and of the
 * config's send_rate_* keys (one place for both). */
#define FB__SEND_RATE_GLOBAL 30 /* messages per second, every chat */
#define FB__SEND_RATE_CHAT 1    /* messages per second, one private chat */
#define FB__SEND_RATE_GROUP 20  /* messages per minute, one group */
#define FB__PAID_RATE_MAX 1000  /* paid broadcasts per second at most */
/* Items the outbox holds in memory before producers wait (the defaults of
 * the config's outbox_queue_max and outbox_bulk_max). */
#define FB__OUTBOX_QUEUE_MAX 10000 /* interactive: the poller waits */
#define FB__OUTBOX_BULK_MAX 20000  /* bulk: the bulk sender waits */

/* ---- batches (no locking: one handler fills one batch) ------------------ */
typedef struct fb__outbatch fb__outbatch;

typedef enum fb__out_kind {
    FB__OUT_SEND,
    FB__OUT_EDIT,
    FB__OUT_DELETE,
    FB__OUT_DOCUMENT,
    FB__OUT_PHOTO,
    FB__OUT_COMMANDS,
    FB__OUT_ANSWER /* answerCallbackQuery: name is the query id */
} fb__out_kind;

/* One item as the durable store (host/outstore) sees it. Strings and bytes
 * belong to the batch. */
typedef struct fb__outmsg {
    int64_t id; /* its fb_outbox row; 0: not stored */
    fb__out_kind kind;
    int64_t chat, msg_id;
    const char *text, *name;
    const void *bytes;
    size_t len;
    const cJSON *json; /* reply_markup, or the commands array */
    int alert;         /* answers: shown as an alert */
    int attempts;      /* requests made for it before (a replayed row) */
    int age_ms;        /* answers: how long ago it was queued (a replayed
                          row), for Telegram's 15 s window */
    int bulk;          /* a bulk send (never an answer) */
    const char *tag;   /* a bulk send's tag (fb_send_bulk), or NULL */
    int direct;        /* reserved (fb__outbox_reserve): the next request of
                          its chat, so stored with its attempt counted (no
                          attempt mark comes before its request) */
    int paid;          /* a bulk send asking a paid broadcast
                          (fb__outbatch_paid_last) */
} fb__outmsg;

/* fn(ud, item, &id) for each item of b in order; fn may set the item's row
 * id. Stops at the first non-zero return of fn and returns it, else 0. */
int fb__outbatch_each(fb__outbatch *b,
                      int (*fn)(void *ud, const fb__outmsg *m, int64_t *id),
                      void *ud);
/* Append a copy of m as it is (a row read back: no length checks).
 * Returns 0, or -1 on allocation failure. */
int fb__outbatch_add(fb__outbatch *b, const fb__outmsg *m);

/* Empty batch, or NULL on allocation failure. */
fb__outbatch *fb__outbatch_new(void);
/* Each adder copies its arguments and returns 0, or -1 (allocation failure,
 * bad argument, keyboard with error set). kb may be NULL. Texts longer than
 * 4096 characters are refused (-1). html is sent with parse_mode HTML. */
int fb__outbatch_send(fb__outbatch *b, int64_t chat, const char *html,
                      const fb_keyboard *kb);
int fb__outbatch_edit(fb__outbatch *b, int64_t chat, int64_t msg_id,
                      const char *html, const fb_keyboard *kb);
/* sendMessage with a reply_markup built by the caller (markup is taken:
 * the batch owns and frees it, also on failure; NULL: none). */
int fb__outbatch_send_markup(fb__outbatch *b, int64_t chat, const char *html,
                             cJSON *markup);
int fb__outbatch_delete(fb__outbatch *b, int64_t chat, int64_t msg_id);
int fb__outbatch_document(fb__outbatch *b, int64_t chat, const char *name,
                          const void *bytes, size_t len, const char *caption);
/* bytes NULL/len 0 (both): name is a Telegram file_id to resend. */
int fb__outbatch_photo(fb__outbatch *b, int64_t chat, const char *name,
                       const void *bytes, size_t len, const char *caption);
/* answerCallbackQuery for query id (text may be NULL), put at the head of
 * the batch: it leaves before the batch's messages, on a lane of its own
 * (never behind a chat's paced messages), and is retried until Telegram's
 * 15 s window closes. chat is the chat of the press (for the record). */
int fb__outbatch_answer(fb__outbatch *b, int64_t chat, const char *id,
                        const char *text, int alert);
/* The press watcher's answer (host/cbwatch) for a press first seen age_ms
 * ago: like fb__outbatch_answer, but never asked to the answer gate, and
 * its window counted from then. */
int fb__outbatch_answer_early(fb__outbatch *b, int64_t chat, const char *id,
                              const char *text, int age_ms);
/* setMyCommands with scope {type:"chat", chat_id}; commands is an array of
 * {command, description} (taken: the batch owns and frees it, also on
 * failure). */
int fb__outbatch_set_commands(fb__outbatch *b, int64_t chat, cJSON *commands);
/* Items added to b from now on are bulk sends (bulk 0: interactive again,
 * the default). A bulk item leaves only when no interactive item (a
 * handler's reply, a callback answer) could use the slot; order holds
 * within each class of one chat, an interactive item may overtake a bulk
 * one. Answers are never bulk. NULL-safe. */
void fb__outbatch_set_bulk(fb__outbatch *b, int bulk);
/* Tag the last item added to b (a bulk send's broadcast: stored with its
 * row, counted and cancelled by it). Returns 0, or -1 (no item, no tag,
 * allocation failure). */
int fb__outbatch_tag_last(fb__outbatch *b, const char *tag);
/* Mark the last item added to b (a bulk send) a paid broadcast: while the
 * outbox's paid_per_s is above 0 it is sent with allow_paid_broadcast and
 * charged to the paid window in place of the global one (0: sent free,
 * like any bulk item). Returns 0, or -1 (no item, not a bulk message). */
int fb__outbatch_paid_last(fb__outbatch *b);
/* Number of queued items. */
size_t fb__outbatch_count(const fb__outbatch *b);
/* Remove every item that has a row (id != 0: stored, or an answer stored
 * before): another host's sender delivers those (host/relay). NULL-safe. */
void fb__outbatch_drop_stored(fb__outbatch *b);
/* NULL-safe. */
void fb__outbatch_free(fb__outbatch *b);

/* inline_keyboard reply_markup for kb, or NULL (kb NULL/empty, error,
 * allocation failure). Caller owns the result. */
cJSON *fb__keyboard_json(const fb_keyboard *kb);
/* A one-time, resized reply keyboard of one request_contact button, or
 * NULL (empty or too long text, allocation failure). Caller owns it. */
cJSON *fb__contact_keyboard_json(const char *button_text);
/* {"remove_keyboard":true}, or NULL. Caller owns it. */
cJSON *fb__remove_keyboard_json(void);

/* ---- the outbox --------------------------------------------------------- */
typedef struct fb__outbox fb__outbox;

typedef struct fb__outbox_limits {
    int global_per_s;  /* in any 1 s window, default 30 */
    int global_burst;  /* unused (the sliding window has no burst beyond
                          global_per_s); kept for the struct's shape */
    int chat_per_s;    /* every chat, after its burst, default 1 */
    int chat_burst;    /* extra messages a chat may send at once before
                          the per-second rate applies, default 2 */
    int group_per_min; /* in any 60 s window, default 20 */
    int group_burst;   /* unused, like global_burst */
    int max_attempts;  /* per message for 5xx/network, default 8 (about a
                          minute of outage with the default backoff) */
    int backoff_ms;    /* first backoff, doubled up to 30 s, default 500 */
    int senders;       /* sender threads, default 4 */
    int queue_max;     /* interactive items queued before
                          fb__outbox_wait_room waits, default 10000 */
    int bulk_max;      /* bulk items likewise, default 20000 */
    int idle_forget_ms; /* a chat with nothing queued and no message for
                           this long is forgotten (its windows are empty
                           by then), checked every quarter of it whatever
                           the load; default 120000 */
    int paid_per_s;     /* paid broadcasts in any 1 s window (their own,
                           not global_per_s's), at most 1000; 0 (default):
                           off, paid items are sent free */
} fb__outbox_limits;

/* Defaults above. */
void fb__outbox_limits_default(fb__outbox_limits *l);

/* Start the sender threads. limits NULL: defaults; zero fields: defaults
 * (a negative burst means no burst).
 * tg is borrowed and must outlive the outbox. NULL on failure. */
fb__outbox *fb__outbox_new(fb__tg *tg, const fb__outbox_limits *limits);

/* Queue every item of b (takes ownership of b, also on failure). Items of
 * one chat leave in submission order. Returns 0, -1 if the outbox is shut
 * down (b freed, nothing queued). */
int fb__outbox_submit(fb__outbox *ob, fb__outbatch *b);

/* Reserved sends: a reply stored with its attempt already counted, which
 * spares the sender thread the attempt mark's round trip before the
 * request. fb__outbox_reserve, before the batch is stored: when b's first
 * item is an interactive message (not an answer: its lane, held through
 * a COMMIT that hangs, would hold back the press watcher's answer of the
 * same press) not stored yet, and its chat has nothing queued nor in
 * flight, is not blocked nor told to wait, and
 * a counted message fits every window now, the chat is held busy for it
 * (nothing else of the chat can leave before it), the item is flagged
 * (fb__outmsg.direct: its row is stored attempted) and 1 is returned;
 * else 0 and nothing changes. Then exactly one of: fb__outbox_submit of b
 * after COMMIT (the item goes to the head of its chat's queue, so it is
 * the next request there, and the chat is free for a sender); or
 * fb__outbox_unreserve after a ROLLBACK (the chat is free again, b
 * unchanged but for the flag). A kill between COMMIT and the request
 * leaves the row attempted: sent again at start and counted in doubt,
 * like a request cut short. */
int fb__outbox_reserve(fb__outbox *ob, fb__outbatch *b);
void fb__outbox_unreserve(fb__outbox *ob, fb__outbatch *b);

/* A reload's limits (fields as for fb__outbox_new; zero: the default):
 * global_per_s, chat_per_s, chat_burst, group_per_min, queue_max and
 * bulk_max apply from now on, to what is queued too; the rest (senders,
 * attempts, backoff, idle_forget_ms) stay as started. The windows keep
 * what they saw (host/ratewin: fb__window_copy, fb__pace_retune), so a
 * lower rate holds at once, counting the messages sent before the change,
 * and a higher one never lets more through than it allows. Returns 0, or
 * -1 when out of memory (a window that could not be renewed keeps its
 * old limit). */
int fb__outbox_set_limits(fb__outbox *ob, const fb__outbox_limits *limits);

/* cb(ud, chat_id) is called from a sender thread when a chat turns out to
 * be blocked / deactivated (403). Set it before submitting. */
void fb__outbox_set_blocked_cb(fb__outbox *ob,
                               void (*cb)(void *ud, int64_t chat_id), void *ud);

/* gate(ud, query_id) is asked once before an answer's first request
 * (from a sender thread, without the outbox's lock): 0 drops the answer,
 * recorded "expired" (its press was answered already: host/cbwatch). Set
 * it before submitting. NULL gate: every answer is sent. */
void fb__outbox_set_answer_gate(fb__outbox *ob,
                                int (*gate)(void *ud, const char *query_id),
                                void *ud);

/* The chat wrote to the bot again (an update came from it): messages to
 * it are sent again after a 403. NULL-safe. */
void fb__outbox_unblock(fb__outbox *ob, int64_t chat_id);

/* Charge one counted message to chat that left ago seconds before now
 * (>= 0): the global window, the chat's pace and a group's window. At
 * start the host replays what the previous process sent in the last
 * minute (fb__outstore_charge_recent), so a restart after kill -9 does not
 * send as if those had never happened: Telegram still counts them. */
void fb__outbox_charge_past(fb__outbox *ob, int64_t chat_id, double ago);

/* Back-pressure: wait until fewer than queue_max interactive items (bulk:
 * bulk_max bulk items) are queued, at most timeout_ms. Submitting never
 * waits nor drops: producers call this first (the poller before each
 * getUpdates, a bulk sender before each chunk). Returns 0 when there is
 * room, 1 on timeout, -1 when the outbox is stopping. */
int fb__outbox_wait_room(fb__outbox *ob, int bulk, int timeout_ms);

/* Bulk items that may be queued now before bulk_max is reached (>= 0;
 * FB__OUTBOX_BULK_MAX for a NULL outbox): a bulk producer queues at most
 * this many per transaction instead of waiting inside one. */
long long fb__outbox_bulk_room(fb__outbox *ob);

/* Paid broadcasts per second now (the limits' paid_per_s; 0: off, also
 * for a NULL outbox). */
int fb__outbox_paid_rate(fb__outbox *ob);
/* Interactive items likewise before queue_max (FB__OUTBOX_QUEUE_MAX for a
 * NULL outbox). */
long long fb__outbox_room(fb__outbox *ob);

/* Forget every queued item that has a row (id > 0), leaving its row
 * undelivered for another sender to claim (host/relay: this host lost
 * the sender's lock). Items in flight finish as usual. Returns how many
 * were forgotten. NULL-safe. */
size_t fb__outbox_forget_stored(fb__outbox *ob);

/* Wait until everything queued has been sent (or dropped), at most
 * timeout_ms. Returns 0 when empty, or the number of items still queued. */
int fb__outbox_drain(fb__outbox *ob, int timeout_ms);

typedef struct fb__outbox_stats {
    uint64_t queued;      /* items waiting now */
    uint64_t queued_bulk; /* of which bulk items not in flight */
    uint64_t chats;       /* chats the outbox keeps state for now */
    uint64_t sent;        /* items Telegram accepted */
    uint64_t dropped;     /* gave up (4xx, attempts exhausted, shutdown) */
    uint64_t retried;     /* retries after 429/5xx/network */
    uint64_t rate_429;    /* 429 answers received */
    uint64_t blocked;     /* 403 blocked / deactivated (one per blocking;
                             the chat's other messages count as dropped) */
    uint64_t in_doubt;    /* requests that may have reached Telegram without
                             our knowing (network failure or timeout after
                             sending, shutdown mid-request, a delivery that
                             could not be recorded): sent again, so the user
                             may see them twice */
} fb__outbox_stats;

/* The durable side (host/outstore): called from sender threads, without
 * the outbox's lock, for items with a row id. attempt: before the first
 * request for row id (a bulk row: before its first request in this
 * process); returns 1 when the row is finished already (its broadcast was
 * cancelled: the item is dropped without a request), else 0 (-1: could
 * not be recorded; it is sent). done: row id is finished (outcome "sent",
 * "dropped", "blocked", "expired", "no_stars": a paid broadcast the
 * bot's Stars could not pay); returns 0, or -1 when it could not be
 * recorded. Either may be NULL. */
typedef struct fb__outbox_store {
    int (*attempt)(void *ud, int64_t id);
    int (*done)(void *ud, int64_t id, const char *outcome);
    void *ud;
    /* When set, done marks after a request are written in groups instead
     * of one by one: rows ids[i] finished with outcomes[i] (i < n), all or
     * none, in one call; returns 0, or -1 (none recorded: counted in
     * doubt, the rows are sent again at start). The chat's next item may
     * leave once the mark is queued; marks are written in the order they
     * were queued, one group at a time, and fb__outbox_drain waits for
     * them. done still marks a blocked chat's dropped items. */
    int (*done_many)(void *ud, const int64_t *ids, const char *const *outcomes,
                     size_t n);
} fb__outbox_store;

/* Set the store before submitting (NULL: none). */
void fb__outbox_set_store(fb__outbox *ob, const fb__outbox_store *s);

void fb__outbox_stats_get(fb__outbox *ob, fb__outbox_stats *st);

/* Stop the senders and free: requests in flight are aborted (within about
 * a second; uploads finish), what is still queued is dropped from memory
 * and logged (a stored item stays in fb_outbox for the next start).
 * Call fb__outbox_drain first to flush. NULL-safe. */
void fb__outbox_free(fb__outbox *ob);

#endif
