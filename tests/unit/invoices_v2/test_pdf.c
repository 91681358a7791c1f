/* invoices_v2's PDF (plugins/invoices_v2/pdf.h): a fixed invoice rendered
 * to a file and read back with pdftotext -layout (poppler-utils): every
 * rule 46 field and every figure on its line, the sign ₹ present (a font
 * that has it is packaged). FITBOT_INVOICE_PDF_KEEP=dir keeps the PDF
 * there, for looking at (pdftoppm -png). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc.h"
#include "pdf.h"

static char dir[256];

static void setup(void)
{
    const char *keep = getenv("FITBOT_INVOICE_PDF_KEEP");

    if (keep && *keep)
        snprintf(dir, sizeof dir, "%s", keep);
    else
        fbtc_mkdtemp(dir, sizeof dir, "/tmp/fitbot-inv-pdf-XXXXXX");
}

static void teardown(void)
{
    const char *keep = getenv("FITBOT_INVOICE_PDF_KEEP");

    if (!keep || !*keep)
        fbtc_rmtree(dir);
}

/* A membership (SAC 999723, ₹999 at 5 % inclusive), protein shipped to
 * Karnataka (HSN 2106, 2 × ₹3,499 at 18 % inclusive, 10 % off: IGST) and a
 * towel (HSN 6302, ₹250 at 5 %, CGST + SGST) for a club in Maharashtra. */
static inv_line fixed_lines[] = {
    {"Monthly membership", "999723", "month", {99900, 1, 500, 0, GST_CGST_SGST}, {0}},
    {"Whey protein 1 kg", "2106", "pcs", {349900, 2, 1800, 1000, GST_IGST}, {0}},
    {"Gym towel", "6302", "pcs", {25000, 1, 500, 0, GST_CGST_SGST}, {0}},
};

static inv_doc fixed(void)
{
    inv_doc d = {
        .title = "TAX INVOICE",
        .number = "INV/26-27/000123",
        .date = "2026-12-01",
        .supplier = "Fit Club Private Limited",
        .supplier_address = "12 MG Road, Pune 411001",
        .supplier_gstin = "27AAPFU0939F1ZV",
        .supplier_state = "Maharashtra",
        .supplier_state_code = "27",
        .recipient = "Asha Verma",
        .recipient_address = "4 Brigade Road, Bengaluru",
        .recipient_gstin = "",
        .recipient_state = "Karnataka",
        .recipient_state_code = "29",
        .place_state = "Karnataka",
        .place_code = "29",
        .inclusive = 1,
        .nlines = 3,
        .lines = fixed_lines,
    };

    for (int i = 0; i < d.nlines; i++) {
        ck_assert_int_eq(gst_line(&fixed_lines[i].in, 1, &fixed_lines[i].out),
                         0);
        gst_add(&d.totals, &fixed_lines[i].out);
    }
    gst_close(&d.totals);
    return d;
}

/* Render d to dir/name.pdf; its text (pdftotext -layout), malloc'd. */
static char *render(const inv_doc *d, const char *name)
{
    char path[512], cmd[1200], *text = calloc(1, 65536);
    unsigned char *pdf;
    size_t len, n;
    FILE *f;

    ck_assert_int_eq(inv_pdf(d, &pdf, &len), 0);
    ck_assert_uint_gt(len, 1000);
    ck_assert_int_eq(memcmp(pdf, "%PDF-", 5), 0);
    snprintf(path, sizeof path, "%s/%s.pdf", dir, name);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(pdf, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    free(pdf);
    snprintf(cmd, sizeof cmd, "'%s' -layout '%s' -", PDFTOTEXT, path);
    f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    n = fread(text, 1, 65535, f);
    ck_assert_msg(pclose(f) == 0, "%s failed (poppler-utils installed?)", cmd);
    text[n] = '\0';
    return text;
}

/* The line of text holding needle, or fail naming it. */
static const char *line_of(const char *text, const char *needle)
{
    static char line[1024];
    const char *at = strstr(text, needle), *b, *e;

    ck_assert_msg(at, "\"%s\" is not in the PDF's text:\n%s", needle, text);
    for (b = at; b > text && b[-1] != '\n'; b--)
        ;
    e = strchr(at, '\n');
    snprintf(line, sizeof line, "%.*s", (int)(e ? e - b : (long)strlen(b)), b);
    return line;
}

/* needle's line also holds each of the others, in that order */
static void same_line(const char *text, const char *needle, int n,
                      const char *const *others)
{
    const char *l = line_of(text, needle), *at = l;

    for (int i = 0; i < n; i++) {
        const char *f = strstr(at, others[i]);

        ck_assert_msg(f, "\"%s\" not after the last on the line of \"%s\": %s",
                      others[i], needle, l);
        at = f + strlen(others[i]);
    }
}
#define SAME_LINE(text, needle, ...)                                           \
    same_line(text, needle,                                                    \
              sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *),     \
              (const char *const[]){__VA_ARGS__})

