/* fitbot-sandbox: an offline Telegram Bot API for tests, demos and plugin
 * authors. See docs/SANDBOX.md. */
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "sb_clock.h"
#include "sb_faults.h"
#include "sb_http.h"
#include "sb_log.h"
#include "sb_store.h"
#include "sb_webhook.h"

#define MAX_TOKENS 16

typedef struct opts {
    long port;
    const char *tokens[MAX_TOKENS];
    size_t ntokens;
    double scale;
    int limits;
    int verbose;
    int exit_with_parent;
} opts;

static void usage(FILE *to)
{
    fprintf(
        to,
        "usage: fitbot-sandbox --port N --token TOKEN [--token TOKEN2 ...]\n"
        "                      [--time-scale X] [--no-limits] [--verbose]\n"
        "Serves the Telegram Bot API and a control API on 127.0.0.1:N\n"
        "(N = 0 picks a free port). See docs/SANDBOX.md.\n");
}

/* Returns 0, 1 (help printed) or -1 (bad usage). */
static int parse_args(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof(*o));
    o->port = -1;
    o->scale = 1.0;
    o->limits = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 1;
        } else if (strcmp(a, "--no-limits") == 0) {
            o->limits = 0;
        } else if (strcmp(a, "--verbose") == 0) {
            o->verbose = 1;
        } else if (strcmp(a, "--exit-with-parent") == 0) {
            o->exit_with_parent = 1;
        } else if (strcmp(a, "--port") == 0 && v) {
            o->port = strtol(v, &end, 10);
            if (*end || o->port < 0 || o->port > 65535)
                return -1;
            i++;
        } else if (strcmp(a, "--token") == 0 && v && o->ntokens < MAX_TOKENS) {
            o->tokens[o->ntokens++] = v;
            i++;
        } else if (strcmp(a, "--time-scale") == 0 && v) {
            o->scale = strtod(v, &end);
            if (*end || !(o->scale > 0) || o->scale > 10000)
                return -1;
            i++;
        } else {
            return -1;
        }
    }
    return (o->port < 0 || o->ntokens == 0) ? -1 : 0;
}

/* Asks for SIGTERM when the process that started us dies (tests that
 * crash or time out leave no sandbox behind). Returns 0 or -1. */
static int exit_with_parent(void)
{
    pid_t parent = getppid();
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0)
        return -1;
    return getppid() == parent ? 0 : -1; /* the parent died already */
}

static int serve(const opts *o)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* threads inherit; main waits */
    if (o->exit_with_parent && exit_with_parent() != 0)
        return 1;
    signal(SIGPIPE, SIG_IGN);
    uint16_t bound = 0;
    sb_server *srv = fb__sb_http_start((uint16_t)o->port, &bound);
    if (!srv) {
        fprintf(stderr, "fitbot-sandbox: cannot listen on 127.0.0.1:%ld\n",
                o->port);
        return 1;
    }
    if (fb__sb_webhook_start() != 0) {
        fprintf(stderr, "fitbot-sandbox: cannot start the webhook sender\n");
        fb__sb_http_stop(srv);
        return 1;
    }
    printf("fitbot-sandbox listening on http://127.0.0.1:%u\n",
           (unsigned)bound);
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fb__sb_http_stop(srv);
    fb__sb_webhook_stop();
    return 0;
}

int main(int argc, char **argv)
{
    opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc != 0) {
        if (rc < 0)
            usage(stderr);
        return rc < 0 ? 2 : 0;
    }
    fb__sb_clock_set_scale(o.scale);
    fb__sb_log_enable(o.verbose);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
        fb__sb_store_init(o.tokens, o.ntokens, o.limits) != 0) {
        fprintf(stderr, "fitbot-sandbox: bad token or out of memory\n");
        fb__sb_store_free();
        return 2;
    }
    rc = serve(&o);
    fb__sb_store_free();
    fb__sb_faults_free();
    curl_global_cleanup();
    return rc;
}
