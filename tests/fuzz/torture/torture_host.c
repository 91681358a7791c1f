/* Torture cases of the host: the config loader on a full valid config and
 * on one with errors, the update parser on a body (cJSON parse, then
 * fb__update_parse), and the getUpdates answer through the Bot API client
 * (the body collector, the answer parser), read from a file:// URL. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "dispatch.h"
#include "log.h"
#include "telegram.h"
#include "torture.h"

#define TOKEN "123456789:TORTURE-secret-token"

static const char config_ok[] =
    "; a full config\n[fitbot]\ndatabase_url = postgresql:///t\n"
    "api_url = http://127.0.0.1:1/\nsuper_admin = 7000000001\n"
    "plugin_dir = /p\nsql_dir = /s\nenable = users, subscriptions, hello\n"
    "disable = broadcast\nstrict_plugins = true\nworkers = 8\npool_min = 2\n"
    "pool_max = 16\ntimezone = Asia/Kolkata\nlog_level = warn\n"
    "[plugin.users]\nwelcome = Hi there\nlimit = 5\n[plugin.hello]\n"
    "greeting = Namaste\n";

static const char config_bad[] =
    "[fitbot]\nwrokers = 4\nworkers = many\npool_max = 0\n"
    "timezone = Mars/Olympus\nenable = Bad-Name\nkey without equals\n"
    "[plugin.users]\nwelcome = Hi\n[nosuch]\nx = 1\n";

typedef struct config_case {
    const char *text;
    char path[64];
    char *want; /* summary of the run without failures */
    int want_rc;
} config_case;

/* Everything a load produced, as one string (caller frees). */
static char *config_summary(const fb__config *c, const fb__config_errors *e)
{
    char *s = NULL;
    size_t len = 0, i;
    FILE *f = open_memstream(&s, &len);

    if (!f)
        abort();
    fprintf(f, "%s|%s|%" PRId64 "|%s|%s|%s|%d|%d|%d|%d|%d|", c->database_url,
            c->api_url, c->super_admin, c->plugin_dir, c->sql_dir, c->timezone,
            c->strict_plugins, c->workers, c->pool_min, c->pool_max,
            c->log_level);
    for (i = 0; i < c->n_enable; i++)
        fprintf(f, "+%s", c->enable[i]);
    for (i = 0; i < c->n_disable; i++)
        fprintf(f, "-%s", c->disable[i]);
    for (i = 0; i < c->n_plugin_kv; i++)
        fprintf(f, "[%s.%s=%s]", c->plugin_kv[i].plugin, c->plugin_kv[i].key,
                c->plugin_kv[i].value);
    for (i = 0; i < e->n; i++)
        fprintf(f, "\n%d: %s", e->v[i].line, e->v[i].msg);
    fclose(f);
    return s;
}

static int config_run(void *arg)
{
    config_case *k = arg;
    fb__config cfg;
    fb__config_errors errs = {0};
    int rc = fb__config_load(k->path, &cfg, &errs), out;
    char *got = config_summary(&cfg, &errs);

    if (!k->want) { /* the first run: the reference */
        k->want = got;
        k->want_rc = rc;
        got = NULL;
        out = TORTURE_SAME;
    } else if (rc == k->want_rc && strcmp(got, k->want) == 0) {
        out = TORTURE_SAME;
    } else {
        /* an error, with at least one message saying so */
        out = rc != 0 && errs.n > 0 ? TORTURE_ERROR : TORTURE_BROKEN;
    }
    free(got);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
    return out;
}

static int config_torture(const char *name, const char *text)
{
    config_case k = {text, "/tmp/torture-config-XXXXXX", NULL, 0};
    int fd = mkstemp(k.path), rc;

    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        abort();
    close(fd);
    rc = torture_run(name, config_run, &k);
    unlink(k.path);
    free(k.want);
    return rc;
}

/* ---- updates ------------------------------------------------------------ */

