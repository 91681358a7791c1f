/* host/outstore: the durable outbox (fb_outbox, sql/core/003_outbox.sql).
 *
 * What a transaction queued is written into fb_outbox inside that same
 * transaction (fb__outstore_write), so a reply exists exactly when the
 * effect that caused it was committed. The sender threads mark a row
 * attempted before its first request (a reply whose chat was free is
 * stored attempted instead: host/outbox's reserved sends) and delivered
 * (with its outcome) when finished, in groups (fb__outbox_store's
 * done_many); at start the host reads back every row not delivered
 * (fb__outstore_load) and queues it again, in id order, which is the
 * order of the replies of each chat. */
#ifndef FITBOT_HOST_OUTSTORE_H
#define FITBOT_HOST_OUTSTORE_H

#include <stddef.h>

#include <libpq-fe.h>

#include "db.h"
#include "outbox.h"
#include "pool.h"

/* The NOTIFY channel that tells the sender (host/relay) new rows were
 * committed. */
#define FB__OUTBOX_CHANNEL "fitbot_outbox"

/* Insert every item of b not stored yet on conn (the caller's open
 * transaction, or autocommit) and give each its row id. An answer to a
 * callback query already stored is left out (its id stays 0 and it is
 * dropped from b's delivery: see fb__outstore_write's return). Returns 0,
 * or -1 with err filled. */
int fb__outstore_write(PGconn *conn, fb__outbatch *b, char *err, size_t errlen);

/* The INSERTs fb__outstore_write would run for b, as calls[0..n-1] to run
 * in a pipeline (db.h: fb__db_xpipeline, COMMIT in the same round trip).
 * Returns n, or -1 when b has more than max items to store or on
 * allocation failure (nothing left to clear then). The calls borrow b's
 * strings: b must outlive them. */
int fb__outstore_calls(fb__outbatch *b, fb__db_call *calls, int max);
/* Give b's items their row ids from the results of fb__outstore_calls'
 * calls, once they ran. */
void fb__outstore_ids(fb__outbatch *b, const fb__db_call *calls);

/* Every row not delivered, in id order, as a new batch (caller owns it;
 * possibly empty). *rows gets the count, *in_doubt the rows a request was
 * made for before (they may reach the user twice). A bulk row (a
 * broadcast's copy) a request was made for is not sent again: it is
 * finished as "unconfirmed" (logged: event=outbox_bulk_unconfirmed), so a
 * member never gets a broadcast twice. Rows delivered more than a day ago
 * are deleted on the way. NULL with err on failure. */
fb__outbatch *fb__outstore_load(PGconn *conn, int *rows, int *in_doubt,
                                char *err, size_t errlen);

/* The rows not delivered that the transaction which claimed update_id
 * wrote (their xmin is its), in id order, as a new batch (caller owns
 * it; possibly empty): the replies of a COMMIT whose answer was lost
 * together with their ids, once a later run found the update claimed.
 * NULL with err on failure. */
fb__outbatch *fb__outstore_load_update(PGconn *conn, int64_t update_id,
                                       char *err, size_t errlen);

/* For the one sender among several hosts (host/relay): claim for sender
 * (a number this host drew for its time as the sender) every row not
 * delivered and not claimed by it yet: at most room interactive rows and
 * bulk_room bulk rows, oldest first, as a new batch in id order (caller
 * owns it). Rows another sender had claimed are claimed again (it died
 * or lost the lock): *in_doubt counts those a request was made for; a
 * bulk one of those is finished "unconfirmed" instead, as at start. NULL
 * with err on failure. */
fb__outbatch *fb__outstore_claim(PGconn *conn, int64_t sender, long long room,
                                 long long bulk_room, int *rows, int *in_doubt,
                                 char *err, size_t errlen);

/* Charge ob with every counted message (send, edit, document, photo)
 * sent in the last 61 seconds, and every one that was being sent when the
 * host stopped (as sent now), oldest first: the sliding windows start
 * where the previous process left them. Returns how many, or -1 with err
 * filled. */
int fb__outstore_charge_recent(PGconn *conn, fb__outbox *ob, char *err,
                               size_t errlen);

/* tag's rows by outcome into *out (ABI 1.4 fb_bulk_counts), on conn.
 * Returns 0, or -1 with err filled. */
int fb__outstore_tag_counts(PGconn *conn, const char *tag, fb_bulk_tally *out,
                            char *err, size_t errlen);

/* Finish tag's rows that no request was made for as "cancelled" (on conn,
 * in the caller's transaction; a sender about to request one finds it
 * finished and skips it). Returns how many, or -1 with err filled. */
long long fb__outstore_tag_cancel(PGconn *conn, const char *tag, char *err,
                                  size_t errlen);

/* Hooks for fb__outbox_set_store that mark rows through connections of
 * pool (borrowed; must outlive the outbox). */
void fb__outstore_hooks(fb__outbox_store *s, fb__pool *pool);

#endif
