/* host/identity: the core users table. See identity.h. */
#include "identity.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db.h"

static const char *const role_names[] = {"none", "member", "staff", "admin"};

const char *fb__role_name(fb_role role)
{
    if ((int)role < FB_ROLE_ANYONE || role > FB_ROLE_ADMIN)
        return "none";
    return role_names[role];
}

int fb__role_parse(const char *name)
{
    for (int i = 0; name && i <= FB_ROLE_ADMIN; i++)
        if (strcmp(name, role_names[i]) == 0)
            return i;
    return -1;
}

/* The upsert's values and what it sets on a conflict: names replace stored
 * ones only when given; the super admin is stored as admin; the user
 * writes to us, so the chat no longer blocks the bot; last_seen (for
 * "inactive for N days" audiences) is now. */
#define TOUCH_INSERT                                                           \
    "INSERT INTO fb_users AS u (id, first_name, last_name, username, role, "   \
    "last_seen) "                                                              \
    "VALUES ($1::bigint, $2, $3, $4, CASE WHEN $5::boolean THEN 'admin' "      \
    "ELSE 'none' END, now()) "                                                 \
    "ON CONFLICT (id) DO UPDATE SET "                                          \
    " first_name = COALESCE(EXCLUDED.first_name, u.first_name),"               \
    " last_name = COALESCE(EXCLUDED.last_name, u.last_name),"                  \
    " username = COALESCE(EXCLUDED.username, u.username),"                     \
    " role = CASE WHEN $5::boolean THEN 'admin' ELSE u.role END,"              \
    " blocked = false, updated_at = now(), last_seen = now() "

/* The upsert writing only when it changes something (most updates come
 * from a known sender whose names did not change: no new row version, no
 * WAL), last_seen included once it is an hour old (a day's precision is
 * what audiences need); the row as it stands otherwise (the conflicting row is locked
 * either way). No row when a concurrent transaction inserted the user
 * after this statement's snapshot: then touch_sql. */
static fb__db_stmt quick_sql = FB__DB_STMT(
    "WITH up AS (" TOUCH_INSERT
    "WHERE u.blocked OR ($5::boolean AND u.role <> 'admin')"
    " OR u.last_seen IS NULL OR u.last_seen < now() - interval '1 hour'"
    " OR COALESCE(EXCLUDED.first_name, u.first_name) IS DISTINCT FROM"
    " u.first_name"
    " OR COALESCE(EXCLUDED.last_name, u.last_name) IS DISTINCT FROM"
    " u.last_name"
    " OR COALESCE(EXCLUDED.username, u.username) IS DISTINCT FROM u.username"
    " RETURNING role, banned) "
    "SELECT role, banned FROM up UNION ALL SELECT role, banned FROM fb_users "
    "WHERE id = $1::bigint AND NOT EXISTS (SELECT FROM up)",
    5);

/* Always writes; returns the row's role and banned flag. */
static fb__db_stmt touch_sql =
    FB__DB_STMT(TOUCH_INSERT "RETURNING role, banned", 5);

/* See identity.h. */
void fb__identity_touch_call(fb__db_call *c, int64_t user_id, const char *first,
                             const char *last, const char *username,
                             int64_t super_admin)
{
    int is_super = super_admin != 0 && super_admin == user_id;

    snprintf(c->nums[0], sizeof c->nums[0], "%" PRId64, user_id);
    c->st = &quick_sql;
    c->params[0] = c->nums[0];
    c->params[1] = first;
    c->params[2] = last;
    c->params[3] = username;
    c->params[4] = is_super ? "t" : "f";
}

/* See identity.h. */
int fb__identity_touched(PGconn *conn, fb__db_call *c, fb_role *role,
                         int *banned, char *err, size_t errlen)
{
    fb_rows r = {0};
    int parsed;

    if (c->res && PQntuples(c->res) == 0) { /* inserted meanwhile */
        PQclear(c->res);
        c->st = &touch_sql;
        fb__db_xcall(conn, c, err, errlen);
    }
    if (!c->res)
        return -1;
    r.res = c->res;
    if (fb__rows_count(&r) != 1) {
        fb__db_seterr(err, errlen, "user %s not stored", c->nums[0]);
        return -1;
    }
    parsed = fb__role_parse(fb__rows_get(&r, 0, 0));
    if (parsed < 0) {
        fb__db_seterr(err, errlen, "user %s has an unknown role", c->nums[0]);
        return -1;
    }
    if (role)
        *role = (fb_role)parsed;
    if (banned)
        *banned =
            c->params[4][0] != 't' && strcmp(fb__rows_get(&r, 0, 1), "t") == 0;
    return 0;
}

