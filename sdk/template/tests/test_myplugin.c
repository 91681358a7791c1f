/* Loads the plugin like the host does (dlopen + fitbot_plugin_v1), checks
 * its descriptor, and runs /ping against a stand-in host table that
 * records what the plugin sends. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

static int failures;
#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                        \
        }                                                                      \
    } while (0)

/* ---- a stand-in host: just enough for the handlers under test ---- */
struct fb_ctx {
    struct fb_ctx_head head;
    char sent[256];
    fb_keyboard kb;
};
struct fb_rows {
    const char *value;
};

static int64_t t_user(fb_ctx *c)
{
    return (void)c, 7000000001LL;
}
static fb_rows *t_query(fb_ctx *c, const char *sql, int n, const char *const *p)
{
    static fb_rows one = {"3"};
    (void)c, (void)sql;
    return n == 1 && strcmp(p[0], "7000000001") == 0 ? &one : NULL;
}
static int t_count(const fb_rows *r)
{
    return r ? 1 : 0;
}
static const char *t_get(const fb_rows *r, int row, int col)
{
    return row == 0 && col == 0 ? r->value : NULL;
}
static int t_send(fb_ctx *c, int64_t chat, const char *html,
                  const fb_keyboard *kb)
{
    (void)chat;
    snprintf(c->sent, sizeof c->sent, "%s", html);
    if (kb)
        c->kb = *kb;
    return 0;
}

/* ABI 1.2: context memory (a bump arena; handlers never free it) and the
 * sticky failure mark that libfitbot-sdk's helpers use. */
static unsigned char arena[1 << 18];
static size_t arena_used;
static int failed;

static void *t_alloc(fb_ctx *c, size_t n)
{
    void *p = arena + arena_used;

    (void)c;
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof arena - arena_used) {
        failed = 1;
        return NULL;
    }
    arena_used += n;
    return memset(p, 0, n);
}
static void t_fail(fb_ctx *c, const char *why)
{
    (void)c;
    fprintf(stderr, "handler failed: %s\n", why);
    failed = 1;
}
static int t_failed(fb_ctx *c)
{
    return (void)c, failed;
}

static const fb_host_api api = {.size = sizeof(fb_host_api),
                                .alloc = t_alloc,
                                .fail = t_fail,
                                .failed = t_failed,
                                .user_id = t_user,
                                .query = t_query,
                                .rows_count = t_count,
                                .rows_get = t_get,
                                .send = t_send};

static const fb_route *route(const fb_plugin *p, const char *match)
{
    for (const fb_route *r = p->routes; r && r->kind; r++)
        if (strcmp(r->match, match) == 0)
            return r;
    return NULL;
}

int main(void)
{
    void *so = dlopen(PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    const fb_plugin *(*entry)(void);
    const fb_plugin *p;
    const fb_route *r;
    struct fb_ctx c = {.head = {&api}};

    if (!so) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    *(void **)&entry = dlsym(so, FB_PLUGIN_ENTRY);
    CHECK(entry != NULL);
    if (!entry)
        return 1;
    p = entry();
    CHECK(p->magic == FB_PLUGIN_MAGIC);
    CHECK(p->abi_major == FB_ABI_MAJOR && p->abi_minor <= FB_ABI_MINOR);
    CHECK(p->size == sizeof(fb_plugin));
    CHECK(strcmp(p->name, "myplugin") == 0);
    r = route(p, "ping");
    CHECK(r && r->kind == FB_ROUTE_COMMAND && r->role == FB_ROLE_MEMBER);
    if (r) {
        CHECK(r->handler(&c) == FB_OK && !failed);
        CHECK(strcmp(c.sent, "pong #3") == 0);
        CHECK(c.kb.rows == 1 && strcmp(c.kb.b[0][0].data, "myp:ping") == 0);
        CHECK(route(p, c.kb.b[0][0].data) != NULL); /* the button is routed */
    }
    dlclose(so);
    if (failures == 0)
        printf("myplugin: all checks passed\n");
    return failures ? 1 : 0;
}
