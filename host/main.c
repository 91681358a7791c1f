/* fitbot: the command line.
 *
 *     fitbot [run|plugins|routes|migrate|check-config|status] [--config PATH]
 *     fitbot quarantine list | quarantine replay ID [--config PATH]
 *     fitbot --version | --help
 *
 * Exit status: 0 success, 1 runtime failure (or a refused plugin for
 * plugins/routes), 2 usage or configuration mistakes. */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fitbot/plugin.h>

#include "config.h"
#include "host.h"
#include "log.h"
#include "quarantine.h"
#include "status.h"

#ifndef FITBOT_VERSION
#define FITBOT_VERSION "0.0.0"
#endif

enum { EXIT_USAGE = 2 };

static fb__host *volatile running_host;
/* A SIGTERM/SIGINT came (also while the host was still starting). */
static volatile sig_atomic_t stop_asked;

static const char usage_text[] =
    "usage: fitbot [COMMAND] [--config PATH]\n"
    "\n"
    "commands:\n"
    "  run           poll Telegram and serve the plugins (default)\n"
    "  plugins       list the plugins found: loaded, disabled or refused\n"
    "  routes        print the route table built from the plugins\n"
    "  migrate       apply the core and plugin database migrations, then exit\n"
    "  check-config  name every mistake in the configuration, with its line\n"
    "  status        ask the running fitbot (metrics_listen) how it is:\n"
    "                exit 0 ready, 1 not ready, 2 not running\n"
    "  quarantine list       the updates set aside as impossible to handle\n"
    "  quarantine replay ID  run held update ID once again; removed when it\n"
    "                        is handled\n"
    "\n"
    "options:\n"
    "  --config PATH  configuration file (default " FB__CONFIG_DEFAULT_PATH
    ")\n"
    "  --version      print the version and exit\n"
    "  --help         print this text and exit\n"
    "\n"
    "environment: FITBOT_TOKEN, FITBOT_DATABASE_URL, FITBOT_API_URL,\n"
    "FITBOT_SUPER_ADMIN, FITBOT_LOG_LEVEL, FITBOT_PLUGIN_DIR, FITBOT_SQL_DIR\n"
    "override the file; FITBOT_CONFIG replaces the default path.\n";

static const char start_text[] =
    "fitbot needs a Telegram bot token and found none: no FITBOT_TOKEN in the "
    "environment and no configuration file at %s. To start, get a token from "
    "@BotFather and run `FITBOT_TOKEN=<token> "
    "FITBOT_DATABASE_URL=postgresql:///fitbot fitbot`, or write a config file "
    "with `token_file = /etc/fitbot/token` (chmod 600) and `database_url = "
    "...` under [fitbot] and pass it with --config PATH. To try fitbot "
    "offline against the Bot API sandbox and a private PostgreSQL, run "
    "scripts/demo from the source tree. See `fitbot --help` for the "
    "commands.\n";

typedef struct args {
    const char *command;
    const char *config;
    const char *operand[2]; /* words after the command */
    int noperand;
} args;

/* Parse argv. Returns 0 to go on, or an exit status + 1 (so 1 means exit 0). */
static int parse_args(int argc, char **argv, args *a)
{
    int i, have_command = 0;

    a->command = "run";
    a->config = NULL;
    a->noperand = 0;
    for (i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--version") == 0 || strcmp(s, "-V") == 0) {
            printf("fitbot %s (plugin ABI %d.%d)\n", FITBOT_VERSION,
                   FB_ABI_MAJOR, FB_ABI_MINOR);
            return 1;
        } else if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            fputs(usage_text, stdout);
            return 1;
        } else if (strcmp(s, "--config") == 0 || strcmp(s, "-c") == 0) {
            if (++i == argc) {
                fprintf(stderr, "fitbot: --config needs a PATH\n");
                return EXIT_USAGE + 1;
            }
            a->config = argv[i];
        } else if (strncmp(s, "--config=", 9) == 0) {
            a->config = s + 9;
        } else if (s[0] == '-') {
            fprintf(stderr, "fitbot: unknown option '%s'\n%s", s, usage_text);
            return EXIT_USAGE + 1;
        } else if (!have_command) {
            a->command = s;
            have_command = 1;
        } else if (a->noperand < 2) {
            a->operand[a->noperand++] = s;
        } else {
            fprintf(stderr, "fitbot: too many words ('%s')\n%s", s,
                    usage_text);
            return EXIT_USAGE + 1;
        }
    }
    return 0;
}

static void on_signal(int sig)
{
    fb__host *h = running_host;

    if (sig == SIGHUP) {
        if (h)
            fb__host_reload(h);
        return;
    }
    stop_asked = 1;
    if (h)
        fb__host_stop(h);
}

static int install_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGTERM, &sa, NULL) != 0 ||
        sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGHUP, &sa, NULL) != 0)
        return -1;
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL);
}

