/* A fitbot-sandbox child process for the hostio tests: started on a free
 * port, driven through its control API, stopped at the end. */
#ifndef FITBOT_TEST_SBX_H
#define FITBOT_TEST_SBX_H

#include <stdint.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#include "telegram.h"

typedef struct sbx {
    pid_t pid;
    char url[64]; /* http://127.0.0.1:PORT */
    char token[96];
    char log[128]; /* the sandbox's stdout + stderr */
} sbx;

/* Start fitbot-sandbox (path from SANDBOX_BIN) with --token token and
 * --time-scale scale (1 = real time). Aborts the test on failure. */
void sbx_start(sbx *s, const char *token, double scale);
/* SIGTERM, then SIGKILL; reaps the child. */
void sbx_stop(sbx *s);
/* sbx_start, and a Telegram client (host/telegram) for it with the same
 * token; sbx_stop_tg frees the client, then stops the sandbox. */
fb__tg *sbx_start_tg(sbx *s, const char *token, double scale);
void sbx_stop_tg(sbx *s, fb__tg *tg);

/* Control API call; body is printf-formatted JSON (NULL: no body).
 * Returns the detached "result" (caller frees), or NULL on ok:false. */
cJSON *sbx_call(sbx *s, const char *method, const char *path, const char *fmt,
                ...) __attribute__((format(printf, 4, 5)));
/* Same, asserting success and freeing the result. */
void sbx_ok(sbx *s, const char *method, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* GET path as raw bytes (caller frees); *len receives the size. */
char *sbx_get_raw(sbx *s, const char *path, size_t *len);
/* One member of GET /sandbox/counters. */
int64_t sbx_counter(sbx *s, const char *name);
/* Create a user (and its private chat). */
void sbx_user(sbx *s, int64_t id, const char *first_name);
/* Texts of the bot's messages in chat, in order, as one string joined by
 * '|' (caller frees); waits until at least want bot messages exist or
 * timeout_ms passed. */
char *sbx_bot_texts(sbx *s, int64_t chat, int want, int timeout_ms);

#endif
