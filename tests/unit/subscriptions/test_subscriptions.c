/* The subscriptions plugin on the stand-in host (fbhost.h): loaded like
 * fitbot loads it (dlopen + fitbot_plugin_v1), its descriptor wrapped with
 * what a test needs around it — a subscriber that records
 * subscription.requested (what payments would take) and a /card route that
 * asks member.card (what the users plugin's /start does) — each run one
 * transaction on a fresh PostgreSQL database with the core and the
 * plugin's migrations. The club is in Asia/Kolkata; the clock is set. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fbhost.h"
#include "fbtc.h"
#include "fbtc_plugin.h"
#include "fitbot/sdk.h"

#define ASHA 7000000001LL
#define RAVI 7000000002LL
#define STAFF 100000003LL

static fbtc_db db;
static fbh_host *h;
static char requested[1024]; /* the last subscription.requested payload */

/* ---- the wrapper around the plugin ------------------------------------- */

static int record_request(fb_ctx *c)
{
    snprintf(requested, sizeof requested, "%s", fb_event_json(c));
    return FB_OK;
}

/* /card ID: the member card's sections, one per line. */
static int card(fb_ctx *c)
{
    int n = fb_request(c, "member.card",
                       fb_jsonf(c, "{\"user_id\":\"%s\"}", fb_args(c)));
    const char *text = "";

    for (int i = 0; i < n; i++)
        text = fb_strf(c, "%-s%-s|", text, fb_response(c, i));
    return fb_reply(c, text, NULL);
}

static const fb_plugin *load(void)
{
    static const fb_route card_route[] = {{.kind = FB_ROUTE_COMMAND,
                                           .match = "card",
                                           .role = FB_ROLE_ANYONE,
                                           .handler = card},
                                          {0}};
    static const fb_subscription record[] = {
        {.event = "subscription.requested", .handler = record_request}, {0}};
    return fbtc_plugin_plus(PLUGIN_PATH, card_route, record);
}

/* ---- the club ------------------------------------------------------------ */

/* 07:00 in Kolkata (01:30 UTC) on y-m-d. */
static void clock_at(int y, int m, int d)
{
    struct tm t = {.tm_year = y - 1900,
                   .tm_mon = m - 1,
                   .tm_mday = d,
                   .tm_hour = 1,
                   .tm_min = 30};

    fbh_set_now(h, (int64_t)timegm(&t));
}

static void setup(void)
{
    fbtc_db_open(&db);
    h = fbh_new(load(), db.conninfo);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(fbh_migrate(h, CORE_SQL), 0);
    ck_assert_int_eq(fbh_migrate(h, SUBS_SQL), 0);
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO fb_users (id, first_name, role) VALUES"
                   " (7000000001, 'Asha', 'member'),"
                   " (7000000002, 'Ravi', 'member'),"
                   " (100000003, 'Sunil', 'staff');"
                   "INSERT INTO subs_plans (name, days, price_paise) VALUES"
                   " ('Monthly', 30, 150000)"),
        0);
    fbh_user(h, ASHA, "Asha Verma", FB_ROLE_MEMBER);
    fbh_user(h, RAVI, "Ravi Rao", FB_ROLE_MEMBER);
    fbh_user(h, STAFF, "Sunil", FB_ROLE_STAFF);
    fbh_set_timezone(h, "Asia/Kolkata");
    fbh_as(h, ASHA, FB_ROLE_MEMBER);
    clock_at(2026, 12, 1);
    requested[0] = '\0';
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

/* who confirms Monthly; returns the reference the request carried. */
static const char *subscribe(int64_t who)
{
    static char ref[64];
    char want[64];

    fbh_as(h, who, FB_ROLE_MEMBER);
    ck_assert_int_eq(fbh_command(h, "/subscribe"), FB_OK);
    ck_assert_int_eq(
        fbh_press(h, fbh_button(h, -1, "Monthly · 30 days · ₹1,500.00")),
        FB_OK);
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "✅ Confirm")), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "Requested: Monthly"));
    ck_assert_int_eq(fb_json_get_str(requested, "reference", ref, sizeof ref),
                     0);
    snprintf(want, sizeof want, "%" PRId64, who);
    ck_assert_ptr_nonnull(strstr(requested, want));
    return ref;
}

