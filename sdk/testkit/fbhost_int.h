/* Internals of the stand-in host (fbhost.h) shared by its modules:
 * fbhost.c (runs), fbhost_api.c (the host function table), fbhost_db.c
 * (PostgreSQL), fbhost_mem.c (lists and memory). Not installed. */
#ifndef FITBOT_FBHOST_INT_H
#define FITBOT_FBHOST_INT_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "fbhost.h"

/* ---- key = value lists (config, flow values, a keyboard's buttons) ----- */
typedef struct fbh_kv {
    char *k, *v;
} fbh_kv;

typedef struct fbh_kvs {
    fbh_kv *v;
    size_t n;
} fbh_kvs;

const char *fbh__kv_get(const fbh_kvs *l, const char *k);
/* Set (v NULL: remove) k. Returns 0 or -1 (out of memory). */
int fbh__kv_set(fbh_kvs *l, const char *k, const char *v);
int fbh__kv_copy(fbh_kvs *to, const fbh_kvs *from);
void fbh__kv_free(fbh_kvs *l);
/* strdup of s (NULL for NULL); aborts the test when memory runs out. */
char *fbh__dup(const char *s);
/* The same for the n bytes at s. */
char *fbh__ndup(const char *s, size_t n);

/* ---- the world the plugin sees ------------------------------------------ */
typedef struct fbh_out { /* a recorded message */
    int64_t chat;
    char *text;
    char *kbtext;    /* fbh_keyboard() */
    fbh_kvs buttons; /* text -> data */
    char *tag;       /* a bulk send's tag (ABI 1.4), else NULL */
} fbh_out;

typedef struct fbh_person {
    int64_t id;
    char *name;
    fb_role role;
    int banned;
} fbh_person;

typedef struct fbh_convo { /* the sender's conversation */
    char *flow;            /* NULL: none */
    char *state;
    fbh_kvs vals;
} fbh_convo;

typedef struct fbh_run { /* one update's transaction */
    fb_update_kind kind;
    char *text, *command, *args, *data;
    char *event, *json; /* fbh_event's */
    int64_t message_id;
    void **mem; /* fb_alloc blocks, freed at the end */
    size_t nmem;
    fb_rows **rows; /* query results, cleared at the end */
    size_t nrows;
    int failed;
    char *failure;
    fbh_out *out; /* queued until commit */
    size_t nout;
    int answered, alert;
    char *answer;
    int ask_due; /* the state entered asks after the handler */
    char **resp;
    size_t nresp;
    char *file_name, *file; /* fbh_document's: its name and bytes */
    size_t file_len;
} fbh_run;

struct fbh_host {
    const fb_plugin *p;
    PGconn *db;
    int initialized;
    int64_t user;
    fb_role role;
    int64_t now; /* 0: the real clock */
    char *zone;
    fbh_kvs config;
    fbh_person *people;
    size_t npeople;
    fbh_convo *convos; /* one per user, parallel to people */
    fbh_out *log;      /* committed messages */
    size_t nlog;
    int rc;
    char *failure;
    char *answer; /* of the last run */
    int alert, pressed;
    fbh_run run;
    char *value; /* fbh_sql_value */
};

/* The context handed to handlers: the api table first. */
struct fb_ctx {
    const fb_host_api *api;
    fbh_host *h;
    fb_update_kind kind;
    const char *event, *json; /* an event's or request's */
    int in_request;
};

/* ---- across modules ------------------------------------------------------ */
extern const fb_host_api fbh__api;

void fbh__ctx(fb_ctx *c, fbh_host *h, fb_update_kind kind);
/* Record the first failure of the run. */
void fbh__fail(fbh_host *h, const char *why);
/* Keep p until the run ends (free()d then). NULL stays NULL. */
void *fbh__keep(fbh_host *h, void *p);
/* The sender's person / conversation (created when missing). */
fbh_person *fbh__person(fbh_host *h, int64_t id);
fbh_convo *fbh__convo(fbh_host *h);
void fbh__convo_clear(fbh_convo *cv);
/* Free a recorded message's contents. */
void fbh__out_free(fbh_out *o);
/* Call handler with c; FB_ERR for a NULL handler. */
int fbh__call(fb_handler handler, fb_ctx *c);

/* fbhost_db.c: the run's transaction and queries. */
int fbh__begin(fbh_host *h);
/* COMMIT when ok, else ROLLBACK. Returns ok's outcome: 0 committed, -1. */
int fbh__end(fbh_host *h, int ok);
fb_rows *fbh__query(fb_ctx *c, const char *sql, int n, const char *const *p);
int fbh__rows_count(const fb_rows *r);
const char *fbh__rows_get(const fb_rows *r, int row, int col);
long long fbh__rows_affected(const fb_rows *r);
void fbh__rows_free(fb_rows *r);

#endif
