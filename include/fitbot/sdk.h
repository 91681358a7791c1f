/* libfitbot-sdk: the helpers every plugin would otherwise write.
 *
 * Pure functions, no host state: usable from plugins, the host and tests.
 * Every function returning int returns 0 on success and a negative
 * FB_E* code on failure; on failure output buffers hold "" (never a
 * half-written value). */
#ifndef FITBOT_SDK_H
#define FITBOT_SDK_H

#include <inttypes.h> /* PRId64 in fb_strf formats */
#include <stdarg.h>
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


/* ==== ABI 1.2: handlers without buffers ===================================
 *
 * Everything below takes the handler's context, keeps what it returns in
 * the context's memory (fb_alloc: valid until the handler returns, never
 * freed by the caller) and, on failure, marks the context failed with
 * fb_fail() (the host then rolls the transaction back and logs the first
 * reason) and returns FB_ERR / NULL / 0 / -1 as stated. A handler can
 * therefore call them in a row and `return FB_OK;`: a failure anywhere
 * still rolls back. Needs a host of minor >= 2 (a 1.2 plugin never loads on
 * an older one). */

/* ---- text ----------------------------------------------------------------
 * printf formats with one difference: "%s" HTML-escapes its argument (user
 * text is safe by default) and "%-s" inserts it as is (trusted HTML, e.g. a
 * piece built with fb_strf). A NULL string prints "". Every other printf
 * conversion (d i u x c, with h hh l ll z j t, width, precision) works as
 * in printf; int64_t is "%" PRId64 or "%lld" with a cast. */
