/* The counting, failing allocator and the torture loop (see torture.h). */
#include "torture.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
/* the wrappers are visible: the linker checks them against every input */
#define WRAP __attribute__((visibility("default")))
WRAP void *__wrap_malloc(size_t n);
WRAP void *__wrap_calloc(size_t n, size_t size);
WRAP void *__wrap_realloc(void *p, size_t n);
WRAP char *__wrap_strdup(const char *s);
WRAP char *__wrap_strndup(const char *s, size_t n);
WRAP void __wrap_free(void *p);

#define SLOTS (1u << 16) /* live allocations tracked at once */

static void *live[SLOTS];
static size_t nlive;
static unsigned long count, fail_at;
static int failed;

static size_t slot_of(const void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B1u) & (SLOTS - 1);
}

static void live_add(void *p)
{
    size_t h = slot_of(p);

    if (nlive >= SLOTS - 1)
        return; /* too many to track: not counted */
    while (live[h])
        h = (h + 1) & (SLOTS - 1);
    live[h] = p;
    nlive++;
}

/* Remove p (linear probing: the rest of its cluster moves up). */
static void live_del(void *p)
{
    size_t h = slot_of(p), j;

    while (live[h] && live[h] != p)
        h = (h + 1) & (SLOTS - 1);
    if (!live[h])
        return; /* allocated elsewhere (libc, libcurl): not ours */
    live[h] = NULL;
    nlive--;
    for (j = (h + 1) & (SLOTS - 1); live[j]; j = (j + 1) & (SLOTS - 1)) {
        void *q = live[j];
        live[j] = NULL;
        nlive--;
        live_add(q);
    }
}

/* 1 if this allocation is the one to fail. */
static int fail_now(void)
{
    if (++count != fail_at)
        return 0;
    failed = 1;
    return 1;
}

void *__wrap_malloc(size_t n)
{
    void *p = fail_now() ? NULL : __real_malloc(n);

    if (p)
        live_add(p);
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p = fail_now() ? NULL : __real_calloc(n, size);

    if (p)
        live_add(p);
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    void *q;

    if (fail_now())
        return NULL; /* p stays valid, as realloc promises */
    q = __real_realloc(p, n);
    if (q || n == 0) {
        if (p)
            live_del(p);
        if (q)
            live_add(q);
    }
    return q;
}

/* A counted copy of the len bytes at s, NUL-terminated. */
static char *dup_len(const char *s, size_t len)
{
    char *p = __wrap_malloc(len + 1);

    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *__wrap_strndup(const char *s, size_t n)
{
    return dup_len(s, strnlen(s, n));
}

char *__wrap_strdup(const char *s)
{
    return dup_len(s, strlen(s));
}

void __wrap_free(void *p)
{
    if (p)
        live_del(p);
    __real_free(p);
}

/* See torture.h. */
int torture_failed(void)
{
    return failed;
}

/* See torture.h. */
void torture_hold(void)
{
    if (!failed)
        fail_at = 0;
}

/* See torture.h. */
void torture_init(void)
{
    cJSON_Hooks hooks = {__wrap_malloc, __wrap_free};

    cJSON_InitHooks(&hooks);
}

/* One run of fn failing allocation n (0: none); *allocs gets how many
 * allocations it made, *leaked how many it left live. */
static int run_once(torture_fn fn, void *arg, unsigned long n,
                    unsigned long *allocs, long *leaked)
{
    size_t before = nlive;
    int rc;

    count = 0;
    fail_at = n;
    failed = 0;
    rc = fn(arg);
    fail_at = 0;
    *allocs = count;
    *leaked = (long)nlive - (long)before;
    return rc;
}

/* See torture.h. */
int torture_run(const char *name, torture_fn fn, void *arg)
{
    unsigned long n, total, allocs;
    long leaked;
    int rc, bad = 0, errors = 0, same = 0;

    run_once(fn, arg, 0, &total, &leaked); /* warm-up: caches, once-inits */
    rc = run_once(fn, arg, 0, &total, &leaked);
    if (rc != TORTURE_SAME || leaked != 0) {
        printf("%s: FAIL without any allocation failing (rc %d, %ld live)\n",
               name, rc, leaked);
        return 1;
    }
    for (n = 1; n <= total; n++) {
        rc = run_once(fn, arg, n, &allocs, &leaked);
        if (rc == TORTURE_BROKEN || leaked != 0) {
            printf("%s: FAIL with allocation %lu of %lu failing: %s\n", name, n,
                   total,
                   rc == TORTURE_BROKEN ? "a different result, no error"
                                        : "allocations left live (leak)");
            bad++;
        }
        errors += rc == TORTURE_ERROR;
        same += rc == TORTURE_SAME;
    }
    printf("%s: %lu allocations, each failed in turn: %d clean errors, %d "
           "same results, %d problems\n",
           name, total, errors, same, bad);
    return bad != 0;
}
