/* tp_flow: the plugin the host integration tests drive. A two-step flow
 * (reg: name -> age), a second flow (quiz) to switch to, role-protected
 * buttons, a handler that fails after writing, an event publisher, a
 * generic route and a job. Every effect is a row in tp_marks, so tests can
 * check what was (not) written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

static int mark(fb_ctx *c, int64_t who, const char *what)
{
    char id[21];
    const char *p[] = {fb_int64_str(who, id), what};
    return fb_query(c, "INSERT INTO tp_marks(who, what) VALUES ($1, $2)", 2, p)
               ? 0
               : -1;
}

static int say(fb_ctx *c, const char *fmt, const char *a, const char *b)
{
    char text[1024], ea[300] = "", eb[300] = "";
    fb_html_escape(a ? a : "", ea, sizeof ea);
    fb_html_escape(b ? b : "", eb, sizeof eb);
    snprintf(text, sizeof text, fmt, ea, eb);
    return fb_reply(c, text, NULL) ? FB_ERR : FB_OK;
}

/* ---- /start, /menu ---------------------------------------------------------
 */
static int on_start(fb_ctx *c)
{
    char id[21];
    return say(c, "tp: hello %s (%s)", fb_first_name(c),
               fb_int64_str(fb_user(c), id));
}

static int on_menu(fb_ctx *c)
{
    fb_keyboard kb;
    fb_kb_init(&kb);
    fb_kb_button(&kb, "Admin", "adm:1");
    fb_kb_button(&kb, "Member", "mem:1");
    fb_kb_row(&kb);
    fb_kb_button(&kb, "Other", "gen:1");
    return fb_reply(c, "tp: menu", &kb) ? FB_ERR : FB_OK;
}

/* ---- reg: name -> age ------------------------------------------------------
 */
static int on_reg(fb_ctx *c)
{
    if (fb_flow_start(c, "reg", "name"))
        return FB_ERR;
    return say(c, "reg: your name?", NULL, NULL);
}

static int reg_name(fb_ctx *c)
{
    if (fb_flow_set(c, "name", fb_text(c)) || fb_flow_goto(c, "age"))
        return FB_ERR;
    return say(c, "reg: age of %s?", fb_text(c), NULL);
}

static int reg_age(fb_ctx *c)
{
    int64_t age;
    const char *name = fb_flow_get(c, "name");
    char what[300];
    if (fb_parse_int64(fb_text(c), 1, 150, &age))
        return say(c, "reg: age must be a number from 1 to 150", NULL, NULL);
    snprintf(what, sizeof what, "reg:%s:%s", name ? name : "?", fb_text(c));
    if (mark(c, fb_user(c), what) || fb_flow_end(c))
        return FB_ERR;
    return say(c, "reg: done %s %s", name ? name : "?", fb_text(c));
}

static int reg_cancel(fb_ctx *c)
{
    if (mark(c, fb_user(c), "reg-cancel"))
        return FB_ERR;
    return say(c, "reg: cancelled (%s)", fb_flow_get(c, "name"), NULL);
}

static int reg_timeout(fb_ctx *c)
{
    if (mark(c, fb_user(c), "reg-timeout"))
        return FB_ERR;
    return say(c, "reg: timed out in state %s", fb_flow_state(c), NULL);
}

/* ---- quiz: one question; must not see reg's data ---------------------------
 */
static int on_quiz(fb_ctx *c)
{
    if (fb_flow_start(c, "quiz", "q1"))
        return FB_ERR;
    return say(c, "quiz: q1?", NULL, NULL);
}

static int quiz_q1(fb_ctx *c)
{
    const char *leak = fb_flow_get(c, "name");
    if (fb_flow_end(c))
        return FB_ERR;
    return say(c, "quiz: got %s, name=%s", fb_text(c), leak ? leak : "none");
}

/* ---- brief: one state, a 2 s deadline ------------------------------------ */
static int on_brief(fb_ctx *c)
{
    if (fb_flow_start(c, "brief", "wait"))
        return FB_ERR;
    return say(c, "brief: waiting", NULL, NULL);
}

static int brief_wait(fb_ctx *c)
{
    return say(c, "brief: got %s", fb_text(c), NULL);
}

