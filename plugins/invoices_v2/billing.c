/* invoices_v2 plugin: the recipient's billing details (CGST Rules, rule
 * 46: the recipient's name and address, their GSTIN when registered; an
 * unregistered recipient's address and state from ₹50,000 on). Asked in
 * /invoice right after the member:
 *
 *   member ──► known (inv_recipients): the details  [Keep] [Change]
 *          └─► unknown, or [Change]:
 *   gstin: their GSTIN (checked by gst_store: gst.gstin_check; the state
 *       is the GSTIN's) or [Not registered]
 *   ──► address: 1–200 characters; [Skip] only for an unregistered
 *       recipient, and not when Send sent the admin back for it
 *   ──► b_state: an unregistered recipient's address's state (GST code,
 *       or [Same state])
 *   ──► saved for the member's next invoice ──► line (or the review again)
 * The flow carries them as b_gstin, b_addr and b_state; the draft and the
 * stored invoice copy them (doc.c, number.c). */
#include <string.h>

#include "inv.h"
#include "texts.h"

static const char *member_name(fb_ctx *c)
{
    return fb__inv_name(c, fb_flow_int(c, "member", 0));
}

/* See inv.h. */
const char *fb__inv_recipient_text(fb_ctx *c, const char *address,
                                   const char *gstin, const char *state,
                                   const char *code)
{
    const char *t = *address ? fb_strf(c, T_TO_ADDRESS, address) : "";

    t = *gstin ? fb_strf(c, "%-s" T_TO_GSTIN, t, gstin)
               : fb_strf(c, "%-s" T_TO_UNREGISTERED, t);
    if (*code)
        t = fb_strf(c, "%-s" T_TO_STATE, t, *state ? state : code, code);
    return t;
}

/* The name of the flow's state (asked of gst_store), else its code. */
static const char *state_name(fb_ctx *c)
{
    const char *code = fb_flow_str(c, "b_state");
    int ut;
    const char *name = *code ? fb__inv_state(c, code, &ut) : NULL;

    return name ? name : code;
}

/* The flow's details as text. */
static const char *details(fb_ctx *c)
{
    return fb__inv_recipient_text(c, fb_flow_str(c, "b_addr"),
                                  fb_flow_str(c, "b_gstin"), state_name(c),
                                  fb_flow_str(c, "b_state"));
}

/* See inv.h. */
int fb__inv_billing(fb_ctx *c)
{
    fb_rows *r = fb_sql(c,
                        "SELECT gstin, address, state_code FROM inv_recipients"
                        " WHERE user_id = $1",
                        fb_flow_int(c, "member", 0));
    int known = fb_nrows(c, r) > 0;

    fb_flow_set(c, "b_gstin", known ? fb_str(c, r, 0, 0) : "");
    fb_flow_set(c, "b_addr", known ? fb_str(c, r, 0, 1) : "");
    fb_flow_set(c, "b_state", known ? fb_str(c, r, 0, 2) : "");
    fb_flow_set(c, "b_back", "");
    return fb_flow_goto(c, known ? "b_known" : "gstin");
}

/* See inv.h. */
int fb__inv_billed(fb_ctx *c)
{
    int back = strcmp(fb_flow_str(c, "b_back"), "review") == 0;

    fb_sql_exec(c,
                "INSERT INTO inv_recipients (user_id, gstin, address,"
                " state_code, updated_by) VALUES ($1, $2, $3, $4, $5)"
                " ON CONFLICT (user_id) DO UPDATE SET gstin = $2,"
                " address = $3, state_code = $4, updated_by = $5,"
                " updated_at = now()",
                fb_flow_int(c, "member", 0), fb_flow_str(c, "b_gstin"),
                fb_flow_str(c, "b_addr"), fb_flow_str(c, "b_state"),
                fb_user(c));
    fb_flow_set(c, "b_back", "");
    return fb_flow_goto(c, back ? "review" : "line");
}

/* ---- known details ------------------------------------------------------ */

static int ask_known(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_KEEP, CB_KEEP);
    fb_kb_button(kb, B_CHANGE, CB_CHANGE);
    fb__inv_with_cancel(c, kb);
    return fb_reply(
        c,
        html ? html : fb_strf(c, T_BILLING_KNOWN, member_name(c), details(c)),
        kb);
}

static const char *press_keep(fb_ctx *c)
{
    (void)c;
    return E_KEEP;
}

/* [Keep] */
int fb__inv_keep(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, "b_known"))
        return fb_answerf(c, A_STALE);
    fb_editf(c, NULL, T_KEPT, member_name(c), details(c));
    return fb_flow_goto(c, "line");
}

