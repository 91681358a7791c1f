/* ABI 1.2 through the real host with tp_v12 (+ tp_v12b, tp_v11): each test
 * fails when the host feature it names is taken away. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc_kit.h"

#define WAIT 10000
#define FAILED "Something went wrong, nothing was changed."

static fbt_env *start(const char *host_config)
{
    char cfg[512];
    fbt_options o = {0};
    o.plugins = "tp_v12, tp_v12b, tp_v11";
    o.plugin_dir = V12_DIR;
    o.sql_dirs = "tp_v12=" V12_SQL_DIR;
    o.log_level = "info";
    snprintf(cfg, sizeof cfg, "send_rate_chat = 100\n%s",
             host_config ? host_config : "");
    o.host_config = cfg;
    return fbtc_start(&o);
}

/* The next bot message in chat must match pattern; returns it. */
static fbt_msg *expect(fbt_env *e, int64_t chat, const char *pattern)
{
    fbt_msg *m = fbt_expect(e, chat, pattern, WAIT);
    ck_assert_msg(m, "%s", fbt_error(e));
    return m;
}

#define EXPECT(e, chat, pat) fbt_msg_free(expect((e), (chat), (pat)))
#define OK(call, e) ck_assert_msg((call) == 0, "%s", fbt_error(e))

static long long rows(fbt_env *e, const char *what)
{
    const char *p[] = {what};
    return fbtc_sql_int(e, "SELECT count(*) FROM tp_v12_rows WHERE what = $1",
                        1, p);
}

/* A handler that returns FB_OK after a failed host call is rolled back and
 * the user told so; the first reason is logged. */
START_TEST(sticky_failure_rolls_back)
{
    fbt_env *e = start(NULL);
    OK(fbt_user(e, 1001, "Asha", "member"), e);
    OK(fbt_say(e, 1001, "/sticky"), e);
    EXPECT(e, 1001, FAILED);
    ck_assert_int_eq(rows(e, "sticky"), 0);
    ck_assert_int_ge(fbt_log_count(e,
                                   "returned FB_OK after a failed call: query: "
                                   "relation"),
                     1);
    OK(fbt_say(e, 1001, "/handfail"), e);
    EXPECT(e, 1001, FAILED);
    ck_assert_int_eq(rows(e, "handfail"), 0);
    ck_assert_int_ge(fbt_log_count(e, "tp_v12 failed by hand"), 1);
    OK(fbt_say(e, 1001, "/respond"), e); /* respond outside a request */
    EXPECT(e, 1001, FAILED);
    ck_assert_int_eq(rows(e, "respond"), 0);
    OK(fbt_say(e, 1001, "/cardfail"), e); /* an answerer returned FB_ERR */
    EXPECT(e, 1001, FAILED);
    ck_assert_int_eq(rows(e, "cardfail"), 0);
    OK(fbt_say(e, 1001, "/alloc"), e);
    EXPECT(e, 1001, "alloc: ok zeroed=1");
    fbt_stop(e);
}
END_TEST

/* Names by id, the display name set and cleared, FB_ROLE_UNKNOWN. */
START_TEST(user_names_and_unknown_role)
{
    fbt_env *e = start(NULL);
    OK(fbt_user(e, 1001, "Asha", "member"), e);
    OK(fbt_say(e, 1001, "/names 1001"), e);
    EXPECT(e, 1001, "names: Asha role=1 unknown=0");
    OK(fbt_say(e, 1001, "/setname 1001 Asha Rao"), e);
    EXPECT(e, 1001, "setname: ok");
    OK(fbt_say(e, 1001, "/names 1001"), e);
    EXPECT(e, 1001, "names: Asha Rao role=1 unknown=0");
    OK(fbt_say(e, 1001, "/setname 1001"), e);
    EXPECT(e, 1001, "setname: ok");
    OK(fbt_say(e, 1001, "/names 1001"), e);
    EXPECT(e, 1001, "names: Asha role=1 unknown=0");
    OK(fbt_say(e, 1001, "/names 424242"), e);
    EXPECT(e, 1001, "names: (null) role=-1 unknown=1");
    OK(fbt_say(e, 1001, "/setname 424242 Nobody"), e);
    EXPECT(e, 1001, FAILED);
    fbt_stop(e);
}
END_TEST

/* A request is answered by every subscriber, in plugin order; the menu
 * lists every plugin's commands the role may see. */
