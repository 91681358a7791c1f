/* libFuzzer entry for one host parser, chosen at build time by
 * HOSTFUZZ_TARGET: hostfuzz_update, hostfuzz_config or hostfuzz_json. */
#include <stdlib.h>

#include "props.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    hostfuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (HOSTFUZZ_TARGET(data, size) != 0)
        abort();
    return 0;
}
