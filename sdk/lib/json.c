/* Tiny getters for top-level members of a JSON object text (event
 * payloads). cJSON is used privately. */
#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* 2^53 - 1: above it a double may stand for two different integers (2^53 + 1
 * reads as 2^53), so larger numbers are refused rather than guessed. */
#define EXACT_LIMIT 9007199254740991.0

/* Parse json and find key. Returns the member (with *root to free), or NULL
 * with *rc set: FB_E_ARG for bad arguments, FB_E_JUNK for text that is not
 * a JSON object, FB_E_EMPTY for a missing or null member. */
static const cJSON *member(const char *json, const char *key, cJSON **root,
                           int *rc)
{
    const cJSON *m;

    *root = NULL;
    *rc = FB_E_ARG;
    if (!json || !key)
        return NULL;
    *root = cJSON_Parse(json);
    *rc = FB_E_JUNK;
    if (!cJSON_IsObject(*root))
        return NULL;
    m = cJSON_GetObjectItemCaseSensitive(*root, key);
    *rc = FB_E_EMPTY;
    if (!m || cJSON_IsNull(m))
        return NULL;
    *rc = 0;
    return m;
}

/* See sdk.h. A member that is not a string is FB_E_JUNK; buf is "" on
 * every failure. */
int fb_json_get_str(const char *json, const char *key, char *buf, size_t len)
{
    cJSON *root;
    const cJSON *m;
    int rc;

    if (!buf || len == 0)
        return FB_E_ARG;
    m = member(json, key, &root, &rc);
    if (m && !cJSON_IsString(m))
        rc = FB_E_JUNK;
    else if (m && strlen(m->valuestring) >= len)
        rc = FB_E_TOOLONG;
    else if (m)
        memcpy(buf, m->valuestring, strlen(m->valuestring) + 1);
    cJSON_Delete(root);
    return rc ? fb__fail(buf, len, rc) : 0;
}

/* A JSON number as an exact int64: integral and within +-(2^53 - 1). */
static int number_value(const cJSON *m, int64_t *out)
{
    double d = m->valuedouble;

    if (!isfinite(d) || d != floor(d))
        return FB_E_JUNK;
    if (d > EXACT_LIMIT || d < -EXACT_LIMIT)
        return FB_E_RANGE;
    *out = (int64_t)d;
    return 0;
}

/* See sdk.h. The member may be a JSON number (integral, |v| < 2^53, since
 * larger doubles are inexact) or a decimal string (full 64-bit range, via
 * fb_parse_int64). On failure *out is 0. */
int fb_json_get_int64(const char *json, const char *key, int64_t *out)
{
    cJSON *root;
    const cJSON *m;
    int rc;

    if (!out)
        return FB_E_ARG;
    *out = 0;
    m = member(json, key, &root, &rc);
    if (m && cJSON_IsNumber(m))
        rc = number_value(m, out);
    else if (m && cJSON_IsString(m))
        rc = fb_parse_int64(m->valuestring, INT64_MIN, INT64_MAX, out);
    else if (m)
        rc = FB_E_JUNK;
    cJSON_Delete(root);
    return rc;
}
