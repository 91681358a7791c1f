/* workers: keyed FIFO queues, one per thread (see workers.h). */
#include "workers.h"

#include <pthread.h>
#include <stdlib.h>

#include "mutex.h"

typedef struct batch {
    pthread_mutex_t mu;
    pthread_cond_t done;
    size_t left;
    int failed;
    int64_t *failed_keys; /* keys with an item not handled in this batch */
    size_t nfailed_keys;
} batch;

typedef struct job {
    void *item;
    int64_t key;
    batch *b;
    struct job *next;
} job;

typedef struct queue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job *head, *tail;
    int stop;
    pthread_t th;
    struct fb__workers *w;
} queue;

struct fb__workers {
    int n;
    fb__work_fn fn;
    void *ud;
    queue *q;
    fb__group_fn gfn; /* fb__workers_group: NULL, or items taken together */
    int gmax;
};

/* Whether an item of key was not handled in batch b (b->mu held). */
static int key_failed(const batch *b, int64_t key)
{
    for (size_t i = 0; i < b->nfailed_keys; i++)
        if (b->failed_keys[i] == key)
            return 1;
    return 0;
}

/* Count one item of key as done; a failure holds the key's later items of
 * the batch back (they are not run: see workers.h). */
static void finish(batch *b, int64_t key, int rc)
{
    pthread_mutex_lock(&b->mu);
    if (rc) {
        b->failed++;
        if (!key_failed(b, key))
            b->failed_keys[b->nfailed_keys++] = key; /* room for every item */
    }
    if (--b->left == 0)
        pthread_cond_signal(&b->done);
    pthread_mutex_unlock(&b->mu);
}

/* Whether key is among the n jobs of js. */
static int key_taken(job *const *js, size_t n, int64_t key)
{
    for (size_t i = 0; i < n; i++)
        if (js[i]->key == key)
            return 1;
    return 0;
}

/* Whether j's key already failed in its batch (its item is held back). */
static int held_back(job *j)
{
    int held;
    pthread_mutex_lock(&j->b->mu);
    held = key_failed(j->b, j->key);
    pthread_mutex_unlock(&j->b->mu);
    return held;
}

/* Take the queue's head, and with a group handler the jobs after it up
 * to gmax while their keys differ (q->mu held). How many are in js (0
 * when the queue is empty). */
static size_t take(queue *q, job **js)
{
    size_t n = 0;
    size_t max = q->w->gfn ? (size_t)q->w->gmax : 1;
    while (q->head && n < max && !key_taken(js, n, q->head->key)) {
        js[n++] = q->head;
        q->head = q->head->next;
    }
    if (!q->head)
        q->tail = NULL;
    return n;
}

/* Run the jobs taken together: each one held back is not run; the rest
 * alone through fn, or together through the group handler. */
static void run_taken(fb__workers *w, job **js, size_t n)
{
    job *run[FB__WORKERS_GROUP_MAX];
    void *items[FB__WORKERS_GROUP_MAX];
    int rcs[FB__WORKERS_GROUP_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (held_back(js[i])) {
            finish(js[i]->b, js[i]->key, 1);
            continue;
        }
        items[k] = js[i]->item;
        run[k++] = js[i];
    }
    if (k == 1)
        rcs[0] = w->fn(w->ud, items[0]);
    else if (k > 1)
        w->gfn(w->ud, items, k, rcs);
    for (size_t i = 0; i < k; i++)
        finish(run[i]->b, run[i]->key, rcs[i]);
}

static void *loop(void *arg)
{
    queue *q = arg;
    for (;;) {
        job *js[FB__WORKERS_GROUP_MAX];
        size_t n;
        pthread_mutex_lock(&q->mu);
        while (!q->head && !q->stop)
            pthread_cond_wait(&q->cv, &q->mu);
        n = take(q, js);
        pthread_mutex_unlock(&q->mu);
        if (!n)
            return NULL;
        run_taken(q->w, js, n);
        for (size_t i = 0; i < n; i++)
            free(js[i]);
    }
}

