/* payments plugin: the approvers decide, once.
 *
 *   a payment goes 'waiting' ──► every staff member, admin and the super
 *        admin gets its card (after the screenshot, when there is one):
 *        [Approve ₹X] [Other amount] [Reject]   (credit: [Allow credit ₹X])
 *   /payments ──► the oldest cards still waiting
 *   [Approve ₹X] ──► approved with X received
 *   [Other amount] ──► the amount received (₹0 < a ≤ ₹1 crore) ──► approved
 *   [Reject] ──► the reason ──► rejected
 * The first decision wins: a second press (double tap, another approver,
 * a late typed amount) is told who decided. Approval publishes
 * payment.approved with the amount received, and payment.credit with what
 * is still owed (credit, or less received than was due); the member is
 * told either way. */
#include <string.h>

#include "pay.h"
#include "texts.h"

#define QUEUE_MAX 10
#define AMOUNT_DUE (-1) /* approve(): the amount the payment is for */
#define MAX_RECEIVED 1000000000LL /* ₹1 crore */

static int is_credit(const pay_row *p)
{
    return strcmp(p->method, "credit") == 0;
}

/* The card of waiting payment p, and its buttons, to chat. */
static int send_card(fb_ctx *c, int64_t chat, const pay_row *p)
{
    fb_keyboard *kb = fb_kb(c);
    const char *amount = fb_money_str(c, p->amount), *extra = "";

    if (*p->screenshot)
        fb_send_photo(
            c, chat, p->screenshot, NULL, 0,
            fb_plainf(c, T_SHOT_CAPTION, p->id, fb__pay_who(c, p->user)));
    if (strcmp(p->method, "split") == 0)
        extra = fb_strf(c, T_CARD_SPLIT, fb_money_str(c, p->upi),
                        fb_money_str(c, p->amount - p->upi));
    if (p->upi)
        extra = fb_strf(c, "%-s%-s", extra,
                        *p->screenshot ? T_CARD_SHOT : T_CARD_NO_SHOT);
    fb_kb_button(
        kb, fb_plainf(c, is_credit(p) ? B_ALLOW_CREDIT : B_APPROVE, amount),
        fb_cbf(c, CB_OK "%" PRId64, p->id));
    if (!is_credit(p))
        fb_kb_button(kb, B_OTHER_AMOUNT,
                     fb_cbf(c, CB_AMOUNT "%" PRId64, p->id));
    fb_kb_button(kb, B_REJECT, fb_cbf(c, CB_REJECT "%" PRId64, p->id));
    return fb_sendf(c, chat, kb, T_CARD, p->id, fb__pay_who(c, p->user),
                    p->description, amount, fb__pay_method_name(p->method),
                    extra);
}

/* See pay.h. */
int fb__pay_submit(fb_ctx *c, int64_t id)
{
    pay_row p;
    fb_rows *r;

    fb_sql_exec(c,
                "UPDATE pay_payments SET status = 'waiting' WHERE id = $1"
                " AND status = 'open'",
                id);
    p = fb__pay_load(c, id);
    r = fb_sql(c,
               "SELECT id FROM (SELECT $1::bigint AS id, 0 AS o WHERE $1 > 0"
               " UNION ALL SELECT id, 1 FROM fb_users WHERE role IN"
               " ('staff', 'admin') AND NOT banned AND NOT blocked"
               " AND id <> $1) a ORDER BY o, id LIMIT 200",
               fb_super_admin(c));
    if (fb_nrows(c, r) == 0)
        fb_log(c, FB_LOG_WARN, T_NOBODY);
    for (int i = 0; i < fb_nrows(c, r); i++)
        send_card(c, fb_int(c, r, i, 0), &p);
    return fb_failed(c) ? FB_ERR : FB_OK;
}

/* /payments: the oldest waiting cards. */
int fb__pay_queue(fb_ctx *c)
{
    int64_t n = fb_sql_int(c, 0,
                           "SELECT count(*) FROM pay_payments"
                           " WHERE status = 'waiting'");
    fb_rows *r = fb_sql(c,
                        "SELECT " PAY_COLS " FROM pay_payments"
                        " WHERE status = 'waiting' ORDER BY id LIMIT $1",
                        QUEUE_MAX);

    if (n == 0)
        return fb_reply(c, T_QUEUE_NONE, NULL);
    fb_replyf(c, NULL, T_QUEUE, (long long)n);
    for (int i = 0; i < fb_nrows(c, r); i++) {
        pay_row p = fb__pay_at(c, r, i);

        send_card(c, fb_chat(c), &p);
    }
    if (n > QUEUE_MAX)
        fb_replyf(c, NULL, T_QUEUE_MORE, (long long)(n - QUEUE_MAX));
    return FB_OK;
}

