/* host/mutex: the host's hot locks (the outbox's, the pool's, the
 * workers' queues, the Telegram handle pool) are held for a few hundred
 * nanoseconds at a time by many threads. Made adaptive, a thread that
 * finds one taken spins briefly while its holder (running on another
 * core) lets go, instead of going to sleep and being woken: on a busy
 * host each such sleep is a context switch. */
#ifndef FITBOT_HOST_MUTEX_H
#define FITBOT_HOST_MUTEX_H

#include <pthread.h>

/* pthread_mutex_init with an adaptive (spin, then sleep) mutex where the
 * C library has them, a default one elsewhere. 0, or an error number. */
int fb__mutex_init_hot(pthread_mutex_t *mu);

#endif
