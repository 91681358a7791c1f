#include "sb_faults.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct scripted {
    char method[64];
    int count;
    int has_chat;
    int64_t chat_id;
    sb_fault_action act;
} scripted;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static scripted *g_list;
static size_t g_n;
static sb_fault_rates g_rates;
static uint64_t g_rng = 88172645463325252ull;

int fb__sb_faults_add(const char *method, int count, int has_chat,
                      int64_t chat_id, const sb_fault_action *act)
{
    pthread_mutex_lock(&g_lock);
    scripted *grown = realloc(g_list, (g_n + 1) * sizeof(*grown));
    if (!grown) {
        pthread_mutex_unlock(&g_lock);
        return -1;
    }
    g_list = grown;
    scripted *s = &g_list[g_n++];
    memset(s, 0, sizeof(*s));
    snprintf(s->method, sizeof(s->method), "%s", method);
    s->count = count;
    s->has_chat = has_chat;
    s->chat_id = chat_id;
    s->act = *act;
    pthread_mutex_unlock(&g_lock);
    return 0;
}

void fb__sb_faults_set_random(const sb_fault_rates *r)
{
    pthread_mutex_lock(&g_lock);
    g_rates = *r;
    if (r->seed)
        g_rng = r->seed;
    pthread_mutex_unlock(&g_lock);
}

void fb__sb_faults_clear(void)
{
    pthread_mutex_lock(&g_lock);
    free(g_list);
    g_list = NULL;
    g_n = 0;
    memset(&g_rates, 0, sizeof(g_rates));
    pthread_mutex_unlock(&g_lock);
}

void fb__sb_faults_free(void)
{
    fb__sb_faults_clear();
}

const char *fb__sb_faults_default_text(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden: bot was blocked by the user";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict: terminated by other getUpdates request; make sure "
               "that only one bot instance is running";
    case 429:
        return "Too Many Requests: retry after %d";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

/* xorshift64*: deterministic for a given seed. */
static double rng_unit(void)
{
    g_rng ^= g_rng >> 12;
    g_rng ^= g_rng << 25;
    g_rng ^= g_rng >> 27;
    return (double)((g_rng * 2685821657736338717ull) >> 11) /
           9007199254740992.0;
}

static int take_scripted(const char *method, int has_chat, int64_t chat_id,
                         sb_fault_action *act)
{
    for (size_t i = 0; i < g_n; i++) {
        scripted *s = &g_list[i];
        if (s->count <= 0)
            continue;
        if (strcmp(s->method, "*") != 0 && strcasecmp(s->method, method) != 0)
            continue;
        if (s->has_chat && (!has_chat || s->chat_id != chat_id))
            continue;
        s->count--;
        *act = s->act;
        return 1;
    }
    return 0;
}

static int take_random(sb_fault_action *act)
{
    double x = rng_unit();
    memset(act, 0, sizeof(*act));
    if ((x -= g_rates.rate_429) < 0) {
        act->status = 429;
        act->retry_after = 1;
        return 1;
    }
    if ((x -= g_rates.rate_5xx) < 0) {
        act->status = 502;
        return 1;
    }
    if ((x -= g_rates.rate_timeout) < 0) {
        act->delay_ms = g_rates.timeout_ms > 0 ? g_rates.timeout_ms : 5000;
        act->drop = 1;
        return 1;
    }
    if (x < g_rates.rate_drop) {
        act->drop = 1;
        return 1;
    }
    return 0;
}

int fb__sb_faults_take(const char *method, int has_chat, int64_t chat_id,
                       sb_fault_action *act)
{
    pthread_mutex_lock(&g_lock);
    int hit = take_scripted(method, has_chat, chat_id, act);
    if (!hit && (g_rates.rate_429 > 0 || g_rates.rate_5xx > 0 ||
                 g_rates.rate_timeout > 0 || g_rates.rate_drop > 0))
        hit = take_random(act);
    pthread_mutex_unlock(&g_lock);
    return hit;
}
