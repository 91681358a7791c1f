#include "sb_clock.h"

#include <errno.h>

static double g_scale = 1.0;

void fb__sb_clock_set_scale(double scale)
{
    g_scale = scale > 0 ? scale : 1.0;
}

double fb__sb_clock_scale(void)
{
    return g_scale;
}

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double fb__sb_clock_now(void)
{
    return mono_seconds() * g_scale;
}

double fb__sb_clock_real_ms(void)
{
    return mono_seconds() * 1000.0;
}

int64_t fb__sb_clock_unix(void)
{
    return (int64_t)time(NULL);
}

void fb__sb_clock_deadline(struct timespec *ts, double real_seconds)
{
    clock_gettime(CLOCK_REALTIME, ts);
    if (real_seconds < 0)
        real_seconds = 0;
    long long ns = (long long)(real_seconds * 1e9) + ts->tv_nsec;
    ts->tv_sec += (time_t)(ns / 1000000000LL);
    ts->tv_nsec = (long)(ns % 1000000000LL);
}

void fb__sb_clock_sleep_ms(double ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {(time_t)(ms / 1000.0),
                          (long)((long long)(ms * 1e6) % 1000000000LL)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}
