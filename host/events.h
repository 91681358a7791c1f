/* events: publish name + JSON inside the publisher's transaction.
 *
 * Every subscriber of every loaded plugin (plugin order, then declaration
 * order) runs at once, in the same transaction, with an event context
 * (fb_event_name / fb_event_json). A failing subscriber fails the publish
 * and marks the transaction to roll back, so all commit or none does.
 * Nesting is bounded (FB__EVENTS_MAX_DEPTH). A request (minor 2) is the
 * same run whose subscribers may answer (fb_respond); the answers are kept
 * in the requesting context, in plugin order. */
#ifndef FITBOT_EVENTS_H
#define FITBOT_EVENTS_H

#include "api.h"
#include "fitbot/plugin.h"

#define FB__EVENTS_MAX_DEPTH 8

/* Run every subscriber of event with json (NULL: "{}") from context c
 * (its plugin publishes; NULL plugin = the host). Returns 0 when every
 * subscriber returned FB_OK, -1 otherwise (bad name or JSON, too deep,
 * a subscriber failed: logged, transaction marked failed). */
int fb__events_publish(fb_ctx *c, const char *event, const char *json);

/* Run every subscriber of request name like an event, each able to answer
 * into c's answers (reset first). Returns the number of answers, or -1
 * (as fb__events_publish: refused or a subscriber failed). */
int fb__events_request(fb_ctx *c, const char *name, const char *json);

/* Append a copy of text (from plugin, a name that outlives t) to a, in
 * t's memory. Returns 0 or -1 (no memory). */
int fb__events_answer(fb__txn *t, fb__answers *a, const char *text,
                      const char *plugin);

/* Number of subscribers event has among the loaded plugins of c. */
int fb__events_count(fb_ctx *c, const char *event);

#endif
