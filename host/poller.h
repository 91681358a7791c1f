/* host/poller: getUpdates long polling with acknowledge-after-handling.
 *
 * Loop: getUpdates(offset, timeout) -> handle_batch(ud, updates) -> only
 * when it returned 0 is the offset moved past the batch (the next
 * getUpdates carries offset = last update_id + 1, which is what tells
 * Telegram the batch is done). A process killed before that gets the batch
 * again (dedup makes that harmless). Network errors and 5xx: capped
 * exponential backoff with jitter (0.5 s .. 30 s). 429: waits retry_after.
 * 409: logs once "another fitbot instance or a webhook is using this
 * token" and backs off. allowed_updates = message, callback_query.
 * A body that is not a Bot API answer (or whose result is not an array) is
 * handed to the bad-body callback (the host quarantines it) and, once that
 * returned 0, skipped: the offset moves past the highest "update_id" that
 * can be read in it, else to offset + 1 (nothing can be skipped at offset
 * 0: then it backs off like a network error). A batch handled whose
 * update_ids could not be read moves the offset by one the same way. */
#ifndef FITBOT_HOST_POLLER_H
#define FITBOT_HOST_POLLER_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "telegram.h"

/* Handle every update of the array (borrowed; valid during the call) and
 * return 0 only when all of them are handled (committed or deliberately
 * skipped). Non-zero: the batch is not acknowledged and is fetched again
 * after a backoff. */
typedef int (*fb__poller_batch_fn)(void *ud, cJSON *updates);

/* Keep a getUpdates body that could not be read (text, borrowed). Returns
 * 0 when it is kept (the poller may skip it), non-zero otherwise. */
typedef int (*fb__poller_bad_fn)(void *ud, const char *body);

typedef struct fb__poller fb__poller;

/* tg is borrowed. timeout_s: long-poll timeout (0..50). NULL on failure. */
fb__poller *fb__poller_new(fb__tg *tg, int timeout_s, fb__poller_batch_fn fn,
                           void *ud);

/* Set the bad-body callback (called from the poll loop; ud as above).
 * Without one a broken body is fetched again after a backoff. */
void fb__poller_set_bad_fn(fb__poller *p, fb__poller_bad_fn fn);

/* Ask at most limit (1..100) updates per getUpdates, so at most that many
 * are handed to the batch callback at once (0: Telegram's default, 100). */
void fb__poller_set_limit(fb__poller *p, int limit);

/* Back-pressure: gate(ud, stop) is called before each getUpdates and
 * returns when more updates may be fetched (0), or non-zero to end the
 * loop (it should return once *stop is set). */
typedef int (*fb__poller_gate_fn)(void *ud, const atomic_int *stop);
void fb__poller_set_gate(fb__poller *p, fb__poller_gate_fn gate);

/* Poll until fb__poller_stop. Before returning, the offset of the last
 * handled batch is acknowledged to Telegram (getUpdates with timeout 0,
 * best effort). Returns 0 on a requested stop, -1 on a fatal error
 * (401 Unauthorized: the token is wrong; logged). */
int fb__poller_run(fb__poller *p);

/* Ask the loop to stop: an in-flight long poll is aborted (its updates
 * stay unacknowledged), a batch being handled is finished first.
 * Async-signal-safe (sets an atomic flag only). */
void fb__poller_stop(fb__poller *p);

/* While the batch callback runs: how long the batch's updates may have
 * waited at Telegram unseen, in ms. Telegram hands out at most limit
 * updates past the offset; while the host refuses batches (the database
 * down) the offset is held and newer updates queue behind the limit, so
 * one first fetched after a refusal may be as old as the time since an
 * answer last came back short of the limit (it then held everything
 * pending). 0 when no batch was refused since then, or when the answer
 * waited (a long poll answered late holds only updates that came while it
 * waited). A press's 15 s window counts from its making, not its fetch
 * (host/cbwatch). */
int fb__poller_unseen_ms(const fb__poller *p);

/* Next offset to request (last acknowledged update_id + 1, 0 at start). */
int64_t fb__poller_offset(const fb__poller *p);
/* Start from this offset instead of 0. */
void fb__poller_set_offset(fb__poller *p, int64_t offset);

/* NULL-safe; the loop must have returned. */
void fb__poller_free(fb__poller *p);

#endif
