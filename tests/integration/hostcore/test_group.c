/* Several waiting updates in one transaction (host/dispatch,
 * updates_per_transaction): with one worker, a /nap holds it while the
 * next getUpdates batch queues up behind; the updates of different chats
 * and users that waited are handled in one transaction, each still
 * claimed, answered and rolled back on its own terms. Which transaction
 * wrote a tp_marks row is its xmin. */
#include "hc.h"

#define Z INT64_C(9100)    /* holds the poller: the next batch waits */
#define A INT64_C(9101)    /* holds the worker: the batch queues up */
#define BASE INT64_C(9110) /* the users whose updates wait */

static fbt_env *start(const char *extra)
{
    char conf[256];
    fbt_env *e;
    snprintf(conf, sizeof conf, "workers = 1\n%s", extra ? extra : "");
    e = hc_start(conf, 0);
    ck_assert_msg(e, "start failed");
    HC_OK(fbt_user(e, Z, "Zed", NULL), e);
    HC_OK(fbt_user(e, A, "Ann", NULL), e);
    for (int i = 0; i < 8; i++)
        HC_OK(fbt_user(e, BASE + i, "U", NULL), e);
    return e;
}

/* Z's nap is fetched alone; A's nap and the texts (user BASE + i says
 * texts[i]) come in the next batch, which waits for it: they queue up
 * behind A's nap in the one worker. */
static void queue_behind(fbt_env *e, const char *const *texts, int n)
{
    HC_OK(fbt_say(e, Z, "/nap 600"), e);
    usleep(200 * 1000);
    HC_OK(fbt_say(e, A, "/nap 300"), e);
    for (int i = 0; i < n; i++)
        HC_OK(fbt_say(e, BASE + i, texts[i]), e);
    HC_EXPECT(e, Z, "nap: done");
    HC_EXPECT(e, A, "nap: done");
}

/* How many transactions wrote the tp_marks rows of these kinds (whats,
 * comma-separated), of user who (0: anyone's). */
static long long txns_of(fbt_env *e, const char *whats, int64_t who)
{
    char id[24];
    const char *p[] = {whats, id};
    snprintf(id, sizeof id, "%" PRId64, who);
    return fbtc_sql_int(e,
                        "SELECT count(DISTINCT xmin::text) FROM tp_marks "
                        "WHERE what = ANY (string_to_array($1, ',')) "
                        "AND ($2::bigint = 0 OR who = $2::bigint)",
                        2, p);
}

START_TEST(waiting_updates_share_a_transaction)
{
    static const char *const notes[8] = {"/note", "/note", "/note", "/note",
                                         "/note", "/note", "/note", "/note"};
    fbt_env *e = start(NULL);
    queue_behind(e, notes, 8);
    for (int i = 0; i < 8; i++) {
        HC_EXPECT(e, BASE + i, "note: ok");
        HC_OK(fbt_quiet(e, BASE + i, 300), e);
    }
    ck_assert_int_eq(hc_marks(e, "note"), 8);
    /* alone, eight transactions; together, one (or two when the worker
     * took A's nap with the first of them) */
    ck_assert_int_le(txns_of(e, "note", 0), 2);
    fbt_stop(e);
}
END_TEST

START_TEST(one_update_per_transaction_when_configured)
{
    static const char *const notes[4] = {"/note", "/note", "/note", "/note"};
    fbt_env *e = start("updates_per_transaction = 1\n");
    queue_behind(e, notes, 4);
    for (int i = 0; i < 4; i++)
        HC_EXPECT(e, BASE + i, "note: ok");
    ck_assert_int_eq(txns_of(e, "note", 0), 4);
    fbt_stop(e);
}
END_TEST

/* /fail writes three marks and fails: the group rolls back, each update
 * runs alone; every note once, its reply once, the failure told, none of
 * /fail's marks kept. */
START_TEST(a_failing_handler_leaves_the_others_once)
{
    static const char *const texts[6] = {"/note", "/note", "/fail",
                                         "/note", "/note", "/note"};
    fbt_env *e = start(NULL);
    queue_behind(e, texts, 6);
    for (int i = 0; i < 6; i++) {
        HC_EXPECT(e, BASE + i,
                  i == 2 ? "Something went wrong, nothing was changed."
                         : "note: ok");
        HC_OK(fbt_quiet(e, BASE + i, 300), e);
    }
    ck_assert_int_eq(hc_marks(e, "note"), 5);
    ck_assert_int_eq(
        fbtc_sql_int(e,
                     "SELECT count(DISTINCT who) FROM tp_marks "
                     "WHERE what = 'note'",
                     0, NULL),
        5);
    ck_assert_int_eq(hc_marks(e, "fail"), 0);
    ck_assert_int_ge(fbt_log_count(e, "group_rolled_back"), 1);
    fbt_stop(e);
}
END_TEST

/* A handler's SET LOCAL and session setting do not reach the next
 * handler of the same transaction. */
START_TEST(handlers_of_a_group_share_no_session_settings)
{
    static const char *const texts[2] = {"/setlocal x1", "/getlocal"};
    fbt_env *e = start(NULL);
    queue_behind(e, texts, 2);
    HC_EXPECT(e, BASE, "setlocal: x1");
    HC_EXPECT(e, BASE + 1, "getlocal: [] []");
    /* and they did run in one transaction */
    ck_assert_int_eq(txns_of(e, "setlocal,getlocal", 0), 1);
    fbt_stop(e);
}
END_TEST

/* Two updates of one user (in a group chat and in private) could share a
 * per-user conversation: they never go in one transaction. */
START_TEST(one_user_in_two_chats_goes_alone)
{
    const int64_t members[] = {BASE + 2};
    const int64_t chat = INT64_C(-1009100);
    fbt_env *e = start(NULL);
    HC_OK(fbt_group(e, chat, "Gym", members, 1), e);
    HC_OK(fbt_say(e, Z, "/nap 600"), e);
    usleep(200 * 1000);
    HC_OK(fbt_say(e, A, "/nap 300"), e);
    HC_OK(fbt_say(e, BASE, "/note"), e);
    HC_OK(fbt_say_in(e, BASE + 2, chat, "/note"), e);
    HC_OK(fbt_say(e, BASE + 1, "/note"), e);
    HC_OK(fbt_say(e, BASE + 2, "/note"), e);
    HC_EXPECT(e, chat, "note: ok");
    HC_EXPECT(e, BASE + 2, "note: ok");
    HC_EXPECT(e, BASE, "note: ok");
    HC_EXPECT(e, BASE + 1, "note: ok");
    ck_assert_int_eq(txns_of(e, "note", BASE + 2), 2);
    /* the others still went together with one of them */
    ck_assert_int_le(txns_of(e, "note", 0), 3);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_group", .tcase = "group", .timeout = 120};

    return FBTC_RUN(&def, waiting_updates_share_a_transaction,
                    one_update_per_transaction_when_configured,
                    a_failing_handler_leaves_the_others_once,
                    handlers_of_a_group_share_no_session_settings,
                    one_user_in_two_chats_goes_alone);
}
