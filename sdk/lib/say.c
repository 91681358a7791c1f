/* say: formatted replies, sends, edits and callback answers (ABI 1.2). */
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

#define ANSWER_MAX 200 /* Telegram's limit for a callback answer, in chars */

enum { SEND, EDIT };

/* Format and send (or edit) through the host. */
static int say(fb_ctx *c, const char *who, int how, int64_t chat,
               const fb_keyboard *kb, const char *fmt, va_list ap)
{
    char *html;
    int rc;

    if (kb && kb->error)
        return fb__failf(c, "%s: the keyboard refused a button (%d)", who,
                         kb->error);
    html = fb__vformat(c, who, FB__FMT_HTML, fmt, ap);
    if (!html)
        return FB_ERR;
    rc = how == EDIT ? fb_edit(c, html, kb) : fb_send(c, chat, html, kb);
    if (rc != FB_OK)
        return fb__failf(c, "%s: the host refused the message", who);
    return FB_OK;
}

/* See sdk.h. */
int fb_replyf(fb_ctx *c, const fb_keyboard *kb, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = say(c, "fb_replyf", SEND, 0, kb, fmt, ap);
    va_end(ap);
    return rc;
}

/* See sdk.h. */
int fb_sendf(fb_ctx *c, int64_t chat, const fb_keyboard *kb, const char *fmt,
             ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = say(c, "fb_sendf", SEND, chat, kb, fmt, ap);
    va_end(ap);
    return rc;
}

/* See sdk.h. */
int fb_editf(fb_ctx *c, const fb_keyboard *kb, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = say(c, "fb_editf", EDIT, 0, kb, fmt, ap);
    va_end(ap);
    return rc;
}

/* Cut s after max UTF-8 characters (at the start of the next one). */
static void utf8_cut(char *s, size_t max)
{
    size_t chars = 0;

    for (char *p = s; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && chars++ == max) {
            *p = '\0';
            return;
        }
}

/* Format plain text and answer the button press with it. */
static int answer(fb_ctx *c, const char *who, int alert, const char *fmt,
                  va_list ap)
{
    char *text;

    if (fb_kind(c) != FB_UPDATE_CALLBACK)
        return FB_OK;
    text = fb__vformat(c, who, FB__FMT_PLAIN, fmt, ap);
    if (!text)
        return FB_ERR;
    utf8_cut(text, ANSWER_MAX);
    if (fb_answer(c, text, alert) != FB_OK)
        return fb__failf(c, "%s: the host refused the answer", who);
    return FB_OK;
}

/* See sdk.h. */
int fb_answerf(fb_ctx *c, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = answer(c, "fb_answerf", 0, fmt, ap);
    va_end(ap);
    return rc;
}

/* See sdk.h. */
int fb_alertf(fb_ctx *c, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = answer(c, "fb_alertf", 1, fmt, ap);
    va_end(ap);
    return rc;
}

/* See sdk.h. */
int fb_timed_out(fb_ctx *c)
{
    return fb_send(c, fb_chat(c), FB_TEXT_TIMED_OUT, NULL);
}
