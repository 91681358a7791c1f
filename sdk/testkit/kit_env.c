/* The environment: temporary folder, database, sandbox and host. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kit.h"

extern char **environ;

static char global_err[8192];
static fbt_env *live; /* every environment not stopped yet */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;

/* Internal: see kit.h. */
int fb__kit_fail(fbt_env *e, const char *fmt, ...)
{
    va_list ap;
    char *buf = e ? e->err : global_err;
    // cppcheck-suppress duplicateValueTernary ; each buffer's own size
    size_t len = e ? sizeof e->err : sizeof global_err;

    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    return -1;
}

/* Internal: see kit.h. */
char *fb__kit_strdup_printf(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

/* Internal: see kit.h. */
int fb__kit_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    size_t n = *cap ? *cap : 8;
    void *p;

    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    p = realloc(*arr, n * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = n;
    return 0;
}

/* See fbtest.h. */
const char *fbt_error(const fbt_env *e)
{
    return e ? e->err : global_err;
}

/* "key = value" into the [fitbot] section, unless the options' own
 * host_config sets the key (the host refuses a key set twice). */
static void host_default(FILE *f, const fbt_options *o, const char *key,
                         const char *value)
{
    const char *at = o->host_config ? strstr(o->host_config, key) : NULL;

    if (!at || (at > o->host_config && at[-1] != '\n'))
        fprintf(f, "%s = %s\n", key, value);
}

/* Fast pacing: the host's send rates at the config's maximums (the
 * sandbox's flood limits are off too, see start_sandbox). */
static const char *const fast[][2] = {{"send_rate_global", "100000"},
                                      {"send_rate_chat", "1000"},
                                      {"send_rate_group", "100000"}};

static int write_config(fbt_env *e, const fbt_options *o)
{
    FILE *f;

    snprintf(e->config_path, sizeof e->config_path, "%s/fitbot.conf", e->dir);
    f = fopen(e->config_path, "w");
    if (!f)
        return fb__kit_fail(e, "cannot write %s", e->config_path);
    fprintf(f, "; written by the fbtest kit\n[fitbot]\n");
    fprintf(f, "plugin_dir = %s\nsql_dir = %s\n", e->plugin_dir, e->sql_dir);
    if (o->plugins)
        fprintf(f, "enable = %s\n", o->plugins);
    if (o->workers > 0)
        fprintf(f, "workers = %d\n", o->workers);
    if (o->conversation_timeout > 0)
        fprintf(f, "conversation_timeout = %d\n", o->conversation_timeout);
    fprintf(f, "poll_timeout = 1\nlog_level = %s\n", e->log_level);
    host_default(f, o, "test_clock_file", e->clock_path);
    host_default(f, o, "metrics_listen", "127.0.0.1:0"); /* any free port */
    if (o->fast_pacing)
        for (size_t i = 0; i < sizeof fast / sizeof fast[0]; i++)
            host_default(f, o, fast[i][0], fast[i][1]);
    if (o->host_config)
        fprintf(f, "%s\n", o->host_config);
    if (o->config_extra)
        fprintf(f, "\n%s\n", o->config_extra);
    return fclose(f) == 0 ? 0 : fb__kit_fail(e, "cannot write config");
}

static void free_envp(char **env)
{
    for (size_t i = 0; env && env[i]; i++)
        free(env[i]);
    free(env);
}

/* 1 for the variables the kit sets itself (or must keep from the host). */
static int kit_owned(const char *kv)
{
    static const char *const owned[] = {
        "FITBOT_TOKEN=",       "FITBOT_DATABASE_URL=", "FITBOT_API_URL=",
        "FITBOT_SUPER_ADMIN=", "FITBOT_PLUGIN_DIR=",   "FITBOT_SQL_DIR=",
        "FITBOT_LOG_LEVEL=",   "FITBOT_TEST_"};

    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        if (strncmp(kv, owned[i], strlen(owned[i])) == 0)
            return 1;
    return 0;
}

/* Append each "K=V" line of lines to env at *k. */
static void add_lines(char **env, size_t *k, const char *lines)
{
    const char *p = lines, *nl;

    while (p && *p) {
        nl = strchr(p, '\n');
        if ((nl ? nl : p + strlen(p)) > p)
            env[(*k)++] = nl ? strndup(p, (size_t)(nl - p)) : strdup(p);
        p = nl ? nl + 1 : p + strlen(p);
    }
}

static size_t count_lines(const char *s)
{
    size_t n = 1;

    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

/* Our environment without the variables the kit owns, plus the host's
 * settings and fbt_options.host_env (malloc'd, NULL-terminated; NULL when
 * out of memory). */
static char **host_envp(fbt_env *e)
{
    size_t n = 0, i, k = 0;
    char **env;

    while (environ[n])
        n++;
    env = calloc(n + 8 + count_lines(e->host_env), sizeof *env);
    if (!env)
        return NULL;
    add_lines(env, &k, e->host_env); /* first: getenv finds these */
    for (i = 0; i < n; i++)
        if (!kit_owned(environ[i]))
            env[k++] = strdup(environ[i]);
    env[k++] = fb__kit_strdup_printf("FITBOT_TOKEN=%s", e->token);
    env[k++] = fb__kit_strdup_printf("FITBOT_DATABASE_URL=%s",
                                     e->host_db_url ? e->host_db_url
                                                    : e->db_url);
    env[k++] = fb__kit_strdup_printf("FITBOT_API_URL=%s", e->sandbox_url);
    env[k++] = fb__kit_strdup_printf("FITBOT_PLUGIN_DIR=%s", e->plugin_dir);
    env[k++] = fb__kit_strdup_printf("FITBOT_SQL_DIR=%s", e->sql_dir);
    if (e->super_admin)
        env[k++] = fb__kit_strdup_printf("FITBOT_SUPER_ADMIN=%" PRId64,
                                         e->super_admin);
    for (i = 0; i < k; i++)
        if (!env[i]) { /* an allocation failed: free the rest too */
            for (size_t j = i + 1; j < k; j++)
                free(env[j]);
            free_envp(env);
            return NULL;
        }
    return env;
}

/* Start the sandbox and read its port from its first line. */
static int start_sandbox(fbt_env *e, const fbt_options *o)
{
    char bin[KIT_PATH], scale[32], *text, *at;
    char *argv[] = {
        bin,      "--port",       "0",   "--token",
        e->token, "--time-scale", scale, o->fast_pacing ? "--no-limits" : NULL,
        NULL};
    unsigned port = 0;

    fb__kit_pick(bin, "FITBOT_SANDBOX_BIN", FBT_SANDBOX_BIN,
                 FBT_SANDBOX_BIN_INSTALLED);
    if (access(bin, X_OK) != 0)
        return fb__kit_fail(e,
                            "fitbot-sandbox not found at %s (build it or "
                            "set FITBOT_SANDBOX_BIN)",
                            bin);
    snprintf(scale, sizeof scale, "%g", o->time_scale > 0 ? o->time_scale : 1);
    snprintf(e->sandbox_log, sizeof e->sandbox_log, "%s/sandbox.log", e->dir);
    e->sandbox_pid = fb__kit_spawn(argv, NULL, e->sandbox_log);
    if (e->sandbox_pid < 0 ||
        fb__kit_file_wait(e->sandbox_log, 0, "listening on http://127.0.0.1:",
                          10000, e->sandbox_pid) != 0) {
        text = fb__kit_tail(e->sandbox_log, 20);
        fb__kit_fail(e, "fitbot-sandbox did not start:\n%s", text);
        free(text);
        return -1;
    }
    text = fb__kit_read_file(e->sandbox_log, NULL);
    at = text ? strstr(text, "http://127.0.0.1:") : NULL;
    if (at) /* NOLINTNEXTLINE(cert-err34-c): port stays 0, checked below */
        sscanf(at, "http://127.0.0.1:%u", &port);
    free(text);
    if (port == 0)
        return fb__kit_fail(e, "no port in the sandbox's first line");
    snprintf(e->sandbox_url, sizeof e->sandbox_url, "http://127.0.0.1:%u",
             port);
    return 0;
}

/* Every plugin of the enable list must have logged event=plugin_loaded
 * since offset: a story naming a plugin that was not built or was refused
 * fails here, with the reason in the log, not later with a puzzling
 * silence. */
static int check_loaded(fbt_env *e, size_t offset)
{
    char list[sizeof e->plugins], *name, *save = NULL, needle[128], *tail;
    char *text = fb__kit_read_file(e->log_path, NULL);
    int rc = 0;

    snprintf(list, sizeof list, "%s", e->plugins);
    for (name = strtok_r(list, ", \t", &save); name && rc == 0;
         name = strtok_r(NULL, ", \t", &save)) {
        snprintf(needle, sizeof needle, "plugin=%s event=plugin_loaded", name);
        if (text && strlen(text) >= offset && strstr(text + offset, needle))
            continue;
        tail = fb__kit_tail(e->log_path, 30);
        rc = fb__kit_fail(e,
                          "plugin %s was not loaded (not built, or "
                          "refused); the host's last lines:\n%s",
                          name, tail ? tail : "");
        free(tail);
    }
    free(text);
    return rc;
}

/* See fbtest.h. */
int fbt_host_start(fbt_env *e)
{
    char *argv[] = {e->host_bin, "run", "--config", e->config_path, NULL};
    char **env;
    size_t offset;
    int rc;
    char *tail;

    if (e->host_pid > 0)
        return fb__kit_fail(e, "the host is already running");
    if (access(e->host_bin, X_OK) != 0)
        return fb__kit_fail(e,
                            "fitbot not found at %s (build it or set "
                            "FITBOT_BIN)",
                            e->host_bin);
    env = host_envp(e);
    if (!env)
        return fb__kit_fail(e, "out of memory");
    offset = fb__kit_file_size(e->log_path);
    e->host_pid = fb__kit_spawn(argv, env, e->log_path);
    free_envp(env);
    if (e->host_pid < 0)
        return fb__kit_fail(e, "fork failed");
    rc = fb__kit_file_wait(e->log_path, offset, "event=ready",
                           e->ready_timeout_ms, e->host_pid);
    if (rc == 0)
        return check_loaded(e, offset);
    if (rc == -2)
        e->host_pid = 0;
    tail = fb__kit_tail(e->log_path, 30);
    fb__kit_fail(e, "fitbot %s before event=ready; its last lines:\n%s",
                 rc == -2 ? "exited" : "timed out", tail ? tail : "");
    free(tail);
    return -1;
}

/* See fbtest.h. */
int fbt_host_stop(fbt_env *e)
{
    int status;

    if (!e || e->host_pid <= 0)
        return -1;
    status = fb__kit_terminate(e->host_pid, 10000);
    e->host_pid = 0;
    return status;
}

/* 1 if some fb_outbox row is being sent (attempted, not yet recorded
 * delivered); 0 also when the database could not say (an outage: kill). */
static int send_in_flight(fbt_env *e)
{
    char *n = fbt_sql(e,
                      "SELECT count(*) FROM fb_outbox "
                      "WHERE delivered_at IS NULL AND attempts > 0",
                      0, NULL);
    int busy = n && strcmp(n, "0") != 0;

    free(n);
    return busy;
}

/* Stop the host (SIGSTOP) at a moment no reply is being sent, trying for
 * up to 3 s, every 2 ms of running (a reply is in flight from its attempt
 * mark, or from the COMMIT that stored it attempted, until its delivery
 * mark is written: under a steady stream the quiet moments between are
 * short): a kill then never lands in the few milliseconds between
 * Telegram's answer and the record, where a reply would be sent again at
 * the next start (promise 10's at-least-once case). Stopped, the host
 * cannot start a request after the look: its attempt mark commits before
 * the request leaves, so a request on its way shows in the look. */
static void stop_between_sends(fbt_env *e)
{
    int st;

    for (int64_t end = fbt_now_ms() + 3000; fbt_now_ms() < end;) {
        if (kill(e->host_pid, SIGSTOP) != 0)
            return;
        if (waitpid(e->host_pid, &st, WUNTRACED) != e->host_pid ||
            !WIFSTOPPED(st)) { /* it exited meanwhile: reaped here */
            e->host_pid = 0;
            return;
        }
        if (!send_in_flight(e))
            return;
        kill(e->host_pid, SIGCONT);
        fb__kit_sleep_ms(2);
    }
}

int fbt_host_kill(fbt_env *e)
{
    if (!e || e->host_pid <= 0)
        return -1;
    stop_between_sends(e);
    if (e->host_pid <= 0) /* it had exited */
        return 0;
    kill(e->host_pid, SIGKILL);
    fb__kit_wait(e->host_pid, 10000, NULL);
    e->host_pid = 0;
    return 0;
}

/* See fbtest.h. */
int fbt_db_cut(fbt_env *e, int cut)
{
    if (!e || !e->proxy)
        return e ? fb__kit_fail(e, "fbt_db_cut needs fbt_options.db_proxy")
                 : -1;
    fb__kit_proxy_cut(e->proxy, cut);
    return 0;
}

/* See fbtest.h. */
int fbt_host_signal(fbt_env *e, int sig)
{
    if (!e || e->host_pid <= 0)
        return -1;
    return kill(e->host_pid, sig) == 0 ? 0 : -1;
}

/* See fbtest.h. */
int fbt_host_restart(fbt_env *e)
{
    fbt_host_stop(e);
    return fbt_host_start(e);
}

/* See fbtest.h. */
int fbt_host_running(fbt_env *e)
{
    int status;

    if (!e || e->host_pid <= 0)
        return 0;
    if (fb__kit_wait(e->host_pid, 0, &status) == 0) {
        e->host_pid = 0;
        return 0;
    }
    return 1;
}

/* At exit, stop the environments this process started. A child forked
 * after fbt_start (a test's fork, Check's fork mode) inherits the handler
 * and the list, but the children processes are its parent's: it leaves
 * them alone. */
static void stop_all_at_exit(void)
{
    pid_t self = getpid();
    fbt_env *e;

    do {
        pthread_mutex_lock(&live_lock);
        for (e = live; e && e->owner != self; e = e->next)
            ;
        pthread_mutex_unlock(&live_lock);
        if (e)
            fbt_stop(e);
    } while (e);
}

static void register_env(fbt_env *e)
{
    static int once;

    pthread_mutex_lock(&live_lock);
    e->owner = getpid();
    e->next = live;
    live = e;
    if (!once++)
        atexit(stop_all_at_exit);
    pthread_mutex_unlock(&live_lock);
}

static void unregister_env(fbt_env *e)
{
    fbt_env **p;

    pthread_mutex_lock(&live_lock);
    for (p = &live; *p; p = &(*p)->next)
        if (*p == e) {
            *p = e->next;
            break;
        }
    pthread_mutex_unlock(&live_lock);
}

static void random_token(fbt_env *e)
{
    unsigned long long r = (unsigned long long)fb__kit_now_ms() * 2654435761u ^
                           (unsigned long long)getpid() << 20;

    snprintf(e->token, sizeof e->token, "7%09u:TESTsecret%016llxQz",
             (unsigned)(r % 1000000000u), r * 0x9e3779b97f4a7c15ULL);
}

/* The relay fbt_db_cut cuts, and the host's conninfo through it (a
 * keyword given twice: libpq takes the last). 0 or -1. */
static int start_proxy(fbt_env *e)
{
    e->proxy = fb__kit_proxy_start(e->db_url);
    if (!e->proxy)
        return fb__kit_fail(e, "cannot start the database relay");
    e->host_db_url = fb__kit_strdup_printf("%s host=127.0.0.1 "
                                           "hostaddr=127.0.0.1 port=%d",
                                           e->db_url,
                                           fb__kit_proxy_port(e->proxy));
    return e->host_db_url ? 0 : fb__kit_fail(e, "out of memory");
}

/* Everything fbt_start does after allocating e. */
static int start(fbt_env *e, const fbt_options *o)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(e->dir, sizeof e->dir, "%s/fbtest.XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(e->dir))
        return fb__kit_fail(e, "mkdtemp: %s", strerror(errno));
    snprintf(e->log_path, sizeof e->log_path, "%s/host.log", e->dir);
    snprintf(e->log_level, sizeof e->log_level, "%s",
             o->log_level ? o->log_level : "debug");
    fb__kit_pick(e->host_bin, "FITBOT_BIN", FBT_HOST_BIN,
                 FBT_HOST_BIN_INSTALLED);
    e->super_admin = o->super_admin;
    snprintf(e->plugins, sizeof e->plugins, "%s", o->plugins ? o->plugins : "");
    if (o->host_env && !(e->host_env = strdup(o->host_env)))
        return fb__kit_fail(e, "out of memory");
    e->ready_timeout_ms = o->ready_timeout_ms > 0 ? o->ready_timeout_ms : 30000;
    random_token(e);
    if (fb__kit_plugin_dir(e, o->plugin_dir) != 0 ||
        fb__kit_sql_dir(e, o->sql_dirs) != 0 || fb__kit_clock_init(e, o->clock_start) != 0 ||
        fb__kit_db_create(e) != 0 || (o->db_proxy && start_proxy(e)) ||
        write_config(e, o) != 0 || start_sandbox(e, o) != 0)
        return -1;
    return o->no_host ? 0 : fbt_host_start(e);
}

/* See fbtest.h. */
fbt_env *fbt_start(const fbt_options *o)
{
    static const fbt_options defaults;
    fbt_env *e = calloc(1, sizeof *e);

    if (!e) {
        fb__kit_fail(NULL, "out of memory");
        return NULL;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    register_env(e);
    if (start(e, o ? o : &defaults) != 0) {
        fb__kit_fail(NULL, "%s", e->err);
        fbt_stop(e);
        return NULL;
    }
    return e;
}

static void remove_tree(const char *dir)
{
    char *argv[] = {"/bin/rm", "-rf", (char *)dir, NULL};
    pid_t pid = fb__kit_spawn(argv, NULL, "/dev/null");

    if (pid > 0)
        fb__kit_wait(pid, 30000, NULL);
}

/* See fbtest.h. */
void fbt_stop(fbt_env *e)
{
    const char *keep = getenv("FITBOT_TEST_KEEP");
    size_t i;

    if (!e)
        return;
    unregister_env(e);
    fbt_host_stop(e);
    if (e->sandbox_pid > 0)
        fb__kit_terminate(e->sandbox_pid, 5000);
    if (!(keep && *keep == '1'))
        fb__kit_db_drop(e);
    else if (e->db)
        PQfinish(e->db);
    if (e->dir[0] && !(keep && *keep == '1'))
        remove_tree(e->dir);
    else if (e->dir[0])
        fprintf(stderr, "fbtest: kept %s (database %s)\n", e->dir, e->db_name);
    if (e->curl)
        curl_easy_cleanup(e->curl);
    for (i = 0; i < e->ncursors; i++) {
        for (size_t k = 0; k < e->cursors[i].n; k++)
            free(e->cursors[i].seen[k].text0);
        free(e->cursors[i].seen);
    }
    free(e->cursors);
    free(e->presses);
    fb__kit_proxy_free(e->proxy);
    free(e->host_db_url);
    free(e->db_url);
    free(e->base_url);
    free(e->host_env);
    free(e);
}

/* See fbtest.h. */
const char *fbt_sandbox_url(const fbt_env *e)
{
    return e->sandbox_url;
}
const char *fbt_db_url(const fbt_env *e)
{
    return e->db_url;
}
const char *fbt_token(const fbt_env *e)
{
    return e->token;
}
const char *fbt_host_log_path(const fbt_env *e)
{
    return e->log_path;
}
const char *fbt_config_path(const fbt_env *e)
{
    return e->config_path;
}
const char *fbt_dir(const fbt_env *e)
{
    return e->dir;
}

/* See fbtest.h. */
char *fbt_host_log(const fbt_env *e)
{
    char *t = fb__kit_read_file(e->log_path, NULL);

    return t ? t : strdup("");
}

/* See fbtest.h. */
int fbt_log_count(const fbt_env *e, const char *needle)
{
    char *text = fbt_host_log(e), *line, *save = NULL;
    int n = 0;

    if (!text)
        return -1;
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        n += strstr(line, needle) != NULL;
    free(text);
    return n;
}

/* See fbtest.h. */
int fbt_log_has_token(const fbt_env *e)
{
    const char *secret = strchr(e->token, ':') + 1;
    char *t = fb__kit_read_file(e->log_path, NULL);
    int found = t && (strstr(t, e->token) || strstr(t, secret));

    free(t);
    return found;
}
