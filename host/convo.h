/* host/convo: the conversation store over fb_conversations.
 *
 * One row per key: (chat, user) for FB_SCOPE_CHAT_USER, (chat, 0) for
 * FB_SCOPE_CHAT, (0, user) for FB_SCOPE_USER. Every function runs in the
 * caller's transaction on conn; the row locks taken by find/take_expired
 * last until that transaction ends. */
#ifndef FITBOT_HOST_CONVO_H
#define FITBOT_HOST_CONVO_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "db.h"

typedef struct fb__convo {
    int64_t key_chat, key_user;
    char plugin[33], flow[65], state[65];
    char *data;       /* JSON object text, malloc'd; NULL means "{}" */
    int64_t deadline; /* unix seconds */
    void *json;       /* internal cache for data_get/set; NULL initially */
} fb__convo;

/* Release data and the cache; the struct can be reused (it is zeroed).
 * NULL is a no-op. */
void fb__convo_clear(fb__convo *c);

/* Find the conversation owning an update from (chat, user): looks at keys
 * (chat,user), then (chat,0), then (0,user) and takes the first that exists,
 * locking its row FOR UPDATE. Expired rows are returned too (compare
 * deadline with the clock). out is overwritten (not cleared first). Returns
 * 1 and fills *out, 0 if none (out zeroed), -1 with err; fb__convo_clear()
 * is safe on out in every case. */
int fb__convo_find(PGconn *conn, int64_t chat, int64_t user, fb__convo *out,
                   char *err, size_t errlen);

/* The find as a call of a pipeline (db.h): set up c; after the run, found
 * fills out and returns what fb__convo_find would. */
void fb__convo_find_call(fb__db_call *c, int64_t chat, int64_t user);
int fb__convo_found(const fb__db_call *c, fb__convo *out, char *err,
                    size_t errlen);

/* Insert or replace the row for (c->key_chat, c->key_user). plugin, flow,
 * state are stored as given; data NULL stores '{}'. Returns 0, or -1 with
 * err (e.g. data not a JSON object). */
int fb__convo_save(PGconn *conn, const fb__convo *c, char *err, size_t errlen);

/* Delete the row for the exact key. Returns 1 deleted, 0 none, -1 error. */
int fb__convo_delete(PGconn *conn, int64_t key_chat, int64_t key_user,
                     char *err, size_t errlen);

/* Lock up to max rows whose deadline has passed (oldest first), skipping
 * rows another transaction holds (FOR UPDATE SKIP LOCKED): two hosts never
 * take the same one. Fills out[0..*n-1] (fb__convo_clear each). The rows
 * stay until the caller deletes them (fb__convo_delete) in this
 * transaction. Returns 0, or -1 with err (*n = 0, nothing to clear). */
int fb__convo_take_expired(PGconn *conn, int max, fb__convo *out, int *n,
                           char *err, size_t errlen);

/* Number of conversations stored (for stats); -1 on error. */
long long fb__convo_count(PGconn *conn, char *err, size_t errlen);

/* The string value of key in c->data; NULL if unset, not a string, or the
 * data is not a JSON object. The string belongs to c and stays valid until
 * fb__convo_clear(c), even if key is set again meanwhile. */
const char *fb__convo_data_get(fb__convo *c, const char *key);

/* Set key to value (a string; NULL removes key) and rewrite c->data.
 * Returns 0, or -1 if the stored data is not a JSON object (c unchanged)
 * or on allocation failure. */
int fb__convo_data_set(fb__convo *c, const char *key, const char *value);

#endif