static int brief_timeout(fb_ctx *c)
{
    if (mark(c, fb_user(c), "brief-timeout"))
        return FB_ERR;
    return say(c, "brief: timed out in state %s", fb_flow_state(c), NULL);
}

/* ---- slow: a 4 s deadline that each message starts again ------------------
 */
static int on_slow(fb_ctx *c)
{
    if (fb_flow_start(c, "slow", "wait"))
        return FB_ERR;
    return say(c, "slow: waiting", NULL, NULL);
}

static int slow_wait(fb_ctx *c)
{
    return say(c, "slow: got %s", fb_text(c), NULL);
}

static int slow_timeout(fb_ctx *c)
{
    return say(c, "slow: timed out", NULL, NULL);
}

/* ---- buttons ------------------------------------------------------------ */
static int on_admin(fb_ctx *c)
{
    if (mark(c, fb_user(c), "adm"))
        return FB_ERR;
    return say(c, "adm: done %s", fb_data(c), NULL);
}

static int on_member(fb_ctx *c)
{
    fb_answer(c, "mem ok", 0);
    fb_answer(c, "twice", 0); /* must be a no-op */
    return say(c, "mem: ok", NULL, NULL);
}

/* A toast, then a failure: the user must read the failure, never the
 * toast of what rolled back. */
static int on_bad(fb_ctx *c)
{
    fb_answer(c, "Approved", 0);
    mark(c, fb_user(c), "bad");
    return FB_ERR;
}

/* ---- failures and events
 * ----------------------------------------------------- */
static int on_fail(fb_ctx *c)
{
    for (int i = 0; i < 3; i++)
        if (mark(c, fb_user(c), "fail"))
            return FB_ERR;
    say(c, "fail: you must never see this", NULL, NULL);
    return FB_ERR;
}

static int on_pub(fb_ctx *c)
{
    int fail = strcmp(fb_args(c), "fail") == 0;
    if (mark(c, fb_user(c), "pub"))
        return FB_ERR;
    /* the result is ignored on purpose: a failed subscriber must roll the
     * publisher back even when the publisher does not check */
    fb_publish(c, "tp.evt", fail ? "{\"fail\":true}" : "{\"fail\":false}");
    return say(c, "pub: published", NULL, NULL);
}

/* /txn SQL: runs the plugin's own statement in the host's transaction
 * (e.g. COMMIT, SET SESSION ...), writes after it, then fails: nothing
 * of it may stay. */
static int on_txn(fb_ctx *c)
{
    if (mark(c, fb_user(c), "txn-before"))
        return FB_ERR;
    fb_query(c, fb_args(c), 0, NULL); /* must be refused */
    mark(c, fb_user(c), "txn-after");
    say(c, "txn: ran %s", fb_args(c), NULL);
    return FB_ERR;
}

/* /flaky: fails with a serialization failure (SQLSTATE 40001) on its first
 * two runs, then succeeds: the host must retry it and the user see only
 * the success. */
static int on_flaky(fb_ctx *c)
{
    fb_rows *r = fb_query(c, "SELECT nextval('tp_flaky_seq')", 0, NULL);
    const char *n = r ? fb_rows_get(c, r, 0, 0) : NULL;
    if (!n)
        return FB_ERR;
    if (atoi(n) <= 2) {
        fb_query(c,
                 "DO $$BEGIN RAISE EXCEPTION 'simulated conflict' "
                 "USING ERRCODE = 'serialization_failure'; END$$",
                 0, NULL);
        return FB_ERR;
    }
    if (mark(c, fb_user(c), "flaky-ok"))
        return FB_ERR;
    return say(c, "flaky: done on run %s", n, NULL);
}

/* /poison: a transient error on every run until tp_marks holds 'cure':
 * the host must quarantine it, and a replay after the cure handles it. */
static int on_poison(fb_ctx *c)
{
    fb_rows *r = fb_query(
        c, "SELECT count(*) FROM tp_marks WHERE what = 'cure'", 0, NULL);
    const char *n = r ? fb_rows_get(c, r, 0, 0) : NULL;
    if (!n)
        return FB_ERR;
    if (strcmp(n, "0") == 0) {
        fb_query(c,
                 "DO $$BEGIN RAISE EXCEPTION 'simulated conflict' "
                 "USING ERRCODE = 'serialization_failure'; END$$",
                 0, NULL);
        return FB_ERR;
    }
    if (mark(c, fb_user(c), "poison-ok"))
        return FB_ERR;
    return say(c, "poison: cured", NULL, NULL);
}

