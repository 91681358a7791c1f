/* The test kit's exit handler stops only the environments of the process
 * that started them: a child forked by a test, exiting normally, leaves its
 * parent's sandbox, host and database running. */
#include <check.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fbtc.h"
#include "fbtest.h"

START_TEST(forked_child_exit_leaves_parent_env)
{
    fbt_options o = {.plugins = "hello", .plugin_dir = HELLO_PLUGIN_DIR};
    fbt_env *e = fbt_start(&o);
    char *v;
    int status;
    pid_t pid;

    ck_assert_msg(e != NULL, "%s", fbt_error(NULL));
    pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0)
        exit(0); /* runs the kit's atexit handler in the child */
    ck_assert(waitpid(pid, &status, 0) == pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_msg(fbt_host_running(e), "the child's exit stopped the host");
    ck_assert_msg(fbt_counter(e, "requests") >= 0,
                  "the child's exit stopped the sandbox: %s", fbt_error(e));
    v = fbt_sql(e, "SELECT 1", 0, NULL);
    ck_assert_msg(v != NULL, "the child's exit dropped the database: %s",
                  fbt_error(e));
    free(v);
    ck_assert_int_eq(fbt_host_stop(e), 0);
    fbt_stop(e);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "kit",
        .tcase = "fork",
        .timeout = 120,
    };

    return FBTC_RUN(&def, forked_child_exit_leaves_parent_env);
}
