/* The broadcast plugin on the stand-in host (fbhost.h): loaded like fitbot
 * loads it, its descriptor wrapped with a subscriber that answers
 * broadcast.audience (what users and subscriptions answer), each run one
 * transaction on a fresh PostgreSQL database. The stand-in delivers bulk
 * sends at commit (fb_bulk_counts: sent). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbhost.h"
#include "fbtc.h"
#include "fitbot/sdk.h"

#define ADMIN 100000001LL
#define ASHA 7000000001LL
#define RAVI 7000000002LL

static fbtc_db db;
static fbh_host *h;

/* active: Asha and Ravi; grace: nobody; other segments: no answer. */
static int audience(fb_ctx *c)
{
    const char *seg = fb_event_str(c, "segment");

    if (seg && strcmp(seg, "active") == 0)
        return fb_respond(c, "7000000001,7000000002");
    if (seg && strcmp(seg, "grace") == 0)
        return fb_respond(c, "");
    return FB_OK;
}

static fb_plugin wrapped;
static fb_subscription subs[4];

static const fb_plugin *load(void)
{
    void *so = dlopen(PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    const fb_plugin *(*entry)(void);

    ck_assert_msg(so, "dlopen: %s", dlerror());
    *(void **)&entry = dlsym(so, FB_PLUGIN_ENTRY);
    ck_assert_ptr_nonnull(entry);
    wrapped = *entry();
    ck_assert_int_eq(wrapped.abi_minor, 4);
    subs[0] =
        (fb_subscription){.event = "broadcast.audience", .handler = audience};
    wrapped.subs = subs;
    return &wrapped;
}

static void setup(void)
{
    fbtc_db_open(&db);
    h = fbh_new(load(), db.conninfo);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(fbh_migrate(h, CORE_SQL), 0);
    ck_assert_int_eq(fbh_migrate(h, BC_SQL), 0);
    ck_assert_int_eq(
        fbh_sql(h, "INSERT INTO fb_users (id, first_name, role) VALUES"
                   " (100000001, 'Ravi', 'admin'),"
                   " (7000000001, 'Asha', 'member'),"
                   " (7000000002, 'Ravi', 'member')"),
        0);
    fbh_user(h, ADMIN, "Admin", FB_ROLE_ADMIN);
    fbh_user(h, ASHA, "<b>Asha</b> & co", FB_ROLE_MEMBER);
    fbh_user(h, RAVI, "Ravi Rao", FB_ROLE_MEMBER);
    fbh_as(h, ADMIN, FB_ROLE_ADMIN);
}

static void teardown(void)
{
    fbh_free(h);
    fbtc_db_close(&db);
}

/* /broadcast, Active, text, No attachment: at the confirmation. */
static void compose(const char *text)
{
    ck_assert_int_eq(fbh_command(h, "/broadcast"), FB_OK);
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "Active")), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "Active members</b>: 2 people"));
    ck_assert_int_eq(fbh_text(h, text), FB_OK);
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "No attachment")), FB_OK);
    ck_assert_str_eq(fbh_last(h), "Send this to <b>2</b> people (Active "
                                  "members)?");
}

START_TEST(copies_carry_escaped_names_and_the_job_sums_up)
{
    int before;

    compose("Hi {name} <i>&</i>");
    ck_assert_str_eq(fbh_msg(h, -2), "Hi &lt;b&gt;Asha&lt;/b&gt; &amp; co "
                                     "&lt;i&gt;&amp;&lt;/i&gt;");
    before = fbh_count(h);
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "📣 Send")), FB_OK);
    ck_assert_int_eq(fbh_count(h), before + 3); /* two copies, progress */
    ck_assert_int_eq(fbh_msg_chat(h, before), ASHA);
    ck_assert_str_eq(fbh_msg(h, before + 1), "Hi Ravi Rao &lt;i&gt;&amp;"
                                             "&lt;/i&gt;");
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "left 2 of 2"));
    ck_assert_str_eq(fbh_keyboard(h, -1), "⏹ Stop");
    ck_assert_str_eq(
        fbh_sql_value(h, "SELECT string_agg(state, ',') FROM bc_recipients"),
        "queued,queued");
    /* the stand-in delivered both at commit: the job sums up */
    ck_assert_int_eq(fbh_job(h, "deliver"), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "✅ <b>Broadcast #1 finished"));
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "Sent 2 · failed 0"));
    ck_assert_str_eq(fbh_sql_value(h, "SELECT status || sent FROM "
                                      "bc_broadcasts"),
                     "done2");
    before = fbh_count(h);
    ck_assert_int_eq(fbh_job(h, "deliver"), FB_OK); /* nothing more */
    ck_assert_int_eq(fbh_count(h), before);
}
END_TEST

