/* ar plugin: an admin writes a receivable by hand (a shake on the tab, a
 * locker fee, a balance carried over from the old books).
 *
 *   /ar_new ──► member (id or @username) ──► [Store] / [Other] ──► what
 *           it is for (1–100 characters) ──► the bill (₹0.01 to ₹1 crore)
 *           ──► the discount (0 up to below the bill) ──► the due date
 *           ──► the summary: [Create] [Cancel]
 *   [Create] ──► the receivable (source store or other); the member's
 *           credit is used on it first; the member is told.
 * Every typed answer is checked; a bad one is answered and asked again. */
#include <string.h>

#include "ar.h"
#include "lines.h"
#include "texts.h"

#define DUE_PAST_DAYS 3650  /* a due date at most ten years back */
#define DUE_AHEAD_DAYS 3650 /* and ten years ahead */

static int ask_source(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_STORE, CB_SOURCE "store");
    fb_kb_button(kb, B_OTHER, CB_SOURCE "other");
    return fb_reply(c, html ? html : T_NEW_ASK_SOURCE, kb);
}

/* [Store] / [Other]: where the receivable comes from. */
int fb__ar_source(fb_ctx *c)
{
    const char *src = fb_data_field(c, CB_SOURCE, 0);

    if (!fb_in_flow(c, FLOW_NEW, "source"))
        return fb_answerf(c, A_STALE);
    if (!src || (strcmp(src, "store") != 0 && strcmp(src, "other") != 0))
        return fb_answerf(c, A_BAD_BUTTON);
    fb_flow_set(c, "source", src);
    fb_editf(c, NULL, T_NEW_SOURCE,
             strcmp(src, "store") == 0 ? B_STORE : B_OTHER);
    return fb_flow_goto(c, "desc");
}

/* The discount: 0 up to below the bill. */
static const char *check_discount(fb_ctx *c)
{
    int64_t d, bill = fb_flow_int(c, "bill", 0);

    if (fb_money_parse(fb_text(c), &d) != 0 || d < 0 || d >= bill)
        return fb_strf(c, E_DISCOUNT, fb_money_str(c, bill));
    fb_flow_set_int(c, "discount", d);
    return NULL;
}

static int ask_discount(fb_ctx *c, const char *html)
{
    if (html)
        return fb_reply(c, html, NULL);
    return fb_replyf(c, NULL, T_NEW_ASK_DISCOUNT,
                     fb_money_str(c, fb_flow_int(c, "bill", 0)));
}

/* The due date: within ten years of today either way. */
static const char *check_due(fb_ctx *c)
{
    fb_date d;
    const char *day;

    if (fb_parse_date(fb_text(c), &d) != 0)
        return E_DUE_FORM;
    day = fb_date_text(c, d);

    if (!fb_sql_int(c, 0,
                    "SELECT 1 WHERE $1::date BETWEEN $2::date - $3::int"
                    " AND $2::date + $4::int",
                    day, fb_today_text(c), DUE_PAST_DAYS, DUE_AHEAD_DAYS))
        return fb_strf(c, E_DUE, day);
    return NULL;
}

static int ask_confirm(fb_ctx *c, const char *html)
{
    int64_t bill = fb_flow_int(c, "bill", 0),
            disc = fb_flow_int(c, "discount", 0);
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_CREATE, CB_NEW_OK);
    fb_kb_button(kb, B_CANCEL, CB_DROP);
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(
        c, kb, T_NEW_CONFIRM, fb__ar_who(c, fb_flow_int(c, "member", 0)),
        fb_flow_str(c, "desc"), fb_money_str(c, bill), fb_money_str(c, disc),
        fb_money_str(c, bill - disc), fb_date_text(c, fb_flow_date(c, "due")));
}

/* [Create]: the receivable, once (the flow ends with it). */
int fb__ar_new_ok(fb_ctx *c)
{
    int64_t member = fb_flow_int(c, "member", 0), id;
    int64_t bill = fb_flow_int(c, "bill", 0),
            disc = fb_flow_int(c, "discount", 0);

    if (!fb_in_flow(c, FLOW_NEW, "confirm"))
        return fb_answerf(c, A_STALE);
    id = fb__ar_create(c, member, fb_flow_str(c, "source"), NULL,
                       fb_flow_str(c, "desc"), bill, disc,
                       fb_date_text(c, fb_flow_date(c, "due")), 0, fb_user(c));
    fb_flow_end(c);
    return fb_editf(c, NULL, T_NEW_DONE, id, fb__ar_who(c, member),
                    fb_money_str(c, bill - disc));
}

/* /ar_new: for whom? */
int fb__ar_new(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_NEW, "member");
}

/* clang-format off */
static const fb_ask member_q = {.prompt = T_NEW_ASK_MEMBER, .min = 1, .max = 64, .check = fb__ar_check_member, .next = "source"};
static const fb_ask source_q = {.ask = ask_source, .type = FB_IN_ANY, .check = fb__ar_use_buttons};
static const fb_ask desc_q = {.prompt = T_NEW_ASK_DESC, .min = 1, .max = 100, .bad = E_DESC, .key = "desc", .next = "bill"};
static const fb_ask bill_q = {.prompt = T_NEW_ASK_BILL, .type = FB_IN_MONEY, .min = 1, .max = AR_PAYMENT_MAX, .bad = E_BILL, .key = "bill", .next = "discount"};
static const fb_ask discount_q = {.ask = ask_discount, .min = 1, .max = 40, .check = check_discount, .next = "due"};
static const fb_ask due_q = {.prompt = T_NEW_ASK_DUE, .type = FB_IN_DATE, .bad = E_DUE_FORM, .key = "due", .check = check_due, .next = "confirm"};
static const fb_ask confirm_q = {.ask = ask_confirm, .type = FB_IN_ANY, .check = fb__ar_use_buttons};

const fb_state fb__ar_new_states[] = {
    {.name = "member", .role = FB_ROLE_ADMIN, .ask = &member_q},
    {.name = "source", .role = FB_ROLE_ADMIN, .ask = &source_q},
    {.name = "desc", .role = FB_ROLE_ADMIN, .ask = &desc_q},
    {.name = "bill", .role = FB_ROLE_ADMIN, .ask = &bill_q},
    {.name = "discount", .role = FB_ROLE_ADMIN, .ask = &discount_q},
    {.name = "due", .role = FB_ROLE_ADMIN, .ask = &due_q},
    {.name = "confirm", .role = FB_ROLE_ADMIN, .ask = &confirm_q},
    {0}};
/* clang-format on */
