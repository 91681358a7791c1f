/* host/dedup: processed update ids (fb_processed_updates), so a redelivered
 * update changes nothing twice. */
#ifndef FITBOT_HOST_DEDUP_H
#define FITBOT_HOST_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "db.h"

/* Record update_id inside the handler's transaction (INSERT ... ON CONFLICT
 * DO NOTHING). Returns 1 the first time (go on), 0 if it was already
 * processed (a concurrent claimer blocks until the first commits or rolls
 * back), -1 with err. Rolling back the transaction un-claims it. */
int fb__dedup_claim(PGconn *conn, int64_t update_id, char *err, size_t errlen);

/* The claim as a call of a pipeline (db.h): set up c; after the run,
 * claimed says what fb__dedup_claim would (1, 0; -1 if it failed). */
void fb__dedup_claim_call(fb__db_call *c, int64_t update_id);
int fb__dedup_claimed(const fb__db_call *c);

/* Forget ids processed more than keep_s seconds ago (Telegram redelivers
 * for at most a day). Returns the number deleted, or -1 with err. */
long long fb__dedup_prune(PGconn *conn, int keep_s, char *err, size_t errlen);

#endif
