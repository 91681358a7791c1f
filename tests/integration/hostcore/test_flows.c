/* Conversations through the real host: switching flows runs the cancel
 * hook and leaks no data, /cancel always works, bad input keeps the state,
 * ids above 2^32 and near 2^53 round-trip exactly. */
#include "hc.h"

START_TEST(switching_flows_cancels_and_leaks_nothing)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 201, "Zed", "member"), e);
    HC_OK(fbt_say(e, 201, "/reg"), e);
    HC_EXPECT(e, 201, "reg: your name?");
    HC_OK(fbt_say(e, 201, "Zed Z"), e);
    HC_EXPECT(e, 201, "reg: age of Zed Z?");
    HC_OK(fbt_say(e, 201, "/quiz"), e);
    HC_EXPECT(e, 201, "reg: cancelled (Zed Z)");
    HC_EXPECT(e, 201, "quiz: q1?");
    HC_OK(fbt_say(e, 201, "blue"), e);
    HC_EXPECT(e, 201, "quiz: got blue, name=none");
    ck_assert_int_eq(hc_marks(e, "reg-cancel"), 1);
    ck_assert_int_eq(
        fbtc_sql_int(e, "SELECT count(*) FROM fb_conversations", 0, NULL), 0);
    /* entering the same flow again starts it fresh */
    HC_OK(fbt_say(e, 201, "/reg"), e);
    HC_EXPECT(e, 201, "reg: your name?");
    HC_OK(fbt_say(e, 201, "/reg"), e);
    HC_EXPECT(e, 201, "reg: cancelled ()");
    HC_EXPECT(e, 201, "reg: your name?");
    fbt_stop(e);
}
END_TEST

START_TEST(cancel_always_works)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 202, "Una", NULL), e);
    HC_OK(fbt_say(e, 202, "/cancel"), e);
    HC_EXPECT(e, 202, "Nothing to cancel.");
    HC_OK(fbt_say(e, 202, "/reg"), e);
    HC_EXPECT(e, 202, "reg: your name?");
    HC_OK(fbt_say(e, 202, "Una"), e);
    HC_EXPECT(e, 202, "reg: age of Una?");
    HC_OK(fbt_say(e, 202, "/cancel"), e);
    HC_EXPECT(e, 202, "reg: cancelled (Una)");
    HC_EXPECT(e, 202, "Cancelled.");
    HC_OK(fbt_say(e, 202, "after"), e);
    HC_EXPECT(e, 202, "generic: after");
    ck_assert_int_eq(hc_marks(e, "reg-cancel"), 1);
    fbt_stop(e);
}
END_TEST

START_TEST(bad_input_keeps_state)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 203, "Vik", NULL), e);
    HC_OK(fbt_say(e, 203, "/reg"), e);
    HC_EXPECT(e, 203, "reg: your name?");
    HC_OK(fbt_say(e, 203, "Vik"), e);
    HC_EXPECT(e, 203, "reg: age of Vik?");
    HC_OK(fbt_say(e, 203, "old"), e);
    HC_EXPECT(e, 203, "age must be a number");
    HC_OK(fbt_say(e, 203, "33"), e);
    HC_EXPECT(e, 203, "reg: done Vik 33");
    ck_assert_int_eq(hc_marks(e, "reg:Vik:33"), 1);
    fbt_stop(e);
}
END_TEST

START_TEST(expired_flow_times_out_before_next_message)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 204, "Lata", NULL), e);
    HC_OK(fbt_say(e, 204, "/brief"), e); /* 2 s deadline */
    HC_EXPECT(e, 204, "brief: waiting");
    HC_OK(fbt_say(e, 204, "quick"), e);
    HC_EXPECT(e, 204, "brief: got quick");
    sleep(3);
    /* whether the sweeper or the dispatcher sees it first, the timeout
     * hook runs before the late message, which is no longer the flow's */
    HC_OK(fbt_say(e, 204, "late"), e);
    HC_EXPECT(e, 204, "brief: timed out in state wait");
    HC_EXPECT(e, 204, "generic: late");
    ck_assert_int_eq(hc_marks(e, "brief-timeout"), 1);
    fbt_stop(e);
}
END_TEST

START_TEST(activity_moves_the_deadline)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 205, "Om", NULL), e);
    HC_OK(fbt_say(e, 205, "/slow"), e); /* 4 s deadline, whole seconds */
    HC_EXPECT(e, 205, "slow: waiting");
    for (int i = 0; i < 4; i++) { /* 6 s in all, 1.5 s apart */
        char text[8], pat[32];
        usleep(1500 * 1000);
        snprintf(text, sizeof text, "m%d", i);
        snprintf(pat, sizeof pat, "slow: got m%d", i);
        HC_OK(fbt_say(e, 205, text), e);
        HC_EXPECT(e, 205, pat);
    }
    fbt_stop(e);
}
END_TEST

START_TEST(big_ids_round_trip)
{
    fbt_env *e = hc_start(NULL, 0);
    const int64_t ids[] = {7000000001LL, 9007199254740991LL};
    for (int i = 0; i < 2; i++) {
        char pat[64], id[24];
        const char *p[] = {id};
        snprintf(id, sizeof id, "%" PRId64, ids[i]);
        snprintf(pat, sizeof pat, "tp: hello Big (%s)", id);
        HC_OK(fbt_user(e, ids[i], "Big", NULL), e);
        HC_OK(fbt_say(e, ids[i], "/start"), e);
        HC_EXPECT(e, ids[i], pat);
        ck_assert_int_eq(fbtc_sql_int(e,
                                      "SELECT count(*) FROM fb_users WHERE "
                                      "id = $1::bigint",
                                      1, p),
                         1);
        HC_OK(fbt_say(e, ids[i], "/reg"), e);
        HC_EXPECT(e, ids[i], "reg: your name?");
        ck_assert_int_eq(fbtc_sql_int(e,
                                      "SELECT count(*) FROM fb_conversations "
                                      "WHERE key_user = $1::bigint AND "
                                      "key_chat = $1::bigint",
                                      1, p),
                         1);
    }
    fbt_stop(e);
}
END_TEST

/* Strings a flow's data gave the handler outlive the flow's end, however
 * many flows the handler ends (the host kept only four). */
START_TEST(ended_flows_strings_live_until_return)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 207, "Ivo", NULL), e);
    HC_OK(fbt_say(e, 207, "/churn"), e);
    HC_EXPECT(e, 207, "churn: v0 v1 v2 v3 v4 v5");
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_flows", .tcase = "flows", .timeout = 120};

    return FBTC_RUN(&def, switching_flows_cancels_and_leaks_nothing,
                    ended_flows_strings_live_until_return,
                    cancel_always_works, bad_input_keeps_state,
                    expired_flow_times_out_before_next_message,
                    activity_moves_the_deadline, big_ids_round_trip);
}
