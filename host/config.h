/* host/config: the configuration file (INI, parsed with inih) and the
 * environment overrides.
 *
 *     [fitbot]
 *     token_file = /etc/fitbot/token      ; or env FITBOT_TOKEN (env wins)
 *     database_url = postgresql:///fitbot ; env FITBOT_DATABASE_URL
 *     api_url = https://api.telegram.org  ; env FITBOT_API_URL
 *     super_admin = 123456789             ; env FITBOT_SUPER_ADMIN
 *     plugin_dir, sql_dir, enable, disable, strict_plugins, workers,
 *     updates_per_transaction,
 *     pool_min, pool_max, pool_acquire_timeout_ms, conversation_timeout,
 *     timezone (the club's, default UTC), poll_timeout, log_level,
 *     test_clock_file (for tests only: a file holding the clock's offset
 *     in seconds, see clock.h),
 *     send_rate_global (msgs/s, 30), send_rate_chat (msgs/s per private
 *     chat, 1), send_rate_group (msgs/min per group, 20),
 *     paid_broadcast_rate (paid broadcasts/s, 0 = off, 0..1000),
 *     quarantine_after
 *     (failed runs before an update is set aside, 3), updates_batch_max
 *     (updates per getUpdates, 100), outbox_queue_max (interactive
 *     messages queued before the poller waits, 10000), outbox_bulk_max
 *     (bulk messages queued before a bulk sender waits, 20000)
 *     mode (polling | webhook), metrics_listen, webhook_url,
 *     webhook_listen, webhook_secret_file, webhook_tls_cert,
 *     webhook_tls_key, webhook_max_body, health_telegram_max_age
 *     (see docs/OPERATIONS.md)
 *     [plugin.NAME]
 *     any_key = value                     ; read by the plugin (fb_config)
 *
 * Every mistake is collected with its line number, so `fitbot check-config`
 * can name them all at once. The token itself is never put in an error. */
#ifndef FITBOT_HOST_CONFIG_H
#define FITBOT_HOST_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FB__CONFIG_DEFAULT_PATH "/etc/fitbot/fitbot.conf"

/* One key of a [plugin.NAME] section. */
typedef struct fb__config_kv {
    char *plugin;
    char *key;
    char *value;
    int line;
} fb__config_kv;

typedef struct fb__config {
    char *path;     /* file read (or looked for) */
    int file_found; /* 0: no file (only allowed for the default path) */

    char *token;        /* NULL when none; never log it */
    char *token_source; /* "FITBOT_TOKEN", "token_file" or NULL */
    char *token_file;
    char *database_url;  /* default "postgresql:///fitbot" */
    char *api_url;       /* default "https://api.telegram.org" */
    int64_t super_admin; /* 0: none */
    char *plugin_dir;    /* default FITBOT_DEFAULT_PLUGIN_DIR */
    char *sql_dir;       /* default FITBOT_DEFAULT_SQL_DIR */
    char **enable;       /* plugin names; n_enable == 0: every .so found */
    size_t n_enable;
    char **disable;
    size_t n_disable;
    int strict_plugins;          /* default 0 */
    int workers;                 /* default 4, 1..256 */
    int updates_per_transaction; /* the most waiting updates of different
                                    chats and users a worker handles in one
                                    transaction (fb__dispatch_group),
                                    default 8, 1..8 (1: one each) */
    int pool_min;                /* default 1 */
    int pool_max;                /* default 8 */
    int pool_acquire_timeout_ms; /* default 5000 */
    /* every pooled connection (0: off): a statement, a lock wait, a
     * transaction left idle; a TCP peer gone silent (keepalive probes
     * after db_keepalive_idle s, and tcp_user_timeout) */
    int db_statement_timeout_ms;   /* default 30000 */
    int db_lock_timeout_ms;        /* default 10000 */
    int db_idle_in_txn_timeout_ms; /* default 60000 */
    int db_tcp_user_timeout_ms;    /* default 30000 */
    int db_keepalive_idle;         /* seconds, default 30 */
    int shutdown_timeout;          /* seconds after SIGTERM before the
                                      host exits anyway, default 60 */
    int conversation_timeout;    /* seconds, default 600 */
    char *timezone;              /* default "UTC" */
    char *test_clock_file;       /* tests only: clock offset file, or NULL */
    int poll_timeout;            /* seconds, default 25, 0..50 */
    int log_level;               /* FB_LOG_*, default FB_LOG_INFO */
    int send_rate_global;        /* messages per second, default 30 */
    int send_rate_chat;          /* per private chat per second, default 1 */
    int send_rate_group;         /* per group per minute, default 20 */
    int paid_broadcast_rate;     /* paid broadcasts (allow_paid_broadcast,
                                    0.1 Star each) per second in their own
                                    window; 0 (default): off, 0..1000 */
    int quarantine_after;        /* failed runs before an update is set
                                    aside (host/quarantine), default 3 */
    int updates_batch_max;       /* updates per getUpdates, so queued to
                                    the workers at once, default 100,
                                    1..100 */
    int outbox_queue_max;        /* interactive messages queued in memory
                                    before the poller waits, default
                                    10000, 100..1000000 */
    int outbox_bulk_max;         /* bulk messages likewise before a bulk
                                    sender waits, default 20000,
                                    100..1000000 */
    int answer_early_ms;         /* a press whose outcome is this late is
                                    answered "still working" (host/cbwatch)
                                    before Telegram's 15 s window closes;
                                    default 5000, 0 off, 0..14000 */

    /* operations (docs/OPERATIONS.md) */
    char *mode;                /* "polling" (default) or "webhook" */
    char *metrics_listen;      /* /metrics and /healthz: HOST:PORT,
                                  default 127.0.0.1:9464; "off" */
    char *webhook_url;         /* public https URL given to setWebhook */
    char *webhook_listen;      /* HOST:PORT served, default
                                  127.0.0.1:8443 */
    char *webhook_secret_file; /* the secret_token (1-256 of
                                  A-Za-z0-9_-), chmod 600 */
    char *webhook_secret;      /* read from it; never log it */
    char *webhook_tls_cert;    /* PEM files: TLS served directly */
    char *webhook_tls_key;
    int webhook_max_body;        /* bytes, default 1048576 */
    int webhook_max_connections; /* setWebhook's, default 1: Telegram
                                    sends one update at a time (order of
                                    every chat kept, across hosts too) */
    int health_telegram_max_age; /* seconds since Telegram last answered
                                    before /healthz says not ready,
                                    default 120 */

    fb__config_kv *plugin_kv; /* every [plugin.NAME] key, in file order */
    size_t n_plugin_kv;

    /* line of each key in the file, 0 when not set there (for messages) */
    struct {
        int token_file, database_url, api_url, super_admin, plugin_dir, sql_dir,
            pool_min, pool_max, timezone, enable, disable, mode, metrics_listen,
            webhook_url, webhook_listen, webhook_secret_file, webhook_tls_cert;
    } line;
} fb__config;