/* /many N: N replies (1..100) in one transaction, "many: 0" .. */
static int on_many(fb_ctx *c)
{
    int n = atoi(fb_args(c));
    char text[32];
    if (n < 1 || n > 100)
        return FB_ERR;
    for (int i = 0; i < n; i++) {
        snprintf(text, sizeof text, "many: %d", i);
        if (fb_reply(c, text, NULL))
            return FB_ERR;
    }
    return FB_OK;
}

/* /churn: starts and ends the quiz flow six times in one handler, keeping
 * what fb_flow_get returned each time; the host promised those strings live
 * until the handler returns, so the reply lists v0 .. v5. */
static int on_churn(fb_ctx *c)
{
    const char *v[6];
    char want[8], text[128];
    for (int i = 0; i < 6; i++) {
        snprintf(want, sizeof want, "v%d", i);
        if (fb_flow_start(c, "quiz", "q1") || fb_flow_set(c, "k", want))
            return FB_ERR;
        v[i] = fb_flow_get(c, "k");
        if (!v[i] || fb_flow_end(c))
            return FB_ERR;
    }
    snprintf(text, sizeof text, "churn: %.8s %.8s %.8s %.8s %.8s %.8s", v[0],
             v[1], v[2], v[3], v[4], v[5]);
    return fb_reply(c, text, NULL) ? FB_ERR : FB_OK;
}

/* ---- several updates in one transaction (host/dispatch) ------------------
 * /nap MS: holds its worker MS milliseconds (updates queue up behind it);
 * /note: a mark, "note: ok"; /setlocal V: V into the setting tp.v for the
 * transaction and tp.s for the session; /getlocal: both settings as this
 * handler sees them. */
static int on_nap(fb_ctx *c)
{
    const char *p[] = {fb_args(c)};
    if (!fb_query(c, "SELECT pg_sleep($1::int / 1000.0)", 1, p))
        return FB_ERR;
    return say(c, "nap: done", NULL, NULL);
}

static int on_note(fb_ctx *c)
{
    if (mark(c, fb_user(c), "note"))
        return FB_ERR;
    return say(c, "note: ok", NULL, NULL);
}

static int on_setlocal(fb_ctx *c)
{
    const char *p[] = {fb_args(c)};
    if (!fb_query(c,
                  "SELECT set_config('tp.v', $1, true), "
                  "set_config('tp.s', $1, false)",
                  1, p) ||
        mark(c, fb_user(c), "setlocal"))
        return FB_ERR;
    return say(c, "setlocal: %s", fb_args(c), NULL);
}

static int on_getlocal(fb_ctx *c)
{
    fb_rows *r = fb_query(c,
                          "SELECT coalesce(current_setting('tp.v', true), ''),"
                          " coalesce(current_setting('tp.s', true), '')",
                          0, NULL);
    if (!r || fb_rows_count(c, r) != 1 || mark(c, fb_user(c), "getlocal"))
        return FB_ERR;
    return say(c, "getlocal: [%s] [%s]", fb_rows_get(c, r, 0, 0),
               fb_rows_get(c, r, 0, 1));
}

static int on_generic(fb_ctx *c)
{
    const char *what =
        fb_kind(c) == FB_UPDATE_CALLBACK ? fb_data(c) : fb_text(c);
    return say(c, "generic: %s", what, NULL);
}

/* ---- job -------------------------------------------------------------------
 */
static int job_tick(fb_ctx *c)
{
    fb_rows *r =
        fb_query(c, "INSERT INTO tp_jobs DEFAULT VALUES RETURNING id", 0, NULL);
    const char *p[1];
    if (!r || fb_rows_count(c, r) != 1)
        return FB_ERR;
    p[0] = fb_rows_get(c, r, 0, 0);
    /* hold the job for a while: a second host must not run it meanwhile */
    if (!fb_query(c, "SELECT pg_sleep(1.5)", 0, NULL) ||
        !fb_query(c,
                  "UPDATE tp_jobs SET finished = clock_timestamp() "
                  "WHERE id = $1",
                  1, p))
        return FB_ERR;
    return FB_OK;
}

