/* The user side: users, messages, button presses, and what the bot says. */
#include <inttypes.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"

/* ---- patterns ---------------------------------------------------------------
 */

/* See fbtest.h. */
int fbt_match(const char *pattern, const char *text)
{
    size_t n = strlen(pattern);
    regex_t re;
    char *body;
    int rc;

    if (n < 2 || pattern[0] != '/' || pattern[n - 1] != '/')
        return strstr(text, pattern) != NULL;
    body = strndup(pattern + 1, n - 2);
    if (!body || regcomp(&re, body, REG_EXTENDED | REG_NOSUB) != 0) {
        free(body);
        return -1;
    }
    rc = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    free(body);
    return rc;
}

/* ---- users and what they do -------------------------------------------------
 */

/* See fbtest.h. */
int fbt_user(fbt_env *e, int64_t id, const char *first_name, const char *role)
{
    return fbt_user_phone(e, id, first_name, role, NULL);
}

/* POST body (taken) to the sandbox's path when ok (the body was built),
 * its answer dropped; else "out of memory". 0, or -1 with the error. */
static int post_built(fbt_env *e, const char *path, cJSON *body, int ok)
{
    cJSON *r = NULL;

    if (body && ok)
        r = fb__kit_call(e, "POST", path, body);
    else
        fb__kit_fail(e, "out of memory");
    cJSON_Delete(body);
    cJSON_Delete(r);
    return r ? 0 : -1;
}

/* See fbtest.h. */
int fbt_user_phone(fbt_env *e, int64_t id, const char *first_name,
                   const char *role, const char *phone)
{
    cJSON *body = cJSON_CreateObject();
    int ok = body && fb__kit_add_id(body, "id", id) == 0 &&
             cJSON_AddStringToObject(body, "first_name",
                                     first_name ? first_name : "User") &&
             (!phone || cJSON_AddStringToObject(body, "phone_number", phone));

    if (post_built(e, "/sandbox/users", body, ok) != 0)
        return -1;
    return role ? fbt_set_role(e, id, role) : 0;
}

/* See fbtest.h. */
int fbt_group(fbt_env *e, int64_t chat_id, const char *title,
              const int64_t *members, int nmembers)
{
    cJSON *body = cJSON_CreateObject(), *arr;
    char num[24];
    int i, ok;

    arr = cJSON_AddArrayToObject(body, "members");
    ok = arr && fb__kit_add_id(body, "id", chat_id) == 0 &&
         cJSON_AddStringToObject(body, "type", "group") &&
         cJSON_AddStringToObject(body, "title", title ? title : "Group");
    for (i = 0; ok && i < nmembers; i++) {
        snprintf(num, sizeof num, "%" PRId64, members[i]);
        ok = cJSON_AddItemToArray(arr, cJSON_CreateRaw(num));
    }
    return post_built(e, "/sandbox/chats", body, ok);
}

/* POST a /sandbox/send body from user (in chat, 0: private). Takes body. */
static int send_body(fbt_env *e, int64_t user, int64_t chat, cJSON *body)
{
    cJSON *r = NULL;
    const cJSON *u;

    if (body && fb__kit_add_id(body, "user_id", user) == 0 &&
        (chat == 0 || fb__kit_add_id(body, "chat_id", chat) == 0))
        r = fb__kit_call(e, "POST", "/sandbox/send", body);
    else
        fb__kit_fail(e, "out of memory");
    cJSON_Delete(body);
    u = cJSON_GetObjectItem(r, "update_id");
    if (cJSON_IsNumber(u))
        e->last_update_id = (int64_t)u->valuedouble;
    cJSON_Delete(r);
    return r ? 0 : -1;
}

/* See fbtest.h. */
int fbt_say_in(fbt_env *e, int64_t user, int64_t chat, const char *text)
{
    cJSON *body = cJSON_CreateObject();

    if (body && !cJSON_AddStringToObject(body, "text", text)) {
        cJSON_Delete(body);
        body = NULL;
    }
    return send_body(e, user, chat, body);
}

/* See fbtest.h. */
/* See fbtest.h. */
int fbt_stars(fbt_env *e, double stars)
{
    cJSON *body = cJSON_CreateObject();

    return post_built(e, "/sandbox/stars", body,
                      body && cJSON_AddNumberToObject(body, "stars", stars));
}

int fbt_say(fbt_env *e, int64_t user, const char *text)
{
    return fbt_say_in(e, user, 0, text);
}

/* See fbtest.h. */
int fbt_send_contact(fbt_env *e, int64_t user, const char *phone)
{
    return fbt_send_contact_of(e, user, phone, user);
}

/* See fbtest.h. */
int fbt_send_contact_of(fbt_env *e, int64_t user, const char *phone,
                        int64_t owner)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *c = cJSON_AddObjectToObject(body, "contact");

    if (!c || !cJSON_AddStringToObject(c, "phone_number", phone) ||
        fb__kit_add_id(c, "user_id", owner) != 0) {
        cJSON_Delete(body);
        body = NULL;
    }
    return send_body(e, user, 0, body);
}

/* base64 of bytes (malloc'd). */
static char *base64(const unsigned char *p, size_t n)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = malloc((n + 2) / 3 * 4 + 1), *o = out;
    size_t i;

    for (i = 0; out && i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        *o++ = tab[v >> 18 & 63];
        *o++ = tab[v >> 12 & 63];
        *o++ = (char)(i + 1 < n ? tab[v >> 6 & 63] : '=');
        *o++ = (char)(i + 2 < n ? tab[v & 63] : '=');
    }
    if (out)
        *o = '\0';
    return out;
}

