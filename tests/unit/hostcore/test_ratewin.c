/* host/ratewin: the sliding-window limits of the outbox (promise 11).
 * Events are taken greedily as soon as the window allows, at random
 * moments and with requests in flight; then every possible window of the
 * recorded times is checked by brute force. */
#include <check.h>
#include <stdlib.h>

#include "fbtc.h"
#include "ratewin.h"

/* The most events of t[0..n) in any window (x - span, x] that ends at an
 * event from index from on: what a limit changed before t[from] allows. */
static int max_in_window_ending_from(const double *t, int n, int from,
                                     double span)
{
    int best = 0;
    for (int j = from, i = 0; j < n; j++) {
        while (t[i] <= t[j] - (span - 1e-9))
            i++;
        if (j - i + 1 > best)
            best = j - i + 1;
    }
    return best;
}

/* The most events of t[0..n) (ascending) in any half-open window
 * (x - span, x] — it suffices to end windows at events. A nanosecond
 * is taken off the span: times that met the limit exactly were computed
 * in floating point, and sub-nanosecond ties mean nothing to Telegram. */
static int max_in_any_window(const double *t, int n, double span)
{
    return max_in_window_ending_from(t, n, 0, span);
}

/* Greedy events on p from *now until n reaches upto (times into t). */
static void pace_greedy(fb__pace *p, double *t, int *n, int upto, double *now)
{
    while (*n < upto) {
        double wait = fb__pace_wait(p, *now);
        if (wait > 0) {
            *now += wait;
            continue;
        }
        fb__pace_add(p, *now);
        t[(*n)++] = *now;
    }
}

START_TEST(greedy_sender_never_exceeds_the_window)
{
    fb__window w;
    double t[2000], now = 0;
    int n = 0;

    ck_assert_int_eq(fb__window_init(&w, 30, 1.0), 0);
    srand(7);
    while (n < 2000) {
        double wait = fb__window_wait(&w, now, 0);
        if (wait > 0) {
            now += wait;
            continue;
        }
        fb__window_add(&w, now);
        t[n++] = now;
        now += (rand() % 3) * 0.001; /* bursts and small gaps */
    }
    ck_assert_int_eq(max_in_any_window(t, n, 1.0), 30);
    /* 2000 events at 30 per second take at least 66 s */
    ck_assert(t[n - 1] >= 66.0);
    fb__window_free(&w);
}
END_TEST

/* The old token bucket (30 at start, refilled at 30/s) lets 59 through in
 * the first second: the window counts what the bucket forgot. */
START_TEST(window_is_stricter_than_a_full_start_bucket)
{
    fb__window w;
    int n = 0;
    double now;

    ck_assert_int_eq(fb__window_init(&w, 30, 1.0), 0);
    for (now = 0; now < 0.999; now += 0.01)
        if (fb__window_wait(&w, now, 0) == 0) {
            fb__window_add(&w, now);
            n++;
        }
    ck_assert_int_eq(n, 30);
    ck_assert_int_eq(fb__window_count(&w, 0.5), 30);
    ck_assert_double_eq_tol(fb__window_wait(&w, 0.5, 0), 0.5, 1e-9);
    fb__window_free(&w);
}
END_TEST

/* Requests in flight count as present: with 10 pending, only 20 more. */
START_TEST(pending_requests_count)
{
    fb__window w;
    int n = 0;

    ck_assert_int_eq(fb__window_init(&w, 30, 1.0), 0);
    while (fb__window_wait(&w, 0, 10) == 0 && n < 100) {
        fb__window_add(&w, 0);
        n++;
    }
    ck_assert_int_eq(n, 20);
    ck_assert_double_eq(fb__window_wait(&w, 0, 30), 1.0);
    fb__window_free(&w);
}
END_TEST

/* Times recorded out of order keep the window right. */
START_TEST(out_of_order_adds)
{
    fb__window w;

    ck_assert_int_eq(fb__window_init(&w, 3, 1.0), 0);
    fb__window_add(&w, 0.5);
    fb__window_add(&w, 0.2);
    fb__window_add(&w, 0.9);
    ck_assert_double_eq_tol(fb__window_wait(&w, 1.0, 0), 0.2, 1e-9);
    fb__window_add(&w, 1.25); /* drops 0.2 */
    ck_assert_double_eq_tol(fb__window_wait(&w, 1.3, 0), 0.2, 1e-9);
    ck_assert_int_eq(fb__window_count(&w, 1.3), 3);
    fb__window_free(&w);
    ck_assert_int_eq(fb__window_init(&w, 0, 1.0), -1);
}
END_TEST

