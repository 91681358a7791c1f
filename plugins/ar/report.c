/* ar plugin: the reports, for staff.
 *
 *   /ar ──► [Outstanding] [Aging] / [Payment methods] [CSV] /
 *           [Aging chart] [Collections chart]
 *   Outstanding   each member's open dues (largest first), the total, the
 *                 credit held
 *   Aging         open dues by days past the due date: not yet due, 1–30,
 *                 31–60, 61–90, 90+ (the club's today)
 *   Methods       payments recorded here, by method: this month, all time
 *   CSV           ar_receivables.csv and ar_payments.csv (libcsv; amounts
 *                 in rupees)
 *   charts        PNG photos (chart.c): the aging buckets; collections by
 *                 month, the last twelve months
 * Bucket bounds live in one SQL expression (BUCKET), used by the message,
 * the CSV and the chart. */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ar.h"
#include "chart.h"
#include "texts.h"

#define OUT_MAX 30
#define NBUCKETS 5
#define MONTHS 12

/* The aging bucket (0..4) of a receivable r on $1 (today). */
#define BUCKET                                                                 \
    "CASE WHEN $1::date - r.due_date <= 0 THEN 0"                              \
    " WHEN $1::date - r.due_date <= 30 THEN 1"                                 \
    " WHEN $1::date - r.due_date <= 60 THEN 2"                                 \
    " WHEN $1::date - r.due_date <= 90 THEN 3 ELSE 4 END"

static const char *const bucket_names[NBUCKETS] = {B_NOT_DUE, B_1_30, B_31_60,
                                                   B_61_90, B_90_PLUS};
/* The aging chart's colours: green (not due) to dark red (90+ days). */
static const unsigned bucket_rgb[NBUCKETS] = {0x2e9e4f, 0xe0b020, 0xe67e22,
                                              0xd0392b, 0x8e1b10};

/* /ar: the reports' menu. */
int fb__ar_reports(fb_ctx *c)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_R_OUT, CB_REPORT "out");
    fb_kb_button(kb, B_R_AGE, CB_REPORT "age");
    fb_kb_row(kb);
    fb_kb_button(kb, B_R_METH, CB_REPORT "meth");
    fb_kb_button(kb, B_R_CSV, CB_REPORT "csv");
    fb_kb_row(kb);
    fb_kb_button(kb, B_R_AGEC, CB_REPORT "agec");
    fb_kb_button(kb, B_R_COLC, CB_REPORT "colc");
    return fb_reply(c, T_REPORTS, kb);
}

static int outstanding(fb_ctx *c)
{
    fb_rows *r = fb_sql(c,
                        "SELECT user_id, sum(amount_paise - paid_paise),"
                        " min(due_date)::text, count(*) FROM ar_receivables"
                        " WHERE " OPEN " GROUP BY user_id ORDER BY 2 DESC,"
                        " user_id LIMIT $1",
                        OUT_MAX);
    int64_t total = fb_sql_int(c, 0,
                               "SELECT sum(amount_paise - paid_paise) FROM"
                               " ar_receivables WHERE " OPEN);
    int64_t credit =
        fb_sql_int(c, 0, "SELECT sum(credit_paise) FROM ar_credit");
    int64_t owing = fb_sql_int(c, 0,
                               "SELECT count(DISTINCT user_id) FROM"
                               " ar_receivables WHERE " OPEN);
    const char *t = fb_strf(c, T_OUT_HEAD, fb_money_str(c, total));

    if (fb_nrows(c, r) == 0)
        t = fb_strf(c, "%-s" T_OUT_NONE, t);
    for (int i = 0; i < fb_nrows(c, r); i++)
        t = fb_strf(c, "%-s" T_OUT_LINE, t, fb__ar_who(c, fb_int(c, r, i, 0)),
                    fb_money_str(c, fb_int(c, r, i, 1)),
                    (long long)fb_int(c, r, i, 3), fb_str(c, r, i, 2));
    if (owing > OUT_MAX)
        t = fb_strf(c, "%-s" T_OUT_MORE, t, (long long)(owing - OUT_MAX));
    if (credit > 0)
        t = fb_strf(c, "%-s" T_OUT_CREDIT, t, fb_money_str(c, credit));
    return fb_reply(c, t, NULL);
}

/* The five buckets' paise and counts. */
static void buckets(fb_ctx *c, int64_t paise[NBUCKETS], int64_t n[NBUCKETS])
{
    fb_rows *r =
        fb_sql(c,
               "SELECT " BUCKET ", sum(r.amount_paise - r.paid_paise),"
               " count(*) FROM ar_receivables r WHERE r." OPEN " GROUP BY 1",
               fb_today_text(c));

    memset(paise, 0, sizeof(int64_t) * NBUCKETS);
    memset(n, 0, sizeof(int64_t) * NBUCKETS);
    for (int i = 0; i < fb_nrows(c, r); i++) {
        int64_t b = fb_int(c, r, i, 0);

        if (b >= 0 && b < NBUCKETS) {
            paise[b] = fb_int(c, r, i, 1);
            n[b] = fb_int(c, r, i, 2);
        }
    }
}