/* Send a photo or document ("photo" / "document" member). */
static int send_file(fbt_env *e, int64_t user, const char *kind,
                     const char *name, const void *bytes, size_t len,
                     const char *caption)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *f = cJSON_AddObjectToObject(body, kind);
    char *b64 = base64(bytes, len);
    int ok = f && b64 && cJSON_AddStringToObject(f, "file_name", name) &&
             cJSON_AddStringToObject(f, "base64", b64) &&
             (!caption || cJSON_AddStringToObject(body, "caption", caption));

    free(b64);
    if (!ok) {
        cJSON_Delete(body);
        body = NULL;
    }
    return send_body(e, user, 0, body);
}

/* See fbtest.h. */
int fbt_send_photo(fbt_env *e, int64_t user, const char *file_name,
                   const void *bytes, size_t len, const char *caption)
{
    return send_file(e, user, "photo", file_name, bytes, len, caption);
}

/* See fbtest.h. */
int fbt_send_document(fbt_env *e, int64_t user, const char *file_name,
                      const void *bytes, size_t len, const char *caption)
{
    return send_file(e, user, "document", file_name, bytes, len, caption);
}

/* Remember the user's last callback query id. */
static int remember_press(fbt_env *e, int64_t user, const char *cbid)
{
    size_t i;

    for (i = 0; i < e->npresses && e->presses[i].user != user; i++)
        ;
    if (i == e->npresses && fb__kit_grow((void **)&e->presses, &e->cappresses,
                                         i + 1, sizeof *e->presses) != 0)
        return fb__kit_fail(e, "out of memory");
    if (i == e->npresses)
        e->npresses++;
    e->presses[i].user = user;
    snprintf(e->presses[i].cbid, sizeof e->presses[i].cbid, "%s", cbid);
    return 0;
}

static int press(fbt_env *e, int64_t user, int64_t chat, const char *key,
                 const char *value, int forge)
{
    cJSON *body = cJSON_CreateObject(), *r = NULL;
    const cJSON *id, *u;
    int rc = -1;

    if (body && fb__kit_add_id(body, "user_id", user) == 0 &&
        (chat == 0 || fb__kit_add_id(body, "chat_id", chat) == 0) &&
        cJSON_AddStringToObject(body, key, value) &&
        (!forge || cJSON_AddTrueToObject(body, "forge")))
        r = fb__kit_call(e, "POST", "/sandbox/press", body);
    cJSON_Delete(body);
    id = cJSON_GetObjectItem(r, "callback_query_id");
    u = cJSON_GetObjectItem(r, "update_id");
    if (cJSON_IsNumber(u))
        e->last_update_id = (int64_t)u->valuedouble;
    if (cJSON_IsString(id))
        rc = remember_press(e, user, id->valuestring);
    else if (r && cJSON_IsNumber(u))
        rc = 0; /* a reply-keyboard button: the user sent a message */
    else if (r)
        fb__kit_fail(e, "press: no callback_query_id in the answer");
    cJSON_Delete(r);
    return rc;
}

/* See fbtest.h. */
int fbt_press(fbt_env *e, int64_t user, int64_t chat, const char *text)
{
    return press(e, user, chat, "text", text, 0);
}

/* See fbtest.h. */
int fbt_press_data(fbt_env *e, int64_t user, int64_t chat, const char *data)
{
    return press(e, user, chat, "data", data, 0);
}

/* See fbtest.h. */
int fbt_forge(fbt_env *e, int64_t user, int64_t chat, const char *data)
{
    return press(e, user, chat, "data", data, 1);
}

/* See fbtest.h. */
int64_t fbt_last_update_id(const fbt_env *e)
{
    return e->last_update_id ? e->last_update_id : -1;
}

/* See fbtest.h. */
int fbt_answer(fbt_env *e, int64_t user, char *buf, size_t len, int timeout_ms)
{
    int64_t deadline = fb__kit_now_ms() + timeout_ms;
    char path[128];
    size_t i;

    for (i = 0; i < e->npresses && e->presses[i].user != user; i++)
        ;
    if (i == e->npresses)
        return fb__kit_fail(e, "user %" PRId64 " pressed nothing", user);
    snprintf(path, sizeof path, "/sandbox/callbacks/%s", e->presses[i].cbid);
    for (;;) {
        cJSON *r = fb__kit_call(e, "GET", path, NULL);
        if (!r)
            return -1;
        if (cJSON_IsTrue(cJSON_GetObjectItem(r, "answered"))) {
            const cJSON *t = cJSON_GetObjectItem(r, "text");
            snprintf(buf, len, "%s", cJSON_IsString(t) ? t->valuestring : "");
            cJSON_Delete(r);
            return 0;
        }
        cJSON_Delete(r);
        if (fb__kit_now_ms() >= deadline)
            return fb__kit_fail(e,
                                "callback query %s not answered within "
                                "%d ms",
                                e->presses[i].cbid, timeout_ms);
        fb__kit_sleep_ms(20);
    }
}

/* See fbtest.h. */
int fbt_block(fbt_env *e, int64_t user, int blocked)
{
    cJSON *body = cJSON_CreateObject();

    return post_built(e, "/sandbox/block", body,
                      body && fb__kit_add_id(body, "chat_id", user) == 0 &&
                          cJSON_AddBoolToObject(body, "blocked", blocked != 0));
}
