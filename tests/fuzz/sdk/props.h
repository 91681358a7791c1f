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

/* The same properties one parser at a time (a libFuzzer target each):
 * ids    fb_parse_int64 / fb_parse_id against strtoll, fb_int64_str back;
 * money  fb_money_parse -> fb_money_format -> fb_money_parse is identity;
 * cbdata fb_cbdata_split -> fb_cbdata rebuilds the input;
 * date   fb_parse_date -> fb_date_str -> fb_parse_date is identity;
 * ask    fb__ask_input per question type (canonical, within range);
 * text   fb_html_escape, fb_json_get_*, fb_esc / fb_strf / fb_jsonf.
 * Every refused input leaves the outputs zeroed or "". */
int sdk_props_ids(const uint8_t *data, size_t size);
int sdk_props_money(const uint8_t *data, size_t size);
int sdk_props_cbdata(const uint8_t *data, size_t size);
int sdk_props_date(const uint8_t *data, size_t size);
int sdk_props_ask(const uint8_t *data, size_t size);
int sdk_props_text(const uint8_t *data, size_t size);

/* The escaping of fb_esc / fb_strf / fb_jsonf on s (fmtprops.c), part of
 * sdk_props_check. Returns 0 when all hold. */
int sdk_fmt_props_check(const char *s);

#endif
