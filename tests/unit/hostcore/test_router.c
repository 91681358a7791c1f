/* Route table: conflicts refused naming both plugins, priority decides who
 * keeps a match, longest prefix wins, the generic route never receives a
 * claimed prefix (also one of a disabled plugin), commands parsed. */
#include "tp_dir.h"

#include "router.h"

typedef struct env {
    char *dir;
    fb__plugins *p;
    fb__router *r;
} env;

static env build(const char *const *disable, size_t nd, const char *first, ...)
{
    env e;
    char err[512];
    va_list ap;
    const char *names[8];
    int n = 0;
    va_start(ap, first);
    for (const char *s = first; s && n < 7; s = va_arg(ap, const char *))
        names[n++] = s;
    va_end(ap);
    names[n] = NULL;
    e.dir = tp_dir(names[0], n > 1 ? names[1] : NULL, n > 2 ? names[2] : NULL,
                   n > 3 ? names[3] : NULL, NULL);
    e.p = tp_load(e.dir, disable, nd, 0, err, sizeof err);
    ck_assert_msg(e.p, "%s", err);
    e.r = fb__router_new(e.p, 0, err, sizeof err);
    ck_assert_msg(e.r, "%s", err);
    return e;
}

static void done(env *e)
{
    fb__router_free(e->r);
    fb__plugins_free(e->p);
    tp_rmdir(e->dir);
}

static void conflict(const char *other, const char *loser, const char *want)
{
    env e = build(NULL, 0, "tp_good", other, NULL);
    const char *winner = strcmp(loser, "tp_good") ? "tp_good" : other;
    const char *named = strcmp(other, "tp_cancel") ? winner : loser;
    const fb__unloaded *u = tp_off(e.p, loser);
    ck_assert_msg(u, "%s was not refused", loser);
    ck_assert_msg(strstr(u->reason, loser) && strstr(u->reason, named) &&
                      strstr(u->reason, want),
                  "reason '%s' must name %s, %s and '%s'", u->reason, loser,
                  winner, want);
    ck_assert_int_eq(e.p->n, 1);
    ck_assert_ptr_nonnull(fb__plugins_find(e.p, winner));
    done(&e);
}

START_TEST(same_command_refused)
{
    conflict("tp_samecmd", "tp_samecmd", "command hello");
}
END_TEST

START_TEST(same_prefix_refused)
{
    conflict("tp_sameprefix", "tp_sameprefix", "callback good:");
}
END_TEST

START_TEST(nested_prefix_refused)
{
    conflict("tp_nested", "tp_nested", "good:x");
}
END_TEST

START_TEST(second_generic_refused)
{
    /* "tp_generic2" sorts before "tp_good": tp_good is the later one */
    conflict("tp_generic2", "tp_good", "generic route of plugin tp_good");
}
END_TEST

START_TEST(cancel_is_the_hosts)
{
    conflict("tp_cancel", "tp_cancel", "/cancel belongs to the host");
}
END_TEST

START_TEST(priority_decides_who_keeps_it)
{
    /* tp_zz_hello sorts after tp_good by name but has priority 1 */
    conflict("tp_zz_hello", "tp_good", "command hello");
}
END_TEST

