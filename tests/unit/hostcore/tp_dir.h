/* A throw-away plugin folder holding links to some of the broken test
 * plugins, for the loader and router tests. */
#ifndef TP_DIR_H
#define TP_DIR_H

#define _GNU_SOURCE
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fbtc.h"
#include "loader.h"

/* mkdtemp a folder and link the NULL-terminated list of plugin names
 * (without .so) into it. Returns a malloc'd path. */
static char *tp_dir(const char *first, ...)
{
    static const char template_[] = "/tmp/fitbot-tp.XXXXXX";
    char *dir = malloc(sizeof template_);
    va_list ap;
    ck_assert_ptr_nonnull(dir);
    fbtc_mkdtemp(dir, sizeof template_, template_);
    va_start(ap, first);
    for (const char *n = first; n; n = va_arg(ap, const char *)) {
        char src[4096], dst[4096];
        snprintf(src, sizeof src, "%s/%s.so", TP_BROKEN_DIR, n);
        snprintf(dst, sizeof dst, "%s/%s.so", dir, n);
        ck_assert_msg(access(src, R_OK) == 0, "missing %s", src);
        ck_assert_int_eq(symlink(src, dst), 0);
    }
    va_end(ap);
    return dir;
}

static void tp_rmdir(char *dir)
{
    ck_assert_int_eq(fbtc_rmtree(dir), 0);
    free(dir);
}

static fb__plugins *tp_load(const char *dir, const char *const *disable,
                            size_t ndisable, int strict, char *err,
                            size_t errlen)
{
    fb__loader_opts o = {
        .dir = dir, .disable = disable, .ndisable = ndisable, .strict = strict};
    fb__plugins *p = NULL;
    err[0] = '\0';
    if (fb__loader_load(&o, &p, err, errlen))
        return NULL;
    return p;
}

static const fb__unloaded *tp_off(const fb__plugins *p, const char *name)
{
    for (size_t i = 0; i < p->noff; i++)
        if (strcmp(p->off[i].name, name) == 0)
            return &p->off[i];
    return NULL;
}

#endif
