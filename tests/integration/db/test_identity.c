/* host/identity against a real PostgreSQL: upsert, roles, bans, blocked
 * chats, the super admin, and 64-bit ids. */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dbtest.h"
#include "identity.h"

static char err[512];

static void setup(void)
{
    fbt_fixture_migrated();
    err[0] = '\0';
}

static long long count_where(const char *cond)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM fb_users WHERE %s", cond);
    return fbtc_scalar(fbt_db.conn, sql);
}

START_TEST(identity_touch_inserts_then_updates)
{
    fb_role role = FB_ROLE_ADMIN;
    int banned = 1;

    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 42, "Asha", "Rao", "asha",
                                        0, &role, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(role, FB_ROLE_ANYONE);
    ck_assert_int_eq(banned, 0);
    ck_assert_int_eq(
        count_where("id = 42 AND first_name = 'Asha' AND last_name = "
                    "'Rao' AND username = 'asha' AND role = 'none'"),
        1);
    /* NULL keeps, a value replaces */
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 42, "Asha K", NULL, NULL,
                                        0, &role, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(
        count_where("id = 42 AND first_name = 'Asha K' AND last_name = "
                    "'Rao' AND username = 'asha'"),
        1);
    ck_assert_int_eq(count_where("true"), 1);
    /* quotes and such are data, not SQL */
    ck_assert_int_eq(
        fb__identity_touch(fbt_db.conn, 43, "O'Brien'); DROP TABLE fb_users;--",
                           NULL, NULL, 0, NULL, NULL, err, sizeof err),
        0);
    ck_assert_int_eq(count_where("first_name LIKE 'O''Brien%'"), 1);
}
END_TEST

/* A known sender whose names did not change costs no write (no new row
 * version: xmin stays); a change, a blocked mark or the super admin's
 * role writes. Role and banned are read either way. */
START_TEST(identity_touch_writes_only_changes)
{
    fb_role role = FB_ROLE_ADMIN;
    int banned = 0;
    long long x0, x1;

    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 44, "Ira", NULL, "ira", 0,
                                        NULL, NULL, err, sizeof err),
                     0);
    fbtc_exec(fbt_db.conn, "UPDATE fb_users SET banned = true, role = "
                           "'member' WHERE id = 44");
    x0 = fbtc_scalar(fbt_db.conn, "SELECT xmin::text::bigint FROM fb_users "
                                  "WHERE id = 44");
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 44, "Ira", NULL, NULL, 0,
                                        &role, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(role, FB_ROLE_MEMBER);
    ck_assert_int_eq(banned, 1);
    x1 = fbtc_scalar(fbt_db.conn, "SELECT xmin::text::bigint FROM fb_users "
                                  "WHERE id = 44");
    ck_assert_int_eq(x1, x0); /* nothing changed: not written */
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 44, "Ira", "Sen", NULL, 0,
                                        NULL, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(count_where("id = 44 AND last_name = 'Sen' AND "
                                 "username = 'ira'"),
                     1);
    fbtc_exec(fbt_db.conn, "UPDATE fb_users SET blocked = true WHERE id = 44");
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 44, "Ira", NULL, NULL, 0,
                                        NULL, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(count_where("id = 44 AND NOT blocked"), 1);
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 44, "Ira", NULL, NULL, 44,
                                        &role, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(role, FB_ROLE_ADMIN);
    ck_assert_int_eq(count_where("id = 44 AND role = 'admin'"), 1);
}
END_TEST

START_TEST(identity_roles)
{
    fb_role role;

    ck_assert_int_eq(fb__identity_role(fbt_db.conn, 7, err, sizeof err), -1);
    ck_assert_int_eq(
        fb__identity_set_role(fbt_db.conn, 7, FB_ROLE_STAFF, err, sizeof err),
        0);
    ck_assert_int_eq(fb__identity_role(fbt_db.conn, 7, err, sizeof err),
                     FB_ROLE_STAFF);
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 7, "S", NULL, NULL, 0,
                                        &role, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(role, FB_ROLE_STAFF); /* touching keeps the role */
    ck_assert_int_eq(
        fb__identity_set_role(fbt_db.conn, 7, FB_ROLE_MEMBER, err, sizeof err),
        0);
    ck_assert_int_eq(fb__identity_role(fbt_db.conn, 7, err, sizeof err),
                     FB_ROLE_MEMBER);
    ck_assert_int_eq(
        fb__identity_set_role(fbt_db.conn, 7, (fb_role)9, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "bad role") != NULL, "%s", err);
    ck_assert_int_eq(fb__identity_role(fbt_db.conn, 7, err, sizeof err),
                     FB_ROLE_MEMBER);
    ck_assert_str_eq(fb__role_name(FB_ROLE_ADMIN), "admin");
    ck_assert_int_eq(fb__role_parse("staff"), FB_ROLE_STAFF);
    ck_assert_int_eq(fb__role_parse("root"), -1);
}
END_TEST

