/* The getUpdates answer body through the host's Bot API client (see
 * props.h): the body is served by libcurl from a file:// API URL, so the
 * client's own path (body collector, answer parser, array check) reads it. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "props.h"
#include "telegram.h"

static char api_dir[64];    /* file:// API root */
static char body_path[256]; /* where getUpdates reads its answer */
static fb__tg *client;

static void remove_dir(void)
{
    char bot[128];

    unlink(body_path);
    snprintf(bot, sizeof bot, "%s/bot%s", api_dir, HOSTFUZZ_TOKEN);
    rmdir(bot);
    rmdir(api_dir);
}

/* The client on file://API_DIR, once. */
static fb__tg *tg_client(void)
{
    char url[128], bot[128];

    if (client)
        return client;
    hostfuzz_init();
    /* in memory when it can be: the body file is rewritten per input */
    snprintf(api_dir, sizeof api_dir, "%s/hostfuzz-api-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(api_dir))
        abort();
    snprintf(bot, sizeof bot, "%s/bot%s", api_dir, HOSTFUZZ_TOKEN);
    snprintf(body_path, sizeof body_path, "%s/getUpdates", bot);
    snprintf(url, sizeof url, "file://%s", api_dir);
    if (mkdir(bot, 0700) != 0 || !(client = fb__tg_new(url, HOSTFUZZ_TOKEN)))
        abort();
    atexit(remove_dir);
    return client;
}

/* a and b print the same (cJSON_Compare says inf differs from inf). */
static int same_json(const cJSON *a, const cJSON *b)
{
    char *x = cJSON_PrintUnformatted(a), *y = cJSON_PrintUnformatted(b);
    int same = x && y && strcmp(x, y) == 0;

    free(x);
    free(y);
    return same;
}

/* What the answer must be, from the body read on its own. */
static const char *answer_problem(const cJSON *root, int rc, const cJSON *got,
                                  const fb__tg_error *err)
{
    const cJSON *ok = cJSON_GetObjectItemCaseSensitive(root, "ok");
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "result");

    if (strstr(err->description, HOSTFUZZ_TOKEN))
        return "the token is in the error description";
    if (err->retry_after < 0 || err->retry_after >= 86400)
        return "retry_after outside 0..86399";
    if (rc != FB__TG_OK && got != NULL)
        return "a failed call returns updates";
    if (cJSON_IsTrue(ok) && cJSON_IsArray(res))
        return rc == FB__TG_OK && same_json(got, res)
                   ? NULL
                   : "the result array does not come back as it is";
    if (cJSON_IsFalse(ok))
        return rc == FB__TG_ERR && !err->network
                   ? NULL
                   : "ok:false is not a Telegram error";
    return rc == FB__TG_NETWORK && err->network
               ? NULL
               : "an answer without ok:true and an array is not a network "
                 "error";
}

/* See props.h. */
int hostfuzz_getupdates(const uint8_t *data, size_t size)
{
    fb__tg *tg = tg_client();
    cJSON *root = fb__json_parse_exact((const char *)data, size), *got, *it;
    fb__tg_error err;
    const char *p;
    FILE *f = fopen(body_path, "wb");
    int rc;

    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    rc = fb__tg_get_updates(tg, 1, 0, NULL, &got, &err);
    p = answer_problem(root, rc, got, &err);
    for (it = p || !got ? NULL : got->child; it && !p; it = it->next)
        p = hostfuzz_update_problem(it, "FitBot");
    cJSON_Delete(got);
    cJSON_Delete(root);
    return p ? hostfuzz_fail(p, data, size) : 0;
}
