/* host/config: parsing, environment overrides and every check-config
 * mistake with its line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fbtc.h"
#include "log.h"

static char dir[64];
static char path[128];

static void clear_env(void)
{
    static const char *vars[] = {"FITBOT_TOKEN",     "FITBOT_DATABASE_URL",
                                 "FITBOT_API_URL",   "FITBOT_SUPER_ADMIN",
                                 "FITBOT_LOG_LEVEL", "FITBOT_PLUGIN_DIR",
                                 "FITBOT_SQL_DIR",   NULL};
    int i;
    for (i = 0; vars[i]; i++)
        unsetenv(vars[i]);
}

static void setup(void)
{
    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fitbot-cfg-XXXXXX");
    snprintf(path, sizeof path, "%s/fitbot.conf", dir);
    clear_env();
}

static void teardown(void)
{
    ck_assert_int_eq(fbtc_rmtree(dir), 0);
}

/* The mistake reported on line, or NULL. */
static const char *error_on(const fb__config_errors *e, int line)
{
    size_t i;
    for (i = 0; i < e->n; i++)
        if (e->v[i].line == line)
            return e->v[i].msg;
    return NULL;
}

static int has_error(const fb__config_errors *e, int line, const char *needle)
{
    size_t i;
    for (i = 0; i < e->n; i++)
        if (e->v[i].line == line && strstr(e->v[i].msg, needle))
            return 1;
    return 0;
}

START_TEST(good_file)
{
    char text[1024], tok[160];
    fb__config cfg;
    fb__config_errors errs = {0};

    snprintf(tok, sizeof tok, "%s/token", dir);
    fbtc_write_file(tok, "  42:abcdefghijklmnop \n", 0600);
    snprintf(text, sizeof text,
             "# comment\n"
             "; other comment\n"
             "[fitbot]\n"
             "token_file = %s\n"
             "database_url = postgresql://fitbot@127.0.0.1:5432/x ; inline\n"
             "api_url = http://127.0.0.1:8081\n"
             "super_admin = 9007199254740000\n"
             "enable = users, subscriptions\n"
             "disable = broadcast\n"
             "strict_plugins = yes\n"
             "workers = 8\n"
             "pool_min = 2\n"
             "pool_max = 16\n"
             "pool_acquire_timeout_ms = 700\n"
             "conversation_timeout = 900\n"
             "timezone = Asia/Kolkata\n"
             "poll_timeout = 5\n"
             "log_level = debug\n"
             "send_rate_global = 300\n"
             "[plugin.users]\n"
             "approval = staff\n"
             "[plugin.broadcast]\n"
             "approval = none\n",
             tok);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), 0);
    ck_assert_uint_eq(errs.n, 0);
    ck_assert_int_eq(cfg.file_found, 1);
    ck_assert_str_eq(cfg.token, "42:abcdefghijklmnop");
    ck_assert_str_eq(cfg.token_source, "token_file");
    ck_assert_str_eq(cfg.database_url, "postgresql://fitbot@127.0.0.1:5432/x");
    ck_assert_str_eq(cfg.api_url, "http://127.0.0.1:8081");
    ck_assert(cfg.super_admin == INT64_C(9007199254740000));
    ck_assert_uint_eq(cfg.n_enable, 2);
    ck_assert_str_eq(cfg.enable[1], "subscriptions");
    ck_assert_int_eq(cfg.strict_plugins, 1);
    ck_assert_int_eq(cfg.workers, 8);
    ck_assert_int_eq(cfg.pool_min, 2);
    ck_assert_int_eq(cfg.pool_max, 16);
    ck_assert_int_eq(cfg.pool_acquire_timeout_ms, 700);
    ck_assert_int_eq(cfg.conversation_timeout, 900);
    ck_assert_str_eq(cfg.timezone, "Asia/Kolkata");
    ck_assert_int_eq(cfg.poll_timeout, 5);
    ck_assert_int_eq(cfg.log_level, FB_LOG_DEBUG);
    ck_assert_int_eq(cfg.send_rate_global, 300);
    ck_assert_int_eq(cfg.send_rate_chat, 1);
    ck_assert_str_eq(fb__config_plugin_value(&cfg, "users", "approval"),
                     "staff");
    ck_assert_str_eq(fb__config_plugin_value(&cfg, "broadcast", "approval"),
                     "none");
    ck_assert_ptr_null(fb__config_plugin_value(&cfg, "users", "nope"));
    ck_assert_int_eq(fb__config_plugin_enabled(&cfg, "users"), 1);
    ck_assert_int_eq(fb__config_plugin_enabled(&cfg, "broadcast"), 0);
    ck_assert_int_eq(fb__config_plugin_enabled(&cfg, "other"), 0);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

