/* invoices_v2 plugin: an invoice as a document — the draft being put
 * together, or a stored invoice read back — as text and as PDF. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "inv.h"
#include "texts.h"

/* See inv.h. */
inv_row fb__inv_load(fb_ctx *c, int64_t id)
{
    fb_rows *r = fb_sql(c,
                        "SELECT id, user_id, total_paise, coalesce(refers_to,"
                        " 0), number, kind, status, issue_date::text"
                        " FROM inv_invoices WHERE id = $1",
                        id);
    inv_row v = {0};

    if (fb_nrows(c, r) == 0)
        return v;
    v.id = fb_int(c, r, 0, 0);
    v.user = fb_int(c, r, 0, 1);
    v.total = fb_int(c, r, 0, 2);
    v.refers_to = fb_int(c, r, 0, 3);
    v.number = fb_str(c, r, 0, 4);
    v.kind = fb_str(c, r, 0, 5);
    v.status = fb_str(c, r, 0, 6);
    v.date = fb_str(c, r, 0, 7);
    return v;
}

/* The line the shipping charge follows (a composite supply takes the rate
 * of its principal supply): the goods line of the largest taxable value,
 * else the largest line. */
static int principal(const inv_line *l, int n)
{
    int best = 0, goods = 0;

    for (int i = 0; i < n; i++) {
        int g = !gst_is_service(l[i].hsn);

        if ((g && !goods) || (g == goods && l[i].out.taxable > l[best].out.taxable))
            best = i;
        goods |= g;
    }
    return best;
}

/* The name of a state's code ("" for ""; the code when gst.state does
 * not know it). */
static const char *state_name(fb_ctx *c, const char *code)
{
    int ut;
    const char *name = *code ? fb__inv_state(c, code, &ut) : NULL;

    return name ? name : code;
}

/* See inv.h. */
const inv_doc *fb__inv_draft_doc(fb_ctx *c, const inv_settings *given)
{
    inv_settings s = given ? *given : fb__inv_settings(c);
    fb_rows *r = fb_sql(c,
                        "SELECT description, hsn, unit, qty, price_paise,"
                        " rate_bp, disc_bp FROM inv_draft_lines"
                        " WHERE admin_id = $1 ORDER BY n",
                        fb_user(c));
    int n = fb_nrows(c, r), igst = 0;
    int64_t ship = fb_flow_int(c, "ship", 0);
    const char *to = fb_flow_str(c, "ship_state");
    const char *gstin = fb_flow_str(c, "b_gstin");
    const char *theirs = fb_flow_str(c, "b_state");
    inv_doc *d = fb_alloc(c, sizeof *d);
    inv_line *l = fb_alloc(c, sizeof *l * (size_t)(n + 1));

    if (n == 0 || !d || !l)
        return NULL;
    /* goods go where the admin said; else to a registered recipient's
     * own state; else they stay in the club's */
    to = *to ? to : *gstin && *theirs ? theirs : s.state_code;
    for (int i = 0; i < n; i++) {
        l[i].description = fb_str(c, r, i, 0);
        l[i].hsn = fb_str(c, r, i, 1);
        l[i].unit = fb_str(c, r, i, 2);
        l[i].in = (gst_line_in){fb_int(c, r, i, 4), fb_int(c, r, i, 3),
                                (int)fb_int(c, r, i, 5), (int)fb_int(c, r, i, 6),
                                gst_split_of(l[i].hsn, s.state_code, to, s.utgst)};
        if (gst_line(&l[i].in, s.inclusive, &l[i].out) != 0)
            fb_fail(c, "a draft line out of range");
    }
    if (ship > 0) {
        const inv_line *p = &l[principal(l, n)];

        l[n] = (inv_line){.description = T_SHIPPING_LINE, .hsn = p->hsn,
                          .unit = "",
                          .in = {ship, 1, p->in.rate_bp, 0, p->in.split}};
        gst_line(&l[n].in, s.inclusive, &l[n].out);
        n++;
    }
    for (int i = 0; i < n; i++) {
        gst_add(&d->totals, &l[i].out);
        igst |= l[i].in.split == GST_IGST;
    }
    gst_close(&d->totals);
    d->title = T_TITLE_INVOICE;
    d->number = "";
    d->date = fb_today_text(c);
    d->supplier = s.legal_name;
    d->supplier_address = s.address;
    d->supplier_gstin = s.gstin;
    d->supplier_state = s.state_name;
    d->supplier_state_code = s.state_code;
    d->recipient = fb__inv_name(c, fb_flow_int(c, "member", 0));
    d->recipient_address = fb_flow_str(c, "b_addr");
    d->recipient_gstin = gstin;
    d->place_state = s.state_name;
    d->place_code = s.state_code;
    /* the recipient's state: their own when known, else where goods go */
    d->recipient_state_code = *theirs ? theirs
                              : strcmp(to, s.state_code) != 0 ? to
                                                              : "";
    d->recipient_state = state_name(c, d->recipient_state_code);
    if (igst) {
        d->place_state = state_name(c, to);
        d->place_code = to;
    }
    d->inclusive = s.inclusive;
    d->utgst = s.utgst;
    d->nlines = n;
    d->lines = l;
    return d;
}