START_TEST(bad_input_is_reasked_and_changes_nothing)
{
    ck_assert_int_eq(fbh_command(h, "/broadcast"), FB_OK);
    ck_assert_int_eq(fbh_text(h, "everyone"), FB_OK);
    ck_assert_str_eq(fbh_last(h), "Please pick the audience with the "
                                  "buttons, or /cancel.");
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "In grace")), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_msg(h, -2), "Nobody is in that audience"));
    ck_assert_str_eq(fbh_state(h), "audience");
    ck_assert_int_eq(fbh_press(h, "bca:nosuch"), FB_OK);
    ck_assert_str_eq(fbh_answer(h), "This button has expired.");
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "All members")), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_msg(h, -2), "No plugin answers"));
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "Inactive for N days")),
                     FB_OK);
    ck_assert_int_eq(fbh_text(h, "-3"), FB_OK);
    ck_assert_str_eq(fbh_last(h), "Please send a whole number of days from "
                                  "1 to 3650, e.g. 30.");
    ck_assert_str_eq(fbh_state(h), "days");
    ck_assert_int_eq(fbh_press(h, "bcgo:"), FB_OK); /* not at the confirm */
    ck_assert_str_eq(fbh_answer(h), "This button has expired.");
    ck_assert_str_eq(fbh_sql_value(h, "SELECT count(*) FROM bc_broadcasts"),
                     "0");
}
END_TEST

/* Telegram counts UTF-16 units: 2,100 emoji are 4,200 of them, over the
 * 4,096 a message takes (though 2,100 characters are under the 3,800 the
 * question takes): refused before anything is sent; 2,000 fit. */
static char *emoji(int n)
{
    char *s = malloc((size_t)n * 4 + 1);

    ck_assert_ptr_nonnull(s);
    for (int i = 0; i < n; i++)
        memcpy(s + i * 4, "\xF0\x9F\x98\x80", 4); /* U+1F600 */
    s[n * 4] = '\0';
    return s;
}

START_TEST(emoji_count_as_telegram_counts_them)
{
    char *over = emoji(2100), *fits = emoji(2000);

    ck_assert_int_eq(fbh_command(h, "/broadcast"), FB_OK);
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "Active")), FB_OK);
    ck_assert_int_eq(fbh_text(h, over), FB_OK);
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "That text is too long"));
    ck_assert_str_eq(fbh_state(h), "text");
    ck_assert_int_eq(fbh_text(h, fits), FB_OK);
    ck_assert_str_eq(fbh_state(h), "media");
    free(over);
    free(fits);
}
END_TEST

START_TEST(cancel_and_stop)
{
    compose("Hello");
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "Cancel")), FB_OK);
    ck_assert_str_eq(fbh_last(h), "Nothing was sent.");
    ck_assert_str_eq(fbh_flow(h), "");
    ck_assert_int_eq(fbh_press(h, "bcstop:1"), FB_OK);
    ck_assert_str_eq(fbh_answer(h), "That broadcast is not running any "
                                    "more.");
    compose("Hello");
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "📣 Send")), FB_OK);
    ck_assert_int_eq(fbh_press(h, fbh_button(h, -1, "⏹ Stop")), FB_OK);
    ck_assert_str_eq(fbh_answer(h), "Stopping: nothing more will be queued.");
    ck_assert_ptr_nonnull(strstr(fbh_last(h), "Broadcast #1 stopped"));
    ck_assert_str_eq(fbh_sql_value(h, "SELECT status FROM bc_broadcasts"),
                     "cancelled");
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "unit_broadcast",
                                   .tcase = "broadcast",
                                   .timeout = 60,
                                   .setup = setup,
                                   .teardown = teardown,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, copies_carry_escaped_names_and_the_job_sums_up,
                    emoji_count_as_telegram_counts_them,
                    bad_input_is_reasked_and_changes_nothing, cancel_and_stop);
}
