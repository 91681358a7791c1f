/* invoices_v2 plugin: what happens to an issued invoice.
 *
 *   member [Pay]      ──► payment.requested {"reference": "invoice:<no>"}
 *                         (the payments plugin asks how to pay)
 *   payment.approved  ──► 'paid', once; the member and admins are told
 *   member [Dispute]  ──► the reason ──► every admin reads it
 *   admin [Resend]    ──► the PDF to the member again
 *   admin [Void]      ──► 'void' (an unpaid invoice; its number stays used)
 *   admin [Credit note] ──► CN/26-27/NNNNNN crediting a paid invoice whole
 * A member's buttons act only on their own invoice; admins' buttons are
 * admin routes (a forged press by anyone else is refused by the host). */
#include <string.h>

#include "inv.h"
#include "texts.h"

/* The invoice of a pressed "prefix<id>", id 0 (answered) when none. */
static inv_row pressed(fb_ctx *c, const char *prefix)
{
    inv_row v = fb__inv_load(c, fb_data_id(c, prefix, 0)), none = {0};

    if (!v.id || strcmp(v.kind, "invoice") != 0)
        return fb_answerf(c, A_NO_INVOICE), none;
    return v;
}

/* The member's own invoice, else id 0 (answered). */
static inv_row pressed_own(fb_ctx *c, const char *prefix)
{
    inv_row v = fb__inv_load(c, fb_data_id(c, prefix, 0)), none = {0};

    if (!v.id || v.user != fb_user(c) || strcmp(v.kind, "invoice") != 0)
        return fb_answerf(c, A_NOT_YOURS), none;
    if (strcmp(v.status, "paid") == 0 || strcmp(v.status, "credited") == 0)
        return fb_answerf(c, A_PAID), none;
    if (strcmp(v.status, "void") == 0)
        return fb_answerf(c, A_GONE), none;
    return v;
}

/* [Pay ₹X]: the payments plugin takes it from here. */
int fb__inv_pay(fb_ctx *c)
{
    inv_row v = pressed_own(c, CB_PAY);

    if (!v.id)
        return FB_OK;
    fb_answerf(c, A_PAYING);
    return fb_publish(c, "payment.requested",
                      fb_jsonf(c,
                               "{\"reference\":\"" REF_PREFIX "%s\","
                               "\"user_id\":\"%" PRId64 "\","
                               "\"amount_paise\":\"%" PRId64 "\","
                               "\"description\":\"" T_PAY_DESCRIPTION "\"}",
                               v.number, v.user, v.total, v.number));
}

/* Money came for invoice number that is not waiting for it: a second
 * approval changes nothing; for a voided invoice the admins are told (the
 * member paid: someone must refund or invoice again). */
static int paid_not_issued(fb_ctx *c, const char *number, int64_t paid)
{
    int n;
    int64_t *admins;

    if (fb_sql_int(c, 0,
                   "SELECT count(*) FROM inv_invoices WHERE number = $1"
                   " AND kind = 'invoice' AND status = 'void'",
                   number) == 0) {
        fb_log(c, FB_LOG_INFO, "payment for %s: not an unpaid invoice", number);
        return FB_OK;
    }
    admins = fb__inv_admins(c, &n);
    for (int i = 0; i < n; i++)
        fb_sendf(c, admins[i], NULL, T_PAID_VOID, fb_money_str(c, paid),
                 number);
    return FB_OK;
}

/* The member's line for the payment of invoice number: paid, on credit
 * (owed, to pay later), or part paid (the rest owed). */
static void tell_member_paid(fb_ctx *c, int64_t user, const char *number,
                             int64_t paid)
{
    const char *method = fb_event_str(c, "method");
    int64_t due = fb_event_int(c, "due_paise", paid);

    if (method && strcmp(method, "credit") == 0)
        fb_sendf(c, user, NULL, T_PAID_CREDIT_MEMBER, number,
                 fb_money_str(c, paid));
    else if (paid < due)
        fb_sendf(c, user, NULL, T_PAID_PART_MEMBER, number,
                 fb_money_str(c, paid), fb_money_str(c, due - paid));
    else
        fb_sendf(c, user, NULL, T_PAID_MEMBER, number, fb_money_str(c, paid));
}

