/* Fault injection: scripted faults ("the next 3 sendMessage calls get
 * 502") and random faults at given rates, applied to bot-side calls before
 * they run. Has its own lock; callable with or without the store lock. */
#ifndef FB_SB_FAULTS_H
#define FB_SB_FAULTS_H

#include <stdint.h>

typedef struct sb_fault_action {
    int status;            /* 0: no error reply (only delay and/or drop) */
    char description[200]; /* "" = Telegram's usual text for status */
    int retry_after;       /* for 429 */
    double delay_ms;       /* real milliseconds before acting */
    int drop;              /* close the connection without a reply */
    char body[1024];       /* "": as above; else HTTP 200 with this raw
                              body (a broken answer) */
} sb_fault_action;

typedef struct sb_fault_rates {
    double rate_429, rate_5xx, rate_timeout, rate_drop;
    double timeout_ms; /* how long a "timeout" hangs before dropping */
    uint64_t seed;
} sb_fault_rates;

/* Scripts the next count calls of method ("*" = any) — only those about
 * chat_id when has_chat — to fail with act. Returns 0, or -1 when out of
 * memory. */
int fb__sb_faults_add(const char *method, int count, int has_chat,
                      int64_t chat_id, const sb_fault_action *act);

/* Sets random fault rates (all zero = off). */
void fb__sb_faults_set_random(const sb_fault_rates *r);

/* Clears scripted and random faults. */
void fb__sb_faults_clear(void);

/* Decides whether a call of method about chat_id (has_chat = 0 if none)
 * fails. Returns 1 and fills *act when a fault applies, 0 otherwise. */
int fb__sb_faults_take(const char *method, int has_chat, int64_t chat_id,
                       sb_fault_action *act);

/* Fills a default description for an HTTP status ("Bad Gateway", ...). */
const char *fb__sb_faults_default_text(int status);

/* Frees all fault state. */
void fb__sb_faults_free(void);

#endif