typedef struct fb__config_error {
    int line;  /* 0 when not tied to a line (environment, missing file) */
    char *msg; /* "unknown key 'wrokers' in [fitbot]" */
} fb__config_error;

typedef struct fb__config_errors {
    fb__config_error *v;
    size_t n;
} fb__config_errors;

/* Fill cfg with defaults, read the file at path (NULL: the default path,
 * $FITBOT_CONFIG or FB__CONFIG_DEFAULT_PATH, whose absence is fine; an
 * explicit path must exist), apply the
 * environment (FITBOT_TOKEN, FITBOT_DATABASE_URL, FITBOT_API_URL,
 * FITBOT_SUPER_ADMIN, FITBOT_LOG_LEVEL), read the token from token_file
 * when the environment has none, then run fb__config_check(). Every
 * mistake is appended to errs (may be NULL). A missing token is NOT a
 * mistake here (plugins/routes/migrate don't need it): callers that do
 * check cfg->token. Returns 0 if no mistake was found, -1 otherwise; in
 * both cases cfg is filled and must be released with fb__config_free(). */
int fb__config_load(const char *path, fb__config *cfg, fb__config_errors *errs);

/* Cross-field and file-system checks on a loaded config: pool_min >
 * pool_max, unknown time zone (no file under /usr/share/zoneinfo), bad
 * api_url (http:// or https:// only), token file unreadable or readable by
 * group/others. Appends to errs; returns the number of mistakes added.
 * (Per-key syntax checks happen while loading, where the line is known.) */
int fb__config_check(const fb__config *cfg, fb__config_errors *errs);

/* Value of key in [plugin.NAME], or NULL. Valid until fb__config_free. */
const char *fb__config_plugin_value(const fb__config *cfg, const char *plugin,
                                    const char *key);

/* 1 if name is in enable (or enable is empty) and not in disable. */
int fb__config_plugin_enabled(const fb__config *cfg, const char *name);

/* Call cb(ud, key) for every [fitbot] key whose value differs between a
 * and b ("token" for the token itself, never its value). Returns how
 * many differ. */
int fb__config_diff(const fb__config *a, const fb__config *b,
                    void (*cb)(void *ud, const char *key), void *ud);

/* Print "PATH:LINE: msg" per mistake (or "PATH: msg" without a line),
 * registered secrets (the token) replaced by ***. */
void fb__config_errors_print(const fb__config *cfg,
                             const fb__config_errors *errs, FILE *out);

/* Free everything cfg / errs own; both are left zeroed. NULL-safe. */
void fb__config_free(fb__config *cfg);
void fb__config_errors_free(fb__config_errors *errs);

#endif
