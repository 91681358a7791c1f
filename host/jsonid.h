/* host/jsonid: exact 64-bit ids in Telegram's JSON.
 *
 * cJSON keeps every number as a double, exact only inside +-2^53. Telegram
 * ids fit in 52 bits today, but the Bot API types them as 64-bit integers
 * and the club's ids must be exact whatever comes (DOMAIN.md). So:
 *  - fb__json_parse_exact() parses like cJSON_ParseWithLength and turns
 *    every integer literal of 16 or more digits into a raw item holding its
 *    decimal text (printed back verbatim, read exactly by fb__json_int64);
 *  - fb__json_int64() reads an id from a number or such a raw item;
 *  - fb__json_id() makes an item that prints as the exact decimal. */
#ifndef FITBOT_HOST_JSONID_H
#define FITBOT_HOST_JSONID_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* cJSON_ParseWithLength(text, len), then every integer literal of 16 or
 * more digits (outside strings; no fraction, exponent or leading zero)
 * becomes a cJSON_Raw item whose valuestring is the literal. Returns the tree (caller
 * frees with cJSON_Delete) or NULL when malformed or out of memory. */
cJSON *fb__json_parse_exact(const char *text, size_t len);

/* A decimal integer text ('-'? digits only, nothing around) within
 * int64: 0 and *out, else -1. */
int fb__int64_text(const char *s, int64_t *out);

/* item must be a JSON number holding an integral value strictly inside
 * +-2^53 (the double 2^53 is also what 2^53+1 reads as: refused, not
 * truncated), or a raw decimal item from fb__json_parse_exact /
 * fb__json_id within int64. Returns 0 and sets *out; -1 otherwise (NULL,
 * not a number, fraction, out of range). Never uses cJSON's valueint. */
int fb__json_int64(const cJSON *item, int64_t *out);
/* fb__json_int64 on member key of object. */
int fb__json_get_int64(const cJSON *object, const char *key, int64_t *out);
/* An item that prints as the exact decimal v: a cJSON number when v fits
 * an int, otherwise a raw decimal token (cJSON would print large doubles
 * inexactly). Meant for output: a raw item is not cJSON_IsNumber. NULL on
 * allocation failure. */
cJSON *fb__json_id(int64_t v);
/* cJSON_AddItemToObject(obj, key, fb__json_id(v)). Returns 0 or -1. */
int fb__json_add_id(cJSON *obj, const char *key, int64_t v);

#endif
