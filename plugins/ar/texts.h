/* ar plugin: everything the plugin says, in one place.
 *
 * Telegram HTML, formatted with fb_replyf() and friends: every %s is
 * HTML-escaped, %-s inserts HTML the plugin built; ids are PRId64. Money
 * comes formatted by fb_money_str ("₹1,500.00"). */
#ifndef FB_AR_TEXTS_H
#define FB_AR_TEXTS_H

#include <inttypes.h>

#define T_WHO "%s (%" PRId64 ")" /* a person for staff: name (id) */

/* ---- the member ------------------------------------------------------------
 */
#define T_NEW                                                                  \
    "🧾 Receivable #%" PRId64 ": %s for %s is on your account, due by %s. "  \
    "/my_dues shows what you owe."
#define T_NEW_COVERED "\nYour credit of %s paid it in full."
#define T_NEW_CREDIT_USED                                                      \
    "\n%s of your credit was used on it: %s is left to pay."
#define T_CANCELLED                                                            \
    "🧾 Receivable #%" PRId64                                                \
    " (%s) is cancelled: invoice %s was credited. "                            \
    "What you paid towards it is your credit."
#define T_UNLOCKED                                                             \
    "🔓 Your overdue dues are paid: your access to the club is open again. " \
    "Thank you!"
#define T_LOCKED                                                                 \
    "🔒 Your access to the club is locked: %s overdue since %s (%lld days or " \
    "more past due). Pay at the desk to open it again; /my_dues shows what "     \
    "you owe."
#define T_REMIND_SOON                                                          \
    "⏰ Reminder: #%" PRId64 " %s, %s, is due on %s, in %lld day(s). "          \
    "/my_dues shows what you owe."
#define T_REMIND_TODAY                                                         \
    "⏰ Reminder: #%" PRId64 " %s, %s, is due today. /my_dues shows what you "  \
    "owe."
#define T_REMIND_LATE                                                          \
    "⏰ #%" PRId64 " %s, %s, was due on %s: %lld day(s) overdue. Please pay "   \
    "at the desk; /my_dues shows what you owe."
#define T_REC_MEMBER                                                           \
    "✅ The club received %s from you. Thank you!%-s\nWhere it went:%-s"

#define T_MINE_HEAD "🧾 <b>Your dues</b>"
#define T_DUES_HEAD "🧾 <b>Dues of %s</b>"
#define T_DUES_NONE "\nNothing to pay."
#define T_DUES_LINE "\n#%" PRId64 " %s · %s of %s · due %s%-s"
#define T_DUES_LATE " · <b>%lld days overdue</b>"
#define T_DUES_TOTAL "\nTo pay: <b>%s</b>"
#define T_DUES_CREDIT "\nCredit: %s (used first on the next dues)"
#define T_DUES_PAID_HEAD "\n\nLast payments:"
#define T_DUES_PAID "\n%s · %s · %s"
#define T_LOCK_LINE                                                            \
    "🔒 Access locked: %s overdue since %s. Pay at the desk to open it again."
#define T_CARD_DUES "Dues: %s (/my_dues)"
#define T_CARD_OVERDUE "Dues: %s, %s of it overdue (/my_dues)"
#define E_DUES_USAGE                                                           \
    "Whose dues? Send /dues with a member's id or @username, e.g. "            \
    "/dues 7000000001."
#define E_DUES_WHO                                                             \
    "\"%s\" is not a member I know. Send /dues with a member's id or "         \
    "@username, e.g. /dues 7000000001."

/* ---- record a payment (admin) ----------------------------------------------
 */
#define T_REC_ASK_MEMBER "💰 Whose payment? Send the member's id or @username."
#define E_MEMBER                                                               \
    "\"%s\" is not a member I know. Send a member's id (e.g. 7000000001) or "  \
    "@username."
#define T_REC_NO_DUES                                                          \
    "%s owes nothing now: this payment becomes their credit, used first on "   \
    "their next dues."
#define T_REC_PICK                                                             \
    "Which dues of %s does this payment go to first? What is left goes to "    \
    "the oldest next."
#define B_PICK "#%" PRId64 " %s · %s · due %s"
#define B_OLDEST "⏳ Oldest first"
#define T_OLDEST "the oldest dues first"
#define T_REC_PICKED "Paying: %s."
#define E_USE_BUTTONS "Please use the buttons above (or /cancel)."
#define T_REC_ASK_LINES                                                        \
    "How was it paid? One line per method and amount, e.g.\n"                  \
    "<code>cash 500</code>\n<code>upi 1000 UTR123</code>\n"                    \
    "Methods: cash, upi, card, bank, cheque; a reference may follow the "      \
    "amount."
#define E_LINES_EMPTY                                                          \
    "Please send the payment as lines of method and amount, e.g. "             \
    "<code>cash 500</code> or <code>upi 1000 UTR123</code>."
#define E_LINES_METHOD                                                         \
    "Line %d: the method must be cash, upi, card, bank or cheque, e.g. "       \
    "<code>cash 500</code>. Nothing was recorded; send the lines again."
