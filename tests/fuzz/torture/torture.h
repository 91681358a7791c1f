/* Allocation-failure ("torture") runs in the style of curl's: a case runs
 * once to count its allocations, then once more for every n, with the n-th
 * allocation failing. Each run must fail cleanly: report an error (or give
 * exactly the result of the run without failures), free everything it
 * allocated, and not crash (the asan build checks memory too).
 *
 * The binary is linked with -Wl,--wrap for malloc, calloc, realloc, strdup,
 * strndup and free, so every allocation made by the code under test (and by
 * cJSON, through cJSON_InitHooks) goes through torture.c, which counts the
 * allocations, fails the chosen one and tracks which are still live. */
#ifndef FITBOT_TORTURE_H
#define FITBOT_TORTURE_H

#include <stddef.h>

/* What a case returns: the result of the run without failures, a reported
 * error, or neither (a result that differs without saying so). */
enum { TORTURE_SAME = 0, TORTURE_ERROR = 1, TORTURE_BROKEN = -1 };

typedef int (*torture_fn)(void *arg);

/* Run fn under every single allocation failure. Prints one line (name,
 * allocations, clean errors, same results). Returns 0 when every run
 * failed cleanly and nothing leaked, else 1 (each problem printed). */
int torture_run(const char *name, torture_fn fn, void *arg);

/* 1 when the current run has already failed an allocation. */
int torture_failed(void);

/* From here to the end of the current run no allocation fails (for a
 * case's own checks after the code under test). */
void torture_hold(void);

/* Route cJSON's allocations through the counting allocator. */
void torture_init(void);

#endif
