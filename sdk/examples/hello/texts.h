/* Every user-facing text of the hello example, in one place. HTML mode:
 * fb_replyf() and friends escape every %s argument (user text is safe). */
#ifndef HELLO_TEXTS_H
#define HELLO_TEXTS_H

#include <inttypes.h>

#define T_WELCOME "Hello, %s! I am the example plugin. Book a class?"
#define T_BTN_BOOK "Book a class"
#define T_PICK_CLASS "Which class would you like?"
#define T_USE_BUTTONS "Please pick a class with the buttons above."
#define T_PICKED "%s it is."
#define T_ASK_DATE "Which day? Type a date, e.g. 15/01/2030."
#define T_BAD_DATE                                                             \
    "\"%s\" is not a date I can book. Please type a day like 15/01/2030 or "   \
    "2030-01-15."
#define T_NOT_TEXT "Please type the day, e.g. 15/01/2030."
#define T_CONFIRM "Book <b>%s</b> on %s?"
#define T_BTN_CONFIRM "Confirm"
#define T_BTN_CANCEL "Cancel"
#define T_PRESS_CONFIRM "Please press Confirm or Cancel."
#define T_BOOKED "Booked: %s on %s. See you there!"
#define T_ALREADY "You have already booked %s on %s."
#define T_NOT_BOOKED "Not booked. Send /book to start again."
#define T_EXPIRED "This menu has expired. Send /book to start again."
#define T_TIMEOUT                                                              \
    "Your booking was not finished in time. Send /book to "                    \
    "start again."
#define T_NONE "No bookings yet."
#define T_LIST_HEAD "Bookings:"
#define T_LIST_LINE "%-s\n#%" PRId64 " %s %s (%s)"
#define T_BTN_DROP "Drop #%" PRId64
#define T_DROPPED "Dropped booking #%" PRId64 "."
#define T_GONE "Booking #%" PRId64 " no longer exists."
#define T_CARD_CAPTION "Your bookings"
#define T_CARD_FILE "bookings.txt"

#endif
