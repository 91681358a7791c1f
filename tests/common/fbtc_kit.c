/* See fbtc_kit.h. */
#include <stdlib.h>

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