/* See inv.h. */
const inv_doc *fb__inv_doc(fb_ctx *c, int64_t id)
{
    fb_rows *h = fb_sql(
        c,
        "SELECT i.kind, i.number, i.issue_date::text, coalesce(o.number || '"
        " of ' || o.issue_date::text, ''), i.status, i.supplier,"
        " i.supplier_address, i.supplier_gstin, i.supplier_state,"
        " i.supplier_state_code, i.recipient, i.place_state, i.place_code,"
        " i.inclusive, i.utgst, i.recipient_state, i.recipient_state_code,"
        " i.recipient_address, i.recipient_gstin"
        " FROM inv_invoices i LEFT JOIN inv_invoices o ON o.id = i.refers_to"
        " WHERE i.id = $1",
        id);
    fb_rows *r = fb_sql(c,
                        "SELECT description, hsn, unit, qty, price_paise,"
                        " rate_bp, disc_bp, split, base_paise, discount_paise,"
                        " taxable_paise, cgst_paise, sgst_paise, igst_paise,"
                        " total_paise FROM inv_lines WHERE invoice_id = $1"
                        " ORDER BY n",
                        id);
    int n = fb_nrows(c, r);
    inv_doc *d = fb_alloc(c, sizeof *d);
    inv_line *l = fb_alloc(c, sizeof *l * (size_t)(n + 1));

    if (fb_nrows(c, h) == 0 || !d || !l)
        return NULL;
    for (int i = 0; i < n; i++) {
        const char *split = fb_str(c, r, i, 7);

        l[i].description = fb_str(c, r, i, 0);
        l[i].hsn = fb_str(c, r, i, 1);
        l[i].unit = fb_str(c, r, i, 2);
        l[i].in = (gst_line_in){fb_int(c, r, i, 4), fb_int(c, r, i, 3),
                                (int)fb_int(c, r, i, 5), (int)fb_int(c, r, i, 6),
                                strcmp(split, "igst") == 0 ? GST_IGST
                                : strcmp(split, "cgst_utgst") == 0
                                    ? GST_CGST_UTGST
                                    : GST_CGST_SGST};
        l[i].out = (gst_line_out){fb_int(c, r, i, 8),  fb_int(c, r, i, 9),
                                  fb_int(c, r, i, 10), fb_int(c, r, i, 11),
                                  fb_int(c, r, i, 12), fb_int(c, r, i, 13),
                                  fb_int(c, r, i, 14)};
        gst_add(&d->totals, &l[i].out);
    }
    gst_close(&d->totals);
    d->title = strcmp(fb_str(c, h, 0, 0), "credit") == 0 ? T_TITLE_CREDIT
                                                          : T_TITLE_INVOICE;
    d->number = fb_str(c, h, 0, 1);
    d->date = fb_str(c, h, 0, 2);
    d->refers = fb_str(c, h, 0, 3);
    d->stamp = strcmp(fb_str(c, h, 0, 4), "void") == 0 ? "VOID" : NULL;
    d->supplier = fb_str(c, h, 0, 5);
    d->supplier_address = fb_str(c, h, 0, 6);
    d->supplier_gstin = fb_str(c, h, 0, 7);
    d->supplier_state = fb_str(c, h, 0, 8);
    d->supplier_state_code = fb_str(c, h, 0, 9);
    d->recipient = fb_str(c, h, 0, 10);
    d->place_state = fb_str(c, h, 0, 11);
    d->place_code = fb_str(c, h, 0, 12);
    d->recipient_state = fb_str(c, h, 0, 15);
    d->recipient_state_code = fb_str(c, h, 0, 16);
    d->recipient_address = fb_str(c, h, 0, 17);
    d->recipient_gstin = fb_str(c, h, 0, 18);
    d->inclusive = strcmp(fb_str(c, h, 0, 13), "t") == 0;
    d->utgst = strcmp(fb_str(c, h, 0, 14), "t") == 0;
    d->nlines = n;
    d->lines = l;
    return d;
}

/* "CGST 2.5% ₹23.79 + SGST 2.5% ₹23.79" or "IGST 18% ₹960.74" */
static const char *tax_text(fb_ctx *c, const inv_doc *d, const inv_line *l)
{
    char a[12], b[12];

    if (l->in.split == GST_IGST)
        return fb_strf(c, T_REVIEW_I, gst_percent_str(l->in.rate_bp, a, 12),
                       fb_money_str(c, l->out.igst));
    gst_percent_str(l->in.rate_bp / 2, a, sizeof a);
    gst_percent_str(l->in.rate_bp - l->in.rate_bp / 2, b, sizeof b);
    return fb_strf(c, T_REVIEW_CS, a, fb_money_str(c, l->out.cgst),
                   d->utgst ? "UTGST" : "SGST", b, fb_money_str(c, l->out.sgst));
}

