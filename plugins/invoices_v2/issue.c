/* invoices_v2 plugin: /invoice, an admin puts an invoice together.
 *
 *   /invoice ──► member: an id or @username (a member the host knows)
 *   ──► their billing details: known ones [Keep] [Change], else GSTIN or
 *       [Not registered] → address → (unregistered) its state (billing.c)
 *   ──► line: a store item (buttons from gst.items, 8 a page; typed text
 *       searches) or [Custom item] → description → HSN/SAC → rate (the
 *       one in force, from gst.rate, offered as a button) → price
 *   ──► qty ──► disc (0–80 %) ──► more: [Add line] [Finish]
 *   ──► ship: shipping charges (0 for none) ──► state (only with goods:
 *       where they go; IGST when it is not the club's state; a registered
 *       recipient's own state offered first)
 *   ──► review: the whole invoice as text  [Send] [Cancel]; Send refuses
 *       ₹50,000 or more to an unregistered recipient without an address
 *       and goes back to the address question
 * [Cancel] at any step and /cancel drop the draft; nothing is numbered
 * before Send. The lines wait in inv_draft_lines (one draft per admin). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "inv.h"
#include "texts.h"

static int draft_lines(fb_ctx *c)
{
    return (int)fb_sql_int(c, 0,
                           "SELECT count(*) FROM inv_draft_lines"
                           " WHERE admin_id = $1",
                           fb_user(c));
}

static void drop_draft(fb_ctx *c)
{
    fb_sql_exec(c, "DELETE FROM inv_draft_lines WHERE admin_id = $1",
                fb_user(c));
}

/* See inv.h. */
fb_keyboard *fb__inv_with_cancel(fb_ctx *c, fb_keyboard *kb)
{
    fb_kb_row(kb);
    fb_kb_button(kb, B_CANCEL, CB_CANCEL);
    return kb;
}

static const char *incl_word(fb_ctx *c)
{
    return fb_flow_int(c, "incl", 0) ? T_WITH : T_WITHOUT;
}

/* /invoice: GST must be on (gst_store's settings), then the member. */
int fb__inv_start(fb_ctx *c)
{
    inv_settings s = fb__inv_settings(c);

    if (!s.ok)
        return fb_reply(c, T_NO_GST, NULL);
    if (!s.enabled)
        return fb_reply(c, T_GST_OFF, NULL);
    drop_draft(c);
    fb_flow_start(c, FLOW_INVOICE, "member");
    return fb_flow_set_int(c, "incl", s.inclusive);
}

/* An id or @username of a member: stored as "member". */
static const char *check_member(fb_ctx *c)
{
    char buf[80];
    int64_t id = fb_member_typed(c, fb_text(c));

    if (!id) {
        fb_trim(fb_text(c), buf, sizeof buf);
        return fb_strf(c, E_MEMBER, buf);
    }
    fb_flow_set_int(c, "member", id);
    fb_flow_set(c, "query", "");
    fb_flow_set_int(c, "offset", 0);
    return NULL;
}

/* ---- line: the store's items ------------------------------------------- */

static void item_buttons(fb_ctx *c, fb_keyboard *kb, const cJSON *items)
{
    const cJSON *it;
    char r[12];

    cJSON_ArrayForEach(it, items)
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        const cJSON *mrp = cJSON_GetObjectItemCaseSensitive(it, "mrp_paise");
        const cJSON *rate = cJSON_GetObjectItemCaseSensitive(it, "rate_bp");
        int64_t paise = 0, bp = 0;

        if (!cJSON_IsString(id) || !cJSON_IsString(name) ||
            !cJSON_IsString(mrp) || !cJSON_IsString(rate) ||
            fb_parse_int64(mrp->valuestring, 0, GST_PRICE_MAX, &paise) ||
            fb_parse_int64(rate->valuestring, 0, GST_RATE_MAX, &bp))
            continue;
        fb_kb_row(kb);
        fb_kb_button(kb,
                     fb_plainf(c, B_ITEM, name->valuestring,
                               fb_money_str(c, paise),
                               gst_percent_str((int)bp, r, sizeof r)),
                     fb_cbf(c, CB_ITEM "%s", id->valuestring));
    }
}

