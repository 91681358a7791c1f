/* The invoices_v2 plugin on the stand-in host (fbhost.h), loaded like
 * fitbot loads it, its descriptor wrapped with a fake gst_store that
 * answers gst.settings, gst.items, gst.item, gst.rate and gst.state (gym
 * services, SAC 9997…: 18 % until 21 Sep 2025, 5 % from 22 Sep 2025), on a
 * fresh PostgreSQL database with the core and the plugin's migrations.
 * The club is in Asia/Kolkata (inclusive GST, Maharashtra); the clock is
 * set. Also: the gapless counter against a second connection that holds
 * the counter row (two admins at once, a rollback). */
#include <pthread.h>
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

/* ---- the fake gst_store ---------------------------------------------------- */

/* 9997… (gym services): 18 % before 22 Sep 2025, 5 % from then on. */
static const char *rate_on(const char *hsn, const char *date)
{
    if (strncmp(hsn, "9997", 4) != 0)
        return "1800";
    return strcmp(date, "2025-09-22") < 0 ? "1800" : "500";
}

static int gst_settings(fb_ctx *c)
{
    return fb_respond(
        c, "{\"enabled\":\"1\",\"mode\":\"inclusive\",\"default_rate_bp\":"
           "\"1800\",\"legal_name\":\"Fit Club Pvt Ltd\",\"address\":\"12 MG "
           "Road, Pune\",\"gstin\":\"27AAPFU0939F1ZV\",\"state_code\":\"27\","
           "\"state_name\":\"Maharashtra\",\"utgst\":\"0\"}");
}

static const char *membership(fb_ctx *c, const char *date)
{
    return fb_jsonf(c,
                    "{\"id\":\"1\",\"serial\":\"M1\",\"name\":\"Monthly "
                    "membership\",\"hsn\":\"999723\",\"unit\":\"MON\","
                    "\"mrp_paise\":\"99900\",\"rate_bp\":\"%s\"}",
                    rate_on("999723", date));
}

static int gst_items(fb_ctx *c)
{
    return fb_respond(c, fb_jsonf(c, "{\"items\":[%-s],\"total\":\"1\"}",
                                  membership(c, fb_date_text(c, fb_today(c)))));
}

static int gst_item(fb_ctx *c)
{
    const char *date = fb_event_str(c, "date");

    if (fb_event_int(c, "id", 0) != 1 || !date)
        return FB_OK;
    return fb_respond(c, membership(c, date));
}

static int gst_rate(fb_ctx *c)
{
    const char *hsn = fb_event_str(c, "hsn"), *date = fb_event_str(c, "date");

    if (!hsn || !date)
        return FB_OK;
    return fb_respond(c, fb_jsonf(c, "{\"rate_bp\":\"%s\"}", rate_on(hsn, date)));
}

static int gst_state(fb_ctx *c)
{
    const char *code = fb_event_str(c, "code");

    if (code && strcmp(code, "27") == 0)
        return fb_respond(c, "{\"name\":\"Maharashtra\",\"utgst\":\"0\"}");
    if (code && strcmp(code, "29") == 0)
        return fb_respond(c, "{\"name\":\"Karnataka\",\"utgst\":\"0\"}");
    return FB_OK;
}

static const fb_plugin *load(void)
{
    static const fb_subscription fakes[] = {
        {.event = "gst.settings", .handler = gst_settings},
        {.event = "gst.items", .handler = gst_items},
        {.event = "gst.item", .handler = gst_item},
        {.event = "gst.rate", .handler = gst_rate},
        {.event = "gst.state", .handler = gst_state},
        {0}};
    return fbtc_plugin_plus(PLUGIN_PATH, NULL, fakes);
}

/* ---- the club ------------------------------------------------------------ */

/* hh:mm in Kolkata (UTC+5:30) on y-m-d. */
static void clock_at(int y, int m, int d, int hh, int mm)
{
    struct tm t = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
                   .tm_hour = hh, .tm_min = mm};

    fbh_set_now(h, (int64_t)timegm(&t) - 5 * 3600 - 30 * 60);
}

static void setup(void)
{
    fbtc_db_open(&db);
    h = fbh_new(load(), db.conninfo);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(fbh_migrate(h, CORE_SQL), 0);
    ck_assert_int_eq(fbh_migrate(h, INV_SQL), 0);
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO fb_users (id, first_name, role) VALUES"
                   " (7000000001, 'Asha', 'member'),"
                   " (7000000009, 'Ada', 'admin')"),
        0);
    fbh_user(h, ASHA, "Asha Verma", FB_ROLE_MEMBER);
    fbh_user(h, ADA, "Ada", FB_ROLE_ADMIN);
    fbh_set_timezone(h, "Asia/Kolkata");
    fbh_as(h, ADA, FB_ROLE_ADMIN);
}

static void teardown(void)
{
    fbh_free(h);
    fbtc_db_close(&db);
}