/* [Change] */
int fb__inv_change(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, "b_known"))
        return fb_answerf(c, A_STALE);
    fb_editf(c, NULL, T_CHANGING, member_name(c));
    return fb_flow_goto(c, "gstin");
}

/* ---- GSTIN ------------------------------------------------------------- */

static int ask_gstin(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_UNREGISTERED, CB_UNREG);
    fb__inv_with_cancel(c, kb);
    return fb_reply(c, html ? html : fb_strf(c, T_ASK_GSTIN, member_name(c)),
                    kb);
}

/* Checked as gst_store checks the club's own: canonical under b_gstin,
 * its state under b_state; gst_store's message when refused. */
static const char *check_gstin(fb_ctx *c)
{
    const char *j;

    if (fb_request(c, "gst.gstin_check",
                   fb_jsonf(c, "{\"gstin\":\"%s\"}", fb_text(c))) < 1)
        return E_GSTIN_NO_CHECK;
    j = fb_response(c, 0);
    if (strcmp(fb__inv_json(c, j, "ok"), "1") != 0)
        return fb_strf(c, "%-s", fb__inv_json(c, j, "why"));
    fb_flow_set(c, "b_gstin", fb__inv_json(c, j, "gstin"));
    fb_flow_set(c, "b_state", fb__inv_json(c, j, "state_code"));
    return NULL;
}

/* [Not registered] */
int fb__inv_unregistered(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, "gstin"))
        return fb_answerf(c, A_STALE);
    fb_flow_set(c, "b_gstin", "");
    fb_flow_set(c, "b_state", "");
    fb_editf(c, NULL, T_UNREGISTERED, member_name(c));
    return fb_flow_goto(c, "address");
}

/* ---- address and state ------------------------------------------------- */

/* A registered recipient's address is always on the invoice; Send asks
 * for an unregistered one's when the total needs it. */
static int address_skippable(fb_ctx *c)
{
    return !*fb_flow_str(c, "b_gstin") && !*fb_flow_str(c, "b_back");
}

static int ask_address(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);
    const char *gstin = fb_flow_str(c, "b_gstin"), *head = "";
    int skip = address_skippable(c);

    if (skip)
        fb_kb_button(kb, B_SKIP, CB_SKIP);
    fb__inv_with_cancel(c, kb);
    if (html)
        return fb_reply(c, html, kb);
    if (*gstin)
        head = fb_strf(c, T_GSTIN_STATE, gstin, state_name(c),
                       fb_flow_str(c, "b_state"));
    return fb_replyf(c, kb, T_ASK_ADDRESS, head, member_name(c),
                     skip ? T_ADDRESS_SKIP : "");
}

/* See inv.h: an address typed; an unregistered recipient's state next. */
int fb__inv_address_given(fb_ctx *c)
{
    if (*fb_flow_str(c, "b_gstin"))
        return fb__inv_billed(c);
    return fb_flow_goto(c, "b_state");
}

/* [Skip] */
int fb__inv_skip_address(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, "address") || !address_skippable(c))
        return fb_answerf(c, A_STALE);
    fb_flow_set(c, "b_addr", "");
    fb_flow_set(c, "b_state", "");
    fb_edit(c, T_NO_ADDRESS, NULL);
    return fb__inv_billed(c);
}

static int ask_bstate(fb_ctx *c, const char *html)
{
    inv_settings s = fb__inv_settings(c);
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, fb_plainf(c, B_SAME, s.state_name), CB_SAME);
    fb__inv_with_cancel(c, kb);
    return fb_reply(c, html ? html : fb_strf(c, T_ASK_BSTATE, s.state_name),
                    kb);
}

static const char *check_bstate(fb_ctx *c)
{
    return fb__inv_state_typed(c, "b_state");
}

/* See inv.h. */
int fb__inv_billing_state(fb_ctx *c, const char *code)
{
    fb_flow_set(c, "b_state", code);
    fb_editf(c, NULL, T_BSTATE, state_name(c), code);
    return fb__inv_billed(c);
}

/* clang-format off */
const fb_ask fb__inv_known_q = {.ask = ask_known, .type = FB_IN_ANY,
    .check = press_keep};
const fb_ask fb__inv_gstin_q = {.ask = ask_gstin, .check = check_gstin,
    .next = "address"};
const fb_ask fb__inv_address_q = {.ask = ask_address, .type = FB_IN_TEXT,
    .min = 1, .max = 200, .bad = E_ADDRESS, .key = "b_addr"};
const fb_ask fb__inv_bstate_q = {.ask = ask_bstate, .check = check_bstate};
/* clang-format on */
