/* invoices_v2 plugin: everything the plugin says, in one place.
 *
 * Telegram HTML, formatted with fb_replyf() and friends: every %s is
 * HTML-escaped, %-s inserts HTML the plugin built. Money comes formatted
 * by fb_money_str ("₹1,500.00"), rates by gst_percent_str ("2.5%"). */
#ifndef FB_INV_TEXTS_H
#define FB_INV_TEXTS_H

/* ---- buttons ------------------------------------------------------------- */
#define B_CUSTOM "✏️ Custom item"
#define B_PREV "« Previous"
#define B_NEXT "Next »"
#define B_CANCEL "✖ Cancel"
#define B_ITEM "%s · %s · %s" /* name, price, rate */
#define B_RATE "%s (in force)"
#define B_DISC_NONE "No discount"
#define B_DISC "%s off"
#define B_ADD "➕ Add line"
#define B_FINISH "✅ Finish"
#define B_SAME "Same state (%s)"
#define B_THEIRS "%s (the recipient's)"
#define B_KEEP "Keep"
#define B_CHANGE "Change"
#define B_UNREGISTERED "Not registered"
#define B_SKIP "Skip"
#define B_SEND "📤 Send"
#define B_PAY "💳 Pay %s"
#define B_DISPUTE "⚠️ Dispute"
#define B_RESEND "🔁 Resend"
#define B_VOID "🗑 Void"
#define B_CREDIT "↩️ Credit note"
#define B_R_MONTH "This month"
#define B_R_PMONTH "Last month"
#define B_R_QUARTER "This quarter"
#define B_R_PQUARTER "Last quarter"
#define B_R_FY "This financial year"
#define B_R_PFY "Last financial year"
#define B_R_CUSTOM "Custom range"

/* ---- /invoice ------------------------------------------------------------ */
#define T_NO_GST                                                               \
    "🧾 Invoices need the GST settings of the gst_store plugin, and it did "  \
    "not answer. Is it loaded?"
#define T_GST_OFF                                                              \
    "🧾 GST is switched off in the settings, so no tax invoice can be "      \
    "issued. Turn it on with /gst first."
#define T_ASK_MEMBER                                                           \
    "🧾 <b>New invoice</b>\nWho is it for? Send the member's id (e.g. "        \
    "7000000001) or @username.\nSend /cancel to stop at any step."
#define E_MEMBER                                                               \
    "“%s” is not a member I know. Send a member's numeric id (e.g. "           \
    "7000000001) or their @username."
/* the recipient's billing details (billing.c) */
#define T_BILLING_KNOWN                                                        \
    "Billing details of <b>%s</b>:%-s\nKeep them for this invoice, or "       \
    "change them?"
#define E_KEEP "Please press Keep or Change."
#define T_KEPT "Billing details of <b>%s</b> kept:%-s"
#define T_CHANGING "Changing the billing details of <b>%s</b>."
#define T_ASK_GSTIN                                                            \
    "Billing details of <b>%s</b>: their GSTIN? (15 characters, e.g. "       \
    "29AAACB1234C1ZB)\nPress Not registered if they have none."
#define E_GSTIN_NO_CHECK                                                       \
    "GSTINs are checked by the gst_store plugin, and it did not answer. "     \
    "Press Not registered, or Cancel."
#define T_UNREGISTERED "<b>%s</b> is not registered for GST."
#define T_GSTIN_STATE "GSTIN %s: %s (%s).\n"
#define T_ASK_ADDRESS "%-sBilling address of <b>%s</b>? (1–200 characters)%-s"
#define T_ADDRESS_SKIP                                                         \
    "\nPress Skip if there is none (an invoice of ₹50,000 or more needs it)."
#define E_ADDRESS "Please send an address of 1 to 200 characters."
#define T_NO_ADDRESS "No billing address."
#define T_ASK_BSTATE                                                           \
    "Which state is that address in? Send its GST code (e.g. 29 for "         \
    "Karnataka), or press the button if it is in %s."
#define T_BSTATE "Billing state: %s (%s)."
#define T_NEED_ADDRESS                                                         \
    "⚠️ Not issued: an invoice of %s to a recipient without a GSTIN must "    \
    "name their address and state (₹50,000 or more, GST rule 46). Send the " \
    "address; the review comes back for Send."
#define T_ASK_LINE                                                             \
    "Invoice for <b>%s</b> · line %d.\nPick a store item, type a word to "     \
    "search, or add a custom item.%-s"
