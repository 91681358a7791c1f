/* gst_store plugin: everything the plugin says, in one place.
 *
 * T_ texts and E_ re-asks are Telegram HTML for fb_replyf() and friends
 * (%s is escaped, %-s inserts HTML the plugin built); B_ are button
 * labels, A_ press answers (plain). R_ and L_ are plain phrases the pure
 * modules (fields.c, csv_import.c) use for what is wrong with a value:
 * they hold no user input and no HTML. */
#ifndef FB_GST_TEXTS_H
#define FB_GST_TEXTS_H

/* ---- why a value is refused (fields.c, csv_import.c) --------------------- */
#define R_EMPTY "is empty"
#define R_SERIAL "must be 1 to 20 letters, digits, - _ / or . (e.g. P001)"
#define R_NAME_CHARS "must be plain text (no line breaks or control characters)"
#define R_NAME_LONG "must be at most 60 characters"
#define R_HSN "must be 4, 6 or 8 digits (e.g. 2106 or 999723)"
#define R_HSN_PREFIX "must be 2, 4, 6 or 8 digits (e.g. 9997 or 2106)"
#define R_UNIT "must be 1 to 8 letters (e.g. NOS, KGS, BOX)"
#define R_MRP "must be an amount in rupees from ₹0.01 to ₹1,00,00,000 (e.g. 2500 or 2,499.50)"
#define R_RATE "must be a per cent from 0 to 40 with at most two decimals (e.g. 18, 5 or 2.5)"
#define R_ACTIVE "must be 1 or 0 (or yes / no)"
#define R_REPEATS "repeats line %d"
#define R_FIELDS                                                               \
    "has %d fields; expected 6 (serial, name, hsn_sac, unit, mrp, "           \
    "gst_percent) or 7 (with active)"
#define R_FIELDS_MANY "has more than %d fields; expected 6 or 7"
#define R_NUL "holds a NUL byte: this is not a text file"
#define R_QUOTES                                                               \
    "the quotes do not match (a quoted field is not closed, or text follows " \
    "its closing quote)"
#define R_TOO_MANY "more than %d items in one file; split it"
#define R_NO_ITEMS "the file holds no items"
#define R_ONLY_HEADER "the file has a header but no items"

#define L_SERIAL "serial"
#define L_NAME "name"
#define L_HSN "HSN/SAC"
#define L_UNIT "unit"
#define L_MRP "MRP"
#define L_RATE "GST %"
#define L_ACTIVE "active"

#define CSV_HEADER "serial,name,hsn_sac,unit,mrp,gst_percent,active"

/* ---- common --------------------------------------------------------------- */
#define T_SAVED "✅ Saved.\n\n"
#define A_STALE "This button has expired."
#define A_NO_ITEM "That item does not exist."
#define E_BAD_VALUE "%s “%s” %s. Please send it again, or /cancel."
#define T_NOT_SET "<i>not set</i>"

/* ---- settings (/gst) ------------------------------------------------------ */
#define T_SETTINGS                                                             \
    "%-s🧾 <b>GST settings</b>\n"                                               \
    "GST: %-s\n"                                                               \
    "Prices: %-s\n"                                                            \
    "Default rate: %s %%\n"                                                    \
    "Legal name: %-s\n"                                                        \
    "Address: %-s\n"                                                           \
    "GSTIN: %-s\n"                                                             \
    "State: %-s"
#define T_ON "<b>on</b> (invoices carry GST)"
#define T_OFF "<b>off</b> (no GST on invoices)"
#define T_INCLUSIVE "GST <b>included</b> in the price (inclusive)"
#define T_EXCLUSIVE "GST <b>added</b> to the price (exclusive)"
#define T_STATE_LINE "%s %s%-s"
#define T_UTGST " (UTGST instead of SGST)"
#define B_TURN_OFF "Turn GST off"
#define B_TURN_ON "Turn GST on"
#define B_TO_EXCLUSIVE "Make prices exclusive"
#define B_TO_INCLUSIVE "Make prices inclusive"
#define B_DEFAULT_RATE "Default rate"
#define B_LEGAL_NAME "Legal name"
#define B_ADDRESS "Address"
#define B_GSTIN "GSTIN"
#define B_STATE "State"
#define B_RATES "Rates »"
#define B_ITEMS "Items »"

