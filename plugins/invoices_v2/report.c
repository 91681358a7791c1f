/* invoices_v2 plugin: /invoice_report, what an accountant files from.
 *
 *   /invoice_report ──► [This month] [Last month] / [This quarter] [Last
 *   quarter] / [This financial year] [Last financial year] / [Custom
 *   range] (from → to) ──► three CSV documents for the period:
 *     the register: number, date, type, member (id, GSTIN — '' when
 *     unregistered — and the place of supply's state code: GSTR-1's B2B
 *     and B2C parts need them),
 *     taxable, CGST, SGST/UTGST,
 *       IGST, round off, total, status (void ones listed, not summed);
 *     by rate: rate, taxable, CGST, SGST/UTGST, IGST (credit notes
 *       subtract, void invoices count nothing);
 *     by HSN/SAC: code, unit, quantity, rate, taxable, the taxes.
 * Quarters and years follow the financial year (April–March). Fields
 * are written by libcsv (quoted when needed); amounts in rupees. */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "inv.h"
#include "texts.h"

/* Append one CSV row of n fields to *out. */
static char *csv_row(fb_ctx *c, char *out, int n, const char *const *f)
{
    for (int i = 0; i < n; i++) {
        size_t len = strlen(f[i]);
        size_t need = csv_write(NULL, 0, f[i], len);
        char *q = fb_alloc(c, need + 1);

        if (!q)
            return out;
        csv_write(q, need, f[i], len);
        q[need] = '\0';
        out = fb_strf(c, "%-s%-s%-s", out, i ? "," : "", q);
    }
    return fb_strf(c, "%-s\r\n", out);
}

static const char *rupees(fb_ctx *c, const fb_rows *r, int row, int col)
{
    char b[40];

    return fb_plainf(c, "%s",
                     gst_amount_str(fb_int(c, r, row, col), 0, b, sizeof b));
}

/* The CSV text as a document named name; each of its rows also goes to
 * the debug log ("csv NAME: ROW"), so what was sent can be read back. */
static int send_csv(fb_ctx *c, const char *name, const char *text)
{
    for (const char *p = text, *e; *p; p = e + (*e ? 2 : 0)) {
        e = strstr(p, "\r\n");
        e = e ? e : p + strlen(p);
        fb_log(c, FB_LOG_DEBUG, "csv %s: %.*s", name, (int)(e - p), p);
    }
    return fb_send_document(c, fb_chat(c), name, text, strlen(text), name);
}

/* The query's rows as CSV: head, then each row (the columns from
 * first_money to the last are paise, written as rupees). */
static const char *as_csv(fb_ctx *c, const char *const *head, int n,
                          const fb_rows *r, int first_money)
{
    char *out = csv_row(c, "", n, head);
    const char **f = fb_alloc(c, sizeof *f * (size_t)n);

    for (int i = 0; f && i < fb_nrows(c, r); i++) {
        for (int j = 0; j < n; j++)
            f[j] = j >= first_money ? rupees(c, r, i, j) : fb_str(c, r, i, j);
        out = csv_row(c, out, n, f);
    }
    return out;
}

#define REG_COLS 14 /* the register's columns */
#define REG_MONEY 7 /* its first money column (taxable); six of them */

/* The register: every invoice and credit note of the period (void ones
 * listed too). Returns how many. */