/* See workers.h. */
void fb__workers_group(fb__workers *w, int max, fb__group_fn fn)
{
    if (max > FB__WORKERS_GROUP_MAX)
        max = FB__WORKERS_GROUP_MAX;
    w->gfn = max > 1 ? fn : NULL;
    w->gmax = max;
}

/* See workers.h. */
fb__workers *fb__workers_new(int n, fb__work_fn fn, void *ud)
{
    fb__workers *w;
    int started = 0;
    if (n < 1 || n > 256 || !fn)
        return NULL;
    w = calloc(1, sizeof *w);
    if (!w || !(w->q = calloc((size_t)n, sizeof *w->q))) {
        free(w);
        return NULL;
    }
    w->n = n;
    w->fn = fn;
    w->ud = ud;
    for (; started < n; started++) {
        queue *q = &w->q[started];
        q->w = w;
        fb__mutex_init_hot(&q->mu);
        pthread_cond_init(&q->cv, NULL);
        if (pthread_create(&q->th, NULL, loop, q) != 0)
            break;
    }
    if (started < n) {
        w->n = started;
        pthread_mutex_destroy(&w->q[started].mu);
        pthread_cond_destroy(&w->q[started].cv);
        fb__workers_free(w);
        return NULL;
    }
    return w;
}

/* See workers.h. */
int fb__workers_slot(const fb__workers *w, int64_t key)
{
    uint64_t x = (uint64_t)key;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (int)(x % (uint64_t)w->n);
}

static int enqueue(queue *q, job *j)
{
    pthread_mutex_lock(&q->mu);
    if (q->stop) {
        pthread_mutex_unlock(&q->mu);
        return -1;
    }
    if (q->tail)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return 0;
}

/* See workers.h. */
int fb__workers_run(fb__workers *w, void *const *items, const int64_t *keys,
                    size_t n)
{
    batch b = {.left = n};
    job **js;
    size_t i;
    if (!n)
        return 0;
    js = calloc(n, sizeof *js); // NOLINT(bugprone-sizeof-expression): pointers
    b.failed_keys = calloc(n, sizeof *b.failed_keys);
    if (!js || !b.failed_keys) {
        free(js);
        free(b.failed_keys);
        return -1;
    }
    for (i = 0; i < n; i++)
        if (!(js[i] = calloc(1, sizeof **js)))
            goto oom;
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.done, NULL);
    for (i = 0; i < n; i++) {
        js[i]->item = items[i];
        js[i]->key = keys[i];
        js[i]->b = &b;
        if (enqueue(&w->q[fb__workers_slot(w, keys[i])], js[i])) {
            free(js[i]);
            finish(&b, keys[i], 1); /* stopped: counted as not handled */
        }
    }
    pthread_mutex_lock(&b.mu);
    while (b.left)
        pthread_cond_wait(&b.done, &b.mu);
    pthread_mutex_unlock(&b.mu);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.done);
    free(js);
    free(b.failed_keys);
    return b.failed;
oom:
    while (i-- > 0)
        free(js[i]);
    free(js);
    free(b.failed_keys);
    return -1;
}

/* See workers.h. */
void fb__workers_free(fb__workers *w)
{
    if (!w)
        return;
    for (int i = 0; i < w->n; i++) {
        pthread_mutex_lock(&w->q[i].mu);
        w->q[i].stop = 1;
        pthread_cond_signal(&w->q[i].cv);
        pthread_mutex_unlock(&w->q[i].mu);
    }
    for (int i = 0; i < w->n; i++) {
        pthread_join(w->q[i].th, NULL);
        pthread_mutex_destroy(&w->q[i].mu);
        pthread_cond_destroy(&w->q[i].cv);
    }
    free(w->q);
    free(w);
}
