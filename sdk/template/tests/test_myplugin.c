/* Unit test of myplugin's handlers on the SDK's stand-in host (fbhost.h):
 * the plugin is loaded like fitbot loads it (dlopen + fitbot_plugin_v1),
 * each run is one transaction on a real PostgreSQL (FITBOT_TEST_DATABASE_URL,
 * in a schema of its own that is dropped at the end), and what the plugin
 * sends is recorded. No daemon, no Bot API: milliseconds per run. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fbhost.h"

#define ASHA 7000000001LL /* a member whose id needs more than 32 bits */
#define SAM 1002LL        /* registered, not a member */

static int failures;
#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                        \
        }                                                                      \
    } while (0)
#define CHECK_STR(a, b) CHECK((a) && strcmp((a), (b)) == 0)

static const fb_plugin *load(void)
{
    void *so = dlopen(PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    const fb_plugin *(*entry)(void);

    if (!so) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return NULL;
    }
    *(void **)&entry = dlsym(so, FB_PLUGIN_ENTRY);
    return entry ? entry() : NULL;
}

/* A host on a private schema holding the plugin's migrations. */
static fbh_host *host_on_fresh_schema(const fb_plugin *p, char *schema)
{
    const char *url = getenv("FITBOT_TEST_DATABASE_URL");
    char sql[160];
    fbh_host *h;

    if (!url) {
        fprintf(stderr, "set FITBOT_TEST_DATABASE_URL to a PostgreSQL the "
                        "test may create a schema in\n");
        return NULL;
    }
    h = fbh_new(p, url);
    snprintf(schema, 32, "myplugin_test_%ld", (long)getpid());
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s; SET search_path = %s", schema,
             schema);
    if (!h || fbh_sql(h, sql) || fbh_migrate(h, SQL_DIR)) {
        fprintf(stderr, "set-up: %s\n", h ? fbh_failure(h) : "no host");
        fbh_free(h);
        return NULL;
    }
    return h;
}

static void pings_count_per_member(fbh_host *h)
{
    fbh_as(h, ASHA, FB_ROLE_MEMBER);
    CHECK(fbh_command(h, "/ping") == FB_OK);
    CHECK_STR(fbh_last(h), "pong #1");
    CHECK_STR(fbh_keyboard(h, -1), "Ping again");
    CHECK(fbh_press(h, fbh_button(h, -1, "Ping again")) == FB_OK);
    CHECK_STR(fbh_last(h), "pong #2");
    CHECK_STR(fbh_sql_value(h, "SELECT count FROM myplugin_pings WHERE "
                               "user_id = 7000000001"),
              "2");
}

static void strangers_are_refused(fbh_host *h)
{
    fbh_as(h, SAM, FB_ROLE_ANYONE);
    fbh_command(h, "/ping");
    CHECK_STR(fbh_last(h), "refused");
    CHECK_STR(fbh_sql_value(h, "SELECT count(*) FROM myplugin_pings WHERE "
                               "user_id = 1002"),
              "0");
}

/* A failed query fails the handler by itself: nothing is sent. */
static void a_failed_query_rolls_back(fbh_host *h)
{
    int before = fbh_count(h);

    CHECK(fbh_sql(h, "ALTER TABLE myplugin_pings RENAME TO gone") == 0);
    fbh_as(h, ASHA, FB_ROLE_MEMBER);
    CHECK(fbh_command(h, "/ping") == FB_ERR);
    CHECK(fbh_count(h) == before);
    CHECK(fbh_failure(h) != NULL);
}

int main(void)
{
    const fb_plugin *p = load();
    char schema[32], drop[64];
    fbh_host *h;

    CHECK(p && p->magic == FB_PLUGIN_MAGIC && p->abi_major == FB_ABI_MAJOR);
    if (!p || !(h = host_on_fresh_schema(p, schema)))
        return 1;
    CHECK_STR(p->name, "myplugin");
    pings_count_per_member(h);
    strangers_are_refused(h);
    a_failed_query_rolls_back(h);
    snprintf(drop, sizeof drop, "DROP SCHEMA %s CASCADE", schema);
    fbh_sql(h, drop);
    fbh_free(h);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
