/* fitbot-peerdrive: the user side of bench/peers.
 *
 *   fitbot-peerdrive --url http://127.0.0.1:PORT [--users N] [--updates M]
 *                    [--senders K] [--text T] [--user-base B] [--timeout S]
 *                    [--flows 1] [--bot TOKEN]
 *
 * Against a running fitbot-sandbox with one bot (whichever framework polls
 * it): creates N users, then K sender threads post M messages T through
 * /sandbox/send as fast as the sandbox takes them (update i comes from user
 * B + i % N), waits until the bot has sent M messages, and reads every
 * user's transcript: the k-th reply of a chat answers its k-th message, so
 * the latency of each update is the reply's t_ms minus the message's. A
 * reply must name its own chat's id (/whoami does): one that does not is
 * counted as cross-talk. Prints "key value" lines; exit 1 when replies are
 * missing or wrong. Stops by itself after --timeout seconds at most.
 *
 * With --flows (fitbot's users plugin): every user sends /register, then,
 * once asked, a name of its own ("Peer " and its id in letters a-j for
 * 0-9), which leaves N conversations live in the flow's next state; the
 * caller checks their data (bench/peers/run: zero cross-talk).
 *
 * With --bot TOKEN it is a bot instead (floorbot.c): HTTP and JSON alone,
 * the floor under any bot's own CPU per update. */
#include <cJSON.h>
#include <curl/curl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "curlbuf.h"
#include "peerdrive.h"

typedef struct sender {
    const cfg *c;
    int idx, failed;
} sender;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* See peerdrive.h. */
CURL *pd__handle(void)
{
    return fb__curlbuf_json_handle(60L);
}

/* See peerdrive.h. */
char *pd__call(CURL *h, const cfg *c, const char *path, const char *body)
{
    char url[512];
    fb__curlbuf b = {NULL, 0, 0};
    CURLcode rc;
    snprintf(url, sizeof url, "%s%s", c->url, path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    if (body)
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK && b.p && strstr(b.p, "\"ok\":true"))
        return b.p;
    free(b.p);
    return NULL;
}

static int post_ok(CURL *h, const cfg *c, const char *path, const char *body)
{
    char *r = pd__call(h, c, path, body);
    free(r);
    return r ? 0 : -1;
}

/* The name user id gives in --flows mode: "Peer " and its digits as
 * letters (a name takes no digits). */
static void flow_name(int64_t id, char *out, size_t len)
{
    int n = snprintf(out, len, "Peer %" PRId64, id);
    for (int i = 5; i < n; i++)
        out[i] = (char)('a' + (out[i] - '0'));
}

static void *send_loop(void *arg)
{
    sender *s = arg;
    const cfg *c = s->c;
    CURL *h = pd__handle();
    char body[256], name[40];
    for (int i = s->idx; h && i < c->updates; i += c->senders) {
        int64_t id = c->base + i % c->users;
        const char *text = c->text;
        if (c->flows == 2) {
            flow_name(id, name, sizeof name);
            text = name;
        }
        snprintf(body, sizeof body, "{\"user_id\":%" PRId64 ",\"text\":\"%s\"}",
                 id, text);
        if (post_ok(h, c, "/sandbox/send", body))
            s->failed++;
    }
    if (!h)
        s->failed = 1;
    curl_easy_cleanup(h);
    return NULL;
}

static long long counter(CURL *h, const cfg *c, const char *name)
{
    char *r = pd__call(h, c, "/sandbox/counters", NULL);
    cJSON *j = r ? cJSON_Parse(r) : NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(j, "result"), name);
    long long n = cJSON_IsNumber(v) ? (long long)v->valuedouble : -1;
    cJSON_Delete(j);
    free(r);
    return n;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct tally {
    double *lat;
    int nlat, missing, wrong;
} tally;

/* Pair the messages of one chat with the bot's replies, in order. */
static int read_chat(CURL *h, const cfg *c, int64_t id, tally *t)
{
    char path[128], want[40];
    char *r;
    cJSON *j;
    const cJSON *m;
    double sent[4096];
    int nsent = 0, nreply = 0;
    snprintf(path, sizeof path,
             "/sandbox/transcript?chat_id=%" PRId64 "&timeout_ms=0", id);
    snprintf(want, sizeof want, "%" PRId64, id);
    if (!(r = pd__call(h, c, path, NULL)) || !(j = cJSON_Parse(r))) {
        free(r);
        return -1;
    }
    cJSON_ArrayForEach(
        m, cJSON_GetObjectItemCaseSensitive(
               cJSON_GetObjectItemCaseSensitive(j, "result"), "messages"))
    {
        const cJSON *from = cJSON_GetObjectItemCaseSensitive(m, "from");
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(m, "text");
        double at = cJSON_GetObjectItemCaseSensitive(m, "t_ms")->valuedouble;
        if (cJSON_IsString(from) && strcmp(from->valuestring, "user") == 0) {
            if (nsent < (int)(sizeof sent / sizeof sent[0]))
                sent[nsent++] = at;
            continue;
        }
        if (!cJSON_IsString(text) || !strstr(text->valuestring, want))
            t->wrong++;
        if (nreply < nsent)
            t->lat[t->nlat++] = at - sent[nreply];
        nreply++;
    }
    if (nreply < nsent)
        t->missing += nsent - nreply;
    cJSON_Delete(j);
    free(r);
    return 0;
}

