#include "curlbuf.h"

#include <stdlib.h>
#include <string.h>

/* See curlbuf.h. */
size_t fb__curlbuf_write(char *data, size_t size, size_t nmemb, void *ud)
{
    fb__curlbuf *b = ud;
    size_t n = size * nmemb;
    char *np;

    if (b->max && b->len + n > b->max)
        return 0;
    np = realloc(b->p, b->len + n + 1);
    if (!np)
        return 0;
    memcpy(np + b->len, data, n);
    b->len += n;
    np[b->len] = '\0';
    b->p = np;
    return n;
}
