/* broadcast plugin: everything the admin and members read, in one place. */
#ifndef BC_TEXTS_H
#define BC_TEXTS_H

/* composing */
#define T_ASK_AUDIENCE "📣 <b>New broadcast.</b> Who should receive it?"
#define B_AUD_ALL "All members"
#define B_AUD_ACTIVE "Active"
#define B_AUD_EXPIRED "Expired"
#define B_AUD_GRACE "In grace"
#define B_AUD_INACTIVE "Inactive for N days"
#define B_AUD_ROLE "A role"
#define B_CANCEL "Cancel"
#define B_ROLE_MEMBER "Members"
#define B_ROLE_STAFF "Staff"
#define B_ROLE_ADMIN "Admins"
#define T_ASK_ROLE "Which role?"
#define T_ASK_DAYS "Inactive for how many days? (1 to 3650)"
#define E_DAYS "Please send a whole number of days from 1 to 3650, e.g. 30."
#define E_PICK_AUDIENCE "Please pick the audience with the buttons, or /cancel."
#define T_AUDIENCE_EMPTY "Nobody is in that audience (%s). Pick another one."
#define T_AUDIENCE_UNKNOWN                                                     \
    "No plugin answers for that audience (%s): is the plugin that knows it "   \
    "loaded? Pick another one."
#define T_ASK_TEXT                                                             \
    "<b>%s</b>: %d %s.\nNow send the text. <code>{name}</code> becomes "   \
    "each member's name."
#define E_TEXT_LONG                                                            \
    "That text is too long: at most %d characters with every "                 \
    "<code>{name}</code> counted as %d. Please send a shorter one."
#define E_TEXT                                                                 \
    "Please send the broadcast as text (1 to 3800 characters), or /cancel."
#define T_ASK_MEDIA                                                            \
    "Add a photo or a document to go with it, or press No attachment."
#define B_NO_MEDIA "No attachment"
#define E_MEDIA "Please send a photo or a document, or press No attachment."
#define E_CAPTION_LONG                                                         \
    "With an attachment the text is its caption: at most %d characters "       \
    "with every <code>{name}</code> counted as %d. Send the attachment "       \
    "again after /cancel and a shorter text, or press No attachment."
#define T_PREVIEW "👀 Preview, as %s will see it:"
#define T_CONFIRM "Send this to <b>%d</b> %s (%s)?"
#define T_COST                                                                 \
    "\n⭐ Paid broadcast: about %d × 0.1 ⭐ = <b>%s Stars</b> from the "    \
    "bot's balance (faster than Telegram's free 30 messages a second)."
#define B_SEND "📣 Send"
#define T_NOT_SENT "Nothing was sent."
#define A_STALE "This button has expired."

/* delivering */
#define T_PROGRESS                                                             \
    "📣 <b>Broadcast #%lld</b> — %s\n"                                     \
    "Sent %lld · failed %lld · blocked %lld · left %lld of %d\n"            \
    "%s"
#define T_RATE "%.1f msg/s, about %s left"
#define T_RATE_NONE "starting…"
#define B_STOP "⏹ Stop"
#define T_STOPPING "⏹ Stopping broadcast #%lld…"
#define T_SUMMARY                                                              \
    "%s <b>Broadcast #%lld %s</b> — %s\n"                                    \
    "Sent %lld · failed %lld · blocked %lld · not sent %lld, of %d, in %s."
#define T_UNCONFIRMED                                                          \
    "\n%lld of the sent were being sent when the bot stopped: not sent "       \
    "again, so nobody gets two copies (they most likely arrived)."
#define T_PAID "\n⭐ %lld sent as paid broadcasts (about %s Stars)."
#define T_PAID_OFF                                                             \
    "\n⭐ Sent free: paid broadcasts are off on this bot's host "             \
    "(paid_broadcast_rate = 0)."
#define T_NO_STARS                                                             \
    "\n⚠️ %lld not sent: Telegram refused them because the bot's Star "    \
    "balance ran out. Top up the bot's Stars, then send a new broadcast to "   \
    "them."
#define A_STOPPED "Stopping: nothing more will be queued."
#define A_NOT_RUNNING "That broadcast is not running any more."

#endif
