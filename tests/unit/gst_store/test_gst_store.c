/* The gst_store plugin on the stand-in host (fbhost.h): loaded like fitbot
 * loads it, its descriptor wrapped with a /ask route that sends a request
 * and replies with the answers (what invoices_v2 does), each run one
 * transaction on a fresh PostgreSQL database with the core and the
 * plugin's migrations. Checks the gst.* contract of README.md and the
 * export's bytes (read back by the import). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fbhost.h"
#include "fbtc.h"
#include "fbtc_plugin.h"
#include "fitbot/sdk.h"

#define ADA 7000000009LL

static fbtc_db db;
static fbh_host *h;

/* /ask NAME JSON: the answers joined by "|", "none" for none. */
static int ask(fb_ctx *c)
{
    const char *args = fb_args(c);
    const char *sp = strchr(args, ' ');
    const char *name = fb_plainf(c, "%.*s", (int)(sp ? sp - args : (long)strlen(args)), args);
    int n = fb_request(c, name, sp ? sp + 1 : "{}");
    const char *text = n ? "" : "none";

    for (int i = 0; i < n; i++)
        text = fb_plainf(c, "%s%s%s", text, i ? "|" : "", fb_response(c, i));
    return fb_send_plain(c, 0, fb_esc(c, text), 0);
}

static const fb_plugin *load(void)
{
    static const fb_route ask_route[] = {{.kind = FB_ROUTE_COMMAND,
                                          .match = "ask",
                                          .role = FB_ROLE_ANYONE,
                                          .handler = ask},
                                         {0}};
    return fbtc_plugin_plus(PLUGIN_PATH, ask_route, NULL);
}

static void setup(void)
{
    struct tm t = {.tm_year = 126, .tm_mon = 11, .tm_mday = 1, .tm_hour = 4};

    fbtc_db_open(&db);
    h = fbh_new(load(), db.conninfo);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(fbh_migrate(h, CORE_SQL), 0);
    ck_assert_int_eq(fbh_migrate(h, GST_SQL), 0);
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO gst_items (serial, name, hsn, unit,"
                   " mrp_paise, rate_bp, active) VALUES"
                   " ('P001', 'Whey 1kg', '2106', 'NOS', 250000, 1800, true),"
                   " ('E01', 'Dumbbell \"5\" kg', '9506', 'PCS', 150000, 1200,"
                   " true),"
                   " ('M01', 'Monthly membership', '999723', 'OTH', 99900,"
                   " 1800, true),"
                   " ('X9', 'Old whey', '2106', 'NOS', 1000, 1800, false)"),
        0);
    fbh_user(h, ADA, "Ada", FB_ROLE_ADMIN);
    fbh_set_timezone(h, "Asia/Kolkata");
    fbh_set_now(h, (int64_t)timegm(&t));
    fbh_as(h, ADA, FB_ROLE_ADMIN);
}

static void teardown(void)
{
    fbh_free(h);
    fbtc_db_close(&db);
}

static const char *answer(const char *line)
{
    ck_assert_int_eq(fbh_command(h, line), FB_OK);
    return fbh_last(h);
}

/* HTML of the JSON as the reply carries it: quotes escaped. */
#define Q "&quot;"

START_TEST(settings_answer)
{
    ck_assert_str_eq(answer("/ask gst.settings {}"),
                     "{" Q "enabled" Q ":" Q "0" Q "," Q "mode" Q ":" Q
                     "inclusive" Q "," Q "default_rate_bp" Q ":" Q "1800" Q
                     "," Q "legal_name" Q ":" Q Q "," Q "address" Q ":" Q Q
                     "," Q "gstin" Q ":" Q Q "," Q "state_code" Q ":" Q Q
                     "," Q "state_name" Q ":" Q Q "," Q "utgst" Q ":" Q "0" Q
                     "}");
    ck_assert_int_eq(
        fbh_sql(h, "UPDATE gst_settings SET enabled = true, mode ="
                   " 'exclusive', default_rate_bp = 500, legal_name ="
                   " 'Iron \"Temple\" LLP', address = E'12 MG Road\\nPune',"
                   " gstin = '04AAPFU0939F1ZV', state_code = '04'"),
        0);
    ck_assert_str_eq(answer("/ask gst.settings {}"),
                     "{" Q "enabled" Q ":" Q "1" Q "," Q "mode" Q ":" Q
                     "exclusive" Q "," Q "default_rate_bp" Q ":" Q "500" Q
                     "," Q "legal_name" Q ":" Q "Iron \\" Q "Temple\\" Q
                     " LLP" Q "," Q "address" Q ":" Q "12 MG Road\\nPune" Q
                     "," Q "gstin" Q ":" Q "04AAPFU0939F1ZV" Q "," Q
                     "state_code" Q ":" Q "04" Q "," Q "state_name" Q ":" Q
                     "Chandigarh" Q "," Q "utgst" Q ":" Q "1" Q "}");
}
END_TEST

