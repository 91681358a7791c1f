/* invoices_v2: the PDF of an invoice (see pdf.h). A4 portrait, points;
 * text laid out by pango in DejaVu Sans. */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 36.0
#define BOTTOM (PAGE_H - 48.0)
#define FONT "DejaVu Sans"

typedef enum { LEFT, RIGHT, CENTER } align;

/* The growing bytes of the PDF. */
typedef struct sink {
    unsigned char *p;
    size_t len, cap;
    int oom;
} sink;

static cairo_status_t write_out(void *closure, const unsigned char *data,
                                unsigned int n)
{
    sink *s = closure;

    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 65536;
        unsigned char *p;

        while (cap < s->len + n)
            cap *= 2;
        p = realloc(s->p, cap);
        if (!p) {
            s->oom = 1;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->len, data, n);
    s->len += n;
    return CAIRO_STATUS_SUCCESS;
}

/* The drawing: cairo, the page's next free y. */
typedef struct pen {
    cairo_t *cr;
    double y;
    const inv_doc *d;
} pen;

/* Draw s in a box of width w at (x, y); returns the height it took. */
static double text(pen *p, double x, double y, double w, const char *s,
                   double size, int bold, align a)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *f = pango_font_description_from_string(FONT);
    int pw, ph;

    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD
                                              : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, f);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, a == RIGHT    ? PANGO_ALIGN_RIGHT
                                  : a == CENTER ? PANGO_ALIGN_CENTER
                                                : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, s ? s : "", -1);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
    pango_layout_get_size(l, &pw, &ph);
    pango_font_description_free(f);
    g_object_unref(l);
    return (double)ph / PANGO_SCALE;
}

static void rule(pen *p, double y, double width)
{
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, MARGIN, y);
    cairo_line_to(p->cr, PAGE_W - MARGIN, y);
    cairo_stroke(p->cr);
}

static const char *amt(char *buf, int64_t paise)
{
    return gst_amount_str(paise, 1, buf, 32);
}

/* "₹1,23,456.78" */
static const char *rs(char *buf, int64_t paise)
{
    char a[32];

    snprintf(buf, 40, "%s₹%s", paise < 0 ? "-" : "",
             gst_amount_str(paise < 0 ? -paise : paise, 1, a, sizeof a));
    return buf;
}

static const char *pct(char *buf, int bp)
{
    return gst_percent_str(bp, buf, 12);
}

/* ---- the head: supplier, number, recipient ------------------------------- */

