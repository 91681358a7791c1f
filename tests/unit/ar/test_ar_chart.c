/* The ar plugin's bar chart (plugins/ar/chart.h): a PNG of the size drawn,
 * the refusals, and the ₹ sign available in the font it is drawn with
 * (DejaVu Sans, package fonts-dejavu-core). The pictures are left in the
 * test's folder (ar-aging.png, ar-collections.png) for a person to look at. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart.h"
#include "fbtc.h"

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 |
           p[3];
}

static void keep(const char *name, const unsigned char *png, size_t len)
{
    FILE *f = fopen(name, "wb");

    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(png, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(aging_png)
{
    static const ar_bar bars[] = {{"Not yet due", 150000, 0x2e9e4f},
                                  {"1–30 days", 1234567, 0xe0b020},
                                  {"31–60 days", 49379950, 0xe67e22},
                                  {"61–90 days", 0, 0xd0392b},
                                  {"90+ days", 12345678900, 0x8e1b10}};
    unsigned char *png = NULL;
    size_t len = 0;

    ck_assert_int_eq(fb__ar_chart_png("Dues by days past the due date, "
                                      "2026-12-20",
                                      bars, 5, &png, &len),
                     0);
    ck_assert_uint_gt(len, 1000);
    ck_assert_int_eq(memcmp(png, "\x89PNG\r\n\x1a\n", 8), 0);
    ck_assert_uint_eq(be32(png + 16), 900);
    ck_assert_uint_eq(be32(png + 20), 520);
    keep("ar-aging.png", png, len);
    free(png);
}
END_TEST

START_TEST(collections_png)
{
    static const char *const months[] = {
        "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026",
        "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026"};
    ar_bar bars[12];
    unsigned char *png = NULL;
    size_t len = 0;

    for (int i = 0; i < 12; i++)
        bars[i] = (ar_bar){months[i], (int64_t)(i * 7 % 5) * 1234500, 0};
    ck_assert_int_eq(
        fb__ar_chart_png("Collections by month", bars, 12, &png, &len), 0);
    keep("ar-collections.png", png, len);
    free(png);
}
END_TEST

START_TEST(refusals)
{
    ar_bar bars[AR_CHART_BARS_MAX + 1] = {{"a", 1, 0}};
    unsigned char *png = (unsigned char *)"x";
    size_t len = 3;

    ck_assert_int_eq(fb__ar_chart_png("t", bars, 0, &png, &len), -1);
    ck_assert_ptr_null(png);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(
        fb__ar_chart_png("t", bars, AR_CHART_BARS_MAX + 1, &png, &len), -1);
    ck_assert_int_eq(fb__ar_chart_png(NULL, bars, 1, &png, &len), -1);
    bars[0].paise = -1;
    ck_assert_int_eq(fb__ar_chart_png("t", bars, 1, &png, &len), -1);
    /* all zero, no label: still a picture */
    bars[0] = (ar_bar){NULL, 0, 0};
    ck_assert_int_eq(fb__ar_chart_png("t", bars, 1, &png, &len), 0);
    free(png);
}
END_TEST

/* The font the chart asks for has a glyph for ₹ (U+20B9). */
START_TEST(rupee_glyph)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 50, 50);
    cairo_t *cr = cairo_create(s);
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *f = pango_font_description_from_string("DejaVu Sans");

    pango_layout_set_font_description(l, f);
    pango_layout_set_text(l, "₹1,23,456.50 1–30", -1);
    ck_assert_int_eq(pango_layout_get_unknown_glyphs_count(l), 0);
    pango_font_description_free(f);
    g_object_unref(l);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "unit_ar_chart", .tcase = "chart", .timeout = 60};

    return FBTC_RUN(&def, aging_png, collections_png, refusals, rupee_glyph);
}