/* The line question: a page of store items, search, custom, cancel. */
static int ask_line(fb_ctx *c, const char *html)
{
    const char *q = fb_flow_str(c, "query");
    int64_t off = fb_flow_int(c, "offset", 0), total = 0;
    fb_keyboard *kb = fb_kb(c);
    const char *page = T_NO_STORE;
    cJSON *root = NULL;

    q = q ? q : "";
    if (fb_request(c, "gst.items",
                   fb_jsonf(c, "{\"query\":\"%s\",\"offset\":\"%lld\"}", q,
                            (long long)off)) > 0)
        root = cJSON_Parse(fb_response(c, 0));
    if (root) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "total");
        const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
        int n = cJSON_GetArraySize(items);

        if (cJSON_IsString(t))
            fb_parse_int64(t->valuestring, 0, INT32_MAX, &total);
        item_buttons(c, kb, items);
        if (total > 0 && n > 0)
            page = fb_strf(c, T_ITEMS_PAGE, *q ? fb_plainf(c, T_ITEMS_FOUND, q)
                                               : T_ITEMS_ALL,
                           (int)off + 1, (int)off + n, (int)total);
        else if (*q)
            page = fb_strf(c, T_NO_ITEMS, q);
        cJSON_Delete(root);
    }
    fb_kb_row(kb);
    if (off > 0)
        fb_kb_button(kb, B_PREV,
                     fb_cbf(c, CB_PAGE "%lld",
                            (long long)(off > PAGE_SIZE ? off - PAGE_SIZE : 0)));
    if (off + PAGE_SIZE < total)
        fb_kb_button(kb, B_NEXT, fb_cbf(c, CB_PAGE "%lld",
                                        (long long)(off + PAGE_SIZE)));
    fb_kb_row(kb);
    fb_kb_button(kb, B_CUSTOM, CB_CUSTOM);
    fb__inv_with_cancel(c, kb);
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(c, kb, T_ASK_LINE,
                     fb__inv_name(c, fb_flow_int(c, "member", 0)),
                     draft_lines(c) + 1, page);
}

/* Typed text in "line": a search; the first page of what it finds. */
static int line_search(fb_ctx *c)
{
    fb_flow_set_int(c, "offset", 0);
    return fb_flow_reask(c);
}

/* [Previous] / [Next] */
int fb__inv_page(fb_ctx *c)
{
    int64_t off;

    if (!fb_in_flow(c, FLOW_INVOICE, "line") ||
        fb_parse_int64(fb_data_field(c, CB_PAGE, 0), 0, 1000000, &off) != 0)
        return fb_answerf(c, A_STALE);
    fb_flow_set_int(c, "offset", off);
    return fb_flow_reask(c);
}

/* A store item's button: its name, code, unit, price and the rate in
 * force today (gst.item). */
int fb__inv_item_pick(fb_ctx *c)
{
    inv_item it;
    char r[12];

    if (!fb_in_flow(c, FLOW_INVOICE, "line"))
        return fb_answerf(c, A_STALE);
    it = fb__inv_item(c, fb_data_id(c, CB_ITEM, 0), fb_today_text(c));
    if (!it.id)
        return fb_answerf(c, A_ITEM_GONE);
    fb_flow_set(c, "desc", it.name);
    fb_flow_set(c, "hsn", it.hsn);
    fb_flow_set(c, "unit", it.unit);
    fb_flow_set_int(c, "price", it.price);
    fb_flow_set_int(c, "rate", it.rate_bp);
    fb_editf(c, NULL, T_PICKED, draft_lines(c) + 1, it.name, it.hsn,
             fb_money_str(c, it.price), gst_percent_str(it.rate_bp, r, sizeof r));
    return fb_flow_goto(c, "qty");
}

/* [Custom item] */
int fb__inv_custom(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, "line"))
        return fb_answerf(c, A_STALE);
    fb_flow_set(c, "unit", "");
    fb_edit(c, fb_strf(c, T_CUSTOM_LINE, draft_lines(c) + 1), NULL);
    return fb_flow_goto(c, "c_desc");
}

/* ---- a custom item --------------------------------------------------------- */

static const char *check_hsn(fb_ctx *c)
{
    char buf[32];
    size_t n;

    fb_trim(fb_text(c), buf, sizeof buf);
    n = strlen(buf);
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)buf[i]))
            return E_HSN;
    return n == 4 || n == 6 || n == 8 ? NULL : E_HSN;
}

