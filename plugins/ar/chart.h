/* ar plugin: a bar chart of amounts as a PNG (cairo + pango, DejaVu Sans
 * for the ₹ sign). Pure: no host, no database. */
#ifndef FB_AR_CHART_H
#define FB_AR_CHART_H

#include <stddef.h>
#include <stdint.h>

#define AR_CHART_BARS_MAX 24

typedef struct ar_bar {
    const char *label; /* under the bar, e.g. "1–30 days" or "Dec 2026" */
    int64_t paise;     /* >= 0; above the bar as "₹49,380", "₹4.94 L",
                          "₹12.35 Cr" (whole rupees, lakh, crore) */
    unsigned rgb;      /* the bar's colour, 0xRRGGBB; 0: the default blue */
} ar_bar;

/* Draw title and n bars (1..AR_CHART_BARS_MAX) into a PNG: *png is
 * malloc'd (the caller frees it), *len its size. Returns 0, or -1 with
 * *png NULL (bad arguments, cairo failed). */
int fb__ar_chart_png(const char *title, const ar_bar *bars, int n,
                     unsigned char **png, size_t *len);

#endif
