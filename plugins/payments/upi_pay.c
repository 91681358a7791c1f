/* payments plugin: paying by UPI, whole or in part.
 *
 *   [UPI] ──► the QR picture of the upi://pay link and the link itself,
 *             [I have paid]; the conversation waits for the screenshot
 *   [Part UPI, rest cash] ──► "how much by UPI?" (above ₹0, below the
 *             amount) ──► the same for that part; the rest is cash
 *   a photo ──► the screenshot: the payment goes to the approvers
 *   [I have paid] ──► the same, without a screenshot
 * /cancel leaves the payment open (/my_payments pays it later). */
#include <stdlib.h>
#include <string.h>

#include "pay.h"
#include "texts.h"
#include "upi.h"

#define QR_SCALE 8

/* The link for paise of p; NULL (and the context failed) when the
 * config's VPA or payee cannot make one. */
static const char *link_of(fb_ctx *c, const pay_row *p, int64_t paise)
{
    upi_fields f = {.am = paise};
    char *buf = fb_alloc(c, UPI_LINK_MAX);

    fb_trim(fb_config(c, CFG_VPA, ""), f.pa, sizeof f.pa);
    fb_trim(fb_config(c, CFG_PAYEE, ""), f.pn, sizeof f.pn);
    fb_trim(p->reference, f.tr, sizeof f.tr);
    fb_trim(p->description, f.tn, sizeof f.tn);
    if (!buf || fb__upi_link(&f, buf, UPI_LINK_MAX) != 0) {
        fb_fail(c, "the UPI link cannot be made from [plugin.payments]");
        return NULL;
    }
    return buf;
}

/* See pay.h. */
int fb__pay_send_upi(fb_ctx *c, const pay_row *p, int64_t paise)
{
    const char *link = link_of(c, p, paise), *vpa = fb_config(c, CFG_VPA, "");
    fb_keyboard *kb = fb_kb(c);
    unsigned char *png = NULL;
    size_t len = 0;
    int rc;

    if (!link)
        return FB_ERR;
    if (fb__upi_qr_png(link, QR_SCALE, &png, &len) != 0)
        return fb_fail(c, "the UPI QR code cannot be drawn");
    rc = fb_send_photo(
        c, p->user, "upi-qr.png", png, len,
        fb_plainf(c, T_UPI_CAPTION, fb_money_str(c, paise), vpa, p->id));
    free(png);
    if (rc != FB_OK)
        return fb_fail(c, "the UPI QR code cannot be sent");
    fb_kb_button(kb, B_PAID, fb_cbf(c, CB_PAID "%" PRId64, p->id));
    fb_sendf(c, p->user, kb, "%-s%-s",
             fb_strf(c, T_UPI_HOW, fb_money_str(c, paise), vpa,
                     fb_config(c, CFG_PAYEE, ""), link),
             paise < p->amount ? fb_strf(c, T_UPI_THEN_CASH,
                                         fb_money_str(c, p->amount - paise))
                               : "");
    fb_flow_start(c, FLOW_PROOF, "proof");
    return fb_flow_set_int(c, "payment", p->id);
}

/* The open payment of the member's conversation, or id 0 (told so). */
static pay_row flow_payment(fb_ctx *c)
{
    pay_row p = fb__pay_load(c, fb_flow_int(c, "payment", 0)), none = {0};

    if (!p.id || p.user != fb_user(c) || strcmp(p.status, "open") != 0) {
        fb_flow_end(c);
        fb_reply(c, A_NOT_OPEN, NULL);
        return none;
    }
    return p;
}

/* ---- split: the UPI part ------------------------------------------------- */

static int ask_part(fb_ctx *c, const char *html)
{
    pay_row p = fb__pay_load(c, fb_flow_int(c, "payment", 0));

    if (html)
        return fb_reply(c, html, NULL);
    return fb_replyf(c, NULL, T_ASK_SPLIT, fb_money_str(c, p.amount));
}

/* An amount above ₹0 and below the whole: kept as "part" (paise). */
static const char *check_part(fb_ctx *c)
{
    pay_row p = fb__pay_load(c, fb_flow_int(c, "payment", 0));
    int64_t part = 0;

    if (fb_money_parse(fb_text(c), &part) != 0 || part <= 0 || part >= p.amount)
        return fb_strf(c, E_SPLIT, fb_money_str(c, p.amount));
    fb_flow_set_int(c, "part", part);
    return NULL;
}

static int split(fb_ctx *c)
{
    pay_row p = flow_payment(c);
    int64_t part = fb_flow_int(c, "part", 0);

    if (!p.id)
        return FB_OK;
    fb_sql_exec(c,
                "UPDATE pay_payments SET method = 'split', upi_paise = $2"
                " WHERE id = $1",
                p.id, part);
    return fb__pay_send_upi(c, &p, part);
}

/* ---- the screenshot, or "I have paid" ------------------------------------ */

/* The link message asked already; a re-ask comes with [I have paid]. */
static int ask_proof(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    if (!html)
        return FB_OK;
    fb_kb_button(kb, B_PAID,
                 fb_cbf(c, CB_PAID "%" PRId64, fb_flow_int(c, "payment", 0)));
    return fb_reply(c, html, kb);
}

static const char *check_photo(fb_ctx *c)
{
    return fb_kind(c) == FB_UPDATE_PHOTO ? NULL : E_PROOF;
}

/* A screenshot came: keep its file_id, off to the approvers. */
static int proof(fb_ctx *c)
{
    pay_row p = flow_payment(c);

    if (!p.id)
        return FB_OK;
    fb_flow_end(c);
    fb_sql_exec(c, "UPDATE pay_payments SET screenshot = $2 WHERE id = $1",
                p.id, fb_file_id(c));
    fb__pay_submit(c, p.id);
    return fb_replyf(c, NULL, T_SUBMITTED, p.id, p.description);
}

/* [I have paid]: off to the approvers without a screenshot. */
int fb__pay_paid(fb_ctx *c)
{
    pay_row p = fb__pay_pressed_own(c, CB_PAID);

    if (!p.id)
        return FB_OK;
    if (strcmp(p.method, "upi") != 0 && strcmp(p.method, "split") != 0)
        return fb_answerf(c, A_STALE);
    if (fb_in_flow(c, FLOW_PROOF, NULL))
        fb_flow_end(c);
    fb_edit(c, fb_strf(c, "%s", p.description), NULL);
    fb__pay_submit(c, p.id);
    return fb_replyf(c, NULL, T_SUBMITTED, p.id, p.description);
}

/* clang-format off */
static const fb_ask part_q = {.ask = ask_part, .check = check_part};
static const fb_ask proof_q = {.ask = ask_proof, .type = FB_IN_ANY, .check = check_photo};

const fb_state fb__pay_split_states[] = {
    {.name = "upi_part", .role = FB_ROLE_MEMBER, .ask = &part_q, .handler = split},
    {0}};

const fb_state fb__pay_proof_states[] = {
    {.name = "proof", .role = FB_ROLE_MEMBER, .ask = &proof_q, .handler = proof},
    {0}};
/* clang-format on */
