/* libFuzzer entry for the libfitbot-sdk parsers: SDKFUZZ_TARGET names one
 * entry point of props.h (sdk_props_ids, ...), sdk_props_check (all) by
 * default. */
#include <stdlib.h>

#include "props.h"

#ifndef SDKFUZZ_TARGET
#define SDKFUZZ_TARGET sdk_props_check
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (SDKFUZZ_TARGET(data, size) != 0)
        abort();
    return 0;
}
