/* fitbot-hostbench: host overhead per update, measured end to end.
 *
 * The real fitbot runs the no-op plugin (tp_noop: every message gets "ok")
 * against fitbot-sandbox (limits scaled out of the way) and a private
 * PostgreSQL. Reports, one "key value" per line:
 *   latency: one user, ping-pong, update sent -> reply seen (p50, p99)
 *   throughput: many users sending at once, updates handled per second
 *   rss: the host's resident memory idle and with 10,000 live
 *        conversations (persisted in fb_conversations)
 * Usage: fitbot-hostbench [pings] [burst] [conversations]
 * Needs FITBOT_TEST_DATABASE_URL (bench/host/run starts one). */
#define _GNU_SOURCE
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fbtest.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The host's pid: the process whose command line names our config. */
static long host_pid(fbt_env *e)
{
    DIR *d = opendir("/proc");
    struct dirent *de;
    long found = -1;
    while (d && (de = readdir(d))) {
        char path[300], buf[4096];
        FILE *f;
        size_t n;
        if (de->d_name[0] < '0' || de->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/cmdline", de->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        for (size_t i = 0; i < n; i++)
            if (!buf[i])
                buf[i] = ' ';
        buf[n] = '\0';
        if (strstr(buf, " run --config ") && strstr(buf, fbt_config_path(e)))
            found = strtol(de->d_name, NULL, 10);
    }
    if (d)
        closedir(d);
    return found;
}

static long rss_kb(long pid)
{
    char path[64], line[256];
    long kb = -1;
    FILE *f;
    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    if (!(f = fopen(path, "r")))
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

static int wait_counter(fbt_env *e, const char *name, int64_t want,
                        int timeout_ms)
{
    double end = now_ms() + timeout_ms;
    while (now_ms() < end) {
        if (fbt_counter(e, name) >= want)
            return 0;
        usleep(5000);
    }
    return -1;
}

static int latency(fbt_env *e, int pings)
{
    double *v = calloc((size_t)pings, sizeof *v);
    if (!v || fbt_user(e, 1, "Bench", NULL))
        return -1;
    for (int i = 0; i < pings; i++) {
        double t0 = now_ms();
        fbt_msg *m;
        if (fbt_say(e, 1, "ping"))
            return -1;
        m = fbt_expect(e, 1, "ok", 10000);
        if (!m) {
            fprintf(stderr, "%s\n", fbt_error(e));
            return -1;
        }
        fbt_msg_free(m);
        v[i] = now_ms() - t0;
    }
    qsort(v, (size_t)pings, sizeof *v, cmp_d);
    printf("latency_pings %d\nlatency_p50_ms %.2f\nlatency_p99_ms %.2f\n",
           pings, v[pings / 2], v[(pings * 99) / 100]);
    free(v);
    return 0;
}

static int throughput(fbt_env *e, int burst)
{
    const int users = 500;
    int64_t before = fbt_counter(e, "messages_sent");
    double t0;
    for (int u = 0; u < users; u++)
        if (fbt_user(e, 1000 + u, "B", NULL))
            return -1;
    t0 = now_ms();
    for (int i = 0; i < burst; i++)
        if (fbt_say(e, 1000 + i % users, "x"))
            return -1;
    if (wait_counter(e, "messages_sent", before + burst, 120000))
        return -1;
    printf("throughput_updates %d\nthroughput_updates_per_s %.0f\n", burst,
           burst * 1000.0 / (now_ms() - t0));
    return 0;
}

static int conversations(fbt_env *e, long pid, int n)
{
    char *v;
    long long have = 0;
    int64_t before = fbt_counter(e, "messages_sent");
    for (int u = 0; u < n; u++)
        if (fbt_user(e, 100000 + u, "C", NULL) ||
            fbt_say(e, 100000 + u, "/hold"))
            return -1;
    if (wait_counter(e, "messages_sent", before + n, 300000))
        return -1;
    v = fbt_sql(e, "SELECT count(*) FROM fb_conversations", 0, NULL);
    if (v)
        have = strtoll(v, NULL, 10);
    free(v);
    sleep(1);
    printf("live_conversations %lld\nrss_kb_with_conversations %ld\n", have,
           rss_kb(pid));
    return 0;
}

int main(int argc, char **argv)
{
    int pings = argc > 1 ? atoi(argv[1]) : 500;
    int burst = argc > 2 ? atoi(argv[2]) : 5000;
    int convs = argc > 3 ? atoi(argv[3]) : 10000;
    fbt_options o = {0};
    fbt_env *e;
    long pid;
    int rc = 1;
    o.plugins = "tp_noop";
    o.plugin_dir = TP_RUN_DIR;
    o.time_scale = 1000;
    o.workers = 4;
    o.log_level = "info"; /* the kit waits for event=ready */
    o.config_extra = "send_rate_global = 100000\nsend_rate_chat = 1000\n"
                     "pool_max = 8\n";
    e = fbt_start(&o);
    if (!e) {
        fprintf(stderr, "fbt_start: %s\n", fbt_error(NULL));
        return 1;
    }
    pid = host_pid(e);
    sleep(1);
    printf("host_pid %ld\nrss_kb_idle %ld\n", pid, rss_kb(pid));
    if (latency(e, pings) == 0 && throughput(e, burst) == 0 &&
        conversations(e, pid, convs) == 0)
        rc = 0;
    else
        fprintf(stderr, "bench failed: %s\n", fbt_error(e));
    fbt_stop(e);
    return rc;
}
