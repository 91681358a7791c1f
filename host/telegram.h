/* host/telegram: the Bot API client on libcurl.
 *
 * JSON POSTs to API_URL/bot<TOKEN>/<method>. Connections are reused: each
 * call borrows a CURL easy handle from a small pool owned by the client (so
 * several threads may call at once, each on its own handle). Connect
 * timeout 10 s, total timeout per call (default 30 s; getUpdates: its poll
 * timeout + 15 s). TLS verification stays on. The token is registered as a
 * log secret by fb__tg_new and never appears in an error description. */
#ifndef FITBOT_HOST_TELEGRAM_H
#define FITBOT_HOST_TELEGRAM_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "jsonid.h"

typedef struct fb__tg fb__tg;

/* What went wrong with a call. */
typedef struct fb__tg_error {
    long http_status; /* HTTP status, 0 when no response arrived */
    int error_code;  /* Telegram's error_code (400, 403, 409, 429...), 0 if none
                      */
    int retry_after; /* seconds (parameters.retry_after on 429), 0 if none */
    int network;     /* 1: no usable response (connect, timeout, reset,
                        unparseable body) */
    char description[256]; /* human text, token-free */
} fb__tg_error;

/* Status of fb__tg_call and friends. */
enum {
    FB__TG_OK = 0,
    FB__TG_ERR = -1,       /* Telegram answered ok:false (see err) */
    FB__TG_NETWORK = -2,   /* no usable answer (see err->network) */
    FB__TG_CANCELLED = -3, /* the cancel flag was raised during the call */
    FB__TG_LOCAL = -4      /* bad argument / allocation failure */
};

/* New client. api_url like "https://api.telegram.org" (a trailing '/' is
 * fine); token copied and registered with fb__log_add_secret. Returns NULL
 * on allocation failure or a NULL/empty argument. */
fb__tg *fb__tg_new(const char *api_url, const char *token);
/* Frees the client and its pooled handles. NULL-safe. No call may be in
 * flight. */
void fb__tg_free(fb__tg *tg);

/* Connections opened so far (a measure of connection reuse). */
long fb__tg_connections(fb__tg *tg);

/* Override the default timeouts (milliseconds; 0 keeps the current one). */
void fb__tg_set_timeouts(fb__tg *tg, long connect_ms, long total_ms);

/* Call method with params (a JSON object, may be NULL; not consumed). On
 * FB__TG_OK *result (if result != NULL) receives the "result" member,
 * detached; the caller frees it with cJSON_Delete. On failure *result is
 * NULL and err (may be NULL) describes the failure; err is zeroed on
 * success. Returns FB__TG_*. */
int fb__tg_call(fb__tg *tg, const char *method, const cJSON *params,
                cJSON **result, fb__tg_error *err);

/* Same with an explicit total timeout (ms) and a cancel flag (may be NULL):
 * when *cancel becomes non-zero the transfer is aborted (libcurl checks it
 * at least once a second) and
 * FB__TG_CANCELLED returned. */
int fb__tg_call_ex(fb__tg *tg, const char *method, const cJSON *params,
                   long total_ms, const atomic_int *cancel, cJSON **result,
                   fb__tg_error *err);

/* Multipart upload for sendDocument / sendPhoto: the file goes in field
 * ("document" / "photo") with filename; caption may be NULL (sent with
 * parse_mode HTML); extra (may be NULL) is an object whose members are added
 * as form fields (objects/arrays as JSON text, e.g. reply_markup). */
int fb__tg_upload(fb__tg *tg, const char *method, int64_t chat_id,
                  const char *field, const char *filename, const void *bytes,
                  size_t len, const char *caption, const cJSON *extra,
                  cJSON **result, fb__tg_error *err);

/* The bytes of a file a user sent: getFile(file_id), then its download
 * (api_url/file/bot<TOKEN>/<file_path>), at most max bytes. On FB__TG_OK
 * *bytes (malloc'd, NUL-terminated; the caller frees it) and *len are set;
 * otherwise they are NULL and 0 and err says why ("the file is too large",
 * Telegram's refusal, a network failure). */
int fb__tg_download(fb__tg *tg, const char *file_id, size_t max, char **bytes,
                    size_t *len, fb__tg_error *err);

/* getUpdates(offset, timeout_s, allowed_updates=["message",
 * "callback_query"]). *updates receives the array (caller frees). cancel
 * may be NULL. */
int fb__tg_get_updates(fb__tg *tg, int64_t offset, int timeout_s,
                       const atomic_int *cancel, cJSON **updates,
                       fb__tg_error *err);
/* The same, asking at most limit updates (1..100; 0: Telegram's default,
 * 100); when the answer is not a Bot API envelope or its result not an
 * array (FB__TG_NETWORK, err->network set), *bad (if bad is not NULL)
 * receives the body as text (malloc'd; the caller frees it), else NULL. */
int fb__tg_get_updates_ex(fb__tg *tg, int64_t offset, int timeout_s,
                          int limit, const atomic_int *cancel,
                          cJSON **updates, fb__tg_error *err, char **bad);

/* answerCallbackQuery at once (text may be NULL). Returns FB__TG_*; a
 * "query is too old" error is reported like any other. */
int fb__tg_answer_callback(fb__tg *tg, const char *callback_query_id,
                           const char *text, int alert, fb__tg_error *err);

/* 1 if the error deserves a retry later (network, 5xx, 429). */
int fb__tg_error_retryable(const fb__tg_error *err);

#endif