START_TEST(rate_answers_follow_the_date)
{
    ck_assert_str_eq(answer("/ask gst.rate {\"hsn\":\"9997\",\"date\":\"2025-09-21\"}"),
                     "{" Q "rate_bp" Q ":" Q "1800" Q "}");
    ck_assert_str_eq(answer("/ask gst.rate {\"hsn\":\"9997\",\"date\":\"2025-09-22\"}"),
                     "{" Q "rate_bp" Q ":" Q "500" Q "}");
    ck_assert_str_eq(answer("/ask gst.rate {\"hsn\":\"999723\",\"date\":\"2026-12-01\"}"),
                     "{" Q "rate_bp" Q ":" Q "500" Q "}");
    /* a code without history: the default rate */
    ck_assert_int_eq(fbh_sql(h, "UPDATE gst_settings SET default_rate_bp = 1200"), 0);
    ck_assert_str_eq(answer("/ask gst.rate {\"hsn\":\"9506\",\"date\":\"2026-12-01\"}"),
                     "{" Q "rate_bp" Q ":" Q "1200" Q "}");
    ck_assert_str_eq(answer("/ask gst.rate {\"hsn\":\"9506\",\"date\":\"junk\"}"), "none");
}
END_TEST

START_TEST(item_answers)
{
    char id[24], line[256];

    snprintf(id, sizeof id, "%s",
             fbh_sql_value(h, "SELECT id FROM gst_items WHERE serial = 'M01'"));

    snprintf(line, sizeof line, "/ask gst.item {\"id\":\"%s\",\"date\":\"2025-09-21\"}", id);
    ck_assert_str_eq(answer(line),
                     fbh_sql_value(h, "SELECT format('{&quot;id&quot;:&quot;%s&quot;,"
                                      "&quot;serial&quot;:&quot;M01&quot;,&quot;name&quot;:"
                                      "&quot;Monthly membership&quot;,&quot;hsn&quot;:&quot;"
                                      "999723&quot;,&quot;unit&quot;:&quot;OTH&quot;,"
                                      "&quot;mrp_paise&quot;:&quot;99900&quot;,&quot;"
                                      "rate_bp&quot;:&quot;1800&quot;}', id) FROM gst_items"
                                      " WHERE serial = 'M01'"));
    snprintf(line, sizeof line, "/ask gst.item {\"id\":\"%s\",\"date\":\"2026-12-01\"}", id);
    ck_assert_msg(strstr(answer(line), "rate_bp" Q ":" Q "500" Q), "%s",
                  fbh_last(h));
    /* 9506 has no rate of its own: the item's 12 % */
    ck_assert_ptr_nonnull(strstr(answer("/ask gst.item {\"id\":\"2\",\"date\":\"2026-12-01\"}"),
                                 "rate_bp" Q ":" Q "1200" Q));
    /* unknown and inactive ids: no answer */
    ck_assert_str_eq(answer("/ask gst.item {\"id\":\"99\"}"), "none");
    ck_assert_str_eq(answer("/ask gst.item {\"id\":\"4\"}"), "none");
    ck_assert_str_eq(answer("/ask gst.item {\"id\":\"x\"}"), "none");
}
END_TEST

START_TEST(items_answers_are_paged_and_active)
{
    const char *a = answer("/ask gst.items {\"query\":\"\",\"offset\":\"0\"}");

    ck_assert_ptr_nonnull(strstr(a, "total" Q ":" Q "3" Q));
    ck_assert_ptr_null(strstr(a, "Old whey"));
    /* name order: Dumbbell, Monthly, Whey; the name's quotes escaped */
    ck_assert_ptr_nonnull(strstr(a, "{" Q "items" Q ":[{" Q "id" Q ":" Q "2" Q));
    ck_assert_ptr_nonnull(strstr(a, "Dumbbell \\" Q "5\\" Q " kg"));
    a = answer("/ask gst.items {\"query\":\"whey\",\"offset\":\"0\"}");
    ck_assert_ptr_nonnull(strstr(a, "total" Q ":" Q "1" Q));
    ck_assert_ptr_nonnull(strstr(a, "serial" Q ":" Q "P001" Q));
    a = answer("/ask gst.items {\"query\":\"m0\",\"offset\":\"0\"}");
    ck_assert_ptr_nonnull(strstr(a, "serial" Q ":" Q "M01" Q));
    a = answer("/ask gst.items {\"query\":\"\",\"offset\":\"8\"}");
    ck_assert_str_eq(a, "{" Q "items" Q ":[]," Q "total" Q ":" Q "3" Q "}");
    /* 8 a page */
    ck_assert_int_eq(fbh_sql(h, "INSERT INTO gst_items (serial, name, hsn, unit,"
                                " mrp_paise, rate_bp) SELECT 'B' || i, 'Band ' || i,"
                                " '9506', 'NOS', 100, 1200 FROM generate_series(1, 10) i"),
                     0);
    a = answer("/ask gst.items {\"query\":\"band\",\"offset\":\"8\"}");
    ck_assert_ptr_nonnull(strstr(a, "total" Q ":" Q "10" Q));
    ck_assert_ptr_nonnull(strstr(a, "Band 8"));
    ck_assert_ptr_nonnull(strstr(a, "Band 9"));
    ck_assert_ptr_null(strstr(a, "Band 7"));
}
END_TEST

