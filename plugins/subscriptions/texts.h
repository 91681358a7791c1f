/* subscriptions plugin: everything the plugin says, in one place.
 *
 * Telegram HTML, formatted with fb_replyf() and friends: every %s is
 * HTML-escaped, %-s inserts HTML the plugin built; counts are %lld, ids
 * PRId64. Money comes formatted by fb_money_str ("₹1,500.00"). */
#ifndef FB_SUBS_TEXTS_H
#define FB_SUBS_TEXTS_H

#include <inttypes.h>

/* ---- buttons ------------------------------------------------------------- */
#define B_PLAN_LABEL "%s · %lld days · %s%s" /* name, days, price, off */
#define B_PLAN_OFF " (inactive)"
#define B_PLAN_NEW "➕ New plan"
#define B_PLAN_DAYS "Edit days"
#define B_PLAN_PRICE "Edit price"
#define B_PLAN_DEACTIVATE "Deactivate"
#define B_PLAN_ACTIVATE "Activate"
#define B_PLANS "« Plans"
#define B_CONFIRM "✅ Confirm"
#define B_CANCEL "Cancel"
#define B_RENEW "🔁 Renew"
#define B_SUBSCRIBE "💳 Subscribe"
#define B_FREEZE "❄️ Freeze"
#define B_UNFREEZE "▶️ End freeze"
#define B_GIFT "🎁 Gift days"


/* ---- plans (admins) ------------------------------------------------------ */
#define T_PLANS "📋 <b>Plans</b> (%d). Press one to change it."
#define T_NO_PLANS "📋 No plans yet. Create the first one."
#define T_PLAN_CARD                                                            \
    "%s<b>%s</b>\n%lld days · %s · %s\nSubscriptions on it: %lld"
#define T_ACTIVE "active"
#define T_INACTIVE "inactive (members do not see it)"
#define T_PLAN_SAVED "✅ Saved.\n\n"
#define T_PLAN_ON "✅ Members see this plan again.\n\n"
#define T_PLAN_OFF                                                             \
    "Deactivated: members no longer see it; subscriptions on it stay.\n\n"
#define T_ASK_PLAN_NAME                                                        \
    "Name of the new plan? (e.g. Monthly; up to 40 characters)\nSend "         \
    "/cancel to stop."
#define T_ASK_PLAN_DAYS "How many days does it last? (1–3660, e.g. 30)"
#define T_ASK_PLAN_PRICE "Its price in rupees? (e.g. 1500 or 1,499.50)"
#define E_PLAN_NAME "Please type a name of 1 to 40 characters, e.g. Monthly."
#define E_PLAN_EXISTS "A plan named “%s” exists already: choose another name."
#define E_PLAN_DAYS                                                            \
    "Please send a whole number of days from 1 to 3660, e.g. 30."
#define E_PLAN_PRICE                                                           \
    "Please send a price in rupees of at least ₹1, e.g. 1500 or 1,499.50."
#define A_NO_PLAN "That plan does not exist."

/* ---- /subscribe ---------------------------------------------------------- */
#define T_NO_PLANS_TO_BUY                                                      \
    "No membership plans are on offer right now. Please ask the club's staff."
#define T_ASK_PLAN "Which plan would you like?"
#define T_PICKED "Plan: %s"
#define T_CONFIRM                                                              \
    "<b>%s</b>: %lld days for %s, starting %s.\nConfirm to go on to the "      \
    "payment."
#define T_REQUESTED                                                            \
    "📝 Requested: %s for %s. The payment comes next; your membership "      \
    "starts when it is approved."
#define T_NOT_REQUESTED "Nothing was requested."
#define T_PAYMENT_FOR "%s membership" /* what payments shows: the plan */
#define T_PLAN_GONE                                                            \
    "Sorry, that plan is no longer on offer. Send /subscribe to see the "      \
    "plans."
#define E_USE_BUTTONS "Please pick a plan with the buttons."
#define E_PRESS_CONFIRM "Please press Confirm or Cancel."
#define A_STALE "This button has expired."
#define A_PLAN_GONE "That plan is no longer on offer."
#define A_BAD_BUTTON "This button is not valid."

/* ---- the payment's decision ---------------------------------------------- */
#define T_PAID                                                                  \
    "🎉 Payment approved: your %s membership runs from %s to %s. See you at " \
    "the club!"
#define T_PAYMENT_REJECTED                                                     \
    "Your payment for the %s membership was not approved: %s\nSend "           \
    "/subscribe to try again."
#define T_NO_REASON "no reason given"

/* ---- a member's membership ----------------------------------------------- */
#define T_LINE_NONE "Membership: no membership"
#define T_LINE_ACTIVE "Membership: %s, active until %s (%lld day%s left)"
#define T_LINE_FROZEN "Membership: %s, frozen until %s (now ends %s)"
#define T_LINE_QUEUED "Membership: %s, starts %s (until %s)"
#define T_LINE_GRACE "Membership: %s, expired %s, in grace until %s"
#define T_LINE_LOCKED "Membership: %s, expired %s (locked)"
#define T_MINE_NONE                                                            \
    "💳 You have no membership yet. Press Subscribe to choose a plan."
