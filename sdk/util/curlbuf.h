/* curlbuf: a libcurl response body collected into one growing buffer.
 *
 * Internal to the project's own programs (host, fitbot-chat, test kit,
 * benchmarks); not part of the plugin SDK. */
#ifndef FITBOT_CURLBUF_H
#define FITBOT_CURLBUF_H

#include <stddef.h>

#include <curl/curl.h>

typedef struct fb__curlbuf {
    char *p; /* malloc'd, NUL-terminated once anything arrived; caller frees */
    size_t len; /* bytes received */
    size_t max; /* refuse bodies longer than this; 0: no limit */
} fb__curlbuf;

/* CURLOPT_WRITEFUNCTION callback; CURLOPT_WRITEDATA is an fb__curlbuf.
 * Appends the chunk and returns its size, or 0 (libcurl then aborts the
 * transfer with CURLE_WRITE_ERROR) when memory runs out or max is passed;
 * what was collected before stays valid. */
size_t fb__curlbuf_write(char *data, size_t size, size_t nmemb, void *ud);

/* A handle for the project's loopback JSON clients (benchmarks): bodies
 * sent as application/json, no signals, TCP_NODELAY, at most timeout_s
 * per request, answers collected by fb__curlbuf_write (give each request
 * its fb__curlbuf with CURLOPT_WRITEDATA). NULL when out of memory. */
CURL *fb__curlbuf_json_handle(long timeout_s);

#endif
