/* tp_v12: a plugin of ABI 1.2 driving every new host member — the sticky
 * failure, context memory, the calendar, user names, requests (answered by
 * itself and tp_v12b), the menu, and a flow declared with fb_ask states.
 * Written with plugin.h alone. Every effect is a row of tp_v12_rows. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fitbot/plugin.h>

static int row(fb_ctx *c, const char *what)
{
    const char *p[] = {what};
    return fb_query(c, "INSERT INTO tp_v12_rows(what) VALUES ($1)", 1, p)
               ? FB_OK
               : FB_ERR;
}

/* A reply from a printf format, in context memory. */
static int say(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
static int say(fb_ctx *c, const char *fmt, ...)
{
    char *text = fb_alloc(c, 2048);
    va_list ap;
    if (!text)
        return FB_ERR;
    va_start(ap, fmt);
    vsnprintf(text, 2048, fmt, ap);
    va_end(ap);
    return fb_reply(c, text, NULL);
}

/* ---- the sticky failure -------------------------------------------------- */
/* A failed query, unchecked: FB_OK still rolls back. */
static int on_sticky(fb_ctx *c)
{
    row(c, "sticky");
    fb_query(c, "SELECT * FROM tp_v12_no_such_table", 0, NULL);
    say(c, "sticky: you must not see this");
    return FB_OK;
}

/* fb_fail by hand; fb_failed reads it. */
static int on_handfail(fb_ctx *c)
{
    row(c, "handfail");
    if (fb_failed(c))
        return FB_ERR;
    fb_fail(c, "tp_v12 failed by hand");
    say(c, "handfail: failed=%d", fb_failed(c));
    return FB_OK;
}

/* ---- memory and the calendar ------------------------------------------- */
static int on_alloc(fb_ctx *c)
{
    unsigned char *p = fb_alloc(c, 4096);
    int zero = 1;
    for (int i = 0; p && i < 4096; i++)
        zero &= p[i] == 0;
    if (p)
        memset(p, 'x', 4096);
    return say(c, "alloc: %s zeroed=%d", p ? "ok" : "null", zero);
}

static int on_cal(fb_ctx *c)
{
    fb_date d = fb_today(c);
    char today[16];
    const char *p[] = {today};
    fb_rows *r;
    long long shift = (long long)(fb_now(c) - (int64_t)time(NULL));
    snprintf(today, sizeof today, "%04d-%02d-%02d", d.year, d.month, d.day);
    r = fb_query(c,
                 "SELECT CURRENT_DATE::text, ($1::date - CURRENT_DATE)::text,"
                 " current_setting('TimeZone')",
                 1, p);
    if (!r)
        return FB_ERR;
    return say(c, "cal: tz=%s dbtz=%s today=%s db=%s diff=%s shift_h=%lld",
               fb_timezone(c), fb_rows_get(c, r, 0, 2), today,
               fb_rows_get(c, r, 0, 0), fb_rows_get(c, r, 0, 1),
               (shift + (shift < 0 ? -60 : 60)) / 3600);
}

/* ---- users -----------------------------------------------------------------
 */
static int64_t arg_id(fb_ctx *c, const char **rest)
{
    char *end;
    long long v = strtoll(fb_args(c), &end, 10);
    while (*end == ' ')
        end++;
    if (rest)
        *rest = end;
    return (int64_t)v;
}

static int on_names(fb_ctx *c)
{
    int64_t id = arg_id(c, NULL);
    const char *name = fb_user_name(c, id);
    fb_role role = fb_user_role(c, id);
    return say(c, "names: %s role=%d unknown=%d", name ? name : "(null)",
               (int)role, role < FB_ROLE_MEMBER && role == FB_ROLE_UNKNOWN);
}

static int on_setname(fb_ctx *c)
{
    const char *rest;
    int64_t id = arg_id(c, &rest);
    if (fb_user_set_name(c, id, rest))
        return FB_ERR;
    return say(c, "setname: ok");
}

/* ---- requests and the menu ---------------------------------------------- */
static int on_card(fb_ctx *c)
{
    char *buf = fb_alloc(c, 1024);
    int n = fb_request(c, "tp.card", "{\"who\":\"asha\"}");
    size_t used = 0;
    if (!buf || n < 0)
        return FB_ERR;
    used += (size_t)snprintf(buf, 1024, "card: n=%d", n);
    for (int i = 0; i < n && used < 1024; i++)
        used += (size_t)snprintf(buf + used, 1024 - used, " [%s: %s]",
                                 fb_response_plugin(c, i), fb_response(c, i));
    if (fb_response(c, n) || fb_response_plugin(c, n))
        return FB_ERR;
    return fb_reply(c, buf, NULL);
}

/* A request whose answerer fails: unchecked, the handler still fails. */
static int on_cardfail(fb_ctx *c)
{
    row(c, "cardfail");
    say(c, "cardfail: n=%d", fb_request(c, "tp.fail", NULL));
    return FB_OK;
}

/* respond outside a request is a failure. */
static int on_respond(fb_ctx *c)
{
    row(c, "respond");
    fb_respond(c, "nobody asked");
    return FB_OK;
}

static int answer_card(fb_ctx *c)
{
    char *text = fb_alloc(c, 256);
    snprintf(text, 256, "mine for %s", fb_event_json(c));
    return fb_respond(c, text) ? FB_ERR : FB_OK;
}

static int on_menu(fb_ctx *c)
{
    return say(c, "menu:\n%s", fb_menu(c));
}

/* A database NOTICE: the host logs it as a key=value line. */
static int on_notice(fb_ctx *c)
{
    if (!fb_query(c, "DO $$ BEGIN RAISE NOTICE 'tp_v12 notice %', 42; END $$",
                  0, NULL))
        return FB_ERR;
    return say(c, "notice: raised");
}

/* ---- the form: a flow declared with questions --------------------------- */
static int ask_nick(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_alloc(c, sizeof *kb);
    if (!kb)
        return FB_ERR;
    kb->rows = 1;
    kb->cols[0] = 1;
    snprintf(kb->b[0][0].text, sizeof kb->b[0][0].text, "Again");
    snprintf(kb->b[0][0].data, sizeof kb->b[0][0].data, "v12:again");
    return fb_reply(c, html, kb);
}

static const char *check_nick(fb_ctx *c)
{
    if (strcmp(fb_text(c), "admin") == 0)
        return "form: that nick is taken";
    return NULL;
}

static int nick_done(fb_ctx *c)
{
    char *what = fb_alloc(c, 512);
    snprintf(what, 512, "form:%s:%s:%s:%s", fb_flow_get(c, "age"),
             fb_flow_get(c, "fee"), fb_flow_get(c, "day"),
             fb_flow_get(c, "nick"));
    row(c, what);
    fb_flow_end(c);
    return say(c, "form: done %s", what);
}

static const fb_ask q_age = {.prompt = "form: your age?",
                             .type = FB_IN_INT,
                             .min = 18,
                             .max = 99,
                             .bad = "form: age is a number from 18 to 99",
                             .key = "age",
                             .next = "fee"};
static const fb_ask q_fee = {.prompt = "form: the fee in rupees?",
                             .type = FB_IN_MONEY,
                             .min = 100,
                             .max = 1000000,
                             .bad = "form: a fee from ₹1 to ₹10,000",
                             .key = "fee",
                             .next = "day"};
static const fb_ask q_day = {.prompt = "form: which day (YYYY-MM-DD)?",
                             .type = FB_IN_DATE,
                             .key = "day",
                             .next = "nick"};
static const fb_ask q_nick = {.prompt = "form: a nick of 2 to 10 letters?",
                              .ask = ask_nick,
                              .type = FB_IN_TEXT,
                              .min = 2,
                              .max = 10,
                              .check = check_nick,
                              .key = "nick"};

static const fb_state form_states[] = {
    {.name = "age", .ask = &q_age},
    {.name = "fee", .ask = &q_fee},
    {.name = "day", .ask = &q_day},
    {.name = "nick", .ask = &q_nick, .handler = nick_done},
    {0}};

static int on_form(fb_ctx *c)
{
    fb_flow_start(c, "form", "age");
    return say(c, "form: welcome");
}

/* Moves to a question, then fails: no prompt, nothing kept. */
static int on_formfail(fb_ctx *c)
{
    fb_flow_start(c, "form", "age");
    say(c, "formfail: you must not see this");
    return fb_fail(c, "formfail on purpose");
}

/* Moves into the question and on again: only the last one is asked. */
static int on_formskip(fb_ctx *c)
{
    fb_flow_start(c, "form", "age");
    fb_flow_set(c, "age", "30");
    fb_flow_goto(c, "fee");
    return say(c, "formskip: straight to the fee");
}

static int on_again(fb_ctx *c)
{
    return fb_flow_reask(c) ? FB_ERR : FB_OK;
}

/* The keyboard's button: re-enter the same state (asked again). */
static int on_button(fb_ctx *c)
{
    return fb_flow_goto(c, "nick") ? FB_ERR : FB_OK;
}

#define CMD(m, h)                                                              \
    {                                                                          \
        .kind = FB_ROUTE_COMMAND, .match = (m), .handler = (h)                 \
    }
static const fb_route routes[] = {
    CMD("sticky", on_sticky),
    CMD("handfail", on_handfail),
    CMD("alloc", on_alloc),
    CMD("cal", on_cal),
    CMD("names", on_names),
    CMD("setname", on_setname),
    CMD("card", on_card),
    CMD("cardfail", on_cardfail),
    CMD("respond", on_respond),
    CMD("menu", on_menu),
    CMD("notice", on_notice),
    {.kind = FB_ROUTE_COMMAND,
     .match = "form",
     .handler = on_form,
     .enters = "form",
     .help = "fill in the form"},
    CMD("formfail", on_formfail),
    CMD("formskip", on_formskip),
    CMD("again", on_again),
    {.kind = FB_ROUTE_CALLBACK, .match = "v12:", .handler = on_button},
    {0}};

static const fb_flow flows[] = {{.name = "form", .states = form_states}, {0}};

static const fb_subscription subs[] = {
    {.event = "tp.card", .handler = answer_card}, {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER,       .name = "tp_v12",
    .version = "1.2",       .description = "ABI 1.2 host test plugin",
    .priority = 10,         .routes = routes,
    .flows = flows,         .subs = subs,
    .migrations = "tp_v12",
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
