/* The host's road to the database, which a test can cut (fbt_db_cut): a
 * TCP relay on 127.0.0.1 in front of the test server, in a thread of the
 * test process. Cut, it closes every relayed connection and closes each
 * new one as soon as it is accepted, as a stopped server would look to
 * the host; the test's own connection (fbt_sql) goes straight to the
 * server and is not touched. */
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "kit.h"

#define MAX_PAIRS 128

struct kit_proxy {
    int lfd, wake[2];
    int port;
    struct sockaddr_storage to;
    socklen_t tolen;
    int pair[MAX_PAIRS][2]; /* client, server; -1: free */
    atomic_int cut, stop;
    pthread_t thread;
};

/* The server's address from conninfo (host + port; a host starting with
 * '/' is a socket folder). 0 or -1. */
static int target(kit_proxy *p, const char *conninfo)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL), *o;
    const char *host = "127.0.0.1", *port = "5432";
    int rc = 0;

    if (!opts)
        return -1;
    for (o = opts; o->keyword; o++) {
        if (strcmp(o->keyword, "host") == 0 && o->val && *o->val)
            host = o->val;
        if (strcmp(o->keyword, "port") == 0 && o->val && *o->val)
            port = o->val;
    }
    memset(&p->to, 0, sizeof p->to);
    if (host[0] == '/') {
        struct sockaddr_un *un = (struct sockaddr_un *)&p->to;
        un->sun_family = AF_UNIX;
        snprintf(un->sun_path, sizeof un->sun_path, "%s/.s.PGSQL.%s", host,
                 port);
        p->tolen = sizeof *un;
    } else {
        struct sockaddr_in *in = (struct sockaddr_in *)&p->to;
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t)atoi(port));
        rc = inet_pton(AF_INET, strcmp(host, "localhost") ? host : "127.0.0.1",
                       &in->sin_addr) == 1
                 ? 0
                 : -1;
        p->tolen = sizeof *in;
    }
    PQconninfoFree(opts);
    return rc;
}

static void close_pair(kit_proxy *p, int i)
{
    for (int k = 0; k < 2; k++) {
        if (p->pair[i][k] >= 0)
            close(p->pair[i][k]);
        p->pair[i][k] = -1;
    }
}

/* A new client: relayed to the server, or closed when cut or full. */
static void accept_one(kit_proxy *p)
{
    int c = accept4(p->lfd, NULL, NULL, SOCK_CLOEXEC), s;

    if (c < 0)
        return;
    if (atomic_load(&p->cut)) {
        close(c);
        return;
    }
    s = socket(p->to.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0 || connect(s, (struct sockaddr *)&p->to, p->tolen) != 0) {
        close(c);
        if (s >= 0)
            close(s);
        return;
    }
    for (int i = 0; i < MAX_PAIRS; i++)
        if (p->pair[i][0] < 0) {
            p->pair[i][0] = c;
            p->pair[i][1] = s;
            return;
        }
    close(c);
    close(s);
}

/* Copy what fd from of pair i has to its other end; a closed or failed
 * end closes the pair. */
static void relay(kit_proxy *p, int i, int from)
{
    char buf[16384];
    ssize_t n = read(p->pair[i][from], buf, sizeof buf);

    for (ssize_t off = 0; n > 0 && off < n;) {
        ssize_t w = send(p->pair[i][1 - from], buf + off, (size_t)(n - off),
                         MSG_NOSIGNAL); /* a gone peer: no SIGPIPE */
        if (w <= 0) {
            n = -1;
            break;
        }
        off += w;
    }
    if (n <= 0)
        close_pair(p, i);
}

static void *proxy_main(void *arg)
{
    kit_proxy *p = arg;
    struct pollfd fds[2 + 2 * MAX_PAIRS];

    while (!atomic_load(&p->stop)) {
        int n = 0;
        fds[n++] = (struct pollfd){p->lfd, POLLIN, 0};
        fds[n++] = (struct pollfd){p->wake[0], POLLIN, 0};
        for (int i = 0; i < MAX_PAIRS; i++)
            for (int k = 0; k < 2; k++)
                fds[n++] = (struct pollfd){p->pair[i][k], POLLIN, 0};
        if (poll(fds, (nfds_t)n, 1000) < 0 && errno != EINTR)
            break;
        if (fds[1].revents) {
            char drain[64];
            while (read(p->wake[0], drain, sizeof drain) > 0)
                ;
        }
        if (atomic_load(&p->cut))
            for (int i = 0; i < MAX_PAIRS; i++)
                close_pair(p, i);
        for (int i = 0; i < MAX_PAIRS; i++)
            for (int k = 0; k < 2; k++)
                if (fds[2 + 2 * i + k].revents && p->pair[i][k] >= 0)
                    relay(p, i, k);
        if (fds[0].revents)
            accept_one(p);
    }
    return NULL;
}

/* Internal: see kit.h. */
kit_proxy *fb__kit_proxy_start(const char *conninfo)
{
    kit_proxy *p = calloc(1, sizeof *p);
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t alen = sizeof a;

    if (!p)
        return NULL;
    memset(p->pair, -1, sizeof p->pair);
    p->wake[0] = p->wake[1] = -1;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    p->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (target(p, conninfo) != 0 || p->lfd < 0 ||
        bind(p->lfd, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(p->lfd, 64) != 0 ||
        getsockname(p->lfd, (struct sockaddr *)&a, &alen) != 0 ||
        pipe2(p->wake, O_CLOEXEC | O_NONBLOCK) != 0 ||
        pthread_create(&p->thread, NULL, proxy_main, p) != 0) {
        if (p->lfd >= 0)
            close(p->lfd);
        if (p->wake[0] >= 0) {
            close(p->wake[0]);
            close(p->wake[1]);
        }
        free(p);
        return NULL;
    }
    p->port = ntohs(a.sin_port);
    return p;
}

/* Internal: see kit.h. */
int fb__kit_proxy_port(const kit_proxy *p)
{
    return p->port;
}

/* Internal: see kit.h. */
void fb__kit_proxy_cut(kit_proxy *p, int cut)
{
    atomic_store(&p->cut, cut != 0);
    if (write(p->wake[1], "x", 1) < 0) { /* the poll's second at worst */
    }
}

/* Internal: see kit.h. */
void fb__kit_proxy_free(kit_proxy *p)
{
    if (!p)
        return;
    atomic_store(&p->stop, 1);
    fb__kit_proxy_cut(p, 1);
    pthread_join(p->thread, NULL);
    for (int i = 0; i < MAX_PAIRS; i++)
        close_pair(p, i);
    close(p->lfd);
    close(p->wake[0]);
    close(p->wake[1]);
    free(p);
}
