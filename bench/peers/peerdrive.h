/* fitbot-peerdrive's parts (bench/peers): the user side (peerdrive.c) and
 * the floor bot (floorbot.c), one program. */
#ifndef FITBOT_PEERDRIVE_H
#define FITBOT_PEERDRIVE_H

#include <curl/curl.h>
#include <stdint.h>

typedef struct cfg {
    const char *url, *text, *bot_token;
    int users, updates, senders, timeout_s, flows;
    int64_t base;
} cfg;

/* GET (body NULL) or POST c->url + path on h; the answer's text (caller
 * frees) when it says "ok":true, else NULL. */
char *pd__call(CURL *h, const cfg *c, const char *path, const char *body);

/* A loopback JSON handle for pd__call (NULL when out of memory). */
CURL *pd__handle(void);

/* --bot TOKEN: the floor under any bot: long-polls getUpdates for
 * c->bot_token, parses each batch and answers every message with one
 * sendMessage (c->senders threads), as /whoami's text, with no database.
 * Prints "ready" once polling; returns 0 on SIGTERM or SIGINT, when its
 * parent dies or after c->timeout_s seconds, 1 on a failure to start. */
int pd__floorbot(const cfg *c);

#endif
