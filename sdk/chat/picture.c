/* fitbot-chat: a picture's size, and a QR code drawn in half blocks. */
#include "picture.h"

#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DARK_MAX 80   /* dark: no channel above this (over white) */
#define LIGHT_MIN 176 /* light: no channel below this (over white) */

/* A drawing cell by its top and bottom halves: light is a block. */
static const char *const HALVES[2][2] = {{" ", "▄"}, {"▀", "█"}};

/* cairo's PNG reading closure: the bytes not read yet. */
typedef struct reader {
    const unsigned char *p;
    size_t left;
} reader;

/* Light (1) or dark (0) pixels, a byte each, row after row. */
typedef struct bitmap {
    unsigned char *px;
    int w, h;
} bitmap;

/* Where the cells fall: module size, the phase of the first whole cell
 * along x and y, and how many cells cover the image. */
typedef struct grid {
    int m, px, py, cols, rows;
} grid;

/* cairo_read_func_t over a reader. */
static cairo_status_t read_bytes(void *closure, unsigned char *data,
                                 unsigned int length)
{
    reader *r = closure;

    if (length > r->left)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p, length);
    r->p += length;
    r->left -= length;
    return CAIRO_STATUS_SUCCESS;
}

/* The PNG in b as a cairo image surface (caller destroys it), or NULL
 * with err saying why. */
static cairo_surface_t *png_decode(const unsigned char *b, size_t len,
                                   char *err, size_t errlen)
{
    reader r = {b, len};
    cairo_surface_t *s =
        cairo_image_surface_create_from_png_stream(read_bytes, &r);
    cairo_status_t st = cairo_surface_status(s);

    if (st == CAIRO_STATUS_SUCCESS)
        return s;
    snprintf(err, errlen, "broken PNG (%s)", cairo_status_to_string(st));
    cairo_surface_destroy(s);
    return NULL;
}

/* 1 light, 0 dark, -1 neither: pixel p of an ARGB32 (premultiplied) or
 * RGB24 surface, as it looks over white. */
static int tone(uint32_t p, int alpha)
{
    int a = alpha ? (int)(p >> 24) : 255;
    int r = (int)(p >> 16 & 0xff) + 255 - a;
    int g = (int)(p >> 8 & 0xff) + 255 - a;
    int b = (int)(p & 0xff) + 255 - a;
    int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
    int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);

    if (lo >= LIGHT_MIN)
        return 1;
    return hi <= DARK_MAX ? 0 : -1;
}

/* The surface's tones into *bm (bm->px malloc'd, caller frees). Returns 0,
 * 1 when some pixel is neither dark nor light (bm then empty), or -1 when
 * memory runs out. */
static int to_bitmap(cairo_surface_t *s, bitmap *bm)
{
    cairo_format_t f = cairo_image_surface_get_format(s);
    const unsigned char *data;
    int stride, x, y, t;

    if (f != CAIRO_FORMAT_ARGB32 && f != CAIRO_FORMAT_RGB24)
        return 1;
    cairo_surface_flush(s);
    data = cairo_image_surface_get_data(s);
    stride = cairo_image_surface_get_stride(s);
    bm->w = cairo_image_surface_get_width(s);
    bm->h = cairo_image_surface_get_height(s);
    if (!data || !(bm->px = malloc((size_t)bm->w * (size_t)bm->h + 1)))
        return -1;
    for (y = 0; y < bm->h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (x = 0; x < bm->w; x++) {
            if ((t = tone(row[x], f == CAIRO_FORMAT_ARGB32)) < 0) {
                free(bm->px);
                bm->px = NULL;
                return 1;
            }
            bm->px[(size_t)y * bm->w + x] = (unsigned char)t;
        }
    }
    return 0;
}

/* Pixel (x, y) of bm: 1 light, 0 dark. */
static int at(const bitmap *bm, int x, int y)
{
    return bm->px[(size_t)y * bm->w + x];
}

/* The shortest run of one colour between two changes along any row, and
 * in *phase where the first change falls; 0 when no row has such a run. */
static int module_size(const bitmap *bm, int *phase)
{
    int best = 0, x, y, start;

    *phase = -1;
    for (y = 0; y < bm->h; y++) {
        for (start = 0, x = 1; x < bm->w; x++) {
            if (at(bm, x, y) == at(bm, x - 1, y))
                continue;
            if (start > 0 && (best == 0 || x - start < best))
                best = x - start;
            if (*phase < 0)
                *phase = x;
            start = x;
        }
    }
    return best;
}

