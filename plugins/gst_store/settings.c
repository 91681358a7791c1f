/* gst_store plugin: the club's GST settings, kept by admins.
 *
 *   /gst ──► the settings, and buttons:
 *     [Turn GST on/off] [Make prices inclusive/exclusive]   (at once)
 *     [Default rate] [Legal name] [Address] [GSTIN] [State] ──► one typed
 *     question, checked with its own message ──► saved, settings again
 *     [Rates »] [Items »]
 * A GSTIN decides the state (its first two digits); the state alone may be
 * set while no GSTIN is. One row, one source: invoices ask gst.settings. */
#include <string.h>
#include <strings.h>

#include "fields.h"
#include "gst.h"
#include "gstin.h"
#include "texts.h"

#define NAME_MAX_CHARS 100
#define ADDRESS_MAX_CHARS 300

/* "27 Maharashtra" (with the UTGST note), or "not set". */
static const char *state_line(fb_ctx *c, const char *code)
{
    const gst_state *s = fb__gst_state_str(code);

    if (!s)
        return T_NOT_SET;
    return fb_strf(c, T_STATE_LINE, code, s->name, s->utgst ? T_UTGST : "");
}

static const char *or_not_set(fb_ctx *c, const char *v)
{
    return *v ? fb_esc(c, v) : T_NOT_SET;
}

static int show(fb_ctx *c, const char *head, int edit)
{
    fb_rows *r = fb_sql(c, "SELECT enabled::int, mode, default_rate_bp,"
                           " legal_name, address, gstin, state_code"
                           " FROM gst_settings WHERE id = 1");
    int on = (int)fb_int(c, r, 0, 0);
    int incl = strcmp(fb_str(c, r, 0, 1), "inclusive") == 0;
    fb_keyboard *kb = fb_kb(c);
    const char *text;

    fb_kb_button(kb, on ? B_TURN_OFF : B_TURN_ON, CB_SET_TOGGLE "on");
    fb_kb_button(kb, incl ? B_TO_EXCLUSIVE : B_TO_INCLUSIVE,
                 CB_SET_TOGGLE "mode");
    fb_kb_row(kb);
    fb_kb_button(kb, B_DEFAULT_RATE, CB_SET_EDIT "rate");
    fb_kb_button(kb, B_LEGAL_NAME, CB_SET_EDIT "name");
    fb_kb_button(kb, B_ADDRESS, CB_SET_EDIT "address");
    fb_kb_row(kb);
    fb_kb_button(kb, B_GSTIN, CB_SET_EDIT "gstin");
    fb_kb_button(kb, B_STATE, CB_SET_EDIT "state");
    fb_kb_row(kb);
    fb_kb_button(kb, B_RATES, CB_RATES);
    fb_kb_button(kb, B_ITEMS, CB_ITEMS "0");
    text = fb_strf(c, T_SETTINGS, head, on ? T_ON : T_OFF,
                   incl ? T_INCLUSIVE : T_EXCLUSIVE,
                   fb__gst_pct(c, fb_int(c, r, 0, 2)),
                   or_not_set(c, fb_str(c, r, 0, 3)),
                   or_not_set(c, fb_str(c, r, 0, 4)),
                   or_not_set(c, fb_str(c, r, 0, 5)),
                   state_line(c, fb_str(c, r, 0, 6)));
    return edit ? fb_edit(c, text, kb) : fb_reply(c, text, kb);
}

/* /gst and [« Settings]. */
int fb__gst_settings(fb_ctx *c)
{
    return show(c, "", fb_kind(c) == FB_UPDATE_CALLBACK);
}

