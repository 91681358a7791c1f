/* Unit tests: what fitbot-chat makes of a picture the bot sends
 * (sdk/chat/picture.c): its size, and a black-and-white PNG (a QR code)
 * drawn in half blocks, light as blocks. The PNGs are drawn with cairo. */
#include <cairo.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc.h"
#include "picture.h"

#define B "█"
#define T "▀"
#define L "▄"

/* The drawing of checker_png(32, ...): 11×11 cells, 6 lines. */
/* clang-format off */
#define CHECKER_DRAWING                                                        \
    B B B B B B B B B B B "\n"  /* rows 0, 1 */                               \
    B B B B B B B B B B B "\n"  /* rows 2, 3 */                               \
    B B B B L T L B B B B "\n"  /* rows 4, 5 */                               \
    B B B B L B L B B B B "\n"  /* rows 6, 7 */                               \
    B B B B B B B B B B B "\n"  /* rows 8, 9 */                               \
    T T T T T T T T T T T "\n"  /* row 10, over the terminal's dark */
/* clang-format on */

/* cairo_write_func_t into a FILE. */
static cairo_status_t to_file(void *closure, const unsigned char *data,
                              unsigned int length)
{
    return fwrite(data, 1, length, closure) == length
               ? CAIRO_STATUS_SUCCESS
               : CAIRO_STATUS_WRITE_ERROR;
}

/* The PNG of s (malloc'd, *len bytes); s is destroyed. */
static unsigned char *png_of(cairo_surface_t *s, size_t *len)
{
    char *png = NULL;
    FILE *f = open_memstream(&png, len);

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cairo_surface_write_to_png_stream(s, to_file, f),
                     CAIRO_STATUS_SUCCESS);
    fclose(f);
    cairo_surface_destroy(s);
    return (unsigned char *)png;
}

/* A 3×3 checker (dark corners and centre) of 8 px modules, border px of
 * white (or of nothing: transparent) around it. */
static unsigned char *checker_png(int border, int transparent, size_t *len)
{
    int side = 2 * border + 24;
    cairo_surface_t *s = cairo_image_surface_create(
        transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, side, side);
    cairo_t *cr = cairo_create(s);

    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    if (!transparent) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int k = 0; k < 9; k += 2)
        cairo_rectangle(cr, border + k % 3 * 8, border + k / 3 * 8, 8, 8);
    cairo_fill(cr);
    cairo_destroy(cr);
    return png_of(s, len);
}

/* Describe the PNG (freed); returns the drawing (malloc'd). */
static char *describe(unsigned char *png, size_t len, picture_info *info)
{
    char *text = NULL, err[256] = "";
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);

    ck_assert_ptr_nonnull(f);
    ck_assert_msg(picture_describe(png, len, f, info, err, sizeof err) == 0,
                  "%s", err);
    fclose(f);
    free(png);
    return text;
}

/* The drawing (malloc'd) of checker_png(border, transparent). */
static char *checker_drawing(int border, int transparent, picture_info *info)
{
    size_t len;
    unsigned char *png = checker_png(border, transparent, &len);

    return describe(png, len, info);
}

/* A 4-module white border: 11×11 cells, 6 lines, light as full blocks. */
START_TEST(qr_like_png_is_drawn_in_half_blocks)
{
    picture_info info;
    char *text = checker_drawing(32, 0, &info);

    ck_assert_str_eq(info.ext, "png");
    ck_assert_int_eq(info.width, 88);
    ck_assert_int_eq(info.height, 88);
    ck_assert_int_eq(info.module, 8);
    ck_assert_int_eq(info.cols, 11);
    ck_assert_int_eq(info.lines, 6);
    ck_assert_str_eq(text, CHECKER_DRAWING);
    free(text);
}
END_TEST

/* Transparent pixels look white (Telegram shows them over white). */
START_TEST(transparent_background_counts_as_light)
{
    picture_info info;
    char *text = checker_drawing(32, 1, &info);

    ck_assert_str_eq(text, CHECKER_DRAWING);
    free(text);
}
END_TEST

/* A 3 px border: the cells follow the modules, not the image's corner. */
START_TEST(cells_follow_the_modules)
{
    picture_info info;
    char *text = checker_drawing(3, 0, &info);

    ck_assert_int_eq(info.module, 8);
    ck_assert_int_eq(info.cols, 5);
    ck_assert_int_eq(info.lines, 3);
    ck_assert_str_eq(text, B T B T B "\n" B T L T B "\n" T T T T T "\n");
    free(text);
}
END_TEST

