/* gst_store plugin: GST rates by HSN/SAC code, with effective dates.
 *
 *   /gst_rates ──► every code's history ("9997: 18 % from 2017-07-01;
 *                  5 % from 2025-09-22 (today)") and [Add a rate change]
 *   [Add a rate change] ──► HSN/SAC (2, 4, 6 or 8 digits) ──► rate % ──►
 *                           in force from (a date) ──► saved, its history
 * Nothing is ever deleted: an invoice dated before a change keeps the old
 * rate. A second change for the same code and day replaces that day's
 * rate (a correction). gst_rate_on() in the migration picks the rate in
 * force: the longest code that begins the item's, its latest change on or
 * before the day. */
#include <string.h>

#include "fields.h"
#include "gst.h"
#include "texts.h"

#define GST_START "2017-07-01"
#define RATES_SHOWN 120

/* The history lines of every code (or of one), oldest first. */
static const char *history(fb_ctx *c, const char *only)
{
    fb_rows *r = fb_sql(
        c,
        "SELECT hsn, rate_bp, effective_from::text, note,"
        " (effective_from = (SELECT max(effective_from) FROM gst_rates o"
        "   WHERE o.hsn = r.hsn AND o.effective_from <= $1::date))::int"
        " FROM gst_rates r WHERE $2::text IS NULL OR hsn = $2"
        " ORDER BY hsn, effective_from LIMIT $3",
        fb_today_text(c), only, RATES_SHOWN);
    const char *out = "", *code = "";

    for (int i = 0; i < fb_nrows(c, r); i++) {
        if (strcmp(code, fb_str(c, r, i, 0)) != 0) {
            code = fb_str(c, r, i, 0);
            out = fb_strf(c, "%-s" T_RATE_CODE, out, code);
        }
        out = fb_strf(c, "%-s" T_RATE_STEP, out,
                      fb__gst_pct(c, fb_int(c, r, i, 1)), fb_str(c, r, i, 2),
                      fb_int(c, r, i, 4) ? T_RATE_NOW : "");
    }
    return *out ? out : T_RATES_NONE;
}

/* /gst_rates and [Rates »]. */
int fb__gst_rates(fb_ctx *c)
{
    fb_keyboard *kb = fb_kb(c);
    const char *dflt = fb__gst_pct(
        c, fb_sql_int(c, 1800,
                      "SELECT default_rate_bp FROM gst_settings WHERE id = 1"));

    fb_kb_button(kb, B_RATE_ADD, CB_RATE_ADD);
    return fb_replyf(c, kb, T_RATES, dflt, history(c, NULL));
}

/* [Add a rate change]: the host asks for the code. */
int fb__gst_rate_add(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_RATE, "hsn");
}

static const char *check_hsn(fb_ctx *c)
{
    char code[HSN_MAX + 1];

    if (fb__gst_hsn_prefix(fb_text(c), code))
        return E_RATE_HSN;
    return fb_flow_set(c, "hsn", code) == FB_OK ? NULL : E_RATE_HSN;
}

static const char *check_pct(fb_ctx *c)
{
    int bp;

    if (fb__gst_rate(fb_text(c), &bp))
        return fb__gst_bad(c, L_RATE, R_RATE);
    return fb_flow_set_int(c, "bp", bp) == FB_OK ? NULL : E_DEFAULT_RATE;
}

/* A day from the start of GST on (the type check made it a date). */
static const char *check_day(fb_ctx *c)
{
    fb_date d;
    char s[11];

    if (fb_parse_date(fb_text(c), &d) != 0 ||
        strcmp(fb_date_str(&d, s), GST_START) < 0)
        return E_RATE_DATE;
    return NULL;
}

/* The date, the last answer: the change is saved. */
static int save(fb_ctx *c)
{
    const char *hsn = fb_flow_str(c, "hsn");
    const char *day = fb_date_text(c, fb_flow_date(c, "from"));
    int64_t bp = fb_flow_int(c, "bp", 0);
    const char *old = fb_sql_str(
        c, "SELECT rate_bp::text FROM gst_rates WHERE hsn = $1"
           " AND effective_from = $2::date",
        hsn, day);
    const char *replaced = "";

    fb_sql_exec(c,
                "INSERT INTO gst_rates (hsn, rate_bp, effective_from,"
                " created_by) VALUES ($1, $2, $3::date, $4)"
                " ON CONFLICT (hsn, effective_from) DO UPDATE SET"
                " rate_bp = EXCLUDED.rate_bp, created_by = EXCLUDED.created_by,"
                " created_at = now()",
                hsn, bp, day, fb_user(c));
    if (old && strcmp(old, fb_id_str(c, bp)) != 0) {
        int64_t v = 0;

        fb_parse_int64(old, 0, 4000, &v);
        replaced = fb_strf(c, T_RATE_REPLACED, fb__gst_pct(c, v));
    }
    fb_flow_end(c);
    return fb_replyf(c, NULL, T_RATE_SAVED, day, hsn, fb__gst_pct(c, bp),
                     replaced, hsn, history(c, hsn));
}

/* clang-format off */
static const fb_ask hsn_q = {.prompt = T_ASK_RATE_HSN, .bad = E_RATE_HSN, .check = check_hsn, .next = "rate"};
static const fb_ask pct_q = {.prompt = T_ASK_RATE_PCT, .bad = E_DEFAULT_RATE, .check = check_pct, .next = "from"};
static const fb_ask day_q = {.prompt = T_ASK_RATE_DATE, .type = FB_IN_DATE, .bad = E_RATE_DATE, .check = check_day, .key = "from"};

const fb_state fb__gst_rate_states[] = {
    {.name = "hsn", .role = FB_ROLE_ADMIN, .ask = &hsn_q},
    {.name = "rate", .role = FB_ROLE_ADMIN, .ask = &pct_q},
    {.name = "from", .role = FB_ROLE_ADMIN, .ask = &day_q, .handler = save},
    {0}};
/* clang-format on */