/* The rate question, with the rate in force for the code today. */
static int ask_rate(fb_ctx *c, const char *html)
{
    const char *hsn = fb_flow_str(c, "hsn");
    int bp = hsn ? fb__inv_rate(c, hsn, fb_today_text(c)) : -1;
    fb_keyboard *kb = fb_kb(c);
    const char *hint = "";
    char r[12];

    if (bp >= 0) {
        gst_percent_str(bp, r, sizeof r);
        hint = fb_strf(c, T_RATE_IN_FORCE, hsn, fb_today_text(c), r);
        fb_kb_button(kb, fb_plainf(c, B_RATE, r),
                     fb_cbf(c, CB_RATE "%d", bp));
    }
    fb__inv_with_cancel(c, kb);
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(c, kb, T_ASK_RATE, hint);
}

static const char *check_rate(fb_ctx *c)
{
    int bp;

    if (gst_parse_percent(fb_text(c), GST_RATE_MAX, &bp) != 0 ||
        !gst_rate_known(bp))
        return E_RATE;
    fb_flow_set_int(c, "rate", bp);
    return NULL;
}

/* [5% (in force)] */
int fb__inv_rate_pick(fb_ctx *c)
{
    int64_t bp;
    char r[12];

    if (!fb_in_flow(c, FLOW_INVOICE, "c_rate"))
        return fb_answerf(c, A_STALE);
    if (fb_parse_int64(fb_data_field(c, CB_RATE, 0), 0, GST_RATE_MAX, &bp) ||
        !gst_rate_known((int)bp))
        return fb_answerf(c, A_BAD);
    fb_flow_set_int(c, "rate", bp);
    fb_editf(c, NULL, T_RATE_CHOSEN, gst_percent_str((int)bp, r, sizeof r));
    return fb_flow_goto(c, "c_price");
}

static int ask_price(fb_ctx *c, const char *html)
{
    return fb_reply(c, html ? html : fb_strf(c, T_ASK_PRICE, incl_word(c)),
                    fb__inv_with_cancel(c, fb_kb(c)));
}

static int ask_plain(fb_ctx *c, const char *html)
{
    return fb_reply(c, html, fb__inv_with_cancel(c, fb_kb(c)));
}

/* ---- quantity, discount, the line ------------------------------------------ */

static int ask_disc(fb_ctx *c, const char *html)
{
    static const int offers[] = {500, 1000, 2000};
    fb_keyboard *kb = fb_kb(c);
    char r[12];

    fb_kb_button(kb, B_DISC_NONE, CB_DISC "0");
    for (size_t i = 0; i < sizeof offers / sizeof offers[0]; i++)
        fb_kb_button(kb, fb_plainf(c, B_DISC, gst_percent_str(offers[i], r,
                                                             sizeof r)),
                     fb_cbf(c, CB_DISC "%d", offers[i]));
    fb__inv_with_cancel(c, kb);
    return fb_reply(c, html ? html : fb_strf(c, T_ASK_DISC), kb);
}

static const char *check_disc(fb_ctx *c)
{
    int bp;

    if (gst_parse_percent(fb_text(c), GST_DISC_MAX, &bp) != 0)
        return fb_strf(c, E_DISC);
    fb_flow_set_int(c, "disc", bp);
    return NULL;
}

/* The line of the flow's values into the draft; then "more". */
static int save_line(fb_ctx *c)
{
    int n = draft_lines(c) + 1;
    const char *hsn = fb_flow_str(c, "hsn"), *unit = fb_flow_str(c, "unit");
    int64_t qty = fb_flow_int(c, "qty", 1), price = fb_flow_int(c, "price", 0);
    int64_t disc = fb_flow_int(c, "disc", 0);
    char r[12];

    if (!unit || !*unit)
        unit = gst_is_service(hsn) ? "" : T_UNIT_NOS;
    fb_sql_exec(c,
                "INSERT INTO inv_draft_lines (admin_id, n, description, hsn,"
                " unit, qty, price_paise, rate_bp, disc_bp) VALUES ($1, $2,"
                " $3, $4, $5, $6, $7, $8, $9)",
                fb_user(c), n, fb_flow_str(c, "desc"), hsn, unit, qty, price,
                fb_flow_int(c, "rate", 0), disc);
    fb_replyf(c, NULL, T_LINE_ADDED, n, fb_flow_str(c, "desc"), (long long)qty,
              disc ? fb_plainf(c, T_PRICE_OFF, fb_money_str(c, price),
                               gst_percent_str((int)disc, r, sizeof r))
                   : fb_money_str(c, price));
    return fb_flow_goto(c, "more");
}

