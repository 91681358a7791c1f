/* invoices_v2 plugin: what its files share.
 *
 * invoices.c (the descriptor; settings and items asked of gst_store; the
 * admins) · issue.c (/invoice: the admin's flow, up to Send) · number.c
 * (gapless numbers, an invoice stored and sent) · doc.c (an invoice read
 * back as a document, its PDF) · actions.c (Pay, Dispute, Resend, Void,
 * credit note, payment.approved) · report.c (/invoice_report, CSV) ·
 * gst_calc.c (the arithmetic) · pdf.c (the PDF) · billing.c (the
 * recipient's address, GSTIN and state, asked after the member). invoices_v2 never reads
 * gst_store's tables: it asks gst.settings, gst.items, gst.item, gst.rate
 * gst.state and gst.gstin_check (README.md). */
#ifndef FB_INV_H
#define FB_INV_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

#include "gst_calc.h"
#include "pdf.h"

/* ---- callback-data prefixes (routes are declared with the same text) -- */
#define CB_ITEM "iit:"      /* store item id */
#define CB_PAGE "ipg:"      /* offset of the items' page */
#define CB_CUSTOM "icu:"    /* a custom item */
#define CB_RATE "irt:"      /* rate in basis points (the suggested one) */
#define CB_DISC "ids:"      /* discount in basis points */
#define CB_ADD "iadd:"      /* another line */
#define CB_FINISH "ifin:"   /* no more lines */
#define CB_SAME "isame:"    /* a state's code; "" the club's (shipping, billing) */
#define CB_KEEP "ikeep:"    /* the recipient's billing details as they are */
#define CB_CHANGE "ichg:"   /* change them */
#define CB_UNREG "iunr:"    /* the recipient has no GSTIN */
#define CB_SKIP "iskip:"    /* no billing address */
#define CB_SEND "isend:"    /* issue it */
#define CB_CANCEL "ix:"     /* drop the draft */
#define CB_PAY "ipay:"      /* invoice id: the member pays */
#define CB_DISPUTE "idsp:"  /* invoice id: the member disputes */
#define CB_RESEND "irs:"    /* invoice id: the PDF to the member again */
#define CB_VOID "ivd:"      /* invoice id */
#define CB_CREDIT "icn:"    /* invoice id: a credit note for it */
#define CB_REPORT "irp:"    /* m | pm | q | pq | fy | pfy | c */

#define FLOW_INVOICE "invoice"
#define FLOW_DISPUTE "invoice_dispute"
#define FLOW_REPORT "invoice_report"

#define SERIES_INVOICE "INV"
#define SERIES_CREDIT "CN"
#define REF_PREFIX "invoice:"
#define PAGE_SIZE 8
#define MAX_LINES 20
/* An unregistered recipient's invoice from this total on names their
 * address and state (rule 46). */
#define BIG_B2C_PAISE 5000000

/* ---- gst_store's answers ------------------------------------------------- */
/* gst.settings; ok 0 when nobody answered. Strings never NULL. */
typedef struct inv_settings {
    int ok, enabled, inclusive, utgst, default_rate;
    const char *legal_name, *address, *gstin, *state_code, *state_name;
} inv_settings;
inv_settings fb__inv_settings(fb_ctx *c);

/* A store item (gst.item on date); id 0 when unknown. */
typedef struct inv_item {
    int64_t id, price;
    int rate_bp;
    const char *serial, *name, *hsn, *unit;
} inv_item;
inv_item fb__inv_item(fb_ctx *c, int64_t id, const char *date);

/* gst.rate of hsn on date, -1 when nobody knows it. */
int fb__inv_rate(fb_ctx *c, const char *hsn, const char *date);
/* gst.state of a two-digit code: its name, NULL when unknown; *utgst. */
const char *fb__inv_state(fb_ctx *c, const char *code, int *utgst);
/* The state code typed (fb_text: "29", "7") stored under key; NULL, or
 * the re-ask text for a code no state has. */
const char *fb__inv_state_typed(fb_ctx *c, const char *key);
/* member `key` of the JSON object json as a string ("" when absent). */
const char *fb__inv_json(fb_ctx *c, const char *json, const char *key);

/* kb with a last row [Cancel] (drops the draft); returns kb. */
fb_keyboard *fb__inv_with_cancel(fb_ctx *c, fb_keyboard *kb);
/* "Asha Verma (7000000001)" */
const char *fb__inv_who(fb_ctx *c, int64_t user);
/* "Asha Verma", else the id: the name on an invoice. */
const char *fb__inv_name(fb_ctx *c, int64_t user);
/* Every admin and the super admin: the ids, n of them. */
int64_t *fb__inv_admins(fb_ctx *c, int *n);

