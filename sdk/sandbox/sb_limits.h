/* Telegram's flood limits for a bot's outgoing messages, on the sandbox
 * clock, judged as sliding windows so that any burst is caught: at most
 * global_per_s messages in any 1 s window overall, at most group_per_min
 * to one group in any 60 s window, and per chat a burst of chat_burst,
 * then chat_per_s (for every k >= chat_burst, the k-th message before
 * this one was sent at least (k - chat_burst + 1) / chat_per_s s
 * earlier). The numbers live in sb_state.limits (defaults 30/s, burst 3
 * then 1/s, 20/min) and the control API may change them. */
#ifndef FB_SB_LIMITS_H
#define FB_SB_LIMITS_H

#include "sb_store.h"

/* Charges one message to bot b in chat c; paid: sent with
 * allow_paid_broadcast, judged against the paid window (paid_per_s in any
 * 1 s) in place of the global one, the per-chat and group limits as any.
 * Returns 0 when allowed, or 1 when a limit is exceeded: nothing is
 * charged, the violation is counted and *retry_after holds the whole
 * sandbox seconds to wait (>= 1). Returns -1 when out of memory. Caller
 * holds the lock. */
int fb__sb_limits_charge(sb_state *st, sb_bot *b, const sb_chat *c, int paid,
                         int *retry_after);

/* Forget every chat's and the bot's sent times (windows empty again). */
void fb__sb_limits_forget(sb_bot *b);

#endif
