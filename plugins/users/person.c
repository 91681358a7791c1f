/* users plugin: a person — the core fb_users row and their profile — as
 * loaded, shown and audited. */
#include <string.h>

#include "texts.h"
#include "users.h"

static const char *const role_names[] = {[FB_ROLE_MEMBER] = R_MEMBER,
                                         [FB_ROLE_STAFF] = R_STAFF,
                                         [FB_ROLE_ADMIN] = R_ADMIN};

/* See users.h. One row always: an unknown id reads as NULLs ("" and 0). */
usr_person fb__usr_load(fb_ctx *c, int64_t id)
{
    fb_rows *r = fb_sql(
        c,
        "SELECT (u.id IS NOT NULL)::int, coalesce(nullif(p.full_name, ''),"
        " nullif(u.first_name, ''), 'id ' || u.id::text), u.username,"
        " CASE WHEN u.id = $2 THEN 3 ELSE coalesce(array_position("
        " ARRAY['member', 'staff', 'admin'], u.role), 0) END,"
        " u.banned::int, u.ban_reason, (p.user_id IS NOT NULL)::int, p.phone,"
        " p.age, p.weight_kg::text, p.gender, p.photo_file_id, p.status"
        " FROM (SELECT $1::bigint AS id) q"
        " LEFT JOIN fb_users u ON u.id = q.id"
        " LEFT JOIN users_profiles p ON p.user_id = q.id",
        id, fb_super_admin(c));

    return (usr_person){.id = id,
                        .known = (int)fb_int(c, r, 0, 0),
                        .display = fb_str(c, r, 0, 1),
                        .username = fb_str(c, r, 0, 2),
                        .role = (fb_role)fb_int(c, r, 0, 3),
                        .banned = (int)fb_int(c, r, 0, 4),
                        .ban_reason = fb_str(c, r, 0, 5),
                        .has_profile = (int)fb_int(c, r, 0, 6),
                        .phone = fb_str(c, r, 0, 7),
                        .age = (int)fb_int(c, r, 0, 8),
                        .weight = fb_str(c, r, 0, 9),
                        .gender = fb_str(c, r, 0, 10),
                        .photo = fb_str(c, r, 0, 11),
                        .status = fb_str(c, r, 0, 12)};
}

/* See users.h. */
const char *fb__usr_card(fb_ctx *c, const usr_person *p)
{
    const char *card = fb_strf(c, T_CARD_HEAD, p->display, p->id,
                               *p->username ? " · @" : "", p->username);

    if (p->has_profile)
        card = fb_strf(c, "%-s" T_CARD_PROFILE "%-s", card, p->phone, p->age,
                       p->weight, p->gender, *p->photo ? T_CARD_PHOTO : "");
    card = fb_strf(c, "%-s" T_CARD_ROLE, card, fb__usr_role_name(p->role),
                   *p->status ? p->status : T_STATUS_NONE);
    if (p->banned)
        card = fb_strf(c, "%-s" T_CARD_BANNED, card, p->ban_reason);
    return card;
}

/* See users.h. */
const char *fb__usr_role_name(fb_role r)
{
    return r >= FB_ROLE_MEMBER && r <= FB_ROLE_ADMIN ? role_names[r] : R_NONE;
}

/* See users.h. */
fb_role fb__usr_role_named(const char *name)
{
    for (fb_role r = FB_ROLE_MEMBER; name && r <= FB_ROLE_ADMIN; r++)
        if (strcmp(name, role_names[r]) == 0)
            return r;
    return FB_ROLE_UNKNOWN;
}

/* See users.h. */
void fb__usr_audit(fb_ctx *c, int64_t id, const char *action,
                   const char *detail)
{
    fb_sql_exec(c,
                "INSERT INTO users_audit (user_id, actor, action, detail)"
                " VALUES ($1, $2, $3, $4)",
                id, fb_user(c), action, detail);
}

/* See users.h. */
void fb__usr_publish(fb_ctx *c, const char *event, int64_t id)
{
    fb_publish(c, event, fb_jsonf(c, "{\"user_id\":%" PRId64 "}", id));
}