static int approve(const char *ref, const char *paise)
{
    char json[256];

    snprintf(json, sizeof json,
             "{\"reference\":\"%s\",\"amount_paise\":\"%s\","
             "\"payment_id\":\"p-1\"}",
             ref, paise);
    return fbh_event(h, "payment.approved", json);
}

/* ---- the hand-over with payments ------------------------------------------
 */

START_TEST(request_carries_plan_amount_and_reference)
{
    const char *ref = subscribe(ASHA);
    char s[64];

    ck_assert_str_eq(
        ref, fbh_sql_value(h, "SELECT 'sub:' || id FROM subs_subscriptions"));
    ck_assert_int_eq(fb_json_get_str(requested, "plan", s, sizeof s), 0);
    ck_assert_str_eq(s, "Monthly");
    ck_assert_int_eq(fb_json_get_str(requested, "amount_paise", s, sizeof s),
                     0);
    ck_assert_str_eq(s, "150000");
    ck_assert_int_eq(fb_json_get_str(requested, "user_id", s, sizeof s), 0);
    ck_assert_str_eq(s, "7000000001");
    ck_assert_str_eq(value("SELECT status FROM subs_subscriptions"), "pending");
}
END_TEST

START_TEST(approved_starts_the_period_once)
{
    const char *ref = subscribe(ASHA);
    int before = fbh_count(h);

    /* the old bot's ₹0 approvals: refused, nothing recorded or sent */
    ck_assert_int_eq(approve(ref, "0"), FB_ERR);
    ck_assert_int_eq(
        fbh_event(h, "payment.approved", "{\"reference\":\"sub:1\"}"), FB_ERR);
    ck_assert_str_eq(value("SELECT status FROM subs_subscriptions"), "pending");
    ck_assert_int_eq(fbh_count(h), before);
    fbh_config(h, "grace_days", "5");
    ck_assert_int_eq(approve(ref, "150000"), FB_OK);
    ck_assert_str_eq(
        value("SELECT status || ' ' || start_date || ' ' || end_date || ' ' ||"
              " grace_days || ' ' || paid_paise || ' ' || payment_id"
              " FROM subs_subscriptions"),
        "paid 2026-12-01 2026-12-30 5 150000 p-1");
    ck_assert_int_eq(fbh_msg_chat(h, -1), ASHA);
    ck_assert_str_eq(fbh_last(h), "🎉 Payment approved: your Monthly "
                                  "membership runs from 2026-12-01 to "
                                  "2026-12-30. See you at the club!");
    before = fbh_count(h);
    clock_at(2026, 12, 5); /* a second event, later: nothing changes */
    ck_assert_int_eq(approve(ref, "999"), FB_OK);
    ck_assert_int_eq(fbh_count(h), before);
    ck_assert_str_eq(value("SELECT start_date || ' ' || paid_paise FROM"
                           " subs_subscriptions"),
                     "2026-12-01 150000");
}
END_TEST

START_TEST(renewal_is_queued_after_the_current_period)
{
    approve(subscribe(ASHA), "150000");
    clock_at(2026, 12, 20);
    fbh_command(h, "/subscribe");
    fbh_press(h, fbh_button(h, -1, "Monthly · 30 days · ₹1,500.00"));
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "starting 2026-12-31"));
    fbh_command(h, "/cancel");
    ck_assert_int_eq(approve(subscribe(ASHA), "150000"), FB_OK);
    ck_assert_str_eq(value("SELECT start_date || ' ' || end_date FROM"
                           " subs_subscriptions ORDER BY id DESC LIMIT 1"),
                     "2026-12-31 2027-01-29");
    fbh_command(h, "/my_subscription");
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "From 2026-12-01 to 2026-12-30"));
    ck_assert_ptr_nonnull(
        strstr(fbh_last(h), "Next period (paid) starts 2026-12-31."));
}
END_TEST

