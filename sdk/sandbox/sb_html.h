/* Text checks the way Telegram does them: UTF-8 validity, length in
 * characters, and the HTML parse_mode (supported tags, entities, nesting).
 * The HTML parser turns markup into plain text plus a MessageEntity array,
 * as Telegram returns it. */
#ifndef FB_SB_HTML_H
#define FB_SB_HTML_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* Returns 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int fb__sb_utf8_valid(const char *s, size_t len);

/* Returns the number of Unicode code points in the valid UTF-8 string s. */
size_t fb__sb_utf8_chars(const char *s);

/* Returns the length in UTF-16 code units of the first n bytes of the valid
 * UTF-8 string s (Telegram's entity offsets and lengths). */
size_t fb__sb_utf16_len(const char *s, size_t n);

/* Returns 1 when s holds only whitespace (or is empty). */
int fb__sb_blank(const char *s);

/* Parses Telegram HTML. On success returns 0, *text is the malloc'd plain
 * text and *entities a new array (caller frees both). On a markup error
 * returns -1 and writes Telegram's description ("can't parse entities: ...")
 * to err; on allocation failure returns -2. */
int fb__sb_html_parse(const char *html, char **text, cJSON **entities,
                      char *err, size_t errlen);

#endif
