/* The example and the users plugin share one plugin folder (as in the
 * demo): both load, /hello is the example's and /start stays the users
 * plugin's (no route conflict refuses either). */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fbtc.h"
#include "fbtest.h"

#define ASHA 1001
#define WAIT 10000

static void link_plugin(const char *dir, const char *so_path, const char *name)
{
    char to[PATH_MAX];

    snprintf(to, sizeof to, "%s/%s", dir, name);
    ck_assert_msg(symlink(so_path, to) == 0, "symlink %s", to);
}

START_TEST(hello_and_users_load_together)
{
    char dir[] = "/tmp/fbt-plugins.XXXXXX", path[PATH_MAX];
    fbt_options o = {.plugins = "hello, users", .plugin_dir = dir};
    fbt_env *e;
    fbt_msg *m;

    ck_assert(mkdtemp(dir) != NULL);
    link_plugin(dir, HELLO_SO, "hello.so");
    link_plugin(dir, USERS_SO, "users.so");
    e = fbt_start(&o);
    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    ck_assert_int_eq(fbt_log_count(e, "refused"), 0);
    ck_assert_int_eq(fbt_user(e, ASHA, "Asha", "member"), 0);
    ck_assert_int_eq(fbt_say(e, ASHA, "/hello"), 0);
    m = fbt_expect(e, ASHA, "I am the example plugin", WAIT);
    ck_assert_msg(m != NULL, "%s", fbt_error(e));
    fbt_msg_free(m);
    ck_assert_int_eq(fbt_say(e, ASHA, "/start"), 0);
    m = fbt_next(e, ASHA, WAIT);
    ck_assert_msg(m != NULL, "/start got no answer");
    ck_assert_msg(!fbt_match("example plugin", m->text), "%s", m->text);
    fbt_msg_free(m);
    ck_assert_int_eq(fbt_host_stop(e), 0);
    fbt_stop(e);
    snprintf(path, sizeof path, "%s/hello.so", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/users.so", dir);
    unlink(path);
    rmdir(dir);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "dispatch",
        .tcase = "plugin_folder",
        .timeout = 120,
    };

    return FBTC_RUN(&def, hello_and_users_load_together);
}