START_TEST(rejected_tells_the_member_and_others_refs_are_ignored)
{
    const char *ref = subscribe(ASHA);
    char json[128];
    int before = fbh_count(h);

    ck_assert_int_eq(approve("invoice:1", "150000"), FB_OK);
    ck_assert_int_eq(approve("sub:999", "150000"), FB_OK);
    ck_assert_int_eq(fbh_count(h), before);
    snprintf(json, sizeof json,
             "{\"reference\":\"%s\",\"reason\":\"no UPI credit seen\"}", ref);
    ck_assert_int_eq(fbh_event(h, "payment.rejected", json), FB_OK);
    ck_assert_str_eq(value("SELECT status FROM subs_subscriptions"),
                     "rejected");
    ck_assert_int_eq(fbh_msg_chat(h, -1), ASHA);
    ck_assert_str_eq(fbh_last(h),
                     "Your payment for the Monthly membership was not "
                     "approved: no UPI credit seen\nSend /subscribe to try "
                     "again.");
}
END_TEST

/* ---- the status against the club's today --------------------------------- */

static const char *card_of(int64_t who)
{
    static char line[40];

    snprintf(line, sizeof line, "/card %" PRId64, who);
    fbh_command(h, line);
    return fbh_last(h);
}

START_TEST(status_and_card_follow_the_clock)
{
    ck_assert_str_eq(card_of(ASHA), "Membership: no membership|");
    approve(subscribe(ASHA), "150000");
    ck_assert_str_eq(card_of(ASHA), "Membership: Monthly, active until "
                                    "2026-12-30 (30 days left)|");
    clock_at(2026, 12, 30);
    ck_assert_str_eq(card_of(ASHA), "Membership: Monthly, active until "
                                    "2026-12-30 (1 day left)|");
    fbh_as(h, ASHA, FB_ROLE_MEMBER);
    fbh_command(h, "/my_subscription");
    ck_assert_str_eq(fbh_last(h), "💳 <b>Your membership</b>\nPlan: Monthly\n"
                                  "From 2026-12-01 to 2026-12-30\nDays left: "
                                  "1\nStatus: active\nGrace until: 2027-01-06");
    ck_assert_str_eq(fbh_keyboard(h, -1), "🔁 Renew");
    clock_at(2026, 12, 31);
    ck_assert_str_eq(card_of(ASHA), "Membership: Monthly, expired 2026-12-30, "
                                    "in grace until 2027-01-06|");
    clock_at(2027, 1, 7);
    ck_assert_str_eq(card_of(ASHA),
                     "Membership: Monthly, expired 2026-12-30 (locked)|");
    fbh_command(h, "/my_subscription");
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "🔁 Renew")), FB_OK);
    ck_assert_str_eq(fbh_flow(h), "subscribe");
}
END_TEST

/* ---- staff: freeze, end a freeze, gift ------------------------------------
 */

static void staff_view(void)
{
    fbh_as(h, STAFF, FB_ROLE_STAFF);
    ck_assert_int_eq(fbh_command(h, "/membership 7000000001"), FB_OK);
}

