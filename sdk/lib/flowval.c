/* flowval: typed flow values and "where is the conversation" (ABI 1.2).
 * Values are stored as their canonical text: decimal int64, YYYY-MM-DD. */
#include <inttypes.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

static int set(fb_ctx *c, const char *who, const char *key, const char *v)
{
    if (!key)
        return fb__failf(c, "%s: NULL key", who);
    if (fb_flow_set(c, key, v) != FB_OK)
        return fb__failf(c, "%s: cannot store \"%s\" (no conversation?)", who,
                         key);
    return FB_OK;
}

/* See sdk.h. */
int fb_flow_set_int(fb_ctx *c, const char *key, int64_t v)
{
    char num[21];

    return set(c, "fb_flow_set_int", key, fb_int64_str(v, num));
}

/* See sdk.h. */
int64_t fb_flow_int(fb_ctx *c, const char *key, int64_t dflt)
{
    const char *s = key ? fb_flow_get(c, key) : NULL;
    int64_t v;

    return s && fb_parse_int64(s, INT64_MIN, INT64_MAX, &v) == 0 ? v : dflt;
}

/* See sdk.h. A date that does not exist (2030-02-30) is a failure. */
int fb_flow_set_date(fb_ctx *c, const char *key, fb_date d)
{
    char iso[11];
    fb_date back;

    fb_date_str(&d, iso);
    if (fb_parse_date(iso, &back) != 0 || memcmp(&back, &d, sizeof d) != 0)
        return fb__failf(c, "fb_flow_set_date: %d-%d-%d is not a date", d.year,
                         d.month, d.day);
    return set(c, "fb_flow_set_date", key, iso);
}

/* See sdk.h. */
fb_date fb_flow_date(fb_ctx *c, const char *key)
{
    const char *s = key ? fb_flow_get(c, key) : NULL;
    fb_date d = {0, 0, 0};

    if (s && fb_parse_date(s, &d) != 0)
        memset(&d, 0, sizeof d);
    return d;
}

/* See sdk.h. */
const char *fb_flow_str(fb_ctx *c, const char *key)
{
    const char *s = key ? fb_flow_get(c, key) : NULL;

    return s ? s : "";
}

/* See sdk.h. */
int fb_in_flow(fb_ctx *c, const char *flow, const char *state)
{
    const char *name = fb_flow_name(c), *st = fb_flow_state(c);

    if (!flow || !name || strcmp(name, flow) != 0)
        return 0;
    return !state || (st && strcmp(st, state) == 0);
}
