/* Deterministic random input for every SDK parser: the properties of
 * tests/fuzz/sdk/props.c on strings built from the characters that matter
 * (digits, signs, separators, the rupee sign, HTML specials), with a fixed
 * seed so a failure reproduces. FITBOT_SDK_RANDOM_SEED overrides it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "props.h"

#define ROUNDS 200000

static uint64_t state;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* Fill buf with a random string of up to max bytes; returns its length. */
static size_t random_input(uint8_t *buf, size_t max)
{
    /* clang-format off */
    static const char *const atoms[] = {
        "0", "1", "5", "9", "7000000001", "9223372036854775807", "-", "+",
        " ", "\t", ",", ".", "\xe2\x82\xb9", "Rs", ":", "usr:", "<", ">", "&",
        "\"", "a", "O", "{", "}", "\"a\"", "null", "00", "e", "x", "/",
        "2030", "29", "02", "-02-", "2028", "15/01/", "31-04-", "2030-02-",
        "29.02.", "\\", "\n", "\x01", "\x1f", "\xc3\xa9", "\\u00", "&amp;",
        "1,500.50", "100000", "-100", "4"};
    /* clang-format on */
    size_t n = 0, k, len = next() % 12;

    for (size_t i = 0; i < len; i++) {
        const char *a = atoms[next() % (sizeof atoms / sizeof atoms[0])];
        k = strlen(a);
        if (n + k > max)
            break;
        memcpy(buf + n, a, k);
        n += k;
    }
    return n;
}

START_TEST(random_inputs_keep_properties)
{
    uint8_t buf[200];
    const char *env = getenv("FITBOT_SDK_RANDOM_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 10) : 0x9e3779b97f4a7c15ULL;
    int failed = 0;

    state = seed ? seed : 1;
    for (int i = 0; i < ROUNDS && !failed; i++) {
        size_t n = random_input(buf, sizeof buf);
        if (next() % 8 == 0 && n > 0) /* now and then, a raw byte */
            buf[next() % n] = (uint8_t)next();
        failed = sdk_props_check(buf, n);
    }
    ck_assert_msg(!failed, "a property failed (seed %llu)",
                  (unsigned long long)seed);
}
END_TEST

START_TEST(properties_can_fail)
{
    /* the checker itself must not be vacuous: a known-good input passes */
    ck_assert_int_eq(sdk_props_check((const uint8_t *)" 42 ", 4), 0);
    ck_assert_int_eq(sdk_props_check((const uint8_t *)"usr:a:b", 7), 0);
}
END_TEST

static void add(TCase *tc)
{
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, random_inputs_keep_properties);
    tcase_add_test(tc, properties_can_fail);
}

CHECK_MAIN("sdk_random", add)