START_TEST(identity_super_admin_is_admin)
{
    fb_role role = FB_ROLE_ANYONE;
    int banned = 1;

    ck_assert_int_eq(
        fb__identity_set_role(fbt_db.conn, 99, FB_ROLE_MEMBER, err, sizeof err),
        0);
    ck_assert_int_eq(
        fb__identity_set_banned(fbt_db.conn, 99, 1, "oops", err, sizeof err),
        0);
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 99, "Boss", NULL, NULL, 99,
                                        &role, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(role, FB_ROLE_ADMIN);
    ck_assert_int_eq(banned, 0);
    ck_assert_int_eq(count_where("id = 99 AND role = 'admin'"), 1);
    /* someone else is not promoted */
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 100, "X", NULL, NULL, 99,
                                        &role, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(role, FB_ROLE_ANYONE);
}
END_TEST

START_TEST(identity_ban_and_unban)
{
    int banned = 0;

    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 5, "B", NULL, NULL, 0,
                                        NULL, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(banned, 0);
    ck_assert_int_eq(
        fb__identity_set_banned(fbt_db.conn, 5, 1, "spam", err, sizeof err), 0);
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 5, "B", NULL, NULL, 0,
                                        NULL, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(banned, 1);
    ck_assert_int_eq(count_where("id = 5 AND banned AND ban_reason = 'spam'"),
                     1);
    ck_assert_int_eq(
        fb__identity_set_banned(fbt_db.conn, 5, 0, "ignored", err, sizeof err),
        0);
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 5, "B", NULL, NULL, 0,
                                        NULL, &banned, err, sizeof err),
                     0);
    ck_assert_int_eq(banned, 0);
    ck_assert_int_eq(
        count_where("id = 5 AND NOT banned AND ban_reason IS NULL"), 1);
    /* banning someone never seen creates them */
    ck_assert_int_eq(
        fb__identity_set_banned(fbt_db.conn, 6, 1, NULL, err, sizeof err), 0);
    ck_assert_int_eq(count_where("id = 6 AND banned AND role = 'none'"), 1);
}
END_TEST

START_TEST(identity_blocked_chats)
{
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 8, "C", NULL, NULL, 0,
                                        NULL, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(
        fb__identity_mark_blocked(fbt_db.conn, 8, 1, err, sizeof err), 1);
    ck_assert_int_eq(count_where("id = 8 AND blocked"), 1);
    ck_assert_int_eq(fb__identity_mark_blocked(fbt_db.conn, -1001234567890LL, 1,
                                               err, sizeof err),
                     0);
    /* writing to us again means they unblocked the bot */
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 8, "C", NULL, NULL, 0,
                                        NULL, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(count_where("id = 8 AND NOT blocked"), 1);
}
END_TEST

START_TEST(identity_ids_round_trip_exactly)
{
    const int64_t ids[] = {4294967301LL, 9007199254740991LL, 9007199254740993LL,
                           INT64_MAX};
    char sql[256];
    fb_role role;

    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        ck_assert_int_eq(fb__identity_touch(fbt_db.conn, ids[i], "Big", NULL,
                                            NULL, 0, NULL, NULL, err,
                                            sizeof err),
                         0);
        ck_assert_int_eq(fb__identity_set_role(fbt_db.conn, ids[i],
                                               FB_ROLE_STAFF, err, sizeof err),
                         0);
        snprintf(sql, sizeof sql, "id::text = '%" PRId64 "' AND role = 'staff'",
                 ids[i]);
        ck_assert_int_eq(count_where(sql), 1);
        ck_assert_int_eq(
            fb__identity_role(fbt_db.conn, ids[i], err, sizeof err),
            FB_ROLE_STAFF);
        /* a neighbour id is a different user */
        ck_assert_int_eq(
            fb__identity_role(fbt_db.conn, ids[i] - 1, err, sizeof err), -1);
    }
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, INT64_MAX, NULL, NULL,
                                        NULL, INT64_MAX, &role, NULL, err,
                                        sizeof err),
                     0);
    ck_assert_int_eq(role, FB_ROLE_ADMIN);
    ck_assert_int_eq(count_where("true"), 4);
}
END_TEST

START_TEST(identity_errors_are_reported)
{
    fbtc_exec(fbt_db.conn, "DROP TABLE fb_users");
    ck_assert_int_eq(fb__identity_touch(fbt_db.conn, 1, "x", NULL, NULL, 0,
                                        NULL, NULL, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "fb_users") != NULL, "%s", err);
    ck_assert_int_eq(fb__identity_role(fbt_db.conn, 1, err, sizeof err), -2);
    ck_assert_int_eq(
        fb__identity_mark_blocked(fbt_db.conn, 1, 1, err, sizeof err), -1);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "identity",
                                   .tcase = "identity",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = fbt_fixture_drop,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, identity_touch_inserts_then_updates,
                    identity_touch_writes_only_changes, identity_roles,
                    identity_super_admin_is_admin, identity_ban_and_unban,
                    identity_blocked_chats, identity_ids_round_trip_exactly,
                    identity_errors_are_reported);
}
