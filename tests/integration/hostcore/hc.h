/* Shared helpers of the host core integration tests. */
#ifndef HC_H
#define HC_H

#define _GNU_SOURCE
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fbtc_kit.h"

#define HC_WAIT 10000

/* Start an env with tp_flow + tp_sub enabled (tp_off, tp_noop present but
 * disabled), super admin 900. extra: appended config. */
static fbt_env *hc_start_scaled(const char *extra, int conv_timeout,
                                double time_scale)
{
    fbt_options o = {0};
    o.plugins = "tp_flow, tp_sub";
    o.plugin_dir = TP_RUN_DIR;
    o.sql_dirs = "tp_flow=" TP_SQL_DIR;
    o.super_admin = 900;
    o.conversation_timeout = conv_timeout;
    o.config_extra = extra;
    o.log_level = "info";
    o.time_scale = time_scale;
    return fbtc_start(&o);
}

__attribute__((unused)) static fbt_env *hc_start(const char *extra,
                                                 int conv_timeout)
{
    return hc_start_scaled(extra, conv_timeout, 0);
}

/* Expect the next bot message in chat to match pattern. */
#define HC_EXPECT(e, chat, pat)                                                \
    do {                                                                       \
        fbt_msg *m_ = fbt_expect((e), (chat), (pat), HC_WAIT);                 \
        ck_assert_msg(m_, "%s", fbt_error(e));                                 \
        fbt_msg_free(m_);                                                      \
    } while (0)

#define HC_OK(call, e) ck_assert_msg((call) == 0, "%s", fbt_error(e))

__attribute__((unused)) static long long hc_marks(fbt_env *e, const char *what)
{
    const char *p[] = {what};
    return fbtc_sql_int(e, "SELECT count(*) FROM tp_marks WHERE what = $1", 1,
                        p);
}

/* Poll a count until it reaches want or timeout; returns the last value. */
__attribute__((unused)) static long long
hc_wait_int(fbt_env *e, const char *sql, long long want, int timeout_ms)
{
    long long v = -1;
    for (int waited = 0; waited <= timeout_ms; waited += 100) {
        v = fbtc_sql_int(e, sql, 0, NULL);
        if (v == want)
            break;
        usleep(100 * 1000);
    }
    return v;
}

/* Wait for every callback query to be answered; assert none is
 * unanswered and none was answered twice (total == answered). */
__attribute__((unused)) static void hc_callbacks_all_answered_once(fbt_env *e)
{
    int64_t total = -1, answered = -2, unanswered = -1;
    for (int i = 0; i < 100; i++) {
        total = fbt_counter(e, "callbacks_total");
        answered = fbt_counter(e, "callbacks_answered");
        unanswered = fbt_counter(e, "callbacks_unanswered");
        if (unanswered == 0)
            break;
        usleep(100 * 1000);
    }
    ck_assert_int_eq(unanswered, 0);
    ck_assert_int_eq(total, answered);
    ck_assert_int_gt(total, 0);
    ck_assert_int_eq(fbt_counter(e, "callbacks_answered_twice"), 0);
}

#endif
