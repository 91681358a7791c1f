/* See chart.h: a bar chart a person looks at instead of reading. */
#include "chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pngbuf.h"

#include <fitbot/sdk.h>

#define W 900
#define H 520
#define LEFT 40
#define RIGHT 30
#define TOP 80
#define BOTTOM 70
#define FONT "DejaVu Sans"

/* text centred on x (or starting at x when !centre), top at y. */
static void text(cairo_t *cr, const char *s, double x, double y, int size,
                 int bold, int centre, double max_w)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *f = pango_font_description_from_string(FONT);
    int w, h;

    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD
                                              : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, f);
    if (max_w > 0) {
        pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    }
    pango_layout_set_text(l, s, -1);
    pango_layout_get_pixel_size(l, &w, &h);
    cairo_move_to(cr, centre && max_w <= 0 ? x - w / 2.0 : x, y);
    pango_cairo_show_layout(cr, l);
    pango_font_description_free(f);
    g_object_unref(l);
}

/* An amount short enough to stand above a bar: "₹49,380" (whole rupees),
 * "₹4.94 L" (lakh), "₹12.35 Cr" (crore); two decimals, rounded half up. */
static void short_money(int64_t paise, char *buf, size_t len)
{
    int64_t rupees = (paise + 50) / 100;

    if (rupees < 100000) {
        char *dot;

        fb_money_format(rupees * 100, buf, len);
        if ((dot = strrchr(buf, '.')) != NULL)
            *dot = '\0';
    } else if (rupees < 10000000) {
        int64_t h = (rupees + 500) / 1000; /* hundredths of a lakh */

        snprintf(buf, len, "₹%lld.%02lld L", (long long)(h / 100),
                 (long long)(h % 100));
    } else {
        int64_t h = (rupees + 50000) / 100000; /* hundredths of a crore */

        snprintf(buf, len, "₹%lld.%02lld Cr", (long long)(h / 100),
                 (long long)(h % 100));
    }
}

static void draw(cairo_t *cr, const char *title, const ar_bar *bars, int n)
{
    double plot_w = W - LEFT - RIGHT, plot_h = H - TOP - BOTTOM;
    double slot = plot_w / n, bar = slot * 0.6;
    int64_t max = 0;
    char money[40];

    for (int i = 0; i < n; i++)
        if (bars[i].paise > max)
            max = bars[i].paise;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text(cr, title, W / 2.0, 20, 22, 1, 1, 0);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, LEFT, H - BOTTOM + 0.5);
    cairo_line_to(cr, W - RIGHT, H - BOTTOM + 0.5);
    cairo_stroke(cr);
    for (int i = 0; i < n; i++) {
        double h = max ? plot_h * (double)bars[i].paise / (double)max : 0;
        double x = LEFT + slot * i + (slot - bar) / 2;
        unsigned rgb = bars[i].rgb ? bars[i].rgb : 0x2973bf;

        if (h > 0 && h < 2)
            h = 2;
        cairo_set_source_rgb(cr, (rgb >> 16 & 0xff) / 255.0,
                             (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0);
        cairo_rectangle(cr, x, H - BOTTOM - h, bar, h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        short_money(bars[i].paise, money, sizeof money);
        text(cr, money, LEFT + slot * i, H - BOTTOM - h - 24, n > 8 ? 12 : 15,
             1, 1, slot);
        text(cr, bars[i].label ? bars[i].label : "", LEFT + slot * i,
             H - BOTTOM + 10, n > 8 ? 12 : 16, 0, 1, slot);
    }
}

/* See chart.h. */
int fb__ar_chart_png(const char *title, const ar_bar *bars, int n,
                     unsigned char **png, size_t *len)
{
    cairo_surface_t *s;
    cairo_t *cr;
    int rc = -1;

    *png = NULL;
    *len = 0;
    if (!title || !bars || n < 1 || n > AR_CHART_BARS_MAX)
        return -1;
    for (int i = 0; i < n; i++)
        if (bars[i].paise < 0)
            return -1;
    s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cr = cairo_create(s);
    draw(cr, title, bars, n);
    if (cairo_status(cr) == CAIRO_STATUS_SUCCESS)
        rc = fb__png_bytes(s, png, len);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return rc;
}
