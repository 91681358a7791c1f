/* 2,000 simulated users interleave a two-step flow (each user's messages
 * are sent round by round, all users mixed, without waiting for replies):
 * every user's conversation ends with exactly its own data — no cross-talk
 * between keys, no lost or reordered step within a key. */
#include "hc.h"

#define USERS 2000
#define BASE INT64_C(5000000000) /* ids above 2^32 */

static void say_all(fbt_env *e, int round)
{
    char text[64];
    for (int i = 0; i < USERS; i++) {
        int64_t id = BASE + i;
        if (round == 0)
            snprintf(text, sizeof text, "/reg");
        else if (round == 1)
            snprintf(text, sizeof text, "u%" PRId64, id);
        else
            snprintf(text, sizeof text, "%d", (int)(id % 100) + 1);
        HC_OK(fbt_say(e, id, text), e);
    }
}

START_TEST(two_thousand_users_no_cross_talk)
{
    /* the sandbox's limits run 100x faster; the host's stay below them */
    fbt_env *e = hc_start_scaled("send_rate_global = 2500\n"
                                 "send_rate_chat = 50\n",
                                 0, 100);
    for (int i = 0; i < USERS; i++)
        HC_OK(fbt_user(e, BASE + i, "U", NULL), e);
    for (int round = 0; round < 3; round++)
        say_all(e, round);
    ck_assert_int_eq(hc_wait_int(e,
                                 "SELECT count(*) FROM tp_marks WHERE what "
                                 "LIKE 'reg:%'",
                                 USERS, 180000),
                     USERS);
    /* each user's mark carries its own name and age */
    ck_assert_int_eq(
        fbtc_sql_int(e,
                     "SELECT count(DISTINCT who) FROM tp_marks WHERE "
                     "what = 'reg:u' || who || ':' || "
                     "((who % 100) + 1)",
                     0, NULL),
        USERS);
    ck_assert_int_eq(
        fbtc_sql_int(e, "SELECT count(*) FROM fb_conversations", 0, NULL), 0);
    /* and the replies arrived, in order, in each chat (spot checks) */
    for (int i = 0; i < USERS; i += 397) {
        char pat[64];
        HC_EXPECT(e, BASE + i, "reg: your name?");
        snprintf(pat, sizeof pat, "reg: age of u%" PRId64 "?", BASE + i);
        HC_EXPECT(e, BASE + i, pat);
        snprintf(pat, sizeof pat, "reg: done u%" PRId64 " %d", BASE + i,
                 (int)((BASE + i) % 100) + 1);
        HC_EXPECT(e, BASE + i, pat);
    }
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_load", .tcase = "load", .timeout = 280};

    return FBTC_RUN(&def, two_thousand_users_no_cross_talk);
}
