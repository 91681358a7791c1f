/* host/quarantine: updates that cannot be handled, set aside (promise 10).
 *
 * An update not handled (its transient retries exhausted, or its frame
 * could not run) counts one failed run in fb_quarantine; at
 * quarantine_after runs it is held: the user is told once (a press is
 * answered), it is logged (event=quarantined) and the poller may
 * acknowledge it, so every other chat keeps flowing. An update without a
 * readable update_id, and a getUpdates body that does not parse, are held
 * at once. Operators list and replay held rows (`fitbot quarantine`). */
#ifndef FITBOT_HOST_QUARANTINE_H
#define FITBOT_HOST_QUARANTINE_H

#include <stdio.h>

#include "api.h"
#include "config.h"

#define FB__TEXT_QUARANTINED                                                 \
    "Sorry, that could not be handled; it was set aside for the bot's "      \
    "operators, who have been told."

/* Count one failed run of u (its update_id; held at once when u is NULL or
 * has_id is 0) with its raw text and error, in a transaction of its own.
 * Returns 1 when the update is held (now or before: it counts as handled),
 * 0 when only counted, -1 when the database could not take it. */
int fb__quarantine_fail(fb__core *core, const fb__update *u, int has_id,
                        const char *raw, const char *error);

/* `fitbot quarantine list`: the held rows, one a line, to out. Returns 0,
 * or -1 (printed). */
int fb__quarantine_list(const fb__config *cfg, FILE *out);

#endif
