/* The README's demo tour, as scripts/demo plays it: fitbot-chat reads
 * demo_tour (scripts/lib/demo.sh) against the real host with all seven
 * plugins loaded, the club configured and seeded by the same demo.sh
 * (demo_club_config, demo_seed), on the sandbox and PostgreSQL. First the
 * seven must load together (none refused, `fitbot plugins` and `fitbot
 * routes` exit 0: no route in conflict). Then every step of the tour is
 * checked in the transcript fitbot-chat prints: registration, the
 * subscription and its UPI payment approved, the GST invoice issued and
 * paid, a receivable and /my_dues, a payment against it with credit left,
 * the broadcast sent; and in the member's chat on the sandbox: the
 * invoice's PDF and the broadcast's copy. Needs FITBOT_TEST_DATABASE_URL
 * (fails without it). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fbtc_kit.h"

#define ADMIN_ID 100000001
#define MEMBER_ID 7000000001LL
#define N_PLUGINS 7

/* The output (stdout and stderr, malloc'd) of sh -c cmd; *status gets its
 * exit status (-1 when it did not exit). */
static char *run(const char *cmd, int *status)
{
    char *out = NULL;
    size_t len = 0;
    FILE *p, *mem = open_memstream(&out, &len);
    int ch, st;

    ck_assert_ptr_nonnull(mem);
    p = popen(cmd, "r");
    ck_assert_msg(p, "cannot run %s", cmd);
    while ((ch = fgetc(p)) != EOF)
        fputc(ch, mem);
    st = pclose(p);
    fclose(mem);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

/* The output of demo.sh's function fn (its arguments: args, already
 * quoted for the shell), which must succeed. */
static char *demo_sh(const char *fn, const char *args)
{
    char cmd[2048], *out;
    int status;

    snprintf(cmd, sizeof cmd,
             "bash -c '. \"$1\" && shift && %s \"$@\"' _ '%s' %s", fn, DEMO_SH,
             args ? args : "");
    out = run(cmd, &status);
    ck_assert_msg(status == 0, "demo.sh %s failed (%d):\n%s", fn, status, out);
    return out;
}

/* `fitbot COMMAND --config` of the test's host: exits 0 (nothing refused,
 * no route in conflict); returns its output. */
static char *fitbot_cmd(fbt_env *e, const char *command)
{
    char cmd[2048], *out;
    int status;

    snprintf(cmd, sizeof cmd, "'%s' %s --config '%s' 2>&1", FITBOT_BIN_PATH,
             command, fbt_config_path(e));
    out = run(cmd, &status);
    ck_assert_msg(status == 0, "fitbot %s exited %d:\n%s", command, status,
                  out);
    return out;
}

/* Fail the test with why and detail; the transcript out and the whole
 * detail are printed on stderr first (too long for a Check message). */
static void fail_with(const char *out, const char *why, const char *detail)
{
    fprintf(stderr,
            "---- the tour's transcript ----\n%s\n---- end ----\n%s: %s\n", out,
            why, detail);
    ck_abort_msg("%s: %.300s", why, detail);
}

/* Play the tour through fitbot-chat, its files kept in the test's folder,
 * as scripts/demo does (demo_tour | demo_chat). The host sends without
 * Telegram's pacing (fast_pacing), so fitbot-chat waits 1 s of quiet
 * after each answer instead of 1.3 s (a step whose answer comes in parts
 * more than that apart, on a slow sanitizer build, would take the next
 * line early); it waits up to 15 s for the first
 * answer. Returns the transcript. */
static char *play_tour(fbt_env *e)
{
    char cmd[4096], *out;
    int status;

    snprintf(cmd, sizeof cmd,
             "bash -c '. \"$1\" && demo_tour' _ '%s' | TMPDIR='%s' '%s' "
             "--url '%s' --token '%s' --member %lld --admin %lld "
             "--settle-ms 1000 --wait-ms 15000 2>&1",
             DEMO_SH, fbt_dir(e), CHAT_BIN, fbt_sandbox_url(e), fbt_token(e),
             (long long)MEMBER_ID, (long long)ADMIN_ID);
    out = run(cmd, &status);
    if (status != 0)
        fail_with(out, "fitbot-chat failed", "see its output");
    return out;
}

/* What each step of the tour shows, in the transcript fitbot-chat prints
 * (whoever's chat it is in: a message to the other person is tagged with
 * their name, or not, depending on when it comes). */
static const char *const steps[] = {
    /* users: the member registers (a wrong phone on the way), the admin
     * approves */
    "Welcome to the club's bot, Asha!",
    "An Indian mobile number has 10 digits",
    "🆕 New registration",
    "(pressed ✅ Approve)",
    "🎉 Your registration was approved",
    "role: member · status: approved",
    /* subscriptions: a plan, the member subscribes */
    "30 days · ₹1,500.00 · active",
    "📝 Requested: Monthly for ₹1,500.00",
    /* payments: by UPI (the QR code and the link, with the club's VPA from
     * demo_club_config), a screenshot, the admin approves */
    "💳 Payment #1: Monthly membership, ₹1,500.00.",
    "Scan to pay ₹1,500.00 to fitclub@okhdfc (payment #1).",
    "upi://pay?pa=fitclub@okhdfc&pn=Fit%20Club",
    "💳 Payment #1 waits for approval",
    "✅ Payment #1 approved: ₹1,500.00 received for Monthly membership.",
    "🎉 Payment approved: your Monthly membership runs from",
    "Status: active",
    /* gst_store + invoices_v2: the seeded store and GST settings, the
     * invoice issued, its PDF sent, paid at the desk and approved */
    "Whey protein 1 kg · ₹3,499.00 · 18%",
    "From Fit Club Pvt Ltd (GSTIN 27AAPFU0939F1ZV)",
    "(pressed 📤 Send)",
    "✅ Issued INV/",
    "[file INV-",
    "💳 Payment #2: Invoice INV/",
    "🕓 Please pay ₹3,499.00 in cash at the desk.",
    "✅ Payment #2 approved: ₹3,499.00 received for Invoice INV/",
    "is paid: ₹3,499.00 received. Thank you!",
    /* ar: a receivable, /my_dues, a split payment with credit left */
    "✅ Receivable #1 created: Asha Verma (7000000001) owes ₹250.00.",
    "🧾 Receivable #1: ₹250.00 for Protein shake x2 is on your account",
    "🧾 Your dues",
    "#1 Protein shake x2 · ₹250.00 of ₹250.00 · due 2030-12-31",
    "Credit: ₹50.00 (used first on the next dues)",
    "✅ Payment #1 of ₹300.00 from Asha Verma (7000000001) recorded by Ravi",
    "✅ The club received ₹300.00 from you. Thank you!",
    "Credit now: ₹50.00",
    /* broadcast: composed and sent to all members (the copies are checked
     * in the chats below: they may come after fitbot-chat has quit) */
    "📣 New broadcast. Who should receive it?",
    "Send this to 2 people (All members)?",
    "(pressed 📣 Send)",
    /* the command menu the member now has, from every plugin */
    ("(command menu: /start /register /whoami /menu /subscribe "
     "/my_subscription /my_payments /my_dues)"),
};

START_TEST(tour_with_all_plugins)
{
    char *club = demo_sh("demo_club_config", NULL);
    fbt_options o = {.plugins = TOUR_PLUGINS,
                     .super_admin = ADMIN_ID,
                     .fast_pacing = 1,
                     .config_extra = club};
    fbt_env *e = fbtc_start(&o);
    char args[1100], *out;
    const char *at;
    unsigned char *pdf;
    size_t i, len;
    fbt_msg *m;
    long long n;

    /* all seven load together: none refused, no route in conflict */
    ck_assert_int_eq(fbt_log_count(e, "event=plugin_loaded"), N_PLUGINS);
    ck_assert_int_eq(fbt_log_count(e, "event=plugin_refused"), 0);
    out = fitbot_cmd(e, "plugins");
    for (at = out, n = 0; (at = strstr(at, "\nloaded ")); at++)
        n++;
    ck_assert_msg(n == N_PLUGINS, "%lld loaded:\n%s", n, out);
    free(out);
    free(fitbot_cmd(e, "routes"));

    snprintf(args, sizeof args, "'%s'", fbt_db_url(e));
    free(demo_sh("demo_seed", args));

    out = play_tour(e);
    for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (!strstr(out, steps[i]))
            fail_with(out, "not in the tour's transcript", steps[i]);
    if (strstr(out, "(sandbox:") || strstr(out, "fitbot-chat:"))
        fail_with(out, "fitbot-chat reported an error", "see the transcript");

    /* the member's own chat: the invoice as a PDF, the broadcast's copy */
    m = fbt_wait_bot(e, MEMBER_ID, "TAX INVOICE INV/", 15000);
    if (!m || !m->document || !m->file_id)
        fail_with(out, "the member got no invoice", fbt_error(e));
    ck_assert_msg(strstr(m->document, ".pdf"), "%s", m->document);
    pdf = fbt_file(e, m->file_id, &len);
    ck_assert_msg(pdf && len > 4 && memcmp(pdf, "%PDF", 4) == 0,
                  "the invoice is not a PDF");
    free(pdf);
    fbt_msg_free(m);
    m = fbt_wait_bot(e, MEMBER_ID,
                     "Hi Asha Verma, the club is open this Sunday from 6 am!",
                     20000);
    if (!m)
        fail_with(out, "the member got no broadcast", fbt_error(e));
    fbt_msg_free(m);
    m = fbt_wait_bot(e, ADMIN_ID, "Sent 2 · failed 0 · blocked 0", 20000);
    if (!m)
        fail_with(out, "the broadcast did not finish", fbt_error(e));
    fbt_msg_free(m);

    free(out);
    fbt_stop(e);
    free(club);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "demo_tour", .tcase = "tour", .timeout = 170};

    return FBTC_RUN(&def, tour_with_all_plugins);
}
