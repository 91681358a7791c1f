/* The floor bot of bench/peers (fitbot-peerdrive --bot TOKEN): what every
 * bot must do per update and nothing more, in C: one share of a long-poll
 * getUpdates (libcurl, keep-alive), the batch parsed with cJSON, and one
 * sendMessage per message (its JSON body built with cJSON) from a few
 * sender threads, each with a keep-alive handle of its own. No database,
 * no routing, no state: its CPU per update is the HTTP + JSON floor under
 * any bot process. See peerdrive.h. */
#include <cJSON.h>
#include <curl/curl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "peerdrive.h"

#define QMAX 4096 /* replies waiting for a sender */
#define SENDERS_MAX 64

typedef struct reply {
    int64_t chat;
    char name[64];
} reply;

typedef struct floorq {
    const cfg *c;
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    reply q[QMAX];
    size_t head, n;
    int done; /* no more replies will come */
} floorq;

static volatile sig_atomic_t stop_asked;

static void on_stop(int sig)
{
    (void)sig;
    stop_asked = 1;
}

/* Queue one reply, waiting for room. */
static void push(floorq *f, int64_t chat, const char *name)
{
    reply *r;

    pthread_mutex_lock(&f->mu);
    while (f->n == QMAX)
        pthread_cond_wait(&f->room, &f->mu);
    r = &f->q[(f->head + f->n++) % QMAX];
    r->chat = chat;
    snprintf(r->name, sizeof r->name, "%s", name);
    pthread_cond_signal(&f->more);
    pthread_mutex_unlock(&f->mu);
}

/* Take the next reply into *out: 1, or 0 once done and empty. */
static int pop(floorq *f, reply *out)
{
    pthread_mutex_lock(&f->mu);
    while (f->n == 0 && !f->done)
        pthread_cond_wait(&f->more, &f->mu);
    if (f->n == 0) {
        pthread_mutex_unlock(&f->mu);
        return 0;
    }
    *out = f->q[f->head];
    f->head = (f->head + 1) % QMAX;
    f->n--;
    pthread_cond_signal(&f->room);
    pthread_mutex_unlock(&f->mu);
    return 1;
}

/* sendMessage with /whoami's text for an unregistered user (the bench's
 * names are plain letters and digits: no HTML to escape). */
static void send_reply(CURL *h, const floorq *f, const reply *r)
{
    char path[160], text[256];
    cJSON *o = cJSON_CreateObject();
    char *body, *ans;

    snprintf(text, sizeof text,
             "You are %s, id <code>%" PRId64 "</code>, not registered yet. "
             "Send /start to register.",
             r->name, r->chat);
    /* a double holds Telegram's ids exactly (they fit in 52 bits) */
    cJSON_AddNumberToObject(o, "chat_id", (double)r->chat);
    cJSON_AddStringToObject(o, "text", text);
    cJSON_AddStringToObject(o, "parse_mode", "HTML");
    body = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    snprintf(path, sizeof path, "/bot%s/sendMessage", f->c->bot_token);
    ans = body ? pd__call(h, f->c, path, body) : NULL;
    if (!ans)
        fprintf(stderr, "floorbot: a sendMessage failed\n");
    free(ans);
    free(body);
}

static void *sender_main(void *arg)
{
    floorq *f = arg;
    CURL *h = pd__handle();
    reply r;

    while (pop(f, &r))
        if (h)
            send_reply(h, f, &r);
    curl_easy_cleanup(h);
    return NULL;
}

/* Queue a reply to each message of a getUpdates answer; returns the next
 * offset (offset itself when the batch was empty or unreadable). */
static int64_t take_batch(floorq *f, const char *body, int64_t offset)
{
    cJSON *j = cJSON_Parse(body);
    const cJSON *u;

    cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(j, "result"))
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(u, "update_id");
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(u, "message");
        const cJSON *chat = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(m, "chat"), "id");
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(m, "from"), "first_name");

        if (cJSON_IsNumber(id) && (int64_t)id->valuedouble >= offset)
            offset = (int64_t)id->valuedouble + 1;
        if (cJSON_IsNumber(chat))
            push(f, (int64_t)chat->valuedouble,
                 cJSON_IsString(name) ? name->valuestring : "");
    }
    cJSON_Delete(j);
    return offset;
}

/* Long-poll until asked to stop, the parent is gone or the time is up. */
static void poll_loop(floorq *f, CURL *h)
{
    char path[192];
    pid_t parent = getppid();
    time_t end = time(NULL) + f->c->timeout_s;
    int64_t offset = 0;

    while (!stop_asked && getppid() == parent && time(NULL) < end) {
        char *body;

        snprintf(path, sizeof path,
                 "/bot%s/getUpdates?offset=%" PRId64 "&timeout=1&limit=100",
                 f->c->bot_token, offset);
        body = pd__call(h, f->c, path, NULL);
        if (body)
            offset = take_batch(f, body, offset);
        else
            usleep(100000);
        free(body);
    }
}

/* See peerdrive.h. */
int pd__floorbot(const cfg *c)
{
    static floorq f;
    pthread_t th[SENDERS_MAX];
    int i, n = c->senders > SENDERS_MAX ? SENDERS_MAX : c->senders;
    CURL *h = pd__handle();

    if (!h)
        return 1;
    f.c = c;
    pthread_mutex_init(&f.mu, NULL);
    pthread_cond_init(&f.more, NULL);
    pthread_cond_init(&f.room, NULL);
    signal(SIGTERM, on_stop);
    signal(SIGINT, on_stop);
    for (i = 0; i < n; i++)
        pthread_create(&th[i], NULL, sender_main, &f);
    printf("ready\n");
    fflush(stdout);
    poll_loop(&f, h);
    pthread_mutex_lock(&f.mu);
    f.done = 1;
    pthread_cond_broadcast(&f.more);
    pthread_mutex_unlock(&f.mu);
    for (i = 0; i < n; i++)
        pthread_join(th[i], NULL);
    curl_easy_cleanup(h);
    return 0;
}
