/* events: publish name + JSON inside the publisher's transaction.
 *
 * Every subscriber of every loaded plugin (plugin order, then declaration
 * order) runs at once, in the same transaction, with an event context
 * (fb_event_name / fb_event_json). A failing subscriber fails the publish
 * and marks the transaction to roll back, so all commit or none does.
 * Nesting is bounded (FB__EVENTS_MAX_DEPTH). */
#ifndef FITBOT_EVENTS_H
#define FITBOT_EVENTS_H

#include "fitbot/plugin.h"

#define FB__EVENTS_MAX_DEPTH 8

/* Run every subscriber of event with json (NULL: "{}") from context c
 * (its plugin publishes; NULL plugin = the host). Returns 0 when every
 * subscriber returned FB_OK, -1 otherwise (bad name or JSON, too deep,
 * a subscriber failed: logged, transaction marked failed). */
int fb__events_publish(fb_ctx *c, const char *event, const char *json);

/* Number of subscribers event has among the loaded plugins of c. */
int fb__events_count(fb_ctx *c, const char *event);

#endif