/* Who decided payment id and how, for a press that came too late. */
static int already(fb_ctx *c, int64_t id)
{
    fb_rows *r = fb_sql(c,
                        "SELECT status, decided_by FROM pay_payments"
                        " WHERE id = $1",
                        id);
    const char *how;

    if (fb_nrows(c, r) == 0)
        return fb_answerf(c, A_BAD_BUTTON);
    how = fb_plainf(c, T_DECIDED_HOW, fb_str(c, r, 0, 0),
                    fb__pay_who(c, fb_int(c, r, 0, 1)));
    if (fb_kind(c) == FB_UPDATE_CALLBACK)
        return fb_answerf(c, A_DECIDED, how);
    return fb_replyf(c, NULL, A_DECIDED, how);
}

/* Say the decision where it was made: on the card pressed, or as a reply
 * to the typed answer. */
static int say_decided(fb_ctx *c, const char *html)
{
    if (fb_kind(c) == FB_UPDATE_CALLBACK)
        return fb_edit(c, html, NULL);
    return fb_reply(c, html, NULL);
}

/* The member hears of the approval (before the plugins that act on it
 * speak): what was received, or the credit, and what is still owed. */
static int tell_member(fb_ctx *c, const pay_row *p, int64_t received,
                       int64_t owed)
{
    if (is_credit(p))
        return fb_sendf(c, p->user, NULL, T_CREDIT_APPROVED, p->id,
                        fb_money_str(c, p->amount), p->description);
    return fb_sendf(c, p->user, NULL, "%-s%-s",
                    fb_strf(c, T_APPROVED, p->id, fb_money_str(c, received),
                            p->description),
                    owed > 0 ? fb_strf(c, T_SHORT, fb_money_str(c, owed)) : "");
}

/* payment.approved with the amount received (for credit: the amount
 * allowed), and payment.credit with what is still owed. */
static int publish(fb_ctx *c, const pay_row *p, int64_t received, int64_t owed)
{
    fb_publish(c, "payment.approved",
               fb_jsonf(c,
                        "{\"payment_id\":\"%" PRId64 "\",\"reference\":\"%s\","
                        "\"user_id\":\"%" PRId64 "\",\"method\":\"%s\","
                        "\"amount_paise\":\"%" PRId64
                        "\",\"due_paise\":\"%" PRId64 "\"}",
                        p->id, p->reference, p->user, p->method,
                        is_credit(p) ? p->amount : received, p->amount));
    if (owed <= 0)
        return FB_OK;
    return fb_publish(
        c, "payment.credit",
        fb_jsonf(c,
                 "{\"payment_id\":\"%" PRId64
                 "\",\"reference\":\"%s\",\"user_id\":\"%" PRId64
                 "\",\"amount_paise\":\"%" PRId64 "\",\"description\":\"%s\"}",
                 p->id, p->reference, p->user, owed, p->description));
}

/* Approve waiting payment id with received paise (AMOUNT_DUE: what it is
 * for): once. An id that is no payment is answered as a bad button. */
static int approve(fb_ctx *c, int64_t id, int64_t received)
{
    pay_row p = fb__pay_load(c, id);
    int64_t owed;

    if (!p.id || strcmp(p.status, "waiting") != 0)
        return already(c, id);
    if (received == AMOUNT_DUE)
        received = p.amount;
    if (is_credit(&p))
        received = 0;
    if (fb_sql_exec(c,
                    "UPDATE pay_payments SET status = 'approved',"
                    " received_paise = $2, decided_by = $3,"
                    " decided_at = now() WHERE id = $1 AND status = 'waiting'",
                    id, received, fb_user(c)) != 1)
        return already(c, id);
    owed = p.amount - received;
    tell_member(c, &p, received, owed);
    publish(c, &p, received, owed);
    if (is_credit(&p))
        return say_decided(c, fb_strf(c, T_DECIDED_CREDIT,
                                      fb__pay_who(c, fb_user(c)),
                                      fb_money_str(c, owed), id));
    return say_decided(c, fb_strf(c, T_DECIDED_OK, fb__pay_who(c, fb_user(c)),
                                  fb_money_str(c, received), id));
}