START_TEST(strict_conflict_is_fatal)
{
    char err[512];
    char *dir = tp_dir("tp_good", "tp_samecmd", NULL);
    fb__plugins *p = tp_load(dir, NULL, 0, 0, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_null(fb__router_new(p, 1, err, sizeof err));
    ck_assert_msg(strstr(err, "tp_samecmd") && strstr(err, "tp_good"), "%s",
                  err);
    fb__plugins_free(p);
    tp_rmdir(dir);
}
END_TEST

static void expect(fb__pick k, fb__pick_kind kind, const char *owner,
                   const char *match)
{
    ck_assert_int_eq(k.kind, kind);
    if (owner)
        ck_assert_str_eq(k.owner, owner);
    if (kind == FB__PICK_ROUTE) {
        const char *m = k.e->route->match ? k.e->route->match : "(generic)";
        ck_assert_str_eq(m, match);
    }
}

START_TEST(lookup)
{
    env e = build(NULL, 0, "tp_good", "tp_first", NULL);
    expect(fb__router_callback(e.r, "good:deep:7"), FB__PICK_ROUTE, "tp_good",
           "good:deep:");
    expect(fb__router_callback(e.r, "good:7"), FB__PICK_ROUTE, "tp_good",
           "good:");
    expect(fb__router_callback(e.r, "tp_first:1"), FB__PICK_ROUTE, "tp_first",
           "tp_first:");
    expect(fb__router_callback(e.r, "unclaimed:1"), FB__PICK_ROUTE, "tp_good",
           "(generic)");
    expect(fb__router_callback(e.r, "good"), FB__PICK_ROUTE, "tp_good",
           "(generic)");
    expect(fb__router_command(e.r, "hello"), FB__PICK_ROUTE, "tp_good",
           "hello");
    expect(fb__router_command(e.r, "cancel"), FB__PICK_CANCEL, NULL, NULL);
    expect(fb__router_command(e.r, "nosuch"), FB__PICK_ROUTE, "tp_good",
           "(generic)");
    ck_assert_ptr_nonnull(fb__router_command(e.r, "join").e->enters);
    ck_assert_str_eq(fb__router_command(e.r, "join").e->enters->name, "f");
    /* table order: tp_first (priority 1) first */
    ck_assert_str_eq(fb__router_at(e.r, 0)->plugin->name, "tp_first");
    ck_assert_int_eq(fb__router_count(e.r), 7);
    done(&e);
}
END_TEST

START_TEST(disabled_prefix_never_reaches_generic)
{
    const char *off[] = {"tp_good"};
    env e = build(off, 1, "tp_good", "tp_generic2", NULL);
    expect(fb__router_callback(e.r, "good:1"), FB__PICK_DISABLED, "tp_good",
           NULL);
    expect(fb__router_callback(e.r, "good:deep:1"), FB__PICK_DISABLED,
           "tp_good", NULL);
    expect(fb__router_command(e.r, "hello"), FB__PICK_DISABLED, "tp_good",
           NULL);
    expect(fb__router_callback(e.r, "other"), FB__PICK_ROUTE, "tp_generic2",
           "(generic)");
    done(&e);
}
END_TEST

START_TEST(no_generic_means_none)
{
    env e = build(NULL, 0, "tp_first", NULL);
    ck_assert_int_eq(fb__router_callback(e.r, "x").kind, FB__PICK_NONE);
    ck_assert_int_eq(fb__router_command(e.r, "x").kind, FB__PICK_NONE);
    done(&e);
}
END_TEST

START_TEST(parse_commands)
{
    char cmd[64];
    const char *args;
    int foreign;
    ck_assert_int_eq(fb__router_parse_command("/Start@FitBot  a b ", "fitbot",
                                              cmd, sizeof cmd, &args, &foreign),
                     1);
    ck_assert_str_eq(cmd, "start");
    ck_assert_str_eq(args, "a b ");
    ck_assert_int_eq(foreign, 0);
    ck_assert_int_eq(fb__router_parse_command("/start@OtherBot", "fitbot", cmd,
                                              sizeof cmd, &args, &foreign),
                     1);
    ck_assert_int_eq(foreign, 1);
    ck_assert_int_eq(fb__router_parse_command("/menu", NULL, cmd, sizeof cmd,
                                              &args, &foreign),
                     1);
    ck_assert_str_eq(cmd, "menu");
    ck_assert_str_eq(args, "");
    ck_assert_int_eq(fb__router_parse_command("hello /x", NULL, cmd, sizeof cmd,
                                              &args, &foreign),
                     0);
    ck_assert_int_eq(
        fb__router_parse_command("/ x", NULL, cmd, sizeof cmd, &args, &foreign),
        0);
    ck_assert_int_eq(
        fb__router_parse_command("/", NULL, cmd, sizeof cmd, &args, &foreign),
        0);
}
END_TEST

START_TEST(print_table)
{
    const char *off[] = {"tp_nested"};
    env e = build(off, 1, "tp_good", "tp_nested", "tp_magic", NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_int_eq(fb__router_print(e.r, e.p, f), 0);
    fclose(f);
    ck_assert_msg(strstr(buf, "/hello") && strstr(buf, "good:deep:*") &&
                      strstr(buf, "admin") && strstr(buf, "/cancel") &&
                      strstr(buf, "disabled  good:x*") &&
                      strstr(buf, "wrong magic"),
                  "%s", buf);
    free(buf);
    done(&e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "hostcore_router",
                                   .tcase = "router"};

    return FBTC_RUN(&def, same_command_refused, same_prefix_refused,
                    nested_prefix_refused, second_generic_refused,
                    cancel_is_the_hosts, priority_decides_who_keeps_it,
                    strict_conflict_is_fatal, lookup,
                    disabled_prefix_never_reaches_generic,
                    no_generic_means_none, parse_commands, print_table);
}
