/* dispatch: one update = one transaction on one pooled connection (or,
 * fb__dispatch_group, several waiting ones in one, each on its terms).
 *
 * BEGIN; claim the update_id (a redelivered update stops here); record the
 * sender (role, ban); load the key's conversation (an expired one first
 * runs its timeout hook); pick the route (/cancel, command, callback
 * prefix, the flow state for text/contact/photo/document, else generic);
 * check ban and role; run the handler; COMMIT on FB_OK, else ROLLBACK and
 * tell the user "Something went wrong, nothing was changed."; submit the
 * replies only after COMMIT; give the connection back, always.
 * A callback query is answered exactly once, restarts included: by its
 * handler (at once), else by the host just before COMMIT, or with the
 * failure text after a ROLLBACK; a redelivered update (claimed already) is
 * not answered again. fb__txn_run is the same frame for the other
 * runners (jobs, sweeps, init, host events). */
#ifndef FITBOT_DISPATCH_H
#define FITBOT_DISPATCH_H

#include <cjson/cJSON.h>

#include "api.h"

#define FB__TEXT_FAILED "Something went wrong, nothing was changed."
#define FB__TEXT_UNAVAILABLE "This feature is not available."
#define FB__TEXT_FORBIDDEN "Sorry, you are not allowed to do that."
#define FB__TEXT_BANNED "Your access to this bot has been suspended."
#define FB__TEXT_CANCELLED "Cancelled."
#define FB__TEXT_NOTHING "Nothing to cancel."
#define FB__TEXT_UNKNOWN "Sorry, I did not understand that."
#define FB__TEXT_COMMANDS "Commands you can use:"

/* Outcome of a transaction run. */
enum {
    FB__RUN_OK = 0,     /* committed; the batch was submitted */
    FB__RUN_FAILED = 1, /* rolled back after a handler or SQL failure */
    FB__RUN_SKIP = 2,   /* rolled back on purpose (already processed) */
    FB__RUN_RETRY = 3   /* no connection / BEGIN failed: try again later */
};

/* Fill u from one update object of getUpdates. Strings point into j.
 * Returns 0, or -1 when it has no exact update_id (the rest is read all
 * the same: chat and user, for telling the user). */
int fb__update_parse(const cJSON *j, const char *bot_username, fb__update *u);

/* The worker key of an update: its chat, else its user. */
int64_t fb__update_key(const fb__update *u);

/* Run fn(t, arg) in one transaction: acquire, fb__txn_init(t), BEGIN, fn,
 * flush conversation changes, COMMIT if fn returned FB_OK and nothing
 * failed (then submit t's batch) else ROLLBACK; release the connection.
 * fn may return FB__RUN_SKIP or FB__RUN_RETRY to roll back quietly. The
 * caller reads t afterwards and must call fb__txn_clear(t). what names the
 * run in logs. Returns FB__RUN_*. */
int fb__txn_run(fb__core *core, fb__txn *t, int (*fn)(fb__txn *, void *),
                void *arg, const char *what);

/* Handle one update (see above). Returns 0 when it is handled (including
 * refused, failed-and-told, duplicate, quarantined), -1 when it must be
 * retried: not handled (its transient retries ran out, or its frame could
 * not run), one failed run counted in fb_quarantine; at quarantine_after
 * such runs it is held there, its user told once, and it counts as
 * handled (host/quarantine). */
int fb__dispatch(fb__core *core, const fb__update *u);

/* Handle us[0..n-1] (updates of different chats) as fb__dispatch would,
 * rcs[i] its return for us[i], in as few transactions as keep each one's
 * promises: under load a worker has several waiting, and PostgreSQL's
 * cost per transaction is most of an update's. Updates of different
 * users (up to 8) go together: BEGIN with all their bookkeeping in one
 * round trip, then each one's handler in turn (the session reset between
 * two handlers when the first's SQL may have changed it: a SET LOCAL, a
 * temporary table, a lock), then COMMIT with every reply's fb_outbox row
 * in one round trip. Each update is what it would be alone: claimed once,
 * its own conversation, its replies committed with its effects and queued
 * after COMMIT. One that was processed before is skipped. Should any
 * handler fail, or a statement, all are rolled back and each runs alone
 * through fb__dispatch (the others' handlers run again, as after a
 * transient failure; the failing one is told, retried or quarantined as
 * alone). With several webhook hosts (their chat locks), or one update,
 * each runs alone. */
void fb__dispatch_group(fb__core *core, const fb__update *const *us,
                        size_t n, int *rcs);

/* One run of u, as fb__dispatch's runs (transient retries included), for
 * a replay: no failure text, nothing counted. Returns FB__RUN_*. */
int fb__dispatch_replay(fb__core *core, const fb__update *u);

/* A chat blocked the bot (403 from the outbox): mark the user blocked and
 * publish the core event "chat.blocked" {"chat_id":N}, in one transaction.
 * Returns FB__RUN_*. */
int fb__dispatch_blocked(fb__core *core, int64_t chat_id);

#endif
