/* Properties of the host's parsers, checked on arbitrary input by the
 * libFuzzer targets (fuzz-host-*) and by the corpus replay (fuzz_host_replay):
 * the update parser on any JSON, the config loader on any INI text, the
 * exact-id helpers on any JSON number. */
#ifndef FITBOT_HOSTFUZZ_PROPS_H
#define FITBOT_HOSTFUZZ_PROPS_H

#include <stddef.h>
#include <stdint.h>

/* Each returns 0 when every property holds, otherwise non-zero after
 * printing the failed property (and the input) to stderr. */

/* data parsed by cJSON (anything else is ignored), then fb__update_parse. */
int hostfuzz_update(const uint8_t *data, size_t size);

/* data written to a temporary file loaded by fb__config_load. */
int hostfuzz_config(const uint8_t *data, size_t size);

/* data parsed by cJSON, every number in it through fb__json_int64; the
 * first 8 bytes also as an int64 through fb__json_id. */
int hostfuzz_json(const uint8_t *data, size_t size);

/* The process setup every check needs (environment, log level); called
 * once, idempotent. */
void hostfuzz_init(void);

#endif
