/* Shared pieces of the Check tests that drive the real host through the
 * test kit (sdk/testkit/fbtest.h). Both abort the test on failure. */
#ifndef FITBOT_TESTS_FBTC_KIT_H
#define FITBOT_TESTS_FBTC_KIT_H

#include "fbtc.h"
#include "fbtest.h"

/* fbt_start that must succeed: FITBOT_TEST_DATABASE_URL must be set, and a
 * failed start aborts the test with the kit's reason. */
fbt_env *fbtc_start(const fbt_options *o);

/* First column of the first row of sql (parameters $1..$n) as an
 * integer. */
long long fbtc_sql_int(fbt_env *e, const char *sql, int n,
                       const char *const *params);

/* A loopback port nobody listens on now (bound, read, closed). */
int fbtc_free_port(void);

#endif
