/* Workers: every item handled, same key strictly in order, different keys
 * in parallel, failures counted; a key's later items wait behind its
 * failed one. */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fbtc.h"
#include "workers.h"

#define NKEYS 16
#define PER_KEY 200

typedef struct item {
    int64_t key;
    int seq;
    int fail;
} item;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int last_seq[NKEYS];
static int out_of_order, handled;
static atomic_int running, max_running;

static int fn(void *ud, void *p)
{
    item *it = p;
    int now = atomic_fetch_add(&running, 1) + 1;
    int m = atomic_load(&max_running);
    (void)ud;
    while (now > m && !atomic_compare_exchange_weak(&max_running, &m, now))
        ;
    if (it->key % 3 == 0)
        usleep(200); /* let other keys overtake */
    pthread_mutex_lock(&mu);
    if (it->seq != last_seq[it->key] + 1)
        out_of_order++;
    last_seq[it->key] = it->seq;
    handled++;
    pthread_mutex_unlock(&mu);
    atomic_fetch_sub(&running, 1);
    return it->fail;
}

START_TEST(order_per_key_and_parallel)
{
    fb__workers *w = fb__workers_new(4, fn, NULL);
    item *v = calloc(NKEYS * PER_KEY, sizeof *v);
    void **items = calloc(NKEYS * PER_KEY, sizeof *items);
    int64_t *keys = calloc(NKEYS * PER_KEY, sizeof *keys);
    int n = 0;
    ck_assert_ptr_nonnull(w);
    for (int s = 1; s <= PER_KEY; s++)
        for (int k = 0; k < NKEYS; k++) {
            v[n].key = k;
            v[n].seq = s;
            v[n].fail = s == PER_KEY && k == 5;
            items[n] = &v[n];
            keys[n] = k;
            n++;
        }
    /* submitted in two batches: order must hold across batches too */
    ck_assert_int_eq(fb__workers_run(w, items, keys, (size_t)n / 2), 0);
    ck_assert_int_eq(
        fb__workers_run(w, items + n / 2, keys + n / 2, (size_t)(n - n / 2)),
        1);
    ck_assert_int_eq(handled, n);
    ck_assert_int_eq(out_of_order, 0);
    ck_assert_int_ge(atomic_load(&max_running), 2);
    fb__workers_free(w);
    free(v);
    free(items);
    free(keys);
}
END_TEST

/* Issue 7: one update of a key fails; that key's later items of the batch
 * must not run before it (the batch comes again: they run after it), while
 * the other keys' items all run. The old workers ran them (ran == 8). */
static atomic_int ran_mask;

static int fn_mask(void *ud, void *p)
{
    item *it = p;
    (void)ud;
    atomic_fetch_or(&ran_mask, 1 << (it->key * 4 + it->seq - 1));
    return it->fail;
}

START_TEST(failed_item_holds_back_its_key)
{
    fb__workers *w = fb__workers_new(2, fn_mask, NULL);
    item v[8];
    void *items[8];
    int64_t keys[8];
    int n = 0;
    ck_assert_ptr_nonnull(w);
    for (int s = 1; s <= 4; s++)
        for (int k = 0; k < 2; k++) {
            v[n] = (item){.key = k, .seq = s, .fail = k == 0 && s == 2};
            items[n] = &v[n];
            keys[n] = k;
            n++;
        }
    /* key 0: 1 runs, 2 fails, 3 and 4 held back; key 1: all four run */
    ck_assert_int_eq(fb__workers_run(w, items, keys, 8), 3);
    ck_assert_int_eq(atomic_load(&ran_mask), 0x3 | 0xf0);
    /* the next batch (the same updates fetched again) runs them in order */
    atomic_store(&ran_mask, 0);
    v[2].fail = 0;
    ck_assert_int_eq(fb__workers_run(w, items, keys, 8), 0);
    ck_assert_int_eq(atomic_load(&ran_mask), 0xff);
    fb__workers_free(w);
}
END_TEST

/* Grouping (fb__workers_group): while key 0's item holds the one thread,
 * the others queue up; then they are taken together, as long as their
 * keys differ and at most max at a time, each key still in order, and a
 * failure in a group holds its key's later items back. */
