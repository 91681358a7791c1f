/* The fbtest kit's environment: plugin lists (folders and .so files,
 * companions, duplicate names), extra migration folders, the test clock
 * file and fast pacing, on the real host with the test plugins tp_old
 * (its own folder) and tp_sub. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "fbtest.h"

#define TP_OLD_SO TP_OLD_DIR "/tp_old.so"
#define TP_SUB_SO TP_RUN_DIR "/tp_sub.so"

/* A plugin folder and a single .so file from another one: both load. */
START_TEST(folder_and_file)
{
    fbt_options o = {.plugins = "tp_old, tp_sub",
                     .plugin_dir = TP_OLD_DIR ":" TP_SUB_SO};
    fbt_env *e = fbt_start(&o);
    char link[1024], got[1024];
    ssize_t n;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    snprintf(link, sizeof link, "%s/plugins/tp_sub.so", fbt_dir(e));
    n = readlink(link, got, sizeof got - 1);
    ck_assert_int_gt(n, 0);
    got[n] = '\0';
    ck_assert_str_eq(got, TP_SUB_SO);
    ck_assert_int_eq(fbt_log_count(e, "event=plugin_loaded"), 2);
    fbt_stop(e);
}
END_TEST

/* An empty entry stands for FITBOT_TEST_PLUGIN_DIR: a companion is added
 * to the default folder, not instead of it. */
START_TEST(empty_entry_is_the_default)
{
    fbt_options o = {.plugins = "tp_old, tp_sub", .plugin_dir = ":" TP_SUB_SO};
    fbt_env *e;

    setenv("FITBOT_TEST_PLUGIN_DIR", TP_OLD_DIR, 1);
    e = fbt_start(&o);
    unsetenv("FITBOT_TEST_PLUGIN_DIR");
    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    fbt_stop(e);
}
END_TEST

/* One name in two folders is refused, naming both; the same file listed
 * twice is not a duplicate. */
START_TEST(duplicate_name_names_both)
{
    char tmp[] = "/tmp/kitdup.XXXXXX", copy[256], list[1024], cmd[600];
    fbt_options o = {.no_host = 1, .plugin_dir = list};
    fbt_env *e;

    ck_assert_ptr_nonnull(mkdtemp(tmp));
    snprintf(copy, sizeof copy, "%s/tp_old.so", tmp);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", TP_OLD_SO, copy);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(list, sizeof list, "%s:%s", TP_OLD_DIR, tmp);
    ck_assert_ptr_null(fbt_start(&o));
    ck_assert_msg(strstr(fbt_error(NULL), "tp_old.so is in two places") &&
                      strstr(fbt_error(NULL), TP_OLD_SO) &&
                      strstr(fbt_error(NULL), copy),
                  "%s", fbt_error(NULL));
    snprintf(list, sizeof list, "%s:%s", TP_OLD_DIR, TP_OLD_SO);
    e = fbt_start(&o);
    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    fbt_stop(e);
    snprintf(list, sizeof list, "%s/nothing-here", tmp);
    ck_assert_ptr_null(fbt_start(&o));
    ck_assert_ptr_nonnull(strstr(fbt_error(NULL), list));
    unlink(copy);
    rmdir(tmp);
}
END_TEST

/* A relative migrations folder is taken from the current folder; a
 * missing one is named at once. */
START_TEST(sql_dirs_relative_and_missing)
{
    fbt_options o = {.no_host = 1, .sql_dirs = "tp_rel=."};
    fbt_env *e = fbt_start(&o);
    char link[1024], got[1024], cwd[1024];
    ssize_t n;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    snprintf(link, sizeof link, "%s/sql/tp_rel", fbt_dir(e));
    n = readlink(link, got, sizeof got - 1);
    ck_assert_int_gt(n, 0);
    got[n] = '\0';
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(got[0], '/');
    ck_assert_ptr_nonnull(strstr(got, cwd));
    fbt_stop(e);
    o.sql_dirs = "tp_gone=/nonexistent/sql/tp_gone";
    ck_assert_ptr_null(fbt_start(&o));
    ck_assert_ptr_nonnull(strstr(fbt_error(NULL), "/nonexistent/sql/tp_gone"));
}
END_TEST

static long long read_offset(const fbt_env *e)
{
    FILE *f = fopen(fbt_clock_path(e), "r");
    long long v = -999999;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fscanf(f, "%lld", &v), 1);
    fclose(f);
    return v;
}