START_TEST(state_answers)
{
    ck_assert_str_eq(answer("/ask gst.state {\"code\":\"29\"}"),
                     "{" Q "name" Q ":" Q "Karnataka" Q "," Q "utgst" Q ":" Q "0" Q "}");
    ck_assert_str_eq(answer("/ask gst.state {\"code\":\"38\"}"),
                     "{" Q "name" Q ":" Q "Ladakh" Q "," Q "utgst" Q ":" Q "1" Q "}");
    ck_assert_str_eq(answer("/ask gst.state {\"code\":\"40\"}"), "none");
    ck_assert_str_eq(answer("/ask gst.state {}"), "none");
}
END_TEST

/* The GSTIN check of the settings, asked by another plugin: canonical
 * with its state, or the settings' message for it. */
START_TEST(gstin_check_answers)
{
    const char *a;

    ck_assert_str_eq(answer("/ask gst.gstin_check {\"gstin\":\" 27aapfu0939f1zv \"}"),
                     "{" Q "ok" Q ":" Q "1" Q "," Q "gstin" Q ":" Q "27AAPFU0939F1ZV" Q ","
                     Q "state_code" Q ":" Q "27" Q "," Q "state_name" Q ":" Q "Maharashtra" Q "}");
    a = answer("/ask gst.gstin_check {\"gstin\":\"27AAPFU0939F1ZA\"}");
    ck_assert_ptr_nonnull(strstr(a, "ok" Q ":" Q "0" Q));
    ck_assert_ptr_nonnull(strstr(a, "The check character of “27AAPFU0939F1ZA” is wrong: it should end in V"));
    a = answer("/ask gst.gstin_check {\"gstin\":\"40AAPFU0939F1ZV\"}");
    ck_assert_ptr_nonnull(strstr(a, "does not begin with a state code"));
    a = answer("/ask gst.gstin_check {}");
    ck_assert_ptr_nonnull(strstr(a, "A GSTIN has 15 characters"));
}
END_TEST

/* The import pasted as text: bad rows refuse all, the flow stays; good
 * rows upsert. */
START_TEST(import_is_all_or_nothing)
{
    ck_assert_int_eq(fbh_command(h, "/items"), FB_OK);
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "⬆️ Import CSV")), FB_OK);
    ck_assert_str_eq(fbh_state(h), "file");
    ck_assert_int_eq(fbh_text(h, "P001,Whey 1kg,2106,NOS,2000,18\nN1,New,2106,NOS,1,99"), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "line 2: GST %"));
    ck_assert_str_eq(fbh_state(h), "file");
    ck_assert_str_eq(fbh_sql_value(h, "SELECT count(*) || ' ' || sum(mrp_paise) FROM gst_items"),
                     "4 500900");
    ck_assert_int_eq(fbh_text(h, "P001,Whey 1kg,2106,NOS,2000,18\nN1,New,2106,NOS,1,5"), FB_OK);
    ck_assert_str_eq(fbh_last(h), "✅ Imported 2 items: 1 new, 1 updated.");
    ck_assert_str_eq(fbh_flow(h), "");
    ck_assert_str_eq(fbh_sql_value(h, "SELECT mrp_paise || ' ' || rate_bp FROM gst_items"
                                      " WHERE serial = 'P001'"),
                     "200000 1800");
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "unit_gst_store",
                                   .tcase = "gst_store",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, settings_answer, rate_answers_follow_the_date, item_answers,
                    items_answers_are_paged_and_active, state_answers,
                    gstin_check_answers, import_is_all_or_nothing);
}
