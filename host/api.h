/* api: the fb_host_api table handed to plugins, and the context behind it.
 *
 * One fb__txn is one database transaction on one pooled connection: an
 * update, a job run, a sweep, an init() or a host event. Every fb_ctx made
 * for it (the handler's, a hook's, each event subscriber's) shares the
 * transaction, the outgoing batch and the key's conversation. The txn is
 * filled and torn down by its runner (dispatch, scheduler, sweeper, host);
 * the api only reads and changes it. */
#ifndef FITBOT_API_H
#define FITBOT_API_H

#include <pthread.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "config.h"
#include "convo.h"
#include "db.h"
#include "fitbot/plugin.h"
#include "loader.h"
#include "outbox.h"
#include "pool.h"
#include "router.h"
#include "telegram.h"

#define FB__ANSWERED_RING 4096

/* Callback query ids answered recently (so a redelivered press is never
 * answered twice by this process). */
typedef struct fb__answered {
    pthread_mutex_t mu;
    char ids[FB__ANSWERED_RING][72];
    size_t next;
} fb__answered;

/* What every transaction of a running host shares. Read-only after start,
 * except the answered ring (locked). */
typedef struct fb__core {
    const fb__config *cfg;
    fb__plugins *plugins;
    fb__router *router;
    fb__pool *pool;
    fb__tg *tg;         /* NULL in tests that send nothing */
    fb__outbox *outbox; /* NULL: batches are dropped */
    char bot_username[64];
    fb__answered answered;
} fb__core;

/* One incoming update, parsed. Strings point into the update's JSON (valid
 * while it lives) and are never NULL ("" when absent). */
typedef struct fb__update {
    int64_t update_id;
    fb_update_kind kind;
    int64_t chat, user, message_id;
    int group;          /* chat is not private */
    char cmd[64];       /* command without '/' and '@Bot', lower case */
    char argsbuf[4097]; /* the command's arguments, trimmed (args) */
    int foreign;        /* command addressed to another bot */
    const char *args, *text, *data, *callback_id, *file_id, *file_name, *phone,
        *first, *last, *username;
    int64_t contact_user; /* contact.user_id, 0 if none */
} fb__update;

typedef struct fb__txn {
    fb__core *core;
    PGconn *conn;
    const fb__update *u; /* NULL outside an update */
    int64_t chat, user;  /* the chat replies go to; the acting user */
    fb_role role;        /* the sender's role */
    fb__outbatch *out;
    fb__rowset rows;
    fb__convo convo; /* the key's conversation when has_convo */
    int has_convo, convo_dirty, in_hook;
    int64_t del_chat[4], del_user[4]; /* rows to delete at flush */
    int ndel;
    fb__convo retired[4]; /* ended conversations: their strings stay valid
                             until the handler returns */
    int nretired;
    int answered; /* the update's callback was answered */
    int failed;   /* a subscriber failed: the transaction must roll back */
} fb__txn;

struct fb_ctx {
    struct fb_ctx_head head;
    fb__txn *t;
    const fb__plugin *plugin; /* NULL: the host itself ("core") */
    fb_update_kind kind;
    const char *event, *event_json;
    int depth; /* event nesting */
};

/* The table (static, lives forever). */
const fb_host_api *fb__api_table(void);

/* Zero c and point it at t for plugin p (NULL = core). */
void fb__ctx_init(fb_ctx *c, fb__txn *t, const fb__plugin *p,
                  fb_update_kind kind);

/* Zero t, attach core and conn, create its batch. Returns 0 or -1 (no
 * memory). */
int fb__txn_init(fb__txn *t, fb__core *core, PGconn *conn);
/* Free the batch (if still held), the rows and the conversation copy. */
void fb__txn_clear(fb__txn *t);

/* The plugin owning the conversation in t (NULL: none, or its plugin is not
 * loaded) and, when out is not NULL, the flow. */
const fb__plugin *fb__txn_flow_owner(fb__txn *t, const fb_flow **flow);

/* End the key's conversation: run the flow's cancel (timeout = 0) or
 * timeout hook in this transaction, then drop the row at flush. No-op
 * without a conversation. Returns the hook's status (FB_OK / FB_ERR). */
int fb__txn_end_flow(fb__txn *t, int timeout);

/* The key's owner spoke to its flow: move the deadline to now + the flow's
 * timeout (written at flush). No-op without a conversation. */
void fb__txn_touch(fb__txn *t);

/* Write the conversation changes (deletions, then the current row if
 * dirty). Returns 0 or -1 with err. */
int fb__txn_flush(fb__txn *t, char *err, size_t errlen);

/* Answer callback query id with text once per process: returns 1 if sent
 * now (or attempted), 0 if it had been answered already. */
int fb__answer_once(fb__core *core, const char *id, const char *text,
                    int alert);

/* Call a plugin handler with c, logging a non-FB_OK status. */
int fb__call(fb_handler h, fb_ctx *c, const char *what);

/* Seconds since the epoch. */
int64_t fb__now(void);

#endif
