/* libFuzzer target for the CSV import of the gst_store plugin
 * (csv_import.h, with libcsv). Property: an import either
 *  - accepts: at least one item, no error text, every item's fields in
 *    canonical form; the export of those items imports again to the very
 *    same items (and the same export); or
 *  - refuses: no items, an error text whose every line begins
 *    "line N: " with 1 <= N <= the input's line count + 1.
 * Out of memory (-1) is not expected at these sizes and aborts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_import.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void broken(const char *what, const unsigned char *d, size_t n)
{
    fprintf(stderr, "property broken: %s on %zu bytes \"%.*s\"\n", what, n,
            (int)n, (const char *)d);
    abort();
}

static size_t lines_of(const unsigned char *d, size_t n)
{
    size_t lines = 1;

    for (size_t i = 0; i < n; i++)
        lines += d[i] == '\n' || (d[i] == '\r' && (i + 1 == n || d[i + 1] != '\n'));
    return lines;
}

static void check_refusal(const gst_import *imp, const unsigned char *d,
                          size_t n)
{
    size_t lines = lines_of(d, n);
    const char *p = imp->errors;
    size_t named = 0;

    if (imp->items || imp->n || !p || !*p || imp->nbad == 0)
        broken("a refusal has no items and names lines", d, n);
    while (*p) {
        unsigned long line;
        int used = 0;

        if (sscanf(p, "line %lu: %n", &line, &used) != 1 || used == 0 ||
            line < 1 || line > lines)
            broken("each refusal line names a line of the file", d, n);
        named++;
        p = strchr(p, '\n');
        if (!p)
            broken("the error text ends with a line end", d, n);
        p++;
    }
    if (named != imp->nbad)
        broken("nbad counts the lines named", d, n);
}

static void check_round_trip(const gst_import *imp, const unsigned char *d,
                             size_t n)
{
    gst_import again;
    size_t len, len2;
    char *csv, *csv2;

    if (imp->n == 0 || imp->errors || imp->nbad)
        broken("an acceptance has items and no errors", d, n);
    csv = fb__gst_csv_export(imp->items, imp->n, &len);
    if (!csv)
        abort();
    if (fb__gst_csv_import(csv, len, &again) != 0)
        broken("the export of accepted items imports", d, n);
    if (again.n != imp->n ||
        memcmp(again.items, imp->items, imp->n * sizeof *imp->items) != 0)
        broken("the export imports to the same items", d, n);
    csv2 = fb__gst_csv_export(again.items, again.n, &len2);
    if (!csv2 || len2 != len || memcmp(csv, csv2, len) != 0)
        broken("the export of the re-import is the same file", d, n);
    free(csv);
    free(csv2);
    fb__gst_import_free(&again);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    gst_import imp;
    int rc;

    if (size > 1 << 16)
        return 0;
    rc = fb__gst_csv_import(data, size, &imp);
    if (rc < 0)
        abort();
    if (rc == 1)
        check_refusal(&imp, data, size);
    else
        check_round_trip(&imp, data, size);
    fb__gst_import_free(&imp);
    return 0;
}
