/* gst_store plugin: what its files share.
 *
 * gst_store.c (the descriptor) · settings.c (/gst) · rates.c (/gst_rates
 * and the rate in force) · items.c (/items: list, card, new, edit,
 * deactivate) · port.c (CSV export and import) · requests.c (gst.*
 * requests for other plugins) · gstin.c, fields.c, csv_import.c (pure). */
#ifndef FB_GST_H
#define FB_GST_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

#include "gstin.h"

/* ---- callback-data prefixes (routes are declared with the same text) -- */
#define CB_SET_TOGGLE "gstog:" /* on | mode */
#define CB_SET_EDIT "gsed:"    /* rate | name | address | gstin | state */
#define CB_SETTINGS "gset:"
#define CB_RATES "grl:"
#define CB_RATE_ADD "gradd:"
#define CB_ITEMS "gil:"    /* offset [: query] */
#define CB_ITEM "gi:"      /* item id */
#define CB_ITEM_NEW "ginew:"
#define CB_ITEM_EDIT "gied:"   /* item id : field */
#define CB_ITEM_TOGGLE "gitog:" /* item id */
#define CB_EXPORT "gexp:"
#define CB_IMPORT "gimp:"

#define FLOW_SETTINGS "gst_settings"
#define FLOW_RATE "gst_rate"
#define FLOW_ITEM_NEW "gst_item_new"
#define FLOW_ITEM_EDIT "gst_item_edit"
#define FLOW_IMPORT "gst_import"

#define ITEMS_PAGE 8

/* "18" of 1800 basis points (context memory). */
const char *fb__gst_pct(fb_ctx *c, int64_t bp);
/* s trimmed, at most 40 bytes (cut at a character boundary, "…" added):
 * for quoting input in a message (plain; escape it with %s). */
const char *fb__gst_quote(fb_ctx *c, const char *s);
/* Why the GSTIN in is refused, as the settings say it (HTML), or NULL
 * when it is valid: then g holds it canonical (gstin.h). */
const char *fb__gst_gstin_why(fb_ctx *c, const char *in,
                              char g[GSTIN_LEN + 1]);
/* Re-ask text for a refused field: "HSN/SAC “12A” must be ...". */
const char *fb__gst_bad(fb_ctx *c, const char *label, const char *why);

/* ---- handlers ------------------------------------------------------------ */
int fb__gst_settings(fb_ctx *c);
int fb__gst_settings_toggle(fb_ctx *c);
int fb__gst_settings_edit(fb_ctx *c);
extern const fb_state fb__gst_settings_states[];

int fb__gst_rates(fb_ctx *c);
int fb__gst_rate_add(fb_ctx *c);
extern const fb_state fb__gst_rate_states[];

int fb__gst_items(fb_ctx *c);
int fb__gst_items_page(fb_ctx *c);
int fb__gst_item(fb_ctx *c);
int fb__gst_item_new(fb_ctx *c);
int fb__gst_item_edit(fb_ctx *c);
int fb__gst_item_toggle(fb_ctx *c);
extern const fb_state fb__gst_item_new_states[];
extern const fb_state fb__gst_item_edit_states[];

int fb__gst_export(fb_ctx *c);
int fb__gst_import(fb_ctx *c);
extern const fb_state fb__gst_import_states[];

int fb__gst_req_settings(fb_ctx *c);
int fb__gst_req_items(fb_ctx *c);
int fb__gst_req_item(fb_ctx *c);
int fb__gst_req_rate(fb_ctx *c);
int fb__gst_req_state(fb_ctx *c);
int fb__gst_req_gstin_check(fb_ctx *c);

#endif