static const char *value(const char *sql)
{
    const char *v = fbh_sql_value(h, sql);

    return v ? v : "(no row)";
}

static void has(const char *text, const char *part)
{
    ck_assert_msg(text && strstr(text, part), "“%s” not in:\n%s", part,
                  text ? text : "(null)");
}

static void press(const char *label)
{
    const char *data = fbh_button(h, -1, label);

    ck_assert_msg(data, "no button “%s” on: %s [%s]", label, fbh_last(h),
                  fbh_keyboard(h, -1));
    ck_assert_int_eq(fbh_press(h, data), FB_OK);
}

/* /invoice for Asha up to the line question: not registered, no address
 * the first time, those details kept after that. */
static void start(void)
{
    ck_assert_int_eq(fbh_command(h, "/invoice"), FB_OK);
    has(fbh_last(h), "Who is it for?");
    ck_assert_int_eq(fbh_text(h, "7000000001"), FB_OK);
    if (strcmp(fbh_state(h), "b_known") == 0) {
        press("Keep");
    } else {
        ck_assert_str_eq(fbh_state(h), "gstin");
        press("Not registered");
        press("Skip");
    }
    has(fbh_last(h), "line 1");
}

/* qty 1, no discount, Finish, no shipping: the review (services). */
static const char *to_review(void)
{
    ck_assert_int_eq(fbh_text(h, "1"), FB_OK);
    press("No discount");
    press("✅ Finish");
    ck_assert_int_eq(fbh_text(h, "0"), FB_OK);
    ck_assert_str_eq(fbh_state(h), "review");
    return fbh_last(h);
}

/* ---- the rate change of 22 Sep 2025 ---------------------------------------- */

/* The store's membership on 21 Sep (late evening in Kolkata, already the
 * 21st's evening but still the 21st) is taxed 18 %; picked just after
 * midnight on the 22nd (still the 21st in UTC) it is 5 %. */
START_TEST(store_item_takes_the_rate_of_the_invoice_date)
{
    const char *review;

    clock_at(2025, 9, 21, 23, 50);
    start();
    press("Monthly membership · ₹999.00 · 18%");
    has(fbh_msg(h, -2), "Line 1: Monthly membership (999723, ₹999.00, 18%).");
    review = to_review();
    has(review, "CGST 9% ₹76.19 + SGST 9% ₹76.19");
    has(review, "Taxable value ₹846.61\nCGST ₹76.19\nSGST ₹76.19\n"
                "Round off ₹0.01\n<b>Total ₹999.00</b>");
    press("📤 Send");
    has(fbh_msg(h, -5), "Issued <b>INV/25-26/000001</b>");

    clock_at(2025, 9, 22, 0, 10);
    start();
    press("Monthly membership · ₹999.00 · 5%");
    review = to_review();
    has(review, "CGST 2.5% ₹23.79 + SGST 2.5% ₹23.79");
    press("📤 Send");
    ck_assert_str_eq(
        value("SELECT string_agg(i.number || ' ' || i.issue_date || ' ' ||"
              " l.rate_bp || ' ' || l.taxable_paise || ' ' || l.cgst_paise"
              " || ' ' || l.sgst_paise || ' ' || i.round_off_paise || ' ' ||"
              " i.total_paise, ', ' ORDER BY i.seq) FROM inv_invoices i JOIN"
              " inv_lines l ON l.invoice_id = i.id"),
        "INV/25-26/000001 2025-09-21 1800 84661 7619 7619 1 99900, "
        "INV/25-26/000002 2025-09-22 500 95143 2379 2379 -1 99900");
}
END_TEST

/* A custom membership line: the rate offered is the one gst.rate gives for
 * the day, 18 % on the 21st and 5 % on the 22nd. */
START_TEST(custom_item_is_offered_the_rate_in_force)
{
    static const struct {
        int day;
        const char *button, *tax;
    } days[] = {{21, "18% (in force)", "CGST 9% ₹76.19 + SGST 9% ₹76.19"},
                {22, "5% (in force)", "CGST 2.5% ₹23.79 + SGST 2.5% ₹23.79"}};

    for (size_t i = 0; i < 2; i++) {
        clock_at(2025, 9, days[i].day, 10, 0);
        start();
        press("✏️ Custom item");
        ck_assert_int_eq(fbh_text(h, "Monthly membership"), FB_OK);
        ck_assert_int_eq(fbh_text(h, "999723"), FB_OK);
        has(fbh_last(h), "GST rate in %?");
        ck_assert_str_eq(fbh_keyboard(h, -1),
                         i ? "5% (in force)\n✖ Cancel"
                           : "18% (in force)\n✖ Cancel");
        press(days[i].button);
        ck_assert_int_eq(fbh_text(h, "999"), FB_OK);
        has(to_review(), days[i].tax);
        press("✖ Cancel");
    }
    ck_assert_str_eq(value("SELECT count(*) FROM inv_counters"), "0");
}
END_TEST

/* ---- ₹999 at 5 % inclusive, end to end ------------------------------------ */

