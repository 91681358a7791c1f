/* users plugin: everything the plugin says, in one place.
 *
 * Texts are Telegram HTML, formatted with fb_replyf() and friends: every %s
 * is HTML-escaped (what a person typed is safe), %-s inserts HTML the
 * plugin built (a card); ids are printed with PRId64. The bounds of what
 * is accepted come from validate.h. */
#ifndef FB_USERS_TEXTS_H
#define FB_USERS_TEXTS_H

#include <inttypes.h>

#include "validate.h"

#define USR__STR(x) #x
#define USR_STR(x) USR__STR(x) /* a bound of validate.h as text */

/* ---- buttons -------------------------------------------------------- */
#define B_REGISTER "📝 Register"
#define B_MALE "Male"
#define B_FEMALE "Female"
#define B_OTHER "Other"
#define B_SKIP "Skip"
#define B_SHARE_PHONE "📱 Share my phone number" /* reply keyboard */
#define B_APPROVE "✅ Approve"
#define B_REJECT "❌ Reject"
#define B_PROFILE "👤 My profile"
#define B_FIND "🔎 Find a member"
#define B_PENDING "⏳ Pending registrations"
#define B_BAN "🚫 Ban"
#define B_UNBAN "♻️ Unban"
#define B_DELETE "🗑 Delete"
#define B_DELETE_YES "🗑 Yes, delete everything"
#define B_DELETE_NO "Keep"
#define B_PHOTO "🖼 Photo"
#define B_MAKE_MEMBER "Make member"
#define B_MAKE_STAFF "Make staff"
#define B_MAKE_ADMIN "Make admin"

/* ---- /start ---------------------------------------------------------- */
#define T_WELCOME                                                              \
    "👋 Welcome to the club's bot, %s!\n\n"                                  \
    "To become a member, register: it takes a minute (name, phone, age, "      \
    "weight, gender and an optional photo)."
#define T_BANNED "🚫 You are banned from this club's bot.\nReason: %s"
#define T_BANNED_NO_REASON "🚫 You are banned from this club's bot."
#define T_PENDING                                                              \
    "⏳ Thanks, %s! Your registration is waiting for approval by the club's " \
    "staff. You will get a message here when it is decided."
#define T_REJECTED_AGAIN                                                       \
    "Your last registration was not approved. You may register again."
#define T_ALREADY_REGISTERED                                                   \
    "You are already registered. Send /menu to see what you can do."
#define T_PRIVATE_ONLY                                                         \
    "Please register in a private chat with the bot: your phone number has "   \
    "no place in a group."

/* ---- the member card ------------------------------------------------- */
#define T_CARD_HEAD "👤 <b>%s</b>\nid: <code>%" PRId64 "</code>%s%s"
#define T_CARD_PROFILE "\nphone: %s\nage: %d · weight: %s kg · %s"
#define T_CARD_PHOTO "\nphoto: on file"
#define T_CARD_ROLE "\nrole: %s · status: %s"
#define T_CARD_BANNED "\n🚫 banned: %s"
#define T_CARD_SECTION "\n\n%-s" /* a section another plugin answered */
#define T_STATUS_NONE "not registered"

/* ---- registration ---------------------------------------------------- */
#define T_ASK_NAME                                                             \
    "What is your full name? (e.g. Asha Verma)\nSend /cancel to stop."
#define T_ASK_PHONE                                                            \
    "Your mobile number? Press “" B_SHARE_PHONE "” below, or type it "       \
    "(e.g. 98765 43210 or +91 98765 43210)."
#define T_ASK_AGE                                                              \
    "Your age in years? (" USR_STR(USR_AGE_MIN) "–" USR_STR(                   \
        USR_AGE_MAX) ", e.g. 28)"
#define T_ASK_WEIGHT                                                           \
    "Your weight in kg? (" USR_STR(USR_WEIGHT_MIN) "–" USR_STR(                \
        USR_WEIGHT_MAX) ", e.g. 72 or 72.5)"
