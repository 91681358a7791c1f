/* sdk/util/pngbuf: see pngbuf.h. */
#include "pngbuf.h"

#include <stdlib.h>
#include <string.h>

typedef struct png_buf {
    unsigned char *data;
    size_t len, cap;
} png_buf;

/* cairo_write_func_t: append n bytes to the png_buf closure. */
static cairo_status_t append(void *closure, const unsigned char *data,
                             unsigned int n)
{
    png_buf *b = closure;

    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 16384;
        unsigned char *p;

        while (n > cap - b->len)
            cap *= 2;
        p = realloc(b->data, cap);
        if (!p)
            return CAIRO_STATUS_WRITE_ERROR;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return CAIRO_STATUS_SUCCESS;
}

int fb__png_bytes(cairo_surface_t *s, unsigned char **png, size_t *len)
{
    png_buf b = {NULL, 0, 0};

    *png = NULL;
    *len = 0;
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_write_to_png_stream(s, append, &b) !=
            CAIRO_STATUS_SUCCESS) {
        free(b.data);
        return -1;
    }
    *png = b.data;
    *len = b.len;
    return 0;
}