/* [No discount] [5% off] ... */
int fb__inv_disc_pick(fb_ctx *c)
{
    int64_t bp;

    if (!fb_in_flow(c, FLOW_INVOICE, "disc"))
        return fb_answerf(c, A_STALE);
    if (fb_parse_int64(fb_data_field(c, CB_DISC, 0), 0, GST_DISC_MAX, &bp))
        return fb_answerf(c, A_BAD);
    fb_flow_set_int(c, "disc", bp);
    fb_edit(c, T_DISC_CHOSEN, NULL);
    return save_line(c);
}

/* The draft so far, [Add line] [Finish] [Cancel]. */
static int ask_more(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);
    const inv_doc *d;

    fb_kb_button(kb, B_ADD, CB_ADD);
    fb_kb_button(kb, B_FINISH, CB_FINISH);
    fb__inv_with_cancel(c, kb);
    if (html)
        return fb_reply(c, html, kb);
    d = fb__inv_draft_doc(c, NULL);
    return fb_replyf(c, kb, T_ASK_MORE, d ? fb__inv_text(c, d) : "");
}

static const char *press_more(fb_ctx *c)
{
    (void)c;
    return E_MORE;
}

/* [Add line] */
int fb__inv_add(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, "more"))
        return fb_answerf(c, A_STALE);
    if (draft_lines(c) >= MAX_LINES)
        return fb_answerf(c, E_FULL);
    fb_flow_set(c, "query", "");
    fb_flow_set_int(c, "offset", 0);
    fb_edit(c, T_ADDING, NULL);
    return fb_flow_goto(c, "line");
}

/* [Finish] */
int fb__inv_finish(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, "more"))
        return fb_answerf(c, A_STALE);
    fb_editf(c, NULL, T_LINES, draft_lines(c));
    return fb_flow_goto(c, "ship");
}

/* ---- shipping, state, review ------------------------------------------------ */

static int ask_ship(fb_ctx *c, const char *html)
{
    return fb_reply(c, html ? html : fb_strf(c, T_ASK_SHIP, incl_word(c)),
                    fb__inv_with_cancel(c, fb_kb(c)));
}

/* Shipping typed: goods ask where they go; services are supplied here. */
static int shipped(fb_ctx *c)
{
    if (fb_sql_int(c, 0,
                   "SELECT count(*) FROM inv_draft_lines WHERE admin_id = $1"
                   " AND hsn NOT LIKE '99%'",
                   fb_user(c)) > 0)
        return fb_flow_goto(c, "state");
    fb_flow_set(c, "ship_state", "");
    return fb_flow_goto(c, "review");
}

/* The recipient's own state when they are registered elsewhere, else "". */
static const char *their_state(fb_ctx *c, const inv_settings *s)
{
    const char *code = fb_flow_str(c, "b_state");

    return *fb_flow_str(c, "b_gstin") && strcmp(code, s->state_code) != 0
               ? code
               : "";
}

static int ask_state(fb_ctx *c, const char *html)
{
    inv_settings s = fb__inv_settings(c);
    fb_keyboard *kb = fb_kb(c);
    const char *theirs = their_state(c, &s), *name;
    int ut;

    if (*theirs && (name = fb__inv_state(c, theirs, &ut))) {
        fb_kb_button(kb, fb_plainf(c, B_THEIRS, name),
                     fb_cbf(c, CB_SAME "%s", theirs));
        fb_kb_row(kb);
    }
    fb_kb_button(kb, fb_plainf(c, B_SAME, s.state_name), CB_SAME);
    fb__inv_with_cancel(c, kb);
    return fb_reply(c, html ? html : fb_strf(c, T_ASK_STATE, s.state_name),
                    kb);
}