static void head(pen *p)
{
    const inv_doc *d = p->d;
    double half = (PAGE_W - 2 * MARGIN) / 2, yl, yr;
    char line[512];

    p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, d->title, 15, 1,
                 CENTER) + 8;
    if (d->stamp && *d->stamp) {
        cairo_set_source_rgb(p->cr, 0.75, 0.1, 0.1);
        p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, d->stamp, 11, 1,
                     CENTER) + 6;
        cairo_set_source_rgb(p->cr, 0, 0, 0);
    }
    yl = yr = p->y;
    yl += text(p, MARGIN, yl, half - 10, d->supplier, 12, 1, LEFT) + 2;
    yl += text(p, MARGIN, yl, half - 10, d->supplier_address, 8.5, 0, LEFT);
    snprintf(line, sizeof line, "GSTIN: %s",
             d->supplier_gstin && *d->supplier_gstin ? d->supplier_gstin
                                                      : "not registered");
    yl += text(p, MARGIN, yl, half - 10, line, 8.5, 1, LEFT);
    snprintf(line, sizeof line, "State: %s (%s)", d->supplier_state,
             d->supplier_state_code);
    yl += text(p, MARGIN, yl, half - 10, line, 8.5, 0, LEFT);

    snprintf(line, sizeof line, "%s No: %s",
             strcmp(d->title, "CREDIT NOTE") == 0 ? "Credit note" : "Invoice",
             d->number);
    yr += text(p, MARGIN + half, yr, half, line, 10, 1, RIGHT) + 2;
    snprintf(line, sizeof line, "Date: %s", d->date);
    yr += text(p, MARGIN + half, yr, half, line, 8.5, 0, RIGHT);
    if (d->refers && *d->refers) {
        snprintf(line, sizeof line, "Against invoice: %s", d->refers);
        yr += text(p, MARGIN + half, yr, half, line, 8.5, 0, RIGHT);
    }
    snprintf(line, sizeof line, "Place of supply: %s (%s)", d->place_state,
             d->place_code);
    yr += text(p, MARGIN + half, yr, half, line, 8.5, 0, RIGHT);
    yr += text(p, MARGIN + half, yr, half, "Reverse charge: No", 8.5, 0, RIGHT);
    p->y = (yl > yr ? yl : yr) + 6;
    rule(p, p->y, 0.6);
    p->y += 5;

    p->y += text(p, MARGIN, p->y, half, "Bill to", 8, 1, LEFT);
    p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, d->recipient, 10, 1,
                 LEFT);
    if (d->recipient_address && *d->recipient_address)
        p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN,
                     d->recipient_address, 8.5, 0, LEFT);
    if (d->recipient_state && *d->recipient_state) {
        snprintf(line, sizeof line, "State: %s (%s)", d->recipient_state,
                 d->recipient_state_code);
        p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, line, 8.5, 0, LEFT);
    }
    snprintf(line, sizeof line, "GSTIN: %s",
             d->recipient_gstin && *d->recipient_gstin ? d->recipient_gstin
                                                        : "unregistered");
    p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, line, 8.5, 0, LEFT) + 6;
}

/* ---- the lines ------------------------------------------------------------ */

#define NCOL 12
static const double col_w[NCOL] = {14, 104, 38, 26, 26, 46,
                                   40, 50,  46, 46, 46, 41};
static const align col_a[NCOL] = {LEFT,  LEFT,  LEFT,  RIGHT, LEFT,  RIGHT,
                                  RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT};

/* One row of cells; returns its height. */
static double row(pen *p, const char *const cell[NCOL], int bold)
{
    double x = MARGIN, h = 0;

    for (int i = 0; i < NCOL; i++) {
        double ch = text(p, x + 1, p->y, col_w[i] - 3, cell[i], 7, bold,
                         col_a[i]);

        if (ch > h)
            h = ch;
        x += col_w[i];
    }
    return h;
}

static void table_head(pen *p)
{
    const char *cell[NCOL] = {"#",    "Description", "HSN/SAC", "Qty",
                              "Unit", "Price",       "Discount", "Taxable value",
                              "CGST", p->d->utgst ? "UTGST" : "SGST",
                              "IGST", "Total"};

    rule(p, p->y, 0.6);
    p->y += 2;
    p->y += row(p, cell, 1) + 2;
    rule(p, p->y, 0.4);
    p->y += 3;
}

/* A new page when h more points do not fit; the table's head again. */
static void room(pen *p, double h, int table)
{
    if (p->y + h <= BOTTOM)
        return;
    cairo_show_page(p->cr);
    p->y = MARGIN;
    text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, p->d->number, 8, 0, RIGHT);
    p->y += 14;
    if (table)
        table_head(p);
}

/* "2.5%\n23.79", or "—" without that tax */
static const char *tax_cell(char *buf, int bp, int64_t paise, int on)
{
    char r[12], a[32];

    if (!on)
        return "—";
    snprintf(buf, 64, "%s\n%s", pct(r, bp), amt(a, paise));
    return buf;
}

