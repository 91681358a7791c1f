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
 * '-', digits only, no '+', no '0x', no embedded spaces, exact 64-bit
 * (overflow is FB_E_RANGE, not clamping), then min..max. Codes: FB_E_EMPTY
 * (only spaces), FB_E_JUNK (any other character), FB_E_RANGE (overflow,
 * outside min..max, or a '-' when min >= 0). *out is 0 on failure. */
FB_SDK_API int fb_parse_int64(const char *s, int64_t min, int64_t max,
                              int64_t *out);
/* A Telegram id typed by a person: fb_parse_int64 with 1..INT64_MAX
 * (" 7000000001 " ok, "70000000O1" FB_E_JUNK, "-5" FB_E_RANGE). */
FB_SDK_API int fb_parse_id(const char *s, int64_t *out);
/* Format v into buf (at least 21 bytes). Returns buf. */
FB_SDK_API char *fb_int64_str(int64_t v, char buf[21]);

/* ---- dates ----------------------------------------------------------------
 */
typedef struct fb_date {
    int year, month, day;
} fb_date;
/* A calendar date typed by a person, trimmed: ISO "2030-01-15" (the form
 * PostgreSQL takes) or Indian day-first "15/01/2030", "15-01-2030",
 * "15.01.2030"; days and months may have one digit. Years 1900..2999.
 * Codes: FB_E_EMPTY, FB_E_JUNK (any other shape), FB_E_RANGE (no such day:
 * 2030-02-29, 31/04/2030). *out is zeroed on failure. */
FB_SDK_API int fb_parse_date(const char *s, fb_date *out);
/* "YYYY-MM-DD" into buf (11 bytes). Returns buf. */
FB_SDK_API char *fb_date_str(const fb_date *d, char buf[11]);

/* ---- money: int64 paise -------------------------------------------------- */
/* "₹1,23,456.50" (Indian grouping; "-₹5.00" for negatives, "₹0.00" for
 * zero; INT64_MIN and INT64_MAX included). buf >= 40 always suffices;
 * FB_E_TOOLONG (buf "") when len is too small. */
FB_SDK_API int fb_money_format(int64_t paise, char *buf, size_t len);
/* Parse "1234", "1,234.5", "₹1,23,456.50", "Rs. 500", " 99.99 " into
 * paise. Commas must group (1,23,456 or 123,456). Codes: FB_E_EMPTY,
 * FB_E_JUNK (stray characters, bad grouping, more than two decimals, "5."),
 * FB_E_RANGE (a minus sign, overflow). *paise is 0 on failure. */
FB_SDK_API int fb_money_parse(const char *s, int64_t *paise);

/* ---- HTML (Telegram parse_mode=HTML) ------------------------------------ */
/* Escape &, <, > (and " as &quot;) into buf. FB_E_TOOLONG if it won't fit. */
FB_SDK_API int fb_html_escape(const char *s, char *buf, size_t len);
/* Same, returning a malloc'd string (NULL on allocation failure). */
FB_SDK_API char *fb_html_escape_dup(const char *s);

/* ---- callback data ------------------------------------------------------ */
/* Build "prefix" + ":"-joined fields into buf (65 bytes suffice): prefix
 * "usr:" and fields {"approve", "1001"} give "usr:approve:1001". The prefix
 * is used as is, so declare routes with the same prefix string ("usr:").
 * Codes: FB_E_TOOLONG (over 64 bytes or over len - 1), FB_E_JUNK (a field
 * holds ':'), FB_E_EMPTY (nothing at all), FB_E_ARG (NULL). buf "" on
 * failure. */
FB_SDK_API int fb_cbdata(char *buf, size_t len, const char *prefix, int nfields,
                         const char *const *fields);
/* Split data after prefix into at most max fields (pointers into a copy held
 * in buf). Returns the number of fields ("usr:" alone gives 0), or
 * FB_E_JUNK (data does not start with prefix), FB_E_TOOLONG (data over 64
 * bytes: untrusted input), FB_E_RANGE (more than max fields). */
FB_SDK_API int fb_cbdata_split(const char *data, const char *prefix, char *buf,
                               size_t len, const char **fields, int max);

/* ---- inline keyboards --------------------------------------------------- */
FB_SDK_API void fb_kb_init(fb_keyboard *kb);
/* Start a new row (an empty current row is reused). FB_E_FULL past
 * FB_KB_MAX_ROWS. */
FB_SDK_API int fb_kb_row(fb_keyboard *kb);
/* Add a callback button to the current row (a row is started if none).
 * Text 1..127 bytes, data 1..64 bytes (FB_E_EMPTY / FB_E_TOOLONG), at most
 * FB_KB_MAX_COLS per row (FB_E_FULL). On failure the keyboard is unchanged
 * and kb->error keeps the first failure, so a chain of calls can be checked
 * once. */
FB_SDK_API int fb_kb_button(fb_keyboard *kb, const char *text,
                            const char *data);
/* Add a URL button (url 1..255 bytes); otherwise as fb_kb_button. */
FB_SDK_API int fb_kb_url(fb_keyboard *kb, const char *text, const char *url);

/* ---- text ---------------------------------------------------------------- */
/* Copy s trimmed of surrounding whitespace into buf; FB_E_TOOLONG (buf "")
 * if it does not fit. */
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
