/* host/convo against a real PostgreSQL: save/find, key precedence, row
 * locks, deletion, expired conversations taken once across connections. */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "convo.h"
#include "db.h"
#include "dbtest.h"

static char err[512];

static void setup(void)
{
    fbt_fixture_migrated();
    err[0] = '\0';
}

/* Save a conversation for (chat, user) in flow, deadline now + in_s. */
static void save(PGconn *c, int64_t chat, int64_t user, const char *flow,
                 int64_t in_s)
{
    fb__convo v = {0};

    v.key_chat = chat;
    v.key_user = user;
    snprintf(v.plugin, sizeof v.plugin, "test");
    snprintf(v.flow, sizeof v.flow, "%s", flow);
    snprintf(v.state, sizeof v.state, "start");
    v.deadline = (int64_t)time(NULL) + in_s;
    ck_assert_int_eq(fb__convo_data_set(&v, "flow", flow), 0);
    ck_assert_msg(fb__convo_save(c, &v, err, sizeof err) == 0, "%s", err);
    fb__convo_clear(&v);
}

static void expect_flow(int64_t chat, int64_t user, const char *flow)
{
    fb__convo v;
    int rc = fb__convo_find(fbt_db.conn, chat, user, &v, err, sizeof err);

    ck_assert_msg(rc == (flow ? 1 : 0), "find %" PRId64 "/%" PRId64 ": %d %s",
                  chat, user, rc, err);
    if (flow) {
        ck_assert_str_eq(v.flow, flow);
        ck_assert_str_eq(fb__convo_data_get(&v, "flow"), flow);
    }
    fb__convo_clear(&v);
}

START_TEST(convo_save_and_find_round_trip)
{
    fb__convo v = {0}, got;
    int64_t dl = (int64_t)time(NULL) + 600;

    v.key_chat = -1001234567890123LL;
    v.key_user = 9007199254740991LL;
    strcpy(v.plugin, "users");
    strcpy(v.flow, "register");
    strcpy(v.state, "ask_phone");
    v.deadline = dl;
    ck_assert_int_eq(fb__convo_data_set(&v, "name", "Ravi \"R\" Kumar <b>"), 0);
    ck_assert_int_eq(
        fb__convo_data_set(&v, "city",
                           "\xe0\xa4\xaa\xe0\xa5\x81\xe0\xa4\xa3\xe0\xa5\x87"),
        0);
    ck_assert_int_eq(fb__convo_save(fbt_db.conn, &v, err, sizeof err), 0);
    ck_assert_int_eq(fb__convo_find(fbt_db.conn, v.key_chat, v.key_user, &got,
                                    err, sizeof err),
                     1);
    ck_assert(got.key_chat == v.key_chat);
    ck_assert(got.key_user == v.key_user);
    ck_assert_str_eq(got.plugin, "users");
    ck_assert_str_eq(got.flow, "register");
    ck_assert_str_eq(got.state, "ask_phone");
    ck_assert(got.deadline == dl);
    ck_assert_str_eq(fb__convo_data_get(&got, "name"), "Ravi \"R\" Kumar <b>");
    ck_assert_str_eq(fb__convo_data_get(&got, "city"),
                     fb__convo_data_get(&v, "city"));
    ck_assert_ptr_null(fb__convo_data_get(&got, "missing"));
    /* save again = update in place */
    strcpy(got.state, "confirm");
    ck_assert_int_eq(fb__convo_data_set(&got, "name", NULL), 0);
    ck_assert_int_eq(fb__convo_save(fbt_db.conn, &got, err, sizeof err), 0);
    fb__convo_clear(&got);
    ck_assert_int_eq(fb__convo_find(fbt_db.conn, v.key_chat, v.key_user, &got,
                                    err, sizeof err),
                     1);
    ck_assert_str_eq(got.state, "confirm");
    ck_assert_ptr_null(fb__convo_data_get(&got, "name"));
    ck_assert_int_eq(fb__convo_count(fbt_db.conn, err, sizeof err), 1);
    fb__convo_clear(&got);
    fb__convo_clear(&v);
    /* INT64_MAX keys */
    save(fbt_db.conn, INT64_MAX, INT64_MAX, "max", 60);
    expect_flow(INT64_MAX, INT64_MAX, "max");
    expect_flow(INT64_MAX, INT64_MAX - 1, NULL);
}
END_TEST

START_TEST(convo_find_precedence)
{
    expect_flow(10, 20, NULL);
    save(fbt_db.conn, 0, 20, "per_user", 600);
    expect_flow(10, 20, "per_user");
    expect_flow(11, 20, "per_user"); /* follows the user across chats */
    save(fbt_db.conn, 10, 0, "per_chat", 600);
    expect_flow(10, 20, "per_chat");
    expect_flow(10, 21, "per_chat"); /* everyone in the chat */
    save(fbt_db.conn, 10, 20, "chat_user", 600);
    expect_flow(10, 20, "chat_user");
    expect_flow(10, 21, "per_chat");
    expect_flow(11, 20, "per_user");
    expect_flow(12, 22, NULL);
    /* expired ones are returned too: the caller decides */
    save(fbt_db.conn, 30, 40, "old", -100);
    expect_flow(30, 40, "old");
}
END_TEST