/* [Approve ₹X] / [Allow credit ₹X]: the expected amount. */
int fb__pay_approve(fb_ctx *c)
{
    return approve(c, fb_data_id(c, CB_OK, 0), AMOUNT_DUE);
}

/* The waiting payment of an approver's button, or 0 (answered). */
static int64_t waiting(fb_ctx *c, const char *prefix)
{
    pay_row p = fb__pay_load(c, fb_data_id(c, prefix, 0));

    if (!p.id)
        return fb_answerf(c, A_BAD_BUTTON), 0;
    if (strcmp(p.status, "waiting") != 0)
        return already(c, p.id), 0;
    return p.id;
}

/* [Other amount]: ask what was received. */
int fb__pay_other_amount(fb_ctx *c)
{
    int64_t id = waiting(c, CB_AMOUNT);

    if (!id)
        return FB_OK;
    fb_flow_start(c, FLOW_AMOUNT, "amount");
    return fb_flow_set_int(c, "payment", id);
}

static int ask_amount(fb_ctx *c, const char *html)
{
    pay_row p = fb__pay_load(c, fb_flow_int(c, "payment", 0));

    if (html)
        return fb_reply(c, html, NULL);
    return fb_replyf(c, NULL, T_ASK_AMOUNT, p.id, fb_money_str(c, p.amount));
}

static int amount_typed(fb_ctx *c)
{
    int64_t id = fb_flow_int(c, "payment", 0);
    int64_t received = fb_flow_int(c, "received", 0);

    fb_flow_end(c);
    return approve(c, id, received);
}

/* [Reject]: ask why. */
int fb__pay_reject(fb_ctx *c)
{
    int64_t id = waiting(c, CB_REJECT);

    if (!id)
        return FB_OK;
    fb_flow_start(c, FLOW_REJECT, "reason");
    return fb_flow_set_int(c, "payment", id);
}

static int ask_reason(fb_ctx *c, const char *html)
{
    if (html)
        return fb_reply(c, html, NULL);
    return fb_replyf(c, NULL, T_ASK_REASON, fb_flow_int(c, "payment", 0));
}

/* The reason: rejected, once; the member is told. */
static int reject(fb_ctx *c)
{
    pay_row p = fb__pay_load(c, fb_flow_int(c, "payment", 0));
    const char *why = fb_flow_str(c, "reason");

    fb_flow_end(c);
    if (!p.id || fb_sql_exec(c,
                             "UPDATE pay_payments SET status = 'rejected',"
                             " reason = $2, decided_by = $3, decided_at = now()"
                             " WHERE id = $1 AND status = 'waiting'",
                             p.id, why, fb_user(c)) != 1)
        return already(c, p.id);
    fb_sendf(c, p.user, NULL, T_REJECTED, p.id, p.description,
             fb_money_str(c, p.amount), why);
    fb_publish(c, "payment.rejected",
               fb_jsonf(c,
                        "{\"payment_id\":\"%" PRId64 "\",\"reference\":\"%s\","
                        "\"user_id\":\"%" PRId64 "\",\"reason\":\"%s\"}",
                        p.id, p.reference, p.user, why));
    return fb_replyf(c, NULL, T_DECIDED_NO, fb__pay_who(c, fb_user(c)), p.id,
                     why);
}

/* clang-format off */
static const fb_ask amount_q = {.ask = ask_amount, .type = FB_IN_MONEY, .min = 1, .max = MAX_RECEIVED, .bad = E_AMOUNT, .key = "received"};
static const fb_ask reason_q = {.ask = ask_reason, .min = 1, .max = 200, .bad = E_REASON, .key = "reason"};

const fb_state fb__pay_amount_states[] = {
    {.name = "amount", .role = FB_ROLE_STAFF, .ask = &amount_q, .handler = amount_typed},
    {0}};

const fb_state fb__pay_reject_states[] = {
    {.name = "reason", .role = FB_ROLE_STAFF, .ask = &reason_q, .handler = reject},
    {0}};
/* clang-format on */