/* A positive int of 9 digits at most, else -1. */
static int number(const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    return *v && !*end && n > 0 && n < 1000000000 ? (int)n : -1;
}

static int parse_args(int argc, char **argv, cfg *c)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "--url"))
            c->url = v;
        else if (!strcmp(k, "--text"))
            c->text = v;
        else if (!strcmp(k, "--users"))
            c->users = number(v);
        else if (!strcmp(k, "--updates"))
            c->updates = number(v);
        else if (!strcmp(k, "--senders"))
            c->senders = number(v);
        else if (!strcmp(k, "--timeout"))
            c->timeout_s = number(v);
        else if (!strcmp(k, "--user-base"))
            c->base = strtoll(v, NULL, 10);
        else if (!strcmp(k, "--flows"))
            c->flows = number(v) > 0;
        else if (!strcmp(k, "--bot"))
            c->bot_token = v;
        else
            return -1;
    }
    return c->url && c->users > 0 && c->updates > 0 && c->senders > 0 &&
                   (c->flows || c->updates / c->users < 4000)
               ? 0
               : -1;
}

static int make_users(CURL *h, const cfg *c)
{
    char body[160];
    for (int u = 0; u < c->users; u++) {
        snprintf(body, sizeof body,
                 "{\"id\":%" PRId64 ",\"first_name\":\"Peer%d\","
                 "\"username\":\"peer%d\"}",
                 c->base + u, u, u);
        if (post_ok(h, c, "/sandbox/users", body))
            return -1;
    }
    return 0;
}

/* Send the burst; 0 when every reply arrived within the timeout. */
static int burst(CURL *h, const cfg *c, double *t0, double *t1)
{
    pthread_t th[64];
    sender s[64];
    int failed = 0, n = c->senders > 64 ? 64 : c->senders;
    long long before = counter(h, c, "messages_sent"), sent = before;
    double end;
    *t0 = now_ms();
    end = *t0 + c->timeout_s * 1e3;
    for (int i = 0; i < n; i++) {
        s[i] = (sender){c, i, 0};
        pthread_create(&th[i], NULL, send_loop, &s[i]);
    }
    for (int i = 0; i < n; i++) {
        pthread_join(th[i], NULL);
        failed += s[i].failed;
    }
    while (sent >= 0 && sent < before + c->updates && now_ms() < end) {
        usleep(10000);
        sent = counter(h, c, "messages_sent");
    }
    *t1 = now_ms();
    if (failed)
        fprintf(stderr, "peerdrive: %d sends failed\n", failed);
    return failed || sent < before + c->updates ? -1 : 0;
}

int main(int argc, char **argv)
{
    cfg c = {NULL, "/whoami", NULL, 200, 10000, 4, 300, 0, INT64_C(7100000000)};
    tally t = {0};
    double t0, t1;
    int rc;
    CURL *h;
    if (parse_args(argc, argv, &c)) {
        fprintf(stderr, "usage: fitbot-peerdrive --url URL [--users N] "
                        "[--updates M] [--senders K] [--text T] "
                        "[--user-base B] [--timeout S] [--flows 1] "
                        "[--bot TOKEN]\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_ALL);
    if (c.bot_token) {
        rc = pd__floorbot(&c);
        curl_global_cleanup();
        return rc;
    }
    h = pd__handle();
    t.lat = calloc((size_t)c.updates, sizeof *t.lat);
    if (!h || !t.lat || make_users(h, &c)) {
        fprintf(stderr, "peerdrive: cannot create users at %s\n", c.url);
        free(t.lat);
        curl_easy_cleanup(h);
        return 1;
    }
    if (c.flows) { /* /register from each, then each one's name */
        c.updates = c.users;
        c.text = "/register";
        rc = burst(h, &c, &t0, &t1);
        c.flows = 2;
        if (rc == 0)
            rc = burst(h, &c, &t0, &t1);
        printf("flow_users %d\nflow_seconds %.3f\n", c.users, (t1 - t0) / 1e3);
        free(t.lat);
        curl_easy_cleanup(h);
        curl_global_cleanup();
        return rc ? 1 : 0;
    }
    rc = burst(h, &c, &t0, &t1);
    for (int u = 0; u < c.users; u++)
        if (read_chat(h, &c, c.base + u, &t))
            rc = -1;
    qsort(t.lat, (size_t)t.nlat, sizeof *t.lat, cmp_d);
    printf("updates %d\nreplies %d\nmissing %d\ncross_talk %d\n", c.updates,
           t.nlat, t.missing, t.wrong);
    printf("seconds %.3f\nthroughput_per_s %.0f\n", (t1 - t0) / 1e3,
           c.updates * 1e3 / (t1 - t0));
    if (t.nlat)
        printf("p50_ms %.1f\np99_ms %.1f\nmax_ms %.1f\n", t.lat[t.nlat / 2],
               t.lat[(t.nlat * 99) / 100], t.lat[t.nlat - 1]);
    free(t.lat);
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return rc || t.missing || t.wrong ? 1 : 0;
}