/* See inv.h. */
const char *fb__inv_state_typed(fb_ctx *c, const char *key)
{
    char buf[16], code[3];
    int utgst;
    int64_t v;

    fb_trim(fb_text(c), buf, sizeof buf);
    if (strlen(buf) > 2 || fb_parse_int64(buf, 1, 99, &v) != 0)
        return fb_strf(c, E_STATE, buf);
    snprintf(code, sizeof code, "%02d", (int)v);
    if (!fb__inv_state(c, code, &utgst))
        return fb_strf(c, E_STATE, buf);
    fb_flow_set(c, key, code);
    return NULL;
}

static const char *check_state(fb_ctx *c)
{
    return fb__inv_state_typed(c, "ship_state");
}

/* [Same state (Maharashtra)], [Karnataka (the recipient's)]: where goods
 * go, or the state of the billing address. */
int fb__inv_same_state(fb_ctx *c)
{
    inv_settings s;
    const char *code = fb_data_field(c, CB_SAME, 0), *name;
    int ship = fb_in_flow(c, FLOW_INVOICE, "state"), ut;

    if (!ship && !fb_in_flow(c, FLOW_INVOICE, "b_state"))
        return fb_answerf(c, A_STALE);
    s = fb__inv_settings(c);
    if (!code || !*code)
        code = s.state_code;
    name = fb__inv_state(c, code, &ut);
    if (!name)
        return fb_answerf(c, A_BAD);
    if (!ship)
        return fb__inv_billing_state(c, code);
    fb_flow_set(c, "ship_state", code);
    fb_editf(c, NULL, strcmp(code, s.state_code) == 0 ? T_SHIPPED_WITHIN
                                                        : T_SHIPPED_TO,
             name);
    return fb_flow_goto(c, "review");
}

static int ask_review(fb_ctx *c, const char *html)
{
    inv_settings s = fb__inv_settings(c);
    const inv_doc *d = fb__inv_draft_doc(c, &s);
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_SEND, CB_SEND);
    fb_kb_button(kb, B_CANCEL, CB_CANCEL);
    if (html)
        return fb_reply(c, html, kb);
    if (!d)
        return fb_reply(c, T_EMPTY, NULL);
    return fb_replyf(c, kb, T_ASK_REVIEW, fb__inv_text(c, d));
}

static const char *press_review(fb_ctx *c)
{
    (void)c;
    return E_REVIEW;
}

/* Rule 46: an unregistered recipient's invoice from ₹50,000 on names
 * their address and state. The draft's total when it lacks them, else 0. */
static int64_t address_missing(fb_ctx *c, const inv_settings *s)
{
    const inv_doc *d;

    if (*fb_flow_str(c, "b_gstin") || *fb_flow_str(c, "b_addr"))
        return 0;
    d = fb__inv_draft_doc(c, s);
    return d && d->totals.total >= BIG_B2C_PAISE ? d->totals.total : 0;
}

/* [Send]: numbered, stored, sent to the member and the admins. */
int fb__inv_send_press(fb_ctx *c)
{
    inv_settings s;
    int64_t id, total;

    if (!fb_in_flow(c, FLOW_INVOICE, "review"))
        return fb_answerf(c, A_STALE);
    s = fb__inv_settings(c);
    if (!s.ok || !s.enabled) /* the review and its buttons stay */
        return fb_alertf(c, "%s", s.ok ? A_SEND_GST_OFF : A_SEND_NO_GST);
    if (draft_lines(c) == 0) {
        fb_flow_end(c);
        return fb_editf(c, NULL, T_EMPTY);
    }
    total = address_missing(c, &s);
    if (total > 0) { /* asked (without Skip), then the review again */
        fb_editf(c, NULL, T_NEED_ADDRESS, fb_money_str(c, total));
        fb_flow_set(c, "b_back", "review");
        return fb_flow_goto(c, "address");
    }
    id = fb__inv_issue(c, &s);
    if (!id)
        return FB_ERR;
    drop_draft(c);
    fb_flow_end(c);
    {
        inv_row r = fb__inv_load(c, id);

        fb_editf(c, NULL, T_ISSUED, r.number, fb__inv_who(c, r.user),
                 fb_money_str(c, r.total));
    }
    return fb__inv_deliver(c, id);
}

/* [Cancel] at any step. */
int fb__inv_cancel_press(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_INVOICE, NULL))
        return fb_answerf(c, A_STALE);
    drop_draft(c);
    fb_flow_end(c);
    return fb_editf(c, NULL, T_NOT_ISSUED);
}

