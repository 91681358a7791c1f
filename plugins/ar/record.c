/* ar plugin: an admin records a payment a member made at the desk.
 *
 *   /ar_pay ──► member: an id or @username
 *           ──► receivable: a button per open one, or [Oldest first]
 *               (a member who owes nothing: the payment becomes credit)
 *           ──► lines: "cash 500", "upi 1000 UTR123", one or more
 *           ──► the summary and where the money goes: [Record] [Cancel]
 *   [Record] ──► stored once; the chosen receivable first, then the oldest
 *                due first; what is left is the member's credit, used first
 *                next time; the member is told; a lock whose dues are now
 *                paid is lifted.
 * Bad input is answered with what is accepted; the conversation stays. A
 * second press of Record (the flow has ended) is told it expired. */
#include <string.h>

#include "ar.h"
#include "lines.h"
#include "texts.h"

#define PICK_MAX 8

/* ---- member -------------------------------------------------------------- */

/* A member who owes nothing pays into credit: no receivable to pick. */
static int member_given(fb_ctx *c)
{
    int64_t member = fb_flow_int(c, "member", 0);

    fb_flow_set_int(c, "receivable", 0);
    if (fb_sql_int(c, 0,
                   "SELECT count(*) FROM ar_receivables WHERE user_id = $1"
                   " AND " OPEN,
                   member) > 0)
        return fb_flow_goto(c, "pick");
    fb_replyf(c, NULL, T_REC_NO_DUES, fb__ar_who(c, member));
    return fb_flow_goto(c, "lines");
}

/* ---- receivable ---------------------------------------------------------- */

static int ask_pick(fb_ctx *c, const char *html)
{
    int64_t member = fb_flow_int(c, "member", 0);
    fb_rows *r = fb_sql(c,
                        "SELECT id, description, amount_paise - paid_paise,"
                        " due_date::text FROM ar_receivables WHERE user_id = $1"
                        " AND " OPEN " ORDER BY due_date, id LIMIT $2",
                        member, PICK_MAX);
    fb_keyboard *kb = fb_kb(c);

    for (int i = 0; i < fb_nrows(c, r); i++) {
        fb_kb_button(
            kb,
            fb_plainf(c, B_PICK, fb_int(c, r, i, 0), fb_str(c, r, i, 1),
                      fb_money_str(c, fb_int(c, r, i, 2)), fb_str(c, r, i, 3)),
            fb_cbf(c, CB_PICK "%" PRId64, fb_int(c, r, i, 0)));
        fb_kb_row(kb);
    }
    fb_kb_button(kb, B_OLDEST, CB_PICK "0");
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(c, kb, T_REC_PICK, fb__ar_who(c, member));
}

/* [#N ...] / [Oldest first]: the receivable this payment goes to first. */
int fb__ar_pick(fb_ctx *c)
{
    const char *f = fb_data_field(c, CB_PICK, 0);
    int64_t id = 0, member = fb_flow_int(c, "member", 0);
    const char *what;

    if (!fb_in_flow(c, FLOW_RECORD, "pick"))
        return fb_answerf(c, A_STALE);
    if (!f || (strcmp(f, "0") != 0 && fb_parse_id(f, &id) != 0))
        return fb_answerf(c, A_BAD_BUTTON);
    what = T_OLDEST;
    if (id) {
        what = fb_sql_str(c,
                          "SELECT '#' || id || ' ' || description FROM"
                          " ar_receivables WHERE id = $1 AND user_id = $2"
                          " AND " OPEN,
                          id, member);
        if (!what)
            return fb_answerf(c, A_BAD_BUTTON);
    }
    fb_flow_set_int(c, "receivable", id);
    fb_editf(c, NULL, T_REC_PICKED, what);
    return fb_flow_goto(c, "lines");
}

/* ---- lines -----------------------------------------------------------------
 */