/* See inv.h. */
const char *fb__inv_text(fb_ctx *c, const inv_doc *d)
{
    const gst_totals *t = &d->totals;
    const char *text, *taxes = "";
    char words[512];

    text = fb_strf(c, T_REVIEW_HEAD, *d->number ? d->number : T_DRAFT, d->date,
                   d->title, d->supplier,
                   *d->supplier_gstin ? d->supplier_gstin : "—", d->recipient,
                   fb__inv_recipient_text(c, d->recipient_address,
                                          d->recipient_gstin,
                                          d->recipient_state,
                                          d->recipient_state_code));
    for (int i = 0; i < d->nlines; i++) {
        const inv_line *l = &d->lines[i];
        char r[12];

        text = fb_strf(
            c, "%-s" T_REVIEW_LINE, text, i + 1, l->description, l->hsn,
            *l->unit ? fb_plainf(c, T_REVIEW_QTY, (long long)l->in.qty, l->unit)
                     : fb_plainf(c, T_REVIEW_QTY1, (long long)l->in.qty),
            fb_money_str(c, l->in.price),
            l->in.disc_bp
                ? fb_strf(c, T_REVIEW_DISC " (%s)", fb_money_str(c, l->out.discount),
                          gst_percent_str(l->in.disc_bp, r, sizeof r))
                : "",
            fb_money_str(c, l->out.taxable), tax_text(c, d, l));
    }
    if (t->cgst || t->sgst || !t->igst) {
        taxes = fb_strf(c, T_REVIEW_TAX, "CGST", fb_money_str(c, t->cgst));
        taxes = fb_strf(c, "%-s" T_REVIEW_TAX, taxes, d->utgst ? "UTGST" : "SGST",
                        fb_money_str(c, t->sgst));
    }
    if (t->igst)
        taxes = fb_strf(c, "%-s" T_REVIEW_TAX, taxes, "IGST",
                        fb_money_str(c, t->igst));
    gst_words(t->total, words, sizeof words);
    return fb_strf(c, "%-s" T_REVIEW_TOTALS, text, fb_money_str(c, t->taxable),
                   taxes, fb_money_str(c, t->round_off),
                   fb_money_str(c, t->total), words, d->place_state,
                   d->place_code, d->inclusive ? T_INCLUSIVE : "");
}

/* See inv.h. */
int fb__inv_send(fb_ctx *c, int64_t id, int64_t chat, int member)
{
    const inv_doc *d = fb__inv_doc(c, id);
    inv_row v = fb__inv_load(c, id);
    fb_keyboard *kb = fb_kb(c);
    unsigned char *pdf = NULL, *copy;
    size_t len = 0;
    char name[40];

    if (!d || !v.id)
        return fb_fail(c, "no such invoice");
    if (inv_pdf(d, &pdf, &len) != 0)
        return fb_fail(c, "the invoice PDF could not be made");
    copy = fb_alloc(c, len);
    if (copy)
        memcpy(copy, pdf, len);
    free(pdf);
    if (!copy)
        return FB_ERR;
    snprintf(name, sizeof name, "%s.pdf", v.number);
    for (char *p = name; *p; p++)
        if (*p == '/')
            *p = '-';
    fb_send_document(c, chat, name, copy, len,
                     fb_plainf(c, T_DOC_CAPTION, d->title, v.number));
    if (strcmp(v.kind, "credit") == 0)
        return fb_sendf(c, chat, NULL, T_CREDIT_CARD, v.number, d->refers,
                        fb_money_str(c, v.total));
    if (member) {
        if (strcmp(v.status, "issued") == 0) {
            fb_kb_button(kb, fb_plainf(c, B_PAY, fb_money_str(c, v.total)),
                         fb_cbf(c, CB_PAY "%" PRId64, id));
            fb_kb_button(kb, B_DISPUTE, fb_cbf(c, CB_DISPUTE "%" PRId64, id));
        }
        return fb_sendf(c, chat, kb, T_MEMBER_CARD, v.number, v.date,
                        fb_money_str(c, v.total));
    }
    fb_kb_button(kb, B_RESEND, fb_cbf(c, CB_RESEND "%" PRId64, id));
    if (strcmp(v.status, "paid") == 0)
        fb_kb_button(kb, B_CREDIT, fb_cbf(c, CB_CREDIT "%" PRId64, id));
    else if (strcmp(v.status, "issued") == 0)
        fb_kb_button(kb, B_VOID, fb_cbf(c, CB_VOID "%" PRId64, id));
    return fb_sendf(c, chat, kb, T_ADMIN_CARD, v.number, v.date,
                    fb__inv_who(c, v.user), fb_money_str(c, v.total), v.status);
}

/* See inv.h. */
int fb__inv_deliver(fb_ctx *c, int64_t id)
{
    inv_row v = fb__inv_load(c, id);
    int n;
    int64_t *admins = fb__inv_admins(c, &n);

    fb__inv_send(c, id, v.user, 1);
    for (int i = 0; i < n; i++)
        if (admins[i] != v.user)
            fb__inv_send(c, id, admins[i], 0);
    return fb_failed(c) ? FB_ERR : FB_OK;
}
