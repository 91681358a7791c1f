/* The test clock: a file in the environment's folder holding the offset in
 * seconds the host adds to real time ([fitbot] test_clock_file). The host
 * reads it again when its mtime changes, so every write gets a new,
 * strictly later mtime, even twice in one second. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kit.h"

/* Write the offset to a temporary file, rename it over the clock file (the
 * host never reads half a number), then stamp it later than the last
 * write. */
static int write_clock(fbt_env *e, int64_t offset)
{
    char tmp[KIT_PATH + 8];
    struct timespec now, ts[2];
    FILE *f;

    snprintf(tmp, sizeof tmp, "%s.tmp", e->clock_path);
    f = fopen(tmp, "w");
    if (!f)
        return fb__kit_fail(e, "cannot write %s: %s", tmp, strerror(errno));
    fprintf(f, "%" PRId64 "\n", offset);
    if (fclose(f) != 0 || rename(tmp, e->clock_path) != 0)
        return fb__kit_fail(e, "cannot write %s: %s", e->clock_path,
                            strerror(errno));
    clock_gettime(CLOCK_REALTIME, &now);
    if (now.tv_sec < e->clock_mtime.tv_sec ||
        (now.tv_sec == e->clock_mtime.tv_sec &&
         now.tv_nsec <= e->clock_mtime.tv_nsec)) {
        now = e->clock_mtime;
        if (++now.tv_nsec == 1000000000L) {
            now.tv_sec++;
            now.tv_nsec = 0;
        }
    }
    ts[0] = ts[1] = now;
    if (utimensat(AT_FDCWD, e->clock_path, ts, 0) != 0)
        return fb__kit_fail(e, "utimensat %s: %s", e->clock_path,
                            strerror(errno));
    e->clock_mtime = now;
    e->clock_offset = offset;
    return 0;
}

/* Internal: see kit.h. */
int fb__kit_clock_init(fbt_env *e, int64_t start)
{
    snprintf(e->clock_path, sizeof e->clock_path, "%s/clock", e->dir);
    return write_clock(e, start ? start - (int64_t)time(NULL) : 0);
}

/* See fbtest.h. */
int fbt_clock_set(fbt_env *e, int64_t epoch_seconds)
{
    return write_clock(e, epoch_seconds - (int64_t)time(NULL));
}

/* See fbtest.h. */
int fbt_clock_advance(fbt_env *e, int64_t seconds)
{
    return write_clock(e, e->clock_offset + seconds);
}

/* See fbtest.h. */
int64_t fbt_clock_now(const fbt_env *e)
{
    return (int64_t)time(NULL) + e->clock_offset;
}

/* See fbtest.h. */
const char *fbt_clock_path(const fbt_env *e)
{
    return e->clock_path;
}
