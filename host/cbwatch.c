/* host/cbwatch: see cbwatch.h. */
#include "cbwatch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grow.h"
#include "log.h"

#define ID_MAX 72         /* Telegram's query ids are ~20 characters */
#define KEEP_S 60.0       /* an entry outlives Telegram's window by far */
#define MAX_ENTRIES 65536 /* beyond: the oldest is forgotten */
#define TICK_MS 100
#define BATCH 32 /* answers sent per tick at most */

enum { PENDING, ANSWERED };

typedef struct entry {
    char id[ID_MAX];
    int64_t chat;
    double seen;  /* first fetched (monotonic s) */
    double since; /* made at the earliest (seen less its unseen wait) */
    int state;
} entry;

/* A press due for the watcher's answer. */
typedef struct due {
    char id[ID_MAX];
    int64_t chat;
    int age_ms;
} due;

struct fb__cbwatch {
    fb__outbox *ob;
    double after_s;
    char *text;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    entry *v;
    size_t n, cap;
    int stop;
    pthread_t thread;
    atomic_ullong early;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Index of id, or n. Caller holds mu. */
static size_t find(const fb__cbwatch *w, const char *id)
{
    size_t i;

    for (i = 0; i < w->n; i++)
        if (strcmp(w->v[i].id, id) == 0)
            return i;
    return w->n;
}

static void drop_at(fb__cbwatch *w, size_t i)
{
    memmove(&w->v[i], &w->v[i + 1], (w->n - i - 1) * sizeof *w->v);
    w->n--;
}

/* Drop entries older than KEEP_S (the list is in order of since). */
static void expire(fb__cbwatch *w, double now)
{
    size_t k = 0;

    while (k < w->n && now - w->v[k].since > KEEP_S)
        k++;
    if (k) {
        memmove(w->v, w->v + k, (w->n - k) * sizeof *w->v);
        w->n -= k;
    }
}

/* Presses due for the watcher's answer, marked ANSWERED (taken) and copied
 * to d. Caller holds mu. */
static int take_due(fb__cbwatch *w, double now, due *d)
{
    size_t i;
    int k = 0;

    for (i = 0; i < w->n && k < BATCH; i++) {
        entry *e = &w->v[i];
        if (now - e->since < w->after_s)
            break; /* in order of since: the rest are younger */
        if (e->state == PENDING) {
            e->state = ANSWERED;
            memcpy(d[k].id, e->id, ID_MAX);
            d[k].chat = e->chat;
            /* the window the outbox keeps counts from the fetch: an
             * answer is never given up for a press only maybe old */
            d[k++].age_ms = (int)((now - e->seen) * 1000);
        }
    }
    return k;
}

/* Queue the watcher's answers: the outbox sends them at once on the answer
 * lanes, several at a time, retried until the press's window closes. */
static void answer_all(fb__cbwatch *w, const due *d, int k)
{
    fb__outbatch *b = fb__outbatch_new();
    int i, n = 0;

    for (i = 0; b && i < k; i++)
        n += fb__outbatch_answer_early(b, d[i].chat, d[i].id, w->text,
                                       d[i].age_ms) == 0;
    if (b == NULL || fb__outbox_submit(w->ob, b) != 0)
        n = 0; /* the outbox is stopping: the host is on its way out */
    atomic_fetch_add(&w->early, (unsigned long long)n);
    fb__log(FB_LOG_WARN, NULL, "early_answer",
            "%d press(es) answered before their outcome, which is late "
            "(the database is down or recovering?)",
            n);
}

static void *run(void *arg)
{
    fb__cbwatch *w = arg;
    due d[BATCH];

    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        double now = now_s();
        struct timespec until;
        int k;

        expire(w, now);
        k = take_due(w, now, d);
        if (k) {
            pthread_mutex_unlock(&w->mu);
            answer_all(w, d, k);
            pthread_mutex_lock(&w->mu);
            continue;
        }
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += TICK_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->cv, &w->mu, &until);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

fb__cbwatch *fb__cbwatch_new(fb__outbox *ob, int after_ms, const char *text)
{
    fb__cbwatch *w = calloc(1, sizeof *w);

    if (w == NULL || after_ms <= 0 || !(w->text = strdup(text ? text : ""))) {
        free(w);
        return NULL;
    }
    w->ob = ob;
    w->after_s = after_ms / 1000.0;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        free(w->text);
        free(w);
        return NULL;
    }
    return w;
}

