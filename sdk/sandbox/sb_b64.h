/* Base64 decoding for files sent through the control API. */
#ifndef FB_SB_B64_H
#define FB_SB_B64_H

#include <stddef.h>

/* Decodes standard base64 (padding optional, whitespace ignored). Returns a
 * malloc'd buffer (caller frees) and its length in *len, or NULL when the
 * text is not base64 or memory ran out. */
unsigned char *fb__sb_b64_decode(const char *text, size_t *len);

#endif