static int gsizes[16], ngroups, gdup, gran[8][4];

static void note_run(item *it, int rc)
{
    if (it->key == 0)
        usleep(50 * 1000); /* the others queue up */
    gran[it->key][it->seq] = 1 + rc;
    pthread_mutex_lock(&mu);
    if (it->seq != last_seq[it->key] + 1)
        out_of_order++;
    last_seq[it->key] = it->seq;
    pthread_mutex_unlock(&mu);
}

static int fn_one(void *ud, void *p)
{
    item *it = p;
    (void)ud;
    note_run(it, it->fail);
    return it->fail;
}

static void fn_group(void *ud, void *const *items, size_t n, int *rcs)
{
    (void)ud;
    gsizes[ngroups++ % 16] = (int)n;
    for (size_t i = 0; i < n; i++) {
        item *it = items[i];
        for (size_t j = 0; j < i; j++)
            gdup += ((item *)items[j])->key == it->key;
        note_run(it, it->fail);
        rcs[i] = it->fail;
    }
}

static int run_grouped(item *v, int n)
{
    fb__workers *w = fb__workers_new(1, fn_one, NULL);
    void *items[8];
    int64_t keys[8];
    int rc;
    ck_assert_ptr_nonnull(w);
    fb__workers_group(w, 4, fn_group);
    for (int i = 0; i < n; i++) {
        items[i] = &v[i];
        keys[i] = v[i].key;
    }
    memset(last_seq, 0, sizeof last_seq);
    memset(gran, 0, sizeof gran);
    out_of_order = ngroups = gdup = 0;
    rc = fb__workers_run(w, items, keys, (size_t)n);
    fb__workers_free(w);
    return rc;
}

START_TEST(waiting_items_of_different_keys_go_together)
{
    item v[8] = {{0, 1, 0}, {1, 1, 0}, {2, 1, 0}, {1, 2, 0},
                 {3, 1, 0}, {4, 1, 0}, {5, 1, 0}, {6, 1, 0}};
    int most = 0;
    ck_assert_int_eq(run_grouped(v, 8), 0);
    for (int i = 0; i < 8; i++)
        ck_assert_int_eq(gran[v[i].key][v[i].seq], 1);
    ck_assert_int_eq(out_of_order, 0);
    ck_assert_int_eq(gdup, 0);
    ck_assert_int_gt(ngroups, 0);
    for (int i = 0; i < ngroups && i < 16; i++)
        most = gsizes[i] > most ? gsizes[i] : most;
    ck_assert_int_ge(most, 2);
    ck_assert_int_le(most, 4);
}
END_TEST

START_TEST(a_failure_in_a_group_holds_its_key_back)
{
    item v[5] = {{0, 1, 0}, {1, 1, 1}, {2, 1, 0}, {1, 2, 0}, {3, 1, 0}};
    ck_assert_int_eq(run_grouped(v, 5), 2);
    ck_assert_int_eq(gran[1][1], 2); /* ran, failed */
    ck_assert_int_eq(gran[1][2], 0); /* held back */
    ck_assert_int_eq(gran[2][1], 1);
    ck_assert_int_eq(gran[3][1], 1);
    ck_assert_int_gt(ngroups, 0);
}
END_TEST

START_TEST(slots_spread_keys)
{
    fb__workers *w = fb__workers_new(4, fn, NULL);
    int used[4] = {0};
    for (int64_t k = 0; k < 64; k++)
        used[fb__workers_slot(w, k * 1000003)]++;
    for (int i = 0; i < 4; i++)
        ck_assert_int_gt(used[i], 0);
    ck_assert_int_eq(fb__workers_slot(w, 7000000001LL),
                     fb__workers_slot(w, 7000000001LL));
    ck_assert_int_eq(fb__workers_run(w, NULL, NULL, 0), 0);
    fb__workers_free(w);
    ck_assert_ptr_null(fb__workers_new(0, fn, NULL));
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_workers", .tcase = "workers", .timeout = 30};

    return FBTC_RUN(&def, order_per_key_and_parallel,
                    failed_item_holds_back_its_key,
                    waiting_items_of_different_keys_go_together,
                    a_failure_in_a_group_holds_its_key_back, slots_spread_keys);
}
