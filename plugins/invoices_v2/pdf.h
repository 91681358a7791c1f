/* invoices_v2: the PDF of an invoice or credit note (a pure function of
 * the document: cairo draws, pango lays out the text; nothing of the host).
 *
 * What it carries (CGST Rules, rule 46): the supplier's name, address,
 * GSTIN and state; the number and date; the recipient's name (address,
 * state and GSTIN when known); per line the description, HSN/SAC,
 * quantity and unit, price, discount, taxable value, the rate and amount
 * of each tax and the line's total; the totals with the tax split, the
 * round off and the amount in words; an HSN/SAC summary; the place of
 * supply; "Tax is not payable on reverse charge"; no signature needed (a
 * computer-generated invoice). The sign ₹ comes from a packaged font
 * (DejaVu Sans, fonts-dejavu-core). */
#ifndef FB_INV_PDF_H
#define FB_INV_PDF_H

#include <stddef.h>

#include "gst_calc.h"

typedef struct inv_line {
    const char *description, *hsn, *unit;
    gst_line_in in;   /* price, qty, rate, discount, split */
    gst_line_out out; /* its figures (gst_line) */
} inv_line;

typedef struct inv_doc {
    const char *title;  /* "TAX INVOICE", "CREDIT NOTE" */
    const char *number; /* INV/26-27/000123 */
    const char *date;   /* YYYY-MM-DD */
    const char *refers; /* a credit note's invoice, "INV/... of 2026-12-01" */
    const char *stamp;  /* "VOID" across the page, or NULL */
    const char *supplier, *supplier_address, *supplier_gstin;
    const char *supplier_state, *supplier_state_code;
    const char *recipient, *recipient_address, *recipient_gstin;
    const char *recipient_state, *recipient_state_code; /* "" unknown */
    const char *place_state, *place_code; /* the place of supply */
    int inclusive; /* prices include GST */
    int utgst;     /* UTGST instead of SGST */
    int nlines;
    const inv_line *lines;
    gst_totals totals; /* of the lines (gst_add, gst_close) */
} inv_doc;

/* Render d as an A4 PDF into *pdf (malloc'd, the caller frees) of *len
 * bytes. Returns 0, or -1 (*pdf NULL) when cairo fails or memory runs
 * out. */
int inv_pdf(const inv_doc *d, unsigned char **pdf, size_t *len);

#endif
