/* See upi.h: the QR code of a link as a PNG (libqrencode, cairo). */
#include "upi.h"

#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <qrencode.h>

#include "pngbuf.h"

#define QR_QUIET 4       /* modules of white around the code */
#define QR_SIDE_MAX 8192 /* px of the picture's side, at most */

/* White everywhere, a black square of scale px for every dark module of qr,
 * QR_QUIET modules in. Returns cairo's status. */
static cairo_status_t draw(cairo_surface_t *s, const QRcode *qr, int scale)
{
    cairo_t *cr = cairo_create(s);
    cairo_status_t st;

    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1)
                cairo_rectangle(cr, (x + QR_QUIET) * scale,
                                (y + QR_QUIET) * scale, scale, scale);
    cairo_fill(cr);
    st = cairo_status(cr);
    cairo_destroy(cr);
    return st;
}

/* qr drawn at scale as PNG bytes (*png malloc'd). Returns 0, or -1. */
static int render(const QRcode *qr, int scale, unsigned char **png,
                  size_t *len)
{
    int side = (qr->width + 2 * QR_QUIET) * scale;
    cairo_surface_t *s;
    int rc = -1;

    if (side > QR_SIDE_MAX)
        return -1;
    s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
        draw(s, qr, scale) == CAIRO_STATUS_SUCCESS)
        rc = fb__png_bytes(s, png, len);
    cairo_surface_destroy(s);
    return rc;
}

int fb__upi_qr_png(const char *text, int scale, unsigned char **png,
                   size_t *len)
{
    QRcode *qr;
    int rc = -1;

    *png = NULL;
    *len = 0;
    if (!text || scale < 1 || scale > QR_SIDE_MAX)
        return -1;
    qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (qr) {
        rc = render(qr, scale, png, len);
        QRcode_free(qr);
    }
    return rc;
}
