/* host/grow: see grow.h. */
#include "grow.h"

#include <stdlib.h>

int fb__grow(void **v, size_t *cap, size_t n, size_t elem, size_t first)
{
    size_t c = *cap ? *cap : first;
    void *nv;

    if (n < *cap)
        return 0;
    while (c <= n)
        c *= 2;
    if ((nv = realloc(*v, c * elem)) == NULL)
        return -1;
    *v = nv;
    *cap = c;
    return 0;
}