static int cmd_check_config(const fb__config *cfg,
                            const fb__config_errors *errs)
{
    int refused, bad;

    fb__config_errors_print(cfg, errs, stdout);
    refused = fb__host_check_plugins(cfg, stdout);
    bad = errs->n > 0 || cfg->token == NULL || refused > 0;
    if (cfg->token == NULL)
        printf("%s: no bot token (set FITBOT_TOKEN or token_file)\n",
               cfg->path);
    if (!bad)
        printf("%s: OK (%s; token from %s; database %s)\n", cfg->path,
               cfg->file_found ? "file read" : "no file, environment only",
               cfg->token_source,
               cfg->line.database_url ? "from file" : "default or env");
    else
        printf("%s: %zu mistake(s)\n", cfg->path,
               errs->n + (cfg->token == NULL) + (size_t)refused);
    return bad ? EXIT_USAGE : 0;
}

static int cmd_run(const fb__config *cfg)
{
    char err[512] = "";
    fb__host *h;
    int rc;

    if (cfg->token == NULL) {
        fprintf(stderr,
                "fitbot: no bot token: set FITBOT_TOKEN or token_file "
                "in %s\n",
                cfg->path);
        return EXIT_USAGE;
    }
    if (install_signals() != 0) {
        fb__log(FB_LOG_ERROR, NULL, "start_failed", "cannot install signals");
        return 1;
    }
    h = fb__host_new(cfg, err, sizeof err);
    if (h == NULL) {
        fb__log(FB_LOG_ERROR, NULL, "start_failed", "%s", err);
        return 1;
    }
    running_host = h;
    if (stop_asked) /* during start-up: stop before polling */
        fb__host_stop(h);
    rc = fb__host_run(h);
    running_host = NULL;
    fb__host_free(h);
    fb__log(FB_LOG_INFO, NULL, "stopped", rc == 0 ? "clean stop" : "failed");
    return rc == 0 ? 0 : 1;
}

/* plugins / routes / migrate: status 0, 1 (something refused / failed). */
static int cmd_inspect(const char *command, const fb__config *cfg)
{
    int rc;

    if (strcmp(command, "plugins") == 0)
        rc = fb__host_print_plugins(cfg, stdout);
    else if (strcmp(command, "routes") == 0)
        rc = fb__host_print_routes(cfg, stdout);
    else
        rc = fb__host_migrate(cfg, stdout);
    fflush(stdout);
    return rc == 0 ? 0 : 1;
}

/* fitbot quarantine list | replay ID. */
static int cmd_quarantine(const args *a, const fb__config *cfg)
{
    int rc;

    if (a->noperand == 1 && strcmp(a->operand[0], "list") == 0)
        rc = fb__quarantine_list(cfg, stdout);
    else if (a->noperand == 2 && strcmp(a->operand[0], "replay") == 0)
        rc = fb__host_quarantine_replay(cfg, a->operand[1], stdout);
    else {
        fprintf(stderr, "fitbot: quarantine list | quarantine replay ID\n");
        return EXIT_USAGE;
    }
    fflush(stdout);
    return rc == 0 ? 0 : 1;
}

static int known_command(const args *a)
{
    static const char *const all[] = {
        "run", "plugins", "routes", "migrate", "check-config", "status", NULL};
    const char *c = a->command;
    int i;

    if (strcmp(c, "quarantine") == 0)
        return 1;
    for (i = 0; all[i]; i++)
        if (strcmp(all[i], c) == 0)
            return a->noperand == 0;
    return 0;
}

static int dispatch(const args *a, fb__config *cfg, fb__config_errors *errs)
{
    int is_run = strcmp(a->command, "run") == 0;

    if ((is_run || strcmp(a->command, "check-config") == 0) &&
        !cfg->file_found && cfg->token == NULL && a->config == NULL) {
        fprintf(stderr, start_text, cfg->path);
        return EXIT_USAGE;
    }
    if (strcmp(a->command, "check-config") == 0)
        return cmd_check_config(cfg, errs);
    if (errs->n > 0) {
        fb__config_errors_print(cfg, errs, stderr);
        if (is_run || strcmp(a->command, "migrate") == 0 ||
            strcmp(a->command, "quarantine") == 0) {
            fprintf(stderr, "fitbot: fix the configuration first "
                            "(fitbot check-config)\n");
            return EXIT_USAGE;
        }
    }
    if (is_run)
        return cmd_run(cfg);
    if (strcmp(a->command, "quarantine") == 0)
        return cmd_quarantine(a, cfg);
    if (strcmp(a->command, "status") == 0)
        return fb__status_print(cfg, stdout);
    return cmd_inspect(a->command, cfg);
}

int main(int argc, char **argv)
{
    fb__config_errors errs = {0};
    fb__config cfg;
    args a;
    int rc;

    /* no fastbins: the thread caches serve small blocks, and libpq's and
     * libcurl's 2 KiB+ blocks no longer sweep them up on every update */
    mallopt(M_MXFAST, 0);
    rc = parse_args(argc, argv, &a);

    if (rc != 0)
        return rc - 1;
    if (!known_command(&a)) {
        fprintf(stderr, "fitbot: unknown command '%s'\n%s", a.command,
                usage_text);
        return EXIT_USAGE;
    }
    fb__config_load(a.config, &cfg, &errs);
    fb__log_set_level(cfg.log_level);
    rc = dispatch(&a, &cfg, &errs);
    fb__config_errors_free(&errs);
    fb__config_free(&cfg);
    return rc;
}
