/* sandbox-bench: round trips per second against fitbot-sandbox on loopback.
 *
 *   sandbox-bench --sandbox PATH [--seconds S] [--threads N] [--mode M]
 *   sandbox-bench --url http://127.0.0.1:PORT --token T [...]
 *
 * With --sandbox it starts PATH --port 0 --no-limits itself and stops it at
 * the end. Modes: send (sendMessage), poll (getUpdates, timeout=0, nothing
 * pending), updates (a feeder posts /sandbox/send while one long-polling
 * getUpdates consumer acknowledges them: delivered updates/s), all.
 * Every phase stops by itself after S seconds. */
#include <curl/curl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "curlbuf.h"

#define BENCH_TOKEN "4242:BENCH"
#define USER_BASE INT64_C(9100000000)

typedef struct cfg {
    char url[128];
    char token[128];
    double seconds;
    int threads;
    const char *mode;
    pid_t child;
} cfg;

typedef struct worker {
    const cfg *c;
    int idx;
    uint64_t ok, failed;
    double *lat;
    size_t nlat, caplat;
    int64_t offset;  /* updates mode */
    double finished; /* when the worker's last request ended */
} worker;

/* Updates mode: the feeders' total, published when they are all done. */
static pthread_mutex_t g_feed_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_feed_done;
static uint64_t g_fed;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* POSTs a JSON body; returns 1 when the answer says "ok":true. The reply
 * text is left in *reply (caller frees) when reply is not NULL. */
static int post(CURL *h, const char *url, const char *body, char **reply)
{
    fb__curlbuf b = {NULL, 0, 0};
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fb__curlbuf_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    CURLcode rc = curl_easy_perform(h);
    int ok = rc == CURLE_OK && b.p && strstr(b.p, "\"ok\":true") != NULL;
    if (reply)
        *reply = b.p;
    else
        free(b.p);
    return ok;
}

static CURL *handle(void)
{
    return fb__curlbuf_json_handle(30L);
}

static void record(worker *w, double lat)
{
    if (w->nlat == w->caplat) {
        size_t cap = w->caplat ? w->caplat * 2 : 4096;
        double *p = realloc(w->lat, cap * sizeof(double));
        if (!p)
            return;
        w->lat = p;
        w->caplat = cap;
    }
    w->lat[w->nlat++] = lat;
}

/* Posts body to url in a loop for the configured time, recording each
 * round trip. */
static void loop(worker *w, const char *url, const char *body)
{
    CURL *h = handle();
    double end = now_s() + w->c->seconds;
    for (double t = now_s(); h && t < end; t = now_s()) {
        int ok = post(h, url, body, NULL);
        record(w, now_s() - t);
        ok ? w->ok++ : w->failed++;
    }
    curl_easy_cleanup(h);
}

static void *run_send(void *arg)
{
    worker *w = arg;
    char url[512], body[256];
    snprintf(url, sizeof(url), "%s/bot%s/sendMessage", w->c->url, w->c->token);
    snprintf(body, sizeof(body),
             "{\"chat_id\":%" PRId64
             ",\"text\":\"bench <b>load</b>\",\"parse_mode\":\"HTML\","
             "\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"A\","
             "\"callback_data\":\"a:1\"}]]}}",
             USER_BASE + w->idx);
    loop(w, url, body);
    return NULL;
}

static void *run_poll(void *arg)
{
    worker *w = arg;
    char url[512];
    snprintf(url, sizeof(url), "%s/bot%s/getUpdates", w->c->url, w->c->token);
    loop(w, url, "{\"timeout\":0,\"limit\":100}");
    return NULL;
}

static void *run_feed(void *arg)
{
    worker *w = arg;
    char url[512], body[128];
    snprintf(url, sizeof(url), "%s/sandbox/send", w->c->url);
    snprintf(body, sizeof(body), "{\"user_id\":%" PRId64 ",\"text\":\"ping\"}",
             USER_BASE + w->idx);
    loop(w, url, body);
    return NULL;
}