START_TEST(every_field_where_it_belongs)
{
    inv_doc d = fixed();
    char *t = render(&d, "invoice");
    const char *tot;

    /* totals worked out by hand: membership 95143 + 2379 + 2379; protein
     * 2 × 349900 = 699800, 10 % = 69980 off, 629820 / 1.18 = 533745.76 →
     * 533746, IGST 96074.28 → 96074; towel 25000 / 1.05 = 23809.52 →
     * 23810, 595.25 → 595 each. Taxable 652699, CGST = SGST 2974, IGST
     * 96074: 754721 → 754700, round off −0.21 */
    line_of(t, "TAX INVOICE");
    SAME_LINE(t, "Fit Club Private Limited", "Invoice No: INV/26-27/000123");
    line_of(t, "12 MG Road, Pune 411001");
    line_of(t, "GSTIN: 27AAPFU0939F1ZV");
    line_of(t, "State: Maharashtra (27)");
    line_of(t, "Date: 2026-12-01");
    line_of(t, "Place of supply: Karnataka (29)");
    line_of(t, "Reverse charge: No");
    line_of(t, "Bill to");
    line_of(t, "Asha Verma");
    line_of(t, "4 Brigade Road, Bengaluru");
    line_of(t, "State: Karnataka (29)");
    line_of(t, "GSTIN: unregistered");
    SAME_LINE(t, "Description", "HSN/SAC", "Qty", "Unit", "Price", "Discount",
              "Taxable", "CGST", "SGST", "IGST", "Total");
    SAME_LINE(t, "Monthly membership", "999723", "1", "month", "999.00", "—",
              "951.43", "2.5%", "2.5%", "—", "999.01");
    SAME_LINE(t, "Whey protein 1 kg", "2106", "2", "pcs", "3,499.00", "10%",
              "5,337.46", "—", "—", "18%", "6,298.20");
    line_of(t, "699.80"); /* the discount amount, under its rate */
    line_of(t, "960.74"); /* the IGST amount, under its rate */
    SAME_LINE(t, "Gym towel", "6302", "1", "pcs", "250.00", "—", "238.10",
              "2.5%", "2.5%", "—", "250.00");
    tot = line_of(t, "Discount allowed") ? strstr(t, "Discount allowed") : t;
    SAME_LINE(tot, "Discount allowed", "-₹699.80");
    SAME_LINE(tot, "Taxable value", "₹6,526.99");
    SAME_LINE(tot, "CGST", "₹29.74");
    SAME_LINE(tot, "SGST", "₹29.74");
    SAME_LINE(tot, "IGST", "₹960.74");
    SAME_LINE(tot, "Round off", "-₹0.21");
    SAME_LINE(tot, "Total", "₹7,547.00");
    line_of(t, "Amount in words: Rupees Seven Thousand Five Hundred Forty-Seven "
               "Only");
    tot = strstr(t, "HSN/SAC summary");
    ck_assert_ptr_nonnull(tot);
    SAME_LINE(tot, "999723", "5%", "951.43", "23.79", "23.79", "0.00", "47.58");
    SAME_LINE(tot, "2106", "18%", "5,337.46", "0.00", "0.00", "960.74",
              "960.74");
    SAME_LINE(tot, "6302", "5%", "238.10", "5.95", "5.95", "0.00", "11.90");
    SAME_LINE(strstr(tot, "\nTotal ") + 1, "Total", "6,526.99", "29.74", "29.74", "960.74", "1,020.22");
    line_of(t, "Prices include GST");
    line_of(t, "Tax is not payable on reverse charge.");
    line_of(t, "This is a computer-generated invoice; no signature is "
               "required.");
    ck_assert_int_eq(d.totals.total, 754700);
    free(t);
}
END_TEST

