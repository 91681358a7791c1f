/* Properties of the ABI 1.2 escaping (fb_esc, fb_strf's "%s" and "%-s",
 * fb_jsonf's "%s") on arbitrary strings, through a context that gives only
 * memory (the one host service these functions use). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fitbot/sdk.h"
#include "minictx.h"
#include "props.h"

static int fail(const char *what, const char *s)
{
    fprintf(stderr, "property broken: %s on input \"%s\"\n", what, s);
    return 1;
}

/* Undo the four entities into out; -1 if an '&' starts none of them. */
static int html_unescape(const char *e, char *out)
{
    static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;"};
    static const char ch[] = "&<>\"";
    size_t i;

    while (*e) {
        if (*e != '&') {
            *out++ = *e++;
            continue;
        }
        for (i = 0; i < 4 && strncmp(e, ent[i], strlen(ent[i])); i++)
            ;
        if (i == 4)
            return -1;
        *out++ = ch[i];
        e += strlen(ent[i]);
    }
    *out = '\0';
    return 0;
}

static int check_html(fb_ctx *c, const char *s)
{
    const char *e = fb_esc(c, s), *f = fb_strf(c, "%s", s);
    const char *raw = fb_strf(c, "[%-s]", s);
    char *back = calloc(1, strlen(s) + 1);
    int rc = 0;

    if (!e || !f || !raw || !back)
        rc = fail("fb_esc / fb_strf succeed", s);
    else if (strpbrk(e, "<>\""))
        rc = fail("no raw < > \" after fb_esc", s);
    else if (html_unescape(e, back) != 0 || strcmp(back, s) != 0)
        rc = fail("fb_esc unescapes to the input", s);
    else if (strcmp(e, f) != 0)
        rc = fail("fb_strf \"%s\" is fb_esc", s);
    else if (strncmp(raw + 1, s, strlen(s)) != 0 ||
             strcmp(raw + 1 + strlen(s), "]"))
        rc = fail("fb_strf \"%-s\" inserts as it is", s);
    free(back);
    return rc;
}

static int check_json(fb_ctx *c, const char *s)
{
    const char *j = fb_jsonf(c, "[\"%s\"]", s);
    cJSON *root = j ? cJSON_Parse(j) : NULL;
    const cJSON *item = cJSON_GetArrayItem(root, 0);
    int rc = 0;

    if (!j)
        rc = fail("fb_jsonf succeeds", s);
    else if (!cJSON_IsString(item) || cJSON_GetArraySize(root) != 1)
        rc = fail("fb_jsonf gives one JSON string", s);
    else if (strcmp(item->valuestring, s) != 0)
        rc = fail("fb_jsonf string parses back to the input", s);
    for (const char *p = j; rc == 0 && p && *p; p++)
        if ((unsigned char)*p < 0x20)
            rc = fail("no raw control character after fb_jsonf", s);
    cJSON_Delete(root);
    return rc;
}

/* See props.h. */
int sdk_fmt_props_check(const char *s)
{
    fb_ctx c;
    int rc;

    minictx_open(&c);
    rc = check_html(&c, s) || check_json(&c, s);
    if (rc == 0 && c.failed)
        rc = fail("no failure marked", s);
    minictx_close(&c);
    return rc;
}
