/* Story headers and steps of the kit's runner, parsed: plugin lists,
 * migrations, pacing, the time zone and clock steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "story.h"

/* Parse text as a story; 0 or -1 with the reason in err. */
static int parse_text(const char *text, story *s, char *err, size_t len)
{
    char path[] = "/tmp/kitstory.XXXXXX";
    int fd = mkstemp(path), rc;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    rc = story_parse(path, s, err, len);
    unlink(path);
    return rc;
}

START_TEST(plugins_and_migrations)
{
    story s;
    char err[512];

    ck_assert_msg(parse_text("plugin dir: examples/plugins:/abs/plugins\n"
                             "plugin: plugins/users.so\n"
                             "plugin: ../build/other.so\n"
                             "migrations: other = ../other/sql\n"
                             "migrations: more=/abs/sql\n"
                             "user asha 1001\nasha: /x\n",
                             &s, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_str_eq(s.plugin_dir, "examples/plugins:/abs/plugins");
    ck_assert_str_eq(s.plugin_files, "plugins/users.so:../build/other.so");
    ck_assert_str_eq(s.sql_dirs, "other=../other/sql;more=/abs/sql");
    ck_assert_int_eq(s.real_pacing, 0); /* fast unless asked */
    story_free(&s);
    ck_assert_int_ne(
        parse_text("plugin: users\nuser a 1\na: x\n", &s, err, sizeof err), 0);
    ck_assert_ptr_nonnull(strstr(err, "PATH/NAME.so"));
    story_free(&s);
    ck_assert_int_ne(
        parse_text("migrations: nopath\nuser a 1\na: x\n", &s, err, sizeof err),
        0);
    story_free(&s);
}
END_TEST

START_TEST(pacing)
{
    story s;
    char err[512];

    ck_assert_int_eq(
        parse_text("pacing: real\nuser a 1\na: x\n", &s, err, sizeof err), 0);
    ck_assert_int_eq(s.real_pacing, 1);
    story_free(&s);
    ck_assert_int_ne(
        parse_text("pacing: slow\nuser a 1\na: x\n", &s, err, sizeof err), 0);
    story_free(&s);
}
END_TEST

/* 2030-01-15 09:00 in Kolkata (UTC+5:30) is 03:30 UTC; without a zone,
 * UTC. Relative steps count seconds. The zone is the host's too. */
START_TEST(clock_steps)
{
    story s;
    char err[512];

    ck_assert_msg(parse_text("timezone: Asia/Kolkata\nuser a 1\n"
                             "clock: 2030-01-15 09:00\nclock: +3d\n"
                             "clock: +2h\nclock: +30m\nclock: +45s\n"
                             "clock: 2030-01-15 09:00:30\n",
                             &s, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_int_eq(s.nsteps, 6);
    ck_assert_int_eq(s.steps[0].op, ST_CLOCK);
    ck_assert_int_eq(s.steps[0].relative, 0);
    ck_assert_int_eq(s.steps[0].at, 1894678200);
    ck_assert_int_eq(s.steps[1].relative, 1);
    ck_assert_int_eq(s.steps[1].at, 3 * 86400);
    ck_assert_int_eq(s.steps[2].at, 2 * 3600);
    ck_assert_int_eq(s.steps[3].at, 30 * 60);
    ck_assert_int_eq(s.steps[4].at, 45);
    ck_assert_int_eq(s.steps[5].at, 1894678230);
    ck_assert_ptr_nonnull(strstr(s.host_config, "timezone = Asia/Kolkata\n"));
    story_free(&s);
    ck_assert_int_eq(
        parse_text("user a 1\nclock: 2030-01-15 09:00\n", &s, err, sizeof err),
        0);
    ck_assert_int_eq(s.steps[0].at, 1894698000);
    story_free(&s);
    ck_assert_int_ne(parse_text("user a 1\nclock: +3w\n", &s, err, sizeof err),
                     0);
    story_free(&s);
    ck_assert_int_ne(
        parse_text("user a 1\nclock: tomorrow\n", &s, err, sizeof err), 0);
    story_free(&s);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, plugins_and_migrations);
    tcase_add_test(tc, pacing);
    tcase_add_test(tc, clock_steps);
}

CHECK_MAIN("sdk_kit_story", add)