static const fb_route routes[] = {
    {.kind = FB_ROUTE_COMMAND,
     .match = "start",
     .handler = on_start,
     .help = "say hello",
     .flags = FB_ROUTE_BANNED_OK},
    {.kind = FB_ROUTE_COMMAND, .match = "menu", .handler = on_menu},
    {.kind = FB_ROUTE_COMMAND,
     .match = "reg",
     .handler = on_reg,
     .enters = "reg",
     .help = "register"},
    {.kind = FB_ROUTE_COMMAND,
     .match = "quiz",
     .handler = on_quiz,
     .enters = "quiz"},
    {.kind = FB_ROUTE_COMMAND,
     .match = "brief",
     .handler = on_brief,
     .enters = "brief"},
    {.kind = FB_ROUTE_COMMAND,
     .match = "slow",
     .handler = on_slow,
     .enters = "slow"},
    {.kind = FB_ROUTE_COMMAND, .match = "fail", .handler = on_fail},
    {.kind = FB_ROUTE_COMMAND, .match = "pub", .handler = on_pub},
    {.kind = FB_ROUTE_COMMAND, .match = "txn", .handler = on_txn},
    {.kind = FB_ROUTE_COMMAND, .match = "flaky", .handler = on_flaky},
    {.kind = FB_ROUTE_COMMAND, .match = "poison", .handler = on_poison},
    {.kind = FB_ROUTE_COMMAND, .match = "many", .handler = on_many},
    {.kind = FB_ROUTE_COMMAND, .match = "nap", .handler = on_nap},
    {.kind = FB_ROUTE_COMMAND, .match = "note", .handler = on_note},
    {.kind = FB_ROUTE_COMMAND, .match = "setlocal", .handler = on_setlocal},
    {.kind = FB_ROUTE_COMMAND, .match = "getlocal", .handler = on_getlocal},
    {.kind = FB_ROUTE_COMMAND,
     .match = "churn",
     .handler = on_churn,
     .enters = "quiz"},
    {.kind = FB_ROUTE_CALLBACK,
     .match = "adm:",
     .handler = on_admin,
     .role = FB_ROLE_ADMIN},
    {.kind = FB_ROUTE_CALLBACK,
     .match = "bad:",
     .handler = on_bad,
     .role = FB_ROLE_MEMBER},
    {.kind = FB_ROUTE_CALLBACK,
     .match = "mem:",
     .handler = on_member,
     .role = FB_ROLE_MEMBER},
    {.kind = FB_ROUTE_GENERIC, .handler = on_generic},
    {0}};

static const fb_state reg_states[] = {{.name = "name", .handler = reg_name},
                                      {.name = "age", .handler = reg_age},
                                      {0}};
static const fb_state quiz_states[] = {{.name = "q1", .handler = quiz_q1}, {0}};
static const fb_state brief_states[] = {{.name = "wait", .handler = brief_wait},
                                        {0}};
static const fb_state slow_states[] = {{.name = "wait", .handler = slow_wait},
                                       {0}};
static const fb_flow flows[] = {{.name = "slow",
                                 .states = slow_states,
                                 .timeout_s = 4,
                                 .on_timeout = slow_timeout},
                                {.name = "brief",
                                 .states = brief_states,
                                 .timeout_s = 2,
                                 .on_timeout = brief_timeout},
                                {.name = "reg",
                                 .states = reg_states,
                                 .on_cancel = reg_cancel,
                                 .on_timeout = reg_timeout},
                                {.name = "quiz", .states = quiz_states},
                                {0}};

static const fb_job jobs[] = {{.name = "tick",
                               .kind = FB_JOB_EVERY,
                               .every_min = 60,
                               .handler = job_tick},
                              {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER,        .name = "tp_flow",
    .version = "1.0",        .description = "host integration test plugin",
    .priority = 50,          .routes = routes,
    .flows = flows,          .jobs = jobs,
    .migrations = "tp_flow",
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