static int register_csv(fb_ctx *c, const char *from, const char *to)
{
    static const char *const head[] = {
        "number",          "date",      "type",
        "member",          "member_id", "gstin",
        "place_of_supply", "taxable",   "cgst",
        "sgst_utgst",      "igst",      "round_off",
        "total",           "status"};
    fb_rows *reg =
        fb_sql(c,
               "SELECT number, issue_date::text, CASE kind WHEN 'credit'"
               " THEN 'credit note' ELSE 'invoice' END, recipient,"
               " user_id::text, recipient_gstin, place_code,"
               " taxable_paise, cgst_paise, sgst_paise,"
               " igst_paise, round_off_paise, total_paise, status"
               " FROM inv_invoices WHERE issue_date BETWEEN $1::date AND"
               " $2::date ORDER BY issue_date, series DESC, seq",
               from, to);
    char *out = csv_row(c, "", REG_COLS, head);

    for (int i = 0; i < fb_nrows(c, reg); i++) {
        const char *f[REG_COLS];

        for (int j = 0; j < REG_COLS; j++)
            f[j] = j >= REG_MONEY && j < REG_MONEY + 6 ? rupees(c, reg, i, j)
                                                       : fb_str(c, reg, i, j);
        out = csv_row(c, out, REG_COLS, f);
    }
    send_csv(c, fb_plainf(c, "invoice-register_%s_%s.csv", from, to), out);
    return fb_nrows(c, reg);
}

/* The tax of the period's lines, credit notes subtracting, void invoices
 * counting nothing: the columns after a summary's keys, and where the
 * lines come from (the summaries add GROUP BY and ORDER BY). */
#define TAX_SUMS                                                               \
    " sum(s.k * l.taxable_paise)::bigint, sum(s.k * l.cgst_paise)::bigint,"    \
    " sum(s.k * l.sgst_paise)::bigint, sum(s.k * l.igst_paise)::bigint,"       \
    " sum(s.k * (l.cgst_paise + l.sgst_paise + l.igst_paise))::bigint"
#define LINES_OF_PERIOD                                                        \
    " FROM inv_lines l JOIN inv_invoices i ON i.id = l.invoice_id"             \
    " CROSS JOIN LATERAL (SELECT CASE i.kind WHEN 'credit' THEN"               \
    " -1 ELSE 1 END AS k) s"                                                   \
    " WHERE i.issue_date BETWEEN $1::date AND $2::date"                        \
    " AND i.status <> 'void'"

/* The two summaries: by rate, and by HSN/SAC, unit and rate. */
static void summaries_csv(fb_ctx *c, const char *from, const char *to)
{
    static const char *const rate_head[] = {
        "rate_percent", "taxable", "cgst", "sgst_utgst", "igst", "total_tax"};
    static const char *const hsn_head[] = {
        "hsn_sac", "unit",       "rate_percent", "quantity", "taxable",
        "cgst",    "sgst_utgst", "igst",         "total_tax"};
    fb_rows *rate = fb_sql(
        c,
        "SELECT trim_scale(l.rate_bp / 100.0)::text," TAX_SUMS LINES_OF_PERIOD
        " GROUP BY l.rate_bp ORDER BY l.rate_bp",
        from, to);
    fb_rows *hsn =
        fb_sql(c,
               "SELECT l.hsn, l.unit, trim_scale(l.rate_bp / "
               "100.0)::text, sum(s.k * l.qty)::text," TAX_SUMS LINES_OF_PERIOD
               " GROUP BY l.hsn, l.unit, l.rate_bp"
               " ORDER BY l.hsn, l.rate_bp, l.unit",
               from, to);

    send_csv(c, fb_plainf(c, "gst-by-rate_%s_%s.csv", from, to),
             as_csv(c, rate_head, 6, rate, 1));
    send_csv(c, fb_plainf(c, "gst-by-hsn_%s_%s.csv", from, to),
             as_csv(c, hsn_head, 9, hsn, 4));
}

static int send_reports(fb_ctx *c, const char *from, const char *to)
{
    int n = register_csv(c, from, to);

    summaries_csv(c, from, to);
    return fb_replyf(c, NULL, T_REPORT_SENT, from, to, (long long)n);
}

