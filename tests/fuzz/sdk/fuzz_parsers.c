/* libFuzzer entry: every parser of libfitbot-sdk on arbitrary bytes. */
#include <stdlib.h>

#include "props.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (sdk_props_check(data, size) != 0)
        abort();
    return 0;
}
