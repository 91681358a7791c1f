/* State survives the host: a conversation resumes after kill -9 and a
 * restart; one abandoned while the host was down times out at start
 * through its timeout hook; SIGTERM exits 0. */
#include "hc.h"

START_TEST(resume_after_kill)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 301, "Ann", NULL), e);
    HC_OK(fbt_say(e, 301, "/reg"), e);
    HC_EXPECT(e, 301, "reg: your name?");
    HC_OK(fbt_say(e, 301, "Ann"), e);
    HC_EXPECT(e, 301, "reg: age of Ann?");
    HC_OK(fbt_host_kill(e), e);
    HC_OK(fbt_host_start(e), e);
    HC_OK(fbt_say(e, 301, "41"), e);
    HC_EXPECT(e, 301, "reg: done Ann 41");
    ck_assert_int_eq(hc_marks(e, "reg:Ann:41"), 1);
    ck_assert_int_eq(fbt_host_stop(e), 0); /* SIGTERM: clean exit 0 */
    ck_assert_int_ge(fbt_log_count(e, "event=stopped"), 1);
    fbt_stop(e);
}
END_TEST

START_TEST(abandoned_times_out_after_restart)
{
    fbt_env *e = hc_start(NULL, 0);
    HC_OK(fbt_user(e, 302, "Bob", NULL), e);
    HC_OK(fbt_say(e, 302, "/brief"), e); /* a flow with a 2 s deadline */
    HC_EXPECT(e, 302, "brief: waiting");
    HC_OK(fbt_host_kill(e), e);
    sleep(3);
    ck_assert_int_eq(
        fbtc_sql_int(e, "SELECT count(*) FROM fb_conversations", 0, NULL), 1);
    HC_OK(fbt_host_start(e), e);
    HC_EXPECT(e, 302, "brief: timed out in state wait");
    ck_assert_int_eq(hc_marks(e, "brief-timeout"), 1);
    ck_assert_int_eq(
        fbtc_sql_int(e, "SELECT count(*) FROM fb_conversations", 0, NULL), 0);
    /* the user's next text is no longer the flow's */
    HC_OK(fbt_say(e, 302, "12"), e);
    HC_EXPECT(e, 302, "generic: 12");
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_restart", .tcase = "restart", .timeout = 120};

    return FBTC_RUN(&def, resume_after_kill, abandoned_times_out_after_restart);
}