#define T_ASK_DEFAULT_RATE                                                     \
    "Default GST rate in per cent, for items and codes without a rate of "    \
    "their own? (0–40, e.g. 18)\nSend /cancel to stop."
#define T_ASK_LEGAL_NAME                                                       \
    "The club's legal name, as registered for GST? (up to 100 "               \
    "characters)\nSend /cancel to stop."
#define T_ASK_ADDRESS                                                          \
    "The club's address for invoices? (up to 300 characters; line breaks "    \
    "are kept)\nSend /cancel to stop."
#define T_ASK_GSTIN                                                            \
    "The club's GSTIN? (15 characters, e.g. 27AAPFU0939F1ZV; send "           \
    "<code>none</code> to clear it)\nSend /cancel to stop."
#define T_ASK_STATE                                                            \
    "The club's state: its GST code or name? (e.g. 27 or Maharashtra)\nSend " \
    "/cancel to stop."
#define E_DEFAULT_RATE                                                         \
    "Please send a rate in per cent from 0 to 40 with at most two decimals, " \
    "e.g. 18 or 2.5."
#define E_LEGAL_NAME "Please send a name of 1 to 100 characters."
#define E_ADDRESS "Please send an address of 1 to 300 characters."
#define E_GSTIN_LENGTH                                                         \
    "A GSTIN has 15 characters; “%s” has %d. Example: 27AAPFU0939F1ZV."
#define E_GSTIN_CHARS                                                          \
    "A GSTIN has only letters and digits; “%s” has others. Example: "         \
    "27AAPFU0939F1ZV."
#define E_GSTIN_STATE                                                          \
    "“%s” does not begin with a state code (01–38, 97 or 99)."
#define E_GSTIN_PAN                                                            \
    "Characters 3–12 of “%s” are not a PAN (5 letters, 4 digits, a letter)."
#define E_GSTIN_ENTITY                                                         \
    "Character 13 of “%s” must be 1–9 or a letter, and character 14 a "       \
    "letter (usually Z)."
#define E_GSTIN_CHECK                                                          \
    "The check character of “%s” is wrong: it should end in %c if the rest "  \
    "is right. Please check the GSTIN and send it again."
#define E_STATE                                                                \
    "“%s” is not a GST state. Send its code (01–38, 97, 99) or its name, "    \
    "e.g. 27 or Maharashtra."
#define E_STATE_GSTIN                                                          \
    "The state follows the GSTIN: %s is in %s (%s). Change or clear the "     \
    "GSTIN first."
#define T_GSTIN_STATE "GSTIN saved; the state is now %s %s (from the GSTIN).\n\n"

/* ---- rates (/gst_rates) --------------------------------------------------- */
#define T_RATES                                                                \
    "📈 <b>GST rates by HSN/SAC</b>\nA line's rate is the one in force on "    \
    "the invoice date (the longest matching code); codes without a rate "     \
    "take the item's own GST %%, else the default %s %%.\n%-s"
#define T_RATES_NONE "\n<i>No rates yet.</i>"
#define T_RATE_CODE "\n<b>%s</b>:"
#define T_RATE_STEP " %s %% from %s%-s;"
#define T_RATE_NOW " <i>(today)</i>"
#define T_RATE_NOTE " — %s"
#define B_RATE_ADD "➕ Add a rate change"
#define T_ASK_RATE_HSN                                                         \
    "Which HSN/SAC code does the rate apply to? (2, 4, 6 or 8 digits; it "    \
    "covers every code beginning with it, e.g. 9997)\nSend /cancel to stop."
#define T_ASK_RATE_PCT "The rate in per cent? (0–40, e.g. 5 or 18)"
#define T_ASK_RATE_DATE                                                        \
    "In force from which day? (e.g. 2025-09-22 or 22/09/2025)"
#define E_RATE_HSN                                                             \
    "Please send 2, 4, 6 or 8 digits, e.g. 9997 (gym services) or 2106."
#define E_RATE_DATE                                                            \
    "Please send a date from 2017-07-01 (the start of GST) on, e.g. "          \
    "22/09/2025."