#define T_ITEMS_PAGE "\n%s: items %d–%d of %d."
#define T_ITEMS_ALL "Store items"
#define T_ITEMS_FOUND "Found for “%s”"
#define T_NO_ITEMS "\nNo store item matches “%s”; type another word."
#define T_NO_STORE "\nThe store has no items yet."
#define T_CUSTOM_LINE "Line %d: a custom item."
#define T_RATE_CHOSEN "GST rate: %s"
#define T_DISC_CHOSEN "Discount chosen."
#define T_ADDING "Adding a line."
#define T_LINES "%d line(s)."
#define T_SHIPPED_WITHIN "Shipped within %s."
#define T_SHIPPED_TO "Shipped to %s."
#define T_UNIT_NOS "Nos" /* a custom goods item's unit */
#define T_PRICE_OFF "%s, %s off"
#define T_PICKED "Line %d: %s (%s, %s, %s)."
#define T_ASK_DESC "Description of the custom item? (1–80 characters)"
#define E_DESC "Please type a description of 1 to 80 characters."
#define T_ASK_HSN                                                              \
    "Its HSN code (goods) or SAC (services, 99…)? 4, 6 or 8 digits, e.g. "   \
    "9997 for a gym membership or 2106 for supplements."
#define E_HSN "An HSN/SAC code has 4, 6 or 8 digits, e.g. 9997 or 210610."
#define T_ASK_RATE "GST rate in %%? (e.g. 5 or 18)%-s"
#define T_RATE_IN_FORCE "\nIn force for %s on %s: %s."
#define E_RATE                                                                 \
    "Please send a GST rate in %%: 0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, "  \
    "18, 28 or 40."
#define T_ASK_PRICE "Price of one unit in rupees, %s GST? (e.g. 999 or 1,499.50)"
#define T_WITH "with"
#define T_WITHOUT "without"
#define E_PRICE "Please send a price from ₹0.01 to ₹1,00,00,000, e.g. 999 or 1,499.50."
#define T_ASK_QTY "Quantity? (a whole number from 1 to 100000)"
#define E_QTY "Please send a whole number from 1 to 100000, e.g. 2."
#define T_ASK_DISC "Discount in %%? (0 to 80, e.g. 10)"
#define E_DISC "Please send a discount from 0 to 80 %%, e.g. 10 or 12.5."
#define T_LINE_ADDED "Line %d added: %s × %lld, %s."
#define T_ASK_MORE "%-s\n\nAdd another line or finish?"
#define E_MORE "Please press Add line or Finish."
#define E_FULL "An invoice has at most 20 lines: press Finish."
#define T_ASK_SHIP                                                             \
    "Shipping charges in rupees, %s GST? Send 0 when there are none."
#define E_SHIP "Please send an amount from ₹0 to ₹1,00,000, e.g. 0 or 150."
#define T_ASK_STATE                                                            \
    "Where are the goods shipped to? Send the state's GST code (e.g. 29 "      \
    "for Karnataka), or press the button if they stay in %s."
#define E_STATE "“%s” is not a state code I know. Send two digits, e.g. 29 for Karnataka or 07 for Delhi."
#define T_ASK_REVIEW "%-s\n\nSend it to the member?"
#define E_REVIEW "Please press Send or Cancel."
#define T_NOT_ISSUED "Nothing was issued."
#define T_TIMED_OUT "⌛ Nothing was issued: the answer did not come in time."
#define A_SEND_GST_OFF                                                         \
    "GST is switched off in the settings: nothing was issued. Turn it on "    \
    "with /gst, then press Send again."
#define A_SEND_NO_GST                                                          \
    "The GST settings did not answer (is gst_store loaded?): nothing was "    \
    "issued."
#define T_ISSUED "✅ Issued <b>%s</b> to %s: %s."
#define T_EMPTY "The draft has no lines any more: nothing was issued."
#define A_STALE "This menu has expired."
#define A_BAD "This button is not valid."
#define A_ITEM_GONE "That item is not in the store any more."
#define T_USE_BUTTONS "Please pick with the buttons, or type a word to search."