/* payment.approved for "invoice:<no>": paid, once. */
int fb__inv_on_approved(fb_ctx *c)
{
    const char *ref = fb_event_str(c, "reference");
    int64_t paid = fb_event_int(c, "amount_paise", 0);
    fb_rows *r;
    int n;
    int64_t *admins;
    fb_keyboard *kb;

    if (!ref || strncmp(ref, REF_PREFIX, strlen(REF_PREFIX)) != 0)
        return FB_OK; /* not ours */
    r = fb_sql(c,
               "UPDATE inv_invoices SET status = 'paid', paid_at = now(),"
               " paid_paise = $2 WHERE number = $1 AND kind = 'invoice'"
               " AND status = 'issued' RETURNING id, user_id, number",
               ref + strlen(REF_PREFIX), paid);
    if (fb_nrows(c, r) == 0)
        return paid_not_issued(c, ref + strlen(REF_PREFIX), paid);
    tell_member_paid(c, fb_int(c, r, 0, 1), fb_str(c, r, 0, 2), paid);
    admins = fb__inv_admins(c, &n);
    kb = fb_kb(c);
    fb_kb_button(kb, B_RESEND, fb_cbf(c, CB_RESEND "%s", fb_str(c, r, 0, 0)));
    fb_kb_button(kb, B_CREDIT, fb_cbf(c, CB_CREDIT "%s", fb_str(c, r, 0, 0)));
    for (int i = 0; i < n; i++)
        fb_sendf(c, admins[i], kb, T_PAID_ADMIN, fb_str(c, r, 0, 2),
                 fb_money_str(c, paid));
    return fb_publish(c, "invoice.paid",
                      fb_jsonf(c, "{\"invoice_id\":\"%s\",\"number\":\"%s\"}",
                               fb_str(c, r, 0, 0), fb_str(c, r, 0, 2)));
}

/* [Dispute]: ask what is wrong. */
int fb__inv_dispute(fb_ctx *c)
{
    inv_row v = pressed_own(c, CB_DISPUTE);

    if (!v.id)
        return FB_OK;
    fb_flow_start(c, FLOW_DISPUTE, "reason");
    return fb_flow_set_int(c, "invoice", v.id); /* the question follows */
}

/* What is wrong with it? (and each re-ask after a bad answer) */
static int ask_reason(fb_ctx *c, const char *html)
{
    if (html)
        return fb_reply(c, html, NULL);
    return fb_replyf(c, NULL, T_ASK_DISPUTE,
                     fb__inv_load(c, fb_flow_int(c, "invoice", 0)).number);
}

/* The member's words: kept with the invoice, sent to every admin. */
static int disputed(fb_ctx *c)
{
    inv_row v = fb__inv_load(c, fb_flow_int(c, "invoice", 0));
    const char *why = fb_flow_str(c, "reason");
    int n;
    int64_t *admins = fb__inv_admins(c, &n);

    fb_flow_end(c);
    fb_sql_exec(c,
                "UPDATE inv_invoices SET disputed_at = now(), dispute = $2"
                " WHERE id = $1",
                v.id, why);
    for (int i = 0; i < n; i++)
        fb_sendf(c, admins[i], NULL, T_DISPUTE_ADMIN, fb__inv_who(c, v.user),
                 v.number, fb_money_str(c, v.total), why);
    return fb_replyf(c, NULL, T_DISPUTED, v.number);
}

/* [Resend] */
int fb__inv_resend(fb_ctx *c)
{
    inv_row v = pressed(c, CB_RESEND);

    if (!v.id)
        return FB_OK;
    fb_answerf(c, A_RESENT);
    return fb__inv_send(c, v.id, v.user, 1);
}