/* A colour gradient: described, not drawn. */
START_TEST(colour_photo_is_not_drawn)
{
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 120, 80);
    cairo_t *cr = cairo_create(s);
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 120, 80);
    picture_info info;
    unsigned char *png;
    size_t len;
    char *text;

    cairo_pattern_add_color_stop_rgb(g, 0, 1, 0.5, 0);
    cairo_pattern_add_color_stop_rgb(g, 1, 0, 0.2, 0.8);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    cairo_destroy(cr);
    png = png_of(s, &len);
    text = describe(png, len, &info);
    ck_assert_int_eq(info.width, 120);
    ck_assert_int_eq(info.height, 80);
    ck_assert_int_eq(info.lines, 0);
    ck_assert_int_eq(info.cols, 0);
    ck_assert_str_eq(text, "");
    free(text);
}
END_TEST

/* Black and white 1 px stripes, w px wide, 2 rows. */
static unsigned char *stripes_png(int w, size_t *len)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, 2);
    cairo_t *cr = cairo_create(s);

    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int x = 1; x < w; x += 2)
        cairo_rectangle(cr, x, 0, 1, 2);
    cairo_fill(cr);
    cairo_destroy(cr);
    return png_of(s, len);
}

/* PICTURE_MAX_COLS cells are drawn, one more is not. */
START_TEST(at_most_max_cols_are_drawn)
{
    picture_info info;
    unsigned char *png;
    size_t len;
    char *text;

    png = stripes_png(PICTURE_MAX_COLS, &len);
    text = describe(png, len, &info);
    ck_assert_int_eq(info.cols, PICTURE_MAX_COLS);
    ck_assert_int_eq(info.lines, 1);
    ck_assert_int_eq((int)strlen(text),
                     PICTURE_MAX_COLS / 2 * (int)(strlen(B) + 1) + 1);
    ck_assert_int_eq(strncmp(text, B " " B " ", 2 * strlen(B) + 2), 0);
    free(text);
    png = stripes_png(PICTURE_MAX_COLS + 1, &len);
    text = describe(png, len, &info);
    ck_assert_int_eq(info.width, PICTURE_MAX_COLS + 1);
    ck_assert_int_eq(info.lines, 0);
    ck_assert_str_eq(text, "");
    free(text);
}
END_TEST

/* A grey module among black and white ones: not drawn. */
START_TEST(grey_is_neither_dark_nor_light)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 24, 8);
    cairo_t *cr = cairo_create(s);
    picture_info info;
    unsigned char *png;
    size_t len;
    char *text;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 8, 0, 8, 8);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_rectangle(cr, 0, 0, 2, 2);
    cairo_fill(cr);
    cairo_destroy(cr);
    png = png_of(s, &len);
    text = describe(png, len, &info);
    ck_assert_int_eq(info.width, 24);
    ck_assert_int_eq(info.lines, 0);
    free(text);
}
END_TEST

/* Without a drawing stream only the size is read. */
START_TEST(size_only_without_a_stream)
{
    size_t len;
    unsigned char *png = checker_png(32, 0, &len);
    picture_info info;
    char err[128];

    ck_assert_int_eq(picture_describe(png, len, NULL, &info, err, sizeof err),
                     0);
    ck_assert_int_eq(info.width, 88);
    ck_assert_int_eq(info.lines, 0);
    free(png);
}
END_TEST

/* A JPEG's size comes from its start-of-frame header. */
START_TEST(jpeg_size_from_its_header)
{
    static const unsigned char jpeg[] = {
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00,
        0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xC0,
        0x00, 0x11, 0x08, 0x00, 0xF0, 0x01, 0x40, 0x03, 0x01, 0x22, 0x00};
    picture_info info;
    char err[128];

    ck_assert_int_eq(
        picture_describe(jpeg, sizeof jpeg, stdout, &info, err, sizeof err), 0);
    ck_assert_str_eq(info.ext, "jpg");
    ck_assert_int_eq(info.width, 320);
    ck_assert_int_eq(info.height, 240);
    ck_assert_int_eq(info.lines, 0);
    ck_assert_int_eq(picture_describe(jpeg, 20, stdout, &info, err, sizeof err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err, "broken JPEG"));
}
END_TEST

/* Bytes that are no picture, or a PNG cut short: -1 and why. */
START_TEST(broken_bytes_say_why)
{
    size_t len;
    unsigned char *png = checker_png(32, 0, &len);
    picture_info info;
    char err[128];

    ck_assert_int_eq(
        picture_describe(png, len / 2, stdout, &info, err, sizeof err), -1);
    ck_assert_msg(strncmp(err, "broken PNG (", 12) == 0, "%s", err);
    ck_assert_int_eq(picture_describe((const unsigned char *)"hello", 5, stdout,
                                      &info, err, sizeof err),
                     -1);
    ck_assert_str_eq(err, "neither a PNG nor a JPEG image (5 bytes)");
    free(png);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "chat_picture", .tcase = "picture"};

    return FBTC_RUN(&def, qr_like_png_is_drawn_in_half_blocks,
                    transparent_background_counts_as_light,
                    cells_follow_the_modules, colour_photo_is_not_drawn,
                    at_most_max_cols_are_drawn, grey_is_neither_dark_nor_light,
                    size_only_without_a_stream, jpeg_size_from_its_header,
                    broken_bytes_say_why);
}