static int aging(fb_ctx *c)
{
    int64_t paise[NBUCKETS], n[NBUCKETS], total = 0;
    const char *t = fb_strf(c, T_AGE_HEAD, fb_today_text(c));

    buckets(c, paise, n);
    for (int i = 0; i < NBUCKETS; i++) {
        t = fb_strf(c, "%-s" T_AGE_LINE, t, bucket_names[i],
                    fb_money_str(c, paise[i]), (long long)n[i]);
        total += paise[i];
    }
    return fb_replyf(c, NULL, "%-s" T_AGE_TOTAL, t, fb_money_str(c, total));
}

static int methods(fb_ctx *c)
{
    fb_rows *r = fb_sql(c,
                        "SELECT l.method, coalesce(sum(l.amount_paise) FILTER"
                        " (WHERE date_trunc('month', p.paid_on) ="
                        " date_trunc('month', $1::date)), 0),"
                        " sum(l.amount_paise), count(*) FROM ar_payment_lines l"
                        " JOIN ar_payments p ON p.id = l.payment_id"
                        " GROUP BY 1 ORDER BY 3 DESC, 1",
                        fb_today_text(c));
    const char *t = T_METH_HEAD;

    if (fb_nrows(c, r) == 0)
        return fb_reply(c, T_METH_NONE, NULL);
    for (int i = 0; i < fb_nrows(c, r); i++)
        t = fb_strf(c, "%-s" T_METH_LINE, t, fb_str(c, r, i, 0),
                    fb_money_str(c, fb_int(c, r, i, 1)),
                    fb_money_str(c, fb_int(c, r, i, 2)),
                    (long long)fb_int(c, r, i, 3));
    return fb_reply(c, t, NULL);
}

/* ---- CSV -------------------------------------------------------------------
 */

/* One CSV row of n fields appended to out. */
static char *csv_row(fb_ctx *c, char *out, int n, const char *const *f)
{
    for (int i = 0; i < n; i++) {
        size_t len = strlen(f[i]), need = csv_write(NULL, 0, f[i], len);
        char *q = fb_alloc(c, need + 1);

        if (!q)
            return out;
        csv_write(q, need, f[i], len);
        out = fb_strf(c, "%-s%-s%-s", out, i ? "," : "", q);
    }
    return fb_strf(c, "%-s\r\n", out);
}

/* The rows of r under head as a CSV document called name; the columns
 * listed in money (a string of '0'/'1' per column) are paise, written as
 * rupees with two decimals. Each row also goes to the debug log ("csv
 * NAME: ROW"), so what was sent can be read back. */
static int send_csv(fb_ctx *c, const char *name, const char *const *head, int n,
                    const fb_rows *r, const char *money)
{
    char *out = csv_row(c, "", n, head);
    const char **f = fb_alloc(c, sizeof *f * (size_t)n);

    for (int i = 0; f && i < fb_nrows(c, r); i++) {
        for (int j = 0; j < n; j++) {
            int64_t v = money[j] == '1' ? fb_int(c, r, i, j) : 0;

            f[j] = money[j] == '1'
                       ? fb_plainf(c, "%s%lld.%02lld", v < 0 ? "-" : "",
                                   llabs((long long)(v / 100)),
                                   llabs((long long)(v % 100)))
                       : fb_str(c, r, i, j);
        }
        out = csv_row(c, out, n, f);
    }
    for (const char *p = out, *e; *p; p = e + (*e ? 2 : 0)) {
        e = strstr(p, "\r\n");
        e = e ? e : p + strlen(p);
        fb_log(c, FB_LOG_DEBUG, "csv %s: %.*s", name, (int)(e - p), p);
    }
    return fb_send_document(c, fb_chat(c), name, out, strlen(out), name);
}

