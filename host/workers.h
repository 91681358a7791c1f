/* workers: a pool of threads with one FIFO queue each.
 *
 * An item goes to the queue chosen by its key (hash), so items of one key
 * are handled strictly in submission order by one thread, and items of
 * different keys in parallel. A batch is submitted as a whole and waited
 * for: fb__workers_run returns when every item of it was handled.
 * Order holds on failure too: once an item of a key is not handled (fn
 * returned non-zero), that key's later items of the batch are not run
 * (counted as not handled): the batch comes again, and they run after it. */
#ifndef FITBOT_WORKERS_H
#define FITBOT_WORKERS_H

#include <stddef.h>
#include <stdint.h>

/* Handle one item; returns 0 when handled, non-zero when it must be
 * retried later (the batch then reports failure). */
typedef int (*fb__work_fn)(void *ud, void *item);

typedef struct fb__workers fb__workers;

/* Handle items[0..n-1] (2 <= n <= FB__WORKERS_GROUP_MAX, every key
 * different) together; rcs[i] is what fn would return for items[i]. */
typedef void (*fb__group_fn)(void *ud, void *const *items, size_t n,
                             int *rcs);
#define FB__WORKERS_GROUP_MAX 16

/* Start n threads (1..256) calling fn(ud, item). NULL on failure. */
fb__workers *fb__workers_new(int n, fb__work_fn fn, void *ud);

/* Queue items[i] under keys[i] and wait until all are handled. Returns the
 * number of items not handled (fn returned non-zero, or held back behind
 * such an item of their key; 0: all handled), -1 if the
 * pool is stopped or out of memory (nothing queued then). Items are
 * borrowed. One batch at a time per caller; concurrent callers are fine. */
int fb__workers_run(fb__workers *w, void *const *items, const int64_t *keys,
                    size_t n);

/* Let a thread take up to max (2..FB__WORKERS_GROUP_MAX) queued items at
 * once and hand them to fn together: the head of its queue and the items
 * after it, as long as their keys differ (an item of a key already taken
 * stops the run: order per key holds). Items that wait for nothing are
 * taken alone, so a group forms only under load. max < 2: one at a time
 * (the default). Call before the first batch. */
void fb__workers_group(fb__workers *w, int max, fb__group_fn fn);

/* Which thread a key goes to (for tests). */
int fb__workers_slot(const fb__workers *w, int64_t key);

/* Finish what is queued, join the threads and free. NULL-safe. */
void fb__workers_free(fb__workers *w);

#endif