/* [Turn GST on/off], [Make prices inclusive/exclusive]: at once. */
int fb__gst_settings_toggle(fb_ctx *c)
{
    const char *what = fb_data_field(c, CB_SET_TOGGLE, 0);
    const char *set;

    if (what && strcmp(what, "on") == 0)
        set = "UPDATE gst_settings SET enabled = NOT enabled,"
              " updated_by = $1, updated_at = now() WHERE id = 1";
    else if (what && strcmp(what, "mode") == 0)
        set = "UPDATE gst_settings SET mode = CASE mode WHEN 'inclusive'"
              " THEN 'exclusive' ELSE 'inclusive' END,"
              " updated_by = $1, updated_at = now() WHERE id = 1";
    else
        return fb_answerf(c, A_STALE);
    fb_sql_exec(c, set, fb_user(c));
    return show(c, "", 1);
}

/* [Default rate] and the others: the host asks that field's question. */
int fb__gst_settings_edit(fb_ctx *c)
{
    static const char *const fields[] = {"rate", "name", "address", "gstin",
                                         "state"};
    const char *what = fb_data_field(c, CB_SET_EDIT, 0);

    for (size_t i = 0; what && i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(what, fields[i]) == 0)
            return fb_flow_start(c, FLOW_SETTINGS, fields[i]);
    return fb_answerf(c, A_STALE);
}

/* ---- the checks ------------------------------------------------------------ */

static const char *check_rate(fb_ctx *c)
{
    int bp;

    if (fb__gst_rate(fb_text(c), &bp))
        return E_DEFAULT_RATE;
    return fb_flow_set_int(c, "bp", bp) == FB_OK ? NULL : E_DEFAULT_RATE;
}

