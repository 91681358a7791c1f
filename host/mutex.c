/* host/mutex: see mutex.h. */
#define _GNU_SOURCE
#include "mutex.h"

/* See mutex.h. */
int fb__mutex_init_hot(pthread_mutex_t *mu)
{
#ifdef PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP
    pthread_mutexattr_t a;
    int rc = pthread_mutexattr_init(&a);

    if (rc == 0)
        rc = pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ADAPTIVE_NP);
    if (rc == 0)
        rc = pthread_mutex_init(mu, &a);
    pthread_mutexattr_destroy(&a);
    return rc;
#else
    return pthread_mutex_init(mu, NULL);
#endif
}
