/* The sandbox's control API over libcurl. */
#include <stdlib.h>
#include <string.h>

#include "curlbuf.h"
#include "kit.h"

/* One request; the body (malloc'd) or NULL on a transport error. */
static char *request(fbt_env *e, const char *method, const char *path,
                     const char *body, long *status, size_t *len)
{
    struct curl_slist *hdr = NULL;
    fb__curlbuf b = {NULL, 0, 0};
    char url[KIT_PATH];
    CURLcode rc;

    if (!e->curl && !(e->curl = curl_easy_init()))
        return NULL;
    curl_easy_reset(e->curl);
    snprintf(url, sizeof url, "%s%s", e->sandbox_url, path);
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    curl_easy_setopt(e->curl, CURLOPT_URL, url);
    curl_easy_setopt(e->curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(e->curl, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(e->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e->curl, CURLOPT_TIMEOUT_MS, 120000L);
    curl_easy_setopt(e->curl, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    curl_easy_setopt(e->curl, CURLOPT_WRITEDATA, &b);
    if (body)
        curl_easy_setopt(e->curl, CURLOPT_POSTFIELDS, body);
    rc = curl_easy_perform(e->curl);
    curl_slist_free_all(hdr);
    curl_easy_getinfo(e->curl, CURLINFO_RESPONSE_CODE, status);
    if (rc != CURLE_OK) {
        fb__kit_fail(e, "%s %s: %s", method, path, curl_easy_strerror(rc));
        free(b.p);
        return NULL;
    }
    if (len)
        *len = b.len;
    return b.p ? b.p : strdup("");
}

/* Internal: see kit.h. */
cJSON *fb__kit_call_text(fbt_env *e, const char *method, const char *path,
                         const char *body)
{
    long status = 0;
    char *text = request(e, method, path, body, &status, NULL);
    cJSON *root, *result = NULL;

    if (!text)
        return NULL;
    root = cJSON_Parse(text);
    if (cJSON_IsTrue(cJSON_GetObjectItem(root, "ok"))) {
        result = cJSON_DetachItemFromObject(root, "result");
        if (!result)
            result = cJSON_CreateTrue();
    } else {
        const cJSON *desc = cJSON_GetObjectItem(root, "description");
        fb__kit_fail(e, "sandbox %s %s: HTTP %ld: %s", method, path, status,
                     cJSON_IsString(desc) ? desc->valuestring : text);
    }
    cJSON_Delete(root);
    free(text);
    return result;
}

/* Internal: see kit.h. */
cJSON *fb__kit_call(fbt_env *e, const char *method, const char *path,
                    const cJSON *body)
{
    char *text = body ? cJSON_PrintUnformatted(body) : NULL;
    cJSON *r;

    if (body && !text) {
        fb__kit_fail(e, "out of memory");
        return NULL;
    }
    r = fb__kit_call_text(e, method, path, text);
    free(text);
    return r;
}

/* See fbtest.h. */
char *fbt_sandbox_post(fbt_env *e, const char *path, const char *json)
{
    cJSON *r = fb__kit_call_text(e, "POST", path, json ? json : "{}");
    char *text = r ? cJSON_PrintUnformatted(r) : NULL;

    cJSON_Delete(r);
    return text;
}

/* See fbtest.h. */
int64_t fbt_counter(fbt_env *e, const char *name)
{
    cJSON *r = fb__kit_call(e, "GET", "/sandbox/counters", NULL);
    const cJSON *v = cJSON_GetObjectItem(r, name);
    int64_t n = -1;

    if (cJSON_IsNumber(v))
        n = (int64_t)v->valuedouble;
    else if (r)
        fb__kit_fail(e, "no sandbox counter named %s", name);
    cJSON_Delete(r);
    return n;
}

/* See fbtest.h. */
void *fbt_file(fbt_env *e, const char *file_id, size_t *len)
{
    char path[256];
    long status = 0;
    size_t n = 0;
    char *data;

    snprintf(path, sizeof path, "/sandbox/files/%s", file_id);
    data = request(e, "GET", path, NULL, &status, &n);
    if (data && status != 200) {
        fb__kit_fail(e, "GET %s: HTTP %ld", path, status);
        free(data);
        return NULL;
    }
    if (data && len)
        *len = n;
    return data;
}
