/* payments plugin: everything the plugin says, in one place.
 *
 * Telegram HTML, formatted with fb_replyf() and friends: every %s is
 * HTML-escaped, %-s inserts HTML the plugin built; ids are PRId64. Money
 * comes formatted by fb_money_str ("₹1,500.00"). */
#ifndef FB_PAY_TEXTS_H
#define FB_PAY_TEXTS_H

#include <inttypes.h>

/* ---- methods --------------------------------------------------------------
 */
#define M_UPI "UPI"
#define M_CASH "cash at the desk"
#define M_CREDIT "pay later (credit)"
#define M_SPLIT "part UPI, rest cash"
#define B_UPI "📱 UPI"
#define B_CASH "💵 Cash at the desk"
#define B_CREDIT "🧾 Pay later"
#define B_SPLIT "➗ Part UPI, rest cash"

/* ---- the member -----------------------------------------------------------
 */
#define T_HOW_TO_PAY                                                           \
    "💳 <b>Payment #%" PRId64 "</b>: %s, %s.\nHow would you like to pay?"
#define T_NO_METHODS                                                           \
    "💳 Payment #%" PRId64 " (%s, %s) waits, but the club takes no payments "   \
    "through the bot right now: please ask at the desk."
#define T_CHOSEN "💳 Payment #%" PRId64 ": %s, %s — %s."
#define T_UPI_CAPTION "Scan to pay %s to %s (payment #%" PRId64 ")."
#define T_UPI_HOW                                                              \
    "📱 Pay <b>%s</b> by UPI to <code>%s</code> (%s): scan the QR code "     \
    "above with any UPI app, or open this link on your phone:\n"               \
    "<code>%s</code>\n\nThen send me the payment's screenshot here, or press " \
    "I have paid."
#define T_UPI_THEN_CASH "\nThe rest, %s, you pay in cash at the desk."
#define B_PAID "✅ I have paid"
#define E_PROOF                                                                \
    "Please send the screenshot of the payment as a photo, or press I have "   \
    "paid. /cancel stops (the payment stays open: /my_payments)."
#define T_ASK_SPLIT                                                            \
    "How much of the %s do you pay by UPI? The rest is paid in cash at the "   \
    "desk. (e.g. 500)"
#define E_SPLIT                                                                \
    "Please send an amount in rupees above ₹0 and below %s, e.g. 500 or "    \
    "1,000.50."
#define T_SUBMITTED                                                            \
    "🕓 Thank you. Payment #%" PRId64 " (%s) is with the staff; you will hear " \
    "when it is confirmed."
#define T_CASH_SUBMITTED                                                       \
    "🕓 Please pay %s in cash at the desk. Payment #%" PRId64 " is with the "   \
    "staff; you will hear when they confirm it."
#define T_CREDIT_SUBMITTED                                                     \
    "🕓 You asked to pay %s later. Payment #%" PRId64 " is with the staff; "    \
    "you will hear when they allow it."
#define T_APPROVED                                                             \
    "✅ Payment #%" PRId64 " approved: %s received for %s. Thank you!"
#define T_CREDIT_APPROVED                                                      \
    "✅ Payment #%" PRId64 ": you may pay the %s for %s later. It is on your "  \
    "account."
#define T_SHORT "\n%s is still to be paid; it is on your account."
#define T_REJECTED                                                             \
    "❌ Payment #%" PRId64 " (%s, %s) was not approved: %s\nYou may try again."
#define T_CANCELLED                                                            \
    "Stopped. Payment #%" PRId64 " stays open: pay it from /my_payments."

#define T_MINE_HEAD "💳 <b>Your payments</b>"
#define T_MINE_NONE "💳 You have no payments yet."
#define T_MINE_LINE "\n#%" PRId64 " · %s · %s · %s"
#define B_PAY_AGAIN "💳 Pay #%" PRId64
#define S_OPEN "to pay"
#define S_WAITING "with the staff"
#define S_APPROVED "approved"
#define S_REJECTED "not approved"

/* ---- approvers ------------------------------------------------------------
 */
#define T_CARD                                                                 \
    "💳 <b>Payment #%" PRId64 "</b> waits for approval\n%s\n%s: <b>%s</b>\n"    \
    "Method: %s%-s"
#define T_CARD_SPLIT "\nUPI %s + cash %s"
#define T_CARD_SHOT "\nScreenshot: above"
#define T_CARD_NO_SHOT "\nScreenshot: none (the member says it is paid)"
#define T_SHOT_CAPTION "Screenshot of payment #%" PRId64 " from %s"
#define B_APPROVE "✅ Approve %s"
#define B_ALLOW_CREDIT "✅ Allow credit %s"
#define B_OTHER_AMOUNT "✏️ Other amount"
#define B_REJECT "❌ Reject"
#define T_QUEUE "💳 <b>Payments waiting for approval</b>: %lld"
#define T_QUEUE_NONE "💳 No payment waits for approval."
#define T_QUEUE_MORE "…and %lld more: approve these first."
#define T_DECIDED_OK "✅ Approved by %s: %s received (payment #%" PRId64 ")."
#define T_DECIDED_CREDIT                                                       \
    "✅ Credit allowed by %s: %s owed (payment #%" PRId64 ")."
#define T_DECIDED_NO "❌ Rejected by %s (payment #%" PRId64 "): %s"
#define T_ASK_AMOUNT                                                           \
    "How much was received for payment #%" PRId64 " (%s expected)? "           \
    "e.g. 1500 or 1,499.50"
#define E_AMOUNT                                                               \
    "Please send the amount received in rupees, above ₹0 and at most "       \
    "₹1,00,00,000, e.g. 1500 or 1,499.50."
#define T_ASK_REASON                                                           \
    "Why is payment #%" PRId64 " not approved? (the member reads it; up to "   \
    "200 characters)"
#define E_REASON "Please write a reason of 1 to 200 characters."
#define T_NOBODY "a payment waits but nobody can approve it"
#define T_WHO "%s (%" PRId64 ")" /* a person for staff: name (id) */
#define T_WHO_UNKNOWN "?"
#define T_DECIDED_HOW "%s by %s" /* "approved by Ada (7000000009)" */

/* ---- button answers -------------------------------------------------------
 */
#define A_BAD_BUTTON "This button is not valid."
#define A_NOT_OPEN "This payment is already with the staff or decided."
#define A_DECIDED "Already decided: %s."
#define A_OFF "That way of paying is not available."
#define A_STALE "This button has expired."

#endif
