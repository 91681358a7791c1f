/* The ar plugin on the stand-in host (fbhost.h), loaded like fitbot loads
 * it, on a fresh PostgreSQL database with the core and the plugin's
 * migrations; the club in Asia/Kolkata, the clock set. What the stories
 * cannot reach: payment.credit redelivered (one receivable) and malformed
 * (the publisher fails), invoice.credited (the receivable cancelled, its
 * payment moved on as credit), user.deleted, and the answers to the
 * requests ar.access and member.card, asked by a test route added to the
 * plugin's descriptor. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fbhost.h"
#include "fbtc.h"
#include "fbtc_plugin.h"
#include "fitbot/sdk.h"

#define ASHA 7000000001LL
#define ADA 7000000009LL

static fbtc_db db;
static fbh_host *h;

/* ---- a route that asks the requests ------------------------------------ */

/* /ask REQUEST ID: each answer to REQUEST {"user_id": ID}, one a line. */
static int ask(fb_ctx *c)
{
    char name[32], id[32];
    const char *t = "";
    int n;

    /* NOLINTNEXTLINE(cert-err34-c): test input */
    if (sscanf(fb_args(c), "%31s %31s", name, id) != 2)
        return fb_fail(c, "usage: /ask REQUEST ID");
    n = fb_request(c, name, fb_jsonf(c, "{\"user_id\":\"%s\"}", id));
    for (int i = 0; i < n; i++)
        t = fb_plainf(c, "%s%s", t, fb_response(c, i));
    return fb_reply(c, n ? t : "(none)", NULL);
}

static const fb_plugin *load(void)
{
    static const fb_route ask_route[] = {
        FB_COMMAND("ask", FB_ROLE_MEMBER, ask, "test", NULL), {0}};
    return fbtc_plugin_plus(PLUGIN_PATH, ask_route, NULL);
}

/* hh:mm in Kolkata (UTC+5:30) on y-m-d. */
static void clock_at(int y, int m, int d, int hh, int mm)
{
    struct tm t = {.tm_year = y - 1900,
                   .tm_mon = m - 1,
                   .tm_mday = d,
                   .tm_hour = hh,
                   .tm_min = mm};

    fbh_set_now(h, (int64_t)timegm(&t) - 5 * 3600 - 30 * 60);
}

static void setup(void)
{
    fbtc_db_open(&db);
    h = fbh_new(load(), db.conninfo);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(fbh_migrate(h, CORE_SQL), 0);
    ck_assert_int_eq(fbh_migrate(h, AR_SQL), 0);
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO fb_users (id, first_name, role) VALUES"
                   " (7000000001, 'Asha', 'member'),"
                   " (7000000009, 'Ada', 'admin')"),
        0);
    fbh_user(h, ASHA, "Asha Verma", FB_ROLE_MEMBER);
    fbh_user(h, ADA, "Ada", FB_ROLE_ADMIN);
    fbh_set_timezone(h, "Asia/Kolkata");
    clock_at(2026, 12, 1, 12, 0);
    fbh_as(h, ADA, FB_ROLE_ADMIN);
}

static void teardown(void)
{
    fbh_free(h);
    fbtc_db_close(&db);
}

#define INVOICE_CREDIT                                                         \
    "{\"payment_id\":\"5\",\"reference\":\"invoice:INV/26-27/000001\","        \
    "\"user_id\":\"7000000001\",\"amount_paise\":\"99900\","                   \
    "\"description\":\"Invoice INV/26-27/000001\"}"

static const char *value(const char *sql)
{
    return fbh_sql_value(h, sql);
}

/* The admin records "lines" for Asha, oldest first. */
static void record(const char *lines)
{
    fbh_as(h, ADA, FB_ROLE_ADMIN);
    ck_assert_int_eq(fbh_command(h, "/ar_pay"), FB_OK);
    ck_assert_int_eq(fbh_text(h, "7000000001"), FB_OK);
    if (strcmp(fbh_state(h), "pick") == 0)
        ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "⏳ Oldest first")),
                         FB_OK);
    ck_assert_int_eq(fbh_text(h, lines), FB_OK);
    ck_assert_str_eq(fbh_state(h), "confirm");
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "✅ Record")), FB_OK);
}

START_TEST(credit_once)
{
    ck_assert_int_eq(fbh_event(h, "payment.credit", INVOICE_CREDIT), FB_OK);
    ck_assert_str_eq(value("SELECT source || ' ' || reference || ' ' ||"
                           " amount_paise || ' ' || due_date || ' ' || status"
                           " FROM ar_receivables"),
                     "invoice invoice:INV/26-27/000001 99900 2026-12-16 "
                     "pending");
    ck_assert_int_eq(fbh_count(h), 1);
    ck_assert_int_eq(fbh_msg_chat(h, 0), ASHA);
    ck_assert_ptr_nonnull(strstr(fbh_msg(h, 0), "Receivable #1: ₹999.00 for "
                                                "Invoice INV/26-27/000001"));
    /* redelivered: nothing more */
    ck_assert_int_eq(fbh_event(h, "payment.credit", INVOICE_CREDIT), FB_OK);
    ck_assert_str_eq(value("SELECT count(*) FROM ar_receivables"), "1");
    ck_assert_int_eq(fbh_count(h), 1);
}
END_TEST

