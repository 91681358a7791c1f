/* payments plugin: what its files share.
 *
 * payments.c (the descriptor, config) · request.c (payment.requested, the
 * member's choice of method, cash and credit, /my_payments) · upi_pay.c
 * (UPI and split: the link, its QR, the screenshot) · approve.c (the
 * approvers' cards and queue, approve, other amount, reject) · upi.c, qr.c
 * (the link and the picture, pure functions: upi.h). */
#ifndef FB_PAY_H
#define FB_PAY_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

/* ---- callback-data prefixes (routes are declared with the same text) -- */
#define CB_METHOD "pm:"   /* payment id : upi | cash | credit | split */
#define CB_PAY "ppay:"    /* payment id: offer the methods again */
#define CB_PAID "ppaid:"  /* payment id: "I have paid" (no screenshot) */
#define CB_OK "pok:"      /* payment id: approve the expected amount */
#define CB_AMOUNT "pamt:" /* payment id: approve another amount */
#define CB_REJECT "pno:"  /* payment id: reject, with a reason */

#define FLOW_SPLIT "pay_split"   /* the UPI part of a split payment */
#define FLOW_PROOF "pay_proof"   /* the screenshot of a UPI payment */
#define FLOW_AMOUNT "pay_amount" /* an approver types the amount received */
#define FLOW_REJECT "pay_reject" /* an approver types the reason */

/* ---- config ([plugin.payments]) ----------------------------------------- */
#define CFG_VPA "vpa"         /* the club's UPI id, e.g. club@okhdfc */
#define CFG_PAYEE "payee"     /* the name on it, e.g. Fit Club */
#define CFG_METHODS "methods" /* e.g. upi, cash, credit, split */
#define DFLT_METHODS "upi, cash, credit, split"

/* 1 when method ("upi", "cash", "credit", "split") is on: listed in
 * methods, and for upi and split the VPA and payee are usable. */
int fb__pay_method_on(fb_ctx *c, const char *method);

/* A payment as stored; id 0 when there is no such payment. */
typedef struct pay_row {
    int64_t id, user, amount, upi, received;
    const char *reference, *description, *method, *status, *screenshot;
} pay_row;
pay_row fb__pay_load(fb_ctx *c, int64_t id);
/* The columns of a pay_row, for "SELECT " PAY_COLS " FROM pay_payments
 * ..."; fb__pay_at reads row i of such a result (id 0 past the end). */
#define PAY_COLS                                                               \
    "id, user_id, amount_paise, coalesce(upi_paise, 0),"                       \
    " coalesce(received_paise, 0), reference, description,"                    \
    " coalesce(method, ''), status, coalesce(screenshot, '')"
pay_row fb__pay_at(fb_ctx *c, const fb_rows *r, int i);

/* The payment of a pressed button "prefix<id>" when it is the presser's
 * own and still open; else id 0 (the press answered: forged, or decided). */
pay_row fb__pay_pressed_own(fb_ctx *c, const char *prefix);

/* "Asha Verma (7000000001)" for staff to read. */
const char *fb__pay_who(fb_ctx *c, int64_t user);

/* A method's name for people: "UPI", "cash at the desk", ... */
const char *fb__pay_method_name(const char *method);

/* Send the member the methods to pay p with (a button each). */
int fb__pay_offer(fb_ctx *c, const pay_row *p);

/* Send the UPI link and its QR picture for paise of p to the member, with
 * [I have paid]; the member's answer is the screenshot (FLOW_PROOF). */
int fb__pay_send_upi(fb_ctx *c, const pay_row *p, int64_t paise);

/* p goes to the approvers: status waiting, each staff member, admin and
 * the super admin gets its card (and the screenshot when there is one). */
int fb__pay_submit(fb_ctx *c, int64_t id);

/* ---- handlers ------------------------------------------------------------ */
int fb__pay_on_requested(fb_ctx *c);
int fb__pay_forget(fb_ctx *c);
int fb__pay_method(fb_ctx *c);
int fb__pay_again(fb_ctx *c);
int fb__pay_mine(fb_ctx *c);

int fb__pay_paid(fb_ctx *c);
extern const fb_state fb__pay_split_states[];
extern const fb_state fb__pay_proof_states[];

int fb__pay_queue(fb_ctx *c);
int fb__pay_approve(fb_ctx *c);
int fb__pay_other_amount(fb_ctx *c);
int fb__pay_reject(fb_ctx *c);
extern const fb_state fb__pay_amount_states[];
extern const fb_state fb__pay_reject_states[];

#endif
