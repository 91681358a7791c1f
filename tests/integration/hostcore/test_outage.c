/* The database out of the host's reach (a relay the test cuts, as if
 * PostgreSQL had stopped): the host keeps polling Telegram, so a press
 * made meanwhile is answered inside Telegram's 15 s window by the press
 * watcher ("taking longer than usual"), and once the database is back the
 * press is handled once, its message sent, its own toast dropped: one
 * answer per press, nothing lost. A lone polling host leads the polling
 * among hosts (host/leader); losing the lock's connection with the
 * database must not make it stand by and go deaf. */
#include "hc.h"

#define EARLY_MS 1500

static fbt_env *start_cuttable(void)
{
    fbt_options o = {0};
    static char cfg[64];

    snprintf(cfg, sizeof cfg, "answer_early_ms = %d\n", EARLY_MS);
    o.plugins = "tp_flow, tp_sub";
    o.plugin_dir = TP_RUN_DIR;
    o.sql_dirs = "tp_flow=" TP_SQL_DIR;
    o.super_admin = 900;
    o.log_level = "info";
    o.host_config = cfg;
    o.db_proxy = 1;
    return fbtc_start(&o);
}

START_TEST(press_answered_while_the_database_is_out)
{
    fbt_env *e = start_cuttable();
    char toast[256] = "";
    int64_t t0;

    HC_OK(fbt_user(e, 401, "Ann", "member"), e);
    HC_OK(fbt_say(e, 401, "/menu"), e);
    HC_EXPECT(e, 401, "tp: menu");
    /* the lead is taken at start: the cut loses its connection too */
    ck_assert_int_ge(fbt_log_count(e, "event=poll_leader"), 1);
    HC_OK(fbt_db_cut(e, 1), e);
    sleep(2); /* the host finds out (its next look at the lead) */
    HC_OK(fbt_press(e, 401, 401, "Member"), e);
    t0 = fbt_now_ms();
    HC_OK(fbt_answer(e, 401, toast, sizeof toast, 12000), e);
    ck_assert_msg(fbt_now_ms() - t0 < 15000, "answered after %" PRId64 " ms",
                  fbt_now_ms() - t0);
    ck_assert_msg(strstr(toast, "Taking longer than usual"), "toast: %s",
                  toast);
    ck_assert_int_eq(fbt_quiet(e, 401, 500), 0); /* not handled yet */
    HC_OK(fbt_db_cut(e, 0), e);
    HC_EXPECT(e, 401, "mem: ok");
    ck_assert_int_eq(fbt_quiet(e, 401, 1000), 0);
    hc_callbacks_all_answered_once(e);
    ck_assert_int_ge(fbt_log_count(e, "event=early_answer"), 1);
    ck_assert_int_eq(fbt_log_count(e, "event=poll_standby"), 0);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "hostcore-outage",
                                   .tcase = "outage",
                                   .timeout = 120,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, press_answered_while_the_database_is_out);
}
