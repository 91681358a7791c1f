/* fitbot-chat: a client of the sandbox's control API (docs/SANDBOX.md).
 *
 * One blocking libcurl handle; JSON in and out through cJSON. */
#ifndef FB_CHAT_CTL_H
#define FB_CHAT_CTL_H

#include <cjson/cJSON.h>
#include <stdint.h>

typedef struct ctl ctl;

/* Connect to base ("http://127.0.0.1:PORT"); token may be NULL (one bot).
 * Returns NULL on allocation failure. Free with ctl_free. */
ctl *ctl_new(const char *base, const char *token);
void ctl_free(ctl *c);

/* POST path with body (consumed, may be NULL) or GET when body is NULL and
 * post is 0. On success returns 0 and *result owns the envelope's
 * "result" (free with cJSON_Delete). On failure returns -1 and err holds
 * the sandbox's description or the transport error. */
int ctl_call(ctl *c, int post, const char *path, cJSON *body, int timeout_ms,
             cJSON **result, char *err, size_t errlen);

/* GET path's raw body (a file: /sandbox/files/<file_id>), at most
 * CTL_FETCH_MAX bytes. On success returns 0 and *data (malloc'd, caller
 * frees) holds *len bytes. On failure returns -1, *data is NULL and err
 * holds the sandbox's description, the HTTP status or the transport
 * error. */
#define CTL_FETCH_MAX (20u << 20)
int ctl_fetch(ctl *c, const char *path, int timeout_ms, unsigned char **data,
              size_t *len, char *err, size_t errlen);

/* Add a 64-bit id member exactly (as raw decimal text). Returns 0 or -1. */
int ctl_add_id(cJSON *obj, const char *name, int64_t id);
/* Read an integral JSON number member within +-2^53 into *out. 0 or -1. */
int ctl_get_id(const cJSON *obj, const char *name, int64_t *out);
/* The token query suffix ("&token=..." or ""), URL-escaped, for GETs. */
const char *ctl_token_query(ctl *c);

#endif
