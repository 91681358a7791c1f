#include "curlbuf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct curl_slist *json_header;

static void make_json_header(void)
{
    json_header = curl_slist_append(NULL, "Content-Type: application/json");
}

/* See curlbuf.h. */
CURL *fb__curlbuf_json_handle(long timeout_s)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    CURL *h;

    pthread_once(&once, make_json_header); /* kept for the process's life */
    h = json_header ? curl_easy_init() : NULL;
    if (h) {
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, json_header);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout_s);
        curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    }
    return h;
}

/* See curlbuf.h. */
size_t fb__curlbuf_write(char *data, size_t size, size_t nmemb, void *ud)
{
    fb__curlbuf *b = ud;
    size_t n = size * nmemb;
    char *np;

    if (b->max && b->len + n > b->max)
        return 0;
    np = realloc(b->p, b->len + n + 1);
    if (!np)
        return 0;
    memcpy(np + b->len, data, n);
    b->len += n;
    np[b->len] = '\0';
    b->p = np;
    return n;
}
