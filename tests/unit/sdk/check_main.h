/* One Check runner per test file: CHECK_MAIN("name", tcase_adder). */
#ifndef FITBOT_SDK_CHECK_MAIN_H
#define FITBOT_SDK_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define CHECK_MAIN(name, add_cases)                                            \
    int main(void)                                                             \
    {                                                                          \
        Suite *s = suite_create(name);                                         \
        TCase *tc = tcase_create("core");                                      \
        SRunner *sr;                                                           \
        int failed;                                                            \
        add_cases(tc);                                                         \
        suite_add_tcase(s, tc);                                                \
        sr = srunner_create(s);                                                \
        srunner_run_all(sr, CK_NORMAL);                                        \
        failed = srunner_ntests_failed(sr);                                    \
        srunner_free(sr);                                                      \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                           \
    }

#endif
