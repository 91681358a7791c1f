/* sdk/util/pngbuf: a cairo surface as PNG bytes in memory. Shared by the
 * plugins that draw pictures (payments' QR codes, ar's charts); not part
 * of the plugin SDK (see fitbot_use_pngbuf in cmake/FitbotPlugin.cmake). */
#ifndef FITBOT_UTIL_PNGBUF_H
#define FITBOT_UTIL_PNGBUF_H

#include <stddef.h>

#include <cairo.h>

/* Encode surface s as PNG into *png (malloc'd, the caller frees) and *len.
 * Returns 0, or -1 (s in error, or out of memory; *png NULL, *len 0). */
int fb__png_bytes(cairo_surface_t *s, unsigned char **png, size_t *len);

#endif
