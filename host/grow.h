/* host/grow: room in a growable array. */
#ifndef FITBOT_HOST_GROW_H
#define FITBOT_HOST_GROW_H

#include <stddef.h>

/* Make *v (an array of *cap elements of elem bytes) hold at least n + 1:
 * doubled from first (or *cap) when full. Returns 0, or -1 when out of
 * memory (*v and *cap unchanged). */
int fb__grow(void **v, size_t *cap, size_t n, size_t elem, size_t first);

#endif
