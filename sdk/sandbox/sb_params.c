#include "sb_params.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fb__sb_params_init(sb_params *p)
{
    memset(p, 0, sizeof(*p));
    p->client_fd = -1;
    p->obj = cJSON_CreateObject();
    return p->obj ? 0 : -1;
}

void fb__sb_params_free(sb_params *p)
{
    cJSON_Delete(p->obj);
    for (size_t i = 0; i < p->nfiles; i++) {
        free(p->files[i].key);
        free(p->files[i].file_name);
        free(p->files[i].mime_type);
        free(p->files[i].data);
    }
    free(p->files);
    memset(p, 0, sizeof(*p));
}

int fb__sb_params_add_str(sb_params *p, const char *key, const char *val,
                          size_t len, int replace)
{
    if (!replace && cJSON_GetObjectItemCaseSensitive(p->obj, key))
        return 0;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, val, len);
    copy[len] = '\0';
    cJSON *item = cJSON_CreateString(copy);
    free(copy);
    if (!item)
        return -1;
    if (cJSON_GetObjectItemCaseSensitive(p->obj, key))
        return cJSON_ReplaceItemInObjectCaseSensitive(p->obj, key, item) ? 0
                                                                         : -1;
    if (!cJSON_AddItemToObject(p->obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int fb__sb_params_add_file(sb_params *p, const char *key, const char *file_name,
                           const char *mime_type, unsigned char *data,
                           size_t len)
{
    sb_file_part *grown = realloc(p->files, (p->nfiles + 1) * sizeof(*grown));
    if (!grown) {
        free(data);
        return -1;
    }
    p->files = grown;
    sb_file_part *f = &p->files[p->nfiles];
    f->key = strdup(key);
    f->file_name = dup_or_null(file_name);
    f->mime_type = dup_or_null(mime_type);
    f->data = data;
    f->len = len;
    if (!f->key || (file_name && !f->file_name) ||
        (mime_type && !f->mime_type)) {
        free(f->key);
        free(f->file_name);
        free(f->mime_type);
        free(data);
        return -1;
    }
    p->nfiles++;
    return 0;
}

int fb__sb_params_merge_json(sb_params *p, cJSON *obj)
{
    while (obj->child) {
        cJSON *item = cJSON_DetachItemViaPointer(obj, obj->child);
        const char *key = item->string;
        if (!key) {
            cJSON_Delete(item);
            continue;
        }
        if (cJSON_GetObjectItemCaseSensitive(p->obj, key))
            cJSON_DeleteItemFromObjectCaseSensitive(p->obj, key);
        cJSON_AddItemToObject(p->obj, key, item); /* reuses item->string */
    }
    cJSON_Delete(obj);
    return 0;
}

const sb_file_part *fb__sb_params_file(const sb_params *p, const char *key)
{
    for (size_t i = 0; i < p->nfiles; i++)
        if (strcmp(p->files[i].key, key) == 0)
            return &p->files[i];
    return NULL;
}

static int str_to_i64(const char *s, int64_t *out);

int fb__sb_json_i64(const cJSON *item, int64_t *out)
{
    if (cJSON_IsString(item))
        return str_to_i64(item->valuestring, out);
    if (!cJSON_IsNumber(item))
        return -1;
    double d = item->valuedouble;
    if (!isfinite(d) || d != floor(d) || d > SB_JSON_INT_MAX ||
        d < -SB_JSON_INT_MAX)
        return -1;
    *out = (int64_t)d;
    return 0;
}

static int str_to_i64(const char *s, int64_t *out)
{
    while (*s == ' ')
        s++;
    if (*s == '\0')
        return -1;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || end == s)
        return -1;
    while (*end == ' ')
        end++;
    if (*end != '\0')
        return -1;
    *out = (int64_t)v;
    return 0;
}

int fb__sb_param_i64(sb_params *p, const char *key, int64_t *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(p->obj, key);
    if (!item || cJSON_IsNull(item))
        return SB_P_MISSING;
    if (cJSON_IsNumber(item))
        return fb__sb_json_i64(item, out) == 0 ? SB_P_OK : SB_P_BAD;
    if (cJSON_IsString(item))
        return str_to_i64(item->valuestring, out) == 0 ? SB_P_OK : SB_P_BAD;
    return SB_P_BAD;
}

int fb__sb_param_num(sb_params *p, const char *key, double *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(p->obj, key);
    if (!item || cJSON_IsNull(item))
        return SB_P_MISSING;
    if (cJSON_IsNumber(item)) {
        *out = item->valuedouble;
        return isfinite(*out) ? SB_P_OK : SB_P_BAD;
    }
    if (cJSON_IsString(item)) {
        char *end = NULL;
        *out = strtod(item->valuestring, &end);
        return (end != item->valuestring && *end == '\0' && isfinite(*out))
                   ? SB_P_OK
                   : SB_P_BAD;
    }
    return SB_P_BAD;
}

/* Returns 1 when an integer literal may start at s[i] (not inside another
 * number or word). */
static int number_start(const char *s, size_t i)
{
    char c = s[i];
    if (c != '-' && !isdigit((unsigned char)c))
        return 0;
    return i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
                       s[i - 1] == '-' || s[i - 1] == '+');
}

/* Copies the integer literal at s[i..] to out, in quotes when it has 16 or
 * more digits. Returns the index after it. */
