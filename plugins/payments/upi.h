/* payments plugin: the UPI payment link (NPCI linking specification) and
 * its QR picture. Pure functions: no host, no database, so unit tests and
 * the fuzzer call them directly.
 *
 *   upi://pay?pa=club@okhdfc&pn=Fit%20Club&tr=sub%3A12&tn=Monthly&am=1500.00&cu=INR
 *
 * Rules (DOMAIN.md): pa and pn mandatory; am with exactly two decimals;
 * tr the bill reference; tn at most 50 characters (cut at a character
 * boundary, never inside a UTF-8 sequence); cu=INR; every value
 * percent-encoded (unreserved A-Z a-z 0-9 - . _ ~ kept, space as %20, a
 * raw '&' never appears) except the '@' of pa. */
#ifndef FB_PAY_UPI_H
#define FB_PAY_UPI_H

#include <stddef.h>
#include <stdint.h>

#define UPI_NOTE_MAX 50   /* characters of tn */
#define UPI_FIELD_MAX 256 /* bytes of a decoded field, NUL included */
#define UPI_LINK_MAX 2048 /* bytes of a link, NUL included */

typedef struct upi_fields {
    char pa[UPI_FIELD_MAX]; /* payee VPA: name@handle */
    char pn[UPI_FIELD_MAX]; /* payee name */
    char tr[UPI_FIELD_MAX]; /* transaction (bill) reference, may be "" */
    char tn[UPI_FIELD_MAX]; /* note, may be "" */
    int64_t am;             /* amount in paise, > 0 */
} upi_fields;

/* A VPA as NPCI takes it: 1..255 bytes, "handle@psp" with exactly one '@',
 * the handle of [A-Za-z0-9.\-_] (1..) and the PSP of [A-Za-z0-9] (1..).
 * Returns 1 or 0. */
int fb__upi_vpa_ok(const char *vpa);

/* Build the link of f into buf, in the order pa pn tr tn am cu. tn is cut
 * to UPI_NOTE_MAX characters (a character: a UTF-8 lead byte and the
 * continuation bytes it announces; any other byte on its own); tr and tn
 * are left out when "". Returns 0, or -1 (buf "" when len > 0) when pa is
 * not a VPA (fb__upi_vpa_ok), pn is empty, a field is not NUL-terminated
 * within its array, am is not positive, or the link does not fit in len.
 * UPI_LINK_MAX bytes hold every link whose pn and tr together take at most
 * 1100 bytes encoded (3 per byte outside the unreserved set); fields at
 * their limits need up to 2442. */
int fb__upi_link(const upi_fields *f, char *buf, size_t len);

/* Parse a link built by fb__upi_link back into its fields (percent-
 * decoded, am back to paise; tr and tn "" when absent). It accepts exactly
 * the links fb__upi_link builds, in any parameter order: "upi://pay?" with
 * pa, pn, am, cu=INR and optionally tr, tn, each once and not empty, no
 * other parameter; values encoded as fb__upi_link does (unreserved bytes
 * raw, the others %XX with uppercase hex, no %00); pa a VPA; am digits
 * without a leading zero, '.', two digits, above 0 and within int64_t; tn
 * at most UPI_NOTE_MAX characters; every decoded field fits in
 * UPI_FIELD_MAX. Returns 0, or -1 (out zeroed) for anything else. */
int fb__upi_parse(const char *link, upi_fields *out);

/* The QR code of text (error correction M, 8-bit mode, a quiet zone of 4
 * modules, scale px per module) as a PNG image in a malloc'd buffer
 * (*png, *len; the caller frees it). The picture is (modules + 8) * scale
 * px square. Returns 0, or -1 (*png NULL, *len 0) when the text is empty
 * or too long for a QR code, scale is below 1 or the picture would be more
 * than 8192 px wide, or memory runs out. */
int fb__upi_qr_png(const char *text, int scale, unsigned char **png,
                   size_t *len);

#endif