/* ---- the review and the admins' card ------------------------------------- */
#define T_REVIEW_HEAD "🧾 <b>%s</b> · %s\n%s\nFrom %s (GSTIN %s)\nTo %s%-s"
#define T_TO_ADDRESS "\n%s"
#define T_TO_GSTIN "\nGSTIN %s"
#define T_TO_UNREGISTERED "\nGSTIN: unregistered"
#define T_TO_STATE "\nState: %s (%s)"
#define T_DRAFT "Invoice (draft)"
#define T_REVIEW_LINE "\n%d. %s · %s · %s × %s%-s\n    taxable %s, %-s"
#define T_REVIEW_QTY "%lld %s"   /* quantity, unit */
#define T_REVIEW_QTY1 "%lld"     /* quantity without a unit */
#define T_REVIEW_DISC " − %s"
#define T_REVIEW_CS "CGST %s %s + %s %s %s"
#define T_REVIEW_I "IGST %s %s"
#define T_REVIEW_TOTALS                                                        \
    "\n\nTaxable value %s\n%-sRound off %s\n<b>Total %s</b>\n%s\nPlace of "   \
    "supply: %s (%s)%-s"
#define T_REVIEW_TAX "%s %s\n"
#define T_INCLUSIVE "\nPrices include GST."

/* ---- the documents -------------------------------------------------------- */
#define T_TITLE_INVOICE "TAX INVOICE"
#define T_TITLE_CREDIT "CREDIT NOTE"
#define T_SHIPPING_LINE "Shipping charges"
#define T_PAY_DESCRIPTION "Invoice %s" /* payment.requested's description */
#define T_DOC_CAPTION "%s %s"
#define T_MEMBER_CARD                                                          \
    "🧾 Your invoice <b>%s</b> of %s: %s.\nPay it here, or tell the club if " \
    "something is wrong."
#define T_ADMIN_CARD "🧾 <b>%s</b> · %s · %s · %s · %s"
#define S_ISSUED "issued"
#define S_PAID "paid"
#define S_VOID "void"
#define S_CREDITED "credited"
#define T_CREDIT_CARD "↩️ Credit note <b>%s</b> for invoice %s: %s."

/* ---- the member's buttons -------------------------------------------------- */
#define A_NOT_YOURS "This button is not valid."
#define A_PAID "This invoice is paid. Thank you!"
#define A_GONE "This invoice was cancelled; nothing to pay."
#define A_PAYING "The payment is on its way: see the message below."
#define T_ASK_DISPUTE                                                          \
    "What is wrong with invoice %s? Tell the club in a few words (up to 300 " \
    "characters)."
#define E_DISPUTE "Please describe the problem in 1 to 300 characters."
#define T_DISPUTED "Thank you. The club has your message about %s."
#define T_DISPUTE_ADMIN "⚠️ %s disputes invoice <b>%s</b> (%s):\n%s"

/* ---- the admins' buttons ---------------------------------------------------- */
#define A_NO_INVOICE "No such invoice."
#define A_RESENT "Sent to the member again."
#define A_ALREADY_VOID "It is void already."
#define A_NO_VOID_PAID                                                         \
    "A paid invoice cannot be voided: issue a credit note for it."
#define A_NO_VOID_CREDIT "A credit note cannot be voided."
#define A_CREDITED "It has a credit note already."
#define A_CREDIT_PAID_ONLY                                                     \
    "A credit note is for a paid invoice; an unpaid one can be voided."
#define T_VOIDED "🗑 <b>%s</b> voided by %s. Its number stays used."
#define T_VOIDED_MEMBER "Invoice %s was cancelled by the club; nothing to pay."
#define T_PAID_MEMBER "✅ Invoice %s is paid: %s received. Thank you!"
#define T_PAID_CREDIT_MEMBER                                                   \
    "🧾 Invoice %s is settled on credit: %s to pay later (see /my_dues)."
#define T_PAID_PART_MEMBER                                                     \
    "✅ Invoice %s: %s received, %s still owed (see /my_dues)."
#define T_PAID_ADMIN "✅ Invoice <b>%s</b> paid: %s."
#define T_PAID_VOID                                                            \
    "⚠️ %s was received for invoice <b>%s</b>, which is void: refund the "    \
    "member or issue a new invoice for it."
#define T_CREDIT_ISSUED "↩️ Credit note <b>%s</b> issued for %s by %s."

/* ---- /invoice_report --------------------------------------------------------- */
#define T_REPORT_ASK "📊 Invoice reports: which period?"
#define T_ASK_FROM "From which date? (e.g. 2026-04-01 or 01/04/2026)"
#define T_ASK_TO "To which date? (on or after %s)"
#define E_DATE "Please send a date like 2026-04-01 or 01/04/2026."
#define E_TO "Please send a date on or after %s, within 2 years of it."
#define T_REPORT_SENT                                                          \
    "📊 %s to %s: %lld invoices and credit notes; the register and the "    \
    "summaries by rate and by HSN/SAC are above."
#define A_REPORT_STALE "This menu has expired: send /invoice_report."

#endif