START_TEST(convo_find_locks_the_row)
{
    PGconn *other = fbtc_connect(fbt_db.conninfo);
    fb__convo v;

    save(fbt_db.conn, 1, 2, "f", 600);
    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__convo_find(fbt_db.conn, 1, 2, &v, err, sizeof err), 1);
    fb__convo_clear(&v);
    fbtc_exec(other, "SET lock_timeout = '100ms'");
    ck_assert_int_eq(fb__convo_find(other, 1, 2, &v, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "lock") != NULL, "%s", err);
    ck_assert_int_eq(fb__db_commit(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__convo_find(other, 1, 2, &v, err, sizeof err), 1);
    fb__convo_clear(&v);
    PQfinish(other);
}
END_TEST

START_TEST(convo_delete)
{
    save(fbt_db.conn, 1, 2, "f", 600);
    save(fbt_db.conn, 1, 0, "g", 600);
    ck_assert_int_eq(fb__convo_delete(fbt_db.conn, 1, 2, err, sizeof err), 1);
    ck_assert_int_eq(fb__convo_delete(fbt_db.conn, 1, 2, err, sizeof err), 0);
    expect_flow(1, 2, "g");
    ck_assert_int_eq(fb__convo_count(fbt_db.conn, err, sizeof err), 1);
}
END_TEST

START_TEST(convo_take_expired_skips_locked)
{
    PGconn *other = fbtc_connect(fbt_db.conninfo);
    fb__convo a[4], b[4];
    int na = -1, nb = -1;

    save(fbt_db.conn, 1, 1, "oldest", -30);
    save(fbt_db.conn, 2, 2, "older", -20);
    save(fbt_db.conn, 3, 3, "old", -10);
    save(fbt_db.conn, 4, 4, "live", 600);
    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__db_begin(other, err, sizeof err), 0);
    ck_assert_int_eq(
        fb__convo_take_expired(fbt_db.conn, 2, a, &na, err, sizeof err), 0);
    ck_assert_int_eq(na, 2);
    ck_assert_str_eq(a[0].flow, "oldest");
    ck_assert_str_eq(a[1].flow, "older");
    ck_assert_int_eq(fb__convo_take_expired(other, 4, b, &nb, err, sizeof err),
                     0);
    ck_assert_int_eq(
        nb, 1); /* the two held by fbt_db.conn are skipped, live is not due */
    ck_assert_str_eq(b[0].flow, "old");
    for (int i = 0; i < na; i++) {
        ck_assert_int_eq(fb__convo_delete(fbt_db.conn, a[i].key_chat,
                                          a[i].key_user, err, sizeof err),
                         1);
        fb__convo_clear(&a[i]);
    }
    ck_assert_int_eq(fb__db_commit(fbt_db.conn, err, sizeof err), 0);
    fb__convo_clear(&b[0]);
    ck_assert_int_eq(fb__db_rollback(other, err, sizeof err),
                     0); /* not handled */
    ck_assert_int_eq(
        fb__convo_take_expired(fbt_db.conn, 4, a, &na, err, sizeof err), 0);
    ck_assert_int_eq(na, 1);
    ck_assert_str_eq(a[0].flow, "old");
    fb__convo_clear(&a[0]);
    ck_assert_int_eq(
        fb__convo_take_expired(fbt_db.conn, 0, a, &na, err, sizeof err), -1);
    PQfinish(other);
}
END_TEST

START_TEST(convo_refuses_bad_data)
{
    fb__convo v = {0};

    v.key_chat = 1;
    strcpy(v.plugin, "p");
    strcpy(v.flow, "f");
    strcpy(v.state, "s");
    v.deadline = (int64_t)time(NULL);
    v.data = strdup("[1, 2]");
    ck_assert_int_eq(fb__convo_save(fbt_db.conn, &v, err, sizeof err), -1);
    ck_assert_ptr_null(fb__convo_data_get(&v, "x"));
    ck_assert_int_eq(fb__convo_data_set(&v, "x", "1"), -1);
    fb__convo_clear(&v);
    v.key_chat = 1;
    v.data = strdup("{not json");
    ck_assert_int_eq(fb__convo_save(fbt_db.conn, &v, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "json") != NULL, "%s", err);
    fb__convo_clear(&v);
    ck_assert_int_eq(fb__convo_count(fbt_db.conn, err, sizeof err), 0);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "convo",
                                   .tcase = "convo",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = fbt_fixture_drop,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, convo_save_and_find_round_trip, convo_find_precedence,
                    convo_find_locks_the_row, convo_delete,
                    convo_take_expired_skips_locked, convo_refuses_bad_data);
}