START_TEST(requests_and_menu_across_plugins)
{
    fbt_env *e = start(NULL);
    fbt_msg *m;
    OK(fbt_user(e, 1001, "Asha", "member"), e);
    OK(fbt_user(e, 1002, "Sam", "staff"), e);
    OK(fbt_say(e, 1001, "/card"), e);
    EXPECT(e, 1001,
           "card: n=2 [tp_v12: mine for {\"who\":\"asha\"}] "
           "[tp_v12b: theirs for {\"who\":\"asha\"}]");
    OK(fbt_say(e, 1001, "/menu"), e);
    m = expect(e, 1001, "menu:");
    ck_assert_msg(strstr(m->text, "\n/form — fill in the form\n"), "%s",
                  m->text);
    ck_assert_msg(strstr(m->text, "\n/bee — bee <b> & co"), "%s", m->text);
    ck_assert_msg(strstr(m->text, "\n/sticky\n"), "%s", m->text);
    ck_assert_msg(!strstr(m->text, "staffonly"), "%s", m->text);
    fbt_msg_free(m);
    OK(fbt_say(e, 1002, "/menu"), e);
    m = expect(e, 1002, "menu:");
    ck_assert_msg(strstr(m->text, "/staffonly — staff only"), "%s", m->text);
    fbt_msg_free(m);
    fbt_stop(e);
}
END_TEST

/* fb_today is the club's date; handler SQL runs in the club's zone; the
 * test clock moves fb_now and fb_today (not PostgreSQL's CURRENT_DATE). */
START_TEST(calendar_in_the_club_zone_and_test_clock)
{
    fbt_env *e = start("timezone = Asia/Kolkata\n");
    char want[256], *day;
    OK(fbt_user(e, 1001, "Asha", "member"), e);
    day = fbt_sql(e,
                  "SELECT to_char(now() AT TIME ZONE 'Asia/Kolkata', "
                  "'YYYY-MM-DD')",
                  0, NULL);
    ck_assert_msg(day, "%s", fbt_error(e));
    snprintf(want, sizeof want,
             "cal: tz=Asia/Kolkata dbtz=Asia/Kolkata today=%s db=%s diff=0 "
             "shift_h=0",
             day, day);
    OK(fbt_say(e, 1001, "/cal"), e);
    EXPECT(e, 1001, want);
    OK(fbt_clock_advance(e, 2 * 86400), e);
    OK(fbt_say(e, 1001, "/cal"), e);
    snprintf(want, sizeof want, "/today=[0-9-]+ db=%s diff=2 shift_h=48$/",
             day);
    EXPECT(e, 1001, want);
    free(day);
    fbt_stop(e);
}
END_TEST

/* A flow declared with fb_ask states: typed checks, re-asking in place
 * (through ask, keyboard included), the plugin's check, prompts after the
 * moving handler's own message, flow_reask, nothing after a rollback. */
START_TEST(flow_declared_with_questions)
{
    fbt_env *e = start(NULL);
    fbt_msg *m;
    OK(fbt_user(e, 1001, "Asha", "member"), e);
    OK(fbt_say(e, 1001, "/form"), e);
    EXPECT(e, 1001, "form: welcome");
    EXPECT(e, 1001, "form: your age?");
    OK(fbt_say(e, 1001, "abc"), e);
    EXPECT(e, 1001, "form: age is a number from 18 to 99");
    OK(fbt_say(e, 1001, "17"), e);
    EXPECT(e, 1001, "form: age is a number from 18 to 99");
    OK(fbt_say(e, 1001, "30"), e);
    EXPECT(e, 1001, "form: the fee in rupees?");
    OK(fbt_say(e, 1001, "lots"), e);
    EXPECT(e, 1001, "form: a fee from ₹1 to ₹10,000");
    OK(fbt_say(e, 1001, "20000"), e);
    EXPECT(e, 1001, "form: a fee from ₹1 to ₹10,000");
    OK(fbt_say(e, 1001, "250.50"), e);
    EXPECT(e, 1001, "form: which day (YYYY-MM-DD)?");
    OK(fbt_say(e, 1001, "2025-02-30"), e); /* no bad text: the prompt */
    EXPECT(e, 1001, "form: which day (YYYY-MM-DD)?");
    OK(fbt_say(e, 1001, "2025-03-01"), e);
    m = expect(e, 1001, "form: a nick of 2 to 10 letters?");
    ck_assert_int_eq(m->nbuttons, 1);
    fbt_msg_free(m);
    OK(fbt_say(e, 1001, "x"), e); /* too short: the prompt, through ask */
    m = expect(e, 1001, "form: a nick of 2 to 10 letters?");
    ck_assert_int_eq(m->nbuttons, 1);
    fbt_msg_free(m);
    OK(fbt_say(e, 1001, "admin"), e); /* the plugin's check */
    m = expect(e, 1001, "form: that nick is taken");
    ck_assert_int_eq(m->nbuttons, 1);
    fbt_msg_free(m);
    OK(fbt_press(e, 1001, 1001, "Again"), e); /* re-enters the state */
    EXPECT(e, 1001, "form: a nick of 2 to 10 letters?");
    OK(fbt_say(e, 1001, "/again"), e); /* flow_reask */
    EXPECT(e, 1001, "form: a nick of 2 to 10 letters?");
    OK(fbt_say(e, 1001, "zed"), e);
    EXPECT(e, 1001, "form: done form:30:25050:2025-03-01:zed");
    ck_assert_int_eq(rows(e, "form:30:25050:2025-03-01:zed"), 1);
    ck_assert_int_eq(
        fbtc_sql_int(e, "SELECT count(*) FROM fb_conversations", 0, NULL), 0);
    /* only the question of the state the handler left the flow in */
    OK(fbt_say(e, 1001, "/formskip"), e);
    EXPECT(e, 1001, "formskip: straight to the fee");
    EXPECT(e, 1001, "form: the fee in rupees?");
    OK(fbt_say(e, 1001, "/cancel"), e);
    EXPECT(e, 1001, "Cancelled.");
    /* a rolled-back move asks nothing and keeps no conversation */
    OK(fbt_say(e, 1001, "/formfail"), e);
    EXPECT(e, 1001, FAILED);
    OK(fbt_quiet(e, 1001, 1500), e);
    ck_assert_int_eq(
        fbtc_sql_int(e, "SELECT count(*) FROM fb_conversations", 0, NULL), 0);
    fbt_stop(e);
}
END_TEST

