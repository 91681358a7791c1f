/* clock: the host's notion of now, with one test clock.
 *
 * fb__now() is the wall clock, plus an offset in seconds when a test clock
 * file is set ([fitbot] test_clock_file, for tests only): the file holds
 * one integer (may be negative; absent or empty means 0) and is read again
 * whenever its mtime changes (one stat per call). Conversation deadlines,
 * the scheduler's daily jobs, the sweeper and fb_now/fb_today all read it.
 * Thread-safe. */
#ifndef FITBOT_CLOCK_H
#define FITBOT_CLOCK_H

#include <stdint.h>

/* Use path as the test clock file (NULL: none, the real clock). The path
 * is copied. Returns 0, or -1 when out of memory. */
int fb__clock_set_file(const char *path);

/* Seconds since the epoch, the test clock's offset included. */
int64_t fb__now(void);

/* The current test clock offset in seconds (0 without a file). */
int64_t fb__clock_offset(void);

#endif