/* The whole file, malloc'd. */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = calloc(1, 8192);

    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(buf);
    buf[fread(buf, 1, 8191, f)] = '\0';
    fclose(f);
    return buf;
}

static struct timespec mtime(const fbt_env *e)
{
    struct stat st;

    ck_assert_int_eq(stat(fbt_clock_path(e), &st), 0);
    return st.st_mtim;
}

static int later(struct timespec a, struct timespec b)
{
    return b.tv_sec > a.tv_sec ||
           (b.tv_sec == a.tv_sec && b.tv_nsec > a.tv_nsec);
}

/* The config names the clock file; it starts at 0; each write is whole
 * and gets a later mtime, even twice within a second. */
START_TEST(clock_file)
{
    fbt_options o = {.no_host = 1};
    fbt_env *e = fbt_start(&o);
    char *conf, want[1200];
    struct timespec t0, t1, t2;
    int64_t target;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    conf = read_text(fbt_config_path(e));
    snprintf(want, sizeof want, "test_clock_file = %s\n", fbt_clock_path(e));
    ck_assert_msg(strstr(conf, want), "config:\n%s", conf);
    free(conf);
    ck_assert_int_eq(read_offset(e), 0);
    t0 = mtime(e);
    ck_assert_int_eq(fbt_clock_advance(e, 90), 0);
    t1 = mtime(e);
    ck_assert_int_eq(fbt_clock_advance(e, -30), 0);
    t2 = mtime(e);
    ck_assert_int_eq(read_offset(e), 60);
    ck_assert(later(t0, t1) && later(t1, t2));
    target = (int64_t)time(NULL) + 3 * 86400;
    ck_assert_int_eq(fbt_clock_set(e, target), 0);
    ck_assert(llabs(read_offset(e) - 3 * 86400) <= 1);
    ck_assert(llabs((long long)(fbt_clock_now(e) - target)) <= 1);
    fbt_stop(e);
}
END_TEST

/* Start tp_old with or without fast pacing, send six /old to one chat
 * and wait for the six replies; the milliseconds it took, and the
 * environment in *out (still running). */
static int64_t six_replies_ms(int fast, fbt_env **out)
{
    fbt_options o = {
        .plugins = "tp_old", .plugin_dir = TP_OLD_DIR, .fast_pacing = fast};
    fbt_env *e = fbt_start(&o);
    int64_t t0;
    fbt_msg *m;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    ck_assert_int_eq(fbt_user(e, 1001, "Asha", NULL), 0);
    t0 = fbt_now_ms();
    for (int i = 0; i < 6; i++)
        ck_assert_int_eq(fbt_say(e, 1001, "/old"), 0);
    for (int i = 0; i < 6; i++) {
        m = fbt_expect(e, 1001, "tp_old runs", 10000);
        ck_assert_msg(m != NULL, "%s", fbt_error(e));
        fbt_msg_free(m);
    }
    *out = e;
    return fbt_now_ms() - t0;
}

/* Six replies to one chat: the host's pacing (three at once, then one a
 * second) would take three seconds; fast pacing sends them at once. */
START_TEST(fast_pacing)
{
    fbt_env *e;
    int64_t ms = six_replies_ms(1, &e);

    ck_assert_msg(ms < 2000, "six replies took %lld ms", (long long)ms);
    fbt_stop(e);
}
END_TEST

/* Without fast pacing the host keeps Telegram's pace (and the sandbox
 * its flood limits): the same six replies take seconds, with no
 * flood-limit violation. */
START_TEST(real_pacing)
{
    fbt_env *e;
    int64_t ms = six_replies_ms(0, &e);

    ck_assert_msg(ms >= 2000, "six replies took %lld ms", (long long)ms);
    ck_assert_int_eq(fbt_counter(e, "limit_violations"), 0);
    fbt_stop(e);
}
END_TEST

static void add(TCase *tc)
{
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, folder_and_file);
    tcase_add_test(tc, empty_entry_is_the_default);
    tcase_add_test(tc, duplicate_name_names_both);
    tcase_add_test(tc, sql_dirs_relative_and_missing);
    tcase_add_test(tc, clock_file);
    tcase_add_test(tc, fast_pacing);
    tcase_add_test(tc, real_pacing);
}

CHECK_MAIN("sdk_kit_env", add)