#define E_LINES_AMOUNT                                                         \
    "Line %d: the amount must be in rupees, above ₹0 and at most "           \
    "₹1,00,00,000, e.g. <code>upi 1,000.50</code>. Send the lines again."
#define E_LINES_REF                                                            \
    "Line %d: a reference may have at most %d characters. Send the lines "     \
    "again."
#define E_LINES_TOOMANY                                                        \
    "At most %d lines make one payment. Send the lines again."
#define E_LINES_TOTAL                                                          \
    "One payment may be at most ₹1,00,00,000 in all. Send the lines again."
#define T_REC_CONFIRM                                                          \
    "💰 <b>Payment from %s</b>%-s\nTotal: <b>%s</b>\nGoes to:%-s\n\nRecord it?"
#define T_GOES_LINE "\n#%" PRId64 " %s: %s (%s)"
#define T_GOES_CREDIT "\nCredit: %s (used first on the next dues)"
#define T_CREDIT_NOW "\nCredit now: %s (used first on the next dues)"
#define S_PAID "paid"
#define S_PARTIAL "part paid"
#define B_RECORD "✅ Record"
#define B_CANCEL "✖ Cancel"
#define T_REC_DONE "✅ Payment #%" PRId64 " of %s from %s recorded by %s.%-s"
#define T_REC_DROPPED "Nothing was recorded."

/* ---- a receivable by hand (admin) ------------------------------------------
 */
#define T_NEW_ASK_MEMBER "🧾 Who owes it? Send the member's id or @username."
#define T_NEW_ASK_SOURCE "Is it a sale from the store, or something else?"
#define B_STORE "🛒 Store"
#define B_OTHER "📝 Other"
#define T_NEW_SOURCE "Source: %s."
#define T_NEW_ASK_DESC                                                         \
    "What is it for? (1 to 100 characters, e.g. Protein shake)"
#define E_DESC "Please write what it is for in 1 to 100 characters."
#define T_NEW_ASK_BILL "How much is the bill? In rupees, e.g. 1500 or 1,499.50."
#define E_BILL                                                                 \
    "Please send the bill in rupees, above ₹0 and at most ₹1,00,00,000, "  \
    "e.g. 1500."
#define T_NEW_ASK_DISCOUNT                                                     \
    "Any discount on the %s? Send 0 for none, or the amount, e.g. 150."
#define E_DISCOUNT                                                             \
    "Please send a discount in rupees from 0 up to below the bill (%s), e.g. " \
    "0 or 150."
#define T_NEW_ASK_DUE                                                          \
    "By when is it due? A date, e.g. 2026-12-31 or 31/12/2026."
#define E_DUE_FORM "Please send the due date, e.g. 2026-12-31 or 31/12/2026."
#define E_DUE "%s is too far from today: the due date must be within ten years."
#define T_NEW_CONFIRM                                                          \
    "🧾 <b>New receivable</b>\nMember: %s\nFor: %s\nBill: %s\nDiscount: "    \
    "%s\n"                                                                     \
    "To pay: <b>%s</b>\nDue: %s\n\nCreate it?"
#define B_CREATE "✅ Create"
#define T_NEW_DONE "✅ Receivable #%" PRId64 " created: %s owes %s."
#define T_NEW_DROPPED "Nothing was created."

/* ---- reports (staff)
 * ---------------------------------------------------------- */
#define T_REPORTS "🧾 <b>Receivables</b>: which report?"
#define B_R_OUT "📋 Outstanding"
#define B_R_AGE "⏳ Aging"
#define B_R_METH "💳 Payment methods"
#define B_R_CSV "📄 CSV"
#define B_R_AGEC "📊 Aging chart"
#define B_R_COLC "📈 Collections chart"
#define T_OUT_HEAD "📋 <b>Outstanding</b>: %s"
#define T_OUT_NONE "\nNobody owes anything."
#define T_OUT_LINE "\n%s: %s (%lld open, oldest due %s)"
#define T_OUT_MORE "\n…and %lld more (the CSV has everyone)"
#define T_OUT_CREDIT "\nCredit held for members: %s"
#define T_AGE_HEAD "⏳ <b>Aging</b> on %s (days past the due date)"
#define T_AGE_LINE "\n%s: %s (%lld)"
#define T_AGE_TOTAL "\nTotal: <b>%s</b>"
#define B_NOT_DUE "Not yet due"
#define B_1_30 "1–30 days"
#define B_31_60 "31–60 days"
#define B_61_90 "61–90 days"
#define B_90_PLUS "90+ days"
#define T_METH_HEAD "💳 <b>Payment methods</b> (this month · all time · lines)"
#define T_METH_NONE "💳 No payment has been recorded yet."
#define T_METH_LINE "\n%s: %s · %s · %lld"
#define T_AGEC_TITLE "Dues by days past the due date, %s"
#define T_AGEC_CAPTION "Aging of the dues: %s outstanding."
#define T_COLC_TITLE "Collections by month (the last 12 months)"
#define T_COLC_CAPTION "Collections recorded in the last 12 months: %s."

/* ---- button answers
 * ------------------------------------------------------------ */
#define A_BAD_BUTTON "This button is not valid."
#define A_STALE "This menu has expired."

#endif
