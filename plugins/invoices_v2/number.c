/* invoices_v2 plugin: numbers and storing.
 *
 * A number is series/FY/NNNNNN (INV/26-27/000123, 16 characters at most),
 * consecutive and gapless per series and financial year: the counter row
 * (inv_counters) is taken with INSERT ... ON CONFLICT DO UPDATE in the
 * issuing transaction, so it stays locked until that transaction ends —
 * a second admin issuing at the same moment waits and gets the next
 * number; a transaction that rolls back gives its number back. */
#include <string.h>

#include "inv.h"
#include "texts.h"

static const char *const split_names[] = {"cgst_sgst", "cgst_utgst", "igst"};

/* See inv.h. */
const char *fb__inv_next_number(fb_ctx *c, const char *series,
                                const char *date, int64_t *seq)
{
    char fy[8], no[24];

    *seq = 0;
    if (gst_fy(date, fy, sizeof fy) != 0) {
        fb_fail(c, "an invoice date that is not YYYY-MM-DD");
        return "";
    }
    *seq = fb_sql_int(c, 0,
                      "INSERT INTO inv_counters (series, fy, last_no)"
                      " VALUES ($1, $2, 1) ON CONFLICT (series, fy) DO UPDATE"
                      " SET last_no = inv_counters.last_no + 1"
                      " RETURNING last_no",
                      series, fy);
    if (gst_number(series, fy, *seq, no, sizeof no) != 0) {
        fb_fail(c, "no invoice number left in this financial year");
        return "";
    }
    return fb_plainf(c, "%s", no);
}

static void store_lines(fb_ctx *c, int64_t id, const inv_doc *d)
{
    for (int i = 0; i < d->nlines; i++) {
        const inv_line *l = &d->lines[i];

        fb_sql_exec(c,
                    "INSERT INTO inv_lines (invoice_id, n, description, hsn,"
                    " unit, qty, price_paise, rate_bp, disc_bp, split,"
                    " base_paise, discount_paise, taxable_paise, cgst_paise,"
                    " sgst_paise, igst_paise, total_paise) VALUES ($1, $2,"
                    " $3, $4, $5, $6, $7, $8, $9, $10, $6::bigint *"
                    " $7::bigint, $11, $12, $13, $14, $15, $16)",
                    id, i + 1, l->description, l->hsn, l->unit, l->in.qty,
                    l->in.price, l->in.rate_bp, l->in.disc_bp,
                    split_names[l->in.split], l->out.discount, l->out.taxable,
                    l->out.cgst, l->out.sgst, l->out.igst, l->out.total);
    }
}

/* See inv.h. */
int64_t fb__inv_store(fb_ctx *c, const inv_doc *d, int64_t user,
                      const char *kind, int64_t refers)
{
    const char *series =
        strcmp(kind, "credit") == 0 ? SERIES_CREDIT : SERIES_INVOICE;
    const gst_totals *t = &d->totals;
    int64_t seq = 0, id;
    const char *number = fb__inv_next_number(c, series, d->date, &seq);
    char fy[8];

    if (!*number)
        return 0;
    gst_fy(d->date, fy, sizeof fy);
    id = fb_sql_int(c, 0,
                    "INSERT INTO inv_invoices (kind, number, series, fy, seq,"
                    " issue_date, user_id, recipient, refers_to, created_by,"
                    " inclusive, utgst, supplier, supplier_state,"
                    " supplier_state_code, place_state, place_code,"
                    " taxable_paise, cgst_paise, sgst_paise, igst_paise,"
                    " round_off_paise, total_paise) VALUES ($1, $2, $3, $4,"
                    " $5, $6::date, $7, $8, nullif($9::bigint, 0), $10,"
                    " $11::int = 1, $12::int = 1, $13, $14, $15, $16, $16,"
                    " 0, 0, 0, 0, 0, 0) RETURNING id",
                    kind, number, series, fy, seq, d->date, user, d->recipient,
                    refers, fb_user(c), d->inclusive, d->utgst, d->supplier,
                    d->supplier_state, d->supplier_state_code, "");
    fb_sql_exec(c,
                "UPDATE inv_invoices SET supplier_address = $2,"
                " supplier_gstin = $3, place_state = $4, place_code = $5,"
                " taxable_paise = $6, cgst_paise = $7, sgst_paise = $8,"
                " igst_paise = $9, round_off_paise = $10, total_paise = $11,"
                " recipient_address = $12, recipient_gstin = $13,"
                " recipient_state = $14, recipient_state_code = $15"
                " WHERE id = $1",
                id, d->supplier_address, d->supplier_gstin, d->place_state,
                d->place_code, t->taxable, t->cgst, t->sgst, t->igst,
                t->round_off, t->total, d->recipient_address,
                d->recipient_gstin, d->recipient_state,
                d->recipient_state_code);
    store_lines(c, id, d);
    return fb_failed(c) ? 0 : id;
}

/* See inv.h. */
int64_t fb__inv_issue(fb_ctx *c, const inv_settings *s)
{
    const inv_doc *d = fb__inv_draft_doc(c, s);
    int64_t user = fb_flow_int(c, "member", 0), id;
    inv_row v;

    if (!d)
        return fb_fail(c, "an empty draft"), 0;
    id = fb__inv_store(c, d, user, "invoice", 0);
    if (!id)
        return 0;
    v = fb__inv_load(c, id);
    fb_publish(c, "invoice.issued",
               fb_jsonf(c,
                        "{\"invoice_id\":\"%" PRId64 "\",\"number\":\"%s\","
                        "\"user_id\":\"%" PRId64 "\",\"total_paise\":\"%" PRId64
                        "\",\"date\":\"%s\"}",
                        id, v.number, user, v.total, v.date));
    return fb_failed(c) ? 0 : id;
}
