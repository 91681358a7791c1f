/* host/cbwatch: every button press answered inside Telegram's window.
 *
 * A press (callback query) is answered after its update's outcome, with
 * the plugin's toast (promise 1). When the outcome is late -- PostgreSQL
 * down or recovering, the batch fetched again and again -- Telegram's 15 s
 * window closes, the member's button spins and the answer is refused.
 * The watcher notes when each press was first fetched and how long it
 * may have waited at Telegram before (behind refused batches); one still
 * not answered after_ms after it may have been made gets the watcher's
 * own answer, once, with a "still working" toast. Whoever sends an answer first
 * takes the press (fb__cbwatch_take): exactly one answer leaves within a
 * process, the outcome's own answer being dropped by the outbox when the
 * watcher came first. Across kill -9 the memory is gone: an answer stored with
 * a committed outcome may then follow a watcher's answer and be refused by
 * Telegram ("query is too old"); the member still sees one toast. */
#ifndef FITBOT_HOST_CBWATCH_H
#define FITBOT_HOST_CBWATCH_H

#include <stdint.h>

#include "outbox.h"

#define FB__TEXT_STILL_WORKING                                                 \
    "⏳ Taking longer than usual: your tap is kept and will be handled."

typedef struct fb__cbwatch fb__cbwatch;

/* Start the watcher thread: presses unanswered after_ms (> 0) after they
 * were first seen are answered with text through ob (its answer lanes:
 * several at once, retried while the window lasts; never asked to the
 * gate). ob must outlive the watcher's use of it: stop the outbox, then
 * free the watcher. NULL on failure. */
fb__cbwatch *fb__cbwatch_new(fb__outbox *ob, int after_ms, const char *text);

/* Stop the thread (no answer is queued after): before the outbox is
 * freed. The gate still works. Idempotent, NULL-safe. */
void fb__cbwatch_stop(fb__cbwatch *w);

/* Stop and free: after the outbox is freed (its gate). NULL-safe. */
void fb__cbwatch_free(fb__cbwatch *w);

/* A press in chat was fetched (again): its first time is kept. unseen_ms
 * is how long it may have waited at Telegram before this fetch
 * (fb__poller_unseen_ms; 0: new): Telegram's window counts from the
 * press, so the watcher's answer is due after_ms after the earliest the
 * press may have been made -- at once when it may be that old already.
 * NULL-safe. */
void fb__cbwatch_seen(fb__cbwatch *w, const char *query_id, int64_t chat,
                      int unseen_ms);

/* The press needs no answer from the watcher (a redelivery whose outcome
 * was committed, answer included, sent or still queued): no longer
 * watched, and an answer sent for it later is let through. NULL-safe. */
void fb__cbwatch_forget(fb__cbwatch *w, const char *query_id);

/* About to send the outcome's answer to query_id: 1 when the caller may
 * (the press is now taken, or was never watched), 0 when the watcher
 * answered it already (drop the answer). NULL w: 1. */
int fb__cbwatch_take(fb__cbwatch *w, const char *query_id);

/* Presses the watcher answered so far. */
uint64_t fb__cbwatch_early(const fb__cbwatch *w);

#endif
