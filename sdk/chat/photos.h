/* fitbot-chat: the bot's photos, fetched from the sandbox, kept in a
 * folder of the session (left for the person, unless it stays empty) and
 * shown as a line and, for a QR code, a drawing (picture.h). */
#ifndef FB_CHAT_PHOTOS_H
#define FB_CHAT_PHOTOS_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "ctl.h"

typedef struct photos {
    ctl *ctl;       /* not owned */
    char dir[1024]; /* "" when it could not be made: photos are not kept */
} photos;

/* Make the session's folder, "fitbot-chat-XXXXXX" under $TMPDIR or /tmp
 * (mkdtemp), for photos fetched through c. Returns 0, or -1 with errno
 * set (p->dir is then ""). */
int photos_init(photos *p, ctl *c);

/* Remove the folder if no photo was kept in it. */
void photos_done(photos *p);

/* A view_photo_fn (view.h), ud a photos: fetch the transcript's photo
 * object ({file_id, url}), save it in the folder as <file_id>.<png|jpg>
 * and print "[photo W×H px, saved: PATH] " to out (or "[photo (could not
 * be fetched: why)] "). Returns its half-block drawing (malloc'd lines,
 * caller frees) when it is a QR-like PNG, else NULL. */
char *photos_show(void *ud, const cJSON *photo, FILE *out);

/* A view_file_fn (view.h), ud a photos: fetch the transcript's document
 * object ({file_id, file_name, url}), save it in the folder under its
 * file name (characters other than letters, digits, '.', '-' and '_'
 * made '_') and print "[file NAME, N bytes, saved: PATH] " to out (or
 * "[file NAME (could not be fetched: why)] "). */
void photos_file(void *ud, const cJSON *doc, FILE *out);

#endif
