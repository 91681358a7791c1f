/* gst_store: GSTINs and the state codes of GST (pure: no host, no SDK).
 *
 * A GSTIN is 15 characters: the state code (2 digits), the holder's PAN
 * (5 letters, 4 digits, 1 letter), the entity number (1-9, A-Z), a letter
 * (Z for ordinary registrations, others for special ones) and the check
 * character, mod-36 over the first 14:
 *   C = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"; for i = 1..14 left to right
 *   p = C.index(ch) * (1 if i odd else 2); s += p / 36 + p % 36;
 *   check = C[(36 - s % 36) % 36].
 * 27AAPFU0939F1ZV is valid (s = 221). */
#ifndef FB_GST_GSTIN_H
#define FB_GST_GSTIN_H

#define GSTIN_LEN 15

/* Why a GSTIN was refused (0: it is valid). */
typedef enum gstin_status {
    GSTIN_OK = 0,
    GSTIN_EMPTY,  /* nothing but spaces */
    GSTIN_LENGTH, /* not 15 characters */
    GSTIN_CHARS,  /* a character that is not a letter or a digit */
    GSTIN_STATE,  /* the first two are not a state code (01-38, 97, 99) */
    GSTIN_PAN,    /* characters 3-12 are not a PAN (AAAAA9999A) */
    GSTIN_ENTITY, /* character 13 is 0, or character 14 is not a letter */
    GSTIN_CHECK   /* the check character is wrong */
} gstin_status;

/* The check character of the first 14 characters of s (digits and upper
 * case letters); 0 when one of them is neither. */
char fb__gstin_check_char(const char *s);

/* Validate s: surrounding spaces are ignored and lower case letters read
 * as upper case. On GSTIN_OK out (16 bytes) holds the canonical GSTIN;
 * otherwise out is "". */
gstin_status fb__gstin_validate(const char *s, char out[GSTIN_LEN + 1]);

/* A state or union territory of GST: its two-digit code, name, and
 * whether UTGST replaces SGST there (union territories without a
 * legislature). */
typedef struct gst_state {
    int code;
    const char *name;
    int utgst;
} gst_state;

/* The state of code (1..99), NULL when no state has it. */
const gst_state *fb__gst_state(int code);
/* The state of a code typed as text: "27", "7" or " 07 " (digits only);
 * NULL when it is not the code of a state. */
const gst_state *fb__gst_state_str(const char *s);
/* Every state, in code order, ending with {0}. */
extern const gst_state fb__gst_states[];

#endif
