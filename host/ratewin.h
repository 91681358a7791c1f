/* host/ratewin: Telegram's sending limits as sliding windows (promise 11).
 *
 * Two shapes, both judged on event times (the outbox uses the time each
 * request's answer arrived, the latest moment Telegram can have counted
 * it, and counts requests still in flight as present):
 *
 * - fb__window: at most limit events in ANY window of span seconds (the
 *   global 30/s, a group's 20/min). It keeps the last limit times.
 * - fb__pace: a burst of at most burst events, then one per period: for
 *   every k >= burst, the k-th event before this one happened at least
 *   (k - burst + 1) * period earlier (one chat's "3, then 1/s"). This is
 *   the GCRA form of that rule and needs one time of state.
 *
 * Not thread-safe: the outbox calls them under its lock. */
#ifndef FITBOT_HOST_RATEWIN_H
#define FITBOT_HOST_RATEWIN_H

typedef struct fb__window {
    double *t; /* ring of the last limit event times, ascending */
    int limit, n, head;
    double span;
} fb__window;

/* A window whose limit is above this is off (never waits): no sender
 * reaches it, and memory stays small (the test kit's "fast pacing" asks
 * 100000/s). */
#define FB__WINDOW_MAX 4096

/* limit >= 1 events per span > 0 seconds. Returns 0, or -1 (bad argument,
 * allocation failure: w is then empty and unusable). */
int fb__window_init(fb__window *w, int limit, double span);
/* NULL-safe; w may be re-initialised afterwards. */
void fb__window_free(fb__window *w);
/* Seconds from now until one more event may happen when pending more are
 * already on their way (counted as happening now or later); 0 when it may
 * happen now. pending >= limit: span (wait for an answer). */
double fb__window_wait(const fb__window *w, double now, int pending);
/* Record an event at t (times may come slightly out of order). */
void fb__window_add(fb__window *w, double t);
/* Events in (now - span, now]. */
int fb__window_count(const fb__window *w, double now);
/* Add every time from keeps to to (a limit changed by a reload: a window
 * of the new limit starts from what the old one saw). While from held its
 * limit, it keeps every event of its last span, so to, of any limit and a
 * span no longer than from's, judges the next event as if it had counted
 * from the start. A window that was off (above FB__WINDOW_MAX) kept
 * nothing and gives nothing. */
void fb__window_copy(const fb__window *from, fb__window *to);

typedef struct fb__pace {
    double tat; /* theoretical arrival time of the next event; 0: none */
    int burst;
    double period;
} fb__pace;

/* burst >= 1 events at once, then one per period > 0 seconds. */
void fb__pace_init(fb__pace *p, int burst, double period);
/* Seconds from now until the next event may happen; 0: now. */
double fb__pace_wait(const fb__pace *p, double now);
/* Record an event at t. */
void fb__pace_add(fb__pace *p, double t);
/* Change the rule to burst, then one per period, at now (a reload). The
 * events still owed (the backlog, rounded up) are taken as if they had all
 * happened at now under the new period: never earlier than the new rule
 * asks of them, as they really happened at or before now; and the next
 * event is at least one new period after the last one. */
void fb__pace_retune(fb__pace *p, int burst, double period, double now);
/* 1 when an event at now leaves the pace as new (idle long enough that
 * forgetting it changes nothing). */
int fb__pace_idle(const fb__pace *p, double now);

#endif
