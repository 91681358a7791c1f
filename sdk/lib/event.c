/* event: members of the current event's or request's JSON (ABI 1.2). */
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* See sdk.h. Only running out of memory is a failure. */
const char *fb_event_str(fb_ctx *c, const char *key)
{
    const char *json = fb_event_json(c);
    size_t len;
    char *buf;

    if (!json || !key)
        return NULL;
    len = strlen(json) + 1; /* a member's text is never longer */
    buf = fb__alloc(c, "fb_event_str", len);
    return buf && fb_json_get_str(json, key, buf, len) == 0 ? buf : NULL;
}

/* See sdk.h. */
int64_t fb_event_int(fb_ctx *c, const char *key, int64_t dflt)
{
    const char *json = fb_event_json(c);
    int64_t v;

    return json && key && fb_json_get_int64(json, key, &v) == 0 ? v : dflt;
}
