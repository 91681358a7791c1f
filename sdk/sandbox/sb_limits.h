/* Telegram's flood limits for a bot's outgoing messages, on the sandbox
 * clock: about 30 messages/s overall, 1/s per chat after a small burst,
 * 20/min per group. The numbers live in sb_state.limits (defaults 30/s,
 * burst 3 then 1/s, 20/min) and the control API may change them. */
#ifndef FB_SB_LIMITS_H
#define FB_SB_LIMITS_H

#include "sb_store.h"

/* Charges one message to bot b in chat c. Returns 0 when allowed, or 1
 * when a limit is exceeded: nothing is charged, the violation is counted
 * and *retry_after holds the whole sandbox seconds to wait (>= 1). Returns
 * -1 when out of memory. Caller holds the lock. */
int fb__sb_limits_charge(sb_state *st, sb_bot *b, const sb_chat *c,
                         int *retry_after);

#endif