static int csv(fb_ctx *c)
{
    static const char *const rh[] = {
        "id",          "member_id", "member",        "source", "reference",
        "description", "bill",      "discount",      "amount", "paid",
        "outstanding", "due_date",  "days_past_due", "bucket", "status",
        "created_on"};
    static const char *const ph[] = {"payment_id", "paid_on",    "member_id",
                                     "member",     "method",     "amount",
                                     "reference",  "recorded_by"};
    fb_rows *r = fb_sql(
        c,
        "SELECT r.id, r.user_id, coalesce(nullif(u.display_name, ''),"
        " trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name,"
        " ''))), r.source, coalesce(r.reference, ''), r.description,"
        " r.bill_paise, r.discount_paise, r.amount_paise, r.paid_paise,"
        " CASE WHEN r." OPEN " THEN r.amount_paise - r.paid_paise ELSE 0 END,"
        " r.due_date::text, $1::date - r.due_date, CASE WHEN r." OPEN
        " THEN (ARRAY['not due', '1-30', '31-60', '61-90', '90+'])[" BUCKET
        " + 1] ELSE '' END, r.status, r.created_on::text"
        " FROM ar_receivables r LEFT JOIN fb_users u ON u.id = r.user_id"
        " ORDER BY r.id",
        fb_today_text(c));
    fb_rows *p = fb_sql(
        c,
        "SELECT p.id, p.paid_on::text, p.user_id, coalesce(nullif("
        "u.display_name, ''), trim(coalesce(u.first_name, '') || ' ' ||"
        " coalesce(u.last_name, ''))), l.method, l.amount_paise,"
        " coalesce(l.reference, ''), p.recorded_by FROM ar_payments p"
        " JOIN ar_payment_lines l ON l.payment_id = p.id LEFT JOIN fb_users u"
        " ON u.id = p.user_id ORDER BY p.id, l.id");

    send_csv(c, "ar_receivables.csv", rh, 16, r, "0000001111100000");
    return send_csv(c, "ar_payments.csv", ph, 8, p, "00000100");
}

/* ---- charts ----------------------------------------------------------------
 */

/* Draw bars[0..n) as a PNG and send it as photo name with caption; each
 * bar is logged at debug (what the picture shows, for the stories). */
static int send_chart(fb_ctx *c, const char *name, const char *title,
                      const ar_bar *bars, int n, const char *caption)
{
    unsigned char *png = NULL;
    size_t len = 0;
    int rc;

    for (int i = 0; i < n; i++)
        fb_log(c, FB_LOG_DEBUG, "chart %s: %s = %s", name, bars[i].label,
               fb_money_str(c, bars[i].paise));
    if (fb__ar_chart_png(title, bars, n, &png, &len) != 0)
        return fb_fail(c, "the chart cannot be drawn");
    rc = fb_send_photo(c, fb_chat(c), name, png, len, caption);
    free(png);
    return rc;
}

static int aging_chart(fb_ctx *c)
{
    int64_t paise[NBUCKETS], n[NBUCKETS], total = 0;
    ar_bar bars[NBUCKETS];

    buckets(c, paise, n);
    for (int i = 0; i < NBUCKETS; i++) {
        bars[i] = (ar_bar){
            .label = bucket_names[i], .paise = paise[i], .rgb = bucket_rgb[i]};
        total += paise[i];
    }
    return send_chart(
        c, "ar-aging.png", fb_plainf(c, T_AGEC_TITLE, fb_today_text(c)), bars,
        NBUCKETS, fb_plainf(c, T_AGEC_CAPTION, fb_money_str(c, total)));
}

static int collections_chart(fb_ctx *c)
{
    fb_rows *r = fb_sql(
        c,
        "SELECT to_char(m, 'Mon YYYY'), coalesce((SELECT sum(l.amount_paise)"
        " FROM ar_payments p JOIN ar_payment_lines l ON l.payment_id = p.id"
        " WHERE date_trunc('month', p.paid_on) = m), 0) FROM"
        " generate_series(date_trunc('month', $1::date) - interval '11 month',"
        " date_trunc('month', $1::date), interval '1 month') m ORDER BY m",
        fb_today_text(c));
    ar_bar bars[MONTHS];
    int n = fb_nrows(c, r) < MONTHS ? fb_nrows(c, r) : MONTHS;
    int64_t total = 0;

    for (int i = 0; i < n; i++) {
        bars[i] =
            (ar_bar){.label = fb_str(c, r, i, 0), .paise = fb_int(c, r, i, 1)};
        total += bars[i].paise;
    }
    if (n == 0)
        return fb_fail(c, "no months to chart");
    return send_chart(c, "ar-collections.png", T_COLC_TITLE, bars, n,
                      fb_plainf(c, T_COLC_CAPTION, fb_money_str(c, total)));
}

/* A report button "arr:<what>". */
int fb__ar_report(fb_ctx *c)
{
    static const struct {
        const char *what;
        int (*run)(fb_ctx *);
    } reports[] = {{"out", outstanding},  {"age", aging},
                   {"meth", methods},     {"csv", csv},
                   {"agec", aging_chart}, {"colc", collections_chart}};
    const char *what = fb_data_field(c, CB_REPORT, 0);

    for (size_t i = 0; what && i < sizeof reports / sizeof reports[0]; i++)
        if (strcmp(what, reports[i].what) == 0)
            return reports[i].run(c);
    return fb_answerf(c, A_BAD_BUTTON);
}
