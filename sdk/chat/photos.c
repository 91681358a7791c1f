/* fitbot-chat: the bot's photos, fetched, kept and shown. */
#include "photos.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "picture.h"

#define FETCH_TIMEOUT_MS 5000
#define NAME_MAX_LEN 128 /* of a kept photo's name, from its file_id */
#define PATH_LEN (sizeof((photos *)0)->dir + NAME_MAX_LEN + 16)
#define WHY_LEN (PATH_LEN + 256) /* a path and what went wrong with it */

/* One photo on its way to the screen. */
typedef struct shot {
    const char *file_id;
    unsigned char *data; /* its bytes */
    size_t len;
    char *drawing; /* open_memstream's text */
    size_t dlen;
    picture_info info;
} shot;

int photos_init(photos *p, ctl *c)
{
    const char *tmp = getenv("TMPDIR");

    p->ctl = c;
    snprintf(p->dir, sizeof p->dir, "%s/fitbot-chat-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(p->dir))
        return 0;
    p->dir[0] = '\0';
    return -1;
}

void photos_done(photos *p)
{
    if (p->dir[0])
        (void)rmdir(p->dir); /* fails, as meant, once a photo is in it */
}

/* The photo's bytes into s. Returns 0, or -1 with err saying why. */
static int fetch(photos *p, const cJSON *photo, shot *s, char *err,
                 size_t errlen)
{
    const char *url =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(photo, "url"));
    char path[512];

    s->file_id = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(photo, "file_id"));
    if (!s->file_id || !*s->file_id) {
        snprintf(err, errlen, "the message has no file_id");
        return -1;
    }
    if (!url || url[0] != '/') {
        snprintf(path, sizeof path, "/sandbox/files/%s", s->file_id);
        url = path;
    }
    return ctl_fetch(p->ctl, url, FETCH_TIMEOUT_MS, &s->data, &s->len, err,
                     errlen);
}

/* s's info and drawing (if any) from its bytes. Returns 0 or -1. */
static int describe(shot *s, char *err, size_t errlen)
{
    FILE *d = open_memstream(&s->drawing, &s->dlen);
    int rc;

    if (!d) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rc = picture_describe(s->data, s->len, d, &s->info, err, errlen);
    fclose(d);
    return rc;
}

/* Write the len bytes at data into the folder as name (other characters
 * than letters, digits, '.', '-' and '_' made '_'; a leading '.' too),
 * its path into path. Returns 0, or -1 with err saying why. */
static int write_as(const photos *p, const char *name, const void *data,
                    size_t len, char *path, size_t n, char *err,
                    size_t errlen)
{
    char safe[NAME_MAX_LEN];
    size_t i;
    FILE *f;
    int ok;

    if (!p->dir[0]) {
        snprintf(err, errlen, "no folder for files");
        return -1;
    }
    for (i = 0; name[i] && i + 1 < sizeof safe; i++)
        safe[i] = (isalnum((unsigned char)name[i]) || strchr("-_", name[i]) ||
                   (name[i] == '.' && i > 0))
                      ? name[i]
                      : '_';
    safe[i] = '\0';
    snprintf(path, n, "%s/%s", p->dir, safe);
    if (!(f = fopen(path, "wb")))
        goto fail;
    ok = fwrite(data, 1, len, f) == len;
    if (fclose(f) != 0 || !ok)
        goto fail;
    return 0;
fail:
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
}

/* Write s into the folder as <file_id>.<ext>. */
static int save(const photos *p, const shot *s, char *path, size_t n, char *err,
                size_t errlen)
{
    char name[NAME_MAX_LEN];

    snprintf(name, sizeof name, "%s.%s", s->file_id, s->info.ext);
    return write_as(p, name, s->data, s->len, path, n, err, errlen);
}

char *photos_show(void *ud, const cJSON *photo, FILE *out)
{
    photos *p = ud;
    shot s;
    char err[WHY_LEN], path[PATH_LEN];

    memset(&s, 0, sizeof s);
    if (fetch(p, photo, &s, err, sizeof err) != 0 ||
        describe(&s, err, sizeof err) != 0) {
        fprintf(out, "[photo (could not be fetched: %s)] ", err);
        free(s.data);
        free(s.drawing);
        return NULL;
    }
    if (save(p, &s, path, sizeof path, err, sizeof err) == 0)
        fprintf(out, "[photo %d×%d px, saved: %s] ", s.info.width,
                s.info.height, path);
    else
        fprintf(out, "[photo %d×%d px, not saved: %s] ", s.info.width,
                s.info.height, err);
    free(s.data);
    if (s.info.lines > 0)
        return s.drawing;
    free(s.drawing);
    return NULL;
}

void photos_file(void *ud, const cJSON *doc, FILE *out)
{
    photos *p = ud;
    const char *name = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(doc, "file_name"));
    shot s;
    char err[WHY_LEN], path[PATH_LEN];

    memset(&s, 0, sizeof s);
    if (fetch(p, doc, &s, err, sizeof err) != 0)
        fprintf(out, "[file %s (could not be fetched: %s)] ", name ? name : "",
                err);
    else if (write_as(p, name && *name ? name : s.file_id, s.data, s.len, path,
                      sizeof path, err, sizeof err) == 0)
        fprintf(out, "[file %s, %zu bytes, saved: %s] ", name ? name : "",
                s.len, path);
    else
        fprintf(out, "[file %s, %zu bytes, not saved: %s] ", name ? name : "",
                s.len, err);
    free(s.data);
}
