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

#define FB__LEADER_NS 0x66627430 /* "fbt0" */

typedef struct fb__leader fb__leader;

/* No connection yet (made at the first fb__leader_check). NULL when out
 * of memory. bot_id: the number before ':' in the token. */
fb__leader *fb__leader_new(const char *conninfo, const char *tz,
                           int64_t bot_id);

/* Whether this host leads now: 1 yes (the lock is held and its
 * connection answers), 0 no (another host holds it). When the lock's
 * connection is lost (PostgreSQL down, restarting, out of reach), a host
 * that led leads on -- it keeps polling, so its members' presses are
 * still seen and answered in time -- until it can ask again: it then
 * takes the lock back, or steps down when another host took it; a host
 * that did not lead stands by. The connection is made again at each
 * check while it is lost. */
int fb__leader_check(fb__leader *l);

/* Give the lock up (closing its connection). NULL-safe. */
void fb__leader_free(fb__leader *l);

/* The bot id of a token ("123:abc" -> 123), 0 when it has none. */
int64_t fb__leader_bot_id(const char *token);

#endif
