/* users plugin: the users_profiles table and the core fb_users row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "users.h"

static void copy(char *dst, size_t len, const char *src)
{
    snprintf(dst, len, "%s", src ? src : "");
}

static fb_role role_of(const char *s)
{
    if (!s)
        return FB_ROLE_ANYONE;
    if (strcmp(s, "admin") == 0)
        return FB_ROLE_ADMIN;
    if (strcmp(s, "staff") == 0)
        return FB_ROLE_STAFF;
    if (strcmp(s, "member") == 0)
        return FB_ROLE_MEMBER;
    return FB_ROLE_ANYONE;
}

static const char *const LOAD_SQL =
    "SELECT u.id, coalesce(nullif(p.full_name, ''), nullif(u.first_name, ''),"
    " 'id ' || u.id::text),"
    " coalesce(u.username, ''), u.role, u.banned, u.ban_reason,"
    " p.user_id IS NOT NULL, p.phone, p.age, p.weight_kg::text, p.gender,"
    " coalesce(p.photo_file_id, ''), p.status"
    " FROM fb_users u LEFT JOIN users_profiles p ON p.user_id = u.id"
    " WHERE u.id = $1::bigint";

/* Fill p from row 0 of r. */
static void person_from_row(fb_ctx *c, fb_rows *r, usr_person *p)
{
    p->id = strtoll(fb_rows_get(c, r, 0, 0), NULL, 10);
    copy(p->display, sizeof p->display, fb_rows_get(c, r, 0, 1));
    copy(p->username, sizeof p->username, fb_rows_get(c, r, 0, 2));
    p->role = role_of(fb_rows_get(c, r, 0, 3));
    p->banned = strcmp(fb_rows_get(c, r, 0, 4), "t") == 0;
    copy(p->ban_reason, sizeof p->ban_reason, fb_rows_get(c, r, 0, 5));
    p->has_profile = strcmp(fb_rows_get(c, r, 0, 6), "t") == 0;
    copy(p->phone, sizeof p->phone, fb_rows_get(c, r, 0, 7));
    /* NOLINTNEXTLINE(cert-err34-c): an integer column of our own table */
    p->age = p->has_profile ? atoi(fb_rows_get(c, r, 0, 8)) : 0;
    copy(p->weight, sizeof p->weight, fb_rows_get(c, r, 0, 9));
    copy(p->gender, sizeof p->gender, fb_rows_get(c, r, 0, 10));
    copy(p->photo, sizeof p->photo, fb_rows_get(c, r, 0, 11));
    copy(p->status, sizeof p->status, fb_rows_get(c, r, 0, 12));
}

/* See users.h. */
int fb__usr_load(fb_ctx *c, int64_t id, usr_person *p)
{
    char ids[21];
    const char *params[1] = {fb_int64_str(id, ids)};
    fb_rows *r;
    int found;

    memset(p, 0, sizeof *p);
    r = fb_query(c, LOAD_SQL, 1, params);
    if (!r)
        return -1;
    found = fb_rows_count(c, r) > 0;
    if (found)
        person_from_row(c, r, p);
    if (found && id == fb_super_admin(c))
        p->role = FB_ROLE_ADMIN;
    fb_rows_free(c, r);
    return found;
}

/* Run a statement; returns affected rows or -1. */
static long long exec(fb_ctx *c, const char *sql, int n,
                      const char *const *params)
{
    fb_rows *r = fb_query(c, sql, n, params);
    long long affected;

    if (!r)
        return -1;
    affected = fb_rows_affected(c, r);
    fb_rows_free(c, r);
    return affected;
}

/* See users.h. */
int fb__usr_save_profile(fb_ctx *c, const char *status)
{
    static const char *const sql =
        "INSERT INTO users_profiles (user_id, full_name, phone, age,"
        " weight_kg, gender, photo_file_id, status)"
        " VALUES ($1::bigint, $2, $3, $4::int, $5::numeric, $6, $7, $8)"
        " ON CONFLICT (user_id) DO UPDATE SET full_name = $2, phone = $3,"
        " age = $4::int, weight_kg = $5::numeric, gender = $6,"
        " photo_file_id = $7, status = $8, decided_by = NULL,"
        " decided_at = NULL, updated_at = now()";
    char ids[21];
    const char *p[8] = {fb_int64_str(fb_user(c), ids), fb_flow_get(c, "name"),
                        fb_flow_get(c, "phone"),       fb_flow_get(c, "age"),
                        fb_flow_get(c, "weight"),      fb_flow_get(c, "gender"),
                        fb_flow_get(c, "photo"),       status};
    int i;

    for (i = 0; i < 6; i++)
        if (!p[i] || !*p[i])
            return -1;
    if (p[6] && !*p[6])
        p[6] = NULL;
    return exec(c, sql, 8, p) == 1 ? 0 : -1;
}

/* See users.h. */
int fb__usr_decide_once(fb_ctx *c, int64_t id, const char *status)
{
    static const char *const sql =
        "UPDATE users_profiles SET status = $2, decided_by = $3::bigint,"
        " decided_at = now(), updated_at = now()"
        " WHERE user_id = $1::bigint AND status = 'pending'";
    char ids[21], by[21];
    const char *p[3] = {fb_int64_str(id, ids), status,
                        fb_int64_str(fb_user(c), by)};
    long long n = exec(c, sql, 3, p);

    return n < 0 ? -1 : n > 0;
}

/* See users.h. */
int fb__usr_approvers(fb_ctx *c, int64_t *ids, int max)
{
    static const char *const sql =
        "SELECT id FROM fb_users WHERE role IN ('staff', 'admin')"
        " AND NOT banned AND NOT blocked AND id <> $1::bigint ORDER BY id";
    int64_t super = fb_super_admin(c);
    char sup[21];
    const char *p[1] = {fb_int64_str(super, sup)};
    fb_rows *r = fb_query(c, sql, 1, p);
    int i, n = 0;

    if (!r)
        return -1;
    if (super > 0 && n < max)
        ids[n++] = super;
    for (i = 0; i < fb_rows_count(c, r) && n < max; i++)
        ids[n++] = strtoll(fb_rows_get(c, r, i, 0), NULL, 10);
    fb_rows_free(c, r);
    return n;
}

/* See users.h. */
int fb__usr_delete(fb_ctx *c, int64_t id)
{
    char ids[21];
    const char *p[1] = {fb_int64_str(id, ids)};

    return exec(c, "DELETE FROM fb_users WHERE id = $1::bigint", 1, p) < 0 ? -1
                                                                           : 0;
}

/* See users.h. */
int fb__usr_audit(fb_ctx *c, int64_t id, const char *action, const char *detail)
{
    static const char *const sql =
        "INSERT INTO users_audit (user_id, actor, action, detail)"
        " VALUES ($1::bigint, $2::bigint, $3, $4)";
    char ids[21], actor[21];
    const char *p[4] = {fb_int64_str(id, ids), fb_int64_str(fb_user(c), actor),
                        action, detail};

    return exec(c, sql, 4, p) == 1 ? 0 : -1;
}