static const char *check_lines(fb_ctx *c)
{
    ar_line l[AR_LINES_MAX];
    char canon[AR_LINES_MAX * (AR_REF_MAX * 4 + 40)];
    int bad = 0, n = fb__ar_lines_parse(fb_text(c), l, AR_LINES_MAX, &bad);

    switch (n) {
    case AR_E_EMPTY:
        return E_LINES_EMPTY;
    case AR_E_METHOD:
        return fb_strf(c, E_LINES_METHOD, bad);
    case AR_E_AMOUNT:
        return fb_strf(c, E_LINES_AMOUNT, bad);
    case AR_E_REF:
        return fb_strf(c, E_LINES_REF, bad, AR_REF_MAX);
    case AR_E_TOOMANY:
        return fb_strf(c, E_LINES_TOOMANY, AR_LINES_MAX);
    case AR_E_TOTAL:
        return E_LINES_TOTAL;
    default:
        break;
    }
    if (fb__ar_lines_format(l, n, canon, sizeof canon) != 0)
        return E_LINES_TOTAL;
    fb_flow_set(c, "lines", canon);
    return NULL;
}

/* The lines of the conversation (checked when typed); n is their count. */
static int flow_lines(fb_ctx *c, ar_line l[AR_LINES_MAX])
{
    int bad;
    int n = fb__ar_lines_parse(fb_flow_str(c, "lines"), l, AR_LINES_MAX, &bad);

    if (n < 1)
        fb_fail(c, "the payment lines of the conversation do not parse");
    return n;
}

static const char *lines_text(fb_ctx *c, const ar_line *l, int n)
{
    const char *t = "";

    for (int i = 0; i < n; i++)
        t = fb_strf(c, "%-s\n%s %-s%-s", t, l[i].method,
                    fb_money_str(c, l[i].paise),
                    *l[i].ref ? fb_strf(c, " (%s)", l[i].ref) : "");
    return t;
}

/* ---- confirm
 * ----------------------------------------------------------------- */

/* Where total paise would go: the chosen receivable, then oldest due
 * first; the rest is credit. */
static const char *preview(fb_ctx *c, int64_t member, int64_t first,
                           int64_t total)
{
    fb_rows *r = fb_sql(c,
                        "SELECT id, description, amount_paise - paid_paise"
                        " FROM ar_receivables WHERE user_id = $1 AND " OPEN
                        " ORDER BY (id = $2) DESC, due_date, id",
                        member, first);
    const char *t = "";

    for (int i = 0; i < fb_nrows(c, r) && total > 0; i++) {
        int64_t owed = fb_int(c, r, i, 2);
        int whole = owed <= total;
        int64_t x = whole ? owed : total;

        t = fb_strf(c, "%-s" T_GOES_LINE, t, fb_int(c, r, i, 0),
                    fb_str(c, r, i, 1), fb_money_str(c, x),
                    whole ? S_PAID : S_PARTIAL);
        total -= x;
    }
    if (total > 0)
        t = fb_strf(c, "%-s" T_GOES_CREDIT, t, fb_money_str(c, total));
    return t;
}

static int ask_confirm(fb_ctx *c, const char *html)
{
    ar_line l[AR_LINES_MAX];
    int n = flow_lines(c, l);
    int64_t member = fb_flow_int(c, "member", 0);
    fb_keyboard *kb = fb_kb(c);

    if (n < 1)
        return FB_ERR;
    fb_kb_button(kb, B_RECORD, CB_REC_OK);
    fb_kb_button(kb, B_CANCEL, CB_DROP);
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(c, kb, T_REC_CONFIRM, fb__ar_who(c, member),
                     lines_text(c, l, n),
                     fb_money_str(c, fb__ar_lines_total(l, n)),
                     preview(c, member, fb_flow_int(c, "receivable", 0),
                             fb__ar_lines_total(l, n)));
}

