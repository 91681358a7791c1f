/* host/convo: the conversation store. See convo.h. */
#include "convo.h"

#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "jsonid.h"

#define CONVO_COLUMNS                                                          \
    "key_chat, key_user, plugin, flow, state, data::text, "                    \
    "floor(extract(epoch FROM deadline))::bigint"

/* What c->json points at: the parsed data, and the values replaced or
 * removed since, kept so strings handed out by data_get stay valid until
 * fb__convo_clear(). */
typedef struct convo_cache {
    cJSON *obj;
    cJSON *old; /* array */
} convo_cache;

void fb__convo_clear(fb__convo *c)
{
    convo_cache *cache;

    if (!c)
        return;
    cache = c->json;
    if (cache) {
        cJSON_Delete(cache->obj);
        cJSON_Delete(cache->old);
        free(cache);
    }
    free(c->data);
    memset(c, 0, sizeof *c);
}

static void copy_field(char *dst, size_t len, const char *src)
{
    snprintf(dst, len, "%s", src ? src : "");
}

/* Fill out from row i of r (CONVO_COLUMNS). 0 ok, -1 with err. */
static int convo_from_row(const fb_rows *r, int i, fb__convo *out, char *err,
                          size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (fb__int64_text(fb__rows_get(r, i, 0), &out->key_chat) != 0 ||
        fb__int64_text(fb__rows_get(r, i, 1), &out->key_user) != 0 ||
        fb__int64_text(fb__rows_get(r, i, 6), &out->deadline) != 0) {
        fb__db_seterr(err, errlen, "bad conversation row");
        return -1;
    }
    copy_field(out->plugin, sizeof out->plugin, fb__rows_get(r, i, 2));
    copy_field(out->flow, sizeof out->flow, fb__rows_get(r, i, 3));
    copy_field(out->state, sizeof out->state, fb__rows_get(r, i, 4));
    out->data = strdup(fb__rows_get(r, i, 5) ? fb__rows_get(r, i, 5) : "{}");
    if (!out->data) {
        fb__db_seterr(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

static fb__db_stmt find_sql = FB__DB_STMT(
    "SELECT " CONVO_COLUMNS " FROM fb_conversations "
    "WHERE (key_chat, key_user) IN (($1::bigint, $2::bigint), "
    "($1::bigint, 0), (0, $2::bigint)) "
    "ORDER BY CASE WHEN key_chat = $1::bigint AND key_user = $2::bigint "
    "THEN 0 WHEN key_user = 0 THEN 1 ELSE 2 END LIMIT 1 FOR UPDATE",
    2);

/* See convo.h. */
void fb__convo_find_call(fb__db_call *c, int64_t chat, int64_t user)
{
    snprintf(c->nums[0], sizeof c->nums[0], "%" PRId64, chat);
    snprintf(c->nums[1], sizeof c->nums[1], "%" PRId64, user);
    c->st = &find_sql;
    c->params[0] = c->nums[0];
    c->params[1] = c->nums[1];
}

/* See convo.h. */
int fb__convo_found(const fb__db_call *c, fb__convo *out, char *err,
                    size_t errlen)
{
    fb_rows r = {0};

    memset(out, 0, sizeof *out);
    if (!c->res)
        return -1;
    r.res = c->res;
    if (fb__rows_count(&r) == 0)
        return 0;
    return convo_from_row(&r, 0, out, err, errlen) == 0 ? 1 : -1;
}

int fb__convo_find(PGconn *conn, int64_t chat, int64_t user, fb__convo *out,
                   char *err, size_t errlen)
{
    fb__db_call c = {0};
    int rc;

    fb__convo_find_call(&c, chat, user);
    fb__db_xcall(conn, &c, err, errlen);
    rc = fb__convo_found(&c, out, err, errlen);
    fb__db_calls_clear(&c, 1);
    return rc;
}

static fb__db_stmt save_sql = FB__DB_STMT(
    "INSERT INTO fb_conversations AS v (key_chat, key_user, plugin, flow, "
    "state, data, deadline, updated_at) VALUES ($1::bigint, $2::bigint, $3, "
    "$4, $5, $6::jsonb, to_timestamp($7::bigint), now()) "
    "ON CONFLICT (key_chat, key_user) DO UPDATE SET "
    "plugin = EXCLUDED.plugin, flow = EXCLUDED.flow, "
    "state = EXCLUDED.state, data = EXCLUDED.data, "
    "deadline = EXCLUDED.deadline, updated_at = now()",
    7);

int fb__convo_save(PGconn *conn, const fb__convo *c, char *err, size_t errlen)
{
    char cs[24], us[24], dl[24];
    const char *p[7] = {
        cs, us, c->plugin, c->flow, c->state, c->data ? c->data : "{}", dl};

    snprintf(cs, sizeof cs, "%" PRId64, c->key_chat);
    snprintf(us, sizeof us, "%" PRId64, c->key_user);
    snprintf(dl, sizeof dl, "%" PRId64, c->deadline);
    return fb__db_xexec(conn, &save_sql, p, err, errlen) < 0 ? -1 : 0;
}

static fb__db_stmt delete_sql =
    FB__DB_STMT("DELETE FROM fb_conversations WHERE key_chat = $1::bigint "
                "AND key_user = $2::bigint",
                2);

int fb__convo_delete(PGconn *conn, int64_t key_chat, int64_t key_user,
                     char *err, size_t errlen)
{
    char cs[24], us[24];
    const char *p[2] = {cs, us};

    snprintf(cs, sizeof cs, "%" PRId64, key_chat);
    snprintf(us, sizeof us, "%" PRId64, key_user);
    return fb__db_xchanged(conn, &delete_sql, p, err, errlen);
}

int fb__convo_take_expired(PGconn *conn, int max, fb__convo *out, int *n,
                           char *err, size_t errlen)
{
    char ms[16], now[24];
    const char *p[2] = {ms, now};
    fb_rows *r;
    int i, count, rc = 0;

    *n = 0;
    if (max <= 0 || !out) {
        fb__db_seterr(err, errlen, "bad arguments");
        return -1;
    }
    snprintf(ms, sizeof ms, "%d", max);
    snprintf(now, sizeof now, "%" PRId64, fb__now());
    r = fb__db_query(conn,
                     "SELECT " CONVO_COLUMNS " FROM fb_conversations "
                     "WHERE deadline <= to_timestamp($2::bigint) "
                     "ORDER BY deadline LIMIT $1::int FOR UPDATE SKIP LOCKED",
                     2, p, err, errlen);
    if (!r)
        return -1;
    count = fb__rows_count(r);
    for (i = 0; i < count && rc == 0; i++)
        rc = convo_from_row(r, i, &out[i], err, errlen);
    if (rc != 0) /* out[i - 1] is already zeroed by convo_from_row */
        for (int j = 0; j < i; j++)
            fb__convo_clear(&out[j]);
    else
        *n = count;
    fb__rows_free(r);
    return rc;
}

long long fb__convo_count(PGconn *conn, char *err, size_t errlen)
{
    fb_rows *r = fb__db_query(conn, "SELECT count(*) FROM fb_conversations", 0,
                              NULL, err, errlen);
    int64_t v = -1;

    if (r && fb__int64_text(fb__rows_get(r, 0, 0), &v) != 0)
        v = -1;
    fb__rows_free(r);
    return v;
}

/* The parsed data, parsing c->data on first use; NULL if the data is not a
 * JSON object (or out of memory). */
static convo_cache *convo_json(fb__convo *c)
{
    convo_cache *cache;
    cJSON *obj;

    if (c->json)
        return c->json;
    obj = cJSON_Parse(c->data ? c->data : "{}");
    if (!cJSON_IsObject(obj))
        goto fail;
    cache = calloc(1, sizeof *cache);
    if (!cache)
        goto fail;
    cache->old = cJSON_CreateArray();
    if (!cache->old) {
        free(cache);
        goto fail;
    }
    cache->obj = obj;
    c->json = cache;
    return cache;
fail:
    cJSON_Delete(obj);
    return NULL;
}

const char *fb__convo_data_get(fb__convo *c, const char *key)
{
    convo_cache *cache = c && key ? convo_json(c) : NULL;
    cJSON *item =
        cache ? cJSON_GetObjectItemCaseSensitive(cache->obj, key) : NULL;

    return (item && cJSON_IsString(item)) ? item->valuestring : NULL;
}

int fb__convo_data_set(fb__convo *c, const char *key, const char *value)
{
    convo_cache *cache = c && key ? convo_json(c) : NULL;
    cJSON *item = NULL, *old;
    char *text;

    if (!cache)
        return -1;
    if (value) {
        item = cJSON_CreateString(value);
        if (!item)
            return -1;
    }
    old = cJSON_DetachItemFromObjectCaseSensitive(cache->obj, key);
    if (old)
        cJSON_AddItemToArray(cache->old, old); /* keeps old strings alive */
    if (item && !cJSON_AddItemToObject(cache->obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    text = cJSON_PrintUnformatted(cache->obj);
    if (!text)
        return -1;
    free(c->data);
    c->data = text;
    return 0;
}
