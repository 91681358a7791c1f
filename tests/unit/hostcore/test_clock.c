/* host/clock: the test clock file's offset (absent, empty, negative) is
 * added to real time and read again when the file changes. */
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "fbtc.h"

/* fb__now() - time(NULL), within a second of want. */
static void shift_is(int64_t want)
{
    int64_t d = fb__now() - (int64_t)time(NULL);
    ck_assert_msg(d >= want - 1 && d <= want + 1, "shift %lld, want %lld",
                  (long long)d, (long long)want);
}

START_TEST(offset_file)
{
    char dir[256], path[300];
    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fbclock-XXXXXX");
    snprintf(path, sizeof path, "%s/clock", dir);
    shift_is(0); /* no file configured: the real clock */
    ck_assert_int_eq(fb__clock_set_file(path), 0);
    shift_is(0); /* absent */
    fbtc_write_file(path, "", 0600);
    shift_is(0); /* empty */
    fbtc_write_file(path, "86400\n", 0600);
    shift_is(86400);
    fbtc_write_file(path, "-7200", 0600); /* changed: read again */
    shift_is(-7200);
    ck_assert_int_eq(fb__clock_offset(), -7200);
    unlink(path);
    shift_is(0);
    ck_assert_int_eq(fb__clock_set_file(NULL), 0);
    rmdir(dir);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "hostcore_clock", .tcase = "clock"};
    return FBTC_RUN(&def, offset_file);
}