/* /cancel or another flow's entry: the draft goes, and the admin hears
 * that nothing was issued (before the host's "Cancelled."). */
int fb__inv_dropped(fb_ctx *c)
{
    drop_draft(c);
    return fb_reply(c, T_NOT_ISSUED, NULL);
}

/* The deadline passed: the draft goes; say so. */
int fb__inv_timed_out(fb_ctx *c)
{
    drop_draft(c);
    return fb_send(c, fb_chat(c), T_TIMED_OUT, NULL);
}

/* clang-format off */
static const fb_ask member_q = {.prompt = T_ASK_MEMBER, .ask = ask_plain,
    .check = check_member};
static const fb_ask line_q = {.ask = ask_line, .bad = T_USE_BUTTONS,
    .type = FB_IN_TEXT, .max = 40, .key = "query"};
static const fb_ask desc_q = {.prompt = T_ASK_DESC, .ask = ask_plain,
    .type = FB_IN_TEXT, .min = 1, .max = 80, .bad = E_DESC, .key = "desc",
    .next = "c_hsn"};
static const fb_ask hsn_q = {.prompt = T_ASK_HSN, .ask = ask_plain,
    .check = check_hsn, .key = "hsn", .next = "c_rate"};
static const fb_ask rate_q = {.ask = ask_rate, .check = check_rate,
    .next = "c_price"};
static const fb_ask price_q = {.ask = ask_price, .type = FB_IN_MONEY,
    .min = 1, .max = GST_PRICE_MAX, .bad = E_PRICE, .key = "price",
    .next = "qty"};
static const fb_ask qty_q = {.prompt = T_ASK_QTY, .ask = ask_plain,
    .type = FB_IN_INT, .min = 1, .max = GST_QTY_MAX, .bad = E_QTY,
    .key = "qty", .next = "disc"};
static const fb_ask disc_q = {.ask = ask_disc, .check = check_disc};
static const fb_ask more_q = {.ask = ask_more, .type = FB_IN_ANY,
    .check = press_more};
static const fb_ask ship_q = {.ask = ask_ship, .type = FB_IN_MONEY,
    .min = 0, .max = 10000000, .bad = E_SHIP, .key = "ship"};
static const fb_ask state_q = {.ask = ask_state, .check = check_state,
    .next = "review"};
static const fb_ask review_q = {.ask = ask_review, .type = FB_IN_ANY,
    .check = press_review};

const fb_state fb__inv_states[] = {
    {.name = "member", .role = FB_ROLE_ADMIN, .ask = &member_q, .handler = fb__inv_billing},
    {.name = "b_known", .role = FB_ROLE_ADMIN, .ask = &fb__inv_known_q},
    {.name = "gstin", .role = FB_ROLE_ADMIN, .ask = &fb__inv_gstin_q},
    {.name = "address", .role = FB_ROLE_ADMIN, .ask = &fb__inv_address_q, .handler = fb__inv_address_given},
    {.name = "b_state", .role = FB_ROLE_ADMIN, .ask = &fb__inv_bstate_q, .handler = fb__inv_billed},
    {.name = "line", .role = FB_ROLE_ADMIN, .ask = &line_q, .handler = line_search},
    {.name = "c_desc", .role = FB_ROLE_ADMIN, .ask = &desc_q},
    {.name = "c_hsn", .role = FB_ROLE_ADMIN, .ask = &hsn_q},
    {.name = "c_rate", .role = FB_ROLE_ADMIN, .ask = &rate_q},
    {.name = "c_price", .role = FB_ROLE_ADMIN, .ask = &price_q},
    {.name = "qty", .role = FB_ROLE_ADMIN, .ask = &qty_q},
    {.name = "disc", .role = FB_ROLE_ADMIN, .ask = &disc_q, .handler = save_line},
    {.name = "more", .role = FB_ROLE_ADMIN, .ask = &more_q},
    {.name = "ship", .role = FB_ROLE_ADMIN, .ask = &ship_q, .handler = shipped},
    {.name = "state", .role = FB_ROLE_ADMIN, .ask = &state_q},
    {.name = "review", .role = FB_ROLE_ADMIN, .ask = &review_q},
    {0}};
/* clang-format on */