static size_t copy_number(const char *s, size_t len, size_t i, char *out,
                          size_t *o)
{
    size_t k = i + (s[i] == '-');
    while (k < len && isdigit((unsigned char)s[k]))
        k++;
    int quote = k - i - (s[i] == '-') >= 16 &&
                !(k < len && (s[k] == '.' || s[k] == 'e' || s[k] == 'E'));
    if (quote)
        out[(*o)++] = '"';
    memcpy(out + *o, s + i, k - i);
    *o += k - i;
    if (quote)
        out[(*o)++] = '"';
    return k;
}

cJSON *fb__sb_json_parse_exact(const char *s, size_t len)
{
    char *t = malloc(len + len / 8 + 4);
    size_t o = 0;
    int in_str = 0, esc = 0;
    if (!t)
        return NULL;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (number_start(s, i)) {
            i = copy_number(s, len, i, t, &o);
            continue;
        }
        t[o++] = c;
        i++;
    }
    cJSON *j = cJSON_ParseWithLength(t, o);
    free(t);
    return j;
}

static int stringify_scalar(sb_params *p, const char *key, cJSON *item)
{
    char buf[64];
    if (cJSON_IsBool(item))
        snprintf(buf, sizeof(buf), "%s", cJSON_IsTrue(item) ? "true" : "false");
    else if (item->valuedouble == floor(item->valuedouble) &&
             fabs(item->valuedouble) < 1e18)
        snprintf(buf, sizeof(buf), "%.0f", item->valuedouble);
    else
        snprintf(buf, sizeof(buf), "%.17g", item->valuedouble);
    return fb__sb_params_add_str(p, key, buf, strlen(buf), 1);
}

int fb__sb_param_str(sb_params *p, const char *key, const char **out)
{
    cJSON *item = cJSON_GetObjectItemCaseSensitive(p->obj, key);
    if (!item || cJSON_IsNull(item))
        return SB_P_MISSING;
    if (cJSON_IsNumber(item) || cJSON_IsBool(item)) {
        if (stringify_scalar(p, key, item) != 0)
            return SB_P_BAD;
        item = cJSON_GetObjectItemCaseSensitive(p->obj, key);
    }
    if (!cJSON_IsString(item))
        return SB_P_BAD;
    *out = item->valuestring;
    return SB_P_OK;
}

int fb__sb_param_json(sb_params *p, const char *key, cJSON **out)
{
    cJSON *item = cJSON_GetObjectItemCaseSensitive(p->obj, key);
    if (!item || cJSON_IsNull(item))
        return SB_P_MISSING;
    if (cJSON_IsString(item)) {
        cJSON *parsed = fb__sb_json_parse_exact(item->valuestring,
                                                strlen(item->valuestring));
        if (!parsed)
            return SB_P_BAD;
        if (!cJSON_ReplaceItemInObjectCaseSensitive(p->obj, key, parsed)) {
            cJSON_Delete(parsed);
            return SB_P_BAD;
        }
        item = parsed;
    }
    *out = item;
    return SB_P_OK;
}

int fb__sb_param_bool(sb_params *p, const char *key, int *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(p->obj, key);
    if (!item || cJSON_IsNull(item))
        return SB_P_MISSING;
    if (cJSON_IsBool(item)) {
        *out = cJSON_IsTrue(item);
        return SB_P_OK;
    }
    if (cJSON_IsNumber(item)) {
        *out = item->valuedouble != 0;
        return SB_P_OK;
    }
    if (cJSON_IsString(item)) {
        const char *s = item->valuestring;
        if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0 ||
            strcmp(s, "True") == 0) {
            *out = 1;
            return SB_P_OK;
        }
        if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0 ||
            strcmp(s, "False") == 0 || *s == '\0') {
            *out = 0;
            return SB_P_OK;
        }
    }
    return SB_P_BAD;
}

cJSON *fb__sb_make_i64(int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%" PRId64, v);
    return cJSON_CreateRaw(buf);
}

cJSON *fb__sb_add_i64(cJSON *obj, const char *name, int64_t v)
{
    cJSON *item = fb__sb_make_i64(v);
    if (!item)
        return NULL;
    if (!cJSON_AddItemToObject(obj, name, item)) {
        cJSON_Delete(item);
        return NULL;
    }
    return item;
}

static void set_static_500(sb_out *out)
{
    free(out->body);
    out->status = 500;
    out->body = strdup("{\"ok\":false,\"error_code\":500,\"description\":"
                       "\"Internal Server Error\"}");
    out->body_len = 0;
}

static void set_body(sb_out *out, int status, cJSON *root)
{
    char *text = root ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
        set_static_500(out);
        return;
    }
    free(out->body);
    out->status = status;
    out->body = text;
    out->body_len = 0;
    out->content_type = NULL;
}

void fb__sb_out_ok(sb_out *out, cJSON *result)
{
    cJSON *root = cJSON_CreateObject();
    if (!root || !result) {
        cJSON_Delete(root);
        cJSON_Delete(result);
        set_static_500(out);
        return;
    }
    cJSON_AddTrueToObject(root, "ok");
    cJSON_AddItemToObject(root, "result", result);
    set_body(out, 200, root);
}

void fb__sb_out_err(sb_out *out, int code, const char *description,
                    int retry_after)
{
    cJSON *root = cJSON_CreateObject();
    if (!root) {
        set_static_500(out);
        return;
    }
    cJSON_AddFalseToObject(root, "ok");
    cJSON_AddNumberToObject(root, "error_code", code);
    cJSON_AddStringToObject(root, "description", description);
    if (retry_after > 0) {
        cJSON *params = cJSON_AddObjectToObject(root, "parameters");
        if (params)
            cJSON_AddNumberToObject(params, "retry_after", retry_after);
    }
    set_body(out, code, root);
}

void fb__sb_out_free(sb_out *out)
{
    free(out->body);
    out->body = NULL;
}