static const char update_body[] =
    "{\"update_id\":100000001,\"message\":{\"message_id\":5,\"from\":{\"id\":"
    "7000000001,\"first_name\":\"Asha\",\"username\":\"asha\"},\"chat\":{"
    "\"id\":7000000001,\"type\":\"private\"},\"date\":1700000000,\"text\":"
    "\"/book@FitBot  yoga 07:00 \"}}";

static int update_run(void *arg)
{
    cJSON *j = cJSON_Parse(update_body);
    fb__update u;
    int rc;

    if (!j)
        return TORTURE_ERROR; /* the body could not be read: reported */
    rc = fb__update_parse(j, "FitBot", &u);
    rc = rc == 0 && u.update_id == 100000001 && u.kind == FB_UPDATE_COMMAND &&
                 u.user == 7000000001 && strcmp(u.cmd, "book") == 0 &&
                 strcmp(u.args, "yoga 07:00") == 0
             ? TORTURE_SAME
             : TORTURE_BROKEN;
    cJSON_Delete(j);
    return rc;
}

/* ---- getUpdates --------------------------------------------------------- */

typedef struct tg_case {
    fb__tg *tg;
    char *want;
} tg_case;

static int tg_run(void *arg)
{
    tg_case *k = arg;
    cJSON *got = NULL;
    fb__tg_error err;
    int rc = fb__tg_get_updates(k->tg, 1, 0, NULL, &got, &err), out;
    char *s;

    torture_hold(); /* the check's own allocations never fail */
    s = got ? cJSON_PrintUnformatted(got) : NULL;
    if (rc == FB__TG_OK && !s) {
        out = TORTURE_BROKEN;
    } else if (rc == FB__TG_OK && !k->want) {
        k->want = s;
        s = NULL;
        out = TORTURE_SAME;
    } else if (rc == FB__TG_OK) {
        out = strcmp(s, k->want) == 0 ? TORTURE_SAME : TORTURE_BROKEN;
    } else {
        out =
            got == NULL && err.description[0] ? TORTURE_ERROR : TORTURE_BROKEN;
    }
    free(s);
    cJSON_Delete(got);
    return out;
}

static int tg_torture(void)
{
    char dir[64] = "/tmp/torture-api-XXXXXX", bot[128], file[160], url[96];
    FILE *f;
    tg_case k = {NULL, NULL};
    int rc;

    if (!mkdtemp(dir))
        abort();
    snprintf(bot, sizeof bot, "%s/bot%s", dir, TOKEN);
    snprintf(file, sizeof file, "%s/getUpdates", bot);
    snprintf(url, sizeof url, "file://%s", dir);
    if (mkdir(bot, 0700) != 0 || !(f = fopen(file, "w")))
        abort();
    fprintf(f, "{\"ok\":true,\"result\":[%s,%s]}", update_body, update_body);
    fclose(f);
    k.tg = fb__tg_new(url, TOKEN);
    if (!k.tg)
        abort();
    rc = torture_run("host getUpdates answer", tg_run, &k);
    fb__tg_free(k.tg);
    free(k.want);
    unlink(file);
    rmdir(bot);
    rmdir(dir);
    return rc;
}

int main(void)
{
    static const char *unset[] = {
        "FITBOT_CONFIG",      "FITBOT_DATABASE_URL", "FITBOT_API_URL",
        "FITBOT_SUPER_ADMIN", "FITBOT_LOG_LEVEL",    "FITBOT_PLUGIN_DIR",
        "FITBOT_SQL_DIR",     "FITBOT_TIMEZONE",     "FITBOT_TEST_CLOCK_FILE"};
    int bad = 0;

    for (size_t i = 0; i < sizeof unset / sizeof unset[0]; i++)
        unsetenv(unset[i]);
    setenv("FITBOT_TOKEN", TOKEN, 1);
    fb__log_set_level(FB_LOG_ERROR + 1);
    torture_init();
    bad += config_torture("host config, valid", config_ok);
    bad += config_torture("host config, with errors", config_bad);
    bad += torture_run("host update body", update_run, NULL);
    bad += tg_torture();
    return bad ? 1 : 0;
}