/* [Void]: an unpaid invoice only; a paid one takes a credit note. */
int fb__inv_void(fb_ctx *c)
{
    inv_row v = pressed(c, CB_VOID);
    int n;
    int64_t *admins;

    if (!v.id)
        return FB_OK;
    if (strcmp(v.status, "void") == 0)
        return fb_answerf(c, A_ALREADY_VOID);
    if (strcmp(v.status, "issued") != 0)
        return fb_alertf(c, A_NO_VOID_PAID);
    if (fb_sql_exec(c,
                    "UPDATE inv_invoices SET status = 'void', voided_by = $2,"
                    " voided_at = now() WHERE id = $1 AND status = 'issued'",
                    v.id, fb_user(c)) != 1)
        return fb_answerf(c, A_ALREADY_VOID);
    fb_edit(c, fb_strf(c, T_VOIDED, v.number, fb__inv_who(c, fb_user(c))),
            NULL);
    fb_sendf(c, v.user, NULL, T_VOIDED_MEMBER, v.number);
    admins = fb__inv_admins(c, &n);
    for (int i = 0; i < n; i++)
        if (admins[i] != fb_user(c))
            fb_sendf(c, admins[i], NULL, T_VOIDED, v.number,
                     fb__inv_who(c, fb_user(c)));
    return fb_publish(c, "invoice.voided",
                      fb_jsonf(c, "{\"invoice_id\":\"%s\",\"number\":\"%s\"}",
                               fb_id_str(c, v.id), v.number));
}

/* [Credit note]: the whole of a paid invoice credited, in its own series
 * (CN/26-27/NNNNNN), dated today. */
int fb__inv_credit(fb_ctx *c)
{
    inv_row v = pressed(c, CB_CREDIT);
    const inv_doc *o;
    inv_doc d;
    int64_t id;

    if (!v.id)
        return FB_OK;
    if (strcmp(v.status, "credited") == 0)
        return fb_answerf(c, A_CREDITED);
    if (strcmp(v.status, "paid") != 0)
        return fb_alertf(c, A_CREDIT_PAID_ONLY);
    o = fb__inv_doc(c, v.id);
    if (!o)
        return FB_ERR;
    d = *o;
    d.date = fb_today_text(c);
    id = fb__inv_store(c, &d, v.user, "credit", v.id);
    if (!id ||
        fb_sql_exec(c,
                    "UPDATE inv_invoices SET status = 'credited' WHERE id = $1"
                    " AND status = 'paid'",
                    v.id) != 1)
        return fb_fail(c, "the invoice changed while it was credited");
    fb_edit(c,
            fb_strf(c, T_CREDIT_ISSUED, fb__inv_load(c, id).number, v.number,
                    fb__inv_who(c, fb_user(c))),
            NULL);
    fb__inv_deliver(c, id);
    return fb_publish(c, "invoice.credited",
                      fb_jsonf(c,
                               "{\"invoice_id\":\"%s\",\"number\":\"%s\","
                               "\"credit_note_id\":\"%s\"}",
                               fb_id_str(c, v.id), v.number, fb_id_str(c, id)));
}

/* user.deleted: invoices are tax records and stay (the law keeps them
 * for years, with the billing details they were issued with); the
 * member's billing details for later invoices and their unfinished drafts
 * as an admin go. */
int fb__inv_forget(fb_ctx *c)
{
    int64_t user = fb_event_int(c, "user_id", 0);

    fb_sql_exec(c, "DELETE FROM inv_draft_lines WHERE admin_id = $1", user);
    fb_sql_exec(c, "DELETE FROM inv_recipients WHERE user_id = $1", user);
    return FB_OK;
}

/* clang-format off */
static const fb_ask reason_q = {.ask = ask_reason, .type = FB_IN_TEXT, .min = 1, .max = 300,
    .bad = E_DISPUTE, .key = "reason"};

const fb_state fb__inv_dispute_states[] = {
    {.name = "reason", .role = FB_ROLE_MEMBER, .ask = &reason_q, .handler = disputed},
    {0}};
/* clang-format on */
