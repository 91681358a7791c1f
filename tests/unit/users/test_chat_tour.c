/* fitbot-chat plays the demo's tour (scripts/lib/demo.sh: demo_tour)
 * against the real host, the sandbox and PostgreSQL: a member registers,
 * the admin approves, and the printed transcript shows it all. Needs
 * FITBOT_TEST_DATABASE_URL (fails without it). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc_kit.h"

#define ADMIN_ID 100000001
#define MEMBER_ID 7000000001LL

/* Run the tour through fitbot-chat; returns its output (malloc'd) and
 * sets *status to its exit status. */
static char *play_tour(fbt_env *e, int *status)
{
    char cmd[4096], *out = NULL;
    size_t len = 0;
    FILE *p, *mem = open_memstream(&out, &len);
    int ch;

    snprintf(cmd, sizeof cmd,
             "bash -c '. \"$1\"; demo_tour' _ '%s' | '%s' --url '%s' "
             "--token '%s' --member %lld --admin %lld 2>&1",
             DEMO_SH, CHAT_BIN, fbt_sandbox_url(e), fbt_token(e),
             (long long)MEMBER_ID, (long long)ADMIN_ID);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    while ((ch = fgetc(p)) != EOF)
        fputc(ch, mem);
    *status = pclose(p);
    fclose(mem);
    return out;
}

START_TEST(tour_registers_and_approves)
{
    fbt_options o = {.plugins = "users",
                     .super_admin = ADMIN_ID,
                     .config_extra = "[plugin.users]\napproval = staff\n"};
    fbt_env *e = fbtc_start(&o);
    char *out, *role;
    int status;

    out = play_tour(e, &status);
    ck_assert_msg(status == 0, "fitbot-chat failed:\n%s", out);
    ck_assert_msg(strstr(out, "Welcome to the club's bot, Asha!"), "%s", out);
    ck_assert_msg(strstr(out, "An Indian mobile number has 10 digits"), "%s",
                  out);
    ck_assert_msg(strstr(out, "[admin]   bot: 🆕 New registration"), "%s", out);
    ck_assert_msg(strstr(out, "(pressed ✅ Approve)"), "%s", out);
    ck_assert_msg(strstr(out, "Approved by Ravi"), "%s", out);
    ck_assert_msg(strstr(out, "[member]   bot: 🎉 Your registration was "
                              "approved"),
                  "%s", out);
    ck_assert_msg(strstr(out, "(bot answered the press: Approved.)"), "%s",
                  out);
    ck_assert_msg(strstr(out, "role: member · status: approved"), "%s", out);
    ck_assert_msg(strstr(out, "(command menu: /start /register /whoami /menu)"),
                  "%s", out);
    role =
        fbt_sql(e, "SELECT role FROM fb_users WHERE id = 7000000001", 0, NULL);
    ck_assert_str_eq(role, "member");
    free(role);
    free(out);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "users_chat_tour", .tcase = "tour", .timeout = 240};

    return FBTC_RUN(&def, tour_registers_and_approves);
}