#define T_RATE_SAVED                                                           \
    "✅ From %s, HSN/SAC %s is taxed at %s %%%-s.\nHistory of %s:%-s"
#define T_RATE_REPLACED " (replacing %s %% set for that day)"
#define T_RATE_HISTORY "\n%s %% from %s"

/* ---- items (/items) ------------------------------------------------------- */
#define T_ITEMS "📦 <b>Store items</b>%-s: %lld (%lld–%lld shown). Press one to see it."
#define T_ITEMS_MATCHING " matching “%s”"
#define T_NO_ITEMS "📦 No store items%-s yet."
#define B_ITEM_LABEL "%s · %s · %s%s" /* serial, name, mrp, inactive */
#define B_ITEM_OFF " (inactive)"
#define B_PREV "‹ Previous"
#define B_NEXT "Next ›"
#define B_ITEM_NEW "➕ New item"
#define B_EXPORT "⬇️ Export CSV"
#define B_IMPORT "⬆️ Import CSV"
#define B_BACK_ITEMS "« Items"
#define B_EDIT_NAME "Name"
#define B_EDIT_HSN "HSN/SAC"
#define B_EDIT_UNIT "Unit"
#define B_EDIT_MRP "MRP"
#define B_EDIT_RATE "GST %"
#define B_DEACTIVATE "Deactivate"
#define B_ACTIVATE "Activate"
#define T_ITEM_CARD                                                            \
    "%-s📦 <b>%s</b> · %s\nHSN/SAC %s · unit %s\nMRP %s · GST %s %% (item)%-s\n%-s"
#define T_ITEM_RATE_TODAY "; in force today for its code: %s %%"
#define T_ITEM_ACTIVE "Active: on sale and offered for invoices."
#define T_ITEM_INACTIVE "Inactive: not offered for invoices (old invoices keep it)."
#define T_ITEM_ON "✅ Active again.\n\n"
#define T_ITEM_OFF "Deactivated: no longer offered for new invoices.\n\n"
#define T_ASK_SERIAL                                                           \
    "Serial of the new item? (up to 20 letters, digits, - _ / ., e.g. "       \
    "P001)\nSend /cancel to stop."
#define T_ASK_NAME "Its name? (up to 60 characters, e.g. Whey protein 1 kg)"
#define T_ASK_HSN                                                              \
    "Its HSN/SAC code? (4, 6 or 8 digits: 2106 supplements, 9506 equipment, " \
    "999723 fitness services)"
#define T_ASK_UNIT "Its unit? (NOS, KGS, BOX, PCS, …)"
#define T_ASK_MRP "Its MRP in rupees? (e.g. 2500 or 2,499.50)"
#define T_ASK_RATE                                                             \
    "Its own GST rate in per cent? (0–40, e.g. 18; a rate set for its code "  \
    "in /gst_rates takes precedence)"
#define E_SERIAL_EXISTS "An item with serial %s exists already: choose another."

/* ---- CSV export and import ----------------------------------------------- */
#define T_EXPORT_CAPTION "%lld items (serial, name, HSN/SAC, unit, MRP ₹, GST %%, active)"
#define A_EXPORTED "The CSV file is on its way."
#define T_ASK_IMPORT                                                           \
    "Send the CSV file of items, or paste its rows into a message.\n"         \
    "Columns: <code>" CSV_HEADER "</code> (a header row is optional; "        \
    "active may be left out). Rows with a known serial update that item, "    \
    "others are added; a file with any bad row changes nothing.\nSend "       \
    "/cancel to stop."
#define E_IMPORT_KIND "Please send a CSV file, or its rows as a message."
#define T_IMPORT_BAD                                                           \
    "❌ Nothing was imported: %lld line%s to fix.\n%s\nFix them and send "     \
    "the file again, or /cancel."
#define T_IMPORT_BAD_LONG                                                      \
    "❌ Nothing was imported: %lld lines to fix, listed in the attached "     \
    "file. Fix them and send the file again, or /cancel."
#define T_IMPORT_ERRORS_FILE "import-errors.txt"
#define T_IMPORT_OK "✅ Imported %lld item%s: %lld new, %lld updated."

#endif