FB_SDK_API char *fb_strf(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
FB_SDK_API char *fb_vstrf(fb_ctx *c, const char *fmt, va_list ap);
/* Plain text from a printf format, nothing escaped: button labels, file
 * names, anything that is not HTML. */
FB_SDK_API char *fb_plainf(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
/* HTML-escaped copy of s ("" for NULL). */
FB_SDK_API char *fb_esc(fb_ctx *c, const char *s);
/* Decimal text of v / "₹1,23,456.50" of paise / "YYYY-MM-DD" of d. */
FB_SDK_API const char *fb_id_str(fb_ctx *c, int64_t v);
FB_SDK_API const char *fb_money_str(fb_ctx *c, int64_t paise);
FB_SDK_API const char *fb_date_text(fb_ctx *c, fb_date d);
/* fb_date_text of fb_today: the club's date today. */
FB_SDK_API const char *fb_today_text(fb_ctx *c);

/* A member as staff type one: a Telegram id or an @username (trimmed,
 * case-insensitive) of someone whose role is member or above; their id,
 * or 0 when the text names no such person. */
FB_SDK_API int64_t fb_member_typed(fb_ctx *c, const char *text);

/* ---- the plugin's config ([plugin.NAME] keys, sdk/lib/config.c) ---------- */
/* key as a whole number in min..max; dflt when it is unset or not one. */
FB_SDK_API int64_t fb_config_int(fb_ctx *c, const char *key, int64_t min,
                                 int64_t max, int64_t dflt);
/* key as a yes (true, yes, on, 1: 1) or a no (false, no, off, 0: 0);
 * dflt when it is unset or neither. */
FB_SDK_API int fb_config_bool(fb_ctx *c, const char *key, int dflt);
/* At load time: a key set to neither a yes nor a no is named in the log
 * ("[plugin.NAME] key = v is not true or false: using false"). */
FB_SDK_API void fb_config_check_bool(fb_ctx *c, const char *key, int dflt);
/* At load time: a key set to something that is not a number of days
 * 0..max is named in the log ("[plugin.NAME] key = v is not a number of
 * days (0..max): using dflt"). */
FB_SDK_API void fb_config_check_days(fb_ctx *c, const char *key, int64_t max,
                                     int64_t dflt);
/* A daily job's time: key as "HH:MM" into at (6 bytes holding the
 * default); a value that is not one is named in the log ("[plugin.NAME]
 * key = v is not HH:MM: using at") and at is kept. */
FB_SDK_API void fb_config_hhmm(fb_ctx *c, const char *key, char at[6]);

/* Formatted send / reply / edit (the message a button was pressed on):
 * fmt as fb_strf. kb may be NULL; a keyboard whose kb->error is set is a
 * failure. Return FB_OK or FB_ERR. */
FB_SDK_API int fb_replyf(fb_ctx *c, const fb_keyboard *kb, const char *fmt,
                         ...) FB_PRINTF(3, 4);
FB_SDK_API int fb_sendf(fb_ctx *c, int64_t chat, const fb_keyboard *kb,
                        const char *fmt, ...) FB_PRINTF(4, 5);
FB_SDK_API int fb_editf(fb_ctx *c, const fb_keyboard *kb, const char *fmt,
                        ...) FB_PRINTF(3, 4);
/* Answer the button press with plain text (no HTML: nothing is escaped),
 * cut to Telegram's 200 characters at a character boundary; "" stops the
 * spinner silently. On an update that is not a button press: no-op,
 * FB_OK. */
FB_SDK_API int fb_answerf(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
/* The same, shown as an alert the user must close. */
FB_SDK_API int fb_alertf(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
/* A flow's on_timeout hook for flows whose timeout changes nothing: tells
 * the key's chat FB_TEXT_TIMED_OUT. */
#define FB_TEXT_TIMED_OUT                                                      \
    "⌛ Nothing was changed: the answer did not come in time."
FB_SDK_API int fb_timed_out(fb_ctx *c);

/* ---- keyboards and callback data ---------------------------------------- */
/* A fresh empty keyboard owned by the context. */
FB_SDK_API fb_keyboard *fb_kb(fb_ctx *c);
/* Callback data from a printf format (no escaping): over 64 bytes is a
 * failure (NULL). fb_kb_button(kb, "Drop", fb_cbf(c, "hello:drop:%lld",
 * (long long)id)) then fails too and marks kb->error. */
FB_SDK_API const char *fb_cbf(fb_ctx *c, const char *fmt, ...)
    FB_PRINTF(2, 3);
/* Field i (0-based) of the pressed button's data after prefix, split at
 * ':' ("hello:drop:42", "hello:drop:", 0 gives "42"); NULL when the data
 * does not start with prefix or has no field i. Not a failure: callback
 * data is untrusted input, answer it with a message. */
FB_SDK_API const char *fb_data_field(fb_ctx *c, const char *prefix, int i);
/* Field i as an id (fb_parse_id); 0 when missing or not an id. */
FB_SDK_API int64_t fb_data_id(fb_ctx *c, const char *prefix, int i);

/* ---- queries -------------------------------------------------------------
 *   fb_rows *r = fb_sql(c, "SELECT id, day FROM b WHERE user_id = $1 "
 *                          "AND class = $2", fb_user(c), key);
 * Parameters are typed by the compiler (_Generic): integers of any width,
 * strings, and NULL for SQL NULL, at most 16. NULL result (and the context
 * failed) on a database error. */
typedef struct fb_param {
    int kind; /* FB__P_* */
    int64_t i;
    const char *s;
} fb_param;
enum { FB__P_END = 0, FB__P_NULL, FB__P_STR, FB__P_INT, FB__P_UINT };

FB_SDK_API fb_rows *fb__sql(fb_ctx *c, const char *sql, const fb_param *p);
FB_SDK_API long long fb__sql_exec(fb_ctx *c, const char *sql,
                                  const fb_param *p);
FB_SDK_API const char *fb__sql_str(fb_ctx *c, const char *sql,
                                   const fb_param *p);
FB_SDK_API int64_t fb__sql_int(fb_ctx *c, int64_t dflt, const char *sql,
                               const fb_param *p);

/* Run sql; the result (owned by the context). */
#define fb_sql(c, ...) fb__sql((c), FB__SQL_ARGS(__VA_ARGS__))
/* Run sql; the number of rows it changed, -1 on error. */
#define fb_sql_exec(c, ...) fb__sql_exec((c), FB__SQL_ARGS(__VA_ARGS__))
/* The first column of the first row as text; NULL when there is no row or
 * it is SQL NULL (not a failure) or on error (a failure). */
#define fb_sql_str(c, ...) fb__sql_str((c), FB__SQL_ARGS(__VA_ARGS__))
/* The first column of the first row as int64; dflt when there is no row
 * or it is NULL. A value that is not an integer is a failure. */
#define fb_sql_int(c, dflt, ...)                                               \
    fb__sql_int((c), (dflt), FB__SQL_ARGS(__VA_ARGS__))

/* Rows: the number of rows (0 for NULL), a cell as text ("" for SQL NULL
 * or outside the result), as int64 (0 for NULL; a cell that is not an
 * integer is a failure), 1 if SQL NULL. */
FB_SDK_API int fb_nrows(fb_ctx *c, const fb_rows *r);
FB_SDK_API const char *fb_str(fb_ctx *c, const fb_rows *r, int row, int col);
FB_SDK_API int64_t fb_int(fb_ctx *c, const fb_rows *r, int row, int col);
FB_SDK_API int fb_is_null(fb_ctx *c, const fb_rows *r, int row, int col);

/* ---- typed flow values --------------------------------------------------- */
/* Store / read a flow value as int64 (money is int64 paise) or a date.
 * Readers return dflt / a zeroed date when the value is missing or not of
 * the type (not a failure). */
FB_SDK_API int fb_flow_set_int(fb_ctx *c, const char *key, int64_t v);
FB_SDK_API int64_t fb_flow_int(fb_ctx *c, const char *key, int64_t dflt);
FB_SDK_API int fb_flow_set_date(fb_ctx *c, const char *key, fb_date d);
FB_SDK_API fb_date fb_flow_date(fb_ctx *c, const char *key);
/* The value as text, "" when unset. */
FB_SDK_API const char *fb_flow_str(fb_ctx *c, const char *key);
/* 1 when the key's conversation is this plugin's flow in state (state NULL:
 * any state of the flow). A button of an earlier question pressed late
 * fails it: answer it as stale. */
FB_SDK_API int fb_in_flow(fb_ctx *c, const char *flow, const char *state);

/* ---- events and requests -------------------------------------------------
 * JSON of an event or request payload from a printf format where "%s" is
 * a JSON-escaped string (without the quotes) and "%-s" inserts as is. */
FB_SDK_API char *fb_jsonf(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
/* A string / integer member of the current event's (or request's) JSON;
 * NULL / dflt when missing. */
FB_SDK_API const char *fb_event_str(fb_ctx *c, const char *key);
FB_SDK_API int64_t fb_event_int(fb_ctx *c, const char *key, int64_t dflt);

/* ---- internal: shared by the host and the test kit ----------------------- */
/* The type check of a state's question a (plugin.h, fb_ask) on an update
 * of kind with text (its text or caption). Returns 0 with the canonical
 * value in value (trimmed text; decimal int or paise; YYYY-MM-DD; for
 * FB_IN_ANY the text as it is, any kind), or -1 (wrong kind, empty, out of
 * range, value longer than len - 1): re-ask with a->bad. */
FB_SDK_API int fb__ask_input(const fb_ask *a, fb_update_kind kind,
                             const char *text, char *value, size_t len);

/* ---- the macro plumbing behind fb_sql ------------------------------------ */
static inline fb_param fb__p_str(const char *s)
{
    fb_param p = {s ? FB__P_STR : FB__P_NULL, 0, s};
    return p;
}
static inline fb_param fb__p_int(long long i)
{
    fb_param p = {FB__P_INT, (int64_t)i, NULL};
    return p;
}
static inline fb_param fb__p_uint(unsigned long long i)
{
    fb_param p = {FB__P_UINT, (int64_t)i, NULL};
    return p;
}
static inline fb_param fb__p_null(const void *v)
{
    fb_param p = {v ? FB__P_END : FB__P_NULL, 0, NULL}; /* only NULL */
    return p;
}
#define FB_P(x)                                                                \
    _Generic((x),                                                              \
        char *: fb__p_str,                                                     \
        const char *: fb__p_str,                                               \
        signed char: fb__p_int,                                                \
        short: fb__p_int,                                                      \
        int: fb__p_int,                                                        \
        long: fb__p_int,                                                       \
        long long: fb__p_int,                                                  \
        unsigned char: fb__p_uint,                                             \
        unsigned short: fb__p_uint,                                            \
        unsigned: fb__p_uint,                                                  \
        unsigned long: fb__p_uint,                                             \
        unsigned long long: fb__p_uint,                                        \
        _Bool: fb__p_int,                                                      \
        void *: fb__p_null)(x)

/* clang-format off */
/* (sql) alone, or (sql, params...): chosen by counting, so no __VA_OPT__ */
#define FB__SQL_ARGS(...) FB__CAT(FB__SQLA, FB__MANY(__VA_ARGS__))(__VA_ARGS__)
#define FB__MANY(...) FB__MANY_(__VA_ARGS__, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, 1, _)
#define FB__MANY_(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, n, ...) n
#define FB__SQLA1(sql) (sql), (const fb_param[]){{FB__P_END, 0, NULL}}
#define FB__SQLAM(sql, ...) (sql), (const fb_param[]){FB__MAP(__VA_ARGS__), {FB__P_END, 0, NULL}}
#define FB__NARG(...) FB__NARG_(__VA_ARGS__, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define FB__NARG_(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, n, ...) n
#define FB__CAT(a, b) FB__CAT_(a, b)
#define FB__CAT_(a, b) a##b
#define FB__MAP(...) FB__CAT(FB__MAP, FB__NARG(__VA_ARGS__))(__VA_ARGS__)
#define FB__MAP1(a) FB_P(a)
#define FB__MAP2(a, ...) FB_P(a), FB__MAP1(__VA_ARGS__)
#define FB__MAP3(a, ...) FB_P(a), FB__MAP2(__VA_ARGS__)
#define FB__MAP4(a, ...) FB_P(a), FB__MAP3(__VA_ARGS__)
#define FB__MAP5(a, ...) FB_P(a), FB__MAP4(__VA_ARGS__)
#define FB__MAP6(a, ...) FB_P(a), FB__MAP5(__VA_ARGS__)
#define FB__MAP7(a, ...) FB_P(a), FB__MAP6(__VA_ARGS__)
#define FB__MAP8(a, ...) FB_P(a), FB__MAP7(__VA_ARGS__)
#define FB__MAP9(a, ...) FB_P(a), FB__MAP8(__VA_ARGS__)
#define FB__MAP10(a, ...) FB_P(a), FB__MAP9(__VA_ARGS__)
#define FB__MAP11(a, ...) FB_P(a), FB__MAP10(__VA_ARGS__)
#define FB__MAP12(a, ...) FB_P(a), FB__MAP11(__VA_ARGS__)
#define FB__MAP13(a, ...) FB_P(a), FB__MAP12(__VA_ARGS__)
#define FB__MAP14(a, ...) FB_P(a), FB__MAP13(__VA_ARGS__)
#define FB__MAP15(a, ...) FB_P(a), FB__MAP14(__VA_ARGS__)
#define FB__MAP16(a, ...) FB_P(a), FB__MAP15(__VA_ARGS__)
/* clang-format on */

#ifdef __cplusplus
}
#endif
#endif