START_TEST(every_mistake_with_its_line)
{
    char text[1024], tok[160];
    fb__config cfg;
    fb__config_errors errs = {0};

    snprintf(tok, sizeof tok, "%s/token", dir);
    fbtc_write_file(tok, "42:abcdefghijklmnop\n", 0644);
    snprintf(text, sizeof text,
             "[fitbot]\n"                       /* 1 */
             "wrokers = 4\n"                    /* 2 unknown key */
             "workers = four\n"                 /* 3 non-numeric */
             "pool_min = 10\n"                  /* 4 > pool_max */
             "pool_max = 3\n"                   /* 5 */
             "timezone = Mars/Olympus_Mons\n"   /* 6 bad zone */
             "api_url = ftp://example.com\n"    /* 7 bad URL */
             "super_admin = -12\n"              /* 8 not positive */
             "token_file = %s\n"                /* 9 world-readable */
             "this line is junk\n"              /* 10 */
             "strict_plugins = maybe\n"         /* 11 */
             "enable = users, Bad-Name\n"       /* 12 */
             "[wat]\n"                          /* 13 */
             "x = 1\n"                          /* 14 unknown section */
             "[fitbot]\n"                       /* 15 */
             "workers = 2\n"                    /* 16 set twice */
             "poll_timeout = 99\n"              /* 17 out of range */
             "log_level = loud\n"               /* 18 */
             "database_url = host=x bogus=1\n", /* 19 */
             tok);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    ck_assert_ptr_null(error_on(&errs, 1));
    ck_assert(has_error(&errs, 2, "unknown key 'wrokers'"));
    ck_assert(has_error(&errs, 3, "workers"));
    ck_assert(has_error(&errs, 4, "pool_min (10) is larger than pool_max (3)"));
    ck_assert(has_error(&errs, 6, "time zone"));
    ck_assert(has_error(&errs, 7, "api_url"));
    ck_assert(has_error(&errs, 8, "super_admin"));
    ck_assert(has_error(&errs, 9, "readable by everyone"));
    ck_assert(has_error(&errs, 10, "not a 'key = value' line"));
    ck_assert(has_error(&errs, 11, "strict_plugins"));
    ck_assert(has_error(&errs, 12, "Bad-Name"));
    ck_assert(has_error(&errs, 13, "unknown section [wat]"));
    ck_assert(has_error(&errs, 16, "first set on line 3"));
    ck_assert(has_error(&errs, 17, "poll_timeout"));
    ck_assert(has_error(&errs, 18, "log_level"));
    ck_assert(has_error(&errs, 19, "database_url"));
    ck_assert_uint_eq(errs.n, 15);
    /* sorted by line */
    ck_assert_int_eq(errs.v[0].line, 2);
    ck_assert_int_eq(errs.v[errs.n - 1].line, 19);
    /* the token never appears in a message */
    for (size_t i = 0; i < errs.n; i++)
        ck_assert_ptr_null(strstr(errs.v[i].msg, "abcdefghijklmnop"));
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

START_TEST(token_file_problems)
{
    char text[512], tok[160];
    fb__config cfg;
    fb__config_errors errs = {0};

    snprintf(tok, sizeof tok, "%s/token", dir);
    fbtc_write_file(tok, "42:abcdefghijklmnop\n", 0640);
    snprintf(text, sizeof text, "[fitbot]\n\ntoken_file = %s\n", tok);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    ck_assert(has_error(&errs, 3, "readable by its group"));
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);

    snprintf(text, sizeof text, "[fitbot]\ntoken_file = %s/missing\n", dir);
    fbtc_write_file(path, text, 0644);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    ck_assert(has_error(&errs, 2, "cannot read token file"));
    ck_assert_ptr_null(cfg.token);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

START_TEST(environment_wins)
{
    char text[512], tok[160];
    fb__config cfg;
    fb__config_errors errs = {0};

    snprintf(tok, sizeof tok, "%s/token", dir);
    fbtc_write_file(tok, "42:fromthefile000\n", 0600);
    snprintf(text, sizeof text,
             "[fitbot]\ntoken_file = %s\napi_url = http://a.example\n"
             "super_admin = 5\n",
             tok);
    fbtc_write_file(path, text, 0600);
    setenv("FITBOT_TOKEN", "77:fromtheenvironment", 1);
    setenv("FITBOT_API_URL", "http://127.0.0.1:9", 1);
    setenv("FITBOT_SUPER_ADMIN", "4294967297", 1);
    setenv("FITBOT_DATABASE_URL", "host=127.0.0.1 password=hunter2hunter2", 1);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), 0);
    ck_assert_str_eq(cfg.token, "77:fromtheenvironment");
    ck_assert_str_eq(cfg.token_source, "FITBOT_TOKEN");
    ck_assert_str_eq(cfg.api_url, "http://127.0.0.1:9");
    ck_assert(cfg.super_admin == INT64_C(4294967297));
    ck_assert_str_eq(cfg.database_url,
                     "host=127.0.0.1 password=hunter2hunter2");
    {
        char buf[128];
        fb__log_redact("pw hunter2hunter2 tok 77:fromtheenvironment", buf,
                       sizeof buf);
        ck_assert_str_eq(buf, "pw *** tok ***");
    }
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);

    setenv("FITBOT_SUPER_ADMIN", "12abc", 1);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    ck_assert(has_error(&errs, 0, "FITBOT_SUPER_ADMIN"));
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

