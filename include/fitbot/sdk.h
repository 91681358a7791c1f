/* libfitbot-sdk: the helpers every plugin would otherwise write.
 *
 * Pure functions, no host state: usable from plugins, the host and tests.
 * Every function returning int returns 0 on success and a negative
 * FB_E* code on failure; on failure output buffers hold "" (never a
 * half-written value). */
#ifndef FITBOT_SDK_H
#define FITBOT_SDK_H

#include <stddef.h>
#include <stdint.h>

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Exported from libfitbot-sdk even though it is built with hidden
 * visibility. */
#if defined(__GNUC__)
#define FB_SDK_API __attribute__((visibility("default")))
#else
#define FB_SDK_API
#endif

enum {
    FB_E_EMPTY = -1,   /* nothing but spaces */
    FB_E_JUNK = -2,    /* a character that does not belong */
    FB_E_RANGE = -3,   /* outside the accepted range / overflow */
    FB_E_TOOLONG = -4, /* result would not fit (buffer, 64-byte data, ...) */
    FB_E_FULL = -5,    /* keyboard has no room */
    FB_E_ARG = -6      /* NULL or otherwise unusable argument */
};

/* ---- numbers and ids --------------------------------------------------- */
/* Strict decimal parse: leading/trailing whitespace trimmed, an optional
 * '-' only when min < 0, digits only, no '+', no '0x', no embedded spaces,
 * exact 64-bit (overflow is FB_E_RANGE, not clamping), then min..max. */
FB_SDK_API int fb_parse_int64(const char *s, int64_t min, int64_t max,
                              int64_t *out);
/* A Telegram id typed by a person: fb_parse_int64 with 1..INT64_MAX. */
FB_SDK_API int fb_parse_id(const char *s, int64_t *out);
/* Format v into buf (at least 21 bytes). Returns buf. */
FB_SDK_API char *fb_int64_str(int64_t v, char buf[21]);

/* ---- money: int64 paise -------------------------------------------------- */
/* "₹1,23,456.50" (Indian grouping; "-₹5.00" for negatives). buf >= 40. */
FB_SDK_API int fb_money_format(int64_t paise, char *buf, size_t len);
/* Parse "1234", "1,234.5", "₹1,23,456.50", " 99.99 " into paise; more than
 * two decimals, junk, negatives or overflow are refused. */
FB_SDK_API int fb_money_parse(const char *s, int64_t *paise);

/* ---- HTML (Telegram parse_mode=HTML) ------------------------------------ */
/* Escape &, <, > (and " as &quot;) into buf. FB_E_TOOLONG if it won't fit. */
FB_SDK_API int fb_html_escape(const char *s, char *buf, size_t len);
/* Same, returning a malloc'd string (NULL on allocation failure). */
FB_SDK_API char *fb_html_escape_dup(const char *s);

/* ---- callback data --------------------------------------------------------
 */
/* Build "prefix" + ":"-joined fields into buf (65 bytes suffice). Fields must
 * not contain ':'. Refuses (FB_E_TOOLONG) anything over 64 bytes. The prefix
 * is used as is, so declare routes with the same prefix string ("usr:"). */
FB_SDK_API int fb_cbdata(char *buf, size_t len, const char *prefix, int nfields,
                         const char *const *fields);
/* Split data after prefix into at most max fields (pointers into a copy held
 * in buf). Returns the number of fields, or negative on error. */
FB_SDK_API int fb_cbdata_split(const char *data, const char *prefix, char *buf,
                               size_t len, const char **fields, int max);

/* ---- inline keyboards --------------------------------------------------- */
FB_SDK_API void fb_kb_init(fb_keyboard *kb);
/* Start a new row. FB_E_FULL past FB_KB_MAX_ROWS. */
FB_SDK_API int fb_kb_row(fb_keyboard *kb);
/* Add a callback button to the current row (a row is started if none).
 * Data is checked: 1..64 bytes. On failure kb->error is set too. */
FB_SDK_API int fb_kb_button(fb_keyboard *kb, const char *text,
                            const char *data);
/* Add a URL button. */
FB_SDK_API int fb_kb_url(fb_keyboard *kb, const char *text, const char *url);

/* ---- text ---------------------------------------------------------------- */
/* Copy s trimmed of surrounding whitespace into buf. */
FB_SDK_API int fb_trim(const char *s, char *buf, size_t len);

/* ---- JSON payloads (events) --------------------------------------------- */
/* Read a top-level string / integer member of a JSON object text.
 * Missing or null member: FB_E_EMPTY; not an object, or a member of the
 * wrong type: FB_E_JUNK; string longer than buf: FB_E_TOOLONG. An integer
 * may be a JSON number (integral, |v| < 2^53: beyond that doubles are not
 * exact, FB_E_RANGE) or a decimal string (full int64 range) — publish ids
 * as strings, or as numbers only below 2^53. */
FB_SDK_API int fb_json_get_str(const char *json, const char *key, char *buf,
                               size_t len);
FB_SDK_API int fb_json_get_int64(const char *json, const char *key,
                                 int64_t *out);

#ifdef __cplusplus
}
#endif
#endif
