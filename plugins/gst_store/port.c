/* gst_store plugin: the items as a CSV document, out and in.
 *
 *   [Export CSV] ──► items-YYYY-MM-DD.csv (every item, active or not)
 *   [Import CSV] ──► "send the file, or paste its rows" ──►
 *       any bad row: every bad row named with its line and what is wrong,
 *                    nothing changed, the question stays
 *       all good:    each row updates the item of its serial or adds one,
 *                    all in the handler's one transaction
 * The parsing is csv_import.c's (libcsv). A document's bytes come from
 * the host (fb_file_bytes, ABI 1.3); pasted rows are taken the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_import.h"
#include "gst.h"
#include "texts.h"

#define ERRORS_IN_MESSAGE 3000 /* longer lists go as a file */
#define IMPORT_MAX (1024 * 1024) /* an item master of thousands of rows */

/* [Export CSV]. */
int fb__gst_export(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT serial, name, hsn, unit, mrp_paise,"
                           " rate_bp, active::int FROM gst_items"
                           " ORDER BY serial");
    int n = fb_nrows(c, r);
    gst_item *items = fb_alloc(c, sizeof *items * (size_t)(n ? n : 1));
    size_t len;
    char *csv;
    int rc;

    if (!items)
        return FB_ERR;
    for (int i = 0; i < n; i++) {
        gst_item *it = &items[i];

        snprintf(it->serial, sizeof it->serial, "%s", fb_str(c, r, i, 0));
        snprintf(it->name, sizeof it->name, "%s", fb_str(c, r, i, 1));
        snprintf(it->hsn, sizeof it->hsn, "%s", fb_str(c, r, i, 2));
        snprintf(it->unit, sizeof it->unit, "%s", fb_str(c, r, i, 3));
        it->mrp_paise = fb_int(c, r, i, 4);
        it->rate_bp = (int)fb_int(c, r, i, 5);
        it->active = (int)fb_int(c, r, i, 6);
    }
    csv = fb__gst_csv_export(items, (size_t)n, &len);
    if (!csv)
        return fb_fail(c, "out of memory");
    rc = fb_send_document(c, fb_chat(c),
                          fb_plainf(c, "items-%s.csv", fb_today_text(c)), csv,
                          len, fb_plainf(c, T_EXPORT_CAPTION, (long long)n));
    free(csv);
    if (rc != FB_OK)
        return fb_fail(c, "the CSV document was refused");
    return fb_answerf(c, A_EXPORTED);
}

/* [Import CSV]: the host asks for the file. */
int fb__gst_import(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_IMPORT, "file");
}

/* Write the accepted items: each serial's item updated or added. */
static int apply(fb_ctx *c, const gst_import *imp)
{
    long long added = 0;

    for (size_t i = 0; i < imp->n; i++) {
        const gst_item *it = &imp->items[i];

        added += fb_sql_int(
            c, 0,
            "INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise,"
            " rate_bp, active) VALUES ($1, $2, $3, $4, $5, $6, $7 = 1)"
            " ON CONFLICT (serial) DO UPDATE SET name = EXCLUDED.name,"
            " hsn = EXCLUDED.hsn, unit = EXCLUDED.unit,"
            " mrp_paise = EXCLUDED.mrp_paise, rate_bp = EXCLUDED.rate_bp,"
            " active = EXCLUDED.active, updated_at = now()"
            " RETURNING (xmax = 0)::int",
            it->serial, it->name, it->hsn, it->unit, it->mrp_paise,
            it->rate_bp, it->active);
    }
    fb_flow_end(c);
    return fb_replyf(c, NULL, T_IMPORT_OK, (long long)imp->n,
                     imp->n == 1 ? "" : "s", added,
                     (long long)imp->n - added);
}

/* The refusal: the bad lines in the message, or as a file when long. The
 * flow stays: a fixed file may come next. */
static int refuse(fb_ctx *c, const gst_import *imp)
{
    long long bad = (long long)imp->nbad;

    if (strlen(imp->errors) <= ERRORS_IN_MESSAGE)
        return fb_replyf(c, NULL, T_IMPORT_BAD, bad, bad == 1 ? "" : "s",
                         imp->errors);
    fb_send_document(c, fb_chat(c), T_IMPORT_ERRORS_FILE, imp->errors,
                     strlen(imp->errors), NULL);
    return fb_replyf(c, NULL, T_IMPORT_BAD_LONG, bad);
}

/* The answer: a CSV document, or its rows pasted into a message. */
static int take(fb_ctx *c)
{
    const char *csv = fb_text(c);
    size_t len = strlen(csv);
    gst_import imp;
    int rc;

    if (fb_kind(c) == FB_UPDATE_DOCUMENT)
        csv = fb_file_bytes(c, fb_file_id(c), IMPORT_MAX, &len);
    else if (fb_kind(c) != FB_UPDATE_TEXT || !*csv)
        return fb_replyf(c, NULL, E_IMPORT_KIND);
    if (!csv)
        return FB_ERR;
    rc = fb__gst_csv_import(csv, len, &imp);
    if (rc < 0)
        rc = fb_fail(c, "out of memory");
    else if (rc == 1)
        rc = refuse(c, &imp);
    else
        rc = apply(c, &imp);
    fb__gst_import_free(&imp);
    return rc;
}

/* clang-format off */
static const fb_ask file_q = {.prompt = T_ASK_IMPORT, .type = FB_IN_ANY, .bad = E_IMPORT_KIND};

const fb_state fb__gst_import_states[] = {
    {.name = "file", .role = FB_ROLE_ADMIN, .ask = &file_q, .handler = take},
    {0}};
/* clang-format on */