START_TEST(freeze_moves_the_end_and_the_queue_within_the_yearly_max)
{
    approve(subscribe(ASHA), "150000");
    approve(subscribe(ASHA), "150000"); /* queued: 12-31 .. 01-29 */
    clock_at(2026, 12, 10);
    staff_view();
    ck_assert_str_eq(fbh_keyboard(h, -1), "❄️ Freeze | 🎁 Gift days");
    fbh_press(h, fbh_button(h, -1, "❄️ Freeze"));
    ck_assert_str_eq(fbh_last(h), "Freeze for how many days? (e.g. 10)");
    fbh_text(h, "31");
    ck_assert_str_eq(fbh_last(h), "At most 30 frozen days a year: 30 left "
                                  "this year. Send fewer days.");
    fbh_text(h, "ten");
    ck_assert_str_eq(fbh_last(h), "Please send a whole number of days, e.g. "
                                  "10.");
    fbh_text(h, "10");
    fbh_text(h, "travel");
    ck_assert_int_eq(fbh_rc(h), FB_OK);
    ck_assert_str_eq(value("SELECT string_agg(start_date || '..' || end_date,"
                           " ' ' ORDER BY id) FROM subs_subscriptions"),
                     "2026-12-01..2027-01-09 2027-01-10..2027-02-08");
    ck_assert_str_eq(card_of(ASHA), "Membership: Monthly, frozen until "
                                    "2026-12-19 (now ends 2027-01-09)|");
    /* ends early two days later: 8 unused days go back */
    clock_at(2026, 12, 12);
    staff_view();
    ck_assert_str_eq(fbh_keyboard(h, -1), "▶️ End freeze | 🎁 Gift days");
    fbh_press(h, fbh_button(h, -1, "▶️ End freeze"));
    ck_assert_str_eq(fbh_answer(h),
                     "Freeze ended: 8 unused day(s) taken off the end.");
    ck_assert_str_eq(value("SELECT string_agg(start_date || '..' || end_date,"
                           " ' ' ORDER BY id) FROM subs_subscriptions"),
                     "2026-12-01..2027-01-01 2027-01-02..2027-01-31");
    ck_assert_str_eq(value("SELECT days || ' ' || end_date || ' ' || reason"
                           " FROM subs_freezes"),
                     "2 2026-12-11 travel");
    /* 28 of the year's 30 days are left */
    staff_view();
    ck_assert_ptr_nonnull(
        strstr(fbh_last(h), "Freeze days left this year: 28"));
    fbh_press(h, fbh_button(h, -1, "❄️ Freeze"));
    fbh_text(h, "29");
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "28 left this year"));
}
END_TEST

START_TEST(gift_days_move_the_end_and_the_member_is_told)
{
    approve(subscribe(ASHA), "150000");
    staff_view();
    fbh_press(h, fbh_button(h, -1, "🎁 Gift days"));
    fbh_text(h, "366");
    ck_assert_str_eq(fbh_last(h),
                     "Please send a whole number of days from 1 to 365.");
    fbh_text(h, "5");
    ck_assert_str_eq(value("SELECT end_date FROM subs_subscriptions"),
                     "2027-01-04");
    ck_assert_str_eq(value("SELECT days FROM subs_gifts"), "5");
    ck_assert_int_eq(fbh_msg_chat(h, -3), ASHA);
    ck_assert_str_eq(fbh_msg(h, -3), "🎁 The club gave you 5 days: your "
                                     "membership now ends 2027-01-04.");
    /* a member cannot press it */
    fbh_as(h, ASHA, FB_ROLE_MEMBER);
    fbh_press(h, "sgift:7000000001");
    ck_assert_str_eq(fbh_answer(h), "refused");
}
END_TEST

START_TEST(deleted_member_leaves_nothing)
{
    approve(subscribe(ASHA), "150000");
    approve(subscribe(RAVI), "150000");
    staff_view();
    fbh_press(h, fbh_button(h, -1, "🎁 Gift days"));
    fbh_text(h, "5");
    ck_assert_int_eq(fbh_event(h, "user.deleted", "{\"user_id\":7000000001}"),
                     FB_OK);
    ck_assert_str_eq(value("SELECT string_agg(user_id::text, ' ') FROM"
                           " subs_subscriptions"),
                     "7000000002");
    ck_assert_str_eq(value("SELECT count(*) FROM subs_gifts"), "0");
}
END_TEST

/* ---- the daily job --------------------------------------------------------
 */

static int job_sends(int y, int m, int d)
{
    int before = fbh_count(h);

    clock_at(y, m, d);
    ck_assert_int_eq(fbh_job(h, "daily"), FB_OK);
    return fbh_count(h) - before;
}

