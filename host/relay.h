/* host/relay: one sender among several webhook hosts on one database.
 *
 * With webhook, any host takes any update and writes its replies into
 * fb_outbox (host/outstore) in the handler's transaction, with a NOTIFY on
 * FB__OUTBOX_CHANNEL; none queues them itself (fb__core.relayed). Exactly
 * one host at a time is the sender: the holder of a session advisory lock
 * (FB__SENDER_NS, bot id) on a connection of its own (host/leader, the
 * same failover as the polling leader: a dead sender's lock goes with its
 * session). The sender LISTENs, and on each notification (or every
 * RELAY_POLL_MS, should one be missed) claims, both on the lock's own
 * connection (so no claim can run once the lock is gone), every row not
 * claimed by it
 * yet (fb__outstore_claim, as much as its outbox has room for) and queues
 * it in id order. So:
 * - the combined send rate is one outbox's: Telegram's limits hold
 *   across hosts;
 * - one chat's replies leave in the order they were committed, which is
 *   the order its updates were handled in, whichever host handled them;
 * - a host starting beside a running sender sends nothing of the
 *   others': rows have an owner (fb_outbox.sender);
 * - a new sender claims the rows of a dead one: those whose request had
 *   been made are counted (event=outbox_replay, in_doubt) and may reach
 *   the user twice (at-least-once, docs/ARCHITECTURE.md), and its rate
 *   windows are charged with what every host sent in the last minute;
 * - a sender that loses the lock alive (its lock's connection broken:
 *   PostgreSQL restarted) stops claiming and forgets the rows it had
 *   queued (event=outbox_released), so only those in flight can also be
 *   sent by the next sender, and those are counted there (in_doubt).
 *   Each tenure of the lock claims under a number of its own, so a host
 *   that takes the lock again on a new session claims its own earlier
 *   rows too.
 * Items that have no row (the press watcher's early answers, a reply the
 * database could not take) are still sent by the host that made them. */
#ifndef FITBOT_HOST_RELAY_H
#define FITBOT_HOST_RELAY_H

#include <stdint.h>

#include "outbox.h"

#define FB__SENDER_NS 0x66627431 /* "fbt1" */

typedef struct fb__relay fb__relay;

/* Start the relay's thread: it tries for the sender's lock at once and
 * every second while another host holds it. ob is borrowed and must
 * outlive the relay. NULL when out of memory or the thread cannot start. */
fb__relay *fb__relay_new(const char *conninfo, const char *tz, int64_t bot_id,
                         fb__outbox *ob);

/* 1 while this host is the sender. NULL-safe (0). */
int fb__relay_sending(fb__relay *r);

/* Stop the thread, keeping the lock: nothing more is claimed, and no
 * other host claims what this one still holds (drain its outbox, then
 * free the relay). Idempotent, NULL-safe. */
void fb__relay_stop(fb__relay *r);

/* Stop the thread and give the lock up (another host takes over within
 * about a second). Rows claimed and not delivered stay claimed: the next
 * sender claims them again. NULL-safe. */
void fb__relay_free(fb__relay *r);

#endif