/* Counts the update_ids in a getUpdates answer and moves the offset on. */
static uint64_t consume(const char *reply, int64_t *offset)
{
    uint64_t n = 0;
    for (const char *p = reply; (p = strstr(p, "\"update_id\":")); n++) {
        p += 12;
        int64_t id = strtoll(p, NULL, 10);
        if (id >= *offset)
            *offset = id + 1;
    }
    return n;
}

static void *run_consume(void *arg)
{
    worker *w = arg;
    CURL *h = handle();
    char url[512], body[96];
    snprintf(url, sizeof(url), "%s/bot%s/getUpdates", w->c->url, w->c->token);
    double end = now_s() + w->c->seconds + 10;
    while (h && now_s() < end) {
        char *reply = NULL;
        pthread_mutex_lock(&g_feed_lock);
        int done = g_feed_done && w->ok >= g_fed;
        pthread_mutex_unlock(&g_feed_lock);
        if (done)
            break;
        snprintf(body, sizeof(body),
                 "{\"offset\":%" PRId64 ",\"timeout\":1,\"limit\":100}",
                 w->offset);
        if (post(h, url, body, &reply))
            w->ok += consume(reply, &w->offset);
        else
            w->failed++;
        free(reply);
        w->finished = now_s();
    }
    if (h) { /* acknowledge the last batch */
        snprintf(body, sizeof(body), "{\"offset\":%" PRId64 ",\"timeout\":0}",
                 w->offset);
        post(h, url, body, NULL);
    }
    curl_easy_cleanup(h);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Merges latencies and prints one result line. */
static void report(const char *name, worker *ws, int n, double seconds, int lat)
{
    uint64_t ok = 0, failed = 0;
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        ok += ws[i].ok;
        failed += ws[i].failed;
        total += ws[i].nlat;
    }
    double *all = lat && total ? malloc(total * sizeof(double)) : NULL;
    size_t k = 0;
    for (int i = 0; all && i < n; i++) {
        memcpy(all + k, ws[i].lat, ws[i].nlat * sizeof(double));
        k += ws[i].nlat;
    }
    printf("%-34s %10.0f /s  (%" PRIu64 " ok, %" PRIu64 " failed in %.1f s",
           name, (double)ok / seconds, ok, failed, seconds);
    if (all) {
        qsort(all, total, sizeof(double), cmp_double);
        printf(", latency p50 %.3f ms p99 %.3f ms", all[total / 2] * 1e3,
               all[(size_t)(total * 0.99)] * 1e3);
    }
    printf(")\n");
    free(all);
}

static int phase(const cfg *c, const char *name, void *(*fn)(void *), int n,
                 int lat)
{
    worker *ws = calloc((size_t)n, sizeof(worker));
    pthread_t *th = calloc((size_t)n, sizeof(pthread_t));
    if (!ws || !th)
        return -1;
    double start = now_s();
    for (int i = 0; i < n; i++) {
        ws[i].c = c;
        ws[i].idx = i;
        pthread_create(&th[i], NULL, fn, &ws[i]);
    }
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
    report(name, ws, n, now_s() - start, lat);
    int failed = 0;
    for (int i = 0; i < n; i++) {
        failed |= ws[i].ok == 0;
        free(ws[i].lat);
    }
    free(ws);
    free(th);
    return failed ? -1 : 0;
}

/* The updates phase: feeders and one consumer at the same time. */
static int phase_updates(const cfg *c)
{
    worker consumer = {.c = c, .offset = 0};
    worker *feeders = calloc((size_t)c->threads, sizeof(worker));
    pthread_t ct, *ft = calloc((size_t)c->threads, sizeof(pthread_t));
    if (!feeders || !ft)
        return -1;
    double start = now_s();
    pthread_create(&ct, NULL, run_consume, &consumer);
    for (int i = 0; i < c->threads; i++) {
        feeders[i].c = c;
        feeders[i].idx = i;
        pthread_create(&ft[i], NULL, run_feed, &feeders[i]);
    }
    uint64_t fed = 0;
    for (int i = 0; i < c->threads; i++) {
        pthread_join(ft[i], NULL);
        fed += feeders[i].ok;
    }
    double fed_took = now_s() - start;
    pthread_mutex_lock(&g_feed_lock);
    g_feed_done = 1;
    g_fed = fed;
    pthread_mutex_unlock(&g_feed_lock);
    pthread_join(ct, NULL);
    report("control /sandbox/send (feeders)", feeders, c->threads, fed_took, 1);
    report("updates delivered via getUpdates", &consumer, 1,
           consumer.finished - start, 0);
    int rc = consumer.ok ? 0 : -1;
    for (int i = 0; i < c->threads; i++)
        free(feeders[i].lat);
    free(feeders);
    free(ft);
    return rc;
}

