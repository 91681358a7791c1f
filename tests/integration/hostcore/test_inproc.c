/* Dispatch in-process against a real PostgreSQL, for what the sandbox
 * cannot provoke: the same update delivered twice (one after the other,
 * two at once, and among others handled in one transaction) applies once; a handler failing after several queries writes
 * nothing and leaves every pooled connection idle. */
#include "hc.h"

#include <pthread.h>

#include "api.h"
#include "config.h"
#include "dispatch.h"
#include "migrate.h"

typedef struct world {
    fbt_env *e;
    fb__config cfg;
    fb__core core;
} world;

static void setup(world *w)
{
    fbt_options o = {0};
    fb__loader_opts lo = {0};
    const char *enable[] = {"tp_flow", "tp_sub"};
    const char *scopes[] = {"core", "tp_flow"};
    char err[512];
    PGconn *c;
    memset(w, 0, sizeof *w);
    o.no_host = 1;
    o.plugin_dir = TP_RUN_DIR;
    o.sql_dirs = "tp_flow=" TP_SQL_DIR;
    w->e = fbtc_start(&o);
    ck_assert_int_eq(fb__config_load(fbt_config_path(w->e), &w->cfg, NULL), 0);
    free(w->cfg.database_url);
    w->cfg.database_url = strdup(fbt_db_url(w->e));
    w->core.cfg = &w->cfg;
    lo.dir = TP_RUN_DIR;
    lo.enable = enable;
    lo.nenable = 2;
    ck_assert_int_eq(fb__loader_load(&lo, &w->core.plugins, err, sizeof err),
                     0);
    w->core.router = fb__router_new(w->core.plugins, 0, err, sizeof err);
    ck_assert_msg(w->core.router, "%s", err);
    c = fb__pool_connect(w->cfg.database_url, NULL, err, sizeof err);
    ck_assert_msg(c, "%s", err);
    ck_assert_msg(fb__migrate(c, w->cfg.sql_dir, scopes, 2, NULL, NULL, err,
                              sizeof err) >= 0,
                  "%s", err);
    PQfinish(c);
    w->core.pool =
        fb__pool_new(w->cfg.database_url, NULL, 1, 4, 2000, err, sizeof err);
    ck_assert_msg(w->core.pool, "%s", err);
}

static void teardown(world *w)
{
    fb__pool_free(w->core.pool);
    fb__router_free(w->core.router);
    fb__plugins_free(w->core.plugins);
    fb__config_free(&w->cfg);
    fbt_stop(w->e);
}

/* A text message update from user (private chat). */
static cJSON *message(int64_t update_id, int64_t user, const char *text)
{
    char buf[512];
    snprintf(buf, sizeof buf,
             "{\"update_id\":%" PRId64 ",\"message\":{\"message_id\":9,"
             "\"from\":{\"id\":%" PRId64 ",\"first_name\":\"R\"},"
             "\"chat\":{\"id\":%" PRId64 ",\"type\":\"private\"},"
             "\"text\":\"%s\"}}",
             update_id, user, user, text);
    return cJSON_Parse(buf);
}

static int dispatch_json(world *w, cJSON *j)
{
    fb__update u;
    ck_assert_int_eq(fb__update_parse(j, "", &u), 0);
    return fb__dispatch(&w->core, &u);
}

/* How many of the update ids (comma-separated) are claimed. */
static long long claimed(fbt_env *e, const char *ids)
{
    const char *p[] = {ids};
    return fbtc_sql_int(e,
                        "SELECT count(*) FROM fb_processed_updates WHERE "
                        "update_id = ANY (string_to_array($1, ',')::bigint[])",
                        1, p);
}

typedef struct racer {
    world *w;
    cJSON *j;
    int rc;
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    r->rc = dispatch_json(r->w, r->j);
    return NULL;
}