/* A plugin built for ABI 1.1 loads and runs on this host. */
START_TEST(abi_1_1_plugin_runs)
{
    fbt_env *e = start(NULL);
    OK(fbt_user_phone(e, 1003, "Vee", "member", "+919800000001"), e);
    ck_assert_int_ge(fbt_log_count(e, "plugin=tp_v11 event=plugin_loaded"), 1);
    OK(fbt_say(e, 1003, "/v11"), e);
    EXPECT(e, 1003, "v11: share your phone?");
    OK(fbt_press(e, 1003, 1003, "Share"), e);
    EXPECT(e, 1003, "v11: got +919800000001 (asked yes) in phone/share");
    fbt_stop(e);
}
END_TEST

/* A server NOTICE is a key=value log line, never raw libpq text. */
START_TEST(pg_notice_is_a_log_line)
{
    fbt_env *e = start(NULL);
    char *log, *line, *save = NULL;
    int seen = 0;
    OK(fbt_user(e, 1001, "Asha", "member"), e);
    OK(fbt_say(e, 1001, "/notice"), e);
    EXPECT(e, 1001, "notice: raised");
    log = fbt_host_log(e);
    ck_assert_ptr_nonnull(log);
    for (line = strtok_r(log, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (!strstr(line, "tp_v12 notice 42"))
            continue;
        seen++;
        ck_assert_msg(strstr(line, "level=info plugin=core event=pg_notice "),
                      "%s", line);
        ck_assert_msg(strstr(line, "msg=\"NOTICE:  tp_v12 notice 42\""), "%s",
                      line);
    }
    ck_assert_int_eq(seen, 1);
    free(log);
    fbt_stop(e);
}
END_TEST

/* Run `fitbot CMD --config cfg`; its output (malloc'd). */
static char *fitbot(const char *cmd, const char *cfg)
{
    char line[1024], *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len), *p;
    snprintf(line, sizeof line, "'%s' %s --config '%s' 2>&1", FITBOT_BIN_PATH,
             cmd, cfg);
    p = popen(line, "r");
    ck_assert_ptr_nonnull(p);
    while (fgets(line, sizeof line, p))
        fputs(line, mem);
    pclose(p);
    fclose(mem);
    return out;
}

/* A plugin naming a migrations folder that does not exist is refused, the
 * path looked for named in the log, `fitbot plugins` and check-config. */
START_TEST(missing_migrations_folder_refused)
{
    fbt_options o = {0};
    fbt_env *e;
    char *out;
    o.plugin_dir = NOMIG_DIR;
    o.log_level = "info";
    e = fbtc_start(&o);
    ck_assert_int_ge(fbt_log_count(e, "event=plugin_refused"), 1);
    ck_assert_int_ge(fbt_log_count(e, "/sql/tp_nomig not found"), 1);
    OK(fbt_user(e, 1001, "Asha", "member"), e);
    OK(fbt_say(e, 1001, "/nomig"), e);
    EXPECT(e, 1001, "Sorry, I did not understand that.");
    out = fitbot("plugins", fbt_config_path(e));
    ck_assert_msg(strstr(out, "refused   tp_nomig") &&
                      strstr(out, "migrations folder ") &&
                      strstr(out, "/sql/tp_nomig not found"),
                  "%s", out);
    free(out);
    out = fitbot("check-config", fbt_config_path(e));
    ck_assert_msg(strstr(out, "plugin tp_nomig refused: migrations folder ") &&
                      strstr(out, "/sql/tp_nomig not found"),
                  "%s", out);
    free(out);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    fbtc_suite def = {"abi12", "host", 300, NULL, NULL, 1};
    return FBTC_RUN(&def, sticky_failure_rolls_back,
                    user_names_and_unknown_role,
                    requests_and_menu_across_plugins,
                    calendar_in_the_club_zone_and_test_clock,
                    flow_declared_with_questions, abi_1_1_plugin_runs,
                    pg_notice_is_a_log_line, missing_migrations_folder_refused);
}