/* What payment pay went to, and the credit it left. */
static const char *went(fb_ctx *c, int64_t pay, int64_t member)
{
    fb_rows *r = fb_sql(c,
                        "SELECT r.id, r.description, a.amount_paise, r.status"
                        " FROM ar_allocations a JOIN ar_receivables r ON r.id ="
                        " a.receivable_id WHERE a.payment_id = $1 ORDER BY"
                        " r.due_date, r.id",
                        pay);
    const char *t = "";
    int64_t credit = fb__ar_credit(c, member);

    for (int i = 0; i < fb_nrows(c, r); i++)
        t = fb_strf(c, "%-s" T_GOES_LINE, t, fb_int(c, r, i, 0),
                    fb_str(c, r, i, 1), fb_money_str(c, fb_int(c, r, i, 2)),
                    strcmp(fb_str(c, r, i, 3), "paid") == 0 ? S_PAID
                                                            : S_PARTIAL);
    if (credit > 0)
        t = fb_strf(c, "%-s" T_CREDIT_NOW, t, fb_money_str(c, credit));
    return t;
}

/* [Record]: the payment, its lines, allocated; once. */
int fb__ar_record_ok(fb_ctx *c)
{
    ar_line l[AR_LINES_MAX];
    int64_t member = fb_flow_int(c, "member", 0), pay, total;
    const char *to;
    int n;

    if (!fb_in_flow(c, FLOW_RECORD, "confirm"))
        return fb_answerf(c, A_STALE);
    n = flow_lines(c, l);
    if (n < 1)
        return FB_ERR;
    total = fb__ar_lines_total(l, n);
    fb__ar_lock_member(c, member);
    pay = fb_sql_int(c, 0,
                     "INSERT INTO ar_payments (user_id, recorded_by, paid_on)"
                     " VALUES ($1, $2, $3::date) RETURNING id",
                     member, fb_user(c), fb_today_text(c));
    for (int i = 0; i < n && pay; i++)
        fb_sql_exec(c,
                    "INSERT INTO ar_payment_lines (payment_id, method,"
                    " amount_paise, reference) VALUES ($1, $2, $3,"
                    " nullif($4, ''))",
                    pay, l[i].method, l[i].paise, l[i].ref);
    fb__ar_settle(c, member, fb_flow_int(c, "receivable", 0));
    fb_flow_end(c);
    to = went(c, pay, member);
    fb_editf(c, NULL, T_REC_DONE, pay, fb_money_str(c, total),
             fb__ar_who(c, member), fb__ar_who(c, fb_user(c)), to);
    fb_sendf(c, member, NULL, T_REC_MEMBER, fb_money_str(c, total),
             lines_text(c, l, n), to);
    return fb__ar_unlock(c, member);
}

/* /ar_pay: whose payment? */
int fb__ar_record(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_RECORD, "member");
}

/* clang-format off */
static const fb_ask member_q = {.prompt = T_REC_ASK_MEMBER, .min = 1, .max = 64, .check = fb__ar_check_member};
static const fb_ask pick_q = {.ask = ask_pick, .type = FB_IN_ANY, .check = fb__ar_use_buttons};
static const fb_ask lines_q = {.prompt = T_REC_ASK_LINES, .min = 1, .max = 2000, .bad = E_LINES_EMPTY, .check = check_lines, .next = "confirm"};
static const fb_ask confirm_q = {.ask = ask_confirm, .type = FB_IN_ANY, .check = fb__ar_use_buttons};

const fb_state fb__ar_record_states[] = {
    {.name = "member", .role = FB_ROLE_ADMIN, .ask = &member_q, .handler = member_given},
    {.name = "pick", .role = FB_ROLE_ADMIN, .ask = &pick_q},
    {.name = "lines", .role = FB_ROLE_ADMIN, .ask = &lines_q},
    {.name = "confirm", .role = FB_ROLE_ADMIN, .ask = &confirm_q},
    {0}};
/* clang-format on */