START_TEST(redelivered_update_applies_once)
{
    world w;
    cJSON *j, *k;
    racer a, b;
    pthread_t ta, tb;
    setup(&w);
    j = message(77, 401, "/pub ok");
    ck_assert_int_eq(dispatch_json(&w, j), 0);
    ck_assert_int_eq(dispatch_json(&w, j), 0); /* redelivery */
    ck_assert_int_eq(hc_marks(w.e, "pub"), 1);
    ck_assert_int_eq(hc_marks(w.e, "sub"), 1);
    ck_assert_int_eq(claimed(w.e, "77"), 1);
    /* the same update handled by two workers at once (double delivery) */
    k = message(78, 402, "/pub ok");
    a = (racer){&w, k, -9};
    b = (racer){&w, k, -9};
    pthread_create(&ta, NULL, race, &a);
    pthread_create(&tb, NULL, race, &b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    ck_assert_int_eq(a.rc, 0);
    ck_assert_int_eq(b.rc, 0);
    ck_assert_int_eq(hc_marks(w.e, "pub"), 2);
    ck_assert_int_eq(hc_marks(w.e, "sub"), 2);
    cJSON_Delete(j);
    cJSON_Delete(k);
    teardown(&w);
}
END_TEST

/* A redelivered update among waiting ones handled together
 * (fb__dispatch_group): skipped, the other one applied, each once. */
START_TEST(redelivered_update_in_a_group_applies_once)
{
    world w;
    cJSON *j[3] = {message(79, 403, "/pub ok"), message(80, 404, "/pub ok"),
                   message(81, 405, "/pub ok")};
    fb__update us[3];
    const fb__update *ps[3] = {&us[0], &us[1], &us[2]};
    int rcs[3] = {-9, -9, -9};
    setup(&w);
    ck_assert_int_eq(dispatch_json(&w, j[0]), 0);
    for (int i = 0; i < 3; i++) /* 79 again: a redelivery */
        ck_assert_int_eq(fb__update_parse(j[i], "", &us[i]), 0);
    fb__dispatch_group(&w.core, ps, 3, rcs);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(rcs[i], 0);
    ck_assert_int_eq(hc_marks(w.e, "pub"), 3);
    ck_assert_int_eq(hc_marks(w.e, "sub"), 3);
    ck_assert_int_eq(claimed(w.e, "79,80,81"), 3);
    /* 80 and 81 in one transaction: the skip did not break the group */
    ck_assert_int_eq(fbtc_sql_int(w.e,
                                  "SELECT count(DISTINCT xmin::text) FROM "
                                  "tp_marks WHERE what = 'pub' AND who IN "
                                  "(404, 405)",
                                  0, NULL),
                     1);
    for (int i = 0; i < 3; i++)
        cJSON_Delete(j[i]);
    teardown(&w);
}
END_TEST

START_TEST(failing_handler_leaves_pool_idle)
{
    world w;
    int open = -1, idle = -2, waiting = -1;
    cJSON *j;
    setup(&w);
    for (int i = 0; i < 6; i++) {
        j = message(100 + i, 403, "/fail");
        ck_assert_int_eq(dispatch_json(&w, j), 0);
        cJSON_Delete(j);
    }
    ck_assert_int_eq(hc_marks(w.e, "fail"), 0);
    /* a failed update is not recorded as processed either */
    ck_assert_int_eq(
        fbtc_sql_int(w.e, "SELECT count(*) FROM fb_processed_updates", 0, NULL),
        0);
    fb__pool_stats(w.core.pool, &open, &idle, &waiting);
    ck_assert_int_ge(open, 1);
    ck_assert_int_eq(idle, open);
    ck_assert_int_eq(waiting, 0);
    ck_assert_int_eq(fbtc_sql_int(w.e,
                                  "SELECT count(*) FROM pg_stat_activity "
                                  "WHERE datname = current_database() AND "
                                  "pid <> pg_backend_pid() AND state <> "
                                  "'idle'",
                                  0, NULL),
                     0);
    /* the sender's row went with the rollback; the next update writes it */
    j = message(200, 403, "/start");
    ck_assert_int_eq(dispatch_json(&w, j), 0);
    cJSON_Delete(j);
    ck_assert_int_eq(fbtc_sql_int(w.e,
                                  "SELECT count(*) FROM fb_users WHERE "
                                  "id = 403",
                                  0, NULL),
                     1);
    teardown(&w);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "hostcore_inproc", .tcase = "inproc", .timeout = 60};

    return FBTC_RUN(&def, redelivered_update_applies_once,
                    redelivered_update_in_a_group_applies_once,
                    failing_handler_leaves_pool_idle);
}
