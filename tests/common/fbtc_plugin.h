/* fbtc_plugin: a production plugin as a unit test loads it for the
 * stand-in host (fbhost.h), with the test's own routes and subscriptions
 * added (a command that prints what a request answered, a fake of another
 * plugin's request). */
#ifndef FITBOT_TEST_FBTC_PLUGIN_H
#define FITBOT_TEST_FBTC_PLUGIN_H

#include <fitbot/plugin.h>

/* dlopen the plugin at path and return a copy of its descriptor whose
 * routes are its own followed by routes (NULL or {0}-ended) and whose
 * subscriptions are its own followed by subs (likewise). One plugin per
 * test program (the copy is static). Fails the test when the plugin
 * cannot be loaded. */
const fb_plugin *fbtc_plugin_plus(const char *path, const fb_route *routes,
                                  const fb_subscription *subs);

#endif
