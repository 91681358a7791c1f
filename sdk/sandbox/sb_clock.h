/* Sandbox clock: a monotonic clock that can run faster than real time
 * (--time-scale), so flood limits and callback deadlines can be exercised
 * quickly in tests. Long polls and waits use real time divided by the scale. */
#ifndef FB_SB_CLOCK_H
#define FB_SB_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Sets the time scale (> 0; 1 = real time). Call before serving. */
void fb__sb_clock_set_scale(double scale);

/* Returns the time scale. */
double fb__sb_clock_scale(void);

/* Returns sandbox seconds since an arbitrary start (real monotonic seconds
 * multiplied by the scale). */
double fb__sb_clock_now(void);

/* Returns real monotonic milliseconds since an arbitrary start. */
double fb__sb_clock_real_ms(void);

/* Returns Unix time in seconds (real, unscaled): message dates. */
int64_t fb__sb_clock_unix(void);

/* Fills *ts with CLOCK_REALTIME now + sandbox_seconds / scale, the absolute
 * deadline for pthread_cond_timedwait (the condition uses CLOCK_REALTIME). */
void fb__sb_clock_deadline(struct timespec *ts, double real_seconds);

/* Sleeps for ms real milliseconds. */
void fb__sb_clock_sleep_ms(double ms);

#endif
