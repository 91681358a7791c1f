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

#include "clock.h"
#include "config.h"
#include "convo.h"
#include "db.h"
#include "fitbot/plugin.h"
#include "loader.h"
#include "outbox.h"
#include "pool.h"
#include "router.h"
#include "telegram.h"


/* What every transaction of a running host shares. Read-only after
 * start. */
typedef struct fb__core {
    const fb__config *cfg;
    fb__plugins *plugins;
    fb__router *router;
    fb__pool *pool;
    fb__tg *tg;         /* NULL in tests that send nothing */
    fb__outbox *outbox; /* NULL: batches are dropped */
    struct fb__cbwatch *cbwatch; /* presses answered in time; NULL: none */
    int durable;        /* replies are written into fb_outbox before
                           COMMIT (host/outstore) */
    int relayed;        /* several webhook hosts: stored replies are sent
                           by whichever host is the sender (host/relay),
                           announced by NOTIFY, never queued here */
    char bot_username[64];
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
    const cJSON *raw;     /* the update object itself */
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
    struct fb__retired *more_retired; /* the ones after the fourth, in mem */
    int answered; /* the update's callback was answered */
    int failed;   /* a subscriber failed: the transaction must roll back */
    int commit_unknown; /* COMMIT got no answer: it may have gone through */
    struct fb__mem *mem; /* fb__txn_alloc blocks, freed by fb__txn_clear */
    /* the state a handler moved the key's flow to last (flow_start,
     * flow_goto, flow_reask): its question is asked after the handler
     * returns FB_OK, if the flow is still there (host/prompt) */
    int prompt_due;
    char prompt_plugin[33], prompt_flow[65], prompt_state[65];
} fb__txn;

/* Answers collected by one request (fb_request). */
typedef struct fb__answers {
    int n, cap;
    const char **text, **plugin; /* in the transaction's memory */
} fb__answers;

struct fb_ctx {
    struct fb_ctx_head head;
    fb__txn *t;
    const fb__plugin *plugin; /* NULL: the host itself ("core") */
    fb_update_kind kind;
    const char *event, *event_json;
    int depth; /* event nesting */
    /* minor 2: the sticky failure (plugins of abi_minor >= 2, or fb_fail)
     * and its first reason */
    int failed;
    char why[256];
    fb__answers answers; /* of the last request made from this context */
    fb__answers *sink;   /* in a request's answerer: where respond goes */
};

/* The table (static, lives forever). */
const fb_host_api *fb__api_table(void);

/* Zero c and point it at t for plugin p (NULL = core). */
void fb__ctx_init(fb_ctx *c, fb__txn *t, const fb__plugin *p,
                  fb_update_kind kind);

/* Zero t, attach core and conn, create its batch. Returns 0 or -1 (no
 * memory). */
int fb__txn_init(fb__txn *t, fb__core *core, PGconn *conn);
/* Free the batch (if still held), the rows, the conversation copy and the
 * transaction's memory (fb__txn_alloc). */
void fb__txn_clear(fb__txn *t);

/* n zeroed bytes owned by t until fb__txn_clear. NULL when out of memory. */
void *fb__txn_alloc(fb__txn *t, size_t n);
/* A copy of s in t's memory (NULL for NULL or out of memory). */
char *fb__txn_strdup(fb__txn *t, const char *s);

/* Mark c failed with why when its plugin speaks ABI minor >= 2 (or always,
 * when by_hand); the first reason is kept. */
void fb__ctx_fail(fb_ctx *c, int by_hand, const char *why);

/* The state named name of flow f, or NULL. */
const fb_state *fb__flow_state(const fb_flow *f, const char *name);

/* The question of state s when its plugin may declare one (minor >= 2). */
const fb_ask *fb__state_ask(const fb__plugin *p, const fb_state *s);

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

/* Answer the update's callback query with text (NULL: none) once per
 * transaction: queued at the head of the transaction's batch, so it
 * leaves after COMMIT, before its messages; a rolled-back transaction's
 * answer is never sent (the failure is answered instead). Returns 1 when
 * queued now, 0 when the query was answered already or there is none, -1
 * on allocation failure. */
int fb__txn_answer(fb__txn *t, const char *text, int alert);
/* Queue a bulk send (ABI 1.4 fb_send_bulk) tagged tag in t's batch: a
 * text (html), or a photo / document by file_id with html as its caption;
 * stored with its tag and sent after COMMIT like any reply, but after
 * every interactive one (see fb__outbatch_set_bulk). A producer queues at
 * most fb__outbox_bulk_room() per transaction (the back-pressure rule).
 * flags FB_BULK_PAID: stored as a paid broadcast when the outbox's
 * paid_per_s is above 0 now (fb__outbatch_paid_last), else as a free one.
 * Returns 0, or -1 (no batch, no chat, no tag, refused text). */
int fb__txn_send_bulk(fb__txn *t, int64_t chat, const char *tag,
                      fb_bulk_media media, const char *file_id,
                      const char *html, unsigned flags);
/* Call a plugin handler with c, logging a non-FB_OK status. A handler
 * returning FB_OK on a failed context (minor 2) gets FB_ERR, logged with
 * the first reason. */
int fb__call(fb_handler h, fb_ctx *c, const char *what);

#endif
