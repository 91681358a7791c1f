/* See fbtc.h: scratch folders and files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fbtc.h"

void fbtc_mkdtemp(char *dir, size_t len, const char *template_)
{
    ck_assert_uint_lt(strlen(template_), len);
    snprintf(dir, len, "%s", template_);
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s: %s", template_,
                  strerror(errno));
}

int fbtc_rmtree(const char *path)
{
    char *cmd = NULL;
    int rc;

    if (asprintf(&cmd, "rm -rf '%s'", path) < 0)
        return -1;
    rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

void fbtc_write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");

    ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(chmod(path, mode), 0);
}

char *fbtc_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL, *grown;
    size_t cap = 0, n = 0, got;

    ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
    do {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            grown = realloc(buf, cap);
            ck_assert_ptr_nonnull(grown);
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = n;
    return buf;
}
