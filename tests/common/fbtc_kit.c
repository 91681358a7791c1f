/* See fbtc_kit.h. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fbtc_kit.h"

fbt_env *fbtc_start(const fbt_options *o)
{
    fbt_env *e;

    ck_assert_msg(fbtc_admin_url(), "FITBOT_TEST_DATABASE_URL is not set");
    e = fbt_start(o);
    ck_assert_msg(e, "fbt_start: %s", fbt_error(NULL));
    return e;
}

long long fbtc_sql_int(fbt_env *e, const char *sql, int n,
                       const char *const *params)
{
    char *v = fbt_sql(e, sql, n, params);
    long long x;

    ck_assert_msg(v, "%s: %s", sql, fbt_error(e));
    x = strtoll(v, NULL, 10);
    free(v);
    return x;
}

/* See fbtc_kit.h. */
int fbtc_free_port(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    port = ntohs(a.sin_port);
    close(fd);
    return port;
}
