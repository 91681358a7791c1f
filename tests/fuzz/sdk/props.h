/* Properties of the libfitbot-sdk parsers, checked on arbitrary input by the
 * libFuzzer target and by the deterministic random-input unit test. */
#ifndef FITBOT_SDK_PROPS_H
#define FITBOT_SDK_PROPS_H

#include <stddef.h>
#include <stdint.h>

/* Run every parser on data and check its properties. Returns 0 when all
 * hold, otherwise a non-zero code naming the failed property (and prints
 * which one and the input to stderr). */
int sdk_props_check(const uint8_t *data, size_t size);

/* The escaping of fb_esc / fb_strf / fb_jsonf on s (fmtprops.c), part of
 * sdk_props_check. Returns 0 when all hold. */
int sdk_fmt_props_check(const char *s);

#endif
