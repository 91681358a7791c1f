/* fitbot-chat: the sandbox control API over libcurl. */
#include "ctl.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curlbuf.h"

struct ctl {
    CURL *curl;
    char *base;
    char *token;
    char tokq[512];
};

ctl *ctl_new(const char *base, const char *token)
{
    ctl *c = calloc(1, sizeof *c);
    char *esc;

    if (!c)
        return NULL;
    c->curl = curl_easy_init();
    c->base = strdup(base);
    c->token = token ? strdup(token) : NULL;
    if (!c->curl || !c->base || (token && !c->token))
        goto fail;
    if (token) {
        esc = curl_easy_escape(c->curl, token, 0);
        if (!esc)
            goto fail;
        snprintf(c->tokq, sizeof c->tokq, "&token=%s", esc);
        curl_free(esc);
    }
    return c;
fail:
    ctl_free(c);
    return NULL;
}

void ctl_free(ctl *c)
{
    if (!c)
        return;
    if (c->curl)
        curl_easy_cleanup(c->curl);
    free(c->base);
    free(c->token);
    free(c);
}

const char *ctl_token_query(ctl *c)
{
    return c->tokq;
}

/* Turn a response body into the result or an error text. */
static int unwrap(const char *text, cJSON **result, char *err, size_t errlen)
{
    cJSON *env = cJSON_Parse(text ? text : "");
    const cJSON *ok;

    if (!env) {
        snprintf(err, errlen,
                 "the sandbox answered something that is not JSON");
        return -1;
    }
    ok = cJSON_GetObjectItemCaseSensitive(env, "ok");
    if (!cJSON_IsTrue(ok)) {
        const cJSON *desc =
            cJSON_GetObjectItemCaseSensitive(env, "description");
        snprintf(err, errlen, "%s",
                 cJSON_IsString(desc) ? desc->valuestring : "request refused");
        cJSON_Delete(env);
        return -1;
    }
    *result = cJSON_DetachItemFromObjectCaseSensitive(env, "result");
    cJSON_Delete(env);
    if (!*result)
        *result = cJSON_CreateNull();
    return *result ? 0 : -1;
}

static int perform(ctl *c, const char *url, const char *json, int timeout_ms,
                   fb__curlbuf *out, char *err, size_t errlen)
{
    struct curl_slist *hdr = NULL;
    CURLcode rc;

    curl_easy_reset(c->curl);
    curl_easy_setopt(c->curl, CURLOPT_URL, url);
    curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, (long)timeout_ms + 5000L);
    curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
    if (json) {
        hdr = curl_slist_append(NULL, "Content-Type: application/json");
        curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, hdr);
        curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, json);
    }
    rc = curl_easy_perform(c->curl);
    curl_slist_free_all(hdr);
    if (rc != CURLE_OK) {
        snprintf(err, errlen, "sandbox unreachable: %s",
                 curl_easy_strerror(rc));
        return -1;
    }
    return 0;
}

int ctl_call(ctl *c, int post, const char *path, cJSON *body, int timeout_ms,
             cJSON **result, char *err, size_t errlen)
{
    char url[2048], *json = NULL;
    fb__curlbuf out = {NULL, 0, 0};
    int rc = -1;

    *result = NULL;
    snprintf(url, sizeof url, "%s%s", c->base, path);
    if (post) {
        if (body && c->token)
            cJSON_AddStringToObject(body, "token", c->token);
        json = body ? cJSON_PrintUnformatted(body) : strdup("{}");
        if (!json) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
    }
    if (perform(c, url, json, timeout_ms, &out, err, errlen) == 0)
        rc = unwrap(out.p, result, err, errlen);
out:
    cJSON_Delete(body);
    free(json);
    free(out.p);
    return rc;
}

/* Why a GET of a file answered status instead of its bytes. */
static void refusal(long status, const fb__curlbuf *out, char *err,
                    size_t errlen)
{
    cJSON *env = cJSON_Parse(out->p ? out->p : "");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(env, "description");

    if (cJSON_IsString(desc))
        snprintf(err, errlen, "HTTP %ld, %s", status, desc->valuestring);
    else
        snprintf(err, errlen, "HTTP %ld", status);
    cJSON_Delete(env);
}

int ctl_fetch(ctl *c, const char *path, int timeout_ms, unsigned char **data,
              size_t *len, char *err, size_t errlen)
{
    char url[2048];
    fb__curlbuf out = {NULL, 0, CTL_FETCH_MAX};
    long status = 0;

    *data = NULL;
    *len = 0;
    snprintf(url, sizeof url, "%s%s", c->base, path);
    if (perform(c, url, NULL, timeout_ms, &out, err, errlen) != 0) {
        free(out.p);
        return -1;
    }
    curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200 || out.len == 0) {
        if (status == 200)
            snprintf(err, errlen, "the file is empty");
        else
            refusal(status, &out, err, errlen);
        free(out.p);
        return -1;
    }
    *data = (unsigned char *)out.p;
    *len = out.len;
    return 0;
}

int ctl_add_id(cJSON *obj, const char *name, int64_t id)
{
    char text[24];

    snprintf(text, sizeof text, "%" PRId64, id);
    return cJSON_AddItemToObject(obj, name, cJSON_CreateRaw(text)) ? 0 : -1;
}

int ctl_get_id(const cJSON *obj, const char *name, int64_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    double d;

    if (!cJSON_IsNumber(v))
        return -1;
    d = v->valuedouble;
    if (d != floor(d) || fabs(d) > 9007199254740992.0)
        return -1;
    *out = (int64_t)d;
    return 0;
}