START_TEST(utgst_credit_note_and_void)
{
    static inv_line l[] = {
        {"Annual membership", "999723", "year", {1200000, 1, 500, 0,
                                                 GST_CGST_UTGST}, {0}}};
    inv_doc d = fixed();
    char *t;

    d.title = "CREDIT NOTE";
    d.number = "CN/26-27/000001";
    d.refers = "INV/26-27/000123 of 2026-12-01";
    d.stamp = "VOID";
    d.utgst = 1;
    d.inclusive = 0;
    d.supplier_state = "Chandigarh";
    d.supplier_state_code = "04";
    d.place_state = "Chandigarh";
    d.place_code = "04";
    d.recipient_address = "";
    d.recipient_state = "";
    d.recipient_gstin = "04AAPFU0939F1Z2";
    d.lines = l;
    d.nlines = 1;
    memset(&d.totals, 0, sizeof d.totals);
    gst_line(&l[0].in, 0, &l[0].out);
    gst_add(&d.totals, &l[0].out);
    gst_close(&d.totals);
    t = render(&d, "credit");
    line_of(t, "CREDIT NOTE");
    line_of(t, "Credit note No: CN/26-27/000001");
    line_of(t, "Against invoice: INV/26-27/000123 of 2026-12-01");
    line_of(t, "GSTIN: 04AAPFU0939F1Z2");
    line_of(t, "VOID");
    SAME_LINE(t, "Annual membership", "12,000.00", "2.5%", "2.5%");
    SAME_LINE(strstr(t, "Taxable value"), "UTGST", "₹300.00");
    SAME_LINE(strstr(t, "Round off"), "Total", "₹12,600.00");
    line_of(t, "Rupees Twelve Thousand Six Hundred Only");
    ck_assert_ptr_null(strstr(t, "Prices include GST"));
    ck_assert_ptr_null(strstr(t, "State: Karnataka"));
    free(t);
}
END_TEST

/* A registered recipient in another state: the bill-to block carries
 * their name, the address (its lines as given), the state and the GSTIN;
 * the supplier's own stay on the left. */
START_TEST(registered_recipient_in_the_bill_to)
{
    inv_doc d = fixed();
    char *t, *bill;

    d.recipient = "Brigade Fitness LLP";
    d.recipient_address = "4 Brigade Road\nBengaluru 560025";
    d.recipient_gstin = "29AAACB1234C1ZB";
    d.recipient_state = "Karnataka";
    d.recipient_state_code = "29";
    t = render(&d, "registered");
    bill = strstr(t, "Bill to");
    ck_assert_ptr_nonnull(bill);
    line_of(bill, "Brigade Fitness LLP");
    line_of(bill, "4 Brigade Road");
    line_of(bill, "Bengaluru 560025");
    line_of(bill, "State: Karnataka (29)");
    line_of(bill, "GSTIN: 29AAACB1234C1ZB");
    ck_assert_ptr_null(strstr(t, "unregistered"));
    /* the bill-to block comes before the lines */
    ck_assert_ptr_nonnull(strstr(bill, "GSTIN: 29AAACB1234C1ZB"));
    ck_assert(strstr(bill, "GSTIN: 29AAACB1234C1ZB") < strstr(bill, "Description"));
    line_of(t, "GSTIN: 27AAPFU0939F1ZV");
    free(t);
}
END_TEST

/* Sixty lines: more than a page; the table goes on with its head. */
START_TEST(many_lines_take_pages)
{
    static inv_line l[60];
    inv_doc d = fixed();
    char *t;
    int pages = 0;

    memset(&d.totals, 0, sizeof d.totals);
    for (int i = 0; i < 60; i++) {
        l[i] = (inv_line){"Protein bar with a rather long name to wrap", "2106",
                          "pcs", {5000 + i, 1, 1800, 0, GST_CGST_SGST}, {0}};
        gst_line(&l[i].in, 1, &l[i].out);
        gst_add(&d.totals, &l[i].out);
    }
    gst_close(&d.totals);
    d.lines = l;
    d.nlines = 60;
    t = render(&d, "long");
    for (const char *p = t; (p = strchr(p, '\f')); p++)
        pages++;
    ck_assert_int_ge(pages, 2);
    line_of(t, "This is a computer-generated invoice");
    free(t);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "invoices_v2_pdf",
                                   .tcase = "pdf",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown};

    return FBTC_RUN(&def, every_field_where_it_belongs,
                    utgst_credit_note_and_void,
                    registered_recipient_in_the_bill_to,
                    many_lines_take_pages);
}
