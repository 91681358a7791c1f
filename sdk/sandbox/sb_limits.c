#include "sb_limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sb_clock.h"

/* The per-chat burst, then a steady rate: a token bucket of chat_burst
 * tokens refilled at chat_per_s is exactly that rule (its GCRA form). */
static void refill(double *tokens, double *last, double cap, double per_s,
                   double now)
{
    if (*last == 0) {
        *tokens = cap;
        *last = now;
        return;
    }
    *tokens += (now - *last) * per_s;
    if (*tokens > cap)
        *tokens = cap;
    *last = now;
}

static double wait_for(double tokens, double per_s)
{
    return tokens >= 1.0 ? 0 : (1.0 - tokens) / per_s;
}

/* Drop the times that left the window (t <= now - span). */
static void prune(sb_times *w, double now, double span)
{
    size_t k = 0;

    while (k < w->n && w->t[k] <= now - span)
        k++;
    if (k) {
        memmove(w->t, w->t + k, (w->n - k) * sizeof *w->t);
        w->n -= k;
    }
}

/* Seconds until one more message fits in w (at most limit in any span);
 * 0 when it fits now. w is pruned. */
static double window_wait(sb_times *w, double limit, double span, double now)
{
    size_t room = limit >= 1 ? (size_t)floor(limit) - 1 : 0;

    prune(w, now, span);
    if (limit < 1)
        return span;
    if (w->n <= room)
        return 0;
    return w->t[w->n - room - 1] + span - now;
}

static int window_add(sb_times *w, double now)
{
    if (fb__sb_grow((void **)&w->t, &w->cap, w->n + 1, sizeof(double)) != 0)
        return -1;
    w->t[w->n++] = now; /* the sandbox clock only moves forward */
    return 0;
}

static sb_rate *rate_for(sb_bot *b, int64_t chat_id)
{
    for (size_t i = 0; i < b->nrates; i++)
        if (b->rates[i].chat_id == chat_id)
            return &b->rates[i];
    if (fb__sb_grow((void **)&b->rates, &b->caprates, b->nrates + 1,
                    sizeof(sb_rate)) != 0)
        return NULL;
    sb_rate *r = &b->rates[b->nrates++];
    memset(r, 0, sizeof(*r));
    r->chat_id = chat_id;
    return r;
}

void fb__sb_limits_forget(sb_bot *b)
{
    for (size_t i = 0; i < b->nrates; i++)
        free(b->rates[i].group.t);
    b->nrates = 0;
    b->global.n = 0;
    b->paid.n = 0;
}

int fb__sb_limits_charge(sb_state *st, sb_bot *b, const sb_chat *c, int paid,
                         int *retry_after)
{
    const sb_limit_cfg *L = &st->limits;
    if (!L->enabled)
        return 0;
    double now = fb__sb_clock_now();
    int group = strcmp(c->type, "private") != 0;
    sb_rate *r = rate_for(b, c->id);
    if (!r)
        return -1;
    refill(&r->tokens, &r->last, L->chat_burst, L->chat_per_s, now);
    sb_times *all = paid ? &b->paid : &b->global;
    double wg =
        window_wait(all, paid ? L->paid_per_s : L->global_per_s, 1.0, now);
    double wc = wait_for(r->tokens, L->chat_per_s);
    double wgr =
        group ? window_wait(&r->group, L->group_per_min, 60.0, now) : 0;
    double w = fmax(wg, fmax(wc, wgr));
    if (w > 0) {
        b->c.limit_violations++;
        b->c.limit_global += wg > 0;
        b->c.limit_chat += wc > 0;
        b->c.limit_group += wgr > 0;
        *retry_after = (int)ceil(w);
        if (*retry_after < 1)
            *retry_after = 1;
        return 1;
    }
    if (window_add(all, now) || (group && window_add(&r->group, now)))
        return -1;
    r->tokens -= 1;
    return 0;
}
