/* The bot side: /bot<TOKEN>/<method>. Looks the bot and method up, applies
 * injected faults, runs the method under the store lock and fills the reply
 * in Telegram's envelope. */
#ifndef FB_SB_BOT_H
#define FB_SB_BOT_H

#include "sb_params.h"
#include "sb_store.h"

typedef struct sb_call {
    sb_state *st;
    int bot;
    sb_bot *b;
    sb_params *p;
    sb_out *out;
} sb_call;

/* Runs one Bot API call. Wrong token: 401; unknown method: 404. May block
 * (long poll, injected delay). Takes the store lock itself. */
void fb__sb_bot_call(const char *token, const char *method, sb_params *p,
                     sb_out *out);

/* Serves /file/bot<TOKEN>/<file_path> (getFile's download). */
void fb__sb_bot_file(const char *token, const char *path, sb_out *out);

/* Reads the "chat_id" parameter and finds the chat. Returns it, or NULL
 * after filling c->out with Telegram's 400. */
sb_chat *fb__sb_call_chat(sb_call *c);
/* 1 when url is http(s) on the loopback interface (127.x, localhost,
 * [::1]): the only webhooks the sandbox posts to. */
int fb__sb_loopback_url(const char *url);

/* Fills c->out with a 400 "Bad Request: <what>". */
void fb__sb_call_bad(sb_call *c, const char *what);

#endif
