/* host/leader: one polling host per bot among several on one database.
 *
 * Leadership is a session-level PostgreSQL advisory lock, (FB__LEADER_NS,
 * bot id), held on a connection of its own. The host that holds it polls
 * getUpdates; the others stand by and try again every second. A leader
 * that dies (even kill -9) loses its connection, so the lock, at once: a
 * standby takes over within about a second, from Telegram's last
 * acknowledged offset (an update the dead leader had handled but not
 * acknowledged comes again and changes nothing: the update_id claim).
 * When the database goes away, no host can take the lock: the leader
 * leads on meanwhile (a lone host must keep polling through an outage,
 * its press watcher answering the presses it fetches); once the database
 * is back it takes the lock again, or steps down if another host was
 * quicker. Two hosts may then poll until the old leader's long poll ends:
 * Telegram answers one of them 409, and neither acknowledges an update
 * it has not handled (a batch the database refused is fetched again from
 * the same offset). */
#ifndef FITBOT_HOST_LEADER_H
#define FITBOT_HOST_LEADER_H

#include <stdint.h>

#include <libpq-fe.h>

#define FB__LEADER_NS 0x66627430 /* "fbt0" */

typedef struct fb__leader fb__leader;

/* No connection yet (made at the first fb__leader_check). NULL when out
 * of memory. bot_id: the number before ':' in the token. */
fb__leader *fb__leader_new(const char *conninfo, const char *tz,
                           int64_t bot_id);
/* The same for another role among the hosts: the lock (ns, bot id)
 * (host/relay's sender: FB__SENDER_NS). Such a role does not lead on
 * when the lock's connection is lost: it ends at once (the sender's
 * queue is then left to the next claim, which cannot run while the lock
 * is out of reach anyway). */
fb__leader *fb__leader_new_ns(const char *conninfo, const char *tz, int32_t ns,
                              int64_t bot_id);

/* Whether this host leads now: 1 yes (the lock is held and its
 * connection answers), 0 no (another host holds it). When the lock's
 * connection is lost (PostgreSQL down, restarting, out of reach), a
 * polling host that led leads on -- it keeps polling, so its members' presses are
 * still seen and answered in time -- until it can ask again: it then
 * takes the lock back, or steps down when another host took it; a host
 * that did not lead stands by. The tenure counts only the times the lock
 * was taken. The connection is made again at each check while it is
 * lost. */
int fb__leader_check(fb__leader *l);

/* Counts the times this host took the lock (a tenure: from taking it to
 * losing it); > 0 once it has. Two looks that both lead with the same
 * tenure held the lock on one session all along. */
unsigned fb__leader_tenure(const fb__leader *l);

/* The lock's connection while this host holds it, else NULL; owned by l.
 * What must happen only while the lock is held runs on it: the session
 * that ends with the lock cannot run it any more (host/relay's claims).
 * Its state is the caller's to keep clean (a LISTEN is fine). */
PGconn *fb__leader_conn(fb__leader *l);

/* Give the lock up (closing its connection). NULL-safe. */
void fb__leader_free(fb__leader *l);

/* The bot id of a token ("123:abc" -> 123), 0 when it has none. */
int64_t fb__leader_bot_id(const char *token);

#endif
