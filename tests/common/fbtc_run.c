/* See fbtc.h: the runner. */
#include <stdlib.h>

#include "fbtc.h"

int fbtc_run(const fbtc_suite *def, const TTest *const *tests, size_t n)
{
    Suite *s;
    TCase *tc;
    SRunner *sr;
    int failed;

    if (def->needs_pg && fbtc_require_pg(def->name))
        return EXIT_FAILURE;
    s = suite_create(def->name);
    tc = tcase_create(def->tcase);
    if (def->timeout > 0)
        tcase_set_timeout(tc, def->timeout);
    if (def->setup || def->teardown)
        tcase_add_checked_fixture(tc, def->setup, def->teardown);
    for (size_t i = 0; i < n; i++)
        tcase_add_test(tc, tests[i]);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