static int spawn(cfg *c, const char *path)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    c->child = fork();
    if (c->child == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(path, path, "--port", "0", "--token", BENCH_TOKEN, "--no-limits",
              (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    char line[256] = "";
    if (!f || !fgets(line, sizeof(line), f))
        return -1;
    fclose(f);
    const char *u = strstr(line, "http://");
    if (!u)
        return -1;
    snprintf(c->url, sizeof(c->url), "%.*s", (int)strcspn(u, "\r\n"), u);
    snprintf(c->token, sizeof(c->token), "%s", BENCH_TOKEN);
    return 0;
}

static int setup_users(const cfg *c)
{
    CURL *h = handle();
    char url[512], body[128];
    snprintf(url, sizeof(url), "%s/sandbox/users", c->url);
    int ok = h != NULL;
    for (int i = 0; ok && i < c->threads; i++) {
        snprintf(body, sizeof(body),
                 "{\"id\":%" PRId64 ",\"first_name\":\"Bench%d\"}",
                 USER_BASE + i, i);
        ok = post(h, url, body, NULL);
    }
    curl_easy_cleanup(h);
    return ok ? 0 : -1;
}

static int parse(int argc, char **argv, cfg *c, const char **sandbox)
{
    memset(c, 0, sizeof(*c));
    c->seconds = 5;
    c->threads = 4;
    c->mode = "all";
    *sandbox = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--sandbox"))
            *sandbox = argv[i + 1];
        else if (!strcmp(argv[i], "--url"))
            snprintf(c->url, sizeof(c->url), "%s", argv[i + 1]);
        else if (!strcmp(argv[i], "--token"))
            snprintf(c->token, sizeof(c->token), "%s", argv[i + 1]);
        else if (!strcmp(argv[i], "--seconds"))
            c->seconds = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--threads"))
            c->threads = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--mode"))
            c->mode = argv[i + 1];
        else
            return -1;
    }
    if (c->seconds <= 0 || c->seconds > 600 || c->threads < 1 ||
        c->threads > 64)
        return -1;
    return (*sandbox || (c->url[0] && c->token[0])) ? 0 : -1;
}

int main(int argc, char **argv)
{
    cfg c;
    const char *sandbox;
    if (argc < 2 || (argc - 1) % 2 || parse(argc, argv, &c, &sandbox) != 0) {
        fprintf(stderr, "usage: sandbox-bench (--sandbox PATH | --url URL "
                        "--token T) [--seconds S] "
                        "[--threads N] [--mode send|poll|updates|all]\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc =
        (sandbox && spawn(&c, sandbox) != 0) || setup_users(&c) != 0 ? -1 : 0;
    int all = !strcmp(c.mode, "all");
    if (rc == 0)
        printf("sandbox-bench: %s, %d client threads, %.1f s per phase\n",
               c.url, c.threads, c.seconds);
    if (rc == 0 && (all || !strcmp(c.mode, "send")))
        rc |= phase(&c, "sendMessage round trips", run_send, c.threads, 1);
    if (rc == 0 && (all || !strcmp(c.mode, "poll")))
        rc |=
            phase(&c, "getUpdates (empty, timeout=0)", run_poll, c.threads, 1);
    if (rc == 0 && (all || !strcmp(c.mode, "updates")))
        rc |= phase_updates(&c);
    if (c.child > 0) {
        kill(c.child, SIGTERM);
        int st = 0;
        waitpid(c.child, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            rc = -1;
    }
    curl_global_cleanup();
    if (rc != 0)
        fprintf(stderr, "sandbox-bench: failed\n");
    return rc ? 1 : 0;
}
