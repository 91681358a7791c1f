/* HTTP glue (libmicrohttpd): one thread per connection so long polls and
 * transcript waits never block other requests. Collects each request's
 * parameters (query string, JSON, form-urlencoded or multipart body via
 * MHD's post processor), caps body sizes, and routes to the bot side
 * (/bot<TOKEN>/<method>), file downloads (/file/bot<TOKEN>/<path>) or the
 * control API (/sandbox/...). Binds 127.0.0.1 only. */
#ifndef FB_SB_HTTP_H
#define FB_SB_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "sb_params.h"

#define SB_MAX_JSON_BODY (1u << 20)    /* JSON and urlencoded bodies */
#define SB_MAX_UPLOAD_BODY (20u << 20) /* multipart bodies */

typedef struct sb_server sb_server;

/* Starts serving on 127.0.0.1:port (0 = any free port). Returns the server
 * and the bound port in *bound, or NULL when it cannot listen. */
sb_server *fb__sb_http_start(uint16_t port, uint16_t *bound);

/* Stops serving: wakes waiters, closes connections, frees the server. */
void fb__sb_http_stop(sb_server *s);

/* Parses a JSON body into p. Returns 0, or -1 with a Telegram-style 400 in
 * out (not an object, malformed). An empty body is fine. */
int fb__sb_http_json_body(const char *body, size_t len, sb_params *p,
                          sb_out *out);

/* Routes a complete request by verb and (unescaped) path. May block. */
void fb__sb_http_dispatch(const char *verb, const char *url, sb_params *p,
                          sb_out *out);

#endif