/* One chat: 3 at once, then one per second — and never 4 in a second,
 * nor 5 in two, by any measure. */
START_TEST(pace_burst_then_rate)
{
    fb__pace p;
    double t[200], now = 0;
    int n = 0;

    fb__pace_init(&p, 3, 1.0);
    pace_greedy(&p, t, &n, 100, &now);
    now += 10; /* idle: the burst comes back */
    pace_greedy(&p, t, &n, 200, &now);
    ck_assert_double_eq(t[2], 0);
    ck_assert_double_eq_tol(t[3], 1.0, 1e-9);
    ck_assert_int_eq(max_in_any_window(t, n, 1.0), 3);
    ck_assert_int_eq(max_in_any_window(t, n, 2.0), 4);
    ck_assert_int_eq(max_in_any_window(t, n, 10.0), 12);
    ck_assert(!fb__pace_idle(&p, now + 1.0));
    ck_assert(fb__pace_idle(&p, now + 3.0));
}
END_TEST

/* Greedy events on w from *now until n reaches upto (times into t). */
static void greedy(fb__window *w, double *t, int *n, int upto, double *now)
{
    while (*n < upto) {
        double wait = fb__window_wait(w, *now, 0);
        if (wait > 0) {
            *now += wait;
            continue;
        }
        fb__window_add(w, *now);
        t[(*n)++] = *now;
        *now += 0.001;
    }
}

/* A reload lowers 30/s to 10/s mid-window: every window that ends after
 * the change holds at most 10, counting the events before it; raised
 * again to 30/s, never more than 30. */
START_TEST(window_copy_keeps_a_changed_limit)
{
    fb__window a, b, c;
    double t[400], now = 0;
    int n = 0, low, high;

    ck_assert_int_eq(fb__window_init(&a, 30, 1.0), 0);
    greedy(&a, t, &n, 95, &now); /* mid-window after 3 full ones */
    ck_assert_int_eq(fb__window_init(&b, 10, 1.0), 0);
    fb__window_copy(&a, &b);
    ck_assert_int_eq(fb__window_count(&b, now), 10);
    low = n;
    greedy(&b, t, &n, 150, &now);
    ck_assert_int_eq(max_in_window_ending_from(t, n, low, 1.0), 10);
    ck_assert_int_eq(fb__window_init(&c, 30, 1.0), 0);
    fb__window_copy(&b, &c);
    high = n;
    greedy(&c, t, &n, 400, &now);
    ck_assert_int_eq(max_in_window_ending_from(t, n, high, 1.0), 30);
    ck_assert_int_eq(max_in_any_window(t, n, 1.0), 30);
    fb__window_free(&a);
    fb__window_free(&b);
    fb__window_free(&c);
}
END_TEST

/* One chat's 3-then-1/s changed to 1-then-every-2 s right after a burst:
 * the next event waits two seconds after the last, and so on. */
START_TEST(pace_retune_slows_at_once)
{
    fb__pace p;
    double t[20], now = 0;
    int n = 0;

    fb__pace_init(&p, 3, 1.0);
    pace_greedy(&p, t, &n, 3, &now);
    ck_assert_double_eq(t[2], 0); /* the burst, at once */
    now = 0.5;
    fb__pace_retune(&p, 1, 2.0, now);
    pace_greedy(&p, t, &n, 20, &now);
    for (int i = 3; i < n; i++)
        ck_assert(t[i] - t[i - 1] >= 2.0 - 1e-9);
    ck_assert_int_eq(max_in_window_ending_from(t, n, 3, 2.0), 1);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "ratewin", .tcase = "windows"};

    return FBTC_RUN(&def, greedy_sender_never_exceeds_the_window,
                    window_is_stricter_than_a_full_start_bucket,
                    pending_requests_count, out_of_order_adds,
                    pace_burst_then_rate, window_copy_keeps_a_changed_limit,
                    pace_retune_slows_at_once);
}