static void line_rows(pen *p)
{
    const inv_doc *d = p->d;

    table_head(p);
    for (int i = 0; i < d->nlines; i++) {
        const inv_line *l = &d->lines[i];
        int igst = l->in.split == GST_IGST;
        char n[12], qty[24], price[32], disc[64], tax[32], c[64], s[64], g[64],
            tot[32], r[12], a[32];
        const char *cell[NCOL];

        snprintf(n, sizeof n, "%d", i + 1);
        snprintf(qty, sizeof qty, "%lld", (long long)l->in.qty);
        if (l->in.disc_bp)
            snprintf(disc, sizeof disc, "%s\n%s", pct(r, l->in.disc_bp),
                     amt(a, l->out.discount));
        else
            snprintf(disc, sizeof disc, "—");
        cell[0] = n;
        cell[1] = l->description;
        cell[2] = l->hsn;
        cell[3] = qty;
        cell[4] = l->unit && *l->unit ? l->unit : "—";
        cell[5] = amt(price, l->in.price);
        cell[6] = disc;
        cell[7] = amt(tax, l->out.taxable);
        cell[8] = tax_cell(c, l->in.rate_bp / 2, l->out.cgst, !igst);
        cell[9] = tax_cell(s, l->in.rate_bp - l->in.rate_bp / 2, l->out.sgst,
                           !igst);
        cell[10] = tax_cell(g, l->in.rate_bp, l->out.igst, igst);
        cell[11] = amt(tot, l->out.total);
        room(p, 24, 1);
        p->y += row(p, cell, 0) + 4;
    }
    rule(p, p->y, 0.4);
    p->y += 6;
}

/* ---- totals, words, the HSN summary, the notes ---------------------------- */

static void total_line(pen *p, const char *label, const char *value, int bold)
{
    double x = PAGE_W - MARGIN - 230;

    text(p, x, p->y, 140, label, bold ? 10 : 8.5, bold, LEFT);
    p->y += text(p, x + 140, p->y, 90, value, bold ? 10 : 8.5, bold, RIGHT) +
            2;
}

static void totals(pen *p)
{
    const gst_totals *t = &p->d->totals;
    char b[40], words[512], line[600];

    room(p, 110, 0);
    if (t->discount)
        total_line(p, "Discount allowed", rs(b, -t->discount), 0);
    total_line(p, "Taxable value", rs(b, t->taxable), 0);
    if (t->cgst || t->sgst || !t->igst) {
        total_line(p, "CGST", rs(b, t->cgst), 0);
        total_line(p, p->d->utgst ? "UTGST" : "SGST", rs(b, t->sgst), 0);
    }
    if (t->igst)
        total_line(p, "IGST", rs(b, t->igst), 0);
    total_line(p, "Round off", rs(b, t->round_off), 0);
    total_line(p, "Total", rs(b, t->total), 1);
    gst_words(t->total, words, sizeof words);
    snprintf(line, sizeof line, "Amount in words: %s", words);
    p->y += 4;
    p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, line, 8.5, 1, LEFT) + 8;
}

typedef struct hsn_sum {
    const char *hsn;
    int rate_bp;
    int64_t taxable, cgst, sgst, igst;
} hsn_sum;

