/* fitbot-chat: what a person sees of one chat's transcript.
 *
 * Remembers which bot messages and edits were already shown, prints the
 * new ones, and keeps the keyboard of the bot's last message so its
 * buttons can be pressed by number — or, when it has none, the chat's
 * reply keyboard (the last one a bot message set and none removed). */
#ifndef FB_CHAT_VIEW_H
#define FB_CHAT_VIEW_H

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>

#define VIEW_MAX_BUTTONS 64

/* Shows a bot message's photo (the transcript's "photo" object): prints
 * its mark, in place of "[photo] ", to out, and returns a drawing of it
 * (malloc'd lines each ending in '\n'; the view prints them indented under
 * the text and frees them) or NULL. */
typedef char *(*view_photo_fn)(void *ud, const cJSON *photo, FILE *out);

/* Marks a document (the transcript's {file_id, file_name, url}) on out,
 * e.g. "[file a.pdf, 31 KB, saved: PATH] ". */
typedef void (*view_file_fn)(void *ud, const cJSON *doc, FILE *out);

typedef struct view_photos {
    view_photo_fn show; /* NULL: a photo is marked "[photo] " */
    view_file_fn file;  /* NULL: a document is marked "[file NAME] " */
    void *ud;
} view_photos;

typedef struct view_seen {
    int64_t id;
    int edits;
    int deleted;
} view_seen;

typedef struct view_chat {
    int64_t chat_id;
    view_seen *seen;
    size_t n, cap;
    int events; /* bot messages + edits in the last transcript */
    int64_t
        kb_message; /* the bot's last message if it has a keyboard, else 0 */
    int kb_count;
    char kb_text[VIEW_MAX_BUTTONS][130];
    char kb_data[VIEW_MAX_BUTTONS][66];
    int kb_reply; /* 1: kb_* hold the chat's reply keyboard (the bot's last
                     message has no inline one): press those by text */
    view_photos photos; /* how photos are shown; view_init clears it */
} view_chat;

void view_init(view_chat *v, int64_t chat_id);
void view_free(view_chat *v);

/* Take a transcript's "messages" array: print (to out, each line
 * prefixed with tag) every bot message, edit or deletion not shown yet,
 * unless quiet. Returns the number of new events, or -1 on allocation
 * failure. */
int view_update(view_chat *v, const cJSON *messages, FILE *out, const char *tag,
                int quiet);

/* Print the whole transcript (both sides) as it stands now, the bot's
 * photos shown through photos (NULL: marked "[photo] "). */
void view_print_all(const cJSON *messages, const view_photos *photos,
                    FILE *out);

#endif