START_TEST(missing_files)
{
    fb__config cfg;
    fb__config_errors errs = {0};

    /* an explicit path must exist */
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    ck_assert(has_error(&errs, 0, "cannot read config file"));
    ck_assert_int_eq(cfg.file_found, 0);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

START_TEST(defaults)
{
    fb__config cfg;
    fb__config_errors errs = {0};

    fbtc_write_file(path, "[fitbot]\n", 0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), 0);
    ck_assert_ptr_null(cfg.token);
    ck_assert_str_eq(cfg.api_url, "https://api.telegram.org");
    ck_assert_str_eq(cfg.database_url, "postgresql:///fitbot");
    ck_assert_int_eq(cfg.workers, 4);
    ck_assert_int_eq(cfg.updates_per_transaction, 8);
    ck_assert_int_eq(cfg.pool_max, 8);
    ck_assert_int_eq(cfg.conversation_timeout, 600);
    ck_assert_int_eq(cfg.poll_timeout, 25);
    ck_assert_int_eq(cfg.send_rate_global, 30);
    ck_assert_int_eq(cfg.send_rate_group, 20);
    ck_assert_int_eq(cfg.paid_broadcast_rate, 0); /* off */
    ck_assert_int_eq(cfg.updates_batch_max, 100);
    ck_assert_int_eq(cfg.outbox_queue_max, 10000);
    ck_assert_int_eq(cfg.outbox_bulk_max, 20000);
    ck_assert_int_eq(cfg.answer_early_ms, 5000);
    ck_assert(cfg.super_admin == 0);
    ck_assert_str_eq(cfg.timezone, "UTC"); /* what fitbot.conf.in says */
    ck_assert_ptr_null(cfg.test_clock_file);
    ck_assert_int_eq(fb__config_plugin_enabled(&cfg, "anything"), 1);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

/* The bounds of memory: checked like every number. */
START_TEST(queue_bounds_checked)
{
    fb__config cfg;
    fb__config_errors errs = {0};

    fbtc_write_file(path,
                    "[fitbot]\n"                  /* 1 */
                    "updates_batch_max = 101\n"   /* 2 over 100 */
                    "outbox_queue_max = 50\n"     /* 3 under 100 */
                    "outbox_bulk_max = 5000\n"    /* 4 fine */
                    "answer_early_ms = 15000\n"   /* 5 over 14000 */
                    "updates_per_transaction = 9\n", /* 6 over 8 */
                    0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    ck_assert(has_error(&errs, 2, "updates_batch_max"));
    ck_assert(has_error(&errs, 3, "outbox_queue_max"));
    ck_assert_ptr_null(error_on(&errs, 4));
    ck_assert(has_error(&errs, 5, "answer_early_ms"));
    ck_assert(has_error(&errs, 6, "updates_per_transaction"));
    ck_assert_uint_eq(errs.n, 4);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

/* Paid broadcasts: 0 (off) to Telegram's 1000/s. */
START_TEST(paid_broadcast_rate_bounds)
{
    fb__config cfg;
    fb__config_errors errs = {0};

    fbtc_write_file(path, "[fitbot]\npaid_broadcast_rate = 1000\n", 0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), 0);
    ck_assert_int_eq(cfg.paid_broadcast_rate, 1000);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
    fbtc_write_file(path,
                    "[fitbot]\n"                    /* 1 */
                    "paid_broadcast_rate = 1001\n", /* 2 over 1000 */
                    0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    ck_assert(has_error(&errs, 2, "paid_broadcast_rate"));
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

START_TEST(print_names_path_and_line)
{
    fb__config cfg;
    fb__config_errors errs = {0};
    char buf[2048] = "";
    FILE *f;
    size_t n;

    /* the token pasted where it does not belong is not echoed */
    setenv("FITBOT_TOKEN", "99:pasted-SECRET-token-xyz", 1);
    fbtc_write_file(path,
                    "[fitbot]\nfoo = 1\n"
                    "api_url = ftp://x/bot99:pasted-SECRET-token-xyz/\n",
                    0600);
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), -1);
    f = tmpfile();
    fb__config_errors_print(&cfg, &errs, f);
    rewind(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "fitbot.conf:2: unknown key 'foo'"));
    ck_assert_ptr_nonnull(strstr(buf, "fitbot.conf:3: bad api_url"));
    ck_assert_ptr_null(strstr(buf, "pasted-SECRET"));
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

/* The commented default config shipped in packaging/ matches the parser:
 * with every setting uncommented it loads without a single mistake. */
START_TEST(shipped_sample_config)
{
    char tok[160], line[512];
    FILE *in = fopen(SAMPLE_CONFIG, "r"), *out;
    fb__config cfg;
    fb__config_errors errs = {0};
    int uncommented = 0, shipped_tz = 0;

    ck_assert_ptr_nonnull(in);
    snprintf(tok, sizeof tok, "%s/token", dir);
    fbtc_write_file(tok, "42:abcdefghijklmnop\n", 0600);
    out = fopen(path, "w");
    while (fgets(line, sizeof line, in)) {
        char *p = line, *at;
        shipped_tz += strcmp(line, "timezone = Asia/Kolkata\n") == 0;
        if (line[0] == ';' &&
            (line[1] == '[' || (line[1] >= 'a' && line[1] <= 'z'))) {
            p = line + 1;
            uncommented++;
        }
        if (strncmp(p, "token_file", 10) == 0)
            fprintf(out, "token_file = %s\n", tok);
        else if ((at = strchr(p, '@')) != NULL)
            fprintf(out, "%.*s%s\n", (int)(at - p), p, dir);
        else
            fputs(p, out);
    }
    fclose(in);
    fclose(out);
    ck_assert_int_ge(uncommented, 20);
    ck_assert_int_eq(shipped_tz, 1); /* set for the club, not commented */
    ck_assert_int_eq(fb__config_load(path, &cfg, &errs), 0);
    ck_assert_uint_eq(errs.n, 0);
    ck_assert_str_eq(cfg.timezone, "Asia/Kolkata");
    ck_assert_str_eq(fb__config_plugin_value(&cfg, "users", "approval"),
                     "staff");
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "config",
                                   .tcase = "config",
                                   .setup = setup,
                                   .teardown = teardown};

    return FBTC_RUN(&def, good_file, every_mistake_with_its_line,
                    token_file_problems, environment_wins, missing_files,
                    defaults, print_names_path_and_line, shipped_sample_config,
                    queue_bounds_checked, paid_broadcast_rate_bounds);
}
