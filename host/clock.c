/* clock: the host's now and the test clock (see clock.h). */
#define _GNU_SOURCE
#include "clock.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static char *file;
static struct stat seen; /* the file when its offset was read last */
static int seen_exists;
static int64_t offset;

/* See clock.h. */
int fb__clock_set_file(const char *path)
{
    char *copy = path ? strdup(path) : NULL;
    if (path && !copy)
        return -1;
    pthread_mutex_lock(&mu);
    free(file);
    file = copy;
    seen_exists = 0;
    offset = 0;
    pthread_mutex_unlock(&mu);
    return 0;
}

/* The integer of the file; 0 when it is absent, empty or not a number. */
static int64_t read_offset(const char *path)
{
    char buf[64] = "", *end;
    FILE *f = fopen(path, "r");
    long long v;
    if (!f)
        return 0;
    if (!fgets(buf, sizeof buf, f))
        buf[0] = '\0';
    fclose(f);
    errno = 0;
    v = strtoll(buf, &end, 10);
    return errno || end == buf ? 0 : (int64_t)v;
}

/* With mu held: re-read the file when its mtime changed. */
static void refresh(void)
{
    struct stat st;
    if (stat(file, &st) != 0) {
        seen_exists = 0;
        offset = 0;
        return;
    }
    if (seen_exists && st.st_mtim.tv_sec == seen.st_mtim.tv_sec &&
        st.st_mtim.tv_nsec == seen.st_mtim.tv_nsec &&
        st.st_ino == seen.st_ino && st.st_size == seen.st_size)
        return;
    seen = st;
    seen_exists = 1;
    offset = read_offset(file);
}

/* See clock.h. */
int64_t fb__clock_offset(void)
{
    int64_t v;
    pthread_mutex_lock(&mu);
    if (file)
        refresh();
    v = file ? offset : 0;
    pthread_mutex_unlock(&mu);
    return v;
}

/* See clock.h. */
int64_t fb__now(void)
{
    return (int64_t)time(NULL) + fb__clock_offset();
}