#define T_MINE                                                                 \
    "💳 <b>Your membership</b>\nPlan: %s\nFrom %s to %s\nDays left: "        \
    "%lld\nStatus: %s\nGrace until: %s"
#define T_MINE_QUEUED "\nNext period (paid) starts %s."
#define T_MINE_WAITING "\nWaiting for payment: %s."

/* ---- staff --------------------------------------------------------------- */
#define E_MEMBER_ID "Send the member's id: /membership 7000000001"
#define T_NO_SUCH_MEMBER "No member with id %" PRId64 "."
#define T_STAFF_VIEW                                                           \
    "👤 %s (id <code>%" PRId64 "</code>)\n%-s\nFreeze days left this year: "    \
    "%lld"
#define A_NOT_NOW "Not possible for this membership now."
#define T_ASK_FREEZE_DAYS "Freeze for how many days? (e.g. 10)"
#define T_ASK_FREEZE_REASON "Why? (e.g. travel, injury)"
#define E_DAYS "Please send a whole number of days, e.g. 10."
#define E_FREEZE_MAX                                                           \
    "At most %lld frozen days a year: %lld left this year. Send fewer days."
#define E_REASON "Please type a reason (up to 200 characters)."
#define T_FROZEN "❄️ %s is frozen for %lld days, until %s."
#define T_YOU_FROZEN                                                           \
    "❄️ Your membership is frozen for %lld days, until %s (%s). It now "   \
    "ends "                                                                    \
    "%s."
#define T_YOU_UNFROZEN                                                         \
    "▶️ Your freeze has ended: welcome back! Your membership ends %s."
#define A_UNFROZEN "Freeze ended: %lld unused day(s) taken off the end."
#define T_ASK_GIFT_DAYS "Gift how many days? (1–365)"
#define E_GIFT_DAYS "Please send a whole number of days from 1 to 365."
#define T_GIFTED "🎁 %s got %lld days: the membership now ends %s."
#define T_YOU_GIFTED                                                           \
    "🎁 The club gave you %lld days: your membership now ends %s."

#define A_CLUB_FROZEN                                                          \
    "This is the club's closure: it ends for everyone on its own."

/* ---- a club-wide freeze (closure) ---------------------------------------- */
#define B_CLOSURE_OK "❄️ Freeze everyone"
#define T_ASK_CLOSURE_DAYS                                                     \
    "Club closure: for how many days, from today? (1–90)\nSend /cancel to "  \
    "stop."
#define E_CLOSURE_DAYS "Please send a whole number of days from 1 to 90."
#define T_ASK_CLOSURE_REASON "Why is the club closing? (members are told)"
#define T_CLOSURE_CONFIRM                                                      \
    "Freeze all %lld active membership(s) for %lld days from today? "          \
    "Reason: %s"
#define T_CLOSURE_DONE "❄️ %d membership(s) frozen for %lld days."
#define T_CLOSURE_NOT "Nothing was frozen."
#define T_YOU_CLOSURE                                                          \
    "❄️ The club is closed for %lld days (%s). Your membership is frozen " \
    "meanwhile and now ends %s."

/* ---- admins' lists ------------------------------------------------------- */
#define L_ACTIVE "Active"
#define L_SOON "Expiring soon"
#define L_GRACE "In grace"
#define L_EXPIRED "Expired"
#define L_FROZEN "Frozen"
#define T_REPORT "📊 <b>Memberships</b> on %s"
#define T_REPORT_LINE "\n%s: %lld"
#define T_LIST_HEAD "<b>%s</b> (%lld)"
#define T_LIST_LINE "\n%s (<code>%" PRId64 "</code>) · %s · ends %s"
#define T_LIST_PAGE "\n\n%" PRId64 "–%" PRId64 " of %" PRId64
#define B_PREVIOUS "« Previous"
#define B_NEXT "Next »"

/* ---- the daily job: plan, end, grace end, days left ---------------------- */
#define T_JOB_REMIND                                                           \
    "⏰ Your %s membership ends on %s (grace until %s): %lld day(s) left. "   \
    "Renew with /subscribe."
#define T_JOB_EXPIRED                                                          \
    "Your %s membership ended on %s. You may still come in until %s; renew "   \
    "with /subscribe."
#define T_JOB_GRACE                                                            \
    "⚠️ Your %s membership ended on %s and its grace ends today (%s). "    \
    "Renew "                                                                   \
    "with /subscribe to keep your access."
#define T_JOB_LOCKED                                                           \
    "🔒 Your %s membership ended on %s and its grace on %s: your access is " \
    "locked until you renew with /subscribe."

#endif