static void hsn_summary(pen *p)
{
    const inv_doc *d = p->d;
    hsn_sum *s = calloc((size_t)d->nlines + 1, sizeof *s);
    static const double w[7] = {70, 60, 80, 80, 80, 80, 73};
    const char *headc[7] = {"HSN/SAC", "Rate", "Taxable value", "CGST",
                            d->utgst ? "UTGST" : "SGST", "IGST", "Total tax"};
    int n = 0;

    if (!s)
        return;
    for (int i = 0; i < d->nlines; i++) {
        const inv_line *l = &d->lines[i];
        int j = 0;

        while (j < n && !(strcmp(s[j].hsn, l->hsn) == 0 &&
                          s[j].rate_bp == l->in.rate_bp))
            j++;
        if (j == n)
            s[n++] = (hsn_sum){.hsn = l->hsn, .rate_bp = l->in.rate_bp};
        s[j].taxable += l->out.taxable;
        s[j].cgst += l->out.cgst;
        s[j].sgst += l->out.sgst;
        s[j].igst += l->out.igst;
    }
    room(p, 40 + 12.0 * n, 0);
    p->y += text(p, MARGIN, p->y, 300, "HSN/SAC summary", 8.5, 1, LEFT) + 2;
    for (int r = -1; r <= n; r++) {
        char cells[7][40], r12[12];
        const char *cell[7];
        double x = MARGIN, h = 0;
        hsn_sum t = {0};

        if (r == n) { /* the sum */
            for (int j = 0; j < n; j++) {
                t.taxable += s[j].taxable;
                t.cgst += s[j].cgst;
                t.sgst += s[j].sgst;
                t.igst += s[j].igst;
            }
        }
        for (int c = 0; c < 7; c++)
            cell[c] = cells[c];
        if (r < 0) {
            for (int c = 0; c < 7; c++)
                cell[c] = headc[c];
        } else {
            const hsn_sum *k = r < n ? &s[r] : &t;

            snprintf(cells[0], 40, "%s", r < n ? k->hsn : "Total");
            snprintf(cells[1], 40, "%s", r < n ? pct(r12, k->rate_bp) : "");
            amt(cells[2], k->taxable);
            amt(cells[3], k->cgst);
            amt(cells[4], k->sgst);
            amt(cells[5], k->igst);
            amt(cells[6], k->cgst + k->sgst + k->igst);
        }
        if (r < 0 || r == n)
            rule(p, p->y, 0.4);
        for (int c = 0; c < 7; c++) {
            double ch = text(p, x + 1, p->y + 1, w[c] - 3, cell[c], 7.5,
                             r < 0 || r == n, c < 2 ? LEFT : RIGHT);

            h = ch > h ? ch : h;
            x += w[c];
        }
        p->y += h + 3;
    }
    free(s);
    p->y += 8;
}

static void notes(pen *p)
{
    const inv_doc *d = p->d;
    char line[256];

    room(p, 60, 0);
    if (d->inclusive)
        p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN,
                     "Prices include GST; the taxable value is the price "
                     "less the tax in it.",
                     8, 0, LEFT);
    snprintf(line, sizeof line, "Place of supply: %s (%s).", d->place_state,
             d->place_code);
    p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, line, 8, 0, LEFT);
    p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN,
                 "Tax is not payable on reverse charge.", 8, 0, LEFT);
    p->y += text(p, MARGIN, p->y, PAGE_W - 2 * MARGIN,
                 "This is a computer-generated invoice; no signature is "
                 "required.",
                 8, 0, LEFT);
}

static void stamp(pen *p)
{
    if (!p->d->stamp || !*p->d->stamp)
        return;
    cairo_save(p->cr);
    cairo_set_source_rgba(p->cr, 0.8, 0.1, 0.1, 0.35);
    cairo_translate(p->cr, PAGE_W / 2 - 200, PAGE_H / 2 + 120);
    cairo_rotate(p->cr, -0.6);
    text(p, 0, 0, 500, p->d->stamp, 90, 1, CENTER);
    cairo_restore(p->cr);
}

/* See pdf.h. */
int inv_pdf(const inv_doc *d, unsigned char **pdf, size_t *len)
{
    sink s = {0};
    cairo_surface_t *surface =
        cairo_pdf_surface_create_for_stream(write_out, &s, PAGE_W, PAGE_H);
    pen p = {.cr = cairo_create(surface), .y = MARGIN, .d = d};
    cairo_status_t st;

    *pdf = NULL;
    *len = 0;
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   d->number);
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    stamp(&p);
    head(&p);
    line_rows(&p);
    totals(&p);
    hsn_summary(&p);
    notes(&p);
    cairo_show_page(p.cr);
    st = cairo_status(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS || s.oom) {
        free(s.p);
        return -1;
    }
    *pdf = s.p;
    *len = s.len;
    return 0;
}