/* /invoice_report: the periods. */
int fb__inv_report(fb_ctx *c)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_R_MONTH, CB_REPORT "m");
    fb_kb_button(kb, B_R_PMONTH, CB_REPORT "pm");
    fb_kb_row(kb);
    fb_kb_button(kb, B_R_QUARTER, CB_REPORT "q");
    fb_kb_button(kb, B_R_PQUARTER, CB_REPORT "pq");
    fb_kb_row(kb);
    fb_kb_button(kb, B_R_FY, CB_REPORT "fy");
    fb_kb_button(kb, B_R_PFY, CB_REPORT "pfy");
    fb_kb_row(kb);
    fb_kb_button(kb, B_R_CUSTOM, CB_REPORT "c");
    return fb_reply(c, T_REPORT_ASK, kb);
}

/* A period's button: its first and last day from the club's today. */
int fb__inv_report_pick(fb_ctx *c)
{
    static const char *const periods[][2] = {
        {"m", "date_trunc('month', d)"},
        {"pm", "date_trunc('month', d) - interval '1 month'"},
        {"q", "date_trunc('quarter', d)"},
        {"pq", "date_trunc('quarter', d) - interval '3 months'"},
        {"fy",
         "make_date(extract(year FROM d - interval '3 months')::int, 4, 1)"},
        {"pfy", "make_date(extract(year FROM d - interval '3 months')::int - "
                "1, 4, 1)"}};
    static const char *const length[] = {"1 month",  "1 month", "3 months",
                                         "3 months", "1 year",  "1 year"};
    const char *p = fb_data_field(c, CB_REPORT, 0);
    fb_rows *r;

    if (p && strcmp(p, "c") == 0) {
        fb_flow_start(c, FLOW_REPORT, "from");
        return fb_answerf(c, "%s", B_R_CUSTOM);
    }
    for (size_t i = 0; p && i < sizeof periods / sizeof periods[0]; i++) {
        if (strcmp(p, periods[i][0]) != 0)
            continue;
        r = fb_sql(c,
                   fb_plainf(c,
                             "SELECT s::date::text, (s + $2::interval -"
                             " interval '1 day')::date::text FROM (SELECT %s"
                             " AS s FROM (SELECT $1::date AS d) x) y",
                             periods[i][1]),
                   fb_today_text(c), length[i]);
        if (fb_nrows(c, r) != 1)
            return FB_ERR;
        return send_reports(c, fb_str(c, r, 0, 0), fb_str(c, r, 0, 1));
    }
    return fb_answerf(c, A_REPORT_STALE);
}

static int ask_to(fb_ctx *c, const char *html)
{
    return fb_reply(
        c, html ? html : fb_strf(c, T_ASK_TO, fb_flow_str(c, "from")), NULL);
}

static const char *check_to(fb_ctx *c)
{
    fb_date d;
    char to[11];

    if (fb_parse_date(fb_text(c), &d) != 0)
        return E_DATE;
    fb_date_str(&d, to);
    if (fb_sql_int(c, 0,
                   "SELECT ($2::date BETWEEN $1::date AND $1::date + 731)::int",
                   fb_flow_str(c, "from"), to) != 1)
        return fb_strf(c, E_TO, fb_flow_str(c, "from"));
    return NULL;
}

static int custom_range(fb_ctx *c)
{
    const char *from = fb_flow_str(c, "from");
    const char *to = fb_date_text(c, fb_flow_date(c, "to"));

    fb_flow_end(c);
    return send_reports(c, from, to);
}

/* clang-format off */
static const fb_ask from_q = {.prompt = T_ASK_FROM, .type = FB_IN_DATE,
    .bad = E_DATE, .key = "from", .next = "to"};
static const fb_ask to_q = {.ask = ask_to, .type = FB_IN_DATE, .bad = E_DATE,
    .check = check_to, .key = "to"};

const fb_state fb__inv_report_states[] = {
    {.name = "from", .role = FB_ROLE_ADMIN, .ask = &from_q},
    {.name = "to", .role = FB_ROLE_ADMIN, .ask = &to_q, .handler = custom_range},
    {0}};
/* clang-format on */
