/* fbtc_plugin: see fbtc_plugin.h. */
#include "fbtc_plugin.h"

#include <check.h>
#include <dlfcn.h>
#include <stddef.h>

#define MORE_MAX 128

static fb_plugin wrapped;
static fb_route all_routes[MORE_MAX];
static fb_subscription all_subs[MORE_MAX];

const fb_plugin *fbtc_plugin_plus(const char *path, const fb_route *routes,
                                  const fb_subscription *subs)
{
    void *so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    const fb_plugin *(*entry)(void);
    size_t n = 0, m = 0;

    ck_assert_msg(so, "dlopen: %s", dlerror());
    *(void **)&entry = dlsym(so, FB_PLUGIN_ENTRY);
    ck_assert_ptr_nonnull(entry);
    wrapped = *entry();
    for (const fb_route *r = wrapped.routes; r && r->kind; r++) {
        ck_assert_uint_lt(n + 1, MORE_MAX); /* and the end mark */
        all_routes[n++] = *r;
    }
    for (const fb_route *r = routes; r && r->kind; r++) {
        ck_assert_uint_lt(n + 1, MORE_MAX);
        all_routes[n++] = *r;
    }
    for (const fb_subscription *s = wrapped.subs; s && s->event; s++) {
        ck_assert_uint_lt(m + 1, MORE_MAX);
        all_subs[m++] = *s;
    }
    for (const fb_subscription *s = subs; s && s->event; s++) {
        ck_assert_uint_lt(m + 1, MORE_MAX);
        all_subs[m++] = *s;
    }
    all_routes[n] = (fb_route){0};
    all_subs[m] = (fb_subscription){0};
    wrapped.routes = all_routes;
    wrapped.subs = all_subs;
    return &wrapped;
}
