/* Telegram's flood limits for a bot's outgoing messages, on the sandbox
 * clock: about 30 messages/s overall, 1/s per chat after a small burst,
 * 20/min per group. */
#ifndef FB_SB_LIMITS_H
#define FB_SB_LIMITS_H

#include "sb_store.h"

#define SB_LIMIT_GLOBAL_PER_S 30.0
#define SB_LIMIT_CHAT_BURST 3.0
#define SB_LIMIT_CHAT_PER_S 1.0
#define SB_LIMIT_GROUP_PER_MIN 20.0

/* Charges one message to bot b in chat c. Returns 0 when allowed, or 1
 * when a limit is exceeded: nothing is charged, the violation is counted
 * and *retry_after holds the whole sandbox seconds to wait (>= 1). Returns
 * -1 when out of memory. Caller holds the lock. */
int fb__sb_limits_charge(sb_state *st, sb_bot *b, const sb_chat *c, int *retry_after);

#endif