#define T_ASK_GENDER "Your gender?"
#define T_ASK_PHOTO "Last step: send a profile photo, or press Skip."

#define E_NAME_EMPTY "Please type your full name, e.g. Asha Verma."
#define E_NAME_SHORT                                                           \
    "That name is too short: use at least " USR_STR(                           \
        USR_NAME_MIN) " letters, e.g. Asha Verma."
#define E_NAME_LONG                                                            \
    "That name is too long: at most " USR_STR(                                 \
        USR_NAME_MAX) " characters, please."
#define E_NAME_CHARS                                                           \
    "A name may hold letters, spaces, dots, hyphens and apostrophes only "     \
    "(no digits or emoji), e.g. Asha Verma."
#define E_NAME_NO_LETTER "A name needs letters, e.g. Asha Verma."
#define E_PHONE_EMPTY                                                          \
    "Please press “" B_SHARE_PHONE "” or type your mobile number, e.g. "     \
    "98765 43210."
#define E_PHONE_NOT_YOURS                                                      \
    "That is someone else's contact. Please share your own number with "       \
    "“" B_SHARE_PHONE "”, or type it."
#define E_PHONE_CHARS                                                          \
    "A phone number has digits only (spaces and dashes are fine), "            \
    "e.g. 98765 43210 or +91 98765 43210."
#define E_PHONE_LEN "An Indian mobile number has 10 digits, e.g. 98765 43210."
#define E_PHONE_START                                                          \
    "Indian mobile numbers start with 6, 7, 8 or 9, e.g. 98765 43210."
#define E_PHONE_COUNTRY                                                        \
    "Only Indian mobile numbers (+91) are accepted, e.g. +91 98765 43210."
#define E_AGE_NUMBER "Please send your age as a whole number of years, e.g. 28."
#define E_AGE_RANGE                                                            \
    "Age must be between " USR_STR(USR_AGE_MIN) " and " USR_STR(               \
        USR_AGE_MAX) " years."
#define E_WEIGHT_NUMBER                                                        \
    "Please send your weight in kg as a number, e.g. 72 or 72.5."
#define E_WEIGHT_RANGE                                                         \
    "Weight must be between " USR_STR(USR_WEIGHT_MIN) " and " USR_STR(         \
        USR_WEIGHT_MAX) " kg."
#define E_GENDER "Please choose with the buttons: Male, Female or Other."
#define E_PHOTO                                                                \
    "Please send a photo (as a picture, not as a file), or press Skip."
#define E_PHOTO_FILE                                                           \
    "That came as a file: please send it as a photo, or press Skip."
#define E_NOT_TEXT "Please answer with text."
#define E_STALE_BUTTON "This button has expired."

#define T_REG_TIMEOUT "⌛ Registration timed out. Send /start to begin again."
#define T_REG_DONE_AUTO                                                        \
    "🎉 Welcome to the club, %s! You are now a member. Send /menu to see "   \
    "what you can do."
#define T_REG_DONE_STAFF "✅ Your profile is saved."

/* ---- approval -------------------------------------------------------- */
#define T_NEW_REGISTRATION "🆕 New registration\n\n%-s"
#define T_APPROVED_MEMBER                                                      \
    "🎉 Your registration was approved. Welcome to the club! Send /menu to " \
    "see what you can do."
#define T_REJECTED_MEMBER                                                      \
    "Your registration was not approved. Send /start if you want to register " \
    "again, or talk to the club's staff."
#define T_DECIDED_APPROVED "✅ Approved by %s\n\n%-s"
#define T_DECIDED_REJECTED "❌ Rejected by %s\n\n%-s"
#define A_APPROVED "Approved."
#define A_REJECTED "Rejected."
#define A_ALREADY "Already decided: %s."
#define T_ALREADY A_ALREADY "\n\n%-s" /* with the card */
#define A_GONE "This registration no longer exists."
#define A_BAD_BUTTON "This button is not valid."
#define T_NO_PENDING "No registrations are waiting for approval."
#define T_PENDING_HEAD "⏳ %" PRId64 " registration(s) waiting:"