START_TEST(inclusive_999_at_5_percent_on_the_review_and_stored)
{
    const char *review;

    clock_at(2026, 12, 1, 10, 0);
    start();
    press("Monthly membership · ₹999.00 · 5%");
    review = to_review();
    has(review, "1. Monthly membership · 999723 · 1 MON × ₹999.00\n"
                "    taxable ₹951.43, CGST 2.5% ₹23.79 + SGST 2.5% ₹23.79");
    has(review, "Taxable value ₹951.43\nCGST ₹23.79\nSGST ₹23.79\n"
                "Round off -₹0.01\n<b>Total ₹999.00</b>\n"
                "Rupees Nine Hundred Ninety-Nine Only\n"
                "Place of supply: Maharashtra (27)\nPrices include GST.");
    /* the tax is inside the price: never added on top */
    ck_assert_ptr_null(strstr(review, "₹1,046"));
    press("📤 Send");
    ck_assert_str_eq(value("SELECT number || ' ' || taxable_paise || ' ' ||"
                           " cgst_paise || ' ' || sgst_paise || ' ' ||"
                           " igst_paise || ' ' || round_off_paise || ' ' ||"
                           " total_paise FROM inv_invoices"),
                     "INV/26-27/000001 95143 2379 2379 0 -1 99900");
}
END_TEST

/* ---- the gapless counter against another connection ----------------------- */

static void *send_press(void *data)
{
    fbh_press(h, data);
    return NULL;
}

/* Wait (up to 10 s) until a session of this database waits for a lock:
 * the Send blocked on the counter row. */
static void until_send_waits(PGconn *other)
{
    for (int i = 0; i < 1000; i++) {
        if (fbtc_scalar(other, "SELECT count(*) FROM pg_stat_activity"
                               " WHERE datname = current_database()"
                               " AND wait_event_type = 'Lock'") == 1)
            return;
        fbtc_sleep_ms(10);
    }
    ck_abort_msg("Send did not wait for the counter row");
}

/* Up to the review of a ₹999 membership for Asha. */
static const char *review_ready(void)
{
    start();
    press("Monthly membership · ₹999.00 · 5%");
    to_review();
    return fbh_button(h, -1, "📤 Send");
}

/* Another transaction holds the counter row (an admin issuing at the same
 * moment): Send waits for it; when that one rolls back, Send gets the
 * number it gave back; when it commits, the one after it. No gap. */
START_TEST(send_waits_for_the_counter_and_leaves_no_gap)
{
    PGconn *other = fbtc_connect(db.conninfo);
    pthread_t t;
    char data[64];

    clock_at(2026, 12, 1, 10, 0);
    snprintf(data, sizeof data, "%s", review_ready());
    fbtc_exec(other, "BEGIN; INSERT INTO inv_counters (series, fy, last_no)"
                     " VALUES ('INV', '26-27', 1)");
    ck_assert_int_eq(pthread_create(&t, NULL, send_press, data), 0);
    until_send_waits(other);
    fbtc_exec(other, "ROLLBACK");
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    ck_assert_int_eq(fbh_rc(h), FB_OK);
    ck_assert_str_eq(value("SELECT string_agg(number, ' ') FROM inv_invoices"),
                     "INV/26-27/000001");

    snprintf(data, sizeof data, "%s", review_ready());
    fbtc_exec(other, "BEGIN; UPDATE inv_counters SET last_no = last_no + 1");
    ck_assert_int_eq(pthread_create(&t, NULL, send_press, data), 0);
    until_send_waits(other);
    fbtc_exec(other, "INSERT INTO inv_invoices (number, series, fy, seq,"
                     " issue_date, user_id, recipient, supplier,"
                     " supplier_state, supplier_state_code, place_state,"
                     " place_code, inclusive, taxable_paise, cgst_paise,"
                     " sgst_paise, igst_paise, round_off_paise, total_paise,"
                     " created_by) VALUES ('INV/26-27/000002', 'INV', '26-27',"
                     " 2, '2026-12-01', 7000000001, 'Asha', 'Fit Club', 'MH',"
                     " '27', 'MH', '27', true, 0, 0, 0, 0, 0, 0, 7000000008);"
                     " COMMIT");
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    ck_assert_int_eq(fbh_rc(h), FB_OK);
    ck_assert_str_eq(
        value("SELECT string_agg(number, ' ' ORDER BY seq) FROM inv_invoices"),
        "INV/26-27/000001 INV/26-27/000002 INV/26-27/000003");
    ck_assert_str_eq(value("SELECT last_no FROM inv_counters"), "3");
    PQfinish(other);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "invoices_v2",
                                   .tcase = "invoices_v2",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, store_item_takes_the_rate_of_the_invoice_date,
                    custom_item_is_offered_the_rate_in_force,
                    inclusive_999_at_5_percent_on_the_review_and_stored,
                    send_waits_for_the_counter_and_leaves_no_gap);
}
