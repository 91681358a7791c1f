/* broadcast plugin: audiences and the member's copy.
 *
 * Who is in an audience is other plugins' knowledge: the request
 * broadcast.audience {"segment", "days", "role"} is answered by the plugin
 * that knows (subscriptions: active, grace, expired; users: all, role,
 * inactive) with the ids comma-separated. This plugin reads no other
 * plugin's tables. */
#include <string.h>

#include "bc.h"

/* See bc.h. */
bc_audience fb__bc_flow_audience(fb_ctx *c)
{
    return (bc_audience){.seg = fb_flow_str(c, "seg"),
                         .days = fb_flow_int(c, "days", 0),
                         .role = fb_flow_str(c, "role")};
}

/* See bc.h. */
const char *fb__bc_label(fb_ctx *c, const bc_audience *a)
{
    static const char *const names[][2] = {{"all", "All members"},
                                           {"active", "Active members"},
                                           {"expired", "Expired members"},
                                           {"grace", "Members in grace"}};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(a->seg, names[i][0]) == 0)
            return names[i][1];
    if (strcmp(a->seg, "inactive") == 0)
        return fb_plainf(c, "Inactive for %lld days", (long long)a->days);
    return fb_plainf(c, "Role: %s", a->role);
}

/* See bc.h. */
const char *fb__bc_ids(fb_ctx *c, const bc_audience *a, int *n)
{
    const char *ids;

    *n = 0;
    if (fb_request(c, "broadcast.audience",
                   fb_jsonf(c,
                            "{\"segment\":\"%s\",\"days\":%lld,"
                            "\"role\":\"%s\"}",
                            a->seg, (long long)a->days, a->role)) < 1)
        return NULL;
    ids = fb_response(c, 0);
    if (ids && *ids)
        for (const char *p = ids, *q; p; p = q ? q + 1 : NULL, ++*n)
            q = strchr(p, ',');
    return ids;
}

/* See bc.h. */
const char *fb__bc_cut(fb_ctx *c, const char *s, size_t n)
{
    char *out = fb_alloc(c, n + 1);

    if (out)
        memcpy(out, s, n);
    return out ? out : "";
}

/* See bc.h. */
const char *fb__bc_render(fb_ctx *c, const char *body, const char *name)
{
    const char *out = "", *p = body, *hit;

    while ((hit = strstr(p, "{name}")) != NULL) {
        out = fb_strf(c, "%-s%s%s", out, fb__bc_cut(c, p, (size_t)(hit - p)),
                      name);
        p = hit + 6;
    }
    return fb_strf(c, "%-s%s", out, p);
}

/* See bc.h. */
const char *fb__bc_name(fb_ctx *c, int64_t user)
{
    const char *name = fb_user_name(c, user);

    return name && *name ? name : "member";
}

/* See bc.h. */
int64_t fb__bc_length(const char *body)
{
    int64_t n = 0;

    for (const char *p = body; *p; p++) {
        if (strncmp(p, "{name}", 6) == 0) {
            n += BC_NAME_ROOM;
            p += 5;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            /* Telegram counts UTF-16 units: a 4-byte character is two */
            n += ((unsigned char)*p & 0xF8) == 0xF0 ? 2 : 1;
        }
    }
    return n;
}