/* ---- issuing ------------------------------------------------------------- */
/* The next number of series for date's financial year, taken in this
 * transaction (the counter row stays locked until it ends); "" and a
 * failure past 999999. */
const char *fb__inv_next_number(fb_ctx *c, const char *series,
                                const char *date, int64_t *seq);
/* Document d stored as a new invoice (kind "invoice") or credit note
 * ("credit", of invoice refers) of user, numbered in its series on d's
 * date. Returns its id, 0 on failure (the context failed). */
int64_t fb__inv_store(fb_ctx *c, const inv_doc *d, int64_t user,
                      const char *kind, int64_t refers);
/* The admin's draft issued: stored, numbered, sent. Returns the invoice
 * id, 0 on failure (the context failed). */
int64_t fb__inv_issue(fb_ctx *c, const inv_settings *s);

/* ---- the recipient's billing details (billing.c) -------------------------- */
/* The member chosen: their known details offered ([Keep] [Change]), else
 * asked. */
int fb__inv_billing(fb_ctx *c);
/* The state of the billing address chosen: code (known to gst.state). */
int fb__inv_billing_state(fb_ctx *c, const char *code);
/* "\n4 MG Road\nGSTIN 29…\nState: Karnataka (29)" (HTML) of a recipient. */
const char *fb__inv_recipient_text(fb_ctx *c, const char *address,
                                   const char *gstin, const char *state,
                                   const char *code);
int fb__inv_keep(fb_ctx *c);
int fb__inv_change(fb_ctx *c);
int fb__inv_unregistered(fb_ctx *c);
int fb__inv_skip_address(fb_ctx *c);
extern const fb_ask fb__inv_known_q, fb__inv_gstin_q, fb__inv_address_q,
    fb__inv_bstate_q;
/* An address typed: an unregistered recipient's state asked next. */
int fb__inv_address_given(fb_ctx *c);
/* The details asked: kept for the member's next invoice; on to the lines,
 * or back to the review that asked for them. */
int fb__inv_billed(fb_ctx *c);

/* ---- documents ----------------------------------------------------------- */
typedef struct inv_row {
    int64_t id, user, total, refers_to;
    const char *number, *kind, *status, *date;
} inv_row;
inv_row fb__inv_load(fb_ctx *c, int64_t id);
/* The PDF of invoice id as a document to chat (caption: its number);
 * member 1: then the member's [Pay] [Dispute]; else the admins'
 * [Resend] [Void]. */
int fb__inv_send(fb_ctx *c, int64_t id, int64_t chat, int member);
/* The invoice to its member and a copy to every admin. */
int fb__inv_deliver(fb_ctx *c, int64_t id);
/* The whole invoice as text (the review and the admins' card), from
 * the document d. */
const char *fb__inv_text(fb_ctx *c, const inv_doc *d);
/* The draft of the sender as a document (not stored), NULL when empty. */
const inv_doc *fb__inv_draft_doc(fb_ctx *c, const inv_settings *s);
/* Invoice id read back as a document. */
const inv_doc *fb__inv_doc(fb_ctx *c, int64_t id);

/* ---- handlers ------------------------------------------------------------ */
int fb__inv_start(fb_ctx *c);
int fb__inv_item_pick(fb_ctx *c);
int fb__inv_page(fb_ctx *c);
int fb__inv_custom(fb_ctx *c);
int fb__inv_rate_pick(fb_ctx *c);
int fb__inv_disc_pick(fb_ctx *c);
int fb__inv_add(fb_ctx *c);
int fb__inv_finish(fb_ctx *c);
int fb__inv_same_state(fb_ctx *c);
int fb__inv_send_press(fb_ctx *c);
int fb__inv_cancel_press(fb_ctx *c);
int fb__inv_dropped(fb_ctx *c);
int fb__inv_timed_out(fb_ctx *c);
extern const fb_state fb__inv_states[];

int fb__inv_pay(fb_ctx *c);
int fb__inv_dispute(fb_ctx *c);
int fb__inv_resend(fb_ctx *c);
int fb__inv_void(fb_ctx *c);
int fb__inv_credit(fb_ctx *c);
int fb__inv_on_approved(fb_ctx *c);
int fb__inv_forget(fb_ctx *c);
extern const fb_state fb__inv_dispute_states[];

int fb__inv_report(fb_ctx *c);
int fb__inv_report_pick(fb_ctx *c);
extern const fb_state fb__inv_report_states[];

#endif