/* ---- menu / whoami --------------------------------------------------- */
#define T_MENU "📋 <b>Menu</b>, %s\n\n%-s" /* the commands you may use */
#define T_FOUND_LABEL "%.*s · %" PRId64   /* a search result's button */
#define T_WHOAMI_STRANGER                                                      \
    "You are %s, id <code>%" PRId64                                            \
    "</code>, not registered yet. Send /start to "                             \
    "register."

/* ---- member management ----------------------------------------------- */
#define T_ASK_QUERY                                                            \
    "Who are you looking for? Send an id, @username, a name or a phone "       \
    "number."
#define E_QUERY                                                                \
    "Search by id (digits only, e.g. 7000000001), @username, name (letters, "  \
    "e.g. Asha) or phone (e.g. 98765 43210)."
#define T_FOUND_NONE "Nobody matches “%s”."
#define T_FOUND_MANY "%d match(es) for “%s”:"
#define T_FOUND_MORE "%d+ matches for “%s”; the first %d:"
#define E_ID_EMPTY                                                             \
    "Send the member's id after the command, e.g. /member 7000000001."
#define E_ID_JUNK "“%s” is not an id: an id has digits only, e.g. 7000000001."
#define E_ID_RANGE                                                             \
    "“%s” is not a Telegram id (too large or zero), e.g. 7000000001."
#define T_NO_SUCH_USER "No member with id %" PRId64 "."
#define A_NO_SUCH_USER "That member no longer exists."
#define A_NOT_SELF "You cannot do that to yourself."
#define A_NOT_SUPER "The super admin cannot be changed."
#define A_STAFF_LIMIT "Only an admin can act on staff or admins."
#define A_ALREADY_BANNED "Already banned."
#define A_NOT_BANNED "Not banned."
#define T_ASK_BAN_REASON "Why are you banning %s? Send the reason (or /cancel)."
#define T_ASK_UNBAN_REASON                                                     \
    "Why are you unbanning %s? Send the reason (or /cancel)."
#define E_REASON_EMPTY "Please type a reason."
#define E_REASON_LONG                                                          \
    "A reason may be at most " USR_STR(USR_REASON_MAX) " characters."
#define T_BAN_DONE "🚫 %s is banned. Reason: %s"
#define T_UNBAN_DONE "♻️ %s is unbanned. Reason: %s"
#define T_YOU_UNBANNED                                                         \
    "♻️ You are no longer banned. Reason: %s\nSend /start to continue."
#define T_MOD_TIMEOUT "⌛ Nothing was changed: the reason did not come in time."
#define T_DELETE_CONFIRM                                                       \
    "Delete %s (id <code>%" PRId64                                             \
    "</code>) and everything that belongs to them? "                           \
    "This cannot be undone."
#define T_DELETED                                                              \
    "🗑 %s (id <code>%" PRId64                                               \
    "</code>) and everything that belonged to them were "                      \
    "deleted."
#define T_YOU_DELETED                                                          \
    "Your membership and your data were deleted by the club. Send /start to "  \
    "register again."
#define A_DELETED "Deleted."
#define A_NO_PHOTO "No photo on file."
#define A_ROLE_SAME "They already have that role."
#define A_ROLE_NOT_MEMBER                                                      \
    "Only registered members can be given a role; approve them first."
#define T_ROLE_DONE "%s is now %s."
#define T_YOUR_ROLE                                                            \
    "Your role in the club's bot is now: %s. Send /menu to see what you can "  \
    "do."

/* ---- role and status names -------------------------------------------- */
#define R_NONE "not a member"
#define R_MEMBER "member"
#define R_STAFF "staff"
#define R_ADMIN "admin"

#endif
