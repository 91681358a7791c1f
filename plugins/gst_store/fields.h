/* gst_store: the fields of a store item and of a rate, checked and put in
 * canonical form (pure: no host). One check per field serves the bot's
 * questions and the CSV import alike.
 *
 * Each check takes text as typed (surrounding spaces ignored) and returns
 * NULL with the canonical value in out, or the reason it is refused (a
 * static plain-text phrase of texts.h, e.g. "must be 4, 6 or 8 digits
 * (e.g. 2106 or 999723)") with out "" / 0. */
#ifndef FB_GST_FIELDS_H
#define FB_GST_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#define ITEM_SERIAL_MAX 20   /* characters (ASCII) */
#define ITEM_NAME_MAX 60     /* characters (UTF-8) */
#define ITEM_NAME_BYTES 241  /* ITEM_NAME_MAX * 4 + 1 */
#define ITEM_UNIT_MAX 8
#define HSN_MAX 8
#define RATE_BP_MAX 4000        /* 40 %, the highest slab */
#define MRP_MAX 1000000000LL    /* ₹1 crore */
#define RATE_TEXT_BYTES 8       /* "40", "2.5", "0.25" */

/* A store item as the import and export see it. */
typedef struct gst_item {
    char serial[ITEM_SERIAL_MAX + 1];
    char name[ITEM_NAME_BYTES];
    char hsn[HSN_MAX + 1];
    char unit[ITEM_UNIT_MAX + 1];
    int64_t mrp_paise;
    int rate_bp;
    int active;
} gst_item;

/* 1..20 of A-Z 0-9 - _ / . ; letters upper-cased ("p001" is P001). */
const char *fb__gst_serial(const char *s, char out[ITEM_SERIAL_MAX + 1]);
/* 1..60 characters of UTF-8 text without control characters; inner runs of
 * spaces kept. */
const char *fb__gst_name(const char *s, char out[ITEM_NAME_BYTES]);
/* An item's HSN/SAC code: 4, 6 or 8 digits. */
const char *fb__gst_hsn(const char *s, char out[HSN_MAX + 1]);
/* The code a rate applies to (every code it begins): 2, 4, 6 or 8
 * digits. */
const char *fb__gst_hsn_prefix(const char *s, char out[HSN_MAX + 1]);
/* A unit (UQC such as NOS, KGS, BOX): 1..8 letters, upper-cased. */
const char *fb__gst_unit(const char *s, char out[ITEM_UNIT_MAX + 1]);
/* An MRP in rupees ("2500", "2,500.00", "₹2,500.5"): 1 paisa to ₹1 crore. */
const char *fb__gst_mrp(const char *s, int64_t *paise);
/* A GST rate in per cent, at most two decimals, 0..40, an optional "%":
 * "18", "2.5", "0.25 %". In basis points (18 % is 1800). */
const char *fb__gst_rate(const char *s, int *bp);
/* Active flag of the CSV: 1/0, yes/no, y/n, true/false, active/inactive;
 * empty is 1. */
const char *fb__gst_active(const char *s, int *active);

/* The per cent text of bp: "18", "2.5", "0.25" (buf of RATE_TEXT_BYTES). */
char *fb__gst_rate_text(int bp, char buf[RATE_TEXT_BYTES]);
/* The rupees of paise for a CSV: "2500.00". buf of 24 bytes. */
char *fb__gst_rupees(int64_t paise, char buf[24]);

#endif
