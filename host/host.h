/* host: the assembled daemon — config in, plugins loaded, routes built,
 * migrations applied, init() run, then poller + workers + scheduler +
 * sweeper until stopped. What main.c calls. */
#ifndef FITBOT_HOST_H
#define FITBOT_HOST_H

#include <stddef.h>
#include <stdio.h>

typedef struct fb__config fb__config;
typedef struct fb__host fb__host;

/* Build a host from a validated config: load plugins, build the route
 * table, open the pool, apply migrations, run every plugin's init() (each
 * in its own transaction). Does not start polling.
 * On failure returns NULL with a one-line reason in err (no token in it);
 * everything acquired so far is released. The config must outlive the
 * host. */
fb__host *fb__host_new(const fb__config *cfg, char *err, size_t errlen);

/* Run until fb__host_stop(): poll, dispatch, schedule, sweep. Logs a line
 * with event=ready once polling. On stop: stop taking updates, finish the
 * handlers in flight, flush the outbox (bounded), acknowledge the offset.
 * Returns 0 after a clean stop, -1 on a fatal error (logged). */
int fb__host_run(fb__host *h);

/* Ask a running host to stop. Async-signal-safe (sets a flag and writes
 * one byte to a pipe); may be called before or during fb__host_run. */
void fb__host_stop(fb__host *h);

/* Ask a running host to read its configuration file again (SIGHUP).
 * Async-signal-safe (one byte to a pipe). The scheduler's thread then
 * loads the file; a file with mistakes is refused whole (each mistake
 * logged as event=reload_refused) and nothing changes. Otherwise the log
 * level and the enable/disable lists take effect at once: a loaded
 * plugin now disabled answers "This feature is not available." and its
 * jobs wait; enabled again, it serves again. Keys that need a restart
 * (a plugin not loaded at start among them) are named in the log. */
void fb__host_reload(fb__host *h);

/* Run every plugin's fini() and release everything. NULL is a no-op. */
void fb__host_free(fb__host *h);

/* `fitbot plugins`: read the plugin folder (descriptors only: no init, no
 * database) and print every plugin found: loaded, disabled or refused with
 * the reason. Returns 0, or 1 when a plugin was refused (so scripts can
 * notice), -1 on an unreadable folder. */
int fb__host_print_plugins(const fb__config *cfg, FILE *out);

/* `fitbot check-config`'s look at the plugins: load the descriptors (as
 * above) and print "PATH: plugin NAME refused: REASON (FILE)" for each
 * refusal (a missing migrations folder names the path looked for).
 * Returns the number of refusals; 0 when the folder cannot be read. */
int fb__host_check_plugins(const fb__config *cfg, FILE *out);

/* `fitbot routes`: load descriptors as above and print the route table
 * (kind, match, plugin, role, priority, flow) plus conflicts. Returns 0,
 * 1 when something was refused, -1 on error. */
int fb__host_print_routes(const fb__config *cfg, FILE *out);

/* `fitbot migrate`: load descriptors, open one connection and apply the
 * core and plugin migrations. Prints what was applied. Returns 0 or -1
 * (reason printed to out and logged). */
int fb__host_migrate(const fb__config *cfg, FILE *out);

/* `fitbot quarantine replay ID`: the held update ID (fb_quarantine) run
 * once through the normal path, with the plugins loaded and initialised
 * and its replies sent (no other undelivered row is touched: that is the
 * daemon's). Handled (or found processed already): the row is removed;
 * failed: kept, runs + 1. Returns 0, or -1 (said on out). */
int fb__host_quarantine_replay(const fb__config *cfg, const char *id,
                               FILE *out);

#endif
