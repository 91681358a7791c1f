/* host/ratewin: sliding-window limits. See ratewin.h. */
#include "ratewin.h"

#include <math.h>
#include <stdlib.h>

/* See ratewin.h. */
int fb__window_init(fb__window *w, int limit, double span)
{
    w->t = NULL;
    w->n = w->head = 0;
    w->limit = limit;
    w->span = span;
    if (limit < 1 || !(span > 0))
        return -1;
    if (limit > FB__WINDOW_MAX)
        return 0; /* not enforced: see ratewin.h */
    w->t = calloc((size_t)limit, sizeof *w->t);
    return w->t ? 0 : -1;
}

/* See ratewin.h. */
void fb__window_free(fb__window *w)
{
    if (!w)
        return;
    free(w->t);
    w->t = NULL;
    w->n = w->head = 0;
}

/* The i-th oldest kept time (0 <= i < n). */
static double at(const fb__window *w, int i)
{
    return w->t[(w->head + i) % w->limit];
}

/* See ratewin.h. */
double fb__window_wait(const fb__window *w, double now, int pending)
{
    int room = w->limit - 1 - (pending > 0 ? pending : 0); /* may stay */
    double wait;

    if (!w->t)
        return 0;
    if (room < 0)
        return w->span;
    if (w->n <= room)
        return 0;
    /* every kept event older than the room most recent ones must have left
     * the window: the newest of those is number n - room - 1 */
    wait = at(w, w->n - room - 1) + w->span - now;
    return wait > 0 ? wait : 0;
}

/* See ratewin.h. */
void fb__window_add(fb__window *w, double t)
{
    int i;

    if (!w->t)
        return;
    if (w->n == w->limit) { /* drop the oldest */
        if (t < at(w, 0))
            return; /* older than everything kept: irrelevant */
        w->head = (w->head + 1) % w->limit;
        w->n--;
    }
    /* insert keeping ascending order (out-of-order adds are rare) */
    for (i = w->n; i > 0 && at(w, i - 1) > t; i--)
        w->t[(w->head + i) % w->limit] = at(w, i - 1);
    w->t[(w->head + i) % w->limit] = t;
    w->n++;
}

/* See ratewin.h. */
int fb__window_count(const fb__window *w, double now)
{
    int c = 0;

    for (int i = 0; w->t && i < w->n; i++)
        if (at(w, i) > now - w->span && at(w, i) <= now)
            c++;
    return c;
}

/* See ratewin.h. */
void fb__window_copy(const fb__window *from, fb__window *to)
{
    for (int i = 0; from->t && i < from->n; i++)
        fb__window_add(to, at(from, i));
}

/* See ratewin.h. */
void fb__pace_init(fb__pace *p, int burst, double period)
{
    p->tat = 0;
    p->burst = burst < 1 ? 1 : burst;
    p->period = period;
}

/* See ratewin.h. */
double fb__pace_wait(const fb__pace *p, double now)
{
    double ready = p->tat - (p->burst - 1) * p->period;

    return p->tat == 0 || now >= ready ? 0 : ready - now;
}

/* See ratewin.h. */
void fb__pace_add(fb__pace *p, double t)
{
    p->tat = (p->tat > t ? p->tat : t) + p->period;
}

/* See ratewin.h. */
void fb__pace_retune(fb__pace *p, int burst, double period, double now)
{
    double owed, last;

    if (p->tat != 0) {
        owed = p->tat > now ? ceil((p->tat - now) / p->period - 1e-9) : 0;
        last = p->tat - p->period; /* no earlier than the last event */
        p->tat = now + owed * period;
        if (last + period > p->tat)
            p->tat = last + period;
    }
    p->burst = burst < 1 ? 1 : burst;
    p->period = period;
}

/* See ratewin.h. */
int fb__pace_idle(const fb__pace *p, double now)
{
    return p->tat == 0 || now >= p->tat;
}