int fb__identity_touch(PGconn *conn, int64_t user_id, const char *first,
                       const char *last, const char *username,
                       int64_t super_admin, fb_role *role, int *banned,
                       char *err, size_t errlen)
{
    fb__db_call c = {0};
    int rc;

    fb__identity_touch_call(&c, user_id, first, last, username, super_admin);
    fb__db_xcall(conn, &c, err, errlen);
    rc = fb__identity_touched(conn, &c, role, banned, err, errlen);
    fb__db_calls_clear(&c, 1);
    return rc;
}

int fb__identity_role(PGconn *conn, int64_t id, char *err, size_t errlen)
{
    char ids[24];
    const char *p[1] = {ids};
    fb_rows *r;
    int role;

    snprintf(ids, sizeof ids, "%" PRId64, id);
    r = fb__db_query(conn, "SELECT role FROM fb_users WHERE id = $1::bigint", 1,
                     p, err, errlen);
    if (!r)
        return -2;
    if (fb__rows_count(r) == 0) {
        role = -1;
    } else {
        role = fb__role_parse(fb__rows_get(r, 0, 0));
        if (role < 0) {
            fb__db_seterr(err, errlen, "unknown stored role");
            role = -2;
        }
    }
    fb__rows_free(r);
    return role;
}

int fb__identity_name(PGconn *conn, int64_t id, char *out, size_t len,
                      char *err, size_t errlen)
{
    char ids[24];
    const char *p[1] = {ids};
    fb_rows *r;
    int rc;

    snprintf(ids, sizeof ids, "%" PRId64, id);
    r = fb__db_query(conn,
                     "SELECT COALESCE(NULLIF(display_name, ''), "
                     "btrim(COALESCE(first_name, '') || ' ' || "
                     "COALESCE(last_name, ''))) FROM fb_users "
                     "WHERE id = $1::bigint",
                     1, p, err, errlen);
    if (!r)
        return -1;
    rc = fb__rows_count(r) == 1;
    if (rc && len)
        snprintf(out, len, "%s", fb__rows_get(r, 0, 0));
    fb__rows_free(r);
    return rc;
}

int fb__identity_set_name(PGconn *conn, int64_t id, const char *name, char *err,
                          size_t errlen)
{
    char ids[24];
    const char *p[2] = {ids, name && name[0] ? name : NULL};
    int rc;

    snprintf(ids, sizeof ids, "%" PRId64, id);
    rc = fb__db_changed(conn,
                        "UPDATE fb_users SET display_name = $2, "
                        "updated_at = now() WHERE id = $1::bigint",
                        2, p, err, errlen);
    if (rc == 0)
        fb__db_seterr(err, errlen, "unknown user %" PRId64, id);
    return rc == 1 ? 0 : -1;
}

int fb__identity_set_role(PGconn *conn, int64_t id, fb_role role, char *err,
                          size_t errlen)
{
    char ids[24];
    const char *p[2] = {ids, NULL};

    if ((int)role < FB_ROLE_ANYONE || role > FB_ROLE_ADMIN) {
        fb__db_seterr(err, errlen, "bad role %d", (int)role);
        return -1;
    }
    p[1] = role_names[role];
    snprintf(ids, sizeof ids, "%" PRId64, id);
    return fb__db_run(conn,
                      "INSERT INTO fb_users AS u (id, role) "
                      "VALUES ($1::bigint, $2) ON CONFLICT (id) DO UPDATE "
                      "SET role = EXCLUDED.role, updated_at = now()",
                      2, p, err, errlen);
}

int fb__identity_set_banned(PGconn *conn, int64_t id, int banned,
                            const char *reason, char *err, size_t errlen)
{
    char ids[24];
    const char *p[3] = {ids, banned ? "t" : "f", banned ? reason : NULL};

    snprintf(ids, sizeof ids, "%" PRId64, id);
    return fb__db_run(conn,
                      "INSERT INTO fb_users AS u (id, banned, ban_reason) "
                      "VALUES ($1::bigint, $2::boolean, $3) "
                      "ON CONFLICT (id) DO UPDATE SET banned = "
                      "EXCLUDED.banned, ban_reason = EXCLUDED.ban_reason, "
                      "updated_at = now()",
                      3, p, err, errlen);
}

int fb__identity_mark_blocked(PGconn *conn, int64_t chat_id, int blocked,
                              char *err, size_t errlen)
{
    char ids[24];
    const char *p[2] = {ids, blocked ? "t" : "f"};

    snprintf(ids, sizeof ids, "%" PRId64, chat_id);
    return fb__db_changed(conn,
                          "UPDATE fb_users SET blocked = $2::boolean, "
                          "updated_at = now() WHERE id = $1::bigint",
                          2, p, err, errlen);
}
