/* gst_store: store items as CSV, both ways (pure: no host; libcsv parses).
 *
 * The file: one item a row, the columns
 *     serial, name, hsn_sac, unit, mrp, gst_percent [, active]
 * (MRP in rupees, "2500.00"; GST in per cent, "18" or "2.5"; active 1/0,
 * absent: 1). A first row whose first field is "serial" is a header and
 * skipped. RFC 4180 quoting (a field with commas, quotes or line breaks in
 * double quotes, a quote doubled), LF or CRLF line ends, a UTF-8 byte
 * order mark and blank lines are accepted.
 *
 * An import is all or nothing: either every row is an item (and at least
 * one is), or the file is refused and every bad row named with its line
 * and what is wrong with it. */
#ifndef FB_GST_CSV_IMPORT_H
#define FB_GST_CSV_IMPORT_H

#include <stddef.h>

#include "fields.h"

#define IMPORT_MAX_ROWS 5000

typedef struct gst_import {
    gst_item *items; /* accepted: n items in file order; refused: NULL */
    int *lines;      /* the line each item starts on */
    size_t n;
    char *errors; /* refused: "line 3: HSN/SAC must be ...\n" a bad row;
                     accepted: NULL */
    size_t nbad;  /* refused: how many lines are named (>= 1) */
} gst_import;

/* Parse len bytes of buf. Returns 0 (accepted), 1 (refused: errors says
 * why, items NULL) or -1 (out of memory: nothing allocated). Free out with
 * fb__gst_import_free in every case. */
int fb__gst_csv_import(const void *buf, size_t len, gst_import *out);
void fb__gst_import_free(gst_import *imp);

/* The CSV of n items, header first, CRLF line ends: malloc'd, *len bytes
 * (NUL-terminated too); NULL when out of memory. An import of it gives
 * the same items. */
char *fb__gst_csv_export(const gst_item *items, size_t n, size_t *len);

#endif
