/* fitbot-chat: what a person at a terminal can see of a picture.
 *
 * A pure function of an image's bytes (no network, no files): its format
 * and size and, for a black-and-white PNG such as a QR code, a drawing in
 * Unicode half blocks that a phone can scan off a dark terminal. PNG is
 * decoded with cairo; of a JPEG only the header is read. */
#ifndef FB_CHAT_PICTURE_H
#define FB_CHAT_PICTURE_H

#include <stddef.h>
#include <stdio.h>

#define PICTURE_MAX_COLS 100 /* a drawing is never wider (characters) */

typedef struct picture_info {
    const char *ext;   /* "png" or "jpg": the file name's extension */
    int width, height; /* in pixels */
    int module;        /* pixels per drawn cell; 0 when not drawn */
    int cols, lines;   /* the drawing, in characters; 0 when not drawn */
} picture_info;

/* Read the PNG or JPEG image in b (len bytes) into *info. When drawing is
 * not NULL and the image is a PNG whose pixels are all (near) black or
 * (near) white, it is drawn there if that takes at most PICTURE_MAX_COLS
 * columns: one cell per module (the shortest run of one colour between
 * two changes along a row), two rows of cells per line of half blocks
 * (▀ ▄ █ and space), light cells as blocks and dark ones as spaces, each
 * line ended by '\n'. Returns 0, or -1 when the bytes are neither PNG nor
 * JPEG or cannot be decoded (err then says why, and nothing was drawn). */
int picture_describe(const unsigned char *b, size_t len, FILE *drawing,
                     picture_info *info, char *err, size_t errlen);

#endif