void fb__cbwatch_stop(fb__cbwatch *w)
{
    int joined;

    if (w == NULL)
        return;
    pthread_mutex_lock(&w->mu);
    joined = w->stop;
    w->stop = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    if (!joined)
        pthread_join(w->thread, NULL);
}

void fb__cbwatch_free(fb__cbwatch *w)
{
    if (w == NULL)
        return;
    fb__cbwatch_stop(w);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w->v);
    free(w->text);
    free(w);
}

/* Room for one more entry: grown, or the oldest dropped. Caller holds mu. */
static int make_room(fb__cbwatch *w)
{
    if (w->n == MAX_ENTRIES)
        drop_at(w, 0);
    return fb__grow((void **)&w->v, &w->cap, w->n, sizeof *w->v, 64);
}

/* Add a press first fetched at now, made at the earliest unseen_s before:
 * placed in order of since (a wait is capped at after_s, past which the
 * press is due at once, so the list stays nearly sorted and the walk back
 * short). Caller holds mu and made room. */
static void add(fb__cbwatch *w, const char *query_id, int64_t chat, double now,
                double unseen_s)
{
    double since = now - (unseen_s < w->after_s ? unseen_s : w->after_s);
    size_t i = w->n++;
    entry *e;

    while (i > 0 && w->v[i - 1].since > since) {
        w->v[i] = w->v[i - 1];
        i--;
    }
    e = &w->v[i];
    strcpy(e->id, query_id);
    e->chat = chat;
    e->seen = now;
    e->since = since;
    e->state = PENDING;
}

void fb__cbwatch_seen(fb__cbwatch *w, const char *query_id, int64_t chat,
                      int unseen_ms)
{
    if (w == NULL || query_id == NULL || !query_id[0] ||
        strlen(query_id) >= ID_MAX)
        return;
    pthread_mutex_lock(&w->mu);
    if (find(w, query_id) == w->n && make_room(w) == 0)
        add(w, query_id, chat, now_s(),
            unseen_ms > 0 ? unseen_ms / 1000.0 : 0.0);
    pthread_mutex_unlock(&w->mu);
    if (unseen_ms >= (int)(w->after_s * 1000))
        pthread_cond_signal(&w->cv); /* due now: no wait for the tick */
}

/* Take query_id: 1 when it was pending or unknown (now taken), 0 when it
 * was answered already. */
static int take(fb__cbwatch *w, const char *query_id)
{
    size_t i;
    int rc = 1;

    pthread_mutex_lock(&w->mu);
    i = find(w, query_id);
    if (i < w->n) {
        rc = w->v[i].state == PENDING;
        w->v[i].state = ANSWERED;
    }
    pthread_mutex_unlock(&w->mu);
    return rc;
}

void fb__cbwatch_forget(fb__cbwatch *w, const char *query_id)
{
    size_t i;

    if (w == NULL || query_id == NULL)
        return;
    pthread_mutex_lock(&w->mu);
    if ((i = find(w, query_id)) < w->n)
        drop_at(w, i);
    pthread_mutex_unlock(&w->mu);
}

int fb__cbwatch_take(fb__cbwatch *w, const char *query_id)
{
    return w && query_id ? take(w, query_id) : 1;
}

uint64_t fb__cbwatch_early(const fb__cbwatch *w)
{
    return w ? atomic_load(&((fb__cbwatch *)w)->early) : 0;
}