/* See gst.h. */
const char *fb__gst_gstin_why(fb_ctx *c, const char *in,
                              char g[GSTIN_LEN + 1])
{
    const char *shown = fb__gst_quote(c, in);
    char up[GSTIN_LEN + 1];
    long chars = 0;

    switch (fb__gstin_validate(in, g)) {
    case GSTIN_OK:
        return NULL;
    case GSTIN_EMPTY:
    case GSTIN_LENGTH:
        for (const char *p = in + strspn(in, " \t\r\n"); *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80 && !strchr(" \t\r\n", *p);
        return fb_strf(c, E_GSTIN_LENGTH, shown, (int)chars);
    case GSTIN_CHARS:
        return fb_strf(c, E_GSTIN_CHARS, shown);
    case GSTIN_STATE:
        return fb_strf(c, E_GSTIN_STATE, shown);
    case GSTIN_PAN:
        return fb_strf(c, E_GSTIN_PAN, shown);
    case GSTIN_ENTITY:
        return fb_strf(c, E_GSTIN_ENTITY, shown);
    case GSTIN_CHECK:
    default:
        for (int i = 0; i < GSTIN_LEN; i++)
            up[i] = shown[i] >= 'a' && shown[i] <= 'z'
                        ? (char)(shown[i] - 'a' + 'A')
                        : shown[i];
        up[GSTIN_LEN] = '\0';
        return fb_strf(c, E_GSTIN_CHECK, up, fb__gstin_check_char(up));
    }
}

/* The GSTIN typed: checked, canonical under "gstin" ("" for none). */
static const char *check_gstin(fb_ctx *c)
{
    const char *in = fb_text(c);
    const char *shown = fb__gst_quote(c, in), *why;
    char g[GSTIN_LEN + 1];

    if (strcasecmp(shown, "none") == 0 || strcmp(shown, "-") == 0)
        return fb_flow_set(c, "gstin", "") == FB_OK ? NULL : T_ASK_GSTIN;
    why = fb__gst_gstin_why(c, in, g);
    if (why)
        return why;
    return fb_flow_set(c, "gstin", g) == FB_OK ? NULL : T_ASK_GSTIN;
}

/* A state by its code ("27", "7") or its name (case ignored). */
static const gst_state *state_of(const char *in)
{
    const gst_state *s = fb__gst_state_str(in);
    char t[64];

    if (s || fb_trim(in, t, sizeof t) != 0)
        return s;
    for (s = fb__gst_states; s->name; s++)
        if (strcasecmp(s->name, t) == 0)
            return s;
    return NULL;
}

static const char *check_state(fb_ctx *c)
{
    const gst_state *s = state_of(fb_text(c));
    const char *gstin;

    if (!s)
        return fb_strf(c, E_STATE, fb__gst_quote(c, fb_text(c)));
    gstin = fb_sql_str(c, "SELECT gstin FROM gst_settings WHERE id = 1");
    if (gstin && *gstin &&
        ((gstin[0] - '0') * 10 + (gstin[1] - '0')) != s->code) {
        const gst_state *g = fb__gst_state((gstin[0] - '0') * 10 +
                                           (gstin[1] - '0'));

        return fb_strf(c, E_STATE_GSTIN, gstin, g ? g->name : "?",
                       fb_plainf(c, "%.2s", gstin));
    }
    fb_flow_set(c, "state", fb_plainf(c, "%02d", s->code));
    return NULL;
}

/* ---- saving ------------------------------------------------------------------ */

/* Any answer accepted: save that field and show the settings again. */
static int save(fb_ctx *c)
{
    const char *state = fb_flow_state(c);
    const char *head = T_SAVED;

    if (strcmp(state, "rate") == 0)
        fb_sql_exec(c, "UPDATE gst_settings SET default_rate_bp = $1"
                       " WHERE id = 1",
                    fb_flow_int(c, "bp", 0));
    else if (strcmp(state, "name") == 0)
        fb_sql_exec(c, "UPDATE gst_settings SET legal_name = $1 WHERE id = 1",
                    fb_flow_str(c, "v"));
    else if (strcmp(state, "address") == 0)
        fb_sql_exec(c, "UPDATE gst_settings SET address = $1 WHERE id = 1",
                    fb_flow_str(c, "v"));
    else if (strcmp(state, "state") == 0)
        fb_sql_exec(c, "UPDATE gst_settings SET state_code = $1 WHERE id = 1",
                    fb_flow_str(c, "state"));
    else {
        const char *g = fb_flow_str(c, "gstin");
        const gst_state *s = *g ? fb__gst_state((g[0] - '0') * 10 + (g[1] - '0'))
                                : NULL;

        fb_sql_exec(c,
                    "UPDATE gst_settings SET gstin = $1,"
                    " state_code = CASE WHEN $1 = '' THEN state_code"
                    " ELSE left($1, 2) END WHERE id = 1",
                    g);
        if (s)
            head = fb_strf(c, T_GSTIN_STATE, fb_plainf(c, "%02d", s->code),
                           s->name);
    }
    fb_sql_exec(c, "UPDATE gst_settings SET updated_by = $1,"
                   " updated_at = now() WHERE id = 1",
                fb_user(c));
    fb_flow_end(c);
    return show(c, head, 0);
}

/* clang-format off */
static const fb_ask rate_q = {.prompt = T_ASK_DEFAULT_RATE, .bad = E_DEFAULT_RATE, .check = check_rate};
static const fb_ask name_q = {.prompt = T_ASK_LEGAL_NAME, .min = 1, .max = NAME_MAX_CHARS, .bad = E_LEGAL_NAME, .key = "v"};
static const fb_ask address_q = {.prompt = T_ASK_ADDRESS, .min = 1, .max = ADDRESS_MAX_CHARS, .bad = E_ADDRESS, .key = "v"};
static const fb_ask gstin_q = {.prompt = T_ASK_GSTIN, .bad = T_ASK_GSTIN, .check = check_gstin};
static const fb_ask state_q = {.prompt = T_ASK_STATE, .bad = T_ASK_STATE, .check = check_state};

const fb_state fb__gst_settings_states[] = {
    {.name = "rate", .role = FB_ROLE_ADMIN, .ask = &rate_q, .handler = save},
    {.name = "name", .role = FB_ROLE_ADMIN, .ask = &name_q, .handler = save},
    {.name = "address", .role = FB_ROLE_ADMIN, .ask = &address_q, .handler = save},
    {.name = "gstin", .role = FB_ROLE_ADMIN, .ask = &gstin_q, .handler = save},
    {.name = "state", .role = FB_ROLE_ADMIN, .ask = &state_q, .handler = save},
    {0}};
/* clang-format on */
