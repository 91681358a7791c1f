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

/* A host whose road to the database the test cuts; extra: more of its
 * config (or ""). */
static fbt_env *start_cuttable(const char *extra)
{
    fbt_options o = {0};
    static char cfg[128];

    snprintf(cfg, sizeof cfg, "answer_early_ms = %d\n%s", EARLY_MS, extra);
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
    fbt_env *e = start_cuttable("");
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

/* Telegram hands out at most updates_batch_max updates past the offset;
 * while the database refuses them the offset is held, and a press made
 * behind them is not fetched until the database is back -- already older
 * than answer_early_ms then. Its window counts from the press, so the
 * watcher answers it at its first fetch. Before: watched from the fetch,
 * answered answer_early_ms later at the earliest (in the long chaos run,
 * 16-19 s after the press: refused as "query is too old"), or by its
 * outcome with the plugin's toast. */
START_TEST(press_behind_refused_batches_answered_at_fetch)
{
    fbt_env *e = start_cuttable("updates_batch_max = 2\n");
    char toast[256] = "";
    int64_t t0;

    HC_OK(fbt_user(e, 401, "Ann", "member"), e);
    HC_OK(fbt_user(e, 402, "Bob", "member"), e);
    HC_OK(fbt_say(e, 401, "/menu"), e);
    HC_EXPECT(e, 401, "tp: menu");
    HC_OK(fbt_db_cut(e, 1), e);
    sleep(1);
    HC_OK(fbt_say(e, 402, "/menu"), e); /* two updates fill the limit */
    HC_OK(fbt_say(e, 402, "/menu"), e);
    HC_OK(fbt_press(e, 401, 401, "Member"), e); /* behind them */
    sleep(3); /* the press is older than answer_early_ms (1.5 s) now */
    t0 = fbt_now_ms();
    HC_OK(fbt_db_cut(e, 0), e);
    HC_OK(fbt_answer(e, 401, toast, sizeof toast, 12000), e);
    ck_assert_msg(strstr(toast, "Taking longer than usual"),
                  "answered %" PRId64 " ms after the database came back, "
                  "toast: %s",
                  fbt_now_ms() - t0, toast);
    HC_EXPECT(e, 401, "mem: ok"); /* then handled, once */
    HC_EXPECT(e, 402, "tp: menu");
    HC_EXPECT(e, 402, "tp: menu");
    ck_assert_int_eq(fbt_quiet(e, 401, 1000), 0);
    hc_callbacks_all_answered_once(e);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "hostcore-outage",
                                   .tcase = "outage",
                                   .timeout = 180,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, press_answered_while_the_database_is_out,
                    press_behind_refused_batches_answered_at_fetch);
}
