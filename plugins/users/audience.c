/* users plugin: the audiences of a broadcast that follow from people
 * themselves (request broadcast.audience, asked by the broadcast plugin).
 *
 *   {"segment": "all"}                 every member, staff and admin
 *   {"segment": "role", "role": R}     those of role R (member|staff|admin)
 *   {"segment": "inactive", "days": N} members who have not written to the
 *                                      bot for N days (fb_users.last_seen)
 * Answer: their ids, comma-separated ("" for nobody), banned people left
 * out. Other segments are not answered here. */
#include <string.h>

#include "users.h"

static const char *const ids_sql =
    "SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM fb_users"
    " WHERE NOT banned AND role IN ('member', 'staff', 'admin')"
    " AND ($1 = 'all'"
    "  OR ($1 = 'role' AND role = $2)"
    "  OR ($1 = 'inactive' AND role = 'member'"
    "      AND coalesce(last_seen, created_at) <"
    "          to_timestamp($3::bigint) - make_interval(days => $4::int)))";

/* broadcast.audience: answer the segments above. */
int fb__usr_audience(fb_ctx *c)
{
    const char *seg = fb_event_str(c, "segment");
    const char *role = fb_event_str(c, "role");
    int64_t days = fb_event_int(c, "days", -1);

    if (!seg)
        return FB_OK;
    if (strcmp(seg, "role") == 0 &&
        (!role || (strcmp(role, "member") != 0 && strcmp(role, "staff") != 0 &&
                   strcmp(role, "admin") != 0)))
        return FB_OK;
    if (strcmp(seg, "inactive") == 0 && (days < 1 || days > 3650))
        return FB_OK;
    if (strcmp(seg, "all") != 0 && strcmp(seg, "role") != 0 &&
        strcmp(seg, "inactive") != 0)
        return FB_OK;
    return fb_respond(c, fb_sql_str(c, ids_sql, seg, role ? role : "",
                                    fb_now(c), days < 0 ? 0 : days));
}