START_TEST(daily_job_tells_each_member_once_per_step)
{
    approve(subscribe(ASHA), "150000"); /* ends 12-30, grace to 01-06 */
    ck_assert_int_eq(job_sends(2026, 12, 27), 0); /* 4 days left */
    ck_assert_int_eq(job_sends(2026, 12, 28), 1);
    ck_assert_str_eq(fbh_last(h), "⏰ Your Monthly membership ends on "
                                  "2026-12-30 (grace until 2027-01-06): 3 "
                                  "day(s) left. Renew with /subscribe.");
    ck_assert_int_eq(fbh_msg_chat(h, -1), ASHA);
    ck_assert_int_eq(job_sends(2026, 12, 28), 0); /* a rerun: nothing */
    ck_assert_int_eq(job_sends(2026, 12, 29), 0);
    ck_assert_int_eq(job_sends(2026, 12, 31), 1);
    ck_assert_str_eq(fbh_last(h), "Your Monthly membership ended on "
                                  "2026-12-30. You may still come in until "
                                  "2027-01-06; renew with /subscribe.");
    ck_assert_int_eq(job_sends(2027, 1, 1), 0);
    ck_assert_int_eq(job_sends(2027, 1, 6), 1);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "its grace ends today"));
    ck_assert_int_eq(job_sends(2027, 1, 7), 1);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "your access is locked"));
    ck_assert_int_eq(job_sends(2027, 1, 7), 0);
    ck_assert_int_eq(job_sends(2027, 1, 8), 0);
    ck_assert_str_eq(value("SELECT string_agg(step || ' ' || sent_on, ', '"
                           " ORDER BY sent_on) FROM subs_notices"),
                     "remind 2026-12-28, expired 2026-12-31, grace "
                     "2027-01-06, locked 2027-01-07");
}
END_TEST

START_TEST(renewed_member_gets_no_reminder)
{
    approve(subscribe(ASHA), "150000");
    approve(subscribe(ASHA), "150000");
    approve(subscribe(RAVI), "150000");
    ck_assert_int_eq(job_sends(2026, 12, 28), 1);
    ck_assert_int_eq(fbh_msg_chat(h, -1), RAVI);
}
END_TEST

START_TEST(a_failing_job_fails_and_sends_nothing)
{
    approve(subscribe(ASHA), "150000");
    clock_at(2026, 12, 28);
    ck_assert_int_eq(fbh_sql(h, "ALTER TABLE subs_notices RENAME TO gone"), 0);
    int before = fbh_count(h);
    ck_assert_int_eq(fbh_job(h, "daily"), FB_ERR);
    ck_assert_ptr_nonnull(fbh_failure(h));
    ck_assert_int_eq(fbh_count(h), before);
}
END_TEST

/* ---- a club-wide freeze ------------------------------------------------ */

START_TEST(closure_freezes_every_active_membership)
{
    approve(subscribe(ASHA), "150000"); /* 12-01 .. 12-30 */
    ck_assert_int_eq(fbh_sql(h, "INSERT INTO subs_subscriptions (user_id,"
                                " plan_id, days, price_paise, status,"
                                " start_date, end_date, paid_paise) VALUES"
                                " (7000000002, 1, 30, 150000, 'paid',"
                                " '2026-10-01', '2026-10-30', 150000)"),
                     0);
    clock_at(2026, 12, 10);
    fbh_as(h, 100000001, FB_ROLE_ADMIN);
    fbh_command(h, "/closure");
    fbh_text(h, "91");
    ck_assert_str_eq(fbh_last(h),
                     "Please send a whole number of days from 1 to 90.");
    fbh_text(h, "10");
    fbh_text(h, "renovation");
    ck_assert_str_eq(fbh_last(h), "Freeze all 1 active membership(s) for 10 "
                                  "days from today? Reason: renovation");
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "❄️ Freeze everyone")),
                     FB_OK);
    ck_assert_str_eq(fbh_last(h), "❄️ 1 membership(s) frozen for 10 days.");
    ck_assert_int_eq(fbh_msg_chat(h, -2), ASHA);
    ck_assert_str_eq(fbh_msg(h, -2), "❄️ The club is closed for 10 days "
                                     "(renovation). Your membership is frozen "
                                     "meanwhile and now ends 2027-01-09.");
    ck_assert_str_eq(value("SELECT string_agg(end_date::text, ' ' ORDER BY"
                           " user_id) FROM subs_subscriptions"),
                     "2027-01-09 2026-10-30");
    ck_assert_str_eq(card_of(ASHA), "Membership: Monthly, frozen until "
                                    "2026-12-19 (now ends 2027-01-09)|");
    /* not the member's own freeze: the yearly max is untouched, and staff
     * do not end it for one member */
    staff_view();
    ck_assert_ptr_nonnull(
        strstr(fbh_last(h), "Freeze days left this year: 30"));
    fbh_press(h, fbh_button(h, -1, "▶️ End freeze"));
    ck_assert_str_eq(
        fbh_answer(h),
        "This is the club's closure: it ends for everyone on its own.");
    ck_assert_str_eq(value("SELECT end_date FROM subs_subscriptions WHERE"
                           " user_id = 7000000001"),
                     "2027-01-09");
}
END_TEST

