/* users plugin: validation of what a registrant types.
 *
 * Pure functions (no host, no SDK state), unit-tested in tests/unit/users.
 * Each returns USR_OK or one of the usr_err codes; on failure the output
 * is left as "" / 0 so a half-checked value is never used. */
#ifndef FB_USERS_VALIDATE_H
#define FB_USERS_VALIDATE_H

#include <stddef.h>

typedef enum usr_err {
    USR_OK = 0,
    USR_EMPTY,         /* nothing but spaces */
    USR_SHORT,         /* name under 2 characters */
    USR_LONG,          /* name over 64 characters */
    USR_CHARS,         /* a character that does not belong */
    USR_NO_LETTER,     /* a name without a single letter */
    USR_PHONE_LEN,     /* not 10 digits once the prefix is gone */
    USR_PHONE_START,   /* an Indian mobile starts with 6, 7, 8 or 9 */
    USR_PHONE_COUNTRY, /* a country code other than +91 */
    USR_NOT_NUMBER,    /* not a plain number */
    USR_RANGE          /* a number outside the accepted range */
} usr_err;

#define USR_NAME_MIN 2
#define USR_NAME_MAX 64  /* characters (UTF-8 code points) */
#define USR_NAME_BUF 260 /* bytes enough for any accepted name */
#define USR_PHONE_BUF 16 /* "+91XXXXXXXXXX" */
#define USR_AGE_MIN 10
#define USR_AGE_MAX 100
#define USR_WEIGHT_MIN 20  /* kg */
#define USR_WEIGHT_MAX 300 /* kg */
#define USR_REASON_MAX 200 /* characters of a ban / unban reason */

/* A full name: trimmed, inner runs of spaces collapsed to one, 2..64
 * characters, letters (any script), spaces, '.', '\'' and '-' only, at
 * least one letter. Writes the cleaned name into out (len >= USR_NAME_BUF
 * for every accepted name; a shorter buffer gives USR_LONG). */
usr_err fb__usr_check_name(const char *in, char *out, size_t len);

/* An Indian mobile number typed or shared: digits with optional spaces,
 * dashes, dots and brackets; an optional +91, 91, 0091 or 0 before ten
 * digits starting with 6-9. Writes "+91XXXXXXXXXX" into out (len >=
 * USR_PHONE_BUF). */
usr_err fb__usr_check_phone(const char *in, char *out, size_t len);

/* Age in whole years, USR_AGE_MIN..USR_AGE_MAX, digits only. */
usr_err fb__usr_check_age(const char *in, int *age);

/* Weight in kg, USR_WEIGHT_MIN..USR_WEIGHT_MAX, with at most one decimal
 * ("72", "72.5", "72,5", "72 kg"). Stored in tenths of a kg. */
usr_err fb__usr_check_weight(const char *in, int *tenths);

/* Gender from a button or typed: m/male/man, f/female/woman, o/other.
 * Sets *canon to "male", "female" or "other" (static strings). */
usr_err fb__usr_check_gender(const char *in, const char **canon);

/* A ban/unban reason: trimmed, 1..USR_REASON_MAX characters. */
usr_err fb__usr_check_reason(const char *in, char *out, size_t len);

/* 1 if the text is the word "skip" (any case, surrounding spaces). */
int fb__usr_is_skip(const char *in);

/* What a search query looks like: USR_Q_NUMBER (digits with phone
 * punctuation or '+' only), USR_Q_USERNAME (@name), USR_Q_NAME (letters,
 * no digits) or USR_Q_JUNK (letters mixed with digits, or empty). */
typedef enum usr_query {
    USR_Q_JUNK = 0,
    USR_Q_NUMBER,
    USR_Q_USERNAME,
    USR_Q_NAME
} usr_query;
usr_query fb__usr_query_kind(const char *in);

/* Escape a LIKE pattern's %, _ and \ and wrap it in %...%. Returns USR_OK
 * or USR_LONG if out is too small. */
usr_err fb__usr_like_pattern(const char *in, char *out, size_t len);

#endif
