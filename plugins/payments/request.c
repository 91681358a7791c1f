/* payments plugin: a payment is asked for, the member picks how to pay.
 *
 *   payment.requested {"reference", "user_id", "amount_paise",
 *                      "description"}  (e.g. from subscriptions' Confirm)
 *        ──► an 'open' payment (once per reference), the member gets
 *            [UPI] [Cash at the desk] [Pay later] [Part UPI, rest cash]
 *   [Cash] / [Pay later] ──► 'waiting': the approvers get its card
 *   [UPI] ──► the link and its QR (upi_pay.c)   [Split] ──► the UPI part
 *   /my_payments ──► the member's payments; [Pay #N] offers again
 * A method button is the member's own payment's, while it is open: a
 * forged or late press changes nothing. */
#include <string.h>

#include "pay.h"
#include "texts.h"

#define MAX_PAISE 10000000000LL /* ₹10 crore: beyond any club's bill */
#define MINE_MAX 10

/* payment.requested: record it and offer the methods (a second request
 * for the same reference adds nothing: while it is open the methods are
 * offered again; with the staff or decided, nothing is said). A request that is
 * not well formed is a publisher's bug: it fails, and so does the publisher's
 * transaction. */
int fb__pay_on_requested(fb_ctx *c)
{
    const char *ref = fb_event_str(c, "reference");
    const char *what = fb_event_str(c, "description");
    int64_t user = fb_event_int(c, "user_id", 0);
    int64_t amount = fb_event_int(c, "amount_paise", 0);
    pay_row p;

    if (!ref || !*ref || strlen(ref) > 64 || !what || !*what || user <= 0 ||
        amount <= 0 || amount > MAX_PAISE)
        return fb_fail(c, "payment.requested needs reference, description, "
                          "user_id and a positive amount_paise");
    p = fb__pay_at(c,
                   fb_sql(c,
                          "INSERT INTO pay_payments (reference, user_id,"
                          " description, amount_paise) VALUES ($1, $2,"
                          " left($3, 100), $4) ON CONFLICT DO NOTHING"
                          " RETURNING " PAY_COLS,
                          ref, user, what, amount),
                   0);
    if (!p.id) /* asked again: its open payment is offered again */
        p = fb__pay_at(c,
                       fb_sql(c,
                              "SELECT " PAY_COLS " FROM pay_payments"
                              " WHERE reference = $1 AND user_id = $2"
                              " AND status = 'open'",
                              ref, user),
                       0);
    return p.id ? fb__pay_offer(c, &p) : FB_OK;
}

/* 1 when a plugin answering ar.access (the receivables plugin) says user
 * is locked for overdue dues: no new credit then. No answer: not locked. */
static int credit_locked(fb_ctx *c, int64_t user)
{
    int n = fb_request(c, "ar.access",
                       fb_jsonf(c, "{\"user_id\":\"%s\"}", fb_id_str(c, user)));

    for (int i = 0; i < n; i++) {
        int64_t locked = 0;

        if (fb_json_get_int64(fb_response(c, i), "locked", &locked) == 0 &&
            locked)
            return 1;
    }
    return 0;
}

/* method on, and for credit: user not locked by overdue dues. */
static int offered(fb_ctx *c, const char *method, int64_t user)
{
    if (!fb__pay_method_on(c, method))
        return 0;
    return strcmp(method, "credit") != 0 || !credit_locked(c, user);
}

/* See pay.h. */
int fb__pay_offer(fb_ctx *c, const pay_row *p)
{
    static const char *const methods[][2] = {{"upi", B_UPI},
                                             {"cash", B_CASH},
                                             {"credit", B_CREDIT},
                                             {"split", B_SPLIT}};
    fb_keyboard *kb = fb_kb(c);

    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (!offered(c, methods[i][0], p->user))
            continue;
        fb_kb_row(kb);
        fb_kb_button(
            kb, methods[i][1],
            fb_cbf(c, CB_METHOD "%" PRId64 ":%s", p->id, methods[i][0]));
    }
    if (kb->rows == 0)
        return fb_sendf(c, p->user, NULL, T_NO_METHODS, p->id, p->description,
                        fb_money_str(c, p->amount));
    return fb_sendf(c, p->user, kb, T_HOW_TO_PAY, p->id, p->description,
                    fb_money_str(c, p->amount));
}

