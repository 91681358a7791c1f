#include "sb_limits.h"

#include <math.h>
#include <string.h>

#include "sb_clock.h"

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

static double wait_for(double tokens, double per_s)
{
    return tokens >= 1.0 ? 0 : (1.0 - tokens) / per_s;
}

int fb__sb_limits_charge(sb_state *st, sb_bot *b, const sb_chat *c,
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
    refill(&b->global_tokens, &b->global_last, L->global_per_s, L->global_per_s,
           now);
    refill(&r->tokens, &r->last, L->chat_burst, L->chat_per_s, now);
    if (group)
        refill(&r->gtokens, &r->glast, L->group_per_min,
               L->group_per_min / 60.0, now);
    double wg = wait_for(b->global_tokens, L->global_per_s);
    double wc = wait_for(r->tokens, L->chat_per_s);
    double wgr = group ? wait_for(r->gtokens, L->group_per_min / 60.0) : 0;
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
    b->global_tokens -= 1;
    r->tokens -= 1;
    if (group)
        r->gtokens -= 1;
    return 0;
}
