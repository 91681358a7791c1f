/* Loader refusals: each broken plugin is refused with a reason saying why,
 * next to a good one that loads; strict_plugins turns a refusal into a
 * failed load; disabled plugins keep their matches. */
#include "tp_dir.h"

/* Load tp_good + bad; assert bad is refused with reason containing want. */
static void refused_with(const char *bad, const char *name, const char *want)
{
    char err[512];
    char *dir = tp_dir("tp_good", bad, NULL);
    fb__plugins *p = tp_load(dir, NULL, 0, 0, err, sizeof err);
    const fb__unloaded *u;
    ck_assert_msg(p, "load failed: %s", err);
    ck_assert_int_eq(p->n, 1);
    ck_assert_str_eq(p->v[0].name, "tp_good");
    ck_assert_ptr_nonnull(p->v[0].dl);
    u = tp_off(p, name);
    ck_assert_msg(u, "%s not listed as refused", name);
    ck_assert_int_eq(u->disabled, 0);
    ck_assert_msg(strstr(u->reason, want), "reason for %s: '%s' lacks '%s'",
                  bad, u->reason, want);
    fb__plugins_free(p);
    tp_rmdir(dir);
}

START_TEST(wrong_magic)
{
    refused_with("tp_magic", "tp_magic", "wrong magic");
}
END_TEST

START_TEST(other_major)
{
    refused_with("tp_major", "tp_major", "ABI major 2");
}
END_TEST

START_TEST(newer_minor)
{
    refused_with("tp_minor", "tp_minor", "newer than the host");
}
END_TEST

START_TEST(small_size)
{
    refused_with("tp_small", "tp_small", "descriptor size 16");
}
END_TEST

START_TEST(no_entry)
{
    refused_with("tp_noentry", "tp_noentry", "no fitbot_plugin_v1 symbol");
}
END_TEST

START_TEST(dlopen_failure_shows_dlerror)
{
    refused_with("tp_undef", "tp_undef", "dlopen failed");
    refused_with("tp_undef", "tp_undef", "tp_symbol_nobody_defines");
}
END_TEST

START_TEST(missing_handlers)
{
    refused_with("tp_nohandler", "tp_nohandler",
                 "route nohandler has no handler");
    refused_with("tp_nostates", "tp_nostates", "flow f has no states");
    refused_with("tp_statenohandler", "tp_statenohandler",
                 "flow f state one has no handler");
    refused_with("tp_badenters", "tp_badenters", "enters unknown flow nowhere");
}
END_TEST

START_TEST(duplicate_name)
{
    char err[512];
    char *dir = tp_dir("tp_dup_a", "tp_dup_b", NULL);
    fb__plugins *p = tp_load(dir, NULL, 0, 0, err, sizeof err);
    ck_assert_msg(p, "%s", err);
    ck_assert_int_eq(p->n, 1);
    ck_assert_str_eq(p->v[0].name, "tp_dup");
    ck_assert(strstr(p->v[0].path, "tp_dup_a.so")); /* first in name order */
    ck_assert_int_eq(p->noff, 1);
    ck_assert_str_eq(p->off[0].reason, "duplicate name tp_dup");
    ck_assert(strstr(p->off[0].path, "tp_dup_b.so"));
    fb__plugins_free(p);
    tp_rmdir(dir);
}
END_TEST

START_TEST(strict_refusal_is_fatal)
{
    char err[512];
    char *dir = tp_dir("tp_good", "tp_major", NULL);
    fb__plugins *p = tp_load(dir, NULL, 0, 1, err, sizeof err);
    ck_assert_ptr_null(p);
    ck_assert_msg(strstr(err, "tp_major") && strstr(err, "ABI major 2"),
                  "err: %s", err);
    tp_rmdir(dir);
}
END_TEST

START_TEST(order_priority_then_name)
{
    char err[512];
    char *dir = tp_dir("tp_good", "tp_first", "tp_dup_a", NULL);
    fb__plugins *p = tp_load(dir, NULL, 0, 0, err, sizeof err);
    ck_assert_msg(p, "%s", err);
    ck_assert_int_eq(p->n, 3);
    ck_assert_str_eq(p->v[0].name, "tp_first"); /* priority 1 */
    ck_assert_str_eq(p->v[1].name, "tp_dup");   /* 10, "tp_dup" < "tp_good" */
    ck_assert_str_eq(p->v[2].name, "tp_good");
    fb__plugins_free(p);
    tp_rmdir(dir);
}
END_TEST

START_TEST(disabled_keeps_matches)
{
    char err[512];
    const char *off[] = {"tp_good"};
    char *dir = tp_dir("tp_good", "tp_first", NULL);
    fb__plugins *p = tp_load(dir, off, 1, 0, err, sizeof err);
    const fb__unloaded *u;
    ck_assert_msg(p, "%s", err);
    ck_assert_int_eq(p->n, 1);
    u = tp_off(p, "tp_good");
    ck_assert_ptr_nonnull(u);
    ck_assert_int_eq(u->disabled, 1);
    ck_assert_int_eq(u->nprefixes, 2);
    ck_assert_str_eq(u->prefixes[0], "good:");
    ck_assert_str_eq(u->prefixes[1], "good:deep:");
    ck_assert_int_eq(u->ncommands, 2);
    ck_assert_str_eq(u->commands[0], "hello");
    fb__plugins_free(p);
    tp_rmdir(dir);
}
END_TEST

START_TEST(missing_folder)
{
    char err[512];
    fb__plugins *p =
        tp_load("/nonexistent/fitbot/plugins", NULL, 0, 0, err, sizeof err);
    ck_assert_ptr_null(p);
    ck_assert(strstr(err, "cannot open plugin folder"));
}
END_TEST

static int noop(fb_ctx *c)
{
    (void)c;
    return FB_OK;
}

/* ABI 1.2: a state with a question needs no handler; its next must exist;
 * a 1.1 descriptor's states still need handlers. */
START_TEST(question_states)
{
    static const fb_ask q = {.prompt = "?", .next = "two"};
    static const fb_ask bad = {.prompt = "?", .next = "nowhere"};
    fb_state st[] = {
        {.name = "one", .ask = &q}, {.name = "two", .handler = noop}, {0}};
    fb_flow fl[] = {{.name = "f", .states = st}, {0}};
    fb_plugin d = {FB_PLUGIN_HEADER, .name = "q", .flows = fl};
    char why[256] = "";
    ck_assert_msg(fb__loader_check(&d, why, sizeof why) == 0, "%s", why);
    st[0].ask = &bad;
    ck_assert_int_eq(fb__loader_check(&d, why, sizeof why), -1);
    ck_assert_str_eq(why, "flow f state one: next state nowhere unknown");
    st[0].ask = &q;
    d.abi_minor = 1;
    ck_assert_int_eq(fb__loader_check(&d, why, sizeof why), -1);
    ck_assert_msg(strstr(why, "state one has no handler"), "%s", why);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "hostcore_loader",
                                   .tcase = "loader"};

    return FBTC_RUN(&def, wrong_magic, other_major, newer_minor, small_size,
                    no_entry, dlopen_failure_shows_dlerror, missing_handlers,
                    duplicate_name, strict_refusal_is_fatal,
                    order_priority_then_name, disabled_keeps_matches,
                    missing_folder, question_states);
}
