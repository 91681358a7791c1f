/* host/relay: see relay.h. */
#define _GNU_SOURCE
#include "relay.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "leader.h"
#include "log.h"
#include "metrics.h"
#include "outstore.h"

#define RELAY_POLL_MS 500 /* a claim at least this often while sending */
#define LOCK_LOOK_S 1.0   /* the lock looked at this often */

struct fb__relay {
    fb__leader *lock; /* its connection LISTENs and claims while sending */
    fb__outbox *ob;
    int64_t me; /* drawn at start: this host's claims */
    atomic_int stop, sending;
    int wake[2]; /* written once to stop the thread */
    pthread_t th;
    int started;
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A positive number no other host draws (63 random bits). */
static int64_t draw_me(void)
{
    uint64_t v = 0;

    if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v)
        v = (uint64_t)mono_s() * 1000003u ^ ((uint64_t)getpid() << 32);
    v &= INT64_MAX;
    return v ? (int64_t)v : 1;
}

/* LISTEN on the lock's connection. 0, or -1 (logged). */
static int listen_on(PGconn *conn)
{
    char err[256];

    if (fb__db_run(conn, "LISTEN " FB__OUTBOX_CHANNEL, 0, NULL, err,
                   sizeof err) == 0)
        return 0;
    fb__log(FB_LOG_WARN, NULL, "relay_db_failed", "%s", err);
    return -1;
}

/* Claim what the outbox has room for on conn (the lock's: no claim
 * outlives the lock) and queue it. when: "takeover" (the claim that
 * follows taking the lock: every row of a previous sender), else NULL.
 * 0, or -1 (logged). */
static int claim(fb__relay *r, PGconn *conn, const char *when)
{
    char err[512], nrows[16], ndoubt[16];
    const char *kv[] = {"rows", nrows, "in_doubt", ndoubt, "when", when, NULL};
    int rows, doubt;
    fb__outbatch *b = fb__outstore_claim(conn, r->me, fb__outbox_room(r->ob),
                                         fb__outbox_bulk_room(r->ob), &rows,
                                         &doubt, err, sizeof err);
    if (!b) {
        fb__log(FB_LOG_ERROR, NULL, "relay_claim_failed", "%s", err);
        return -1;
    }
    if (doubt > 0 || (when && rows > 0)) {
        snprintf(nrows, sizeof nrows, "%d", rows);
        snprintf(ndoubt, sizeof ndoubt, "%d", doubt);
        kv[4] = when ? "when" : NULL;
        fb__log_kv(doubt ? FB_LOG_WARN : FB_LOG_INFO, NULL, "outbox_replay", kv,
                   "replies another sender had not delivered are sent now; "
                   "in_doubt of them were being sent when it stopped and "
                   "may reach the user twice");
    }
    fb__outbox_submit(r->ob, b);
    return 0;
}

/* Becoming the sender: listen, charge the windows with what every host
 * sent in the last minute, claim every row left by another sender. */
static int take_over(fb__relay *r, PGconn *conn)
{
    char err[512];

    if (listen_on(conn))
        return -1;
    if (fb__outstore_charge_recent(conn, r->ob, err, sizeof err) < 0) {
        fb__log(FB_LOG_ERROR, NULL, "relay_claim_failed", "%s", err);
        return -1;
    }
    return claim(r, conn, "takeover");
}

/* Wait up to ms for a notification on conn (NULL: none) (1), the stop
 * (-1), or nothing or a failed connection (0: the lock's next look sees
 * it). */
static int wait_note(fb__relay *r, PGconn *conn, int ms)
{
    struct pollfd p[2] = {{.fd = r->wake[0], .events = POLLIN},
                          {.fd = conn ? PQsocket(conn) : -1, .events = POLLIN}};
    int got = 0;
    PGnotify *n;

    if (conn && (n = PQnotifies(conn))) { /* came in with a statement */
        PQfreemem(n);
        return 1;
    }
    if (poll(p, 2, ms) <= 0)
        return 0;
    if (p[0].revents)
        return -1;
    if (!conn || !PQconsumeInput(conn))
        return 0;
    while ((n = PQnotifies(conn))) {
        got = 1;
        PQfreemem(n);
    }
    return got;
}