/* The member's choice, said on the message it was made on. */
static int chosen(fb_ctx *c, const pay_row *p, const char *method)
{
    return fb_editf(c, NULL, T_CHOSEN, p->id, p->description,
                    fb_money_str(c, p->amount), fb__pay_method_name(method));
}

/* [Cash] / [Pay later]: nothing to pay here; the approvers decide. */
static int to_desk(fb_ctx *c, const pay_row *p, const char *method)
{
    fb_sql_exec(c, "UPDATE pay_payments SET method = $2 WHERE id = $1", p->id,
                method);
    chosen(c, p, method);
    fb__pay_submit(c, p->id);
    if (strcmp(method, "cash") == 0)
        return fb_replyf(c, NULL, T_CASH_SUBMITTED, fb_money_str(c, p->amount),
                         p->id);
    return fb_replyf(c, NULL, T_CREDIT_SUBMITTED, fb_money_str(c, p->amount),
                     p->id);
}

/* A method button "pm:<id>:<method>". */
int fb__pay_method(fb_ctx *c)
{
    const char *m = fb_data_field(c, CB_METHOD, 1);
    pay_row p = fb__pay_pressed_own(c, CB_METHOD);

    if (!p.id)
        return FB_OK;
    if (!m || !offered(c, m, p.user))
        return fb_answerf(c, A_OFF);
    if (strcmp(m, "cash") == 0 || strcmp(m, "credit") == 0)
        return to_desk(c, &p, m);
    chosen(c, &p, m);
    if (strcmp(m, "upi") == 0) {
        fb_sql_exec(c,
                    "UPDATE pay_payments SET method = 'upi',"
                    " upi_paise = amount_paise WHERE id = $1",
                    p.id);
        return fb__pay_send_upi(c, &p, p.amount);
    }
    fb_flow_start(c, FLOW_SPLIT, "upi_part");
    return fb_flow_set_int(c, "payment", p.id);
}

/* [Pay #N] under /my_payments: the methods again. */
int fb__pay_again(fb_ctx *c)
{
    pay_row p = fb__pay_pressed_own(c, CB_PAY);

    return p.id ? fb__pay_offer(c, &p) : FB_OK;
}

static const char *status_name(const char *status)
{
    if (strcmp(status, "open") == 0)
        return S_OPEN;
    if (strcmp(status, "waiting") == 0)
        return S_WAITING;
    return strcmp(status, "approved") == 0 ? S_APPROVED : S_REJECTED;
}

/* /my_payments: the newest ten, a [Pay #N] for each still open. */
int fb__pay_mine(fb_ctx *c)
{
    fb_rows *r = fb_sql(c,
                        "SELECT " PAY_COLS " FROM pay_payments"
                        " WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
                        fb_user(c), MINE_MAX);
    fb_keyboard *kb = fb_kb(c);
    const char *text = T_MINE_HEAD;

    if (fb_nrows(c, r) == 0)
        return fb_reply(c, T_MINE_NONE, NULL);
    for (int i = 0; i < fb_nrows(c, r); i++) {
        pay_row p = fb__pay_at(c, r, i);

        text = fb_strf(c, "%-s" T_MINE_LINE, text, p.id, p.description,
                       fb_money_str(c, p.amount), status_name(p.status));
        if (strcmp(p.status, "open") == 0) {
            fb_kb_row(kb);
            fb_kb_button(kb, fb_plainf(c, B_PAY_AGAIN, p.id),
                         fb_cbf(c, CB_PAY "%" PRId64, p.id));
        }
    }
    return fb_reply(c, text, kb);
}

/* user.deleted: the member's payments go with them. */
int fb__pay_forget(fb_ctx *c)
{
    fb_sql_exec(c, "DELETE FROM pay_payments WHERE user_id = $1",
                fb_event_int(c, "user_id", 0));
    return FB_OK;
}