/* The first row that differs from the one above it, or 0. */
static int first_row_change(const bitmap *bm)
{
    int y;

    for (y = 1; y < bm->h; y++)
        if (memcmp(bm->px + (size_t)y * bm->w, bm->px + (size_t)(y - 1) * bm->w,
                   (size_t)bm->w) != 0)
            return y;
    return 0;
}

/* Cells of m px covering len px when a cell starts at phase. */
static int cell_count(int len, int m, int phase)
{
    int start = phase ? phase - m : 0;

    return (len - start + m - 1) / m;
}

/* The pixel that stands for cell k along a side of len px. */
static int sample(int k, int m, int phase, int len)
{
    int c = (phase ? phase - m : 0) + k * m + m / 2;

    return c < 0 ? 0 : c >= len ? len - 1 : c;
}

/* The cells of bm. Returns 0, or -1 when it has no module size. */
static int grid_of(const bitmap *bm, grid *g)
{
    if (!(g->m = module_size(bm, &g->px)))
        return -1; /* (no change at all, or only one per row) */
    g->px %= g->m;
    g->py = first_row_change(bm) % g->m;
    g->cols = cell_count(bm->w, g->m, g->px);
    g->rows = cell_count(bm->h, g->m, g->py);
    return 0;
}

/* Cell (col, row) of bm is light; rows below the image are dark (the
 * terminal's background). */
static int cell(const bitmap *bm, const grid *g, int col, int row)
{
    if (row >= g->rows)
        return 0;
    return at(bm, sample(col, g->m, g->px, bm->w),
              sample(row, g->m, g->py, bm->h));
}

/* Draw bm to out when it has a grid narrow enough; note it in *info. */
static void draw(const bitmap *bm, FILE *out, picture_info *info)
{
    grid g;
    int col, line;

    if (grid_of(bm, &g) != 0 || g.cols > PICTURE_MAX_COLS)
        return;
    for (line = 0; line < (g.rows + 1) / 2; line++) {
        for (col = 0; col < g.cols; col++)
            fputs(HALVES[cell(bm, &g, col, 2 * line)]
                        [cell(bm, &g, col, 2 * line + 1)],
                  out);
        fputc('\n', out);
    }
    info->module = g.m;
    info->cols = g.cols;
    info->lines = (g.rows + 1) / 2;
}

/* picture_describe for a PNG: decoded, sized and maybe drawn. */
static int describe_png(const unsigned char *b, size_t len, FILE *drawing,
                        picture_info *info, char *err, size_t errlen)
{
    cairo_surface_t *s = png_decode(b, len, err, errlen);
    bitmap bm = {NULL, 0, 0};
    int rc;

    info->ext = "png";
    if (!s)
        return -1;
    info->width = cairo_image_surface_get_width(s);
    info->height = cairo_image_surface_get_height(s);
    rc = drawing ? to_bitmap(s, &bm) : 1;
    cairo_surface_destroy(s);
    if (rc < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (rc == 0)
        draw(&bm, drawing, info);
    free(bm.px);
    return 0;
}

/* The size in a JPEG's start-of-frame header. Returns 0 or -1. */
static int jpeg_size(const unsigned char *b, size_t len, picture_info *info)
{
    size_t i = 2;

    while (i + 9 <= len && b[i] == 0xFF) {
        unsigned char mk = b[i + 1];
        size_t seg = (size_t)b[i + 2] << 8 | b[i + 3];

        if (mk >= 0xC0 && mk <= 0xCF && mk != 0xC4 && mk != 0xC8 &&
            mk != 0xCC) {
            info->height = b[i + 5] << 8 | b[i + 6];
            info->width = b[i + 7] << 8 | b[i + 8];
            return 0;
        }
        if (seg < 2)
            return -1;
        i += 2 + seg;
    }
    return -1;
}

int picture_describe(const unsigned char *b, size_t len, FILE *drawing,
                     picture_info *info, char *err, size_t errlen)
{
    memset(info, 0, sizeof *info);
    if (len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return describe_png(b, len, drawing, info, err, errlen);
    if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
        info->ext = "jpg";
        if (jpeg_size(b, len, info) == 0)
            return 0;
        snprintf(err, errlen, "broken JPEG (no size in its header)");
        return -1;
    }
    snprintf(err, errlen, "neither a PNG nor a JPEG image (%zu bytes)", len);
    return -1;
}