START_TEST(credit_malformed)
{
    static const char *const bad[] = {"{\"payment_id\":\"5\",\"reference\":"
                                      "\"sub:1\",\"amount_paise\":\"100\"}",
                                      "{\"payment_id\":\"5\",\"reference\":"
                                      "\"sub:1\",\"user_id\":\"7000000001\","
                                      "\"amount_paise\":\"0\"}",
                                      "{\"reference\":\"sub:1\",\"user_id\":"
                                      "\"7000000001\",\"amount_paise\":\"1\"}",
                                      "{\"payment_id\":\"5\",\"user_id\":"
                                      "\"7000000001\",\"amount_paise\":\"1\"}"};

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_int_eq(fbh_event(h, "payment.credit", bad[i]), FB_ERR);
    ck_assert_str_eq(value("SELECT count(*) FROM ar_receivables"), "0");
}
END_TEST

START_TEST(invoice_credited)
{
    int n;

    ck_assert_int_eq(fbh_event(h, "payment.credit", INVOICE_CREDIT), FB_OK);
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO ar_receivables (user_id, source, description,"
                   " bill_paise, due_date, created_on) VALUES (7000000001,"
                   " 'store', 'Shaker', 50000, '2026-12-20', '2026-12-01')"),
        0);
    record("cash 999");
    ck_assert_str_eq(value("SELECT string_agg(id || ':' || status || ':' ||"
                           " paid_paise, ' ' ORDER BY id) FROM ar_receivables"),
                     "1:paid:99900 2:pending:0");
    /* the invoice is credited whole: its ₹999 pays the shaker, ₹499 is left
     * as credit */
    ck_assert_int_eq(
        fbh_event(h, "invoice.credited",
                  "{\"invoice_id\":\"1\",\"number\":"
                  "\"INV/26-27/000001\",\"credit_note_id\":\"2\"}"),
        FB_OK);
    ck_assert_str_eq(value("SELECT string_agg(id || ':' || status || ':' ||"
                           " paid_paise, ' ' ORDER BY id) FROM ar_receivables"),
                     "1:cancelled:0 2:paid:50000");
    ck_assert_str_eq(value("SELECT credit_paise FROM ar_credit"), "49900");
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "is cancelled: invoice "
                                              "INV/26-27/000001 was credited"));
    /* an unknown number changes nothing */
    n = fbh_count(h);
    ck_assert_int_eq(fbh_event(h, "invoice.credited", "{\"number\":\"X\"}"),
                     FB_OK);
    ck_assert_int_eq(fbh_count(h), n);
}
END_TEST

START_TEST(requests)
{
    fbh_as(h, ASHA, FB_ROLE_MEMBER);
    ck_assert_int_eq(fbh_command(h, "/ask ar.access 7000000001"), FB_OK);
    ck_assert_str_eq(fbh_last(h),
                     "{\"user_id\":\"7000000001\",\"locked\":\"0\","
                     "\"since\":\"\",\"overdue_paise\":\"0\"}");
    ck_assert_int_eq(fbh_command(h, "/ask member.card 7000000001"), FB_OK);
    ck_assert_str_eq(fbh_last(h), "(none)");
    ck_assert_int_eq(fbh_command(h, "/ask ar.access 12x"), FB_OK);
    ck_assert_str_eq(fbh_last(h), "(none)");

    /* due 2026-11-01, locked by the job on 2026-12-01 (30 days) */
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO ar_receivables (user_id, source, description,"
                   " bill_paise, due_date, created_on) VALUES (7000000001,"
                   " 'other', 'Locker', 30000, '2026-11-01', '2026-10-01'),"
                   " (7000000001, 'other', 'Towel', 10000, '2026-12-05',"
                   " '2026-12-01')"),
        0);
    ck_assert_int_eq(fbh_command(h, "/ask member.card 7000000001"), FB_OK);
    ck_assert_str_eq(fbh_last(h), "Dues: ₹400.00, ₹300.00 of it overdue "
                                  "(/my_dues)");
    ck_assert_int_eq(fbh_job(h, "daily"), FB_OK);
    /* a reminder (30 days past due; the towel, 4 days ahead, has none yet),
     * the lock */
    ck_assert_ptr_nonnull(strstr(fbh_msg(h, -2), "30 day(s) overdue"));
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "access to the club is locked"));
    ck_assert_int_eq(fbh_command(h, "/ask ar.access 7000000001"), FB_OK);
    ck_assert_str_eq(fbh_last(h),
                     "{\"user_id\":\"7000000001\",\"locked\":\"1\","
                     "\"since\":\"2026-11-01\",\"overdue_paise\":"
                     "\"30000\"}");
    ck_assert_int_eq(fbh_command(h, "/ask member.card 7000000001"), FB_OK);
    ck_assert_str_eq(fbh_last(h), "🔒 Access locked: ₹300.00 overdue since "
                                  "2026-11-01. Pay at the desk to open it "
                                  "again.");
    /* the old one paid: the lock lifts though the new one is still owed */
    record("upi 300");
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "access to the club is open"));
    fbh_as(h, ASHA, FB_ROLE_MEMBER);
    ck_assert_int_eq(fbh_command(h, "/ask ar.access 7000000001"), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "\"locked\":\"0\""));
}
END_TEST

START_TEST(member_deleted)
{
    ck_assert_int_eq(fbh_event(h, "payment.credit", INVOICE_CREDIT), FB_OK);
    record("cash 1000");
    ck_assert_int_eq(
        fbh_event(h, "user.deleted", "{\"user_id\":\"7000000001\"}"), FB_OK);
    ck_assert_str_eq(value("SELECT (SELECT count(*) FROM ar_receivables) +"
                           " (SELECT count(*) FROM ar_payments) + (SELECT"
                           " count(*) FROM ar_payment_lines) + (SELECT count(*)"
                           " FROM ar_allocations)"),
                     "0");
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "unit_ar_host",
                                   .tcase = "host",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, credit_once, credit_malformed, invoice_credited,
                    requests, member_deleted);
}
