/* Properties of the host's parsers, checked on arbitrary input by the
 * libFuzzer targets (fuzz-host-*) and by the corpus replay (fuzz_host_replay):
 * the update parser on any JSON, the config loader on any INI text, the
 * exact-id helpers on any JSON number. */
#ifndef FITBOT_HOSTFUZZ_PROPS_H
#define FITBOT_HOSTFUZZ_PROPS_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* Each returns 0 when every property holds, otherwise non-zero after
 * printing the failed property (and the input) to stderr. */

/* data parsed by cJSON (anything else is ignored), then fb__update_parse. */
int hostfuzz_update(const uint8_t *data, size_t size);

/* data written to a temporary file loaded by fb__config_load. */
int hostfuzz_config(const uint8_t *data, size_t size);

/* data parsed by cJSON, every number in it through fb__json_int64; the
 * first 8 bytes also as an int64 through fb__json_id. */
int hostfuzz_json(const uint8_t *data, size_t size);

/* data as a getUpdates answer body, read by fb__tg_get_updates through
 * libcurl from a file:// API URL (props_tg.c): the result array comes back
 * exactly, ok:false gives an error without the token, anything else a
 * network error; every update in the array then goes through
 * hostfuzz_update_problem. */
int hostfuzz_getupdates(const uint8_t *data, size_t size);

/* The first broken property of fb__update_parse on update j (for each
 * bot username), or NULL. */
const char *hostfuzz_update_problem(const cJSON *j, const char *bot);

/* Print the failed property what and the input; returns 1. */
int hostfuzz_fail(const char *what, const uint8_t *data, size_t size);

/* The bot token every target uses (registered as a log secret). */
#define HOSTFUZZ_TOKEN "123456789:HOSTFUZZ-secret-token"

/* The process setup every check needs (environment, log level); called
 * once, idempotent. */
void hostfuzz_init(void);

#endif