/* ---- admins' lists --------------------------------------------------------
 */

START_TEST(lists_count_each_state)
{
    approve(subscribe(ASHA), "150000");
    clock_at(2026, 12, 15);
    approve(subscribe(RAVI), "150000"); /* 12-15 .. 01-13 */
    clock_at(2026, 12, 28);
    fbh_as(h, 100000001, FB_ROLE_ADMIN);
    fbh_command(h, "/memberships");
    ck_assert_str_eq(fbh_last(h),
                     "📊 <b>Memberships</b> on 2026-12-28\nActive: 2\nExpiring "
                     "soon: 1\nIn grace: 0\nExpired: 0\nFrozen: 0");
    fbh_press(h, fbh_button(h, -1, "Expiring soon (1)"));
    ck_assert_str_eq(fbh_last(h), "<b>Expiring soon</b> (1)\nAsha Verma "
                                  "(<code>7000000001</code>) · Monthly · ends "
                                  "2026-12-30");
    clock_at(2027, 1, 10);
    fbh_command(h, "/memberships");
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "Active: 1\nExpiring soon: 0\n"
                                              "In grace: 0\nExpired: 1"));
}
END_TEST

START_TEST(lists_are_paged)
{
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO fb_users (id, role) SELECT 8000000000 + g,"
                   " 'member' FROM generate_series(1, 25) g;"
                   "INSERT INTO subs_subscriptions (user_id, plan_id, days,"
                   " price_paise, status, start_date, end_date, paid_paise)"
                   " SELECT 8000000000 + g, 1, 30, 150000, 'paid',"
                   " '2026-12-01', '2026-12-01'::date + 10 + g, 150000"
                   " FROM generate_series(1, 25) g"),
        0);
    fbh_as(h, 100000001, FB_ROLE_ADMIN);
    fbh_command(h, "/memberships");
    fbh_press(h, fbh_button(h, -1, "Active (25)"));
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "<code>8000000020</code>"));
    ck_assert_ptr_null(strstr(fbh_last(h), "<code>8000000021</code>"));
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "\n\n1–20 of 25"));
    ck_assert_str_eq(fbh_keyboard(h, -1), "Next »");
    fbh_press(h, fbh_button(h, -1, "Next »"));
    ck_assert_ptr_null(strstr(fbh_last(h), "<code>8000000020</code>"));
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "<code>8000000025</code>"));
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "\n\n21–25 of 25"));
    ck_assert_str_eq(fbh_keyboard(h, -1), "« Previous");
    fbh_press(h, "slist:active:x");
    ck_assert_str_eq(fbh_answer(h), "This button is not valid.");
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "unit_subscriptions",
                                   .tcase = "subscriptions",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, request_carries_plan_amount_and_reference,
                    approved_starts_the_period_once,
                    renewal_is_queued_after_the_current_period,
                    rejected_tells_the_member_and_others_refs_are_ignored,
                    status_and_card_follow_the_clock,
                    freeze_moves_the_end_and_the_queue_within_the_yearly_max,
                    gift_days_move_the_end_and_the_member_is_told,
                    deleted_member_leaves_nothing,
                    daily_job_tells_each_member_once_per_step,
                    renewed_member_gets_no_reminder,
                    a_failing_job_fails_and_sends_nothing,
                    closure_freezes_every_active_membership,
                    lists_count_each_state, lists_are_paged);
}
