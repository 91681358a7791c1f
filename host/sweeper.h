/* sweeper: conversations past their deadline are ended through their
 * flow's timeout hook, one transaction each (rows are taken with SKIP
 * LOCKED, so two hosts never time out the same one). Run at start too, so
 * a conversation abandoned while the host was down times out after a
 * restart. A hook that fails is logged; the conversation is then dropped
 * without it, so one bad hook cannot stall the sweep. */
#ifndef FITBOT_SWEEPER_H
#define FITBOT_SWEEPER_H

#include "api.h"

/* Time out up to max expired conversations. Returns how many were ended
 * (hook run or dropped), -1 if the database was unreachable. */
int fb__sweeper_tick(fb__core *core, int max);

/* Forget processed update ids older than keep_s (dedup table upkeep).
 * Returns the number deleted or -1 (logged). */
long long fb__sweeper_prune(fb__core *core, int keep_s);

#endif