/* The lock's tenure ended (the host stopped leading, or leads again on
 * a new session: another host may have claimed meanwhile): the rows
 * queued here are forgotten, left to whoever claims next (itself again,
 * under a new number); those requested already are counted there. */
static void end_tenure(fb__relay *r)
{
    size_t n = fb__outbox_forget_stored(r->ob);

    fb__log(FB_LOG_WARN, NULL, "outbox_released",
            "the sender's lock was lost: %zu queued reply(ies) left to the "
            "next claim",
            n);
}

/* Publish and log the role; a new tenure draws a new number, so its
 * first claim takes every row of the tenures before (this host's too). */
static void set_role(fb__relay *r, int sending)
{
    if (sending)
        r->me = draw_me();
    atomic_store(&r->sending, sending);
    fb__metrics_set_sender(sending);
    fb__log(FB_LOG_INFO, NULL, sending ? "outbox_sender" : "outbox_standby",
            "%s",
            sending ? "this host sends every host's replies now"
                    : "another host sends the replies: standing by");
}

/* Look at the lock: *tenure follows it (0: not held; else the lock's
 * tenure, host/leader). Returns 1 when a new tenure began (take over). */
static int look(fb__relay *r, unsigned *tenure)
{
    int lead = fb__leader_check(r->lock);
    unsigned now = lead ? fb__leader_tenure(r->lock) : 0;

    if (now == *tenure)
        return 0;
    if (*tenure)
        end_tenure(r);
    set_role(r, now != 0);
    *tenure = now;
    return now != 0;
}

/* Until stopped: look at the lock every LOCK_LOOK_S; while it is held,
 * claim on each notification and every RELAY_POLL_MS. */
static void *relay_main(void *arg)
{
    fb__relay *r = arg;
    unsigned tenure = 0;
    int fresh = 0, first = 1;
    double looked = 0;

    while (!atomic_load(&r->stop)) {
        PGconn *conn;
        if (mono_s() - looked >= LOCK_LOOK_S) {
            fresh = look(r, &tenure) || fresh;
            if (first && !tenure)
                set_role(r, 0); /* standing by from the start */
            first = 0;
            looked = mono_s();
        }
        conn = tenure ? fb__leader_conn(r->lock) : NULL;
        if (conn && fresh)
            fresh = take_over(r, conn) != 0; /* again at the next turn */
        if (wait_note(r, conn, tenure ? RELAY_POLL_MS : 1000) < 0)
            break;
        if (conn && !fresh && claim(r, conn, NULL))
            looked = 0; /* the lock's connection may be gone: look now */
    }
    return NULL;
}

/* See relay.h. */
fb__relay *fb__relay_new(const char *conninfo, const char *tz, int64_t bot_id,
                         fb__outbox *ob)
{
    fb__relay *r = calloc(1, sizeof *r);

    if (!r)
        return NULL;
    r->wake[0] = r->wake[1] = -1;
    r->ob = ob;
    r->me = draw_me();
    r->lock = fb__leader_new_ns(conninfo, tz, FB__SENDER_NS, bot_id);
    if (!r->lock || pipe2(r->wake, O_CLOEXEC | O_NONBLOCK) ||
        pthread_create(&r->th, NULL, relay_main, r)) {
        fb__relay_free(r);
        return NULL;
    }
    r->started = 1;
    return r;
}

/* See relay.h. */
int fb__relay_sending(fb__relay *r)
{
    return r ? atomic_load(&r->sending) : 0;
}

/* See relay.h. */
void fb__relay_stop(fb__relay *r)
{
    ssize_t w;

    if (!r || !r->started)
        return;
    atomic_store(&r->stop, 1);
    w = write(r->wake[1], "x", 1);
    (void)w;
    pthread_join(r->th, NULL);
    r->started = 0;
}

/* See relay.h. */
void fb__relay_free(fb__relay *r)
{
    if (!r)
        return;
    fb__relay_stop(r);
    fb__leader_free(r->lock); /* the next host takes over at once */
    if (r->wake[0] >= 0)
        close(r->wake[0]);
    if (r->wake[1] >= 0)
        close(r->wake[1]);
    free(r);
}
