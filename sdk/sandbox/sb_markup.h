/* reply_markup checks: inline keyboards (button text, exactly one action,
 * callback_data 1-64 bytes), reply keyboards (rows of strings or {text,
 * request_contact?, request_location?}, boolean options), keyboard removal,
 * force reply. */
#ifndef FB_SB_MARKUP_H
#define FB_SB_MARKUP_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* Checks markup. Returns 0 when valid (*inline_kb set to 1 for an inline
 * keyboard, which Telegram echoes in the Message), or -1 with Telegram's
 * description in err. */
int fb__sb_markup_check(const cJSON *markup, int *inline_kb, char *err,
                        size_t errlen);

/* Finds a button in an inline keyboard by its text (by_data = 0) or its
 * callback_data (by_data = 1). Returns the button object, or NULL. */
const cJSON *fb__sb_markup_find(const cJSON *markup, const char *needle,
                                int by_data);

/* Finds a button of a reply keyboard ({"keyboard": ...}) by its text.
 * Returns the button (an object, or a string for a plain-string button),
 * or NULL. */
const cJSON *fb__sb_reply_button_find(const cJSON *markup, const char *text);

#endif
